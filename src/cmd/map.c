/* isms map: which documents implement each control and clause. */
#include "isms/cli.h"
#include "isms/framework.h"
#include "isms/render.h"

#include <string.h>

/* What map's own options ask for. */
struct map_args {
	enum map_by by;
	const char *service;	/* --service, or NULL */
	const char *framework;	/* --framework, or NULL */
};

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

/* map's own options: --by, --service and --framework. */
static int map_by_option(int c, const char *arg, void *data)
{
	struct map_args *m = data;

	if (c == OPT_SERVICE)
		m->service = arg;
	else if (c == OPT_FRAMEWORK)
		m->framework = arg;
	else if (c == OPT_BY)
		return map_by_parse(arg, &m->by);
	return 0;
}

/* --framework: one row per requirement of that framework, not --by's. */
static int map_framework(struct cli_context *ctx, struct repo *r,
			 const char *id, enum format f)
{
	const struct framework *fw;
	struct fw_report rep;

	if (cli_framework(r, id, &fw) < 0)
		return EXIT_TROUBLE;
	fw_report_build(r, fw, &rep);
	render_framework_map(ctx->out, &rep, f);
	fw_report_release(&rep);
	repo_release(r);
	return EXIT_OK;
}

/*
 * isms map [--by ...] [--service <id>] [--framework <id>]
 * [--format <fmt>] [--discover].
 */
int cmd_map(struct cli_context *ctx, int argc, char **argv)
{
	struct cli_args a = CLI_ARGS_INIT;
	struct map_args m = {MAP_BY_CONTROL, NULL, NULL};
	struct repo r;
	int rc = cli_parse(command_find("map"), argc, argv, 0, &a,
			   map_by_option, &m);

	if (rc >= 0)
		return rc;
	ctx->repo.discover = ctx->repo.discover || a.discover;
	if (cli_load(ctx, &r) < 0 || cli_service(&r, m.service) < 0)
		return EXIT_TROUBLE;
	if (m.by == MAP_BY_SERVICE && !r.services.catalogue) {
		cli_error("--by service needs a service catalogue (a document "
			  "with 'type: services')");
		repo_release(&r);
		return EXIT_TROUBLE;
	}
	if (m.framework)
		return map_framework(ctx, &r, m.framework, a.format);
	render_map(ctx->out, &r, m.by, a.format);
	repo_release(&r);
	return EXIT_OK;
}
