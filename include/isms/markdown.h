/*
 * Markdown bodies: control and clause mentions outside code, and pipe
 * tables (md4c, pcre2).
 */
#ifndef ISMS_MARKDOWN_H
#define ISMS_MARKDOWN_H

#include <stdbool.h>
#include <stddef.h>

#include "isms/arena.h"
#include "isms/csvread.h"
#include "isms/finding.h"

enum mention_kind { MENTION_CONTROL, MENTION_CLAUSE };

/*
 * A control or clause id the text mentions, as written ("A.8.32",
 * "A.05.01", "6.1.2"), with its position in the file: the len bytes at
 * id, in the text that was scanned (no copy, and no NUL after them: it
 * lives as long as that text).  in_mapping is true inside a section
 * whose heading contains the mapping heading.
 */
struct mention {
	enum mention_kind kind;
	const char *id;
	size_t len;
	struct pos pos;
	bool in_mapping;
};

/*
 * A pipe table of the body, in the shape of a CSV table: rows[0] is the
 * header row, the body rows follow, and each row's line is the line of
 * the file it stands on (counted as mentions are: at LF).  Every row,
 * the header too, has the column count of the delimiter row: md4c pads
 * short rows with empty cells and drops extra cells.
 *
 * A cell is its visible text: inline markup removed ("**A.5.1**" gives
 * "A.5.1"), code spans with their content ("\|" in them gives "|", as
 * in GFM), link and image text kept, raw HTML dropped except "<br>",
 * which gives a newline.  Entities &amp; &lt; &gt; &quot; &apos; and
 * numeric ones are decoded to UTF-8 (an invalid code point gives
 * U+FFFD), &nbsp; gives a plain space, others stay as written.  A NUL
 * byte gives U+FFFD.  Outer white space is trimmed.
 *
 * hrefs has the same rows, lines and cells: hrefs.rows[i].cells[j] holds
 * the destinations of the links in that cell, in order, separated by one
 * space ("" when it has none; links with an empty destination are left
 * out).  Entities in a destination are decoded, then the bytes that
 * would split a list cell (white space and other control bytes, ",",
 * ";") are written as %XX, so "[a](<My Policy.md>)" gives
 * "My%20Policy.md": a reader of a destination decodes %XX.  Autolinks
 * count as links; images do not.
 *
 * pos is where the header row starts, after any list or quote marks.
 */
struct md_table {
	struct csv_table table;
	struct csv_table hrefs;
	struct pos pos;
};

struct md_scan {
	struct mention *items;
	size_t len;
	size_t cap;
	const char *first_heading; /* text of the first heading, or NULL */
	struct md_table *tables;   /* in order; see md_scan */
	size_t ntables;
};

/* A Markdown body within its file. */
struct md_source {
	const char *path; /* for findings, relative to the root */
	const char *text; /* the whole file */
	size_t len;
	size_t body_start;  /* offset of the body (after front matter) */
	unsigned body_line; /* line of text[body_start], 1-based */
	const char *mapping_heading; /* e.g. "ISO 27001 mapping" */
	bool want_tables;	     /* fill md_scan.tables (else none built) */
	bool want_heading; /* fill md_scan.first_heading (else NULL) */
};

/*
 * Find the mentions in the body.  An Annex A id ("A.5.1", "A.05.01",
 * 2013 forms "A.12.1.2" too) counts wherever it stands outside fenced and
 * indented code blocks and code spans; a clause id only right after the
 * word "clause" or "clauses" or the sign "§" (a list such as "clauses
 * 4.3, 5.2 and 6.1.2" gives each), and never inside an Annex A id.
 * Strings go to arena; out->items is heap memory, freed by md_scan_release.
 * Returns 0, or -1 when the text could not be scanned (a finding says why;
 * the mentions found before the failure stay in out).  out is set anew.
 *
 * When src->want_tables is set, out->tables lists the body's pipe tables
 * in order, as md4c 0.4.8 reads them: the header row must be a paragraph
 * of its own (a table right under a line of text is no table), the
 * delimiter row sets the column count, every line up to a blank one or
 * the end of the enclosing list item or quote is a row, and a table in
 * a code block is code.  The array, its rows and cells are in arena and
 * outlive md_scan_release.  A table without any text in its cells is
 * left out (md4c gives no position for it).  A table wider than 128
 * columns, or tables whose cells would outnumber twice the bytes of the
 * body plus 65,536 (md4c pads short rows, so a few bytes can ask for
 * millions of cells), make the whole body be read without tables: no
 * tables at all, the mentions as usual.
 *
 * out->first_heading is set only when src->want_heading is.  A body that
 * wants neither tables nor its heading, and for which md_may_mention()
 * says no, holds no mention: it is not walked at all, with the same
 * result.
 */
int md_scan(const struct md_source *src, struct arena *arena,
	    struct md_scan *out, struct findings *fs);
/* Free the mentions; strings and tables stay in the arena. */
void md_scan_release(struct md_scan *scan);

/*
 * Whether the n bytes at body hold a place where a mention could start:
 * "A." and a digit, "clau" in any case, or "§".  Without one, md_scan
 * finds no mention in them.  pcre2's JIT may read up to 16 bytes past
 * body + n; a file read by fileio.h has them, as zeros (FILE_PAD).
 */
bool md_may_mention(const char *body, size_t n);

/* Line and column (in code points) of byte offset off in text. */
struct pos text_pos(const char *text, size_t off);

#endif
