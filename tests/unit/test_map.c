/* Unit tests of the control and clause map and of the spine. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "isms/catalog.h"
#include "isms/repo.h"
#include "isms/spine.h"

/* A document in r's arena with the given id, type and status. */
static struct document *doc_new(struct repo *r, const char *id,
				enum doc_type type, enum doc_status status)
{
	struct document *d = arena_calloc(&r->arena, 1, sizeof(*d));

	d->id = id;
	d->path = id;
	d->type = type;
	d->status = status;
	d->parsed = true;
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

/* A small repository: two procedures, a plan, a retired policy. */
static void repo_small(struct repo *r)
{
	memset(r, 0, sizeof(*r));
	findings_init(&r->findings, &r->arena);
	docs[0] = doc_new(r, "PRC-2", DOC_PROCEDURE, STATUS_APPROVED);
	doc_control(r, docs[0], "A.8.32", COVERAGE_FULL);
	doc_control(r, docs[0], "A.5.1", COVERAGE_PARTIAL);
	docs[1] = doc_new(r, "PRC-1", DOC_PROCEDURE, STATUS_DRAFT);
	doc_control(r, docs[1], "A.5.1", COVERAGE_PARTIAL);
	docs[2] = doc_new(r, "PLN-1", DOC_PLAN, STATUS_APPROVED);
	doc_clause(r, docs[2], "9.2");
	doc_clause(r, docs[2], "6.1.3");
	docs[3] = doc_new(r, "POL-OLD", DOC_POLICY, STATUS_RETIRED);
	doc_control(r, docs[3], "A.5.2", COVERAGE_FULL);
	r->docs = docs;
	r->ndocs = 4;
}

static void test_control_map(void **state)
{
	struct repo r;
	const struct control_state *c;

	(void)state;
	repo_small(&r);
	map_build(&r);
	c = &r.controls[catalog_control_find("A.5.1")];
	assert_true(c->applicable);
	assert_int_equal(c->coverage, COVERAGE_PARTIAL);
	assert_int_equal(c->ndocs, 2);
	assert_string_equal(c->docs[0].doc->id, "PRC-1"); /* by id */
	c = &r.controls[catalog_control_find("A.8.32")];
	assert_int_equal(c->coverage, COVERAGE_FULL);
	c = &r.controls[catalog_control_find("A.5.2")];
	assert_int_equal(c->coverage, COVERAGE_NONE); /* retired */
	map_release(&r);
	findings_release(&r.findings);
	arena_release(&r.arena);
}

static void test_clause_map(void **state)
{
	struct repo r;

	(void)state;
	repo_small(&r);
	map_build(&r);
	assert_int_equal(r.clauses[catalog_clause_find("9.2.1")].ndocs, 1);
	assert_int_equal(r.clauses[catalog_clause_find("9.2.2")].ndocs, 1);
	assert_int_equal(r.clauses[catalog_clause_find("9.3.3")].ndocs, 0);
	assert_int_equal(r.clauses[catalog_clause_find("6.1.3")].ndocs, 1);
	assert_int_equal(r.clauses[catalog_clause_find("6.1.2")].ndocs, 0);
	map_release(&r);
	findings_release(&r.findings);
	arena_release(&r.arena);
}

/* An SoA exclusion makes a control excluded whatever documents say. */
static void test_soa_exclusion(void **state)
{
	struct repo r;
	struct soa_row row = {0};
	int *row_of;
	size_t i;

	(void)state;
	repo_small(&r);
	row_of = arena_alloc(&r.arena, catalog_control_count * sizeof(int));
	for (i = 0; i < catalog_control_count; i++)
		row_of[i] = -1;
	row.control = catalog_control_find("A.8.32");
	row.id = "A.8.32";
	row.line = 7;
	row_of[row.control] = 0;
	r.soa.doc = docs[2];
	r.soa.rows = &row;
	r.soa.nrows = 1;
	r.soa.row_of = row_of;
	map_build(&r);
	assert_false(r.controls[row.control].applicable);
	assert_int_equal(r.controls[row.control].coverage, COVERAGE_EXCLUDED);
	assert_ptr_equal(r.controls[row.control].soa, &row);
	map_release(&r);
	findings_release(&r.findings);
	arena_release(&r.arena);
}

/* Discovery: text mentions become links, full in the mapping section. */
static void test_discover(void **state)
{
	struct text_ref refs[2] = {
	    {false, 0, {5, 1}, true},
	    {false, 0, {9, 1}, false},
	};
	struct repo r;

	(void)state;
	repo_small(&r);
	refs[0].index = catalog_control_find("A.8.8");
	refs[1].index = catalog_control_find("A.8.9");
	docs[1]->refs = refs;
	docs[1]->nrefs = 2;
	r.discover = true;
	map_build(&r);
	assert_int_equal(r.controls[refs[0].index].coverage, COVERAGE_FULL);
	assert_int_equal(r.controls[refs[0].index].docs[0].source, SOURCE_TEXT);
	assert_int_equal(r.controls[refs[1].index].coverage, COVERAGE_PARTIAL);
	map_release(&r);
	findings_release(&r.findings);
	arena_release(&r.arena);
}

static const struct spine_item *spine(const char *key)
{
	size_t i;

	for (i = 0; i < spine_count; i++)
		if (!strcmp(spine_items[i].key, key))
			return &spine_items[i];
	return NULL;
}

static void test_spine(void **state)
{
	struct repo r;

	(void)state;
	repo_small(&r);
	assert_true(spine_matches(spine("change-procedure"), docs[0]));
	assert_false(spine_matches(spine("backup-procedure"), docs[0]));
	assert_true(spine_matches(spine("audit-plan"), docs[2]));
	assert_true(spine_matches(spine("risk-treatment-plan"), docs[2]));
	assert_false(spine_matches(spine("review-plan"), docs[2]));
	docs[3]->status = STATUS_APPROVED;
	docs[3]->type = DOC_POLICY;
	assert_false(spine_matches(spine("policy"), docs[3]));
	doc_clause(&r, docs[3], "5.2");
	assert_true(spine_matches(spine("policy"), docs[3]));
	map_release(&r);
	findings_release(&r.findings);
	arena_release(&r.arena);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_control_map),
	    cmocka_unit_test(test_clause_map),
	    cmocka_unit_test(test_soa_exclusion),
	    cmocka_unit_test(test_discover),
	    cmocka_unit_test(test_spine),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
