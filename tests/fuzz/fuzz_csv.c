/*
 * libFuzzer target for csv_read: arbitrary bytes, small limits, and the
 * promises of csvread.h checked on every input, read as text of its own
 * and in place over a buffer the rows may take.
 *
 * build: clang -fsanitize=fuzzer,address,undefined -Iinclude with
 *        src/read/csvread.c, the files of src/util and the rule table,
 *        linked with -lcsv
 * run:   ./fuzz_csv tests/fuzz/corpus/csv
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "isms/csvread.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Stop the run when a promise of csvread.h is broken. */
static void fuzz_check(int ok)
{
	if (!ok)
		abort();
}

/* Check the rows: ordered lines, cells within the limits. */
static void fuzz_check_table(const struct csv_table *t,
			     const struct limits *lim, unsigned first_line)
{
	size_t i, j;

	fuzz_check(t->nrows == 0 || t->rows != NULL);
	for (i = 0; i < t->nrows; i++) {
		const struct csv_row *row = &t->rows[i];

		fuzz_check(row->line >= first_line);
		fuzz_check(i == 0 || row->line > t->rows[i - 1].line);
		fuzz_check(row->ncells >= 1 && row->ncells <= lim->columns);
		for (j = 0; j < row->ncells; j++)
			fuzz_check(strlen(csv_cell(row, j)) <= lim->cell);
	}
}

/*
 * Read src again and require what the first read gave: status rc, the
 * rows of t and the findings' positions of fs.
 */
static void fuzz_check_again(const struct csv_source *src, int rc,
			     const struct csv_table *t,
			     const struct findings *fs)
{
	struct arena arena = ARENA_INIT;
	struct csv_table e;
	struct findings efs;
	size_t i, j;

	findings_init(&efs, &arena);
	fuzz_check(csv_read(src, &arena, &e, &efs) == rc);
	fuzz_check(e.nrows == t->nrows && efs.len == fs->len);
	for (i = 0; i < efs.len; i++)
		fuzz_check(efs.items[i].pos.line == fs->items[i].pos.line &&
			   efs.items[i].pos.column == fs->items[i].pos.column);
	for (i = 0; i < e.nrows; i++) {
		fuzz_check(e.rows[i].line == t->rows[i].line);
		fuzz_check(e.rows[i].ncells == t->rows[i].ncells);
		for (j = 0; j < e.rows[i].ncells; j++)
			fuzz_check(!strcmp(csv_cell(&e.rows[i], j),
					   csv_cell(&t->rows[i], j)));
	}
	findings_release(&efs);
	arena_release(&arena);
}

/* The exact pass alone must give the same rows, lines and findings. */
static void fuzz_check_exact(const struct csv_source *quick_src, int rc,
			     const struct csv_table *t,
			     const struct findings *fs)
{
	struct csv_source src = *quick_src;

	src.exact = true;
	fuzz_check_again(&src, rc, t, fs);
}

/*
 * Read in place, over a copy with room (or none) before it: the same
 * rows, lines and findings.
 */
static void fuzz_check_in_place(const struct csv_source *quick_src, int rc,
				const struct csv_table *t,
				const struct findings *fs, size_t room)
{
	struct csv_source src = *quick_src;
	char *base = malloc(room + src.len + 1);

	fuzz_check(base != NULL);
	if (src.len)
		memcpy(base + room, src.text, src.len);
	base[room + src.len] = '\0';
	src.text = base + room;
	src.base = &base;
	src.cap = room + src.len + 1;
	fuzz_check_again(&src, rc, t, fs);
	free(base); /* NULL when the rows took it */
}

/* Read one input as a register's CSV starting on line 3. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct limits lim = LIMITS_DEFAULT;
	struct arena arena = ARENA_INIT;
	struct csv_source src;
	struct csv_table table;
	struct findings fs;
	int rc;

	lim.cell = 64;
	lim.columns = 8;
	src.path = "fuzz.csv";
	src.text = (const char *)data;
	src.len = size;
	src.first_line = 3;
	src.limits = &lim;
	src.exact = false;
	src.base = NULL;
	src.cap = 0;
	findings_init(&fs, &arena);

	rc = csv_read(&src, &arena, &table, &fs);
	fuzz_check(rc == 0 ? fs.len == 0 : rc == -1 && fs.len == 1);
	fuzz_check(fs.len == 0 || fs.items[0].pos.line >= 3);
	fuzz_check(fs.len == 0 || fs.items[0].pos.column >= 1);
	fuzz_check(fs.len == 0 || table.nrows == 0 ||
		   fs.items[0].pos.line > table.rows[table.nrows - 1].line);
	fuzz_check_table(&table, &lim, 3);
	fuzz_check_exact(&src, rc, &table, &fs);
	fuzz_check_in_place(&src, rc, &table, &fs, csv_room(size));
	fuzz_check_in_place(&src, rc, &table, &fs, 0);

	findings_release(&fs);
	arena_release(&arena);
	return 0;
}
