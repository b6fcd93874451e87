/* Unit tests of the YAML mapper: typing left to the schema, limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "isms/yaml.h"

struct yfix {
	struct arena arena;
	struct findings fs;
	struct ynode *root;
};

/* Parse text (as file "f.md") with a depth limit. */
static struct ynode *yparse(struct yfix *fx, const char *text, size_t depth)
{
	struct yaml_source src = {"f.md", text, strlen(text), depth, NULL};

	memset(fx, 0, sizeof(*fx));
	findings_init(&fx->fs, &fx->arena);
	fx->root = yaml_parse(&src, &fx->arena, &fx->fs);
	return fx->root;
}

static void yfree(struct yfix *fx)
{
	findings_release(&fx->fs);
	arena_release(&fx->arena);
}

/* Scalars stay strings as written: no YAML 1.1 booleans or floats. */
static void test_scalars_untyped(void **state)
{
	struct yfix fx;
	struct ynode *r = yparse(&fx,
				 "---\nversion: 1.0\nacronym: ON\n"
				 "n: 010\nnull1: ~\nnull2:\nq: \"\"\n",
				 64);

	(void)state;
	assert_non_null(r);
	assert_int_equal(r->kind, YNODE_MAP);
	assert_string_equal(ynode_get(r, "version")->str, "1.0");
	assert_string_equal(ynode_get(r, "acronym")->str, "ON");
	assert_string_equal(ynode_get(r, "n")->str, "010");
	assert_true(ynode_get(r, "null1")->null);
	assert_true(ynode_get(r, "null2")->null);
	assert_false(ynode_get(r, "q")->null);
	assert_true(ynode_get(r, "q")->quoted);
	assert_int_equal(fx.fs.len, 0);
	yfree(&fx);
}

/* Positions are 1-based file positions, front matter offset included. */
static void test_positions(void **state)
{
	struct yfix fx;
	struct ynode *r = yparse(&fx,
				 "---\nid: X\ncontrols:\n  - A.5.1\n"
				 "  - \"A.5.2\"\n",
				 64);
	struct ynode *c;

	(void)state;
	assert_non_null(r);
	assert_int_equal(r->members[0].key_pos.line, 2);
	assert_int_equal(r->members[0].key_pos.column, 1);
	assert_int_equal(ynode_get(r, "id")->pos.column, 5);
	c = ynode_get(r, "controls");
	assert_int_equal(c->kind, YNODE_SEQ);
	assert_int_equal(c->count, 2);
	assert_int_equal(c->items[1]->pos.line, 5);
	assert_int_equal(c->items[1]->pos.column, 5);
	yfree(&fx);
}

/* Columns count code points, as libyaml's marks do. */
static void test_columns_code_points(void **state)
{
	struct yfix fx;
	struct ynode *r = yparse(&fx, "---\ntitle: \xC3\xA9t\xC3\xA9: x\n", 64);

	(void)state;
	assert_null(r);
	assert_int_equal(fx.fs.len, 1);
	assert_string_equal(fx.fs.items[0].rule, "yaml-syntax");
	assert_int_equal(fx.fs.items[0].pos.line, 2);
	assert_int_equal(fx.fs.items[0].pos.column, 11);
	yfree(&fx);
}

/* One refusal case: text, rule and position expected. */
struct refusal {
	const char *text;
	const char *rule;
	unsigned line, column;
};

static void test_refusals(void **state)
{
	static const struct refusal cases[] = {
	    {"---\na: &x 1\nb: *x\n", "frontmatter-limit", 2, 4},
	    {"---\na: 1\nb: *x\n", "frontmatter-limit", 3, 4},
	    {"---\na: !!str 1\n", "frontmatter-invalid", 2, 4},
	    {"---\na: [1, 2\n", "yaml-syntax", 3, 1},
	    {"---\na: {b: {c: {d: 1}}}\n", "frontmatter-limit", 2, 12},
	    {"---\n? [a]\n: 1\n", "frontmatter-invalid", 2, 3},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct yfix fx;

		print_message("case %zu\n", i);
		assert_null(yparse(&fx, cases[i].text, 3));
		assert_true(fx.fs.len >= 1);
		assert_string_equal(fx.fs.items[0].rule, cases[i].rule);
		assert_int_equal(fx.fs.items[0].pos.line, cases[i].line);
		assert_int_equal(fx.fs.items[0].pos.column, cases[i].column);
		yfree(&fx);
	}
}

/* A duplicate key is reported; the first value is kept. */
static void test_duplicate_key(void **state)
{
	struct yfix fx;
	struct ynode *r = yparse(&fx, "---\nid: A\ntitle: t\nid: B\n", 64);

	(void)state;
	assert_non_null(r);
	assert_int_equal(r->count, 2);
	assert_string_equal(ynode_get(r, "id")->str, "A");
	assert_int_equal(fx.fs.len, 1);
	assert_string_equal(fx.fs.items[0].rule, "yaml-syntax");
	assert_int_equal(fx.fs.items[0].pos.line, 4);
	assert_non_null(strstr(fx.fs.items[0].message, "line 2"));
	yfree(&fx);
}

/* Deep nesting stops at the limit instead of recursing. */
static void test_depth_bomb(void **state)
{
	static char text[200016];
	struct yfix fx;
	size_t i, n = 0;

	(void)state;
	memcpy(text, "---\na: ", 7);
	n = 7;
	for (i = 0; i < 100000; i++)
		text[n++] = '[';
	text[n] = '\0';
	assert_null(yparse(&fx, text, 64));
	assert_string_equal(fx.fs.items[0].rule, "frontmatter-limit");
	yfree(&fx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_scalars_untyped),
	    cmocka_unit_test(test_positions),
	    cmocka_unit_test(test_columns_code_points),
	    cmocka_unit_test(test_refusals),
	    cmocka_unit_test(test_duplicate_key),
	    cmocka_unit_test(test_depth_bomb),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
