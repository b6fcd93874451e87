/*
 * Build-time generator: reads the catalog CSVs under templates/catalog/
 * and writes the C tables declared in include/isms/catalog.h.  The
 * catalogs are data; this program is the only way they reach the code.
 *
 * usage: catalog_gen <catalog-dir> <output.c>
 */
#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ROWS 512
#define MAX_COLS 8

struct table {
	size_t rows;
	size_t cols;
	char *cell[MAX_ROWS][MAX_COLS];
	size_t col; /* column of the field being read */
	int bad;
};

/* libcsv callback: store one field of the current row. */
static void table_field(void *s, size_t len, void *data)
{
	struct table *t = data;
	char *copy;

	if (t->rows >= MAX_ROWS || t->col >= MAX_COLS) {
		t->bad = 1;
		return;
	}
	copy = malloc(len + 1);
	if (!copy) {
		t->bad = 1;
		return;
	}
	memcpy(copy, s, len);
	copy[len] = '\0';
	t->cell[t->rows][t->col++] = copy;
}

/* libcsv callback: close the current row. */
static void table_row(int c, void *data)
{
	struct table *t = data;

	(void)c;
	if (t->rows == 0)
		t->cols = t->col;
	else if (t->col != t->cols)
		t->bad = 1;
	t->rows++;
	t->col = 0;
}

/* Read a whole CSV file into t; the first row is the header. */
static int table_load(struct table *t, const char *dir, const char *name)
{
	struct csv_parser p;
	char path[4096], chunk[8192];
	size_t n;
	FILE *f;

	memset(t, 0, sizeof(*t));
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "catalog_gen: %s: %s\n", path, strerror(errno));
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
	if (t->bad || t->rows < 2) {
		fprintf(stderr, "catalog_gen: %s: malformed catalog\n", path);
		return -1;
	}
	return 0;
}

/* Write s as a C string literal. */
static void put_str(FILE *out, const char *s)
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

/* Numeric components of a dotted id, for ordering clauses. */
static int id_cmp(const char *a, const char *b)
{
	while (*a || *b) {
		long x = strtol(a, (char **)&a, 10);
		long y = strtol(b, (char **)&b, 10);

		if (x != y)
			return x < y ? -1 : 1;
		if (*a != *b)
			return *a ? 1 : -1;
		if (*a)
			a++, b++;
	}
	return 0;
}

static struct table annex, clauses, groups, old, pairs;

/* Index of the 2022 control id in the Annex A table, or -1. */
static int annex_index(const char *id)
{
	size_t i;

	for (i = 1; i < annex.rows; i++)
		if (!strcmp(annex.cell[i][0], id))
			return (int)i - 1;
	return -1;
}

static void emit_controls(FILE *out)
{
	const char *themes[8];
	size_t i, j, nthemes = 0;

	fputs("const struct control_info catalog_controls[] = {\n", out);
	for (i = 1; i < annex.rows; i++) {
		unsigned major = 0, minor = 0;

		sscanf(annex.cell[i][0], "A.%u.%u", &major, &minor);
		fputs("\t{", out);
		put_str(out, annex.cell[i][0]);
		fputs(", ", out);
		put_str(out, annex.cell[i][1]);
		fputs(", ", out);
		put_str(out, annex.cell[i][2]);
		fprintf(out, ", %u, %u},\n", major, minor);
		for (j = 0; j < nthemes; j++)
			if (!strcmp(themes[j], annex.cell[i][2]))
				break;
		if (j == nthemes && nthemes < 8)
			themes[nthemes++] = annex.cell[i][2];
	}
	fputs("};\nconst size_t catalog_control_count = ", out);
	fprintf(out, "%zu;\n\nconst char *const catalog_themes[] = {\n",
		annex.rows - 1);
	for (j = 0; j < nthemes; j++) {
		fputc('\t', out);
		put_str(out, themes[j]);
		fputs(",\n", out);
	}
	fprintf(out, "};\nconst size_t catalog_theme_count = %zu;\n\n",
		nthemes);
}

