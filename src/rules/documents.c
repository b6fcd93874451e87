/*
 * Document control (clause 7.5): every document owned, approved, inside
 * its review cycle; core documents out of draft and at their maturity
 * target; text mentions honestly tagged.
 */
#include "isms/catalog.h"
#include "isms/repo.h"
#include "isms/rules.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* A finding about document d, carrying its id. */
__attribute__((format(printf, 5, 6))) static struct finding *
doc_finding(struct repo *r, const struct document *d, const char *rule,
	    struct pos p, const char *fmt, ...)
{
	struct finding *f;
	va_list ap;

	va_start(ap, fmt);
	f = findings_vadd(&r->findings, rule, d->path, p, fmt, ap);
	va_end(ap);
	f->document = d->id;
	return f;
}

/* owner-missing and approval-missing. */
static void check_ownership(struct repo *r, const struct document *d)
{
	const char *missing = NULL;

	if (!d->owner)
		doc_finding(r, d, "owner-missing", (struct pos){1, 1},
			    "document '%s' has no owner; add 'owner:' with "
			    "the accountable role",
			    d->id ? d->id : d->path);
	if (d->status != STATUS_APPROVED)
		return;
	if (!d->approved_by && !d->approved_on)
		missing = "approved_by and approved_on are";
	else if (!d->approved_by)
		missing = "approved_by is";
	else if (!d->approved_on)
		missing = "approved_on is";
	if (missing)
		doc_finding(r, d, "approval-missing", d->pos[F_STATUS],
			    "status is 'approved' but %s missing", missing);
}

/*
 * review-overdue: next_review (declared or derived) is in the past.  A
 * document with no date of its own is due a cycle after its last commit
 * (src/read/git.c); the message says so.
 */
static void check_review(struct repo *r, const struct document *d)
{
	char due[11], today[11], last[11];
	struct pos p = d->pos[F_NEXT_REVIEW];

	if (!d->next_review || d->next_review >= r->today)
		return;
	if (!p.line && !d->last_reviewed && !d->approved_on &&
	    d->git.last_changed) {
		date_format(d->next_review, due);
		date_format(d->git.last_changed, last);
		doc_finding(r, d, "review-overdue", (struct pos){1, 1},
			    "review was due on %s, a cycle after its last "
			    "commit on %s; review the document and set "
			    "last_reviewed",
			    due, last);
		return;
	}
	if (!p.line)
		p = d->pos[F_LAST_REVIEWED].line ? d->pos[F_LAST_REVIEWED]
						 : d->pos[F_APPROVED_ON];
	date_format(d->next_review, due);
	date_format(r->today, today);
	doc_finding(r, d, "review-overdue", p,
		    "review was due on %s (today is %s); review the document "
		    "and update last_reviewed",
		    due, today);
}

/* approval-pending and maturity-target, for core documents only. */
static void check_core(struct repo *r, const struct document *d)
{
	int target = d->target	     ? d->target
		     : r->stage >= 2 ? r->config.target_stage2
				     : r->config.target_stage1;
	int level = document_maturity(d);

	if (!repo_is_core(r, d))
		return;
	if (d->status == STATUS_DRAFT)
		doc_finding(r, d, "approval-pending", d->pos[F_STATUS],
			    "core document '%s' is still a draft; it needs "
			    "approval before the Stage 1 audit",
			    d->id ? d->id : d->path);
	if (level >= target)
		return;
	doc_finding(r, d, "maturity-target",
		    d->pos[F_MATURITY].line ? d->pos[F_MATURITY]
					    : d->pos[F_STATUS],
		    "maturity %d is below the target %d for this core "
		    "document",
		    level, target);
}

/* Is control (or clause) index among d's front-matter links? */
static bool tagged(const struct document *d, const struct text_ref *t)
{
	size_t i;

	if (t->clause) {
		for (i = 0; i < d->nclauses; i++)
			if (catalog_clause_covers((size_t)d->clauses[i].clause,
						  (size_t)t->index))
				return true;
		return false;
	}
	for (i = 0; i < d->ncontrols; i++)
		if (d->controls[i].control == t->index)
			return true;
	return false;
}

/* reference-untagged: one note per id the text mentions but not the tags. */
static void check_mentions(struct repo *r, const struct document *d)
{
	size_t i, j;

	for (i = 0; i < d->nrefs; i++) {
		const struct text_ref *t = &d->refs[i];
		const char *id = t->clause ? catalog_clauses[t->index].id
					   : catalog_controls[t->index].id;
		struct finding *f;

		for (j = 0; j < i; j++)
			if (d->refs[j].clause == t->clause &&
			    d->refs[j].index == t->index)
				break;
		if (j < i || tagged(d, t))
			continue;
		f = doc_finding(r, d, "reference-untagged", t->pos,
				"the text mentions %s, which the front matter "
				"does not list in '%s'",
				id, t->clause ? "clauses" : "controls");
		if (t->clause)
			f->clause = id;
		else
			f->control = id;
	}
}

/* soa-conflict: a document implements a control the SoA excludes. */
static void check_excluded(struct repo *r, const struct document *d)
{
	size_t i;

	for (i = 0; i < d->ncontrols; i++) {
		const struct control_link *l = &d->controls[i];
		const struct control_state *c = &r->controls[l->control];
		struct finding *f;

		if (c->applicable || l->source == SOURCE_TEXT)
			continue;
		f = doc_finding(r, d, "soa-conflict", l->pos,
				"%s is excluded in the Statement of "
				"Applicability but this document implements "
				"it",
				catalog_controls[l->control].id);
		f->control = catalog_controls[l->control].id;
	}
}

void rules_documents(struct repo *r)
{
	size_t i;

	for (i = 0; i < r->ndocs; i++) {
		const struct document *d = r->docs[i];

		if ((!d->parsed && !d->discovered) ||
		    d->status == STATUS_RETIRED)
			continue;
		check_ownership(r, d);
		check_review(r, d);
		check_core(r, d);
		check_excluded(r, d);
		if (!r->discover)
			check_mentions(r, d);
	}
}
