/* Control and clause mentions and pipe tables in Markdown (md4c, pcre2). */
#include "isms/markdown.h"
#include "isms/alloc.h"
#include "isms/buf.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <limits.h>
#include <md4c.h>
#include <pcre2.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/*
 * The scan runs in two passes.  md4c walks the body and copies the bytes
 * of its plain text (emphasis and link text included) into a mask of the
 * body's length in which everything else (markup, code blocks, code
 * spans, raw HTML) is a space and newlines stay; pcre2 then searches the
 * mask, so that match offsets are body offsets.  md4c is linear and the
 * patterns below cannot backtrack more than a few steps per start
 * position, so the time is linear in the body.
 *
 * Pipe tables, when wanted, are built in the same md4c walk: each cell's
 * visible text and link destinations are gathered as md4c hands them
 * over, and a row's line comes from the pointer of any text in the table
 * (md4c gives a table one input line per row, so the other rows' lines
 * follow from it).
 */

/*
 * md4c 0.4.8 sets no bound on a table's columns and pads every short row
 * to the header's width, so a wide header over many one-byte rows asks
 * for a number of cells (and callbacks) quadratic in the input.  Past
 * these bounds the body is walked again with tables off, as later md4c
 * releases do for tables wider than 128 columns.
 */
#define MD_TABLE_COLUMNS 128
#define MD_TABLE_SLACK	 65536 /* cells allowed beyond twice the body */

#define MD_REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD in UTF-8 */

/*
 * md4c 0.4.8 reads a byte or two past its input when the text ends inside
 * a link destination ("[a](b" with no newline), and may hand those bytes
 * over as text; a ")" there makes it crash.  It parses a copy of the body
 * followed by this many zero bytes instead, so that it reads zeros.
 */
#define MD_PAD 16

/*
 * The mentions, one pattern for each way of writing one, so that pcre2
 * can skip to the next place where a pattern can start (an "A", a "c"
 * or "C", a "§") instead of trying alternatives at every byte: a single
 * pattern with the three as alternatives runs about ten times slower.
 * The three searches go side by side and their matches are taken in
 * the order of the text; no two can overlap, so this finds what that
 * single pattern would.
 *
 * An Annex A id has two or three numbers of one or two digits, is not
 * preceded by a letter or digit and not followed by a digit.  A clause
 * id follows the word "clause" or "clauses" or the sign "§" ("§§" is
 * plural); it has one to three such numbers and is not followed by a
 * digit or ".digit", so a sentence's full stop stays out.  "A.8.16"
 * holds no clause: the clause patterns need their word or sign.
 */
#define MD_RE_CLAUSE_ID "\\s*+(\\d{1,2}(?:\\.\\d{1,2}){0,2})(?!\\d|\\.\\d)"
static const struct md_pattern {
	const char *source;
	enum mention_kind kind;
	int id;	    /* the group that holds the id */
	int plural; /* the group that says a list may follow, or 0 */
} md_patterns[] = {
    {"(?<![\\p{L}\\p{N}])(A\\.\\d{1,2}\\.\\d{1,2}(?:\\.\\d{1,2})?)(?!\\d)",
     MENTION_CONTROL, 1, 0},
    {"(?<![\\p{L}\\p{N}])(?i:clause(s)?)(?![\\p{L}\\p{N}])" MD_RE_CLAUSE_ID,
     MENTION_CLAUSE, 2, 1},
    {"\\x{a7}(\\x{a7})?" MD_RE_CLAUSE_ID, MENTION_CLAUSE, 2, 1},
};
#define MD_NPATTERNS (sizeof(md_patterns) / sizeof(*md_patterns))

/*
 * The next id of a clause list, anchored where the previous id ended:
 * separators ",", "&", "/", "and", "or" (up to three, for "4.3, and
 * 5.2"), then the id (group 1).
 */
static const char md_re_more[] =
    "\\s*+(?:(?:,|&|/|(?i:and|or)(?![\\p{L}\\p{N}]))\\s*+){1,3}"
    "(\\d{1,2}(?:\\.\\d{1,2}){0,2})(?!\\d|\\.\\d)";

/*
 * Where a mention can start, in the body as it is: every match of a
 * pattern above holds "A." and a digit, the word "clause" (whose first
 * four letters have no case variants outside ASCII) or "§", and the
 * mask keeps the body's bytes at their offsets.  A body with none of
 * these holds no mention, and md4c need not walk it.
 */
static const char *const md_starts[] = {"A\\.\\d", "(?i:clau)", "\\x{a7}"};
#define MD_NSTARTS (sizeof(md_starts) / sizeof(*md_starts))

/* The compiled patterns: built once, then shared read-only by threads. */
static struct {
	pcre2_code *mention[MD_NPATTERNS];
	pcre2_code *more;
	pcre2_code *start[MD_NSTARTS];
} md_re;
static pthread_once_t md_re_once = PTHREAD_ONCE_INIT;

/* A heading seen by md4c: where its section starts, and its kind. */
struct md_mark {
	size_t off; /* body offset; text before it ends by here */
	unsigned level;
	bool mapping; /* its text contains the mapping heading */
};

/* Byte offset to line and column, moved forward only. */
struct md_cursor {
	const char *text;
	size_t off;
	unsigned line;
	unsigned column;
};

