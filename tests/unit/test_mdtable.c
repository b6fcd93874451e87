/* Tests for Markdown pipe tables: cells, links, lines, bounds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "isms/alloc.h"
#include "isms/buf.h"
#include "isms/markdown.h"

/* Seconds a large or pathological body may take, sanitizers on. */
#define TIME_LIMIT 3.0

/* One scan and what it needs, released by tab_done(). */
struct tab_run {
	struct arena arena;
	struct findings fs;
	struct md_scan out;
	int rc;
};

/* Scan len bytes of text, body at start on line first; tables if want. */
static void tab_scan(struct tab_run *r, const char *text, size_t len,
		     size_t start, unsigned first, bool want)
{
	struct md_source src = {
	    .path = "reg.md",
	    .text = text,
	    .len = len,
	    .body_start = start,
	    .body_line = first,
	    .mapping_heading = "mapping",
	    .want_tables = want,
	    .want_heading = true,
	};

	r->arena = (struct arena)ARENA_INIT;
	findings_init(&r->fs, &r->arena);
	r->rc = md_scan(&src, &r->arena, &r->out, &r->fs);
}

/* Scan a body on line 1 of its file, tables wanted; it must succeed. */
static void tab_run(struct tab_run *r, const char *body)
{
	tab_scan(r, body, strlen(body), 0, 1, true);
	if (r->rc || r->fs.len)
		fail_msg("md_scan returned %d with %zu findings", r->rc,
			 r->fs.len);
}

/* Release a scan. */
static void tab_done(struct tab_run *r)
{
	md_scan_release(&r->out);
	findings_release(&r->fs);
	arena_release(&r->arena);
}

/* Fail, naming the row, unless row holds line and the cells of want. */
static void check_row(const char *what, size_t i, const struct csv_row *row,
		      unsigned line, const char *const *want, size_t n)
{
	size_t j;

	if (row->line != line)
		fail_msg("%s row %zu: line %u, want %u", what, i, row->line,
			 line);
	if (row->ncells != n)
		fail_msg("%s row %zu: %zu cells, want %zu", what, i,
			 row->ncells, n);
	for (j = 0; j < n; j++)
		if (!csv_cell(row, j) || strcmp(csv_cell(row, j), want[j]))
			fail_msg("%s row %zu cell %zu: '%s', want '%s'", what,
				 i, j,
				 csv_cell(row, j) ? csv_cell(row, j) : "(null)",
				 want[j]);
}

/* Fail unless the hrefs rows mirror the rows of the table's cells. */
static void check_shape(const struct md_table *t)
{
	size_t i, j;

	assert_int_equal(t->hrefs.nrows, t->table.nrows);
	for (i = 0; i < t->table.nrows; i++) {
		const struct csv_row *a = &t->table.rows[i];
		const struct csv_row *b = &t->hrefs.rows[i];

		assert_int_equal(a->line, b->line);
		assert_int_equal(a->ncells, b->ncells);
		for (j = 0; j < a->ncells; j++) {
			assert_non_null(csv_cell(a, j));
			assert_non_null(csv_cell(b, j));
		}
	}
}

#define CELLS(...)  ((const char *const[]){__VA_ARGS__})
#define NCELLS(...) (sizeof(CELLS(__VA_ARGS__)) / sizeof(char *))
#define ROW(what, t, i, line, ...)                                             \
	check_row(what, i, &(t)->table.rows[i], line, CELLS(__VA_ARGS__),      \
		  NCELLS(__VA_ARGS__))
#define HREFS(what, t, i, ...)                                                 \
	check_row(what, i, &(t)->hrefs.rows[i], (t)->table.rows[i].line,       \
		  CELLS(__VA_ARGS__), NCELLS(__VA_ARGS__))

