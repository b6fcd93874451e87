/*
 * Run a command and say what it cost, without GNU time.
 *
 *   measure [-o FILE] COMMAND [ARG...]
 *
 * Writes one line "WALL CPU RSS STATUS" to FILE (standard error when no
 * -o): wall time and user plus system CPU time in seconds, the peak
 * resident set in KiB, and the exit status (128 + N for signal N).
 * wait4() reports the child's own peak and those of the children it
 * waited for, so `measure timeout 60 isms` gives isms's.  The command's
 * own output is left alone; measure exits with its status.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Seconds from a to b. */
static double measure_elapsed(const struct timespec *a,
			      const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) +
	       (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

/* Seconds in a struct timeval. */
static double measure_tv(const struct timeval *tv)
{
	return (double)tv->tv_sec + (double)tv->tv_usec / 1e6;
}

int main(int argc, char **argv)
{
	const char *out = NULL;
	struct timespec t0, t1;
	struct rusage ru;
	int status, code;
	FILE *f = stderr;
	pid_t pid;

	if (argc > 2 && !strcmp(argv[1], "-o")) {
		out = argv[2];
		argv += 2;
		argc -= 2;
	}
	if (argc < 2) {
		fputs("usage: measure [-o FILE] COMMAND [ARG...]\n", stderr);
		return 125;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid < 0) {
		perror("measure: fork");
		return 125;
	}
	if (pid == 0) {
		execvp(argv[1], argv + 1);
		fprintf(stderr, "measure: cannot run '%s': %s\n", argv[1],
			strerror(errno));
		_exit(127);
	}
	while (wait4(pid, &status, 0, &ru) < 0)
		if (errno != EINTR) {
			perror("measure: wait4");
			return 125;
		}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	code = WIFEXITED(status) ? WEXITSTATUS(status)
				 : 128 + WTERMSIG(status);
	if (out && !(f = fopen(out, "w"))) {
		fprintf(stderr, "measure: cannot write '%s'\n", out);
		return 125;
	}
	fprintf(f, "%.3f %.3f %ld %d\n", measure_elapsed(&t0, &t1),
		measure_tv(&ru.ru_utime) + measure_tv(&ru.ru_stime),
		ru.ru_maxrss, code);
	if (out && fclose(f))
		return 125;
	return code;
}
