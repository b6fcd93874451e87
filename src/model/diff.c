/*
 * Two loads of a repository compared: the controls and clauses whose
 * coverage changed, the documents added, removed or changed (matched by
 * id), and the findings that are new or gone.
 */
#include "isms/diff.h"
#include "isms/alloc.h"
#include "isms/catalog.h"

#include <stdlib.h>
#include <string.h>

/* Append p to list l. */
static void diff_push(struct diff_list *l, const void *p)
{
	ALLOC_GROW(l->v, l->len + 1, l->cap);
	l->v[l->len++] = p;
}

/* How much a coverage covers: none 0, partial 1, full 2. */
static int diff_rank(enum coverage c)
{
	return c == COVERAGE_FULL ? 2 : c == COVERAGE_PARTIAL ? 1 : 0;
}

/* The move of a control from coverage a to b (a != b). */
static enum diff_move diff_control_move(enum coverage a, enum coverage b)
{
	if (b == COVERAGE_EXCLUDED)
		return DIFF_EXCLUDED;
	if (a == COVERAGE_EXCLUDED)
		return DIFF_INCLUDED;
	return diff_rank(b) > diff_rank(a) ? DIFF_GAINED : DIFF_LOST;
}

/* Controls whose coverage differs, in catalog order. */
static void diff_controls(const struct repo *a, const struct repo *b,
			  struct repo_diff *d)
{
	size_t i, cap = 0;

	for (i = 0; i < catalog_control_count; i++) {
		enum coverage x = a->controls[i].coverage;
		enum coverage y = b->controls[i].coverage;

		if (x == y)
			continue;
		ALLOC_GROW(d->controls, d->ncontrols + 1, cap);
		d->controls[d->ncontrols++] = (struct diff_control){
		    (int)i, x, y, diff_control_move(x, y)};
	}
}

/* Leaf clauses that gained or lost every document, in catalog order. */
static void diff_clauses(const struct repo *a, const struct repo *b,
			 struct repo_diff *d)
{
	size_t i, cap = 0, gcap = 0;

	for (i = 0; i < catalog_clause_count; i++) {
		bool had = a->clauses[i].ndocs > 0;
		bool has = b->clauses[i].ndocs > 0;

		if (catalog_clauses[i].kind != CLAUSE_LEAF || had == has)
			continue;
		ALLOC_GROW(d->clauses, d->nclauses + 1, cap);
		ALLOC_GROW(d->clause_gained, d->nclauses + 1, gcap);
		d->clause_gained[d->nclauses] = has;
		d->clauses[d->nclauses++] = (int)i;
	}
}

/* Is d a document of the map (read, with an id)? */
static bool diff_is_document(const struct document *d)
{
	return d->id && (d->parsed || d->discovered || d->adopted);
}

/* The document of r with d's id, if it is one of the map. */
static const struct document *diff_match(const struct repo *r,
					 const struct document *d)
{
	const struct document *m = repo_document(r, d->id);

	return m && diff_is_document(m) ? m : NULL;
}

