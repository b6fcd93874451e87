/* isms map: which documents implement each control and clause. */
#include "isms/cli.h"
#include "isms/render.h"

#include <string.h>

/* --by: the rows of the map. */
static int map_by_option(int c, const char *arg, void *data)
{
	enum map_by *by = data;

	if (c != OPT_BY)
		return 0;
	if (!strcmp(arg, "control"))
		*by = MAP_BY_CONTROL;
	else if (!strcmp(arg, "clause"))
		*by = MAP_BY_CLAUSE;
	else if (!strcmp(arg, "document"))
		*by = MAP_BY_DOCUMENT;
	else {
		cli_error("--by takes control, clause or document, not '%s'",
			  arg);
		return -1;
	}
	return 0;
}

/* isms map [--by ...] [--format <fmt>] [--discover]. */
int cmd_map(struct cli_context *ctx, int argc, char **argv)
{
	struct cli_args a = CLI_ARGS_INIT;
	enum map_by by = MAP_BY_CONTROL;
	struct repo r;
	int rc = cli_parse(command_find("map"), argc, argv, 0, &a,
			   map_by_option, &by);

	if (rc >= 0)
		return rc;
	ctx->repo.discover = ctx->repo.discover || a.discover;
	if (cli_load(ctx, &r) < 0)
		return EXIT_TROUBLE;
	render_map(ctx->out, &r, by, a.format);
	repo_release(&r);
	return EXIT_OK;
}
