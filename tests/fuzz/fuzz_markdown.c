/* libFuzzer target: md_scan over any bytes as a Markdown body. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "isms/alloc.h"
#include "isms/markdown.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Fail loudly when a mention breaks the contract of markdown.h. */
static void check_mentions(const struct md_scan *scan)
{
	size_t i;

	for (i = 0; i < scan->len; i++) {
		const struct mention *m = &scan->items[i];

		if (!m->id || !m->len || !m->pos.line || !m->pos.column)
			abort();
		if (i && (m->pos.line < scan->items[i - 1].pos.line))
			abort();
	}
}

/* Whether c is white space that a trimmed cell cannot start or end with. */
static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	       c == '\f';
}

/* Fail unless a cell is trimmed text. */
static void check_cell(const char *cell)
{
	size_t n;

	if (!cell)
		abort();
	n = strlen(cell);
	if (n && (is_space(cell[0]) || is_space(cell[n - 1])))
		abort();
}

/* Fail unless a cell of hrefs is a list of destinations split by spaces. */
static void check_hrefs(const char *cell)
{
	const unsigned char *p = (const unsigned char *)cell;
	size_t i, n;

	if (!cell)
		abort();
	n = strlen(cell);
	for (i = 0; i < n; i++) {
		if (p[i] == ' ' && (!i || i + 1 == n || p[i + 1] == ' '))
			abort();
		if ((p[i] < 0x20 || p[i] == 0x7F || p[i] == ',' ||
		     p[i] == ';'))
			abort();
	}
}

/* Fail unless one table keeps the shape markdown.h promises. */
static void check_table(const struct md_table *t, unsigned *last)
{
	size_t i, j, cols;

	if (!t->table.nrows || t->hrefs.nrows != t->table.nrows)
		abort();
	cols = t->table.rows[0].ncells;
	if (!cols || cols > 128 || t->pos.line < *last || !t->pos.column ||
	    t->pos.line != t->table.rows[0].line)
		abort();
	for (i = 0; i < t->table.nrows; i++) {
		const struct csv_row *a = &t->table.rows[i];
		const struct csv_row *b = &t->hrefs.rows[i];

		if (a->ncells != cols || b->ncells != cols ||
		    a->line != b->line || a->line < *last)
			abort();
		*last = a->line;
		for (j = 0; j < cols; j++) {
			check_cell(csv_cell(a, j));
			check_hrefs(csv_cell(b, j));
		}
	}
}

/*
 * Fail unless two scans found the same mentions, and the same first
 * heading where b was asked for it.
 */
static void check_same(const struct md_scan *a, const struct md_scan *b,
		       bool heading)
{
	size_t i;

	if (a->len != b->len)
		abort();
	if (heading && !a->first_heading != !b->first_heading)
		abort();
	if (heading && a->first_heading &&
	    strcmp(a->first_heading, b->first_heading))
		abort();
	if (!heading && b->first_heading)
		abort();
	for (i = 0; i < a->len; i++) {
		const struct mention *x = &a->items[i], *y = &b->items[i];

		if (x->kind != y->kind || x->len != y->len ||
		    memcmp(x->id, y->id, x->len) ||
		    x->pos.line != y->pos.line ||
		    x->pos.column != y->pos.column ||
		    x->in_mapping != y->in_mapping)
			abort();
	}
}

/* Scan src once; a failure comes with a finding, and only then. */
static void scan_once(const struct md_source *src, struct arena *arena,
		      struct md_scan *scan)
{
	struct findings fs;

	findings_init(&fs, arena);
	if ((md_scan(src, arena, scan, &fs) == 0) != (fs.len == 0))
		abort();
	findings_release(&fs);
}

/*
 * Scan the input as a body on line 1, in a copy of exactly its size,
 * with tables and without: the mentions must not differ.  Asked for
 * neither tables nor the heading, md_scan walks the body only when it
 * may hold a mention, so the third scan finds a mention that this quick
 * look would miss.
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = xmalloc(size ? size : 1);
	struct arena arena = ARENA_INIT;
	struct md_scan scan, plain, quick;
	struct md_source src = {"fuzz.md", text, size, 0, 1, "mapping",
				true,	   true};
	unsigned last = 1;
	size_t i;

	memcpy(text, data, size);
	scan_once(&src, &arena, &scan);
	check_mentions(&scan);
	for (i = 0; i < scan.ntables; i++)
		check_table(&scan.tables[i], &last);
	src.want_tables = false;
	scan_once(&src, &arena, &plain);
	if (plain.ntables || plain.tables)
		abort();
	check_same(&scan, &plain, true);
	src.want_heading = false;
	scan_once(&src, &arena, &quick);
	check_same(&scan, &quick, false);
	(void)text_pos(text, size);
	md_scan_release(&quick);
	md_scan_release(&plain);
	md_scan_release(&scan);
	arena_release(&arena);
	free(text);
	return 0;
}
