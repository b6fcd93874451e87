/*
 * Reading git: the state of each document in the work tree, its
 * history in one walk of HEAD's first-parent line, and the files of a
 * revision for isms diff.  docs/git.md says what each figure means.
 */
#include "isms/git.h"
#include "isms/alloc.h"
#include "isms/frontmatter.h"

#include <errno.h>
#include <git2.h>
#include <git2/sys/repository.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Deeper folders of a revision than this are not entered, as on disk. */
#define GITREAD_MAX_DEPTH 64

/* The abbreviated commit ids isms prints, as git log --oneline does. */
#define GITREAD_ABBREV 7

/*
 * libgit2 failed: stop when it was for memory, which no finding could
 * describe; otherwise return rc.  isms's allocator serves libgit2 itself
 * (alloc.h), so what is left here is memory that zlib, mbedTLS or the
 * system could not get.
 */
static int gitread_failed(int rc)
{
	alloc_git_check();
	return rc;
}

/* realpath() that stops when it could not allocate. */
static char *gitread_realpath(const char *path, char *out)
{
	char *p = realpath(path, out);

	if (!p && errno == ENOMEM)
		alloc_die();
	return p;
}

/* libgit2's message for the last error, or a fallback. */
static const char *gitread_error(void)
{
	const git_error *e = git_error_last();

	return e && e->message ? e->message : "unknown error";
}

/*
 * Open the repository whose work tree holds root.  *prefix is root's
 * path inside the work tree ("" or "dir/"; free it).  Returns 0, or
 * GIT_ENOTFOUND when root is in no work tree, or another libgit2 error.
 */
static int gitread_open(const char *root, git_repository **git, char **prefix)
{
	char real[PATH_MAX], top[PATH_MAX];
	const char *workdir;
	size_t n;
	int rc;

	*prefix = NULL;
	rc = git_repository_open_ext(git, root, 0, NULL);
	if (rc < 0)
		return gitread_failed(rc);
	workdir = git_repository_workdir(*git);
	if (!workdir || !gitread_realpath(workdir, top) ||
	    !gitread_realpath(root, real)) {
		git_repository_free(*git);
		return GIT_ENOTFOUND;
	}
	n = strlen(top);
	if (strncmp(real, top, n) || (real[n] && real[n] != '/')) {
		git_repository_free(*git);
		return GIT_ENOTFOUND;
	}
	*prefix = xmalloc(strlen(real + n) + 2);
	strcpy(*prefix, real[n] ? real + n + 1 : "");
	if (real[n])
		strcat(*prefix, "/");
	return 0;
}

/* A pathspec of the root's folder (none at the top of the work tree). */
static void gitread_pathspec(git_strarray *spec, char **one, const char *prefix)
{
	size_t n = strlen(prefix);

	spec->count = 0;
	spec->strings = NULL;
	if (!n)
		return;
	*one = xstrndup(prefix, n - 1);
	spec->strings = one;
	spec->count = 1;
}

/* The status bits of what is staged in the index. */
#define GITREAD_STAGED                                                         \
	(GIT_STATUS_INDEX_NEW | GIT_STATUS_INDEX_MODIFIED |                    \
	 GIT_STATUS_INDEX_RENAMED | GIT_STATUS_INDEX_TYPECHANGE |              \
	 GIT_STATUS_INDEX_DELETED)

/*
 * Inside a commit hook (isms check as a pre-commit hook) git names the
 * index being committed in GIT_INDEX_FILE: read that one, and what it
 * stages is being committed, so only changes beyond it count.  Returns
 * whether that is the case.
 */
static bool gitread_hook_index(git_repository *git)
{
	const char *path = getenv("GIT_INDEX_FILE");
	git_index *index = NULL;
	bool set;

	if (!path || !*path)
		return false;
	if (git_index_open(&index, path) < 0) {
		gitread_failed(0);
		return false;
	}
	set = git_repository_set_index(git, index) == 0;
	if (!set)
		gitread_failed(0);
	git_index_free(index);
	return set;
}

/* What a status entry says of its file. */
static enum doc_git gitread_state(unsigned status)
{
	if (status & GIT_STATUS_WT_NEW)
		return DOC_GIT_UNTRACKED;
	if (status & GIT_STATUS_INDEX_NEW)
		return DOC_GIT_ADDED;
	if (status & (GIT_STATUS_INDEX_MODIFIED | GIT_STATUS_INDEX_RENAMED |
		      GIT_STATUS_INDEX_TYPECHANGE | GIT_STATUS_WT_MODIFIED |
		      GIT_STATUS_WT_RENAMED | GIT_STATUS_WT_TYPECHANGE |
		      GIT_STATUS_CONFLICTED))
		return DOC_GIT_MODIFIED;
	return DOC_GIT_CLEAN;
}

