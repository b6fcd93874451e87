/*
 * isms show in text, Markdown and JSON.  Each walk is written once, as a
 * sequence of objects made of facts (a key and a typed value); three
 * small emitters turn those into an indented outline, headings and
 * tables, or one JSON document.
 */
#include "isms/services.h"
#include "isms/show.h"
#include "isms/alloc.h"
#include "isms/arena.h"
#include "isms/buf.h"
#include "isms/json.h"
#include "isms/otable.h"
#include "isms/table.h"

#include <ctype.h>
#include <string.h>

enum fact_type { FACT_TEXT, FACT_INT, FACT_BOOL, FACT_LIST };

/*
 * One fact.  head marks a fact the text outline already shows in the
 * line an object starts with (its id and title).
 */
struct fact {
	const char *key;
	enum fact_type type;
	const char *text;	  /* FACT_TEXT; NULL or "" when absent */
	long num;		  /* FACT_INT, FACT_BOOL */
	bool set;		  /* FACT_INT: false when absent */
	const char *const *items; /* FACT_LIST */
	size_t nitems;
	bool head;
};

/* The facts of one object, in output order; head is its text line. */
struct facts {
	struct fact *v;
	size_t len, cap;
	struct arena *arena;
	const char *head;
};

/* Where the walk goes, and the state of the open section. */
struct emit {
	FILE *out;
	enum format f;
	struct arena arena;  /* facts and the strings made for them */
	json_t *obj;	     /* json: the object facts and sections go to */
	json_t *list;	     /* json: the open list section */
	struct otable table; /* markdown: the open list section */
	bool table_open;
};

/* Start an empty set of facts whose strings live in e's arena. */
static void facts_init(struct facts *fs, struct emit *e)
{
	memset(fs, 0, sizeof(*fs));
	fs->arena = &e->arena;
}

/* Append a fact of type and return it for its value. */
static struct fact *fact_add(struct facts *fs, const char *key,
			     enum fact_type type)
{
	struct fact *f;

	ARENA_GROW(fs->arena, fs->v, fs->len + 1, fs->cap);
	f = &fs->v[fs->len++];
	memset(f, 0, sizeof(*f));
	f->key = key;
	f->type = type;
	return f;
}

/* A text fact (NULL or "" for absent). */
static struct fact *fact_text(struct facts *fs, const char *key,
			      const char *value)
{
	struct fact *f = fact_add(fs, key, FACT_TEXT);

	f->text = value;
	return f;
}

/* A whole number, absent unless set. */
static void fact_int(struct facts *fs, const char *key, long n, bool set)
{
	struct fact *f = fact_add(fs, key, FACT_INT);

	f->num = n;
	f->set = set;
}

/* A yes or no. */
static void fact_bool(struct facts *fs, const char *key, bool b)
{
	fact_add(fs, key, FACT_BOOL)->num = b;
}

/* A list of strings (the array must outlive the facts). */
static void fact_list(struct facts *fs, const char *key,
		      const char *const *items, size_t n)
{
	struct fact *f = fact_add(fs, key, FACT_LIST);

	f->items = items;
	f->nitems = n;
}

/* A date as yyyy-mm-dd, absent when 0. */
static void fact_date(struct facts *fs, const char *key, isms_date d)
{
	char s[11];

	date_format(d, s);
	fact_text(fs, key, d ? arena_strdup(fs->arena, s) : NULL);
}

/* The id and the title (under key name) that the head line shows. */
static void fact_names(struct facts *fs, const char *id, const char *name,
		       const char *title)
{
	fact_text(fs, "id", id)->head = true;
	fact_text(fs, name, title)->head = true;
}

/* Is the fact without a value? */
static bool fact_absent(const struct fact *f)
{
	if (f->type == FACT_TEXT)
		return !f->text || !*f->text;
	if (f->type == FACT_INT)
		return !f->set;
	return f->type == FACT_LIST && !f->nitems;
}

/* The fact's value as text into b (emptied first). */
static void fact_string(struct buf *b, const struct fact *f)
{
	size_t i;

	buf_truncate(b, 0);
	if (fact_absent(f))
		return;
	if (f->type == FACT_TEXT)
		buf_adds(b, f->text);
	else if (f->type == FACT_INT)
		buf_addf(b, "%ld", f->num);
	else if (f->type == FACT_BOOL)
		buf_adds(b, f->num ? "yes" : "no");
	for (i = 0; f->type == FACT_LIST && i < f->nitems; i++)
		buf_addf(b, "%s%s", i ? ", " : "", f->items[i]);
}

/* The fact's key as a label: "approved_on" reads "approved on". */
static void fact_label(struct buf *b, const struct fact *f)
{
	const char *p;

	buf_truncate(b, 0);
	for (p = f->key; *p; p++)
		buf_addch(b, *p == '_' ? ' ' : *p);
}

