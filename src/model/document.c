/*
 * The document schema: front matter typed key by key.  Scalars arrive as
 * strings (see yaml.c) and get their type here, so "1.0" stays "1.0" and
 * "ON" stays "ON".
 */
#include "isms/document.h"
#include "isms/alloc.h"
#include "isms/buf.h"
#include "isms/ids.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const document_keys[] = {
    "id",	   "title",	    "type",	    "owner",
    "status",	   "maturity",	    "version",	    "approved_by",
    "approved_on", "last_reviewed", "review_every", "next_review",
    "clauses",	   "controls",	    "services",	    "frameworks",
    "evidence",	   "tags",	    "target",	    "schedule",
    "shareable",   "register",	    "data",	    NULL};

const char *const register_kinds[] = {
    "risk",	     "asset",	"incident", "change",
    "nonconformity", "mapping", "supplier", NULL};

static const char *const type_names[] = {
    "",		"policy",  "standard",	  "procedure",
    "plan",	"scope",   "methodology", "record",
    "report",	"minutes", "agreement",	  "answer",
    "register", "soa",	   "services",	  "responsibilities",
    "other",	NULL};

static const char *const status_names[] = {"",	       "draft",	  "review",
					   "approved", "retired", NULL};

/* Index of s in a NULL-terminated list (case-blind), or -1. */
static int name_index(const char *const *names, const char *s)
{
	int i;

	for (i = 0; names[i]; i++)
		if (!strcasecmp(names[i], s))
			return i;
	return -1;
}

bool document_key_known(const char *key)
{
	return name_index(document_keys, key) >= 0;
}

bool register_kind_known(const char *kind)
{
	return name_index(register_kinds, kind) >= 0;
}

const char *doc_type_name(enum doc_type t)
{
	return type_names[t];
}

const char *doc_status_name(enum doc_status s)
{
	return status_names[s];
}

const char *coverage_name(enum coverage c)
{
	static const char *const names[] = {"none", "partial", "full",
					    "excluded"};

	return names[c];
}

const char *link_source_name(enum link_source s)
{
	static const char *const names[] = {"front matter", "mapping register",
					    "text"};

	return names[s];
}

int document_maturity(const struct document *d)
{
	if (d->maturity)
		return d->maturity;
	return d->status == STATUS_APPROVED ? 2 : 1;
}

/* What document_load() works with. */
struct docload {
	struct document *d;
	const struct config *cfg;
	struct arena *arena;
	struct findings *fs;
	size_t ccap, kcap; /* capacities of d->controls, d->clauses */
};

/* Report a bad value at node n, naming the key. */
static void bad_value(struct docload *l, const struct ynode *n, const char *key,
		      const char *want)
{
	if (n->kind == YNODE_SCALAR)
		findings_add(l->fs, "field-invalid", l->d->path, n->pos,
			     "%s '%s' is not %s", key, n->str, want);
	else
		findings_add(l->fs, "field-invalid", l->d->path, n->pos,
			     "%s must be %s", key, want);
}

/* A non-empty scalar's text, or NULL (with a finding for a non-scalar). */
static const char *scalar(struct docload *l, const struct ynode *n,
			  const char *key)
{
	if (n->kind != YNODE_SCALAR) {
		bad_value(l, n, key, "a single value");
		return NULL;
	}
	return n->null || !n->len ? NULL : n->str;
}

/* A whole number from lo to hi, or 0 (with a finding). */
static int small_int(struct docload *l, const struct ynode *n, const char *key,
		     int lo, int hi)
{
	const char *s = scalar(l, n, key);
	char *end;
	long v;

	if (!s)
		return 0;
	v = strtol(s, &end, 10);
	if (*end || v < lo || v > hi) {
		findings_add(l->fs, "field-invalid", l->d->path, n->pos,
			     "%s '%s' is not a whole number from %d to %d", key,
			     s, lo, hi);
		return 0;
	}
	return (int)v;
}

/* A date, or 0 (with a finding). */
static isms_date date_value(struct docload *l, const struct ynode *n,
			    const char *key)
{
	const char *s = scalar(l, n, key);
	isms_date d;

	if (!s)
		return 0;
	d = date_parse(s);
	if (!d)
		findings_add(l->fs, "field-invalid", l->d->path, n->pos,
			     "%s '%s' is not a date; write yyyy-mm-dd", key, s);
	return d;
}

