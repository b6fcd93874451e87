/*
 * The Stage 1 spine of FORMAT.md ("What a Stage 1 auditor expects"):
 * scope, policy, risk method, risk register, treatment plan, SoA, the
 * core procedures, and the audit and management review plans.
 */
#include "isms/spine.h"
#include "isms/catalog.h"

#include <string.h>
#include <strings.h>

const struct spine_item spine_items[] = {
    {"scope",
     "ISMS scope",
     {{DOC_SCOPE, NULL, {NULL}, {NULL}},
      {DOC_TYPE_NONE, NULL, {"4.3"}, {NULL}}}},
    {"policy",
     "information security policy",
     {{DOC_POLICY, NULL, {"5.2"}, {NULL}}}},
    {"risk-methodology",
     "risk assessment methodology",
     {{DOC_METHODOLOGY, NULL, {NULL}, {NULL}},
      {DOC_TYPE_NONE, NULL, {"6.1.2"}, {NULL}}}},
    {"risk-register",
     "risk register",
     {{DOC_TYPE_NONE, "risk", {NULL}, {NULL}}}},
    {"risk-treatment-plan",
     "risk treatment plan",
     {{DOC_PLAN, NULL, {"6.1.3"}, {NULL}}}},
    {"soa", "Statement of Applicability", {{DOC_SOA, NULL, {NULL}, {NULL}}}},
    {"access-procedure",
     "access control procedure",
     {{DOC_PROCEDURE, NULL, {NULL}, {"A.5.15", "A.5.18"}}}},
    {"change-procedure",
     "change management procedure",
     {{DOC_PROCEDURE, NULL, {NULL}, {"A.8.32"}}}},
    {"backup-procedure",
     "backup procedure",
     {{DOC_PROCEDURE, NULL, {NULL}, {"A.8.13"}}}},
    {"incident-procedure",
     "incident management procedure",
     {{DOC_PROCEDURE, NULL, {NULL}, {"A.5.24", "A.5.26"}}}},
    {"supplier-procedure",
     "supplier management procedure",
     {{DOC_PROCEDURE, NULL, {NULL}, {"A.5.19", "A.5.21"}}}},
    {"audit-plan",
     "internal audit plan",
     {{DOC_PLAN, NULL, {"9.2", "9.2.2"}, {NULL}}}},
    {"review-plan",
     "management review plan",
     {{DOC_PLAN, NULL, {"9.3"}, {NULL}}}},
};
const size_t spine_count = sizeof(spine_items) / sizeof(*spine_items);

/* Does d list clause id, or a parent or child of it? */
static bool lists_clause(const struct document *d, const char *id)
{
	int want = catalog_clause_find(id);
	size_t i;

	for (i = 0; want >= 0 && i < d->nclauses; i++) {
		size_t have = (size_t)d->clauses[i].clause;

		if (catalog_clause_covers(have, (size_t)want) ||
		    catalog_clause_covers((size_t)want, have))
			return true;
	}
	return false;
}

/* Does d implement control id (fully or partially)? */
static bool implements(const struct document *d, const char *id)
{
	int want = catalog_control_find(id);
	size_t i;

	for (i = 0; want >= 0 && i < d->ncontrols; i++)
		if (d->controls[i].control == want)
			return true;
	return false;
}

/* Does d satisfy one way of standing for an item? */
static bool way_matches(const struct spine_way *w, const struct document *d)
{
	size_t i;
	bool any;

	if (w->type == DOC_TYPE_NONE && !w->register_kind && !w->clauses[0] &&
	    !w->controls[0])
		return false; /* an unused slot */
	if (w->type != DOC_TYPE_NONE && d->type != w->type)
		return false;
	if (w->register_kind &&
	    (!d->register_kind ||
	     strcasecmp(d->register_kind, w->register_kind)))
		return false;
	for (i = 0, any = !w->clauses[0]; i < 3 && w->clauses[i]; i++)
		any = any || lists_clause(d, w->clauses[i]);
	if (!any)
		return false;
	for (i = 0, any = !w->controls[0]; i < 3 && w->controls[i]; i++)
		any = any || implements(d, w->controls[i]);
	return any;
}

bool spine_matches(const struct spine_item *it, const struct document *d)
{
	if (!d->parsed || d->status == STATUS_RETIRED)
		return false;
	return way_matches(&it->ways[0], d) || way_matches(&it->ways[1], d);
}
