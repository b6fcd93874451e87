/*
 * The audit index behind `isms checklist`: one row per requirement an
 * auditor works through, in three sections: the clauses that require
 * documented information, the Stage 1 spine, and the applicable Annex A
 * controls.  docs/reports.md states how each column is derived.
 */
#ifndef ISMS_CHECKLIST_H
#define ISMS_CHECKLIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "isms/otable.h"
#include "isms/render.h"
#include "isms/repo.h"

enum checklist_section {
	CHECKLIST_CLAUSE,  /* a clause that requires documented info */
	CHECKLIST_SPINE,   /* an item of the Stage 1 spine */
	CHECKLIST_CONTROL, /* an applicable Annex A control */
	CHECKLIST_SECTIONS
};

/* The first audit a row still needs work for. */
enum checklist_stage {
	CHECKLIST_STAGE1 = 1,
	CHECKLIST_STAGE2 = 2,
	CHECKLIST_IMPROVEMENT = 3, /* ready for both audits */
};

/*
 * One requirement.  reference and requirement are static strings; docs
 * points into the repository; owner is owned by the row.  The derived
 * columns come from the row's lead documents (those that implement a
 * control fully when there are any, else every covering document):
 * unknown values are NULL, STATUS_NONE, 0 or a zero duration.
 */
struct checklist_row {
	enum checklist_section section;
	const char *reference;	      /* "4.3", "risk-register", "A.5.15" */
	const char *requirement;      /* the clause, item or control title */
	const struct document **docs; /* every covering document, by id */
	size_t ndocs;
	char *owner;		/* the lead documents' owners, "; " apart */
	enum doc_status status; /* the weakest status */
	int maturity;		/* the lowest maturity */
	struct duration review_every; /* the shortest cycle */
	isms_date next_review;	      /* the earliest next review */
	enum checklist_stage stage;
	/* Per framework of the checklist: the requirement ids naming it. */
	struct strlist *frameworks;
	/* From git: the latest commit to any of docs, their revisions. */
	isms_date last_changed;
	const char *last_author;
	unsigned revisions;
};

struct checklist {
	struct checklist_row *rows; /* clauses, spine, then controls */
	size_t len, cap;
	/* The frameworks isms.yaml lists, each a column of its own. */
	struct framework *const *frameworks;
	size_t nframeworks;
	bool git; /* inside a work tree: the history columns are shown */
};

/*
 * Build the index of r.  stage 0 keeps every row; 1 keeps the rows
 * still open for Stage 1, 2 those still open for Stage 1 or 2.  Release
 * with checklist_release(); the rows point into r and must not outlive
 * it.
 */
void checklist_build(const struct repo *r, int stage, struct checklist *cl);
void checklist_release(struct checklist *cl);

/* "clause", "spine", "control". */
const char *checklist_section_name(enum checklist_section s);
/* "1", "2", "improvement". */
const char *checklist_stage_name(enum checklist_stage s);

/*
 * The rows of one section (or of all, for CHECKLIST_SECTIONS) as an
 * output table with the columns of CLI.md.  Release t with
 * otable_release().
 */
void checklist_table(struct otable *t, const struct checklist *cl,
		     enum checklist_section only);
/*
 * Write the index as text, markdown, csv, json ({"rows": [...]}) or
 * html (a self-contained page, one table per section).  Returns 0, or
 * -1 for another format.
 */
int render_checklist(FILE *out, const struct checklist *cl, enum format f);
/*
 * Write the index as a workbook with one sheet per section, atomically
 * (an existing file is replaced only with force).  Returns 0, or -1
 * after printing why.
 */
int checklist_write_xlsx(const char *path, bool force,
			 const struct checklist *cl);

#endif
