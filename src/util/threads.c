/* Running one task on several threads at once: see threads.h. */
#include "isms/threads.h"
#include "isms/alloc.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

void threads_run(unsigned n, void *(*run)(void *), void *args, size_t size)
{
	pthread_t *ids = n > 1 ? xcalloc(n, sizeof(*ids)) : NULL;
	bool *started = n > 1 ? xcalloc(n, sizeof(*started)) : NULL;
	char *at = args;
	unsigned t;

	for (t = 1; t < n; t++)
		started[t] = pthread_create(&ids[t], NULL, run,
					    at + (size_t)t * size) == 0;
	run(args);
	for (t = 1; t < n; t++)
		if (started[t])
			pthread_join(ids[t], NULL);
	free(ids);
	free(started);
}
