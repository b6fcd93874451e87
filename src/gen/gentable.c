/* CSV tables for the build-time generators; see gentable.h. */
#include "gentable.h"

#include <csv.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Out of memory in a build tool: say so and stop. */
void *gen_alloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		fputs("out of memory\n", stderr);
		exit(1);
	}
	return p;
}

/* libcsv callback: append one field to the row being read. */
static void table_field(void *s, size_t len, void *data)
{
	struct table *t = data;
	char *copy = gen_alloc(NULL, len + 1);

	memcpy(copy, s, len);
	copy[len] = '\0';
	t->row = gen_alloc(t->row, (t->ncells + 2) * sizeof(char *));
	t->row[t->ncells++] = copy;
	t->row[t->ncells] = NULL;
}

/* libcsv callback: close the row; every row has the header's width. */
static void table_row(int c, void *data)
{
	struct table *t = data;
	size_t width = 0;

	(void)c;
	if (!t->row) {
		t->bad = 1;
		return;
	}
	if (t->nrows) {
		while (t->rows[0][width])
			width++;
		if (t->ncells != width)
			t->bad = 1;
	}
	if (t->nrows == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 64;
		t->rows = gen_alloc(t->rows, t->cap * sizeof(*t->rows));
	}
	t->rows[t->nrows++] = t->row;
	t->row = NULL;
	t->ncells = 0;
}

/* Read dir/name into t; the first row is the header. */
int table_load(struct table *t, const char *dir, const char *name)
{
	char path[4096];
	struct csv_parser p;
	char chunk[8192];
	size_t n;
	FILE *f;

	memset(t, 0, sizeof(*t));
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	t->path =
	    memcpy(gen_alloc(NULL, strlen(path) + 1), path, strlen(path) + 1);
	f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return -1;
	}
	csv_init(&p, CSV_STRICT | CSV_APPEND_NULL | CSV_STRICT_FINI);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (csv_parse(&p, chunk, n, table_field, table_row, t) != n)
			t->bad = 1;
	if (csv_fini(&p, table_field, table_row, t))
		t->bad = 1;
	csv_free(&p);
	fclose(f);
	if (t->bad || t->nrows < 2) {
		fprintf(stderr, "%s: malformed table\n", path);
		return -1;
	}
	return 0;
}

/* The column headed name, or -1 (and a message). */
int table_column(const struct table *t, const char *name)
{
	int i;

	for (i = 0; t->rows[0][i]; i++)
		if (!strcmp(t->rows[0][i], name))
			return i;
	fprintf(stderr, "%s: no column '%s'\n", t->path, name);
	return -1;
}

/* Is id in column col of a row of t (the header excluded)? */
int table_has(const struct table *t, int col, const char *id)
{
	size_t i;

	for (i = 1; i < t->nrows; i++)
		if (!strcmp(t->rows[i][col], id))
			return 1;
	return 0;
}

/* Write s as a C string literal. */
void put_str(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c < 0x20)
			fprintf(out, "\\%03o", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}
