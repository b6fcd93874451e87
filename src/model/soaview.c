/*
 * The Statement of Applicability the map implies (clause 6.1.3 d): the
 * SoA decides applicability and gives the justification, the documents
 * decide implementation, and each disagreement between the two is named
 * so that either the SoA or the documents can be put right.
 */
#include "isms/soaview.h"
#include "isms/alloc.h"
#include "isms/buf.h"
#include "isms/catalog.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* The best coverage any document gives, whatever the SoA excludes. */
static enum coverage soaview_best(const struct control_state *c)
{
	enum coverage best = COVERAGE_NONE;
	size_t i;

	for (i = 0; i < c->ndocs; i++)
		if (c->docs[i].coverage > best)
			best = c->docs[i].coverage;
	return best;
}

/*
 * Implementation from the documents: full coverage is implemented,
 * partial is partial; with none, a control the SoA plans stays planned
 * and any other is not implemented.
 */
static enum impl_status soaview_implied(enum coverage best,
					enum impl_status declared)
{
	if (best == COVERAGE_FULL)
		return IMPL_IMPLEMENTED;
	if (best == COVERAGE_PARTIAL)
		return IMPL_PARTIAL;
	return declared == IMPL_PLANNED ? IMPL_PLANNED : IMPL_NOT_IMPLEMENTED;
}

/* Add one disagreement to b. */
__attribute__((format(printf, 2, 3))) static void
soaview_note(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	if (b->len)
		buf_adds(b, "; ");
	va_start(ap, fmt);
	buf_vaddf(b, fmt, ap);
	va_end(ap);
}

/* What the documents do for a control, as a conflict phrases it. */
static const char *soaview_coverage_phrase(enum coverage best)
{
	if (best == COVERAGE_FULL)
		return "documents implement it fully";
	if (best == COVERAGE_PARTIAL)
		return "documents implement it only partially";
	return "no document implements it";
}

/* The SoA's status against the documents' (applicable controls only). */
static void soaview_status_conflict(struct buf *b,
				    const struct soaview_row *row,
				    enum coverage best)
{
	if (!row->applicable || row->declared == IMPL_NONE ||
	    row->declared == row->status)
		return;
	soaview_note(b, "SoA says %s, %s", impl_status_name(row->declared),
		     soaview_coverage_phrase(best));
}

/* Is id among the documents covering c? */
static bool soaview_in_map(const struct control_state *c, const char *id)
{
	size_t i;

	for (i = 0; i < c->ndocs; i++)
		if (c->docs[i].doc->id && !strcmp(c->docs[i].doc->id, id))
			return true;
	return false;
}

/* Is id in the SoA row's documents? */
static bool soaview_in_soa(const struct soa_row *s, const char *id)
{
	size_t i;

	for (i = 0; i < s->documents.len; i++)
		if (!strcmp(s->documents.items[i], id))
			return true;
	return false;
}

/*
 * Append ", id" (or ": id" for the first) under a heading to b.  *open
 * says whether the heading has been written.
 */
static void soaview_list(struct buf *b, bool *open, const char *heading,
			 const char *id)
{
	if (!*open)
		soaview_note(b, "%s: %s", heading, id);
	else
		buf_addf(b, ", %s", id);
	*open = true;
}

/* The SoA's unknown document ids; c (NULL for own controls) adds more. */
static void soaview_soa_docs(struct buf *b, const struct repo *r,
			     const struct soa_row *s,
			     const struct control_state *c)
{
	bool unknown = false, unmapped = false;
	size_t i;

	for (i = 0; i < s->documents.len; i++) {
		const char *id = s->documents.items[i];

		if (!repo_document(r, id))
			soaview_list(b, &unknown, "SoA lists unknown documents",
				     id);
	}
	for (i = 0; c && i < s->documents.len; i++) {
		const char *id = s->documents.items[i];

		if (repo_document(r, id) && !soaview_in_map(c, id))
			soaview_list(b, &unmapped,
				     "SoA lists documents the map does not",
				     id);
	}
}

