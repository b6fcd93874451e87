/* check's output: compiler-style lines and a summary, or JSON. */
#include "isms/buf.h"
#include "isms/catalog.h"
#include "isms/json.h"
#include "isms/render.h"
#include "isms/version.h"

#include <string.h>

int format_parse(const char *name)
{
	static const char *const names[] = {
	    "text",   "json",	"markdown", "csv",  "sarif", "junit",
	    "github", "gitlab", "xlsx",	    "html", NULL};
	int i;

	for (i = 0; names[i]; i++)
		if (!strcmp(names[i], name))
			return i;
	if (!strcmp(name, "md"))
		return FORMAT_MARKDOWN;
	return -1;
}

const char *format_name(enum format f)
{
	static const char *const names[] = {
	    "text",  "json",   "markdown", "csv",  "sarif",
	    "junit", "github", "gitlab",   "xlsx", "html"};

	return names[f];
}

void summary_compute(const struct repo *r, struct summary *s)
{
	size_t i;

	memset(s, 0, sizeof(*s));
	s->documents = r->ndocs;
	for (i = 0; i < r->findings.len; i++) {
		enum severity sev = r->findings.items[i].severity;

		if (r->findings.items[i].waiver) {
			s->waived++;
			continue;
		}
		s->errors += sev == SEVERITY_ERROR;
		s->warnings += sev == SEVERITY_WARNING;
		s->notes += sev == SEVERITY_NOTE;
	}
	s->controls = catalog_control_count;
	for (i = 0; r->controls && i < catalog_control_count; i++) {
		enum coverage c = r->controls[i].coverage;

		s->excluded += c == COVERAGE_EXCLUDED;
		s->covered += c == COVERAGE_FULL;
		s->partial += c == COVERAGE_PARTIAL;
		s->unmapped += c == COVERAGE_NONE;
	}
	s->applicable = s->controls - s->excluded;
	for (i = 0; r->clauses && i < catalog_clause_count; i++) {
		if (!catalog_clauses[i].required)
			continue;
		s->clauses_required++;
		if (r->clauses[i].ndocs)
			s->clauses_covered++;
	}
	s->clauses_missing = s->clauses_required - s->clauses_covered;
}

/* "1 error", "2 errors". */
static void count(FILE *out, size_t n, const char *what)
{
	fprintf(out, "%zu %s%s", n, what, n == 1 ? "" : "s");
}

void render_summary_line(FILE *out, const struct summary *s)
{
	count(out, s->documents, "document");
	fprintf(out,
		", %zu controls (%zu covered, %zu partial, %zu unmapped, "
		"%zu excluded): ",
		s->controls, s->covered, s->partial, s->unmapped, s->excluded);
	count(out, s->errors, "error");
	fputs(", ", out);
	count(out, s->warnings, "warning");
	if (s->notes) {
		fputs(", ", out);
		count(out, s->notes, "note");
	}
	if (s->waived)
		fprintf(out, ", %zu waived", s->waived);
	fputc('\n', out);
}

/* The colour escape of a severity, or "". */
static const char *severity_color(enum severity sev)
{
	switch (sev) {
	case SEVERITY_ERROR: return "\033[1;31m";
	case SEVERITY_WARNING: return "\033[1;33m";
	default: return "\033[1;36m";
	}
}

/*
 * One finding as "path:line:column: severity: message [rule]" on one
 * line, built in line.
 */
static void render_finding_text(FILE *out, struct buf *line,
				const struct finding *f,
				const struct text_style *st)
{
	char at[32];

	buf_truncate(line, 0);
	if (f->file) {
		text_path(line, f->file);
		if (f->pos.line) {
			snprintf(at, sizeof(at), ":%u:%u", f->pos.line,
				 f->pos.column ? f->pos.column : 1);
			buf_adds(line, at);
		}
		buf_adds(line, ": ");
	}
	if (st->color)
		buf_adds(line, severity_color(f->severity));
	buf_adds(line, severity_name(f->severity));
	buf_adds(line, st->color ? ":\033[0m " : ": ");
	text_escape(line, f->message);
	buf_adds(line, " [");
	buf_adds(line, f->rule);
	buf_adds(line, "]\n");
	fwrite(line->ptr, 1, line->len, out);
}

