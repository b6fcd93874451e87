/* Atomic writes: a temporary file beside the target, renamed into place. */
#ifndef ISMS_ATOMIC_H
#define ISMS_ATOMIC_H

#include <stdbool.h>
#include <stdio.h>

/*
 * Every file isms writes goes through this: the bytes go to a temporary
 * file in the target's folder, are flushed to disk, and only then take
 * the target's name, so a reader sees the old file or the new one, never
 * half of one.  Without force an existing target is never replaced, not
 * even one that appears while the file is written.  A writer killed
 * before it commits leaves the old file as it was and, beside it, its
 * hidden temporary file ".<name>.isms-XXXXXX", which is safe to delete.
 */
struct atomic_file {
	char *target;
	char *temp; /* the temporary file's path */
	FILE *fp;   /* open on temp; NULL for atomic_reserve() */
	bool force;
};

/*
 * Start writing target.  Returns 0, or -1 with errno set and nothing
 * created: EEXIST when the target exists and force is false, EINVAL when
 * it exists and is not a regular file (a device, a folder, a link), which
 * is never replaced.
 */
int atomic_open(struct atomic_file *af, const char *target, bool force);
/*
 * Like atomic_open() but for a library that writes the file by name
 * itself (libxlsxwriter): af->temp is created empty and closed; write to
 * that path, then call atomic_commit().
 */
int atomic_reserve(struct atomic_file *af, const char *target, bool force);
/*
 * Flush, sync and move the temporary file into place.  Returns 0, or -1
 * with errno set; either way af is released and the temporary file is
 * gone.
 */
int atomic_commit(struct atomic_file *af);
/* Give up: remove the temporary file and release af. */
void atomic_abort(struct atomic_file *af);

#endif
