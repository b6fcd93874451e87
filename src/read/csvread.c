/*
 * CSV tables of csvread.h.  libcsv parses; this file feeds it, keeps the
 * positions that libcsv does not report, and enforces the limits.
 *
 * A table is read in one quick pass: the text goes to csv_parse a line
 * at a time, which is all it takes to know the line each row starts on,
 * and the cells are packed into one buffer for the whole table.  Only
 * when that pass stops (a syntax error, a limit) is the rest of the text
 * read again, from the line where the row that stopped it began, in the
 * exact pass, which knows the line and column of every field: there the
 * pieces end just after a comma, CR or LF, the only bytes on which
 * libcsv calls back, so every callback is about the last byte of its
 * piece, and the field it closes began at the first byte after the
 * previous callback that libcsv does not skip (blanks, and blank lines
 * before a row).  Lines and columns come from one cursor that only moves
 * forward, so positions cost O(n) in all.  The exact pass reports what
 * stopped it and keeps the rows before it.
 *
 * The buffer the rows are packed into is, when the caller allows it, the
 * one the text is in: the cells of the open row gather on the side, and
 * a row is written over the text only once libcsv has read past it and
 * only below the first byte not read yet, so the text the exact pass may
 * need is still there.  The caller leaves room before the text for the
 * offsets the rows add; a table that needs more moves to a buffer of its
 * own.  Then a table costs its file's memory, not that and as much again.
 */
#include "isms/csvread.h"
#include "isms/alloc.h"

#include <csv.h>
#include <stdbool.h>
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

/* A row while the table is built: base is an offset in bytes. */
struct csvread_row {
	struct csv_row row; /* line, ncells and width */
	size_t base;
};

struct csvread {
	const unsigned char *text; /* after any BOM */
	size_t len;
	size_t text_at;	  /* in place: where text starts in bytes */
	bool in_place;	  /* the rows are written over the text */
	size_t consumed;  /* bytes of text libcsv is done with */
	size_t quick_off; /* quick pass: where the open row's line begins */
	const char *path;
	size_t cell; /* the limits */
	size_t columns;
	struct arena *arena;
	struct findings *fs;
	bool exact;	    /* the exact pass: positions and findings */
	bool has_cr;	    /* the text holds a CR: lines may end in one */
	unsigned fast_line; /* quick pass: the line the open row began on */
	bool row_ended;	    /* quick pass: a row ended in this piece */
	size_t next;	    /* exact pass: where the next field is looked for */
	size_t at;	    /* exact pass: offset of the byte libcsv acts on */
	unsigned first_line; /* line of text[0] */
	size_t cur_off;	     /* the position cursor */
	struct pos cur;
	char *bytes; /* the rows, packed (see csv_row) */
	size_t used, cap;
	char *cells; /* the open row's cells, one after the other */
	size_t ncell_bytes, cells_cap;
	uint32_t *offs;		/* the open row's cells: each one's start */
	size_t noffs, offs_cap; /* noffs: cells of the open row, 0 for none */
	unsigned row_line;
	struct csvread_row *rows;
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
}

/* Report the cell at start as one column too many for its row. */
static void csvread_fail_columns(struct csvread *r, size_t start)
{
	findings_add(r->fs, "file-limit", r->path, csvread_pos(r, start),
		     "row exceeds the limit of %zu columns", r->columns);
}

/* Report the row holding the cell at start as over 4 GiB of bytes. */
static void csvread_fail_row(struct csvread *r, size_t start)
{
	findings_add(r->fs, "file-limit", r->path, csvread_pos(r, start),
		     "row exceeds the limit of %lu bytes",
		     (unsigned long)UINT32_MAX);
}

/* Report a syntax error in the field that began at start. */
static void csvread_fail_syntax(struct csvread *r, size_t start,
				const char *message, const char *suggestion)
{
	struct finding *f;

	f = findings_add(r->fs, "csv-syntax", r->path, csvread_pos(r, start),
			 "%s", message);
	f->suggestion = findings_str(r->fs, suggestion);
}

