/*
 * isms.yaml.  The file is YAML read with the same tree builder as front
 * matter; every key is checked here and an unknown one is an error, so
 * that a typo never silently changes what is checked.
 */
#include "isms/config.h"
#include "isms/alloc.h"
#include "isms/document.h"
#include "isms/fileio.h"
#include "isms/framework.h"
#include "isms/ids.h"
#include "isms/rules.h"
#include "isms/yaml.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define CONFIG_FILE "isms.yaml"

/* What config_load() is working on. */
struct cfgload {
	struct config *cfg;
	struct arena *arena;
	struct findings *fs;
	const char *file; /* as findings name it */
	int errors;
};

void config_defaults(struct config *cfg)
{
	static const struct limits limits = LIMITS_DEFAULT;

	memset(cfg, 0, sizeof(*cfg));
	cfg->standard = "iso27001:2022";
	cfg->stage = 1;
	cfg->target_stage1 = 2;
	cfg->target_stage2 = 3;
	cfg->limits = limits;
	cfg->mapping_heading = "ISO 27001 mapping";
	cfg->risk_threshold = 15;
}

/* Report a configuration problem at node n. */
__attribute__((format(printf, 3, 4))) static void
cfg_error(struct cfgload *l, const struct ynode *n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	findings_vadd(l->fs, "config-invalid", l->file, n->pos, fmt, ap);
	va_end(ap);
	l->errors++;
}

/* Report an unknown key with the nearest known key as a suggestion. */
static void cfg_unknown(struct cfgload *l, const struct ymember *m,
			const char *const *known, const char *where)
{
	const char *best = NULL;
	unsigned d, best_d = 3;
	struct finding *f;

	for (; *known; known++) {
		d = ids_distance(m->key, *known);
		if (d < best_d) {
			best_d = d;
			best = *known;
		}
	}
	if (best)
		f = findings_add(l->fs, "config-invalid", l->file, m->key_pos,
				 "unknown key '%s'%s; did you mean '%s'?",
				 m->key, where, best);
	else
		f = findings_add(l->fs, "config-invalid", l->file, m->key_pos,
				 "unknown key '%s'%s", m->key, where);
	f->suggestion = findings_str(l->fs, best);
	l->errors++;
}

/* A scalar's string, or NULL (and an error) for anything else. */
static const char *cfg_str(struct cfgload *l, const struct ynode *n)
{
	if (n->kind != YNODE_SCALAR) {
		cfg_error(l, n, "expected a single value");
		return NULL;
	}
	return n->null ? NULL : n->str;
}

/* A list of strings: a sequence of scalars, or one scalar. */
static void cfg_list(struct cfgload *l, const struct ynode *n,
		     struct strlist *out)
{
	size_t i;

	out->len = 0;
	if (n->kind == YNODE_SCALAR) {
		if (n->null)
			return;
		out->items = arena_alloc(l->arena, sizeof(char *));
		out->items[out->len++] = n->str;
		return;
	}
	if (n->kind != YNODE_SEQ) {
		cfg_error(l, n, "expected a list");
		return;
	}
	out->items = arena_calloc(l->arena, n->count, sizeof(char *));
	for (i = 0; i < n->count; i++) {
		const char *s = cfg_str(l, n->items[i]);

		if (s)
			out->items[out->len++] = s;
	}
}

/* An integer between lo and hi, or fallback (and an error). */
static int cfg_int(struct cfgload *l, const struct ynode *n, int lo, int hi,
		   int fallback)
{
	const char *s = cfg_str(l, n);
	char *end;
	long v;

	if (!s)
		return fallback;
	v = strtol(s, &end, 10);
	if (*end || end == s || v < lo || v > hi) {
		findings_add(l->fs, "config-invalid", l->file, n->pos,
			     "'%s' is not a whole number from %d to %d", s, lo,
			     hi);
		l->errors++;
		return fallback;
	}
	return (int)v;
}

/* true or false (also yes/no), or fallback (and an error). */
static bool cfg_bool(struct cfgload *l, const struct ynode *n, bool fallback)
{
	const char *s = cfg_str(l, n);

	if (!s)
		return fallback;
	if (!strcasecmp(s, "true") || !strcasecmp(s, "yes"))
		return true;
	if (!strcasecmp(s, "false") || !strcasecmp(s, "no"))
		return false;
	cfg_error(l, n, "'%s' is not true or false", s);
	return fallback;
}

