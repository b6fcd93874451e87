/* Unit tests of the audit index and of the SoA the map implies. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "isms/catalog.h"
#include "isms/checklist.h"
#include "isms/soaview.h"
#include "isms/spine.h"

/* A document in r's arena, owned, with a review due next year. */
static struct document *doc_new(struct repo *r, const char *id,
				enum doc_type type, enum doc_status status,
				int maturity)
{
	struct document *d = arena_calloc(&r->arena, 1, sizeof(*d));

	d->id = id;
	d->path = id;
	d->type = type;
	d->status = status;
	d->maturity = maturity;
	d->owner = "CISO";
	d->next_review = 20270601;
	d->parsed = true;
	strmap_put(&r->by_id, id, d);
	return d;
}

/* Give d a control link. */
static void doc_control(struct repo *r, struct document *d, const char *id,
			enum coverage cov)
{
	struct control_link *v =
	    arena_calloc(&r->arena, d->ncontrols + 1, sizeof(*v));

	if (d->ncontrols)
		memcpy(v, d->controls, d->ncontrols * sizeof(*v));
	v[d->ncontrols++] = (struct control_link){
	    catalog_control_find(id), cov, SOURCE_FRONTMATTER, {1, 1}};
	d->controls = v;
}

/* Give d a clause link. */
static void doc_clause(struct repo *r, struct document *d, const char *id)
{
	struct clause_link *v =
	    arena_calloc(&r->arena, d->nclauses + 1, sizeof(*v));

	if (d->nclauses)
		memcpy(v, d->clauses, d->nclauses * sizeof(*v));
	v[d->nclauses++] = (struct clause_link){
	    catalog_clause_find(id), SOURCE_FRONTMATTER, {1, 1}};
	d->clauses = v;
}

static struct document *docs[8];

/*
 * A small repository on 2026-12-01 with the default targets (2, 3):
 *   POL-1  policy, approved, maturity 2: 5.2, A.5.1 full
 *   PRC-1  procedure, draft: A.5.1 and A.5.2 partial
 *   PRC-2  procedure, approved, maturity 3, 6m cycle: A.8.32 full
 *   PRC-3  procedure, approved, maturity 3, review overdue: A.8.13 full
 *   PLN-1  plan, approved, maturity 3: 9.2 (the audit programme)
 */
static void repo_small(struct repo *r)
{
	memset(r, 0, sizeof(*r));
	findings_init(&r->findings, &r->arena);
	r->today = 20261201;
	r->config.target_stage1 = 2;
	r->config.target_stage2 = 3;
	docs[0] = doc_new(r, "POL-1", DOC_POLICY, STATUS_APPROVED, 2);
	doc_clause(r, docs[0], "5.2");
	doc_control(r, docs[0], "A.5.1", COVERAGE_FULL);
	docs[1] = doc_new(r, "PRC-1", DOC_PROCEDURE, STATUS_DRAFT, 1);
	docs[1]->owner = "Head of IT";
	docs[1]->next_review = 0;
	doc_control(r, docs[1], "A.5.1", COVERAGE_PARTIAL);
	doc_control(r, docs[1], "A.5.2", COVERAGE_PARTIAL);
	docs[2] = doc_new(r, "PRC-2", DOC_PROCEDURE, STATUS_APPROVED, 3);
	docs[2]->review_every = (struct duration){6, 'm'};
	docs[2]->next_review = 20270301;
	doc_control(r, docs[2], "A.8.32", COVERAGE_FULL);
	docs[3] = doc_new(r, "PRC-3", DOC_PROCEDURE, STATUS_APPROVED, 3);
	docs[3]->next_review = 20261101;
	doc_control(r, docs[3], "A.8.13", COVERAGE_FULL);
	docs[4] = doc_new(r, "PLN-1", DOC_PLAN, STATUS_APPROVED, 3);
	doc_clause(r, docs[4], "9.2");
	r->docs = docs;
	r->ndocs = 5;
}

/* Release what repo_small() and map_build() made. */
static void repo_small_release(struct repo *r)
{
	map_release(r);
	strmap_release(&r->by_id);
	findings_release(&r->findings);
	arena_release(&r->arena);
}

