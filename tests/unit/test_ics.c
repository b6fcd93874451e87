/* Unit tests of iCalendar content lines: TEXT escaping and folding. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "isms/buf.h"
#include "isms/ics.h"

/* One string and what ics_escape() makes of it. */
struct escape_case {
	const char *in;
	const char *out;
};

static const struct escape_case escape_cases[] = {
    {"", ""},
    {"plain text", "plain text"},
    {"a, b; c", "a\\, b\\; c"},
    {"back\\slash", "back\\\\slash"},
    {"two\nlines", "two\\nlines"},
    {"crlf\r\nline", "crlf\\nline"},
    {"cr\ronly", "cr\\nonly"},
    {"tab\there", "tab\there"},
    {"bell\a and \x1F gone\x7F", "bell and  gone"},
    {"colon: stays", "colon: stays"},
    {"caf\xC3\xA9 \xE2\x80\x93 \xF0\x9F\x94\x92",
     "caf\xC3\xA9 \xE2\x80\x93 \xF0\x9F\x94\x92"},
    {"\\,;\n", "\\\\\\,\\;\\n"},
};

/* ics_escape() over the table. */
static void test_escape(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(escape_cases) / sizeof(*escape_cases); i++) {
		struct buf b = BUF_INIT;

		ics_escape(&b, escape_cases[i].in);
		assert_string_equal(buf_cstr(&b), escape_cases[i].out);
		buf_release(&b);
	}
}

/* Undo the folding of text: drop every CRLF and the space after it. */
static void unfold(const char *text, struct buf *out)
{
	const char *p;

	for (p = text; *p; p++) {
		if (p[0] == '\r' && p[1] == '\n') {
			p++;
			if (p[1] == ' ')
				p++;
			continue;
		}
		buf_addch(out, *p);
	}
}

/* Every line of folded text ends in CRLF and holds at most 75 octets. */
static void assert_lines(const char *text, size_t want_lines)
{
	const char *p = text, *end;
	size_t lines = 0;

	while (*p) {
		end = strstr(p, "\r\n");
		assert_non_null(end);
		assert_true((size_t)(end - p) <= ICS_LINE_MAX);
		if (lines)
			assert_int_equal(p[0], ' ');
		/* A continuation never starts inside a UTF-8 character. */
		if (lines)
			assert_true(((unsigned char)p[1] & 0xC0) != 0x80);
		lines++;
		p = end + 2;
	}
	assert_int_equal(lines, want_lines);
}

/* Fold a line of n copies of unit, check the lines and unfold it back. */
static void fold_case(const char *unit, size_t n, size_t want_lines)
{
	struct buf line = BUF_INIT, out = BUF_INIT, back = BUF_INIT;
	size_t i;

	for (i = 0; i < n; i++)
		buf_adds(&line, unit);
	ics_fold(&out, buf_cstr(&line), line.len);
	assert_lines(buf_cstr(&out), want_lines);
	unfold(buf_cstr(&out), &back);
	assert_string_equal(buf_cstr(&back), buf_cstr(&line));
	buf_release(&line);
	buf_release(&out);
	buf_release(&back);
}

/* Lengths around the limit, and multi-octet characters at the cut. */
static void test_fold(void **state)
{
	(void)state;
	fold_case("x", 0, 1);
	fold_case("x", 1, 1);
	fold_case("x", 75, 1);
	fold_case("x", 76, 2);
	fold_case("x", 75 + 74, 2);
	fold_case("x", 75 + 74 + 1, 3);
	fold_case("\xC3\xA9", 40, 2);	       /* 80 octets, 2 each */
	fold_case("\xE2\x80\x93", 30, 2);      /* 90 octets, 3 each */
	fold_case("\xF0\x9F\x94\x92", 50, 3);  /* 200 octets, 4 each */
	fold_case("a\xF0\x9F\x94\x92", 40, 3); /* odd offsets */
}

/* A property: escaped, then folded. */
static void test_text(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	ics_text(&b, "SUMMARY", "Audit, access; backup");
	assert_string_equal(buf_cstr(&b),
			    "SUMMARY:Audit\\, access\\; backup\r\n");
	buf_truncate(&b, 0);
	ics_raw(&b, "DTSTART;VALUE=DATE", "20261201");
	assert_string_equal(buf_cstr(&b), "DTSTART;VALUE=DATE:20261201\r\n");
	buf_release(&b);
}

/* Run the tests. */
int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_escape),
	    cmocka_unit_test(test_fold),
	    cmocka_unit_test(test_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
