/*
 * The control map and the clause map: which documents implement each
 * Annex A control, and which cover each clause.
 */
#include "isms/repo.h"
#include "isms/alloc.h"
#include "isms/catalog.h"
#include "isms/ids.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Add d to a list of covering documents (once, best coverage kept). */
static void cover_add(struct repo *r, struct doc_cover **list, size_t *len,
		      size_t *cap, struct document *d, enum coverage cov,
		      enum link_source src)
{
	size_t i;

	for (i = 0; i < *len; i++) {
		if ((*list)[i].doc == d) {
			if (cov > (*list)[i].coverage)
				(*list)[i].coverage = cov;
			return;
		}
	}
	(void)r;
	ALLOC_GROW(*list, *len + 1, *cap);
	(*list)[(*len)++] = (struct doc_cover){d, cov, src};
}

/* Does d link control index through its front matter? */
static bool has_control(const struct document *d, int index)
{
	size_t i;

	for (i = 0; i < d->ncontrols; i++)
		if (d->controls[i].control == index)
			return true;
	return false;
}

/* Does d link clause index? */
static bool has_clause(const struct document *d, int index)
{
	size_t i;

	for (i = 0; i < d->nclauses; i++)
		if (d->clauses[i].clause == index)
			return true;
	return false;
}

/*
 * Under discover, turn the text's mentions into links: full inside the
 * mapping section, partial elsewhere; front matter always wins.
 */
static void map_discover(struct repo *r, struct document *d)
{
	size_t i, ccap = d->ncontrols, kcap = d->nclauses;

	for (i = 0; i < d->nrefs; i++) {
		const struct text_ref *t = &d->refs[i];
		enum coverage cov =
		    t->in_mapping ? COVERAGE_FULL : COVERAGE_PARTIAL;

		if (!t->clause && !has_control(d, t->index)) {
			ARENA_GROW(&r->arena, d->controls, d->ncontrols + 1,
				   ccap);
			d->controls[d->ncontrols++] = (struct control_link){
			    t->index, cov, SOURCE_TEXT, t->pos};
		} else if (t->clause && !has_clause(d, t->index)) {
			ARENA_GROW(&r->arena, d->clauses, d->nclauses + 1,
				   kcap);
			d->clauses[d->nclauses++] =
			    (struct clause_link){t->index, SOURCE_TEXT, t->pos};
		}
	}
}

/* The clause a document's type or register kind implies, or -1. */
static int implied_clause(const struct document *d)
{
	if (d->type == DOC_SCOPE)
		return catalog_clause_find("4.3");
	if (d->register_kind && !strcasecmp(d->register_kind, "risk"))
		return catalog_clause_find("8.2");
	if (d->register_kind && !strcasecmp(d->register_kind, "nonconformity"))
		return catalog_clause_find("10.2");
	return -1;
}

/* Add document d to the clause map. */
static void map_clauses(struct repo *r, struct document *d)
{
	int implied = implied_clause(d);
	int treatment = catalog_clause_find("6.1.3");
	size_t i, k;

	for (k = 0; k < catalog_clause_count; k++) {
		struct clause_state *c = &r->clauses[k];
		enum link_source src = SOURCE_FRONTMATTER;
		bool hit = implied == (int)k;

		for (i = 0; !hit && i < d->nclauses; i++) {
			hit = catalog_clause_covers(
			    (size_t)d->clauses[i].clause, k);
			src = d->clauses[i].source;
		}
		/* 6.1.3 also asks for the treatment process: not the SoA. */
		if (hit && d->type == DOC_SOA && (int)k == treatment)
			hit = false;
		if (hit)
			cover_add(r, &c->docs, &c->ndocs, &c->cap, d,
				  COVERAGE_FULL, src);
	}
}

/* Add document d to the control map. */
static void map_controls(struct repo *r, struct document *d)
{
	size_t i;

	for (i = 0; i < d->ncontrols; i++) {
		const struct control_link *l = &d->controls[i];
		struct control_state *c = &r->controls[l->control];

		cover_add(r, &c->docs, &c->ndocs, &c->cap, d, l->coverage,
			  l->source);
	}
}

/* Order covering documents by id. */
static int cover_cmp(const void *a, const void *b)
{
	const struct document *x = ((const struct doc_cover *)a)->doc;
	const struct document *y = ((const struct doc_cover *)b)->doc;

	return strcmp(x->id ? x->id : "", y->id ? y->id : "");
}