/* True when n is a mapping; otherwise an error naming what was wanted. */
static bool cfg_is_map(struct cfgload *l, const struct ynode *n)
{
	if (n->kind == YNODE_MAP)
		return true;
	if (!(n->kind == YNODE_SCALAR && n->null))
		cfg_error(l, n, "expected a mapping of keys");
	return false;
}

bool config_parse_size(const char *s, size_t *out)
{
	static const struct {
		const char *unit;
		size_t mult;
	} units[] = {{"", 1},
		     {"b", 1},
		     {"k", 1024},
		     {"kb", 1024},
		     {"kib", 1024},
		     {"m", 1024 * 1024},
		     {"mb", 1024 * 1024},
		     {"mib", 1024 * 1024},
		     {"g", 1024UL * 1024 * 1024},
		     {"gb", 1024UL * 1024 * 1024},
		     {"gib", 1024UL * 1024 * 1024}};
	char *end;
	unsigned long long v;
	size_t i;

	if (!s || !isdigit((unsigned char)*s))
		return false;
	v = strtoull(s, &end, 10);
	while (*end == ' ')
		end++;
	for (i = 0; i < sizeof(units) / sizeof(*units); i++) {
		if (!strcasecmp(end, units[i].unit)) {
			if (v == 0 ||
			    v > (unsigned long long)-1 / units[i].mult)
				return false;
			*out = (size_t)(v * units[i].mult);
			return true;
		}
	}
	return false;
}

/* limits: {frontmatter, depth, markdown, csv, cell, columns, config}. */
static void cfg_limits(struct cfgload *l, const struct ynode *n)
{
	static const char *const keys[] = {
	    "frontmatter", "depth", "markdown", "csv", "cell", "columns", NULL};
	struct limits *lim = &l->cfg->limits;
	size_t *slots[] = {&lim->frontmatter, &lim->yaml_depth, &lim->markdown,
			   &lim->csv,	      &lim->cell,	&lim->columns};
	size_t i, k;

	if (!cfg_is_map(l, n))
		return;
	for (i = 0; i < n->count; i++) {
		const struct ymember *m = &n->members[i];
		const char *s;

		for (k = 0; keys[k] && strcmp(keys[k], m->key); k++)
			;
		if (!keys[k]) {
			cfg_unknown(l, m, keys, " in 'limits'");
			continue;
		}
		s = cfg_str(l, m->value);
		if (s && !config_parse_size(s, slots[k]))
			cfg_error(l, m->value,
				  "'%s' is not a size such as 16MiB or 4096",
				  s);
	}
}

/* targets: {stage1: 2, stage2: 3}. */
static void cfg_targets(struct cfgload *l, const struct ynode *n)
{
	static const char *const keys[] = {"stage1", "stage2", NULL};
	size_t i;

	if (!cfg_is_map(l, n))
		return;
	for (i = 0; i < n->count; i++) {
		const struct ymember *m = &n->members[i];

		if (!strcmp(m->key, "stage1"))
			l->cfg->target_stage1 = cfg_int(l, m->value, 1, 4, 2);
		else if (!strcmp(m->key, "stage2"))
			l->cfg->target_stage2 = cfg_int(l, m->value, 1, 4, 3);
		else
			cfg_unknown(l, m, keys, " in 'targets'");
	}
}

/* fields: {key: [alias, ...]}; keys must be document keys. */
static void cfg_fields(struct cfgload *l, const struct ynode *n)
{
	struct config *cfg = l->cfg;
	size_t i, j, cap = 0;

	if (!cfg_is_map(l, n))
		return;
	for (i = 0; i < n->count; i++) {
		const struct ymember *m = &n->members[i];
		struct strlist aliases;

		if (!document_key_known(m->key)) {
			cfg_unknown(l, m, document_keys, " in 'fields'");
			continue;
		}
		cfg_list(l, m->value, &aliases);
		for (j = 0; j < aliases.len; j++) {
			ARENA_GROW(l->arena, cfg->fields, cfg->nfields + 1,
				   cap);
			cfg->fields[cfg->nfields].alias = aliases.items[j];
			cfg->fields[cfg->nfields++].key = m->key;
		}
	}
}

