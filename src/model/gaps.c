/*
 * The improvement plan: each gap with the person who closes it and a
 * date where the repository gives one.  The owner comes from the risk
 * that needs a control (6.1.3: risk owners approve the treatment), else
 * from the document concerned, else from the Statement of Applicability,
 * whose owner answers for the ISMS's controls as a whole.
 */
#include "isms/gaps.h"
#include "isms/alloc.h"
#include "isms/buf.h"
#include "isms/catalog.h"
#include "isms/maturity.h"
#include "isms/spine.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The management system group and one per Annex A theme. */
size_t gaps_group_count(void)
{
	return 1 + catalog_theme_count;
}

/* A group's name: group 0 is the management system. */
const char *gaps_group_name(size_t group)
{
	return group ? catalog_themes[group - 1] : "Management system";
}

/* The name of a gap kind: the rule id of check where one exists. */
const char *gap_kind_name(enum gap_kind k)
{
	static const char *const names[] = {
	    "clause-missing",	"spine-missing",  "maturity-target",
	    "review-overdue",	"register-stale", "supplier-review-overdue",
	    "control-unmapped", "control-partial"};

	return names[k];
}

/* Append a gap; the pointer is valid until the next one is added. */
static struct gap *gap_add(struct gaps *gs, enum gap_kind kind, size_t group,
			   const char *id, const char *title,
			   const char *detail)
{
	struct gap *g;

	ALLOC_GROW(gs->items, gs->len + 1, gs->cap);
	g = &gs->items[gs->len++];
	memset(g, 0, sizeof(*g));
	g->kind = kind;
	g->group = group;
	g->id = id;
	g->title = title;
	g->detail = detail;
	return g;
}

/* A document's id for output, its path when it has none. */
static const char *doc_name(const struct document *d)
{
	return d->id ? d->id : d->path;
}

/* The last resort: the owner of the Statement of Applicability. */
static void owner_soa(const struct repo *r, struct gaps *gs, struct gap *g)
{
	const struct document *d = r->soa.doc;

	if (!d || !d->owner)
		return;
	g->owner = d->owner;
	g->owner_from = arena_printf(&gs->arena, "soa %s", doc_name(d));
}

/* Due date from document d's next review; owner from d, else the SoA. */
static void owner_document(const struct repo *r, struct gaps *gs, struct gap *g,
			   const struct document *d)
{
	g->due = d->next_review;
	if (!d->owner) {
		owner_soa(r, gs, g);
		return;
	}
	g->owner = d->owner;
	g->owner_from = arena_printf(&gs->arena, "document %s", doc_name(d));
}

/*
 * The risk that needs control i: among the risks naming it that are not
 * closed and have an owner, the one with the earliest due_date (those
 * without one last; the first in register order on a tie), or NULL.
 */
static const struct reg_ref *control_risk(const struct repo *r, size_t i)
{
	size_t k, n;
	const struct reg_ref *risks = repo_control_risks(r, i, &n);
	const struct reg_ref *best = NULL;
	isms_date best_due = 0, due;

	for (k = 0; k < n; k++) {
		const struct reg_ref *ref = &risks[k];

		if (!strcasecmp(reg_get(ref->reg, ref->row, "status"),
				"closed") ||
		    !*reg_get(ref->reg, ref->row, "owner"))
			continue;
		due = date_parse(reg_get(ref->reg, ref->row, "due_date"));
		if (!best || (due && (!best_due || due < best_due))) {
			best = ref;
			best_due = due;
		}
	}
	return best;
}

/* Owner and due date from the risk that needs control i. */
static bool owner_risk(const struct repo *r, struct gaps *gs, struct gap *g,
		       size_t i)
{
	const struct reg_ref *ref = control_risk(r, i);

	if (!ref)
		return false;
	g->owner = reg_get(ref->reg, ref->row, "owner");
	g->owner_from = arena_printf(&gs->arena, "risk %s",
				     reg_get(ref->reg, ref->row, "id"));
	g->due = date_parse(reg_get(ref->reg, ref->row, "due_date"));
	return true;
}

