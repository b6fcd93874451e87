/*
 * Gaps: an improvement plan.  What stands between the repository and the
 * audit (unmapped and partial controls, missing clauses and spine items,
 * core documents below their maturity target, overdue reviews), each gap
 * with an owner and a due date where the repository gives one, grouped
 * by Annex A theme.  Pure: computed from a loaded repository, without
 * the rules.  docs/gaps-and-maturity.md says how each field is derived.
 */
#ifndef ISMS_GAPS_H
#define ISMS_GAPS_H

#include <stddef.h>
#include <stdio.h>

#include "isms/arena.h"
#include "isms/date.h"
#include "isms/render.h"
#include "isms/repo.h"

/* The kinds of gap, in the order they are listed within a group. */
enum gap_kind {
	GAP_CLAUSE_MISSING,
	GAP_SPINE_MISSING,
	GAP_MATURITY_TARGET,
	GAP_REVIEW_OVERDUE,
	GAP_REGISTER_STALE,
	GAP_SUPPLIER_REVIEW,
	GAP_CONTROL_UNMAPPED,
	GAP_CONTROL_PARTIAL,
};

/*
 * One gap.  Strings point into the repository or into the gaps' arena;
 * owner and owner_from are NULL when no owner can be derived, due is 0
 * when no date can be.
 */
struct gap {
	enum gap_kind kind;
	size_t group;	/* 0: management system; 1 + theme index */
	const char *id; /* control, clause, spine key, document ... */
	const char *title;
	const char *detail; /* what is wrong, for people */
	const char *owner;
	const char *owner_from; /* "risk R-3", "document POL-1", "soa SOA-1" */
	isms_date due;
};

/* The gaps sorted by group, then kind, then catalog or id order. */
struct gaps {
	struct gap *items;
	size_t len, cap;
	struct arena arena;
};

/* The number of groups: the management system and each theme. */
size_t gaps_group_count(void);
/* "Management system", "Organizational", "People", ... */
const char *gaps_group_name(size_t group);
/* "clause-missing", "control-unmapped", ...: for output. */
const char *gap_kind_name(enum gap_kind k);

/* Compute r's gaps at r->stage.  Release with gaps_release(). */
void gaps_compute(const struct repo *r, struct gaps *g);
void gaps_release(struct gaps *g);

/*
 * Write the gaps as text or Markdown (a table per non-empty group), CSV
 * (one table with a group column) or JSON ({"groups": [...]}, every
 * group present).  Returns 0, or -1 for another format.
 */
int render_gaps(FILE *out, const struct gaps *g, enum format f);

#endif
