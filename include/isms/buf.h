/* A growable byte buffer. */
#ifndef ISMS_BUF_H
#define ISMS_BUF_H

#include <stdarg.h>
#include <stddef.h>

/*
 * Invariants: ptr is NULL only when cap is 0; otherwise ptr[len] is '\0'
 * so that ptr can be used as a C string at any time.  buf_cstr() returns
 * "" for an empty, never-allocated buffer.
 */
struct buf {
	char *ptr;
	size_t len;
	size_t cap;
};

#define BUF_INIT                                                               \
	{                                                                      \
		NULL, 0, 0                                                     \
	}

void buf_grow(struct buf *b, size_t extra);
void buf_add(struct buf *b, const void *data, size_t len);
void buf_adds(struct buf *b, const char *s);
void buf_addch(struct buf *b, char c);
void buf_addf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void buf_vaddf(struct buf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
void buf_truncate(struct buf *b, size_t len);
const char *buf_cstr(const struct buf *b);
/* Hand the bytes to the caller (who frees them) and reset the buffer. */
char *buf_detach(struct buf *b);
void buf_release(struct buf *b);

#endif
