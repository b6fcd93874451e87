/*
 * Registers: one schema per kind (FORMAT.md, "Registers"), one loader for
 * every shape a register comes in.  Cells are typed and checked here;
 * cross-references and domain checks are rules (src/rules/registers.c).
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "isms/register.h"
#include "isms/alloc.h"
#include "isms/buf.h"
#include "isms/catalog.h"
#include "isms/ids.h"
#include "isms/markdown.h"
#include "isms/repo.h"
#include "isms/table.h"

#include <ctype.h>
#include <pcre2.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const treatments[] = {"mitigate", "accept", "transfer",
					 "avoid", NULL};
static const char *const risk_states[] = {"open", "treated", "accepted",
					  "closed", NULL};
static const char *const classes[] = {"public", "internal", "confidential",
				      "restricted", NULL};
static const char *const severities[] = {"low", "medium", "high", "critical",
					 NULL};
static const char *const open_closed[] = {"open", "closed", NULL};
static const char *const results[] = {"success", "failed", "rolled-back", NULL};
static const char *const sources[] = {
    "internal-audit", "external-audit", "incident", "review", "other", NULL};
static const char *const coverages[] = {"full", "partial", NULL};
static const char *const levels[] = {"low", "medium", "high", NULL};

#define REQ(n, t)                                                              \
	{                                                                      \
		n, t, true, NULL, 0, 0, NULL                                   \
	}
#define OPT(n, t)                                                              \
	{                                                                      \
		n, t, false, NULL, 0, 0, NULL                                  \
	}
#define REQ_ENUM(n, v)                                                         \
	{                                                                      \
		n, CELL_ENUM, true, v, 0, 0, NULL                              \
	}
#define OPT_ENUM(n, v)                                                         \
	{                                                                      \
		n, CELL_ENUM, false, v, 0, 0, NULL                             \
	}
#define REQ_INT(n, lo, hi)                                                     \
	{                                                                      \
		n, CELL_INT, true, NULL, lo, hi, NULL                          \
	}
#define OPT_INT(n, lo, hi)                                                     \
	{                                                                      \
		n, CELL_INT, false, NULL, lo, hi, NULL                         \
	}
#define OPT_REFS(n, k)                                                         \
	{                                                                      \
		n, CELL_REFS, false, NULL, 0, 0, k                             \
	}

static const struct column_spec risk_columns[] = {
    REQ("id", CELL_ID),
    REQ("title", CELL_TEXT),
    REQ("owner", CELL_TEXT),
    REQ_INT("likelihood", 1, 5),
    REQ_INT("impact", 1, 5),
    REQ_ENUM("treatment", treatments),
    REQ_ENUM("status", risk_states),
    REQ("review_date", CELL_DATE),
    OPT("controls", CELL_CONTROLS),
    OPT_REFS("assets", "asset"),
    OPT("services", CELL_SERVICES),
    OPT_INT("residual_likelihood", 1, 5),
    OPT_INT("residual_impact", 1, 5),
    OPT("residual_accepted_by", CELL_TEXT),
    OPT("residual_accepted_on", CELL_DATE),
    OPT("due_date", CELL_DATE),
};

static const struct column_spec asset_columns[] = {
    REQ("id", CELL_ID),
    REQ("name", CELL_TEXT),
    REQ("owner", CELL_TEXT),
    REQ_ENUM("classification", classes),
    OPT("type", CELL_TEXT),
    OPT("location", CELL_TEXT),
    OPT("services", CELL_SERVICES),
    OPT("customer", CELL_TEXT),
};

static const struct column_spec incident_columns[] = {
    REQ("id", CELL_ID),
    REQ("title", CELL_TEXT),
    REQ("opened", CELL_WHEN),
    REQ_ENUM("severity", severities),
    REQ_ENUM("status", open_closed),
    OPT("detected", CELL_WHEN),
    OPT("closed", CELL_WHEN),
    OPT("services", CELL_SERVICES),
    OPT("customer", CELL_TEXT),
    OPT("controls", CELL_CONTROLS),
    OPT_REFS("change", "change"),
};

static const struct column_spec change_columns[] = {
    REQ("id", CELL_ID),
    REQ("title", CELL_TEXT),
    REQ("requested", CELL_WHEN),
    REQ("status", CELL_TEXT),
    OPT("approved_by", CELL_TEXT),
    OPT("implemented", CELL_WHEN),
    OPT_ENUM("result", results),
    OPT("services", CELL_SERVICES),
    OPT_REFS("risk", "risk"),
};

static const struct column_spec nonconformity_columns[] = {
    REQ("id", CELL_ID),		  REQ("title", CELL_TEXT),
    REQ_ENUM("source", sources),  REQ("raised", CELL_DATE),
    REQ("owner", CELL_TEXT),	  REQ_ENUM("status", open_closed),
    OPT("root_cause", CELL_TEXT), OPT("action", CELL_TEXT),
    OPT("due", CELL_DATE),	  OPT("closed", CELL_DATE),
};

static const struct column_spec mapping_columns[] = {
    REQ("control", CELL_CONTROLS),     REQ("documents", CELL_DOCUMENTS),
    OPT("supporting", CELL_DOCUMENTS), OPT_ENUM("coverage", coverages),
    OPT("notes", CELL_TEXT),
};

static const struct column_spec supplier_columns[] = {
    REQ("id", CELL_ID),
    REQ("name", CELL_TEXT),
    REQ("owner", CELL_TEXT),
    REQ_ENUM("criticality", levels),
    OPT("services", CELL_SERVICES),
    OPT("last_review", CELL_DATE),
    OPT("next_review", CELL_DATE),
    OPT("controls", CELL_CONTROLS),
    OPT("assurance", CELL_TEXT),
    OPT("assurance_expires", CELL_DATE),
};

#define SCHEMA(kind, name, noun, cols, ...)                                    \
	{                                                                      \
		kind, name, noun, cols, sizeof(cols) / sizeof(*cols),          \
		{                                                              \
			__VA_ARGS__                                            \
		}                                                              \
	}

static const struct register_schema schemas[] = {
    SCHEMA("risk", "risk register", "risk", risk_columns, "review_date", NULL),
    SCHEMA("asset", "asset register", "asset", asset_columns, NULL),
    SCHEMA("incident", "incident log", "incident", incident_columns, "opened",
	   "closed", NULL),
    SCHEMA("change", "change log", "change", change_columns, "requested",
	   "implemented", NULL),
    SCHEMA("nonconformity", "nonconformity log", "nonconformity",
	   nonconformity_columns, "raised", "closed", NULL),
    SCHEMA("mapping", "mapping register", "mapping row", mapping_columns, NULL),
    SCHEMA("supplier", "supplier register", "supplier", supplier_columns,
	   "last_review", NULL),
};

const struct register_schema *register_schema_find(const char *kind)
{
	size_t i;

	for (i = 0; kind && i < sizeof(schemas) / sizeof(*schemas); i++)
		if (!strcasecmp(schemas[i].kind, kind))
			return &schemas[i];
	return NULL;
}

int register_column(const struct register_schema *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->ncolumns; i++)
		if (!strcmp(s->columns[i].name, name))
			return (int)i;
	return -1;
}

size_t reg_rows(const struct reg *r)
{
	return r->usable && r->table->nrows ? r->table->nrows - 1 : 0;
}

const char *reg_cell(const struct reg *r, size_t i, int c)
{
	if (c < 0 || !r->usable || i >= r->table->nrows)
		return "";
	return table_cell(&r->table->rows[i], r->col[c]);
}

const char *reg_get(const struct reg *r, size_t i, const char *name)
{
	return reg_cell(r, i, register_column(r->schema, name));
}

unsigned reg_field(const struct reg *r, int c)
{
	return c >= 0 && r->col[c] >= 0 ? (unsigned)r->col[c] + 1 : 1;
}

size_t cell_split(const char *cell, const char **items, size_t *lens,
		  size_t max)
{
	size_t n = 0;

	while (*cell) {
		size_t len = strcspn(cell, ";, \t\r\n");

		if (len) {
			if (n < max) {
				items[n] = cell;
				lens[n] = len;
			}
			n++;
		}
		cell += len;
		cell += *cell != '\0';
	}
	return n;
}

/* What register_type() works on: a register, a row, where findings go. */
struct regload {
	const struct config *cfg;
	struct arena *arena; /* the messages' */
	struct findings *fs;
	struct reg *reg;
	size_t row;
};

