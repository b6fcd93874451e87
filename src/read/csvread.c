/*
 * CSV tables of csvread.h.  libcsv parses; this file feeds it, keeps the
 * positions that libcsv does not report, and enforces the limits.
 *
 * The text goes to csv_parse in pieces that end just after a comma, CR or
 * LF: the only bytes on which libcsv calls back.  So every callback is
 * about the last byte of its piece, and the field it closes began at the
 * first byte after the previous callback that libcsv does not skip
 * (blanks, and blank lines before a row).  Lines and columns come from one
 * cursor that only moves forward, so positions cost O(n) in all.
 */
#include "isms/csvread.h"
#include "isms/alloc.h"
#include "isms/buf.h"

#include <csv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Longest piece per csv_parse call, and the least growth of its buffer. */
#define CSVREAD_BLOCK 65536

/*
 * Room in libcsv's buffer beyond the cell limit: the buffer also holds a
 * closing quote and the blanks that libcsv trims afterwards, so that a
 * cell right at the limit still fits.
 */
#define CSVREAD_SLACK 4096

struct csvread {
	const unsigned char *text; /* after any BOM */
	size_t len;
	const char *path;
	size_t cell; /* the limits */
	size_t columns;
	struct arena *arena;
	struct findings *fs;
	size_t next; /* where the next field is looked for */
	size_t at;   /* offset of the byte libcsv acts on */
	unsigned first_line;
	size_t cur_off; /* the position cursor */
	struct pos cur;
	struct buf cells; /* the open row's cells, NUL-ended */
	size_t *offs;	  /* where each cell starts in cells */
	size_t noffs, offs_cap;
	unsigned row_line;
	struct csv_row *rows;
	size_t nrows, rows_cap;
	int failed;
};

/*
 * libcsv's realloc hook takes no context pointer, so the cap of the parse
 * running on this thread is kept here.
 */
static _Thread_local size_t csvread_cap;

/* libcsv's buffer growth: refused past the cap, which stops csv_parse. */
static void *csvread_realloc(void *ptr, size_t size)
{
	if (size > csvread_cap)
		return NULL;
	return xrealloc(ptr, size);
}

/* Whether libcsv skips c before a field (and blank lines before a row). */
static int csvread_skipped(unsigned char c, int row_open)
{
	if (c == ' ' || c == '\t')
		return 1;
	return !row_open && (c == '\r' || c == '\n');
}

/* Offset of the first byte of the open field, looking no further than end. */
static size_t csvread_field_start(const struct csvread *r, size_t end)
{
	size_t i = r->next;

	while (i < end && csvread_skipped(r->text[i], r->noffs > 0))
		i++;
	return i;
}

/* Move the cursor over one byte: CRLF is one line break, a lone CR too. */
static void csvread_step(struct csvread *r)
{
	unsigned char c = r->text[r->cur_off++];
	int crlf =
	    c == '\r' && r->cur_off < r->len && r->text[r->cur_off] == '\n';

	if (c == '\n' || (c == '\r' && !crlf)) {
		r->cur.line++;
		r->cur.column = 1;
	} else if (c != '\r' && (c & 0xC0) != 0x80) {
		r->cur.column++; /* one per code point */
	}
}

/* The line and column of offset off; asked in increasing order. */
static struct pos csvread_pos(struct csvread *r, size_t off)
{
	if (off < r->cur_off) {
		r->cur_off = 0;
		r->cur.line = r->first_line;
		r->cur.column = 1;
	}
	while (r->cur_off < off)
		csvread_step(r);
	return r->cur;
}

/* Report a cell of size bytes, starting at start, over the cell limit. */
static void csvread_fail_cell(struct csvread *r, size_t start, size_t size)
{
	findings_add(r->fs, "file-limit", r->path, csvread_pos(r, start),
		     "cell of %zu bytes exceeds the limit of %zu bytes", size,
		     r->cell);
	r->failed = 1;
}

/* Report the cell at start as one column too many for its row. */
static void csvread_fail_columns(struct csvread *r, size_t start)
{
	findings_add(r->fs, "file-limit", r->path, csvread_pos(r, start),
		     "row exceeds the limit of %zu columns", r->columns);
	r->failed = 1;
}

