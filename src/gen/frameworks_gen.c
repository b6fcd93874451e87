/*
 * Build-time generator: reads the frameworks under templates/frameworks/
 * (frameworks.csv lists them; <id>_catalog.csv holds each one's
 * requirements and <id>.csv its crosswalk to ISO/IEC 27001:2022) and
 * writes the tables declared in include/isms/framework.h.  Every ISO id
 * of a crosswalk is checked against the catalogs in templates/catalog/,
 * and every requirement against the framework's own catalog, so that bad
 * data stops the build instead of reaching the program.
 *
 * usage: frameworks_gen <frameworks-dir> <catalog-dir> <output.c>
 */
#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A CSV file held whole: rows of cells, the header first. */
struct table {
	char ***rows;
	size_t nrows, cap;
	char **row; /* the row being read */
	size_t ncells;
	const char *path;
	int bad;
};

/* Out of memory in a build tool: say so and stop. */
static void *gen_alloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		fputs("frameworks_gen: out of memory\n", stderr);
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
static int table_load(struct table *t, const char *dir, const char *name)
{
	static char path[4096];
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
		fprintf(stderr, "frameworks_gen: %s: %s\n", path,
			strerror(errno));
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
		fprintf(stderr, "frameworks_gen: %s: malformed table\n", path);
		return -1;
	}
	return 0;
}

/* The column headed name, or -1 (and a message). */
static int table_column(const struct table *t, const char *name)
{
	int i;

	for (i = 0; t->rows[0][i]; i++)
		if (!strcmp(t->rows[0][i], name))
			return i;
	fprintf(stderr, "frameworks_gen: %s: no column '%s'\n", t->path, name);
	return -1;
}

/* Is id in column col of a row of t (the header excluded)? */
static int table_has(const struct table *t, int col, const char *id)
{
	size_t i;

	for (i = 1; i < t->nrows; i++)
		if (!strcmp(t->rows[i][col], id))
			return 1;
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

/* The ISO ids a crosswalk may name: Annex A controls, leaf clauses. */
static struct table annex, clauses;

/* Is id an Annex A control or a leaf clause of the catalogs? */
static int iso_known(const char *id)
{
	return table_has(&annex, 0, id) || table_has(&clauses, 0, id);
}

/* The requirements of framework fw from its catalog cat. */
static int emit_requirements(FILE *out, const char *fw, const struct table *cat)
{
	int id = table_column(cat, "id"), title = table_column(cat, "title");
	int group = table_column(cat, "group");
	size_t i;

	if (id < 0 || title < 0 || group < 0)
		return -1;
	fprintf(out,
		"static const struct fw_requirement_info %s_reqs[] = "
		"{\n",
		fw);
	for (i = 1; i < cat->nrows; i++) {
		fputs("\t{", out);
		put_str(out, cat->rows[i][id]);
		fputs(", ", out);
		put_str(out, cat->rows[i][title]);
		fputs(", ", out);
		put_str(out, cat->rows[i][group]);
		fputs("},\n", out);
	}
	fputs("};\n\n", out);
	return 0;
}

/* The crosswalk rows of fw: first column requirement, iso_id column. */
static int emit_links(FILE *out, const char *fw, const struct table *cat,
		      const struct table *cw)
{
	int iso = table_column(cw, "iso_id");
	size_t i;

	if (iso < 0)
		return -1;
	fprintf(out, "static const struct fw_link_info %s_links[] = {\n", fw);
	for (i = 1; i < cw->nrows; i++) {
		const char *req = cw->rows[i][0], *id = cw->rows[i][iso];

		if (!table_has(cat, 0, req) || !iso_known(id)) {
			fprintf(stderr,
				"frameworks_gen: %s: row %zu: unknown "
				"requirement '%s' or ISO id '%s'\n",
				cw->path, i + 1, req, id);
			return -1;
		}
		fputs("\t{", out);
		put_str(out, req);
		fputs(", ", out);
		put_str(out, id);
		fputs("},\n", out);
	}
	fputs("};\n\n", out);
	return 0;
}

/* One framework's two tables; its counts go to *nreqs and *nlinks. */
static int emit_framework(FILE *out, const char *dir, const char *fw,
			  size_t *nreqs, size_t *nlinks)
{
	struct table cat, cw;
	char name[256];

	if (!*fw ||
	    strspn(fw, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(fw) ||
	    strlen(fw) > 64) {
		fprintf(stderr, "frameworks_gen: bad framework id '%s'\n", fw);
		return -1;
	}
	snprintf(name, sizeof(name), "%s_catalog.csv", fw);
	if (table_load(&cat, dir, name))
		return -1;
	snprintf(name, sizeof(name), "%s.csv", fw);
	if (table_load(&cw, dir, name))
		return -1;
	if (emit_requirements(out, fw, &cat) || emit_links(out, fw, &cat, &cw))
		return -1;
	*nreqs = cat.nrows - 1;
	*nlinks = cw.nrows - 1;
	return 0;
}

/* Every framework of the index, then the table that lists them. */
static int emit_all(FILE *out, const char *dir, const struct table *index)
{
	int id = table_column(index, "id"), name = table_column(index, "name");
	int label = table_column(index, "label");
	size_t i, nreqs[64], nlinks[64];

	if (id < 0 || name < 0 || label < 0 || index->nrows > 65) {
		fputs("frameworks_gen: a bad or too long index\n", stderr);
		return -1;
	}
	for (i = 1; i < index->nrows; i++)
		if (emit_framework(out, dir, index->rows[i][id], &nreqs[i - 1],
				   &nlinks[i - 1]))
			return -1;
	fputs("const struct framework_info framework_builtins[] = {\n", out);
	for (i = 1; i < index->nrows; i++) {
		const char *fw = index->rows[i][id];

		fputs("\t{", out);
		put_str(out, fw);
		fputs(", ", out);
		put_str(out, index->rows[i][name]);
		fputs(", ", out);
		put_str(out, index->rows[i][label]);
		fprintf(out, ", %s_reqs, %zu, %s_links, %zu},\n", fw,
			nreqs[i - 1], fw, nlinks[i - 1]);
	}
	fprintf(out, "};\nconst size_t framework_builtin_count = %zu;\n",
		index->nrows - 1);
	return 0;
}

/* Load the index and the ISO catalogs, then write the tables. */
int main(int argc, char **argv)
{
	struct table index;
	FILE *out;
	int rc;

	if (argc != 4) {
		fputs("usage: frameworks_gen <frameworks-dir> <catalog-dir> "
		      "<output.c>\n",
		      stderr);
		return 2;
	}
	if (table_load(&index, argv[1], "frameworks.csv") ||
	    table_load(&annex, argv[2], "annex_a_2022.csv") ||
	    table_load(&clauses, argv[2], "clauses_2022.csv"))
		return 1;
	out = fopen(argv[3], "w");
	if (!out) {
		fprintf(stderr, "frameworks_gen: %s: %s\n", argv[3],
			strerror(errno));
		return 1;
	}
	fputs("/* Generated by frameworks_gen from templates/frameworks/. */\n"
	      "#include \"isms/framework.h\"\n\n",
	      out);
	rc = emit_all(out, argv[1], &index);
	if (fclose(out) || rc) {
		remove(argv[3]);
		return 1;
	}
	return 0;
}