/* The cells of a table row being read, packed as csv_row keeps them. */
struct md_rowb {
	struct buf bytes;
	uint32_t *offs;
	size_t n, cap;
};

/* The pipe table being read: rows and cells go straight to the arena. */
struct md_tab {
	bool open;     /* inside a table being collected */
	bool cell;     /* inside one of its cells */
	bool anchored; /* a text of the table gave an offset */
	size_t ncols;
	size_t nalloc;		      /* rows allocated: header and body rows */
	size_t nrows;		      /* rows closed so far */
	size_t ncells;		      /* cells closed in the open row */
	struct csv_row *rows, *hrows; /* cell text; link destinations */
	size_t anchor_row;	      /* the row of the text at anchor_off */
	size_t anchor_off;
	struct buf text;	  /* the open cell's visible text */
	struct buf links;	  /* the open cell's link destinations */
	struct md_rowb row, hrow; /* the open row: cells; destinations */
};

/* The state of one scan, shared by the md4c callbacks and the matcher. */
struct md_walk {
	const struct md_source *src;
	const char *text; /* the whole file; "" when src has none */
	const char *body;
	size_t size;
	char *copy;	  /* the body and MD_PAD zeros, for md4c */
	char *mask;	  /* the body's length and MD_PAD zeros */
	unsigned hide;	  /* depth of code blocks, code spans, HTML */
	unsigned heading; /* level of the open heading, 0 outside */
	struct buf title; /* text of the open heading */
	size_t seen;	  /* end of the last text md4c handed over */
	struct md_mark *marks;
	size_t nmarks, cmarks;
	size_t next_mark;	/* first mark not yet applied to mentions */
	unsigned mapping_level; /* level of the open mapping section, or 0 */
	struct md_cursor cur;
	struct arena *arena;
	struct md_scan *out;
	struct md_tab tab;
	struct md_table *tables; /* heap; the arena gets a copy */
	size_t ntables, ctables;
	size_t cells;	       /* table cells so far, for the bound */
	bool too_big;	       /* a table passed the bounds: walk again */
	struct md_cursor tcur; /* positions of table rows, in order */
};

/* Build the patterns; run once, through pthread_once. */
static void md_re_init(void)
{
	size_t i;

	for (i = 0; i < MD_NPATTERNS; i++)
		md_re.mention[i] =
		    alloc_pcre2_pattern(md_patterns[i].source, 0);
	md_re.more = alloc_pcre2_pattern(md_re_more, PCRE2_ANCHORED);
	for (i = 0; i < MD_NSTARTS; i++)
		md_re.start[i] = alloc_pcre2_pattern(md_starts[i], 0);
}

/* Whether the n bytes at p lie inside the size bytes at base. */
static bool md_inside(const char *base, size_t size, const char *p, size_t n)
{
	uintptr_t b = (uintptr_t)base, q = (uintptr_t)p;

	return q >= b && q - b <= size && n <= size - (q - b);
}

/* An ASCII letter in lower case; other bytes unchanged. */
static int md_lower(char c)
{
	unsigned char u = (unsigned char)c;

	return u >= 'A' && u <= 'Z' ? u + ('a' - 'A') : u;
}

/* Whether the n bytes at hay contain needle, ignoring ASCII case. */
static bool md_contains(const char *hay, size_t n, const char *needle)
{
	size_t m = needle ? strlen(needle) : 0;
	size_t i, j;

	if (!m || m > n)
		return false;
	for (i = 0; i + m <= n; i++) {
		for (j = 0; j < m; j++)
			if (md_lower(hay[i + j]) != md_lower(needle[j]))
				break;
		if (j == m)
			return true;
	}
	return false;
}

/* Whether c is ASCII white space. */
static bool md_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	       c == '\f';
}

/* Copy the n bytes at s into the arena without outer white space. */
static const char *md_trim_dup(struct arena *a, const char *s, size_t n)
{
	while (n && md_space(*s)) {
		s++;
		n--;
	}
	while (n && md_space(s[n - 1]))
		n--;
	return n ? arena_strndup(a, s, n) : NULL;
}

/* Open a heading: its section starts where the text before it ended. */
static void md_heading_open(struct md_walk *w, unsigned level)
{
	struct md_mark *m;

	w->heading = level ? level : 1;
	buf_truncate(&w->title, 0);
	ALLOC_GROW(w->marks, w->nmarks + 1, w->cmarks);
	m = &w->marks[w->nmarks++];
	m->off = w->seen;
	m->level = w->heading;
	m->mapping = false;
}

/* Close a heading: whether it opens a mapping section; the first title. */
static void md_heading_close(struct md_walk *w)
{
	struct md_mark *m = &w->marks[w->nmarks - 1];

	m->mapping =
	    md_contains(w->title.ptr, w->title.len, w->src->mapping_heading);
	if (w->src->want_heading && !w->out->first_heading)
		w->out->first_heading =
		    md_trim_dup(w->arena, w->title.ptr, w->title.len);
	w->heading = 0;
}

/*
 * Move the cursor forward to offset to, counting lines and code points:
 * whole lines are skipped by memchr, so only the bytes of the last line
 * are looked at one by one.
 */
