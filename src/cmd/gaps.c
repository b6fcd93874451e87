/* isms gaps: the improvement plan, grouped by Annex A theme. */
#include "isms/cli.h"
#include "isms/gaps.h"

/* isms gaps [--format text|markdown|csv|json]: load, compute, render. */
int cmd_gaps(struct cli_context *ctx, int argc, char **argv)
{
	const struct command *cmd = command_find("gaps");
	enum format format = FORMAT_TEXT;
	struct gaps g;
	const char *arg;
	struct repo r;
	int c, v;

	while ((c = cli_next(cmd, argc, argv, &arg)) >= 0) {
		if (c == OPT_FORMAT) {
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
	gaps_compute(&r, &g);
	render_gaps(ctx->out, &g, format);
	gaps_release(&g);
	repo_release(&r);
	return EXIT_OK;
}
