/* isms gaps: the improvement plan, grouped by Annex A theme. */
#include "isms/cli.h"
#include "isms/framework.h"
#include "isms/gaps.h"

/*
 * isms gaps [--service <id>] [--framework <id>] [--format <fmt>]: load,
 * compute, render.
 */
int cmd_gaps(struct cli_context *ctx, int argc, char **argv)
{
	struct cli_args a = CLI_ARGS_INIT;
	struct gaps g;
	struct repo r;
	int rc = cli_parse(command_find("gaps"), argc, argv, 0, &a, NULL, NULL);

	if (rc >= 0)
		return rc;
	if (cli_load(ctx, &r) < 0 || cli_service(&r, a.service) < 0)
		return EXIT_TROUBLE;
	/* The requirements neither tagged nor implied in full. */
	if (a.framework)
		return cli_framework_view(ctx, &r, &a, render_framework_gaps);
	gaps_compute(&r, &g);
	render_gaps(ctx->out, &g, a.format);
	gaps_release(&g);
	repo_release(&r);
	return EXIT_OK;
}