/* The fact's value as JSON: absent text and numbers are null. */
static json_t *fact_json(const struct fact *f)
{
	json_t *a;
	size_t i;

	if (f->type == FACT_BOOL)
		return json_boolean(f->num);
	if (f->type == FACT_INT)
		return f->set ? json_integer(f->num) : json_null();
	if (f->type == FACT_TEXT)
		return fact_absent(f) ? json_null() : json_text(f->text);
	a = json_array();
	for (i = 0; i < f->nitems; i++)
		json_array_append_new(a, json_text(f->items[i]));
	return a;
}

/* Every fact of fs as members of obj. */
static void facts_json(json_t *obj, const struct facts *fs)
{
	size_t i;

	for (i = 0; i < fs->len; i++)
		json_put(obj, fs->v[i].key, fact_json(&fs->v[i]));
}

/* Text: "label: value" lines at indent, values aligned, absent ones left out.
 */
static void text_facts(struct emit *e, const struct facts *fs, int indent)
{
	struct buf label = BUF_INIT, value = BUF_INIT;
	size_t i, width = 0;

	for (i = 0; i < fs->len; i++)
		if (!fs->v[i].head && !fact_absent(&fs->v[i]) &&
		    strlen(fs->v[i].key) + 1 > width)
			width = strlen(fs->v[i].key) + 1;
	for (i = 0; i < fs->len; i++) {
		if (fs->v[i].head || fact_absent(&fs->v[i]))
			continue;
		fact_label(&label, &fs->v[i]);
		buf_addch(&label, ':');
		fact_string(&value, &fs->v[i]);
		fprintf(e->out, "%*s%-*s ", indent, "", (int)width, label.ptr);
		text_fputs(e->out, value.ptr);
		fputc('\n', e->out);
	}
	buf_release(&label);
	buf_release(&value);
}

/* Markdown: a two-column table of the facts not in the heading. */
static void markdown_facts(struct emit *e, const struct facts *fs)
{
	static const char *const head[] = {"field", "value"};
	struct buf label = BUF_INIT, value = BUF_INIT;
	struct otable t;
	size_t i;

	otable_init(&t, 2, head);
	for (i = 0; i < fs->len; i++) {
		const char *row[2];

		if (fs->v[i].head || fact_absent(&fs->v[i]))
			continue;
		fact_label(&label, &fs->v[i]);
		fact_string(&value, &fs->v[i]);
		row[0] = label.ptr;
		row[1] = value.ptr;
		otable_add(&t, row);
	}
	if (t.nrows > 1)
		otable_write(e->out, &t, FORMAT_MARKDOWN);
	otable_release(&t);
	buf_release(&label);
	buf_release(&value);
}

/* Markdown: s on one line (a heading cannot hold a line break). */
static void markdown_inline(FILE *out, const char *s)
{
	for (; *s; s++)
		fputc(*s == '\n' || *s == '\r' ? ' ' : *s, out);
}

/* Markdown: "## Title" from a lowercase title. */
static void markdown_heading(FILE *out, const char *level, const char *s)
{
	fprintf(out, "%s %c", level, toupper((unsigned char)*s));
	markdown_inline(out, s + 1);
	fputs("\n\n", out);
}

/* Begin a walk: "control A.8.13: Information backup" and its facts. */
static void emit_head(struct emit *e, const char *kind, const char *id,
		      const char *title, const struct facts *fs)
{
	if (e->f == FORMAT_JSON) {
		json_put(e->obj, "kind", json_text(kind));
		facts_json(e->obj, fs);
		return;
	}
	if (e->f == FORMAT_MARKDOWN) {
		fprintf(e->out, "# %c%s ", toupper((unsigned char)*kind),
			kind + 1);
		markdown_inline(e->out, id);
		if (title && *title) {
			fputs(": ", e->out);
			markdown_inline(e->out, title);
		}
		fputs("\n\n", e->out);
		markdown_facts(e, fs);
		return;
	}
	fprintf(e->out, "%s ", kind);
	text_fputs(e->out, id);
	if (title && *title) {
		fputs(": ", e->out);
		text_fputs(e->out, title);
	}
	fputc('\n', e->out);
	text_facts(e, fs, 2);
}

/* A section holding one object (the SoA row). */
static void emit_object(struct emit *e, const char *key, const char *title,
			const struct facts *fs)
{
	json_t *o;

	if (e->f == FORMAT_JSON) {
		o = json_object();
		facts_json(o, fs);
		json_put(e->obj, key, o);
	} else if (e->f == FORMAT_MARKDOWN) {
		fputc('\n', e->out);
		markdown_heading(e->out, "##", title);
		markdown_facts(e, fs);
	} else {
		fprintf(e->out, "\n%s\n", title);
		text_facts(e, fs, 2);
	}
}

/* A section whose object is missing, and why. */
static void emit_absent(struct emit *e, const char *key, const char *title,
			const char *why)
{
	if (e->f == FORMAT_JSON) {
		json_put(e->obj, key, NULL);
	} else if (e->f == FORMAT_MARKDOWN) {
		fputc('\n', e->out);
		markdown_heading(e->out, "##", title);
		fprintf(e->out, "%c%s.\n", toupper((unsigned char)*why),
			why + 1);
	} else {
		fprintf(e->out, "\n%s: %s\n", title, why);
	}
}

