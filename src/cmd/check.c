/* isms check: the gate before an audit and in CI. */
#include "isms/ci.h"
#include "isms/cli.h"
#include "isms/render.h"
#include "isms/rules.h"

#include <stdlib.h>
#include <string.h>

/* --fail-on: the lowest severity that fails the check. */
static int check_fail_on(int c, const char *arg, void *data)
{
	enum severity *fail_on = data;

	if (c != OPT_FAIL_ON)
		return 0;
	if (strcmp(arg, "error") && strcmp(arg, "warning") &&
	    strcmp(arg, "note")) {
		cli_error("--fail-on takes error, warning or note, not '%s'",
			  arg);
		return -1;
	}
	*fail_on = (enum severity)severity_parse(arg);
	return 0;
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

/* isms check [--stage 1|2] [--fail-on ...] [--format ...] [--discover]. */
int cmd_check(struct cli_context *ctx, int argc, char **argv)
{
	enum severity fail_on = SEVERITY_ERROR;
	struct cli_args a = CLI_ARGS_INIT;
	struct summary s;
	struct repo r;
	int rc = cli_parse(command_find("check"), argc, argv, 0, &a,
			   check_fail_on, &fail_on);

	if (rc >= 0)
		return rc;
	ctx->repo.stage = a.stage;
	ctx->repo.discover = ctx->repo.discover || a.discover;
	if (cli_load(ctx, &r) < 0)
		return EXIT_TROUBLE;
	if (!r.ndocs) {
		cli_error("nothing to check: no documents under '%s'", r.root);
		repo_release(&r);
		return EXIT_TROUBLE;
	}
	rules_run(&r);
	rules_finish(&r);
	summary_compute(&r, &s);
	check_render(ctx, &r, &s, a.format);
	rc = check_failed(&r, fail_on) ? EXIT_FINDINGS : EXIT_OK;
	repo_release(&r);
	return rc;
}
