/*
 * Maturity levels: claimed by each document, supported by its evidence,
 * and rolled up per clause and per Annex A theme as the lowest level
 * among the documents behind them (a clause or a theme is as mature as
 * its weakest document: an auditor may sample any of them).
 */
#include "isms/maturity.h"
#include "isms/alloc.h"
#include "isms/catalog.h"

#include <stdlib.h>
#include <string.h>

/* The register read from d, or NULL when d is no register. */
static const struct reg *register_of(const struct repo *r,
				     const struct document *d)
{
	size_t i;

	for (i = 0; i < r->nregs; i++)
		if (r->regs[i].doc == d)
			return &r->regs[i];
	return NULL;
}

/* Does evidence item (a document id) name a document with records? */
static bool evidence_document(const struct repo *r, const char *item)
{
	const struct document *d = repo_document(r, item);
	const struct reg *g;

	if (!d)
		return false;
	g = register_of(r, d);
	return !g || reg_rows(g) > 0;
}

/*
 * Records that show d in use, as the maturity-evidence rule reads them:
 * an evidence file that exists, an evidence item naming a document (a
 * register only when it has entries), or d being a register with entries.
 */
static bool evidence_backs(const struct repo *r, const struct document *d)
{
	const struct reg *g = register_of(r, d);
	size_t i;

	if (d->evidence_found || (g && reg_rows(g)))
		return true;
	for (i = 0; i < d->evidence.len; i++)
		if (evidence_document(r, d->evidence.items[i]))
			return true;
	return false;
}

/* What the evidence supports, from 1 (drafted) to 4 (reviewed). */
int maturity_evidenced(const struct repo *r, const struct document *d)
{
	if (d->status != STATUS_APPROVED)
		return 1;
	if (!evidence_backs(r, d))
		return 2;
	if (d->last_reviewed && d->approved_on &&
	    d->last_reviewed > d->approved_on)
		return 4;
	return 3;
}

/* d's own target, else the stage's for a core document, else 0. */
int maturity_target(const struct repo *r, const struct document *d, int stage)
{
	if (d->target)
		return d->target;
	if (!repo_is_core(r, d))
		return 0;
	return stage >= 2 ? r->config.target_stage2 : r->config.target_stage1;
}

/* Latest entry or review plus the cycle: when g is next due. */
isms_date maturity_register_due(const struct reg *g)
{
	return register_due(g);
}

/* Is there a report or minutes for clause id (9.2, 9.3)? */
bool maturity_has_record(const struct repo *r, const char *id)
{
	int want = catalog_clause_find(id);
	size_t i, j;

	for (i = 0; want >= 0 && i < r->ndocs; i++) {
		const struct document *d = r->docs[i];

		if (!d->parsed || d->status == STATUS_RETIRED ||
		    (d->type != DOC_REPORT && d->type != DOC_MINUTES))
			continue;
		for (j = 0; j < d->nclauses; j++) {
			size_t have = (size_t)d->clauses[j].clause;

			if (catalog_clause_covers(have, (size_t)want) ||
			    catalog_clause_covers((size_t)want, have))
				return true;
		}
	}
	return false;
}

/* Order document pointers by id, then path. */
static int document_ptr_cmp(const void *a, const void *b)
{
	const struct document *x = *(const struct document *const *)a;
	const struct document *y = *(const struct document *const *)b;
	int c = strcmp(x->id, y->id);

	return c ? c : strcmp(x->path, y->path);
}

/* The documents maturity lists, sorted by id. */
const struct document **maturity_documents(const struct repo *r, size_t *n)
{
	const struct document **v = xcalloc(r->ndocs + 1, sizeof(*v));
	size_t i;

	*n = 0;
	for (i = 0; i < r->ndocs; i++) {
		const struct document *d = r->docs[i];

		if (d->id && (d->parsed || d->discovered) &&
		    d->status != STATUS_RETIRED)
			v[(*n)++] = d;
	}
	if (*n > 1)
		qsort(v, *n, sizeof(*v), document_ptr_cmp);
	return v;
}

/* Rounded down, so that 100 means nothing at all is missing. */
int readiness_percent(size_t met, size_t total)
{
	if (!total)
		return 100;
	return (int)(met * 100 / total);
}

