/* isms pack: the customer security overview, written atomically to -o. */
#include "isms/cli.h"
#include "isms/pack.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Does path end in ext (case-blind)? */
static bool pack_ends(const char *path, const char *ext)
{
	size_t n = strlen(path), e = strlen(ext);

	return n > e && !strcasecmp(path + n - e, ext);
}

/* The format the file's name asks for, or -1 after saying why not. */
static int pack_format(const char *path)
{
	if (pack_ends(path, ".html") || pack_ends(path, ".htm"))
		return FORMAT_HTML;
	if (pack_ends(path, ".md") || pack_ends(path, ".markdown"))
		return FORMAT_MARKDOWN;
	cli_error("pack writes HTML (.html) or Markdown (.md), not '%s'", path);
	return -1;
}

/* Write p to path in format f; the exit status. */
static int pack_emit(const struct cli_args *a, int f, const struct pack *p)
{
	struct cli_output o;
	bool ok;

	if (cli_output_open(&o, a->output, a->force) < 0)
		return EXIT_TROUBLE;
	ok = (f == FORMAT_HTML ? pack_write_html(o.fp, p)
			       : pack_write_markdown(o.fp, p)) == 0 &&
	     !ferror(o.fp);
	if (!ok && !ferror(o.fp))
		cli_error("cannot render the pack (md4c failed)");
	return cli_output_close(&o, ok, ok ? EXIT_OK : EXIT_TROUBLE);
}

/* Build the pack of r and write it; the exit status. */
static int pack_run(struct repo *r, const struct cli_args *a, int f)
{
	struct pack p;
	int rc;

	if (pack_build(r, &p) < 0) {
		cli_error("cannot read '%s' again: %s", p.bad, p.why);
		rc = EXIT_TROUBLE;
	} else if (!p.len) {
		cli_error("no approved document is marked 'shareable: true'%s; "
			  "nothing to pack",
			  r->view ? " in the view of that service" : "");
		rc = EXIT_TROUBLE;
	} else {
		rc = pack_emit(a, f, &p);
	}
	pack_release(&p);
	return rc;
}

/* isms pack [--service <id>] -o <file.html|file.md> [--force]. */
int cmd_pack(struct cli_context *ctx, int argc, char **argv)
{
	struct cli_args a = CLI_ARGS_INIT;
	struct repo r;
	int f,
	    rc = cli_parse(command_find("pack"), argc, argv, 0, &a, NULL, NULL);

	if (rc >= 0)
		return rc;
	if (!a.output) {
		cli_error("pack needs -o <file.html> or -o <file.md>");
		return EXIT_TROUBLE;
	}
	if ((f = pack_format(a.output)) < 0 || cli_load(ctx, &r) < 0 ||
	    cli_service(&r, a.service) < 0)
		return EXIT_TROUBLE;
	rc = pack_run(&r, &a, f);
	repo_release(&r);
	return rc;
}