/* State bits beside a doc_git: gone from the work tree; ignored. */
#define GITREAD_GONE	0x100
#define GITREAD_IGNORED 0x200

/* The bits of root-relative rel (a folder when dir) in st's paths. */
static int gitread_lookup(const struct gitread_status *st, const char *rel,
			  bool dir)
{
	struct buf path = BUF_INIT;
	void *v;

	buf_addf(&path, "%s%s%s", st->prefix, rel, dir ? "/" : "");
	v = strmap_get(&st->paths, path.ptr);
	buf_release(&path);
	return v ? (int)(intptr_t)v : DOC_GIT_CLEAN;
}

/* Is the work-tree path (prefix included) in st's index? */
static bool gitread_tracked(const struct gitread_status *st, const char *path)
{
	int stage;

	for (stage = 0; stage <= 3; stage++) /* 1 to 3: a conflict */
		if (git_index_get_bypath(st->index, path, stage))
			return true;
	return false;
}

/*
 * The bits of the nearest folder above root-relative rel that the
 * status lists (an untracked folder it did not enter: another
 * repository inside this one) or that the index holds as a submodule;
 * DOC_GIT_CLEAN for a submodule, 0 when there is none.
 */
static int gitread_above(const struct gitread_status *st, const char *rel)
{
	struct buf path = BUF_INIT;
	const git_index_entry *e;
	int bits = 0;
	size_t n;

	buf_addf(&path, "%s%s", st->prefix, rel);
	for (n = path.len; !bits && n > 0; n--) {
		if (path.ptr[n - 1] != '/')
			continue;
		buf_truncate(&path, n); /* "a/b/" */
		bits = (int)(intptr_t)strmap_get(&st->paths, path.ptr);
		buf_truncate(&path, n - 1); /* "a/b" */
		e = bits ? NULL : git_index_get_bypath(st->index, path.ptr, 0);
		if (e && e->mode == GIT_FILEMODE_COMMIT)
			bits = DOC_GIT_CLEAN;
	}
	buf_release(&path);
	return bits;
}

/*
 * The state of root-relative file rel: what the status lists for it;
 * clean when the index holds it unchanged (or it lies in a submodule);
 * the state of an untracked folder the status did not enter; otherwise
 * 0, which the status should never leave.
 */
static int gitread_file(const struct gitread_status *st, const char *rel)
{
	struct buf path = BUF_INIT;
	int bits = gitread_lookup(st, rel, false);

	if (bits != DOC_GIT_CLEAN)
		return bits;
	buf_addf(&path, "%s%s", st->prefix, rel);
	if (!gitread_tracked(st, path.ptr))
		bits = gitread_above(st, rel);
	buf_release(&path);
	return bits;
}

/*
 * A file the status does not list is clean if the index holds it, and
 * ignored if not, but for the ones above (see gitread_file()).  libgit2
 * 1.5 lists an ignored folder, but leaves out the ignored files of a
 * folder it enters; asking the ignore rules only for those costs one
 * question per ignored file, not one per file.  A file that the status
 * left out and the rules do not ignore is not skipped: gitread_load()
 * finds that the status missed it.  When the status could not be read
 * (a damaged index) but the repository opened, every path goes to the
 * ignore rules, which need no index.
 */
bool gitread_ignored(const struct gitread_status *st, const char *rel, bool dir)
{
	struct buf path = BUF_INIT;
	int bits, ignored = 0;

	if (!st || !st->git)
		return false;
	if (st->list) {
		bits =
		    dir ? gitread_lookup(st, rel, true) : gitread_file(st, rel);
		if (bits || dir)
			return bits & GITREAD_IGNORED;
	}
	/* Not listed nor tracked, or no status to ask: the ignore rules. */
	buf_addf(&path, "%s%s%s", st->prefix, rel, dir ? "/" : "");
	errno = 0; /* see alloc_git_check() */
	if (git_ignore_path_is_ignored(&ignored, st->git, path.ptr) < 0)
		ignored = 0;
	alloc_git_check();
	buf_release(&path);
	return ignored == 1;
}

/*
 * The status says that a document just read from disk is gone: libgit2
 * 1.5 takes a folder it cannot list (opendir() out of memory) for an
 * empty one, and leaves no error to say so.  Returns -1 with one set.
 */
