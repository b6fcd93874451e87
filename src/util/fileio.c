/* Whole-file reads for the repository walk and the configuration. */
#include "isms/fileio.h"
#include "isms/alloc.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Open root/rel without following a final symbolic link. */
static int file_open(const char *root, const char *rel)
{
	char path[PATH_MAX];

	if (snprintf(path, sizeof(path), "%s/%s", root, rel) >=
	    (int)sizeof(path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
}

/* Read exactly len bytes of fd into buf; -1 on error (errno set). */
static int file_read_all(int fd, char *buf, size_t len)
{
	size_t got = 0;

	while (got < len) {
		ssize_t n = read(fd, buf + got, len - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		got += (size_t)n;
	}
	return (int)(got == len ? 0 : (errno = EIO, -1));
}

/*
 * Read the len bytes of fd into out: the first head of them, and the
 * rest only when probe (if any) accepts those.
 */
/* Point out at memory for len bytes and FILE_PAD more, as place says. */
static void file_place_data(const struct file_place *place, size_t len,
			    struct file_data *out)
{
	struct file_buf *buf = place ? place->buf : NULL;
	size_t room = place && !buf && place->room ? place->room(len) : 0;

	if (len > SIZE_MAX - FILE_PAD || room > SIZE_MAX - len - FILE_PAD)
		alloc_die();
	if (buf) {
		if (buf->cap < len + FILE_PAD) {
			free(buf->data);
			buf->cap = len + FILE_PAD > 2 * buf->cap
				       ? len + FILE_PAD
				       : 2 * buf->cap;
			buf->data = xmalloc(buf->cap);
		}
		out->data = buf->data;
		return;
	}
	/* Pages of the buffer never written cost no memory. */
	out->cap = room + len + FILE_PAD;
	out->base = xmalloc(out->cap);
	out->data = out->base + room;
}

static int file_read_body(int fd, size_t len, size_t head, file_probe_fn *probe,
			  void *arg, const struct file_place *place,
			  struct file_data *out)
{
	size_t first = probe && head < len ? head : len;

	file_place_data(place, len, out);
	if (file_read_all(fd, out->data, first) < 0)
		goto fail;
	memset(out->data + first, 0, FILE_PAD);
	out->len = first;
	if (first == len || probe(arg, out->data, first))
		return FILE_OK;
	if (file_read_all(fd, out->data + first, len - first) < 0)
		goto fail;
	memset(out->data + len, 0, FILE_PAD);
	out->len = len;
	return FILE_OK;
fail:
	out->err = errno;
	file_release(out);
	return FILE_UNREADABLE;
}

int file_read_at(const char *root, const char *rel, size_t max,
		 struct file_data *out)
{
	return file_read_probed(root, rel, max, 0, NULL, NULL, NULL, out);
}

int file_read_probed(const char *root, const char *rel, size_t max, size_t head,
		     file_probe_fn *probe, void *arg,
		     const struct file_place *place, struct file_data *out)
{
	struct stat st;
	int fd, rc = FILE_OK;

	memset(out, 0, sizeof(*out));
	fd = file_open(root, rel);
	if (fd < 0) {
		out->err = errno;
		if (errno == ENOENT)
			return FILE_MISSING;
		return errno == ELOOP ? FILE_NOT_REGULAR : FILE_UNREADABLE;
	}
	if (fstat(fd, &st) < 0) {
		out->err = errno;
		rc = FILE_UNREADABLE;
	} else if (!S_ISREG(st.st_mode)) {
		rc = FILE_NOT_REGULAR;
	} else if ((unsigned long long)st.st_size > max) {
		out->len = (size_t)st.st_size;
		rc = FILE_TOO_BIG;
	} else {
		rc = file_read_body(fd, (size_t)st.st_size, head, probe, arg,
				    place, out);
	}
	close(fd);
	return rc;
}

void file_release(struct file_data *f)
{
	free(f->base);
	f->data = f->base = NULL;
	f->len = f->cap = 0;
}

void file_buf_release(struct file_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->cap = 0;
}

const char *file_error(const struct file_data *f, int status)
{
	switch (status) {
	case FILE_MISSING: return "no such file";
	case FILE_TOO_BIG: return "file too large";
	case FILE_NOT_REGULAR: return "not a regular file";
	default: return f->err ? strerror(f->err) : "read error";
	}
}
