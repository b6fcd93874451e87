/*
 * Unit tests of frameworks: the built-in tables, id normalisation, and
 * the crosswalk arithmetic (direct, implied, partial, none) over a small
 * framework of the repository's own, loaded through isms.yaml.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "isms/checklist.h"
#include "isms/framework.h"

/* Front matter of an approved document with id and the given keys. */
#define DOC(id, keys)                                                          \
	"---\nid: " id "\ntitle: T\ntype: procedure\nowner: CISO\n"            \
	"status: approved\napproved_by: MD\napproved_on: 2026-06-01\n" keys    \
	"---\n\n# T\n"

/*
 * The framework t.  R1 is implied in full; R2 partly (A.8.24 only
 * partially implemented); R3 is tagged and its clause uncovered; R4 has
 * nothing (its only tag is on a retired document); R5 is implied with
 * its excluded control set aside; R6 maps only to an excluded control;
 * R7 has no crosswalk at all.
 */
static const char *const files[][2] = {
    {"isms.yaml",
     "frameworks:\n  - nis2\n  - {id: t, name: Test, catalog: cat.csv, "
     "crosswalk: cw.csv}\n"},
    {"cat.csv", "id,title,group\nR1,One,G1\nR2,Two,G1\n3(1),Three,G2\n"
		"R4,Four,G2\nR5,Five,G3\nR6,Six,G3\nR7,Seven,G3\n"},
    {"cw.csv", "requirement,iso_id\nR1,A.5.26\nR1,A.5.24\nR2,A.8.13\n"
	       "R2,A.8.24\n3(1),5.3\nR4,A.8.8\nR4,9.2.1\nR5,A.8.30\n"
	       "R5,A.5.1\nR6,A.8.33\nR1,A.5.24\n"},
    {"d1.md", DOC("D1", "controls: [A.5.24, A.5.26, A.5.1]\n")},
    {"d2.md", DOC("D2", "controls: {A.8.13: full, A.8.24: partial}\n")},
    {"d3.md", DOC("D3", "frameworks: {T: [\"Art. 3(1)\", r1]}\n")},
    {"d0.md", DOC("D0", "frameworks: {t: [R1, 3(1), R1]}\n")},
    {"d4.md", "---\nid: D4\ntitle: T\ntype: procedure\nowner: CISO\n"
	      "status: retired\nframeworks: {t: [R4]}\n---\n"},
    {"soa.csv",
     "---\nid: SOA\ntitle: SoA\ntype: soa\nowner: CISO\n"
     "status: approved\napproved_by: MD\napproved_on: 2026-06-01\n---\n"
     "control,applicable,justification,status,documents\n"
     "A.8.30,no,No outsourced development,,\n"
     "A.8.33,no,No test data,,\n"},
};

#define NFILES (sizeof(files) / sizeof(*files))

/* Write the fixture files into dir. */
static void fixture_write(const char *dir)
{
	char path[256];
	size_t i;

	for (i = 0; i < NFILES; i++) {
		FILE *f;

		snprintf(path, sizeof(path), "%s/%s", dir, files[i][0]);
		f = fopen(path, "w");
		assert_non_null(f);
		fputs(files[i][1], f);
		fclose(f);
	}
}

/* Remove the fixture files and dir. */
static void fixture_remove(const char *dir)
{
	char path[256];
	size_t i;

	for (i = 0; i < NFILES; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i][0]);
		unlink(path);
	}
	rmdir(dir);
}

/* The names of n documents joined by ",". */
static void names(char *out, size_t max, const struct document *const *v,
		  size_t n)
{
	size_t i, len = 0;

	out[0] = '\0';
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(out + len, max - len, "%s%s",
					i ? "," : "", v[i]->id);
}

/* Every built-in crosswalk row resolves to a clause or a control. */
static void test_builtins(void **state)
{
	static const struct {
		const char *id;
		size_t reqs, links;
	} want[] = {{"nis2", 10, 108}, {"soc2", 38, 193}};
	size_t i, k, n;

	(void)state;
	assert_int_equal(framework_builtin_count, 2);
	for (i = 0; i < 2; i++) {
		const struct framework_info *info =
		    framework_builtin_find(want[i].id);
		struct arena a = ARENA_INIT;
		struct fw_req q;

		assert_non_null(info);
		assert_int_equal(info->nreqs, want[i].reqs);
		assert_int_equal(info->nlinks, want[i].links);
		for (k = 0, n = 0; k < info->nlinks; k++) {
			memset(&q, 0, sizeof(q));
			n += framework_link(&a, &q, info->links[k].iso);
		}
		assert_int_equal(n, want[i].links);
		arena_release(&a);
	}
	assert_non_null(strstr(framework_builtin_find("nis2")->label, "ENISA"));
	assert_non_null(
	    strstr(framework_builtin_find("SOC2")->label, "approximate"));
}

