/*
 * Registers in use: cross-references between rows, registers kept up to
 * date, the risk and nonconformity checks an auditor raises, and claimed
 * maturity backed by evidence.
 */
#include "isms/alloc.h"
#include "isms/catalog.h"
#include "isms/register.h"
#include "isms/repo.h"
#include "isms/rules.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A finding of rule about row i of register g, at column c. */
__attribute__((format(printf, 6, 7))) static struct finding *
row_finding(struct repo *r, const char *rule, const struct reg *g, size_t i,
	    int c, const char *fmt, ...)
{
	struct finding *f;
	va_list ap;

	va_start(ap, fmt);
	f = findings_vadd(&r->findings, rule, g->rows_path,
			  (struct pos){g->table->rows[i].line, reg_field(g, c)},
			  fmt, ap);
	va_end(ap);
	f->document = g->doc->id;
	return f;
}

/* "risk 'R-3'", "mapping row 'A.5.1'", or "row 4" without an id. */
static const char *row_name(struct repo *r, const struct reg *g, size_t i)
{
	const char *id = reg_get(g, i, "id");

	if (!*id)
		id = reg_get(g, i, "control");
	return *id ? arena_printf(&r->arena, "%s '%s'", g->schema->row_name, id)
		   : arena_printf(&r->arena, "row %zu", i);
}

/* Reference items looked up together, and the cell each came from. */
#define REF_BATCH 256

struct ref_batch {
	struct row_probe probe[REF_BATCH];
	size_t row[REF_BATCH];
	int col[REF_BATCH];
	size_t n;
};

/* Look up the items of b; register-ref for each that names no row. */
static void refs_flush(struct repo *r, const struct reg *g, struct ref_batch *b)
{
	size_t k;

	registers_find_many(r, b->probe, b->n);
	for (k = 0; k < b->n; k++) {
		const struct row_probe *p = &b->probe[k];

		if (!p->found.reg)
			row_finding(r, "register-ref", g, b->row[k], b->col[k],
				    "%s '%.*s' names no %s in the registers "
				    "(%s)",
				    g->schema->columns[b->col[k]].name,
				    (int)p->len, p->id, p->kind,
				    row_name(r, g, b->row[k]));
	}
	b->n = 0;
}

/*
 * Check the ids of the reference cells of g against the rows they
 * name, many at a time, in the order of the rows, cells and items.
 */
static void check_refs(struct repo *r, const struct reg *g, struct ref_batch *b)
{
	const char *items[64];
	size_t lens[64], j, c, k, n;

	for (j = 1; j <= reg_rows(g); j++) {
		for (c = 0; c < g->schema->ncolumns; c++) {
			const struct column_spec *spec = &g->schema->columns[c];

			if (spec->type != CELL_REFS)
				continue;
			n = cell_split(reg_cell(g, j, (int)c), items, lens, 64);
			for (k = 0; k < n && k < 64; k++) {
				if (b->n == REF_BATCH)
					refs_flush(r, g, b);
				b->probe[b->n] =
				    (struct row_probe){spec->ref_kind,
						       items[k],
						       lens[k],
						       {NULL, 0},
						       0};
				b->row[b->n] = j;
				b->col[b->n++] = (int)c;
			}
		}
	}
	refs_flush(r, g, b);
}

/* Check the documents a mapping row names; they must exist. */
static void check_documents(struct repo *r, const struct reg *g, size_t i,
			    int c)
{
	const char *items[64];
	size_t lens[64], k, n;

	n = register_documents(r, g, i, c, items, lens, 64);
	for (k = 0; k < n && k < 64; k++)
		if (!register_document(r, g, items[k], lens[k]))
			row_finding(r, "register-ref", g, i, c,
				    "%s '%.*s' is no document of the "
				    "repository (%s)",
				    g->schema->columns[c].name, (int)lens[k],
				    items[k], row_name(r, g, i));
}

/*
 * register-ref over every reference cell of every register; service ids
 * are service-unknown (src/rules/services.c).
 */
