/* Loading a repository: root, configuration, walk, read, merge, map. */
#include "isms/repo.h"
#include "isms/alloc.h"
#include "isms/catalog.h"
#include "isms/framework.h"
#include "isms/git.h"
#include "isms/reader.h"
#include "isms/walk.h"

#include <errno.h>
#include <git2.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Does dir hold a file named name? */
static bool has_file(const char *dir, const char *name)
{
	char path[PATH_MAX];
	struct stat st;

	if (snprintf(path, sizeof(path), "%s/%s", dir, name) >=
	    (int)sizeof(path))
		return false;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The top of the git work tree around dir, or NULL. */
static char *git_top(const char *dir)
{
	git_buf found = {NULL, 0, 0};
	git_repository *repo = NULL;
	char *top = NULL;

	git_libgit2_init();
	if (git_repository_discover(&found, dir, 0, NULL) == 0 &&
	    git_repository_open(&repo, found.ptr) == 0 &&
	    git_repository_workdir(repo)) {
		size_t n = strlen(git_repository_workdir(repo));

		top = xstrndup(git_repository_workdir(repo), n > 1 ? n - 1 : n);
	}
	git_repository_free(repo);
	git_buf_dispose(&found);
	git_libgit2_shutdown();
	return top;
}

/*
 * The root: the first folder from start upwards with isms.yaml, else the
 * git work tree's top, else start itself.  NULL when start is no folder.
 */
static char *repo_find_root(const char *start)
{
	char real[PATH_MAX], *slash, *top;

	if (!realpath(start, real))
		return NULL;
	for (;;) {
		if (has_file(real, "isms.yaml"))
			return xstrdup(real);
		slash = strrchr(real, '/');
		if (!slash || slash == real)
			break;
		*slash = '\0';
	}
	top = git_top(start);
	if (top)
		return top;
	return realpath(start, real) ? xstrdup(real) : NULL;
}

/* Read the configuration: isms.yaml at the root, or --config. */
static int repo_config(struct repo *r, const struct repo_options *opt)
{
	char real[PATH_MAX];

	if (!opt->config)
		return config_load(&r->config, r->root, "isms.yaml", &r->arena,
				   &r->findings);
	if (!realpath(opt->config, real)) {
		findings_add(&r->findings, "config-invalid", opt->config,
			     (struct pos){0, 0}, "cannot read: %s",
			     strerror(errno));
		return -1;
	}
	return config_load(&r->config, "", real, &r->arena, &r->findings);
}

/* Register documents by id; a second use of an id is id-duplicate. */
static void repo_index(struct repo *r)
{
	size_t i;

	for (i = 0; i < r->ndocs; i++) {
		struct document *d = r->docs[i], *first;
		struct finding *f;

		strmap_put(&r->by_path, d->path, d);
		if (!d->id)
			continue;
		first = strmap_put(&r->by_id, d->id, d);
		if (first == d)
			continue;
		f = findings_add(
		    &r->findings, "id-duplicate", d->path, d->pos[F_ID],
		    "id '%s' is already used by '%s'", d->id, first->path);
		f->document = d->id;
	}
}

/* Take the first SoA; a second one is reported and ignored. */
static void repo_soa(struct repo *r)
{
	size_t i;

	for (i = 0; i < r->ndocs; i++) {
		struct document *d = r->docs[i];

		if (d->type != DOC_SOA)
			continue;
		if (!r->soa.doc) {
			soa_load(r, d);
			continue;
		}
		findings_add(&r->findings, "soa-incomplete", d->path,
			     d->pos[F_TYPE],
			     "a second Statement of Applicability; '%s' is "
			     "the one in use",
			     r->soa.doc->path);
	}
}

/* List the candidate files: walk the disk, or ask opt's source. */
static void repo_list(struct repo *r, const struct repo_options *opt,
		      const struct gitread_status *git, struct walk_list *list)
{
	const struct repo_source *src = opt->source;

	if (src)
		src->list(src->files.data, &r->config, list, &r->findings);
	else
		walk_repository(r->root, &r->config, git, list, &r->findings);
}

/*
 * The history of the walk's files, read on a thread of its own while the
 * files are read: a long history costs as much as the reading, and
 * needs nothing of it but the paths.
 */
struct repo_history {
	const struct gitread_status *st;
	const char **paths;
	size_t n;
	const struct limits *lim;
	struct doc_history *out; /* [n] */
	struct arena arena;	 /* its strings */
	int rc;
	pthread_t thread;
	bool started;
};

/* The history thread. */
static void *repo_history_run(void *arg)
{
	struct repo_history *h = arg;

	h->rc =
	    gitread_history(h->st, h->paths, h->n, h->lim, h->out, &h->arena);
	return NULL;
}

/* Start reading the history of list when threads allow; see above. */
static void repo_history_start(struct repo_history *h, const struct repo *r,
			       const struct gitread_status *git,
			       const struct walk_list *list, unsigned threads)
{
	size_t i;

	memset(h, 0, sizeof(*h));
	if (threads < 2 || !git || !git->git || git->rc < 0 || !list->len)
		return;
	h->st = git;
	h->n = list->len;
	h->lim = &r->config.limits;
	h->paths = xcalloc(h->n, sizeof(*h->paths));
	for (i = 0; i < h->n; i++)
		h->paths[i] = list->items[i].path;
	h->out = xcalloc(h->n, sizeof(*h->out));
	h->started = pthread_create(&h->thread, NULL, repo_history_run, h) == 0;
}

/* Wait for the history; true when it was read and is in h->out. */
static bool repo_history_join(struct repo_history *h, struct repo *r)
{
	if (!h->started) {
		free(h->paths);
		free(h->out);
		return false;
	}
	pthread_join(h->thread, NULL);
	arena_merge(&r->arena, &h->arena);
	free(h->paths);
	return h->rc == 0;
}

/*
 * Walk the tree and read every candidate file, on as many threads as
 * reader_threads() says (one for a git tree: its reads share libgit2's
 * object cache), and, with git (unless no_git), the files' history on
 * one more; the documents are kept in path order.  True when they were
 * given their history.
 */
static bool repo_read(struct repo *r, const struct repo_options *opt,
		      const struct gitread_status *git)
{
	struct reader_env env = {
	    r->root,	 &r->config,
	    r->discover, opt->source ? &opt->source->files : NULL,
	    &r->arena,	 &r->findings,
	    NULL};
	struct walk_list list = {NULL, 0, 0};
	struct repo_history hist;
	struct document **docs;
	unsigned threads;
	size_t i;
	bool had;

	repo_list(r, opt, git, &list);
	r->files_seen = list.len;
	threads = opt->source ? 1 : reader_threads(list.len);
	if (opt->verbose)
		fprintf(stderr,
			"isms: %zu files to read under '%s' on %u "
			"thread%s\n",
			list.len, r->root, threads, threads == 1 ? "" : "s");
	repo_history_start(&hist, r, opt->source || opt->no_git ? NULL : git,
			   &list, threads);
	docs = xcalloc(list.len ? list.len : 1, sizeof(*docs));
	reader_read_all(&env, &list, threads, opt->verbose, docs);
	had = repo_history_join(&hist, r);
	for (i = 0; i < list.len; i++) {
		if (!docs[i])
			continue;
		if (had)
			gitread_history_give(docs[i], &hist.out[i]);
		docs[r->ndocs++] = docs[i];
	}
	free(hist.out);
	r->docs = docs;
	walk_release(&list);
	return had;
}

int repo_load(struct repo *r, const struct repo_options *opt)
{
	struct gitread_status git;
	bool had;

	memset(r, 0, sizeof(*r));
	findings_init(&r->findings, &r->arena);
	r->today = date_today();
	r->root = repo_find_root(opt->dir ? opt->dir : ".");
	if (!r->root) {
		findings_add(&r->findings, "file-unreadable",
			     opt->dir ? opt->dir : ".", (struct pos){0, 0},
			     "cannot open folder: %s", strerror(errno));
		return -1;
	}
	if (repo_config(r, opt) < 0 || frameworks_load(r) < 0)
		return -1;
	r->stage = opt->stage ? opt->stage : r->config.stage;
	r->discover = opt->discover || r->config.discover;
	/*
	 * libgit2 is started once and held until the release: every later
	 * start is a count, not another load of the CA bundle.  git's
	 * status comes before the walk, which skips what git ignores.
	 */
	memset(&git, 0, sizeof(git));
	if (!opt->source) {
		git_libgit2_init();
		r->libgit2 = true;
		gitread_status_open(&git, r->root);
	}
	had = repo_read(r, opt, &git);
	if (opt->verbose)
		fprintf(stderr, "isms: %zu documents read\n", r->ndocs);
	repo_index(r);
	if (!opt->source && !opt->no_git)
		gitread_load(r, &git, had);
	gitread_status_release(&git);
	frameworks_tag(r);
	registers_load(r);
	services_load(r);
	repo_soa(r);
	map_build(r);
	return 0;
}

void repo_release(struct repo *r)
{
	map_release(r);
	free(r->docs);
	free(r->root);
	free(r->services.items);
	free(r->services.rows);
	strmap_release(&r->by_id);
	row_index_release(&r->rows);
	strmap_release(&r->by_path);
	findings_release(&r->findings);
	arena_release(&r->arena);
	if (r->libgit2)
		git_libgit2_shutdown();
	memset(r, 0, sizeof(*r));
}

struct document *repo_document(const struct repo *r, const char *id)
{
	return strmap_get(&r->by_id, id);
}

const char *impl_status_name(enum impl_status s)
{
	static const char *const names[] = {"", "implemented", "partial",
					    "planned", "not-implemented"};

	return names[s];
}