/* A register table after a document-control table, under front matter. */
static void test_two_tables(void **state)
{
	static const char text[] = "---\n" /* 1 */
				   "id: REG-1\n"
				   "register: mapping\n"
				   "---\n"
				   "# Control mapping\n" /* 5 */
				   "\n"
				   "## Document control\n"
				   "\n"
				   "| Version | Date | Author |\n"
				   "|---------|------|--------|\n" /* 10 */
				   "| 1.0 | 2024-01-02 | Ann |\n"
				   "\n"
				   "## Mapping\n"
				   "\n"
				   "| Control | Documents |\n" /* 15 */
				   "| :--- | ---: |\n"
				   "| A.5.1 | POL-1 |\n"
				   "| A.5.2 | POL-2; POL-3 |\n";
	struct tab_run r;
	const struct md_table *t;
	size_t start = strstr(text, "# Control") - text;

	(void)state;
	tab_scan(&r, text, strlen(text), start, 5, true);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.out.ntables, 2);
	t = &r.out.tables[0];
	check_shape(t);
	assert_int_equal(t->table.nrows, 2);
	ROW("control", t, 0, 9, "Version", "Date", "Author");
	ROW("control", t, 1, 11, "1.0", "2024-01-02", "Ann");
	assert_int_equal(t->pos.line, 9);
	assert_int_equal(t->pos.column, 1);
	t = &r.out.tables[1];
	check_shape(t);
	assert_int_equal(t->table.nrows, 3);
	ROW("register", t, 0, 15, "Control", "Documents");
	ROW("register", t, 1, 17, "A.5.1", "POL-1");
	ROW("register", t, 2, 18, "A.5.2", "POL-2; POL-3");
	HREFS("register", t, 2, "", "");
	assert_int_equal(t->pos.line, 15);
	/* The mentions in the cells are found as before. */
	assert_int_equal(r.out.len, 2);
	assert_int_equal(r.out.items[1].pos.line, 18);
	assert_int_equal(r.out.items[1].pos.column, 3);
	tab_done(&r);
}

/* Visible text: markup, code, entities, escapes, breaks, trimming. */
static void test_cells(void **state)
{
	static const char body[] =
	    "| **A.5.1** | _em_ and ~~old~~ | `a\\|b` and `c` |\n"
	    "|---|---|---|\n"
	    "| a \\| b | &amp; &lt;&gt; &quot;q&quot; "
	    "| &#65;&#x263A;&#0; |\n"
	    "| &copy; &apos;x&nbsp;y | one<br>two<BR />three "
	    "| <i>it</i> |\n"
	    "|    | ![alt text](i.png) | \\*not em\\* |\n"
	    "| a\0b | <span title='x'>in</span> `c\0 ` | x&#1114112;y |\n";
	struct tab_run r;
	const struct md_table *t;

	(void)state;
	tab_scan(&r, body, sizeof(body) - 1, 0, 1, true);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.out.ntables, 1);
	t = &r.out.tables[0];
	check_shape(t);
	assert_int_equal(t->table.nrows, 5);
	ROW("cells", t, 0, 1, "A.5.1", "em and old", "a|b and c");
	ROW("cells", t, 1, 3, "a | b", "& <> \"q\"",
	    "A\xE2\x98\xBA\xEF\xBF\xBD");
	ROW("cells", t, 2, 4, "&copy; 'x y", "one\ntwo\nthree", "it");
	ROW("cells", t, 3, 5, "", "alt text", "*not em*");
	ROW("cells", t, 4, 6,
	    "a\xEF\xBF\xBD"
	    "b",
	    "in c\xEF\xBF\xBD", "x\xEF\xBF\xBDy");
	tab_done(&r);
}

/* Link text is the cell's text; destinations go to hrefs. */
static void test_links(void **state)
{
	static const char body[] =
	    "| Control | Documents | Notes |\n"
	    "|---|---|---|\n"
	    "| A.5.1 | [Access policy](../policies/access.md#scope) | x |\n"
	    "| [A.5.2](a.md) | [P1](p1.md \"T\"), [P2][r] "
	    "| <https://e.org/a> |\n"
	    "| A.5.3 | [sp](<My Policy.md>) [e](x&amp;y&#32;z.md) "
	    "| [n]() |\n"
	    "| A.5.4 | ![img](i.png) [a,b](c;d.md) | [**b**](b.md) |\n"
	    "\n"
	    "[r]: ../p2.md\n";
	struct tab_run r;
	const struct md_table *t;

	(void)state;
	tab_run(&r, body);
	assert_int_equal(r.out.ntables, 1);
	t = &r.out.tables[0];
	check_shape(t);
	ROW("links", t, 1, 3, "A.5.1", "Access policy", "x");
	HREFS("links", t, 1, "", "../policies/access.md#scope", "");
	ROW("links", t, 2, 4, "A.5.2", "P1, P2", "https://e.org/a");
	HREFS("links", t, 2, "a.md", "p1.md ../p2.md", "https://e.org/a");
	ROW("links", t, 3, 5, "A.5.3", "sp e", "n");
	HREFS("links", t, 3, "", "My%20Policy.md x&y%20z.md", "");
	ROW("links", t, 4, 6, "A.5.4", "img a,b", "b");
	HREFS("links", t, 4, "", "c%3Bd.md", "b.md");
	HREFS("links", t, 0, "", "", "");
	tab_done(&r);
}

