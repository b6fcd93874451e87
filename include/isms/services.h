/*
 * Service lines: the service catalogue (type: services) and the
 * responsibility matrix (type: responsibilities) of FORMAT.md, "Services
 * and responsibilities (MSP)", and the view of one service line that
 * map, checklist and gaps take with --service.  docs/services.md says
 * how each is read and what the view holds.
 */
#ifndef ISMS_SERVICES_H
#define ISMS_SERVICES_H

#include <stdbool.h>
#include <stddef.h>

#include "isms/csvread.h"

struct repo;
struct reg;
struct document;

/* The areas every in-scope service needs an owner for, in this order. */
enum service_area {
	AREA_PATCHING,
	AREA_MONITORING,
	AREA_IDENTITY,
	AREA_BACKUP,
	AREA_NOTIFICATION,
	AREA_COUNT
};

/* Who owns an area of a service; OWNER_NONE when the matrix is silent. */
enum service_owner {
	OWNER_NONE,
	OWNER_CUSTOMER,
	OWNER_MSP,
	OWNER_SUPPLIER,
	OWNER_SHARED,
};

enum tenancy { TENANCY_NONE, TENANCY_SINGLE, TENANCY_MULTI };

/*
 * One service of the catalogue.  Strings point into the repository (""
 * for an absent optional column); owner[] and notes[] come from the
 * matrix, the first row for an area winning.
 */
struct service {
	const char *id;
	const char *name;
	bool in_scope;
	const char *description;
	const char *suppliers;
	const char *data_locations;
	enum tenancy tenancy;
	const struct document *doc; /* the catalogue */
	const char *path;	    /* the file holding the row */
	unsigned line;		    /* the row's line */
	unsigned column;	    /* the id cell's column */
	enum service_owner owner[AREA_COUNT];
	const char *notes[AREA_COUNT];
};

/* One row of a responsibility matrix, as read. */
struct responsibility {
	const char *service;
	int area; /* enum service_area; -1 when not one */
	enum service_owner owner;
	const char *notes;
	const struct document *doc;
	const char *path;
	unsigned line;
	unsigned service_column; /* for service-unknown */
};

/*
 * The catalogues and matrices of a repository.  items are in the order
 * the catalogues give them, the first row for an id winning (a second
 * is id-duplicate).  catalogue says whether a service catalogue with an
 * id column exists: only then are service ids checked.
 */
struct services {
	struct service *items;
	size_t len;
	struct responsibility *rows;
	size_t nrows;
	bool catalogue;
};

/*
 * The rows of a services or responsibilities document: its CSV rows
 * (its own or its data: file's), else its first pipe table with an id
 * column (a service column for a matrix), else no rows.
 */
const struct csv_table *services_table(const struct repo *r,
				       const struct document *d);

/*
 * Read every catalogue and matrix into r->services, checking cells
 * (register-column, register-value, id-duplicate).  Part of repo_load;
 * the rules (src/rules/services.c) check ids and owners.
 */
void services_load(struct repo *r);

/* The catalogue's service with id id[0..len), or NULL. */
const struct service *services_find(const struct repo *r, const char *id,
				    size_t len);
/*
 * Is id a service: in the catalogue, or, when there is none, named by a
 * document's services?  *near gets the nearest known id within two
 * edits (NULL when none is near).
 */
bool services_known(const struct repo *r, const char *id, const char **near);
/* The nearest catalogue id to id[0..len) within two edits, or NULL. */
const char *services_nearest(const struct repo *r, const char *id, size_t len);

/* "patching", ...; "customer", ... ("" for none). */
const char *service_area_name(enum service_area a);
const char *service_owner_name(enum service_owner o);

/* Is d in the view of service id: tagged with it, or with no service? */
bool service_view_document(const struct document *d, const char *id);
/* Does the services cell of row of register g name id? */
bool service_row_names(const struct reg *g, size_t row, const char *id);

/*
 * Restrict r to the view of service id: r->docs keeps the documents of
 * the view (the rest stay loaded and found by id), r->view is set, and
 * the map is built again over them, the risks of each control being
 * those whose services name id.  For map, checklist and gaps; not for
 * the rules.
 */
void services_restrict(struct repo *r, const char *id);

/* The figures of one service line's view, for map --by service. */
struct service_figures {
	size_t documents;	    /* documents tagged with the service */
	size_t full, partial, none; /* applicable controls of the view */
	size_t risks, assets;	    /* rows whose services name it */
};

/*
 * The figures of service s, from r's map as it is: coverage counts
 * only the documents of the view (tagged with s, or with no service).
 */
void service_figures(const struct repo *r, const struct service *s,
		     struct service_figures *f);
/*
 * The services sorted by id (a new array of n pointers; free it): every
 * one, or only r->view's when r is restricted.
 */
const struct service **services_sorted(const struct repo *r, size_t *n);

#endif
