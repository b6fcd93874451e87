/* The implied SoA as a view (text ... XLSX) and as a draft SoA file. */
#include "isms/soaview.h"
#include "isms/buf.h"
#include "isms/html.h"
#include "isms/json.h"
#include "isms/xlsx.h"

#include <string.h>

static const char *const soaview_head[] = {
    "control", "title",	    "applicable", "justification",
    "status",  "documents", "conflict"};
#define SOAVIEW_NCOLS 7

/* The row's document ids joined by sep. */
static void soaview_doc_list(struct buf *b, const struct soaview_row *row,
			     const char *sep)
{
	size_t i;

	buf_truncate(b, 0);
	for (i = 0; i < row->ndocuments; i++)
		buf_addf(b, "%s%s", i ? sep : "", row->documents[i]);
}

/* The header, then one row per control. */
void soaview_table(struct otable *t, const struct soaview *v)
{
	struct buf docs = BUF_INIT;
	size_t i;

	otable_init(t, SOAVIEW_NCOLS, soaview_head);
	for (i = 0; i < v->len; i++) {
		const struct soaview_row *row = &v->rows[i];
		const char *cells[SOAVIEW_NCOLS];

		soaview_doc_list(&docs, row, ", ");
		cells[0] = row->id;
		cells[1] = row->title;
		cells[2] = row->applicable ? "yes" : "no";
		cells[3] = row->justification;
		cells[4] = impl_status_name(row->status);
		cells[5] = docs.ptr;
		cells[6] = row->conflict;
		otable_add(t, cells);
	}
	buf_release(&docs);
}

/* A string, or null when it is absent or empty. */
static json_t *soaview_json_text(const char *s)
{
	return s && *s ? json_text(s) : NULL;
}

/* One row as a JSON object. */
static json_t *soaview_row_json(const struct soaview_row *row)
{
	json_t *o = json_object(), *docs = json_array();
	size_t i;

	for (i = 0; i < row->ndocuments; i++)
		json_array_append_new(docs, json_text(row->documents[i]));
	json_put(o, "control", json_text(row->id));
	json_put(o, "title", soaview_json_text(row->title));
	json_put(o, "own", json_boolean(row->control < 0));
	json_put(o, "applicable", json_boolean(row->applicable));
	json_put(o, "justification", soaview_json_text(row->justification));
	json_put(o, "status", soaview_json_text(impl_status_name(row->status)));
	json_put(o, "soa_status",
		 soaview_json_text(impl_status_name(row->declared)));
	json_put(o, "documents", docs);
	json_put(o, "conflict", soaview_json_text(row->conflict));
	return o;
}

/* {"soa": path, "controls": [...]}. */
static int soaview_json(FILE *out, const struct soaview *v)
{
	json_t *root = json_object(), *rows = json_array();
	size_t i;

	for (i = 0; i < v->len; i++)
		json_array_append_new(rows, soaview_row_json(&v->rows[i]));
	json_put(root, "soa", json_text(v->soa_path));
	json_put(root, "controls", rows);
	return json_write(out, root);
}

/* A page with the SoA's path (or its absence) and one table. */
static void soaview_html(FILE *out, const struct soaview *v)
{
	struct otable t;

	html_begin(out, "Statement of Applicability");
	fputs("<h1>Statement of Applicability</h1>\n<p class=\"muted\">", out);
	if (v->soa_path) {
		fputs("Applicability and justification from ", out);
		html_escape(out, v->soa_path);
		fputs("; implementation and documents from the map.", out);
	} else {
		fputs("No SoA file: every control is taken as applicable.",
		      out);
	}
	fputs("</p>\n", out);
	soaview_table(&t, v);
	html_table(out, &t, NULL);
	otable_release(&t);
	html_end(out);
}

/* JSON and HTML have their own writers; the rest is a table. */
int render_soaview(FILE *out, const struct soaview *v, enum format f)
{
	struct otable t;
	int rc;

	if (f == FORMAT_JSON)
		return soaview_json(out, v);
	if (f == FORMAT_HTML) {
		soaview_html(out, v);
		return 0;
	}
	soaview_table(&t, v);
	rc = otable_write(out, &t, f);
	otable_release(&t);
	return rc;
}

/* The table on one sheet. */
int soaview_write_xlsx(const char *path, bool force, const struct soaview *v)
{
	struct xlsx_sheet sheet;
	struct otable t;
	int rc;

	soaview_table(&t, v);
	sheet = (struct xlsx_sheet){"Statement of Applicability", &t};
	rc = xlsx_write(path, force, &sheet, 1);
	otable_release(&t);
	return rc;
}

/* Can s stand as a plain YAML scalar?  Letters, digits, a few marks. */
static bool soaview_yaml_plain(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (!*p || !((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		     (*p >= '0' && *p <= '9')))
		return false;
	for (; *p; p++)
		if (!strchr(" -_.,()/&'", *p) &&
		    !((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		      (*p >= '0' && *p <= '9') || *p >= 0x80))
			return false;
	return p[-1] != ' ';
}

/* "key: value", double-quoted and escaped unless plain is safe. */
static void soaview_yaml(FILE *out, const char *key, const char *value)
{
	const char *p;

	if (!value || !*value) {
		fprintf(out, "%s:\n", key);
		return;
	}
	if (soaview_yaml_plain(value)) {
		fprintf(out, "%s: %s\n", key, value);
		return;
	}
	fprintf(out, "%s: \"", key);
	for (p = value; *p; p++) {
		if (*p == '"' || *p == '\\')
			fputc('\\', out);
		if (*p == '\n')
			fputs("\\n", out);
		else if (*p != '\r')
			fputc(*p, out);
	}
	fputs("\"\n", out);
}

/* One CSV field, quoted when it holds a separator, quote or line end. */
static void soaview_csv_field(FILE *out, const char *s, bool last)
{
	size_t n = strlen(s);

	if (!strpbrk(s, ",\"\r\n") && (!n || (s[0] != ' ' && s[n - 1] != ' ')))
		fputs(s, out);
	else {
		fputc('"', out);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', out);
			fputc(*s, out);
		}
		fputc('"', out);
	}
	fputc(last ? '\n' : ',', out);
}

/* The front matter: the current SoA's id, title and owner, as a draft. */
static void soaview_front_matter(FILE *out, const struct repo *r)
{
	const struct document *d = r->soa.doc;

	fputs("---\n", out);
	soaview_yaml(out, "id", d && d->id ? d->id : "SOA-001");
	soaview_yaml(out, "title",
		     d && d->title ? d->title : "Statement of Applicability");
	fputs("type: soa\n", out);
	soaview_yaml(out, "owner", d ? d->owner : NULL);
	fputs("status: draft\n---\n", out);
}

/* Front matter, header, one CSV line per row of the view. */
int soaview_write_draft(FILE *out, const struct repo *r,
			const struct soaview *v)
{
	struct buf docs = BUF_INIT;
	size_t i;

	soaview_front_matter(out, r);
	fputs("control,applicable,justification,status,documents\n", out);
	for (i = 0; i < v->len; i++) {
		const struct soaview_row *row = &v->rows[i];

		soaview_doc_list(&docs, row, ";");
		soaview_csv_field(out, row->id, false);
		soaview_csv_field(out, row->applicable ? "yes" : "no", false);
		soaview_csv_field(
		    out, row->justification ? row->justification : "", false);
		soaview_csv_field(out, impl_status_name(row->status), false);
		soaview_csv_field(out, buf_cstr(&docs), true);
	}
	buf_release(&docs);
	return ferror(out) ? -1 : 0;
}
