/*
 * Allocation failure for the fault build: linked with --wrap=malloc,
 * --wrap=calloc and --wrap=realloc, so that isms's own allocations come
 * here, and with them what jansson, libgit2 and pcre2 allocate through
 * the wrappers that alloc.h hands them; not the other libraries'
 * allocations (preload.c fails those).  ISMS_FAIL_ALLOC=n makes the n-th
 * one fail (1-based); ISMS_COUNT_ALLOC=1 prints how many there were at
 * exit, on stderr.
 */
#include <stdio.h>
#include <stdlib.h>

void *__real_malloc(size_t size);
void *__real_calloc(size_t count, size_t size);
void *__real_realloc(void *ptr, size_t size);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t count, size_t size);
void *__wrap_realloc(void *ptr, size_t size);

static unsigned long fault_count, fault_at;
static int fault_ready;

/* Print the count at exit when asked. */
static void fault_report(void)
{
	fprintf(stderr, "allocations: %lu\n", fault_count);
}

/* Does this allocation fail? */
static int fault_now(void)
{
	if (!fault_ready) {
		const char *at = getenv("ISMS_FAIL_ALLOC");

		fault_ready = 1;
		fault_at = at ? strtoul(at, NULL, 10) : 0;
		if (getenv("ISMS_COUNT_ALLOC"))
			atexit(fault_report);
	}
	return ++fault_count == fault_at;
}

void *__wrap_malloc(size_t size)
{
	return fault_now() ? NULL : __real_malloc(size);
}

void *__wrap_calloc(size_t count, size_t size)
{
	return fault_now() ? NULL : __real_calloc(count, size);
}

void *__wrap_realloc(void *ptr, size_t size)
{
	return fault_now() ? NULL : __real_realloc(ptr, size);
}