static int gitread_missed(const char *prefix, const char *rel)
{
	struct buf why = BUF_INIT;

	buf_addf(&why, "its scan of the work tree missed '%s%s'", prefix, rel);
	git_error_set_str(GIT_ERROR_FILESYSTEM, why.ptr);
	buf_release(&why);
	return -1;
}

/*
 * Index the entries of st's list by their path in the work tree: the
 * changed, the gone and the ignored (a folder with a trailing "/"); in
 * a commit hook what is staged does not count.
 */
static void gitread_states(struct gitread_status *st)
{
	size_t i, n = git_status_list_entrycount(st->list);

	for (i = 0; i < n; i++) {
		const git_status_entry *e = git_status_byindex(st->list, i);
		const git_diff_delta *d = e->index_to_workdir
					      ? e->index_to_workdir
					      : e->head_to_index;
		enum doc_git state = gitread_state(
		    st->hook ? e->status & ~(unsigned)GITREAD_STAGED
			     : e->status);
		int bits = state;

		if (e->status & GIT_STATUS_WT_DELETED)
			bits |= GITREAD_GONE;
		if (e->status & GIT_STATUS_IGNORED)
			bits |= GITREAD_IGNORED;
		if (d && d->new_file.path && bits != DOC_GIT_CLEAN)
			strmap_put(&st->paths, d->new_file.path,
				   (void *)(intptr_t)bits);
	}
}

/*
 * Open the repository around root and read its status once: the index
 * against HEAD and the work tree against the index, untracked folders
 * entered, ignored folders listed but not entered.
 */
static int gitread_status_try(struct gitread_status *st, const char *root)
{
	git_status_options o;
	char *one = NULL;
	int rc = gitread_open(root, &st->git, &st->prefix);

	if (rc < 0) {
		st->git = NULL;
		return rc;
	}
	git_status_options_init(&o, GIT_STATUS_OPTIONS_VERSION);
	o.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
	o.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED |
		  GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
		  GIT_STATUS_OPT_INCLUDE_IGNORED |
		  GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
	gitread_pathspec(&o.pathspec, &one, st->prefix);
	st->hook = gitread_hook_index(st->git);
	git_error_clear();
	rc = git_status_list_new(&st->list, st->git, &o);
	free(one);
	if (rc < 0) {
		/* The walk asks git more before the note: keep why now. */
		st->list = NULL;
		gitread_failed(0);
		st->why = xstrdup(gitread_error());
		return -1;
	}
	alloc_git_check();
	gitread_states(st);
	if (git_repository_index(&st->index, st->git) < 0) {
		st->index = NULL;
		return gitread_failed(-1);
	}
	return 0;
}

/* Free what a try read, libgit2 left started. */
static void gitread_status_close(struct gitread_status *st)
{
	strmap_release(&st->paths);
	free(st->why);
	st->why = NULL;
	git_index_free(st->index);
	git_status_list_free(st->list);
	git_repository_free(st->git);
	free(st->prefix);
	st->list = NULL;
	st->index = NULL;
	st->git = NULL;
	st->prefix = NULL;
}

/*
 * libgit2 1.5 loses the cause of some failed allocations (opendir()'s
 * in its pack folder, zlib's for a loose object: an unrelated error, or
 * none), so a repository that opened and then failed is read once more,
 * from the start, before its failure counts.
 */
void gitread_status_open(struct gitread_status *st, const char *root)
{
	memset(st, 0, sizeof(*st));
	errno = 0; /* see alloc_git_check() */
	st->started = git_libgit2_init() >= 0;
	if (!st->started) {
		st->rc = gitread_failed(-1);
		return;
	}
	st->rc = gitread_status_try(st, root);
	if (st->rc < 0 && st->rc != GIT_ENOTFOUND && st->rc != GIT_EOWNER) {
		gitread_status_close(st);
		st->rc = gitread_status_try(st, root);
	}
	alloc_git_check();
}

void gitread_status_release(struct gitread_status *st)
{
	gitread_status_close(st);
	if (st->started)
		git_libgit2_shutdown();
	memset(st, 0, sizeof(*st));
}

/*
 * Each document's state in the work tree (and its data: file's, which
 * may be gone; a gone document was not read in the same work tree).
 */
static int gitread_apply(struct repo *r, const struct gitread_status *st)
{
	size_t i;
	int state;

	for (i = 0; i < r->ndocs; i++) {
		struct document *d = r->docs[i];

		state = gitread_file(st, d->path);
		if (!state || (state & GITREAD_GONE))
			return gitread_missed(st->prefix, d->path);
		d->git.state = (enum doc_git)(state & 0xff);
		if (d->rows_path && strcmp(d->rows_path, d->path))
			d->git.data_state = (enum doc_git)(
			    gitread_file(st, d->rows_path) & 0xff);
	}
	return 0;
}