/* The row with this reference, or NULL. */
static const struct checklist_row *row_find(const struct checklist *cl,
					    const char *reference)
{
	size_t i;

	for (i = 0; i < cl->len; i++)
		if (!strcmp(cl->rows[i].reference, reference))
			return &cl->rows[i];
	return NULL;
}

/* What one row should say. */
struct row_case {
	const char *reference;
	size_t ndocs;
	const char *owner;
	enum doc_status status;
	int maturity;
	unsigned cycle; /* review_every in months, 0 unknown */
	isms_date next_review;
	enum checklist_stage stage;
};

static const struct row_case row_cases[] = {
    /* the full document leads; the draft partial one does not */
    {"A.5.1", 2, "CISO", STATUS_APPROVED, 2, 12, 20270601, CHECKLIST_STAGE2},
    /* only partial coverage: open for Stage 1 */
    {"A.5.2", 1, "Head of IT", STATUS_DRAFT, 1, 12, 0, CHECKLIST_STAGE1},
    /* maturity 3, inside its cycle: ready for both audits */
    {"A.8.32", 1, "CISO", STATUS_APPROVED, 3, 6, 20270301,
     CHECKLIST_IMPROVEMENT},
    /* overdue review: open for Stage 1 */
    {"A.8.13", 1, "CISO", STATUS_APPROVED, 3, 12, 20261101, CHECKLIST_STAGE1},
    /* no document at all */
    {"A.5.3", 0, NULL, STATUS_NONE, 0, 0, 0, CHECKLIST_STAGE1},
    /* the policy at maturity 2 */
    {"5.2", 1, "CISO", STATUS_APPROVED, 2, 12, 20270601, CHECKLIST_STAGE2},
    /* the audit programme at 3, but no audit report: Stage 2 */
    {"9.2.2", 1, "CISO", STATUS_APPROVED, 3, 12, 20270601, CHECKLIST_STAGE2},
    /* spine: the plan listing 9.2 */
    {"audit-plan", 1, "CISO", STATUS_APPROVED, 3, 12, 20270601,
     CHECKLIST_IMPROVEMENT},
    {"change-procedure", 1, "CISO", STATUS_APPROVED, 3, 6, 20270301,
     CHECKLIST_IMPROVEMENT},
    {"risk-register", 0, NULL, STATUS_NONE, 0, 0, 0, CHECKLIST_STAGE1},
};

static void test_checklist_rows(void **state)
{
	struct checklist cl;
	struct repo r;
	size_t i;

	(void)state;
	repo_small(&r);
	map_build(&r);
	checklist_build(&r, 0, &cl);
	assert_int_equal(cl.len, 14 + spine_count + catalog_control_count);
	for (i = 0; i < sizeof(row_cases) / sizeof(*row_cases); i++) {
		const struct row_case *want = &row_cases[i];
		const struct checklist_row *got =
		    row_find(&cl, want->reference);

		assert_non_null(got);
		assert_int_equal(got->ndocs, want->ndocs);
		if (want->owner)
			assert_string_equal(got->owner, want->owner);
		else
			assert_null(got->owner);
		assert_int_equal(got->status, want->status);
		assert_int_equal(got->maturity, want->maturity);
		assert_int_equal(got->review_every.n, want->cycle);
		assert_int_equal(got->next_review, want->next_review);
		assert_int_equal(got->stage, want->stage);
	}
	checklist_release(&cl);
	repo_small_release(&r);
}

/* --stage 1 keeps the rows open for Stage 1, in their order. */
static void test_checklist_stage(void **state)
{
	struct checklist all, one;
	struct repo r;
	size_t i, j = 0;

	(void)state;
	repo_small(&r);
	map_build(&r);
	checklist_build(&r, 0, &all);
	checklist_build(&r, 1, &one);
	for (i = 0; i < all.len; i++) {
		if (all.rows[i].stage != CHECKLIST_STAGE1)
			continue;
		assert_true(j < one.len);
		assert_string_equal(one.rows[j++].reference,
				    all.rows[i].reference);
	}
	assert_int_equal(j, one.len);
	assert_null(row_find(&one, "A.8.32"));
	checklist_release(&all);
	checklist_release(&one);
	repo_small_release(&r);
}