/* Open a list section of n objects. */
static void emit_list(struct emit *e, const char *key, const char *title,
		      size_t n)
{
	if (e->f == FORMAT_JSON) {
		e->list = json_array();
		json_put(e->obj, key, e->list);
	} else if (e->f == FORMAT_MARKDOWN) {
		fputc('\n', e->out);
		markdown_heading(e->out, "##", title);
		if (!n)
			fputs("None.\n", e->out);
	} else if (n) {
		fprintf(e->out, "\n%s (%zu)\n", title, n);
	} else {
		fprintf(e->out, "\n%s: none\n", title);
	}
}

/* Markdown: the open table's header, from the first object's keys. */
static void markdown_table_open(struct emit *e, const struct facts *fs)
{
	const char **head = xcalloc(fs->len, sizeof(*head));
	struct buf label = BUF_INIT;
	size_t i;

	for (i = 0; i < fs->len; i++) {
		fact_label(&label, &fs->v[i]);
		head[i] = arena_strdup(&e->arena, label.ptr);
	}
	otable_init(&e->table, fs->len, head);
	e->table_open = true;
	free(head);
	buf_release(&label);
}

/* Markdown: one row of the open table. */
static void markdown_row(struct emit *e, const struct facts *fs)
{
	const char **row;
	struct buf value = BUF_INIT;
	size_t i;

	if (!e->table_open)
		markdown_table_open(e, fs);
	row = xcalloc(e->table.ncols, sizeof(*row));
	for (i = 0; i < fs->len && i < e->table.ncols; i++) {
		fact_string(&value, &fs->v[i]);
		row[i] = arena_strdup(&e->arena, value.ptr);
	}
	otable_add(&e->table, row);
	free(row);
	buf_release(&value);
}

/* One object of the open list section. */
static void emit_item(struct emit *e, const struct facts *fs)
{
	json_t *o;

	if (e->f == FORMAT_JSON) {
		o = json_object();
		facts_json(o, fs);
		json_array_append_new(e->list, o);
	} else if (e->f == FORMAT_MARKDOWN) {
		markdown_row(e, fs);
	} else {
		fputs("  ", e->out);
		text_fputs(e->out, fs->head);
		fputc('\n', e->out);
		text_facts(e, fs, 4);
	}
}

/* Close the open list section. */
static void emit_list_end(struct emit *e)
{
	if (!e->table_open)
		return;
	otable_write(e->out, &e->table, FORMAT_MARKDOWN);
	otable_release(&e->table);
	e->table_open = false;
}

/* "id title" (or the id alone): the head line of an object. */
static const char *head_line(struct emit *e, const char *id, const char *title)
{
	if (!title || !*title)
		return id ? id : "";
	return arena_printf(&e->arena, "%s %s", id ? id : "", title);
}

/* The id of a document, or its path when it has none. */
static const char *doc_name(const struct document *d)
{
	return d->id ? d->id : d->path;
}

/* The facts of a register row for one risk in a list. */
static void risk_item(struct emit *e, const struct reg_ref *ref)
{
	const struct reg *g = ref->reg;
	const char *id = reg_get(g, ref->row, "id");
	const char *title = reg_get(g, ref->row, "title");
	int score = show_score(g, ref->row, "likelihood", "impact");
	struct facts fs;

	facts_init(&fs, e);
	fact_names(&fs, id, "title", title);
	fact_int(&fs, "score", score, score > 0);
	fact_text(&fs, "status", reg_get(g, ref->row, "status"));
	fact_text(&fs, "owner", reg_get(g, ref->row, "owner"));
	fs.head = head_line(e, id, title);
	emit_item(e, &fs);
}

/* A list section of risks. */
static void walk_risks(struct emit *e, const struct reg_ref *v, size_t n)
{
	size_t i;

	emit_list(e, "risks", "risks", n);
	for (i = 0; i < n; i++)
		risk_item(e, &v[i]);
	emit_list_end(e);
}

/* One document that implements a control. */
static void control_document(struct emit *e, const struct repo *r,
			     const struct doc_cover *c)
{
	const struct document *d = c->doc;
	const struct reg *g = show_register(r, d);
	struct facts fs;

	facts_init(&fs, e);
	fact_names(&fs, d->id, "title", d->title);
	fact_text(&fs, "path", d->path);
	fact_text(&fs, "coverage", coverage_name(c->coverage));
	fact_text(&fs, "source", link_source_name(c->source));
	fact_text(&fs, "status", d->status ? doc_status_name(d->status) : NULL);
	fact_text(&fs, "owner", d->owner);
	fact_date(&fs, "approved_on", d->approved_on);
	fact_date(&fs, "next_review", d->next_review);
	fact_int(&fs, "maturity", document_maturity(d), true);
	fact_text(&fs, "register", g ? g->schema->kind : NULL);
	fact_list(&fs, "evidence", d->evidence.items, d->evidence.len);
	fact_list(&fs, "services", d->services.items, d->services.len);
	fs.head = head_line(e, doc_name(d), d->title);
	emit_item(e, &fs);
}

