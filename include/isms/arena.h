/* A region allocator: many small allocations, one release. */
#ifndef ISMS_ARENA_H
#define ISMS_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena_block;
struct arena_owned;

/*
 * Everything a repository load produces (strings, documents, rows) lives
 * in one arena and is freed by arena_release().  Pointers handed out stay
 * valid until then; nothing is freed individually.
 */
struct arena {
	struct arena_block *head;
	size_t used; /* bytes handed out, for the memory figures */
	struct arena_owned *owned; /* malloc blocks freed on release */
};

#define ARENA_INIT                                                             \
	{                                                                      \
		NULL, 0, NULL                                                  \
	}

void *arena_alloc(struct arena *a, size_t size);
void *arena_calloc(struct arena *a, size_t count, size_t size);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t len);
char *arena_printf(struct arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/*
 * Grow an arena array *items of *cap elements to hold need: a larger
 * copy is made (the old one stays until release), so use it for small,
 * rarely grown arrays such as configuration lists.
 */
void arena_grow(struct arena *a, void **items, size_t *cap, size_t need,
		size_t elem);
/*
 * Hand the malloc block ptr (of size bytes) to the arena: it is freed by
 * arena_release(), with everything else.  For large buffers built by
 * realloc and kept whole, such as the cells of a CSV table.
 */
void arena_adopt(struct arena *a, void *ptr, size_t size);
/*
 * Move everything src holds into dst; src is left empty.  What src
 * handed out stays valid until dst is released.
 */
void arena_merge(struct arena *dst, struct arena *src);
void arena_release(struct arena *a);

#define ARENA_GROW(a, items, len, cap)                                         \
	arena_grow((a), (void **)&(items), &(cap), (len), sizeof(*(items)))

#endif
