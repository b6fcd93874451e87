/*
 * CSV tables for the build-time generators (catalog_gen, frameworks_gen):
 * a whole file read with libcsv in strict mode, every row as wide as the
 * header.  Build tools only: on running out of memory they stop.
 */
#ifndef ISMS_GENTABLE_H
#define ISMS_GENTABLE_H

#include <stddef.h>
#include <stdio.h>

/* A CSV file held whole: rows of NULL-terminated cells, header first. */
struct table {
	char ***rows;
	size_t nrows, cap;
	char **row; /* the row being read */
	size_t ncells;
	const char *path;
	int bad;
};

/* realloc that stops the build tool when memory runs out. */
void *gen_alloc(void *p, size_t n);
/*
 * Read dir/name into t; returns 0, or -1 after saying why (the file is
 * missing, malformed, ragged, or has no row under its header).
 */
int table_load(struct table *t, const char *dir, const char *name);
/* The column headed name, or -1 (and a message). */
int table_column(const struct table *t, const char *name);
/* Is id in column col of a row of t (the header excluded)? */
int table_has(const struct table *t, int col, const char *id);
/* Write s as a C string literal. */
void put_str(FILE *out, const char *s);

#endif