/* "risk 'R-3'" or "row 5": how a message names the row. */
static const char *row_label(struct regload *l)
{
	const struct reg *g = l->reg;
	const char *id = reg_get(g, l->row, "id");

	if (!*id)
		id = reg_get(g, l->row, "control");
	if (*id)
		return arena_printf(l->arena, "%s '%s'", g->schema->row_name,
				    id);
	return arena_printf(l->arena, "row %zu", l->row);
}

/* Where column c of the current row is. */
static struct pos cell_pos(struct regload *l, int c)
{
	return (struct pos){l->reg->table->rows[l->row].line,
			    reg_field(l->reg, c)};
}

/* A finding about column c of the current row. */
__attribute__((format(printf, 4, 5))) static struct finding *
cell_finding(struct regload *l, const char *rule, int c, const char *fmt, ...)
{
	struct finding *f;
	va_list ap;

	va_start(ap, fmt);
	f = findings_vadd(l->fs, rule, l->reg->rows_path, cell_pos(l, c), fmt,
			  ap);
	va_end(ap);
	f->document = l->reg->doc->id;
	return f;
}

/* Is s one of values (case-blind)? */
static bool enum_ok(const char *const *values, const char *s)
{
	for (; *values; values++)
		if (!strcasecmp(*values, s))
			return true;
	return false;
}

