/*
 * The customer pack as one HTML page (bodies rendered by md4c-html) or
 * one Markdown document.  Every title and cell is escaped; raw HTML in
 * a body is shown as text, never passed through.
 */
#include "isms/pack.h"
#include "isms/alloc.h"
#include "isms/buf.h"
#include "isms/catalog.h"
#include "isms/html.h"
#include "isms/otable.h"
#include "isms/table.h"
#include "isms/yaml.h"

#include <limits.h>
#include <md4c-html.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/*
 * md4c 0.4.8 reads a byte or two past its input in some unclosed links,
 * and pads short table rows to the header's width, so that a wide
 * header over many short rows costs cells quadratic in the input (see
 * src/read/markdown.c).  Bodies are parsed from a copy followed by zero
 * bytes, and a body whose tables pass these bounds is rendered with
 * tables off.
 */
#define PACK_PAD	   16
#define PACK_TABLE_COLUMNS 128
#define PACK_TABLE_SLACK   65536

/* The parser flags: GitHub's dialect, raw HTML shown as text. */
#define PACK_MD_FLAGS (MD_DIALECT_GITHUB | MD_FLAG_NOHTML)

/* The count of table cells md4c has handed over, against the bound. */
struct pack_cells {
	size_t cells, max;
};

/* Count cells; stop the parse (non-zero) past the bounds. */
static int pack_count_enter(MD_BLOCKTYPE type, void *detail, void *data)
{
	struct pack_cells *c = data;

	if (type == MD_BLOCK_TABLE &&
	    ((MD_BLOCK_TABLE_DETAIL *)detail)->col_count > PACK_TABLE_COLUMNS)
		return 1;
	if (type == MD_BLOCK_TH || type == MD_BLOCK_TD)
		c->cells++;
	return c->cells > c->max;
}

/* A callback that does nothing: only blocks are counted. */
static int pack_count_none(MD_BLOCKTYPE type, void *detail, void *data)
{
	(void)type, (void)detail, (void)data;
	return 0;
}

/* A span callback that does nothing. */
static int pack_count_span(MD_SPANTYPE type, void *detail, void *data)
{
	(void)type, (void)detail, (void)data;
	return 0;
}

/* A text callback that does nothing. */
static int pack_count_text(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size,
			   void *data)
{
	(void)type, (void)text, (void)size, (void)data;
	return 0;
}

/*
 * Are the tables of copy[0..size) inside the bounds?  md4c fails (-1)
 * only when it runs out of memory; pack_count_enter() stops it with 1.
 */
static bool pack_tables_ok(const char *copy, size_t size)
{
	struct pack_cells c = {0, 2 * size + PACK_TABLE_SLACK};
	const MD_PARSER parser = {
	    0,
	    PACK_MD_FLAGS,
	    pack_count_enter,
	    pack_count_none,
	    pack_count_span,
	    pack_count_span,
	    pack_count_text,
	    NULL,
	    NULL,
	};

	int rc = md_parse(copy, (MD_SIZE)size, &parser, &c);

	if (rc < 0)
		alloc_die();
	return rc == 0;
}

/* md4c-html's output callback: into a buffer, filtered afterwards. */
static void pack_html_out(const MD_CHAR *text, MD_SIZE size, void *data)
{
	buf_add(data, text, size);
}

/*
 * May a link go to url?  Web and mail addresses, anchors and relative
 * paths; not javascript:, data: or any other scheme.
 */
static bool pack_url_ok(const char *url, size_t len)
{
	size_t i = strcspn(url, ":/?#\"");

	if (i >= len || url[i] != ':')
		return true;
	return (i == 4 && !strncasecmp(url, "http", 4)) ||
	       (i == 5 && !strncasecmp(url, "https", 5)) ||
	       (i == 6 && !strncasecmp(url, "mailto", 6));
}

/*
 * Copy md4c-html's output with every link that could run script sent to
 * "#", and every image source emptied (a pack loads nothing; the alt
 * text stays).  Text is escaped by md4c, so these attribute openings
 * come from md4c alone.
 */