/* registers: {kind: {columns: {column: header}, files: [path]}}. */
static void cfg_register(struct cfgload *l, const char *kind,
			 const struct ynode *n, size_t *ccap, size_t *fcap)
{
	static const char *const keys[] = {"columns", "files", NULL};
	struct config *cfg = l->cfg;
	size_t i, j;

	if (!cfg_is_map(l, n))
		return;
	for (i = 0; i < n->count; i++) {
		const struct ymember *m = &n->members[i];
		struct strlist files;

		if (!strcmp(m->key, "files")) {
			cfg_list(l, m->value, &files);
			for (j = 0; j < files.len; j++) {
				ARENA_GROW(l->arena, cfg->register_files,
					   cfg->nregister_files + 1, *fcap);
				cfg->register_files[cfg->nregister_files++] =
				    (struct register_file){kind,
							   files.items[j]};
			}
		} else if (!strcmp(m->key, "columns")) {
			if (!cfg_is_map(l, m->value))
				continue;
			for (j = 0; j < m->value->count; j++) {
				const struct ymember *c = &m->value->members[j];
				const char *h = cfg_str(l, c->value);

				if (!h)
					continue;
				ARENA_GROW(l->arena, cfg->columns,
					   cfg->ncolumns + 1, *ccap);
				cfg->columns[cfg->ncolumns++] =
				    (struct column_alias){kind, c->key, h};
			}
		} else {
			cfg_unknown(l, m, keys, " in a register");
		}
	}
}

/* registers: one entry per register kind. */
static void cfg_registers(struct cfgload *l, const struct ynode *n)
{
	size_t i, ccap = 0, fcap = 0;

	if (!cfg_is_map(l, n))
		return;
	for (i = 0; i < n->count; i++) {
		const struct ymember *m = &n->members[i];

		if (!register_kind_known(m->key)) {
			cfg_unknown(l, m, register_kinds, " in 'registers'");
			continue;
		}
		cfg_register(l, m->key, m->value, &ccap, &fcap);
	}
}

/* rules: {rule-id: error|warning|note|off}. */
static void cfg_rules(struct cfgload *l, const struct ynode *n)
{
	struct config *cfg = l->cfg;
	size_t i, cap = 0;

	if (!cfg_is_map(l, n))
		return;
	for (i = 0; i < n->count; i++) {
		const struct ymember *m = &n->members[i];
		const char *s = cfg_str(l, m->value);
		int sev = s ? severity_parse(s) : -1;

		if (!rule_find(m->key)) {
			findings_add(l->fs, "config-invalid", l->file,
				     m->key_pos, "unknown rule '%s'", m->key);
			l->errors++;
			continue;
		}
		if (sev < 0) {
			cfg_error(l, m->value,
				  "severity '%s' is not error, warning, note "
				  "or off",
				  s ? s : "");
			continue;
		}
		ARENA_GROW(l->arena, cfg->rules, cfg->nrules + 1, cap);
		cfg->rules[cfg->nrules++] =
		    (struct rule_severity){rule_find(m->key)->id, sev};
	}
}

/* One waiver: {rule, control|document|file, reason, expires}. */
static void cfg_waiver(struct cfgload *l, const struct ynode *n,
		       struct waiver *w)
{
	static const char *const keys[] = {
	    "rule", "control", "document", "file", "reason", "expires", NULL};
	size_t i;

	memset(w, 0, sizeof(*w));
	w->pos = n->pos;
	if (!cfg_is_map(l, n))
		return;
	for (i = 0; i < n->count; i++) {
		const struct ymember *m = &n->members[i];
		const char *s = cfg_str(l, m->value);

		if (!strcmp(m->key, "rule"))
			w->rule = s;
		else if (!strcmp(m->key, "control"))
			w->control = s;
		else if (!strcmp(m->key, "document"))
			w->document = s;
		else if (!strcmp(m->key, "file"))
			w->file = s;
		else if (!strcmp(m->key, "reason"))
			w->reason = s;
		else if (!strcmp(m->key, "expires")) {
			if (s && !(w->expires = date_parse(s)))
				cfg_error(l, m->value,
					  "'%s' is not a date (yyyy-mm-dd)", s);
		} else
			cfg_unknown(l, m, keys, " in a waiver");
	}
	if (!w->rule || !rule_find(w->rule))
		cfg_error(l, n, "a waiver needs a known 'rule'");
	if (!w->reason)
		cfg_error(l, n, "a waiver needs a 'reason'");
}

