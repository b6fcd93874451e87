/* check --format github: workflow commands that become annotations. */
#include "isms/ci.h"
#include "isms/alloc.h"

#include <string.h>

/* The workflow command of a severity. */
static const char *github_command(enum severity sev)
{
	return sev == SEVERITY_ERROR	 ? "error"
	       : sev == SEVERITY_WARNING ? "warning"
					 : "notice";
}

/*
 * Write s escaped as GitHub reads a command: %, CR and LF always, and
 * in a property value also ':' and ',' that would end it.
 */
static void github_escape(FILE *out, const char *s, bool property)
{
	for (; *s; s++) {
		if (*s == '%')
			fputs("%25", out);
		else if (*s == '\r')
			fputs("%0D", out);
		else if (*s == '\n')
			fputs("%0A", out);
		else if (property && *s == ':')
			fputs("%3A", out);
		else if (property && *s == ',')
			fputs("%2C", out);
		else
			fputc(*s, out);
	}
}

/* One finding as "::error file=..,line=..,col=..,title=..::message". */
static void github_finding(FILE *out, const struct repo *r,
			   const struct finding *f)
{
	struct ci_location at;

	ci_locate(r, f, &at);
	fprintf(out, "::%s file=", github_command(f->severity));
	github_escape(out, at.path, true);
	fprintf(out, ",line=%u,col=%u,title=", at.line, at.column);
	github_escape(out, f->rule, true);
	fputs("::", out);
	github_escape(out, f->message, false);
	fputc('\n', out);
}

/* How many findings GitHub does not show: 10 per severity and step. */
static size_t github_hidden(const struct summary *s)
{
	const size_t counts[] = {s->errors, s->warnings, s->notes};
	size_t i, hidden = 0;

	for (i = 0; i < sizeof(counts) / sizeof(*counts); i++)
		if (counts[i] > GITHUB_ANNOTATIONS_SHOWN)
			hidden += counts[i] - GITHUB_ANNOTATIONS_SHOWN;
	return hidden;
}

/* The sentence about findings not shown, without a newline. */
static void github_hidden_text(FILE *out, const struct summary *s)
{
	size_t hidden = github_hidden(s);

	fprintf(out,
		"%zu finding%s not shown as annotation%s (GitHub shows %d "
		"per severity); the step's log lists them all",
		hidden, hidden == 1 ? " is" : "s are", hidden == 1 ? "" : "s",
		GITHUB_ANNOTATIONS_SHOWN);
}

/* check --format github: a command per finding, a notice, the summary. */
int render_check_github(FILE *out, const struct repo *r,
			const struct summary *s)
{
	size_t i;

	for (i = 0; i < r->findings.len; i++)
		if (!r->findings.items[i].waiver)
			github_finding(out, r, &r->findings.items[i]);
	if (github_hidden(s)) {
		fputs("::notice::", out);
		github_hidden_text(out, s);
		fputc('\n', out);
	}
	render_summary_line(out, s);
	return 0;
}

/* Append the Markdown summary to GitHub's step summary file. */
int render_github_step_summary(const char *path, const struct summary *s)
{
	FILE *fp = fopen(path, "a");
	int rc;

	if (!fp) {
		alloc_errno_check();
		return -1;
	}
	fprintf(fp,
		"### isms check\n\n"
		"| severity | findings |\n|---|---:|\n"
		"| error | %zu |\n| warning | %zu |\n| note | %zu |\n\n",
		s->errors, s->warnings, s->notes);
	render_summary_line(fp, s);
	if (github_hidden(s)) {
		fputc('\n', fp);
		github_hidden_text(fp, s);
		fputs(".\n", fp);
	}
	fputc('\n', fp);
	rc = ferror(fp) ? -1 : 0;
	return fclose(fp) || rc ? -1 : 0;
}
