/*
 * A repository's own framework: its catalog and its crosswalk, two CSV
 * files that isms.yaml names.  They are configuration, so every problem
 * is config-invalid and stops the load, as a bad isms.yaml does.
 */
#include "isms/fileio.h"
#include "isms/framework.h"
#include "isms/table.h"

#include <stdarg.h>
#include <string.h>

/* What framework_read() is working on. */
struct fwread {
	struct framework *fw;
	const struct framework_decl *decl;
	const char *root;
	const struct config *cfg;
	struct arena *arena;
	struct findings *fs;
	int errors;
};

/* Report a problem in file at p. */
__attribute__((format(printf, 4, 5))) static void
fwread_error(struct fwread *l, const char *file, struct pos p, const char *fmt,
	     ...)
{
	va_list ap;

	va_start(ap, fmt);
	findings_vadd(l->fs, "config-invalid", file, p, fmt, ap);
	va_end(ap);
	l->errors++;
}

/*
 * Read path (named in isms.yaml at where) into t.  Returns 0, or -1
 * after reporting why.
 */
static int fwread_table(struct fwread *l, const char *path, struct pos where,
			struct csv_table *t)
{
	struct file_data data;
	struct csv_source src;
	int rc = file_read_at(l->root, path, l->cfg->limits.csv, &data);

	if (rc != FILE_OK) {
		fwread_error(l, l->cfg->path, where,
			     "cannot read framework file '%s': %s", path,
			     file_error(&data, rc));
		return -1;
	}
	src = (struct csv_source){
	    path, data.data, data.len, 1, &l->cfg->limits, false, NULL, 0};
	rc = csv_read(&src, l->arena, t, l->fs);
	file_release(&data);
	if (rc < 0) {
		l->errors++;
		return -1;
	}
	if (t->nrows < 2) {
		fwread_error(l, path, (struct pos){1, 1},
			     "the framework file has no rows");
		return -1;
	}
	return 0;
}

/* One catalog row as requirement k; an empty or repeated id is an error. */
static void fwread_requirement(struct fwread *l, const struct csv_row *row,
			       const int col[3])
{
	struct framework *fw = l->fw;
	const char *id = table_cell(row, col[0]);
	struct pos p = {row->line, 1};

	if (!*id) {
		fwread_error(l, l->decl->catalog, p, "a requirement has no id");
		return;
	}
	if (framework_requirement(fw, id) >= 0) {
		fwread_error(l, l->decl->catalog, p,
			     "requirement '%s' is listed twice", id);
		return;
	}
	fw->reqs[fw->nreqs].id = id;
	fw->reqs[fw->nreqs].title = table_cell(row, col[1]);
	fw->reqs[fw->nreqs].group = col[2] >= 0 ? table_cell(row, col[2]) : "";
	fw->nreqs++;
}

/* The catalog: columns id, title and optionally group. */
static void fwread_catalog(struct fwread *l)
{
	struct csv_table t;
	int col[3];
	size_t i;

	if (fwread_table(l, l->decl->catalog, l->decl->catalog_pos, &t) < 0)
		return;
	col[0] = table_column(&t, l->cfg, NULL, "id");
	col[1] = table_column(&t, l->cfg, NULL, "title");
	col[2] = table_column(&t, l->cfg, NULL, "group");
	if (col[0] < 0 || col[1] < 0) {
		fwread_error(l, l->decl->catalog,
			     (struct pos){t.rows[0].line, 1},
			     "a framework catalog needs the columns id and "
			     "title");
		return;
	}
	l->fw->reqs = arena_calloc(l->arena, t.nrows, sizeof(*l->fw->reqs));
	for (i = 1; i < t.nrows; i++)
		fwread_requirement(l, &t.rows[i], col);
}

/* One crosswalk row: requirement (column 0) -> ISO id (column iso). */
static void fwread_link(struct fwread *l, const struct csv_row *row, int iso)
{
	const char *req = table_cell(row, 0), *id = table_cell(row, iso);
	struct pos p = {row->line, 1};
	int k = framework_requirement(l->fw, req);

	if (k < 0)
		fwread_error(l, l->decl->crosswalk, p,
			     "'%s' is not a requirement of the catalog '%s'",
			     req, l->decl->catalog);
	else if (!framework_link(l->arena, &l->fw->reqs[k], id))
		fwread_error(l, l->decl->crosswalk, p,
			     "'%s' is neither an Annex A control nor a clause "
			     "of ISO/IEC 27001:2022 (name leaves such as "
			     "9.2.1, not 9.2 or 9)",
			     id);
}

/* The crosswalk: the requirement first, the ISO id under iso_id. */
static void fwread_crosswalk(struct fwread *l)
{
	struct csv_table t;
	int iso;
	size_t i;

	if (fwread_table(l, l->decl->crosswalk, l->decl->crosswalk_pos, &t) < 0)
		return;
	iso = table_column(&t, l->cfg, NULL, "iso_id");
	if (iso < 0)
		iso = 1;
	if (t.rows[0].ncells < 2) {
		fwread_error(l, l->decl->crosswalk,
			     (struct pos){t.rows[0].line, 1},
			     "a crosswalk needs a requirement and an ISO id "
			     "on each row");
		return;
	}
	for (i = 1; i < t.nrows; i++)
		fwread_link(l, &t.rows[i], iso);
}

/* The catalog, then (when it was sound) the crosswalk. */
int framework_read(struct framework *fw, const struct framework_decl *decl,
		   const char *root, const struct config *cfg, struct arena *a,
		   struct findings *fs)
{
	struct fwread l = {fw, decl, root, cfg, a, fs, 0};

	memset(fw, 0, sizeof(*fw));
	fw->id = decl->id;
	fw->name = decl->name ? decl->name : decl->id;
	fw->label = decl->label ? decl->label : "";
	fwread_catalog(&l);
	if (!l.errors)
		fwread_crosswalk(&l);
	return l.errors;
}
