/* Allocation wrappers that stop the program cleanly when memory runs out. */
#include "isms/alloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Report exhaustion and stop; see the header for why this may exit. */
void alloc_die(void)
{
	fputs("isms: out of memory\n", stderr);
	exit(2);
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		alloc_die();
	return p;
}

void *xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);

	if (!p)
		alloc_die();
	return p;
}

void *xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);

	if (!p)
		alloc_die();
	return p;
}

void *xreallocarray(void *ptr, size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size)
		alloc_die();
	return xrealloc(ptr, count * size);
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t len)
{
	char *p = xmalloc(len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

void alloc_grow(void **items, size_t *cap, size_t need, size_t elem)
{
	size_t n = *cap;

	if (need <= n)
		return;
	n = n < 8 ? 8 : n;
	while (n < need) {
		if (n > SIZE_MAX / 2)
			alloc_die();
		n *= 2;
	}
	*items = xreallocarray(*items, n, elem);
	*cap = n;
}