struct clause_row {
	const char *id, *title, *note, *kind;
	int required;
};

static int clause_row_cmp(const void *a, const void *b)
{
	return id_cmp(((const struct clause_row *)a)->id,
		      ((const struct clause_row *)b)->id);
}

static void emit_clauses(FILE *out)
{
	struct clause_row rows[MAX_ROWS];
	size_t i, n = 0;

	for (i = 1; i < clauses.rows; i++)
		rows[n++] = (struct clause_row){
		    clauses.cell[i][0], clauses.cell[i][1], clauses.cell[i][3],
		    "CLAUSE_LEAF", !strcmp(clauses.cell[i][2], "yes")};
	for (i = 1; i < groups.rows; i++)
		rows[n++] = (struct clause_row){
		    groups.cell[i][0], groups.cell[i][1], "",
		    strchr(groups.cell[i][0], '.') ? "CLAUSE_PARENT"
						   : "CLAUSE_TOP",
		    0};
	qsort(rows, n, sizeof(*rows), clause_row_cmp);
	fputs("const struct clause_info catalog_clauses[] = {\n", out);
	for (i = 0; i < n; i++) {
		fputs("\t{", out);
		put_str(out, rows[i].id);
		fputs(", ", out);
		put_str(out, rows[i].title);
		fputs(", ", out);
		put_str(out, rows[i].note);
		fprintf(out, ", %s, %s},\n", rows[i].kind,
			rows[i].required ? "true" : "false");
	}
	fprintf(out, "};\nconst size_t catalog_clause_count = %zu;\n\n", n);
}

static int emit_2013(FILE *out)
{
	size_t i, j;

	fputs("const struct control2013_info catalog_controls_2013[] = {\n",
	      out);
	for (i = 1; i < old.rows; i++) {
		int idx[2] = {0, 0};
		unsigned n = 0;

		for (j = 1; j < pairs.rows; j++) {
			if (strcmp(pairs.cell[j][1], old.cell[i][0]))
				continue;
			if (n == 2 || annex_index(pairs.cell[j][0]) < 0) {
				fprintf(stderr, "catalog_gen: bad pair %s\n",
					pairs.cell[j][1]);
				return -1;
			}
			idx[n++] = annex_index(pairs.cell[j][0]);
		}
		fputs("\t{", out);
		put_str(out, old.cell[i][0]);
		fputs(", ", out);
		put_str(out, old.cell[i][1]);
		fprintf(out, ", {%d, %d}, %u},\n", idx[0], idx[1], n);
	}
	fprintf(out, "};\nconst size_t catalog_control_2013_count = %zu;\n",
		old.rows - 1);
	return 0;
}

int main(int argc, char **argv)
{
	FILE *out;
	int rc;

	if (argc != 3) {
		fputs("usage: catalog_gen <catalog-dir> <output.c>\n", stderr);
		return 2;
	}
	if (table_load(&annex, argv[1], "annex_a_2022.csv") ||
	    table_load(&clauses, argv[1], "clauses_2022.csv") ||
	    table_load(&groups, argv[1], "clause_groups.csv") ||
	    table_load(&old, argv[1], "annex_a_2013.csv") ||
	    table_load(&pairs, argv[1], "mapping_2013_2022.csv"))
		return 1;
	out = fopen(argv[2], "w");
	if (!out) {
		fprintf(stderr, "catalog_gen: %s: %s\n", argv[2],
			strerror(errno));
		return 1;
	}
	fputs("/* Generated by catalog_gen from templates/catalog/. */\n"
	      "#include \"isms/catalog.h\"\n\n",
	      out);
	emit_controls(out);
	emit_clauses(out);
	rc = emit_2013(out);
	if (fclose(out) || rc) {
		remove(argv[2]);
		return 1;
	}
	return 0;
}
