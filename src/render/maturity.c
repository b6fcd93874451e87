/* Maturity levels, roll-ups and readiness in text, Markdown, CSV, JSON. */
#include "isms/buf.h"
#include "isms/json.h"
#include "isms/maturity.h"
#include "isms/otable.h"

#include <ctype.h>
#include <string.h>

/* A level as text: "1".."4", or none ("-" in tables, "" in CSV). */
static const char *level_text(int level, char out[4], const char *none)
{
	if (!level)
		return none;
	snprintf(out, 4, "%d", level);
	return out;
}

/* "POL-001, PRC-002": a roll-up's documents joined by sep. */
static void rollup_docs(struct buf *b, const struct maturity_rollup *u,
			const char *sep)
{
	size_t i;

	buf_truncate(b, 0);
	for (i = 0; i < u->ndocs; i++)
		buf_addf(b, "%s%s", i ? sep : "", u->docs[i]->id);
}

/* One row per document. */
static void table_documents(struct otable *t, const struct maturity *m)
{
	static const char *const head[] = {"id",      "title",	   "core",
					   "claimed", "evidenced", "target"};
	char c[4], e[4], g[4];
	size_t i;

	otable_init(t, 6, head);
	for (i = 0; i < m->ndocs; i++) {
		const struct maturity_doc *md = &m->docs[i];
		const char *row[6] = {md->doc->id,
				      md->doc->title,
				      md->core ? "yes" : "no",
				      level_text(md->claimed, c, "-"),
				      level_text(md->evidenced, e, "-"),
				      level_text(md->target, g, "-")};

		otable_add(t, row);
	}
}

/* One row per leaf clause. */
static void table_clauses(struct otable *t, const struct maturity *m)
{
	static const char *const head[] = {"clause",  "title",	   "required",
					   "claimed", "evidenced", "documents"};
	struct buf docs = BUF_INIT;
	char c[4], e[4];
	size_t i;

	otable_init(t, 6, head);
	for (i = 0; i < m->nclauses; i++) {
		const struct maturity_rollup *u = &m->clauses[i];
		const char *row[6];

		rollup_docs(&docs, u, ", ");
		row[0] = u->id;
		row[1] = u->title;
		row[2] = u->required ? "yes" : "no";
		row[3] = level_text(u->claimed, c, "-");
		row[4] = level_text(u->evidenced, e, "-");
		row[5] = buf_cstr(&docs);
		otable_add(t, row);
	}
	buf_release(&docs);
}

/* One row per Annex A theme. */
static void table_themes(struct otable *t, const struct maturity *m)
{
	static const char *const head[] = {
	    "theme",   "applicable", "full",	 "partial",
	    "claimed", "evidenced",  "documents"};
	char a[24], f[24], p[24], n[24], c[4], e[4];
	size_t i;

	otable_init(t, 7, head);
	for (i = 0; i < m->nthemes; i++) {
		const struct maturity_rollup *u = &m->themes[i];
		const char *row[7] = {u->id,
				      a,
				      f,
				      p,
				      level_text(u->claimed, c, "-"),
				      level_text(u->evidenced, e, "-"),
				      n};

		snprintf(a, sizeof(a), "%zu", u->applicable);
		snprintf(f, sizeof(f), "%zu", u->full);
		snprintf(p, sizeof(p), "%zu", u->partial);
		snprintf(n, sizeof(n), "%zu", u->ndocs);
		otable_add(t, row);
	}
}

/* One row per requirement not met, in order. */
static void table_blocking(struct otable *t, const struct maturity *m)
{
	static const char *const head[] = {"stage", "requirement", "id",
					   "title", "reason"};
	size_t i;

	otable_init(t, 5, head);
	for (i = 0; i < m->nitems; i++) {
		const struct readiness_item *it = &m->items[i];
		const char *row[5] = {it->stage == 1 ? "1" : "2",
				      readiness_kind_name(it->kind), it->id,
				      it->title, it->reason};

		if (!it->met)
			otable_add(t, row);
	}
}

/* "97% (135 of 138 requirements met)" for stage s (1 or 2). */
static void readiness_line(struct buf *b, const struct maturity *m, int s)
{
	const struct readiness *rd = &m->ready[s - 1];

	buf_truncate(b, 0);
	buf_addf(b, "%d%% (%zu of %zu requirements met)", rd->percent, rd->met,
		 rd->total);
}

/* A section's heading. */
static void heading(FILE *out, const char *name, enum format f, bool first)
{
	if (!first)
		fputc('\n', out);
	if (f == FORMAT_MARKDOWN)
		fprintf(out, "## %c%s\n\n", toupper((unsigned char)name[0]),
			name + 1);
	else
		fprintf(out, "%s\n", name);
}