/* The SoA row of a control, or why there is none. */
static void walk_soa(struct emit *e, const struct repo *r,
		     const struct control_state *c)
{
	const struct soa_row *row = c->soa;
	struct facts fs;

	if (!r->soa.doc) {
		emit_absent(e, "soa", "Statement of Applicability",
			    "the repository has none");
		return;
	}
	if (!row) {
		emit_absent(e, "soa", "Statement of Applicability",
			    "no row for this control");
		return;
	}
	facts_init(&fs, e);
	fact_text(&fs, "file", r->soa.rows_path);
	fact_int(&fs, "line", row->line, row->line > 0);
	fact_bool(&fs, "applicable", row->applicable);
	fact_text(&fs, "justification", row->justification);
	fact_text(&fs, "status", impl_status_name(row->status));
	fact_list(&fs, "documents", row->documents.items, row->documents.len);
	emit_object(e, "soa", "Statement of Applicability", &fs);
}

/* The walk of one 2022 control. */
static void walk_control(struct emit *e, const struct repo *r,
			 const struct show_control *c)
{
	const struct control_info *ci = &catalog_controls[c->index];
	const struct control_state *st = c->state;
	const struct reg_ref *risks;
	struct facts fs;
	size_t i, nrisks;

	facts_init(&fs, e);
	fact_names(&fs, ci->id, "title", ci->title);
	fact_text(&fs, "theme", ci->theme);
	fact_bool(&fs, "applicable", st->applicable);
	fact_text(&fs, "coverage", coverage_name(st->coverage));
	fact_list(&fs, "services", c->services.items, c->services.len);
	emit_head(e, "control", ci->id, ci->title, &fs);
	walk_soa(e, r, st);
	emit_list(e, "documents", "documents", st->ndocs);
	for (i = 0; i < st->ndocs; i++)
		control_document(e, r, &st->docs[i]);
	emit_list_end(e);
	risks = repo_control_risks(r, c->index, &nrisks);
	walk_risks(e, risks, nrisks);
}

/* A 2013 id: what it was, then the walk of each 2022 counterpart. */
static void walk_2013(struct emit *e, const struct repo *r,
		      const struct show *s)
{
	const char **ids =
	    arena_calloc(&e->arena, s->ncontrols + 1, sizeof(*ids));
	json_t *outer = e->obj, *list = NULL;
	struct facts fs;
	size_t i;

	for (i = 0; i < s->ncontrols; i++)
		ids[i] = catalog_controls[s->controls[i].index].id;
	facts_init(&fs, e);
	fact_names(&fs, s->old->id, "title", s->old->title);
	fact_text(&fs, "edition", "ISO/IEC 27001:2013");
	fact_list(&fs, "counterparts", ids, s->ncontrols);
	fact_text(&fs, "note", s->ncontrols ? NULL : "no 2022 counterpart");
	emit_head(e, "control", s->old->id, s->old->title, &fs);
	if (e->f == FORMAT_JSON) {
		list = json_array();
		json_put(outer, "controls", list);
	}
	for (i = 0; i < s->ncontrols; i++) {
		if (list) {
			e->obj = json_object();
			json_array_append_new(list, e->obj);
		} else {
			fputc('\n', e->out);
		}
		walk_control(e, r, &s->controls[i]);
	}
	e->obj = outer;
}

/* Does any leaf below a parent clause require documented information? */
static bool clause_required(const struct show *s)
{
	size_t i;

	if (!s->nleaves)
		return catalog_clauses[s->clause].required;
	for (i = 0; i < s->nleaves; i++)
		if (catalog_clauses[s->leaves[i]].required)
			return true;
	return false;
}

/* One document that covers a clause. */
static void clause_document(struct emit *e, const struct doc_cover *c)
{
	const struct document *d = c->doc;
	struct facts fs;

	facts_init(&fs, e);
	fact_names(&fs, d->id, "title", d->title);
	fact_text(&fs, "path", d->path);
	fact_text(&fs, "type", d->type ? doc_type_name(d->type) : NULL);
	fact_text(&fs, "status", d->status ? doc_status_name(d->status) : NULL);
	fact_text(&fs, "owner", d->owner);
	fact_text(&fs, "source", link_source_name(c->source));
	fact_int(&fs, "maturity", document_maturity(d), true);
	fs.head = head_line(e, doc_name(d), d->title);
	emit_item(e, &fs);
}

/* The ids of a cover list (an arena array). */
static const char **cover_ids(struct emit *e, const struct clause_state *c)
{
	const char **ids = arena_calloc(&e->arena, c->ndocs + 1, sizeof(*ids));
	size_t i;

	for (i = 0; i < c->ndocs; i++)
		ids[i] = doc_name(c->docs[i].doc);
	return ids;
}

