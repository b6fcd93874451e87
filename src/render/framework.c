/*
 * map --framework and gaps --framework in text, Markdown, CSV and JSON.
 * Direct coverage (documents that tag a requirement) and implied
 * coverage (documents behind the ISO ids of its crosswalk) stay in
 * columns, or keys, of their own.
 */
#include "isms/buf.h"
#include "isms/framework.h"
#include "isms/json.h"
#include "isms/otable.h"

#include <string.h>

/* The columns of the map; CSV and the gaps use the same names. */
static const char *const fw_map_head[] = {"requirement", "title",  "group",
					  "status",	 "direct", "implied",
					  "not_covered"};
#define FW_MAP_NCOLS 7

/* A document's name in a list: its id, else its path. */
static const char *fw_name(const struct document *d)
{
	return d->id ? d->id : d->path;
}

/* "PRC-006, SOP-001": the documents that tag a requirement. */
static void fw_direct_text(struct buf *b, const struct fw_cover *c)
{
	size_t i;

	buf_truncate(b, 0);
	for (i = 0; i < c->req->ndirect; i++)
		buf_addf(b, "%s%s", i ? ", " : "", fw_name(c->req->direct[i]));
}

/* "5.2: POL-001; A.5.24: PRC-006 (partial)": ids with documents. */
static void fw_implied_text(struct buf *b, const struct fw_cover *c)
{
	size_t i, j;

	buf_truncate(b, 0);
	for (i = 0; i < c->nthrough; i++) {
		const struct fw_through *t = &c->through[i];

		if (!t->ndocs)
			continue;
		buf_addf(b, "%s%s: ", b->len ? "; " : "", t->id);
		for (j = 0; j < t->ndocs; j++)
			buf_addf(b, "%s%s%s", j ? ", " : "",
				 fw_name(t->docs[j].doc),
				 t->docs[j].coverage == COVERAGE_PARTIAL
				     ? " (partial)"
				     : "");
		if (t->coverage == COVERAGE_EXCLUDED)
			buf_adds(b, " (excluded)");
	}
}

/* Is an id of the crosswalk left without any document? */
static bool fw_uncovered(const struct fw_through *t)
{
	return t->coverage == COVERAGE_NONE ||
	       (t->coverage == COVERAGE_EXCLUDED && !t->ndocs);
}

/*
 * "6.1.1, A.8.30 (excluded)": the ids no document covers, the excluded
 * ones marked (they do not hold the status back).
 */
static void fw_missing_text(struct buf *b, const struct fw_cover *c)
{
	size_t i;

	buf_truncate(b, 0);
	if (!c->nthrough)
		buf_adds(b, "(no crosswalk)");
	for (i = 0; i < c->nthrough; i++)
		if (fw_uncovered(&c->through[i]))
			buf_addf(b, "%s%s%s", b->len ? ", " : "",
				 c->through[i].id,
				 c->through[i].coverage == COVERAGE_EXCLUDED
				     ? " (excluded)"
				     : "");
}

/* The three text cells of a requirement's coverage. */
struct fw_cells {
	struct buf direct, implied, missing;
};

/* Fill the cells of c. */
static void fw_cells_fill(struct fw_cells *x, const struct fw_cover *c)
{
	fw_direct_text(&x->direct, c);
	fw_implied_text(&x->implied, c);
	fw_missing_text(&x->missing, c);
}

/* Free the cells' buffers. */
static void fw_cells_release(struct fw_cells *x)
{
	buf_release(&x->direct);
	buf_release(&x->implied);
	buf_release(&x->missing);
}

/* One row per requirement, in catalog order. */
static void fw_map_table(struct otable *t, const struct fw_report *rep)
{
	struct fw_cells x = {BUF_INIT, BUF_INIT, BUF_INIT};
	const char *row[FW_MAP_NCOLS];
	size_t i;

	otable_init(t, FW_MAP_NCOLS, fw_map_head);
	for (i = 0; i < rep->len; i++) {
		const struct fw_cover *c = &rep->items[i];

		fw_cells_fill(&x, c);
		row[0] = c->req->id;
		row[1] = c->req->title;
		row[2] = c->req->group;
		row[3] = fw_status_name(c->status);
		row[4] = x.direct.ptr;
		row[5] = x.implied.ptr;
		row[6] = x.missing.ptr;
		otable_add(t, row);
	}
	fw_cells_release(&x);
}

/* The framework, its name and its label, above a text or Markdown view. */
static void fw_title(FILE *out, const struct framework *fw, enum format f)
{
	if (f == FORMAT_MARKDOWN) {
		fprintf(out, "## %s: %s\n\n", fw->id, fw->name);
		if (*fw->label)
			fprintf(out, "Crosswalk: %s.\n\n", fw->label);
		return;
	}
	fprintf(out, "%s: %s", fw->id, fw->name);
	if (*fw->label)
		fprintf(out, " (crosswalk: %s)", fw->label);
	fputs("\n\n", out);
}