static void md_cursor_move(struct md_cursor *c, size_t to)
{
	const unsigned char *p = (const unsigned char *)c->text;
	const unsigned char *nl;

	if (c->off >= to)
		return;
	while ((nl = memchr(p + c->off, '\n', to - c->off))) {
		c->line++;
		c->column = 1;
		c->off = (size_t)(nl - p) + 1;
	}
	for (; c->off < to; c->off++)
		c->column += (p[c->off] & 0xC0) != 0x80; /* not a tail byte */
}

/* Line and column of offset off, counted from the start of text. */
struct pos text_pos(const char *text, size_t off)
{
	struct md_cursor c = {text, 0, 1, 1};

	md_cursor_move(&c, off);
	return (struct pos){c.line, c.column};
}

/* Start a cursor at the body, whose first line may begin before it. */
static void md_cursor_start(struct md_walk *w, struct md_cursor *c)
{
	size_t start = (size_t)(w->body - w->text), at = start;

	while (at > 0 && w->text[at - 1] != '\n')
		at--;
	c->text = w->text;
	c->off = at;
	c->line = w->src->body_line ? w->src->body_line : 1;
	c->column = 1;
	md_cursor_move(c, start);
}

/* Whether the n bytes at s, case aside, are "<br>", "<br/>" or the like. */
static bool md_is_br(const char *s, size_t n)
{
	return n >= 4 && s[0] == '<' && md_lower(s[1]) == 'b' &&
	       md_lower(s[2]) == 'r' &&
	       (s[3] == '>' || s[3] == '/' || md_space(s[3])) &&
	       s[n - 1] == '>';
}

/* Write code point c as UTF-8 at out (4 bytes at most); its length. */
static size_t md_utf8(uint32_t c, char *out)
{
	if (!c || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		c = 0xFFFD; /* as HTML reads &#0; and the like */
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | c >> 6);
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xE0 | c >> 12);
		out[1] = (char)(0x80 | (c >> 6 & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | c >> 18);
	out[1] = (char)(0x80 | (c >> 12 & 0x3F));
	out[2] = (char)(0x80 | (c >> 6 & 0x3F));
	out[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

/*
 * The code point of a numeric entity ("&#65;", "&#x41;"), n bytes at s.
 * md4c has checked its form (at most 7 decimal or 6 hex digits); values
 * past U+10FFFF stop growing so that they cannot wrap.
 */
static uint32_t md_entity_code(const char *s, size_t n)
{
	bool hex = n > 2 && (s[2] == 'x' || s[2] == 'X');
	uint32_t c = 0;
	size_t i;

	for (i = hex ? 3 : 2; i < n && s[i] != ';' && c <= 0x10FFFF; i++) {
		unsigned char d = (unsigned char)md_lower(s[i]);

		c = c * (hex ? 16 : 10) +
		    (d >= 'a' ? (uint32_t)(d - 'a' + 10) : (uint32_t)(d - '0'));
	}
	return c;
}

/*
 * Decode the entity of n bytes at s into out (8 bytes); its length, or 0
 * for an entity left as written.
 */
static size_t md_entity(const char *s, size_t n, char *out)
{
	static const struct {
		const char *name;
		char text;
	} named[] = {
	    {"&amp;", '&'},  {"&lt;", '<'},    {"&gt;", '>'},
	    {"&quot;", '"'}, {"&apos;", '\''}, {"&nbsp;", ' '},
	};
	size_t i;

	if (n > 3 && s[0] == '&' && s[1] == '#')
		return md_utf8(md_entity_code(s, n), out);
	for (i = 0; i < sizeof(named) / sizeof(*named); i++) {
		if (strlen(named[i].name) == n &&
		    !memcmp(named[i].name, s, n)) {
			out[0] = named[i].text;
			return 1;
		}
	}
	return 0;
}

/* Add the n bytes at s to a destination, with %XX for list separators. */
static void md_href_bytes(struct buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c <= 0x20 || c == 0x7F || c == ',' || c == ';')
			buf_addf(b, "%%%02X", c);
		else
			buf_addch(b, (char)c);
	}
}

/* Add one piece of a link destination as md4c splits it. */
static void md_href_piece(struct buf *b, MD_TEXTTYPE type, const char *s,
			  size_t n)
{
	char dec[8];
	size_t len;

	if (type == MD_TEXT_NULLCHAR) {
		buf_adds(b, MD_REPLACEMENT);
	} else if (type == MD_TEXT_ENTITY && (len = md_entity(s, n, dec))) {
		md_href_bytes(b, dec, len);
	} else {
		md_href_bytes(b, s, n);
	}
}

/* Add a link's destination to a cell's list; an empty one is left out. */
static void md_href_add(struct buf *links, const MD_ATTRIBUTE *href)
{
	size_t start = links->len, i;

	if (!href->size || !href->text)
		return;
	if (start)
		buf_addch(links, ' ');
	for (i = 0; href->substr_offsets[i] < href->size; i++) {
		MD_OFFSET off = href->substr_offsets[i];
		MD_OFFSET end = href->substr_offsets[i + 1];

		md_href_piece(links, href->substr_types[i], href->text + off,
			      end - off);
	}
	if (links->len == start + (start != 0))
		buf_truncate(links, start);
}

/*
 * Add text to a cell.  A NUL byte gives U+FFFD (md4c flags NULs only
 * outside code spans, and one would end the cell's string); in a code
 * span "\|" gives "|", as GFM reads a table.
 */
