/*
 * isms init: scaffold a new ISMS repository from a compiled-in template.
 * Every file is written atomically and never over an existing one: what
 * exists is left untouched and reported, the rest is still written.
 */
#include "isms/cli.h"
#include "isms/alloc.h"
#include "isms/buf.h"
#include "isms/date.h"
#include "isms/scaffold.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* What became of one starter file. */
enum init_result { INIT_CREATED, INIT_SKIPPED, INIT_FAILED };

/* The options of one run. */
struct init_run {
	const char *template;
	const char *dir; /* the folder scaffolded */
	struct scaffold_values values;
	unsigned created, skipped;
	bool quiet;
};

/*
 * The folder to scaffold: <dir> relative to -C's folder when both are
 * given (-C means "as if started there"), else whichever is given, else
 * the current folder.  The caller frees it.
 */
static char *init_target(const char *cdir, const char *operand)
{
	struct buf b = BUF_INIT;

	if (operand && (*operand == '/' || !cdir))
		return xstrdup(operand);
	if (!operand)
		return xstrdup(cdir ? cdir : ".");
	buf_addf(&b, "%s/%s", cdir, operand);
	return buf_detach(&b);
}

/* mkdir for one folder; an existing folder is fine, a file is not. */
static int init_mkdir(const char *path)
{
	struct stat st;

	if (mkdir(path, 0777) == 0)
		return 0;
	if (errno != EEXIST)
		return -1;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	errno = ENOTDIR;
	return -1;
}

/* Create path and its missing parents (mkdir -p); -1 with errno set. */
static int init_mkdirs(const char *path)
{
	char *copy, *p;
	int rc = 0;

	if (!*path) {
		errno = ENOENT;
		return -1;
	}
	copy = xstrdup(path);
	for (p = copy + 1; rc == 0 && *p; p++) {
		if (*p != '/' || p[-1] == '/')
			continue;
		*p = '\0';
		rc = init_mkdir(copy);
		*p = '/';
	}
	if (rc == 0)
		rc = init_mkdir(copy);
	free(copy);
	return rc;
}

/* The folder part of path ("registers" for "registers/risks.csv"). */
static char *init_parent(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? xstrndup(path, (size_t)(slash - path)) : NULL;
}

/* Print why path could not be written. */
static enum init_result init_failed(const char *path)
{
	cli_error("cannot write '%s': %s", path, strerror(errno));
	return INIT_FAILED;
}

/* Note that rel was left alone because it exists. */
static enum init_result init_skipped(struct init_run *run, const char *rel)
{
	if (!run->quiet)
		cli_error("skipped '%s': it exists", rel);
	run->skipped++;
	return INIT_SKIPPED;
}

/* Write the expanded text of f to path, never over an existing file. */
static enum init_result
init_file(struct init_run *run, const struct template_file *f, const char *path)
{
	struct atomic_file af;
	struct buf text = BUF_INIT;
	bool ok;

	/* Anything already there (a file, a link, a folder) is left. */
	if (atomic_open(&af, path, false) < 0)
		return errno == EEXIST || errno == EINVAL
			   ? init_skipped(run, f->path)
			   : init_failed(path);
	scaffold_expand(&text, f, &run->values);
	ok = fwrite(buf_cstr(&text), 1, text.len, af.fp) == text.len;
	buf_release(&text);
	if (!ok) {
		atomic_abort(&af);
		return init_failed(path);
	}
	if (atomic_commit(&af) < 0)
		return errno == EEXIST ? init_skipped(run, f->path)
				       : init_failed(path);
	printf("created %s\n", f->path);
	run->created++;
	return INIT_CREATED;
}

