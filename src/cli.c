/* The command table and option parsing shared by every command. */
#include "isms/cli.h"
#include "isms/alloc.h"
#include "isms/buf.h"
#include "isms/framework.h"
#include "isms/render.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

const struct cli_option global_options[] = {
    {"directory", 'C', "dir", "run as if started in <dir>"},
    {"config", OPT_CONFIG, "file", "read the configuration from <file>"},
    {"quiet", 'q', NULL, "show errors only"},
    {"verbose", 'v', NULL, "report progress on stderr"},
    {"color", OPT_COLOR, "when", "colour output: auto, always or never"},
    {"version", OPT_VERSION, NULL, "print the version and exit"},
    {"help", 'h', NULL, "print this help and exit"},
    {NULL, 0, NULL, NULL},
};

static const struct cli_option check_options[] = {
    {"stage", OPT_STAGE, "1|2", "the audit stage to prepare for"},
    {"fail-on", OPT_FAIL_ON, "error|warning",
     "lowest severity that makes the exit status 1"},
    {"format", OPT_FORMAT, "fmt", "text, json, sarif, junit, github or gitlab"},
    {"discover", OPT_DISCOVER, NULL, "count ids the text mentions as coverage"},
    {"help", 'h', NULL, "print this help and exit"},
    {NULL, 0, NULL, NULL},
};

static const struct cli_option map_options[] = {
    {"by", OPT_BY, "control|clause|document|service", "rows of the map"},
    {"service", OPT_SERVICE, "id", "the view of one service line"},
    {"framework", OPT_FRAMEWORK, "id",
     "requirements of another framework (nis2, soc2 or your own)"},
    {"format", OPT_FORMAT, "fmt", "text, markdown, csv or json"},
    {"discover", OPT_DISCOVER, NULL, "count ids the text mentions as coverage"},
    {"help", 'h', NULL, "print this help and exit"},
    {NULL, 0, NULL, NULL},
};

static const struct cli_option checklist_options[] = {
    {"stage", OPT_STAGE, "1|2", "only the rows still open for that audit"},
    {"service", OPT_SERVICE, "id", "the view of one service line"},
    {"format", OPT_FORMAT, "fmt", "text, markdown, csv, json, xlsx or html"},
    {"output", 'o', "file", "write to <file> instead of stdout"},
    {"force", OPT_FORCE, NULL, "replace <file> if it exists"},
    {"help", 'h', NULL, "print this help and exit"},
    {NULL, 0, NULL, NULL},
};

static const struct cli_option soa_options[] = {
    {"write", OPT_WRITE, "file", "draft a Statement of Applicability"},
    {"format", OPT_FORMAT, "fmt", "text, markdown, csv, json, xlsx or html"},
    {"output", 'o', "file", "write the view to <file>"},
    {"force", OPT_FORCE, NULL, "replace an existing <file>"},
    {"help", 'h', NULL, "print this help and exit"},
    {NULL, 0, NULL, NULL},
};

static const struct cli_option show_options[] = {
    {"format", OPT_FORMAT, "fmt", "text, markdown or json"},
    {"help", 'h', NULL, "print this help and exit"},
    {NULL, 0, NULL, NULL},
};

static const struct cli_option gaps_options[] = {
    {"service", OPT_SERVICE, "id", "the view of one service line"},
    {"framework", OPT_FRAMEWORK, "id",
     "requirements of another framework neither tagged nor implied"},
    {"format", OPT_FORMAT, "fmt", "text, markdown, csv or json"},
    {"help", 'h', NULL, "print this help and exit"},
    {NULL, 0, NULL, NULL},
};

static const struct cli_option maturity_options[] = {
    {"stage", OPT_STAGE, "1|2", "the stage whose targets are shown"},
    {"format", OPT_FORMAT, "fmt", "text, markdown, csv or json"},
    {"help", 'h', NULL, "print this help and exit"},
    {NULL, 0, NULL, NULL},
};

static const struct cli_option metrics_options[] = {
    {"format", OPT_FORMAT, "fmt", "text, csv or json"},
    {"help", 'h', NULL, "print this help and exit"},
    {NULL, 0, NULL, NULL},
};

