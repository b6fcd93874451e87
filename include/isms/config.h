/* isms.yaml: the repository's configuration. */
#ifndef ISMS_CONFIG_H
#define ISMS_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "isms/arena.h"
#include "isms/date.h"
#include "isms/finding.h"
#include "isms/limits.h"

/* A list of strings in the arena. */
struct strlist {
	const char **items;
	size_t len;
};

/* One of the repository's own key names for a document key. */
struct field_alias {
	const char *alias;
	const char *key;
};

/* A register column renamed: kind's column is headed header. */
struct column_alias {
	const char *kind;
	const char *column;
	const char *header;
};

/* A file adopted as a register of kind whatever its front matter says. */
struct register_file {
	const char *kind;
	const char *path;
};

struct rule_severity {
	const char *rule;
	int severity; /* enum severity */
};

/* A finding accepted on purpose, until expires (0: no expiry). */
struct waiver {
	const char *rule;
	const char *control;
	const char *document;
	const char *file;
	const char *reason;
	isms_date expires;
	struct pos pos;
};

/*
 * A framework isms.yaml lists: a built-in by id (catalog NULL), or one of
 * the repository's own with its two CSV files, relative to the root.
 */
struct framework_decl {
	const char *id;
	const char *name;
	const char *label;
	const char *catalog;
	const char *crosswalk;
	struct pos pos; /* of the entry */
	struct pos catalog_pos;
	struct pos crosswalk_pos;
};

/*
 * Strings are in the arena passed to config_load().  Every key has a
 * default, so a repository without isms.yaml gets a usable config.
 */
struct config {
	const char *path; /* "isms.yaml", or NULL when there is none */
	const char *organisation;
	const char *standard;
	int stage;
	struct framework_decl *frameworks;
	size_t nframeworks;
	struct strlist include;
	struct strlist exclude;
	int target_stage1;
	int target_stage2;
	struct limits limits;
	const char *mapping_heading;
	bool discover;
	int risk_threshold; /* likelihood x impact that makes a risk high */
	struct field_alias *fields;
	size_t nfields;
	struct column_alias *columns;
	size_t ncolumns;
	struct register_file *register_files;
	size_t nregister_files;
	struct rule_severity *rules;
	size_t nrules;
	struct waiver *waivers;
	size_t nwaivers;
};

/* Fill cfg with the defaults of FORMAT.md. */
void config_defaults(struct config *cfg);

/*
 * Read dir/file (normally root and "isms.yaml") into cfg, with defaults
 * for what it leaves out.  A missing isms.yaml is fine; a missing file
 * named otherwise is an error.  Every problem is a finding in fs, at its
 * position, under the name file; returns -1 when there was any error
 * (the configuration cannot be trusted), 0 otherwise.
 */
int config_load(struct config *cfg, const char *dir, const char *file,
		struct arena *arena, struct findings *fs);

/*
 * Read the configuration text (len bytes, named file in findings) into
 * cfg, which config_defaults() has prepared; as config_load().
 */
int config_parse(struct config *cfg, const char *file, const char *text,
		 size_t len, struct arena *arena, struct findings *fs);

/* The document key that name stands for: itself or an alias's key. */
const char *config_field(const struct config *cfg, const char *name);

/* Parse "16MiB", "64KiB", "1GiB", "4096" into bytes; false if invalid. */
bool config_parse_size(const char *s, size_t *out);

#endif
