/* Unit tests of maturity levels, roll-ups and readiness arithmetic. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "isms/catalog.h"
#include "isms/maturity.h"
#include "isms/repo.h"

/* The Stage 1 requirements of an empty repository without an SoA: 14
 * required clauses, 13 spine items and 93 applicable controls. */
#define EMPTY_STAGE1 (14 + 13 + 93)
/* Stage 2 adds five registers in use and two records. */
#define EMPTY_STAGE2 (EMPTY_STAGE1 + 5 + 2)

static struct document *docs[4];

/* An approved document in r's arena, owned, with one clause link. */
static struct document *doc_new(struct repo *r, const char *id,
				enum doc_type type, const char *clause)
{
	struct document *d = arena_calloc(&r->arena, 1, sizeof(*d));
	struct clause_link *l = arena_calloc(&r->arena, 1, sizeof(*l));

	d->id = id;
	d->path = id;
	d->title = id;
	d->owner = "CISO";
	d->type = type;
	d->status = STATUS_APPROVED;
	d->approved_on = 20260101;
	d->parsed = true;
	*l = (struct clause_link){
	    catalog_clause_find(clause), SOURCE_FRONTMATTER, {1, 1}};
	d->clauses = l;
	d->nclauses = 1;
	return d;
}

/* A repository of n documents (docs[0..n-1]), map built, stage 1. */
static void repo_with(struct repo *r, size_t n)
{
	r->docs = docs;
	r->ndocs = n;
	r->stage = 1;
	r->today = 20261201;
	r->config.target_stage1 = 2;
	r->config.target_stage2 = 3;
	map_build(r);
}

/* A zeroed repository ready for documents. */
static void repo_begin(struct repo *r)
{
	memset(r, 0, sizeof(*r));
	findings_init(&r->findings, &r->arena);
}

/* Free a test repository's map, findings and arena. */
static void repo_end(struct repo *r)
{
	map_release(r);
	findings_release(&r->findings);
	arena_release(&r->arena);
}

