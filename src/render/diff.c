/* isms diff as text, Markdown and JSON. */
#include "isms/buf.h"
#include "isms/catalog.h"
#include "isms/diff.h"
#include "isms/json.h"

#include <ctype.h>
#include <stdarg.h>
#include <string.h>

/* The abbreviated commit ids of the output. */
#define DIFF_ABBREV 7

/* Where text or Markdown goes, and how the open list looks. */
struct dout {
	FILE *out;
	bool md;
	struct buf line;
};

/* Markdown: s on one line with its markup characters escaped. */
static void dout_escape(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if (strchr("\\`*_[]<>#|", *s))
			buf_addch(b, '\\');
		buf_addch(b, *s == '\n' || *s == '\r' ? ' ' : *s);
	}
}

/* Append user text s to the line, escaped for Markdown or for text. */
static void dout_text(struct dout *o, const char *s)
{
	if (o->md)
		dout_escape(&o->line, s ? s : "");
	else
		text_escape(&o->line, s);
}

/* Append formatted program text (no user text) to the line. */
__attribute__((format(printf, 2, 3))) static void dout_add(struct dout *o,
							   const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&o->line, fmt, ap);
	va_end(ap);
}

/* Write the line as an item (depth 0) or a detail under it (depth 1). */
static void dout_item(struct dout *o, int depth)
{
	if (o->md)
		fprintf(o->out, "%s- %s\n", depth ? "  " : "", o->line.ptr);
	else
		fprintf(o->out, "%s%s\n", depth ? "    " : "  ", o->line.ptr);
	buf_truncate(&o->line, 0);
}

/* Start a section of n items. */
static void dout_section(struct dout *o, const char *title, size_t n)
{
	if (o->md)
		fprintf(o->out, "\n## %c%s (%zu)\n\n",
			toupper((unsigned char)title[0]), title + 1, n);
	else
		fprintf(o->out, "\n%s (%zu)\n", title, n);
}

/* The controls that moved one way, as a section. */
static void dout_controls(struct dout *o, const struct repo_diff *d,
			  enum diff_move m, const char *title)
{
	size_t i, n = 0;

	for (i = 0; i < d->ncontrols; i++)
		n += d->controls[i].move == m;
	if (!n)
		return;
	dout_section(o, title, n);
	for (i = 0; i < d->ncontrols; i++) {
		const struct diff_control *c = &d->controls[i];

		if (c->move != m)
			continue;
		dout_add(o, "%s %s: %s -> %s", catalog_controls[c->index].id,
			 catalog_controls[c->index].title,
			 coverage_name(c->from), coverage_name(c->to));
		dout_item(o, 0);
	}
}

/* The clauses that gained (or lost) coverage, as a section. */
static void dout_clauses(struct dout *o, const struct repo_diff *d, bool gained,
			 const char *title)
{
	size_t i, n = 0;

	for (i = 0; i < d->nclauses; i++)
		n += d->clause_gained[i] == gained;
	if (!n)
		return;
	dout_section(o, title, n);
	for (i = 0; i < d->nclauses; i++) {
		if (d->clause_gained[i] != gained)
			continue;
		dout_add(o, "%s %s", catalog_clauses[d->clauses[i]].id,
			 catalog_clauses[d->clauses[i]].title);
		dout_item(o, 0);
	}
}

/* "POL-001 Title (path)" for a document. */
static void dout_document(struct dout *o, const struct document *doc)
{
	dout_text(o, doc->id);
	dout_add(o, " ");
	dout_text(o, doc->title);
	dout_add(o, " (");
	dout_text(o, doc->path);
	dout_add(o, ")");
}

/* A list of documents as a section. */
static void dout_documents(struct dout *o, const struct diff_list *l,
			   const char *title)
{
	size_t i;

	if (!l->len)
		return;
	dout_section(o, title, l->len);
	for (i = 0; i < l->len; i++) {
		dout_document(o, l->v[i]);
		dout_item(o, 0);
	}
}

