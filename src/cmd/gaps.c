/* isms gaps: the improvement plan, grouped by Annex A theme. */
#include "isms/cli.h"
#include "isms/framework.h"
#include "isms/gaps.h"

/* What gaps' own options ask for. */
struct gaps_args {
	const char *service;	/* --service, or NULL */
	const char *framework;	/* --framework, or NULL */
};

/* --service: the view of one service line; --framework: its gaps. */
static int gaps_option(int c, const char *arg, void *data)
{
	struct gaps_args *g = data;

	if (c == OPT_SERVICE)
		g->service = arg;
	else if (c == OPT_FRAMEWORK)
		g->framework = arg;
	return 0;
}

/* --framework: the requirements neither tagged nor implied in full. */
static int gaps_framework(struct cli_context *ctx, struct repo *r,
			  const char *id, enum format f)
{
	const struct framework *fw;
	struct fw_report rep;

	if (cli_framework(r, id, &fw) < 0)
		return EXIT_TROUBLE;
	fw_report_build(r, fw, &rep);
	render_framework_gaps(ctx->out, &rep, f);
	fw_report_release(&rep);
	repo_release(r);
	return EXIT_OK;
}

/*
 * isms gaps [--service <id>] [--framework <id>] [--format <fmt>]: load,
 * compute, render.
 */
int cmd_gaps(struct cli_context *ctx, int argc, char **argv)
{
	struct cli_args a = CLI_ARGS_INIT;
	struct gaps_args want = {NULL, NULL};
	struct gaps g;
	struct repo r;
	int rc = cli_parse(command_find("gaps"), argc, argv, 0, &a,
			   gaps_option, &want);

	if (rc >= 0)
		return rc;
	if (cli_load(ctx, &r) < 0 || cli_service(&r, want.service) < 0)
		return EXIT_TROUBLE;
	if (want.framework)
		return gaps_framework(ctx, &r, want.framework, a.format);
	gaps_compute(&r, &g);
	render_gaps(ctx->out, &g, a.format);
	gaps_release(&g);
	repo_release(&r);
	return EXIT_OK;
}
