/* The control-to-document map in text, Markdown, CSV and JSON. */
#include "isms/alloc.h"
#include "isms/buf.h"
#include "isms/catalog.h"
#include "isms/json.h"
#include "isms/otable.h"
#include "isms/render.h"
#include "isms/servicemap.h"

#include <stdlib.h>
#include <string.h>

/* "POL-001, PRC-003 (partial), SOP-2 (text)": the links of a list. */
static void covers_text(struct buf *b, const struct doc_cover *v, size_t n)
{
	size_t i;

	buf_truncate(b, 0);
	for (i = 0; i < n; i++) {
		const char *id = v[i].doc->id ? v[i].doc->id : v[i].doc->path;

		buf_addf(b, "%s%s", i ? ", " : "", id);
		if (v[i].coverage == COVERAGE_PARTIAL &&
		    v[i].source != SOURCE_FRONTMATTER)
			buf_addf(b, " (partial, %s)",
				 link_source_name(v[i].source));
		else if (v[i].coverage == COVERAGE_PARTIAL)
			buf_adds(b, " (partial)");
		else if (v[i].source != SOURCE_FRONTMATTER)
			buf_addf(b, " (%s)", link_source_name(v[i].source));
	}
}

/* The ids of the risks that name control ci, joined by ", ". */
static void risks_text(struct buf *b, const struct repo *r, size_t ci)
{
	size_t i, n;
	const struct reg_ref *risks = repo_control_risks(r, ci, &n);

	buf_truncate(b, 0);
	for (i = 0; i < n; i++)
		buf_addf(b, "%s%s", i ? ", " : "",
			 reg_get(risks[i].reg, risks[i].row, "id"));
}

static void map_by_control(struct otable *t, const struct repo *r)
{
	static const char *const head[] = {
	    "control",	"title",     "theme", "applicable",
	    "coverage", "documents", "risks"};
	struct buf docs = BUF_INIT, risks = BUF_INIT;
	size_t i;

	otable_init(t, 7, head);
	for (i = 0; i < catalog_control_count; i++) {
		const struct control_state *c = &r->controls[i];
		const char *row[7];

		covers_text(&docs, c->docs, c->ndocs);
		risks_text(&risks, r, i);
		row[0] = catalog_controls[i].id;
		row[1] = catalog_controls[i].title;
		row[2] = catalog_controls[i].theme;
		row[3] = c->applicable ? "yes" : "no";
		row[4] = coverage_name(c->coverage);
		row[5] = docs.ptr;
		row[6] = risks.ptr;
		otable_add(t, row);
	}
	buf_release(&docs);
	buf_release(&risks);
}

static void map_by_clause(struct otable *t, const struct repo *r)
{
	static const char *const head[] = {"clause", "title", "required",
					   "documents"};
	struct buf docs = BUF_INIT;
	size_t i;

	otable_init(t, 4, head);
	for (i = 0; i < catalog_clause_count; i++) {
		const struct clause_info *ci = &catalog_clauses[i];
		const char *row[4];

		if (ci->kind != CLAUSE_LEAF)
			continue;
		covers_text(&docs, r->clauses[i].docs, r->clauses[i].ndocs);
		row[0] = ci->id;
		row[1] = ci->title;
		row[2] = ci->required ? "yes" : "no";
		row[3] = docs.ptr;
		otable_add(t, row);
	}
	buf_release(&docs);
}

/* Order document pointers by id, then path. */
static int document_ptr_cmp(const void *a, const void *b)
{
	const struct document *x = *(const struct document *const *)a;
	const struct document *y = *(const struct document *const *)b;
	int c = strcmp(x->id, y->id);

	return c ? c : strcmp(x->path, y->path);
}

/* Documents with an id, sorted by id (a new array; free it). */
static const struct document **sorted_documents(const struct repo *r, size_t *n)
{
	const struct document **v = xcalloc(r->ndocs + 1, sizeof(*v));
	size_t i;

	*n = 0;
	for (i = 0; i < r->ndocs; i++)
		if (r->docs[i]->id &&
		    (r->docs[i]->parsed || r->docs[i]->discovered ||
		     r->docs[i]->adopted))
			v[(*n)++] = r->docs[i];
	if (*n > 1)
		qsort(v, *n, sizeof(*v), document_ptr_cmp);
	return v;
}