/* "partially implemented by PRC-1, PRC-2": a partial control's detail. */
static const char *partial_detail(struct gaps *gs,
				  const struct control_state *c)
{
	struct buf b = BUF_INIT;
	const char *s;
	size_t i;

	buf_adds(&b, "partially implemented by ");
	for (i = 0; i < c->ndocs; i++)
		buf_addf(&b, "%s%s", i ? ", " : "", doc_name(c->docs[i].doc));
	s = arena_strdup(&gs->arena, buf_cstr(&b));
	buf_release(&b);
	return s;
}

/* A partial control: the risk's owner, else a covering document's. */
static void gap_partial(const struct repo *r, struct gaps *gs, size_t group,
			size_t i)
{
	const struct control_state *c = &r->controls[i];
	struct gap *g =
	    gap_add(gs, GAP_CONTROL_PARTIAL, group, catalog_controls[i].id,
		    catalog_controls[i].title, partial_detail(gs, c));
	size_t k;

	if (owner_risk(r, gs, g, i))
		return;
	for (k = 0; k < c->ndocs; k++)
		if (c->docs[k].doc->owner) {
			owner_document(r, gs, g, c->docs[k].doc);
			return;
		}
	owner_soa(r, gs, g);
}

/* An unmapped control: the risk's owner, else the SoA's. */
static void gap_unmapped(const struct repo *r, struct gaps *gs, size_t group,
			 size_t i)
{
	const struct control_state *c = &r->controls[i];
	bool claimed = c->soa && c->soa->status == IMPL_IMPLEMENTED;
	struct gap *g =
	    gap_add(gs, GAP_CONTROL_UNMAPPED, group, catalog_controls[i].id,
		    catalog_controls[i].title,
		    claimed ? "no document implements it; the SoA says "
			      "implemented"
			    : "no document implements it");

	if (!owner_risk(r, gs, g, i))
		owner_soa(r, gs, g);
}

/* The applicable controls of theme t not fully implemented. */
static void gaps_theme(const struct repo *r, struct gaps *gs, size_t t)
{
	size_t i;

	for (i = 0; i < catalog_control_count; i++) {
		const struct control_state *c = &r->controls[i];

		if (strcmp(catalog_controls[i].theme, catalog_themes[t]) ||
		    !c->applicable)
			continue;
		if (c->coverage == COVERAGE_NONE)
			gap_unmapped(r, gs, t + 1, i);
		else if (c->coverage == COVERAGE_PARTIAL)
			gap_partial(r, gs, t + 1, i);
	}
}