/* Does d list control (or clause) index i? */
static bool doc_links(const struct document *d, bool clauses, int i)
{
	size_t k;

	for (k = 0; clauses && k < d->nclauses; k++)
		if (d->clauses[k].clause == i)
			return true;
	for (k = 0; !clauses && k < d->ncontrols; k++)
		if (d->controls[k].control == i)
			return true;
	return false;
}

/* "+A.5.1, -A.5.2": the controls (or clauses) added and removed. */
static void links_change(struct buf *b, const struct diff_document *c,
			 bool clauses)
{
	size_t i, n = clauses ? catalog_clause_count : catalog_control_count;

	for (i = 0; i < n; i++) {
		bool had = doc_links(c->from, clauses, (int)i);
		bool has = doc_links(c->to, clauses, (int)i);
		const char *id =
		    clauses ? catalog_clauses[i].id : catalog_controls[i].id;

		if (had != has)
			buf_addf(b, "%s%c%s", b->len ? ", " : "",
				 has ? '+' : '-', id);
	}
	if (!b->len)
		buf_adds(b, "coverage changed");
}

/* A field's value as text: "none" when absent. */
static const char *field_text(const char *s)
{
	return s && *s ? s : "none";
}

/* One "field: from -> to" detail. */
static void dout_field(struct dout *o, const char *name, const char *from,
		       const char *to)
{
	dout_add(o, "%s: ", name);
	dout_text(o, field_text(from));
	dout_add(o, " -> ");
	dout_text(o, field_text(to));
	dout_item(o, 1);
}

/* The details of a changed document, one field a line. */
static void dout_fields(struct dout *o, const struct diff_document *c)
{
	const struct document *a = c->from, *b = c->to;
	char x[8], y[8];
	struct buf links = BUF_INIT;

	if (c->fields & DIFF_PATH)
		dout_field(o, "path", a->path, b->path);
	if (c->fields & DIFF_TITLE)
		dout_field(o, "title", a->title, b->title);
	if (c->fields & DIFF_TYPE)
		dout_field(o, "type", doc_type_name(a->type),
			   doc_type_name(b->type));
	if (c->fields & DIFF_OWNER)
		dout_field(o, "owner", a->owner, b->owner);
	if (c->fields & DIFF_STATUS)
		dout_field(o, "status", doc_status_name(a->status),
			   doc_status_name(b->status));
	snprintf(x, sizeof(x), "%d", document_maturity(a));
	snprintf(y, sizeof(y), "%d", document_maturity(b));
	if (c->fields & DIFF_MATURITY)
		dout_field(o, "maturity", x, y);
	if (c->fields & DIFF_VERSION)
		dout_field(o, "version", a->version, b->version);
	if (c->fields & DIFF_CONTROLS) {
		links_change(&links, c, false);
		dout_add(o, "controls: %s", links.ptr);
		dout_item(o, 1);
	}
	buf_truncate(&links, 0);
	if (c->fields & DIFF_CLAUSES) {
		links_change(&links, c, true);
		dout_add(o, "clauses: %s", links.ptr);
		dout_item(o, 1);
	}
	buf_release(&links);
}

/* The changed documents with their details. */
static void dout_changed(struct dout *o, const struct repo_diff *d)
{
	size_t i;

	if (!d->nchanged)
		return;
	dout_section(o, "documents changed", d->nchanged);
	for (i = 0; i < d->nchanged; i++) {
		dout_text(o, d->changed[i].to->id);
		dout_add(o, " ");
		dout_text(o, d->changed[i].to->title);
		dout_item(o, 0);
		dout_fields(o, &d->changed[i]);
	}
}

/* A list of findings as a section, each as check prints it. */
static void dout_findings(struct dout *o, const struct diff_list *l,
			  const char *title)
{
	size_t i;

	if (!l->len)
		return;
	dout_section(o, title, l->len);
	for (i = 0; i < l->len; i++) {
		const struct finding *f = l->v[i];

		if (f->file) {
			if (o->md)
				buf_adds(&o->line, f->file);
			else
				text_path(&o->line, f->file);
			if (f->pos.line)
				dout_add(o, ":%u:%u", f->pos.line,
					 f->pos.column ? f->pos.column : 1);
			dout_add(o, ": ");
		}
		dout_add(o, "%s: ", severity_name(f->severity));
		dout_text(o, f->message);
		dout_add(o, " [%s]", f->rule);
		dout_item(o, 0);
	}
}

