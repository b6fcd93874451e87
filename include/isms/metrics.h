/*
 * Metrics: anonymised figures from the registers alone (incidents,
 * changes, nonconformities, risks, suppliers), for a customer or a
 * renewal meeting.  No names, titles or customers: counts, rates and
 * means, each with the registers and the number of rows behind it.
 * docs/metrics.md says how each figure is computed.
 */
#ifndef ISMS_METRICS_H
#define ISMS_METRICS_H

#include <stddef.h>
#include <stdio.h>

#include "isms/render.h"
#include "isms/repo.h"

enum metric_type {
	METRIC_COUNT, /* a whole number: count */
	METRIC_REAL,  /* a measure: real, rounded to two decimals */
	METRIC_NONE,  /* nothing to compute it over (a mean of none) */
};

/*
 * One figure.  section, name and unit are static strings; registers
 * points into the repository (the rows_path of each register of the
 * section's kind, in path order) and lives as long as it does.
 */
struct metric {
	const char *section; /* "incidents", "changes", ... */
	const char *name;    /* "total", "severity.high", ... */
	enum metric_type type;
	long count;
	double real;
	const char *unit; /* "incidents", "percent", "hours", ... */
	const char *const *registers;
	size_t nregisters;
	size_t rows; /* the rows the figure was computed over */
};

/* The figures in a fixed order: by section, then as docs/metrics.md. */
struct metrics {
	struct metric *items;
	size_t len, cap;
	const char **paths; /* storage behind every registers array */
	size_t npaths;
};

/*
 * Compute every figure of r's registers as of r->today, with
 * r->config.risk_threshold.  The same figures are there whatever the
 * repository holds: zero, or METRIC_NONE, when it has no register of a
 * kind.  Release with metrics_release().
 */
void metrics_compute(const struct repo *r, struct metrics *m);
void metrics_release(struct metrics *m);

/* The figure section/name, or NULL. */
const struct metric *metrics_find(const struct metrics *m, const char *section,
				  const char *name);

/*
 * Write the figures as text (grouped by section, aligned), csv (one row
 * per figure: section,figure,value,unit,registers,rows) or json
 * ({"metrics": [...]}).  Returns 0, or -1 for another format.
 */
int render_metrics(FILE *out, const struct metrics *m, enum format f);

#endif
