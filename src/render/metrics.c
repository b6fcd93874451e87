/* The metrics in text, CSV and JSON. */
#include "isms/buf.h"
#include "isms/json.h"
#include "isms/metrics.h"
#include "isms/otable.h"

#include <string.h>

/* The value as text: "6", "163.20", or empty when there is none. */
static void metric_value(const struct metric *f, char *out, size_t size)
{
	if (f->type == METRIC_COUNT)
		snprintf(out, size, "%ld", f->count);
	else if (f->type == METRIC_REAL)
		snprintf(out, size, "%.2f", f->real);
	else
		snprintf(out, size, "%s", "");
}

/* The registers of a figure joined by sep; empty when there are none. */
static void metric_registers(struct buf *b, const struct metric *f,
			     const char *sep)
{
	size_t i;

	buf_truncate(b, 0);
	for (i = 0; i < f->nregisters; i++)
		buf_addf(b, "%s%s", i ? sep : "", f->registers[i]);
}

/* Raise *w to the length of s. */
static void width_fit(int *w, const char *s)
{
	if ((int)strlen(s) > *w)
		*w = (int)strlen(s);
}

/* Widths of the name, value, unit and rows columns of the text view. */
static void metrics_widths(const struct metrics *m, int w[4])
{
	size_t i;

	w[0] = w[1] = w[2] = w[3] = 0;
	for (i = 0; i < m->len; i++) {
		const struct metric *f = &m->items[i];
		char v[32], rows[32];

		metric_value(f, v, sizeof(v));
		snprintf(rows, sizeof(rows), "%zu", f->rows);
		width_fit(&w[0], f->name);
		width_fit(&w[1], *v ? v : "none");
		width_fit(&w[2], f->unit);
		width_fit(&w[3], rows);
	}
}

/* "incidents (registers/incidents.csv)": a section's heading. */
static void metrics_heading(FILE *out, const struct metric *f, bool first)
{
	struct buf regs = BUF_INIT;

	metric_registers(&regs, f, ", ");
	fprintf(out, "%s%s (%s)\n", first ? "" : "\n", f->section,
		regs.len ? buf_cstr(&regs) : "no register");
	buf_release(&regs);
}

/* Sections with a heading that names their registers; aligned figures. */
static void metrics_text(FILE *out, const struct metrics *m)
{
	int w[4];
	size_t i;

	metrics_widths(m, w);
	for (i = 0; i < m->len; i++) {
		const struct metric *f = &m->items[i];
		char v[32];

		if (!i || strcmp(f->section, m->items[i - 1].section))
			metrics_heading(out, f, !i);
		metric_value(f, v, sizeof(v));
		fprintf(out, "  %-*s  %*s  %-*s  %*zu row%s\n", w[0], f->name,
			w[1], *v ? v : "none", w[2], f->unit, w[3], f->rows,
			f->rows == 1 ? "" : "s");
	}
}

/* One row per figure under a header row, through otable (libcsv). */
static int metrics_csv(FILE *out, const struct metrics *m)
{
	static const char *const head[] = {"section", "figure",	   "value",
					   "unit",    "registers", "rows"};
	struct buf regs = BUF_INIT;
	struct otable t;
	size_t i;
	int rc;

	otable_init(&t, 6, head);
	for (i = 0; i < m->len; i++) {
		const struct metric *f = &m->items[i];
		char v[32], rows[32];
		const char *row[6];

		metric_value(f, v, sizeof(v));
		metric_registers(&regs, f, ";");
		snprintf(rows, sizeof(rows), "%zu", f->rows);
		row[0] = f->section;
		row[1] = f->name;
		row[2] = v;
		row[3] = f->unit;
		row[4] = buf_cstr(&regs);
		row[5] = rows;
		otable_add(&t, row);
	}
	rc = otable_write(out, &t, FORMAT_CSV);
	otable_release(&t);
	buf_release(&regs);
	return rc;
}

/* One figure as a JSON object; a figure with no value has null. */
static json_t *metric_json(const struct metric *f)
{
	json_t *o = json_object(), *regs = json_array();
	size_t i;

	for (i = 0; i < f->nregisters; i++)
		json_array_append_new(regs, json_text(f->registers[i]));
	json_put(o, "section", json_text(f->section));
	json_put(o, "figure", json_text(f->name));
	if (f->type == METRIC_COUNT)
		json_put(o, "value", json_integer(f->count));
	else if (f->type == METRIC_REAL)
		json_put(o, "value", json_real(f->real));
	else
		json_put(o, "value", NULL);
	json_put(o, "unit", json_text(f->unit));
	json_put(o, "registers", regs);
	json_put(o, "rows", json_integer((json_int_t)f->rows));
	return o;
}

/*
 * {"metrics": [...]}.  Written with a real precision of 15 digits, not
 * json_write()'s 17, so that 163.2 prints as 163.2 and not as the
 * nearest double's 163.19999999999999.
 */
static int metrics_json(FILE *out, const struct metrics *m)
{
	json_t *doc = json_object(), *list = json_array();
	size_t i;
	int rc;

	for (i = 0; i < m->len; i++)
		json_array_append_new(list, metric_json(&m->items[i]));
	json_put(doc, "metrics", list);
	rc = json_dumpf(doc, out, JSON_INDENT(2) | JSON_REAL_PRECISION(15));
	json_decref(doc);
	if (rc == 0)
		fputc('\n', out);
	return rc;
}

int render_metrics(FILE *out, const struct metrics *m, enum format f)
{
	if (f == FORMAT_TEXT) {
		metrics_text(out, m);
		return 0;
	}
	if (f == FORMAT_CSV)
		return metrics_csv(out, m);
	if (f == FORMAT_JSON)
		return metrics_json(out, m);
	return -1;
}
