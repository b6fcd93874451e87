/*
 * The ISMS calendar: reviews due (9.3 and 7.5.2: documented information
 * kept current), the internal audits (9.2.2) and management reviews
 * (9.3) the plans schedule, supplier reviews (5.22), and waivers that
 * expire.
 */
#include "isms/calendar.h"
#include "isms/alloc.h"
#include "isms/register.h"
#include "isms/spine.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The default cycle of FORMAT.md, when none is declared. */
static const struct duration calendar_cycle = {12, 'm'};

/* The kind as the list and CATEGORIES write it. */
const char *cal_kind_name(enum cal_kind k)
{
	static const char *const names[] = {
	    "review",	"audit",	   "management-review",
	    "schedule", "supplier-review", "waiver"};

	return names[k];
}

/* FNV-1a, 64 bits: a short stable digest for event ids. */
static uint64_t calendar_hash(const char *s)
{
	uint64_t h = 14695981039346656037ULL;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

/*
 * Add an event.  key names what the event is about, so that its UID
 * stays the same while its date or title changes.
 */
static struct cal_event *calendar_add(struct calendar *cal, isms_date date,
				      enum cal_kind kind, const char *key)
{
	struct cal_event *e;
	char *full;

	ALLOC_GROW(cal->events, cal->len + 1, cal->cap);
	e = &cal->events[cal->len++];
	memset(e, 0, sizeof(*e));
	e->date = date;
	e->kind = kind;
	full =
	    arena_printf(&cal->arena, "%s\x1f%s\x1f%s",
			 cal->name ? cal->name : "", cal_kind_name(kind), key);
	e->uid = arena_printf(&cal->arena, "%016llx@isms",
			      (unsigned long long)calendar_hash(full));
	return e;
}

/* A document's name: its id, else its path. */
static const char *calendar_doc(const struct document *d)
{
	return d->id ? d->id : d->path;
}

/* The review of one document that is not a register. */
static void calendar_document(struct calendar *cal, const struct document *d)
{
	struct duration every =
	    d->review_every.n ? d->review_every : calendar_cycle;
	struct cal_event *e;

	if (!d->next_review)
		return;
	e = calendar_add(cal, d->next_review, CAL_REVIEW, calendar_doc(d));
	e->summary = arena_printf(&cal->arena, "Review %s %s", calendar_doc(d),
				  d->title ? d->title : "");
	e->description =
	    arena_printf(&cal->arena, "Review %s (%s), owner %s, every %u%c.",
			 calendar_doc(d), d->path,
			 d->owner ? d->owner : "unknown", every.n, every.unit);
	e->source = d->path;
}

/*
 * A register's review: next_review when it declares one, else a cycle
 * after its latest entry or review, as register-stale counts it.
 */
static void calendar_register(struct calendar *cal, const struct reg *g)
{
	const struct document *d = g->doc;
	struct duration every = register_cycle(g);
	isms_date due = d->next_review;
	struct cal_event *e;

	if (!d->pos[F_NEXT_REVIEW].line)
		due = register_due(g);
	if (!due)
		return;
	e = calendar_add(cal, due, CAL_REVIEW, calendar_doc(d));
	e->summary = arena_printf(&cal->arena, "Review the %s %s",
				  g->schema->name, calendar_doc(d));
	e->description = arena_printf(
	    &cal->arena, "Review the %s (%s), owner %s, every %u%c.",
	    g->schema->name, g->rows_path ? g->rows_path : d->path,
	    d->owner ? d->owner : "unknown", every.n, every.unit);
	e->source = d->path;
}

/* The next_review of each supplier row. */
static void calendar_suppliers(struct calendar *cal, const struct reg *g)
{
	size_t i;

	for (i = 1; i <= reg_rows(g); i++) {
		isms_date due = date_parse(reg_get(g, i, "next_review"));
		const char *id = reg_get(g, i, "id");
		struct cal_event *e;

		if (!due)
			continue;
		e = calendar_add(cal, due, CAL_SUPPLIER, id);
		e->summary = arena_printf(&cal->arena, "Review supplier %s %s",
					  id, reg_get(g, i, "name"));
		e->description = arena_printf(
		    &cal->arena, "Supplier review of %s, owner %s.", id,
		    reg_get(g, i, "owner"));
		e->source = g->rows_path ? g->rows_path : g->doc->path;
	}
}

/* What a schedule of d holds: audits, management reviews, or other. */
static enum cal_kind calendar_kind(const struct document *d)
{
	size_t i;

	for (i = 0; i < spine_count; i++) {
		if (!spine_matches(&spine_items[i], d))
			continue;
		if (!strcmp(spine_items[i].key, "audit-plan"))
			return CAL_AUDIT;
		if (!strcmp(spine_items[i].key, "review-plan"))
			return CAL_MANAGEMENT_REVIEW;
	}
	return CAL_SCHEDULE;
}

/* The dates of a document's schedule: key. */
static void calendar_schedule(struct calendar *cal, const struct document *d)
{
	enum cal_kind kind = calendar_kind(d);
	size_t i;

	for (i = 0; i < d->nschedule; i++) {
		const struct schedule_item *s = &d->schedule[i];
		const char *title = s->title ? s->title : d->title;
		char when[11];
		struct cal_event *e;

		date_format(s->date, when);
		e = calendar_add(cal, s->date, kind,
				 arena_printf(&cal->arena, "%s\x1f%s\x1f%s",
					      calendar_doc(d), when,
					      title ? title : ""));
		e->summary = title ? title : calendar_doc(d);
		e->description = arena_printf(
		    &cal->arena, "Scheduled in %s %s (%s).", calendar_doc(d),
		    d->title ? d->title : "", d->path);
		e->source = d->path;
	}
}

/* The waivers of the configuration that expire. */
static void calendar_waivers(struct calendar *cal, const struct repo *r)
{
	size_t i;

	for (i = 0; i < r->config.nwaivers; i++) {
		const struct waiver *w = &r->config.waivers[i];
		const char *what = w->control	 ? w->control
				   : w->document ? w->document
				   : w->file	 ? w->file
						 : "every finding";
		struct cal_event *e;

		if (!w->rule || !w->expires)
			continue;
		e = calendar_add(
		    cal, w->expires, CAL_WAIVER,
		    arena_printf(&cal->arena, "%s\x1f%s", w->rule, what));
		e->summary = arena_printf(
		    &cal->arena, "Waiver of %s for %s expires", w->rule, what);
		e->description =
		    arena_printf(&cal->arena,
				 "Renew the waiver or fix what it waives: "
				 "%s",
				 w->reason ? w->reason : "no reason given");
		e->source = r->config.path ? r->config.path : "isms.yaml";
	}
}

/* Order events by date, kind, summary and id. */
static int calendar_cmp(const void *x, const void *y)
{
	const struct cal_event *a = x, *b = y;
	int c;

	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if ((c = strcmp(a->summary, b->summary)))
		return c;
	return strcmp(a->uid, b->uid);
}

/* Every event of r, sorted. */
void calendar_build(const struct repo *r, struct calendar *cal)
{
	size_t i;

	memset(cal, 0, sizeof(*cal));
	cal->name = r->config.organisation;
	for (i = 0; i < r->ndocs; i++) {
		const struct document *d = r->docs[i];

		if (!d->parsed || d->status == STATUS_RETIRED)
			continue;
		if (!d->register_kind)
			calendar_document(cal, d);
		calendar_schedule(cal, d);
	}
	for (i = 0; i < r->nregs; i++) {
		if (r->regs[i].doc->status == STATUS_RETIRED)
			continue;
		calendar_register(cal, &r->regs[i]);
		if (!strcmp(r->regs[i].schema->kind, "supplier"))
			calendar_suppliers(cal, &r->regs[i]);
	}
	calendar_waivers(cal, r);
	if (cal->len > 1)
		qsort(cal->events, cal->len, sizeof(*cal->events),
		      calendar_cmp);
}

/* Free the events and their strings. */
void calendar_release(struct calendar *cal)
{
	free(cal->events);
	arena_release(&cal->arena);
	memset(cal, 0, sizeof(*cal));
}
