/* isms maturity: levels per document, roll-ups and audit readiness. */
#include "isms/cli.h"
#include "isms/maturity.h"

#include <string.h>

/*
 * isms maturity [--stage 1|2] [--format text|markdown|csv|json]: the
 * stage chooses the targets shown; readiness is given for both stages.
 */
int cmd_maturity(struct cli_context *ctx, int argc, char **argv)
{
	const struct command *cmd = command_find("maturity");
	enum format format = FORMAT_TEXT;
	struct maturity m;
	const char *arg;
	struct repo r;
	int c, v;

	while ((c = cli_next(cmd, argc, argv, &arg)) >= 0) {
		if (c == OPT_STAGE) {
			if (strcmp(arg, "1") && strcmp(arg, "2")) {
				cli_error("--stage takes 1 or 2, not '%s'",
					  arg);
				return EXIT_TROUBLE;
			}
			ctx->repo.stage = arg[0] - '0';
		} else if (c == OPT_FORMAT) {
			if ((v = cli_format(cmd, arg)) < 0)
				return EXIT_TROUBLE;
			format = (enum format)v;
		}
	}
	if (c != CLI_END)
		return cli_stop(c);
	if (cli_operands_max(cmd, argc, argv, 0))
		return EXIT_TROUBLE;
	if (cli_load(ctx, &r) < 0) {
		repo_release(&r);
		return EXIT_TROUBLE;
	}
	maturity_compute(&r, 0, &m);
	render_maturity(ctx->out, &m, format);
	maturity_release(&m);
	repo_release(&r);
	return EXIT_OK;
}
