/* The HTML report: summary, heat map, readiness, maturity, gaps, index. */
#include "isms/report.h"
#include "isms/catalog.h"
#include "isms/heatmap.h"
#include "isms/html.h"
#include "isms/otable.h"
#include "isms/render.h"
#include "isms/version.h"

#include <string.h>

/* One figure of the summary strip. */
static void report_figure(FILE *out, size_t n, const char *label,
			  const char *cls)
{
	fprintf(out, "<div class=\"fig %s\"><b>%zu</b><span>%s</span></div>\n",
		cls, n, label);
}

/* The heading and the summary figures. */
static void report_summary(FILE *out, const struct repo *r)
{
	struct summary s;
	char today[11];

	summary_compute(r, &s);
	date_format(r->today, today);
	fputs("<header><h1>", out);
	html_escape(out, r->config.organisation ? r->config.organisation
						: "ISMS");
	fputs(": ISO/IEC 27001:2022 readiness</h1>\n<p class=\"muted\">",
	      out);
	fprintf(out, "Prepared for the Stage %d audit on %s by isms %s "
		     "from ",
		r->stage, today, ISMS_VERSION);
	html_escape(out, r->root);
	fputs(".</p></header>\n<section class=\"figs\">\n", out);
	report_figure(out, s.documents, "documents", "");
	report_figure(out, s.covered, "controls covered", "ok");
	report_figure(out, s.partial, "partial", "warn");
	report_figure(out, s.unmapped, "unmapped", s.unmapped ? "bad" : "");
	report_figure(out, s.excluded, "excluded", "");
	report_figure(out, s.clauses_missing, "clauses missing",
		      s.clauses_missing ? "bad" : "");
	report_figure(out, s.errors, "errors", s.errors ? "bad" : "ok");
	report_figure(out, s.warnings, "warnings", "");
	fputs("</section>\n", out);
}

/* Styles of the report's own parts (the page has the shared ones). */
static const char report_css[] =
	"<style>.figs{display:flex;flex-wrap:wrap;gap:.6em;margin:1em 0}"
	".fig{border:1px solid #d5dbe1;border-radius:6px;padding:.4em .8em;"
	"min-width:7em}.fig b{display:block;font-size:1.5em}"
	".fig span{color:#5b6773;font-size:.85em}"
	".fig.ok b{color:#1e7b34}.fig.warn b{color:#a86400}"
	".fig.bad b{color:#b3261e}"
	".bar{background:#eef2f6;border-radius:4px;height:.8em;width:12em;"
	"display:inline-block;vertical-align:middle}"
	".bar i{display:block;height:100%;border-radius:4px;"
	"background:#2e9d57}</style>\n";

/* The documents: who owns what, how mature, when reviewed next. */
static void report_documents(FILE *out, const struct repo *r)
{
	static const char *const head[] = {"document", "title",	"type",
					   "owner",    "status", "maturity",
					   "next review"};
	struct otable t;
	size_t i;

	otable_init(&t, 7, head);
	for (i = 0; i < r->ndocs; i++) {
		const struct document *d = r->docs[i];
		char level[4], next[11] = "";
		const char *row[7];

		if (!d->parsed)
			continue;
		snprintf(level, sizeof(level), "%d", document_maturity(d));
		if (d->next_review)
			date_format(d->next_review, next);
		row[0] = d->id ? d->id : d->path;
		row[1] = d->title;
		row[2] = doc_type_name(d->type);
		row[3] = d->owner;
		row[4] = doc_status_name(d->status);
		row[5] = level;
		row[6] = next;
		otable_add(&t, row);
	}
	fputs("<h2>Documents</h2>\n", out);
	html_table(out, &t, NULL);
	otable_release(&t);
}

void report_write(FILE *out, const struct repo *r)
{
	html_begin(out, "ISMS readiness report");
	fputs(report_css, out);
	report_summary(out, r);
	fputs("<h2>Annex A coverage</h2>\n", out);
	heatmap_svg(out, r);
	report_documents(out, r);
	html_end(out);
}
