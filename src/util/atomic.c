/* Atomic writes: temporary file, fsync, rename (or link without force). */
#include "isms/atomic.h"
#include "isms/alloc.h"
#include "isms/buf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * The temporary files written now, which atomic_exit() removes when isms
 * stops before their commit or abort: out of memory, alloc_die() exits
 * from anywhere.  isms writes one or two files at a time; a ninth would
 * go untracked and stay behind, as after a kill.
 */
static char *atomic_live[8];
static bool atomic_hooked;

/* At exit: remove the temporary files never committed nor given up. */
static void atomic_exit(void)
{
	size_t i;

	for (i = 0; i < sizeof(atomic_live) / sizeof(*atomic_live); i++)
		if (atomic_live[i])
			unlink(atomic_live[i]);
}

/* Start (on) or stop tracking the temporary file temp; no allocation. */
static void atomic_track(char *temp, bool on)
{
	size_t i;

	if (!atomic_hooked)
		atomic_hooked = atexit(atomic_exit) == 0;
	for (i = 0; i < sizeof(atomic_live) / sizeof(*atomic_live); i++) {
		if (atomic_live[i] == (on ? NULL : temp)) {
			atomic_live[i] = on ? temp : NULL;
			return;
		}
	}
}

/* "dir/.name.isms-XXXXXX" beside target, as mkstemp wants it. */
static char *atomic_template(const char *target)
{
	const char *slash = strrchr(target, '/');
	struct buf b = BUF_INIT;

	if (slash)
		buf_add(&b, target, (size_t)(slash - target) + 1);
	buf_addf(&b, ".%s.isms-XXXXXX", slash ? slash + 1 : target);
	return buf_detach(&b);
}

/* Create the temporary file; returns its descriptor or -1. */
static int atomic_create(struct atomic_file *af, const char *target, bool force)
{
	struct stat st;
	int fd;

	memset(af, 0, sizeof(*af));
	if (lstat(target, &st) == 0) {
		/* Never put a file in place of a device, folder or link. */
		errno = !S_ISREG(st.st_mode) ? EINVAL : !force ? EEXIST : 0;
		if (errno)
			return -1;
	}
	af->temp = atomic_template(target);
	fd = mkstemp(af->temp);
	if (fd < 0) {
		int err = errno;

		free(af->temp);
		af->temp = NULL;
		errno = err;
		return -1;
	}
	atomic_track(af->temp, true);
	fchmod(fd, 0644);
	af->target = xstrdup(target);
	af->force = force;
	return fd;
}

int atomic_open(struct atomic_file *af, const char *target, bool force)
{
	int fd = atomic_create(af, target, force);

	if (fd < 0)
		return -1;
	af->fp = fdopen(fd, "w");
	if (!af->fp) {
		int err = errno;

		close(fd);
		atomic_abort(af);
		errno = err;
		return -1;
	}
	return 0;
}

int atomic_reserve(struct atomic_file *af, const char *target, bool force)
{
	int fd = atomic_create(af, target, force);

	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

/* Free the paths of af. */
static void atomic_release(struct atomic_file *af)
{
	if (af->temp)
		atomic_track(af->temp, false);
	free(af->target);
	free(af->temp);
	memset(af, 0, sizeof(*af));
}

/* Flush and sync the temporary file's bytes; -1 on error. */
static int atomic_sync(struct atomic_file *af)
{
	int fd, rc = 0;

	if (af->fp) {
		rc = fflush(af->fp) || ferror(af->fp) ? -1 : 0;
		if (rc == 0 && fsync(fileno(af->fp)) < 0)
			rc = -1;
		if (fclose(af->fp) && rc == 0)
			rc = -1;
		af->fp = NULL;
		return rc;
	}
	fd = open(af->temp, O_RDONLY);
	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

int atomic_commit(struct atomic_file *af)
{
	int rc = atomic_sync(af), err;

	if (rc == 0 && af->force) {
		rc = rename(af->temp, af->target);
	} else if (rc == 0) {
		rc = link(af->temp, af->target); /* EEXIST if taken */
		/* A file system without hard links: check, then rename. */
		if (rc < 0 && (errno == EPERM || errno == ENOTSUP)) {
			struct stat st;

			rc = lstat(af->target, &st) == 0
				 ? (errno = EEXIST, -1)
				 : rename(af->temp, af->target);
		}
	}
	err = errno;
	unlink(af->temp);
	atomic_release(af);
	errno = err;
	return rc;
}

void atomic_abort(struct atomic_file *af)
{
	if (af->fp)
		fclose(af->fp);
	if (af->temp)
		unlink(af->temp);
	atomic_release(af);
}