static void pack_html_filter(FILE *out, const char *html)
{
	const char *p = html, *href, *src, *at, *end;
	bool link;

	for (;;) {
		href = strstr(p, " href=\"");
		src = strstr(p, " src=\"");
		link = href && (!src || href < src);
		at = link ? href + 7 : src ? src + 6 : NULL;
		if (!at)
			break;
		fwrite(p, 1, (size_t)(at - p), out);
		end = strchr(at, '"');
		if (!end)
			end = at + strlen(at);
		if (link && pack_url_ok(at, (size_t)(end - at)))
			fwrite(at, 1, (size_t)(end - at), out);
		else if (link)
			fputc('#', out);
		p = end;
	}
	fputs(p, out);
}

/*
 * Render a Markdown body as HTML; -1 for a body too large for md4c.  Its
 * one other failure is memory (pack_html_out() never stops it), which
 * stops isms.
 */
int pack_html_text(FILE *out, const char *body)
{
	size_t size = strlen(body);
	struct buf html = BUF_INIT;
	char *copy;
	unsigned flags = PACK_MD_FLAGS;
	int rc;

	if (size > UINT_MAX)
		return -1;
	copy = xcalloc(1, size + PACK_PAD);
	memcpy(copy, body, size);
	if (!pack_tables_ok(copy, size))
		flags &= ~(unsigned)MD_FLAG_TABLES;
	rc = md_html(copy, (MD_SIZE)size, pack_html_out, &html, flags,
		     MD_HTML_FLAG_SKIP_UTF8_BOM);
	if (rc < 0)
		alloc_die();
	if (rc == 0)
		pack_html_filter(out, buf_cstr(&html));
	buf_release(&html);
	free(copy);
	return rc;
}

/* "d-POL-001": an anchor of letters, digits, '-', '_' and '.'. */
static void pack_anchor(struct buf *b, const char *id)
{
	buf_truncate(b, 0);
	buf_adds(b, "d-");
	for (; *id; id++)
		buf_addch(b, (*id >= 'a' && *id <= 'z') ||
				     (*id >= 'A' && *id <= 'Z') ||
				     (*id >= '0' && *id <= '9') || *id == '-' ||
				     *id == '_' || *id == '.'
				 ? *id
				 : '-');
}

/* The page's title: "Acme Managed Services: security overview". */
static void pack_title(struct buf *b, const struct pack *p)
{
	const char *org = p->repo->config.organisation;

	buf_truncate(b, 0);
	if (org && *org)
		buf_addf(b, "%s: security overview", org);
	else
		buf_adds(b, "Security overview");
}

/*
 * The name of the pack's service: its catalogue name when the catalogue
 * itself may be shared, else its id.
 */
static const char *pack_service_name(const struct pack *p)
{
	const struct service *s = p->entry;

	if (s && s->doc->shareable && s->doc->status == STATUS_APPROVED &&
	    *s->name)
		return s->name;
	return p->service;
}

/* The intro sentence after the title. */
static void pack_intro(struct buf *b, const struct pack *p)
{
	char when[11];

	date_format(p->repo->today, when);
	buf_truncate(b, 0);
	if (p->service)
		buf_addf(b, "Service line %s ('%s'). ", pack_service_name(p),
			 p->service);
	buf_addf(b,
		 "%zu approved document%s that may be shared with customers, "
		 "as of %s, each with the ISO/IEC 27001:2022 Annex A controls "
		 "it supports.",
		 p->len, p->len == 1 ? "" : "s", when);
}

/* "POL-001, policy, version 1.2, approved on 2026-02-16". */
static void pack_facts(struct buf *b, const struct document *d)
{
	char when[11];

	buf_truncate(b, 0);
	buf_addf(b, "%s, %s", d->id, doc_type_name(d->type));
	if (d->version)
		buf_addf(b, ", version %s", d->version);
	if (d->approved_on) {
		date_format(d->approved_on, when);
		buf_addf(b, ", approved on %s", when);
	}
	if (d->next_review) {
		date_format(d->next_review, when);
		buf_addf(b, ", next review %s", when);
	}
}

/* The controls of d in catalog order: control, title, coverage. */
static void pack_controls(struct otable *t, const struct document *d)
{
	static const char *const head[] = {"control", "title", "coverage"};
	size_t i, j;

	otable_init(t, 3, head);
	for (i = 0; i < catalog_control_count; i++)
		for (j = 0; j < d->ncontrols; j++) {
			const char *row[3];

			if (d->controls[j].control != (int)i)
				continue;
			row[0] = catalog_controls[i].id;
			row[1] = catalog_controls[i].title;
			row[2] = coverage_name(d->controls[j].coverage);
			otable_add(t, row);
			break;
		}
}

