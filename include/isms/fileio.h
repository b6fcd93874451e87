/* Reading whole files, with a size cap, never through a symbolic link. */
#ifndef ISMS_FILEIO_H
#define ISMS_FILEIO_H

#include <stddef.h>

enum file_status {
	FILE_OK,
	FILE_MISSING,
	FILE_UNREADABLE,	/* open or read failed: see err */
	FILE_TOO_BIG,		/* larger than the cap: len is its size */
	FILE_NOT_REGULAR,	/* a link, folder, FIFO or device */
};

/* A file's bytes (NUL-terminated for convenience; len excludes it). */
struct file_data {
	char *data;
	size_t len;
	int err;	/* errno for FILE_UNREADABLE */
};

/*
 * Read root/rel into out, at most max bytes.  Returns an enum
 * file_status; out->data is set only for FILE_OK and must then be given
 * back with file_release().
 */
int file_read_at(const char *root, const char *rel, size_t max,
		 struct file_data *out);
void file_release(struct file_data *f);
/* A lowercase description of a failed read. */
const char *file_error(const struct file_data *f, int status);

#endif