/* "mitigate, accept, transfer or avoid". */
static const char *enum_list(struct arena *a, const char *const *values)
{
	struct buf b = BUF_INIT;
	const char *s;
	size_t i;

	for (i = 0; values[i]; i++)
		buf_addf(&b, "%s%s", i ? (values[i + 1] ? ", " : " or ") : "",
			 values[i]);
	s = arena_strdup(a, buf_cstr(&b));
	buf_release(&b);
	return s;
}

/* register-ref for an Annex A id that names no control. */
static void unknown_control(struct regload *l, int c, const struct id_match *m)
{
	const char *column = l->reg->schema->columns[c].name;
	const char *sug =
	    m->suggestion >= 0 ? catalog_controls[m->suggestion].id : NULL;

	struct finding *f;

	if (sug)
		f = cell_finding(l, "register-ref", c,
				 "%s '%s' is not an Annex A control; did you "
				 "mean '%s'? (%s)",
				 column, m->text, sug, row_label(l));
	else
		f = cell_finding(l, "register-ref", c,
				 "%s '%s' is not an Annex A control (%s)",
				 column, m->text, row_label(l));
	f->suggestion = sug;
	f->control = arena_strdup(l->arena, m->text);
}

/* Check the control ids of a list cell. */
static void check_controls(struct regload *l, int c, const char *cell)
{
	const char *items[64];
	size_t lens[64], i, n = cell_split(cell, items, lens, 64);
	bool mapping = !strcmp(l->reg->schema->kind, "mapping");
	struct id_match m;

	if (mapping)
		n = 1, items[0] = cell, lens[0] = strlen(cell);
	for (i = 0; i < n && i < 64; i++) {
		if (ids_find_controls(items[i], lens[i], &m, 1)) {
			if (m.status == ID_2013)
				ids_report_control(l->fs, l->reg->rows_path,
						   cell_pos(l, c), &m,
						   arena_printf(l->arena,
								" (%s)",
								row_label(l)))
				    ->document = l->reg->doc->id;
			else if (m.status == ID_UNKNOWN)
				unknown_control(l, c, &m);
			continue;
		}
		if (mapping && ids_find_clauses(items[i], lens[i], &m, 1) &&
		    m.index >= 0)
			continue;
		cell_finding(l, "register-value", c,
			     "%s '%.*s' is not a control id (%s)",
			     l->reg->schema->columns[c].name, (int)lens[i],
			     items[i], row_label(l));
	}
}

/* Type and check one cell; see FORMAT.md for each column's values. */
static void check_cell(struct regload *l, int c)
{
	const struct column_spec *spec = &l->reg->schema->columns[c];
	const char *cell = reg_cell(l->reg, l->row, c);
	isms_date when = 0;
	char *end;
	long v;

	if (!*cell) {
		if (spec->required && !strcmp(spec->name, "owner"))
			cell_finding(l, "owner-missing", c, "%s has no owner",
				     row_label(l));
		else if (spec->required)
			cell_finding(l, "register-value", c, "%s is empty (%s)",
				     spec->name, row_label(l));
		return;
	}
	if (spec->type == CELL_DATE || spec->type == CELL_WHEN) {
		when = date_parse(cell);
		if ((l->reg->entry_cols >> c & 1) && when > l->reg->last_entry)
			l->reg->last_entry = when;
	}
	switch (spec->type) {
	case CELL_DATE:
		if (!when || strlen(cell) != 10)
			cell_finding(l, "register-value", c,
				     "%s '%s' is not a date (yyyy-mm-dd) (%s)",
				     spec->name, cell, row_label(l));
		break;
	case CELL_WHEN:
		if (!when)
			cell_finding(l, "register-value", c,
				     "%s '%s' is not a date or date-time "
				     "(%s)",
				     spec->name, cell, row_label(l));
		break;
	case CELL_ENUM:
		if (!enum_ok(spec->values, cell))
			cell_finding(l, "register-value", c,
				     "%s '%s' is not %s (%s)", spec->name, cell,
				     enum_list(l->arena, spec->values),
				     row_label(l));
		break;
	case CELL_INT:
		v = strtol(cell, &end, 10);
		if (*end || v < spec->lo || v > spec->hi)
			cell_finding(l, "register-value", c,
				     "%s '%s' is not between %d and %d (%s)",
				     spec->name, cell, spec->lo, spec->hi,
				     row_label(l));
		break;
	case CELL_CONTROLS: check_controls(l, c, cell); break;
	default: break;
	}
}

