/*
 * Frameworks as data: the built-in ones and the repository's own, the
 * requirements documents tag in their front matter, and the coverage
 * each requirement gets directly and through its crosswalk.
 */
#include "isms/framework.h"
#include "isms/alloc.h"
#include "isms/buf.h"
#include "isms/catalog.h"
#include "isms/ids.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The longest id worth comparing; longer ones match nothing. */
#define FW_KEY_MAX 64

/* A built-in framework by id, case-blind. */
const struct framework_info *framework_builtin_find(const char *id)
{
	size_t i;

	for (i = 0; i < framework_builtin_count; i++)
		if (!strcasecmp(framework_builtins[i].id, id))
			return &framework_builtins[i];
	return NULL;
}

/* Skip an "Art." or "Article" prefix written before a number. */
static const char *fw_skip_article(const char *s)
{
	static const char *const prefixes[] = {"article", "art.", "art"};
	size_t i, n;

	for (i = 0; i < 3; i++) {
		n = strlen(prefixes[i]);
		if (!strncasecmp(s, prefixes[i], n) &&
		    (s[n] == ' ' || isdigit((unsigned char)s[n])))
			return s + n;
	}
	return s;
}

/*
 * The key an id is compared by: lowercase, without blanks or an article
 * prefix ("Art. 21(2)(d)" and "21(2)(d)" alike).  False when too long.
 */
static bool fw_key(const char *s, char out[FW_KEY_MAX])
{
	size_t n = 0;

	while (*s == ' ' || *s == '\t')
		s++;
	for (s = fw_skip_article(s); *s; s++) {
		if (*s == ' ' || *s == '\t')
			continue;
		if (n + 1 >= FW_KEY_MAX)
			return false;
		out[n++] = (char)tolower((unsigned char)*s);
	}
	out[n] = '\0';
	return true;
}

/* A framework id's key: lowercase, without blanks, '-' or '_'. */
static bool fw_id_key(const char *s, char out[FW_KEY_MAX])
{
	size_t n = 0;

	for (; *s; s++) {
		if (strchr(" \t-_", *s))
			continue;
		if (n + 1 >= FW_KEY_MAX)
			return false;
		out[n++] = (char)tolower((unsigned char)*s);
	}
	out[n] = '\0';
	return true;
}

/* The framework of s whose id is id, or NULL. */
static struct framework *fw_find(const struct fwset *s, const char *id)
{
	char want[FW_KEY_MAX], have[FW_KEY_MAX];
	size_t i;

	if (!s || !fw_id_key(id, want))
		return NULL;
	for (i = 0; i < s->len; i++)
		if (fw_id_key(s->items[i].id, have) && !strcmp(want, have))
			return &s->items[i];
	return NULL;
}

/* A framework of the set by id, forgiving case, blanks and dashes. */
const struct framework *frameworks_find(const struct fwset *s, const char *id)
{
	return fw_find(s, id);
}

/* The framework id within two edits of id, for a suggestion. */
const char *frameworks_nearest(const struct fwset *s, const char *id)
{
	char want[FW_KEY_MAX], have[FW_KEY_MAX];
	const char *best = NULL;
	unsigned d, best_d = 3;
	size_t i;

	if (!fw_id_key(id, want))
		return NULL;
	for (i = 0; s && i < s->len; i++) {
		if (!fw_id_key(s->items[i].id, have))
			continue;
		d = ids_distance(want, have);
		if (d < best_d) {
			best_d = d;
			best = s->items[i].id;
		}
	}
	return best;
}

/* A requirement by id as people write it. */
int framework_requirement(const struct framework *fw, const char *id)
{
	char want[FW_KEY_MAX], have[FW_KEY_MAX];
	size_t i;

	if (!fw_key(id, want))
		return -1;
	for (i = 0; i < fw->nreqs; i++)
		if (fw_key(fw->reqs[i].id, have) && !strcmp(want, have))
			return (int)i;
	return -1;
}

/* The requirement id of fw nearest to id, or NULL when none is near. */
static const char *fw_nearest_requirement(const struct framework *fw,
					  const char *id)
{
	char want[FW_KEY_MAX], have[FW_KEY_MAX];
	const char *best = NULL;
	unsigned d, best_d = 3;
	size_t i;

	if (!fw_key(id, want))
		return NULL;
	for (i = 0; i < fw->nreqs; i++) {
		if (!fw_key(fw->reqs[i].id, have))
			continue;
		d = ids_distance(want, have);
		if (d < best_d) {
			best_d = d;
			best = fw->reqs[i].id;
		}
	}
	return best;
}