/* "nis2: 21(2)(d); soc2: CC6.1, CC6.2" from d's frameworks. */
static void pack_frameworks(struct buf *b, const struct document *d)
{
	const struct ynode *f = d->frameworks;
	size_t i, k;

	buf_truncate(b, 0);
	for (i = 0; f && f->kind == YNODE_MAP && i < f->count; i++) {
		const struct ynode *v = f->members[i].value;

		buf_addf(b, "%s%s: ", i ? "; " : "", f->members[i].key);
		if (v->kind == YNODE_SCALAR)
			buf_adds(b, v->null ? "" : v->str);
		for (k = 0; v->kind == YNODE_SEQ && k < v->count; k++)
			if (v->items[k]->kind == YNODE_SCALAR)
				buf_addf(b, "%s%s", k ? ", " : "",
					 v->items[k]->str);
	}
}

/*
 * The rows of a part as a table: all, or those of the pack's service.
 * False (and t untouched) when the part has no header row.
 */
static bool pack_rows(struct otable *t, const struct pack *p,
		      const struct pack_part *part)
{
	const struct csv_table *rows = part->rows;
	const char **cells;
	size_t i, c, n = 0;

	if (!rows->nrows)
		return false;
	for (i = 0; i < rows->nrows; i++)
		n = rows->rows[i].ncells > n ? rows->rows[i].ncells : n;
	cells = xcalloc(n + 1, sizeof(*cells));
	for (i = 0; i < rows->nrows; i++) {
		const struct csv_row *row = &rows->rows[i];

		if (i && part->row_col >= 0 && p->service &&
		    strcmp(table_cell(row, part->row_col), p->service))
			continue;
		for (c = 0; c < n; c++)
			cells[c] = table_cell(row, (int)c);
		if (i == 0)
			otable_init(t, n, cells);
		else
			otable_add(t, cells);
	}
	free(cells);
	return true;
}

/* The registers' figures a customer may see: those with registers. */
static void pack_figures(struct otable *t, const struct pack *p)
{
	static const char *const head[] = {"area", "figure", "value", "unit"};
	size_t i;

	otable_init(t, 4, head);
	for (i = 0; i < p->metrics.len; i++) {
		const struct metric *m = &p->metrics.items[i];
		char v[32];
		const char *row[4];

		if (!m->nregisters || m->type == METRIC_NONE)
			continue;
		if (m->type == METRIC_COUNT)
			snprintf(v, sizeof(v), "%ld", m->count);
		else
			snprintf(v, sizeof(v), "%.2f", m->real);
		row[0] = m->section;
		row[1] = m->name;
		row[2] = v;
		row[3] = m->unit;
		otable_add(t, row);
	}
}

/* An element <tag> holding escaped text. */
static void pack_html_el(FILE *out, const char *tag, const char *attrs,
			 const char *text)
{
	fprintf(out, "<%s%s>", tag, attrs);
	html_escape(out, text);
	fprintf(out, "</%s>\n", tag);
}

/* The contents: a link to each part. */
static void pack_html_toc(FILE *out, const struct pack *p, struct buf *b)
{
	size_t i;

	fputs("<nav>\n<h2>Contents</h2>\n<ol>\n", out);
	for (i = 0; i < p->len; i++) {
		pack_anchor(b, p->parts[i].doc->id);
		fprintf(out, "<li><a href=\"#%s\">", b->ptr);
		html_escape(out, p->parts[i].doc->title);
		fputs("</a> <span class=\"muted\">", out);
		html_escape(out, p->parts[i].doc->id);
		fputs("</span></li>\n", out);
	}
	fputs("</ol>\n</nav>\n", out);
}

/* What a part supports: its controls and frameworks. */
static void pack_html_supports(FILE *out, const struct document *d,
			       struct buf *b)
{
	struct otable t;

	pack_controls(&t, d);
	if (t.nrows > 1)
		html_table(out, &t, "Annex A controls it supports");
	otable_release(&t);
	pack_frameworks(b, d);
	if (!b->len)
		return;
	fputs("<p><strong>Frameworks:</strong> ", out);
	html_escape(out, b->ptr);
	fputs("</p>\n", out);
}