static void md_text_add(struct buf *b, const char *s, size_t n, bool code)
{
	size_t i;

	for (i = 0; i < n; i++) {
		bool pipe =
		    code && s[i] == '\\' && i + 1 < n && s[i + 1] == '|';

		if (!s[i])
			buf_adds(b, MD_REPLACEMENT);
		else if (!pipe)
			buf_addch(b, s[i]);
	}
}

/*
 * Add a piece of text to the open cell; body offset off (SIZE_MAX when
 * the text is not in the body) anchors the table's rows to their lines.
 */
static void md_cell_add(struct md_walk *w, MD_TEXTTYPE type, const char *text,
			size_t size, size_t off)
{
	struct md_tab *t = &w->tab;
	char dec[8];
	size_t len;

	if (off != SIZE_MAX && !t->anchored) {
		t->anchored = true;
		t->anchor_row = t->nrows;
		t->anchor_off = off;
	}
	switch (type) {
	case MD_TEXT_NORMAL:
	case MD_TEXT_CODE:
		md_text_add(&t->text, text, size, type == MD_TEXT_CODE);
		break;
	case MD_TEXT_ENTITY:
		len = md_entity(text, size, dec);
		buf_add(&t->text, len ? dec : text, len ? len : size);
		break;
	case MD_TEXT_NULLCHAR: buf_adds(&t->text, MD_REPLACEMENT); break;
	case MD_TEXT_BR:
	case MD_TEXT_SOFTBR: buf_addch(&t->text, '\n'); break;
	case MD_TEXT_HTML:
		if (md_is_br(text, size))
			buf_addch(&t->text, '\n');
		break;
	default: break;
	}
}

/*
 * Whether a table would pass the bounds (see MD_TABLE_COLUMNS); counts
 * its cells, padding included, against the bound when it does not.
 */
static bool md_table_too_big(struct md_walk *w, const MD_BLOCK_TABLE_DETAIL *d)
{
	size_t budget = w->size > (SIZE_MAX - MD_TABLE_SLACK) / 2
			    ? SIZE_MAX
			    : 2 * w->size + MD_TABLE_SLACK;
	size_t rows, cols;

	if (!d)
		return false;
	rows = (size_t)d->head_row_count + d->body_row_count;
	cols = d->col_count ? d->col_count : 1;
	if (cols > MD_TABLE_COLUMNS || rows > (budget - w->cells) / cols)
		return true;
	w->cells += rows * cols;
	return false;
}

/* Allocate n rows of a table in the arena. */
static struct csv_row *md_rows_new(struct arena *a, size_t n)
{
	return n ? arena_calloc(a, n, sizeof(struct csv_row)) : NULL;
}

/* Start collecting a table of the size md4c announces. */
static void md_table_open(struct md_walk *w, const MD_BLOCK_TABLE_DETAIL *d)
{
	struct md_tab *t = &w->tab;

	if (!d || t->open)
		return; /* md4c gives the detail; tables never nest */
	t->open = true;
	t->anchored = false;
	t->ncols = d->col_count;
	t->nalloc = (size_t)d->head_row_count + d->body_row_count;
	t->nrows = 0;
	t->rows = md_rows_new(w->arena, t->nalloc);
	t->hrows = md_rows_new(w->arena, t->nalloc);
}

/* Start a row of the open table. */
static void md_row_open(struct md_walk *w)
{
	struct md_tab *t = &w->tab;

	if (!t->open || t->nrows >= t->nalloc)
		return;
	t->ncells = 0;
	buf_truncate(&t->row.bytes, 0);
	buf_truncate(&t->hrow.bytes, 0);
	t->row.n = t->hrow.n = 0;
}

/* Add the n bytes at s as the next cell of rb. */
static void md_rowb_add(struct md_rowb *rb, const char *s, size_t n)
{
	ALLOC_GROW(rb->offs, rb->n + 1, rb->cap);
	rb->offs[rb->n++] = (uint32_t)rb->bytes.len;
	buf_add(&rb->bytes, s, n);
	buf_addch(&rb->bytes, '\0');
}

/* Move the cells of rb into the arena as row. */
static void md_rowb_keep(struct arena *a, const struct md_rowb *rb,
			 struct csv_row *row)
{
	char *dst;

	if (!rb->n) {
		row->ncells = 0;
		row->width = 1;
		row->base = "";
		return;
	}
	dst = arena_alloc(a, csv_row_size(rb->bytes.len, rb->offs, rb->n));
	csv_row_pack(dst, rb->bytes.ptr, rb->bytes.len, rb->offs, rb->n, row);
}

/* Release the buffers of rb. */
static void md_rowb_release(struct md_rowb *rb)
{
	buf_release(&rb->bytes);
	free(rb->offs);
	memset(rb, 0, sizeof(*rb));
}

/* Start a cell of the open row. */
static void md_cell_open(struct md_walk *w)
{
	struct md_tab *t = &w->tab;

	if (!t->open || t->nrows >= t->nalloc)
		return;
	t->cell = true;
	buf_truncate(&t->text, 0);
	buf_truncate(&t->links, 0);
}