/* Where an id sorts in a crosswalk: clauses, then controls. */
static size_t fw_iso_rank(const struct fw_iso *x)
{
	return x->clause ? (size_t)x->index
			 : catalog_clause_count + (size_t)x->index;
}

/* Insert iso into req's crosswalk in catalog order, once. */
bool framework_link(struct arena *a, struct fw_req *req, const char *iso)
{
	struct fw_iso x = {false, catalog_control_find(iso)};
	size_t i;

	if (x.index < 0) {
		x = (struct fw_iso){true, catalog_clause_find(iso)};
		if (x.index < 0 || catalog_clauses[x.index].kind != CLAUSE_LEAF)
			return false;
	}
	for (i = 0; i < req->nisos; i++) {
		if (fw_iso_rank(&req->isos[i]) == fw_iso_rank(&x))
			return true;
		if (fw_iso_rank(&req->isos[i]) > fw_iso_rank(&x))
			break;
	}
	ARENA_GROW(a, req->isos, req->nisos + 1, req->icap);
	memmove(&req->isos[i + 1], &req->isos[i],
		(req->nisos - i) * sizeof(*req->isos));
	req->isos[i] = x;
	req->nisos++;
	return true;
}

/* The index of requirement id in a built-in, or -1. */
static int fw_builtin_requirement(const struct framework_info *info,
				  const char *id)
{
	size_t i;

	for (i = 0; i < info->nreqs; i++)
		if (!strcmp(info->reqs[i].id, id))
			return (int)i;
	return -1;
}

/* A built-in framework from its compiled tables. */
static void fw_builtin(struct arena *a, struct framework *fw,
		       const struct framework_info *info)
{
	size_t i;

	fw->id = info->id;
	fw->name = info->name;
	fw->label = info->label;
	fw->builtin = true;
	fw->nreqs = info->nreqs;
	fw->reqs = arena_calloc(a, info->nreqs, sizeof(*fw->reqs));
	for (i = 0; i < info->nreqs; i++) {
		fw->reqs[i].id = info->reqs[i].id;
		fw->reqs[i].title = info->reqs[i].title;
		fw->reqs[i].group = info->reqs[i].group;
	}
	/* frameworks_gen has checked every row, so each one resolves. */
	for (i = 0; i < info->nlinks; i++) {
		const struct fw_link_info *l = &info->links[i];
		int k = fw_builtin_requirement(info, l->requirement);

		if (k >= 0)
			framework_link(a, &fw->reqs[k], l->iso);
	}
}

/* The own frameworks isms.yaml declares. */
static size_t fw_own_count(const struct config *cfg)
{
	size_t i, n = 0;

	for (i = 0; i < cfg->nframeworks; i++)
		n += cfg->frameworks[i].catalog != NULL;
	return n;
}

/* The built-ins, then the own frameworks isms.yaml declares. */
int frameworks_load(struct repo *r)
{
	const struct config *cfg = &r->config;
	struct fwset *s = arena_calloc(&r->arena, 1, sizeof(*s));
	size_t i;
	int errors = 0;

	r->frameworks = s;
	s->items =
	    arena_calloc(&r->arena, framework_builtin_count + fw_own_count(cfg),
			 sizeof(*s->items));
	s->configured = arena_calloc(&r->arena, cfg->nframeworks + 1,
				     sizeof(*s->configured));
	for (i = 0; i < framework_builtin_count; i++)
		fw_builtin(&r->arena, &s->items[s->len++],
			   &framework_builtins[i]);
	for (i = 0; i < cfg->nframeworks; i++) {
		const struct framework_decl *fd = &cfg->frameworks[i];
		struct framework *fw = fw_find(s, fd->id);

		if (fd->catalog) {
			fw = &s->items[s->len++];
			errors += framework_read(fw, fd, r->root, cfg,
						 &r->arena, &r->findings);
		}
		if (!fw)
			continue;
		fw->configured = true;
		s->configured[s->nconfigured++] = fw;
	}
	return errors ? -1 : 0;
}

/* A document's name for sorting and output: its id, else its path. */
static const char *fw_doc_name(const struct document *d)
{
	return d->id ? d->id : d->path;
}

