/*
 * The audit index: the clauses that require documented information
 * (7.5.1 a), the Stage 1 spine, and the applicable Annex A controls
 * (6.1.3 d), each with the documents behind it and the first audit that
 * still needs work on it.
 */
#include "isms/checklist.h"
#include "isms/alloc.h"
#include "isms/buf.h"
#include "isms/catalog.h"
#include "isms/framework.h"
#include "isms/spine.h"

#include <stdlib.h>
#include <string.h>

/* The default review cycle of FORMAT.md, when a document declares none. */
static const struct duration checklist_default_cycle = {12, 'm'};

/* The section as the section column writes it. */
const char *checklist_section_name(enum checklist_section s)
{
	static const char *const names[] = {"clause", "spine", "control"};

	return s < CHECKLIST_SECTIONS ? names[s] : "";
}

/* The stage as the stage column writes it. */
const char *checklist_stage_name(enum checklist_stage s)
{
	if (s == CHECKLIST_STAGE1)
		return "1";
	return s == CHECKLIST_STAGE2 ? "2" : "improvement";
}

/* A new zeroed row at the end of cl. */
static struct checklist_row *checklist_row_new(struct checklist *cl,
					       enum checklist_section s,
					       const char *reference,
					       const char *requirement)
{
	struct checklist_row *row;

	ALLOC_GROW(cl->rows, cl->len + 1, cl->cap);
	row = &cl->rows[cl->len++];
	memset(row, 0, sizeof(*row));
	row->section = s;
	row->reference = reference;
	row->requirement = requirement;
	return row;
}

/* A cycle in sixteenths of a day, so that cycles in any unit compare. */
static long checklist_cycle_len(struct duration d)
{
	long per = d.unit == 'd'   ? 16
		   : d.unit == 'w' ? 112
		   : d.unit == 'm' ? 487
				   : 5844;

	return (long)d.n * per;
}

/* Has an earlier lead document the same owner as lead[i]? */
static bool checklist_owner_seen(const struct document **lead, size_t i)
{
	size_t j;

	for (j = 0; j < i; j++)
		if (lead[j]->owner && !strcmp(lead[j]->owner, lead[i]->owner))
			return true;
	return false;
}

/* The distinct owners of the lead documents, or NULL when none has one. */
static char *checklist_owners(const struct document **lead, size_t n)
{
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < n; i++)
		if (lead[i]->owner && !checklist_owner_seen(lead, i))
			buf_addf(&b, "%s%s", b.len ? "; " : "", lead[i]->owner);
	return b.len ? buf_detach(&b) : NULL;
}

/*
 * The derived columns: the weakest status (a missing one is weaker than
 * draft), the lowest maturity, the shortest cycle, the earliest review.
 */
static void checklist_derive(struct checklist_row *row,
			     const struct document **lead, size_t n)
{
	size_t i;

	row->owner = checklist_owners(lead, n);
	for (i = 0; i < n; i++) {
		const struct document *d = lead[i];
		struct duration every = d->review_every.n
					    ? d->review_every
					    : checklist_default_cycle;
		int level = document_maturity(d);

		if (i == 0 || d->status < row->status)
			row->status = d->status;
		if (i == 0 || level < row->maturity)
			row->maturity = level;
		if (i == 0 || checklist_cycle_len(every) <
				  checklist_cycle_len(row->review_every))
			row->review_every = every;
		if (d->next_review &&
		    (!row->next_review || d->next_review < row->next_review))
			row->next_review = d->next_review;
	}
}

/*
 * Is d ready for the audit at stage s?  Owned, inside its review cycle,
 * at its maturity target (its own, else the stage's), and approved, or
 * at Stage 1 in review (FORMAT.md, what a Stage 1 auditor expects).
 */
static bool checklist_doc_ready(const struct repo *r, const struct document *d,
				int s)
{
	int target = d->target ? d->target
		     : s == 1  ? r->config.target_stage1
			       : r->config.target_stage2;

	if (!d->owner || (d->next_review && d->next_review < r->today))
		return false;
	if (d->status != STATUS_APPROVED &&
	    (s != 1 || d->status != STATUS_REVIEW))
		return false;
	return document_maturity(d) >= target;
}

/*
 * Does the row's requirement ask for a record at Stage 2?  The audit
 * results (9.2.2) and the management review results (9.3.3) need a
 * report or minutes, as record-missing checks.
 */
