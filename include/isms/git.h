/*
 * Reading git with libgit2: what the work tree says of each document,
 * its history, and the files of an older revision.  Read-only: nothing
 * is written to the repository and no git process is run.
 */
#ifndef ISMS_GIT_H
#define ISMS_GIT_H

#include <stdbool.h>

#include "isms/buf.h"
#include "isms/repo.h"

struct git_index;
struct git_repository;
struct git_status_list;
struct git_tree;

/*
 * git's status of the work tree around a root, read once before the
 * walk: which paths git ignores, which the walk skips, and the state of
 * the others, which gitread_load() gives the documents.  One status of
 * the index against HEAD and of the work tree against the index:
 * untracked folders entered, ignored folders listed but not entered, as
 * "git status --ignored --untracked-files=all" lists them, and the
 * index it compared with.  A tracked file is never ignored, whatever
 * the ignore rules say.
 */
struct gitread_status {
	struct git_repository *git; /* NULL when there is none to read */
	char *prefix;		    /* the root in the work tree: "" or "x/" */
	struct git_status_list *list;
	struct git_index *index; /* the one the status compared with */
	struct strmap paths;	 /* work-tree path -> state bits */
	bool hook;		 /* the index is the one a commit hook names */
	bool started;		 /* libgit2 is started until the release */
	int rc;	   /* 0; GIT_ENOTFOUND outside a work tree; or a failure */
	char *why; /* git's message when the status failed, or NULL */
};

/* Read the status around root into st; st->rc says how it went. */
void gitread_status_open(struct gitread_status *st, const char *root);
/* Does git ignore root-relative rel (a folder when dir)?  st may be NULL. */
bool gitread_ignored(const struct gitread_status *st, const char *rel,
		     bool dir);
void gitread_status_release(struct gitread_status *st);

/*
 * Fill in r->git and every document's git member: its state in the work
 * tree (untracked, added, modified) and, in one walk of the first-parent
 * line of HEAD, the date, author and id of its last commit, the number
 * of commits that touched it (following renames), and the last commit
 * that changed its text after the front matter.  A document that
 * declares no next_review, last_reviewed or approved_on is then due for
 * review one cycle after its last commit.
 *
 * Outside a work tree, or in a repository that cannot be read (another
 * user's, GIT_EOWNER), one git-unavailable note says why document
 * control could not be checked; everything else works as usual.  With
 * had, the documents were given their history while they were read
 * (gitread_history()); only the states are read here.
 */
void gitread_load(struct repo *r, struct gitread_status *st, bool had);

/*
 * The history of the files at paths[0..n) (relative to the root) in one
 * walk of HEAD's first-parent line, into out[0..n), zeroed by the
 * caller: what gitread_load() gives the documents (state and data_state
 * aside).  Files larger than lim allows count as changed unread.
 * Strings go to arena.  Uses st's repository and nothing of a load, so
 * that it can run on a thread of its own while the files are read;
 * gitread_load(r, st, true) then keeps what gitread_history_give()
 * gave the documents.  0, or -1 when git failed (gitread_load() reads
 * the history again then).
 */
int gitread_history(const struct gitread_status *st, const char *const *paths,
		    size_t n, const struct limits *lim, struct doc_history *out,
		    struct arena *arena);
/* Give d the history h, its state in the work tree kept. */
void gitread_history_give(struct document *d, const struct doc_history *h);

/*
 * The files of the repository's root folder at one revision, read from
 * git objects without a checkout.  tree is NULL when the root did not
 * exist at that revision (then it holds no files).
 */
struct gitread_tree {
	struct git_repository *git;
	struct git_tree *tree;
	char commit[41]; /* the revision's commit id, in hex */
};

/*
 * Open revision rev (a tag, branch or commit) of the repository around
 * root.  Returns 0; or -1 with the reason in why and nothing to release.
 */
int gitread_tree_open(struct gitread_tree *t, const char *root, const char *rev,
		      struct buf *why);
/* The tree as a source for repo_load(); t must outlive the load. */
void gitread_tree_source(struct gitread_tree *t, struct repo_source *src);
void gitread_tree_release(struct gitread_tree *t);

#endif
