/* isms maturity: levels per document, roll-ups and audit readiness. */
#include "isms/cli.h"
#include "isms/maturity.h"

/*
 * isms maturity [--stage 1|2] [--format text|markdown|csv|json]: the
 * stage chooses the targets shown; readiness is given for both stages.
 */
int cmd_maturity(struct cli_context *ctx, int argc, char **argv)
{
	struct cli_args a = CLI_ARGS_INIT;
	struct maturity m;
	struct repo r;
	int rc =
	    cli_parse(command_find("maturity"), argc, argv, 0, &a, NULL, NULL);

	if (rc >= 0)
		return rc;
	ctx->repo.stage = a.stage;
	if (cli_load(ctx, &r) < 0)
		return EXIT_TROUBLE;
	maturity_compute(&r, 0, &m);
	render_maturity(ctx->out, &m, a.format);
	maturity_release(&m);
	repo_release(&r);
	return EXIT_OK;
}