/* floor(100 * met / total), and 100 when nothing is required. */
static void test_percent(void **state)
{
	static const struct {
		size_t met, total;
		int percent;
	} cases[] = {
	    {0, 0, 100},  {0, 1, 0},	  {1, 1, 100},
	    {1, 3, 33},	  {2, 3, 66},	  {30, 42, 71},
	    {31, 57, 54}, {137, 138, 99}, {138, 138, 100},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		assert_int_equal(
		    readiness_percent(cases[i].met, cases[i].total),
		    cases[i].percent);
}

/* Nothing is met in an empty repository; the counts are fixed. */
static void test_empty(void **state)
{
	struct maturity m;
	struct repo r;

	(void)state;
	repo_begin(&r);
	repo_with(&r, 0);
	maturity_compute(&r, 0, &m);
	assert_int_equal(m.ready[0].total, EMPTY_STAGE1);
	assert_int_equal(m.ready[0].met, 0);
	assert_int_equal(m.ready[0].percent, 0);
	assert_int_equal(m.ready[1].total, EMPTY_STAGE2);
	assert_int_equal(m.ready[1].met, 0);
	maturity_release(&m);
	repo_end(&r);
}

/*
 * One approved scope: clause 4.3 and the scope spine item are met, and
 * the scope is a core document, ready for Stage 1 (level 2, target 2)
 * and not for Stage 2 (target 3).
 */
static void test_scope(void **state)
{
	struct maturity m;
	struct repo r;

	(void)state;
	repo_begin(&r);
	docs[0] = doc_new(&r, "SCOPE-1", DOC_SCOPE, "4.3");
	repo_with(&r, 1);
	maturity_compute(&r, 0, &m);
	assert_int_equal(m.ready[0].total, EMPTY_STAGE1 + 1);
	assert_int_equal(m.ready[0].met, 3);
	assert_int_equal(m.ready[0].percent, 300 / (EMPTY_STAGE1 + 1));
	assert_int_equal(m.ready[1].total, EMPTY_STAGE2 + 2);
	assert_int_equal(m.ready[1].met, 3);
	assert_int_equal(m.ndocs, 1);
	assert_true(m.docs[0].core);
	assert_int_equal(m.docs[0].target, 2);
	maturity_release(&m);
	maturity_compute(&r, 2, &m);
	assert_int_equal(m.docs[0].target, 3);
	maturity_release(&m);
	repo_end(&r);
}

/* Evidenced levels: draft 1, approved 2, records 3, reviewed after 4. */
static void test_evidenced(void **state)
{
	struct repo r;
	struct document *d;

	(void)state;
	repo_begin(&r);
	d = docs[0] = doc_new(&r, "PRC-1", DOC_PROCEDURE, "8.1");
	repo_with(&r, 1);
	assert_int_equal(maturity_evidenced(&r, d), 2);
	d->evidence_found = 1;
	assert_int_equal(maturity_evidenced(&r, d), 3);
	d->last_reviewed = 20260101; /* the day of approval: not after */
	assert_int_equal(maturity_evidenced(&r, d), 3);
	d->last_reviewed = 20260601;
	assert_int_equal(maturity_evidenced(&r, d), 4);
	d->status = STATUS_REVIEW;
	assert_int_equal(maturity_evidenced(&r, d), 1);
	repo_end(&r);
}

/* A claim above the evidence counts at the evidence's level. */
static void test_claim_unbacked(void **state)
{
	struct maturity m;
	struct repo r;

	(void)state;
	repo_begin(&r);
	docs[0] = doc_new(&r, "SCOPE-1", DOC_SCOPE, "4.3");
	docs[0]->maturity = 3;
	docs[0]->target = 3;
	repo_with(&r, 1);
	maturity_compute(&r, 0, &m);
	assert_int_equal(m.docs[0].claimed, 3);
	assert_int_equal(m.docs[0].evidenced, 2);
	/* Stage 1: clause, spine; the document misses its own target 3. */
	assert_int_equal(m.ready[0].met, 2);
	/* Stage 2 adds the document again and its evidence: both missed. */
	assert_int_equal(m.ready[1].total, EMPTY_STAGE2 + 3);
	assert_int_equal(m.ready[1].met, 2);
	maturity_release(&m);
	repo_end(&r);
}

/* A clause's roll-up is the lowest level among its documents. */
static void test_rollup_min(void **state)
{
	const struct maturity_rollup *u = NULL;
	struct maturity m;
	struct repo r;
	size_t i;

	(void)state;
	repo_begin(&r);
	docs[0] = doc_new(&r, "MTH-2", DOC_METHODOLOGY, "6.1.2");
	docs[0]->maturity = 3;
	docs[0]->evidence_found = 1;
	docs[1] = doc_new(&r, "MTH-1", DOC_METHODOLOGY, "6.1.2");
	docs[1]->status = STATUS_DRAFT;
	repo_with(&r, 2);
	maturity_compute(&r, 0, &m);
	for (i = 0; i < m.nclauses; i++)
		if (!strcmp(m.clauses[i].id, "6.1.2"))
			u = &m.clauses[i];
	assert_non_null(u);
	assert_int_equal(u->ndocs, 2);
	assert_string_equal(u->docs[0]->id, "MTH-1"); /* by id */
	assert_int_equal(u->claimed, 1);
	assert_int_equal(u->evidenced, 1);
	for (i = 0; i < m.nclauses; i++)
		if (!strcmp(m.clauses[i].id, "4.3"))
			u = &m.clauses[i];
	assert_int_equal(u->ndocs, 0);
	assert_int_equal(u->claimed, 0);
	maturity_release(&m);
	repo_end(&r);
}

/* Own targets apply to any document; stage targets to core ones. */
static void test_target(void **state)
{
	struct repo r;

	(void)state;
	repo_begin(&r);
	docs[0] = doc_new(&r, "STD-1", DOC_STANDARD, "7.3");
	docs[1] = doc_new(&r, "POL-1", DOC_POLICY, "5.2");
	repo_with(&r, 2);
	assert_int_equal(maturity_target(&r, docs[0], 1), 0);
	assert_int_equal(maturity_target(&r, docs[1], 1), 2);
	assert_int_equal(maturity_target(&r, docs[1], 2), 3);
	docs[0]->target = 4;
	assert_int_equal(maturity_target(&r, docs[0], 1), 4);
	repo_end(&r);
}

/* Run every test of this file. */
int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_percent),
	    cmocka_unit_test(test_empty),
	    cmocka_unit_test(test_scope),
	    cmocka_unit_test(test_evidenced),
	    cmocka_unit_test(test_claim_unbacked),
	    cmocka_unit_test(test_rollup_min),
	    cmocka_unit_test(test_target),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
