/* isms report: the HTML dashboard, written atomically to -o. */
#include "isms/cli.h"
#include "isms/report.h"
#include "isms/rules.h"

#include <stdio.h>

/* isms report -o <file.html> [--force]. */
int cmd_report(struct cli_context *ctx, int argc, char **argv)
{
	struct cli_args a = CLI_ARGS_INIT;
	struct cli_output o;
	struct repo r;
	int rc =
	    cli_parse(command_find("report"), argc, argv, 0, &a, NULL, NULL);

	if (rc >= 0)
		return rc;
	if (!a.output) {
		cli_error("report needs -o <file.html>");
		return EXIT_TROUBLE;
	}
	if (cli_load(ctx, &r) < 0)
		return EXIT_TROUBLE;
	rules_run(&r);
	rules_finish(&r);
	if (cli_output_open(&o, a.output, a.force) < 0) {
		repo_release(&r);
		return EXIT_TROUBLE;
	}
	report_write(o.fp, &r);
	rc = cli_output_close(&o, !ferror(o.fp), EXIT_OK);
	repo_release(&r);
	return rc;
}
