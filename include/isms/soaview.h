/*
 * The Statement of Applicability as the map implies it (`isms soa`):
 * applicability and justification from the SoA file, implementation and
 * documents from the documents, and where the two disagree, a conflict
 * that says how.  docs/reports.md states the derivations.
 */
#ifndef ISMS_SOAVIEW_H
#define ISMS_SOAVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "isms/otable.h"
#include "isms/render.h"
#include "isms/repo.h"

/*
 * One control: the 93 of Annex A in catalog order, then the SoA's own
 * controls in file order.  id, title, justification and the document
 * ids point into the repository or the catalog; documents (the array)
 * and conflict are owned by the row.
 */
struct soaview_row {
	int control; /* catalog index; -1 for an own control */
	const char *id;
	const char *title;	   /* NULL for an own control */
	bool applicable;	   /* the SoA's; true without an SoA row */
	const char *justification; /* the SoA's, or NULL */
	enum impl_status status;   /* implied by the documents */
	enum impl_status declared; /* the SoA's, IMPL_NONE when none */
	const char **documents;	   /* the map's ids (own: the SoA's) */
	size_t ndocuments;
	char *conflict; /* disagreements, "; " apart, or NULL */
};

struct soaview {
	const char *soa_path; /* the SoA's rows file, or NULL */
	struct soaview_row *rows;
	size_t len, cap;
};

/* Build the view of r.  The rows point into r; release them first. */
void soaview_build(const struct repo *r, struct soaview *v);
void soaview_release(struct soaview *v);

/*
 * The rows as an output table: control, title, applicable,
 * justification, status, documents, conflict.
 */
void soaview_table(struct otable *t, const struct soaview *v);
/*
 * Write the view as text, markdown, csv, json ({"soa": path, "controls":
 * [...]}) or html.  Returns 0, or -1 for another format.
 */
int render_soaview(FILE *out, const struct soaview *v, enum format f);
/* The view as a one-sheet workbook; 0, or -1 after printing why. */
int soaview_write_xlsx(const char *path, bool force, const struct soaview *v);
/*
 * Write a draft SoA file: a front-matter block (type: soa, status:
 * draft; id, title and owner carried over from the current SoA) and a
 * CSV table with the columns control, applicable, justification,
 * status, documents, one row per view row.  Returns 0, or -1 when the
 * stream failed.
 */
int soaview_write_draft(FILE *out, const struct repo *r,
			const struct soaview *v);

#endif