/* A name a document had in history; live until the walk passes its add. */
struct hist_name {
	struct doc_history *hist; /* what the walk finds goes here */
	bool live;
};

/* The state of the one history walk. */
struct history {
	git_repository *git;
	const char *prefix;
	git_strarray spec;   /* the root's folder */
	struct strmap names; /* path in the work tree -> hist_name */
	struct arena arena;  /* the names */
	struct arena *keep;  /* the repository's: authors and ids */
	size_t max;	     /* larger files count as changed unread */
};

/* Give hist the name path (in the work tree) at this point of history. */
static void history_name(struct history *h, const char *path,
			 struct doc_history *hist)
{
	struct hist_name *n = strmap_get(&h->names, path);

	if (!n) {
		n = arena_calloc(&h->arena, 1, sizeof(*n));
		strmap_put(&h->names, arena_strdup(&h->arena, path), n);
	}
	n->hist = hist;
	n->live = true;
}

/* The calendar date of a signature, in its own time zone. */
static isms_date history_date(const git_time *when)
{
	time_t t = (time_t)(when->time + (git_time_t)when->offset * 60);
	struct tm tm;

	if (!gmtime_r(&t, &tm))
		return 0;
	return (tm.tm_year + 1900L) * 10000 + (tm.tm_mon + 1) * 100 +
	       tm.tm_mday;
}

/* The abbreviated id of commit c, in the repository's arena. */
static const char *history_id(struct history *h, const git_commit *c)
{
	char hex[GIT_OID_HEXSZ + 1];

	git_oid_tostr(hex, GITREAD_ABBREV + 1, git_commit_id(c));
	return arena_strdup(h->keep, hex);
}

/* The text after the front matter of a blob: *len bytes at the result. */
static const char *history_text(const git_blob *b, size_t *len)
{
	const char *p = git_blob_rawcontent(b);
	size_t n = (size_t)git_blob_rawsize(b);
	struct fm_split fm;

	fm_split(p, n, &fm);
	if (fm.status != FM_OK || fm.body_start > n) {
		*len = n;
		return p;
	}
	*len = n - fm.body_start;
	return p + fm.body_start;
}

/* Do blobs a and b differ after their front matter? */
static bool history_text_changed(struct history *h, const git_oid *a,
				 const git_oid *b)
{
	git_blob *x = NULL, *y = NULL;
	const char *p, *q;
	size_t n, m;
	bool changed = true;

	if (git_blob_lookup(&x, h->git, a) < 0 ||
	    git_blob_lookup(&y, h->git, b) < 0)
		gitread_failed(0); /* a missing blob counts as changed */
	else if ((size_t)git_blob_rawsize(x) <= h->max &&
		 (size_t)git_blob_rawsize(y) <= h->max) {
		p = history_text(x, &n);
		q = history_text(y, &m);
		changed = n != m || (n && memcmp(p, q, n));
	}
	git_blob_free(x);
	git_blob_free(y);
	return changed;
}

/* What one change of commit c to a file means for its document. */
static void history_delta(struct history *h, const git_commit *c,
			  const git_diff_delta *delta)
{
	struct hist_name *n;
	struct doc_history *g;

	if (delta->status == GIT_DELTA_DELETED)
		return;
	n = strmap_get(&h->names, delta->new_file.path);
	if (!n || !n->live)
		return;
	g = n->hist;
	if (!g->revisions++) {
		const git_signature *who = git_commit_author(c);

		g->last_changed = history_date(&who->when);
		g->last_author = arena_strdup(h->keep, who->name);
		g->last_commit = history_id(h, c);
	}
	if (delta->status == GIT_DELTA_ADDED) {
		n->live = false; /* its history starts here */
		return;
	}
	if (!g->content_changed &&
	    history_text_changed(h, &delta->old_file.id, &delta->new_file.id)) {
		g->content_changed = history_date(&git_commit_author(c)->when);
		g->content_commit = history_id(h, c);
	}
	if (delta->status == GIT_DELTA_RENAMED) {
		n->live = false;
		history_name(h, delta->old_file.path, g);
	}
}