/* FNV-1a over kind, a separator and the len bytes of id. */
static uint64_t row_hash(const char *kind, const char *id, size_t len)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;

	for (; *kind; kind++)
		h = (h ^ (unsigned char)*kind) * 1099511628211ULL;
	h = (h ^ 0x1f) * 1099511628211ULL;
	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)id[i]) * 1099511628211ULL;
	return h;
}

/*
 * A slot: a tag from the top of the key's hash (8 bits), the register's
 * number plus one (24 bits; 0 is an empty slot) and the row (32 bits).
 */
#define ROW_SLOT(hash, reg, row)                                               \
	(((hash)&0xFF00000000000000ULL) | ((uint64_t)((reg) + 1) << 32) |      \
	 (uint64_t)(row))
#define ROW_TAG(slot) ((slot) >> 56)
#define ROW_REG(slot) ((size_t)(((slot) >> 32) & 0xFFFFFF) - 1)
#define ROW_ROW(slot) ((size_t)(uint32_t)(slot))
#define ROW_MAX_REGS  0xFFFFFE

/* The row a slot names. */
static struct reg_ref row_ref(const struct repo *r, uint64_t slot)
{
	return (struct reg_ref){&r->regs[ROW_REG(slot)], ROW_ROW(slot)};
}

/* The id cell of the row a slot names. */
static const char *row_id(const struct repo *r, uint64_t slot)
{
	const struct reg *g = &r->regs[ROW_REG(slot)];

	return table_cell(&g->table->rows[ROW_ROW(slot)], g->col[g->id]);
}

/*
 * The slot of r's index for kind and id: the one holding it, or the
 * empty one where it would go.  Only a row whose tag agrees is read.
 */
static uint64_t *row_slot(const struct repo *r, const char *kind,
			  const char *id, size_t len, uint64_t hash)
{
	const struct row_index *x = &r->rows;
	size_t i = (size_t)hash & (x->nslots - 1);
	uint64_t tag = hash >> 56;

	for (;; i = (i + 1) & (x->nslots - 1)) {
		uint64_t s = x->slots[i];
		const char *have, *k;

		if (!s)
			return &x->slots[i];
		if (ROW_TAG(s) != tag)
			continue;
		have = row_id(r, s);
		k = r->regs[ROW_REG(s)].schema->kind;
		if (!strncmp(have, id, len) && !have[len] &&
		    (k == kind || !strcmp(k, kind)))
			return &x->slots[i];
	}
}

/* Make room in r's index for n rows, at most half the slots in use. */
static void row_index_reserve(struct repo *r, size_t n)
{
	struct row_index *x = &r->rows;
	uint64_t *old = x->slots;
	size_t i, was = x->nslots, slots = was ? was : 1024;

	while (slots < 2 * n)
		slots *= 2;
	if (slots == was)
		return;
	x->slots = xcalloc(slots, sizeof(*x->slots));
	x->nslots = slots;
	for (i = 0; i < was; i++) {
		const struct reg *g;
		const char *id;

		if (!old[i])
			continue;
		g = &r->regs[ROW_REG(old[i])];
		id = row_id(r, old[i]);
		*row_slot(r, g->schema->kind, id, strlen(id),
			  row_hash(g->schema->kind, id, strlen(id))) = old[i];
	}
	free(old);
}

/*
 * Add row ref, whose id cell is id, to r's index; returns the row that
 * holds the id afterwards (an earlier one when the id was taken).
 */
static struct reg_ref row_index_put(struct repo *r, struct reg_ref ref,
				    const char *id)
{
	const char *kind = ref.reg->schema->kind;
	size_t len = strlen(id), reg = (size_t)(ref.reg - r->regs);
	uint64_t h = row_hash(kind, id, len), *slot;

	if (2 * (r->rows.len + 1) > r->rows.nslots)
		row_index_reserve(r, r->rows.len ? 2 * r->rows.len : 512);
	slot = row_slot(r, kind, id, len, h);
	if (*slot)
		return row_ref(r, *slot);
	*slot = ROW_SLOT(h, reg, ref.row);
	r->rows.len++;
	return ref;
}

