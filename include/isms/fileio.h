/* Reading whole files, with a size cap, never through a symbolic link. */
#ifndef ISMS_FILEIO_H
#define ISMS_FILEIO_H

#include <stdbool.h>
#include <stddef.h>

enum file_status {
	FILE_OK,
	FILE_MISSING,
	FILE_UNREADABLE,  /* open or read failed: see err */
	FILE_TOO_BIG,	  /* larger than the cap: len is its size */
	FILE_NOT_REGULAR, /* a link, folder, FIFO or device */
};

/*
 * Zero bytes after a file's data: a NUL for convenience, and defined
 * bytes for pcre2's JIT, which looks for a pattern's first byte sixteen
 * bytes at a time and may read that far past the end of its subject.
 */
#define FILE_PAD 16

/* A file's bytes, then FILE_PAD zero bytes (len excludes them). */
struct file_data {
	char *data;
	size_t len;
	int err; /* errno for FILE_UNREADABLE */
	/*
	 * The memory that holds data, which file_release() frees: data
	 * itself, or a block with room before it (file_place), or NULL when
	 * the memory is a file_buf's or a taker's (who set it to NULL).
	 */
	char *base;
	size_t cap; /* bytes at base */
};

/*
 * Memory that one reader's files are read into one after the other, so
 * that its pages are faulted in once, not once per file (a fresh page
 * costs more than reading into it).  Zero-initialise it; it grows to
 * the largest file read and is freed with file_buf_release().  Each file
 * read into it is gone once the next one is read.
 */
struct file_buf {
	char *data;
	size_t cap;
};

void file_buf_release(struct file_buf *b);

/*
 * Where file_read_probed() puts a file's bytes: into buf, reused; or,
 * with room set, into memory of their own with room(len) bytes free
 * before them, for a reader that writes what it makes of the bytes over
 * them (see csv_room()); neither: memory of their own.
 */
struct file_place {
	struct file_buf *buf;
	size_t (*room)(size_t len);
};

/*
 * Read root/rel into out, at most max bytes.  Returns an enum
 * file_status; out->data is set only for FILE_OK and must then be given
 * back with file_release().
 */
int file_read_at(const char *root, const char *rel, size_t max,
		 struct file_data *out);
/*
 * Tells from the first len bytes of a file whether the rest is wanted:
 * true rejects the file.
 */
typedef bool file_probe_fn(void *arg, const char *data, size_t len);
/*
 * file_read_at(), but a file longer than head bytes is read in two
 * steps: when probe(arg, ...) rejects its first head bytes, out holds
 * only those (FILE_OK, len head) and the rest is never read, so that a
 * huge file that is no text costs one page.  place (or NULL) says where
 * the bytes go.
 */
int file_read_probed(const char *root, const char *rel, size_t max, size_t head,
		     file_probe_fn *probe, void *arg,
		     const struct file_place *place, struct file_data *out);
void file_release(struct file_data *f);
/* A lowercase description of a failed read. */
const char *file_error(const struct file_data *f, int status);

#endif