/* The leaf clauses below a parent, each with its documents. */
static void walk_leaves(struct emit *e, const struct repo *r,
			const struct show *s)
{
	size_t i;

	emit_list(e, "subclauses", "subclauses", s->nleaves);
	for (i = 0; i < s->nleaves; i++) {
		const struct clause_info *ci = &catalog_clauses[s->leaves[i]];
		const struct clause_state *c = &r->clauses[s->leaves[i]];
		struct facts fs;

		facts_init(&fs, e);
		fact_names(&fs, ci->id, "title", ci->title);
		fact_bool(&fs, "required", ci->required);
		fact_list(&fs, "documents", cover_ids(e, c), c->ndocs);
		fs.head = head_line(e, ci->id, ci->title);
		emit_item(e, &fs);
	}
	emit_list_end(e);
}

/* The walk of a clause. */
static void walk_clause(struct emit *e, const struct repo *r,
			const struct show *s)
{
	const struct clause_info *ci = &catalog_clauses[s->clause];
	const struct clause_state *c = &r->clauses[s->clause];
	struct facts fs;
	size_t i;

	facts_init(&fs, e);
	fact_names(&fs, ci->id, "title", ci->title);
	fact_bool(&fs, "required", clause_required(s));
	fact_text(&fs, "note", ci->note);
	emit_head(e, "clause", ci->id, ci->title, &fs);
	emit_list(e, "documents", "documents", c->ndocs);
	for (i = 0; i < c->ndocs; i++)
		clause_document(e, &c->docs[i]);
	emit_list_end(e);
	if (ci->kind != CLAUSE_LEAF)
		walk_leaves(e, r, s);
}

/* "soc2: CC6.1, CC6.2": the frameworks map of a document, as lines. */
static void document_frameworks(struct emit *e, struct facts *fs,
				const struct ynode *n)
{
	const char **v =
	    arena_calloc(&e->arena, n ? n->count + 1 : 1, sizeof(*v));
	struct buf b = BUF_INIT;
	size_t i, j, k = 0;

	for (i = 0; n && n->kind == YNODE_MAP && i < n->count; i++) {
		const struct ynode *ids = n->members[i].value;

		buf_truncate(&b, 0);
		buf_addf(&b, "%s:", n->members[i].key);
		if (ids && ids->kind == YNODE_SCALAR && !ids->null)
			buf_addf(&b, " %s", ids->str);
		for (j = 0; ids && ids->kind == YNODE_SEQ && j < ids->count;
		     j++)
			if (ids->items[j]->kind == YNODE_SCALAR)
				buf_addf(&b, "%s %s", j ? "," : "",
					 ids->items[j]->str);
		v[k++] = arena_strdup(&e->arena, b.ptr);
	}
	buf_release(&b);
	fact_list(fs, "frameworks", v, k);
}

/* "2026-09-21 Internal audit": the schedule of a document, as lines. */
static void document_schedule(struct emit *e, struct facts *fs,
			      const struct document *d)
{
	const char **v = arena_calloc(&e->arena, d->nschedule + 1, sizeof(*v));
	char day[11];
	size_t i;

	for (i = 0; i < d->nschedule; i++) {
		date_format(d->schedule[i].date, day);
		v[i] = arena_printf(&e->arena, "%s %s", day,
				    d->schedule[i].title ? d->schedule[i].title
							 : "");
	}
	fact_list(fs, "schedule", v, d->nschedule);
}

/* The names of the spine items a document stands for. */
static const char **spine_names(struct emit *e, const struct show *s)
{
	const char **v = arena_calloc(&e->arena, s->nspine + 1, sizeof(*v));
	size_t i;

	for (i = 0; i < s->nspine; i++)
		v[i] = s->spine[i]->name;
	return v;
}

/* The approval and review facts of a document. */
static void document_cycle(struct emit *e, struct facts *fs,
			   const struct document *d)
{
	fact_text(fs, "version", d->version);
	fact_text(fs, "approved_by", d->approved_by);
	fact_date(fs, "approved_on", d->approved_on);
	fact_date(fs, "last_reviewed", d->last_reviewed);
	fact_text(fs, "review_every",
		  d->review_every.n
		      ? arena_printf(&e->arena, "%u%c", d->review_every.n,
				     d->review_every.unit)
		      : NULL);
	fact_date(fs, "next_review", d->next_review);
}