/* Trim the outer white space of the n bytes at *s. */
static size_t md_trim(const char **s, size_t n)
{
	while (n && md_space(**s)) {
		(*s)++;
		n--;
	}
	while (n && md_space((*s)[n - 1]))
		n--;
	return n;
}

/* End a cell: its text and link destinations join the open row. */
static void md_cell_close(struct md_walk *w)
{
	struct md_tab *t = &w->tab;
	const char *text;
	size_t n;

	if (!t->cell)
		return;
	t->cell = false;
	if (t->ncells >= t->ncols)
		return; /* md4c drops cells past the header's */
	text = t->text.ptr ? t->text.ptr : "";
	n = md_trim(&text, t->text.len);
	md_rowb_add(&t->row, text, n);
	md_rowb_add(&t->hrow, t->links.ptr ? t->links.ptr : "", t->links.len);
	t->ncells++;
}

/* End a row of the open table. */
static void md_row_close(struct md_walk *w)
{
	struct md_tab *t = &w->tab;

	if (!t->open || t->nrows >= t->nalloc)
		return;
	md_rowb_keep(w->arena, &t->row, &t->rows[t->nrows]);
	md_rowb_keep(w->arena, &t->hrow, &t->hrows[t->nrows]);
	t->nrows++;
}

/* Body offset of the start of the line holding off (LF, CRLF, CR end). */
static size_t md_line_start(const char *body, size_t off)
{
	while (off > 0 && body[off - 1] != '\n' && body[off - 1] != '\r')
		off--;
	return off;
}

/* Start of the line before the line that starts at off (0 stays 0). */
static size_t md_line_prev(const char *body, size_t off)
{
	if (!off)
		return 0;
	off--;
	if (off && body[off] == '\n' && body[off - 1] == '\r')
		off--;
	return md_line_start(body, off);
}

/* Start of the line after the one holding off, or size. */
static size_t md_line_next(const char *body, size_t size, size_t off)
{
	while (off < size && body[off] != '\n' && body[off] != '\r')
		off++;
	if (off + 1 < size && body[off] == '\r' && body[off + 1] == '\n')
		off++;
	return off < size ? off + 1 : size;
}

/* Length of a list item's mark ("-", "*", "+", "1.", "12)") at s[0]. */
static size_t md_list_mark(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && i < 9 && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i && i < n && (s[i] == '.' || s[i] == ')'))
		i++;
	else if (!i && n && (s[0] == '-' || s[0] == '*' || s[0] == '+'))
		i = 1;
	else
		return 0;
	return i < n && (s[i] == ' ' || s[i] == '\t') ? i : 0;
}

/*
 * Where the table on the line starting at off begins: past indentation,
 * quote marks and list marks, none of which a header row can start with.
 */
static size_t md_table_start(const char *body, size_t size, size_t off)
{
	for (;;) {
		size_t mark;

		while (off < size && (body[off] == ' ' || body[off] == '\t'))
			off++;
		if (off < size && body[off] == '>')
			off++;
		else if ((mark = md_list_mark(body + off, size - off)))
			off += mark;
		else
			return off;
	}
}

/* The position of body offset off among table rows, in order. */
static struct pos md_tpos(struct md_walk *w, size_t off)
{
	md_cursor_move(&w->tcur, (size_t)(w->body - w->text) + off);
	return (struct pos){w->tcur.line, w->tcur.column};
}

/*
 * Give the rows of the open table their lines.  Row i of a table stands
 * on its (i + 1)th line (the delimiter row is its second): from the
 * anchor's row the header's line is found, then the others follow.
 */
static struct pos md_table_lines(struct md_walk *w)
{
	struct md_tab *t = &w->tab;
	size_t off = md_line_start(w->body, t->anchor_off);
	size_t back = t->anchor_row ? t->anchor_row + 1 : 0, i;
	struct pos pos;

	while (back--)
		off = md_line_prev(w->body, off);
	pos = md_tpos(w, md_table_start(w->body, w->size, off));
	for (i = 0; i < t->nrows; i++) {
		if (i)
			t->rows[i].line = md_tpos(w, off).line;
		else
			t->rows[i].line = pos.line;
		t->hrows[i].line = t->rows[i].line;
		off = md_line_next(w->body, w->size, off);
		if (!i) /* the delimiter row */
			off = md_line_next(w->body, w->size, off);
	}
	return pos;
}

/* End the open table: add it to the scan when it has rows and text. */
static void md_table_close(struct md_walk *w)
{
	struct md_tab *t = &w->tab;
	struct md_table *m;

	if (!t->open)
		return;
	t->open = t->cell = false;
	if (!t->nrows || !t->anchored)
		return;
	ALLOC_GROW(w->tables, w->ntables + 1, w->ctables);
	m = &w->tables[w->ntables++];
	m->table = (struct csv_table){t->nrows, t->rows};
	m->hrefs = (struct csv_table){t->nrows, t->hrows};
	m->pos = md_table_lines(w);
}

/*
 * md4c: a block opens.  md4c hands over the text of code and HTML as such,
 * not as plain text; counting the blocks keeps them hidden regardless.
 * A table past the bounds stops the walk (md_walk_body starts it again);
 * md4c 0.4.8 skips a table whose callback says stop and goes on with the
 * next block, so every block and text says stop from then on.
 */