/* Does the diff both add and delete files (so a rename may hide)? */
static bool history_moves(git_diff *diff)
{
	size_t i, n = git_diff_num_deltas(diff);
	bool added = false, deleted = false;

	for (i = 0; i < n; i++) {
		git_delta_t s = git_diff_get_delta(diff, i)->status;

		added = added || s == GIT_DELTA_ADDED;
		deleted = deleted || s == GIT_DELTA_DELETED;
	}
	return added && deleted;
}

/* The changes under the root's folder from tree old to tree now. */
static int history_diff(struct history *h, git_diff **diff, git_tree *old,
			git_tree *now)
{
	git_diff_find_options fo;
	git_diff_options o;

	git_diff_options_init(&o, GIT_DIFF_OPTIONS_VERSION);
	git_diff_find_options_init(&fo, GIT_DIFF_FIND_OPTIONS_VERSION);
	o.pathspec = h->spec;
	if (git_diff_tree_to_tree(diff, h->git, old, now, &o) < 0)
		return gitread_failed(-1);
	fo.flags = GIT_DIFF_FIND_RENAMES;
	if (history_moves(*diff) && git_diff_find_similar(*diff, &fo) < 0)
		return gitread_failed(-1);
	return 0;
}

/*
 * One commit against its first parent (none for a root commit, or for
 * the last commit of a shallow clone whose parent is missing).
 */
static int history_commit(struct history *h, const git_oid *id)
{
	git_commit *c = NULL, *parent = NULL;
	git_tree *tree = NULL, *old = NULL;
	git_diff *diff = NULL;
	int rc = -1;
	size_t i;

	if (git_commit_lookup(&c, h->git, id) < 0 ||
	    git_commit_tree(&tree, c) < 0)
		goto out;
	/* A parent that cannot be read is a shallow clone's edge. */
	if (git_commit_parentcount(c) && git_commit_parent(&parent, c, 0) < 0)
		gitread_failed(0);
	if (parent && git_commit_tree(&old, parent) < 0)
		goto out;
	if (history_diff(h, &diff, old, tree) < 0)
		goto out;
	for (i = 0; i < git_diff_num_deltas(diff); i++)
		history_delta(h, c, git_diff_get_delta(diff, i));
	rc = 0;
out:
	if (rc < 0)
		gitread_failed(rc);
	git_diff_free(diff);
	git_tree_free(old);
	git_tree_free(tree);
	git_commit_free(parent);
	git_commit_free(c);
	return rc;
}

/* Walk HEAD's first-parent line, newest first; no commit is no history. */
static int history_walk(struct history *h)
{
	git_revwalk *walk = NULL;
	git_oid id;
	int rc;

	/* No commit yet, no history: libgit2 1.5 cannot push an unborn HEAD. */
	if (git_repository_head_unborn(h->git) == 1)
		return 0;
	if (git_revwalk_new(&walk, h->git) < 0)
		return gitread_failed(-1);
	git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL);
	git_revwalk_simplify_first_parent(walk);
	rc = git_revwalk_push_head(walk);
	if (rc == GIT_EUNBORNBRANCH || rc == GIT_ENOTFOUND) {
		git_revwalk_free(walk);
		return 0;
	}
	while (rc == 0 && (rc = git_revwalk_next(&id, walk)) == 0)
		rc = history_commit(h, &id);
	git_revwalk_free(walk);
	return rc == GIT_ITEROVER ? 0 : gitread_failed(-1);
}

int gitread_history(const struct gitread_status *st, const char *const *paths,
		    size_t n, const struct limits *lim, struct doc_history *out,
		    struct arena *arena)
{
	struct history h;
	char *one = NULL;
	struct buf path = BUF_INIT;
	size_t i;
	int rc;

	memset(&h, 0, sizeof(h));
	h.git = st->git;
	h.prefix = st->prefix;
	h.keep = arena;
	/* The largest file whose text is compared: the larger limit. */
	h.max = lim->markdown > lim->csv ? lim->markdown : lim->csv;
	gitread_pathspec(&h.spec, &one, st->prefix);
	for (i = 0; i < n; i++) {
		buf_truncate(&path, 0);
		buf_addf(&path, "%s%s", st->prefix, paths[i]);
		history_name(&h, path.ptr, &out[i]);
	}
	rc = history_walk(&h);
	buf_release(&path);
	strmap_release(&h.names);
	arena_release(&h.arena);
	free(one);
	return rc;
}