/* An enum value (case-blind), or 0 (with a finding listing the values). */
static int enum_value(struct docload *l, const struct ynode *n, const char *key,
		      const char *const *names)
{
	const char *s = scalar(l, n, key);
	struct buf want = BUF_INIT;
	int i;

	if (!s)
		return 0;
	i = name_index(names, s);
	if (i > 0)
		return i;
	buf_adds(&want, "one of");
	for (i = 1; names[i]; i++)
		buf_addf(&want, "%s %s", i > 1 ? "," : "", names[i]);
	bad_value(l, n, key, want.ptr);
	buf_release(&want);
	return 0;
}

/*
 * Split a list value into strings: a sequence of scalars, or one scalar
 * whose items are separated by commas or semicolons.
 */
static void string_list(struct docload *l, const struct ynode *n,
			const char *key, struct strlist *out)
{
	size_t i, cap = 0;

	memset(out, 0, sizeof(*out));
	if (n->kind == YNODE_MAP) {
		bad_value(l, n, key, "a list");
		return;
	}
	if (n->kind == YNODE_SCALAR) {
		const char *s = n->null ? "" : n->str;

		while (*s) {
			size_t len = strcspn(s, ",;");
			const char *b = s, *e = s + len;

			while (b < e && (*b == ' ' || *b == '\t'))
				b++;
			while (e > b && (e[-1] == ' ' || e[-1] == '\t'))
				e--;
			if (e > b) {
				ARENA_GROW(l->arena, out->items, out->len + 1,
					   cap);
				out->items[out->len++] =
				    arena_strndup(l->arena, b, (size_t)(e - b));
			}
			s += len + (s[len] != '\0');
		}
		return;
	}
	out->items = arena_calloc(l->arena, n->count, sizeof(char *));
	for (i = 0; i < n->count; i++) {
		const char *s = scalar(l, n->items[i], key);

		if (s)
			out->items[out->len++] = s;
	}
}

/* Position of byte off within scalar n: exact on single-line scalars. */
static struct pos scalar_pos(const struct ynode *n, size_t off)
{
	struct pos p = n->pos;
	size_t i;

	if (memchr(n->str, '\n', n->len))
		return p;
	p.column += n->quoted;
	for (i = 0; i < off && i < n->len; i++)
		if (((unsigned char)n->str[i] & 0xC0) != 0x80)
			p.column++;
	return p;
}

/* Report an Annex A id that is not a 2022 control. */
static void control_problem(struct docload *l, const struct id_match *m,
			    struct pos p)
{
	ids_report_control(l->fs, l->d->path, p, m, "");
}

/* Add (or strengthen) the link to control index with coverage. */
static void add_control(struct docload *l, int index, enum coverage cov,
			struct pos p)
{
	struct document *d = l->d;
	size_t i;

	for (i = 0; i < d->ncontrols; i++) {
		if (d->controls[i].control == index) {
			if (cov > d->controls[i].coverage)
				d->controls[i].coverage = cov;
			return;
		}
	}
	ARENA_GROW(l->arena, d->controls, d->ncontrols + 1, l->ccap);
	d->controls[d->ncontrols++] =
	    (struct control_link){index, cov, SOURCE_FRONTMATTER, p};
}

/* Note that an id was written in a form other than the canonical one. */
static void note_normalised(struct docload *l, const char *written, size_t len,
			    const char *canonical, struct pos p, bool clause)
{
	struct finding *f =
	    findings_add(l->fs, "id-normalised", l->d->path, p,
			 "'%.*s' read as '%s'; write '%s' to silence this note",
			 (int)len, written, canonical, canonical);

	if (clause)
		f->clause = findings_str(l->fs, canonical);
	else
		f->control = findings_str(l->fs, canonical);
}

/* Read the control ids in one scalar, all with coverage cov. */
static void control_scalar(struct docload *l, const struct ynode *n,
			   enum coverage cov)
{
	struct id_match m[64];
	size_t i, found;

