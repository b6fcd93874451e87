/* Unit tests of register cell typing, positions and cross-references. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "isms/catalog.h"
#include "isms/register.h"
#include "isms/repo.h"
#include "isms/rules.h"

#define FRONT                                                                  \
	"---\nid: %s\ntitle: t\ntype: register\nregister: %s\n"                \
	"owner: o\nstatus: draft\nlast_reviewed: 2026-11-01\n---\n"

/* One cell case: a risk row's cells and the finding it must give. */
struct cell_case {
	const char *row;  /* the data row, after the header */
	const char *rule; /* NULL: no finding */
	unsigned column;
};

/* How many risks name control i. */
static size_t control_nrisks(const struct repo *r, int i)
{
	size_t n;

	repo_control_risks(r, (size_t)i, &n);
	return n;
}

static const char header[] =
    "id,title,owner,likelihood,impact,treatment,status,review_date,"
    "controls,assets\n";

static const struct cell_case cases[] = {
    {"R-1,t,o,3,4,mitigate,open,2026-11-01,A.8.7;A.8.13,", NULL, 0},
    {"R-1,t,o,0,4,mitigate,open,2026-11-01,A.8.7,", "register-value", 4},
    {"R-1,t,o,3,x,mitigate,open,2026-11-01,A.8.7,", "register-value", 5},
    {"R-1,t,o,3,4,MITIGATE,Open,2026-11-01,A.8.7,", NULL, 0},
    {"R-1,t,o,3,4,ignore,open,2026-11-01,A.8.7,", "register-value", 6},
    {"R-1,t,o,3,4,mitigate,open,2026-02-30,A.8.7,", "register-value", 8},
    {"R-1,t,o,3,4,mitigate,open,2026-11-01T10:00,A.8.7,", "register-value", 8},
    {"R-1,t,,3,4,mitigate,open,2026-11-01,A.8.7,", "owner-missing", 3},
    {"R-1,,o,3,4,mitigate,open,2026-11-01,A.8.7,", "register-value", 2},
    {"R-1,t,o,3,4,mitigate,open,2026-11-01,A.12.6.1,", "control-2013", 9},
    {"R-1,t,o,3,4,mitigate,open,2026-11-01,A.8.77,", "register-ref", 9},
    {"R-1,t,o,3,4,mitigate,open,2026-11-01,firewall,", "register-value", 9},
    {"R-1,t,o,3,4,mitigate,open,2026-11-01,A.8.7,AS-404", "register-ref", 10},
    {"R-1,t,o,5,4,mitigate,open,2026-11-01,,", "risk-untreated", 9},
    {"R-1,t,o,2,2,accept,accepted,2026-11-01,,", "risk-acceptance", 7},
};

/* Write text (a printf format) to dir/name. */
__attribute__((format(printf, 3, 4))) static void
put(const char *dir, const char *name, const char *fmt, ...)
{
	char path[256];
	va_list ap;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fclose(f);
}

/* Remove the files of the scratch repository and the folder. */
static void cleanup(const char *dir)
{
	static const char *const names[] = {"isms.yaml", "risks.csv",
					    "assets.md"};
	char path[256];
	size_t i;

	for (i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		unlink(path);
	}
	rmdir(dir);
}

/* Does r hold a finding of rule at line:column? */
static bool has(const struct repo *r, const char *rule, unsigned line,
		unsigned column)
{
	size_t i;

	for (i = 0; i < r->findings.len; i++)
		if (!strcmp(r->findings.items[i].rule, rule) &&
		    r->findings.items[i].pos.line == line &&
		    r->findings.items[i].pos.column == column)
			return true;
	return false;
}

/* How many findings r holds at line of file. */
static size_t on_line(const struct repo *r, const char *file, unsigned line)
{
	size_t i, n = 0;

	for (i = 0; i < r->findings.len; i++)
		n += r->findings.items[i].file &&
		     !strcmp(r->findings.items[i].file, file) &&
		     r->findings.items[i].pos.line == line;
	return n;
}

/* Load dir and run the rules. */
static void load(struct repo *r, const char *dir)
{
	struct repo_options opt = {.dir = dir};

	setenv("ISMS_TODAY", "2026-12-01", 1);
	assert_int_equal(repo_load(r, &opt), 0);
	rules_run(r);
}

static void test_cells(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char dir[] = "/tmp/isms-reg-XXXXXX";
		struct repo r;

		print_message("case %zu: %s\n", i, cases[i].row);
		assert_non_null(mkdtemp(dir));
		put(dir, "isms.yaml", "stage: 1\n");
		put(dir, "risks.csv", FRONT "%s%s\n", "REG-R", "risk", header,
		    cases[i].row);
		load(&r, dir);
		assert_int_equal(r.nregs, 1);
		assert_int_equal(reg_rows(&r.regs[0]), 1);
		if (cases[i].rule)
			assert_true(
			    has(&r, cases[i].rule, 11, cases[i].column));
		else
			assert_int_equal(on_line(&r, "risks.csv", 11), 0);
		repo_release(&r);
		cleanup(dir);
	}
}

/* A pipe table register: rows, lines and references across files. */
static void test_pipe_table_refs(void **state)
{
	char dir[] = "/tmp/isms-reg-XXXXXX";
	struct reg_ref ref;
	struct repo r;
	size_t i;

	(void)state;
	assert_non_null(mkdtemp(dir));
	put(dir, "isms.yaml", "stage: 1\n");
	put(dir, "risks.csv", FRONT "%s%s\n", "REG-R", "risk", header,
	    "R-1,t,o,3,4,mitigate,open,2026-11-01,A.8.7,AS-2");
	put(dir, "assets.md",
	    FRONT "\n| Version | Date |\n|---|---|\n| 1 | x |\n\n"
		  "| ID | Name | Owner | Classification |\n"
		  "|---|---|---|---|\n"
		  "| AS-1 | Laptops | IT | internal |\n"
		  "| AS-2 | **Vault** | IT | restricted |\n",
	    "REG-A", "asset");
	load(&r, dir);
	for (i = 0; i < r.findings.len; i++)
		assert_string_not_equal(r.findings.items[i].rule,
					"register-ref");
	ref = registers_find(&r, "asset", "AS-2");
	assert_non_null(ref.reg);
	assert_int_equal(ref.reg->table->rows[ref.row].line, 18);
	assert_string_equal(reg_get(ref.reg, ref.row, "name"), "Vault");
	assert_null(registers_find(&r, "asset", "AS-3").reg);
	assert_int_equal(control_nrisks(&r, catalog_control_find("A.8.7")), 1);
	repo_release(&r);
	cleanup(dir);
}

static void test_split(void **state)
{
	const char *items[4];
	size_t lens[4];

	(void)state;
	assert_int_equal(
	    cell_split("A.5.1; A.5.2,A.5.3  A.5.4", items, lens, 4), 4);
	assert_int_equal(lens[1], 5);
	assert_memory_equal(items[3], "A.5.4", 5);
	assert_int_equal(cell_split(" ; , ", items, lens, 4), 0);
	assert_int_equal(cell_split("a b c d e f", items, lens, 4), 6);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_cells),
	    cmocka_unit_test(test_pipe_table_refs),
	    cmocka_unit_test(test_split),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