/* Applicability and best coverage of each control. */
static void map_settle(struct repo *r)
{
	size_t i, j;

	for (i = 0; i < catalog_control_count; i++) {
		struct control_state *c = &r->controls[i];
		int row = r->soa.doc ? r->soa.row_of[i] : -1;

		c->soa = row >= 0 ? &r->soa.rows[row] : NULL;
		c->applicable = !c->soa || c->soa->applicable;
		c->coverage = COVERAGE_NONE;
		for (j = 0; j < c->ndocs; j++)
			if (c->docs[j].coverage > c->coverage)
				c->coverage = c->docs[j].coverage;
		if (!c->applicable)
			c->coverage = COVERAGE_EXCLUDED;
		if (c->ndocs > 1)
			qsort(c->docs, c->ndocs, sizeof(*c->docs), cover_cmp);
	}
	for (i = 0; i < catalog_clause_count; i++)
		if (r->clauses[i].ndocs > 1)
			qsort(r->clauses[i].docs, r->clauses[i].ndocs,
			      sizeof(*r->clauses[i].docs), cover_cmp);
}

/*
 * Pass over the risks whose controls cell names a control, in the view:
 * count them per control (fill false), or add them to the lists that
 * the count sized (fill true).
 */
static void map_risks_pass(struct repo *r, bool fill)
{
	size_t i, j, k, n;

	for (i = 0; i < r->nregs; i++) {
		const struct reg *g = &r->regs[i];

		if (strcmp(g->schema->kind, "risk"))
			continue;
		for (j = 1; j <= reg_rows(g); j++) {
			const char *cell = reg_get(g, j, "controls");
			struct id_match m[64];

			/* In the view of a service: its own risks only. */
			if (r->view && !service_row_names(g, j, r->view))
				continue;
			n = ids_find_controls(cell, strlen(cell), m, 64);
			for (k = 0; k < n && k < 64; k++) {
				struct control_state *c;

				if (m[k].index < 0)
					continue;
				c = &r->controls[m[k].index];
				if (fill)
					c->risks[c->nrisks++] =
					    (struct reg_ref){g, j};
				else
					c->rcap++;
			}
		}
	}
}

/*
 * control -> risks: the risks whose controls cell names the control,
 * counted first so that each list is allocated once at its size.
 */
static void map_risks(struct repo *r)
{
	size_t i;

	r->risks_mapped = true;
	map_risks_pass(r, false);
	for (i = 0; i < catalog_control_count; i++) {
		struct control_state *c = &r->controls[i];

		if (c->rcap)
			c->risks =
			    arena_alloc(&r->arena, c->rcap * sizeof(*c->risks));
	}
	map_risks_pass(r, true);
}

const struct reg_ref *repo_control_risks(const struct repo *r, size_t i,
					 size_t *n)
{
	/* The repository is the caller's; only the lazy lists change. */
	if (!r->risks_mapped)
		map_risks((struct repo *)r);
	*n = r->controls[i].nrisks;
	return r->controls[i].risks;
}

void map_release(struct repo *r)
{
	size_t i;

	/* The cover lists grow with realloc; the rest is the arena's. */
	for (i = 0; r->controls && i < catalog_control_count; i++)
		free(r->controls[i].docs);
	for (i = 0; r->clauses && i < catalog_clause_count; i++)
		free(r->clauses[i].docs);
	r->controls = NULL;
	r->clauses = NULL;
}

void map_build(struct repo *r)
{
	bool discover = r->discover;
	size_t i;

	map_release(r);
	r->controls = arena_calloc(&r->arena, catalog_control_count,
				   sizeof(*r->controls));
	r->clauses =
	    arena_calloc(&r->arena, catalog_clause_count, sizeof(*r->clauses));
	for (i = 0; i < r->ndocs; i++) {
		struct document *d = r->docs[i];

		if (!d->parsed && !d->discovered)
			continue;
		if (d->status == STATUS_RETIRED)
			continue;
		if (discover)
			map_discover(r, d);
		map_controls(r, d);
		map_clauses(r, d);
	}
	map_settle(r);
	r->risks_mapped = false; /* built on demand: repo_control_risks */
}