/* Create f's folder if needed, then write f; INIT_FAILED stops the run. */
static enum init_result init_one(struct init_run *run,
				 const struct template_file *f)
{
	struct buf path = BUF_INIT;
	char *parent = init_parent(f->path);
	enum init_result res = INIT_FAILED;

	if (parent) {
		buf_addf(&path, "%s/%s", run->dir, parent);
		free(parent);
		if (init_mkdirs(buf_cstr(&path)) < 0) {
			cli_error("cannot create '%s': %s", buf_cstr(&path),
				  strerror(errno));
			goto out;
		}
		buf_truncate(&path, 0);
	}
	buf_addf(&path, "%s/%s", run->dir, f->path);
	res = init_file(run, f, buf_cstr(&path));
out:
	buf_release(&path);
	return res;
}

/* Write every file of the run's template; EXIT_OK or EXIT_TROUBLE. */
static int init_write(struct init_run *run)
{
	size_t i;

	if (init_mkdirs(run->dir) < 0) {
		cli_error("cannot create '%s': %s", run->dir, strerror(errno));
		return EXIT_TROUBLE;
	}
	for (i = 0; i < template_file_count; i++) {
		if (strcmp(template_files[i].template, run->template))
			continue;
		if (init_one(run, &template_files[i]) == INIT_FAILED)
			return EXIT_TROUBLE;
	}
	printf("%u file%s created, %u skipped in '%s' (template %s); next: "
	       "isms -C %s check\n",
	       run->created, run->created == 1 ? "" : "s", run->skipped,
	       run->dir, run->template, run->dir);
	return EXIT_OK;
}

/* Check --template and --organisation; prints why and returns -1. */
static int init_validate(const struct init_run *run)
{
	struct buf names = BUF_INIT;

	if (!scaffold_has_template(run->template)) {
		scaffold_template_names(&names, " or ");
		cli_error("unknown template '%s'; use %s", run->template,
			  buf_cstr(&names));
		buf_release(&names);
		return -1;
	}
	if (!scaffold_organisation_ok(run->values.organisation)) {
		cli_error("organisation '%s' must not be empty or hold quotes, "
			  "backslashes, line breaks or '{{'",
			  run->values.organisation);
		return -1;
	}
	return 0;
}

/* Take one option of init into run. */
static void init_option(struct init_run *run, int c, const char *arg)
{
	if (c == OPT_TEMPLATE)
		run->template = arg;
	else if (c == OPT_ORGANISATION)
		run->values.organisation = arg;
}

/*
 * Read init's options and its one operand, which may come before or
 * after them ("init /tmp/new --template minimal"; after "--", only
 * operands).  Returns an exit status to stop with, or -1 to go on.
 */
static int init_parse(struct init_run *run, int argc, char **argv,
		      const char **operand)
{
	const struct command *cmd = command_find("init");
	const char *arg;
	bool rest = false;
	int c;

	while (!rest) {
		while ((c = cli_next(cmd, argc, argv, &arg)) >= 0)
			init_option(run, c, arg);
		if (c != CLI_END)
			return cli_stop(c);
		if (optind >= argc || *operand)
			break;
		rest = !strcmp(argv[optind - 1], "--");
		*operand = argv[optind++];
	}
	if (optind < argc) {
		cli_error("init takes one folder, not '%s' as well",
			  argv[optind]);
		return EXIT_TROUBLE;
	}
	return init_validate(run) < 0 ? EXIT_TROUBLE : -1;
}

/* isms init [<dir>] [--template msp|minimal] [--organisation <name>]. */
int cmd_init(struct cli_context *ctx, int argc, char **argv)
{
	struct init_run run = {
	    SCAFFOLD_DEFAULT, NULL, {NULL, SCAFFOLD_ORGANISATION}, 0, 0,
	    ctx->quiet};
	const char *operand = NULL;
	char today[11];
	int rc;

	if ((rc = init_parse(&run, argc, argv, &operand)) >= 0)
		return rc;
	date_format(date_today(), today);
	run.values.today = today;
	run.dir = init_target(ctx->repo.dir, operand);
	rc = init_write(&run);
	free((char *)run.dir);
	return rc;
}