/* The history of every document of r, read here. */
static int gitread_docs_history(struct repo *r, const struct gitread_status *st)
{
	const char **paths = xcalloc(r->ndocs ? r->ndocs : 1, sizeof(*paths));
	struct doc_history *hist =
	    xcalloc(r->ndocs ? r->ndocs : 1, sizeof(*hist));
	size_t i;
	int rc;

	for (i = 0; i < r->ndocs; i++)
		paths[i] = r->docs[i]->path;
	rc = gitread_history(st, paths, r->ndocs, &r->config.limits, hist,
			     &r->arena);
	for (i = 0; rc == 0 && i < r->ndocs; i++)
		gitread_history_give(r->docs[i], &hist[i]);
	free(paths);
	free(hist);
	return rc;
}

void gitread_history_give(struct document *d, const struct doc_history *h)
{
	enum doc_git state = d->git.state, data = d->git.data_state;

	d->git = *h;
	d->git.state = state;
	d->git.data_state = data;
}

/*
 * review-overdue from history: a document that declares neither a
 * review nor an approval date starts its cycle at its last commit.  A
 * commit never moves a declared date: editing is not reviewing.
 */
static void gitread_reviews(struct repo *r)
{
	size_t i;

	for (i = 0; i < r->ndocs; i++) {
		struct document *d = r->docs[i];

		if (!d->parsed || d->next_review || d->last_reviewed ||
		    d->approved_on || !d->git.last_changed)
			continue;
		d->next_review =
		    date_add(d->git.last_changed,
			     d->review_every.n ? d->review_every
					       : (struct duration){12, 'm'});
	}
}

/*
 * Is the nearest .git at or above root another user's?  libgit2 1.5
 * refuses such a repository (it may say GIT_ENOTFOUND rather than
 * GIT_EOWNER); top gets the folder that holds that .git.
 */
static bool gitread_foreign(const char *root, struct buf *top)
{
	struct buf path = BUF_INIT;
	struct stat st;
	size_t n = strlen(root);
	bool found = false;

	while (!found && n) {
		buf_truncate(&path, 0);
		buf_addf(&path, "%.*s/.git", (int)n, root);
		found = lstat(path.ptr, &st) == 0;
		if (found) {
			buf_add(top, root, n ? n : 1);
			break;
		}
		while (n && root[n - 1] != '/')
			n--;
		n = n > 1 ? n - 1 : 0;
	}
	buf_release(&path);
	return found && st.st_uid != geteuid();
}

/* git-unavailable: why document control could not be checked. */
static void gitread_note(struct repo *r, int rc, const char *why)
{
	struct buf top = BUF_INIT;
	bool foreign = gitread_foreign(r->root, &top);

	if (rc == GIT_EOWNER || foreign)
		findings_add(
		    &r->findings, "git-unavailable", NULL, (struct pos){0, 0},
		    "document control could not be checked: the git "
		    "repository '%s' belongs to another user; if you "
		    "trust it, run 'git config --global --add "
		    "safe.directory %s'",
		    top.len ? top.ptr : r->root, top.len ? top.ptr : r->root);
	else if (rc == GIT_ENOTFOUND)
		findings_add(&r->findings, "git-unavailable", NULL,
			     (struct pos){0, 0},
			     "document control could not be checked: the "
			     "repository is in no git work tree; keep it in "
			     "git");
	else
		findings_add(&r->findings, "git-unavailable", NULL,
			     (struct pos){0, 0},
			     "document control could not be checked: git says "
			     "'%s'",
			     why ? why : gitread_error());
	buf_release(&top);
}

/*
 * The states of st and the history (unless had: read while the files
 * were), for r; 0, or -1 when one failed.
 */
static int gitread_try(struct repo *r, const struct gitread_status *st,
		       bool had)
{
	if (st->rc < 0)
		return st->rc;
	if (gitread_apply(r, st) < 0 ||
	    (!had && gitread_docs_history(r, st) < 0))
		return -1;
	return 0;
}

/* Forget what a failed try found out about the documents. */
static void gitread_forget(struct repo *r)
{
	size_t i;

	for (i = 0; i < r->ndocs; i++)
		memset(&r->docs[i]->git, 0, sizeof(r->docs[i]->git));
}

/*
 * Ask git about r: status, history, reviews; or say why not.  A read
 * that failed after a good status is made once more, from the start
 * (see gitread_status_open()).
 */