void rules_register_refs(struct repo *r)
{
	struct ref_batch *b = xcalloc(1, sizeof(*b));
	size_t i, j, c;

	for (i = 0; i < r->nregs; i++) {
		const struct reg *g = &r->regs[i];

		check_refs(r, g, b);
		for (j = 1; j <= reg_rows(g); j++)
			for (c = 0; c < g->schema->ncolumns; c++)
				if (g->schema->columns[c].type ==
				    CELL_DOCUMENTS)
					check_documents(r, g, j, (int)c);
	}
	free(b);
}

/* register-stale: no entry and no review inside the register's cycle. */
static void check_stale(struct repo *r, const struct reg *g)
{
	const struct document *d = g->doc;
	struct duration every = register_cycle(g);
	isms_date last = register_last_kept(g);
	char when[11];

	if (last && date_add(last, every) >= r->today)
		return;
	if (!last) {
		findings_add(
		    &r->findings, "register-stale", d->path, (struct pos){1, 1},
		    "the %s has no dated entry or review", g->schema->name)
		    ->document = d->id;
		return;
	}
	date_format(last, when);
	findings_add(&r->findings, "register-stale", d->path,
		     (struct pos){1, 1},
		     "the %s has no entry or review since %s (its cycle is "
		     "%u%c)",
		     g->schema->name, when, every.n, every.unit)
	    ->document = d->id;
}

/* The columns the row checks read, found once per register. */
struct row_cols {
	int likelihood, impact, status, controls, accepted_by, accepted_on;
	int due;
};

/* The columns of struct row_cols in g's schema (-1 for those it lacks). */
static struct row_cols row_cols(const struct reg *g)
{
	const struct register_schema *s = g->schema;

	return (struct row_cols){register_column(s, "likelihood"),
				 register_column(s, "impact"),
				 register_column(s, "status"),
				 register_column(s, "controls"),
				 register_column(s, "residual_accepted_by"),
				 register_column(s, "residual_accepted_on"),
				 register_column(s, "due")};
}

/* risk-untreated and risk-acceptance for one risk row (6.1.3). */
static void check_risk(struct repo *r, const struct reg *g, size_t i,
		       const struct row_cols *k)
{
	int likelihood = atoi(reg_cell(g, i, k->likelihood));
	int impact = atoi(reg_cell(g, i, k->impact));
	int score = likelihood * impact;
	const char *status = reg_cell(g, i, k->status);
	bool accepted = !strcasecmp(status, "accepted");
	bool treated = !strcasecmp(status, "treated");

	if (score >= r->config.risk_threshold && !strcasecmp(status, "open") &&
	    !*reg_cell(g, i, k->controls))
		row_finding(r, "risk-untreated", g, i, k->controls,
			    "%s scores %d (likelihood %d x impact %d), at or "
			    "above %d, and is open with no treatment controls",
			    row_name(r, g, i), score, likelihood, impact,
			    r->config.risk_threshold);
	if (!(accepted || (r->stage >= 2 && treated)))
		return;
	if (*reg_cell(g, i, k->accepted_by) && *reg_cell(g, i, k->accepted_on))
		return;
	row_finding(r, "risk-acceptance", g, i, k->status,
		    "%s is '%s' but residual_accepted_by and "
		    "residual_accepted_on "
		    "do not say who accepted the residual risk and when "
		    "(clause 6.1.3 f)",
		    row_name(r, g, i), status);
}

/* nonconformity-overdue: open past its due date (10.2). */
static void check_nonconformity(struct repo *r, const struct reg *g, size_t i,
				const struct row_cols *k)
{
	isms_date due = date_parse(reg_cell(g, i, k->due));
	char when[11];

	if (!due || due >= r->today ||
	    strcasecmp(reg_cell(g, i, k->status), "open"))
		return;
	date_format(due, when);
	row_finding(r, "nonconformity-overdue", g, i, k->due,
		    "%s is open past its due date %s", row_name(r, g, i), when);
}

