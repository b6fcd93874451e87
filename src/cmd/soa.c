/* isms soa: the Statement of Applicability the map implies; a draft. */
#include "isms/cli.h"
#include "isms/soaview.h"

/* What the command line asked for. */
struct soa_args {
	const char *write; /* --write: the draft's path */
	enum format format;
	const char *output; /* -o, NULL for stdout */
	bool force;
	bool view; /* --format or -o given */
};

/* Read one option into a; returns 0, or -1 after printing why not. */
static int soa_option(const struct command *cmd, int c, const char *arg,
		      struct soa_args *a)
{
	int v;

	if (c == OPT_WRITE) {
		a->write = arg;
	} else if (c == OPT_FORMAT) {
		if ((v = cli_format(cmd, arg)) < 0)
			return -1;
		a->format = (enum format)v;
		a->view = true;
	} else if (c == 'o') {
		a->output = arg;
		a->view = true;
	} else if (c == OPT_FORCE) {
		a->force = true;
	}
	return 0;
}

/* Parse the command line; returns -1 to go on, else the exit status. */
static int soa_parse(const struct command *cmd, int argc, char **argv,
		     struct soa_args *a)
{
	const char *arg;
	int c;

	while ((c = cli_next(cmd, argc, argv, &arg)) >= 0)
		if (soa_option(cmd, c, arg, a) < 0)
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

/* Write the draft SoA to --write, atomically. */
static int soa_draft(const struct soa_args *a, const struct repo *r,
		     const struct soaview *v)
{
	struct cli_output o;
	bool ok;

	if (cli_output_open(&o, a->write, a->force) < 0)
		return EXIT_TROUBLE;
	ok = soaview_write_draft(o.fp, r, v) == 0;
	return cli_output_close(&o, ok, ok ? EXIT_OK : EXIT_TROUBLE);
}

/* Write the view to -o (atomically) or to stdout. */
static int soa_emit(const struct soa_args *a, const struct soaview *v)
{
	struct cli_output o;
	bool ok;

	if (a->format == FORMAT_XLSX)
		return soaview_write_xlsx(a->output, a->force, v) < 0
			   ? EXIT_TROUBLE
			   : EXIT_OK;
	if (cli_output_open(&o, a->output, a->force) < 0)
		return EXIT_TROUBLE;
	ok = render_soaview(o.fp, v, a->format) == 0 && !ferror(o.fp);
	return cli_output_close(&o, ok, ok ? EXIT_OK : EXIT_TROUBLE);
}

/*
 * isms soa [--write <file> [--force]] [--format <fmt> [-o <file>]]:
 * the view goes to stdout unless --write is given alone.
 */
int cmd_soa(struct cli_context *ctx, int argc, char **argv)
{
	struct soa_args a = {NULL, FORMAT_TEXT, NULL, false, false};
	const struct command *cmd = command_find("soa");
	struct soaview v;
	struct repo r;
	int rc = soa_parse(cmd, argc, argv, &a);

	if (rc >= 0)
		return rc;
	if (cli_load(ctx, &r) < 0)
		return EXIT_TROUBLE;
	soaview_build(&r, &v);
	rc = a.write ? soa_draft(&a, &r, &v) : EXIT_OK;
	if (rc == EXIT_OK && (!a.write || a.view))
		rc = soa_emit(&a, &v);
	soaview_release(&v);
	repo_release(&r);
	return rc;
}
