/* isms show: the auditor's walk for one control, clause, document, risk
 * or service. */
#include "isms/cli.h"
#include "isms/show.h"

#include <getopt.h>
#include <string.h>

/*
 * Read show's options and its one operand, which may come before or after
 * the options ("show A.8.13 --format json"; after "--", only operands).
 * Returns an exit status to stop with, or -1 to go on.
 */
static int show_parse(int argc, char **argv, enum format *format,
		      const char **id)
{
	const struct command *cmd = command_find("show");
	const char *arg;
	bool rest = false;
	int c, v;

	while (!rest) {
		while ((c = cli_next(cmd, argc, argv, &arg)) == OPT_FORMAT) {
			if ((v = cli_format(cmd, arg)) < 0)
				return EXIT_TROUBLE;
			*format = (enum format)v;
		}
		if (c != CLI_END)
			return cli_stop(c);
		if (optind >= argc || *id)
			break;
		rest = !strcmp(argv[optind - 1], "--");
		*id = argv[optind++];
	}
	if (optind < argc) {
		cli_error("show takes one id, not '%s' as well", argv[optind]);
		return EXIT_TROUBLE;
	}
	if (*id)
		return -1;
	cli_error("show needs an id: a control, clause, document, risk or "
		  "service");
	return EXIT_TROUBLE;
}

/* Say that id names nothing, with the nearest id when there is one. */
static void show_not_found(const char *id, const char *suggestion)
{
	if (suggestion)
		cli_error("no control, clause, document, risk or service "
			  "'%s'; did you mean '%s'?",
			  id, suggestion);
	else
		cli_error("no control, clause, document, risk or service '%s'",
			  id);
}

/* isms show <id> [--format text|markdown|json]: find, walk, render. */
int cmd_show(struct cli_context *ctx, int argc, char **argv)
{
	enum format format = FORMAT_TEXT;
	const char *id = NULL, *suggestion;
	int rc = show_parse(argc, argv, &format, &id);
	struct show s;
	struct repo r;

	if (rc >= 0)
		return rc;
	rc = EXIT_OK;
	if (cli_load(ctx, &r) < 0)
		return EXIT_TROUBLE;
	if (show_find(&r, id, &s, &suggestion) < 0) {
		show_not_found(id, suggestion);
		rc = EXIT_TROUBLE;
	} else {
		render_show(ctx->out, &r, &s, format);
	}
	show_release(&s);
	repo_release(&r);
	return rc;
}