/* One part as a <section>; -1 when its body cannot be rendered. */
static int pack_html_part(FILE *out, const struct pack *p,
			  const struct pack_part *part, struct buf *b)
{
	const struct document *d = part->doc;
	struct otable t;
	int rc = 0;

	pack_anchor(b, d->id);
	fprintf(out, "<section id=\"%s\">\n", b->ptr);
	pack_html_el(out, "h2", "", d->title ? d->title : d->id);
	pack_facts(b, d);
	pack_html_el(out, "p", " class=\"muted\"", b->ptr);
	pack_html_supports(out, d, b);
	if (part->body) {
		rc = pack_html_text(out, part->body);
	} else if (pack_rows(&t, p, part)) {
		html_table(out, &t, NULL);
		otable_release(&t);
	}
	fputs("</section>\n", out);
	return rc;
}

/* Title, intro, contents, each part, then the figures. */
int pack_write_html(FILE *out, const struct pack *p)
{
	struct buf b = BUF_INIT;
	struct otable t;
	size_t i;
	int rc = 0;

	pack_title(&b, p);
	html_begin(out, b.ptr);
	pack_html_el(out, "h1", "", b.ptr);
	pack_intro(&b, p);
	pack_html_el(out, "p", "", b.ptr);
	pack_html_toc(out, p, &b);
	for (i = 0; i < p->len && rc == 0; i++)
		rc = pack_html_part(out, p, &p->parts[i], &b);
	pack_figures(&t, p);
	if (t.nrows > 1) {
		fputs("<section id=\"figures\">\n<h2>Figures from the "
		      "registers</h2>\n",
		      out);
		html_table(out, &t, NULL);
		fputs("</section>\n", out);
	}
	otable_release(&t);
	html_end(out);
	buf_release(&b);
	return rc;
}

/* Markdown text with the characters that would become markup escaped. */
static void pack_md_text(FILE *out, const char *s)
{
	for (; s && *s; s++) {
		if (strchr("\\`*_[]<>#|", *s))
			fputc('\\', out);
		fputc(*s == '\n' || *s == '\r' ? ' ' : *s, out);
	}
}

/* One part as a level-2 section. */
static void pack_md_part(FILE *out, const struct pack *p,
			 const struct pack_part *part, struct buf *b)
{
	const struct document *d = part->doc;
	struct otable t;

	fputs("\n## ", out);
	pack_md_text(out, d->title ? d->title : d->id);
	pack_facts(b, d);
	fputs("\n\n*", out);
	pack_md_text(out, b->ptr);
	fputs("*\n", out);
	pack_controls(&t, d);
	if (t.nrows > 1) {
		fputs("\nAnnex A controls it supports:\n\n", out);
		otable_write(out, &t, FORMAT_MARKDOWN);
	}
	otable_release(&t);
	pack_frameworks(b, d);
	if (b->len) {
		fputs("\nFrameworks: ", out);
		pack_md_text(out, b->ptr);
		fputc('\n', out);
	}
	fputc('\n', out);
	if (part->body) {
		fputs(part->body, out);
		if (*part->body && part->body[strlen(part->body) - 1] != '\n')
			fputc('\n', out);
		return;
	}
	if (!pack_rows(&t, p, part))
		return;
	otable_write(out, &t, FORMAT_MARKDOWN);
	otable_release(&t);
}

/* The same order as the HTML page. */
int pack_write_markdown(FILE *out, const struct pack *p)
{
	struct buf b = BUF_INIT;
	struct otable t;
	size_t i;

	pack_title(&b, p);
	fputs("# ", out);
	pack_md_text(out, b.ptr);
	pack_intro(&b, p);
	fputs("\n\n", out);
	pack_md_text(out, b.ptr);
	fputs("\n\n## Contents\n\n", out);
	for (i = 0; i < p->len; i++) {
		fprintf(out, "%zu. ", i + 1);
		pack_md_text(out, p->parts[i].doc->title);
		fputs(" (", out);
		pack_md_text(out, p->parts[i].doc->id);
		fputs(")\n", out);
	}
	for (i = 0; i < p->len; i++)
		pack_md_part(out, p, &p->parts[i], &b);
	pack_figures(&t, p);
	if (t.nrows > 1) {
		fputs("\n## Figures from the registers\n\n", out);
		otable_write(out, &t, FORMAT_MARKDOWN);
	}
	otable_release(&t);
	buf_release(&b);
	return 0;
}