void gitread_load(struct repo *r, struct gitread_status *st, bool had)
{
	struct buf top = BUF_INIT;
	int rc;

	errno = 0; /* see alloc_git_check() */
	rc = gitread_try(r, st, had);
	if (rc < 0 && st->rc == 0) {
		gitread_forget(r);
		gitread_status_close(st);
		st->rc = gitread_status_try(st, r->root);
		rc = gitread_try(r, st, false);
	}
	alloc_git_check();
	if (rc == GIT_ENOTFOUND && gitread_foreign(r->root, &top))
		rc = GIT_EOWNER;
	r->git = rc == 0	       ? REPO_GIT_OK
		 : rc == GIT_ENOTFOUND ? REPO_GIT_NONE
				       : REPO_GIT_FAILED;
	if (r->git == REPO_GIT_OK)
		gitread_reviews(r);
	else
		/* One note: nothing was checked. */
		gitread_note(r, rc, st->rc < 0 ? st->why : NULL);
	buf_release(&top);
}

/* The root's folder in tree (itself when prefix is ""), or NULL. */
static git_tree *gitread_subtree(git_repository *git, git_tree *tree,
				 const char *prefix)
{
	git_tree_entry *e = NULL;
	git_tree *sub = NULL;
	char *path;

	if (!*prefix)
		return tree;
	path = xstrndup(prefix, strlen(prefix) - 1);
	if (git_tree_entry_bypath(&e, tree, path) < 0)
		gitread_failed(0); /* the folder is not in the revision */
	else if (git_tree_entry_type(e) == GIT_OBJECT_TREE &&
		 git_tree_lookup(&sub, git, git_tree_entry_id(e)) < 0)
		gitread_failed(0);
	git_tree_entry_free(e);
	git_tree_free(tree);
	free(path);
	return sub;
}

/* Resolve rev to its commit's id and the root's folder in its tree. */
static int gitread_resolve(struct gitread_tree *t, const char *rev,
			   const char *prefix)
{
	git_object *obj = NULL;
	git_commit *c = NULL;
	git_tree *tree = NULL;
	int rc = -1;

	if (git_revparse_single(&obj, t->git, rev) < 0 ||
	    git_object_peel((git_object **)&c, obj, GIT_OBJECT_COMMIT) < 0 ||
	    git_commit_tree(&tree, c) < 0) {
		gitread_failed(0);
		goto out;
	}
	git_oid_tostr(t->commit, sizeof(t->commit), git_commit_id(c));
	t->tree = gitread_subtree(t->git, tree, prefix);
	rc = 0;
out:
	git_commit_free(c);
	git_object_free(obj);
	return rc;
}

/* Open a revision for reading; see git.h. */
int gitread_tree_open(struct gitread_tree *t, const char *root, const char *rev,
		      struct buf *why)
{
	struct buf top = BUF_INIT;
	char *prefix = NULL;
	int rc;

	memset(t, 0, sizeof(*t));
	errno = 0; /* see alloc_git_check() */
	rc = git_libgit2_init() < 0 ? gitread_failed(-1)
				    : gitread_open(root, &t->git, &prefix);
	alloc_git_check();
	if (rc == GIT_ENOTFOUND && gitread_foreign(root, &top))
		buf_addf(why,
			 "the git repository '%s' belongs to another user; if "
			 "you trust it, run 'git config --global --add "
			 "safe.directory %s'",
			 top.ptr, top.ptr);
	else if (rc == GIT_ENOTFOUND)
		buf_addf(why, "'%s' is in no git work tree", root);
	else if (rc < 0)
		buf_addf(why, "cannot open the git repository: %s",
			 gitread_error());
	else if (gitread_resolve(t, rev, prefix) < 0)
		buf_addf(why, "'%s' is no revision: %s", rev, gitread_error());
	alloc_git_check();
	buf_release(&top);
	free(prefix);
	if (rc == 0 && t->commit[0])
		return 0;
	git_repository_free(t->git);
	memset(t, 0, sizeof(*t));
	git_libgit2_shutdown();
	return -1;
}

/* Free the revision and end this use of libgit2. */
void gitread_tree_release(struct gitread_tree *t)
{
	if (!t->git)
		return;
	git_tree_free(t->tree);
	git_repository_free(t->git);
	memset(t, 0, sizeof(*t));
	git_libgit2_shutdown();
}

/* What the listing of a revision needs. */
struct tree_list {
	const struct config *cfg;
	struct walk_list *out;
};

