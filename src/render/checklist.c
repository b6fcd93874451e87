/* The audit index in text, Markdown, CSV, JSON, HTML and XLSX. */
#include "isms/checklist.h"
#include "isms/alloc.h"
#include "isms/buf.h"
#include "isms/framework.h"
#include "isms/html.h"
#include "isms/json.h"
#include "isms/xlsx.h"

#include <stdio.h>

/* The columns of CLI.md, in order, then those of git history. */
static const char *const checklist_head[] = {
    "section",	    "reference",   "requirement",  "documents",	  "owner",
    "status",	    "maturity",	   "review_every", "next_review", "stage",
    "last_changed", "last_author", "revisions"};
#define CHECKLIST_NCOLS	    10
#define CHECKLIST_GIT_NCOLS 13

/* Sheet and table titles, one per section. */
static const char *const checklist_titles[] = {"Clauses", "Stage 1 spine",
					       "Annex A controls"};

/* A document's name in a list: its id, else its path. */
static const char *checklist_doc_name(const struct document *d)
{
	return d->id ? d->id : d->path;
}

/* The row's document ids joined by ", ". */
static void checklist_doc_list(struct buf *b, const struct checklist_row *row)
{
	size_t i;

	buf_truncate(b, 0);
	for (i = 0; i < row->ndocs; i++)
		buf_addf(b, "%s%s", i ? ", " : "",
			 checklist_doc_name(row->docs[i]));
}

/* The cycle as written in front matter ("12m"), or "" when unknown. */
static void checklist_cycle(char out[16], struct duration d)
{
	if (d.n)
		snprintf(out, 16, "%u%c", d.n, d.unit);
	else
		out[0] = '\0';
}

/* One row as table cells. */
static void checklist_cells(struct otable *t, const struct checklist_row *row,
			    struct buf *docs)
{
	char level[8] = "", every[16], due[11] = "", changed[11] = "";
	char revisions[16];
	const char *cells[CHECKLIST_GIT_NCOLS];

	checklist_doc_list(docs, row);
	if (row->maturity)
		snprintf(level, sizeof(level), "%d", row->maturity);
	checklist_cycle(every, row->review_every);
	if (row->next_review)
		date_format(row->next_review, due);
	cells[0] = checklist_section_name(row->section);
	cells[1] = row->reference;
	cells[2] = row->requirement;
	cells[3] = docs->ptr;
	cells[4] = row->owner;
	cells[5] = row->status ? doc_status_name(row->status) : NULL;
	cells[6] = level;
	cells[7] = every;
	cells[8] = due;
	cells[9] = checklist_stage_name(row->stage);
	if (row->last_changed)
		date_format(row->last_changed, changed);
	snprintf(revisions, sizeof(revisions), "%u", row->revisions);
	cells[10] = changed;
	cells[11] = row->last_author;
	cells[12] = revisions;
	otable_add(t, cells);
}

/* "21(2)(b), 21(2)(c)": a row's references in one framework. */
static void checklist_fw_cell(struct buf *b, const struct strlist *ids)
{
	size_t i;

	buf_truncate(b, 0);
	for (i = 0; i < ids->len; i++)
		buf_addf(b, "%s%s", i ? ", " : "", ids->items[i]);
}

/*
 * Add a column per framework of isms.yaml (headed with its id) to t,
 * whose rows are cl's rows of section only; nothing when none is
 * listed, so that the columns of CLI.md stay as they are.
 */
static void checklist_fw_widen(struct otable *t, const struct checklist *cl,
			       enum checklist_section only)
{
	size_t n = t->ncols + cl->nframeworks, i, c, f, row = 0;
	const char **cells = xcalloc(n, sizeof(*cells));
	struct buf *refs = xcalloc(cl->nframeworks + 1, sizeof(*refs));
	struct otable wide;

	for (c = 0; c < t->ncols; c++)
		cells[c] = t->cells[c];
	for (f = 0; f < cl->nframeworks; f++)
		cells[t->ncols + f] = cl->frameworks[f]->id;
	otable_init(&wide, n, cells);
	for (i = 0; i < cl->len; i++) {
		if (only != CHECKLIST_SECTIONS && cl->rows[i].section != only)
			continue;
		row++;
		for (c = 0; c < t->ncols; c++)
			cells[c] = t->cells[row * t->ncols + c];
		for (f = 0; f < cl->nframeworks; f++) {
			checklist_fw_cell(&refs[f], &cl->rows[i].frameworks[f]);
			cells[t->ncols + f] = buf_cstr(&refs[f]);
		}
		otable_add(&wide, cells);
	}
	for (f = 0; f < cl->nframeworks; f++)
		buf_release(&refs[f]);
	free(refs);
	free(cells);
	otable_release(t);
	*t = wide;
}

/* The header, then one row per index row of the section. */
void checklist_table(struct otable *t, const struct checklist *cl,
		     enum checklist_section only)
{
	struct buf docs = BUF_INIT;
	size_t i;