/* Required clauses no document lists (7.5.1 a). */
static void gaps_clauses(const struct repo *r, struct gaps *gs)
{
	struct gap *g;
	size_t i;

	for (i = 0; i < catalog_clause_count; i++) {
		if (!catalog_clauses[i].required || r->clauses[i].ndocs)
			continue;
		g = gap_add(gs, GAP_CLAUSE_MISSING, 0, catalog_clauses[i].id,
			    catalog_clauses[i].title,
			    "requires documented information; no document "
			    "lists it");
		owner_soa(r, gs, g);
	}
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

/* Spine items no document stands for. */
static void gaps_spine(const struct repo *r, struct gaps *gs)
{
	struct gap *g;
	size_t i;

	for (i = 0; i < spine_count; i++) {
		if (spine_present(r, &spine_items[i]))
			continue;
		g = gap_add(gs, GAP_SPINE_MISSING, 0, spine_items[i].key,
			    spine_items[i].name,
			    "absent; the Stage 1 audit expects one");
		owner_soa(r, gs, g);
	}
}

/* A document below its target, at the level its evidence supports. */
static void gap_target(const struct repo *r, struct gaps *gs,
		       const struct document *d)
{
	int target = maturity_target(r, d, r->stage);
	int claimed = document_maturity(d);
	int evidenced = maturity_evidenced(r, d);
	int level = claimed < evidenced ? claimed : evidenced;

	if (!target || level >= target)
		return;
	owner_document(r, gs,
		       gap_add(gs, GAP_MATURITY_TARGET, 0, d->id, d->title,
			       arena_printf(&gs->arena,
					    "maturity below target %d "
					    "(claimed %d, evidenced %d)",
					    target, claimed, evidenced)),
		       d);
}

/* A document whose next review has passed. */
static void gap_review(const struct repo *r, struct gaps *gs,
		       const struct document *d)
{
	char when[11];

	if (!d->next_review || d->next_review >= r->today)
		return;
	date_format(d->next_review, when);
	owner_document(
	    r, gs,
	    gap_add(gs, GAP_REVIEW_OVERDUE, 0, d->id, d->title,
		    arena_printf(&gs->arena, "review was due on %s", when)),
	    d);
}

/* Documents below target, then documents overdue for review. */
static void gaps_documents(const struct repo *r, struct gaps *gs)
{
	size_t n, i;
	const struct document **v = maturity_documents(r, &n);

	for (i = 0; i < n; i++)
		gap_target(r, gs, v[i]);
	for (i = 0; i < n; i++)
		gap_review(r, gs, v[i]);
	free(v);
}

/* A register with no entry or review inside its cycle. */
static void gap_stale(const struct repo *r, struct gaps *gs,
		      const struct reg *g)
{
	isms_date due = maturity_register_due(g);
	const char *detail = "no dated entry or review";
	struct gap *gp;
	char when[11];

	if (due && due >= r->today)
		return;
	if (due) {
		date_format(due, when);
		detail = arena_printf(&gs->arena,
				      "no entry or review since it was due "
				      "on %s",
				      when);
	}
	gp = gap_add(gs, GAP_REGISTER_STALE, 0, doc_name(g->doc), g->doc->title,
		     detail);
	owner_document(r, gs, gp, g->doc);
	gp->due = due;
}

/* Supplier rows whose next_review has passed. */
static void gap_suppliers(const struct repo *r, struct gaps *gs,
			  const struct reg *g)
{
	size_t i;

	for (i = 1; i <= reg_rows(g); i++) {
		isms_date due = date_parse(reg_get(g, i, "next_review"));
		const char *owner = reg_get(g, i, "owner");
		struct gap *gp;
		char when[11];

		if (!due || due >= r->today)
			continue;
		date_format(due, when);
		gp = gap_add(gs, GAP_SUPPLIER_REVIEW, 0, reg_get(g, i, "id"),
			     reg_get(g, i, "name"),
			     arena_printf(&gs->arena,
					  "supplier review was due on %s",
					  when));
		if (*owner) {
			gp->owner = owner;
			gp->owner_from =
			    arena_printf(&gs->arena, "supplier %s", gp->id);
		} else {
			owner_soa(r, gs, gp);
		}
		gp->due = due;
	}
}

/* Stale registers (mapping registers are tables, not logs), then
 * overdue supplier reviews. */
static void gaps_registers(const struct repo *r, struct gaps *gs)
{
	size_t i;

	for (i = 0; i < r->nregs; i++)
		if (r->regs[i].usable &&
		    strcmp(r->regs[i].schema->kind, "mapping"))
			gap_stale(r, gs, &r->regs[i]);
	for (i = 0; i < r->nregs; i++)
		if (!strcmp(r->regs[i].schema->kind, "supplier"))
			gap_suppliers(r, gs, &r->regs[i]);
}

/* The management system group first, then each theme in order. */
void gaps_compute(const struct repo *r, struct gaps *gs)
{
	size_t t;

	memset(gs, 0, sizeof(*gs));
	gaps_clauses(r, gs);
	gaps_spine(r, gs);
	gaps_documents(r, gs);
	gaps_registers(r, gs);
	for (t = 0; t < catalog_theme_count; t++)
		gaps_theme(r, gs, t);
}

/* Free what gaps_compute() made; the repository stays. */
void gaps_release(struct gaps *gs)
{
	free(gs->items);
	arena_release(&gs->arena);
	memset(gs, 0, sizeof(*gs));
}