/* One entry of a revision's tree: enter a folder, list a file. */
static int tree_visit(const char *dir, const git_tree_entry *e, void *data)
{
	struct tree_list *l = data;
	struct buf path = BUF_INIT;
	git_filemode_t mode = git_tree_entry_filemode(e);
	const char *p;
	int depth = 0, rc = 1;
	bool inside;

	buf_addf(&path, "%s%s", dir, git_tree_entry_name(e));
	for (p = dir; *p; p++)
		depth += *p == '/';
	if (mode == GIT_FILEMODE_TREE && depth < GITREAD_MAX_DEPTH &&
	    walk_accept(l->cfg, path.ptr, true, &inside))
		rc = 0;
	else if ((mode == GIT_FILEMODE_BLOB ||
		  mode == GIT_FILEMODE_BLOB_EXECUTABLE) &&
		 walk_accept(l->cfg, path.ptr, false, &inside)) {
		ALLOC_GROW(l->out->items, l->out->len + 1, l->out->cap);
		l->out->items[l->out->len].path = buf_detach(&path);
		l->out->items[l->out->len++].in_include = inside;
	}
	buf_release(&path);
	return rc;
}

/* The candidate files of the revision, as walk_repository() lists them. */
static void tree_list(void *data, const struct config *cfg,
		      struct walk_list *out, struct findings *fs)
{
	struct gitread_tree *t = data;
	struct tree_list l = {cfg, out};

	(void)fs;
	if (!t->tree)
		return;
	errno = 0; /* see alloc_git_check() */
	git_tree_walk(t->tree, GIT_TREEWALK_PRE, tree_visit, &l);
	alloc_git_check();
	if (out->len > 1)
		qsort(out->items, out->len, sizeof(*out->items),
		      walk_entry_cmp);
}

/*
 * rel with its "." and ".." steps resolved, or NULL when it leaves the
 * root or is absolute (free it).
 */
static char *tree_normal(const char *rel)
{
	struct buf b = BUF_INIT;
	const char *p = rel, *end;
	size_t n;

	if (*rel == '/')
		return NULL;
	for (; *p; p = *end ? end + 1 : end) {
		end = strchr(p, '/');
		if (!end)
			end = p + strlen(p);
		n = (size_t)(end - p);
		if (!n || (n == 1 && *p == '.'))
			continue;
		if (n == 2 && !strncmp(p, "..", 2)) {
			char *slash = b.len ? strrchr(b.ptr, '/') : NULL;

			if (!b.len) {
				buf_release(&b);
				return NULL;
			}
			buf_truncate(&b, slash ? (size_t)(slash - b.ptr) : 0);
			continue;
		}
		buf_addf(&b, "%s%.*s", b.len ? "/" : "", (int)n, p);
	}
	return buf_detach(&b);
}

/* The entry rel names in the revision, or NULL (free it). */
static git_tree_entry *tree_entry(const struct gitread_tree *t, const char *rel)
{
	git_tree_entry *e = NULL;
	char *path = tree_normal(rel);

	errno = 0; /* see alloc_git_check() */
	if (path && *path && t->tree &&
	    git_tree_entry_bypath(&e, t->tree, path) < 0) {
		gitread_failed(0); /* or no such file */
		e = NULL;
	}
	free(path);
	return e;
}

/* file_read_at() for a file of the revision. */
static int tree_read(void *data, const char *rel, size_t max,
		     struct file_data *out)
{
	struct gitread_tree *t = data;
	git_tree_entry *e = tree_entry(t, rel);
	git_blob *b = NULL;
	int rc = FILE_NOT_REGULAR;

	memset(out, 0, sizeof(*out));
	if (!e)
		return FILE_MISSING;
	if (git_tree_entry_type(e) == GIT_OBJECT_BLOB &&
	    git_tree_entry_filemode(e) != GIT_FILEMODE_LINK) {
		rc = FILE_UNREADABLE;
		errno = 0; /* see alloc_git_check() */
		if (git_blob_lookup(&b, t->git, git_tree_entry_id(e)) < 0) {
			gitread_failed(0);
		} else {
			alloc_git_check();
			out->len = (size_t)git_blob_rawsize(b);
			rc = out->len > max ? FILE_TOO_BIG : FILE_OK;
		}
	}
	if (rc == FILE_OK) {
		out->base = out->data = xmalloc(out->len + 1);
		out->cap = out->len + 1;
		if (out->len)
			memcpy(out->data, git_blob_rawcontent(b), out->len);
		out->data[out->len] = '\0';
	}
	git_blob_free(b);
	git_tree_entry_free(e);
	return rc;
}

/* Does rel name a file or folder of the revision? */
static bool tree_exists(void *data, const char *rel)
{
	git_tree_entry *e = tree_entry(data, rel);

	git_tree_entry_free(e);
	return e != NULL;
}

/* The revision as a repo_source. */
void gitread_tree_source(struct gitread_tree *t, struct repo_source *src)
{
	src->list = tree_list;
	src->files.read = tree_read;
	src->files.exists = tree_exists;
	src->files.data = t;
}
