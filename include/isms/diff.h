/*
 * isms diff: what changed between two loads of a repository (an older
 * revision read from git objects, and the working tree): coverage,
 * clauses, documents and findings.  docs/git.md states the rules.
 */
#ifndef ISMS_DIFF_H
#define ISMS_DIFF_H

#include <stddef.h>
#include <stdio.h>

#include "isms/render.h"
#include "isms/repo.h"

/* A control whose coverage changed, and which way. */
enum diff_move {
	DIFF_GAINED,   /* more coverage: none -> partial -> full */
	DIFF_LOST,     /* less coverage */
	DIFF_EXCLUDED, /* the SoA now excludes it */
	DIFF_INCLUDED, /* the SoA no longer excludes it */
};

struct diff_control {
	int index; /* catalog index */
	enum coverage from, to;
	enum diff_move move;
};

/* What changed about a document both loads hold (a bit each). */
enum diff_field {
	DIFF_PATH = 1u << 0,
	DIFF_TITLE = 1u << 1,
	DIFF_TYPE = 1u << 2,
	DIFF_OWNER = 1u << 3,
	DIFF_STATUS = 1u << 4,
	DIFF_MATURITY = 1u << 5,
	DIFF_VERSION = 1u << 6,
	DIFF_CONTROLS = 1u << 7,
	DIFF_CLAUSES = 1u << 8,
};

struct diff_document {
	const struct document *from, *to;
	unsigned fields; /* enum diff_field bits */
};

/* A list of pointers, for documents and findings. */
struct diff_list {
	const void **v;
	size_t len, cap;
};

/*
 * The changes from one load to the other.  Everything points into the
 * two repositories, which must outlive it; release with diff_release().
 * Controls and clauses are in catalog order, documents by id, findings
 * as check sorts them.
 */
struct repo_diff {
	struct diff_control *controls;
	size_t ncontrols;
	int *clauses;	     /* catalog indexes whose coverage changed */
	bool *clause_gained; /* per entry of clauses */
	size_t nclauses;
	struct diff_list added, removed; /* of struct document */
	struct diff_document *changed;
	size_t nchanged;
	struct diff_list opened, closed; /* of struct finding */
};

/*
 * Compare from (the older load) with to.  Findings must be final
 * (rules_run() and rules_finish() done on both); waived ones are left
 * out, and a finding is the same in both when its rule, file, message
 * and the control, clause and document it names are.
 */
void diff_build(const struct repo *from, const struct repo *to,
		struct repo_diff *d);
void diff_release(struct repo_diff *d);

/* "gained", "lost", "excluded", "included". */
const char *diff_move_name(enum diff_move m);

/* Where the older load came from, for the output. */
struct diff_from {
	const char *rev;    /* as given */
	const char *commit; /* its commit id in hex */
};

/* The diff as text, markdown or json; -1 for another format. */
int render_diff(FILE *out, const struct repo_diff *d,
		const struct diff_from *from, enum format f);

#endif