/* waivers: a list of waivers. */
static void cfg_waivers(struct cfgload *l, const struct ynode *n)
{
	size_t i;

	if (n->kind != YNODE_SEQ) {
		if (!n->null)
			cfg_error(l, n, "expected a list");
		return;
	}
	l->cfg->waivers =
	    arena_calloc(l->arena, n->count, sizeof(*l->cfg->waivers));
	for (i = 0; i < n->count; i++)
		cfg_waiver(l, n->items[i], &l->cfg->waivers[i]);
	l->cfg->nwaivers = n->count;
}

/* A key of an own framework's entry: a string, with its position. */
static void cfg_framework_key(struct cfgload *l, const struct ymember *m,
			      struct framework_decl *fd)
{
	static const char *const keys[] = {"id",      "name",	   "label",
					   "catalog", "crosswalk", NULL};
	const char *s = cfg_str(l, m->value);

	if (!strcmp(m->key, "id"))
		fd->id = s;
	else if (!strcmp(m->key, "name"))
		fd->name = s;
	else if (!strcmp(m->key, "label"))
		fd->label = s;
	else if (!strcmp(m->key, "catalog")) {
		fd->catalog = s;
		fd->catalog_pos = m->value->pos;
	} else if (!strcmp(m->key, "crosswalk")) {
		fd->crosswalk = s;
		fd->crosswalk_pos = m->value->pos;
	} else
		cfg_unknown(l, m, keys, " in a framework");
}

/* An own framework: {id, name, label, catalog, crosswalk}. */
static void cfg_framework_own(struct cfgload *l, const struct ynode *n,
			      struct framework_decl *fd)
{
	size_t i;

	for (i = 0; i < n->count; i++)
		cfg_framework_key(l, &n->members[i], fd);
	if (!fd->id || !fd->catalog || !fd->crosswalk) {
		cfg_error(l, n,
			  "a framework of its own needs 'id', 'catalog' "
			  "and 'crosswalk'");
		fd->id = NULL;
	} else if (framework_builtin_find(fd->id)) {
		cfg_error(l, n,
			  "'%s' is the id of a built-in framework; "
			  "choose another",
			  fd->id);
		fd->id = NULL;
	}
}

/* A built-in framework named by its id. */
static void cfg_framework_builtin(struct cfgload *l, const struct ynode *n,
				  struct framework_decl *fd)
{
	const char *best = NULL;
	unsigned d, best_d = 3;
	size_t i;

	fd->id = cfg_str(l, n);
	if (!fd->id || framework_builtin_find(fd->id))
		return;
	for (i = 0; i < framework_builtin_count; i++) {
		d = ids_distance(fd->id, framework_builtins[i].id);
		if (d < best_d) {
			best_d = d;
			best = framework_builtins[i].id;
		}
	}
	if (best)
		cfg_error(l, n, "unknown framework '%s'; did you mean '%s'?",
			  fd->id, best);
	else
		cfg_error(l, n,
			  "unknown framework '%s'; give its catalog and "
			  "crosswalk as {id, catalog, crosswalk}",
			  fd->id);
	fd->id = NULL;
}

/* Has an earlier entry of frameworks the id of cfg's entry k? */
static bool cfg_framework_twice(const struct config *cfg, size_t k)
{
	size_t i;

	for (i = 0; i < k; i++)
		if (!strcasecmp(cfg->frameworks[i].id, cfg->frameworks[k].id))
			return true;
	return false;
}

/* frameworks: built-in ids and own frameworks, one entry or a list. */
static void cfg_frameworks(struct cfgload *l, const struct ynode *n)
{
	struct config *cfg = l->cfg;
	size_t i, count = n->kind == YNODE_SEQ ? n->count : 1;

	if (n->kind == YNODE_SCALAR && n->null)
		return;
	cfg->frameworks =
	    arena_calloc(l->arena, count, sizeof(*cfg->frameworks));
	for (i = 0; i < count; i++) {
		const struct ynode *e = n->kind == YNODE_SEQ ? n->items[i] : n;
		struct framework_decl *fd = &cfg->frameworks[cfg->nframeworks];

		memset(fd, 0, sizeof(*fd));
		fd->pos = e->pos;
		if (e->kind == YNODE_MAP)
			cfg_framework_own(l, e, fd);
		else
			cfg_framework_builtin(l, e, fd);
		if (!fd->id)
			continue;
		if (cfg_framework_twice(cfg, cfg->nframeworks))
			cfg_error(l, e, "framework '%s' is listed twice",
				  fd->id);
		else
			cfg->nframeworks++;
	}
}

