/* The HTML report: summary, heat map, readiness, maturity, gaps, index. */
#include "isms/report.h"
#include "isms/catalog.h"
#include "isms/checklist.h"
#include "isms/gaps.h"
#include "isms/heatmap.h"
#include "isms/html.h"
#include "isms/maturity.h"
#include "isms/otable.h"
#include "isms/render.h"
#include "isms/version.h"

#include <stdio.h>
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
	html_escape(out,
		    r->config.organisation ? r->config.organisation : "ISMS");
	fputs(": ISO/IEC 27001:2022 readiness</h1>\n<p class=\"muted\">", out);
	fprintf(out,
		"Prepared for the Stage %d audit on %s by isms %s "
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
	static const char *const head[] = {"document",	 "title",  "type",
					   "owner",	 "status", "maturity",
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

/* A percentage with a bar. */
static void report_bar(FILE *out, int percent)
{
	fprintf(out,
		"<span class=\"bar\"><i style=\"width:%d%%\"></i></span> "
		"<b>%d%%</b>",
		percent, percent);
}

/* Readiness for Stage 1 and 2, and what holds each back. */
static void report_readiness(FILE *out, const struct maturity *m)
{
	static const char *const head[] = {"stage", "requirement", "item",
					   "why not met"};
	struct otable t;
	size_t i, s;

	fputs("<h2>Readiness</h2>\n<table>\n", out);
	for (s = 0; s < 2; s++) {
		fprintf(out, "<tr><th>Stage %zu</th><td>", s + 1);
		report_bar(out, m->ready[s].percent);
		fprintf(out,
			" <span class=\"muted\">%zu of %zu requirements "
			"met</span></td></tr>\n",
			m->ready[s].met, m->ready[s].total);
	}
	fputs("</table>\n", out);
	otable_init(&t, 4, head);
	for (i = 0; i < m->nitems; i++) {
		const struct readiness_item *it = &m->items[i];
		char stage[4];
		const char *row[4];

		if (it->met)
			continue;
		snprintf(stage, sizeof(stage), "%d", it->stage);
		row[0] = stage;
		row[1] = it->title;
		row[2] = it->id;
		row[3] = it->reason;
		otable_add(&t, row);
	}
	if (t.nrows > 1)
		html_table(out, &t, "What holds readiness back");
	otable_release(&t);
}

/* A roll-up level for a cell: "2", or "" when nothing is there. */
static const char *level_text(char buf[4], int level)
{
	if (!level)
		return "";
	snprintf(buf, 4, "%d", level);
	return buf;
}

/* Maturity per clause and per Annex A theme (lowest level counts). */
static void report_maturity(FILE *out, const struct maturity *m)
{
	static const char *const chead[] = {"clause", "title", "claimed",
					    "evidenced", "documents"};
	static const char *const thead[] = {
	    "theme", "applicable", "full", "partial", "claimed", "evidenced"};
	struct otable t;
	size_t i;

	fputs("<h2>Maturity</h2>\n<p class=\"muted\">The lowest level among "
	      "the documents counts: an auditor may sample any of them."
	      "</p>\n",
	      out);
	otable_init(&t, 5, chead);
	for (i = 0; i < m->nclauses; i++) {
		const struct maturity_rollup *c = &m->clauses[i];
		char a[4], b[4], n[24];
		const char *row[5];

		if (!c->required)
			continue;
		snprintf(n, sizeof(n), "%zu", c->ndocs);
		row[0] = c->id;
		row[1] = c->title;
		row[2] = level_text(a, c->claimed);
		row[3] = level_text(b, c->evidenced);
		row[4] = n;
		otable_add(&t, row);
	}
	html_table(out, &t, "Clauses that require documented information");
	otable_release(&t);
	otable_init(&t, 6, thead);
	for (i = 0; i < m->nthemes; i++) {
		const struct maturity_rollup *c = &m->themes[i];
		char a[4], b[4], n[3][24];
		const char *row[6];

		snprintf(n[0], sizeof(n[0]), "%zu", c->applicable);
		snprintf(n[1], sizeof(n[1]), "%zu", c->full);
		snprintf(n[2], sizeof(n[2]), "%zu", c->partial);
		row[0] = c->id;
		row[1] = n[0];
		row[2] = n[1];
		row[3] = n[2];
		row[4] = level_text(a, c->claimed);
		row[5] = level_text(b, c->evidenced);
		otable_add(&t, row);
	}
	html_table(out, &t, "Annex A themes");
	otable_release(&t);
}

/* The improvement plan: every gap with its owner and due date. */
static void report_gaps(FILE *out, const struct repo *r)
{
	static const char *const head[] = {"group",  "gap",   "item",
					   "detail", "owner", "due"};
	struct gaps g;
	struct otable t;
	size_t i;

	gaps_compute(r, &g);
	fprintf(out, "<h2>Gaps (%zu)</h2>\n", g.len);
	otable_init(&t, 6, head);
	for (i = 0; i < g.len; i++) {
		const struct gap *it = &g.items[i];
		char due[11] = "";
		const char *row[6];

		if (it->due)
			date_format(it->due, due);
		row[0] = gaps_group_name(it->group);
		row[1] = gap_kind_name(it->kind);
		row[2] = it->id;
		row[3] = it->detail;
		row[4] = it->owner;
		row[5] = due;
		otable_add(&t, row);
	}
	if (g.len)
		html_table(out, &t, NULL);
	else
		fputs("<p class=\"ok\">No gaps.</p>\n", out);
	otable_release(&t);
	gaps_release(&g);
}

/* The audit index: every requirement and the documents that answer it. */
static void report_checklist(FILE *out, const struct repo *r)
{
	struct checklist cl;
	struct otable t;

	checklist_build(r, 0, &cl);
	checklist_table(&t, &cl, CHECKLIST_SECTIONS);
	fputs("<h2>Checklist</h2>\n", out);
	html_table(out, &t, NULL);
	otable_release(&t);
	checklist_release(&cl);
}

void report_write(FILE *out, const struct repo *r)
{
	struct maturity m;

	html_begin(out, "ISMS readiness report");
	fputs(report_css, out);
	report_summary(out, r);
	fputs("<h2>Annex A coverage</h2>\n", out);
	heatmap_svg(out, r);
	maturity_compute(r, 0, &m);
	report_readiness(out, &m);
	report_maturity(out, &m);
	maturity_release(&m);
	report_gaps(out, r);
	report_checklist(out, r);
	report_documents(out, r);
	html_end(out);
}
