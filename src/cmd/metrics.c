/* isms metrics: anonymised figures from the registers. */
#include "isms/cli.h"
#include "isms/metrics.h"

/* isms metrics [--format text|json|csv]: load, compute, render. */
int cmd_metrics(struct cli_context *ctx, int argc, char **argv)
{
	const struct command *cmd = command_find("metrics");
	enum format format = FORMAT_TEXT;
	struct metrics m;
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
	metrics_compute(&r, &m);
	render_metrics(ctx->out, &m, format);
	metrics_release(&m);
	repo_release(&r);
	return EXIT_OK;
}
