/*
 * Service lines: one reader for the service catalogue and the
 * responsibility matrix (FORMAT.md, "Services and responsibilities
 * (MSP)"), shared by the rules, map, show and pack, and the view of one
 * service line.  Cells are typed and checked here as register cells are
 * (src/model/register.c); ids and owners are rules (src/rules/services.c).
 */
#include "isms/services.h"
#include "isms/alloc.h"
#include "isms/catalog.h"
#include "isms/ids.h"
#include "isms/markdown.h"
#include "isms/register.h"
#include "isms/repo.h"
#include "isms/table.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const area_names[] = {"patching", "monitoring",   "identity",
					 "backup",   "notification", NULL};
static const char *const owner_names[] = {"",	      "customer", "msp",
					  "supplier", "shared",	  NULL};
static const char *const tenancy_names[] = {"", "single", "multi", NULL};

/* An area as the matrix writes it. */
const char *service_area_name(enum service_area a)
{
	return a < AREA_COUNT ? area_names[a] : "";
}

/* An owner as the matrix writes it ("" for none). */
const char *service_owner_name(enum service_owner o)
{
	return owner_names[o];
}

/* The index of s in names (case-blind, from first), or -1. */
static int name_index(const char *const *names, int first, const char *s)
{
	int i;

	for (i = first; names[i]; i++)
		if (!strcasecmp(names[i], s))
			return i;
	return -1;
}

/* The rows of a catalogue or matrix: CSV, data:, or a pipe table. */
const struct csv_table *services_table(const struct repo *r,
				       const struct document *d)
{
	static const struct csv_table none = {0, NULL};
	const char *key = d->type == DOC_RESPONSIBILITIES ? "service" : "id";
	size_t i;

	if (d->table.nrows || d->csv || d->data)
		return &d->table;
	for (i = 0; i < d->ntables; i++)
		if (table_column(&d->tables[i].table, &r->config, NULL, key) >=
		    0)
			return &d->tables[i].table;
	return &none;
}

/* One catalogue or matrix as it is read. */
struct svcload {
	struct repo *r;
	const struct document *d;
	const struct csv_table *t;
	const char *path; /* the file holding the rows */
	const char *noun; /* "service catalogue", "responsibility matrix" */
	size_t row;
	const char *label; /* "service 'web'" or "row 4", for messages */
};

/* The column of name in the table, or -1. */
static int svc_column(const struct svcload *l, const char *name)
{
	return table_column(l->t, &l->r->config, NULL, name);
}

/* The cell of the current row in column col ("" when absent). */
static const char *svc_cell(const struct svcload *l, int col)
{
	return col < 0 ? "" : table_cell(&l->t->rows[l->row], col);
}

/* A finding about column col of the current row. */
__attribute__((format(printf, 4, 5))) static void
svc_finding(struct svcload *l, const char *rule, int col, const char *fmt, ...)
{
	struct pos p = {l->t->rows[l->row].line,
			col >= 0 ? (unsigned)col + 1 : 1};
	va_list ap;

	va_start(ap, fmt);
	findings_vadd(&l->r->findings, rule, l->path, p, fmt, ap)->document =
	    l->d->id;
	va_end(ap);
}

/* The column of a required name; register-column when it lacks. */
static int svc_required(struct svcload *l, const char *name)
{
	int col = svc_column(l, name);
	struct pos p = {l->t->nrows ? l->t->rows[0].line : 1, 1};

	if (col < 0)
		findings_add(&l->r->findings, "register-column", l->path, p,
			     "the %s has no '%s' column%s", l->noun, name,
			     l->t->nrows ? "" : " (no header row)")
		    ->document = l->d->id;
	return col;
}

/*
 * The value of an enum cell: its index in names from first, else 0
 * (after register-value when the cell is not empty, or is empty and
 * required).
 */
static int svc_enum(struct svcload *l, int col, const char *column,
		    const char *const *names, int first, bool required,
		    const char *expect)
{
	const char *cell = svc_cell(l, col);
	int v;

	if (col < 0 || (!*cell && !required))
		return 0;
	if (!*cell) {
		svc_finding(l, "register-value", col, "%s is empty (%s)",
			    column, l->label);
		return 0;
	}
	v = name_index(names, first, cell);
	if (v < 0)
		svc_finding(l, "register-value", col, "%s '%s' is not %s (%s)",
			    column, cell, expect, l->label);
	return v < 0 ? 0 : v;
}

