/*
 * The command line: one table of commands and their options, from which
 * parsing, --help and the manual's option lists all come.
 */
#ifndef ISMS_CLI_H
#define ISMS_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "isms/atomic.h"
#include "isms/render.h"
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
	OPT_OUTPUT,
	OPT_FORCE,
	OPT_WRITE,
	OPT_SERVICE,
	OPT_FRAMEWORK,
	OPT_TEMPLATE,
	OPT_ORGANISATION,
	OPT_ICS,
};

/* One option: --name (and -c when c is a letter), with an argument arg. */
struct cli_option {
	const char *name;
	int key;	 /* a letter, or a value above 255 */
	const char *arg; /* the argument's name, NULL for a flag */
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
	const char *usage; /* arguments after the name */
	const char *summary;
	const struct cli_option *options; /* ends with a zeroed entry */
	unsigned formats;		  /* FORMATS(...) of enum format */
	int (*run)(struct cli_context *ctx, int argc, char **argv);
};

/* A set of enum format values, for struct command's formats. */
#define FORMAT_BIT(f) (1u << (f))

/* What cli_next() returns when parsing has to stop. */
enum {
	CLI_END = -1,	/* no more options: the operands follow */
	CLI_HELP = -2,	/* --help was given and printed */
	CLI_USAGE = -3, /* a usage error was printed */
};

extern const struct command commands[];
extern const struct cli_option global_options[];

const struct command *command_find(const char *name);

/*
 * getopt_long over cmd's options (the global options when cmd is NULL).
 * Returns the key of the next option (its argument in *arg), or
 * CLI_END, CLI_HELP (after printing the command's help to stdout) or
 * CLI_USAGE (after printing a usage error to stderr).
 */
int cli_next(const struct command *cmd, int argc, char **argv,
	     const char **arg);
/* The options several commands share, as cli_parse() reads them. */
struct cli_args {
	int stage;	       /* --stage: 0 when not given */
	enum format format;    /* --format: FORMAT_TEXT when not given */
	const char *output;    /* -o: NULL for stdout */
	bool force;	       /* --force */
	bool discover;	       /* --discover */
	const char *service;   /* --service: one service line's view */
	const char *framework; /* --framework */
};

#define CLI_ARGS_INIT                                                          \
	{                                                                      \
		0, FORMAT_TEXT, NULL, false, false, NULL, NULL                 \
	}

/*
 * A command's own option c with its argument; returns 0, or -1 after
 * printing a usage error.
 */
typedef int (*cli_own_fn)(int c, const char *arg, void *data);

/*
 * Parse cmd's command line: the shared options into a (--stage takes 1
 * or 2; --format only the command's formats), any other option through
 * own (may be NULL), and at most max operands.  Returns -1 to go on, or
 * the exit status to stop with (after --help or a usage error).
 */
int cli_parse(const struct command *cmd, int argc, char **argv, int max,
	      struct cli_args *a, cli_own_fn own, void *data);

/* The exit status for a CLI_HELP or CLI_USAGE stop. */
int cli_stop(int c);
/* The index of the first operand after cli_next() returned CLI_END. */
int cli_operands(void);
/*
 * After CLI_END: refuse operands beyond the first max (0 for a command
 * that takes none); returns 0, or -1 after printing why.
 */
int cli_operands_max(const struct command *cmd, int argc, char **argv, int max);
/*
 * The format named arg if cmd writes it; otherwise print which formats
 * it does write and return -1.
 */
int cli_format(const struct command *cmd, const char *arg);

/* Print the usage of one command, or of isms, to out. */
void cli_help(FILE *out, const struct command *cmd);

/* Where a command's output goes: stdout, or a file written atomically. */
struct cli_output {
	FILE *fp;
	struct atomic_file af;
	const char *path; /* NULL for stdout */
};

struct fw_report;

/* A renderer of a framework report, map's or gaps'. */
typedef int (*cli_fw_render)(FILE *out, const struct fw_report *rep,
			     enum format f);

/*
 * The report of the framework a->framework names, through render, to
 * ctx's output; releases r.  Returns the exit status (2 for an unknown
 * framework, with the nearest id suggested).
 */
int cli_framework_view(struct cli_context *ctx, struct repo *r,
		       const struct cli_args *a, cli_fw_render render);

/* Say why an atomic write of path could not start, from errno. */
void cli_write_error(const char *path);

/*
 * Open the output: stdout when path is NULL, else an atomic write of
 * path (replacing an existing file only with force).  Returns 0, or -1
 * after printing why.
 */
int cli_output_open(struct cli_output *o, const char *path, bool force);
/*
 * Finish the output: commit the file when ok, else discard it.  Returns
 * rc, or EXIT_TROUBLE (after printing why) when the write failed.
 */
int cli_output_close(struct cli_output *o, bool ok, int rc);

/*
 * Load the repository for a command.  Returns 0; or -1 after printing
 * why and releasing r.
 */
int cli_load(struct cli_context *ctx, struct repo *r);
/*
 * --service: restrict r to the view of service line id (services.h);
 * NULL leaves r as it is.  Returns 0; or -1 after printing why (an
 * unknown id, with the nearest known one) and releasing r.
 */
int cli_service(struct repo *r, const char *id);
/*
 * --framework: the framework id names (framework.h) into *fw.  Returns
 * 0; or -1 after printing why (an unknown id, with the nearest known
 * one) and releasing r.
 */
struct framework;
int cli_framework(struct repo *r, const char *id, const struct framework **fw);

/* Print an error "isms: ..." to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

int cmd_check(struct cli_context *ctx, int argc, char **argv);
int cmd_map(struct cli_context *ctx, int argc, char **argv);
int cmd_checklist(struct cli_context *ctx, int argc, char **argv);
int cmd_soa(struct cli_context *ctx, int argc, char **argv);
int cmd_report(struct cli_context *ctx, int argc, char **argv);
int cmd_init(struct cli_context *ctx, int argc, char **argv);
int cmd_completion(struct cli_context *ctx, int argc, char **argv);
int cmd_metrics(struct cli_context *ctx, int argc, char **argv);
int cmd_gaps(struct cli_context *ctx, int argc, char **argv);
int cmd_maturity(struct cli_context *ctx, int argc, char **argv);
int cmd_show(struct cli_context *ctx, int argc, char **argv);
int cmd_diff(struct cli_context *ctx, int argc, char **argv);
int cmd_calendar(struct cli_context *ctx, int argc, char **argv);
int cmd_pack(struct cli_context *ctx, int argc, char **argv);

#endif