static const struct cli_option completion_options[] = {
    {"help", 'h', NULL, "print this help and exit"},
    {NULL, 0, NULL, NULL},
};

static const struct cli_option init_options[] = {
    {"template", OPT_TEMPLATE, "msp|minimal",
     "the starter set to write (default msp)"},
    {"organisation", OPT_ORGANISATION, "name",
     "the name to put in isms.yaml and the documents"},
    {"help", 'h', NULL, "print this help and exit"},
    {NULL, 0, NULL, NULL},
};

static const struct cli_option pack_options[] = {
    {"service", OPT_SERVICE, "id", "only the view of one service line"},
    {"output", 'o', "file", "write to <file>, .html or .md (required)"},
    {"force", OPT_FORCE, NULL, "replace <file> if it exists"},
    {"help", 'h', NULL, "print this help and exit"},
    {NULL, 0, NULL, NULL},
};

static const struct cli_option diff_options[] = {
    {"format", OPT_FORMAT, "fmt", "text, markdown or json"},
    {"help", 'h', NULL, "print this help and exit"},
    {NULL, 0, NULL, NULL},
};

static const struct cli_option calendar_options[] = {
    {"ics", OPT_ICS, "file", "write iCalendar to <file> (- for stdout)"},
    {"force", OPT_FORCE, NULL, "replace <file> if it exists"},
    {"help", 'h', NULL, "print this help and exit"},
    {NULL, 0, NULL, NULL},
};

static const struct cli_option report_options[] = {
    {"output", 'o', "file", "write the report to <file> (required)"},
    {"force", OPT_FORCE, NULL, "replace <file> if it exists"},
    {"help", 'h', NULL, "print this help and exit"},
    {NULL, 0, NULL, NULL},
};

/* What checklist and soa write: the tables, and workbooks and pages. */
#define AUDIT_FORMATS                                                          \
	(FORMAT_BIT(FORMAT_TEXT) | FORMAT_BIT(FORMAT_MARKDOWN) |               \
	 FORMAT_BIT(FORMAT_CSV) | FORMAT_BIT(FORMAT_JSON) |                    \
	 FORMAT_BIT(FORMAT_XLSX) | FORMAT_BIT(FORMAT_HTML))

