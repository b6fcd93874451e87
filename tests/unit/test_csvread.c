/* Unit tests of csv_read: rows, line numbers, syntax errors and limits. */
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
#include "isms/csvread.h"

/* A string literal and its length, NUL bytes inside included. */
#define TEXT(s) s, sizeof(s) - 1

/* What one csv_read call needs and leaves behind. */
struct fixture {
	struct arena arena;
	struct findings fs;
	struct csv_table table;
	struct limits limits;
	int rc;
};

/* Start a fixture with the default limits. */
static void fixture_init(struct fixture *fx)
{
	const struct limits defaults = LIMITS_DEFAULT;

	memset(fx, 0, sizeof(*fx));
	findings_init(&fx->fs, &fx->arena);
	fx->limits = defaults;
}

/* Free what the fixture holds. */
static void fixture_release(struct fixture *fx)
{
	findings_release(&fx->fs);
	arena_release(&fx->arena);
}

/* Read len bytes of text as "reg.csv" whose text starts on first_line. */
static int fixture_read(struct fixture *fx, const char *text, size_t len,
			unsigned first_line)
{
	struct csv_source src = {"reg.csv",   text,  len,  first_line,
				 &fx->limits, false, NULL, 0};

	fx->rc = csv_read(&src, &fx->arena, &fx->table, &fx->fs);
	return fx->rc;
}

/*
 * The same, but from a copy of the text in a buffer with room before it,
 * which the rows may be written over and keep; room is the bytes left,
 * 0 for csv_room().  The buffer is freed when the rows did not take it.
 */
static int fixture_read_in_place(struct fixture *fx, const char *text,
				 size_t len, unsigned first_line, size_t room)
{
	size_t at = room ? room : csv_room(len);
	char *base = xmalloc(at + len + 1);
	struct csv_source src = {"reg.csv",   base + at, len,	first_line,
				 &fx->limits, false,	 &base, at + len + 1};

	memcpy(base + at, text, len);
	base[at + len] = '\0';
	fx->rc = csv_read(&src, &fx->arena, &fx->table, &fx->fs);
	free(base);
	return fx->rc;
}

/* Append s to b with CR and LF written as \r and \n. */
static void render_cell(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			buf_adds(b, "\\n");
		else if (*s == '\r')
			buf_adds(b, "\\r");
		else
			buf_addch(b, *s);
	}
}

/* The table as "line:cell|cell;line:cell", for exact comparison. */
static char *render_table(const struct csv_table *t)
{
	struct buf b = BUF_INIT;
	size_t i, j;

	for (i = 0; i < t->nrows; i++) {
		buf_addf(&b, "%s%u:", i ? ";" : "", t->rows[i].line);
		for (j = 0; j < t->rows[i].ncells; j++) {
			if (j)
				buf_addch(&b, '|');
			render_cell(&b, csv_cell(&t->rows[i], j));
		}
	}
	return buf_detach(&b);
}

/* Assert that fx stopped with one finding of rule at line:column. */
static void assert_one_finding(const struct fixture *fx, const char *rule,
			       unsigned line, unsigned column,
			       const char *message)
{
	const struct finding *f = &fx->fs.items[0];

	assert_int_equal(fx->rc, -1);
	assert_int_equal(fx->fs.len, 1);
	assert_string_equal(f->rule, rule);
	assert_int_equal(f->severity, SEVERITY_ERROR);
	assert_string_equal(f->file, "reg.csv");
	assert_int_equal(f->pos.line, line);
	assert_int_equal(f->pos.column, column);
	assert_string_equal(f->message, message);
}

