/* Unit tests of the front-matter splitter. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "isms/frontmatter.h"

/* One splitter case: input and what the split must say. */
struct split_case {
	const char *name;
	const char *text;
	enum fm_status status;
	size_t bom;
	const char *yaml; /* the block: text[block_start, yaml_end) */
	const char *body; /* text from body_start */
	unsigned body_line;
};

static const struct split_case cases[] = {
    {"plain", "---\nid: A\n---\nbody\n", FM_OK, 0, "id: A\n", "body\n", 4},
    {"dots close", "---\nid: A\n...\nbody", FM_OK, 0, "id: A\n", "body", 4},
    {"trailing spaces", "--- \t\nid: A\n---  \nx", FM_OK, 0, "id: A\n", "x", 4},
    {"crlf", "---\r\nid: A\r\n---\r\nbody\r\n", FM_OK, 0, "id: A\r\n",
     "body\r\n", 4},
    {"bom", "\xEF\xBB\xBF---\nid: A\n---\n", FM_OK, 3, "id: A\n", "", 4},
    {"empty block", "---\n---\nb", FM_OK, 0, "", "b", 3},
    {"no body newline", "---\nid: A\n---", FM_OK, 0, "id: A\n", "", 4},
    {"unclosed", "---\nid: A\nbody\n", FM_UNCLOSED, 0, NULL, NULL, 0},
    {"none", "# Title\n---\n", FM_NONE, 0, NULL, NULL, 0},
    {"four dashes", "----\nid: A\n---\n", FM_NONE, 0, NULL, NULL, 0},
    {"opening dots", "...\nid: A\n---\n", FM_NONE, 0, NULL, NULL, 0},
    {"indented fence", " ---\nid: A\n---\n", FM_NONE, 0, NULL, NULL, 0},
    {"empty file", "", FM_NONE, 0, NULL, NULL, 0},
    {"fence text", "---\na: 1\n--- x\n---\nb", FM_OK, 0, "a: 1\n--- x\n", "b",
     5},
};

static void test_split_cases(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		const struct split_case *c = &cases[i];
		struct fm_split s;

		fm_split(c->text, strlen(c->text), &s);
		print_message("case %s\n", c->name);
		assert_int_equal(s.status, c->status);
		assert_int_equal(s.bom, c->bom);
		if (c->status != FM_OK)
			continue;
		assert_int_equal(s.yaml_end - s.block_start, strlen(c->yaml));
		assert_memory_equal(c->text + s.block_start, c->yaml,
				    strlen(c->yaml));
		assert_string_equal(c->text + s.body_start, c->body);
		assert_int_equal(s.body_line, c->body_line);
	}
}

/* The splitter reads len bytes only: no NUL needed, none trusted. */
static void test_split_no_nul(void **state)
{
	const char text[] = {'-', '-', '-', '\n', 'a', '\n', '-', '-'};
	struct fm_split s;

	(void)state;
	fm_split(text, sizeof(text), &s);
	assert_int_equal(s.status, FM_UNCLOSED);
	assert_int_equal(s.body_start, sizeof(text));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_split_cases),
	    cmocka_unit_test(test_split_no_nul),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