/* The front-matter facts of the document walk. */
static void document_facts(struct emit *e, struct facts *fs,
			   const struct show *s)
{
	const struct document *d = s->doc;

	fact_names(fs, d->id, "title", d->title);
	fact_text(fs, "path", d->path);
	fact_text(fs, "type", d->type ? doc_type_name(d->type) : NULL);
	fact_text(fs, "owner", d->owner);
	fact_text(fs, "status", d->status ? doc_status_name(d->status) : NULL);
	document_cycle(e, fs, d);
	fact_int(fs, "maturity", document_maturity(d), d->parsed);
	fact_int(fs, "target", s->target, s->core || d->target);
	fact_bool(fs, "core", s->core);
	fact_list(fs, "spine", spine_names(e, s), s->nspine);
	fact_bool(fs, "shareable", d->shareable);
	fact_text(fs, "register", s->reg ? s->reg->schema->kind : NULL);
	fact_int(fs, "rows", s->reg ? (long)reg_rows(s->reg) : 0, s->reg);
	fact_text(fs, "data", d->data);
	fact_list(fs, "services", d->services.items, d->services.len);
	fact_list(fs, "evidence", d->evidence.items, d->evidence.len);
	fact_list(fs, "tags", d->tags.items, d->tags.len);
	document_frameworks(e, fs, d->frameworks);
	document_schedule(e, fs, d);
}

/* The cover of document d in list v (n long), or NULL. */
static const struct doc_cover *cover_of(const struct doc_cover *v, size_t n,
					const struct document *d)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i].doc == d)
			return &v[i];
	return NULL;
}

/* The controls the map links to a document, in catalog order. */
static void document_controls(struct emit *e, const struct repo *r,
			      const struct document *d)
{
	const struct doc_cover **v = xcalloc(catalog_control_count, sizeof(*v));
	size_t i, n = 0;

	for (i = 0; i < catalog_control_count; i++)
		if ((v[i] = cover_of(r->controls[i].docs, r->controls[i].ndocs,
				     d)))
			n++;
	emit_list(e, "controls", "controls", n);
	for (i = 0; i < catalog_control_count; i++) {
		const struct control_info *ci = &catalog_controls[i];
		struct facts fs;

		if (!v[i])
			continue;
		facts_init(&fs, e);
		fact_names(&fs, ci->id, "title", ci->title);
		fact_text(&fs, "coverage", coverage_name(v[i]->coverage));
		fact_text(&fs, "source", link_source_name(v[i]->source));
		fs.head = head_line(e, ci->id, ci->title);
		emit_item(e, &fs);
	}
	emit_list_end(e);
	free(v);
}

/* The clauses the map links to a document, in catalog order. */
static void document_clauses(struct emit *e, const struct repo *r,
			     const struct document *d)
{
	const struct doc_cover **v = xcalloc(catalog_clause_count, sizeof(*v));
	size_t i, n = 0;

	for (i = 0; i < catalog_clause_count; i++)
		if ((v[i] =
			 cover_of(r->clauses[i].docs, r->clauses[i].ndocs, d)))
			n++;
	emit_list(e, "clauses", "clauses", n);
	for (i = 0; i < catalog_clause_count; i++) {
		const struct clause_info *ci = &catalog_clauses[i];
		struct facts fs;

		if (!v[i])
			continue;
		facts_init(&fs, e);
		fact_names(&fs, ci->id, "title", ci->title);
		fact_text(&fs, "source", link_source_name(v[i]->source));
		fs.head = head_line(e, ci->id, ci->title);
		emit_item(e, &fs);
	}
	emit_list_end(e);
	free(v);
}

/* One finding about a document; the text shows it as check does. */
static void finding_item(struct emit *e, const struct finding *f)
{
	struct facts fs;
	size_t i;

	facts_init(&fs, e);
	fact_text(&fs, "file", f->file);
	fact_int(&fs, "line", f->pos.line, f->pos.line > 0);
	fact_int(&fs, "column", f->pos.column, f->pos.column > 0);
	fact_text(&fs, "severity", severity_name(f->severity));
	fact_text(&fs, "rule", f->rule);
	fact_text(&fs, "message", f->message);
	for (i = 0; i < fs.len; i++)
		fs.v[i].head = true;
	fs.head =
	    arena_printf(&e->arena, "%s:%u:%u: %s: %s [%s]",
			 f->file ? f->file : ".", f->pos.line, f->pos.column,
			 severity_name(f->severity), f->message, f->rule);
	emit_item(e, &fs);
}

/* The git history facts of a document, inside a work tree only. */
static void document_history(struct facts *fs, const struct repo *r,
			     const struct document *d)
{
	if (r->git != REPO_GIT_OK)
		return;
	fact_date(fs, "last_changed", d->git.last_changed);
	fact_text(fs, "last_author", d->git.last_author);
	fact_int(fs, "revisions", d->git.revisions, true);
}

/* The walk of a document. */
static void walk_document(struct emit *e, const struct repo *r,
			  const struct show *s)
{
	struct facts fs;
	size_t i;

	facts_init(&fs, e);
	document_facts(e, &fs, s);
	document_history(&fs, r, s->doc);
	emit_head(e, "document", doc_name(s->doc), s->doc->title, &fs);
	document_controls(e, r, s->doc);
	document_clauses(e, r, s->doc);
	emit_list(e, "findings", "findings", s->nfindings);
	for (i = 0; i < s->nfindings; i++)
		finding_item(e, s->findings[i]);
	emit_list_end(e);
}