/* Inputs that read cleanly, and the rows they give. */
static const struct {
	const char *name;
	const char *text;
	size_t len;
	const char *rows;
} read_cases[] = {
    {"simple", TEXT("id,title\nR1,Risk one\nR2,Risk two"),
     "1:id|title;2:R1|Risk one;3:R2|Risk two"},
    {"quoted",
     TEXT("a,\"b,c\",\"say \"\"hi\"\"\"\n\"multi\nline\ncell\",x\n"
	  "next,row\n"),
     "1:a|b,c|say \"hi\";2:multi\\nline\\ncell|x;5:next|row"},
    {"crlf", TEXT("a,b\r\nc,d\r\n\r\ne,f\r\n"), "1:a|b;2:c|d;4:e|f"},
    {"crlf in quotes", TEXT("\"x\r\ny\",z\r\nw\r\n"), "1:x\\r\\ny|z;3:w"},
    {"bom", TEXT("\xEF\xBB\xBFid,name\n1,x\n"), "1:id|name;2:1|x"},
    {"bom only", TEXT("\xEF\xBB\xBF"), ""},
    {"bom later kept",
     TEXT("a\n\xEF\xBB\xBF"
	  "b\n"),
     "1:a;2:\xEF\xBB\xBF"
     "b"},
    {"empty", TEXT(""), ""},
    {"blank lines", TEXT("\n\na\n\n  \n\t\nb\n\n"), "3:a;7:b"},
    {"ragged", TEXT("a,b,c\n1\n2,3\n,\n"), "1:a|b|c;2:1;3:2|3;4:|"},
    {"blanks trimmed", TEXT("  a , b  ,\" c \" \n"), "1:a|b| c "},
    {"lone cr", TEXT("a\rb\r"), "1:a;2:b"},
    {"empty quoted", TEXT("\"\",x\n"), "1:|x"},
    {"trailing comma at end", TEXT("a,"), "1:a|"},
    {"nul byte", TEXT("a\0b,c\n"), "1:a|c"},
    {"invalid utf-8", TEXT("\xff\xfe,\xc3\n"), "1:\xff\xfe|\xc3"},
};

/* Every read case gives exactly its rows, with no finding. */
static void test_read_cases(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(read_cases) / sizeof(*read_cases); i++) {
		struct fixture fx;
		char *got;

		fixture_init(&fx);
		print_message("case %s\n", read_cases[i].name);
		assert_int_equal(
		    fixture_read(&fx, read_cases[i].text, read_cases[i].len, 1),
		    0);
		assert_int_equal(fx.fs.len, 0);
		got = render_table(&fx.table);
		assert_string_equal(got, read_cases[i].rows);
		free(got);
		fixture_release(&fx);
	}
}

/* Fail unless two reads gave the same rows, status and finding. */
static void assert_same_read(const struct fixture *x, const struct fixture *y)
{
	char *a = render_table(&x->table), *b = render_table(&y->table);

	assert_string_equal(a, b);
	assert_int_equal(x->rc, y->rc);
	assert_int_equal(x->fs.len, y->fs.len);
	if (x->fs.len) {
		assert_string_equal(x->fs.items[0].message,
				    y->fs.items[0].message);
		assert_int_equal(x->fs.items[0].pos.line,
				 y->fs.items[0].pos.line);
		assert_int_equal(x->fs.items[0].pos.column,
				 y->fs.items[0].pos.column);
	}
	free(a);
	free(b);
}

/*
 * Read text both ways (quick then exact, and exact only), and in place
 * over a copy with room before it and with none; the same result.
 */
static void assert_passes_agree(const char *text, size_t len, size_t cell,
				size_t columns)
{
	struct fixture q, e;
	size_t room;
	struct csv_source src = {"reg.csv", text, len, 2, NULL, false, NULL, 0};

	fixture_init(&q);
	fixture_init(&e);
	q.limits.cell = e.limits.cell = cell;
	q.limits.columns = e.limits.columns = columns;
	src.limits = &q.limits;
	q.rc = csv_read(&src, &q.arena, &q.table, &q.fs);
	src.exact = true;
	e.rc = csv_read(&src, &e.arena, &e.table, &e.fs);
	assert_same_read(&q, &e);
	/* Over a buffer of the text's own, with the room asked for or none. */
	for (room = 0; room < 2; room++) {
		struct fixture p;

		fixture_init(&p);
		p.limits = q.limits;
		fixture_read_in_place(&p, text, len, 2, room);
		assert_same_read(&q, &p);
		fixture_release(&p);
	}
	fixture_release(&q);
	fixture_release(&e);
}

