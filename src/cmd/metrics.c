/* isms metrics: anonymised figures from the registers. */
#include "isms/cli.h"
#include "isms/metrics.h"

/* isms metrics [--format text|json|csv]: load, compute, render. */
int cmd_metrics(struct cli_context *ctx, int argc, char **argv)
{
	struct cli_args a = CLI_ARGS_INIT;
	struct metrics m;
	struct repo r;
	int rc =
	    cli_parse(command_find("metrics"), argc, argv, 0, &a, NULL, NULL);

	if (rc >= 0)
		return rc;
	if (cli_load(ctx, &r) < 0)
		return EXIT_TROUBLE;
	metrics_compute(&r, &m);
	render_metrics(ctx->out, &m, a.format);
	metrics_release(&m);
	repo_release(&r);
	return EXIT_OK;
}