/* NULL-safe string equality. */
static bool diff_same(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* The controls (or clauses) of d with their coverage, by catalog index. */
static void diff_links(const struct document *d, bool clauses, int *v, size_t n)
{
	size_t i;

	memset(v, 0, n * sizeof(*v));
	if (clauses)
		for (i = 0; i < d->nclauses; i++)
			v[d->clauses[i].clause] = 1;
	else
		for (i = 0; i < d->ncontrols; i++)
			v[d->controls[i].control] =
			    1 + (int)d->controls[i].coverage;
}

/* Do a and b list different controls (or clauses), or cover differently? */
static bool diff_links_differ(const struct document *a,
			      const struct document *b, bool clauses)
{
	size_t n = clauses ? catalog_clause_count : catalog_control_count;
	int *x = xcalloc(n, sizeof(*x)), *y = xcalloc(n, sizeof(*y));
	bool differ;

	diff_links(a, clauses, x, n);
	diff_links(b, clauses, y, n);
	differ = memcmp(x, y, n * sizeof(*x)) != 0;
	free(x);
	free(y);
	return differ;
}

/* What changed from a to b, as enum diff_field bits. */
static unsigned diff_fields(const struct document *a, const struct document *b)
{
	unsigned f = 0;

	f |= strcmp(a->path, b->path) ? DIFF_PATH : 0;
	f |= diff_same(a->title, b->title) ? 0 : DIFF_TITLE;
	f |= a->type != b->type ? DIFF_TYPE : 0;
	f |= diff_same(a->owner, b->owner) ? 0 : DIFF_OWNER;
	f |= a->status != b->status ? DIFF_STATUS : 0;
	f |= document_maturity(a) != document_maturity(b) ? DIFF_MATURITY : 0;
	f |= diff_same(a->version, b->version) ? 0 : DIFF_VERSION;
	f |= diff_links_differ(a, b, false) ? DIFF_CONTROLS : 0;
	f |= diff_links_differ(a, b, true) ? DIFF_CLAUSES : 0;
	return f;
}

/* Order document pointers by id. */
static int diff_doc_cmp(const void *x, const void *y)
{
	const struct document *a = *(const struct document *const *)x;
	const struct document *b = *(const struct document *const *)y;

	return strcmp(a->id, b->id);
}

/* The map's documents of r, sorted by id, first of each id only. */
static void diff_documents_of(const struct repo *r, struct diff_list *l)
{
	size_t i;

	for (i = 0; i < r->ndocs; i++)
		if (diff_is_document(r->docs[i]) &&
		    repo_document(r, r->docs[i]->id) == r->docs[i])
			diff_push(l, r->docs[i]);
	if (l->len > 1)
		qsort(l->v, l->len, sizeof(*l->v), diff_doc_cmp);
}

/* Documents added, removed and changed from a to b. */
static void diff_documents(const struct repo *a, const struct repo *b,
			   struct repo_diff *d)
{
	struct diff_list old = {NULL, 0, 0}, now = {NULL, 0, 0};
	size_t i, cap = 0;

	diff_documents_of(a, &old);
	diff_documents_of(b, &now);
	for (i = 0; i < old.len; i++)
		if (!diff_match(b, old.v[i]))
			diff_push(&d->removed, old.v[i]);
	for (i = 0; i < now.len; i++) {
		const struct document *to = now.v[i], *from = diff_match(a, to);
		unsigned f;

		if (!from) {
			diff_push(&d->added, to);
			continue;
		}
		if (!(f = diff_fields(from, to)))
			continue;
		ALLOC_GROW(d->changed, d->nchanged + 1, cap);
		d->changed[d->nchanged++] = (struct diff_document){from, to, f};
	}
	free(old.v);
	free(now.v);
}

/* NULL-safe strcmp: NULL first. */
static int diff_strcmp(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

/* Order findings by what makes two the same: rule, file, message, ids. */
static int diff_finding_cmp(const void *x, const void *y)
{
	const struct finding *a = *(const struct finding *const *)x;
	const struct finding *b = *(const struct finding *const *)y;
	int c;

	if ((c = strcmp(a->rule, b->rule)) ||
	    (c = diff_strcmp(a->file, b->file)))
		return c;
	if ((c = diff_strcmp(a->message, b->message)) ||
	    (c = diff_strcmp(a->control, b->control)))
		return c;
	if ((c = diff_strcmp(a->clause, b->clause)))
		return c;
	return diff_strcmp(a->document, b->document);
}

/* The findings of r that count (not waived), sorted for matching. */
static void diff_findings_of(const struct repo *r, struct diff_list *l)
{
	size_t i;

	for (i = 0; i < r->findings.len; i++)
		if (!r->findings.items[i].waiver)
			diff_push(l, &r->findings.items[i]);
	if (l->len > 1)
		qsort(l->v, l->len, sizeof(*l->v), diff_finding_cmp);
}

/* Order finding pointers as check prints them (they share one list). */
static int diff_finding_order(const void *x, const void *y)
{
	const struct finding *a = *(const struct finding *const *)x;
	const struct finding *b = *(const struct finding *const *)y;
	int c = diff_strcmp(a->file, b->file);

	if (c)
		return c;
	if (a->pos.line != b->pos.line)
		return a->pos.line < b->pos.line ? -1 : 1;
	if (a->pos.column != b->pos.column)
		return a->pos.column < b->pos.column ? -1 : 1;
	if ((c = strcmp(a->rule, b->rule)))
		return c;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Findings in one sorted list and not the other, as a multiset. */
static void diff_findings(const struct repo *a, const struct repo *b,
			  struct repo_diff *d)
{
	struct diff_list x = {NULL, 0, 0}, y = {NULL, 0, 0};
	size_t i = 0, j = 0;
	int c;

	diff_findings_of(a, &x);
	diff_findings_of(b, &y);
	while (i < x.len || j < y.len) {
		c = i == x.len	 ? 1
		    : j == y.len ? -1
				 : diff_finding_cmp(&x.v[i], &y.v[j]);
		if (c < 0)
			diff_push(&d->closed, x.v[i++]);
		else if (c > 0)
			diff_push(&d->opened, y.v[j++]);
		else
			i++, j++;
	}
	if (d->closed.len > 1)
		qsort(d->closed.v, d->closed.len, sizeof(void *),
		      diff_finding_order);
	if (d->opened.len > 1)
		qsort(d->opened.v, d->opened.len, sizeof(void *),
		      diff_finding_order);
	free(x.v);
	free(y.v);
}

/* Every change from one load to the other. */
void diff_build(const struct repo *from, const struct repo *to,
		struct repo_diff *d)
{
	memset(d, 0, sizeof(*d));
	diff_controls(from, to, d);
	diff_clauses(from, to, d);
	diff_documents(from, to, d);
	diff_findings(from, to, d);
}

/* Free the lists (the loads stay). */
void diff_release(struct repo_diff *d)
{
	free(d->controls);
	free(d->clauses);
	free(d->clause_gained);
	free(d->added.v);
	free(d->removed.v);
	free(d->changed);
	free(d->opened.v);
	free(d->closed.v);
	memset(d, 0, sizeof(*d));
}

/* The JSON key of a move. */
const char *diff_move_name(enum diff_move m)
{
	static const char *const names[] = {"gained", "lost", "excluded",
					    "included"};

	return names[m];
}
