/*
 * The starter files of `isms init`: which templates exist and how their
 * placeholders are filled.  Writing the files is the command's job.
 */
#include "isms/scaffold.h"
#include "isms/catalog.h"

#include <string.h>

int scaffold_has_template(const char *name)
{
	size_t i;

	for (i = 0; i < template_file_count; i++)
		if (!strcmp(template_files[i].template, name))
			return 1;
	return 0;
}

void scaffold_template_names(struct buf *out, const char *sep)
{
	size_t i;

	for (i = 0; i < template_file_count; i++) {
		const char *name = template_files[i].template;

		if (i > 0 && !strcmp(template_files[i - 1].template, name))
			continue;
		buf_addf(out, "%s%s", i ? sep : "", name);
	}
}

/* Append s as one CSV field, quoted when it holds a comma or a quote. */
static void scaffold_csv_field(struct buf *out, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		buf_adds(out, s);
		return;
	}
	buf_addch(out, '"');
	for (; *s; s++) {
		if (*s == '"')
			buf_addch(out, '"');
		buf_addch(out, *s);
	}
	buf_addch(out, '"');
}

/*
 * One SoA row per Annex A control, in the columns of the template's
 * header (control,title,applicable,justification,status,documents).
 * The justification stays empty: clause 6.1.3 d asks for the reason
 * each control is included, and only the author can give it, so isms
 * check keeps asking (soa-inclusion) until it is written.
 */
static void scaffold_soa_rows(struct buf *out)
{
	size_t i;

	for (i = 0; i < catalog_control_count; i++) {
		buf_adds(out, catalog_controls[i].id);
		buf_addch(out, ',');
		scaffold_csv_field(out, catalog_controls[i].title);
		buf_adds(out, ",yes,,planned,\n");
	}
}

/* Append the value of placeholder name[0..len); 0 if it is unknown. */
static int scaffold_value(struct buf *out, const char *name, size_t len,
			  const struct scaffold_values *v)
{
	if (len == 5 && !strncmp(name, "today", len))
		buf_adds(out, v->today);
	else if (len == 12 && !strncmp(name, "organisation", len))
		buf_adds(out, v->organisation);
	else if (len == 8 && !strncmp(name, "soa_rows", len))
		scaffold_soa_rows(out);
	else
		return 0;
	return 1;
}

void scaffold_expand(struct buf *out, const struct template_file *f,
		     const struct scaffold_values *v)
{
	const char *s = f->text, *end = f->text + f->len;

	while (s < end) {
		const char *open = strstr(s, "{{");
		const char *close = open ? strstr(open + 2, "}}") : NULL;

		if (!close) {
			buf_add(out, s, (size_t)(end - s));
			return;
		}
		buf_add(out, s, (size_t)(open - s));
		if (!scaffold_value(out, open + 2, (size_t)(close - open - 2),
				    v))
			buf_add(out, open, (size_t)(close + 2 - open));
		s = close + 2;
	}
}

int scaffold_organisation_ok(const char *name)
{
	const unsigned char *s = (const unsigned char *)name;

	if (!*s || strstr(name, "{{"))
		return 0;
	for (; *s; s++)
		if (*s < 0x20 || *s == 0x7f || *s == '"' || *s == '\\')
			return 0;
	return 1;
}