/* yes or no, case-blind; 1, 0, or -1 for anything else. */
static int yes_no(const char *s)
{
	if (!strcasecmp(s, "yes"))
		return 1;
	return strcasecmp(s, "no") ? -1 : 0;
}

/*
 * in_scope of the current row.  A service whose in_scope is missing or
 * not yes/no counts as in scope, so that its checks still run.
 */
static bool svc_in_scope(struct svcload *l, int col)
{
	const char *cell = svc_cell(l, col);
	int v = yes_no(cell);

	if (col < 0)
		return true;
	if (!*cell)
		svc_finding(l, "register-value", col, "in_scope is empty (%s)",
			    l->label);
	else if (v < 0)
		svc_finding(l, "register-value", col,
			    "in_scope '%s' is not yes or no (%s)", cell,
			    l->label);
	return v != 0;
}

/* Is id already a service?  id-duplicate at the current row if so. */
static bool svc_duplicate(struct svcload *l, int col, const char *id)
{
	const struct service *s = services_find(l->r, id, strlen(id));

	if (!s)
		return false;
	svc_finding(l, "id-duplicate", col,
		    "service id '%s' is already used at %s:%u", id, s->path,
		    s->line);
	return true;
}

/* The columns of a catalogue, in the order of struct service. */
enum {
	C_ID,
	C_NAME,
	C_IN_SCOPE,
	C_DESC,
	C_SUPPLIERS,
	C_DATA,
	C_TENANCY,
	C_COUNT
};

/* Read the current catalogue row into a new service. */
static void catalogue_row(struct svcload *l, const int *col, size_t *cap)
{
	struct services *ss = &l->r->services;
	const char *id = svc_cell(l, col[C_ID]);
	struct service *s;

	l->label = arena_printf(&l->r->arena, "row %zu", l->row);
	if (!*id) {
		svc_finding(l, "register-value", col[C_ID], "id is empty (%s)",
			    l->label);
		return;
	}
	l->label = arena_printf(&l->r->arena, "service '%s'", id);
	if (svc_duplicate(l, col[C_ID], id))
		return;
	ALLOC_GROW(ss->items, ss->len + 1, *cap);
	s = &ss->items[ss->len++];
	memset(s, 0, sizeof(*s));
	s->id = id;
	s->name = svc_cell(l, col[C_NAME]);
	if (!*s->name && col[C_NAME] >= 0)
		svc_finding(l, "register-value", col[C_NAME],
			    "name is empty (%s)", l->label);
	s->in_scope = svc_in_scope(l, col[C_IN_SCOPE]);
	s->description = svc_cell(l, col[C_DESC]);
	s->suppliers = svc_cell(l, col[C_SUPPLIERS]);
	s->data_locations = svc_cell(l, col[C_DATA]);
	s->tenancy =
	    (enum tenancy)svc_enum(l, col[C_TENANCY], "tenancy", tenancy_names,
				   1, false, "single or multi");
	s->doc = l->d;
	s->path = l->path;
	s->line = l->t->rows[l->row].line;
	s->column = (unsigned)col[C_ID] + 1;
}

/* Read one catalogue document; its rows need an id column. */
static void catalogue_load(struct repo *r, const struct document *d,
			   size_t *cap)
{
	struct svcload l = {
	    r, d, services_table(r, d), NULL, "service catalogue", 0, NULL};
	int col[C_COUNT];

	l.path = d->rows_path ? d->rows_path : d->path;
	col[C_ID] = svc_required(&l, "id");
	col[C_NAME] = svc_required(&l, "name");
	col[C_IN_SCOPE] = svc_required(&l, "in_scope");
	col[C_DESC] = svc_column(&l, "description");
	col[C_SUPPLIERS] = svc_column(&l, "suppliers");
	col[C_DATA] = svc_column(&l, "data_locations");
	col[C_TENANCY] = svc_column(&l, "tenancy");
	if (col[C_ID] < 0)
		return;
	r->services.catalogue = true;
	for (l.row = 1; l.row < l.t->nrows; l.row++)
		catalogue_row(&l, col, cap);
}