/* Requirement ids as people write them. */
static void test_normalise(void **state)
{
	static const struct {
		const char *fw, *id;
		int index;
	} cases[] = {
	    {"nis2", "21(2)(d)", 3},
	    {"nis2", "Art. 21(2)(d)", 3},
	    {"nis2", "article 21 (2)(d)", 3},
	    {"nis2", "ART.21(2)(D)", 3},
	    {"nis2", " 21(2)(a) ", 0},
	    {"nis2", "21(2)(k)", -1},
	    {"nis2", "Art.", -1},
	    {"soc2", "cc6.1", 17},
	    {"soc2", "CC6.1", 17},
	    {"soc2", "CC6.9", -1},
	    {"soc2", "A1.2", 34},
	};
	struct repo r;
	size_t i;

	(void)state;
	memset(&r, 0, sizeof(r));
	assert_int_equal(frameworks_load(&r), 0);
	assert_non_null(frameworks_find(r.frameworks, "NIS-2"));
	assert_null(frameworks_find(r.frameworks, "nis3"));
	assert_string_equal(frameworks_nearest(r.frameworks, "nis3"), "nis2");
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		const struct framework *fw =
		    frameworks_find(r.frameworks, cases[i].fw);

		print_message("%s %s\n", cases[i].fw, cases[i].id);
		assert_int_equal(framework_requirement(fw, cases[i].id),
				 cases[i].index);
	}
	arena_release(&r.arena);
}

/* Expected coverage of one requirement of t. */
struct want {
	const char *id;
	enum fw_status status;
	const char *direct;
	const char *implied;
	size_t covered, through;
};

/* Direct and implied coverage of each requirement of t. */
static void test_crosswalk(void **state)
{
	static const struct want want[] = {
	    {"R1", FW_DIRECT, "D0,D3", "D1", 2, 2},
	    {"R2", FW_PARTIAL, "", "D2", 1, 2},
	    {"3(1)", FW_DIRECT, "D0,D3", "", 0, 1},
	    {"R4", FW_NONE, "", "", 0, 2},
	    {"R5", FW_IMPLIED, "", "D1", 1, 2},
	    {"R6", FW_NONE, "", "", 0, 1},
	    {"R7", FW_NONE, "", "", 0, 0},
	};
	struct repo_options opt = {.dir = NULL};
	char dir[] = "/tmp/isms-fw-XXXXXX", got[128];
	const struct framework *fw;
	struct fw_report rep;
	struct repo r;
	size_t i;

	(void)state;
	assert_non_null(mkdtemp(dir));
	fixture_write(dir);
	opt.dir = dir;
	assert_int_equal(repo_load(&r, &opt), 0);
	fw = frameworks_find(r.frameworks, "t");
	assert_non_null(fw);
	assert_true(fw->configured);
	assert_false(fw->builtin);
	fw_report_build(&r, fw, &rep);
	assert_int_equal(rep.len, 7);
	for (i = 0; i < rep.len; i++) {
		const struct fw_cover *c = &rep.items[i];

		print_message("%s\n", want[i].id);
		assert_string_equal(c->req->id, want[i].id);
		assert_int_equal(c->status, want[i].status);
		names(got, sizeof(got),
		      (const struct document *const *)c->req->direct,
		      c->req->ndirect);
		assert_string_equal(got, want[i].direct);
		names(got, sizeof(got), c->implied, c->nimplied);
		assert_string_equal(got, want[i].implied);
		assert_int_equal(c->covered, want[i].covered);
		assert_int_equal(c->nthrough, want[i].through);
	}
	/* The crosswalk is kept in catalog order, each id once. */
	assert_string_equal(rep.items[0].through[0].id, "A.5.24");
	assert_string_equal(rep.items[3].through[0].id, "9.2.1");
	assert_int_equal(rep.count[FW_DIRECT], 2);
	assert_int_equal(rep.count[FW_NONE], 3);
	fw_report_release(&rep);
	repo_release(&r);
	fixture_remove(dir);
}

/* The checklist's framework columns, in the order of isms.yaml. */
static void test_checklist(void **state)
{
	struct repo_options opt = {.dir = NULL};
	char dir[] = "/tmp/isms-fw-XXXXXX";
	struct checklist cl;
	struct repo r;
	size_t i, seen = 0;

	(void)state;
	assert_non_null(mkdtemp(dir));
	fixture_write(dir);
	opt.dir = dir;
	assert_int_equal(repo_load(&r, &opt), 0);
	checklist_build(&r, 0, &cl);
	assert_int_equal(cl.nframeworks, 2);
	assert_string_equal(cl.frameworks[0]->id, "nis2");
	assert_string_equal(cl.frameworks[1]->id, "t");
	for (i = 0; i < cl.len; i++) {
		const struct checklist_row *row = &cl.rows[i];

		if (!strcmp(row->reference, "A.5.24")) {
			assert_int_equal(row->frameworks[0].len, 1);
			assert_string_equal(row->frameworks[0].items[0],
					    "21(2)(b)");
			assert_int_equal(row->frameworks[1].len, 1);
			assert_string_equal(row->frameworks[1].items[0], "R1");
			seen++;
		} else if (row->section == CHECKLIST_SPINE) {
			assert_int_equal(row->frameworks[1].len, 0);
		}
	}
	assert_int_equal(seen, 1);
	checklist_release(&cl);
	repo_release(&r);
	fixture_remove(dir);
}

/* Run the tests with today pinned. */
int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_builtins),
	    cmocka_unit_test(test_normalise),
	    cmocka_unit_test(test_crosswalk),
	    cmocka_unit_test(test_checklist),
	};

	setenv("ISMS_TODAY", "2026-12-01", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
