/*
 * Readiness for the Stage 1 and Stage 2 audits: the requirements of
 * FORMAT.md's "What a Stage 1 auditor expects", each one met or not.  A
 * stage's figure is the share of its requirements that are met; Stage 2
 * asks for everything Stage 1 does and more, so its requirements are the
 * Stage 1 ones plus its own.
 */
#include "isms/alloc.h"
#include "isms/buf.h"
#include "isms/catalog.h"
#include "isms/maturity.h"
#include "isms/spine.h"

#include <string.h>
#include <strings.h>

/* The registers Stage 2 expects in use, in the order they are listed. */
static const struct {
	const char *kind, *name;
} used_registers[] = {
    {"risk", "risk register"},
    {"asset", "asset register"},
    {"incident", "incident log"},
    {"change", "change log"},
    {"nonconformity", "nonconformity log"},
};

/* The name of a requirement kind, for output. */
const char *readiness_kind_name(enum readiness_kind k)
{
	static const char *const names[] = {"clause",	"spine",    "control",
					    "document", "register", "record",
					    "evidence", "risk"};

	return names[k];
}

/* Add a requirement; reason (copied) is NULL when it is met. */
static void item_add(struct maturity *m, int stage, enum readiness_kind kind,
		     const char *id, const char *title, const char *reason)
{
	struct readiness_item *it;

	ALLOC_GROW(m->items, m->nitems + 1, m->icap);
	it = &m->items[m->nitems++];
	it->stage = stage;
	it->kind = kind;
	it->id = id;
	it->title = title;
	it->met = !reason;
	it->reason = reason ? arena_strdup(&m->arena, reason) : NULL;
}

/* Stage 1: each clause that requires documented information (7.5.1). */
static void ready_clauses(const struct repo *r, struct maturity *m)
{
	size_t k;

	for (k = 0; k < catalog_clause_count; k++)
		if (catalog_clauses[k].required)
			item_add(m, 1, READY_CLAUSE, catalog_clauses[k].id,
				 catalog_clauses[k].title,
				 r->clauses[k].ndocs ? NULL
						     : "no document lists it");
}

/* Is spine item it present: does any document stand for it? */
static bool spine_present(const struct repo *r, const struct spine_item *it)
{
	size_t j;

	for (j = 0; j < r->ndocs; j++)
		if (spine_matches(it, r->docs[j]))
			return true;
	return false;
}

/* Stage 1: each spine item, recognised as spine_matches() does. */
static void ready_spine(const struct repo *r, struct maturity *m)
{
	size_t i;

	for (i = 0; i < spine_count; i++)
		item_add(m, 1, READY_SPINE, spine_items[i].key,
			 spine_items[i].name,
			 spine_present(r, &spine_items[i]) ? NULL : "absent");
}

/* Why an applicable control is not fully implemented, or NULL. */
static const char *control_reason(const struct control_state *c)
{
	if (c->coverage == COVERAGE_FULL)
		return NULL;
	if (c->coverage == COVERAGE_PARTIAL)
		return "only partially implemented";
	return "no document implements it";
}

/* Stage 1: each applicable Annex A control fully implemented. */
static void ready_controls(const struct repo *r, struct maturity *m)
{
	size_t i;

	for (i = 0; i < catalog_control_count; i++)
		if (r->controls[i].applicable)
			item_add(m, 1, READY_CONTROL, catalog_controls[i].id,
				 catalog_controls[i].title,
				 control_reason(&r->controls[i]));
}

/* The level that counts: claimed, as far as the evidence supports it. */
static int level_held(const struct maturity_doc *md)
{
	return md->claimed < md->evidenced ? md->claimed : md->evidenced;
}

/* "; " between the reasons gathered in b. */
static void reason_sep(struct buf *b)
{
	if (b->len)
		buf_adds(b, "; ");
}

/* Why a core document is not ready for stage 1 ("" when it is). */
static void core_reasons(const struct repo *r, const struct maturity_doc *md,
			 struct buf *b)
{
	const struct document *d = md->doc;
	int target = maturity_target(r, d, 1);
	char when[11];

	if (!d->owner)
		buf_adds(b, "no owner");
	if (d->status != STATUS_APPROVED) {
		reason_sep(b);
		buf_addf(b, "status is %s",
			 d->status == STATUS_NONE ? "not set"
						  : doc_status_name(d->status));
	}
	if (d->next_review && d->next_review < r->today) {
		date_format(d->next_review, when);
		reason_sep(b);
		buf_addf(b, "review overdue since %s", when);
	}
	if (level_held(md) < target) {
		reason_sep(b);
		buf_addf(b,
			 "maturity below target %d (claimed %d, evidenced %d)",
			 target, md->claimed, md->evidenced);
	}
}

/*
 * Stage 1: each core document owned, approved, inside its review cycle
 * and at its Stage 1 target.
 */
static void ready_core(const struct repo *r, struct maturity *m)
{
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < m->ndocs; i++) {
		const struct maturity_doc *md = &m->docs[i];

		if (!md->core)
			continue;
		buf_truncate(&b, 0);
		core_reasons(r, md, &b);
		item_add(m, 1, READY_DOCUMENT, md->doc->id, md->doc->title,
			 b.len ? b.ptr : NULL);
	}
	buf_release(&b);
}

