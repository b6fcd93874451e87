/* Column lookup for register-like tables. */
#include "isms/table.h"

#include <ctype.h>
#include <string.h>

/* A header character as compared: case-blind, ' ' and '-' as '_'. */
static char header_char(char c)
{
	c = (char)tolower((unsigned char)c);
	return c == ' ' || c == '-' ? '_' : c;
}

/*
 * Compare a header cell with a column name or an alias, FORMAT.md's
 * way: case-blind, spaces and '-' read as '_', outer spaces ignored.
 */
static int header_is(const char *cell, const char *name)
{
	while (*cell == ' ')
		cell++;
	while (*name == ' ')
		name++;
	for (; *cell && *name; cell++, name++)
		if (header_char(*cell) != header_char(*name))
			break;
	while (*cell == ' ')
		cell++;
	while (*name == ' ')
		name++;
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
		if (header_is(csv_cell(h, i), alias))
			return (int)i;
	for (i = 0; i < h->ncells; i++)
		if (header_is(csv_cell(h, i), name))
			return (int)i;
	return -1;
}

const char *table_cell(const struct csv_row *row, int col)
{
	return col >= 0 ? csv_cell(row, (size_t)col) : "";
}
