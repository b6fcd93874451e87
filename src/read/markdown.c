/* Control and clause mentions in Markdown bodies (md4c, pcre2). */
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
 */

/*
 * One mention: an Annex A id (group 1), or the word "clause"/"clauses"
 * (group 2 holds the "s") or the sign "§" ("§§", group 3, is plural)
 * followed by a clause id (group 4).  An Annex A id has two or three
 * numbers of one or two digits, is not preceded by a letter or digit and
 * not followed by a digit.  A clause id has one to three such numbers and
 * is not followed by a digit or ".digit"; a sentence's full stop stays
 * out.  "A.8.16" holds no clause: the clause branch needs its word.
 */
static const char md_re_mention[] =
	"(?<![\\p{L}\\p{N}])(A\\.\\d{1,2}\\.\\d{1,2}(?:\\.\\d{1,2})?)(?!\\d)"
	"|(?:(?<![\\p{L}\\p{N}])(?i:clause(s)?)(?![\\p{L}\\p{N}])"
	"|\\x{a7}(\\x{a7})?)"
	"\\s*+(\\d{1,2}(?:\\.\\d{1,2}){0,2})(?!\\d|\\.\\d)";

/*
 * The next id of a clause list, anchored where the previous id ended:
 * separators ",", "&", "/", "and", "or" (up to three, for "4.3, and
 * 5.2"), then the id (group 1).
 */
static const char md_re_more[] =
	"\\s*+(?:(?:,|&|/|(?i:and|or)(?![\\p{L}\\p{N}]))\\s*+){1,3}"
	"(\\d{1,2}(?:\\.\\d{1,2}){0,2})(?!\\d|\\.\\d)";

enum { MD_RE_CONTROL = 1, MD_RE_PLURAL, MD_RE_SECTIONS, MD_RE_CLAUSE };

/* The compiled patterns: built once, then shared read-only by threads. */
static struct {
	pcre2_code *mention;
	pcre2_code *more;
} md_re;
static pthread_once_t md_re_once = PTHREAD_ONCE_INIT;

/* A heading seen by md4c: where its section starts, and its kind. */
struct md_mark {
	size_t off;		/* body offset; text before it ends by here */
	unsigned level;
	bool mapping;		/* its text contains the mapping heading */
};

/* Byte offset to line and column, moved forward only. */
struct md_cursor {
	const char *text;
	size_t off;
	unsigned line;
	unsigned column;
};

/* The state of one scan, shared by the md4c callbacks and the matcher. */
struct md_walk {
	const struct md_source *src;
	const char *text;	/* the whole file; "" when src has none */
	const char *body;
	size_t size;
	char *mask;
	unsigned hide;		/* depth of code blocks, code spans, HTML */
	unsigned heading;	/* level of the open heading, 0 outside */
	struct buf title;	/* text of the open heading */
	size_t seen;		/* end of the last text md4c handed over */
	struct md_mark *marks;
	size_t nmarks, cmarks;
	size_t next_mark;	/* first mark not yet applied to mentions */
	unsigned mapping_level;	/* level of the open mapping section, or 0 */
	struct md_cursor cur;
	struct arena *arena;
	struct md_scan *out;
};

/* Compile one pattern; JIT-compile it when the platform allows. */
static pcre2_code *md_re_compile(const char *pattern, uint32_t options)
{
	pcre2_code *re;
	PCRE2_SIZE erroff;
	int err;

	options |= PCRE2_UTF | PCRE2_MATCH_INVALID_UTF;
	re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, options,
			   &err, &erroff, NULL);
	if (re)	/* without JIT, pcre2_match interprets: slower, same result */
		(void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	return re;
}

/* Build the patterns; run once, through pthread_once. */
static void md_re_init(void)
{
	md_re.mention = md_re_compile(md_re_mention, 0);
	md_re.more = md_re_compile(md_re_more, PCRE2_ANCHORED);
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

	m->mapping = md_contains(w->title.ptr, w->title.len,
				 w->src->mapping_heading);
	if (!w->out->first_heading)
		w->out->first_heading =
			md_trim_dup(w->arena, w->title.ptr, w->title.len);
	w->heading = 0;
}

/*
 * md4c: a block opens.  md4c hands over the text of code and HTML as such,
 * not as plain text; counting the blocks keeps them hidden regardless.
 */
static int md_on_enter_block(MD_BLOCKTYPE type, void *detail, void *data)
{
	struct md_walk *w = data;
	const MD_BLOCK_H_DETAIL *h = detail;

	if (type == MD_BLOCK_CODE || type == MD_BLOCK_HTML)
		w->hide++;
	else if (type == MD_BLOCK_H && !w->heading)
		md_heading_open(w, h ? h->level : 1);
	return 0;
}

/* md4c: a block closes. */
static int md_on_leave_block(MD_BLOCKTYPE type, void *detail, void *data)
{
	struct md_walk *w = data;

	(void)detail;
	if ((type == MD_BLOCK_CODE || type == MD_BLOCK_HTML) && w->hide)
		w->hide--;
	else if (type == MD_BLOCK_H && w->heading)
		md_heading_close(w);
	return 0;
}