/* The control ids of d in catalog order, joined by ", ". */
static void control_ids(struct buf *b, const struct document *d)
{
	size_t i, j;

	buf_truncate(b, 0);
	for (i = 0; i < catalog_control_count; i++)
		for (j = 0; j < d->ncontrols; j++)
			if (d->controls[j].control == (int)i)
				buf_addf(b, "%s%s", b->len ? ", " : "",
					 catalog_controls[i].id);
}

/* The clause ids of d in catalog order, joined by ", ". */
static void clause_ids(struct buf *b, const struct document *d)
{
	size_t i, j;

	buf_truncate(b, 0);
	for (i = 0; i < catalog_clause_count; i++)
		for (j = 0; j < d->nclauses; j++)
			if (d->clauses[j].clause == (int)i)
				buf_addf(b, "%s%s", b->len ? ", " : "",
					 catalog_clauses[i].id);
}

/*
 * The history cells of a document: last_changed, last_author and
 * revisions (empty before its first commit).
 */
static void history_cells(const struct document *d, char changed[11],
			  char revisions[16], const char **row)
{
	changed[0] = revisions[0] = '\0';
	if (d->git.last_changed)
		date_format(d->git.last_changed, changed);
	snprintf(revisions, 16, "%u", d->git.revisions);
	row[0] = changed;
	row[1] = d->git.last_author;
	row[2] = revisions;
}

/* One row per document; the history columns only inside a work tree. */
static void map_by_document(struct otable *t, const struct repo *r)
{
	static const char *const head[] = {
	    "document", "path",		"title",       "type",
	    "owner",	"status",	"maturity",    "controls",
	    "clauses",	"last_changed", "last_author", "revisions"};
	struct buf ctl = BUF_INIT, cls = BUF_INIT;
	bool git = r->git == REPO_GIT_OK;
	size_t i, n;
	const struct document **docs = sorted_documents(r, &n);

	otable_init(t, git ? 12 : 9, head);
	for (i = 0; i < n; i++) {
		const struct document *d = docs[i];
		char level[4], changed[11], revisions[16];
		const char *row[12];

		snprintf(level, sizeof(level), "%d", document_maturity(d));
		control_ids(&ctl, d);
		clause_ids(&cls, d);
		row[0] = d->id;
		row[1] = d->path;
		row[2] = d->title;
		row[3] = doc_type_name(d->type);
		row[4] = d->owner;
		row[5] = doc_status_name(d->status);
		row[6] = level;
		row[7] = ctl.ptr;
		row[8] = cls.ptr;
		history_cells(d, changed, revisions, row + 9);
		otable_add(t, row);
	}
	free(docs);
	buf_release(&ctl);
	buf_release(&cls);
}

/* A JSON array of the ids of a cover list; links gets the details. */
static json_t *covers_json(const struct doc_cover *v, size_t n, json_t **links)
{
	json_t *ids = json_array();
	size_t i;

	*links = json_array();
	for (i = 0; i < n; i++) {
		json_t *l = json_object();

		json_array_append_new(ids, json_text(v[i].doc->id));
		json_put(l, "document", json_text(v[i].doc->id));
		json_put(l, "coverage",
			 json_text(coverage_name(v[i].coverage)));
		json_put(l, "source", json_text(link_source_name(v[i].source)));
		json_array_append_new(*links, l);
	}
	return ids;
}

/* The ids of the risks that name control ci, in register order. */
static json_t *risks_json(const struct repo *r, size_t ci)
{
	json_t *a = json_array();
	size_t i, n;
	const struct reg_ref *risks = repo_control_risks(r, ci, &n);

	for (i = 0; i < n; i++)
		json_array_append_new(
		    a, json_text(reg_get(risks[i].reg, risks[i].row, "id")));
	return a;
}

