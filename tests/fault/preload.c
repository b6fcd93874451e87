/*
 * Allocation failure for the whole process, libraries included: built
 * as a shared object and loaded with LD_PRELOAD, it takes the place of
 * malloc, calloc, realloc, reallocarray and the aligned allocators for
 * isms, libyaml, libcsv, pcre2, md4c, jansson, libxlsxwriter, libgit2
 * (and zlib, mbedTLS below it) and glibc's own callers (strdup, fopen,
 * opendir, realpath, stdio buffers).  Each call forwards to glibc's
 * __libc_* entry points, so nothing needs dlsym before it can allocate.
 *
 * Counting starts when main() is entered, not before: what the loader
 * and the libraries' constructors allocate is no part of isms's run.
 * Only a program named isms counts, so that a launcher in between (a
 * shell, valgrind) runs as usual.
 *
 *   ISMS_FAIL_ALLOC=n   the n-th allocation from main on fails (1-based)
 *   ISMS_COUNT_ALLOC=1  print "allocations: N" on stderr at exit
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void *__libc_malloc(size_t size);
void *__libc_calloc(size_t count, size_t size);
void *__libc_realloc(void *ptr, size_t size);
void *__libc_memalign(size_t align, size_t size);
void *__libc_valloc(size_t size);
void *__libc_pvalloc(size_t size);

void *malloc(size_t size);
void *calloc(size_t count, size_t size);
void *realloc(void *ptr, size_t size);
void *reallocarray(void *ptr, size_t count, size_t size);
void *memalign(size_t align, size_t size);
void *aligned_alloc(size_t align, size_t size);
int posix_memalign(void **out, size_t align, size_t size);
void *valloc(size_t size);
void *pvalloc(size_t size);
void fault_hit(unsigned long n);

typedef int (*main_fn)(int, char **, char **);
typedef int (*start_fn)(main_fn, int, char **, void (*)(void), void (*)(void),
			void (*)(void), void *);

static unsigned long fault_count, fault_at;
static int fault_armed, fault_counting;
static main_fn fault_real_main;

/* Does this allocation fail?  Only counted once main() has begun. */
static int fault_now(void)
{
	unsigned long n;

	if (!fault_armed)
		return 0;
	n = __atomic_add_fetch(&fault_count, 1, __ATOMIC_RELAXED);
	if (n != fault_at)
		return 0;
	fault_hit(n);
	errno = ENOMEM;
	return 1;
}

/* Called when an allocation is failed: a place for a debugger to stop. */
__attribute__((noinline)) void fault_hit(unsigned long n)
{
	__asm__ volatile("" : : "r"(n) : "memory");
}

/* Write the count to standard error without allocating. */
static void fault_report(void)
{
	char text[64], digits[24];
	size_t len = 0, d = 0;
	unsigned long n = fault_count;

	do
		digits[d++] = (char)('0' + n % 10);
	while ((n /= 10) && d < sizeof(digits));
	memcpy(text, "allocations: ", 13);
	len = 13;
	while (d)
		text[len++] = digits[--d];
	text[len++] = '\n';
	if (write(STDERR_FILENO, text, len) < 0)
		return;
}

/* At unload, after exit() has run isms's handlers: the count. */
__attribute__((destructor)) static void fault_fini(void)
{
	if (fault_counting)
		fault_report();
}

/* Is this program isms?  Others (valgrind's launcher, a shell) are not. */
static int fault_is_isms(const char *argv0)
{
	const char *name = argv0 ? strrchr(argv0, '/') : NULL;

	name = name ? name + 1 : argv0;
	return name && !strcmp(name, "isms");
}

/* main() with counting turned on first, in isms only. */
static int fault_main(int argc, char **argv, char **envp)
{
	const char *at = getenv("ISMS_FAIL_ALLOC");
	const char *count = getenv("ISMS_COUNT_ALLOC");

	if (fault_is_isms(argc ? argv[0] : NULL)) {
		fault_at = at ? strtoul(at, NULL, 10) : 0;
		fault_counting = count && *count && *count != '0';
		fault_armed = 1;
	}
	return fault_real_main(argc, argv, envp);
}

/* glibc's start-up, handed fault_main() in place of the program's main. */
int __libc_start_main(main_fn main, int argc, char **argv, void (*init)(void),
		      void (*fini)(void), void (*rtld_fini)(void),
		      void *stack_end)
{
	start_fn real = (start_fn)dlsym(RTLD_NEXT, "__libc_start_main");

	fault_real_main = main;
	return real(fault_main, argc, argv, init, fini, rtld_fini, stack_end);
}

/* The allocators below: glibc's, unless this is the one to fail. */
void *malloc(size_t size)
{
	return fault_now() ? NULL : __libc_malloc(size);
}

/* calloc(), counted. */
void *calloc(size_t count, size_t size)
{
	return fault_now() ? NULL : __libc_calloc(count, size);
}

/* realloc(), counted unless it only frees. */
void *realloc(void *ptr, size_t size)
{
	/* realloc(p, 0) frees and allocates nothing: never a failure. */
	if (ptr && !size)
		return __libc_realloc(ptr, size);
	return fault_now() ? NULL : __libc_realloc(ptr, size);
}

/* glibc's own calls __libc_realloc() directly: through realloc() here. */
void *reallocarray(void *ptr, size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size) {
		errno = ENOMEM;
		return NULL;
	}
	return realloc(ptr, count * size);
}

/* memalign(), counted; the aligned allocators below come here. */
void *memalign(size_t align, size_t size)
{
	return fault_now() ? NULL : __libc_memalign(align, size);
}

/* aligned_alloc(), through memalign(). */
void *aligned_alloc(size_t align, size_t size)
{
	return memalign(align, size);
}

/* posix_memalign(), through memalign(). */
int posix_memalign(void **out, size_t align, size_t size)
{
	void *p;

	if (!align || align % sizeof(void *) || (align & (align - 1)))
		return EINVAL;
	p = memalign(align, size);
	if (!p)
		return ENOMEM;
	*out = p;
	return 0;
}

/* valloc(), counted. */
void *valloc(size_t size)
{
	return fault_now() ? NULL : __libc_valloc(size);
}

/* pvalloc(), counted. */
void *pvalloc(size_t size)
{
	return fault_now() ? NULL : __libc_pvalloc(size);
}
