/* Markdown bodies: control and clause mentions outside code (md4c, pcre2). */
#ifndef ISMS_MARKDOWN_H
#define ISMS_MARKDOWN_H

#include <stdbool.h>
#include <stddef.h>

#include "isms/arena.h"
#include "isms/finding.h"

enum mention_kind { MENTION_CONTROL, MENTION_CLAUSE };

/*
 * A control or clause id the text mentions, as written ("A.8.32",
 * "A.05.01", "6.1.2"), with its position in the file.  in_mapping is
 * true inside a section whose heading contains the mapping heading.
 */
struct mention {
	enum mention_kind kind;
	const char *id;
	struct pos pos;
	bool in_mapping;
};

struct md_scan {
	struct mention *items;
	size_t len;
	size_t cap;
	const char *first_heading;	/* text of the first heading, or NULL */
};

/* A Markdown body within its file. */
struct md_source {
	const char *path;	/* for findings, relative to the root */
	const char *text;	/* the whole file */
	size_t len;
	size_t body_start;	/* offset of the body (after front matter) */
	unsigned body_line;	/* line of text[body_start], 1-based */
	const char *mapping_heading;	/* e.g. "ISO 27001 mapping" */
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
 */
int md_scan(const struct md_source *src, struct arena *arena,
	    struct md_scan *out, struct findings *fs);
void md_scan_release(struct md_scan *scan);

/* Line and column (in code points) of byte offset off in text. */
struct pos text_pos(const char *text, size_t off);

#endif