/* Stage 2: each core document at its Stage 2 target. */
static void ready_core2(const struct repo *r, struct maturity *m)
{
	size_t i;

	for (i = 0; i < m->ndocs; i++) {
		const struct maturity_doc *md = &m->docs[i];
		int target = maturity_target(r, md->doc, 2);
		const char *why = NULL;

		if (!md->core)
			continue;
		if (level_held(md) < target)
			why = arena_printf(&m->arena,
					   "maturity below stage 2 target %d "
					   "(claimed %d, evidenced %d)",
					   target, md->claimed, md->evidenced);
		item_add(m, 2, READY_DOCUMENT, md->doc->id, md->doc->title,
			 why);
	}
}

/* Stage 2: each document claiming level 3 or 4 backed by evidence. */
static void ready_evidence(struct maturity *m)
{
	size_t i;

	for (i = 0; i < m->ndocs; i++) {
		const struct maturity_doc *md = &m->docs[i];
		const char *why = NULL;

		if (md->claimed < 3)
			continue;
		if (md->evidenced < md->claimed)
			why = arena_printf(&m->arena,
					   "claims maturity %d; the evidence "
					   "supports %d",
					   md->claimed, md->evidenced);
		item_add(m, 2, READY_EVIDENCE, md->doc->id, md->doc->title,
			 why);
	}
}

/* Why no register of kind is in use, or NULL when one is. */
static const char *register_unused(const struct repo *r, struct maturity *m,
				   size_t k)
{
	isms_date best = 0, due;
	bool any = false, rows = false;
	char when[11];
	size_t i;

	for (i = 0; i < r->nregs; i++) {
		const struct reg *g = &r->regs[i];

		if (strcmp(g->schema->kind, used_registers[k].kind))
			continue;
		any = true;
		if (!reg_rows(g))
			continue;
		rows = true;
		due = maturity_register_due(g);
		if (due >= r->today)
			return NULL;
		if (due > best)
			best = due;
	}
	if (!any)
		return "absent";
	if (!rows)
		return "no entries";
	if (!best)
		return "no dated entry or review";
	date_format(best, when);
	return arena_printf(&m->arena,
			    "no entry or review since it was due on %s", when);
}

/* Stage 2: the essential registers in use, with recent entries. */
static void ready_registers(const struct repo *r, struct maturity *m)
{
	size_t k;

	for (k = 0; k < sizeof(used_registers) / sizeof(*used_registers); k++)
		item_add(m, 2, READY_REGISTER, used_registers[k].kind,
			 used_registers[k].name, register_unused(r, m, k));
}

/* Stage 2: an internal audit report (9.2) and a management review
 * record (9.3). */
static void ready_records(const struct repo *r, struct maturity *m)
{
	item_add(m, 2, READY_RECORD, "9.2", "internal audit report",
		 maturity_has_record(r, "9.2") ? NULL : "absent");
	item_add(m, 2, READY_RECORD, "9.3", "management review record",
		 maturity_has_record(r, "9.3") ? NULL : "absent");
}

/* Has risk row j of g its residual risk accepted, by whom and when? */
static bool residual_accepted(const struct reg *g, size_t j)
{
	return *reg_get(g, j, "residual_accepted_by") &&
	       *reg_get(g, j, "residual_accepted_on");
}

/* Stage 2: each treated or accepted risk's residual risk accepted by
 * its owner, with a date (6.1.3 f). */
static void ready_risks(const struct repo *r, struct maturity *m)
{
	size_t i, j;

	for (i = 0; i < r->nregs; i++) {
		const struct reg *g = &r->regs[i];

		if (strcmp(g->schema->kind, "risk"))
			continue;
		for (j = 1; j <= reg_rows(g); j++) {
			const char *st = reg_get(g, j, "status");
			const char *id = reg_get(g, j, "id");

			if (strcasecmp(st, "accepted") &&
			    strcasecmp(st, "treated"))
				continue;
			if (!*id)
				id = arena_printf(&m->arena, "row %zu", j);
			item_add(m, 2, READY_RISK, id, reg_get(g, j, "title"),
				 residual_accepted(g, j)
				     ? NULL
				     : "residual risk acceptance not "
				       "recorded");
		}
	}
}

/* Count met and total per stage and turn them into percentages. */
static void readiness_count(struct maturity *m)
{
	size_t i;

	memset(m->ready, 0, sizeof(m->ready));
	for (i = 0; i < m->nitems; i++) {
		const struct readiness_item *it = &m->items[i];

		if (it->stage == 1) {
			m->ready[0].total++;
			m->ready[0].met += it->met;
		}
		m->ready[1].total++;
		m->ready[1].met += it->met;
	}
	m->ready[0].percent =
	    readiness_percent(m->ready[0].met, m->ready[0].total);
	m->ready[1].percent =
	    readiness_percent(m->ready[1].met, m->ready[1].total);
}

/* Stage 1 requirements, then Stage 2, then the counts. */
void readiness_compute(const struct repo *r, struct maturity *m)
{
	ready_clauses(r, m);
	ready_spine(r, m);
	ready_controls(r, m);
	ready_core(r, m);
	ready_core2(r, m);
	ready_evidence(m);
	ready_registers(r, m);
	ready_records(r, m);
	ready_risks(r, m);
	readiness_count(m);
}
