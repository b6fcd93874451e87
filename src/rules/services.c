/*
 * Service lines: service ids that the catalogue does not define
 * (service-unknown), in-scope services without an owner for an area of
 * the responsibility matrix (responsibility-missing) and in-scope
 * services nothing in the repository names (service-unclear).
 */
#include "isms/register.h"
#include "isms/repo.h"
#include "isms/rules.h"
#include "isms/services.h"

#include <string.h>

/* "; did you mean 'rmm'?" for the nearest id, or "". */
static const char *near_text(struct repo *r, const char *near)
{
	return near ? arena_printf(&r->arena, "; did you mean '%s'?", near)
		    : "";
}

/* service-unknown for the ids of d's services the catalogue lacks. */
static void check_document(struct repo *r, const struct document *d)
{
	size_t i;

	for (i = 0; i < d->services.len; i++) {
		const char *id = d->services.items[i], *near;
		struct finding *f;

		if (services_find(r, id, strlen(id)))
			continue;
		near = services_nearest(r, id, strlen(id));
		f = findings_add(&r->findings, "service-unknown", d->path,
				 d->pos[F_SERVICES],
				 "service '%s' is not in the service "
				 "catalogue%s",
				 id, near_text(r, near));
		f->document = d->id;
		f->suggestion = near;
	}
}

/* "risk 'R-3'", or "row 4" for a row without an id. */
static const char *row_name(struct repo *r, const struct reg *g, size_t i)
{
	const char *id = reg_get(g, i, "id");

	return *id ? arena_printf(&r->arena, "%s '%s'", g->schema->row_name, id)
		   : arena_printf(&r->arena, "row %zu", i);
}

/* service-unknown for the services cell of row i of register g. */
static void check_row(struct repo *r, const struct reg *g, size_t i, int c)
{
	const char *items[64];
	size_t lens[64], k, n;

	n = cell_split(reg_cell(g, i, c), items, lens, 64);
	for (k = 0; k < n && k < 64; k++) {
		const char *near;
		struct finding *f;

		if (services_find(r, items[k], lens[k]))
			continue;
		near = services_nearest(r, items[k], lens[k]);
		f = findings_add(
		    &r->findings, "service-unknown", g->rows_path,
		    (struct pos){g->table->rows[i].line, reg_field(g, c)},
		    "services '%.*s' names no service of the "
		    "service catalogue (%s)%s",
		    (int)lens[k], items[k], row_name(r, g, i),
		    near_text(r, near));
		f->document = g->doc->id;
		f->suggestion = near;
	}
}

/* service-unknown over the services cells of every register. */
static void check_registers(struct repo *r)
{
	size_t i, j;

	for (i = 0; i < r->nregs; i++) {
		const struct reg *g = &r->regs[i];
		int c = register_column(g->schema, "services");

		if (c < 0 || g->col[c] < 0)
			continue;
		for (j = 1; j <= reg_rows(g); j++)
			check_row(r, g, j, c);
	}
}

/* service-unknown for matrix rows naming a service the catalogue lacks. */
static void check_matrix(struct repo *r)
{
	size_t i;

	for (i = 0; i < r->services.nrows; i++) {
		const struct responsibility *p = &r->services.rows[i];
		const char *near;
		struct finding *f;

		if (services_find(r, p->service, strlen(p->service)))
			continue;
		near = services_nearest(r, p->service, strlen(p->service));
		f = findings_add(&r->findings, "service-unknown", p->path,
				 (struct pos){p->line, p->service_column},
				 "the responsibility matrix names service "
				 "'%s', which is not in the service "
				 "catalogue%s",
				 p->service, near_text(r, near));
		f->document = p->doc->id;
		f->suggestion = near;
	}
}

/*
 * responsibility-missing: each area an in-scope service has no owner
 * for, at the service's catalogue row (FORMAT.md: every in-scope
 * service needs an owner for each area).
 */
static void check_owners(struct repo *r, const struct service *s)
{
	int a;

	for (a = 0; a < AREA_COUNT; a++) {
		if (s->owner[a] != OWNER_NONE)
			continue;
		findings_add(&r->findings, "responsibility-missing", s->path,
			     (struct pos){s->line, s->column},
			     "in-scope service '%s' has no owner for %s; add a "
			     "responsibility matrix row naming customer, msp, "
			     "supplier or shared",
			     s->id, service_area_name((enum service_area)a))
		    ->document = s->doc->id;
	}
}

/* Does any document (not retired) name service id in its services? */
static bool named_by_document(const struct repo *r, const char *id)
{
	size_t i, j;

	for (i = 0; i < r->ndocs; i++) {
		const struct document *d = r->docs[i];

		if (d->status == STATUS_RETIRED)
			continue;
		for (j = 0; j < d->services.len; j++)
			if (!strcmp(d->services.items[j], id))
				return true;
	}
	return false;
}

/* Does a row of a register of kind name service id? */
static bool named_by_row(const struct repo *r, const char *kind, const char *id)
{
	size_t i, j;

	for (i = 0; i < r->nregs; i++)
		if (!strcmp(r->regs[i].schema->kind, kind))
			for (j = 1; j <= reg_rows(&r->regs[i]); j++)
				if (service_row_names(&r->regs[i], j, id))
					return true;
	return false;
}

/*
 * service-unclear: an in-scope service that no document, asset or risk
 * names, so that nothing says what the service covers (clause 4.3: the
 * scope's boundaries must be clear).
 */
static void check_clear(struct repo *r, const struct service *s)
{
	if (named_by_document(r, s->id) || named_by_row(r, "asset", s->id) ||
	    named_by_row(r, "risk", s->id))
		return;
	findings_add(&r->findings, "service-unclear", s->path,
		     (struct pos){s->line, s->column},
		     "service '%s' is in scope but no document, asset or "
		     "risk names it in 'services'; its scope is unclear",
		     s->id)
	    ->document = s->doc->id;
}

/* The service checks; ids are checked only against a catalogue. */
void rules_services(struct repo *r)
{
	size_t i;

	if (!r->services.catalogue)
		return;
	for (i = 0; i < r->ndocs; i++)
		if (r->docs[i]->parsed)
			check_document(r, r->docs[i]);
	check_registers(r);
	check_matrix(r);
	for (i = 0; i < r->services.len; i++) {
		if (!r->services.items[i].in_scope)
			continue;
		check_owners(r, &r->services.items[i]);
		check_clear(r, &r->services.items[i]);
	}
}
