/* Lookups over the generated catalog tables. */
#include "isms/catalog.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

/* Binary search of the table for (major, minor); -1 when absent. */
static int catalog_control_scan(unsigned major, unsigned minor)
{
	size_t lo = 0, hi = catalog_control_count;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const struct control_info *c = &catalog_controls[mid];

		if (c->major == major && c->minor == minor)
			return (int)mid;
		if (c->major < major || (c->major == major && c->minor < minor))
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* Where each theme's controls start in the table, and how many it has. */
static int theme_first[256], theme_count[256];
static pthread_once_t theme_once = PTHREAD_ONCE_INIT;

/* Fill theme_first and theme_count from the sorted table. */
static void theme_index(void)
{
	size_t i;

	for (i = 0; i < catalog_control_count; i++) {
		const struct control_info *c = &catalog_controls[i];

		if (!theme_count[c->major])
			theme_first[c->major] = (int)i;
		theme_count[c->major]++;
	}
}

int catalog_control_at(unsigned major, unsigned minor)
{
	int at;

	/* Controls are sorted by (major, minor), minors 1, 2, 3 and on. */
	pthread_once(&theme_once, theme_index);
	if (major > 255 || !minor || minor > (unsigned)theme_count[major])
		return -1;
	at = theme_first[major] + (int)minor - 1;
	if (catalog_controls[at].minor == minor)
		return at;
	return catalog_control_scan(major, minor);
}

int catalog_control_find(const char *id)
{
	unsigned major, minor;
	char tail;
	int at;

	if (sscanf(id, "A.%u.%u%c", &major, &minor, &tail) != 2)
		return -1;
	at = catalog_control_at(major, minor);
	return at >= 0 && !strcmp(catalog_controls[at].id, id) ? at : -1;
}

int catalog_clause_find(const char *id)
{
	size_t i;

	for (i = 0; i < catalog_clause_count; i++)
		if (!strcmp(catalog_clauses[i].id, id))
			return (int)i;
	return -1;
}

const struct control2013_info *catalog_2013_find(const char *id)
{
	size_t i;

	for (i = 0; i < catalog_control_2013_count; i++)
		if (!strcmp(catalog_controls_2013[i].id, id))
			return &catalog_controls_2013[i];
	return NULL;
}

bool catalog_clause_covers(size_t parent, size_t child)
{
	const struct clause_info *p = &catalog_clauses[parent];
	size_t n = strlen(p->id);

	if (parent == child)
		return p->kind != CLAUSE_TOP;
	return p->kind == CLAUSE_PARENT &&
	       !strncmp(p->id, catalog_clauses[child].id, n) &&
	       catalog_clauses[child].id[n] == '.';
}