/* The levels of every listed document. */
static void maturity_levels(const struct repo *r, struct maturity *m)
{
	const struct document **v = maturity_documents(r, &m->ndocs);
	size_t i;

	m->docs = xcalloc(m->ndocs + 1, sizeof(*m->docs));
	for (i = 0; i < m->ndocs; i++) {
		struct maturity_doc *md = &m->docs[i];

		md->doc = v[i];
		md->claimed = document_maturity(v[i]);
		md->evidenced = maturity_evidenced(r, v[i]);
		md->target = maturity_target(r, v[i], m->stage);
		md->core = repo_is_core(r, v[i]);
	}
	free(v);
}

/* The levels m holds for d, or NULL when d is not listed. */
static const struct maturity_doc *levels_of(const struct maturity *m,
					    const struct document *d)
{
	size_t i;

	for (i = 0; i < m->ndocs; i++)
		if (m->docs[i].doc == d)
			return &m->docs[i];
	return NULL;
}

/* Add d to a roll-up once (kept sorted by id) and lower its levels. */
static void rollup_add(struct maturity *m, struct maturity_rollup *u,
		       const struct document *d, size_t cap)
{
	const struct maturity_doc *md = levels_of(m, d);
	size_t i;

	if (!md)
		return;
	for (i = 0; i < u->ndocs; i++)
		if (u->docs[i] == d)
			return;
	if (!u->docs)
		u->docs = arena_calloc(&m->arena, cap + 1, sizeof(*u->docs));
	u->docs[u->ndocs++] = d;
	if (!u->claimed || md->claimed < u->claimed)
		u->claimed = md->claimed;
	if (!u->evidenced || md->evidenced < u->evidenced)
		u->evidenced = md->evidenced;
}

/* Sort a roll-up's documents by id. */
static void rollup_sort(struct maturity_rollup *u)
{
	if (u->ndocs > 1)
		qsort(u->docs, u->ndocs, sizeof(*u->docs), document_ptr_cmp);
}

/* One roll-up per leaf clause, over the documents covering it. */
static void maturity_clauses(const struct repo *r, struct maturity *m)
{
	size_t k, i;

	m->clauses = xcalloc(catalog_clause_count + 1, sizeof(*m->clauses));
	for (k = 0; k < catalog_clause_count; k++) {
		const struct clause_info *ci = &catalog_clauses[k];
		const struct clause_state *c = &r->clauses[k];
		struct maturity_rollup *u = &m->clauses[m->nclauses];

		if (ci->kind != CLAUSE_LEAF)
			continue;
		m->nclauses++;
		u->id = ci->id;
		u->title = ci->title;
		u->required = ci->required;
		for (i = 0; i < c->ndocs; i++)
			rollup_add(m, u, c->docs[i].doc, c->ndocs);
		rollup_sort(u);
	}
}

/* One theme's roll-up: its applicable controls and their documents. */
static void maturity_theme(const struct repo *r, struct maturity *m,
			   struct maturity_rollup *u)
{
	size_t i, j;

	for (i = 0; i < catalog_control_count; i++) {
		const struct control_state *c = &r->controls[i];

		if (strcmp(catalog_controls[i].theme, u->id) || !c->applicable)
			continue;
		u->applicable++;
		u->full += c->coverage == COVERAGE_FULL;
		u->partial += c->coverage == COVERAGE_PARTIAL;
		for (j = 0; j < c->ndocs; j++)
			rollup_add(m, u, c->docs[j].doc, m->ndocs);
	}
	rollup_sort(u);
}

/* One roll-up per Annex A theme. */
static void maturity_themes(const struct repo *r, struct maturity *m)
{
	size_t t;

	m->nthemes = catalog_theme_count;
	m->themes = xcalloc(m->nthemes + 1, sizeof(*m->themes));
	for (t = 0; t < m->nthemes; t++) {
		m->themes[t].id = catalog_themes[t];
		maturity_theme(r, m, &m->themes[t]);
	}
}

/* Levels, then roll-ups over them, then readiness. */
void maturity_compute(const struct repo *r, int stage, struct maturity *m)
{
	memset(m, 0, sizeof(*m));
	m->stage = stage ? stage : r->stage;
	maturity_levels(r, m);
	maturity_clauses(r, m);
	maturity_themes(r, m);
	readiness_compute(r, m);
}

/* Free what maturity_compute() made; the repository stays. */
void maturity_release(struct maturity *m)
{
	free(m->docs);
	free(m->clauses);
	free(m->themes);
	free(m->items);
	arena_release(&m->arena);
	memset(m, 0, sizeof(*m));
}
