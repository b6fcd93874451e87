/* isms checklist: the audit index, requirement by requirement. */
#include "isms/checklist.h"
#include "isms/cli.h"

#include <stdio.h>

/* Write the index to -o (atomically) or to stdout. */
static int checklist_emit(const struct cli_args *a, const struct checklist *cl)
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

/*
 * isms checklist [--stage 1|2] [--service <id>] [--format <fmt>]
 * [-o <file> [--force]].
 */
int cmd_checklist(struct cli_context *ctx, int argc, char **argv)
{
	struct cli_args a = CLI_ARGS_INIT;
	struct checklist cl;
	struct repo r;
	int rc =
	    cli_parse(command_find("checklist"), argc, argv, 0, &a, NULL, NULL);

	if (rc >= 0)
		return rc;
	if (a.format == FORMAT_XLSX && !a.output) {
		cli_error("--format xlsx needs -o <file>");
		return EXIT_TROUBLE;
	}
	if (cli_load(ctx, &r) < 0 || cli_service(&r, a.service) < 0)
		return EXIT_TROUBLE;
	checklist_build(&r, a.stage, &cl);
	rc = checklist_emit(&a, &cl);
	checklist_release(&cl);
	repo_release(&r);
	return rc;
}
