/* check --format gitlab: a Code Quality report for merge requests. */
#include "isms/alloc.h"
#include "isms/ci.h"
#include "isms/json.h"

#include <inttypes.h>
#include <stdlib.h>

/*
 * GitLab's scale has five steps (info, minor, major, critical,
 * blocker); an error blocks an audit but not the code, so it is major.
 */
static const char *gitlab_severity(enum severity sev)
{
	return sev == SEVERITY_ERROR	 ? "major"
	       : sev == SEVERITY_WARNING ? "minor"
					 : "info";
}

/* The key of f: everything that tells one finding from another. */
static uint64_t gitlab_key(const struct finding *f)
{
	uint64_t h = ci_hash(CI_HASH_INIT, f->rule);

	h = ci_hash(h, f->file);
	h = ci_hash_uint(h, f->pos.line);
	h = ci_hash_uint(h, f->pos.column);
	return ci_hash(h, f->message);
}

/* One issue of the report. */
static json_t *gitlab_issue(const struct repo *r, const struct finding *f,
			    uint64_t key, unsigned occ)
{
	json_t *o = json_object(), *loc = json_object();
	json_t *lines = json_object();
	struct ci_location at;
	char print[24];

	ci_locate(r, f, &at);
	snprintf(print, sizeof(print), "%016" PRIx64, ci_hash_uint(key, occ));
	json_put(o, "description", json_text(f->message));
	json_put(o, "check_name", json_text(f->rule));
	json_put(o, "fingerprint", json_text(print));
	json_put(o, "severity", json_text(gitlab_severity(f->severity)));
	json_put(lines, "begin", json_integer(at.line));
	json_put(loc, "path", json_text(at.path));
	json_put(loc, "lines", lines);
	json_put(o, "location", loc);
	return o;
}

/* check --format gitlab: an issue per finding with its fingerprint. */
int render_check_gitlab(FILE *out, const struct repo *r)
{
	const struct findings *fs = &r->findings;
	uint64_t *keys = xcalloc(fs->len ? fs->len : 1, sizeof(*keys));
	unsigned *occ = xcalloc(fs->len ? fs->len : 1, sizeof(*occ));
	json_t *list = json_array();
	size_t i;

	for (i = 0; i < fs->len; i++)
		keys[i] = gitlab_key(&fs->items[i]);
	ci_occurrences(keys, fs->len, occ);
	for (i = 0; i < fs->len; i++)
		if (!fs->items[i].waiver)
			json_array_append_new(
			    list,
			    gitlab_issue(r, &fs->items[i], keys[i], occ[i]));
	free(keys);
	free(occ);
	return json_write(out, list);
}