const struct command commands[] = {
    {"check",
     "[--stage 1|2] [--fail-on error|warning] [--format <fmt>] "
     "[--discover]",
     "validate the repository and exit non-zero on findings", check_options,
     FORMAT_BIT(FORMAT_TEXT) | FORMAT_BIT(FORMAT_JSON) |
	 FORMAT_BIT(FORMAT_SARIF) | FORMAT_BIT(FORMAT_JUNIT) |
	 FORMAT_BIT(FORMAT_GITHUB) | FORMAT_BIT(FORMAT_GITLAB),
     cmd_check},
    {"map",
     "[--by control|clause|document|service] [--service <id>] "
     "[--framework <id>] [--format <fmt>]",
     "the control-to-document map", map_options,
     FORMAT_BIT(FORMAT_TEXT) | FORMAT_BIT(FORMAT_MARKDOWN) |
	 FORMAT_BIT(FORMAT_CSV) | FORMAT_BIT(FORMAT_JSON),
     cmd_map},
    {"checklist",
     "[--stage 1|2] [--service <id>] [--format <fmt>] "
     "[-o <file> [--force]]",
     "the audit index: requirement, documents, owner, status, review",
     checklist_options, AUDIT_FORMATS, cmd_checklist},
    {"soa",
     "[--write <file> [--force]] "
     "[--format <fmt> [-o <file> [--force]]]",
     "the Statement of Applicability the map implies", soa_options,
     AUDIT_FORMATS, cmd_soa},
    {"gaps", "[--service <id>] [--framework <id>] [--format <fmt>]",
     "unmapped and partial controls, missing clauses, as a plan", gaps_options,
     FORMAT_BIT(FORMAT_TEXT) | FORMAT_BIT(FORMAT_MARKDOWN) |
	 FORMAT_BIT(FORMAT_CSV) | FORMAT_BIT(FORMAT_JSON),
     cmd_gaps},
    {"maturity", "[--stage 1|2] [--format <fmt>]",
     "maturity per document, clause and theme; audit readiness",
     maturity_options,
     FORMAT_BIT(FORMAT_TEXT) | FORMAT_BIT(FORMAT_MARKDOWN) |
	 FORMAT_BIT(FORMAT_CSV) | FORMAT_BIT(FORMAT_JSON),
     cmd_maturity},
    {"metrics", "[--format <fmt>]", "anonymised figures from the registers",
     metrics_options,
     FORMAT_BIT(FORMAT_TEXT) | FORMAT_BIT(FORMAT_CSV) | FORMAT_BIT(FORMAT_JSON),
     cmd_metrics},
    {"report", "-o <file.html> [--force]", "a self-contained HTML dashboard",
     report_options, FORMAT_BIT(FORMAT_HTML), cmd_report},
    {"pack", "[--service <id>] -o <file.html|file.md> [--force]",
     "a customer security overview from the shareable documents", pack_options,
     FORMAT_BIT(FORMAT_HTML) | FORMAT_BIT(FORMAT_MARKDOWN), cmd_pack},
    {"init", "[<dir>] [--template msp|minimal] [--organisation <name>]",
     "scaffold a new ISMS repository; never overwrites", init_options, 0,
     cmd_init},
    {"completion", "bash|zsh", "print a shell completion script",
     completion_options, 0, cmd_completion},
    {"show", "<id> [--format <fmt>]",
     "one control, clause, document, risk or service, traced through",
     show_options,
     FORMAT_BIT(FORMAT_TEXT) | FORMAT_BIT(FORMAT_MARKDOWN) |
	 FORMAT_BIT(FORMAT_JSON),
     cmd_show},
    {"diff", "<rev> [--format <fmt>]",
     "how coverage, documents and findings changed since a revision",
     diff_options,
     FORMAT_BIT(FORMAT_TEXT) | FORMAT_BIT(FORMAT_MARKDOWN) |
	 FORMAT_BIT(FORMAT_JSON),
     cmd_diff},
    {"calendar", "[--ics <file> [--force]]",
     "reviews, audits and management reviews due, or iCalendar",
     calendar_options, 0, cmd_calendar},
    {NULL, NULL, NULL, NULL, 0, NULL},
};

