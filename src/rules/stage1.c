/*
 * What a Stage 1 auditor looks for first: the spine, the Statement of
 * Applicability (6.1.3 d) and the records of internal audit (9.2.2) and
 * management review (9.3.3).
 */
#include "isms/catalog.h"
#include "isms/repo.h"
#include "isms/rules.h"
#include "isms/spine.h"

#include <string.h>
#include <strings.h>

void rules_spine(struct repo *r)
{
	size_t i, j;

	for (i = 0; i < spine_count; i++) {
		for (j = 0; j < r->ndocs; j++)
			if (spine_matches(&spine_items[i], r->docs[j]))
				break;
		if (j == r->ndocs)
			findings_add(&r->findings, "spine-missing", NULL,
				     (struct pos){0, 0},
				     "no %s: the Stage 1 audit expects one",
				     spine_items[i].name);
	}
}

/* soa-justification and soa-inclusion for one row. */
static void soa_justified(struct repo *r, const struct soa_row *row)
{
	struct finding *f;

	if (*row->justification)
		return;
	if (!row->applicable)
		f = findings_add(&r->findings, "soa-justification",
				 r->soa.rows_path, (struct pos){row->line, 1},
				 "%s is excluded without a justification; "
				 "clause 6.1.3 d asks why",
				 row->id);
	else
		f = findings_add(&r->findings, "soa-inclusion",
				 r->soa.rows_path, (struct pos){row->line, 1},
				 "%s is included without a justification "
				 "(clause 6.1.3 d)",
				 row->id);
	f->control = row->id;
}

void rules_soa(struct repo *r)
{
	const struct soa *soa = &r->soa;
	unsigned header;
	size_t i;

	if (!soa->doc) {
		findings_add(&r->findings, "soa-missing", NULL,
			     (struct pos){0, 0},
			     "no Statement of Applicability; add a CSV with "
			     "'type: soa' listing every Annex A control");
		return;
	}
	if (!soa->rows)
		return; /* unreadable: its own findings say why */
	header = soa->header_line ? soa->header_line : 1;
	for (i = 0; i < catalog_control_count; i++) {
		struct finding *f;

		if (soa->row_of[i] >= 0)
			continue;
		f = findings_add(&r->findings, "soa-incomplete", soa->rows_path,
				 (struct pos){header, 1},
				 "%s '%s' is missing from the Statement of "
				 "Applicability",
				 catalog_controls[i].id,
				 catalog_controls[i].title);
		f->control = catalog_controls[i].id;
	}
	for (i = 0; i < soa->nrows; i++)
		soa_justified(r, &soa->rows[i]);
}

/* Is there a report or minutes listing clause id (or a part of it)? */
static bool has_record(const struct repo *r, const char *id)
{
	int want = catalog_clause_find(id);
	size_t i, j;

	for (i = 0; i < r->ndocs; i++) {
		const struct document *d = r->docs[i];

		if (d->type != DOC_REPORT && d->type != DOC_MINUTES)
			continue;
		for (j = 0; j < d->nclauses; j++) {
			size_t have = (size_t)d->clauses[j].clause;

			if (catalog_clause_covers(have, (size_t)want) ||
			    catalog_clause_covers((size_t)want, have))
				return true;
		}
	}
	return false;
}

void rules_records(struct repo *r)
{
	if (!has_record(r, "9.2"))
		findings_add(&r->findings, "record-missing", NULL,
			     (struct pos){0, 0},
			     "no internal audit report (a 'report' listing "
			     "clause 9.2)");
	if (!has_record(r, "9.3"))
		findings_add(&r->findings, "record-missing", NULL,
			     (struct pos){0, 0},
			     "no management review record ('minutes' or a "
			     "'report' listing clause 9.3)");
}
