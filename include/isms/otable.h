/* Output tables: one set of rows rendered as text, Markdown or CSV. */
#ifndef ISMS_OTABLE_H
#define ISMS_OTABLE_H

#include <stddef.h>
#include <stdio.h>

#include "isms/render.h"

/* Rows of ncols cells; row 0 is the header.  Cells are copied. */
struct otable {
	size_t ncols;
	size_t nrows;
	size_t cap;
	char **cells;
};

void otable_init(struct otable *t, size_t ncols, const char *const *header);
/* Add a row of ncols cells (NULL cells are empty). */
void otable_add(struct otable *t, const char *const *cells);
/*
 * Write the table as aligned text columns, a Markdown pipe table (cells
 * escaped), or RFC 4180 CSV written with libcsv (every field quoted,
 * CRLF line ends).  Returns 0, or -1 for another format.
 */
int otable_write(FILE *out, const struct otable *t, enum format f);
void otable_release(struct otable *t);

#endif
