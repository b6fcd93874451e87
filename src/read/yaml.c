/*
 * Front-matter YAML: libyaml's event API turned into a ynode tree.
 *
 * libyaml types nothing (that is left to our schema), but it also checks
 * nothing of what we need: it has no depth or alias limits and accepts
 * duplicate keys.  Those checks are here.
 */
#include "isms/yaml.h"
#include "isms/alloc.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* A container being built: its node and the children read so far. */
struct yframe {
	struct ynode *node;
	void *kids; /* struct ynode ** or struct ymember */
	size_t len, cap;
	const char *key; /* maps: the key waiting for its value */
	struct pos key_pos;
};

struct yreader {
	const struct yaml_source *src;
	struct arena *arena;
	struct findings *fs;
	struct yframe *stack;
	size_t depth, cap;
	struct ynode *root;
	int failed;
};

/* Position of a libyaml mark (0-based) as a 1-based file position. */
static struct pos mark_pos(yaml_mark_t m)
{
	struct pos p = {(unsigned)m.line + 1, (unsigned)m.column + 1};

	return p;
}

/* Report a problem at pos and make the parse fail. */
static void yreader_fail(struct yreader *r, const char *rule, struct pos p,
			 const char *msg)
{
	findings_add(r->fs, rule, r->src->path, p, "%s", msg);
	r->failed = 1;
}

/* The first member of the map under construction with this key, or NULL. */
static const struct ymember *yframe_find(const struct yframe *f,
					 const char *key)
{
	const struct ymember *m = f->kids;
	size_t i;

	for (i = 0; i < f->len; i++)
		if (!strcmp(m[i].key, key))
			return &m[i];
	return NULL;
}

/* Attach a finished node to the container on top of the stack. */
static void yreader_attach(struct yreader *r, struct ynode *n)
{
	struct yframe *f;

	if (!r->depth) {
		if (!r->root)
			r->root = n;
		return;
	}
	f = &r->stack[r->depth - 1];
	if (f->node->kind == YNODE_SEQ) {
		alloc_grow(&f->kids, &f->cap, f->len + 1,
			   sizeof(struct ynode *));
		((struct ynode **)f->kids)[f->len++] = n;
		return;
	}
	if (!f->key) {
		if (n->kind != YNODE_SCALAR) {
			yreader_fail(r, "frontmatter-invalid", n->pos,
				     "a key must be a plain string");
			return;
		}
		f->key = n->str;
		f->key_pos = n->pos;
		return;
	}
	if (yframe_find(f, f->key)) {
		const struct ymember *first = yframe_find(f, f->key);

		findings_add(r->fs, "yaml-syntax", r->src->path, f->key_pos,
			     "duplicate key '%s' (first at line %u)", f->key,
			     first->key_pos.line);
	} else {
		struct ymember *m;

		alloc_grow(&f->kids, &f->cap, f->len + 1, sizeof(*m));
		m = &((struct ymember *)f->kids)[f->len++];
		m->key = f->key;
		m->key_pos = f->key_pos;
		m->value = n;
	}
	f->key = NULL;
}

/* A new node of kind at the event's start mark. */
static struct ynode *ynode_new(struct yreader *r, enum ynode_kind kind,
			       yaml_mark_t m)
{
	struct ynode *n = arena_calloc(r->arena, 1, sizeof(*n));

	n->kind = kind;
	n->pos = mark_pos(m);
	return n;
}

/* Handle a scalar event. */
static void yreader_scalar(struct yreader *r, const yaml_event_t *e)
{
	struct ynode *n = ynode_new(r, YNODE_SCALAR, e->start_mark);
	const char *v = (const char *)e->data.scalar.value;
	size_t len = e->data.scalar.length;

	n->str =
	    arena_strndup(r->src->strings ? r->src->strings : r->arena, v, len);
	n->len = len;
	n->quoted = e->data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
		    e->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	n->null = e->data.scalar.plain_implicit &&
		  e->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
		  (len == 0 || (len == 1 && v[0] == '~'));
	yreader_attach(r, n);
}

/* Handle the start of a sequence or mapping. */
static void yreader_open(struct yreader *r, const yaml_event_t *e,
			 enum ynode_kind kind)
{
	struct yframe *f;

	if (r->depth >= r->src->max_depth) {
		findings_add(r->fs, "frontmatter-limit", r->src->path,
			     mark_pos(e->start_mark),
			     "front matter nests deeper than %zu levels",
			     r->src->max_depth);
		r->failed = 1;
		return;
	}
	ALLOC_GROW(r->stack, r->depth + 1, r->cap);
	f = &r->stack[r->depth++];
	memset(f, 0, sizeof(*f));
	f->node = ynode_new(r, kind, e->start_mark);
}

/* Handle the end of a sequence or mapping: move children to the arena. */
static void yreader_close(struct yreader *r)
{
	struct yframe f = r->stack[--r->depth];
	size_t size = f.node->kind == YNODE_SEQ ? sizeof(struct ynode *)
						: sizeof(struct ymember);
	void *kids = arena_calloc(r->arena, f.len, size);

	if (f.len)
		memcpy(kids, f.kids, f.len * size);
	free(f.kids);
	f.node->count = f.len;
	if (f.node->kind == YNODE_SEQ)
		f.node->items = kids;
	else
		f.node->members = kids;
	yreader_attach(r, f.node);
}