/* How many controls moved one way. */
static size_t diff_count(const struct repo_diff *d, enum diff_move m)
{
	size_t i, n = 0;

	for (i = 0; i < d->ncontrols; i++)
		n += d->controls[i].move == m;
	return n;
}

/* How many clauses gained (or lost) coverage. */
static size_t clause_count(const struct repo_diff *d, bool gained)
{
	size_t i, n = 0;

	for (i = 0; i < d->nclauses; i++)
		n += d->clause_gained[i] == gained;
	return n;
}

/* The closing summary line. */
static void dout_summary(struct dout *o, const struct repo_diff *d)
{
	fprintf(o->out,
		"\ncontrols: %zu gained, %zu lost; clauses: %zu gained, %zu "
		"lost; documents: %zu added, %zu removed, %zu changed; "
		"findings: %zu new, %zu closed\n",
		diff_count(d, DIFF_GAINED), diff_count(d, DIFF_LOST),
		clause_count(d, true), clause_count(d, false), d->added.len,
		d->removed.len, d->nchanged, d->opened.len, d->closed.len);
}

/* Text and Markdown: a heading, one section per kind of change. */
static void diff_text(FILE *out, const struct repo_diff *d,
		      const struct diff_from *from, bool md)
{
	struct dout o = {out, md, BUF_INIT};

	dout_text(&o, from->rev);
	fprintf(out, "%shanges from '%s' (%.*s) to the working tree\n",
		md ? "# C" : "c", o.line.ptr, DIFF_ABBREV, from->commit);
	buf_truncate(&o.line, 0);
	dout_controls(&o, d, DIFF_GAINED, "controls gained coverage");
	dout_controls(&o, d, DIFF_LOST, "controls lost coverage");
	dout_controls(&o, d, DIFF_EXCLUDED, "controls now excluded");
	dout_controls(&o, d, DIFF_INCLUDED, "controls now applicable");
	dout_clauses(&o, d, true, "clauses now covered");
	dout_clauses(&o, d, false, "clauses no longer covered");
	dout_documents(&o, &d->added, "documents added");
	dout_documents(&o, &d->removed, "documents removed");
	dout_changed(&o, d);
	dout_findings(&o, &d->opened, "findings new");
	dout_findings(&o, &d->closed, "findings closed");
	dout_summary(&o, d);
	buf_release(&o.line);
}

/* The ids of the controls that moved one way. */
static json_t *controls_json(const struct repo_diff *d, enum diff_move m)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < d->ncontrols; i++) {
		int k = d->controls[i].index;

		if (d->controls[i].move == m)
			json_array_append_new(
			    a, json_text(catalog_controls[k].id));
	}
	return a;
}

/* "controls": the ids each way and every coverage change. */
static json_t *controls_object(const struct repo_diff *d)
{
	json_t *o = json_object(), *all = json_array();
	size_t i;

	for (i = DIFF_GAINED; i <= DIFF_INCLUDED; i++)
		json_put(o, diff_move_name((enum diff_move)i),
			 controls_json(d, (enum diff_move)i));
	for (i = 0; i < d->ncontrols; i++) {
		const struct diff_control *c = &d->controls[i];
		json_t *e = json_object();

		json_put(e, "id", json_text(catalog_controls[c->index].id));
		json_put(e, "from", json_text(coverage_name(c->from)));
		json_put(e, "to", json_text(coverage_name(c->to)));
		json_array_append_new(all, e);
	}
	json_put(o, "coverage", all);
	return o;
}

/* "clauses": {"gained", "lost"}. */
static json_t *clauses_object(const struct repo_diff *d)
{
	json_t *o = json_object(), *g = json_array(), *l = json_array();
	size_t i;

	for (i = 0; i < d->nclauses; i++)
		json_array_append_new(
		    d->clause_gained[i] ? g : l,
		    json_text(catalog_clauses[d->clauses[i]].id));
	json_put(o, "gained", g);
	json_put(o, "lost", l);
	return o;
}