	if (n->kind != YNODE_SCALAR) {
		bad_value(l, n, "controls", "a list of control ids");
		return;
	}
	found = ids_find_controls(n->str, n->len, m, 64);
	if (!found && !n->null && n->len) {
		struct finding *f =
		    findings_add(l->fs, "control-unknown", l->d->path, n->pos,
				 "no Annex A control id in '%s'", n->str);

		f->control = findings_str(l->fs, n->str);
	}
	for (i = 0; i < found && i < 64; i++) {
		struct pos p = scalar_pos(n, m[i].start);

		if (m[i].status == ID_CANONICAL || m[i].status == ID_NORMALISED)
			add_control(l, m[i].index, cov, p);
		else
			control_problem(l, &m[i], p);
		if (m[i].status == ID_NORMALISED)
			note_normalised(l, n->str + m[i].start,
					m[i].end - m[i].start, m[i].text, p,
					false);
	}
}

/* controls: a list, a comma string, or a map id -> full|partial. */
static void controls_value(struct docload *l, const struct ynode *n)
{
	size_t i;

	/* Room for every item at once: no copies left behind in the arena. */
	if (n->kind != YNODE_SCALAR)
		ARENA_GROW(l->arena, l->d->controls, l->d->ncontrols + n->count,
			   l->ccap);
	if (n->kind == YNODE_SCALAR) {
		control_scalar(l, n, COVERAGE_FULL);
	} else if (n->kind == YNODE_SEQ) {
		for (i = 0; i < n->count; i++)
			control_scalar(l, n->items[i], COVERAGE_FULL);
	} else {
		for (i = 0; i < n->count; i++) {
			const struct ymember *m = &n->members[i];
			struct ynode key = {
			    YNODE_SCALAR,   m->key_pos, false, false, m->key,
			    strlen(m->key), 0,		NULL,  NULL};
			static const char *const covs[] = {"", "partial",
							   "full", NULL};
			int c = m->value->null
				    ? COVERAGE_FULL
				    : enum_value(l, m->value, "coverage", covs);

			control_scalar(l, &key,
				       c ? (enum coverage)c : COVERAGE_FULL);
		}
	}
}

/* Report a clause id that names no clause. */
static void clause_problem(struct docload *l, const struct id_match *m,
			   struct pos p)
{
	struct finding *f;

	if (m->status == ID_COARSE) {
		struct buf subs = BUF_INIT;
		size_t i, n = strlen(m->text);

		for (i = 0; i < catalog_clause_count; i++) {
			const char *id = catalog_clauses[i].id;

			if (!strncmp(id, m->text, n) && id[n] == '.' &&
			    !strchr(id + n + 1, '.'))
				buf_addf(&subs, "%s%s", subs.len ? ", " : "",
					 id);
		}
		f = findings_add(l->fs, "clause-unknown", l->d->path, p,
				 "clause '%s' is too coarse to cover "
				 "anything; name its subclauses (%s)",
				 m->text, buf_cstr(&subs));
		f->suggestion = findings_str(l->fs, buf_cstr(&subs));
		buf_release(&subs);
	} else if (m->suggestion >= 0) {
		f = findings_add(l->fs, "clause-unknown", l->d->path, p,
				 "'%s' is not a clause of ISO 27001:2022; did "
				 "you mean '%s'?",
				 m->text, catalog_clauses[m->suggestion].id);
		f->suggestion = catalog_clauses[m->suggestion].id;
	} else {
		f = findings_add(l->fs, "clause-unknown", l->d->path, p,
				 "'%s' is not a clause of ISO 27001:2022",
				 m->text);
	}
	f->clause = findings_str(l->fs, m->text);
}

/* Read the clause ids in one scalar. */
static void clause_scalar(struct docload *l, const struct ynode *n)
{
	struct document *d = l->d;
	struct id_match m[32];
	size_t i, j, found;

	if (n->kind != YNODE_SCALAR) {
		bad_value(l, n, "clauses", "a list of clause ids");
		return;
	}
	found = ids_find_clauses(n->str, n->len, m, 32);
	if (!found && !n->null && n->len) {
		struct finding *f =
		    findings_add(l->fs, "clause-unknown", l->d->path, n->pos,
				 "no clause id in '%s'", n->str);

		f->clause = findings_str(l->fs, n->str);
	}
	for (i = 0; i < found && i < 32; i++) {
		struct pos p = scalar_pos(n, m[i].start);

		if (m[i].index < 0) {
			clause_problem(l, &m[i], p);
			continue;
		}
		if (m[i].status == ID_NORMALISED)
			note_normalised(l, n->str + m[i].start,
					m[i].end - m[i].start, m[i].text, p,
					true);
		for (j = 0; j < d->nclauses; j++)
			if (d->clauses[j].clause == m[i].index)
				break;
		if (j < d->nclauses)
			continue;
		ARENA_GROW(l->arena, d->clauses, d->nclauses + 1, l->kcap);
		d->clauses[d->nclauses++] =
		    (struct clause_link){m[i].index, SOURCE_FRONTMATTER, p};
	}
}

