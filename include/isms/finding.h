/* Findings: what a check reports, as data. */
#ifndef ISMS_FINDING_H
#define ISMS_FINDING_H

#include <stdarg.h>
#include <stddef.h>

#include "isms/arena.h"

enum severity {
	SEVERITY_OFF = 0,
	SEVERITY_NOTE,
	SEVERITY_WARNING,
	SEVERITY_ERROR,
};

/* A position in a file as it is on disk: 1-based; 0 means "unknown". */
struct pos {
	unsigned line;
	unsigned column;
};

/*
 * One finding.  Strings belong to the arena of the finding list; file is
 * relative to the repository root (NULL when the finding has no file of
 * its own), control/clause/document/suggestion are NULL when they do not
 * apply.
 */
struct finding {
	const char *rule;
	enum severity severity;
	const char *message;
	const char *file;
	struct pos pos;
	const char *control;
	const char *clause;
	const char *document;
	const char *suggestion;
	size_t seq;	    /* order of creation: the last sort key */
	const char *waiver; /* the reason of the waiver that accepts it */
};

struct findings {
	struct finding *items;
	size_t len;
	size_t cap;
	struct arena *arena;
};

/* The list keeps its strings in arena, which must outlive it. */
void findings_init(struct findings *fs, struct arena *arena);
void findings_release(struct findings *fs);

/*
 * Add a finding with the rule's default severity (see rules.h) and a
 * printf-style message; file and the message are copied.  Returns the
 * finding so that the caller can fill in control, clause, document or
 * suggestion (with findings_set) or change its severity.
 */
struct finding *findings_add(struct findings *fs, const char *rule,
			     const char *file, struct pos pos, const char *fmt,
			     ...) __attribute__((format(printf, 5, 6)));

struct finding *findings_vadd(struct findings *fs, const char *rule,
			      const char *file, struct pos pos, const char *fmt,
			      va_list ap) __attribute__((format(printf, 5, 0)));

/*
 * Append the findings of src to dst, after dst's own; their strings stay
 * where they are, so src's arena must live as long as dst's.
 */
void findings_append(struct findings *dst, const struct findings *src);

/* Copy value into the list's arena and return the copy (NULL stays NULL). */
const char *findings_str(struct findings *fs, const char *value);

/*
 * Sort by file (bytewise; no file first), line, column and rule; ties
 * keep the order in which the checks found them (catalog order).
 */
void findings_sort(struct findings *fs);

/* Drop findings whose severity is SEVERITY_OFF. */
void findings_prune(struct findings *fs);

const char *severity_name(enum severity s);
/* Parse "error", "warning", "note" or "off"; returns -1 when unknown. */
int severity_parse(const char *name);

#endif
