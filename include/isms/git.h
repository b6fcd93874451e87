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

struct git_repository;
struct git_tree;

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
 * control could not be checked; everything else works as usual.
 */
void gitread_load(struct repo *r);

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