/* Code, HTML, and a header under a line of text make no table. */
static void test_not_tables(void **state)
{
	static const char *const bodies[] = {
	    "```\n| a | b |\n|---|---|\n| 1 | 2 |\n```\n",
	    "~~~md\n| a | b |\n|---|---|\n~~~\n",
	    "Intro\n\n    | a | b |\n    |---|---|\n",
	    "<div>\n| a | b |\n|---|---|\n</div>\n",
	    "Some text\n| a | b |\n|---|---|\n| 1 | 2 |\n",
	    "| a | b |\n| - | - |\n", /* md4c 0.4.8 wants "---" */
	    "no pipes at all\n",
	    "",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bodies) / sizeof(*bodies); i++) {
		struct tab_run r;

		tab_run(&r, bodies[i]);
		if (r.out.ntables || r.out.tables)
			fail_msg("body %zu: %zu tables, want none", i,
				 r.out.ntables);
		tab_done(&r);
	}
}

/* Tables in lists and block quotes: md4c reads them; lines as written. */
static void test_containers(void **state)
{
	static const char body[] = "- Item\n"
				   "\n"
				   "  | a | b |\n"
				   "  |---|---|\n"
				   "  | 1 | 2 |\n"
				   "\n"
				   "> | c |\n"
				   "> |---|\n"
				   "> | 3 |\n"
				   "| lazy |\n"
				   "\n"
				   "1. | d |\n"
				   "   |---|\n"
				   "   | 4 |\n";
	struct tab_run r;
	const struct md_table *t;

	(void)state;
	tab_run(&r, body);
	assert_int_equal(r.out.ntables, 3);
	t = &r.out.tables[0];
	ROW("list", t, 0, 3, "a", "b");
	ROW("list", t, 1, 5, "1", "2");
	assert_int_equal(t->pos.line, 3);
	assert_int_equal(t->pos.column, 3);
	/* The quote's table ends where the quote marks do. */
	t = &r.out.tables[1];
	assert_int_equal(t->table.nrows, 2);
	ROW("quote", t, 0, 7, "c");
	ROW("quote", t, 1, 9, "3");
	assert_int_equal(t->pos.column, 3);
	t = &r.out.tables[2];
	ROW("ordered", t, 0, 12, "d");
	ROW("ordered", t, 1, 14, "4");
	assert_int_equal(t->pos.column, 4);
	tab_done(&r);
}

/* Short rows padded, long rows cut, to the header's column count. */
static void test_ragged(void **state)
{
	static const char body[] = "| a | b | c |\n"
				   "|---|---|---|\n"
				   "| 1 |\n"
				   "| 1 | 2 | 3 | 4 | 5 |\n"
				   "x\n"
				   "# not a heading here\n"
				   "\n"
				   "after\n";
	struct tab_run r;
	const struct md_table *t;

	(void)state;
	tab_run(&r, body);
	assert_int_equal(r.out.ntables, 1);
	t = &r.out.tables[0];
	check_shape(t);
	assert_int_equal(t->table.nrows, 5);
	ROW("ragged", t, 1, 3, "1", "", "");
	ROW("ragged", t, 2, 4, "1", "2", "3");
	/* md4c takes every line up to a blank one as a row. */
	ROW("ragged", t, 3, 5, "x", "", "");
	ROW("ragged", t, 4, 6, "# not a heading here", "", "");
	assert_null(r.out.first_heading);
	tab_done(&r);
	/* md4c 0.4.8 takes the column count from the delimiter row. */
	tab_run(&r, "| a | b |\n|---|\n| 1 | 2 |\n\nc\n|---|---|\n");
	assert_int_equal(r.out.ntables, 2);
	ROW("cut", &r.out.tables[0], 0, 1, "a");
	ROW("cut", &r.out.tables[0], 1, 3, "1");
	ROW("padded", &r.out.tables[1], 0, 5, "c", "");
	assert_int_equal(r.out.tables[1].pos.column, 1);
	tab_done(&r);
}