void row_index_release(struct row_index *x)
{
	free(x->slots);
	memset(x, 0, sizeof(*x));
}

/* Rows whose slots are asked for at once, ahead of their indexing. */
#define ROW_AHEAD 32

/*
 * Ask for the slots of rows [row, row + ROW_AHEAD) of g before they are
 * indexed: their hashes are random, and so are the slots they land in.
 */
static void row_index_prefetch(const struct row_index *x, const struct reg *g,
			       size_t row)
{
	const char *kind = g->schema->kind;
	size_t i;

	for (i = row; i < row + ROW_AHEAD && i < g->table->nrows; i++) {
		const char *id = reg_cell(g, i, g->id);
		uint64_t h = row_hash(kind, id, strlen(id));

		__builtin_prefetch(&x->slots[(size_t)h & (x->nslots - 1)], 1);
	}
}

/* Index row i of g by id; a second row with the id is id-duplicate. */
static void index_row(struct repo *r, struct reg *g, size_t i)
{
	const char *id = reg_cell(g, i, g->id);
	struct reg_ref first;

	if (!*id || (size_t)(g - r->regs) > ROW_MAX_REGS)
		return;
	first = row_index_put(r, (struct reg_ref){g, i}, id);
	if (first.reg != g || first.row != i)
		findings_add(
		    &r->findings, "id-duplicate", g->rows_path,
		    (struct pos){g->table->rows[i].line, reg_field(g, g->id)},
		    "%s id '%s' is already used at %s:%u", g->schema->row_name,
		    id, first.reg->rows_path,
		    first.reg->table->rows[first.row].line)
		    ->document = g->doc->id;
}

struct reg_ref registers_findn(const struct repo *r, const char *kind,
			       const char *id, size_t len)
{
	uint64_t *slot;

	if (!r->rows.len || memchr(id, '\0', len))
		return (struct reg_ref){NULL, 0};
	slot = row_slot(r, kind, id, len, row_hash(kind, id, len));
	return *slot ? row_ref(r, *slot) : (struct reg_ref){NULL, 0};
}

/*
 * The lookups of p[0..n) go through the slots, rows and ids in stages,
 * each stage asking the memory of the next for all of them before any
 * waits: one random read after another costs a miss each, while n of
 * them in flight cost about one.
 */
void registers_find_many(const struct repo *r, struct row_probe *p, size_t n)
{
	const struct row_index *x = &r->rows;
	size_t i;

	for (i = 0; i < n; i++) {
		p[i].found = (struct reg_ref){NULL, 0};
		p[i].hash = row_hash(p[i].kind, p[i].id, p[i].len);
		if (x->len)
			__builtin_prefetch(
			    &x->slots[(size_t)p[i].hash & (x->nslots - 1)]);
	}
	if (!x->len)
		return;
	for (i = 0; i < n; i++) {
		uint64_t s = x->slots[(size_t)p[i].hash & (x->nslots - 1)];
		const struct reg *g;

		if (!s || ROW_TAG(s) != p[i].hash >> 56)
			continue;
		g = &r->regs[ROW_REG(s)];
		__builtin_prefetch(&g->table->rows[ROW_ROW(s)]);
	}
	for (i = 0; i < n; i++) {
		uint64_t s = x->slots[(size_t)p[i].hash & (x->nslots - 1)];

		if (s && ROW_TAG(s) == p[i].hash >> 56)
			__builtin_prefetch(row_id(r, s));
	}
	for (i = 0; i < n; i++)
		p[i].found = registers_findn(r, p[i].kind, p[i].id, p[i].len);
}

struct reg_ref registers_find(const struct repo *r, const char *kind,
			      const char *id)
{
	return registers_findn(r, kind, id, strlen(id));
}

/* Map the schema's columns onto the table; false if one is missing. */
static bool map_columns(struct regload *l)
{
	struct reg *g = l->reg;
	const struct register_schema *s = g->schema;
	bool ok = true;
	size_t c;

	g->col = arena_alloc(l->arena, s->ncolumns * sizeof(int));
	for (c = 0; c < s->ncolumns; c++) {
		g->col[c] =
		    table_column(g->table, l->cfg, s->kind, s->columns[c].name);
		if (g->col[c] >= 0 || !s->columns[c].required)
			continue;
		ok = false;
		findings_add(
		    l->fs, "register-column", g->rows_path,
		    (struct pos){g->table->nrows ? g->table->rows[0].line : 1,
				 1},
		    "the %s has no '%s' column%s", s->name, s->columns[c].name,
		    g->table->nrows ? "" : " (no header row)")
		    ->document = g->doc->id;
	}
	return ok;
}

