/* isms map: which documents implement each control and clause. */
#include "isms/cli.h"
#include "isms/render.h"

#include <string.h>

/* Parse --by's value; -1 when it names no view. */
static int map_by_parse(const char *s)
{
	if (!strcmp(s, "control"))
		return MAP_BY_CONTROL;
	if (!strcmp(s, "clause"))
		return MAP_BY_CLAUSE;
	if (!strcmp(s, "document"))
		return MAP_BY_DOCUMENT;
	return -1;
}

int cmd_map(struct cli_context *ctx, int argc, char **argv)
{
	const struct command *cmd = command_find("map");
	enum format format = FORMAT_TEXT;
	enum map_by by = MAP_BY_CONTROL;
	const char *arg;
	struct repo r;
	int c, v;

	while ((c = cli_next(cmd, argc, argv, &arg)) >= 0) {
		if (c == OPT_BY) {
			if ((v = map_by_parse(arg)) < 0) {
				cli_error("--by takes control, clause or "
					  "document, not '%s'",
					  arg);
				return EXIT_TROUBLE;
			}
			by = (enum map_by)v;
		} else if (c == OPT_FORMAT) {
			if ((v = cli_format(cmd, arg)) < 0)
				return EXIT_TROUBLE;
			format = (enum format)v;
		} else if (c == OPT_DISCOVER) {
			ctx->repo.discover = true;
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
	render_map(ctx->out, &r, by, format);
	repo_release(&r);
	return EXIT_OK;
}