static bool checklist_record_ready(const struct checklist_row *row)
{
	size_t i;

	if (row->section != CHECKLIST_CLAUSE ||
	    (strcmp(row->reference, "9.2.2") &&
	     strcmp(row->reference, "9.3.3")))
		return true;
	for (i = 0; i < row->ndocs; i++)
		if (row->docs[i]->type == DOC_REPORT ||
		    row->docs[i]->type == DOC_MINUTES)
			return true;
	return false;
}

/* Are all n lead documents (at least one) ready for stage s? */
static bool checklist_ready(const struct repo *r, const struct document **lead,
			    size_t n, int s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!checklist_doc_ready(r, lead[i], s))
			return false;
	return n > 0;
}

/*
 * Fill the derived columns and the stage from the lead documents;
 * complete says whether they meet the requirement in full (a control
 * only partially implemented does not).
 */
static void checklist_settle(const struct repo *r, struct checklist_row *row,
			     const struct document **lead, size_t n,
			     bool complete)
{
	checklist_derive(row, lead, n);
	if (!complete || !checklist_ready(r, lead, n, 1))
		row->stage = CHECKLIST_STAGE1;
	else if (!checklist_ready(r, lead, n, 2) ||
		 !checklist_record_ready(row))
		row->stage = CHECKLIST_STAGE2;
	else
		row->stage = CHECKLIST_IMPROVEMENT;
}

/*
 * Take a cover list as the row's documents.  With by_coverage (controls)
 * the lead documents are those implementing it fully when there are any.
 */
static void checklist_covers(const struct repo *r, struct checklist_row *row,
			     const struct doc_cover *v, size_t n,
			     bool by_coverage)
{
	const struct document **lead = xcalloc(n + 1, sizeof(*lead));
	size_t i, nlead = 0;
	bool full = false;

	row->docs = xcalloc(n + 1, sizeof(*row->docs));
	for (i = 0; i < n; i++) {
		row->docs[row->ndocs++] = v[i].doc;
		full = full || v[i].coverage == COVERAGE_FULL;
	}
	for (i = 0; i < n; i++)
		if (!by_coverage || !full || v[i].coverage == COVERAGE_FULL)
			lead[nlead++] = v[i].doc;
	checklist_settle(r, row, lead, nlead, !by_coverage || full);
	free(lead);
}

/* Section 1: each clause that requires documented information. */
static void checklist_clauses(const struct repo *r, struct checklist *cl)
{
	size_t k;

	for (k = 0; k < catalog_clause_count; k++) {
		const struct clause_info *ci = &catalog_clauses[k];
		struct checklist_row *row;

		if (!ci->required || ci->kind != CLAUSE_LEAF)
			continue;
		row =
		    checklist_row_new(cl, CHECKLIST_CLAUSE, ci->id, ci->title);
		checklist_covers(r, row, r->clauses[k].docs,
				 r->clauses[k].ndocs, false);
	}
}

/* Order documents by id (the path when there is none). */
static int checklist_doc_cmp(const void *a, const void *b)
{
	const struct document *x = *(const struct document *const *)a;
	const struct document *y = *(const struct document *const *)b;

	return strcmp(x->id ? x->id : x->path, y->id ? y->id : y->path);
}

/* Section 2: each spine item, with every document that stands for it. */
static void checklist_spine(const struct repo *r, struct checklist *cl)
{
	size_t i, j;

	for (i = 0; i < spine_count; i++) {
		struct checklist_row *row =
		    checklist_row_new(cl, CHECKLIST_SPINE, spine_items[i].key,
				      spine_items[i].name);

		row->docs = xcalloc(r->ndocs + 1, sizeof(*row->docs));
		for (j = 0; j < r->ndocs; j++)
			if (spine_matches(&spine_items[i], r->docs[j]))
				row->docs[row->ndocs++] = r->docs[j];
		if (row->ndocs > 1)
			qsort(row->docs, row->ndocs, sizeof(*row->docs),
			      checklist_doc_cmp);
		checklist_settle(r, row, row->docs, row->ndocs, true);
	}
}

/* Section 3: each applicable Annex A control, in catalog order. */
static void checklist_controls(const struct repo *r, struct checklist *cl)
{
	size_t i;

	for (i = 0; i < catalog_control_count; i++) {
		const struct control_state *c = &r->controls[i];
		struct checklist_row *row;

		if (!c->applicable)
			continue;
		row = checklist_row_new(cl, CHECKLIST_CONTROL,
					catalog_controls[i].id,
					catalog_controls[i].title);
		checklist_covers(r, row, c->docs, c->ndocs, true);
	}
}