/* "10 requirements: 2 direct, 5 implied, 2 partial, 1 none". */
static void fw_summary(FILE *out, const struct fw_report *rep)
{
	int s;

	fprintf(out, "%zu requirement%s", rep->len, rep->len == 1 ? "" : "s");
	for (s = 0; s < FW_STATUSES; s++)
		fprintf(out, "%s%zu %s", s ? ", " : ": ", rep->count[s],
			fw_status_name((enum fw_status)s));
	fputc('\n', out);
}

/* A JSON array of document names. */
static json_t *fw_docs_json(const struct document *const *v, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, json_text(fw_name(v[i])));
	return a;
}

/* The crosswalk of a requirement: each id, its coverage, its documents. */
static json_t *fw_through_json(const struct fw_cover *c)
{
	json_t *a = json_array();
	size_t i, j;

	for (i = 0; i < c->nthrough; i++) {
		const struct fw_through *t = &c->through[i];
		json_t *o = json_object(), *docs = json_array();

		for (j = 0; j < t->ndocs; j++)
			json_array_append_new(
			    docs, json_text(fw_name(t->docs[j].doc)));
		json_put(o, "id", json_text(t->id));
		json_put(o, "kind",
			 json_text(t->clause ? "clause" : "control"));
		json_put(o, "coverage", json_text(coverage_name(t->coverage)));
		json_put(o, "documents", docs);
		json_array_append_new(a, o);
	}
	return a;
}

/* One requirement: direct and implied documents, and the way through. */
static json_t *fw_cover_json(const struct fw_cover *c)
{
	json_t *o = json_object();

	json_put(o, "id", json_text(c->req->id));
	json_put(o, "title", json_text(c->req->title));
	json_put(o, "group", json_text(c->req->group));
	json_put(o, "status", json_text(fw_status_name(c->status)));
	json_put(o, "direct",
		 fw_docs_json((const struct document *const *)c->req->direct,
			      c->req->ndirect));
	json_put(o, "implied", fw_docs_json(c->implied, c->nimplied));
	json_put(o, "covered", json_integer((json_int_t)c->covered));
	json_put(o, "through", fw_through_json(c));
	return o;
}

/* {"id", "name", "label", "builtin", "configured"}. */
static json_t *fw_json(const struct framework *fw)
{
	json_t *o = json_object();

	json_put(o, "id", json_text(fw->id));
	json_put(o, "name", json_text(fw->name));
	json_put(o, "label", *fw->label ? json_text(fw->label) : NULL);
	json_put(o, "builtin", json_boolean(fw->builtin));
	json_put(o, "configured", json_boolean(fw->configured));
	return o;
}

/* {"requirements": n, "direct": n, "implied": n, "partial": n, "none"}. */
static json_t *fw_summary_json(const struct fw_report *rep)
{
	json_t *o = json_object();
	int s;

	json_put(o, "requirements", json_integer((json_int_t)rep->len));
	for (s = 0; s < FW_STATUSES; s++)
		json_put(o, fw_status_name((enum fw_status)s),
			 json_integer((json_int_t)rep->count[s]));
	return o;
}

/* {"framework", "summary", "requirements": [...]}. */
static int fw_map_json(FILE *out, const struct fw_report *rep)
{
	json_t *root = json_object(), *list = json_array();
	size_t i;

	for (i = 0; i < rep->len; i++)
		json_array_append_new(list, fw_cover_json(&rep->items[i]));
	json_put(root, "framework", fw_json(rep->fw));
	json_put(root, "summary", fw_summary_json(rep));
	json_put(root, "requirements", list);
	return json_write(out, root);
}

/* JSON has its own writer; the rest is a table between two lines. */
int render_framework_map(FILE *out, const struct fw_report *rep, enum format f)
{
	struct otable t;
	int rc;

	if (f == FORMAT_JSON)
		return fw_map_json(out, rep);
	if (f != FORMAT_TEXT && f != FORMAT_MARKDOWN && f != FORMAT_CSV)
		return -1;
	if (f != FORMAT_CSV)
		fw_title(out, rep->fw, f);
	fw_map_table(&t, rep);
	rc = otable_write(out, &t, f);
	otable_release(&t);
	if (f != FORMAT_CSV) {
		fputc('\n', out);
		fw_summary(out, rep);
	}
	return rc;
}

/* Is c a gap: neither tagged nor implied in full? */
static bool fw_is_gap(const struct fw_cover *c)
{
	return c->status == FW_PARTIAL || c->status == FW_NONE;
}

/* The gaps' columns: the map's, without direct (a gap has none). */
static const char *const fw_gap_head[] = {
    "group", "requirement", "title", "status", "implied", "not_covered"};
#define FW_GAP_NCOLS 6

