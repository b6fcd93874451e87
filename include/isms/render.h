/* Renderers: findings, the map and summaries in each output format. */
#ifndef ISMS_RENDER_H
#define ISMS_RENDER_H

#include <stdbool.h>
#include <stdio.h>

#include "isms/repo.h"

enum format {
	FORMAT_TEXT,
	FORMAT_JSON,
	FORMAT_MARKDOWN,
	FORMAT_CSV,
	FORMAT_SARIF,
	FORMAT_JUNIT,
	FORMAT_GITHUB,
	FORMAT_GITLAB,
	FORMAT_XLSX,
	FORMAT_HTML,
};

/* The format named name, or -1. */
int format_parse(const char *name);
const char *format_name(enum format f);

/* The figures of the summary line and the JSON summary object. */
struct summary {
	size_t documents;
	size_t errors, warnings, notes, waived;
	size_t controls, applicable, excluded, covered, partial, unmapped;
	size_t clauses_required, clauses_covered, clauses_missing;
};

void summary_compute(const struct repo *r, struct summary *s);

/*
 * User text on one line of text output.  text_escape() writes s with each
 * control character (C0 and DEL) as a C escape ("\n", "\033"), so that a
 * finding is one line and no escape sequence reaches the terminal.
 * text_path() writes a path as it is, or, when it holds a control
 * character, a double quote or a backslash, in double quotes with those
 * escaped as C does, as git quotes such names.  text_has_control() says
 * whether s holds a control character that text_escape() would escape.
 */
struct buf;
bool text_has_control(const char *s);
void text_escape(struct buf *b, const char *s);
void text_fputs(FILE *out, const char *s); /* text_escape() to out */
void text_path(struct buf *b, const char *path);

/* How text output looks. */
struct text_style {
	bool color;
	bool quiet; /* errors only */
};

/* The findings as "path:line:column: severity: message [rule]" lines. */
void render_findings_text(FILE *out, const struct repo *r,
			  const struct text_style *st);
/* check: "path:line:column: severity: message [rule]" lines + summary. */
void render_check_text(FILE *out, const struct repo *r, const struct summary *s,
		       const struct text_style *st);
/* check --format json, as CLI.md shows it. */
int render_check_json(FILE *out, const struct repo *r, const struct summary *s);
/*
 * The JSON object of one finding, as check --format json writes it:
 * optional keys only when they apply.  A new reference.
 */
struct json_t;
struct json_t *render_finding_json(const struct finding *f);

/* The summary line alone. */
void render_summary_line(FILE *out, const struct summary *s);

enum map_by {
	MAP_BY_CONTROL,
	MAP_BY_CLAUSE,
	MAP_BY_DOCUMENT,
	MAP_BY_SERVICE,
};

/* map in text, markdown, csv or json (json ignores by). */
int render_map(FILE *out, const struct repo *r, enum map_by by, enum format f);

#endif