/* Documents the map has for c that a non-empty SoA list leaves out. */
static void soaview_map_docs(struct buf *b, const struct soa_row *s,
			     const struct control_state *c)
{
	bool open = false;
	size_t i;

	for (i = 0; s->documents.len && i < c->ndocs; i++) {
		const char *id = c->docs[i].doc->id;

		if (id && !soaview_in_soa(s, id))
			soaview_list(
			    b, &open,
			    "the map has documents the SoA does not list", id);
	}
}

/* Every disagreement of a catalog control's row, or NULL. */
static char *soaview_conflicts(const struct repo *r,
			       const struct soaview_row *row,
			       const struct control_state *c)
{
	struct buf b = BUF_INIT;

	if (r->soa.doc && r->soa.rows && !c->soa)
		soaview_note(&b, "missing from the SoA");
	if (!row->applicable && c->ndocs)
		soaview_note(&b, "documents implement an excluded control");
	soaview_status_conflict(&b, row, soaview_best(c));
	if (c->soa) {
		soaview_soa_docs(&b, r, c->soa, c);
		soaview_map_docs(&b, c->soa, c);
	}
	return b.len ? buf_detach(&b) : NULL;
}

/* A new zeroed row at the end of v. */
static struct soaview_row *soaview_row_new(struct soaview *v)
{
	struct soaview_row *row;

	ALLOC_GROW(v->rows, v->len + 1, v->cap);
	row = &v->rows[v->len++];
	memset(row, 0, sizeof(*row));
	return row;
}

/* The row of Annex A control i. */
static void soaview_control(const struct repo *r, struct soaview *v, size_t i)
{
	const struct control_state *c = &r->controls[i];
	struct soaview_row *row = soaview_row_new(v);
	size_t j;

	row->control = (int)i;
	row->id = catalog_controls[i].id;
	row->title = catalog_controls[i].title;
	row->applicable = c->applicable;
	row->justification = c->soa ? c->soa->justification : NULL;
	row->declared = c->soa ? c->soa->status : IMPL_NONE;
	row->status = soaview_implied(soaview_best(c), row->declared);
	row->documents = xcalloc(c->ndocs + 1, sizeof(*row->documents));
	for (j = 0; j < c->ndocs; j++)
		row->documents[row->ndocuments++] = c->docs[j].doc->id
							? c->docs[j].doc->id
							: c->docs[j].doc->path;
	row->conflict = soaview_conflicts(r, row, c);
}

/* The row of an organisation's own control: all of it from the SoA. */
static void soaview_own(const struct repo *r, struct soaview *v,
			const struct soa_row *s)
{
	struct soaview_row *row = soaview_row_new(v);
	struct buf b = BUF_INIT;
	size_t j;

	row->control = -1;
	row->id = s->id;
	row->applicable = s->applicable;
	row->justification = s->justification;
	row->declared = row->status = s->status;
	row->documents = xcalloc(s->documents.len + 1, sizeof(*row->documents));
	for (j = 0; j < s->documents.len; j++)
		row->documents[row->ndocuments++] = s->documents.items[j];
	soaview_soa_docs(&b, r, s, NULL);
	row->conflict = b.len ? buf_detach(&b) : NULL;
}

/* Every Annex A control, then the SoA's own controls. */
void soaview_build(const struct repo *r, struct soaview *v)
{
	size_t i;

	memset(v, 0, sizeof(*v));
	v->soa_path = r->soa.doc ? r->soa.rows_path : NULL;
	for (i = 0; i < catalog_control_count; i++)
		soaview_control(r, v, i);
	for (i = 0; r->soa.doc && i < r->soa.nrows; i++)
		if (r->soa.rows[i].control < 0)
			soaview_own(r, v, &r->soa.rows[i]);
}

/* Free the rows and what each owns. */
void soaview_release(struct soaview *v)
{
	size_t i;

	for (i = 0; i < v->len; i++) {
		free(v->rows[i].documents);
		free(v->rows[i].conflict);
	}
	free(v->rows);
	memset(v, 0, sizeof(*v));
}