/* Does a crosswalk id name the clause or control of section s at k? */
static bool checklist_fw_names(const struct fw_iso *x, enum checklist_section s,
			       int k)
{
	if (s == CHECKLIST_CLAUSE)
		return x->clause &&
		       catalog_clause_covers((size_t)x->index, (size_t)k);
	return !x->clause && x->index == k;
}

/* The requirement ids of fw whose crosswalk names a row, in order. */
static void checklist_fw_refs(const struct framework *fw,
			      const struct checklist_row *row,
			      struct strlist *out)
{
	int k = row->section == CHECKLIST_CLAUSE
		    ? catalog_clause_find(row->reference)
		: row->section == CHECKLIST_CONTROL
		    ? catalog_control_find(row->reference)
		    : -1;
	size_t i, j;

	out->items = xcalloc(fw->nreqs + 1, sizeof(*out->items));
	for (i = 0; k >= 0 && i < fw->nreqs; i++)
		for (j = 0; j < fw->reqs[i].nisos; j++)
			if (checklist_fw_names(&fw->reqs[i].isos[j],
					       row->section, k)) {
				out->items[out->len++] = fw->reqs[i].id;
				break;
			}
}

/*
 * The NIS 2, SOC 2 or own references of each row, for the frameworks
 * isms.yaml lists (none when it lists none, and then no column).
 */
static void checklist_frameworks(const struct repo *r, struct checklist *cl)
{
	size_t i, f;

	if (!r->frameworks || !r->frameworks->nconfigured)
		return;
	cl->frameworks = r->frameworks->configured;
	cl->nframeworks = r->frameworks->nconfigured;
	for (i = 0; i < cl->len; i++) {
		struct checklist_row *row = &cl->rows[i];

		/* One more, zeroed: the end checklist_row_release reads. */
		row->frameworks =
		    xcalloc(cl->nframeworks + 1, sizeof(*row->frameworks));
		for (f = 0; f < cl->nframeworks; f++)
			checklist_fw_refs(cl->frameworks[f], row,
					  &row->frameworks[f]);
	}
}

/* Free what one row owns. */
static void checklist_row_release(struct checklist_row *row)
{
	size_t f;

	for (f = 0; row->frameworks && row->frameworks[f].items; f++)
		free(row->frameworks[f].items);
	free(row->frameworks);
	free(row->docs);
	free(row->owner);
}

/* Keep the rows still open at stage (0 keeps all), in order. */
static void checklist_filter(struct checklist *cl, int stage)
{
	size_t i, kept = 0;

	for (i = 0; i < cl->len; i++) {
		if (stage && (int)cl->rows[i].stage > stage) {
			checklist_row_release(&cl->rows[i]);
			continue;
		}
		cl->rows[kept++] = cl->rows[i];
	}
	cl->len = kept;
}

/* The three sections in order, then the --stage filter. */
/*
 * The history of each row: the latest commit to any of its documents
 * (its date and author) and the revisions of its documents added up.
 */
static void checklist_history(struct checklist *cl)
{
	size_t i, k;

	for (i = 0; i < cl->len; i++) {
		struct checklist_row *row = &cl->rows[i];

		for (k = 0; k < row->ndocs; k++) {
			const struct doc_history *h = &row->docs[k]->git;

			row->revisions += h->revisions;
			if (h->last_changed <= row->last_changed)
				continue;
			row->last_changed = h->last_changed;
			row->last_author = h->last_author;
		}
	}
}

void checklist_build(const struct repo *r, int stage, struct checklist *cl)
{
	memset(cl, 0, sizeof(*cl));
	checklist_clauses(r, cl);
	checklist_spine(r, cl);
	checklist_controls(r, cl);
	checklist_frameworks(r, cl);
	checklist_filter(cl, stage);
	cl->git = r->git == REPO_GIT_OK;
	checklist_history(cl);
}

/* Free the rows and what each owns. */
void checklist_release(struct checklist *cl)
{
	size_t i;

	for (i = 0; i < cl->len; i++)
		checklist_row_release(&cl->rows[i]);
	free(cl->rows);
	memset(cl, 0, sizeof(*cl));
}
