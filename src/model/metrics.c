/*
 * Metrics from the registers: one pass over the rows of each kind, a
 * tally, then the figures in a fixed order.  Only enum values, dates and
 * numbers are read; no name, title or customer leaves this file.
 */
#include "isms/metrics.h"
#include "isms/alloc.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const severities[] = {"low", "medium", "high", "critical",
					 NULL};
static const char *const results[] = {"success", "failed", "rolled-back", NULL};
static const char *const sources[] = {
    "internal-audit", "external-audit", "incident", "review", "other", NULL};
static const char *const treatments[] = {"mitigate", "accept", "transfer",
					 "avoid", NULL};
static const char *const levels[] = {"low", "medium", "high", NULL};

/* How far ahead a supplier review counts as due soon. */
#define METRICS_DUE_DAYS 30

/* Risk scores up to this are low whatever the threshold. */
#define METRICS_LOW_MAX 7

/* The figures of one section and the registers of its kind. */
struct section {
	const struct repo *repo;
	struct metrics *m;
	const char *kind;
	const char *name;
	const char *unit; /* of its counts: "incidents", ... */
	const char *const *paths;
	size_t npaths;
	size_t rows; /* data rows of all its registers */
};

/* Called for each data row i of register g. */
typedef void (*row_fn)(const struct section *s, const struct reg *g, size_t i,
		       void *tally);

/* Index of cell in values (case-blind), or -1. */
static int metrics_value(const char *cell, const char *const *values)
{
	int i;

	for (i = 0; values[i]; i++)
		if (!strcasecmp(cell, values[i]))
			return i;
	return -1;
}

/* v rounded half away from zero to two decimals (no libm needed). */
static double metrics_round2(double v)
{
	double x = v * 100 + (v < 0 ? -0.5 : 0.5);

	return (double)(long long)x / 100;
}

/* Start a section: the registers of kind and their row count. */
static void section_init(struct section *s, const struct repo *r,
			 struct metrics *m, const char *kind, const char *name,
			 const char *unit)
{
	size_t i;

	*s = (struct section){r, m, kind, name, unit, m->paths + m->npaths,
			      0, 0};
	for (i = 0; i < r->nregs; i++) {
		const struct reg *g = &r->regs[i];

		if (strcmp(g->schema->kind, kind))
			continue;
		m->paths[m->npaths++] = g->rows_path;
		s->npaths++;
		s->rows += reg_rows(g);
	}
}

/* Call fn for every data row of the section's registers. */
static void section_scan(const struct section *s, row_fn fn, void *tally)
{
	const struct repo *r = s->repo;
	size_t i, row;

	for (i = 0; i < r->nregs; i++) {
		const struct reg *g = &r->regs[i];

		if (strcmp(g->schema->kind, s->kind))
			continue;
		for (row = 1; row <= reg_rows(g); row++)
			fn(s, g, row, tally);
	}
}

/* Append a figure of the section. */
static struct metric *figure_add(const struct section *s, const char *name,
				 enum metric_type type, const char *unit,
				 size_t rows)
{
	struct metrics *m = s->m;
	struct metric *f;

	ALLOC_GROW(m->items, m->len + 1, m->cap);
	f = &m->items[m->len++];
	*f = (struct metric){s->name, name,	type,	   0,	0.0,
			     unit,    s->paths, s->npaths, rows};
	return f;
}

/* A count over every row of the section, in the section's unit. */
static void figure_count(const struct section *s, const char *name, long n)
{
	figure_add(s, name, METRIC_COUNT, s->unit, s->rows)->count = n;
}

/* A measure over rows rows; none when there are no rows. */
static void figure_real(const struct section *s, const char *name, double v,
			const char *unit, size_t rows)
{
	struct metric *f =
	    figure_add(s, name, rows ? METRIC_REAL : METRIC_NONE, unit, rows);

	if (rows)
		f->real = metrics_round2(v);
}

/* The counts n[0..len), named names[0..len). */
static void figure_counts(const struct section *s, const char *const *names,
			  const long *n, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		figure_count(s, names[i], n[i]);
}

struct incident_tally {
	long severity[4];
	long open, closed;
	long long seconds; /* open to close, summed */
	long timed;	   /* closed incidents in seconds */
};

/*
 * Seconds from opened to closed.  With a time in both cells the
 * difference is exact; when either is a bare date both are read as dates
 * (whole days), since a bare close date would otherwise fall before a
 * same-day open time.  False when a cell is no date or the close comes
 * before the open.
 */