/*
 * The quick pass finds the same rows on the same lines as the exact
 * pass: random texts of the bytes that matter, and lines that cross the
 * 64 KiB pieces with a CR or CRLF at the seam.
 */
static void test_passes_agree(void **state)
{
	static const char *const parts[] = {"a",    "bc",	",",   " ",
					    "\t",   "\"",	"\r",  "\n",
					    "\r\n", "\xC3\xA9", "\"\""};
	unsigned seed = 12345;
	char text[64];
	size_t i, k, len, big = 65536 + 8;
	char *long_text = malloc(2 * big);

	(void)state;
	for (i = 0; i < 20000; i++) {
		size_t n;

		len = 0;
		seed = seed * 1103515245u + 12345u;
		n = (seed >> 16) % 24;
		for (k = 0; k < n; k++) {
			const char *p;

			seed = seed * 1103515245u + 12345u;
			p = parts[(seed >> 16) %
				  (sizeof(parts) / sizeof(*parts))];
			if (len + strlen(p) >= sizeof(text))
				break;
			memcpy(text + len, p, strlen(p));
			len += strlen(p);
		}
		assert_passes_agree(text, len, 1024, 64);
		assert_passes_agree(text, len, 3, 3);
	}
	assert_non_null(long_text);
	for (i = 65530; i < 65540; i++) {
		static const char *const seams[] = {"\r\n", "\r", "\n",
						    "\"\r\n\"", ",\r\n"};

		for (k = 0; k < sizeof(seams) / sizeof(*seams); k++) {
			memset(long_text, 'x', i);
			len = i;
			memcpy(long_text + len, seams[k], strlen(seams[k]));
			len += strlen(seams[k]);
			memcpy(long_text + len, "y,z\r\n\nw", 8);
			len += 8;
			assert_passes_agree(long_text, len, 1 << 20, 64);
		}
	}
	free(long_text);
}

/*
 * Offsets take 1, 2 or 4 bytes as the row's length needs: rows whose
 * last cell starts at 255, 256, 65535 and 65536 read back whole.
 */
static void test_offset_widths(void **state)
{
	static const size_t starts[] = {255, 256, 65535, 65536, 70000};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(starts) / sizeof(*starts); i++) {
		struct fixture fx;
		size_t first = starts[i] - 3; /* "a," "<first>" "," */
		char *text = malloc(starts[i] + 16);

		assert_non_null(text);
		memcpy(text, "a,", 2);
		memset(text + 2, 'x', first);
		memcpy(text + 2 + first, ",zz\nq\n", 6);
		fixture_init(&fx);
		fx.limits.cell = 1 << 20;
		assert_int_equal(fixture_read(&fx, text, starts[i] + 5, 1), 0);
		assert_int_equal(fx.table.nrows, 2);
		assert_int_equal(fx.table.rows[0].ncells, 3);
		assert_string_equal(csv_cell(&fx.table.rows[0], 0), "a");
		assert_int_equal(strlen(csv_cell(&fx.table.rows[0], 1)), first);
		assert_int_equal(csv_cell(&fx.table.rows[0], 2) -
				     csv_cell(&fx.table.rows[0], 0),
				 (ptrdiff_t)starts[i]);
		assert_string_equal(csv_cell(&fx.table.rows[0], 2), "zz");
		assert_string_equal(csv_cell(&fx.table.rows[0], 3), "");
		assert_int_equal(fx.table.rows[0].width, starts[i] < 256 ? 1
							 : starts[i] < 65536
							     ? 2
							     : 4);
		assert_string_equal(csv_cell(&fx.table.rows[1], 0), "q");
		fixture_release(&fx);
		free(text);
	}
}