static int md_on_enter_block(MD_BLOCKTYPE type, void *detail, void *data)
{
	struct md_walk *w = data;
	const MD_BLOCK_H_DETAIL *h = detail;

	if (w->too_big)
		return 1;
	switch (type) {
	case MD_BLOCK_CODE:
	case MD_BLOCK_HTML: w->hide++; break;
	case MD_BLOCK_H:
		if (!w->heading)
			md_heading_open(w, h ? h->level : 1);
		break;
	case MD_BLOCK_TABLE:
		if (md_table_too_big(w, detail)) {
			w->too_big = true;
			return 1;
		}
		if (w->src->want_tables)
			md_table_open(w, detail);
		break;
	case MD_BLOCK_TR: md_row_open(w); break;
	case MD_BLOCK_TH:
	case MD_BLOCK_TD: md_cell_open(w); break;
	default: break;
	}
	return 0;
}

/* md4c: a block closes. */
static int md_on_leave_block(MD_BLOCKTYPE type, void *detail, void *data)
{
	struct md_walk *w = data;

	(void)detail;
	switch (type) {
	case MD_BLOCK_CODE:
	case MD_BLOCK_HTML:
		if (w->hide)
			w->hide--;
		break;
	case MD_BLOCK_H:
		if (w->heading)
			md_heading_close(w);
		break;
	case MD_BLOCK_TABLE: md_table_close(w); break;
	case MD_BLOCK_TR: md_row_close(w); break;
	case MD_BLOCK_TH:
	case MD_BLOCK_TD: md_cell_close(w); break;
	default: break;
	}
	return 0;
}

/* md4c: a span opens; code spans, and links in table cells, matter. */
static int md_on_enter_span(MD_SPANTYPE type, void *detail, void *data)
{
	struct md_walk *w = data;
	const MD_SPAN_A_DETAIL *a = detail;

	if (type == MD_SPAN_CODE)
		w->hide++;
	else if (type == MD_SPAN_A && a && w->tab.cell)
		md_href_add(&w->tab.links, &a->href);
	return 0;
}

/* md4c: a span closes. */
static int md_on_leave_span(MD_SPANTYPE type, void *detail, void *data)
{
	struct md_walk *w = data;

	(void)detail;
	if (type == MD_SPAN_CODE && w->hide)
		w->hide--;
	return 0;
}

/* Add a piece of an open heading's text to its title. */
static void md_title_add(struct md_walk *w, MD_TEXTTYPE type, const char *text,
			 size_t size)
{
	switch (type) {
	case MD_TEXT_NORMAL:
	case MD_TEXT_CODE:
	case MD_TEXT_ENTITY: buf_add(&w->title, text, size); break;
	case MD_TEXT_BR:
	case MD_TEXT_SOFTBR: buf_addch(&w->title, ' '); break;
	case MD_TEXT_NULLCHAR: buf_adds(&w->title, "\xEF\xBF\xBD"); break;
	default: break; /* raw HTML is no part of the title */
	}
}

/*
 * md4c: a piece of text.  Plain text outside code and HTML is copied into
 * the mask at its offset; md4c gives no offsets, so the offset comes from
 * the pointer, which for text taken from the input points into it (other
 * pieces, such as a tab expanded in code, point elsewhere and are left).
 */
static int md_on_text(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size,
		      void *data)
{
	struct md_walk *w = data;
	bool inside = md_inside(w->copy, w->size, text, size);
	size_t off = inside ? (size_t)(text - w->copy) : 0;

	if (w->too_big)
		return 1;
	if (inside && off + size > w->seen)
		w->seen = off + size;
	if (w->heading)
		md_title_add(w, type, text, size);
	if (w->tab.cell)
		md_cell_add(w, type, text, size, inside ? off : SIZE_MAX);
	if (inside && type == MD_TEXT_NORMAL && !w->hide)
		memcpy(w->mask + off, text, size);
	return 0;
}

/* The mask before md4c fills it in: spaces, and the body's newlines. */
static void md_mask_fill(char *mask, const char *body, size_t size)
{
	const char *p = body, *end = body + size;

	memset(mask, ' ', size);
	while ((p = memchr(p, '\n', (size_t)(end - p)))) {
		mask[p - body] = '\n';
		p++;
	}
	mask[size] = '\0';
}

/* The position of body offset off; offsets must come in order. */
static struct pos md_pos(struct md_walk *w, size_t off)
{
	md_cursor_move(&w->cur, (size_t)(w->body - w->text) + off);
	return (struct pos){w->cur.line, w->cur.column};
}

/*
 * Whether body offset off lies in a mapping section, applying the
 * headings up to it; offsets must come in order.  A heading of level L
 * closes the sections of level L and deeper, so only the outermost open
 * mapping section needs remembering.
 */
static bool md_in_mapping(struct md_walk *w, size_t off)
{
	while (w->next_mark < w->nmarks && w->marks[w->next_mark].off <= off) {
		const struct md_mark *m = &w->marks[w->next_mark++];

		if (w->mapping_level && m->level <= w->mapping_level)
			w->mapping_level = 0;
		if (m->mapping && !w->mapping_level)
			w->mapping_level = m->level;
	}
	return w->mapping_level != 0;
}

