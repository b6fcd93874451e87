/*
 * isms show: what one id names, and everything an auditor walks to from
 * it: the SoA row, the documents, the risks, the registers, the services.
 */
#include "isms/show.h"
#include "isms/alloc.h"
#include "isms/ids.h"
#include "isms/markdown.h"
#include "isms/rules.h"
#include "isms/table.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Order C strings bytewise, for qsort. */
static int show_str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Order documents by id (the path when there is none), then path. */
static int show_doc_cmp(const void *a, const void *b)
{
	const struct document *x = *(const struct document *const *)a;
	const struct document *y = *(const struct document *const *)b;
	int c = strcmp(x->id ? x->id : x->path, y->id ? y->id : y->path);

	return c ? c : strcmp(x->path, y->path);
}

/* Does the list cell name id among its items? */
static bool show_cell_names(const char *cell, const char *id)
{
	const char *items[64];
	size_t lens[64], k, n, len = strlen(id);

	n = cell_split(cell, items, lens, 64);
	for (k = 0; k < n && k < 64; k++)
		if (lens[k] == len && !strncmp(items[k], id, len))
			return true;
	return false;
}

/* Does the list l hold s? */
static bool show_list_has(const char *const *l, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(l[i], s))
			return true;
	return false;
}

/* Likelihood x impact of a row, 0 when a cell is no number from 1 to 5. */
int show_score(const struct reg *g, size_t row, const char *likelihood,
	       const char *impact)
{
	const char *a = reg_get(g, row, likelihood);
	const char *b = reg_get(g, row, impact);
	char *end;
	long x = strtol(a, &end, 10), y;

	if (!*a || *end)
		return 0;
	y = strtol(b, &end, 10);
	if (!*b || *end || x < 1 || x > 5 || y < 1 || y > 5)
		return 0;
	return (int)(x * y);
}

/* The register read from document d, if d is one. */
const struct reg *show_register(const struct repo *r, const struct document *d)
{
	size_t i;

	for (i = 0; i < r->nregs; i++)
		if (r->regs[i].doc == d)
			return &r->regs[i];
	return NULL;
}

/* The catalogue's rows, read as every command reads them. */
const struct csv_table *show_catalogue_table(const struct repo *r,
					     const struct document *d)
{
	return services_table(r, d);
}

/* The services of a control's documents, sorted, each once. */
static void show_control_services(struct show_control *c)
{
	const struct control_state *st = c->state;
	size_t i, j, cap = 0;

	for (i = 0; i < st->ndocs; i++) {
		const struct strlist *l = &st->docs[i].doc->services;

		for (j = 0; j < l->len; j++) {
			if (show_list_has(c->services.items, c->services.len,
					  l->items[j]))
				continue;
			ALLOC_GROW(c->services.items, c->services.len + 1, cap);
			c->services.items[c->services.len++] = l->items[j];
		}
	}
	if (c->services.len > 1)
		qsort(c->services.items, c->services.len,
		      sizeof(*c->services.items), show_str_cmp);
}

/* Add control index to the walk. */
static void show_control_add(struct repo *r, struct show *s, int index)
{
	struct show_control *c;

	s->controls =
	    xreallocarray(s->controls, s->ncontrols + 1, sizeof(*s->controls));
	c = &s->controls[s->ncontrols++];
	memset(c, 0, sizeof(*c));
	c->index = index;
	c->state = &r->controls[index];
	show_control_services(c);
}

/*
 * Is m all that id says?  A prefix ("iso27001:", "Annex ") and a title
 * after a space are allowed; a path ("a/A.5.1.md") is no control.
 */
static bool show_control_alone(const char *id, const struct id_match *m)
{
	const char *end = id + m->end;

	return !memchr(id, '/', m->start) &&
	       (!*end || isspace((unsigned char)*end));
}

/*
 * Find id as an Annex A control in any form; a 2013 id gives its 2022
 * counterparts.  An id that only looks like a control sets *near.
 */
