/* isms check: the gate before an audit and in CI. */
#include "isms/cli.h"
#include "isms/render.h"
#include "isms/rules.h"

#include <string.h>

/* Parsed options of check. */
struct check_args {
	enum format format;
	enum severity fail_on;
};

/* Read check's options into a and ctx; an exit status to stop with. */
static int check_parse(struct cli_context *ctx, int argc, char **argv,
		       struct check_args *a)
{
	const struct command *cmd = command_find("check");
	const char *arg;
	int c;

	while ((c = cli_next(cmd, argc, argv, &arg)) >= 0) {
		if (c == OPT_STAGE) {
			if (strcmp(arg, "1") && strcmp(arg, "2")) {
				cli_error("--stage takes 1 or 2, not '%s'",
					  arg);
				return EXIT_TROUBLE;
			}
			ctx->repo.stage = arg[0] - '0';
		} else if (c == OPT_FAIL_ON) {
			if (strcmp(arg, "error") && strcmp(arg, "warning") &&
			    strcmp(arg, "note")) {
				cli_error("--fail-on takes error, warning or "
					  "note, not '%s'",
					  arg);
				return EXIT_TROUBLE;
			}
			a->fail_on = (enum severity)severity_parse(arg);
		} else if (c == OPT_FORMAT) {
			int f = cli_format(cmd, arg);

			if (f < 0)
				return EXIT_TROUBLE;
			a->format = (enum format)f;
		} else if (c == OPT_DISCOVER) {
			ctx->repo.discover = true;
		}
	}
	if (c != CLI_END)
		return cli_stop(c);
	return cli_operands_max(cmd, argc, argv, 0) ? EXIT_TROUBLE : -1;
}

/* Does any finding reach the fail-on severity? */
static bool check_failed(const struct repo *r, enum severity fail_on)
{
	size_t i;

	for (i = 0; i < r->findings.len; i++)
		if (r->findings.items[i].severity >= fail_on &&
		    !r->findings.items[i].waiver)
			return true;
	return false;
}

int cmd_check(struct cli_context *ctx, int argc, char **argv)
{
	struct check_args a = {FORMAT_TEXT, SEVERITY_ERROR};
	struct text_style st = {ctx->color, ctx->quiet};
	struct summary s;
	struct repo r;
	int rc = check_parse(ctx, argc, argv, &a);

	if (rc >= 0)
		return rc;
	if (cli_load(ctx, &r) < 0) {
		repo_release(&r);
		return EXIT_TROUBLE;
	}
	if (!r.ndocs) {
		cli_error("nothing to check: no documents under '%s'", r.root);
		repo_release(&r);
		return EXIT_TROUBLE;
	}
	rules_run(&r);
	rules_finish(&r);
	summary_compute(&r, &s);
	if (a.format == FORMAT_JSON)
		render_check_json(ctx->out, &r, &s);
	else
		render_check_text(ctx->out, &r, &s, &st);
	rc = check_failed(&r, a.fail_on) ? EXIT_FINDINGS : EXIT_OK;
	repo_release(&r);
	return rc;
}
