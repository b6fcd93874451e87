/*
 * isms show: the auditor's walk for one id.  show_find() decides what an
 * id names and gathers what the walk needs; the renderers only print.
 */
#ifndef ISMS_SHOW_H
#define ISMS_SHOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "isms/catalog.h"
#include "isms/render.h"
#include "isms/repo.h"
#include "isms/spine.h"

/* What an id was found to be, in the order show_find() tries them. */
enum show_kind {
	SHOW_CONTROL,  /* an Annex A control, in any id form */
	SHOW_CLAUSE,   /* a clause, a parent (9.2) or a top number (9) */
	SHOW_DOCUMENT, /* a document id, or a path from the root */
	SHOW_RISK,     /* the id of a risk register row */
	SHOW_ASSET,    /* the id of an asset register row */
	SHOW_SERVICE,  /* a service id of documents or the catalogue */
};

/* One control of the walk: its map entry and the services around it. */
struct show_control {
	int index; /* catalog index */
	const struct control_state *state;
	struct strlist services; /* of its documents, sorted, once */
};

/*
 * A control a risk names: as written (normalised), its index (-1 when no
 * 2022 control), and the 2013 control when it is a 2013 id.
 */
struct show_named {
	const char *text;
	int index;
	const struct control2013_info *old;
};

/*
 * The walk.  Everything points into the repository, which must outlive
 * it; the arrays belong to the walk and are freed by show_release().
 * Only the members of kind are set (the others are zero, or -1 for
 * clause and the indexes).
 */
struct show {
	enum show_kind kind;
	const char *query; /* the id as given */

	/* SHOW_CONTROL: one control, or the counterparts of a 2013 id. */
	const struct control2013_info *old; /* the 2013 control, or NULL */
	struct show_control *controls;
	size_t ncontrols;

	/* SHOW_CLAUSE: the clause and, for a parent, the leaves below. */
	int clause;
	int *leaves;
	size_t nleaves;

	/* SHOW_DOCUMENT */
	const struct document *doc;
	const struct reg *reg; /* the register the document is, or NULL */
	const struct spine_item **spine;
	size_t nspine;
	bool core;
	int target;			 /* the maturity target in effect */
	const struct finding **findings; /* sorted as check sorts */
	size_t nfindings;

	/* SHOW_RISK and SHOW_ASSET: the row; a risk's controls and assets */
	struct reg_ref row;
	struct show_named *named;
	size_t nnamed;
	const char **asset_ids; /* as the assets cell writes them */
	struct reg_ref *assets; /* reg NULL: no asset row has the id */
	size_t nassets;

	/* SHOW_SERVICE: the catalogue row, when there is one */
	const char *service;
	const struct document *catalogue;
	const struct csv_table *ctable; /* the catalogue's rows */
	size_t crow;			/* the service's row of ctable */

	/* SHOW_SERVICE, SHOW_ASSET: rows and documents that name it */
	struct reg_ref *risks; /* in register order */
	size_t nrisks;
	struct reg_ref *named_by; /* assets naming a service */
	size_t nnamed_by;
	const struct document **docs; /* tagged with the service, by id */
	size_t ndocs;
};

/*
 * Find what id names in r, trying a control (any form ids.h reads; a
 * 2013 id gives its 2022 counterparts), a clause, a document id, a
 * document path, a risk, an asset and a service, in that order.  For a
 * document the rules are run over r (rules_run and rules_finish) to
 * collect the findings about it.  Returns 0 and fills s; -1 when id
 * names nothing, with *suggestion set to the nearest known id (NULL
 * when none is near); release s in either case.
 */
int show_find(struct repo *r, const char *id, struct show *s,
	      const char **suggestion);
void show_release(struct show *s);

/* A register row's likelihood x impact, or 0 when either is no number. */
int show_score(const struct reg *g, size_t row, const char *likelihood,
	       const char *impact);
/* The register document d is, or NULL. */
const struct reg *show_register(const struct repo *r, const struct document *d);
/*
 * The rows of a service catalogue document: its CSV rows, else its first
 * pipe table with an id column (no rows when it has neither).
 */
const struct csv_table *show_catalogue_table(const struct repo *r,
					     const struct document *d);

/*
 * Write the walk as text (an indented outline), markdown (headings and
 * tables) or json.  Returns 0, or -1 for another format or a failed
 * JSON write.
 */
int render_show(FILE *out, const struct repo *r, const struct show *s,
		enum format f);

#endif
