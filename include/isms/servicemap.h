/*
 * Service lines in the map's output: the rows of `map --by service` and
 * the "services" array of `map --format json` (docs/services.md).
 */
#ifndef ISMS_SERVICEMAP_H
#define ISMS_SERVICEMAP_H

#include <jansson.h>

#include "isms/otable.h"
#include "isms/repo.h"

/*
 * One row per service (by id): id, name, in scope, the documents tagged
 * with it, the applicable controls its view covers fully, partially and
 * not at all, and the risks and assets naming it.  Release t with
 * otable_release().
 */
void servicemap_table(struct otable *t, const struct repo *r);

/*
 * The services as a JSON array, each {"id", "name", "in_scope",
 * "documents", "controls", "coverage", "responsibilities", "risks",
 * "assets"}; only r->view's service when r is restricted.
 */
json_t *servicemap_json(const struct repo *r);

#endif
