/* isms check: the gate before an audit and in CI. */
#include "isms/ci.h"
#include "isms/cli.h"
#include "isms/render.h"
#include "isms/rules.h"

#include <stdlib.h>
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

/* GitHub's job summary, when the step has one (GITHUB_STEP_SUMMARY). */
static void check_step_summary(const struct summary *s)
{
	const char *path = getenv("GITHUB_STEP_SUMMARY");

	if (path && *path && render_github_step_summary(path, s) < 0)
		cli_error("warning: cannot append the summary to '%s'", path);
}

/* Write the findings and the summary in format f. */
static void check_render(struct cli_context *ctx, const struct repo *r,
			 const struct summary *s, enum format f)
{
	struct text_style st = {ctx->color, ctx->quiet};

	switch (f) {
	case FORMAT_JSON: render_check_json(ctx->out, r, s); break;
	case FORMAT_SARIF: render_check_sarif(ctx->out, r); break;
	case FORMAT_JUNIT: render_check_junit(ctx->out, r); break;
	case FORMAT_GITHUB:
		render_check_github(ctx->out, r, s);
		check_step_summary(s);
		break;
	case FORMAT_GITLAB: render_check_gitlab(ctx->out, r); break;
	default: render_check_text(ctx->out, r, s, &st);
	}
}

int cmd_check(struct cli_context *ctx, int argc, char **argv)
{
	struct check_args a = {FORMAT_TEXT, SEVERITY_ERROR};
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
	check_render(ctx, &r, &s, a.format);
	rc = check_failed(&r, a.fail_on) ? EXIT_FINDINGS : EXIT_OK;
	repo_release(&r);
	return rc;
}