	otable_init(t, cl->git ? CHECKLIST_GIT_NCOLS : CHECKLIST_NCOLS,
		    checklist_head);
	for (i = 0; i < cl->len; i++)
		if (only == CHECKLIST_SECTIONS || cl->rows[i].section == only)
			checklist_cells(t, &cl->rows[i], &docs);
	buf_release(&docs);
	if (cl->nframeworks)
		checklist_fw_widen(t, cl, only);
}

/* The history keys of a row, null before the first commit. */
static void checklist_history_json(json_t *o, const struct checklist_row *row)
{
	char changed[11];

	date_format(row->last_changed, changed);
	json_put(o, "last_changed",
		 row->last_changed ? json_text(changed) : NULL);
	json_put(o, "last_author", json_text(row->last_author));
	json_put(o, "revisions", json_integer(row->revisions));
}

/*
 * One row as a JSON object: every key present, null when unknown; the
 * history keys inside a work tree only.
 */
static json_t *checklist_row_json(const struct checklist_row *row, bool git)
{
	json_t *o = json_object(), *docs = json_array();
	char every[16], due[11];
	size_t i;

	for (i = 0; i < row->ndocs; i++)
		json_array_append_new(
		    docs, json_text(checklist_doc_name(row->docs[i])));
	checklist_cycle(every, row->review_every);
	date_format(row->next_review, due);
	json_put(o, "section", json_text(checklist_section_name(row->section)));
	json_put(o, "reference", json_text(row->reference));
	json_put(o, "requirement", json_text(row->requirement));
	json_put(o, "documents", docs);
	json_put(o, "owner", json_text(row->owner));
	json_put(o, "status",
		 row->status ? json_text(doc_status_name(row->status)) : NULL);
	json_put(o, "maturity",
		 row->maturity ? json_integer(row->maturity) : NULL);
	json_put(o, "review_every", *every ? json_text(every) : NULL);
	json_put(o, "next_review", row->next_review ? json_text(due) : NULL);
	json_put(o, "stage", json_text(checklist_stage_name(row->stage)));
	if (git)
		checklist_history_json(o, row);
	return o;
}

/* "frameworks": {"nis2": [...]}, when isms.yaml lists frameworks. */
static void checklist_fw_json(json_t *o, const struct checklist *cl,
			      const struct checklist_row *row)
{
	json_t *map;
	size_t f, i;

	if (!cl->nframeworks)
		return;
	map = json_object();
	for (f = 0; f < cl->nframeworks; f++) {
		json_t *ids = json_array();

		for (i = 0; i < row->frameworks[f].len; i++)
			json_array_append_new(
			    ids, json_text(row->frameworks[f].items[i]));
		json_put(map, cl->frameworks[f]->id, ids);
	}
	json_put(o, "frameworks", map);
}

/* {"rows": [...]}. */
static int checklist_json(FILE *out, const struct checklist *cl)
{
	json_t *root = json_object(), *rows = json_array();
	size_t i;

	for (i = 0; i < cl->len; i++) {
		json_t *o = checklist_row_json(&cl->rows[i], cl->git);

		checklist_fw_json(o, cl, &cl->rows[i]);
		json_array_append_new(rows, o);
	}
	json_put(root, "rows", rows);
	return json_write(out, root);
}

/* A page with one table per section, captioned with its row count. */
static void checklist_html(FILE *out, const struct checklist *cl)
{
	char caption[64];
	struct otable t;
	int s;

	html_begin(out, "ISMS audit checklist");
	fputs("<h1>ISMS audit checklist</h1>\n", out);
	for (s = 0; s < CHECKLIST_SECTIONS; s++) {
		checklist_table(&t, cl, (enum checklist_section)s);
		snprintf(caption, sizeof(caption), "%s (%zu)",
			 checklist_titles[s], t.nrows - 1);
		fputs("<h2>", out);
		html_escape(out, checklist_titles[s]);
		fputs("</h2>\n", out);
		html_table(out, &t, caption);
		otable_release(&t);
	}
	html_end(out);
}

/* JSON and HTML have their own writers; the rest is a table. */
int render_checklist(FILE *out, const struct checklist *cl, enum format f)
{
	struct otable t;
	int rc;

	if (f == FORMAT_JSON)
		return checklist_json(out, cl);
	if (f == FORMAT_HTML) {
		checklist_html(out, cl);
		return 0;
	}
	checklist_table(&t, cl, CHECKLIST_SECTIONS);
	rc = otable_write(out, &t, f);
	otable_release(&t);
	return rc;
}

/* One table per section, one sheet per table. */
int checklist_write_xlsx(const char *path, bool force,
			 const struct checklist *cl)
{
	struct otable tables[CHECKLIST_SECTIONS];
	struct xlsx_sheet sheets[CHECKLIST_SECTIONS];
	int s, rc;

	for (s = 0; s < CHECKLIST_SECTIONS; s++) {
		checklist_table(&tables[s], cl, (enum checklist_section)s);
		sheets[s] =
		    (struct xlsx_sheet){checklist_titles[s], &tables[s]};
	}
	rc = xlsx_write(path, force, sheets, CHECKLIST_SECTIONS);
	for (s = 0; s < CHECKLIST_SECTIONS; s++)
		otable_release(&tables[s]);
	return rc;
}
