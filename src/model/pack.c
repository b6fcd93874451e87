/*
 * The customer pack: which documents go in, and what of their text.
 * Only documents that are approved and marked `shareable: true` are
 * taken, and only their bodies are read: the model keeps no bodies (each
 * file is parsed once when the repository loads), so the pack reads the
 * files of the documents it shows again, and nothing else.
 */
#include "isms/pack.h"
#include "isms/alloc.h"
#include "isms/buf.h"
#include "isms/fileio.h"
#include "isms/frontmatter.h"
#include "isms/table.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* One line of a body, as the filter sees it. */
struct pack_line {
	const char *text;
	size_t len;   /* with its line end */
	int heading;  /* ATX level 1..6, else 0 */
	bool marker;  /* "<!-- not-shareable -->" */
	bool fenced;  /* a fence line or inside fenced code */
	bool comment; /* inside an HTML comment at its start */
	bool drop;
};

struct pack_lines {
	struct pack_line *items;
	size_t len, cap;
};

/* Spaces (at most three) before a block's first character. */
static size_t pack_indent(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && i < 3 && s[i] == ' ')
		i++;
	return i;
}

/* The ATX heading level of a line, or 0. */
static int pack_heading(const char *s, size_t len)
{
	size_t i = pack_indent(s, len), n = 0;

	while (i + n < len && s[i + n] == '#')
		n++;
	if (n < 1 || n > 6)
		return 0;
	i += n;
	if (i < len && s[i] != ' ' && s[i] != '\t' && s[i] != '\n' &&
	    s[i] != '\r')
		return 0;
	return (int)n;
}

/* Length of a fence run (``` or ~~~, three or more) starting s, or 0. */
static size_t pack_fence(const char *s, size_t len, char *ch)
{
	size_t i = pack_indent(s, len), n = 0;

	if (i >= len || (s[i] != '`' && s[i] != '~'))
		return 0;
	*ch = s[i];
	while (i + n < len && s[i + n] == *ch)
		n++;
	return n >= 3 ? n : 0;
}

/* Is the line "<!-- not-shareable -->" (spaces and case aside)? */
static bool pack_marker(const char *s, size_t len)
{
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	while (len && isspace((unsigned char)*s))
		s++, len--;
	if (len < 7 || strncmp(s, "<!--", 4) || strncmp(s + len - 3, "-->", 3))
		return false;
	s += 4;
	len -= 7;
	while (len && isspace((unsigned char)*s))
		s++, len--;
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	return len == 13 && !strncasecmp(s, "not-shareable", 13);
}

/* Where an HTML comment open at s ends (after "-->"), or NULL. */
static const char *pack_comment_end(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i + 3 <= len; i++)
		if (!strncmp(s + i, "-->", 3))
			return s + i + 3;
	return NULL;
}

/* Is a comment open at the end of line s[0..len) given the start? */
static bool pack_comment_after(const char *s, size_t len, bool open)
{
	const char *end = s + len, *e;

	for (;;) {
		if (open) {
			e = pack_comment_end(s, (size_t)(end - s));
			if (!e)
				return true;
			s = e;
			open = false;
		}
		for (; s + 4 <= end && strncmp(s, "<!--", 4); s++)
			;
		if (s + 4 > end)
			return false;
		s += 4;
		open = true;
	}
}

/* Classify line l, given the fence and comment state before it. */
static void pack_classify(struct pack_line *l, char *fch, size_t *flen,
			  bool *comment)
{
	char ch = 0;
	size_t n = pack_fence(l->text, l->len, &ch);

	l->comment = *comment;
	if (*flen) {
		l->fenced = true;
		if (n >= *flen && ch == *fch)
			*flen = 0;
		return;
	}
	if (!*comment && n) {
		l->fenced = true;
		*fch = ch;
		*flen = n;
		return;
	}
	if (!*comment) {
		l->heading = pack_heading(l->text, l->len);
		l->marker = pack_marker(l->text, l->len);
	}
	*comment = pack_comment_after(l->text, l->len, *comment);
}

/* Split body[0..len) into classified lines. */
static void pack_split(const char *body, size_t len, struct pack_lines *v)
{
	const char *p = body, *end = body + len;
	size_t flen = 0;
	bool comment = false;
	char fch = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		struct pack_line *l;

		ALLOC_GROW(v->items, v->len + 1, v->cap);
		l = &v->items[v->len++];
		memset(l, 0, sizeof(*l));
		l->text = p;
		l->len = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);
		pack_classify(l, &fch, &flen, &comment);
		p += l->len;
	}
}

