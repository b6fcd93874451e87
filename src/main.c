/*
 * isms: the command-line entry point.  Global options, the command
 * table, and the exit status; everything else lives in modules.
 */
#include "isms/alloc.h"
#include "isms/cli.h"
#include "isms/version.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Should output be coloured?  NO_COLOR and FORCE_COLOR decide first. */
static int color_choice(const char *when)
{
	const char *no = getenv("NO_COLOR"), *force = getenv("FORCE_COLOR");

	if (!strcmp(when, "always"))
		return 1;
	if (!strcmp(when, "never"))
		return 0;
	if (strcmp(when, "auto"))
		return -1;
	if (no && *no)
		return 0;
	if (force && *force && strcmp(force, "0"))
		return 1;
	return isatty(STDOUT_FILENO);
}

/* Parse the options before the command; returns argv index or -exit. */
static int main_options(struct cli_context *ctx, int argc, char **argv)
{
	const char *arg;
	int c;

	while ((c = cli_next(NULL, argc, argv, &arg)) != CLI_END) {
		switch (c) {
		case 'C': ctx->repo.dir = arg; break;
		case OPT_CONFIG: ctx->repo.config = arg; break;
		case 'q': ctx->quiet = true; break;
		case 'v': ctx->repo.verbose = true; break;
		case OPT_COLOR:
			if ((c = color_choice(arg)) < 0) {
				cli_error("--color takes auto, always or "
					  "never, not '%s'",
					  arg);
				return -EXIT_TROUBLE;
			}
			ctx->color = c;
			break;
		case OPT_VERSION:
			printf("isms %s\n", ISMS_VERSION);
			return -EXIT_OK;
		case 'h': cli_help(stdout, NULL); return -EXIT_OK;
		default: /* CLI_USAGE: already said */ return -EXIT_TROUBLE;
		}
	}
	return cli_operands();
}

/* isms help [<command>]. */
static int main_help(int argc, char **argv)
{
	const struct command *cmd = argc > 1 ? command_find(argv[1]) : NULL;

	if (argc > 1 && !cmd) {
		cli_error("'%s' is not an isms command", argv[1]);
		return EXIT_TROUBLE;
	}
	cli_help(stdout, cmd);
	return EXIT_OK;
}

/* Flush stdout; a failed write (a full disk) is trouble. */
static int main_flush(int rc)
{
	if (fflush(stdout) || ferror(stdout)) {
		cli_error("cannot write the output");
		return EXIT_TROUBLE;
	}
	return rc;
}

int main(int argc, char **argv)
{
	struct cli_context ctx;
	const struct command *cmd;
	int at;

	alloc_libraries();
	memset(&ctx, 0, sizeof(ctx));
	ctx.out = stdout;
	ctx.color = color_choice("auto") > 0;
	at = main_options(&ctx, argc, argv);
	if (at <= 0)
		return main_flush(-at);
	if (at >= argc) {
		cli_help(stderr, NULL);
		return EXIT_TROUBLE;
	}
	if (!strcmp(argv[at], "help"))
		return main_flush(main_help(argc - at, argv + at));
	cmd = command_find(argv[at]);
	if (!cmd) {
		cli_error("'%s' is not an isms command; see 'isms --help'",
			  argv[at]);
		return EXIT_TROUBLE;
	}
	optind = 1;
	return main_flush(cmd->run(&ctx, argc - at, argv + at));
}