/* The ids of a list of documents. */
static json_t *ids_json(const struct diff_list *l)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < l->len; i++)
		json_array_append_new(
		    a, json_text(((const struct document *)l->v[i])->id));
	return a;
}

/* {"from": a, "to": b}, absent values null. */
static json_t *change_json(const char *a, const char *b)
{
	json_t *o = json_object();

	json_put(o, "from", json_text(a && *a ? a : NULL));
	json_put(o, "to", json_text(b && *b ? b : NULL));
	return o;
}

/* The changed fields of one document, keyed by field. */
static json_t *detail_json(const struct diff_document *c)
{
	const struct document *a = c->from, *b = c->to;
	json_t *o = json_object();
	struct buf x = BUF_INIT;

	json_put(o, "id", json_text(b->id));
	if (c->fields & DIFF_PATH)
		json_put(o, "path", change_json(a->path, b->path));
	if (c->fields & DIFF_TITLE)
		json_put(o, "title", change_json(a->title, b->title));
	if (c->fields & DIFF_TYPE)
		json_put(o, "type",
			 change_json(doc_type_name(a->type),
				     doc_type_name(b->type)));
	if (c->fields & DIFF_OWNER)
		json_put(o, "owner", change_json(a->owner, b->owner));
	if (c->fields & DIFF_STATUS)
		json_put(o, "status",
			 change_json(doc_status_name(a->status),
				     doc_status_name(b->status)));
	if (c->fields & DIFF_VERSION)
		json_put(o, "version", change_json(a->version, b->version));
	if (c->fields & DIFF_MATURITY) {
		json_t *m = json_object();

		json_put(m, "from", json_integer(document_maturity(a)));
		json_put(m, "to", json_integer(document_maturity(b)));
		json_put(o, "maturity", m);
	}
	if (c->fields & DIFF_CONTROLS) {
		links_change(&x, c, false);
		json_put(o, "controls", json_text(x.ptr));
	}
	buf_truncate(&x, 0);
	if (c->fields & DIFF_CLAUSES) {
		links_change(&x, c, true);
		json_put(o, "clauses", json_text(x.ptr));
	}
	buf_release(&x);
	return o;
}

/* "documents": added, removed, changed (ids) and the details. */
static json_t *documents_object(const struct repo_diff *d)
{
	json_t *o = json_object(), *ids = json_array(), *det = json_array();
	size_t i;

	for (i = 0; i < d->nchanged; i++) {
		json_array_append_new(ids, json_text(d->changed[i].to->id));
		json_array_append_new(det, detail_json(&d->changed[i]));
	}
	json_put(o, "added", ids_json(&d->added));
	json_put(o, "removed", ids_json(&d->removed));
	json_put(o, "changed", ids);
	json_put(o, "details", det);
	return o;
}

/* A list of findings as a JSON array. */
static json_t *findings_json(const struct diff_list *l)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < l->len; i++)
		json_array_append_new(a, render_finding_json(l->v[i]));
	return a;
}

/* The JSON document of CLI.md, with where the comparison started. */
static int diff_json(FILE *out, const struct repo_diff *d,
		     const struct diff_from *from)
{
	json_t *root = json_object(), *f = json_object();
	json_t *fs = json_object();

	json_put(f, "revision", json_text(from->rev));
	json_put(f, "commit", json_text(from->commit));
	json_put(root, "from", f);
	json_put(root, "controls", controls_object(d));
	json_put(root, "clauses", clauses_object(d));
	json_put(root, "documents", documents_object(d));
	json_put(fs, "new", findings_json(&d->opened));
	json_put(fs, "closed", findings_json(&d->closed));
	json_put(root, "findings", fs);
	return json_write(out, root);
}

/* Write the diff in format f. */
int render_diff(FILE *out, const struct repo_diff *d,
		const struct diff_from *from, enum format f)
{
	if (f == FORMAT_JSON)
		return diff_json(out, d, from);
	if (f != FORMAT_TEXT && f != FORMAT_MARKDOWN)
		return -1;
	diff_text(out, d, from, f == FORMAT_MARKDOWN);
	return 0;
}