/* Drop the section holding marker line m (everything before a heading). */
static void pack_drop_section(struct pack_lines *v, size_t m)
{
	size_t h = m, i;

	while (h > 0 && !v->items[h - 1].heading)
		h--;
	if (h == 0) {
		for (i = 0; i < v->len; i++)
			v->items[i].drop = true;
		return;
	}
	h--;
	v->items[h].drop = true;
	for (i = h + 1;
	     i < v->len && !(v->items[i].heading &&
			     v->items[i].heading <= v->items[h].heading);
	     i++)
		v->items[i].drop = true;
}

/* Is line l blank? */
static bool pack_blank(const struct pack_line *l)
{
	size_t i;

	for (i = 0; i < l->len; i++)
		if (!isspace((unsigned char)l->text[i]))
			return false;
	return true;
}

/* Does heading line l read title (trailing #s and spaces aside)? */
static bool pack_is_title(const struct pack_line *l, const char *title)
{
	const char *s = l->text + pack_indent(l->text, l->len) + 1;
	const char *e = l->text + l->len;

	while (s < e && isspace((unsigned char)*s))
		s++;
	while (e > s && (isspace((unsigned char)e[-1]) || e[-1] == '#'))
		e--;
	return title && strlen(title) == (size_t)(e - s) &&
	       !strncasecmp(s, title, (size_t)(e - s));
}

/* Drop a first level-1 heading that repeats the document's title. */
static void pack_drop_title(struct pack_lines *v, const char *title)
{
	size_t i;

	for (i = 0; i < v->len; i++) {
		const struct pack_line *l = &v->items[i];

		if (l->drop || pack_blank(l))
			continue;
		if (l->heading == 1 && pack_is_title(l, title))
			v->items[i].drop = true;
		return;
	}
}

/* Append line l with its HTML comments removed. */
static void pack_add_text(struct buf *b, const struct pack_line *l)
{
	const char *s = l->text, *end = l->text + l->len, *e;
	bool open = l->comment;

	while (s < end) {
		if (open) {
			e = pack_comment_end(s, (size_t)(end - s));
			if (!e)
				return;
			s = e;
			open = false;
			continue;
		}
		for (e = s; e + 4 <= end && strncmp(e, "<!--", 4); e++)
			;
		if (e + 4 > end)
			e = end;
		buf_add(b, s, (size_t)(e - s));
		s = e + (e < end ? 4 : 0);
		open = e < end;
	}
}

/* Append line l as the pack shows it, its heading moved by shift. */
static void pack_add_line(struct buf *b, const struct pack_line *l, int shift)
{
	size_t at;
	int level;

	if (l->fenced && !l->comment) {
		buf_add(b, l->text, l->len);
		return;
	}
	if (!l->heading) {
		pack_add_text(b, l);
		if (l->len && l->text[l->len - 1] == '\n' &&
		    (!b->len || b->ptr[b->len - 1] != '\n'))
			buf_addch(b, '\n');
		return;
	}
	at = pack_indent(l->text, l->len) + (size_t)l->heading;
	level = l->heading + shift > 6 ? 6 : l->heading + shift;
	buf_addf(b, "%.*s", level, "######");
	pack_add_text(b, &(struct pack_line){l->text + at, l->len - at, 0,
					     false, false, false, false});
}

/*
 * How far to move headings so that the body's highest kept heading
 * becomes level 3, under the pack's level-2 document heading.
 */
static int pack_shift(const struct pack_lines *v)
{
	int top = 7;
	size_t i;

	for (i = 0; i < v->len; i++)
		if (!v->items[i].drop && v->items[i].heading &&
		    v->items[i].heading < top)
			top = v->items[i].heading;
	return top > 6 ? 0 : 3 - top;
}

/* Drop the blank lines before the first kept text. */
static void pack_drop_blank(struct pack_lines *v)
{
	size_t i;

	for (i = 0; i < v->len; i++) {
		struct pack_line *l = &v->items[i];

		if (l->drop)
			continue;
		if (!pack_blank(l))
			return;
		l->drop = true;
	}
}