/* Add d to requirement q's direct documents, in id order, once. */
static void fw_tag_add(struct arena *a, struct fw_req *q, struct document *d)
{
	size_t i;

	for (i = 0; i < q->ndirect; i++)
		if (q->direct[i] == d)
			return;
	for (i = 0; i < q->ndirect; i++)
		if (strcmp(fw_doc_name(q->direct[i]), fw_doc_name(d)) > 0)
			break;
	ARENA_GROW(a, q->direct, q->ndirect + 1, q->dcap);
	memmove(&q->direct[i + 1], &q->direct[i],
		(q->ndirect - i) * sizeof(*q->direct));
	q->direct[i] = d;
	q->ndirect++;
}

/* One tagged id: a requirement of fw, or a framework-unknown finding. */
static void fw_tag_one(struct repo *r, struct document *d, struct framework *fw,
		       const char *id, struct pos p)
{
	int k = framework_requirement(fw, id);
	const char *near;
	struct finding *f;

	if (k >= 0) {
		if (d->status != STATUS_RETIRED)
			fw_tag_add(&r->arena, &fw->reqs[k], d);
		return;
	}
	near = fw_nearest_requirement(fw, id);
	if (near)
		f = findings_add(&r->findings, "framework-unknown", d->path, p,
				 "'%s' is not a requirement of %s; did you "
				 "mean '%s'?",
				 id, fw->id, near);
	else
		f = findings_add(&r->findings, "framework-unknown", d->path, p,
				 "'%s' is not a requirement of %s", id, fw->id);
	f->document = findings_str(&r->findings, d->id);
	f->suggestion = findings_str(&r->findings, near);
}

/* A scalar of ids separated by commas or semicolons, one by one. */
static void fw_tag_string(struct repo *r, struct document *d,
			  struct framework *fw, const struct ynode *n)
{
	struct buf id = BUF_INIT;
	const char *s = n->str;

	while (*s) {
		size_t len = strcspn(s, ",;");
		const char *b = s, *e = s + len;

		while (b < e && (*b == ' ' || *b == '\t'))
			b++;
		while (e > b && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		buf_truncate(&id, 0);
		buf_add(&id, b, (size_t)(e - b));
		if (id.len)
			fw_tag_one(r, d, fw, id.ptr, n->pos);
		s += len + (s[len] != '\0');
	}
	buf_release(&id);
}

/* The ids under one framework key (a list, or one string). */
static void fw_tag_ids(struct repo *r, struct document *d, struct framework *fw,
		       const struct ynode *n)
{
	size_t i;

	if (n->kind == YNODE_SCALAR && !n->null)
		fw_tag_string(r, d, fw, n);
	for (i = 0; n->kind == YNODE_SEQ && i < n->count; i++)
		if (n->items[i]->kind == YNODE_SCALAR && !n->items[i]->null)
			fw_tag_one(r, d, fw, n->items[i]->str,
				   n->items[i]->pos);
}

/* "nis2, soc2": the ids of the known frameworks. */
static void fw_known_list(const struct fwset *s, struct buf *b)
{
	size_t i;

	for (i = 0; i < s->len; i++)
		buf_addf(b, "%s%s", i ? ", " : "", s->items[i].id);
}

/* A framework key that names no framework. */
static void fw_tag_unknown(struct repo *r, struct document *d,
			   const struct ymember *m)
{
	const char *near = frameworks_nearest(r->frameworks, m->key);
	struct buf known = BUF_INIT;
	struct finding *f;

	fw_known_list(r->frameworks, &known);
	if (near)
		f = findings_add(&r->findings, "framework-unknown", d->path,
				 m->key_pos,
				 "'%s' is not a known framework; did you mean "
				 "'%s'?",
				 m->key, near);
	else
		f = findings_add(&r->findings, "framework-unknown", d->path,
				 m->key_pos,
				 "'%s' is not a known framework (known: %s)",
				 m->key, buf_cstr(&known));
	f->document = findings_str(&r->findings, d->id);
	f->suggestion = findings_str(&r->findings, near);
	buf_release(&known);
}

/* Each document's frameworks key into the direct lists. */
void frameworks_tag(struct repo *r)
{
	size_t i, j;

	for (i = 0; r->frameworks && i < r->ndocs; i++) {
		struct document *d = r->docs[i];
		const struct ynode *n = d->frameworks;

		for (j = 0; n && n->kind == YNODE_MAP && j < n->count; j++) {
			const struct ymember *m = &n->members[j];
			struct framework *fw = fw_find(r->frameworks, m->key);

			if (!fw)
				fw_tag_unknown(r, d, m);
			else
				fw_tag_ids(r, d, fw, m->value);
		}
	}
}

/* A status as outputs write it. */
const char *fw_status_name(enum fw_status s)
{
	static const char *const names[] = {"direct", "implied", "partial",
					    "none"};

	return s < FW_STATUSES ? names[s] : "";
}

/* One id of a crosswalk with the map's documents for it. */
static void fw_through_fill(const struct repo *r, const struct fw_iso *x,
			    struct fw_through *t)
{
	t->clause = x->clause;
	if (x->clause) {
		const struct clause_state *c = &r->clauses[x->index];

		t->id = catalog_clauses[x->index].id;
		t->coverage = c->ndocs ? COVERAGE_FULL : COVERAGE_NONE;
		t->docs = c->docs;
		t->ndocs = c->ndocs;
		return;
	}
	t->id = catalog_controls[x->index].id;
	t->coverage = r->controls[x->index].coverage;
	t->docs = r->controls[x->index].docs;
	t->ndocs = r->controls[x->index].ndocs;
}

/* Order document pointers by id (the path when there is none). */
static int fw_doc_cmp(const void *a, const void *b)
{
	return strcmp(fw_doc_name(*(const struct document *const *)a),
		      fw_doc_name(*(const struct document *const *)b));
}

/* The distinct documents of a cover's through list, by id. */
static void fw_cover_implied(struct fw_cover *c)
{
	size_t i, j, k, n = 0;

	for (i = 0; i < c->nthrough; i++)
		n += c->through[i].ndocs;
	c->implied = xcalloc(n + 1, sizeof(*c->implied));
	for (i = 0; i < c->nthrough; i++) {
		for (j = 0; j < c->through[i].ndocs; j++) {
			const struct document *d = c->through[i].docs[j].doc;

			for (k = 0; k < c->nimplied && c->implied[k] != d; k++)
				;
			if (k == c->nimplied)
				c->implied[c->nimplied++] = d;
		}
	}
	if (c->nimplied > 1)
		qsort(c->implied, c->nimplied, sizeof(*c->implied), fw_doc_cmp);
}

/*
 * The status: tagged is direct; otherwise implied when every id of the
 * crosswalk that the SoA does not exclude is covered in full, partial
 * when any is covered at all, else none.  An excluded control is set
 * aside: its justification answers for it, as it does in the SoA.
 */
static enum fw_status fw_cover_status(const struct fw_cover *c)
{
	size_t i, excluded = 0;
	bool some = c->covered > 0;