/* Does table t have every required column of s (after aliases)? */
static bool table_fits(const struct config *cfg, const struct csv_table *t,
		       const struct register_schema *s)
{
	size_t c;

	for (c = 0; c < s->ncolumns; c++)
		if (s->columns[c].required &&
		    table_column(t, cfg, s->kind, s->columns[c].name) < 0)
			return false;
	return t->nrows > 0;
}

/*
 * The rows of register document d: its CSV rows (its own, or its data:
 * file's), else the first pipe table with the kind's required columns,
 * else its first pipe table (so that register-column names what lacks).
 */
static const struct csv_table *register_table(const struct config *cfg,
					      struct document *d,
					      const struct register_schema *s,
					      const char **path)
{
	static const struct csv_table none = {0, NULL};
	size_t i;

	*path = d->rows_path ? d->rows_path : d->path;
	if (d->table.nrows || d->csv || d->data)
		return &d->table;
	for (i = 0; i < d->ntables; i++)
		if (table_fits(cfg, &d->tables[i].table, s))
			return &d->tables[i].table;
	return d->ntables ? &d->tables[0].table : &none;
}

void register_type(struct document *d, const struct config *cfg,
		   struct arena *arena, struct findings *fs)
{
	const struct register_schema *s =
	    register_schema_find(d->register_kind);
	struct regload l = {cfg, arena, fs, NULL, 0};
	struct reg *g;
	size_t c;

	d->reg = NULL;
	if (!s || (!d->parsed && !d->adopted))
		return;
	g = arena_calloc(arena, 1, sizeof(*g));
	g->doc = d;
	g->schema = s;
	g->table = register_table(cfg, d, s, &g->rows_path);
	g->id = register_column(s, "id");
	for (c = 0; c < 3 && s->entry_dates[c]; c++)
		g->entry_cols |= 1u << register_column(s, s->entry_dates[c]);
	d->reg = l.reg = g;
	/* A data: file that could not be read has its own finding. */
	if (d->data && !g->table->nrows)
		return;
	g->usable = map_columns(&l);
	if (!g->usable)
		return;
	for (l.row = 1; l.row < g->table->nrows; l.row++)
		for (c = 0; c < s->ncolumns; c++)
			check_cell(&l, (int)c);
}

/* A link a mapping register adds to a document. */
struct mapping_link {
	struct document *doc;
	bool clause;
	int index;
	enum coverage coverage;
	struct pos pos;
};

struct mapping_links {
	struct mapping_link *items;
	size_t len, cap;
};

/* Collect the links of one cell of documents with coverage cov. */
static void mapping_cell(struct repo *r, const struct reg *g, size_t row,
			 const char *column, enum coverage cov,
			 struct mapping_links *out)
{
	const char *items[64], *cell = reg_get(g, row, "control");
	size_t lens[64], k, n;
	int c = register_column(g->schema, column);
	struct pos p = {g->table->rows[row].line, reg_field(g, c)};
	struct id_match m;
	bool clause = false;

	if (!ids_find_controls(cell, strlen(cell), &m, 1) || m.index < 0) {
		if (!ids_find_clauses(cell, strlen(cell), &m, 1) || m.index < 0)
			return;
		clause = true;
	}
	n = register_documents(r, g, row, c, items, lens, 64);
	for (k = 0; k < n && k < 64; k++) {
		struct document *d = register_document(r, g, items[k], lens[k]);

		if (!d)
			continue;
		ALLOC_GROW(out->items, out->len + 1, out->cap);
		out->items[out->len++] =
		    (struct mapping_link){d, clause, m.index, cov, p};
	}
}

/* Order links by document (by path: stable across runs). */
static int mapping_cmp(const void *a, const void *b)
{
	const struct mapping_link *x = a, *y = b;
	int c = strcmp(x->doc->path, y->doc->path);

	if (c)
		return c;
	return x->pos.line < y->pos.line ? -1 : x->pos.line > y->pos.line;
}

