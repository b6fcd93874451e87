/*
 * The Statement of Applicability (clause 6.1.3 d): one row per Annex A
 * control with its applicability, justification and status.
 */
#include "isms/repo.h"
#include "isms/alloc.h"
#include "isms/catalog.h"
#include "isms/ids.h"
#include "isms/markdown.h"
#include "isms/table.h"

#include <string.h>
#include <strings.h>

enum {
	COL_CONTROL,
	COL_APPLICABLE,
	COL_JUSTIFICATION,
	COL_STATUS,
	COL_DOCUMENTS,
	COL_COUNT
};

static const char *const soa_columns[] = {
    "control", "applicable", "justification", "status", "documents"};

/* Report a bad SoA cell. */
static struct finding *soa_bad(struct repo *r, const struct csv_row *row,
			       const char *column, const char *value,
			       const char *want)
{
	return findings_add(&r->findings, "register-value", r->soa.rows_path,
			    (struct pos){row->line, 1}, "%s '%s' is not %s",
			    column, value, want);
}

/* yes/no (also y/n, true/false); -1 when neither. */
static int soa_yes_no(const char *s)
{
	if (!strcasecmp(s, "yes") || !strcasecmp(s, "y") ||
	    !strcasecmp(s, "true"))
		return 1;
	if (!strcasecmp(s, "no") || !strcasecmp(s, "n") ||
	    !strcasecmp(s, "false"))
		return 0;
	return -1;
}

/* implemented, partial, planned, not-implemented (or with a space). */
static enum impl_status soa_status(const char *s)
{
	static const char *const names[] = {"implemented", "partial", "planned",
					    "not-implemented",
					    "not implemented"};
	size_t i;

	for (i = 0; i < 5; i++)
		if (!strcasecmp(s, names[i]))
			return i == 4 ? IMPL_NOT_IMPLEMENTED
				      : (enum impl_status)(i + 1);
	return IMPL_NONE;
}

/* Read the control cell: a 2022 id, or an organisation's own control. */
static bool soa_control(struct repo *r, const struct csv_row *row,
			const char *cell, struct soa_row *out)
{
	struct id_match m;

	out->control = -1;
	out->id = cell;
	if (!ids_find_controls(cell, strlen(cell), &m, 1))
		return *cell != '\0'; /* an organisation's own control */
	if (m.index >= 0) {
		out->control = m.index;
		out->id = catalog_controls[m.index].id;
		return true;
	}
	ids_report_control(&r->findings, r->soa.rows_path,
			   (struct pos){row->line, 1}, &m, "");
	return false;
}

/* Split a documents cell into ids ("POL-001; PRC-002", commas too). */
static void soa_documents(struct repo *r, const char *cell, struct strlist *out)
{
	size_t cap = 0;

	memset(out, 0, sizeof(*out));
	while (*cell) {
		size_t n = strcspn(cell, ",; ");

		if (n) {
			ARENA_GROW(&r->arena, out->items, out->len + 1, cap);
			out->items[out->len++] =
			    arena_strndup(&r->arena, cell, n);
		}
		cell += n + (cell[n] != '\0');
	}
}

/* Read one data row into out; false when the row is to be skipped. */
static bool soa_row(struct repo *r, const struct csv_row *row, const int *col,
		    struct soa_row *out)
{
	const char *app = table_cell(row, col[COL_APPLICABLE]);
	const char *st = table_cell(row, col[COL_STATUS]);
	int yes = soa_yes_no(app);

	memset(out, 0, sizeof(*out));
	out->line = row->line;
	if (!soa_control(r, row, table_cell(row, col[COL_CONTROL]), out))
		return false;
	if (yes < 0)
		soa_bad(r, row, "applicable", app, "yes or no")->control =
		    out->id;
	out->applicable = yes != 0;
	out->justification = table_cell(row, col[COL_JUSTIFICATION]);
	out->status = soa_status(st);
	if (*st && out->status == IMPL_NONE)
		soa_bad(r, row, "status", st,
			"implemented, partial, planned or "
			"not-implemented")
		    ->control = out->id;
	soa_documents(r, table_cell(row, col[COL_DOCUMENTS]), &out->documents);
	return true;
}

/* Record row i for its control; a second row is soa-incomplete. */
static void soa_place(struct repo *r, size_t i)
{
	struct soa *soa = &r->soa;
	const struct soa_row *row = &soa->rows[i];
	struct finding *f;

	if (row->control < 0)
		return;
	if (soa->row_of[row->control] < 0) {
		soa->row_of[row->control] = (int)i;
		return;
	}
	f = findings_add(&r->findings, "soa-incomplete", soa->rows_path,
			 (struct pos){row->line, 1},
			 "%s is listed twice (first at line %u)", row->id,
			 soa->rows[soa->row_of[row->control]].line);
	f->control = row->id;
}

/*
 * The SoA's rows: its CSV rows (its own or its data: file's), else the
 * first pipe table with control and applicable columns.
 */
static const struct csv_table *soa_table(struct repo *r,
					 const struct document *d)
{
	size_t i;

	if (d->table.nrows || d->csv || d->data)
		return &d->table;
	for (i = 0; i < d->ntables; i++) {
		const struct csv_table *t = &d->tables[i].table;

		if (table_column(t, &r->config, NULL, "control") >= 0 &&
		    table_column(t, &r->config, NULL, "applicable") >= 0)
			return t;
	}
	return &d->table;
}

void soa_load(struct repo *r, struct document *d)
{
	struct soa *soa = &r->soa;
	const struct csv_table *table;
	int col[COL_COUNT];
	size_t i;

	soa->doc = d;
	soa->rows_path = d->rows_path ? d->rows_path : d->path;
	table = soa_table(r, d);
	soa->row_of =
	    arena_alloc(&r->arena, catalog_control_count * sizeof(int));
	for (i = 0; i < catalog_control_count; i++)
		soa->row_of[i] = -1;
	for (i = 0; i < COL_COUNT; i++)
		col[i] = table_column(table, &r->config, NULL, soa_columns[i]);
	for (i = 0; i < 2; i++) {
		if (col[i] >= 0)
			continue;
		findings_add(
		    &r->findings, "register-column", d->path,
		    (struct pos){table->nrows ? table->rows[0].line : 1, 1},
		    "the Statement of Applicability has no '%s' "
		    "column",
		    soa_columns[i]);
		return;
	}
	soa->rows = arena_calloc(&r->arena, table->nrows, sizeof(*soa->rows));
	soa->header_line = table->rows[0].line;
	for (i = 1; i < table->nrows; i++)
		if (soa_row(r, &table->rows[i], col, &soa->rows[soa->nrows]))
			soa_place(r, soa->nrows++);
}