	if (c->req->ndirect)
		return FW_DIRECT;
	for (i = 0; i < c->nthrough; i++) {
		excluded += c->through[i].coverage == COVERAGE_EXCLUDED;
		some = some || c->through[i].coverage == COVERAGE_PARTIAL;
	}
	if (c->covered && c->covered + excluded == c->nthrough)
		return FW_IMPLIED;
	return some ? FW_PARTIAL : FW_NONE;
}

/* The coverage of one requirement. */
static void fw_cover_build(const struct repo *r, const struct fw_req *q,
			   struct fw_cover *c)
{
	size_t i;

	c->req = q;
	c->through = xcalloc(q->nisos + 1, sizeof(*c->through));
	c->nthrough = q->nisos;
	for (i = 0; i < q->nisos; i++) {
		fw_through_fill(r, &q->isos[i], &c->through[i]);
		c->covered += c->through[i].coverage == COVERAGE_FULL;
	}
	fw_cover_implied(c);
	c->status = fw_cover_status(c);
}

/* The coverage of every requirement of fw, in catalog order. */
void fw_report_build(const struct repo *r, const struct framework *fw,
		     struct fw_report *rep)
{
	size_t i;

	memset(rep, 0, sizeof(*rep));
	rep->fw = fw;
	rep->items = xcalloc(fw->nreqs + 1, sizeof(*rep->items));
	for (i = 0; i < fw->nreqs; i++) {
		fw_cover_build(r, &fw->reqs[i], &rep->items[i]);
		rep->count[rep->items[i].status]++;
	}
	rep->len = fw->nreqs;
}

/* Free what fw_report_build() allocated. */
void fw_report_release(struct fw_report *rep)
{
	size_t i;

	for (i = 0; i < rep->len; i++) {
		free(rep->items[i].through);
		free(rep->items[i].implied);
	}
	free(rep->items);
	memset(rep, 0, sizeof(*rep));
}
