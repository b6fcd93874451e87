/* Reading one file into a document: the per-file step of a load. */
#ifndef ISMS_READER_H
#define ISMS_READER_H

#include <stdbool.h>

#include "isms/arena.h"
#include "isms/config.h"
#include "isms/document.h"
#include "isms/fileio.h"
#include "isms/finding.h"
#include "isms/walk.h"

/*
 * A place other than the disk to read a repository's files from (a git
 * tree, for isms diff).  read is file_read_at() for that place (rel is
 * relative to the root; the bytes end in a NUL); exists says whether rel
 * names a file or folder there.
 */
struct reader_files {
	int (*read)(void *data, const char *rel, size_t max,
		    struct file_data *out);
	bool (*exists)(void *data, const char *rel);
	void *data;
};

/* What every per-file read of one load shares. */
struct reader_env {
	const char *root;
	const struct config *cfg;
	bool discover;
	const struct reader_files *files; /* NULL: the disk under root */
	struct arena *arena;
	struct findings *fs;
	struct file_buf *scratch; /* where files are read, or NULL */
};

/*
 * Read root/entry->path once: check its encoding and size, split and
 * parse the front matter, type it, read the CSV rows of a register or
 * SoA (or the CSV its data: key names), and find the control and clause
 * mentions of a Markdown body.  Returns the document, or NULL when the
 * file is no document (a README without front matter, a plain CSV).
 * Everything it finds is added to fs; everything it keeps is in arena.
 * Touches nothing shared, so files can be read in parallel.
 */
struct document *reader_read(const char *root, const struct walk_entry *e,
			     const struct config *cfg, bool discover,
			     struct arena *arena, struct findings *fs);

/* reader_read() with the files of env (the disk, or env->files). */
struct document *reader_read_env(const struct reader_env *env,
				 const struct walk_entry *e);

/*
 * How many threads reader_read_all() should use for nfiles files: the
 * environment's ISMS_JOBS when it is a positive number, else the online
 * processors; at most 64 and at most one per file.
 */
unsigned reader_threads(size_t nfiles);

/*
 * Read every file of list with reader_read_env() on threads threads.
 * docs[i] gets the document of list->items[i] (or NULL); the findings
 * join env->fs in path order and everything kept joins env->arena, so
 * the result is the same for any number of threads.
 */
void reader_read_all(const struct reader_env *env, const struct walk_list *list,
		     unsigned threads, bool verbose, struct document **docs);

#endif