/* Every column of a register row (title_column: its title). */
static void row_columns(struct facts *fs, const struct reg_ref *ref,
			const char *title_column)
{
	const struct reg *g = ref->reg;
	size_t c;

	for (c = 0; c < g->schema->ncolumns; c++) {
		const char *name = g->schema->columns[c].name;
		struct fact *f =
		    fact_text(fs, name, reg_cell(g, ref->row, (int)c));

		f->head = !strcmp(name, "id") || !strcmp(name, title_column);
	}
}

/* Where a register row is: its register, file and line. */
static void row_place(struct facts *fs, const struct reg_ref *ref)
{
	const struct reg *g = ref->reg;

	fact_text(fs, "register", g->doc->id);
	fact_text(fs, "file", g->rows_path);
	fact_int(fs, "line", g->table->rows[ref->row].line, true);
}

/* Why a control a risk names is no 2022 control, or NULL when it is. */
static const char *named_note(struct emit *e, const struct show_named *n)
{
	struct buf b = BUF_INIT;
	const char *note;
	unsigned i;

	if (n->index >= 0)
		return NULL;
	if (!n->old)
		return "not an ISO 27001:2022 control";
	buf_adds(&b, "an ISO 27001:2013 id");
	for (i = 0; i < n->old->counterpart_count; i++)
		buf_addf(&b, "%s%s", i ? ", " : "; now ",
			 catalog_controls[n->old->counterparts[i]].id);
	note = arena_strdup(&e->arena, b.ptr);
	buf_release(&b);
	return note;
}

/* One control a risk names, with its coverage in the map. */
static void named_control(struct emit *e, const struct repo *r,
			  const struct show_named *n)
{
	const struct control_state *c =
	    n->index >= 0 ? &r->controls[n->index] : NULL;
	const char *title = c ? catalog_controls[n->index].title : NULL;
	struct facts fs;

	facts_init(&fs, e);
	fact_names(&fs, n->text, "title", title);
	if (c)
		fact_bool(&fs, "applicable", c->applicable);
	else
		fact_int(&fs, "applicable", 0, false);
	fact_text(&fs, "coverage", c ? coverage_name(c->coverage) : NULL);
	fact_text(&fs, "note", named_note(e, n));
	fs.head = head_line(e, n->text, title);
	emit_item(e, &fs);
}

/* One asset a row names; id alone when no asset row has it. */
static void asset_item(struct emit *e, const char *id,
		       const struct reg_ref *ref)
{
	const char *name = ref ? reg_get(ref->reg, ref->row, "name") : NULL;
	struct facts fs;

	facts_init(&fs, e);
	fact_names(&fs, id, "name", name);
	fact_text(&fs, "owner",
		  ref ? reg_get(ref->reg, ref->row, "owner") : NULL);
	fact_text(&fs, "classification",
		  ref ? reg_get(ref->reg, ref->row, "classification") : NULL);
	fs.head =
	    ref ? head_line(e, id, name)
		: arena_printf(&e->arena, "%s (not in the asset register)", id);
	emit_item(e, &fs);
}

/* The walk of a risk. */
static void walk_risk(struct emit *e, const struct repo *r,
		      const struct show *s)
{
	const struct reg_ref *ref = &s->row;
	const char *id = reg_get(ref->reg, ref->row, "id");
	const char *title = reg_get(ref->reg, ref->row, "title");
	int score = show_score(ref->reg, ref->row, "likelihood", "impact");
	int rest = show_score(ref->reg, ref->row, "residual_likelihood",
			      "residual_impact");
	struct facts fs;
	size_t i;

	facts_init(&fs, e);
	row_columns(&fs, ref, "title");
	fact_int(&fs, "score", score, score > 0);
	fact_int(&fs, "residual_score", rest, rest > 0);
	row_place(&fs, ref);
	emit_head(e, "risk", id, title, &fs);
	emit_list(e, "controls", "controls", s->nnamed);
	for (i = 0; i < s->nnamed; i++)
		named_control(e, r, &s->named[i]);
	emit_list_end(e);
	emit_list(e, "assets", "assets", s->nassets);
	for (i = 0; i < s->nassets; i++)
		asset_item(e, s->asset_ids[i],
			   s->assets[i].reg ? &s->assets[i] : NULL);
	emit_list_end(e);
}

/* The walk of an asset. */
static void walk_asset(struct emit *e, const struct show *s)
{
	const struct reg_ref *ref = &s->row;
	struct facts fs;

	facts_init(&fs, e);
	row_columns(&fs, ref, "name");
	row_place(&fs, ref);
	emit_head(e, "asset", reg_get(ref->reg, ref->row, "id"),
		  reg_get(ref->reg, ref->row, "name"), &fs);
	walk_risks(e, s->risks, s->nrisks);
}