/* Rows whose cells hold no text still get their lines from the others. */
static void test_empty_cells(void **state)
{
	static const char body[] = "Text\n"
				   "\n"
				   "|   |   |\n"
				   "|---|---|\n"
				   "|   |   |\n"
				   "| x |   |\n"
				   "|   |   |\n"
				   "\n"
				   "| |\n"
				   "|---|\n"
				   "| |\n"
				   "\n"
				   "| z |\n"
				   "|---|\n";
	struct tab_run r;
	const struct md_table *t;

	(void)state;
	tab_run(&r, body);
	/* The table without any text is left out. */
	assert_int_equal(r.out.ntables, 2);
	t = &r.out.tables[0];
	check_shape(t);
	ROW("empty", t, 0, 3, "", "");
	ROW("empty", t, 1, 5, "", "");
	ROW("empty", t, 2, 6, "x", "");
	ROW("empty", t, 3, 7, "", "");
	assert_int_equal(t->pos.line, 3);
	t = &r.out.tables[1];
	ROW("header only", t, 0, 13, "z");
	assert_int_equal(t->table.nrows, 1);
	tab_done(&r);
}

/* CRLF lines, and a body that starts part-way into its file. */
static void test_lines(void **state)
{
	static const char crlf[] = "\xEF\xBB\xBF| a |\r\n|---|\r\n| 1 |\r\n"
				   "| 2 |\r\n";
	struct tab_run r;
	const struct md_table *t;

	(void)state;
	tab_scan(&r, crlf, sizeof(crlf) - 1, 3, 1, true);
	assert_int_equal(r.out.ntables, 1);
	t = &r.out.tables[0];
	ROW("crlf", t, 0, 1, "a");
	ROW("crlf", t, 1, 3, "1");
	ROW("crlf", t, 2, 4, "2");
	tab_done(&r);
}

/* A table from a header of n columns, "hN", and one row of "cN". */
static char *wide_table(size_t n)
{
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < n; i++)
		buf_addf(&b, "| h%zu ", i);
	buf_adds(&b, "|\n");
	for (i = 0; i < n; i++)
		buf_adds(&b, "|---");
	buf_adds(&b, "|\n");
	for (i = 0; i < n; i++)
		buf_addf(&b, "| c%zu ", i);
	buf_adds(&b, "|\n");
	return buf_detach(&b);
}

/* 128 columns make a table; 129 make the body read without tables. */
static void test_wide(void **state)
{
	char *ok = wide_table(128), *wide = wide_table(129);
	struct buf b = BUF_INIT;
	struct tab_run r;

	(void)state;
	tab_run(&r, ok);
	assert_int_equal(r.out.ntables, 1);
	assert_int_equal(r.out.tables[0].table.rows[1].ncells, 128);
	assert_string_equal(csv_cell(&r.out.tables[0].table.rows[1], 127),
			    "c127");
	tab_done(&r);
	buf_addf(&b, "# Title\n\n| A |\n|---|\n| A.5.1 |\n\n%s\nA.5.2\n", wide);
	tab_run(&r, b.ptr);
	assert_int_equal(r.out.ntables, 0);
	assert_null(r.out.tables);
	assert_string_equal(r.out.first_heading, "Title");
	assert_int_equal(r.out.len, 2);
	assert_int_equal(r.out.items[0].pos.line, 5);
	assert_int_equal(r.out.items[0].pos.column, 3);
	assert_int_equal(r.out.items[1].pos.line, 11);
	tab_done(&r);
	buf_release(&b);
	free(ok);
	free(wide);
}

/* Without want_tables no table is built; the mentions are the same. */
static void test_not_wanted(void **state)
{
	static const char body[] = "| A | B |\n|---|---|\n| A.5.1 | x |\n";
	struct tab_run r;

	(void)state;
	tab_scan(&r, body, strlen(body), 0, 1, false);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.out.ntables, 0);
	assert_null(r.out.tables);
	assert_int_equal(r.out.len, 1);
	assert_int_equal(r.out.items[0].pos.column, 3);
	tab_done(&r);
}

/* The tables stay valid in the arena after md_scan_release. */
static void test_release(void **state)
{
	static const char body[] = "| k |\n|---|\n| v |\n";
	struct tab_run r;
	struct md_table *t;

	(void)state;
	tab_run(&r, body);
	t = r.out.tables;
	md_scan_release(&r.out);
	assert_null(r.out.tables);
	assert_int_equal(r.out.ntables, 0);
	assert_string_equal(csv_cell(&t->table.rows[1], 0), "v");
	findings_release(&r.fs);
	arena_release(&r.arena);
}

/*
 * md4c 0.4.8 reads past a body that ends inside a link destination: the
 * bytes after the body (")" here) must not matter.
 */
