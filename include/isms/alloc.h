/* Allocation wrappers: every allocation in isms goes through these. */
#ifndef ISMS_ALLOC_H
#define ISMS_ALLOC_H

#include <stddef.h>
#include <stdint.h>

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

/* Print "isms: out of memory" and exit with status 2. */
_Noreturn void alloc_die(void);

/* Grow *items (of *cap elements of size elem) to hold at least need. */
void alloc_grow(void **items, size_t *cap, size_t need, size_t elem);

/* The test is inline: most calls find room and cost a compare. */
#define ALLOC_GROW(items, len, cap)                                            \
	((size_t)(len) > (cap)                                                 \
	     ? alloc_grow((void **)&(items), &(cap), (len), sizeof(*(items)))  \
	     : (void)0)

/*
 * The libraries' allocations (src/util/liballoc.c).  jansson, libgit2 and
 * the pcre2 contexts below allocate through the wrappers above, so that
 * their failures end the process like isms's own; libyaml, md4c, libcsv
 * without its realloc hook, and what libgit2 asks of zlib, mbedTLS and
 * libc report failure instead, and their callers must turn it into
 * alloc_die().
 *
 * alloc_libraries() hands the wrappers to jansson and libgit2; call it
 * once, before any other use of them (main() does).
 */
void alloc_libraries(void);

struct pcre2_real_compile_context_8;
struct pcre2_real_general_context_8;

/*
 * pcre2 contexts whose allocations go through xmalloc(): a pattern
 * compiled with the first keeps it for its JIT code and for the match
 * data of pcre2_match_data_create_from_pattern(re, NULL); give the
 * second to pcre2_match_data_create().  Made once, never freed.
 */
struct pcre2_real_compile_context_8 *alloc_pcre2_compile(void);
struct pcre2_real_general_context_8 *alloc_pcre2_general(void);

struct pcre2_real_code_8;

/*
 * One of isms's own patterns, compiled for UTF-8 that may be invalid
 * (PCRE2_UTF | PCRE2_MATCH_INVALID_UTF and options) with the context
 * above, and JIT-compiled where the platform allows.  A pattern that does
 * not compile is a bug: it aborts.  The caller keeps the code for the
 * life of the process.
 */
struct pcre2_real_code_8 *alloc_pcre2_pattern(const char *pattern,
					      uint32_t options);

/*
 * Stop with alloc_die() when errno is ENOMEM.  Clear errno before a
 * library's work and call this after it, whether it succeeded or not: a
 * library may give up on an allocation that failed without saying so,
 * or report it as another error, and only an allocation that failed
 * sets ENOMEM.
 */
void alloc_errno_check(void);

/*
 * alloc_errno_check(), and stop too when libgit2's last error is an
 * allocation failure (zlib's, or an ENOMEM from the system).  Call it
 * after a libgit2 call fails, and after a run of them, with errno and
 * the libgit2 error cleared before it.
 */
void alloc_git_check(void);

#endif
