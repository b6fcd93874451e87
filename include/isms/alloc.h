/* Allocation wrappers: every allocation in isms goes through these. */
#ifndef ISMS_ALLOC_H
#define ISMS_ALLOC_H

#include <stddef.h>

/*
 * On failure these print "isms: out of memory" and exit with status 2:
 * the one place outside main() that ends the process, because no caller
 * could do anything useful without memory.  Multiplications are checked
 * for overflow.
 */
void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
void *xreallocarray(void *ptr, size_t count, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t len);

/* Grow *items (of *cap elements of size elem) to hold at least need. */
void alloc_grow(void **items, size_t *cap, size_t need, size_t elem);

#define ALLOC_GROW(items, len, cap)                                            \
	alloc_grow((void **)&(items), &(cap), (len), sizeof(*(items)))

#endif
