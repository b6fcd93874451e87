/*
 * The command line: one table of commands and their options, from which
 * parsing, --help and the manual's option lists all come.
 */
#ifndef ISMS_CLI_H
#define ISMS_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "isms/repo.h"

/* Exit codes of CLI.md. */
enum exit_code {
	EXIT_OK = 0,
	EXIT_FINDINGS = 1,
	EXIT_TROUBLE = 2,
};

/* Keys for options without a short letter. */
enum option_key {
	OPT_STAGE = 256,
	OPT_FAIL_ON,
	OPT_FORMAT,
	OPT_DISCOVER,
	OPT_BY,
	OPT_CONFIG,
	OPT_COLOR,
	OPT_VERSION,
};

/* One option: --name (and -c when c is a letter), with an argument arg. */
struct cli_option {
	const char *name;
	int key;		/* a letter, or a value above 255 */
	const char *arg;	/* the argument's name, NULL for a flag */
	const char *help;
};

/* What every command gets: the global options and the output stream. */
struct cli_context {
	struct repo_options repo;
	bool quiet;
	bool color;
	FILE *out;
};

struct command {
	const char *name;
	const char *usage;	/* arguments after the name */
	const char *summary;
	const struct cli_option *options;	/* ends with a zeroed entry */
	int (*run)(struct cli_context *ctx, int argc, char **argv);
};

extern const struct command commands[];
extern const struct cli_option global_options[];

const struct command *command_find(const char *name);

/*
 * getopt_long over cmd's options.  Returns the key of the next option
 * (its argument in *arg), -1 at the end (argv[*optind..] are operands),
 * or '?' after printing a usage error to stderr.
 */
int cli_next(const struct command *cmd, int argc, char **argv,
	     const char **arg);
/* The index of the first operand after cli_next() returned -1. */
int cli_operands(void);

/* Print the usage of one command, or of isms, to out. */
void cli_help(FILE *out, const struct command *cmd);

/* Load the repository for a command; prints why and returns -1 if not. */
int cli_load(struct cli_context *ctx, struct repo *r);

/* Print an error "isms: ..." to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

int cmd_check(struct cli_context *ctx, int argc, char **argv);
int cmd_map(struct cli_context *ctx, int argc, char **argv);

#endif