/* Two owners of full documents are both named, once each. */
static void test_checklist_owners(void **state)
{
	struct checklist cl;
	struct repo r;

	(void)state;
	repo_small(&r);
	docs[5] = doc_new(&r, "STD-1", DOC_STANDARD, STATUS_REVIEW, 2);
	docs[5]->owner = "Head of IT";
	doc_control(&r, docs[5], "A.5.1", COVERAGE_FULL);
	docs[6] = doc_new(&r, "STD-2", DOC_STANDARD, STATUS_APPROVED, 2);
	doc_control(&r, docs[6], "A.5.1", COVERAGE_FULL);
	r.ndocs = 7;
	map_build(&r);
	checklist_build(&r, 0, &cl);
	assert_string_equal(row_find(&cl, "A.5.1")->owner, "CISO; Head of IT");
	assert_int_equal(row_find(&cl, "A.5.1")->status, STATUS_REVIEW);
	checklist_release(&cl);
	repo_small_release(&r);
}

/* An SoA row for a control: applicability, status and documents. */
static void soa_row_set(struct soa_row *row, const char *id, bool applicable,
			enum impl_status status, const char **documents,
			size_t n)
{
	memset(row, 0, sizeof(*row));
	row->control = catalog_control_find(id);
	row->id = id;
	row->applicable = applicable;
	row->justification = "reason";
	row->status = status;
	row->documents = (struct strlist){documents, n};
}

/* The view row with this id, or NULL. */
static const struct soaview_row *view_find(const struct soaview *v,
					   const char *id)
{
	size_t i;

	for (i = 0; i < v->len; i++)
		if (!strcmp(v->rows[i].id, id))
			return &v->rows[i];
	return NULL;
}

/* Each kind of disagreement between the SoA and the documents. */
static void test_soaview_conflicts(void **state)
{
	static const char *listed[] = {"POL-1", "NOPE-9"};
	static const char *prc2[] = {"PRC-2"};
	struct soa_row rows[5];
	struct soaview v;
	struct repo r;
	int *row_of;
	size_t i;

	(void)state;
	repo_small(&r);
	soa_row_set(&rows[0], "A.5.1", true, IMPL_IMPLEMENTED, listed, 2);
	soa_row_set(&rows[1], "A.5.2", true, IMPL_IMPLEMENTED, NULL, 0);
	soa_row_set(&rows[2], "A.8.32", false, IMPL_NOT_IMPLEMENTED, prc2, 1);
	soa_row_set(&rows[3], "A.5.3", true, IMPL_PLANNED, NULL, 0);
	soa_row_set(&rows[4], "OWN-1", true, IMPL_PARTIAL, prc2, 1);
	rows[4].control = -1;
	row_of = arena_alloc(&r.arena, catalog_control_count * sizeof(int));
	for (i = 0; i < catalog_control_count; i++)
		row_of[i] = -1;
	for (i = 0; i < 4; i++)
		row_of[rows[i].control] = (int)i;
	r.soa = (struct soa){docs[0], rows, 5, 1, "soa.csv", row_of};
	map_build(&r);
	soaview_build(&r, &v);
	assert_int_equal(v.len, catalog_control_count + 1);
	assert_string_equal(view_find(&v, "A.5.1")->conflict,
			    "SoA lists unknown documents: NOPE-9; the map has "
			    "documents the SoA does not list: PRC-1");
	assert_string_equal(view_find(&v, "A.5.2")->conflict,
			    "SoA says implemented, documents implement it "
			    "only partially");
	assert_int_equal(view_find(&v, "A.5.2")->status, IMPL_PARTIAL);
	assert_string_equal(view_find(&v, "A.8.32")->conflict,
			    "documents implement an excluded control");
	assert_null(view_find(&v, "A.5.3")->conflict); /* still planned */
	assert_int_equal(view_find(&v, "A.5.3")->status, IMPL_PLANNED);
	assert_string_equal(view_find(&v, "A.5.4")->conflict,
			    "missing from the SoA");
	assert_null(view_find(&v, "OWN-1")->title);
	assert_null(view_find(&v, "OWN-1")->conflict);
	soaview_release(&v);
	repo_small_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_checklist_rows),
	    cmocka_unit_test(test_checklist_stage),
	    cmocka_unit_test(test_checklist_owners),
	    cmocka_unit_test(test_soaview_conflicts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
