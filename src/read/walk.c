/*
 * The repository walk.  One pass over the folders lists the candidate
 * files; git's status, read before it, says which paths git ignores.
 * Nothing is read here.
 */
#include "isms/walk.h"
#include "isms/alloc.h"
#include "isms/buf.h"
#include "isms/git.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Deeper folders than this are not entered (a guard, not a feature). */
#define WALK_MAX_DEPTH 64

struct walker {
	const char *root;
	const struct config *cfg;
	const struct gitread_status *git; /* NULL: no ignore rules */
	struct walk_list *out;
	struct findings *fs;
};

bool walk_glob_match(const char *g, const char *p)
{
	for (; *g; g++, p++) {
		if (g[0] == '*' && g[1] == '*') {
			g += 2;
			if (*g == '/')
				g++;
			for (;; p++) {
				if (walk_glob_match(g, p))
					return true;
				if (!*p)
					return false;
			}
		}
		if (*g == '*') {
			for (;; p++) {
				if (walk_glob_match(g + 1, p))
					return true;
				if (!*p || *p == '/')
					return false;
			}
		}
		if (!*p || (*g == '?' ? *p == '/' : *g != *p))
			return false;
	}
	return !*p;
}

/* Is rel excluded by a glob (matching it or one of its folders)? */
static bool walk_excluded(const struct config *cfg, const char *rel)
{
	const struct strlist *ex = &cfg->exclude;
	size_t i;

	for (i = 0; i < ex->len; i++) {
		size_t n = strlen(ex->items[i]);

		if (walk_glob_match(ex->items[i], rel))
			return true;
		/* "drafts" and "drafts/" exclude the folder's contents. */
		while (n && ex->items[i][n - 1] == '/')
			n--;
		if (n && !strncmp(ex->items[i], rel, n) && rel[n] == '/' &&
		    !strpbrk(ex->items[i], "*?"))
			return true;
	}
	return false;
}

/* Is rel (a folder when dir) inside, or on the way to, an include path? */
static bool walk_included(const struct config *cfg, const char *rel, bool dir,
			  bool *inside)
{
	const struct strlist *in = &cfg->include;
	size_t i, n, r = strlen(rel);

	*inside = !in->len;
	for (i = 0; i < in->len; i++) {
		const char *p = in->items[i];

		while (p[0] == '.' && p[1] == '/')
			p += 2;
		n = strlen(p);
		while (n && p[n - 1] == '/')
			n--;
		if (!n ||
		    (!strncmp(p, rel, n) && (rel[n] == '/' || rel[n] == '\0')))
			*inside = true;
		else if (dir && n > r && !strncmp(p, rel, r) && p[r] == '/')
			return true;
	}
	return *inside;
}

/* Is this a file name isms reads? */
static bool walk_wanted(const char *name)
{
	const char *dot = strrchr(name, '.');

	return dot && (!strcmp(dot, ".md") || !strcmp(dot, ".markdown") ||
		       !strcmp(dot, ".csv"));
}

/* Is rel adopted as a register by the configuration? */
static bool walk_adopted(const struct config *cfg, const char *rel)
{
	size_t i;

	for (i = 0; i < cfg->nregister_files; i++)
		if (!strcmp(cfg->register_files[i].path, rel))
			return true;
	return false;
}

/* The walk's tests for one path, shared with a git tree's listing. */
bool walk_accept(const struct config *cfg, const char *rel, bool dir,
		 bool *in_include)
{
	const char *name = strrchr(rel, '/');
	bool inside, adopted;

	name = name ? name + 1 : rel;
	*in_include = false;
	if (name[0] == '.' || walk_excluded(cfg, rel))
		return false;
	if (dir)
		return walk_included(cfg, rel, true, &inside);
	if (!walk_wanted(name))
		return false;
	adopted = walk_adopted(cfg, rel);
	if (!walk_included(cfg, rel, false, &inside) && !adopted)
		return false;
	*in_include = inside || adopted;
	return true;
}

static void walk_dir(struct walker *w, const char *rel, int depth);

/* Consider one directory entry. */
static void walk_entry(struct walker *w, int dirfd, const char *rel,
		       const char *name, int depth)
{
	struct buf path = BUF_INIT;
	struct stat st;
	bool inside;

	if (name[0] == '.')
		return; /* ".", "..", ".git" and hidden entries */
	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return;
	buf_addf(&path, "%s%s%s", rel, *rel ? "/" : "", name);
	if (S_ISDIR(st.st_mode)) {
		if (walk_accept(w->cfg, path.ptr, true, &inside) &&
		    !gitread_ignored(w->git, path.ptr, true))
			walk_dir(w, path.ptr, depth + 1);
	} else if (S_ISREG(st.st_mode) &&
		   walk_accept(w->cfg, path.ptr, false, &inside) &&
		   !gitread_ignored(w->git, path.ptr, false)) {
		struct walk_list *o = w->out;

		ALLOC_GROW(o->items, o->len + 1, o->cap);
		o->items[o->len].path = buf_detach(&path);
		o->items[o->len++].in_include = inside;
	}
	buf_release(&path);
}

/* List the folder rel ("" for the root). */
static void walk_dir(struct walker *w, const char *rel, int depth)
{
	struct buf path = BUF_INIT;
	struct dirent *de;
	DIR *dir;

	if (depth > WALK_MAX_DEPTH)
		return;
	buf_addf(&path, "%s/%s", w->root, rel);
	dir = opendir(path.ptr);
	if (!dir && errno == ENOMEM)
		alloc_die();
	if (!dir) {
		findings_add(w->fs, "file-unreadable", *rel ? rel : ".",
			     (struct pos){0, 0}, "cannot open folder: %s",
			     strerror(errno));
		buf_release(&path);
		return;
	}
	while ((de = readdir(dir)))
		walk_entry(w, dirfd(dir), rel, de->d_name, depth);
	closedir(dir);
	buf_release(&path);
}

/* Order walk entries bytewise by path. */
int walk_entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct walk_entry *)a)->path,
		      ((const struct walk_entry *)b)->path);
}

void walk_repository(const char *root, const struct config *cfg,
		     const struct gitread_status *git, struct walk_list *out,
		     struct findings *fs)
{
	struct walker w = {root, cfg, git, out, fs};

	walk_dir(&w, "", 0);
	if (out->len > 1)
		qsort(out->items, out->len, sizeof(*out->items),
		      walk_entry_cmp);
}

void walk_release(struct walk_list *list)
{
	size_t i;

	for (i = 0; i < list->len; i++)
		free(list->items[i].path);
	free(list->items);
	list->items = NULL;
	list->len = list->cap = 0;
}
