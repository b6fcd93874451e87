/*
 * Maturity: the level each document claims and the level its evidence
 * supports, the lowest of both per clause and per Annex A theme, and how
 * ready the repository is for the Stage 1 and Stage 2 audits, as the
 * share of the requirements of each stage that are met.  Pure: computed
 * from a loaded repository, without the rules.  docs/gaps-and-maturity.md
 * says how every figure is derived.
 */
#ifndef ISMS_MATURITY_H
#define ISMS_MATURITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "isms/arena.h"
#include "isms/render.h"
#include "isms/repo.h"

/* One document's levels, 1..4. */
struct maturity_doc {
	const struct document *doc;
	int claimed;   /* document_maturity() */
	int evidenced; /* maturity_evidenced() */
	int target;    /* maturity_target() at the chosen stage; 0: none */
	bool core;     /* repo_is_core() */
};

/*
 * A roll-up over the documents that cover a clause, or that implement
 * the applicable controls of a theme: the lowest claimed and the lowest
 * evidenced level among them (0 when there is none).
 */
struct maturity_rollup {
	const char *id;	   /* a clause id, or a theme's name */
	const char *title; /* a clause's title; NULL for a theme */
	bool required;	   /* a clause that requires documented info */
	int claimed, evidenced;
	const struct document **docs; /* sorted by id */
	size_t ndocs;
	size_t applicable, full, partial; /* a theme's controls */
};

/* What a readiness requirement is about. */
enum readiness_kind {
	READY_CLAUSE,	/* a required clause is documented */
	READY_SPINE,	/* a Stage 1 spine item is present */
	READY_CONTROL,	/* an applicable control is fully implemented */
	READY_DOCUMENT, /* a core document is ready for the stage */
	READY_REGISTER, /* an essential register is in use */
	READY_RECORD,	/* an internal audit or management review record */
	READY_EVIDENCE, /* a claim of level 3 or 4 is backed by evidence */
	READY_RISK,	/* a treated or accepted risk's residual accepted */
};

/* One requirement of a stage, met or not. */
struct readiness_item {
	int stage; /* the first stage that requires it: 1 or 2 */
	enum readiness_kind kind;
	const char *id;	   /* "4.3", "soa", "A.8.12", "POL-001", ... */
	const char *title; /* what is required, for people */
	bool met;
	const char *reason; /* why it is not met; NULL when met */
};

/* A stage's figure: met of total requirements, as a whole percentage. */
struct readiness {
	size_t met, total;
	int percent;
};

/*
 * Everything `isms maturity` shows.  Document pointers point into the
 * repository and live as long as it does; the arrays and the strings
 * made here are freed by maturity_release().
 */
struct maturity {
	int stage;		   /* the stage targets were taken for */
	struct maturity_doc *docs; /* sorted by id */
	size_t ndocs;
	struct maturity_rollup *clauses; /* leaf clauses, catalog order */
	size_t nclauses;
	struct maturity_rollup *themes; /* catalog_themes order */
	size_t nthemes;
	struct readiness_item *items; /* stage 1 items, then stage 2 */
	size_t nitems, icap;
	struct readiness ready[2]; /* [0] Stage 1, [1] Stage 2 */
	struct arena arena;
};

/*
 * The level the evidence supports: 1; 2 when approved; 3 when approved
 * and backed by records (an evidence file that exists, an evidence item
 * naming a document or a register with entries, or being a register with
 * entries); 4 when also last_reviewed is after approved_on.
 */
int maturity_evidenced(const struct repo *r, const struct document *d);
/* The target for stage: d's own, else the stage's for a core document,
 * else 0 (none). */
int maturity_target(const struct repo *r, const struct document *d, int stage);
/*
 * The date by which register g needs its next entry or review: its
 * latest entry date, last_reviewed or (with neither) approved_on, plus
 * its review cycle (12 months by default).  0 when it has none of them.
 */
isms_date maturity_register_due(const struct reg *g);
/* Is there a report or minutes listing clause id, a part or a parent? */
bool maturity_has_record(const struct repo *r, const char *id);
/*
 * The documents maturity lists (read, with an id, not retired), sorted
 * by id then path.  A new array of *n pointers: free it.
 */
const struct document **maturity_documents(const struct repo *r, size_t *n);

/* floor(100 * met / total); 100 when there is nothing to meet. */
int readiness_percent(size_t met, size_t total);

/*
 * Compute levels, roll-ups and readiness for r, targets at stage (1 or
 * 2; 0 for r->stage).  Release with maturity_release().
 */
void maturity_compute(const struct repo *r, int stage, struct maturity *m);
void maturity_release(struct maturity *m);
/* Add the readiness requirements to m and count them (readiness.c). */
void readiness_compute(const struct repo *r, struct maturity *m);
/* "clause", "spine", "control", "document", ...: for output. */
const char *readiness_kind_name(enum readiness_kind k);

/*
 * Write m as text or Markdown (sections of tables), CSV (one table with
 * a section column) or JSON (documents, clauses, themes, readiness).
 * Returns 0, or -1 for another format or a write error.
 */
int render_maturity(FILE *out, const struct maturity *m, enum format f);

#endif