static bool show_find_control(struct repo *r, const char *id, struct show *s,
			      const char **near)
{
	struct id_match m[2];
	size_t n = ids_find_controls(id, strlen(id), m, 2);
	unsigned i;

	if (n != 1 || !show_control_alone(id, &m[0]))
		return false;
	if (m[0].status == ID_UNKNOWN) {
		if (m[0].suggestion >= 0)
			*near = catalog_controls[m[0].suggestion].id;
		return false;
	}
	s->kind = SHOW_CONTROL;
	if (m[0].status != ID_2013) {
		show_control_add(r, s, m[0].index);
		return true;
	}
	s->old = m[0].old;
	for (i = 0; i < s->old->counterpart_count; i++)
		show_control_add(r, s, s->old->counterparts[i]);
	return true;
}

/* The leaf clauses below a parent or top-level clause k. */
static void show_clause_leaves(struct show *s, int k)
{
	const char *id = catalog_clauses[k].id;
	size_t i, n = strlen(id), cap = 0;

	for (i = 0; i < catalog_clause_count; i++) {
		const struct clause_info *c = &catalog_clauses[i];

		if (c->kind != CLAUSE_LEAF || strncmp(c->id, id, n) ||
		    c->id[n] != '.')
			continue;
		ALLOC_GROW(s->leaves, s->nleaves + 1, cap);
		s->leaves[s->nleaves++] = (int)i;
	}
}

/* Find id as a clause: "6.1.3", "9.2", "clause 4.3" or "§ 4.3". */
static bool show_find_clause(const char *id, struct show *s)
{
	const char *p = id;
	int k;

	if (!strncasecmp(p, "clause", 6))
		p += 6;
	else if (!strncmp(p, "\xC2\xA7", 2))
		p += 2;
	while (isspace((unsigned char)*p))
		p++;
	k = catalog_clause_find(p);
	if (k < 0)
		return false;
	s->kind = SHOW_CLAUSE;
	s->clause = k;
	if (catalog_clauses[k].kind != CLAUSE_LEAF)
		show_clause_leaves(s, k);
	return true;
}

/* The spine items document d stands for. */
static void show_document_spine(struct show *s)
{
	size_t i, cap = 0;

	for (i = 0; i < spine_count; i++) {
		if (!spine_matches(&spine_items[i], s->doc))
			continue;
		ALLOC_GROW(s->spine, s->nspine + 1, cap);
		s->spine[s->nspine++] = &spine_items[i];
	}
}

/* Is finding f about document d: its id, its file or its rows' file? */
static bool show_about(const struct finding *f, const struct document *d)
{
	if (f->document && d->id && !strcmp(f->document, d->id))
		return true;
	if (!f->file)
		return false;
	return !strcmp(f->file, d->path) ||
	       (d->rows_path && !strcmp(f->file, d->rows_path));
}

/* Run the rules and keep the findings about the document. */
static void show_document_findings(struct repo *r, struct show *s)
{
	size_t i, cap = 0;

	rules_run(r);
	rules_finish(r);
	for (i = 0; i < r->findings.len; i++) {
		const struct finding *f = &r->findings.items[i];

		if (!show_about(f, s->doc))
			continue;
		ALLOC_GROW(s->findings, s->nfindings + 1, cap);
		s->findings[s->nfindings++] = f;
	}
}

/* Find id as a document id, else as a path from the root. */
static bool show_find_document(struct repo *r, const char *id, struct show *s)
{
	const struct document *d = repo_document(r, id);

	if (!d)
		d = strmap_get(&r->by_path, strncmp(id, "./", 2) ? id : id + 2);
	if (!d)
		return false;
	s->kind = SHOW_DOCUMENT;
	s->doc = d;
	s->reg = show_register(r, d);
	s->core = d->parsed && repo_is_core(r, d);
	s->target = d->target	    ? d->target
		    : r->stage >= 2 ? r->config.target_stage2
				    : r->config.target_stage1;
	show_document_spine(s);
	show_document_findings(r, s);
	return true;
}

/* The controls a risk's controls cell names, as written. */
static void show_risk_controls(struct repo *r, struct show *s)
{
	const char *cell = reg_get(s->row.reg, s->row.row, "controls");
	struct id_match m[64];
	size_t k, n = ids_find_controls(cell, strlen(cell), m, 64);

	s->named = xcalloc(n ? n : 1, sizeof(*s->named));
	for (k = 0; k < n && k < 64; k++) {
		bool known =
		    m[k].status == ID_CANONICAL || m[k].status == ID_NORMALISED;

		s->named[s->nnamed].text = arena_strdup(&r->arena, m[k].text);
		s->named[s->nnamed].old = m[k].old;
		s->named[s->nnamed++].index = known ? m[k].index : -1;
	}
}