/* A text that starts on line 8 numbers its rows from 8. */
static void test_first_line(void **state)
{
	struct fixture fx;
	char *got;

	(void)state;
	fixture_init(&fx);
	assert_int_equal(
	    fixture_read(&fx, TEXT("id,title\n\"a\nb\",c\n\nd,e\n"), 8), 0);
	got = render_table(&fx.table);
	assert_string_equal(got, "8:id|title;9:a\\nb|c;12:d|e");
	free(got);
	fixture_release(&fx);
}

/* No text at all is an empty table. */
static void test_no_text(void **state)
{
	struct fixture fx;

	(void)state;
	fixture_init(&fx);
	assert_int_equal(fixture_read(&fx, NULL, 0, 1), 0);
	assert_int_equal(fx.table.nrows, 0);
	assert_null(fx.table.rows);
	assert_int_equal(fx.fs.len, 0);
	fixture_release(&fx);
}

/* Malformed inputs: where the bad field began, and the rows kept. */
static const struct {
	const char *name;
	const char *text;
	unsigned first_line;
	unsigned line, column;
	const char *message;
	size_t nrows;
} syntax_cases[] = {
    {"unclosed", "id,title\nR1,\"open\nmore\n", 1, 2, 4,
     "quote opened here is never closed", 1},
    {"unclosed after bom and offset", "\xEF\xBB\xBFid,\xC3\xA9,\"x", 8, 8, 6,
     "quote opened here is never closed", 0},
    {"unclosed after blanks", "a\n\n  \"b\nc", 1, 3, 3,
     "quote opened here is never closed", 1},
    {"text after closing quote", "a,b\n\"abc\"x,y\nz\n", 1, 2, 1,
     "malformed quoted field", 1},
    {"quote in unquoted field", "a,b\nc,d\"e\nf,g\n", 1, 2, 3,
     "quote inside an unquoted field", 1},
    {"malformed multi-line field", "h\n\"one\ntwo\"x\n", 1, 2, 1,
     "malformed quoted field", 1},
    {"after a multi-line field", "h\n\"one\ntwo\",ok\nbad\"q\n", 1, 4, 1,
     "quote inside an unquoted field", 2},
    {"quote after blanks", "a,b\r\n c, \"d\" \"x\r\n", 5, 6, 5,
     "malformed quoted field", 1},
};

/* Each syntax case gives one csv-syntax finding at its field. */
static void test_syntax_cases(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(syntax_cases) / sizeof(*syntax_cases); i++) {
		struct fixture fx;

		fixture_init(&fx);
		print_message("case %s\n", syntax_cases[i].name);
		fixture_read(&fx, syntax_cases[i].text,
			     strlen(syntax_cases[i].text),
			     syntax_cases[i].first_line);
		assert_one_finding(&fx, "csv-syntax", syntax_cases[i].line,
				   syntax_cases[i].column,
				   syntax_cases[i].message);
		assert_int_equal(fx.table.nrows, syntax_cases[i].nrows);
		fixture_release(&fx);
	}
}

/* The rows before a syntax error are kept whole. */
static void test_rows_kept(void **state)
{
	struct fixture fx;
	char *got;

	(void)state;
	fixture_init(&fx);
	fixture_read(&fx, TEXT("id,title\nR1,\"a,b\"\nR2,\"open\n"), 1);
	assert_one_finding(&fx, "csv-syntax", 3, 4,
			   "quote opened here is never closed");
	assert_string_equal(fx.fs.items[0].suggestion,
			    "close the field with a quote");
	got = render_table(&fx.table);
	assert_string_equal(got, "1:id|title;2:R1|a,b");
	free(got);
	fixture_release(&fx);
}

/* A cell over a small limit stops the read; one at the limit does not. */
static void test_cell_limit(void **state)
{
	struct fixture fx;

	(void)state;
	fixture_init(&fx);
	fx.limits.cell = 4;
	fixture_read(&fx, TEXT("ab,abcd\n\"abcd\",\"ab\"\"c\"\nx, abcde,y\n"),
		     1);
	assert_one_finding(&fx, "file-limit", 3, 4,
			   "cell of 5 bytes exceeds the limit of 4 bytes");
	assert_int_equal(fx.table.nrows, 2);
	assert_string_equal(csv_cell(&fx.table.rows[1], 1), "ab\"c");
	fixture_release(&fx);
}