/* Record the mention of the len bytes at body offset off. */
static void md_add(struct md_walk *w, enum mention_kind kind, size_t off,
		   size_t len)
{
	struct md_scan *out = w->out;
	struct mention *m;

	ALLOC_GROW(out->items, out->len + 1, out->cap);
	m = &out->items[out->len++];
	m->kind = kind;
	m->id = w->body + off;
	m->len = len;
	m->in_mapping = md_in_mapping(w, off);
	m->pos = md_pos(w, off);
}

/* Record capture group g of the last match as a mention of kind. */
static void md_add_group(struct md_walk *w, enum mention_kind kind,
			 const PCRE2_SIZE *ov, int g)
{
	md_add(w, kind, ov[2 * g], ov[2 * g + 1] - ov[2 * g]);
}

/* Whether capture group g took part in a match that returned rc. */
static bool md_group_set(const PCRE2_SIZE *ov, int rc, int g)
{
	return rc > g && ov[2 * g] != PCRE2_UNSET;
}

/* Match re in the mask from offset at; pcre2's result. */
static int md_match(struct md_walk *w, const pcre2_code *re, size_t at,
		    pcre2_match_data *md)
{
	return pcre2_match(re, (PCRE2_SPTR)w->mask, w->size, at, 0, md, NULL);
}

/* Record the rest of a clause list from *at; 0 or a pcre2 error. */
static int md_match_list(struct md_walk *w, pcre2_match_data *md, size_t *at)
{
	const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
	int rc;

	while ((rc = md_match(w, md_re.more, *at, md)) > 0) {
		md_add_group(w, MENTION_CLAUSE, ov, 1);
		*at = ov[1];
	}
	return rc == PCRE2_ERROR_NOMATCH ? 0 : rc;
}

/* One pattern's search: its match data and its last result. */
struct md_hunt {
	pcre2_match_data *md;
	int rc; /* > 0: a match waits to be taken */
};

/*
 * Record every mention in the mask, in order: of the matches waiting,
 * take the one that starts first, then search on with its pattern from
 * where it (and the clause list it opens) ended.  0, or a pcre2 error
 * with *at where the search stopped.
 */
static int md_match_all(struct md_walk *w, struct md_hunt *h,
			pcre2_match_data *more, size_t *at)
{
	size_t i, first;
	int rc;

	for (i = 0; i < MD_NPATTERNS; i++)
		h[i].rc = md_match(w, md_re.mention[i], 0, h[i].md);
	for (;;) {
		const PCRE2_SIZE *ov = NULL;
		const struct md_pattern *p;

		first = MD_NPATTERNS;
		for (i = 0; i < MD_NPATTERNS; i++) {
			const PCRE2_SIZE *o =
			    pcre2_get_ovector_pointer(h[i].md);

			if (h[i].rc == PCRE2_ERROR_NOMATCH)
				continue;
			if (h[i].rc < 0)
				return h[i].rc;
			if (!ov || o[0] < ov[0])
				first = i, ov = o;
		}
		if (!ov)
			return 0;
		p = &md_patterns[first];
		*at = ov[1];
		md_add_group(w, p->kind, ov, p->id);
		if (p->plural && md_group_set(ov, h[first].rc, p->plural) &&
		    (rc = md_match_list(w, more, at)))
			return rc;
		h[first].rc =
		    md_match(w, md_re.mention[first], *at, h[first].md);
	}
}

/* Report why the body at offset off could not be scanned; returns -1. */
static int md_fail(struct md_walk *w, struct findings *fs, size_t off,
		   const char *why)
{
	if (fs)
		findings_add(fs, "file-limit", w->src->path, md_pos(w, off),
			     "markdown text not scanned for ids: %s", why);
	return -1;
}

/* Match data for the patterns' groups, allocated through isms. */
static pcre2_match_data *md_match_data(void)
{
	pcre2_match_data *md =
	    pcre2_match_data_create(8, alloc_pcre2_general());

	if (!md)
		alloc_die();
	return md;
}

/* Search the mask for mentions; 0, or -1 with a finding. */
static int md_find(struct md_walk *w, struct findings *fs)
{
	struct md_hunt h[MD_NPATTERNS];
	pcre2_match_data *more = md_match_data();
	char why[160];
	size_t at = 0, i;
	int rc;

	for (i = 0; i < MD_NPATTERNS; i++)
		h[i].md = md_match_data();
	rc = w->size ? md_match_all(w, h, more, &at) : 0;
	for (i = 0; i < MD_NPATTERNS; i++)
		pcre2_match_data_free(h[i].md);
	pcre2_match_data_free(more);
	if (!rc)
		return 0;
	if (rc == PCRE2_ERROR_NOMEMORY)
		alloc_die();
	pcre2_get_error_message(rc, (PCRE2_UCHAR *)why, sizeof(why));
	return md_fail(w, fs, at, why);
}

/* Forget what a stopped walk gathered, to walk the body again. */
static void md_walk_reset(struct md_walk *w)
{
	md_mask_fill(w->mask, w->body, w->size);
	w->hide = w->heading = 0;
	w->seen = 0;
	w->nmarks = 0;
	w->ntables = 0;
	w->cells = 0;
	w->too_big = false;
	w->tab.open = w->tab.cell = false;
	w->out->first_heading = NULL;
	md_cursor_start(w, &w->tcur);
}