/* Write one table section and release the table. */
static void section(FILE *out, const char *name, struct otable *t,
		    enum format f)
{
	heading(out, name, f, !strcmp(name, "documents"));
	otable_write(out, t, f);
	otable_release(t);
}

/* The readiness figures and what blocks them. */
static void readiness_section(FILE *out, const struct maturity *m,
			      enum format f)
{
	struct buf line = BUF_INIT;
	struct otable t;
	int s;

	heading(out, "readiness", f, false);
	for (s = 1; s <= 2; s++) {
		readiness_line(&line, m, s);
		fprintf(out, "%sstage %d: %s\n",
			f == FORMAT_MARKDOWN ? "- " : "", s, buf_cstr(&line));
	}
	buf_release(&line);
	table_blocking(&t, m);
	if (t.nrows > 1) {
		heading(out, "blocking", f, false);
		otable_write(out, &t, f);
	}
	otable_release(&t);
}

/* Text and Markdown: documents, clauses, themes, readiness. */
static void maturity_sections(FILE *out, const struct maturity *m,
			      enum format f)
{
	struct otable t;

	table_documents(&t, m);
	section(out, "documents", &t, f);
	table_clauses(&t, m);
	section(out, "clauses", &t, f);
	table_themes(&t, m);
	section(out, "themes", &t, f);
	readiness_section(out, m, f);
}

/* Add a CSV row of the long table. */
static void csv_row(struct otable *t, const char *section, const char *id,
		    const char *title, const char *const *lv, const char *stage,
		    const char *kind, const char *detail)
{
	const char *row[9] = {section, id,    title, lv[0], lv[1],
			      lv[2],   stage, kind,  detail};

	otable_add(t, row);
}

/* The document rows of the CSV view. */
static void csv_documents(struct otable *t, const struct maturity *m)
{
	char c[4], e[4], g[4];
	size_t i;

	for (i = 0; i < m->ndocs; i++) {
		const struct maturity_doc *md = &m->docs[i];
		const char *lv[3] = {level_text(md->claimed, c, ""),
				     level_text(md->evidenced, e, ""),
				     level_text(md->target, g, "")};

		csv_row(t, "document", md->doc->id, md->doc->title, lv, "",
			doc_type_name(md->doc->type), md->core ? "core" : "");
	}
}

/* The clause and theme rows of the CSV view. */
static void csv_rollups(struct otable *t, const struct maturity *m)
{
	struct buf b = BUF_INIT;
	char c[4], e[4];
	size_t i;

	for (i = 0; i < m->nclauses; i++) {
		const struct maturity_rollup *u = &m->clauses[i];
		const char *lv[3] = {level_text(u->claimed, c, ""),
				     level_text(u->evidenced, e, ""), ""};

		rollup_docs(&b, u, ";");
		csv_row(t, "clause", u->id, u->title, lv, "",
			u->required ? "required" : "", buf_cstr(&b));
	}
	for (i = 0; i < m->nthemes; i++) {
		const struct maturity_rollup *u = &m->themes[i];
		const char *lv[3] = {level_text(u->claimed, c, ""),
				     level_text(u->evidenced, e, ""), ""};

		buf_truncate(&b, 0);
		buf_addf(&b,
			 "%zu applicable, %zu full, %zu partial, "
			 "%zu documents",
			 u->applicable, u->full, u->partial, u->ndocs);
		csv_row(t, "theme", u->id, "", lv, "", "", buf_cstr(&b));
	}
	buf_release(&b);
}

/* The readiness and blocking rows of the CSV view. */
static void csv_readiness(struct otable *t, const struct maturity *m)
{
	static const char *const none[3] = {"", "", ""};
	struct buf b = BUF_INIT;
	size_t i;
	int s;

	for (s = 1; s <= 2; s++) {
		readiness_line(&b, m, s);
		csv_row(t, "readiness", s == 1 ? "stage1" : "stage2",
			s == 1 ? "Stage 1" : "Stage 2", none,
			s == 1 ? "1" : "2", "", buf_cstr(&b));
	}
	for (i = 0; i < m->nitems; i++) {
		const struct readiness_item *it = &m->items[i];

		if (!it->met)
			csv_row(t, "blocking", it->id, it->title, none,
				it->stage == 1 ? "1" : "2",
				readiness_kind_name(it->kind), it->reason);
	}
	buf_release(&b);
}

/* One long table: a section column, then the fields each row uses. */
static int maturity_csv(FILE *out, const struct maturity *m)
{
	static const char *const head[] = {"section", "id",	   "title",
					   "claimed", "evidenced", "target",
					   "stage",   "kind",	   "detail"};
	struct otable t;
	int rc;

	otable_init(&t, 9, head);
	csv_documents(&t, m);
	csv_rollups(&t, m);
	csv_readiness(&t, m);
	rc = otable_write(out, &t, FORMAT_CSV);
	otable_release(&t);
	return rc;
}

