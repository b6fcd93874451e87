/* Unit tests of id normalisation, the catalog tables and dates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "isms/catalog.h"
#include "isms/date.h"
#include "isms/ids.h"

/* One control id as written and what it must be read as. */
struct id_case {
	const char *written;
	enum id_status status;
	const char *text;	/* normalised */
	const char *suggestion; /* nearest or counterpart, or NULL */
};

static const struct id_case control_cases[] = {
    {"A.5.1", ID_CANONICAL, "A.5.1", NULL},
    {"A.05.01", ID_NORMALISED, "A.5.1", NULL},
    {"A5.1", ID_NORMALISED, "A.5.1", NULL},
    {"a.5.1", ID_NORMALISED, "A.5.1", NULL},
    {"iso27001:A.5.1", ID_CANONICAL, "A.5.1", NULL},
    {"ISO 27001 A.8.16", ID_CANONICAL, "A.8.16", NULL},
    {"Annex A.5.1", ID_CANONICAL, "A.5.1", NULL},
    {"A.8.32 - Change management", ID_CANONICAL, "A.8.32", NULL},
    {"A.12.1.2", ID_2013, "A.12.1.2", "A.8.32"},
    {"A.18.2.3", ID_2013, "A.18.2.3", "A.5.36"},
    {"A.12.01", ID_UNKNOWN, "A.12.1", "A.5.37"},
    {"A.5.99", ID_UNKNOWN, "A.5.99", "A.5.9"},
    {"A.8.35", ID_UNKNOWN, "A.8.35", "A.8.34"},
    {"A.9.9.9", ID_UNKNOWN, "A.9.9.9", NULL},
};

static void test_control_forms(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(control_cases) / sizeof(*control_cases); i++) {
		const struct id_case *c = &control_cases[i];
		struct id_match m;

		print_message("case %s\n", c->written);
		assert_int_equal(
		    ids_find_controls(c->written, strlen(c->written), &m, 1),
		    1);
		assert_int_equal(m.status, c->status);
		assert_string_equal(m.text, c->text);
		if (c->suggestion)
			assert_string_equal(catalog_controls[m.suggestion].id,
					    c->suggestion);
		else if (c->status == ID_UNKNOWN)
			assert_int_equal(m.suggestion, -1);
	}
}

/* A comma or semicolon string gives each id in order, titles ignored. */
static void test_control_lists(void **state)
{
	const char *s = "A.5.1 Policies, A.5.2; A.05.03 (Segregation, of "
			"duties)";
	struct id_match m[4];

	(void)state;
	assert_int_equal(ids_find_controls(s, strlen(s), m, 4), 3);
	assert_string_equal(m[0].text, "A.5.1");
	assert_string_equal(m[1].text, "A.5.2");
	assert_string_equal(m[2].text, "A.5.3");
	assert_int_equal(m[2].start, 23);
	assert_int_equal(ids_find_controls("Data 5.1, access", 16, m, 4), 0);
	assert_int_equal(ids_find_controls("XA.5.1", 6, m, 4), 0);
}

static const struct id_case clause_cases[] = {
    {"4.3", ID_CANONICAL, "4.3", NULL},
    {"clause 6.1.2", ID_CANONICAL, "6.1.2", NULL},
    {"ISO 27001:2022 9.2", ID_CANONICAL, "9.2", NULL},
    {"06.1.2", ID_NORMALISED, "6.1.2", NULL},
    {"8", ID_COARSE, "8", "8"},
    {"9.9", ID_UNKNOWN, "9.9", "9.3"},
    {"11", ID_UNKNOWN, "11", "10.1"},
};

static void test_clause_forms(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(clause_cases) / sizeof(*clause_cases); i++) {
		const struct id_case *c = &clause_cases[i];
		struct id_match m;

		print_message("case %s\n", c->written);
		assert_int_equal(
		    ids_find_clauses(c->written, strlen(c->written), &m, 1), 1);
		assert_int_equal(m.status, c->status);
		assert_string_equal(m.text, c->text);
		if (c->status == ID_UNKNOWN)
			assert_string_equal(catalog_clauses[m.suggestion].id,
					    c->suggestion);
	}
}

/* The generated tables hold what the reference CSVs say. */
static void test_catalog(void **state)
{
	size_t i, required = 0, themes[4] = {0};
	const struct control2013_info *old;

	(void)state;
	assert_int_equal(catalog_control_count, 93);
	assert_int_equal(catalog_theme_count, 4);
	for (i = 0; i < catalog_control_count; i++) {
		size_t t;

		for (t = 0; t < 4; t++)
			if (!strcmp(catalog_controls[i].theme,
				    catalog_themes[t]))
				themes[t]++;
	}
	assert_int_equal(themes[0], 37);
	assert_int_equal(themes[1], 8);
	assert_int_equal(themes[2], 14);
	assert_int_equal(themes[3], 34);
	for (i = 0; i < catalog_clause_count; i++)
		required += catalog_clauses[i].required;
	assert_int_equal(required, 14);
	assert_int_equal(catalog_control_2013_count, 114);
	old = catalog_2013_find("A.18.2.3");
	assert_non_null(old);
	assert_int_equal(old->counterpart_count, 2);
	assert_int_equal(catalog_control_find("A.8.34"), 92);
	assert_int_equal(catalog_control_find("A.8.35"), -1);
	assert_int_equal(catalog_control_find("A.05.1"), -1);
	assert_true(
	    catalog_clause_covers((size_t)catalog_clause_find("9.2"),
				  (size_t)catalog_clause_find("9.2.2")));
	assert_false(catalog_clause_covers((size_t)catalog_clause_find("9"),
					   (size_t)catalog_clause_find("9.1")));
	assert_false(catalog_clause_covers((size_t)catalog_clause_find("9.2.2"),
					   (size_t)catalog_clause_find("9.2")));
}

static void test_dates(void **state)
{
	struct duration d;
	char out[11];

	(void)state;
	assert_int_equal(date_parse("2026-03-31"), 20260331);
	assert_int_equal(date_parse("2026-02-29"), 0);
	assert_int_equal(date_parse("2028-02-29"), 20280229);
	assert_int_equal(date_parse("2026-06-22T02:09"), 20260622);
	assert_int_equal(date_parse("2026-06-22T02:09:10Z"), 20260622);
	assert_int_equal(date_parse("2026-6-22"), 0);
	assert_int_equal(date_parse("2026-06-22x"), 0);
	assert_true(duration_parse("6m", &d));
	assert_int_equal(date_add(20260831, d), 20270228);
	assert_true(duration_parse("1y", &d));
	assert_int_equal(date_add(20280229, d), 20290228);
	assert_true(duration_parse("90d", &d));
	assert_int_equal(date_add(20261203, d), 20270303);
	assert_true(duration_parse("6w", &d));
	assert_int_equal(date_add(20261231, d), 20270211);
	assert_false(duration_parse("3q", &d));
	assert_false(duration_parse("0d", &d));
	assert_int_equal(date_diff(20261201, 20270101), 31);
	date_format(20260105, out);
	assert_string_equal(out, "2026-01-05");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_control_forms),
	    cmocka_unit_test(test_control_lists),
	    cmocka_unit_test(test_clause_forms),
	    cmocka_unit_test(test_catalog),
	    cmocka_unit_test(test_dates),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