/* The domain checks of each row. */
static void check_rows(struct repo *r, const struct reg *g)
{
	struct row_cols k = row_cols(g);
	bool risk = !strcmp(g->schema->kind, "risk");
	size_t i;

	if (!risk && strcmp(g->schema->kind, "nonconformity"))
		return;
	for (i = 1; i <= reg_rows(g); i++) {
		if (risk)
			check_risk(r, g, i, &k);
		else
			check_nonconformity(r, g, i, &k);
	}
}

/* Data rows of all registers of kind (-1 when there is none). */
static long kind_rows(const struct repo *r, const char *kind,
		      const struct reg **first)
{
	long rows = -1;
	size_t i;

	*first = NULL;
	for (i = 0; i < r->nregs; i++) {
		if (strcmp(r->regs[i].schema->kind, kind))
			continue;
		if (!*first)
			*first = &r->regs[i];
		rows = (rows < 0 ? 0 : rows) + (long)reg_rows(&r->regs[i]);
	}
	return rows;
}

/* register-missing for the registers an auditor expects early. */
static void check_present(struct repo *r)
{
	static const struct {
		const char *kind, *name;
	} wanted[] = {{"asset", "asset register"},
		      {"incident", "incident log"},
		      {"change", "change log"},
		      {"nonconformity", "nonconformity log"}};
	const struct reg *g;
	size_t i;

	for (i = 0; i < sizeof(wanted) / sizeof(*wanted); i++) {
		long rows = kind_rows(r, wanted[i].kind, &g);

		if (rows < 0)
			findings_add(&r->findings, "register-missing", NULL,
				     (struct pos){0, 0},
				     "no %s (a register with 'register: %s')",
				     wanted[i].name, wanted[i].kind);
		else if (rows == 0 && g->usable)
			findings_add(&r->findings, "register-missing",
				     g->doc->path, (struct pos){1, 1},
				     "the %s has no entries", wanted[i].name);
	}
}

/* Does evidence item (a document id) name a document with records? */
static bool evidence_document(const struct repo *r, const char *item)
{
	const struct document *d = repo_document(r, item);
	size_t i;

	if (!d)
		return false;
	for (i = 0; i < r->nregs; i++)
		if (r->regs[i].doc == d)
			return reg_rows(&r->regs[i]) > 0;
	return true;
}

/* Is d itself a register with entries? */
static bool register_with_rows(const struct repo *r, const struct document *d)
{
	size_t i;

	for (i = 0; i < r->nregs; i++)
		if (r->regs[i].doc == d && reg_rows(&r->regs[i]))
			return true;
	return false;
}

/*
 * maturity-evidence: level 3 needs records (an evidence file that exists,
 * a document or register with entries it names, or being a register with
 * entries); level 4 also a review after approval.
 */
static void check_evidence(struct repo *r, const struct document *d)
{
	struct pos p = d->pos[F_MATURITY];
	size_t i, found = d->evidence_found;

	if (d->maturity < 3)
		return;
	for (i = 0; i < d->evidence.len; i++)
		found += evidence_document(r, d->evidence.items[i]);
	if (!found && !register_with_rows(r, d)) {
		findings_add(&r->findings, "maturity-evidence", d->path, p,
			     "maturity %d claims use with records, but no "
			     "evidence file exists and no register with "
			     "entries is named in 'evidence'",
			     d->maturity)
		    ->document = d->id;
		return;
	}
	if (d->maturity == 4 && !(d->last_reviewed && d->approved_on &&
				  d->last_reviewed > d->approved_on))
		findings_add(&r->findings, "maturity-evidence", d->path, p,
			     "maturity 4 claims improvement from review, but "
			     "last_reviewed is not after approved_on")
		    ->document = d->id;
}

void rules_registers(struct repo *r)
{
	size_t i;

	check_present(r);
	for (i = 0; i < r->nregs; i++) {
		if (!r->regs[i].usable)
			continue;
		/* A mapping register is a table, not a log kept in use. */
		if (strcmp(r->regs[i].schema->kind, "mapping"))
			check_stale(r, &r->regs[i]);
		check_rows(r, &r->regs[i]);
	}
	for (i = 0; i < r->ndocs; i++)
		if (r->docs[i]->parsed && r->docs[i]->status != STATUS_RETIRED)
			check_evidence(r, r->docs[i]);
}