/* The gaps of one group (all groups when group is NULL) as a table. */
static void fw_gap_table(struct otable *t, const struct fw_report *rep,
			 const char *group)
{
	struct fw_cells x = {BUF_INIT, BUF_INIT, BUF_INIT};
	const char *row[FW_GAP_NCOLS];
	size_t i, skip = group ? 1 : 0;

	otable_init(t, FW_GAP_NCOLS - skip, fw_gap_head + skip);
	for (i = 0; i < rep->len; i++) {
		const struct fw_cover *c = &rep->items[i];

		if (!fw_is_gap(c) || (group && strcmp(c->req->group, group)))
			continue;
		fw_cells_fill(&x, c);
		row[0] = c->req->group;
		row[1] = c->req->id;
		row[2] = c->req->title;
		row[3] = fw_status_name(c->status);
		row[4] = x.implied.ptr;
		row[5] = x.missing.ptr;
		otable_add(t, row + skip);
	}
	fw_cells_release(&x);
}

/*
 * Is requirement i the first of its group?  With gaps, the first gap
 * of its group.
 */
static bool fw_group_first(const struct fw_report *rep, size_t i, bool gaps)
{
	size_t j;

	if (gaps && !fw_is_gap(&rep->items[i]))
		return false;
	for (j = 0; j < i; j++)
		if ((!gaps || fw_is_gap(&rep->items[j])) &&
		    !strcmp(rep->items[j].req->group, rep->items[i].req->group))
			return false;
	return true;
}

/* How many requirements are gaps. */
static size_t fw_gap_count(const struct fw_report *rep)
{
	return rep->count[FW_PARTIAL] + rep->count[FW_NONE];
}

/* A heading and a table per group with gaps, then a summary line. */
static void fw_gaps_tables(FILE *out, const struct fw_report *rep,
			   enum format f)
{
	size_t i, n = fw_gap_count(rep);
	struct otable t;

	fw_title(out, rep->fw, f);
	for (i = 0; i < rep->len; i++) {
		const char *group = rep->items[i].req->group;

		if (!fw_group_first(rep, i, true))
			continue;
		if (f == FORMAT_MARKDOWN)
			fprintf(out, "### %s\n\n", *group ? group : "Other");
		else
			fprintf(out, "%s\n", *group ? group : "other");
		fw_gap_table(&t, rep, group);
		otable_write(out, &t, f);
		otable_release(&t);
		fputc('\n', out);
	}
	if (!n)
		fputs(f == FORMAT_MARKDOWN ? "No gaps.\n" : "no gaps\n", out);
	else
		fprintf(out, "%zu gap%s: %zu partial, %zu none\n", n,
			n == 1 ? "" : "s", rep->count[FW_PARTIAL],
			rep->count[FW_NONE]);
}

/* One gap as JSON: the requirement, its implied documents, the rest. */
static json_t *fw_gap_json(const struct fw_cover *c)
{
	json_t *o = json_object(), *missing = json_array();
	size_t i;

	for (i = 0; i < c->nthrough; i++)
		if (fw_uncovered(&c->through[i]))
			json_array_append_new(missing,
					      json_text(c->through[i].id));
	json_put(o, "id", json_text(c->req->id));
	json_put(o, "title", json_text(c->req->title));
	json_put(o, "status", json_text(fw_status_name(c->status)));
	json_put(o, "covered", json_integer((json_int_t)c->covered));
	json_put(o, "total", json_integer((json_int_t)c->nthrough));
	json_put(o, "implied", fw_docs_json(c->implied, c->nimplied));
	json_put(o, "not_covered", missing);
	json_put(o, "through", fw_through_json(c));
	return o;
}

/* {"framework", "groups": [{"name", "items"}], "total"}: every group. */
static int fw_gaps_json(FILE *out, const struct fw_report *rep)
{
	json_t *root = json_object(), *groups = json_array();
	size_t i, j;

	for (i = 0; i < rep->len; i++) {
		const char *name = rep->items[i].req->group;
		json_t *g, *items;

		if (!fw_group_first(rep, i, false))
			continue;
		g = json_object();
		items = json_array();
		for (j = i; j < rep->len; j++)
			if (fw_is_gap(&rep->items[j]) &&
			    !strcmp(rep->items[j].req->group, name))
				json_array_append_new(
				    items, fw_gap_json(&rep->items[j]));
		json_put(g, "name", json_text(name));
		json_put(g, "items", items);
		json_array_append_new(groups, g);
	}
	json_put(root, "framework", fw_json(rep->fw));
	json_put(root, "groups", groups);
	json_put(root, "total", json_integer((json_int_t)fw_gap_count(rep)));
	return json_write(out, root);
}

/* Tables per group, one CSV table, or JSON. */
int render_framework_gaps(FILE *out, const struct fw_report *rep, enum format f)
{
	struct otable t;
	int rc;

	if (f == FORMAT_TEXT || f == FORMAT_MARKDOWN) {
		fw_gaps_tables(out, rep, f);
		return 0;
	}
	if (f == FORMAT_JSON)
		return fw_gaps_json(out, rep);
	if (f != FORMAT_CSV)
		return -1;
	fw_gap_table(&t, rep, NULL);
	rc = otable_write(out, &t, FORMAT_CSV);
	otable_release(&t);
	return rc;
}
