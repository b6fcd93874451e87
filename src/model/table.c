/* Column lookup for register-like tables. */
#include "isms/table.h"

#include <ctype.h>
#include <string.h>

/* Compare a header cell with a column name, FORMAT.md's way. */
static int header_is(const char *cell, const char *name)
{
	for (; *cell && *name; cell++, name++) {
		char c = (char)tolower((unsigned char)*cell);

		if (c == ' ' || c == '-')
			c = '_';
		if (c != *name)
			return 0;
	}
	while (*cell == ' ')
		cell++;
	return !*cell && !*name;
}

/* The header the configuration gives column name of kind, or NULL. */
static const char *alias_of(const struct config *cfg, const char *kind,
			    const char *name)
{
	size_t i;

	for (i = 0; kind && i < cfg->ncolumns; i++)
		if (!strcmp(cfg->columns[i].kind, kind) &&
		    !strcmp(cfg->columns[i].column, name))
			return cfg->columns[i].header;
	return NULL;
}

int table_column(const struct csv_table *t, const struct config *cfg,
		 const char *kind, const char *name)
{
	const char *alias = alias_of(cfg, kind, name);
	const struct csv_row *h;
	size_t i;

	if (!t->nrows)
		return -1;
	h = &t->rows[0];
	for (i = 0; alias && i < h->ncells; i++)
		if (!strcmp(h->cells[i], alias))
			return (int)i;
	for (i = 0; i < h->ncells; i++)
		if (header_is(h->cells[i], name))
			return (int)i;
	return -1;
}

const char *table_cell(const struct csv_row *row, int col)
{
	return col >= 0 && (size_t)col < row->ncells ? row->cells[col] : "";
}