/* Report a syntax error in the field that began at start. */
static void csvread_fail_syntax(struct csvread *r, size_t start,
				const char *message, const char *suggestion)
{
	struct finding *f;

	f = findings_add(r->fs, "csv-syntax", r->path, csvread_pos(r, start),
			 "%s", message);
	f->suggestion = findings_str(r->fs, suggestion);
	r->failed = 1;
}

/* Append one cell to the open row. */
static void csvread_cell_add(struct csvread *r, const void *s, size_t len)
{
	ALLOC_GROW(r->offs, r->noffs + 1, r->offs_cap);
	r->offs[r->noffs++] = r->cells.len;
	buf_add(&r->cells, s, len);
	buf_addch(&r->cells, '\0');
}

/* libcsv field callback: check the cell against the limits and keep it. */
static void csvread_on_field(void *s, size_t len, void *data)
{
	struct csvread *r = data;
	size_t start;

	if (r->failed)
		return;
	start = csvread_field_start(r, r->at);
	if (!r->noffs)
		r->row_line = csvread_pos(r, start).line;
	r->next = r->at + 1;

	if (len > r->cell)
		csvread_fail_cell(r, start, len);
	else if (r->noffs >= r->columns)
		csvread_fail_columns(r, start);
	else
		csvread_cell_add(r, s, len);
}

/*
 * libcsv row callback: move the open row into the arena, its cell
 * pointers and their bytes in one allocation.
 */
static void csvread_on_row(int c, void *data)
{
	struct csvread *r = data;
	struct csv_row *row;
	const char **cells;
	char *bytes;
	size_t i;

	(void)c;
	if (r->failed || !r->noffs)
		return;
	cells = arena_alloc(r->arena, r->noffs * sizeof(*cells) + r->cells.len);
	bytes = (char *)(cells + r->noffs);
	memcpy(bytes, r->cells.ptr, r->cells.len);
	for (i = 0; i < r->noffs; i++)
		cells[i] = bytes + r->offs[i];

	ALLOC_GROW(r->rows, r->nrows + 1, r->rows_cap);
	row = &r->rows[r->nrows++];
	row->line = r->row_line;
	row->ncells = r->noffs;
	row->cells = cells;
	r->noffs = 0;
	buf_truncate(&r->cells, 0);
	r->next = r->at + 1;
}

/* Bytes of the quoted value whose opening quote is at start. */
static size_t csvread_quoted_size(const struct csvread *r, size_t start)
{
	size_t i = start + 1, n = 0;

	while (i < r->len) {
		if (r->text[i] == '"') {
			if (i + 1 >= r->len || r->text[i + 1] != '"')
				break;
			i++; /* "" stands for one quote */
		}
		i++;
		n++;
	}
	return n;
}

/* Bytes of the unquoted value at start, trailing blanks dropped. */
static size_t csvread_plain_size(const struct csvread *r, size_t start)
{
	size_t i, end = start;

	for (i = start; i < r->len; i++) {
		unsigned char c = r->text[i];

		if (c == ',' || c == '\r' || c == '\n')
			break;
		if (c != ' ' && c != '\t')
			end = i + 1;
	}
	return end - start;
}

/*
 * Size of the cell at start that filled libcsv's buffer, measured in the
 * text because libcsv stopped inside it.  When trimmed blanks, not the
 * value, made up the excess, what the buffer held is the size.
 */
static size_t csvread_big_size(const struct csvread *r, size_t start,
			       struct csv_parser *p)
{
	size_t n;

	if (r->text[start] == '"')
		n = csvread_quoted_size(r, start);
	else
		n = csvread_plain_size(r, start);
	return n > r->cell ? n : csv_get_buffer_size(p);
}

/* Report why csv_parse stopped at offset stop. */
static void csvread_fail_parse(struct csvread *r, struct csv_parser *p,
			       size_t stop)
{
	size_t start = csvread_field_start(r, stop);

	if (csv_error(p) != CSV_EPARSE)
		csvread_fail_cell(r, start, csvread_big_size(r, start, p));
	else if (r->text[start] == '"')
		csvread_fail_syntax(r, start, "malformed quoted field",
				    "write a quote inside a quoted field "
				    "as \"\"");
	else
		csvread_fail_syntax(r, start, "quote inside an unquoted field",
				    "quote the whole field and write the "
				    "quote as \"\"");
}