/* Refuse anchors, aliases and explicit tags; see FORMAT.md. */
static int yreader_refused(struct yreader *r, const yaml_event_t *e)
{
	const yaml_char_t *anchor = NULL, *tag = NULL;
	struct pos p = mark_pos(e->start_mark);

	if (e->type == YAML_ALIAS_EVENT) {
		yreader_fail(r, "frontmatter-limit", p,
			     "aliases are not allowed in front matter");
		return 1;
	}
	if (e->type == YAML_SCALAR_EVENT) {
		anchor = e->data.scalar.anchor;
		tag = e->data.scalar.tag;
	} else if (e->type == YAML_SEQUENCE_START_EVENT) {
		anchor = e->data.sequence_start.anchor;
		tag = e->data.sequence_start.tag;
	} else if (e->type == YAML_MAPPING_START_EVENT) {
		anchor = e->data.mapping_start.anchor;
		tag = e->data.mapping_start.tag;
	}
	if (anchor)
		yreader_fail(r, "frontmatter-limit", p,
			     "anchors are not allowed in front matter");
	else if (tag)
		yreader_fail(r, "frontmatter-invalid", p,
			     "explicit tags are not allowed in front matter");
	return anchor || tag;
}

/*
 * Turn a libyaml parser error into a yaml-syntax finding; a failed
 * allocation is no fault of the text and stops isms instead.
 */
static void yreader_syntax(struct yreader *r, const yaml_parser_t *p)
{
	const char *problem = p->problem ? p->problem : "invalid YAML";
	const char *hint = "";

	if (p->error == YAML_MEMORY_ERROR)
		alloc_die();
	if (strstr(problem, "mapping values are not allowed"))
		hint = "; quote the value";
	else if (strstr(problem, "found character that cannot start"))
		hint = "; quote the value";
	findings_add(r->fs, "yaml-syntax", r->src->path,
		     mark_pos(p->problem_mark), "%s%s", problem, hint);
	r->failed = 1;
}

/* Feed one event to the tree builder; returns 1 when parsing is over. */
static int yreader_event(struct yreader *r, const yaml_event_t *e)
{
	if (yreader_refused(r, e))
		return 1;
	switch (e->type) {
	case YAML_SCALAR_EVENT: yreader_scalar(r, e); break;
	case YAML_SEQUENCE_START_EVENT: yreader_open(r, e, YNODE_SEQ); break;
	case YAML_MAPPING_START_EVENT: yreader_open(r, e, YNODE_MAP); break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT: yreader_close(r); break;
	case YAML_DOCUMENT_END_EVENT:
	case YAML_STREAM_END_EVENT: return 1;
	default: break;
	}
	return r->failed;
}

struct ynode *yaml_parse(const struct yaml_source *src, struct arena *arena,
			 struct findings *fs)
{
	struct yreader r = {src, arena, fs, NULL, 0, 0, NULL, 0};
	yaml_parser_t parser;
	yaml_event_t event;
	int done = 0;

	/* It fails only when its buffers cannot be allocated. */
	if (!yaml_parser_initialize(&parser))
		alloc_die();
	yaml_parser_set_input_string(&parser, (const unsigned char *)src->text,
				     src->len);
	while (!done) {
		if (!yaml_parser_parse(&parser, &event)) {
			yreader_syntax(&r, &parser);
			break;
		}
		done = yreader_event(&r, &event);
		yaml_event_delete(&event);
	}
	while (r.depth)
		free(r.stack[--r.depth].kids);
	free(r.stack);
	yaml_parser_delete(&parser);
	if (r.failed)
		return NULL;
	if (!r.root) { /* an empty document: a null scalar */
		r.root = arena_calloc(arena, 1, sizeof(*r.root));
		r.root->kind = YNODE_SCALAR;
		r.root->null = true;
		r.root->str = "";
		r.root->pos = (struct pos){1, 1};
	}
	return r.root;
}

struct ynode *ynode_copy(struct arena *arena, const struct ynode *n)
{
	struct ynode *c = arena_alloc(arena, sizeof(*c));
	size_t i;

	*c = *n;
	if (n->kind == YNODE_SEQ && n->count) {
		c->items = arena_alloc(arena, n->count * sizeof(*c->items));
		for (i = 0; i < n->count; i++)
			c->items[i] = ynode_copy(arena, n->items[i]);
	} else if (n->kind == YNODE_MAP && n->count) {
		c->members = arena_alloc(arena, n->count * sizeof(*c->members));
		for (i = 0; i < n->count; i++) {
			c->members[i] = n->members[i];
			c->members[i].value =
			    ynode_copy(arena, n->members[i].value);
		}
	}
	return c;
}

struct ynode *ynode_get(const struct ynode *map, const char *key)
{
	size_t i;

	if (!map || map->kind != YNODE_MAP)
		return NULL;
	for (i = 0; i < map->count; i++)
		if (!strcmp(map->members[i].key, key))
			return map->members[i].value;
	return NULL;
}
