/* Running one task on several threads at once. */
#ifndef ISMS_THREADS_H
#define ISMS_THREADS_H

#include <stddef.h>

/*
 * Call run(args + t * size) for t from 0 to n - 1 at once: t = 0 on the
 * caller's thread, each other on a thread of its own, and return when
 * all have.  A thread that cannot be started is left out, so run must
 * take its work from what the calls share (a counter), never count on
 * a given t doing any.  size 0 gives every call the same args.
 */
void threads_run(unsigned n, void *(*run)(void *), void *args, size_t size);

#endif