/* clauses: a list or a comma string. */
static void clauses_value(struct docload *l, const struct ynode *n)
{
	size_t i;

	if (n->kind == YNODE_SEQ)
		ARENA_GROW(l->arena, l->d->clauses, l->d->nclauses + n->count,
			   l->kcap);
	if (n->kind == YNODE_SCALAR)
		clause_scalar(l, n);
	else if (n->kind == YNODE_SEQ)
		for (i = 0; i < n->count; i++)
			clause_scalar(l, n->items[i]);
	else
		bad_value(l, n, "clauses", "a list of clause ids");
}

/* schedule: a list of {date, title}. */
static void schedule_value(struct docload *l, const struct ynode *n)
{
	struct document *d = l->d;
	size_t i;

	if (n->kind != YNODE_SEQ) {
		bad_value(l, n, "schedule", "a list of {date, title}");
		return;
	}
	d->schedule = arena_calloc(l->arena, n->count, sizeof(*d->schedule));
	for (i = 0; i < n->count; i++) {
		const struct ynode *it = n->items[i];
		const struct ynode *date = ynode_get(it, "date");
		const struct ynode *title = ynode_get(it, "title");
		struct schedule_item *s = &d->schedule[d->nschedule];

		if (it->kind != YNODE_MAP || !date || !title) {
			bad_value(l, it, "a schedule entry",
				  "a mapping with date and title");
			continue;
		}
		s->date = date_value(l, date, "date");
		s->title = scalar(l, title, "title");
		s->pos = it->pos;
		if (s->date && s->title)
			d->nschedule++;
	}
}

/* frameworks: a map of framework -> list of ids. */
static void frameworks_value(struct docload *l, const struct ynode *n)
{
	size_t i;

	if (n->kind != YNODE_MAP) {
		bad_value(l, n, "frameworks",
			  "a mapping of framework to a list of ids");
		return;
	}
	for (i = 0; i < n->count; i++) {
		struct strlist ids;

		string_list(l, n->members[i].value, n->members[i].key, &ids);
	}
	l->d->frameworks = ynode_copy(l->arena, n); /* the tree is freed */
}

/* true/false (case-blind; yes/no accepted). */
static bool bool_value(struct docload *l, const struct ynode *n,
		       const char *key)
{
	const char *s = scalar(l, n, key);

	if (!s)
		return false;
	if (!strcasecmp(s, "true") || !strcasecmp(s, "yes"))
		return true;
	if (strcasecmp(s, "false") && strcasecmp(s, "no"))
		bad_value(l, n, key, "true or false");
	return false;
}