/* Give document d the links v[0..n) on top of its own. */
static void mapping_apply(struct repo *r, struct document *d,
			  const struct mapping_link *v, size_t n)
{
	struct control_link *ctl =
	    arena_calloc(&r->arena, d->ncontrols + n, sizeof(*ctl));
	struct clause_link *cls =
	    arena_calloc(&r->arena, d->nclauses + n, sizeof(*cls));
	size_t i, j;

	if (d->ncontrols)
		memcpy(ctl, d->controls, d->ncontrols * sizeof(*ctl));
	if (d->nclauses)
		memcpy(cls, d->clauses, d->nclauses * sizeof(*cls));
	d->controls = ctl;
	d->clauses = cls;
	for (i = 0; i < n; i++) {
		if (v[i].clause) {
			for (j = 0; j < d->nclauses; j++)
				if (cls[j].clause == v[i].index)
					break;
			if (j == d->nclauses)
				cls[d->nclauses++] = (struct clause_link){
				    v[i].index, SOURCE_MAPPING, v[i].pos};
			continue;
		}
		for (j = 0; j < d->ncontrols; j++)
			if (ctl[j].control == v[i].index)
				break;
		if (j == d->ncontrols)
			ctl[d->ncontrols++] =
			    (struct control_link){v[i].index, v[i].coverage,
						  SOURCE_MAPPING, v[i].pos};
		else if (v[i].coverage > ctl[j].coverage)
			ctl[j].coverage = v[i].coverage;
	}
}

/*
 * A mapping register's rows count as coverage exactly as front-matter
 * tags do: each row links its control (or clause) to its documents
 * (full, or the row's coverage) and its supporting documents (partial).
 */
static void mapping_load(struct repo *r)
{
	struct mapping_links links = {NULL, 0, 0};
	size_t i, j, start;

	for (i = 0; i < r->nregs; i++) {
		const struct reg *g = &r->regs[i];

		if (strcmp(g->schema->kind, "mapping"))
			continue;
		for (j = 1; j <= reg_rows(g); j++) {
			const char *cov = reg_get(g, j, "coverage");

			mapping_cell(r, g, j, "documents",
				     strcasecmp(cov, "partial")
					 ? COVERAGE_FULL
					 : COVERAGE_PARTIAL,
				     &links);
			mapping_cell(r, g, j, "supporting", COVERAGE_PARTIAL,
				     &links);
		}
	}
	if (links.len > 1)
		qsort(links.items, links.len, sizeof(*links.items),
		      mapping_cmp);
	for (start = 0, i = 1; i <= links.len; i++)
		if (i == links.len ||
		    links.items[i].doc != links.items[start].doc) {
			mapping_apply(r, links.items[start].doc,
				      links.items + start, i - start);
			start = i;
		}
	free(links.items);
}

void registers_load(struct repo *r)
{
	size_t i, j, n = 0, rows = 0;

	/* The registers as the read typed them, in path order. */
	for (i = 0; i < r->ndocs; i++)
		n += r->docs[i]->reg != NULL;
	r->regs = n ? arena_alloc(&r->arena, n * sizeof(*r->regs)) : NULL;
	for (i = 0; i < r->ndocs; i++) {
		struct document *d = r->docs[i];

		if (!d->reg)
			continue;
		r->regs[r->nregs] = *d->reg;
		d->reg = &r->regs[r->nregs++];
		rows += d->reg->usable ? d->reg->table->nrows : 0;
	}
	/* Room for every row at once: the index never grows or rehashes. */
	if (rows)
		row_index_reserve(r, rows);
	for (i = 0; i < r->nregs; i++) {
		struct reg *g = &r->regs[i];

		if (!g->usable)
			continue;
		for (j = 1; j < g->table->nrows; j++) {
			if (j % ROW_AHEAD == 1)
				row_index_prefetch(&r->rows, g, j);
			index_row(r, g, j);
		}
	}
	mapping_load(r);
}

/* A Markdown link's target in CSV text: "[text](target)". */
static const char link_pattern[] = "\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)";
static pcre2_code *link_re;
static pthread_once_t link_once = PTHREAD_ONCE_INIT;

static void link_init(void)
{
	PCRE2_SIZE erroff;
	int err;

	link_re = pcre2_compile((PCRE2_SPTR)link_pattern, PCRE2_ZERO_TERMINATED,
				PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &err,
				&erroff, NULL);
	if (link_re)
		pcre2_jit_compile(link_re, PCRE2_JIT_COMPLETE);
}

