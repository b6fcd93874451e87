/* isms checklist: the audit index, requirement by requirement. */
#include "isms/checklist.h"
#include "isms/cli.h"

#include <string.h>

/* What the command line asked for. */
struct checklist_args {
	int stage; /* 0: every row */
	enum format format;
	const char *output; /* -o, NULL for stdout */
	bool force;
};

/* Read one option into a; returns 0, or -1 after printing why not. */
static int checklist_option(const struct command *cmd, int c, const char *arg,
			    struct checklist_args *a)
{
	int v;

	if (c == OPT_STAGE) {
		if (strcmp(arg, "1") && strcmp(arg, "2")) {
			cli_error("--stage takes 1 or 2, not '%s'", arg);
			return -1;
		}
		a->stage = arg[0] - '0';
	} else if (c == OPT_FORMAT) {
		if ((v = cli_format(cmd, arg)) < 0)
			return -1;
		a->format = (enum format)v;
	} else if (c == 'o') {
		a->output = arg;
	} else if (c == OPT_FORCE) {
		a->force = true;
	}
	return 0;
}

/* Parse the command line; returns -1 to go on, else the exit status. */
static int checklist_parse(const struct command *cmd, int argc, char **argv,
			   struct checklist_args *a)
{
	const char *arg;
	int c;

	while ((c = cli_next(cmd, argc, argv, &arg)) >= 0)
		if (checklist_option(cmd, c, arg, a) < 0)
			return EXIT_TROUBLE;
	if (c != CLI_END)
		return cli_stop(c);
	if (cli_operands_max(cmd, argc, argv, 0))
		return EXIT_TROUBLE;
	if (a->format == FORMAT_XLSX && !a->output) {
		cli_error("--format xlsx needs -o <file>");
		return EXIT_TROUBLE;
	}
	return -1;
}

/* Write the index to -o (atomically) or to stdout. */
static int checklist_emit(const struct checklist_args *a,
			  const struct checklist *cl)
{
	struct cli_output o;
	bool ok;

	if (a->format == FORMAT_XLSX)
		return checklist_write_xlsx(a->output, a->force, cl) < 0
			   ? EXIT_TROUBLE
			   : EXIT_OK;
	if (cli_output_open(&o, a->output, a->force) < 0)
		return EXIT_TROUBLE;
	ok = render_checklist(o.fp, cl, a->format) == 0 && !ferror(o.fp);
	return cli_output_close(&o, ok, ok ? EXIT_OK : EXIT_TROUBLE);
}

/* isms checklist [--stage 1|2] [--format <fmt>] [-o <file> [--force]]. */
int cmd_checklist(struct cli_context *ctx, int argc, char **argv)
{
	struct checklist_args a = {0, FORMAT_TEXT, NULL, false};
	const struct command *cmd = command_find("checklist");
	struct checklist cl;
	struct repo r;
	int rc = checklist_parse(cmd, argc, argv, &a);

	if (rc >= 0)
		return rc;
	if (cli_load(ctx, &r) < 0) {
		repo_release(&r);
		return EXIT_TROUBLE;
	}
	checklist_build(&r, a.stage, &cl);
	rc = checklist_emit(&a, &cl);
	checklist_release(&cl);
	repo_release(&r);
	return rc;
}
