/* isms report: the HTML dashboard, written atomically to -o. */
#include "isms/cli.h"
#include "isms/report.h"
#include "isms/rules.h"

#include <stdio.h>

int cmd_report(struct cli_context *ctx, int argc, char **argv)
{
	const struct command *cmd = command_find("report");
	const char *arg, *path = NULL;
	struct cli_output o;
	bool force = false;
	struct repo r;
	int c, rc;

	while ((c = cli_next(cmd, argc, argv, &arg)) >= 0) {
		if (c == 'o')
			path = arg;
		else if (c == OPT_FORCE)
			force = true;
	}
	if (c != CLI_END)
		return cli_stop(c);
	if (cli_operands_max(cmd, argc, argv, 0))
		return EXIT_TROUBLE;
	if (!path) {
		cli_error("report needs -o <file.html>");
		return EXIT_TROUBLE;
	}
	if (cli_load(ctx, &r) < 0) {
		repo_release(&r);
		return EXIT_TROUBLE;
	}
	rules_run(&r);
	rules_finish(&r);
	if (cli_output_open(&o, path, force) < 0) {
		repo_release(&r);
		return EXIT_TROUBLE;
	}
	report_write(o.fp, &r);
	rc = cli_output_close(&o, true, EXIT_OK);
	repo_release(&r);
	return rc;
}