/*
 * Make room for n more bytes of rows.  In place, that is below the first
 * byte of text not read yet; past it the table moves to a buffer of its
 * own, and the text's buffer stays the caller's.
 */
static void csvread_room(struct csvread *r, size_t n)
{
	if (r->in_place) {
		if (r->used + n <= r->text_at + r->consumed)
			return;
		r->in_place = false;
		r->cap = r->used + n + (r->len - r->consumed) +
			 (r->len - r->consumed) / 8 + 64;
		r->bytes = memcpy(xmalloc(r->cap), r->bytes, r->used);
		return;
	}
	if (n <= r->cap - r->used)
		return;
	r->cap = r->used + n + r->cap / 2;
	r->bytes = xrealloc(r->bytes, r->cap);
}

/* Append one cell to the open row, on the side until the row ends. */
static void csvread_cell_add(struct csvread *r, const void *s, size_t len)
{
	if (!r->noffs)
		r->ncell_bytes = 0;
	ALLOC_GROW(r->cells, r->ncell_bytes + len + 1, r->cells_cap);
	ALLOC_GROW(r->offs, r->noffs + 1, r->offs_cap);
	r->offs[r->noffs++] = (uint32_t)r->ncell_bytes;
	memcpy(r->cells + r->ncell_bytes, s, len);
	r->ncell_bytes += len;
	r->cells[r->ncell_bytes++] = '\0';
}

/*
 * Why the cell of len bytes cannot join the open row: 1 over the cell
 * limit, 2 over the columns, 3 over 4 GiB of row; 0 when it can.
 */
static int csvread_misfit(const struct csvread *r, size_t len)
{
	if (len > r->cell)
		return 1;
	if (r->noffs >= r->columns)
		return 2;
	if (r->noffs && r->ncell_bytes + len >= UINT32_MAX)
		return 3;
	return 0;
}

/* libcsv field callback: check the cell against the limits and keep it. */
static void csvread_on_field(void *s, size_t len, void *data)
{
	struct csvread *r = data;
	size_t start = 0;
	int why;

	if (r->failed)
		return;
	if (r->exact) {
		start = csvread_field_start(r, r->at);
		if (!r->noffs)
			r->row_line = csvread_pos(r, start).line;
		r->next = r->at + 1;
	} else if (!r->noffs) {
		r->row_line = r->fast_line;
	}
	why = csvread_misfit(r, len);
	if (!why) {
		csvread_cell_add(r, s, len);
		return;
	}
	r->failed = 1;
	if (!r->exact)
		return;
	if (why == 1)
		csvread_fail_cell(r, start, len);
	else if (why == 2)
		csvread_fail_columns(r, start);
	else
		csvread_fail_row(r, start);
}