/* Read the current matrix row. */
static void matrix_row(struct svcload *l, const int *col, size_t *cap)
{
	struct services *ss = &l->r->services;
	struct responsibility *p;
	const char *service = svc_cell(l, col[0]);

	l->label = arena_printf(&l->r->arena, "row %zu", l->row);
	if (!*service) {
		svc_finding(l, "register-value", col[0],
			    "service is empty (%s)", l->label);
		return;
	}
	ALLOC_GROW(ss->rows, ss->nrows + 1, *cap);
	p = &ss->rows[ss->nrows++];
	memset(p, 0, sizeof(*p));
	p->service = service;
	p->area = svc_enum(l, col[1], "area", area_names, 0, true,
			   "patching, monitoring, identity, backup or "
			   "notification");
	if (name_index(area_names, 0, svc_cell(l, col[1])) < 0)
		p->area = -1;
	p->owner = (enum service_owner)svc_enum(
	    l, col[2], "owner", owner_names, 1, false,
	    "customer, msp, supplier or shared");
	p->notes = svc_cell(l, col[3]);
	p->doc = l->d;
	p->path = l->path;
	p->line = l->t->rows[l->row].line;
	p->service_column = (unsigned)col[0] + 1;
}

/* Read one responsibility matrix; its rows need service and area. */
static void matrix_load(struct repo *r, const struct document *d, size_t *cap)
{
	struct svcload l = {
	    r, d, services_table(r, d), NULL, "responsibility matrix", 0, NULL};
	int col[4];

	l.path = d->rows_path ? d->rows_path : d->path;
	col[0] = svc_required(&l, "service");
	col[1] = svc_required(&l, "area");
	col[2] = svc_required(&l, "owner");
	col[3] = svc_column(&l, "notes");
	if (col[0] < 0 || col[1] < 0)
		return;
	for (l.row = 1; l.row < l.t->nrows; l.row++)
		matrix_row(&l, col, cap);
}

/* Give each service the owners its matrix rows name; the first wins. */
static void services_attach(struct repo *r)
{
	struct services *ss = &r->services;
	size_t i;

	for (i = 0; i < ss->nrows; i++) {
		const struct responsibility *p = &ss->rows[i];
		struct service *s = (struct service *)services_find(
		    r, p->service, strlen(p->service));

		if (!s || p->area < 0 || p->owner == OWNER_NONE ||
		    s->owner[p->area] != OWNER_NONE)
			continue;
		s->owner[p->area] = p->owner;
		s->notes[p->area] = p->notes;
	}
}

/* Every catalogue first, then every matrix, then the owners. */
void services_load(struct repo *r)
{
	size_t i, scap = 0, rcap = 0;

	for (i = 0; i < r->ndocs; i++)
		if (r->docs[i]->parsed && r->docs[i]->type == DOC_SERVICES)
			catalogue_load(r, r->docs[i], &scap);
	for (i = 0; i < r->ndocs; i++)
		if (r->docs[i]->parsed &&
		    r->docs[i]->type == DOC_RESPONSIBILITIES)
			matrix_load(r, r->docs[i], &rcap);
	services_attach(r);
}

/* A linear search: a catalogue holds a few dozen services. */
const struct service *services_find(const struct repo *r, const char *id,
				    size_t len)
{
	size_t i;

	for (i = 0; i < r->services.len; i++)
		if (strlen(r->services.items[i].id) == len &&
		    !strncmp(r->services.items[i].id, id, len))
			return &r->services.items[i];
	return NULL;
}

/* The nearest so far: within two edits, case-blind. */
struct svc_near {
	const char *id; /* as given */
	size_t len;
	char query[64]; /* lowercased */
	const char *best;
	unsigned dist;
};

/* Consider candidate (not id itself) as the nearest id. */
static void near_try(struct svc_near *n, const char *candidate)
{
	char b[64];
	size_t i;
	unsigned d;

	for (i = 0; candidate[i] && i + 1 < sizeof(b); i++)
		b[i] = (char)tolower((unsigned char)candidate[i]);
	b[i] = '\0';
	d = ids_distance(n->query, b);
	if (strlen(candidate) == n->len && !strncmp(candidate, n->id, n->len))
		return;
	if (d < n->dist && d < strlen(n->query)) {
		n->dist = d;
		n->best = candidate;
	}
}

/* Start a search for the nearest id to id[0..len). */
static void near_init(struct svc_near *n, const char *id, size_t len)
{
	size_t i;

	n->id = id;
	n->len = len;
	for (i = 0; i < len && i + 1 < sizeof(n->query); i++)
		n->query[i] = (char)tolower((unsigned char)id[i]);
	n->query[i] = '\0';
	n->best = NULL;
	n->dist = 3;
}

/* The catalogue id nearest to id, for "did you mean". */
const char *services_nearest(const struct repo *r, const char *id, size_t len)
{
	struct svc_near n;
	size_t i;

	near_init(&n, id, len);
	for (i = 0; i < r->services.len; i++)
		near_try(&n, r->services.items[i].id);
	return n.best;
}