void render_findings_text(FILE *out, const struct repo *r,
			  const struct text_style *st)
{
	struct buf line = BUF_INIT;
	size_t i;

	for (i = 0; i < r->findings.len; i++) {
		const struct finding *f = &r->findings.items[i];

		if (f->waiver || (st->quiet && f->severity != SEVERITY_ERROR))
			continue;
		render_finding_text(out, &line, f, st);
	}
	buf_release(&line);
}

void render_check_text(FILE *out, const struct repo *r, const struct summary *s,
		       const struct text_style *st)
{
	render_findings_text(out, r, st);
	render_summary_line(out, s);
}

/* See render.h. */
json_t *render_finding_json(const struct finding *f)
{
	json_t *o = json_object();

	json_put(o, "rule", json_text(f->rule));
	json_put(o, "severity", json_text(severity_name(f->severity)));
	json_put(o, "message", json_text(f->message));
	if (f->file)
		json_put(o, "file", json_text(f->file));
	if (f->file && f->pos.line) {
		json_put(o, "line", json_integer(f->pos.line));
		json_put(o, "column",
			 json_integer(f->pos.column ? f->pos.column : 1));
	}
	if (f->control)
		json_put(o, "control", json_text(f->control));
	if (f->clause)
		json_put(o, "clause", json_text(f->clause));
	if (f->document)
		json_put(o, "document", json_text(f->document));
	if (f->suggestion)
		json_put(o, "suggestion", json_text(f->suggestion));
	if (f->waiver) {
		json_put(o, "suppressed", json_true());
		json_put(o, "justification", json_text(f->waiver));
	}
	return o;
}

/* The "summary" object of CLI.md. */
static json_t *summary_json(const struct summary *s)
{
	json_t *o = json_object(), *c = json_object(), *k = json_object();

	json_put(o, "documents", json_integer((json_int_t)s->documents));
	json_put(o, "errors", json_integer((json_int_t)s->errors));
	json_put(o, "warnings", json_integer((json_int_t)s->warnings));
	json_put(o, "notes", json_integer((json_int_t)s->notes));
	json_put(o, "waived", json_integer((json_int_t)s->waived));
	json_put(c, "total", json_integer((json_int_t)s->controls));
	json_put(c, "applicable", json_integer((json_int_t)s->applicable));
	json_put(c, "excluded", json_integer((json_int_t)s->excluded));
	json_put(c, "covered", json_integer((json_int_t)s->covered));
	json_put(c, "partial", json_integer((json_int_t)s->partial));
	json_put(c, "unmapped", json_integer((json_int_t)s->unmapped));
	json_put(o, "controls", c);
	json_put(k, "required", json_integer((json_int_t)s->clauses_required));
	json_put(k, "covered", json_integer((json_int_t)s->clauses_covered));
	json_put(k, "missing", json_integer((json_int_t)s->clauses_missing));
	json_put(o, "clauses", k);
	return o;
}

int render_check_json(FILE *out, const struct repo *r, const struct summary *s)
{
	json_t *root = json_object(), *tool = json_object();
	json_t *list = json_array();
	size_t i;

	json_put(tool, "name", json_text("isms"));
	json_put(tool, "version", json_text(ISMS_VERSION));
	json_put(root, "tool", tool);
	json_put(root, "root", json_text(r->root));
	json_put(root, "standard", json_text(r->config.standard));
	json_put(root, "stage", json_integer(r->stage));
	json_put(root, "summary", summary_json(s));
	for (i = 0; i < r->findings.len; i++)
		json_array_append_new(
		    list, render_finding_json(&r->findings.items[i]));
	json_put(root, "findings", list);
	return json_write(out, root);
}