static void test_overread(void **state)
{
	static const char *const bodies[] = {
	    "[e](x",
	    "![e](",
	    "A.5.1 [e](x&amp;y",
	    "| a |\n|---|\n| [e](x&amp;y",
	};
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof(bodies) / sizeof(*bodies); i++) {
		size_t n = strlen(bodies[i]);
		char *text = xmalloc(n + 64);

		memcpy(text, bodies[i], n);
		memset(text + n, ')', 64);
		for (k = 0; k < 2; k++) {
			struct tab_run r;

			tab_scan(&r, text, n, 0, 1, k);
			assert_int_equal(r.rc, 0);
			assert_int_equal(r.out.ntables, k && i == 3);
			tab_done(&r);
		}
		free(text);
	}
}

/* Seconds since some fixed point. */
static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A register of n rows with links and entities, after two text lines. */
static char *long_table(size_t n, size_t *len)
{
	struct buf b = BUF_INIT;
	size_t i;

	buf_adds(&b, "# Risks\n\n| ID | Title | Controls |\n|---|---|---|\n");
	for (i = 0; i < n; i++)
		buf_addf(&b, "| R-%zu | Risk &amp; %zu | [A.5.1](c/%zu.md) |\n",
			 i, i, i);
	*len = b.len;
	return buf_detach(&b);
}

/* 10,000 rows and about 1 MiB of rows: every line exact, bounded time. */
static void test_large(void **state)
{
	static const size_t sizes[] = {10000, 20000};
	size_t k;

	(void)state;
	for (k = 0; k < sizeof(sizes) / sizeof(*sizes); k++) {
		size_t n = sizes[k], len, i;
		char *body = long_table(n, &len);
		const struct md_table *t;
		struct tab_run r;
		double s = now();

		tab_scan(&r, body, len, 0, 1, true);
		s = now() - s;
		assert_int_equal(r.rc, 0);
		assert_int_equal(r.out.ntables, 1);
		t = &r.out.tables[0];
		assert_int_equal(t->table.nrows, n + 1);
		for (i = 1; i <= n; i++)
			if (t->table.rows[i].line != i + 4)
				fail_msg("row %zu on line %u", i,
					 t->table.rows[i].line);
		ROW("large", t, n, n + 4,
		    arena_printf(&r.arena, "R-%zu", n - 1),
		    arena_printf(&r.arena, "Risk & %zu", n - 1), "A.5.1");
		assert_string_equal(csv_cell(&t->hrefs.rows[n], 2),
				    arena_printf(&r.arena, "c/%zu.md", n - 1));
		assert_int_equal(r.out.len, n);
		if (s > TIME_LIMIT)
			fail_msg("%zu rows took %.2f s", n, s);
		tab_done(&r);
		free(body);
	}
}

/*
 * A wide header over many one-byte rows asks md4c for a cell count
 * quadratic in the input: the bounds keep it linear.
 */
static void test_pathological(void **state)
{
	static const size_t widths[] = {1000, 128, 16, 2};
	size_t k, i;

	(void)state;
	for (k = 0; k < sizeof(widths) / sizeof(*widths); k++) {
		struct buf b = BUF_INIT;
		struct tab_run r;
		double s;

		for (i = 0; i < widths[k]; i++)
			buf_adds(&b, "|h");
		buf_adds(&b, "|\n");
		for (i = 0; i < widths[k]; i++)
			buf_adds(&b, "|---");
		buf_adds(&b, "|\n");
		while (b.len < 1024 * 1024)
			buf_adds(&b, "x\n");
		buf_adds(&b, "\nA.5.1\n");
		s = now();
		tab_scan(&r, b.ptr, b.len, 0, 1, true);
		s = now() - s;
		assert_int_equal(r.rc, 0);
		assert_int_equal(r.out.len, 1);
		/* Two cells a byte fit the bound; more do not. */
		assert_int_equal(r.out.ntables, widths[k] == 2);
		if (s > TIME_LIMIT)
			fail_msg("%zu columns took %.2f s", widths[k], s);
		tab_done(&r);
		buf_release(&b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_two_tables),
	    cmocka_unit_test(test_cells),
	    cmocka_unit_test(test_links),
	    cmocka_unit_test(test_not_tables),
	    cmocka_unit_test(test_containers),
	    cmocka_unit_test(test_ragged),
	    cmocka_unit_test(test_empty_cells),
	    cmocka_unit_test(test_lines),
	    cmocka_unit_test(test_wide),
	    cmocka_unit_test(test_not_wanted),
	    cmocka_unit_test(test_release),
	    cmocka_unit_test(test_overread),
	    cmocka_unit_test(test_large),
	    cmocka_unit_test(test_pathological),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