/* libcsv row callback: close the open row and pack it into the table. */
static void csvread_on_row(int c, void *data)
{
	struct csvread *r = data;
	struct csvread_row *row;
	size_t size;

	(void)c;
	r->next = r->at + 1;
	r->row_ended = true;
	if (r->failed || !r->noffs)
		return;
	size = csv_row_size(r->ncell_bytes, r->offs, r->noffs);
	csvread_room(r, size);
	ALLOC_GROW(r->rows, r->nrows + 1, r->rows_cap);
	row = &r->rows[r->nrows++];
	csv_row_pack(r->bytes + r->used, r->cells, r->ncell_bytes, r->offs,
		     r->noffs, &row->row);
	row->row.line = r->row_line;
	row->base = r->used + (size - r->ncell_bytes);
	row->row.base = NULL;
	r->used += size;
	r->noffs = 0;
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

/* Let libcsv's buffer grow by at least its own size, or a block. */
static void csvread_blk(struct csv_parser *p)
{
	size_t size = csv_get_buffer_size(p);

	csv_set_blk_size(p, size > CSVREAD_BLOCK ? size : CSVREAD_BLOCK);
}

/*
 * The exact pass: hand the text to libcsv piece by piece.  The buffer
 * grows by at least its own size, so a long cell costs O(log n)
 * reallocations, not the O(n) of libcsv's 128-byte default.  Returns 0,
 * or -1 when it stopped.
 */
static int csvread_feed(struct csvread *r, struct csv_parser *p, size_t off)
{
	size_t end, n;

	while (off < r->len) {
		end = csvread_piece_end(r, off);
		r->at = end - 1;
		r->consumed = end;
		csvread_blk(p);
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

/*
 * End of the piece of the quick pass that starts at off: just past the
 * line break (LF, CRLF or a lone CR) that ends its line, or a block on.
 * *brk says whether a line break ends it.
 */
static size_t csvread_line_end(const struct csvread *r, size_t off, bool *brk)
{
	size_t max =
	    r->len - off > CSVREAD_BLOCK ? CSVREAD_BLOCK : r->len - off;
	const unsigned char *s = r->text + off;
	const unsigned char *lf = memchr(s, '\n', max);
	size_t n = lf ? (size_t)(lf - s) : max;
	const unsigned char *cr = r->has_cr ? memchr(s, '\r', n) : NULL;

	if (cr && cr + 1 < s + n) {
		*brk = true; /* a lone CR before the LF */
		return off + (size_t)(cr - s) + 1;
	}
	if (lf) {
		*brk = true;
		return off + n + 1;
	}
	/* No LF in the block: a CR can only be its last byte. */
	*brk = cr != NULL;
	if (cr && n < r->len - off && s[n] == '\n')
		return off + n + 1;
	return off + n;
}

/* Does the text from off to end hold a byte libcsv starts a row on? */
static bool csvread_has_row(const struct csvread *r, size_t off, size_t end)
{
	for (; off < end; off++)
		if (!csvread_skipped(r->text[off], 0))
			return true;
	return false;
}

/*
 * The quick pass: the text goes to libcsv a line at a time, so that the
 * line a row starts on is the line of the first piece, after the last
 * row ended, that holds more than blanks.  Adds no findings: returns -1
 * when anything would need one, for the exact pass to find.
 */
static int csvread_quick(struct csvread *r, struct csv_parser *p)
{
	size_t off = 0, end, n;
	unsigned line = r->first_line;
	bool between = true, brk;

	while (off < r->len) {
		end = csvread_line_end(r, off, &brk);
		if (between && csvread_has_row(r, off, end)) {
			r->fast_line = line;
			r->quick_off = off;
			between = false;
		}
		/*
		 * libcsv calls back for a row on its CR, with the LF of the
		 * piece still to read: only the pieces before are done with.
		 */
		r->consumed = off;
		csvread_blk(p);
		r->row_ended = false;
		n = csv_parse(p, r->text + off, end - off, csvread_on_field,
			      csvread_on_row, r);
		if (r->failed || n != end - off)
			return -1;
		if (r->row_ended)
			between = true;
		line += brk;
		off = end;
	}
	r->consumed = r->len;
	if (csv_fini(p, csvread_on_field, csvread_on_row, r) != 0)
		return -1;
	return r->failed ? -1 : 0;
}

/* Close the last row; a quote still open there is a syntax error. */
static int csvread_finish(struct csvread *r, struct csv_parser *p)
{
	r->at = r->len;
	r->consumed = r->len;
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
	r->has_cr = r->len && memchr(r->text, '\r', r->len);
	r->path = src->path;
	r->cell = lim->cell;
	r->columns =
	    lim->columns < CSV_MAX_CELLS ? lim->columns : CSV_MAX_CELLS;
	r->arena = arena;
	r->fs = fs;
	r->first_line = src->first_line ? src->first_line : 1;
	if (src->base && *src->base) {
		r->in_place = true;
		r->bytes = *src->base;
		r->cap = src->cap;
		r->text_at = (size_t)((const char *)r->text - *src->base);
		return;
	}
	/*
	 * The cells take no more than the text: each is at most its field's
	 * bytes and its NUL stands where the field's comma or line break
	 * was (only the last field of the text may lack one).  The offsets
	 * add about a byte a cell; a sixteenth more is room for them in the
	 * usual table, and the buffer grows when that is not enough.
	 */
	r->cap = r->len + r->len / 16 + 64;
	r->bytes = xmalloc(r->cap);
}

size_t csv_room(size_t len)
{
	return len / 8 + 64;
}

/*
 * Start a pass at offset off of the text, at the start of line line: the
 * rows before it are kept, the open row is dropped, the cursor stands
 * at column 1.
 */
static void csvread_restart(struct csvread *r, struct csv_parser *p, bool exact,
			    size_t off, unsigned line)
{
	r->exact = exact;
	r->noffs = r->ncell_bytes = 0;
	r->next = r->at = off;
	r->consumed = off;
	r->failed = 0;
	r->cur_off = off;
	r->cur.line = line;
	r->cur.column = 1;
	csv_init(p, CSV_STRICT | CSV_STRICT_FINI);
	csv_set_realloc_func(p, csvread_realloc);
}

/*
 * Give out the rows: the packed bytes, trimmed to size, become the
 * arena's, and each row points into them.  The text's buffer is taken
 * (*src->base set to NULL) when the rows were written over it.
 */
static void csvread_release(struct csvread *r, const struct csv_source *src,
			    struct csv_table *out)
{
	size_t i;

	free(r->offs);
	free(r->cells);
	out->nrows = r->nrows;
	out->rows = NULL;
	if (!r->nrows) {
		if (!r->in_place)
			free(r->bytes);
		free(r->rows);
		return;
	}
	if (r->in_place)
		*src->base = NULL;
	r->bytes = xrealloc(r->bytes, r->used);
	arena_adopt(r->arena, r->bytes, r->used);
	out->rows = arena_alloc(r->arena, r->nrows * sizeof(*out->rows));
	for (i = 0; i < r->nrows; i++) {
		out->rows[i] = r->rows[i].row;
		out->rows[i].base = r->bytes + r->rows[i].base;
	}
	free(r->rows);
}

/* The width of offsets up to last: 1, 2 or 4 bytes. */
static unsigned csv_width(uint32_t last)
{
	if (last <= UINT8_MAX)
		return 1;
	return last <= UINT16_MAX ? 2 : 4;
}

size_t csv_row_size(size_t nbytes, const uint32_t *offs, size_t n)
{
	return nbytes + (n > 1 ? (n - 1) * csv_width(offs[n - 1]) : 0);
}

size_t csv_row_pack(char *dst, const char *cells, size_t nbytes,
		    const uint32_t *offs, size_t n, struct csv_row *row)
{
	unsigned w = n > 1 ? csv_width(offs[n - 1]) : 1;
	size_t k = n > 1 ? (n - 1) * w : 0, i;
	unsigned char *o = (unsigned char *)dst;

	memmove(dst + k, cells, nbytes);
	for (i = 1; i < n; i++, o += w) {
		uint16_t h = (uint16_t)offs[i];

		if (w == 1)
			*o = (unsigned char)offs[i];
		else if (w == 2)
			memcpy(o, &h, 2);
		else
			memcpy(o, &offs[i], 4);
	}
	row->ncells = (unsigned)n;
	row->width = w;
	row->base = dst + k;
	return k + nbytes;
}

/* Read src into out; see csvread.h. */
int csv_read(const struct csv_source *src, struct arena *arena,
	     struct csv_table *out, struct findings *fs)
{
	struct csvread r;
	struct csv_parser p;
	int rc;

	csvread_init(&r, src, arena, fs);
	csvread_cap = r.cell > SIZE_MAX - CSVREAD_SLACK
			  ? SIZE_MAX
			  : r.cell + CSVREAD_SLACK;
	rc = -1;
	if (!src->exact) {
		csvread_restart(&r, &p, false, 0, r.first_line);
		rc = csvread_quick(&r, &p);
		csv_free(&p);
	}
	if (rc < 0) {
		/* From the line of the row that stopped the quick pass. */
		if (src->exact)
			csvread_restart(&r, &p, true, 0, r.first_line);
		else
			csvread_restart(&r, &p, true, r.quick_off, r.fast_line);
		rc = csvread_feed(&r, &p, r.next);
		if (rc == 0)
			rc = csvread_finish(&r, &p);
		csv_free(&p);
	}
	csvread_release(&r, src, out);
	return rc;
}