/* A cell of the service's catalogue row, or NULL. */
static const char *service_cell(const struct repo *r, const struct show *s,
				const char *column)
{
	if (!s->catalogue)
		return NULL;
	return table_cell(&s->ctable->rows[s->crow],
			  table_column(s->ctable, &r->config, NULL, column));
}

/* The facts of a service: its catalogue row, when it has one. */
static void service_facts(struct facts *fs, const struct repo *r,
			  const struct show *s)
{
	static const char *const columns[] = {"in_scope", "description",
					      "suppliers", "data_locations",
					      "tenancy"};
	size_t i;

	fact_names(fs, s->service, "name", service_cell(r, s, "name"));
	for (i = 0; i < sizeof(columns) / sizeof(*columns); i++)
		fact_text(fs, columns[i], service_cell(r, s, columns[i]));
	fact_text(fs, "catalogue", s->catalogue ? s->catalogue->id : NULL);
	fact_text(fs, "file",
		  s->catalogue
		      ? (s->catalogue->rows_path ? s->catalogue->rows_path
						 : s->catalogue->path)
		      : NULL);
	fact_int(fs, "line", s->catalogue ? s->ctable->rows[s->crow].line : 0,
		 s->catalogue != NULL);
	fact_text(fs, "note",
		  s->catalogue ? NULL : "not in the service catalogue");
}

/* One document tagged with a service. */
static void service_document(struct emit *e, const struct document *d)
{
	struct facts fs;

	facts_init(&fs, e);
	fact_names(&fs, d->id, "title", d->title);
	fact_text(&fs, "path", d->path);
	fact_text(&fs, "type", d->type ? doc_type_name(d->type) : NULL);
	fact_text(&fs, "status", d->status ? doc_status_name(d->status) : NULL);
	fact_text(&fs, "owner", d->owner);
	fs.head = head_line(e, doc_name(d), d->title);
	emit_item(e, &fs);
}

/*
 * Who owns each area of the service, from the responsibility matrix
 * (none: the matrix names no owner, which responsibility-missing
 * reports for an in-scope service).
 */
static void service_areas(struct emit *e, const struct service *svc)
{
	struct facts fs;
	int a;

	emit_list(e, "responsibilities", "responsibilities", AREA_COUNT);
	for (a = 0; a < AREA_COUNT; a++) {
		const char *owner =
		    svc->owner[a] ? service_owner_name(svc->owner[a]) : NULL;

		facts_init(&fs, e);
		fact_names(&fs, service_area_name((enum service_area)a),
			   "owner", owner);
		fact_text(&fs, "notes", svc->notes[a]);
		fs.head = head_line(e, service_area_name((enum service_area)a),
				    owner ? owner : "none");
		emit_item(e, &fs);
	}
	emit_list_end(e);
}

/* The walk of a service. */
static void walk_service(struct emit *e, const struct repo *r,
			 const struct show *s)
{
	const struct service *svc =
	    services_find(r, s->service, strlen(s->service));
	struct facts fs;
	size_t i;

	facts_init(&fs, e);
	service_facts(&fs, r, s);
	emit_head(e, "service", s->service, service_cell(r, s, "name"), &fs);
	if (svc)
		service_areas(e, svc);
	emit_list(e, "documents", "documents", s->ndocs);
	for (i = 0; i < s->ndocs; i++)
		service_document(e, s->docs[i]);
	emit_list_end(e);
	walk_risks(e, s->risks, s->nrisks);
	emit_list(e, "assets", "assets", s->nnamed_by);
	for (i = 0; i < s->nnamed_by; i++)
		asset_item(
		    e, reg_get(s->named_by[i].reg, s->named_by[i].row, "id"),
		    &s->named_by[i]);
	emit_list_end(e);
}

/* The walk of whatever s found. */
static void show_walk(struct emit *e, const struct repo *r,
		      const struct show *s)
{
	if (s->kind == SHOW_CONTROL && s->old)
		walk_2013(e, r, s);
	else if (s->kind == SHOW_CONTROL)
		walk_control(e, r, &s->controls[0]);
	else if (s->kind == SHOW_CLAUSE)
		walk_clause(e, r, s);
	else if (s->kind == SHOW_DOCUMENT)
		walk_document(e, r, s);
	else if (s->kind == SHOW_RISK)
		walk_risk(e, r, s);
	else if (s->kind == SHOW_ASSET)
		walk_asset(e, s);
	else
		walk_service(e, r, s);
}

/* Walk s through the emitter of format f; JSON is written at the end. */
int render_show(FILE *out, const struct repo *r, const struct show *s,
		enum format f)
{
	struct emit e;
	json_t *root = NULL;
	int rc = 0;

	if (f != FORMAT_TEXT && f != FORMAT_MARKDOWN && f != FORMAT_JSON)
		return -1;
	memset(&e, 0, sizeof(e));
	e.out = out;
	e.f = f;
	if (f == FORMAT_JSON)
		e.obj = root = json_object();
	show_walk(&e, r, s);
	if (root)
		rc = json_write(out, root) ? -1 : 0;
	arena_release(&e.arena);
	return rc;
}