static bool incident_seconds(const struct reg *g, size_t i, long long *secs)
{
	const char *opened = reg_get(g, i, "opened");
	const char *closed = reg_get(g, i, "closed");
	long long o, c;
	bool ot, ct;

	if (!date_time_parse(opened, &o, &ot) ||
	    !date_time_parse(closed, &c, &ct))
		return false;
	if (ot && ct)
		*secs = c - o;
	else
		*secs =
		    date_diff(date_parse(opened), date_parse(closed)) * 86400LL;
	return *secs >= 0;
}

/* Tally one incident row. */
static void incident_row(const struct section *s, const struct reg *g, size_t i,
			 void *tally)
{
	struct incident_tally *t = tally;
	int sev = metrics_value(reg_get(g, i, "severity"), severities);
	const char *status = reg_get(g, i, "status");
	long long secs;

	(void)s;
	if (sev >= 0)
		t->severity[sev]++;
	if (!strcasecmp(status, "open"))
		t->open++;
	if (strcasecmp(status, "closed"))
		return;
	t->closed++;
	if (incident_seconds(g, i, &secs)) {
		t->seconds += secs;
		t->timed++;
	}
}

/* incidents: total, by severity, open, closed, mean time to close. */
static void metrics_incidents(const struct repo *r, struct metrics *m)
{
	static const char *const names[] = {"severity.low", "severity.medium",
					    "severity.high",
					    "severity.critical"};
	struct incident_tally t = {{0}, 0, 0, 0, 0};
	struct section s;
	double hours = 0;

	section_init(&s, r, m, "incident", "incidents", "incidents");
	section_scan(&s, incident_row, &t);
	if (t.timed)
		hours = (double)t.seconds / (double)t.timed / 3600.0;
	figure_count(&s, "total", (long)s.rows);
	figure_counts(&s, names, t.severity, 4);
	figure_count(&s, "open", t.open);
	figure_count(&s, "closed", t.closed);
	figure_real(&s, "mean_time_to_close.hours", hours, "hours",
		    (size_t)t.timed);
	figure_real(&s, "mean_time_to_close.days", hours / 24, "days",
		    (size_t)t.timed);
	figure_count(&s, "mean_time_to_close.incidents", t.timed);
}

/* Tally one change row: the count of each result. */
static void change_row(const struct section *s, const struct reg *g, size_t i,
		       void *tally)
{
	long *n = tally;
	int res = metrics_value(reg_get(g, i, "result"), results);

	(void)s;
	if (res >= 0)
		n[res]++;
}

/* changes: total, with a result, each result's count and rate. */
static void metrics_changes(const struct repo *r, struct metrics *m)
{
	static const char *const counts[] = {"result.success", "result.failed",
					     "result.rolled-back"};
	static const char *const rates[] = {"rate.success", "rate.failed",
					    "rate.rolled-back"};
	long n[3] = {0, 0, 0}, with;
	struct section s;
	size_t i;

	section_init(&s, r, m, "change", "changes", "changes");
	section_scan(&s, change_row, n);
	with = n[0] + n[1] + n[2];
	figure_count(&s, "total", (long)s.rows);
	figure_count(&s, "with_result", with);
	figure_counts(&s, counts, n, 3);
	for (i = 0; i < 3; i++)
		figure_real(&s, rates[i],
			    with ? 100.0 * (double)n[i] / (double)with : 0,
			    "percent", (size_t)with);
}

struct nonconformity_tally {
	long open, closed, overdue;
	long source[5];
};

/* Tally one nonconformity row; overdue is open with due before today. */
static void nonconformity_row(const struct section *s, const struct reg *g,
			      size_t i, void *tally)
{
	struct nonconformity_tally *t = tally;
	int src = metrics_value(reg_get(g, i, "source"), sources);
	const char *status = reg_get(g, i, "status");
	isms_date due = date_parse(reg_get(g, i, "due"));

	if (src >= 0)
		t->source[src]++;
	if (!strcasecmp(status, "closed"))
		t->closed++;
	if (strcasecmp(status, "open"))
		return;
	t->open++;
	if (due && due < s->repo->today)
		t->overdue++;
}

/* nonconformities: total, open, closed, overdue, by source. */
static void metrics_nonconformities(const struct repo *r, struct metrics *m)
{
	static const char *const names[] = {
	    "source.internal-audit", "source.external-audit", "source.incident",
	    "source.review", "source.other"};
	struct nonconformity_tally t = {0, 0, 0, {0}};
	struct section s;

	section_init(&s, r, m, "nonconformity", "nonconformities",
		     "nonconformities");
	section_scan(&s, nonconformity_row, &t);
	figure_count(&s, "total", (long)s.rows);
	figure_count(&s, "open", t.open);
	figure_count(&s, "closed", t.closed);
	figure_count(&s, "overdue", t.overdue);
	figure_counts(&s, names, t.source, 5);
}