static json_t *controls_json(const struct repo *r)
{
	json_t *list = json_array(), *links;
	size_t i;

	for (i = 0; i < catalog_control_count; i++) {
		const struct control_state *c = &r->controls[i];
		json_t *o = json_object();

		json_put(o, "id", json_text(catalog_controls[i].id));
		json_put(o, "title", json_text(catalog_controls[i].title));
		json_put(o, "theme", json_text(catalog_controls[i].theme));
		json_put(o, "applicable", json_boolean(c->applicable));
		json_put(o, "coverage", json_text(coverage_name(c->coverage)));
		json_put(o, "documents",
			 covers_json(c->docs, c->ndocs, &links));
		json_put(o, "links", links);
		json_put(o, "risks", risks_json(r, i));
		json_array_append_new(list, o);
	}
	return list;
}

static json_t *clauses_json(const struct repo *r)
{
	json_t *list = json_array(), *links;
	size_t i;

	for (i = 0; i < catalog_clause_count; i++) {
		const struct clause_info *ci = &catalog_clauses[i];
		const struct clause_state *c = &r->clauses[i];
		json_t *o;

		if (ci->kind != CLAUSE_LEAF)
			continue;
		o = json_object();
		json_put(o, "id", json_text(ci->id));
		json_put(o, "title", json_text(ci->title));
		json_put(o, "required", json_boolean(ci->required));
		json_put(o, "documents",
			 covers_json(c->docs, c->ndocs, &links));
		json_put(o, "links", links);
		json_array_append_new(list, o);
	}
	return list;
}

/* A JSON array of strings. */
static json_t *strings_json(const struct strlist *l)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < l->len; i++)
		json_array_append_new(a, json_text(l->items[i]));
	return a;
}

/* The history keys of a document, null before its first commit. */
static void history_json(json_t *o, const struct document *d)
{
	char changed[11];

	date_format(d->git.last_changed, changed);
	json_put(o, "last_changed",
		 d->git.last_changed ? json_text(changed) : NULL);
	json_put(o, "last_author", json_text(d->git.last_author));
	json_put(o, "revisions", json_integer(d->git.revisions));
}

/* One document of the map's "documents" list. */
static json_t *document_json(const struct document *d, bool git)
{
	json_t *o = json_object(), *ctl = json_array(), *cls = json_array();
	size_t i, j;

	json_put(o, "id", json_text(d->id));
	json_put(o, "path", json_text(d->path));
	json_put(o, "title", json_text(d->title));
	json_put(o, "type", d->type ? json_text(doc_type_name(d->type)) : NULL);
	json_put(o, "owner", json_text(d->owner));
	json_put(o, "status",
		 d->status ? json_text(doc_status_name(d->status)) : NULL);
	json_put(o, "maturity", json_integer(document_maturity(d)));
	for (i = 0; i < catalog_control_count; i++)
		for (j = 0; j < d->ncontrols; j++)
			if (d->controls[j].control == (int)i)
				json_array_append_new(
				    ctl, json_text(catalog_controls[i].id));
	for (i = 0; i < catalog_clause_count; i++)
		for (j = 0; j < d->nclauses; j++)
			if (d->clauses[j].clause == (int)i)
				json_array_append_new(
				    cls, json_text(catalog_clauses[i].id));
	json_put(o, "controls", ctl);
	json_put(o, "clauses", cls);
	json_put(o, "services", strings_json(&d->services));
	if (git)
		history_json(o, d);
	return o;
}

static int map_json(FILE *out, const struct repo *r)
{
	json_t *root = json_object(), *docs = json_array();
	const struct document **v;
	size_t i, n;

	json_put(root, "controls", controls_json(r));
	json_put(root, "clauses", clauses_json(r));
	v = sorted_documents(r, &n);
	for (i = 0; i < n; i++)
		json_array_append_new(
		    docs, document_json(v[i], r->git == REPO_GIT_OK));
	free(v);
	json_put(root, "documents", docs);
	if (r->services.catalogue)
		json_put(root, "services", servicemap_json(r));
	return json_write(out, root);
}

int render_map(FILE *out, const struct repo *r, enum map_by by, enum format f)
{
	struct otable t;
	int rc;

	if (f == FORMAT_JSON)
		return map_json(out, r);
	if (by == MAP_BY_CLAUSE)
		map_by_clause(&t, r);
	else if (by == MAP_BY_DOCUMENT)
		map_by_document(&t, r);
	else if (by == MAP_BY_SERVICE)
		servicemap_table(&t, r);
	else
		map_by_control(&t, r);
	rc = otable_write(out, &t, f);
	otable_release(&t);
	return rc;
}