/* Is id named by any document's services?  Considers each for near. */
static bool services_named(const struct repo *r, const char *id,
			   struct svc_near *n)
{
	bool found = false;
	size_t i, j;

	for (i = 0; i < r->ndocs; i++) {
		const struct strlist *l = &r->docs[i]->services;

		for (j = 0; j < l->len; j++) {
			found = found || !strcmp(l->items[j], id);
			near_try(n, l->items[j]);
		}
	}
	return found;
}

/* The catalogue decides; without one, the documents' services do. */
bool services_known(const struct repo *r, const char *id, const char **near)
{
	struct svc_near n;
	bool found;

	if (r->services.catalogue) {
		*near = NULL;
		if (services_find(r, id, strlen(id)))
			return true;
		*near = services_nearest(r, id, strlen(id));
		return false;
	}
	near_init(&n, id, strlen(id));
	found = services_named(r, id, &n);
	*near = n.best;
	return found;
}

/* A document with no services applies to every service line. */
bool service_view_document(const struct document *d, const char *id)
{
	size_t i;

	for (i = 0; i < d->services.len; i++)
		if (!strcmp(d->services.items[i], id))
			return true;
	return d->services.len == 0;
}

/* Split the cell as every list cell is split. */
bool service_row_names(const struct reg *g, size_t row, const char *id)
{
	const char *items[64];
	size_t lens[64], i, n;

	n = cell_split(reg_get(g, row, "services"), items, lens, 64);
	for (i = 0; i < n && i < 64; i++)
		if (lens[i] == strlen(id) && !strncmp(items[i], id, lens[i]))
			return true;
	return false;
}

/* Keep the view's documents, in path order, and map them again. */
void services_restrict(struct repo *r, const char *id)
{
	size_t i, n = 0;

	for (i = 0; i < r->ndocs; i++)
		if (service_view_document(r->docs[i], id))
			r->docs[n++] = r->docs[i];
	r->ndocs = n;
	r->view = id;
	map_build(r);
}

/* Rows of registers of kind whose services name id. */
static size_t rows_naming(const struct repo *r, const char *kind,
			  const char *id)
{
	size_t i, j, n = 0;

	for (i = 0; i < r->nregs; i++)
		if (!strcmp(r->regs[i].schema->kind, kind))
			for (j = 1; j <= reg_rows(&r->regs[i]); j++)
				n += service_row_names(&r->regs[i], j, id);
	return n;
}

/* The best coverage of control c among the documents of id's view. */
static enum coverage view_coverage(const struct control_state *c,
				   const char *id)
{
	enum coverage best = COVERAGE_NONE;
	size_t i;

	for (i = 0; i < c->ndocs; i++)
		if (c->docs[i].coverage > best &&
		    service_view_document(c->docs[i].doc, id))
			best = c->docs[i].coverage;
	return best;
}

/* Does d name service id itself (not merely carry no service)? */
static bool tagged(const struct document *d, const char *id)
{
	return d->services.len && service_view_document(d, id);
}

/* Count over the full map, keeping only the view's documents. */
void service_figures(const struct repo *r, const struct service *s,
		     struct service_figures *f)
{
	size_t i;

	memset(f, 0, sizeof(*f));
	for (i = 0; i < r->ndocs; i++)
		f->documents += tagged(r->docs[i], s->id) &&
				r->docs[i]->status != STATUS_RETIRED;
	for (i = 0; i < catalog_control_count; i++) {
		enum coverage c;

		if (!r->controls[i].applicable)
			continue;
		c = view_coverage(&r->controls[i], s->id);
		f->full += c == COVERAGE_FULL;
		f->partial += c == COVERAGE_PARTIAL;
		f->none += c == COVERAGE_NONE;
	}
	f->risks = rows_naming(r, "risk", s->id);
	f->assets = rows_naming(r, "asset", s->id);
}

/* Order service pointers by id. */
static int service_ptr_cmp(const void *a, const void *b)
{
	const struct service *x = *(const struct service *const *)a;
	const struct service *y = *(const struct service *const *)b;

	return strcmp(x->id, y->id);
}

/* By id, as the JSON contract sorts services. */
const struct service **services_sorted(const struct repo *r, size_t *n)
{
	const struct service **v = xcalloc(r->services.len + 1, sizeof(*v));
	size_t i;

	*n = 0;
	for (i = 0; i < r->services.len; i++)
		if (!r->view || !strcmp(r->view, r->services.items[i].id))
			v[(*n)++] = &r->services.items[i];
	if (*n > 1)
		qsort(v, *n, sizeof(*v), service_ptr_cmp);
	return v;
}
