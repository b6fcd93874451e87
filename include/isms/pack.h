/*
 * The customer security overview behind `isms pack`: the approved
 * documents marked `shareable: true` (of one service line's view with
 * --service), each with the controls and frameworks it supports, and
 * the figures the registers give.  Nothing else of the repository goes
 * in.  docs/services.md says what is shared and how a section is held
 * back.
 */
#ifndef ISMS_PACK_H
#define ISMS_PACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "isms/metrics.h"
#include "isms/repo.h"

/*
 * One document of the pack.  body is its Markdown text after the front
 * matter with the sections not to be shared removed, HTML comments
 * dropped and headings moved two levels down (owned; NULL for a
 * document whose rows are shown instead).  rows is its table (header
 * first) for a CSV document, a catalogue or a matrix; row_col, when not
 * -1, is the column whose cell must equal the pack's service for a row
 * to be shown.
 */
struct pack_part {
	const struct document *doc;
	char *body;
	const struct csv_table *rows;
	int row_col;
};

/* The pack: its parts in reading order, and the registers' figures. */
struct pack {
	const struct repo *repo;
	const char *service;	     /* r->view: --service, or NULL */
	const struct service *entry; /* its catalogue row, or NULL */
	struct pack_part *parts;
	size_t len;
	struct metrics metrics;
	const char *bad; /* a file pack_build() could not read */
	const char *why; /* and why */
};

/*
 * Collect r's shareable, approved documents (those of the view of
 * r->view after services_restrict()) and read their bodies: the model
 * keeps no bodies, and only a pack shows them.  Returns 0; or -1 when
 * a file cannot be read again (p->bad and p->why say which and why).
 * Release p in either case.
 */
int pack_build(const struct repo *r, struct pack *p);
void pack_release(struct pack *p);

/*
 * The body of a Markdown file text[0..len) as the pack shows it: after
 * the front matter; a section whose text holds a line
 * "<!-- not-shareable -->" removed with its subsections (the whole text
 * when the line comes before the first heading); HTML comments removed;
 * ATX headings moved two levels down (at most to level 6); a first
 * level-1 heading equal to title dropped.  Fenced code is kept as it
 * is.  Returns a new string (free it).
 */
char *pack_body(const char *text, size_t len, const char *title);

/*
 * Render a Markdown body (as pack_body() gives it) as HTML to out: raw
 * HTML as text, tables off when they pass md4c's safe bounds, links
 * other than web, mail, anchors and relative paths sent to "#", image
 * sources emptied.  Returns 0, or -1 when md4c fails.
 */
int pack_html_text(FILE *out, const char *body);

/* Write the pack as one self-contained HTML page. */
int pack_write_html(FILE *out, const struct pack *p);
/* Write the pack as one Markdown document. */
int pack_write_markdown(FILE *out, const struct pack *p);

#endif
