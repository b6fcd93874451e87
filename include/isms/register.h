/* Registers: risk, asset, incident, change, nonconformity, mapping and
 * supplier tables, typed by one schema per kind. */
#ifndef ISMS_REGISTER_H
#define ISMS_REGISTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "isms/csvread.h"
#include "isms/date.h"

struct config;
struct document;
struct repo;

enum cell_type {
	CELL_TEXT,	/* free text */
	CELL_ID,	/* the row's id: unique within the kind */
	CELL_DATE,	/* yyyy-mm-dd */
	CELL_WHEN,	/* a date or a date-time */
	CELL_ENUM,	/* one of values (case-blind) */
	CELL_INT,	/* a whole number from lo to hi */
	CELL_CONTROLS,	/* Annex A (or clause) ids */
	CELL_REFS,	/* ids of rows of another kind (ref_kind) */
	CELL_SERVICES,	/* service ids of the catalogue */
	CELL_DOCUMENTS, /* document ids, paths or Markdown links */
};

struct column_spec {
	const char *name;
	enum cell_type type;
	bool required;
	const char *const *values; /* CELL_ENUM */
	int lo, hi;		   /* CELL_INT */
	const char *ref_kind;	   /* CELL_REFS */
};

struct register_schema {
	const char *kind;
	const char *name;     /* "risk register", "incident log" */
	const char *row_name; /* "risk", "asset": for messages */
	const struct column_spec *columns;
	size_t ncolumns;
	/* Columns whose dates show the register in use, or NULL. */
	const char *entry_dates[3];
};

/* The schema of kind (case-blind), or NULL. */
const struct register_schema *register_schema_find(const char *kind);
/* Index of column name in schema, or -1. */
int register_column(const struct register_schema *s, const char *name);

/*
 * A register as read: the document it came from, its schema, where each
 * schema column sits in the table (-1 when absent) and the rows.  A
 * register missing a required column is not usable: its rows are not
 * read (register-column says why).
 */
struct reg {
	struct document *doc;
	const struct register_schema *schema;
	const char *rows_path;	       /* the file holding the rows */
	int *col;		       /* [schema->ncolumns] */
	const struct csv_table *table; /* header first */
	bool usable;
	int id; /* the schema column of the rows' ids */
	/* The schema's entry_dates columns, a bit each; their latest date. */
	uint32_t entry_cols;
	isms_date last_entry;
};

/* The cell of data row i (1-based in the table) for schema column c. */
const char *reg_cell(const struct reg *r, size_t i, int c);
/* The same, by column name ("" when absent). */
const char *reg_get(const struct reg *r, size_t i, const char *name);
/* Number of data rows. */
size_t reg_rows(const struct reg *r);
/* The 1-based table column of schema column c (for positions). */
unsigned reg_field(const struct reg *r, int c);

/* The register's review cycle: its review_every, else 12 months. */
struct duration register_cycle(const struct reg *g);
/*
 * When the register was last kept: its latest entry date (the schema's
 * entry columns) or last_reviewed, whichever is later, else approved_on;
 * 0 when it has none of them.  register-stale, the calendar and the
 * readiness figures all count from this date.
 */
isms_date register_last_kept(const struct reg *g);
/* The date the register is next due: last kept plus a cycle, or 0. */
isms_date register_due(const struct reg *g);

/* A row found by id: its register and row index. */
struct reg_ref {
	const struct reg *reg;
	size_t row;
};

/*
 * The rows of every register by kind and id: open addressing with
 * linear probing over slots of 64 bits, each naming a register and a
 * row (0 is empty) beside a tag from the key's hash, so that only a row
 * whose tag agrees is read.  The ids are read from the rows' own cells:
 * sized once for all rows, 16 bytes a row.
 */
struct row_index {
	size_t len; /* rows indexed */
	uint64_t *slots;
	size_t nslots; /* a power of two, at least twice len */
};

/*
 * Type the rows of register document d while its file is read: its
 * schema (from register_kind), its table, the schema's columns in it and
 * every cell (register-column, register-value, owner-missing, and the
 * findings of control ids) into fs, with the messages in arena.  d->reg
 * gets the register, or NULL for a document that is none.
 */
void register_type(struct document *d, const struct config *cfg,
		   struct arena *arena, struct findings *fs);

/*
 * The registers of the repository, as register_type() left them, in
 * path order (each document's reg then points into r->regs), the row
 * index by kind and id (id-duplicate), and the links of mapping
 * registers.  Part of repo_load.
 */
void registers_load(struct repo *r);
/* The row of kind with this id; reg is NULL when there is none. */
struct reg_ref registers_find(const struct repo *r, const char *kind,
			      const char *id);
/* The same for the len bytes at id. */
struct reg_ref registers_findn(const struct repo *r, const char *kind,
			       const char *id, size_t len);
void row_index_release(struct row_index *x);

/* One lookup of registers_find_many(). */
struct row_probe {
	const char *kind, *id; /* the len bytes at id */
	size_t len;
	struct reg_ref found; /* out: the row; reg is NULL for none */
	uint64_t hash;	      /* scratch */
};

/*
 * registers_findn() for each of p[0..n), with the memory of all of them
 * asked for at once: the way to look up many ids.
 */
void registers_find_many(const struct repo *r, struct row_probe *p, size_t n);

/*
 * The documents a mapping cell names, as items (ids, paths, link
 * targets): the cell's link targets when it has Markdown links, else its
 * text split like any list cell.  Returns the count.
 */
size_t register_documents(const struct repo *r, const struct reg *g, size_t row,
			  int c, const char **items, size_t *lens, size_t max);
/*
 * The document an item names: a document id, or a path relative to the
 * register's own file or to the root ("#anchors" ignored); NULL if none.
 */
struct document *register_document(const struct repo *r, const struct reg *g,
				   const char *item, size_t len);

/* Split a list cell into items (';', ',' or spaces); returns the count. */
size_t cell_split(const char *cell, const char **items, size_t *lens,
		  size_t max);

#endif