/* organisation, standard, stage, mapping_heading, discover. */
static bool cfg_scalar_key(struct cfgload *l, const struct ymember *m)
{
	struct config *cfg = l->cfg;
	const char *s;

	if (!strcmp(m->key, "stage")) {
		cfg->stage = cfg_int(l, m->value, 1, 2, 1);
	} else if (!strcmp(m->key, "risk_threshold")) {
		cfg->risk_threshold = cfg_int(l, m->value, 1, 25, 15);
	} else if (!strcmp(m->key, "discover")) {
		cfg->discover = cfg_bool(l, m->value, false);
	} else if (!strcmp(m->key, "organisation")) {
		cfg->organisation = cfg_str(l, m->value);
	} else if (!strcmp(m->key, "mapping_heading")) {
		if ((s = cfg_str(l, m->value)))
			cfg->mapping_heading = s;
	} else if (!strcmp(m->key, "standard")) {
		s = cfg_str(l, m->value);
		if (s && strcasecmp(s, "iso27001:2022"))
			cfg_error(l, m->value,
				  "standard '%s' is not supported; use "
				  "iso27001:2022",
				  s);
	} else {
		return false;
	}
	return true;
}

/* Apply one top-level key of isms.yaml. */
static void cfg_key(struct cfgload *l, const struct ymember *m)
{
	static const char *const keys[] = {
	    "organisation",    "standard", "stage",	     "frameworks",
	    "include",	       "exclude",  "targets",	     "limits",
	    "mapping_heading", "discover", "fields",	     "registers",
	    "rules",	       "waivers",  "risk_threshold", NULL};
	struct config *cfg = l->cfg;

	if (cfg_scalar_key(l, m))
		return;
	if (!strcmp(m->key, "frameworks"))
		cfg_frameworks(l, m->value);
	else if (!strcmp(m->key, "include"))
		cfg_list(l, m->value, &cfg->include);
	else if (!strcmp(m->key, "exclude"))
		cfg_list(l, m->value, &cfg->exclude);
	else if (!strcmp(m->key, "targets"))
		cfg_targets(l, m->value);
	else if (!strcmp(m->key, "limits"))
		cfg_limits(l, m->value);
	else if (!strcmp(m->key, "fields"))
		cfg_fields(l, m->value);
	else if (!strcmp(m->key, "registers"))
		cfg_registers(l, m->value);
	else if (!strcmp(m->key, "rules"))
		cfg_rules(l, m->value);
	else if (!strcmp(m->key, "waivers"))
		cfg_waivers(l, m->value);
	else
		cfg_unknown(l, m, keys, "");
}

int config_parse(struct config *cfg, const char *file, const char *text,
		 size_t len, struct arena *arena, struct findings *fs)
{
	struct cfgload l = {cfg, arena, fs, file, 0};
	struct yaml_source src = {file, text, len, cfg->limits.yaml_depth,
				  NULL};
	struct ynode *tree = yaml_parse(&src, arena, fs);
	size_t i;

	cfg->path = file;
	if (!tree)
		return -1;
	if (tree->kind == YNODE_MAP)
		for (i = 0; i < tree->count; i++)
			cfg_key(&l, &tree->members[i]);
	else if (!tree->null)
		cfg_error(&l, tree,
			  "the configuration must be a mapping of "
			  "keys");
	return l.errors ? -1 : 0;
}

int config_load(struct config *cfg, const char *dir, const char *file,
		struct arena *arena, struct findings *fs)
{
	struct file_data data;
	int rc;

	config_defaults(cfg);
	rc = file_read_at(dir, file, cfg->limits.config, &data);
	if (rc == FILE_MISSING && !strcmp(file, CONFIG_FILE))
		return 0;
	if (rc != FILE_OK) {
		cfg->path = file;
		findings_add(fs, "config-invalid", file, (struct pos){0, 0},
			     "cannot read: %s", file_error(&data, rc));
		return -1;
	}
	rc = config_parse(cfg, file, data.data, data.len, arena, fs);
	file_release(&data);
	return rc;
}

const char *config_field(const struct config *cfg, const char *name)
{
	size_t i;

	for (i = 0; i < cfg->nfields; i++)
		if (!strcmp(cfg->fields[i].alias, name))
			return cfg->fields[i].key;
	return name;
}