/* Type the value of one known key. */
static void load_key(struct docload *l, enum field f, const struct ynode *v)
{
	struct document *d = l->d;
	const char *key = document_keys[f];

	switch (f) {
	case F_ID: d->id = scalar(l, v, key); break;
	case F_TITLE: d->title = scalar(l, v, key); break;
	case F_OWNER: d->owner = scalar(l, v, key); break;
	case F_VERSION: d->version = scalar(l, v, key); break;
	case F_APPROVED_BY: d->approved_by = scalar(l, v, key); break;
	case F_DATA: d->data = scalar(l, v, key); break;
	case F_TYPE: d->type = enum_value(l, v, key, type_names); break;
	case F_STATUS: d->status = enum_value(l, v, key, status_names); break;
	case F_REGISTER:
		d->register_kind = scalar(l, v, key);
		if (d->register_kind && !register_kind_known(d->register_kind))
			bad_value(l, v, key, "a register kind");
		break;
	case F_MATURITY: d->maturity = small_int(l, v, key, 1, 4); break;
	case F_TARGET: d->target = small_int(l, v, key, 1, 4); break;
	case F_APPROVED_ON: d->approved_on = date_value(l, v, key); break;
	case F_LAST_REVIEWED: d->last_reviewed = date_value(l, v, key); break;
	case F_NEXT_REVIEW: d->next_review = date_value(l, v, key); break;
	case F_REVIEW_EVERY: {
		const char *s = scalar(l, v, key);

		if (s && !duration_parse(s, &d->review_every))
			bad_value(l, v, key,
				  "a duration such as 90d, 6w, "
				  "6m or 1y");
		break;
	}
	case F_CLAUSES: clauses_value(l, v); break;
	case F_CONTROLS: controls_value(l, v); break;
	case F_SERVICES: string_list(l, v, key, &d->services); break;
	case F_EVIDENCE: string_list(l, v, key, &d->evidence); break;
	case F_TAGS: string_list(l, v, key, &d->tags); break;
	case F_FRAMEWORKS: frameworks_value(l, v); break;
	case F_SCHEDULE: schedule_value(l, v); break;
	case F_SHAREABLE: d->shareable = bool_value(l, v, key); break;
	case F_COUNT: break;
	}
}

/* Report an unknown key, suggesting the nearest known one. */
static void unknown_key(struct docload *l, const struct ymember *m)
{
	const char *best = NULL;
	unsigned d, best_d = 3;
	struct finding *f;
	size_t i;

	for (i = 0; document_keys[i]; i++) {
		d = ids_distance(m->key, document_keys[i]);
		if (d < best_d) {
			best_d = d;
			best = document_keys[i];
		}
	}
	if (best)
		f = findings_add(l->fs, "field-unknown", l->d->path, m->key_pos,
				 "unknown key '%s'; did you mean '%s'?", m->key,
				 best);
	else
		f = findings_add(l->fs, "field-unknown", l->d->path, m->key_pos,
				 "unknown key '%s'; map it in isms.yaml "
				 "'fields' if it means a known key",
				 m->key);
	f->suggestion = findings_str(l->fs, best);
}

/*
 * Required keys (owner has a rule of its own: owner-missing).  A
 * discovered document has an id and a title from its path and heading.
 */
static void check_required(struct docload *l)
{
	static const enum field required[] = {F_ID, F_TITLE, F_TYPE, F_STATUS};
	struct document *d = l->d;
	size_t i;

	for (i = 0; i < sizeof(required) / sizeof(*required); i++) {
		struct finding *f;

		if (d->pos[required[i]].line ||
		    (d->discovered && required[i] == F_ID) ||
		    (d->discovered && required[i] == F_TITLE && d->title))
			continue;
		f = findings_add(
		    l->fs, "field-missing", d->path, (struct pos){1, 1},
		    d->discovered ? "no front matter, so required key "
				    "'%s' is missing; read by discovery"
				  : "required key '%s' is missing",
		    document_keys[required[i]]);
		f->document = d->id;
	}
}

void document_load(struct document *d, const struct ynode *root,
		   const struct config *cfg, struct arena *arena,
		   struct findings *fs)
{
	struct docload l = {d, cfg, arena, fs, 0, 0};
	size_t i;

	for (i = 0; root && i < root->count; i++) {
		const struct ymember *m = &root->members[i];
		const char *key = config_field(cfg, m->key);
		int f = name_index(document_keys, key);

		if (f < 0 || strcmp(document_keys[f], key)) {
			unknown_key(&l, m);
			continue;
		}
		if (d->pos[f].line) {
			findings_add(fs, "field-invalid", d->path, m->key_pos,
				     "key '%s' is given twice (as '%s' here, "
				     "first at line %u)",
				     key, m->key, d->pos[f].line);
			continue;
		}
		if (m->value->null ||
		    (m->value->kind == YNODE_SCALAR && !m->value->len))
			continue; /* an empty value counts as absent */
		d->pos[f] = m->value->pos;
		load_key(&l, (enum field)f, m->value);
	}
	if (!d->next_review)
		d->next_review = date_add(
		    d->last_reviewed ? d->last_reviewed : d->approved_on,
		    d->review_every.n ? d->review_every
				      : (struct duration){12, 'm'});
	check_required(&l);
}
