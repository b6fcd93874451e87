/*
 * Coverage: every applicable Annex A control implemented by a document
 * (6.1.3 c, d), and every clause that requires documented information
 * documented (7.5.1 a).
 */
#include "isms/catalog.h"
#include "isms/repo.h"
#include "isms/rules.h"

#include <stdarg.h>

/* A control-level finding, placed at the control's SoA row if any. */
__attribute__((format(printf, 4, 5))) static struct finding *
control_finding(struct repo *r, size_t i, const char *rule, const char *fmt,
		...)
{
	const struct control_state *c = &r->controls[i];
	struct pos p = {0, 0};
	struct finding *f;
	va_list ap;

	if (c->soa)
		p = (struct pos){c->soa->line, 1};
	va_start(ap, fmt);
	f = findings_vadd(&r->findings, rule, c->soa ? r->soa.rows_path : NULL,
			  p, fmt, ap);
	va_end(ap);
	f->control = catalog_controls[i].id;
	return f;
}

void rules_controls(struct repo *r)
{
	size_t i;

	for (i = 0; i < catalog_control_count; i++) {
		const struct control_state *c = &r->controls[i];
		const struct control_info *ci = &catalog_controls[i];

		if (!c->applicable)
			continue;
		if (c->coverage == COVERAGE_NONE)
			control_finding(r, i, "control-unmapped",
					"%s '%s' is applicable but no "
					"document implements it",
					ci->id, ci->title);
		else if (c->coverage == COVERAGE_PARTIAL)
			control_finding(r, i, "control-partial",
					"%s '%s' is only partially "
					"implemented (%zu document%s)",
					ci->id, ci->title, c->ndocs,
					c->ndocs == 1 ? "" : "s");
		if (c->coverage == COVERAGE_NONE && c->soa &&
		    c->soa->status == IMPL_IMPLEMENTED)
			control_finding(r, i, "soa-conflict",
					"the Statement of Applicability says "
					"%s is implemented but no document "
					"implements it",
					ci->id);
	}
}

void rules_clauses(struct repo *r)
{
	size_t k;

	for (k = 0; k < catalog_clause_count; k++) {
		const struct clause_info *ci = &catalog_clauses[k];
		struct finding *f;

		if (!ci->required || r->clauses[k].ndocs)
			continue;
		f = findings_add(&r->findings, "clause-missing", NULL,
				 (struct pos){0, 0},
				 "clause %s '%s' requires documented "
				 "information but no document lists it",
				 ci->id, ci->title);
		f->clause = ci->id;
	}
}
