/* Unit tests of atomic writes: replace, refuse, abort, and a killed write. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "isms/atomic.h"

static char dir[] = "/tmp/isms-atomic-XXXXXX";
static char target[64];

/* The whole content of path, or "" (static buffer). */
static const char *slurp(const char *path)
{
	static char text[256];
	FILE *f = fopen(path, "r");
	size_t n;

	text[0] = '\0';
	if (!f)
		return text;
	n = fread(text, 1, sizeof(text) - 1, f);
	text[n] = '\0';
	fclose(f);
	return text;
}

/* How many entries the folder holds (temporary files left behind?). */
static int entries(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	while ((e = readdir(d)))
		n += e->d_name[0] != '.' || strlen(e->d_name) > 2;
	closedir(d);
	return n;
}

/* Write text to target through the helper. */
static int put(const char *text, bool force)
{
	struct atomic_file af;

	if (atomic_open(&af, target, force) < 0)
		return -1;
	fputs(text, af.fp);
	return atomic_commit(&af);
}

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(dir))
		return -1;
	snprintf(target, sizeof(target), "%s/out.txt", dir);
	return 0;
}

/* Empty the folder (a killed writer leaves its temporary file) and go. */
static int teardown(void **state)
{
	char path[600];
	struct dirent *e;
	DIR *d = opendir(dir);

	(void)state;
	while (d && (e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (unlink(path) < 0)
			rmdir(path);
	}
	if (d)
		closedir(d);
	return rmdir(dir);
}

static void test_write_refuse_replace(void **state)
{
	(void)state;
	assert_int_equal(put("first", false), 0);
	assert_string_equal(slurp(target), "first");
	assert_int_equal(put("second", false), -1); /* no --force */
	assert_string_equal(slurp(target), "first");
	assert_int_equal(put("third", true), 0);
	assert_string_equal(slurp(target), "third");
	assert_int_equal(entries(), 1); /* no temporary file left */
}

static void test_abort_keeps_old(void **state)
{
	struct atomic_file af;

	(void)state;
	assert_int_equal(atomic_open(&af, target, true), 0);
	fputs("half of a new", af.fp);
	atomic_abort(&af);
	assert_string_equal(slurp(target), "third");
	assert_int_equal(entries(), 1);
}

/* A writer killed before it commits leaves the old file as it was. */
static void test_killed_write(void **state)
{
	int fds[2], status;
	char ready;
	pid_t pid;

	(void)state;
	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct atomic_file af;

		if (atomic_open(&af, target, true) < 0)
			_exit(1);
		fputs("a new text that never lands", af.fp);
		fflush(af.fp);
		if (write(fds[1], "x", 1) != 1)
			_exit(1);
		pause(); /* killed here, mid-write */
		_exit(0);
	}
	assert_int_equal(read(fds[0], &ready, 1), 1);
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	assert_true(WIFSIGNALED(status));
	assert_string_equal(slurp(target), "third");
	assert_int_equal(entries(), 2); /* the file and the killed temp */
	close(fds[0]);
	close(fds[1]);
}

/* A folder (or device, or link) is never replaced, even with force. */
static void test_not_regular(void **state)
{
	struct atomic_file af;
	char sub[80];

	(void)state;
	snprintf(sub, sizeof(sub), "%s/sub", dir);
	assert_int_equal(mkdir(sub, 0755), 0);
	assert_int_equal(atomic_open(&af, sub, true), -1);
	assert_int_equal(atomic_open(&af, "/dev/null", true), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_write_refuse_replace),
	    cmocka_unit_test(test_abort_keeps_old),
	    cmocka_unit_test(test_killed_write),
	    cmocka_unit_test(test_not_regular),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
