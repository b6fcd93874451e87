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

	while ((c = cli_next(cmd, argc, argv, &arg)) != -1) {
		if (c == 'h') {
			cli_help(ctx->out, cmd);
			return EXIT_OK;
		} else if (c == '?') {
			return EXIT_TROUBLE;
		} else if (c == OPT_BY) {
			if ((v = map_by_parse(arg)) < 0) {
				cli_error("--by takes control, clause or "
					  "document, not '%s'",
					  arg);
				return EXIT_TROUBLE;
			}
			by = (enum map_by)v;
		} else if (c == OPT_FORMAT) {
			v = format_parse(arg);
			if (v != FORMAT_TEXT && v != FORMAT_JSON &&
			    v != FORMAT_MARKDOWN && v != FORMAT_CSV) {
				cli_error("map cannot write format '%s'; use "
					  "text, markdown, csv or json",
					  arg);
				return EXIT_TROUBLE;
			}
			format = (enum format)v;
		} else if (c == OPT_DISCOVER) {
			ctx->repo.discover = true;
		}
	}
	if (cli_operands() < argc) {
		cli_error("map takes no operand ('%s')", argv[cli_operands()]);
		return EXIT_TROUBLE;
	}
	if (cli_load(ctx, &r) < 0) {
		repo_release(&r);
		return EXIT_TROUBLE;
	}
	render_map(ctx->out, &r, by, format);
	repo_release(&r);
	return EXIT_OK;
}