/* The link targets in text; returns how many (items point into text). */
static size_t link_targets(const char *text, const char **items, size_t *lens,
			   size_t max)
{
	size_t n = 0, len = strlen(text);
	PCRE2_SIZE off = 0, *ov;
	pcre2_match_data *md;

	pthread_once(&link_once, link_init);
	if (!link_re || !strchr(text, '['))
		return 0;
	md = pcre2_match_data_create_from_pattern(link_re, NULL);
	if (!md)
		return 0;
	ov = pcre2_get_ovector_pointer(md);
	while (off < len && pcre2_match(link_re, (PCRE2_SPTR)text, len, off, 0,
					md, NULL) > 1) {
		if (n < max) {
			items[n] = text + ov[2];
			lens[n] = ov[3] - ov[2];
		}
		n++;
		off = ov[1];
	}
	pcre2_match_data_free(md);
	return n;
}

/* The link targets md4c found in a pipe-table cell, or "". */
static const char *table_hrefs(const struct reg *g, size_t row, int c)
{
	size_t i;

	for (i = 0; i < g->doc->ntables; i++) {
		const struct md_table *t = &g->doc->tables[i];

		if (&t->table == g->table && row < t->hrefs.nrows)
			return table_cell(&t->hrefs.rows[row], g->col[c]);
	}
	return "";
}

size_t register_documents(const struct repo *r, const struct reg *g, size_t row,
			  int c, const char **items, size_t *lens, size_t max)
{
	const char *cell = reg_cell(g, row, c), *hrefs;
	size_t n;

	(void)r;
	if (c < 0)
		return 0;
	hrefs = table_hrefs(g, row, c);
	if (*hrefs)
		return cell_split(hrefs, items, lens, max);
	n = link_targets(cell, items, lens, max);
	return n ? n : cell_split(cell, items, lens, max);
}

/* Resolve rel against dir into out: "." and ".." folded; false if above. */
static bool path_join(struct buf *out, const char *dir, size_t dlen,
		      const char *rel, size_t rlen)
{
	const char *p = rel, *end = rel + rlen;

	buf_truncate(out, 0);
	buf_add(out, dir, dlen);
	while (p < end) {
		const char *slash = memchr(p, '/', (size_t)(end - p));
		size_t n = slash ? (size_t)(slash - p) : (size_t)(end - p);

		if (n == 2 && !strncmp(p, "..", 2)) {
			size_t up = out->len;

			if (!out->len)
				return false;
			while (up && out->ptr[up - 1] != '/')
				up--;
			buf_truncate(out, up ? up - 1 : 0);
		} else if (n && !(n == 1 && *p == '.')) {
			if (out->len)
				buf_addch(out, '/');
			buf_add(out, p, n);
		}
		p += n + (slash != NULL);
	}
	return out->len > 0;
}

/* Append s[0..len) to out with %XX escapes decoded (link targets). */
static void percent_decode(struct buf *out, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned v;

		if (s[i] == '%' && i + 2 < len + 0 &&
		    isxdigit((unsigned char)s[i + 1]) &&
		    isxdigit((unsigned char)s[i + 2]) &&
		    sscanf(s + i + 1, "%2x", &v) == 1) {
			buf_addch(out, (char)v);
			i += 2;
		} else {
			buf_addch(out, s[i]);
		}
	}
}

struct document *register_document(const struct repo *r, const struct reg *g,
				   const char *item, size_t len)
{
	const char *slash = strrchr(g->rows_path, '/');
	struct buf path = BUF_INIT;
	struct document *d = NULL;

	struct buf name = BUF_INIT;

	len = strcspn(item, "#") < len ? strcspn(item, "#") : len;
	if (!len)
		return NULL;
	percent_decode(&name, item, len);
	d = repo_document(r, name.ptr);
	if (!d && path_join(&path, g->rows_path,
			    slash ? (size_t)(slash - g->rows_path) : 0,
			    name.ptr, name.len))
		d = strmap_get(&r->by_path, path.ptr);
	if (!d && path_join(&path, "", 0, name.ptr, name.len))
		d = strmap_get(&r->by_path, path.ptr);
	buf_release(&path);
	buf_release(&name);
	return d;
}

struct duration register_cycle(const struct reg *g)
{
	return g->doc->review_every.n ? g->doc->review_every
				      : (struct duration){12, 'm'};
}

isms_date register_last_kept(const struct reg *g)
{
	isms_date last = g->doc->last_reviewed;

	if (g->last_entry > last)
		last = g->last_entry;
	return last ? last : g->doc->approved_on;
}

isms_date register_due(const struct reg *g)
{
	isms_date last = register_last_kept(g);

	return last ? date_add(last, register_cycle(g)) : 0;
}
