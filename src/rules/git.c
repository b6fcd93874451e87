/*
 * Document control with git (clause 7.5.3): every document under
 * version control, no change left uncommitted, and no change to an
 * approved text without a new approval or review.
 */
#include "isms/repo.h"
#include "isms/rules.h"

#include <stdarg.h>
#include <string.h>

/* A finding about document d in file, carrying its id. */
__attribute__((format(printf, 5, 6))) static struct finding *
git_finding(struct repo *r, const struct document *d, const char *file,
	    const char *rule, const char *fmt, ...)
{
	struct finding *f;
	va_list ap;

	va_start(ap, fmt);
	f = findings_vadd(&r->findings, rule, file, (struct pos){1, 1}, fmt,
			  ap);
	va_end(ap);
	f->document = d->id;
	return f;
}

/* git-untracked and git-modified for file, one of d's files. */
static void check_state(struct repo *r, const struct document *d,
			const char *file, enum doc_git state)
{
	const char *what = strcmp(file, d->path) ? "data file" : "document";

	if (state == DOC_GIT_UNTRACKED)
		git_finding(r, d, file, "git-untracked",
			    "%s '%s' is not tracked by git; add and commit it "
			    "so that its changes are on record",
			    what, file);
	else if (state == DOC_GIT_ADDED)
		git_finding(r, d, file, "git-modified",
			    "%s '%s' is added to the index but never "
			    "committed; commit it",
			    what, file);
	else if (state == DOC_GIT_MODIFIED)
		git_finding(r, d, file, "git-modified",
			    "%s '%s' has uncommitted changes; commit them or "
			    "restore the committed version",
			    what, file);
}

/*
 * changed-after-approval: the text after the front matter changed in a
 * commit dated after the later of approved_on and last_reviewed.  Only
 * documents that claim to be in force: drafts, documents in review and
 * retired ones are left alone, and so are registers, whose entries are
 * meant to change.
 */
static void check_approval(struct repo *r, const struct document *d)
{
	bool review = d->last_reviewed > d->approved_on;
	isms_date since = review ? d->last_reviewed : d->approved_on;
	char changed[11], when[11];
	struct finding *f;

	if (!since || d->git.content_changed <= since || d->register_kind ||
	    d->status == STATUS_DRAFT || d->status == STATUS_REVIEW)
		return;
	date_format(d->git.content_changed, changed);
	date_format(since, when);
	f = git_finding(r, d, d->path, "changed-after-approval",
			"changed on %s (commit %s) after its %s on %s; %s",
			changed, d->git.content_commit,
			review ? "review" : "approval", when,
			review ? "review it again and update last_reviewed"
			       : "re-approve it");
	f->pos = d->pos[review ? F_LAST_REVIEWED : F_APPROVED_ON];
}

/* The git rules, for each document, inside a work tree only. */
void rules_git(struct repo *r)
{
	size_t i;

	if (r->git != REPO_GIT_OK)
		return;
	for (i = 0; i < r->ndocs; i++) {
		const struct document *d = r->docs[i];

		check_state(r, d, d->path, d->git.state);
		if (d->rows_path && strcmp(d->rows_path, d->path))
			check_state(r, d, d->rows_path, d->git.data_state);
		if (d->parsed && d->status != STATUS_RETIRED)
			check_approval(r, d);
	}
}