/* A cell far over the limit is measured in the text, quoted or not. */
static void test_cell_limit_far(void **state)
{
	static const struct {
		const char *piece;
		const char *open, *close;
		unsigned repeat;
		const char *message;
	} cases[] = {
	    {"a", "", "\n", 10000,
	     "cell of 10000 bytes exceeds the limit of 4 bytes"},
	    {"a\"\"", "\"", "\"\n", 3000,
	     "cell of 6000 bytes exceeds the limit of 4 bytes"},
	    {"a\"\"", "\"", "", 3000,
	     "cell of 6000 bytes exceeds the limit of 4 bytes"},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct buf text = BUF_INIT;
		struct fixture fx;
		unsigned j;

		buf_adds(&text, "h\nx,");
		buf_adds(&text, cases[i].open);
		for (j = 0; j < cases[i].repeat; j++)
			buf_adds(&text, cases[i].piece);
		buf_adds(&text, cases[i].close);
		fixture_init(&fx);
		fx.limits.cell = 4;
		fixture_read(&fx, text.ptr, text.len, 1);
		assert_one_finding(&fx, "file-limit", 2, 3, cases[i].message);
		assert_int_equal(fx.table.nrows, 1);
		fixture_release(&fx);
		buf_release(&text);
	}
}

/*
 * Blanks after a value are held by libcsv until the field ends, so a run
 * of them longer than the reader's slack counts as the cell's size.
 */
static void test_cell_limit_blanks(void **state)
{
	struct buf text = BUF_INIT;
	struct fixture fx;
	int i;

	(void)state;
	buf_adds(&text, "a");
	for (i = 0; i < 5000; i++)
		buf_addch(&text, ' ');
	buf_adds(&text, ",b\n");
	fixture_init(&fx);
	fx.limits.cell = 4;
	fixture_read(&fx, text.ptr, text.len, 1);
	assert_one_finding(&fx, "file-limit", 1, 1,
			   "cell of 4100 bytes exceeds the limit of 4 bytes");
	fixture_release(&fx);
	buf_release(&text);
}

/* A row over a small columns limit stops; one at the limit does not. */
static void test_columns_limit(void **state)
{
	struct fixture fx;

	(void)state;
	fixture_init(&fx);
	fx.limits.columns = 3;
	fixture_read(&fx, TEXT("a,b,c\n1,2,3,4\n"), 1);
	assert_one_finding(&fx, "file-limit", 2, 7,
			   "row exceeds the limit of 3 columns");
	assert_int_equal(fx.table.nrows, 1);
	assert_int_equal(fx.table.rows[0].ncells, 3);
	fixture_release(&fx);
}

/* 100,000 columns against the default limit of 4096. */
static void test_columns_default(void **state)
{
	struct buf text = BUF_INIT;
	struct fixture fx;
	int i;

	(void)state;
	for (i = 0; i < 100000; i++)
		buf_adds(&text, i ? ",x" : "x");
	buf_addch(&text, '\n');
	fixture_init(&fx);
	fixture_read(&fx, text.ptr, text.len, 1);
	assert_one_finding(&fx, "file-limit", 1, 2 * 4096 + 1,
			   "row exceeds the limit of 4096 columns");
	assert_int_equal(fx.table.nrows, 0);
	fixture_release(&fx);
	buf_release(&text);
}

/*
 * Under a sanitizer, every allocation is seen here, so that the test can
 * show that libcsv's buffer stayed near the cell limit.  Without one the
 * hook is missing and that check is skipped.
 */
int __sanitizer_install_malloc_and_free_hooks(
    void (*on_malloc)(const volatile void *, size_t),
    void (*on_free)(const volatile void *)) __attribute__((weak));

/*
 * Allocations of more than 2 MiB since the count was last reset: how
 * many, and the largest.
 */