/* The assets a risk's assets cell names, and their rows. */
static void show_risk_assets(struct repo *r, struct show *s)
{
	const char *cell = reg_get(s->row.reg, s->row.row, "assets");
	const char *items[64];
	size_t lens[64], k, n = cell_split(cell, items, lens, 64);

	n = n < 64 ? n : 64;
	s->asset_ids = xcalloc(n ? n : 1, sizeof(*s->asset_ids));
	s->assets = xcalloc(n ? n : 1, sizeof(*s->assets));
	for (k = 0; k < n; k++) {
		s->asset_ids[k] = arena_strndup(&r->arena, items[k], lens[k]);
		s->assets[k] = registers_find(r, "asset", s->asset_ids[k]);
	}
	s->nassets = n;
}

/*
 * The rows of every register of kind whose column names id; stored in
 * *out (a new array) and counted in *n.
 */
static void show_rows_naming(const struct repo *r, const char *kind,
			     const char *column, const char *id,
			     struct reg_ref **out, size_t *n)
{
	size_t i, j, cap = 0;

	for (i = 0; i < r->nregs; i++) {
		const struct reg *g = &r->regs[i];

		if (strcmp(g->schema->kind, kind))
			continue;
		for (j = 1; j <= reg_rows(g); j++) {
			if (!show_cell_names(reg_get(g, j, column), id))
				continue;
			ALLOC_GROW(*out, *n + 1, cap);
			(*out)[(*n)++] = (struct reg_ref){g, j};
		}
	}
}

/* Find id as the id of a risk or an asset row. */
static bool show_find_row(struct repo *r, const char *id, struct show *s)
{
	s->row = registers_find(r, "risk", id);
	if (s->row.reg) {
		s->kind = SHOW_RISK;
		show_risk_controls(r, s);
		show_risk_assets(r, s);
		return true;
	}
	s->row = registers_find(r, "asset", id);
	if (s->row.reg) {
		s->kind = SHOW_ASSET;
		show_rows_naming(r, "risk", "assets", id, &s->risks,
				 &s->nrisks);
		return true;
	}
	return false;
}

/* The row of service id in catalogue table t (0 when absent). */
static size_t show_catalogue_row(const struct repo *r,
				 const struct csv_table *t, const char *id)
{
	int col = table_column(t, &r->config, NULL, "id");
	size_t i;

	for (i = 1; col >= 0 && i < t->nrows; i++)
		if (!strcmp(table_cell(&t->rows[i], col), id))
			return i;
	return 0;
}

/* The first service catalogue with a row for id. */
static void show_service_catalogue(const struct repo *r, struct show *s)
{
	size_t i;

	for (i = 0; i < r->ndocs; i++) {
		const struct document *d = r->docs[i];
		const struct csv_table *t;

		if (!d->parsed || d->type != DOC_SERVICES)
			continue;
		t = show_catalogue_table(r, d);
		s->crow = show_catalogue_row(r, t, s->service);
		if (s->crow) {
			s->catalogue = d;
			s->ctable = t;
			return;
		}
	}
}

/* The documents whose services list names the service, by id. */
static void show_service_documents(const struct repo *r, struct show *s)
{
	size_t i, cap = 0;

	for (i = 0; i < r->ndocs; i++) {
		const struct document *d = r->docs[i];

		if (!d->parsed || !show_list_has(d->services.items,
						 d->services.len, s->service))
			continue;
		ALLOC_GROW(s->docs, s->ndocs + 1, cap);
		s->docs[s->ndocs++] = d;
	}
	if (s->ndocs > 1)
		qsort(s->docs, s->ndocs, sizeof(*s->docs), show_doc_cmp);
}

/* Find id as a service of the catalogue or of documents' services. */
static bool show_find_service(const struct repo *r, const char *id,
			      struct show *s)
{
	s->service = id;
	show_service_catalogue(r, s);
	show_service_documents(r, s);
	if (!s->catalogue && !s->ndocs) {
		s->service = NULL;
		return false;
	}
	s->kind = SHOW_SERVICE;
	show_rows_naming(r, "risk", "services", id, &s->risks, &s->nrisks);
	show_rows_naming(r, "asset", "services", id, &s->named_by,
			 &s->nnamed_by);
	return true;
}

