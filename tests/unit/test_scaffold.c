/* Unit tests of the init templates: placeholders and the SoA rows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "isms/catalog.h"
#include "isms/scaffold.h"

static const struct scaffold_values values = {"2026-12-01", "Acme Ltd"};

/* Expand text as a template file would be; the caller releases out. */
static void expand(struct buf *out, const char *text)
{
	const struct template_file f = {"test", "t.md", text, strlen(text)};

	*out = (struct buf)BUF_INIT;
	scaffold_expand(out, &f, &values);
}

/* Known placeholders are filled; anything else is left as written. */
static void test_placeholders(void **state)
{
	static const char *const cases[][2] = {
	    {"on {{today}}.", "on 2026-12-01."},
	    {"{{organisation}}: ISMS", "Acme Ltd: ISMS"},
	    {"{{unknown}} {{today", "{{unknown}} {{today"},
	    {"no placeholder", "no placeholder"},
	    {"", ""},
	};
	struct buf out;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		expand(&out, cases[i][0]);
		assert_string_equal(buf_cstr(&out), cases[i][1]);
		buf_release(&out);
	}
}

/* {{soa_rows}}: one row per control, titles with commas quoted. */
static void test_soa_rows(void **state)
{
	struct buf out;
	const char *s;
	size_t rows = 0;

	(void)state;
	expand(&out, "{{soa_rows}}");
	for (s = buf_cstr(&out); (s = strchr(s, '\n')) != NULL; s++)
		rows++;
	assert_int_equal(rows, catalog_control_count);
	assert_non_null(strstr(buf_cstr(&out),
			       "A.5.1,Policies for information security,"
			       "yes,,planned,\n"));
	assert_non_null(strstr(buf_cstr(&out),
			       "A.5.31,\"Legal, statutory, regulatory and "
			       "contractual requirements\",yes,,planned,\n"));
	buf_release(&out);
}

/* Templates are known by name, and each name is listed once. */
static void test_templates(void **state)
{
	struct buf names = BUF_INIT;

	(void)state;
	assert_true(scaffold_has_template("msp"));
	assert_true(scaffold_has_template("minimal"));
	assert_false(scaffold_has_template("big"));
	assert_false(scaffold_has_template(""));
	scaffold_template_names(&names, " or ");
	assert_string_equal(buf_cstr(&names), "minimal or msp");
	buf_release(&names);
}

/* An organisation name must be safe inside a quoted YAML scalar. */
static void test_organisation(void **state)
{
	(void)state;
	assert_true(scaffold_organisation_ok("Acme Managed Services Ltd"));
	assert_true(scaffold_organisation_ok("O'Brien & Söhne GmbH"));
	assert_false(scaffold_organisation_ok(""));
	assert_false(scaffold_organisation_ok("A \"B\""));
	assert_false(scaffold_organisation_ok("A\\B"));
	assert_false(scaffold_organisation_ok("A\nB"));
	assert_false(scaffold_organisation_ok("{{today}}"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_placeholders),
	    cmocka_unit_test(test_soa_rows),
	    cmocka_unit_test(test_templates),
	    cmocka_unit_test(test_organisation),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
