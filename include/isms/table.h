/* Reading typed columns out of a CSV table with a header row. */
#ifndef ISMS_TABLE_H
#define ISMS_TABLE_H

#include <stddef.h>

#include "isms/config.h"
#include "isms/csvread.h"

/*
 * Header names match case-blind, with spaces and '-' read as '_', and
 * after the configuration's column aliases for kind (NULL: none).
 * Returns the column of name, or -1.
 */
int table_column(const struct csv_table *t, const struct config *cfg,
		 const char *kind, const char *name);

/* The cell of row in column col, or "" when the row is shorter. */
const char *table_cell(const struct csv_row *row, int col);

#endif