/* A level as JSON: a number, or null for none. */
static json_t *level_json(int level)
{
	return level ? json_integer(level) : json_null();
}

/* The documents array of the JSON view. */
static json_t *json_documents(const struct maturity *m)
{
	json_t *list = json_array();
	size_t i;

	for (i = 0; i < m->ndocs; i++) {
		const struct maturity_doc *md = &m->docs[i];
		json_t *o = json_object();

		json_put(o, "id", json_text(md->doc->id));
		json_put(o, "path", json_text(md->doc->path));
		json_put(o, "core", json_boolean(md->core));
		json_put(o, "claimed", level_json(md->claimed));
		json_put(o, "evidenced", level_json(md->evidenced));
		json_put(o, "target", level_json(md->target));
		json_array_append_new(list, o);
	}
	return list;
}

/* A roll-up as JSON: levels and document ids. */
static json_t *rollup_json(const struct maturity_rollup *u, bool theme)
{
	json_t *o = json_object(), *docs = json_array();
	size_t i;

	for (i = 0; i < u->ndocs; i++)
		json_array_append_new(docs, json_text(u->docs[i]->id));
	json_put(o, theme ? "theme" : "id", json_text(u->id));
	if (!theme) {
		json_put(o, "title", json_text(u->title));
		json_put(o, "required", json_boolean(u->required));
	} else {
		json_put(o, "applicable",
			 json_integer((json_int_t)u->applicable));
		json_put(o, "full", json_integer((json_int_t)u->full));
		json_put(o, "partial", json_integer((json_int_t)u->partial));
	}
	json_put(o, "claimed", level_json(u->claimed));
	json_put(o, "evidenced", level_json(u->evidenced));
	json_put(o, "documents", docs);
	return o;
}

/* The requirements not met at stage s (Stage 2 includes Stage 1's). */
static json_t *json_blocking(const struct maturity *m, int s)
{
	json_t *list = json_array();
	size_t i;

	for (i = 0; i < m->nitems; i++) {
		const struct readiness_item *it = &m->items[i];
		json_t *o;

		if (it->met || it->stage > s)
			continue;
		o = json_object();
		json_put(o, "stage", json_integer(it->stage));
		json_put(o, "kind", json_text(readiness_kind_name(it->kind)));
		json_put(o, "id", json_text(it->id));
		json_put(o, "title", json_text(it->title));
		json_put(o, "reason", json_text(it->reason));
		json_array_append_new(list, o);
	}
	return list;
}

/* {"met", "total"} of stage s. */
static json_t *json_counts(const struct maturity *m, int s)
{
	json_t *o = json_object();

	json_put(o, "met", json_integer((json_int_t)m->ready[s - 1].met));
	json_put(o, "total", json_integer((json_int_t)m->ready[s - 1].total));
	return o;
}

/* The readiness object: percentages, counts and blocking items. */
static json_t *json_readiness(const struct maturity *m)
{
	json_t *o = json_object(), *counts = json_object();
	json_t *blocking = json_object();

	json_put(o, "stage1", json_integer(m->ready[0].percent));
	json_put(o, "stage2", json_integer(m->ready[1].percent));
	json_put(counts, "stage1", json_counts(m, 1));
	json_put(counts, "stage2", json_counts(m, 2));
	json_put(o, "requirements", counts);
	json_put(blocking, "stage1", json_blocking(m, 1));
	json_put(blocking, "stage2", json_blocking(m, 2));
	json_put(o, "blocking", blocking);
	return o;
}

/* The whole JSON document. */
static int maturity_json(FILE *out, const struct maturity *m)
{
	json_t *doc = json_object(), *clauses = json_array();
	json_t *themes = json_array();
	size_t i;

	for (i = 0; i < m->nclauses; i++)
		json_array_append_new(clauses,
				      rollup_json(&m->clauses[i], false));
	for (i = 0; i < m->nthemes; i++)
		json_array_append_new(themes, rollup_json(&m->themes[i], true));
	json_put(doc, "stage", json_integer(m->stage));
	json_put(doc, "documents", json_documents(m));
	json_put(doc, "clauses", clauses);
	json_put(doc, "themes", themes);
	json_put(doc, "readiness", json_readiness(m));
	return json_write(out, doc);
}

/* Write the levels and readiness in format f. */
int render_maturity(FILE *out, const struct maturity *m, enum format f)
{
	if (f == FORMAT_TEXT || f == FORMAT_MARKDOWN) {
		maturity_sections(out, m, f);
		return 0;
	}
	if (f == FORMAT_CSV)
		return maturity_csv(out, m);
	if (f == FORMAT_JSON)
		return maturity_json(out, m);
	return -1;
}
