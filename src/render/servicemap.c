/* Service lines side by side: map --by service and the JSON services. */
#include "isms/servicemap.h"
#include "isms/alloc.h"
#include "isms/catalog.h"
#include "isms/json.h"
#include "isms/services.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One row of the table from s and its figures. */
static void servicemap_row(struct otable *t, const struct repo *r,
			   const struct service *s)
{
	struct service_figures f;
	char n[6][24];
	const char *row[9];

	service_figures(r, s, &f);
	snprintf(n[0], sizeof(n[0]), "%zu", f.documents);
	snprintf(n[1], sizeof(n[1]), "%zu", f.full);
	snprintf(n[2], sizeof(n[2]), "%zu", f.partial);
	snprintf(n[3], sizeof(n[3]), "%zu", f.none);
	snprintf(n[4], sizeof(n[4]), "%zu", f.risks);
	snprintf(n[5], sizeof(n[5]), "%zu", f.assets);
	row[0] = s->id;
	row[1] = s->name;
	row[2] = s->in_scope ? "yes" : "no";
	row[3] = n[0];
	row[4] = n[1];
	row[5] = n[2];
	row[6] = n[3];
	row[7] = n[4];
	row[8] = n[5];
	otable_add(t, row);
}

/* One row per service, by id. */
void servicemap_table(struct otable *t, const struct repo *r)
{
	static const char *const head[] = {"service",	"name",	 "in_scope",
					   "documents", "full",	 "partial",
					   "none",	"risks", "assets"};
	const struct service **v;
	size_t i, n;

	otable_init(t, 9, head);
	v = services_sorted(r, &n);
	for (i = 0; i < n; i++)
		servicemap_row(t, r, v[i]);
	free(v);
}

/* Order string pointers bytewise. */
static int servicemap_str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The ids of the documents tagged with id, sorted. */
static json_t *tagged_json(const struct repo *r, const char *id)
{
	const char **v = xcalloc(r->ndocs + 1, sizeof(*v));
	json_t *a = json_array();
	size_t i, n = 0;

	for (i = 0; i < r->ndocs; i++)
		if (r->docs[i]->id && r->docs[i]->services.len &&
		    r->docs[i]->status != STATUS_RETIRED &&
		    service_view_document(r->docs[i], id))
			v[n++] = r->docs[i]->id;
	if (n > 1)
		qsort(v, n, sizeof(*v), servicemap_str_cmp);
	for (i = 0; i < n; i++)
		json_array_append_new(a, json_text(v[i]));
	free(v);
	return a;
}

/* The applicable controls the view of id covers, in catalog order. */
static json_t *covered_json(const struct repo *r, const char *id)
{
	json_t *a = json_array();
	size_t i, k;

	for (i = 0; i < catalog_control_count; i++) {
		const struct control_state *c = &r->controls[i];

		if (!c->applicable)
			continue;
		for (k = 0; k < c->ndocs; k++)
			if (service_view_document(c->docs[k].doc, id))
				break;
		if (k < c->ndocs)
			json_array_append_new(
			    a, json_text(catalog_controls[i].id));
	}
	return a;
}

/* The ids of the rows of kind whose services name id, in file order. */
static json_t *rows_json(const struct repo *r, const char *kind, const char *id)
{
	json_t *a = json_array();
	size_t i, j;

	for (i = 0; i < r->nregs; i++) {
		const struct reg *g = &r->regs[i];

		if (strcmp(g->schema->kind, kind))
			continue;
		for (j = 1; j <= reg_rows(g); j++)
			if (service_row_names(g, j, id))
				json_array_append_new(
				    a, json_text(reg_get(g, j, "id")));
	}
	return a;
}

/* {"patching": "msp", ...}: null where the matrix names no owner. */
static json_t *owners_json(const struct service *s)
{
	json_t *o = json_object();
	int a;

	for (a = 0; a < AREA_COUNT; a++)
		json_put(o, service_area_name((enum service_area)a),
			 s->owner[a]
			     ? json_text(service_owner_name(s->owner[a]))
			     : NULL);
	return o;
}

/* {"full": n, "partial": n, "none": n} of the view. */
static json_t *coverage_json(const struct service_figures *f)
{
	json_t *o = json_object();

	json_put(o, "full", json_integer((json_int_t)f->full));
	json_put(o, "partial", json_integer((json_int_t)f->partial));
	json_put(o, "none", json_integer((json_int_t)f->none));
	return o;
}

/* One service object. */
static json_t *service_json(const struct repo *r, const struct service *s)
{
	struct service_figures f;
	json_t *o = json_object();

	service_figures(r, s, &f);
	json_put(o, "id", json_text(s->id));
	json_put(o, "name", json_text(s->name));
	json_put(o, "in_scope", json_boolean(s->in_scope));
	json_put(o, "documents", tagged_json(r, s->id));
	json_put(o, "controls", covered_json(r, s->id));
	json_put(o, "coverage", coverage_json(&f));
	json_put(o, "responsibilities", owners_json(s));
	json_put(o, "risks", rows_json(r, "risk", s->id));
	json_put(o, "assets", rows_json(r, "asset", s->id));
	return o;
}

/* The services array, by id. */
json_t *servicemap_json(const struct repo *r)
{
	json_t *a = json_array();
	const struct service **v;
	size_t i, n;

	v = services_sorted(r, &n);
	for (i = 0; i < n; i++)
		json_array_append_new(a, service_json(r, v[i]));
	free(v);
	return a;
}