/* Offset just past the next comma, CR or LF from off, or a block on. */
static size_t csvread_piece_end(const struct csvread *r, size_t off)
{
	size_t end =
	    r->len - off > CSVREAD_BLOCK ? off + CSVREAD_BLOCK : r->len;

	while (off < end) {
		unsigned char c = r->text[off++];

		if (c == ',' || c == '\r' || c == '\n')
			break;
	}
	return off;
}

/*
 * Hand the text to libcsv piece by piece.  The buffer grows by at least
 * its own size, so a long cell costs O(log n) reallocations, not the
 * O(n) of libcsv's 128-byte default.  Returns 0, or -1 when it stopped.
 */
static int csvread_feed(struct csvread *r, struct csv_parser *p)
{
	size_t off = 0, end, n, size;

	while (off < r->len) {
		end = csvread_piece_end(r, off);
		r->at = end - 1;
		size = csv_get_buffer_size(p);
		csv_set_blk_size(p,
				 size > CSVREAD_BLOCK ? size : CSVREAD_BLOCK);
		n = csv_parse(p, r->text + off, end - off, csvread_on_field,
			      csvread_on_row, r);
		if (r->failed)
			return -1;
		if (n != end - off) {
			csvread_fail_parse(r, p, off + n);
			return -1;
		}
		off = end;
	}
	return 0;
}

/* Close the last row; a quote still open there is a syntax error. */
static int csvread_finish(struct csvread *r, struct csv_parser *p)
{
	r->at = r->len;
	if (csv_fini(p, csvread_on_field, csvread_on_row, r) == 0)
		return r->failed ? -1 : 0;
	csvread_fail_syntax(r, csvread_field_start(r, r->len),
			    "quote opened here is never closed",
			    "close the field with a quote");
	return -1;
}

/* Set r up over src, dropping a UTF-8 BOM at the start of the text. */
static void csvread_init(struct csvread *r, const struct csv_source *src,
			 struct arena *arena, struct findings *fs)
{
	static const struct limits defaults = LIMITS_DEFAULT;
	const struct limits *lim = src->limits ? src->limits : &defaults;

	memset(r, 0, sizeof(*r));
	r->text = (const unsigned char *)src->text;
	r->len = src->text ? src->len : 0;
	if (r->len >= 3 && !memcmp(r->text, "\xEF\xBB\xBF", 3)) {
		r->text += 3;
		r->len -= 3;
	}
	r->path = src->path;
	r->cell = lim->cell;
	r->columns = lim->columns;
	r->arena = arena;
	r->fs = fs;
	r->first_line = src->first_line ? src->first_line : 1;
	r->cur.line = r->first_line;
	r->cur.column = 1;
}

/* Copy the rows into the arena for out and free the reader's buffers. */
static void csvread_release(struct csvread *r, struct csv_table *out)
{
	out->nrows = r->nrows;
	out->rows = NULL;
	if (r->nrows) {
		out->rows =
		    arena_alloc(r->arena, r->nrows * sizeof(*out->rows));
		memcpy(out->rows, r->rows, r->nrows * sizeof(*out->rows));
	}
	free(r->rows);
	free(r->offs);
	buf_release(&r->cells);
}

/* Read src into out; see csvread.h. */
int csv_read(const struct csv_source *src, struct arena *arena,
	     struct csv_table *out, struct findings *fs)
{
	struct csvread r;
	struct csv_parser p;
	int rc;

	csvread_init(&r, src, arena, fs);
	csv_init(&p, CSV_STRICT | CSV_STRICT_FINI);
	csv_set_realloc_func(&p, csvread_realloc);
	csvread_cap = r.cell > SIZE_MAX - CSVREAD_SLACK
			  ? SIZE_MAX
			  : r.cell + CSVREAD_SLACK;

	rc = csvread_feed(&r, &p);
	if (rc == 0)
		rc = csvread_finish(&r, &p);
	csv_free(&p);
	csvread_release(&r, out);
	return rc;
}
