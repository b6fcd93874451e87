/* isms diff: how coverage, documents and findings changed since a revision. */
#include "isms/cli.h"
#include "isms/diff.h"
#include "isms/git.h"
#include "isms/rules.h"

#include <getopt.h>

/* Run the checks so that the findings of a load are final. */
static void diff_check(struct repo *r)
{
	rules_run(r);
	rules_finish(r);
}

/*
 * Load the repository as it was at t's revision: the same root and the
 * configuration on disk, the files from git objects.
 */
static int diff_load_old(struct cli_context *ctx, const struct repo *now,
			 struct gitread_tree *t, struct repo *old)
{
	struct repo_options opt = ctx->repo;
	struct repo_source src;

	gitread_tree_source(t, &src);
	opt.dir = now->root;
	opt.source = &src;
	opt.verbose = false;
	if (repo_load(old, &opt) == 0)
		return 0;
	cli_error("cannot read the repository at that revision");
	repo_release(old);
	return -1;
}

/* Compare the two loads and print the changes in format f. */
static void diff_print(struct cli_context *ctx, const struct repo *old,
		       const struct repo *now, const struct diff_from *from,
		       enum format f)
{
	struct repo_diff d;

	diff_build(old, now, &d);
	render_diff(ctx->out, &d, from, f);
	diff_release(&d);
}

/*
 * The options and the one revision, which may come before or after them
 * ("diff stage1 --format json").  Returns -1 to go on, or the exit status
 * to stop with.
 */
static int diff_parse(int argc, char **argv, struct cli_args *a,
		      const char **rev)
{
	const struct command *cmd = command_find("diff");
	int rc = cli_parse(cmd, argc, argv, argc, a, NULL, NULL);

	if (rc >= 0)
		return rc;
	if (cli_operands() >= argc) {
		cli_error("diff needs a revision: a tag, branch or commit");
		return EXIT_TROUBLE;
	}
	*rev = argv[cli_operands()];
	optind++;
	return cli_parse(cmd, argc, argv, 0, a, NULL, NULL);
}

/* isms diff <rev> [--format text|markdown|json]. */
int cmd_diff(struct cli_context *ctx, int argc, char **argv)
{
	struct cli_args a = CLI_ARGS_INIT;
	struct gitread_tree t;
	struct buf why = BUF_INIT;
	struct repo now, old;
	struct diff_from from;
	int rc = diff_parse(argc, argv, &a, &from.rev);

	if (rc >= 0)
		return rc;
	ctx->repo.no_git = true;
	if (cli_load(ctx, &now) < 0)
		return EXIT_TROUBLE;
	if (gitread_tree_open(&t, now.root, from.rev, &why) < 0) {
		cli_error("%s", buf_cstr(&why));
		buf_release(&why);
		repo_release(&now);
		return EXIT_TROUBLE;
	}
	from.commit = t.commit;
	rc = EXIT_TROUBLE;
	if (diff_load_old(ctx, &now, &t, &old) == 0) {
		diff_check(&old);
		diff_check(&now);
		diff_print(ctx, &old, &now, &from, a.format);
		repo_release(&old);
		rc = EXIT_OK;
	}
	gitread_tree_release(&t);
	repo_release(&now);
	return rc;
}
