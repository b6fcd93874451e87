/*
 * Reading every file of a load on a pool of threads.  Each worker takes
 * the next file by an atomic counter and reads it into an arena of its
 * own, with a finding list per file.  Once all are read, the findings
 * join the load's list in path order and the arenas join its arena, so
 * what comes out does not depend on the number of threads or on which
 * thread read which file.
 */
#include "isms/reader.h"
#include "isms/alloc.h"
#include "isms/threads.h"

#include <malloc.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * Buffers from this size up (file bytes, a table's cells) are mapped
 * on their own, so that what one thread frees goes back to the system
 * instead of staying in that thread's malloc arena.
 */
#define READ_MMAP_FROM (256 * 1024)

/* Most threads a load starts, whatever the machine or ISMS_JOBS says. */
#define READ_MAX_THREADS 64

/* What the workers of one load share. */
struct read_pool {
	const struct reader_env *env;
	const struct walk_list *list;
	struct document **docs; /* [list->len]: a file's document or NULL */
	struct findings *fs;	/* [list->len]: a file's findings */
	size_t *order;		/* [list->len]: files in the order taken */
	atomic_size_t next;	/* the next file to take, in order */
	bool verbose;
};

/* One worker: the pool it takes files from and the arena it reads into. */
struct read_worker {
	struct read_pool *pool;
	struct arena arena;
};

/* Take files until none is left; read each into the worker's arena. */
static void *read_worker_run(void *arg)
{
	struct read_worker *w = arg;
	struct read_pool *p = w->pool;
	struct reader_env env = *p->env;
	struct file_buf scratch = {NULL, 0};
	size_t i;

	env.arena = &w->arena;
	env.scratch = &scratch;
	for (;;) {
		size_t k = atomic_fetch_add(&p->next, 1);

		if (k >= p->list->len)
			break;
		if (p->verbose && k && k % 1000 == 0)
			fprintf(stderr, "isms: reading file %zu of %zu\n", k,
				p->list->len);
		i = p->order[k];
		findings_init(&p->fs[i], &w->arena);
		env.fs = &p->fs[i];
		p->docs[i] = reader_read_env(&env, &p->list->items[i]);
	}
	file_buf_release(&scratch);
	return NULL;
}

unsigned reader_threads(size_t nfiles)
{
	const char *jobs = getenv("ISMS_JOBS");
	long n = 0;

	if (jobs && *jobs) {
		char *end;

		n = strtol(jobs, &end, 10);
		if (*end || n < 1)
			n = 0;
	}
	if (!n)
		n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1)
		n = 1;
	if (n > READ_MAX_THREADS)
		n = READ_MAX_THREADS;
	if ((size_t)n > nfiles)
		n = nfiles ? (long)nfiles : 1;
	return (unsigned)n;
}

/* Does path end in ".csv"? */
static bool read_is_csv(const char *path)
{
	size_t n = strlen(path);

	return n >= 4 && !strcmp(path + n - 4, ".csv");
}

/*
 * The order in which the files are taken: the CSV files first, as they
 * hold the registers and are the long reads, so that the many short
 * Markdown reads fill the end and no thread is left with a long one.
 */
static size_t *read_order(const struct walk_list *list)
{
	size_t *order = xcalloc(list->len ? list->len : 1, sizeof(*order));
	size_t i, n = 0;

	for (i = 0; i < list->len; i++)
		if (read_is_csv(list->items[i].path))
			order[n++] = i;
	for (i = 0; i < list->len; i++)
		if (!read_is_csv(list->items[i].path))
			order[n++] = i;
	return order;
}

void reader_read_all(const struct reader_env *env, const struct walk_list *list,
		     unsigned threads, bool verbose, struct document **docs)
{
	struct read_pool pool = {env, list, docs, NULL, NULL, 0, verbose};
	struct read_worker *w;
	size_t i;
	unsigned t;

	if (!threads)
		threads = 1;
#ifdef M_MMAP_THRESHOLD
	/* A fixed threshold: glibc would otherwise raise it as files go. */
	mallopt(M_MMAP_THRESHOLD, READ_MMAP_FROM);
#endif
	pool.fs = xcalloc(list->len ? list->len : 1, sizeof(*pool.fs));
	pool.order = read_order(list);
	w = xcalloc(threads, sizeof(*w));
	for (t = 0; t < threads; t++)
		w[t].pool = &pool;
	threads_run(threads, read_worker_run, w, sizeof(*w));

	for (i = 0; i < list->len; i++) {
		findings_append(env->fs, &pool.fs[i]);
		findings_release(&pool.fs[i]);
	}
	for (t = 0; t < threads; t++)
		arena_merge(env->arena, &w[t].arena);
	free(pool.fs);
	free(pool.order);
	free(w);
}
