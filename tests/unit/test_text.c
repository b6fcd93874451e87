/* Unit tests of user text on one line of text output. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "isms/buf.h"
#include "isms/render.h"

/* One string and what a writer makes of it. */
struct text_case {
	const char *in;
	const char *out;
};

static const struct text_case escape_cases[] = {
    {"", ""},
    {"plain 'text'", "plain 'text'"},
    {"two\nlines", "two\\nlines"},
    {"crlf\r\n", "crlf\\r\\n"},
    {"tab\there", "tab\\there"},
    {"\a\b\v\f", "\\a\\b\\v\\f"},
    {"\033[2Jclear", "\\033[2Jclear"},
    {"del\x7F", "del\\177"},
    {"\x01\x1F", "\\001\\037"},
    {"back\\slash \"quote\"", "back\\slash \"quote\""},
    {"caf\xC3\xA9 \xF0\x9F\x94\x92", "caf\xC3\xA9 \xF0\x9F\x94\x92"},
};

static const struct text_case path_cases[] = {
    {"", ""},
    {"policies/access.md", "policies/access.md"},
    {"caf\xC3\xA9.md", "caf\xC3\xA9.md"},
    {"with space.md", "with space.md"},
    {"bad\nname.md", "\"bad\\nname.md\""},
    {"q\"uote.md", "\"q\\\"uote.md\""},
    {"back\\slash.md", "\"back\\\\slash.md\""},
    {"\033.md", "\"\\033.md\""},
};

/* Run write over a table of cases. */
static void check_cases(void (*write)(struct buf *, const char *),
			const struct text_case *cases, size_t n)
{
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < n; i++) {
		buf_truncate(&b, 0);
		buf_adds(&b, "<");
		write(&b, cases[i].in);
		assert_string_equal(buf_cstr(&b) + 1, cases[i].out);
	}
	buf_release(&b);
}

/* text_escape() over the table; NULL writes nothing. */
static void test_escape(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	check_cases(text_escape, escape_cases,
		    sizeof(escape_cases) / sizeof(*escape_cases));
	text_escape(&b, NULL);
	assert_int_equal(b.len, 0);
	buf_release(&b);
}

/* text_has_control() says yes exactly where text_escape() escapes. */
static void test_has_control(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(escape_cases) / sizeof(*escape_cases); i++)
		assert_int_equal(
		    text_has_control(escape_cases[i].in),
		    strcmp(escape_cases[i].in, escape_cases[i].out) != 0);
	assert_false(text_has_control(NULL));
}

/* text_fputs() writes what text_escape() appends. */
static void test_fputs(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(escape_cases) / sizeof(*escape_cases); i++) {
		char *got = NULL;
		size_t len = 0;
		FILE *out = open_memstream(&got, &len);

		assert_non_null(out);
		text_fputs(out, escape_cases[i].in);
		assert_int_equal(fclose(out), 0);
		assert_string_equal(got, escape_cases[i].out);
		free(got);
	}
}

/* text_path() over the table. */
static void test_path(void **state)
{
	(void)state;
	check_cases(text_path, path_cases,
		    sizeof(path_cases) / sizeof(*path_cases));
}

/* Run the tests. */
int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_escape),
	    cmocka_unit_test(test_has_control),
	    cmocka_unit_test(test_fputs),
	    cmocka_unit_test(test_path),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
