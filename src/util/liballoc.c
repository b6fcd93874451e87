/*
 * The libraries' allocations: the wrappers of alloc.c handed to the
 * libraries that take an allocator, and the test that tells libgit2's
 * out-of-memory errors from its others.
 *
 * Why the libraries stop the process rather than report: an allocation
 * failure deep in libgit2 1.5 is not always survivable there (its
 * configuration parser frees what it never allocated when one fails),
 * and what jansson or pcre2 return instead (a NULL value, a failed match)
 * would come out as missing data.  Dying in the allocator, as isms's own
 * code does, is the one answer that holds everywhere.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "isms/alloc.h"

#include <errno.h>
#include <git2.h>
#include <git2/sys/alloc.h>
#include <jansson.h>
#include <pcre2.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pcre2_general_context *liballoc_general;
static pcre2_compile_context *liballoc_compile;
static pthread_once_t liballoc_pcre2_once = PTHREAD_ONCE_INIT;

/* libgit2's malloc. */
static void *liballoc_git_malloc(size_t n, const char *file, int line)
{
	(void)file;
	(void)line;
	return xmalloc(n);
}

/* libgit2's calloc. */
static void *liballoc_git_calloc(size_t count, size_t size, const char *file,
				 int line)
{
	(void)file;
	(void)line;
	return xcalloc(count, size);
}

/* libgit2's strdup. */
static char *liballoc_git_strdup(const char *s, const char *file, int line)
{
	(void)file;
	(void)line;
	return xstrdup(s);
}

/* libgit2's strndup: at most n bytes of s, fewer at its NUL. */
static char *liballoc_git_strndup(const char *s, size_t n, const char *file,
				  int line)
{
	(void)file;
	(void)line;
	return xstrndup(s, strnlen(s, n));
}

/* libgit2's substrdup: exactly n bytes of s. */
static char *liballoc_git_substrdup(const char *s, size_t n, const char *file,
				    int line)
{
	(void)file;
	(void)line;
	return xstrndup(s, n);
}

/* libgit2's realloc. */
static void *liballoc_git_realloc(void *ptr, size_t size, const char *file,
				  int line)
{
	(void)file;
	(void)line;
	return xrealloc(ptr, size);
}

/* libgit2's reallocarray, with the overflow check of xreallocarray(). */
static void *liballoc_git_reallocarray(void *ptr, size_t count, size_t size,
				       const char *file, int line)
{
	(void)file;
	(void)line;
	return xreallocarray(ptr, count, size);
}

/* libgit2's mallocarray. */
static void *liballoc_git_mallocarray(size_t count, size_t size,
				      const char *file, int line)
{
	(void)file;
	(void)line;
	return xreallocarray(NULL, count, size);
}

/* jansson's malloc: it asks for 0 bytes only to be told NULL. */
static void *liballoc_json_malloc(size_t size)
{
	return size ? xmalloc(size) : NULL;
}

/* Hand the wrappers to jansson and libgit2; see alloc.h. */
void alloc_libraries(void)
{
	git_allocator git = {
	    liballoc_git_malloc,
	    liballoc_git_calloc,
	    liballoc_git_strdup,
	    liballoc_git_strndup,
	    liballoc_git_substrdup,
	    liballoc_git_realloc,
	    liballoc_git_reallocarray,
	    liballoc_git_mallocarray,
	    free,
	};

	json_set_alloc_funcs(liballoc_json_malloc, free);
	/* Before git_libgit2_init(), which keeps an allocator already set. */
	git_libgit2_opts(GIT_OPT_SET_ALLOCATOR, &git);
}

/* pcre2's malloc. */
static void *liballoc_pcre2_malloc(PCRE2_SIZE size, void *data)
{
	(void)data;
	return xmalloc(size);
}

/* pcre2's free. */
static void liballoc_pcre2_free(void *ptr, void *data)
{
	(void)data;
	free(ptr);
}

/* Make the two pcre2 contexts; run once, through pthread_once. */
static void liballoc_pcre2_init(void)
{
	liballoc_general = pcre2_general_context_create(
	    liballoc_pcre2_malloc, liballoc_pcre2_free, NULL);
	liballoc_compile = pcre2_compile_context_create(liballoc_general);
	if (!liballoc_general || !liballoc_compile)
		alloc_die();
}

/* The compile context; see alloc.h. */
pcre2_compile_context *alloc_pcre2_compile(void)
{
	pthread_once(&liballoc_pcre2_once, liballoc_pcre2_init);
	return liballoc_compile;
}

/* The general context; see alloc.h. */
pcre2_general_context *alloc_pcre2_general(void)
{
	pthread_once(&liballoc_pcre2_once, liballoc_pcre2_init);
	return liballoc_general;
}

/* Compile one of isms's own patterns; see alloc.h. */
pcre2_code *alloc_pcre2_pattern(const char *pattern, uint32_t options)
{
	PCRE2_SIZE erroff;
	int err;
	pcre2_code *re =
	    pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
			  options | PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &err,
			  &erroff, alloc_pcre2_compile());

	if (!re) { /* memory ran out in xmalloc(): the pattern is wrong */
		fprintf(stderr, "isms: bug: pattern error %d at %zu\n", err,
			(size_t)erroff);
		abort();
	}
	/* Without JIT, pcre2_match interprets: slower, same result. */
	(void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	return re;
}

/* Stop when errno says an allocation failed; see alloc.h. */
void alloc_errno_check(void)
{
	if (errno == ENOMEM)
		alloc_die();
}

/* Stop when libgit2 or errno says an allocation failed; see alloc.h. */
void alloc_git_check(void)
{
	const git_error *e;

	alloc_errno_check();
	e = git_error_last();
	if (!e)
		return;
	/* zlib's Z_MEM_ERROR comes as GIT_ERROR_NOMEMORY too. */
	if (e->klass == GIT_ERROR_NOMEMORY)
		alloc_die();
	/* libgit2 ends an OS error's message with strerror(errno). */
	if (e->klass == GIT_ERROR_OS && e->message &&
	    strstr(e->message, strerror(ENOMEM)))
		alloc_die();
}