static size_t big_allocs, largest_alloc;

/* Malloc hook: count the big allocations and remember the largest. */
static void note_malloc(const volatile void *ptr, size_t size)
{
	(void)ptr;
	if (size <= 2 * 1024 * 1024)
		return;
	big_allocs++;
	if (size > largest_alloc)
		largest_alloc = size;
}

/* Free hook: nothing to note. */
static void note_free(const volatile void *ptr)
{
	(void)ptr;
}

/* Start watching allocations; returns 0 when no hook can be installed. */
static int watch_allocations(void)
{
	static int installed;

	if (!installed && __sanitizer_install_malloc_and_free_hooks)
		installed = __sanitizer_install_malloc_and_free_hooks(
		    note_malloc, note_free);
	big_allocs = largest_alloc = 0;
	return installed;
}

/*
 * A 10 MiB field against the default 1 MiB cell limit: reported with its
 * size, quickly, and with libcsv's buffer held near the limit: the one
 * allocation over 2 MiB is the table's, made once for the text's size.
 */
static void test_huge_field(void **state)
{
	const size_t big = 10 * 1024 * 1024;
	struct fixture fx;
	clock_t t0;
	char *text;
	size_t len;
	int watched;

	(void)state;
	len = strlen("id,notes\n1,") + big + strlen("\n2,b\n");
	text = xmalloc(len);
	memcpy(text, "id,notes\n1,", 11);
	memset(text + 11, 'a', big);
	memcpy(text + 11 + big, "\n2,b\n", 5);
	fixture_init(&fx);
	watched = watch_allocations();
	t0 = clock();
	fixture_read(&fx, text, len, 1);
	assert_true(clock() - t0 < 2 * CLOCKS_PER_SEC);
	if (watched) {
		assert_int_equal(big_allocs, 1);
		assert_true(largest_alloc <= len + len / 16 + 64);
	} else
		print_message("no allocation hook: buffer size unchecked\n");
	assert_one_finding(&fx, "file-limit", 2, 3,
			   "cell of 10485760 bytes exceeds the limit of "
			   "1048576 bytes");
	assert_int_equal(fx.table.nrows, 1);
	assert_true(fx.arena.used < 64 * 1024);
	fixture_release(&fx);
	free(text);
}

/* A million rows, each on its own line, the last one numbered right. */
static void test_many_rows(void **state)
{
	const unsigned n = 1000000;
	struct buf text = BUF_INIT;
	struct fixture fx;
	char last[16];
	unsigned i;

	(void)state;
	for (i = 0; i < n; i++)
		buf_addf(&text, "r%u,\"x\ny\"\n", i);
	fixture_init(&fx);
	assert_int_equal(fixture_read(&fx, text.ptr, text.len, 1), 0);
	assert_int_equal(fx.table.nrows, n);
	assert_int_equal(fx.table.rows[n - 1].line, 2 * n - 1);
	snprintf(last, sizeof(last), "r%u", n - 1);
	assert_string_equal(csv_cell(&fx.table.rows[n - 1], 0), last);
	assert_string_equal(csv_cell(&fx.table.rows[n - 1], 1), "x\ny");
	fixture_release(&fx);
	buf_release(&text);
}

/* Run the csv_read tests. */
int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_read_cases),
	    cmocka_unit_test(test_passes_agree),
	    cmocka_unit_test(test_offset_widths),
	    cmocka_unit_test(test_first_line),
	    cmocka_unit_test(test_no_text),
	    cmocka_unit_test(test_syntax_cases),
	    cmocka_unit_test(test_rows_kept),
	    cmocka_unit_test(test_cell_limit),
	    cmocka_unit_test(test_cell_limit_far),
	    cmocka_unit_test(test_cell_limit_blanks),
	    cmocka_unit_test(test_columns_limit),
	    cmocka_unit_test(test_columns_default),
	    cmocka_unit_test(test_huge_field),
	    cmocka_unit_test(test_many_rows),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