/* Classify the lines, mark what goes, then copy what stays. */
char *pack_body(const char *text, size_t len, const char *title)
{
	struct pack_lines v = {NULL, 0, 0};
	struct buf b = BUF_INIT;
	struct fm_split fm;
	size_t i, start;
	int shift;

	fm_split(text, len, &fm);
	start = fm.status == FM_OK ? fm.body_start : fm.bom;
	pack_split(text + start, len - start, &v);
	for (i = 0; i < v.len; i++)
		if (v.items[i].marker)
			pack_drop_section(&v, i);
	pack_drop_title(&v, title);
	pack_drop_blank(&v);
	shift = pack_shift(&v);
	for (i = 0; i < v.len; i++)
		if (!v.items[i].drop)
			pack_add_line(&b, &v.items[i], shift);
	free(v.items);
	return buf_detach(&b);
}

/* The order documents are shown in: what a customer reads first. */
static int pack_rank(enum doc_type t)
{
	static const enum doc_type order[] = {
	    DOC_SCOPE,	  DOC_POLICY,		DOC_STANDARD,  DOC_PROCEDURE,
	    DOC_PLAN,	  DOC_METHODOLOGY,	DOC_AGREEMENT, DOC_ANSWER,
	    DOC_SERVICES, DOC_RESPONSIBILITIES, DOC_SOA,       DOC_REPORT,
	    DOC_MINUTES,  DOC_RECORD,		DOC_REGISTER};
	size_t i;

	for (i = 0; i < sizeof(order) / sizeof(*order); i++)
		if (order[i] == t)
			return (int)i;
	return (int)(sizeof(order) / sizeof(*order));
}

/* Order parts by rank, then id. */
static int pack_part_cmp(const void *a, const void *b)
{
	const struct document *x = ((const struct pack_part *)a)->doc;
	const struct document *y = ((const struct pack_part *)b)->doc;
	int c = pack_rank(x->type) - pack_rank(y->type);

	return c ? c : strcmp(x->id, y->id);
}

/* May a customer see d? */
static bool pack_wanted(const struct document *d)
{
	return d->parsed && d->id && d->shareable &&
	       d->status == STATUS_APPROVED;
}

/* The rows of a document shown as a table: its CSV rows or matrix. */
static bool pack_rows(const struct repo *r, struct pack_part *part,
		      const char *service)
{
	const struct document *d = part->doc;
	bool svc = d->type == DOC_SERVICES || d->type == DOC_RESPONSIBILITIES;

	if (!svc && !d->csv && !d->data)
		return false;
	part->rows = svc ? services_table(r, d) : &d->table;
	if (svc && service)
		part->row_col =
		    table_column(part->rows, &r->config, NULL,
				 d->type == DOC_SERVICES ? "id" : "service");
	return true;
}

/* Read part's body from its file; -1 with p->bad set when it fails. */
static int pack_read(const struct repo *r, struct pack *p,
		     struct pack_part *part)
{
	const struct document *d = part->doc;
	struct file_data f;
	int st = file_read_at(r->root, d->path, r->config.limits.markdown, &f);

	if (st != FILE_OK) {
		p->bad = d->path;
		p->why = file_error(&f, st);
		return -1;
	}
	part->body = pack_body(f.data, f.len, d->title);
	file_release(&f);
	return 0;
}

/* Add document d as a part; -1 when its body cannot be read. */
static int pack_add(const struct repo *r, struct pack *p, size_t *cap,
		    const struct document *d)
{
	struct pack_part *part;

	ALLOC_GROW(p->parts, p->len + 1, *cap);
	part = &p->parts[p->len++];
	memset(part, 0, sizeof(*part));
	part->doc = d;
	part->row_col = -1;
	if (pack_rows(r, part, p->service))
		return 0;
	return pack_read(r, p, part);
}

/* The documents of r->docs (the view, when restricted) in order. */
int pack_build(const struct repo *r, struct pack *p)
{
	size_t i, cap = 0;

	memset(p, 0, sizeof(*p));
	p->repo = r;
	p->service = r->view;
	if (r->view)
		p->entry = services_find(r, r->view, strlen(r->view));
	for (i = 0; i < r->ndocs; i++)
		if (pack_wanted(r->docs[i]) &&
		    pack_add(r, p, &cap, r->docs[i]) < 0)
			return -1;
	if (p->len > 1)
		qsort(p->parts, p->len, sizeof(*p->parts), pack_part_cmp);
	metrics_compute(r, &p->metrics);
	return 0;
}

/* Free the bodies, the parts and the figures. */
void pack_release(struct pack *p)
{
	size_t i;

	for (i = 0; i < p->len; i++)
		free(p->parts[i].body);
	free(p->parts);
	metrics_release(&p->metrics);
	memset(p, 0, sizeof(*p));
}
