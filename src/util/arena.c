/* The region allocator of arena.h. */
#include "isms/arena.h"
#include "isms/alloc.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Blocks start at 64 KiB; a larger request gets a block of its own. */
#define ARENA_BLOCK 65536

struct arena_block {
	struct arena_block *next;
	size_t size;
	size_t used;
	alignas(max_align_t) unsigned char data[];
};

/* Link a new block of at least size usable bytes in front of the list. */
static struct arena_block *arena_new_block(struct arena *a, size_t size)
{
	struct arena_block *b;

	if (size > SIZE_MAX - sizeof(*b))
		size = SIZE_MAX - sizeof(*b); /* xmalloc then fails */
	b = xmalloc(sizeof(*b) + size);
	b->next = a->head;
	b->size = size;
	b->used = 0;
	a->head = b;
	return b;
}

/*
 * Take size bytes at a multiple of align (a power of two) from the head
 * block, or from a new one.  Strings ask for 1, so that they pack.
 */
static void *arena_take(struct arena *a, size_t size, size_t align)
{
	struct arena_block *b = a->head;
	size_t at = 0;

	size = size ? size : 1;
	if (size > SIZE_MAX / 2)
		size = SIZE_MAX / 2; /* xmalloc then fails */
	if (b)
		at = (b->used + align - 1) & ~(align - 1);
	if (!b || at > b->size || b->size - at < size) {
		b = arena_new_block(a, size > ARENA_BLOCK / 4 ? size
							      : ARENA_BLOCK);
		at = 0;
	}
	b->used = at + size;
	a->used += size;
	return b->data + at;
}

void *arena_alloc(struct arena *a, size_t size)
{
	return arena_take(a, size, alignof(max_align_t));
}

void *arena_calloc(struct arena *a, size_t count, size_t size)
{
	void *p;

	if (size && count > SIZE_MAX / size)
		count = SIZE_MAX / size; /* arena_alloc then fails */
	p = arena_alloc(a, count * size);
	memset(p, 0, count * size);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t len)
{
	char *p = arena_take(a, len + 1, 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
	va_list cp;
	char *p;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return arena_strdup(a, "");
	p = arena_take(a, (size_t)n + 1, 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

void arena_grow(struct arena *a, void **items, size_t *cap, size_t need,
		size_t elem)
{
	size_t n = *cap < 4 ? 4 : *cap;
	void *p;

	if (need <= *cap)
		return;
	while (n < need)
		n *= 2;
	p = arena_calloc(a, n, elem);
	if (*cap)
		memcpy(p, *items, *cap * elem);
	*items = p;
	*cap = n;
}

/* A malloc block the arena frees on release (see arena_adopt). */
struct arena_owned {
	struct arena_owned *next;
	void *ptr;
};

void arena_adopt(struct arena *a, void *ptr, size_t size)
{
	struct arena_owned *o = arena_alloc(a, sizeof(*o));

	o->ptr = ptr;
	o->next = a->owned;
	a->owned = o;
	a->used += size;
}

void arena_merge(struct arena *dst, struct arena *src)
{
	struct arena_block *tail = src->head;
	struct arena_owned *otail = src->owned;

	/* dst's head stays in front: it is the block still being filled. */
	if (tail) {
		while (tail->next)
			tail = tail->next;
		if (dst->head) {
			tail->next = dst->head->next;
			dst->head->next = src->head;
		} else {
			dst->head = src->head;
		}
	}
	if (otail) {
		while (otail->next)
			otail = otail->next;
		otail->next = dst->owned;
		dst->owned = src->owned;
	}
	dst->used += src->used;
	src->head = NULL;
	src->owned = NULL;
	src->used = 0;
}

void arena_release(struct arena *a)
{
	struct arena_block *b = a->head;
	struct arena_owned *o;

	/* The list lives in the blocks: free what it names first. */
	for (o = a->owned; o; o = o->next)
		free(o->ptr);
	a->owned = NULL;
	while (b) {
		struct arena_block *next = b->next;

		free(b);
		b = next;
	}
	a->head = NULL;
	a->used = 0;
}