/* Run md4c over the body with the given flags; md_parse's result. */
static int md_walk_parse(struct md_walk *w, unsigned flags)
{
	const MD_PARSER parser = {
	    0,
	    flags,
	    md_on_enter_block,
	    md_on_leave_block,
	    md_on_enter_span,
	    md_on_leave_span,
	    md_on_text,
	    NULL,
	    NULL,
	};

	return md_parse(w->copy, (MD_SIZE)w->size, &parser, w);
}

/*
 * GitHub's Markdown without the permissive autolinks: a bare URL or
 * e-mail address is text either way, and looking for them at every
 * ".", ":" and "@" costs a fifth of md4c's time.
 */
#define MD_SCAN_FLAGS                                                          \
	(MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_TASKLISTS)

/*
 * Walk the body with md4c, filling the mask, the headings and the tables;
 * when a table passes the bounds, walk it again with tables off.
 */
static int md_walk_body(struct md_walk *w, struct findings *fs)
{
	int rc;

	if (w->size > UINT_MAX)
		return md_fail(w, fs, 0, "too large for md4c");
	rc = md_walk_parse(w, MD_SCAN_FLAGS);
	if (w->too_big) {
		md_walk_reset(w);
		rc = md_walk_parse(w, MD_SCAN_FLAGS & ~MD_FLAG_TABLES);
	}
	/* Its one runtime error is memory; the callbacks stop only above. */
	if (rc)
		alloc_die();
	return 0;
}

/* Set up a scan of src's body into out. */
static void md_walk_init(struct md_walk *w, const struct md_source *src,
			 struct arena *arena, struct md_scan *out)
{
	size_t len = src->text ? src->len : 0;
	size_t start = src->body_start < len ? src->body_start : len;

	memset(w, 0, sizeof(*w));
	w->src = src;
	w->text = src->text ? src->text : "";
	w->body = w->text + start;
	w->size = len - start;
	w->copy = xmalloc(w->size + MD_PAD);
	if (w->size)
		memcpy(w->copy, w->body, w->size);
	memset(w->copy + w->size, 0, MD_PAD);
	/*
	 * pcre2's JIT looks for a pattern's first byte sixteen at a time,
	 * with aligned reads that may pass the end of the subject (never a
	 * page): those bytes are in the block, and defined.
	 */
	w->mask = xmalloc(w->size + MD_PAD);
	md_mask_fill(w->mask, w->body, w->size);
	memset(w->mask + w->size, 0, MD_PAD);
	w->arena = arena;
	w->out = out;
	md_cursor_start(w, &w->cur);
	md_cursor_start(w, &w->tcur);
}

/* Hand the tables to the scan, in the arena. */
static void md_walk_tables(struct md_walk *w)
{
	struct md_scan *out = w->out;

	if (!w->ntables)
		return;
	out->tables = arena_alloc(w->arena, w->ntables * sizeof(*w->tables));
	memcpy(out->tables, w->tables, w->ntables * sizeof(*w->tables));
	out->ntables = w->ntables;
}

/* Free what a scan held while it ran. */
static void md_walk_release(struct md_walk *w)
{
	free(w->copy);
	free(w->mask);
	free(w->marks);
	free(w->tables);
	buf_release(&w->title);
	buf_release(&w->tab.text);
	buf_release(&w->tab.links);
	md_rowb_release(&w->tab.row);
	md_rowb_release(&w->tab.hrow);
}

/*
 * A search that fails for a reason other than no match says yes, so
 * that the full scan runs and reports it.
 */
bool md_may_mention(const char *body, size_t n)
{
	pcre2_match_data *md;
	int rc = PCRE2_ERROR_NOMATCH;
	size_t i;

	pthread_once(&md_re_once, md_re_init);
	md = md_match_data();
	for (i = 0; i < MD_NSTARTS && rc == PCRE2_ERROR_NOMATCH; i++)
		rc = pcre2_match(md_re.start[i], (PCRE2_SPTR)body, n, 0, 0, md,
				 NULL);
	pcre2_match_data_free(md);
	if (rc == PCRE2_ERROR_NOMEMORY)
		alloc_die();
	return rc != PCRE2_ERROR_NOMATCH;
}

/* Whether src's body must be walked: see md_scan() in markdown.h. */
static bool md_must_walk(const struct md_source *src)
{
	size_t len = src->text ? src->len : 0;
	size_t start = src->body_start < len ? src->body_start : len;

	return src->want_tables || src->want_heading ||
	       (len > start && md_may_mention(src->text + start, len - start));
}

/* Walk the body with md4c, then search the mask with pcre2. */
int md_scan(const struct md_source *src, struct arena *arena,
	    struct md_scan *out, struct findings *fs)
{
	struct md_walk w;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!md_must_walk(src))
		return 0;
	pthread_once(&md_re_once, md_re_init);
	md_walk_init(&w, src, arena, out);
	rc = md_walk_body(&w, fs);
	if (!rc)
		rc = md_find(&w, fs);
	md_walk_tables(&w);
	md_walk_release(&w);
	return rc;
}

/* Free the mentions; strings and tables stay in the arena. */
void md_scan_release(struct md_scan *scan)
{
	free(scan->items);
	scan->items = NULL;
	scan->len = scan->cap = 0;
	scan->first_heading = NULL;
	scan->tables = NULL;
	scan->ntables = 0;
}