/* The nearest known id so far: within two edits, case-blind. */
struct show_near {
	const char *query;
	const char *best;
	unsigned dist;
};

/* Lowercase s into out (cap bytes), cut short when longer. */
static void show_lower(const char *s, char *out, size_t cap)
{
	size_t i;

	for (i = 0; s[i] && i + 1 < cap; i++)
		out[i] = (char)tolower((unsigned char)s[i]);
	out[i] = '\0';
}

/* Consider candidate as the suggestion. */
static void show_near_try(struct show_near *n, const char *candidate)
{
	char a[64], b[64];
	unsigned d;

	if (!candidate || !*candidate)
		return;
	show_lower(n->query, a, sizeof(a));
	show_lower(candidate, b, sizeof(b));
	d = ids_distance(a, b);
	if (d < n->dist && d < strlen(a)) {
		n->dist = d;
		n->best = candidate;
	}
}

/* Consider the ids of every row of the registers of kind. */
static void show_near_rows(const struct repo *r, struct show_near *n,
			   const char *kind)
{
	size_t i, j;

	for (i = 0; i < r->nregs; i++)
		if (!strcmp(r->regs[i].schema->kind, kind))
			for (j = 1; j <= reg_rows(&r->regs[i]); j++)
				show_near_try(n, reg_get(&r->regs[i], j, "id"));
}

/* Consider the service ids of documents and catalogues. */
static void show_near_services(const struct repo *r, struct show_near *n)
{
	size_t i, j;

	for (i = 0; i < r->ndocs; i++) {
		const struct document *d = r->docs[i];
		const struct csv_table *t = show_catalogue_table(r, d);
		int col = table_column(t, &r->config, NULL, "id");

		for (j = 0; j < d->services.len; j++)
			show_near_try(n, d->services.items[j]);
		if (!d->parsed || d->type != DOC_SERVICES)
			continue;
		for (j = 1; col >= 0 && j < t->nrows; j++)
			show_near_try(n, table_cell(&t->rows[j], col));
	}
}

/* The nearest known id to query, in the order show_find() tries. */
static const char *show_nearest(const struct repo *r, const char *query)
{
	struct show_near n = {query, NULL, 3};
	size_t i;

	for (i = 0; i < catalog_control_count; i++)
		show_near_try(&n, catalog_controls[i].id);
	for (i = 0; i < catalog_clause_count; i++)
		if (catalog_clauses[i].kind != CLAUSE_TOP)
			show_near_try(&n, catalog_clauses[i].id);
	for (i = 0; i < r->ndocs; i++)
		show_near_try(&n, r->docs[i]->id);
	for (i = 0; i < r->ndocs; i++)
		show_near_try(&n, r->docs[i]->path);
	show_near_rows(r, &n, "risk");
	show_near_rows(r, &n, "asset");
	show_near_services(r, &n);
	return n.best;
}

/* Try each kind in the documented order; suggest when none matches. */
int show_find(struct repo *r, const char *id, struct show *s,
	      const char **suggestion)
{
	const char *near = NULL;

	memset(s, 0, sizeof(*s));
	s->query = id;
	s->clause = -1;
	*suggestion = NULL;
	if (show_find_control(r, id, s, &near) || show_find_clause(id, s) ||
	    show_find_document(r, id, s) || show_find_row(r, id, s) ||
	    show_find_service(r, id, s))
		return 0;
	*suggestion = near ? near : show_nearest(r, id);
	return -1;
}

/* Free the arrays of the walk; what they point to is the repository's. */
void show_release(struct show *s)
{
	size_t i;

	for (i = 0; i < s->ncontrols; i++)
		free(s->controls[i].services.items);
	free(s->controls);
	free(s->leaves);
	free(s->spine);
	free(s->findings);
	free(s->named);
	free(s->asset_ids);
	free(s->assets);
	free(s->risks);
	free(s->named_by);
	free(s->docs);
	memset(s, 0, sizeof(*s));
}