/* md4c: a span opens; only code spans matter. */
static int md_on_enter_span(MD_SPANTYPE type, void *detail, void *data)
{
	struct md_walk *w = data;

	(void)detail;
	if (type == MD_SPAN_CODE)
		w->hide++;
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
static void md_title_add(struct md_walk *w, MD_TEXTTYPE type,
			 const char *text, size_t size)
{
	switch (type) {
	case MD_TEXT_NORMAL:
	case MD_TEXT_CODE:
	case MD_TEXT_ENTITY:
		buf_add(&w->title, text, size);
		break;
	case MD_TEXT_BR:
	case MD_TEXT_SOFTBR:
		buf_addch(&w->title, ' ');
		break;
	case MD_TEXT_NULLCHAR:
		buf_adds(&w->title, "\xEF\xBF\xBD");
		break;
	default:
		break;	/* raw HTML is no part of the title */
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
	bool inside = md_inside(w->body, w->size, text, size);
	size_t off = inside ? (size_t)(text - w->body) : 0;

	if (inside && off + size > w->seen)
		w->seen = off + size;
	if (w->heading)
		md_title_add(w, type, text, size);
	if (inside && type == MD_TEXT_NORMAL && !w->hide)
		memcpy(w->mask + off, text, size);
	return 0;
}

/* The mask before md4c fills it in: spaces, and the body's newlines. */
static char *md_mask_new(const char *body, size_t size)
{
	char *mask = xmalloc(size + 1);
	size_t i;

	for (i = 0; i < size; i++)
		mask[i] = body[i] == '\n' ? '\n' : ' ';
	mask[size] = '\0';
	return mask;
}

/* Move the cursor forward to offset to, counting lines and code points. */
static void md_cursor_move(struct md_cursor *c, size_t to)
{
	const unsigned char *p = (const unsigned char *)c->text;

	for (; c->off < to; c->off++) {
		if (p[c->off] == '\n') {
			c->line++;
			c->column = 1;
		} else if ((p[c->off] & 0xC0) != 0x80) {
			c->column++;	/* a lead byte or a stray byte */
		}
	}
}

/* Line and column of offset off, counted from the start of text. */
struct pos text_pos(const char *text, size_t off)
{
	struct md_cursor c = {text, 0, 1, 1};

	md_cursor_move(&c, off);
	return (struct pos){c.line, c.column};
}

/* Start the cursor at the body, whose first line may begin before it. */
static void md_cursor_start(struct md_walk *w)
{
	size_t start = (size_t)(w->body - w->text), at = start;

	while (at > 0 && w->text[at - 1] != '\n')
		at--;
	w->cur.text = w->text;
	w->cur.off = at;
	w->cur.line = w->src->body_line ? w->src->body_line : 1;
	w->cur.column = 1;
	md_cursor_move(&w->cur, start);
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
	m->id = arena_strndup(w->arena, w->body + off, len);
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

/* Record every mention in the mask, in order; 0 or a pcre2 error. */
static int md_match_all(struct md_walk *w, pcre2_match_data *md, size_t *at)
{
	const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
	int rc;

	while ((rc = md_match(w, md_re.mention, *at, md)) > 0) {
		bool list = md_group_set(ov, rc, MD_RE_PLURAL) ||
			    md_group_set(ov, rc, MD_RE_SECTIONS);

		*at = ov[1];
		if (md_group_set(ov, rc, MD_RE_CONTROL)) {
			md_add_group(w, MENTION_CONTROL, ov, MD_RE_CONTROL);
			continue;
		}
		md_add_group(w, MENTION_CLAUSE, ov, MD_RE_CLAUSE);
		if (list && (rc = md_match_list(w, md, at)))
			return rc;
	}
	return rc == PCRE2_ERROR_NOMATCH ? 0 : rc;
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

/* Search the mask for mentions; 0, or -1 with a finding. */
static int md_find(struct md_walk *w, struct findings *fs)
{
	pcre2_match_data *md = pcre2_match_data_create(8, NULL);
	char why[160];
	size_t at = 0;
	int rc;

	if (!md)
		return md_fail(w, fs, 0, "out of memory");
	rc = w->size ? md_match_all(w, md, &at) : 0;
	pcre2_match_data_free(md);
	if (!rc)
		return 0;
	pcre2_get_error_message(rc, (PCRE2_UCHAR *)why, sizeof(why));
	return md_fail(w, fs, at, why);
}

/* Walk the body with md4c, filling the mask and the headings. */
static int md_walk_body(struct md_walk *w, struct findings *fs)
{
	static const MD_PARSER parser = {
		0, MD_DIALECT_GITHUB, md_on_enter_block, md_on_leave_block,
		md_on_enter_span, md_on_leave_span, md_on_text, NULL, NULL,
	};

	if (w->size > UINT_MAX)
		return md_fail(w, fs, 0, "too large for md4c");
	if (md_parse(w->body, (MD_SIZE)w->size, &parser, w))
		return md_fail(w, fs, 0, "md4c failed (out of memory)");
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
	w->mask = md_mask_new(w->body, w->size);
	w->arena = arena;
	w->out = out;
	md_cursor_start(w);
}

/* Free what a scan held while it ran. */
static void md_walk_release(struct md_walk *w)
{
	free(w->mask);
	free(w->marks);
	buf_release(&w->title);
}

/* Walk the body with md4c, then search the mask with pcre2. */
int md_scan(const struct md_source *src, struct arena *arena,
	    struct md_scan *out, struct findings *fs)
{
	struct md_walk w;
	int rc;

	memset(out, 0, sizeof(*out));
	md_walk_init(&w, src, arena, out);
	pthread_once(&md_re_once, md_re_init);
	if (!md_re.mention || !md_re.more)
		rc = md_fail(&w, fs, 0, "out of memory compiling patterns");
	else
		rc = md_walk_body(&w, fs);
	if (!rc)
		rc = md_find(&w, fs);
	md_walk_release(&w);
	return rc;
}

/* Free the mentions; their strings stay in the arena. */
void md_scan_release(struct md_scan *scan)
{
	free(scan->items);
	scan->items = NULL;
	scan->len = scan->cap = 0;
	scan->first_heading = NULL;
}
