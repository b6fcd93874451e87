/* Front-matter YAML read with libyaml's event API into a small tree. */
#ifndef ISMS_YAML_H
#define ISMS_YAML_H

#include <stdbool.h>
#include <stddef.h>

#include "isms/arena.h"
#include "isms/finding.h"

enum ynode_kind { YNODE_SCALAR, YNODE_SEQ, YNODE_MAP };

struct ynode;

/* A key of a mapping (always a scalar) and its value. */
struct ymember {
	const char *key;
	struct pos key_pos;
	struct ynode *value;
};

/*
 * A node.  Every scalar is kept as the string it was written as; typing
 * is the schema's job, never YAML 1.1's.  An empty plain scalar or "~"
 * has null set.  Positions are in the file as it is on disk.
 */
struct ynode {
	enum ynode_kind kind;
	struct pos pos;
	bool null;
	bool quoted;	 /* written in single or double quotes */
	const char *str; /* YNODE_SCALAR, NUL-terminated */
	size_t len;
	size_t count;		 /* items or members */
	struct ynode **items;	 /* YNODE_SEQ */
	struct ymember *members; /* YNODE_MAP */
};

/* Where a YAML text sits, and what it may cost. */
struct yaml_source {
	const char *path; /* for findings, relative to the root */
	const char *text; /* from the start of the file */
	size_t len;
	size_t max_depth;
	/*
	 * Where the scalars' text goes, or NULL for the tree's arena: a
	 * reader that keeps the text but not the tree parses the tree into
	 * an arena it frees soon after.
	 */
	struct arena *strings;
};

/*
 * Parse one YAML document into a tree in arena.  Errors become findings
 * (yaml-syntax at libyaml's problem mark, frontmatter-limit for depth,
 * anchors and aliases, frontmatter-invalid for tags and
 * duplicate keys as yaml-syntax) in fs.  Returns the root, or NULL when
 * the text could not be read as a tree (an empty text gives a null
 * scalar); a duplicate key alone does not
 * fail the parse (the first value wins).
 */
struct ynode *yaml_parse(const struct yaml_source *src, struct arena *arena,
			 struct findings *fs);

/* A copy of the tree n in arena; its scalars' text is shared, not copied. */
struct ynode *ynode_copy(struct arena *arena, const struct ynode *n);

/* The member value for key in a mapping, or NULL. */
struct ynode *ynode_get(const struct ynode *map, const char *key);

#endif
