/* isms map: which documents implement each control and clause. */
#include "isms/cli.h"
#include "isms/framework.h"
#include "isms/render.h"

#include <string.h>

/* --by: the rows of the map. */
static int map_by_parse(const char *arg, enum map_by *by)
{
	static const char *const names[] = {"control", "clause", "document",
					    "service"};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (!strcmp(arg, names[i])) {
			*by = (enum map_by)i;
			return 0;
		}
	cli_error("--by takes control, clause, document or service, not '%s'",
		  arg);
	return -1;
}

/* map's own option: --by. */
static int map_by_option(int c, const char *arg, void *data)
{
	return c == OPT_BY ? map_by_parse(arg, data) : 0;
}

/*
 * isms map [--by ...] [--service <id>] [--framework <id>]
 * [--format <fmt>] [--discover].
 */
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
	if (cli_load(ctx, &r) < 0 || cli_service(&r, a.service) < 0)
		return EXIT_TROUBLE;
	if (by == MAP_BY_SERVICE && !r.services.catalogue) {
		cli_error("--by service needs a service catalogue (a document "
			  "with 'type: services')");
		repo_release(&r);
		return EXIT_TROUBLE;
	}
	/* One row per requirement of the framework, not --by's rows. */
	if (a.framework)
		return cli_framework_view(ctx, &r, &a, render_framework_map);
	render_map(ctx->out, &r, by, a.format);
	repo_release(&r);
	return EXIT_OK;
}
