/* The repository walk: which files are candidates for reading. */
#ifndef ISMS_WALK_H
#define ISMS_WALK_H

#include <stdbool.h>
#include <stddef.h>

#include "isms/config.h"
#include "isms/finding.h"

/* A candidate file, relative to the root. */
struct walk_entry {
	char *path;
	bool in_include; /* inside the include: paths (or no include) */
};

struct walk_list {
	struct walk_entry *items;
	size_t len;
	size_t cap;
};

struct gitread_status;

/*
 * List the .md, .markdown and .csv files under root, sorted bytewise:
 * never .git, hidden folders or files, paths git ignores (as git's
 * status says; git may be NULL), or the exclude globs; symbolic links
 * are not followed and what is not a regular file is skipped.  With
 * include: set, only files inside it (and the register files of the
 * configuration) are listed.  A folder that cannot be opened is a
 * file-unreadable finding in fs.
 */
void walk_repository(const char *root, const struct config *cfg,
		     const struct gitread_status *git, struct walk_list *out,
		     struct findings *fs);
void walk_release(struct walk_list *list);

/*
 * Would the walk enter the folder rel (when dir) or list the file rel?
 * The same tests as walk_repository() but git's ignore rules, on a path
 * relative to the root; for a file, *in_include tells whether it is
 * inside the include: paths (or a register file of the configuration).
 */
bool walk_accept(const struct config *cfg, const char *rel, bool dir,
		 bool *in_include);

/* The order of the walk: bytewise by path. */
int walk_entry_cmp(const void *a, const void *b);

/*
 * Match path against a glob: a star or "?" stays within one folder
 * name; a double star crosses folders.
 */
bool walk_glob_match(const char *glob, const char *path);

#endif