struct risk_tally {
	long band[3]; /* low, medium, high */
	long treatment[4];
	long open_high;
};

/* A likelihood or impact cell: 1 to 5, else 0. */
static int risk_factor(const char *cell)
{
	char *end;
	long v = strtol(cell, &end, 10);

	return *cell && !*end && v >= 1 && v <= 5 ? (int)v : 0;
}

/* The band of a score: 0 low, 1 medium, 2 high; -1 when unscored. */
static int risk_band(int score, int threshold)
{
	if (score <= 0)
		return -1;
	if (score >= threshold)
		return 2;
	return score <= METRICS_LOW_MAX ? 0 : 1;
}

/* Tally one risk row: score band, treatment, open and high. */
static void risk_row(const struct section *s, const struct reg *g, size_t i,
		     void *tally)
{
	struct risk_tally *t = tally;
	int score = risk_factor(reg_get(g, i, "likelihood")) *
		    risk_factor(reg_get(g, i, "impact"));
	int band = risk_band(score, s->repo->config.risk_threshold);
	int tr = metrics_value(reg_get(g, i, "treatment"), treatments);

	if (band >= 0)
		t->band[band]++;
	if (tr >= 0)
		t->treatment[tr]++;
	if (band == 2 && !strcasecmp(reg_get(g, i, "status"), "open"))
		t->open_high++;
}

/* risks: total, by score band, by treatment, open high risks. */
static void metrics_risks(const struct repo *r, struct metrics *m)
{
	static const char *const bands[] = {"band.low", "band.medium",
					    "band.high"};
	static const char *const names[] = {
	    "treatment.mitigate", "treatment.accept", "treatment.transfer",
	    "treatment.avoid"};
	struct risk_tally t = {{0}, {0}, 0};
	struct section s;

	section_init(&s, r, m, "risk", "risks", "risks");
	section_scan(&s, risk_row, &t);
	figure_count(&s, "total", (long)s.rows);
	figure_counts(&s, bands, t.band, 3);
	figure_counts(&s, names, t.treatment, 4);
	figure_count(&s, "open_high", t.open_high);
}

struct supplier_tally {
	long criticality[3];
	long overdue, due_soon, expired;
};

/* Tally one supplier row against today. */
static void supplier_row(const struct section *s, const struct reg *g, size_t i,
			 void *tally)
{
	struct supplier_tally *t = tally;
	isms_date today = s->repo->today;
	isms_date soon =
	    date_add(today, (struct duration){METRICS_DUE_DAYS, 'd'});
	isms_date next = date_parse(reg_get(g, i, "next_review"));
	isms_date expires = date_parse(reg_get(g, i, "assurance_expires"));
	int crit = metrics_value(reg_get(g, i, "criticality"), levels);

	if (crit >= 0)
		t->criticality[crit]++;
	if (next && next < today)
		t->overdue++;
	else if (next && next <= soon)
		t->due_soon++;
	if (expires && expires < today)
		t->expired++;
}

/* suppliers: total, by criticality, reviews overdue and due, assurance. */
static void metrics_suppliers(const struct repo *r, struct metrics *m)
{
	static const char *const names[] = {
	    "criticality.low", "criticality.medium", "criticality.high"};
	struct supplier_tally t = {{0}, 0, 0, 0};
	struct section s;

	section_init(&s, r, m, "supplier", "suppliers", "suppliers");
	section_scan(&s, supplier_row, &t);
	figure_count(&s, "total", (long)s.rows);
	figure_counts(&s, names, t.criticality, 3);
	figure_count(&s, "reviews_overdue", t.overdue);
	figure_count(&s, "reviews_due_30_days", t.due_soon);
	figure_count(&s, "assurance_expired", t.expired);
}

void metrics_compute(const struct repo *r, struct metrics *m)
{
	memset(m, 0, sizeof(*m));
	/* A register has one kind, so nregs slots hold every section's. */
	m->paths = xcalloc(r->nregs + 1, sizeof(*m->paths));
	metrics_incidents(r, m);
	metrics_changes(r, m);
	metrics_nonconformities(r, m);
	metrics_risks(r, m);
	metrics_suppliers(r, m);
}

void metrics_release(struct metrics *m)
{
	free(m->items);
	free(m->paths);
	memset(m, 0, sizeof(*m));
}

const struct metric *metrics_find(const struct metrics *m, const char *section,
				  const char *name)
{
	size_t i;

	for (i = 0; i < m->len; i++)
		if (!strcmp(m->items[i].section, section) &&
		    !strcmp(m->items[i].name, name))
			return &m->items[i];
	return NULL;
}
