/* Unit tests of the pack's body filter: what of a document's text a
 * customer sees. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "isms/pack.h"

/* One body: the file's text and what the pack keeps of it. */
struct body_case {
	const char *text;
	const char *want;
};

#define FM "---\nid: D\n---\n"

static const struct body_case cases[] = {
    /* The front matter goes; a first heading repeating the title too. */
    {FM "# Title\n\nText.\n", "Text.\n"},
    {FM "# Other\n\nText.\n", "### Other\n\nText.\n"},
    /* The highest heading left becomes level 3. */
    {FM "## A\n### B\n", "### A\n#### B\n"},
    {FM "##### A\n###### B\n", "### A\n#### B\n"},
    /* A marked section goes with its subsections, to its next peer. */
    {FM "## A\na\n## B\n<!-- not-shareable -->\nb\n### B1\nb1\n## C\nc\n",
     "### A\na\n### C\nc\n"},
    {FM "## A\n### A1\n<!--NOT-SHAREABLE-->\na1\n### A2\na2\n",
     "### A\n#### A2\na2\n"},
    /* Before the first heading, the marker withholds the whole text. */
    {FM "<!-- not-shareable -->\nsecret\n## A\na\n", ""},
    /* Comments go, on one line or over several. */
    {FM "a <!-- x --> b\n", "a  b\n"},
    {FM "a <!-- x\ny --> b\nc\n", "a \n b\nc\n"},
    /* Fenced code is kept as it is: no heading, marker or comment. */
    {FM "## A\n```\n# x\n<!-- not-shareable -->\n```\n",
     "### A\n```\n# x\n<!-- not-shareable -->\n```\n"},
    {FM "~~~~\n## x\n~~~\n~~~~\n## y\n", "~~~~\n## x\n~~~\n~~~~\n### y\n"},
    /* "#x" is no heading; a file without front matter is all body. */
    {"#x\n# Title\n", "#x\n### Title\n"},
    {FM "", ""},
};

static void test_bodies(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char *got =
		    pack_body(cases[i].text, strlen(cases[i].text), "Title");

		print_message("case %zu\n", i);
		assert_string_equal(got, cases[i].want);
		free(got);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_bodies),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