const struct command *command_find(const char *name)
{
	const struct command *c;

	for (c = commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

void cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("isms: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* getopt_long's tables for an option list. */
static void cli_tables(const struct cli_option *opts, struct option *lo,
		       char *shorts)
{
	size_t i, s = 0;

	shorts[s++] = '+';
	shorts[s++] = ':';
	for (i = 0; opts[i].name; i++) {
		lo[i] = (struct option){
		    opts[i].name, opts[i].arg ? required_argument : no_argument,
		    NULL, opts[i].key};
		if (opts[i].key < 256) {
			shorts[s++] = (char)opts[i].key;
			if (opts[i].arg)
				shorts[s++] = ':';
		}
	}
	lo[i] = (struct option){NULL, 0, NULL, 0};
	shorts[s] = '\0';
}

int cli_next(const struct command *cmd, int argc, char **argv, const char **arg)
{
	const struct cli_option *opts = cmd ? cmd->options : global_options;
	struct option lo[32];
	char shorts[64];
	int c;

	cli_tables(opts, lo, shorts);
	opterr = 0;
	c = getopt_long(argc, argv, shorts, lo, NULL);
	*arg = optarg;
	if (c == '?' || c == ':') {
		const char *bad = argv[optind - 1 > 0 ? optind - 1 : 0];

		if (c == ':')
			cli_error("option '%s' needs a value", bad);
		else
			cli_error("unknown option '%s'", bad);
		cli_error("see 'isms %s%s--help'", cmd ? cmd->name : "",
			  cmd ? " " : "");
		return CLI_USAGE;
	}
	if (c == 'h' && cmd) {
		cli_help(stdout, cmd);
		return CLI_HELP;
	}
	return c == -1 ? CLI_END : c;
}

/* One of the shared options into a: 1 when c was one, -1 on an error. */
static int cli_shared(const struct command *cmd, int c, const char *arg,
		      struct cli_args *a)
{
	int f;

	switch (c) {
	case OPT_STAGE:
		if (strcmp(arg, "1") && strcmp(arg, "2")) {
			cli_error("--stage takes 1 or 2, not '%s'", arg);
			return -1;
		}
		a->stage = arg[0] - '0';
		return 1;
	case OPT_FORMAT:
		if ((f = cli_format(cmd, arg)) < 0)
			return -1;
		a->format = (enum format)f;
		return 1;
	case 'o': a->output = arg; return 1;
	case OPT_FORCE: a->force = true; return 1;
	case OPT_DISCOVER: a->discover = true; return 1;
	case OPT_SERVICE: a->service = arg; return 1;
	case OPT_FRAMEWORK: a->framework = arg; return 1;
	default: return 0;
	}
}

int cli_parse(const struct command *cmd, int argc, char **argv, int max,
	      struct cli_args *a, cli_own_fn own, void *data)
{
	const char *arg;
	int c, rc;

	while ((c = cli_next(cmd, argc, argv, &arg)) >= 0) {
		rc = cli_shared(cmd, c, arg, a);
		if (rc == 0 && own)
			rc = own(c, arg, data) < 0 ? -1 : 1;
		if (rc < 0)
			return EXIT_TROUBLE;
	}
	if (c != CLI_END)
		return cli_stop(c);
	return cli_operands_max(cmd, argc, argv, max) ? EXIT_TROUBLE : -1;
}

int cli_stop(int c)
{
	return c == CLI_HELP ? EXIT_OK : EXIT_TROUBLE;
}

int cli_operands(void)
{
	return optind;
}

int cli_operands_max(const struct command *cmd, int argc, char **argv, int max)
{
	if (argc - optind <= max)
		return 0;
	cli_error("%s takes %s ('%s')", cmd->name,
		  max ? "fewer operands" : "no operand", argv[optind + max]);
	return -1;
}

int cli_format(const struct command *cmd, const char *arg)
{
	const char *names[FORMAT_HTML + 1];
	struct buf list = BUF_INIT;
	int f = format_parse(arg), i, n = 0;

	if (f >= 0 && (cmd->formats & FORMAT_BIT(f)))
		return f;
	for (i = 0; i <= FORMAT_HTML; i++)
		if (cmd->formats & FORMAT_BIT(i))
			names[n++] = format_name((enum format)i);
	for (i = 0; i < n; i++)
		buf_addf(&list, "%s%s",
			 i == 0	      ? ""
			 : i == n - 1 ? " or "
				      : ", ",
			 names[i]);
	cli_error("%s cannot write format '%s'; use %s", cmd->name, arg,
		  buf_cstr(&list));
	buf_release(&list);
	return -1;
}

/* One line of an option list. */
static void cli_help_option(FILE *out, const struct cli_option *o)
{
	char left[64];

	if (o->key < 256)
		snprintf(left, sizeof(left), "-%c, --%s%s%s", o->key, o->name,
			 o->arg ? " " : "", o->arg ? o->arg : "");
	else
		snprintf(left, sizeof(left), "    --%s%s%s", o->name,
			 o->arg ? " " : "", o->arg ? o->arg : "");
	fprintf(out, "  %-30s %s\n", left, o->help);
}

void cli_help(FILE *out, const struct command *cmd)
{
	const struct cli_option *o;
	const struct command *c;

	if (cmd) {
		fprintf(out, "usage: isms %s %s\n\n%s\n\noptions:\n", cmd->name,
			cmd->usage, cmd->summary);
		for (o = cmd->options; o->name; o++)
			cli_help_option(out, o);
		return;
	}
	fputs("usage: isms [-C <dir>] [--config <file>] [-q | -v] "
	      "[--color <when>] <command> [<args>]\n\ncommands:\n",
	      out);
	for (c = commands; c->name; c++)
		fprintf(out, "  %-10s %s\n", c->name, c->summary);
	fputs("\noptions:\n", out);
	for (o = global_options; o->name; o++)
		cli_help_option(out, o);
	fputs("\nexit status: 0 done, 1 findings at or above --fail-on, "
	      "2 trouble\nsee 'isms help <command>' or 'man isms'\n",
	      out);
}

int cli_service(struct repo *r, const char *id)
{
	const char *near = NULL;

	if (!id)
		return 0;
	if (services_known(r, id, &near)) {
		services_restrict(r, id);
		return 0;
	}
	if (!r->services.catalogue)
		cli_error("no service '%s': there is no service catalogue and "
			  "no document names it%s%s%s",
			  id, near ? "; did you mean '" : "", near ? near : "",
			  near ? "'?" : "");
	else
		cli_error("no service '%s' in the service catalogue%s%s%s", id,
			  near ? "; did you mean '" : "", near ? near : "",
			  near ? "'?" : "");
	repo_release(r);
	return -1;
}

/* --framework: the framework named, or an error with the nearest. */
int cli_framework(struct repo *r, const char *id, const struct framework **fw)
{
	const char *near = frameworks_nearest(r->frameworks, id);
	struct buf known = BUF_INIT;
	size_t i;

	if ((*fw = frameworks_find(r->frameworks, id)))
		return 0;
	if (near) {
		cli_error("unknown framework '%s'; did you mean '%s'?", id,
			  near);
	} else {
		for (i = 0; i < r->frameworks->len; i++)
			buf_addf(&known, "%s%s", i ? ", " : "",
				 r->frameworks->items[i].id);
		cli_error("unknown framework '%s'; known: %s", id,
			  buf_cstr(&known));
		buf_release(&known);
	}
	repo_release(r);
	return -1;
}

int cli_load(struct cli_context *ctx, struct repo *r)
{
	struct text_style st = {false, false};

	if (repo_load(r, &ctx->repo) == 0)
		return 0;
	findings_sort(&r->findings);
	render_findings_text(stderr, r, &st);
	cli_error("cannot read the repository or its configuration");
	repo_release(r);
	return -1;
}

void cli_write_error(const char *path)
{
	alloc_errno_check(); /* fdopen() and the like */
	if (errno == EEXIST)
		cli_error("'%s' exists; use --force to replace it", path);
	else if (errno == EINVAL)
		cli_error("'%s' is not a regular file; isms replaces only "
			  "regular files",
			  path);
	else
		cli_error("cannot write '%s': %s", path, strerror(errno));
}

int cli_output_open(struct cli_output *o, const char *path, bool force)
{
	memset(o, 0, sizeof(*o));
	o->path = path;
	if (!path) {
		o->fp = stdout;
		return 0;
	}
	if (atomic_open(&o->af, path, force) < 0) {
		cli_write_error(path);
		return -1;
	}
	o->fp = o->af.fp;
	return 0;
}

int cli_output_close(struct cli_output *o, bool ok, int rc)
{
	if (!o->path)
		return rc;
	if (!ok) {
		atomic_abort(&o->af);
		return rc;
	}
	o->af.fp = o->fp;
	if (atomic_commit(&o->af) < 0) {
		alloc_errno_check();
		if (errno == EEXIST)
			cli_error("'%s' appeared while it was written; use "
				  "--force to replace it",
				  o->path);
		else
			cli_error("cannot write '%s': %s", o->path,
				  strerror(errno));
		return EXIT_TROUBLE;
	}
	return rc;
}

int cli_framework_view(struct cli_context *ctx, struct repo *r,
		       const struct cli_args *a, cli_fw_render render)
{
	const struct framework *fw;
	struct fw_report rep;

	if (cli_framework(r, a->framework, &fw) < 0)
		return EXIT_TROUBLE;
	fw_report_build(r, fw, &rep);
	render(ctx->out, &rep, a->format);
	fw_report_release(&rep);
	repo_release(r);
	return EXIT_OK;
}
