/* check --format sarif: SARIF 2.1.0 as GitHub code scanning reads it. */
#include "isms/alloc.h"
#include "isms/buf.h"
#include "isms/ci.h"
#include "isms/json.h"
#include "isms/rules.h"
#include "isms/strmap.h"
#include "isms/version.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#define SARIF_SCHEMA                                                           \
	"https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/"          \
	"schemas/sarif-schema-2.1.0.json"
/* The partialFingerprints key; a new scheme gets a new version. */
#define SARIF_FINGERPRINT "isms/v1"

/* What rendering needs besides the repository. */
struct sarif {
	const struct repo *r;
	struct strmap rows; /* data: file path -> document */
};

/* "error", "warning" or "note", as SARIF names levels. */
static const char *sarif_level(enum severity sev)
{
	return sev == SEVERITY_ERROR	 ? "error"
	       : sev == SEVERITY_WARNING ? "warning"
					 : "note";
}

/* A {"text": s} message object. */
static json_t *sarif_text(const char *s)
{
	json_t *o = json_object();

	json_put(o, "text", json_text(s));
	return o;
}

/* Append path to b as a URI path: unreserved bytes and '/' stay. */
static void sarif_uri_path(struct buf *b, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p = (const unsigned char *)path;

	for (; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p)) {
			buf_addch(b, (char)*p);
			continue;
		}
		buf_addch(b, '%');
		buf_addch(b, hex[*p >> 4]);
		buf_addch(b, hex[*p & 15]);
	}
}

/* A "file://" URI object for an absolute path; a folder ends in '/'. */
static json_t *sarif_file_uri(const char *path, bool folder)
{
	struct buf b = BUF_INIT;
	json_t *o = json_object();

	buf_adds(&b, "file://");
	sarif_uri_path(&b, path);
	if (folder && (!b.len || b.ptr[b.len - 1] != '/'))
		buf_addch(&b, '/');
	json_put(o, "uri", json_text(buf_cstr(&b)));
	buf_release(&b);
	return o;
}

/* "control-unmapped" as a SARIF rule name: "ControlUnmapped". */
static json_t *sarif_rule_name(const char *id)
{
	struct buf b = BUF_INIT;
	bool up = true;
	json_t *v;

	for (; *id; id++) {
		if (*id == '-') {
			up = true;
			continue;
		}
		buf_addch(&b, up && *id >= 'a' && *id <= 'z'
				  ? (char)(*id - 'a' + 'A')
				  : *id);
		up = false;
	}
	v = json_text(buf_cstr(&b));
	buf_release(&b);
	return v;
}

/* One reportingDescriptor of the rule table. */
static json_t *sarif_rule(const struct rule_info *ri)
{
	json_t *o = json_object(), *conf = json_object();
	struct buf full = BUF_INIT, help = BUF_INIT;

	buf_addf(&full, "%s (%s by default): %s.", ri->id,
		 severity_name(ri->severity), ri->summary);
	buf_addf(&help,
		 "%s: %s. Fix what the message names; or set the rule's "
		 "severity under rules: in isms.yaml (error, warning, note "
		 "or off), or waive the finding there. The RULES section of "
		 "isms(1) lists every rule.",
		 ri->id, ri->summary);
	json_put(o, "id", json_text(ri->id));
	json_put(o, "name", sarif_rule_name(ri->id));
	json_put(o, "shortDescription", sarif_text(ri->summary));
	json_put(o, "fullDescription", sarif_text(buf_cstr(&full)));
	json_put(conf, "level", json_text(sarif_level(ri->severity)));
	json_put(o, "defaultConfiguration", conf);
	json_put(o, "help", sarif_text(buf_cstr(&help)));
	buf_release(&full);
	buf_release(&help);
	return o;
}

/* tool.driver: name, version and every rule of the table. */
static json_t *sarif_tool(void)
{
	json_t *tool = json_object(), *driver = json_object();
	json_t *rules = json_array();
	size_t i;

	json_put(driver, "name", json_text("isms"));
	json_put(driver, "version", json_text(ISMS_VERSION));
	json_put(driver, "semanticVersion", json_text(ISMS_VERSION));
	for (i = 0; i < rule_count; i++)
		json_array_append_new(rules, sarif_rule(&rule_table[i]));
	json_put(driver, "rules", rules);
	json_put(tool, "driver", driver);
	return tool;
}

/* The astral characters recorded for path, in file order. */
static const struct pos *sarif_astral(const struct sarif *c, const char *path,
				      size_t *n)
{
	const struct document *d = strmap_get(&c->r->by_path, path);

	*n = 0;
	if (d) {
		*n = d->nastral;
		return d->astral;
	}
	d = strmap_get(&c->rows, path);
	if (d)
		*n = d->nrows_astral;
	return d ? d->rows_astral : NULL;
}

/*
 * The column of loc in UTF-16 code units, SARIF's default: one more
 * for every character outside the BMP before it on its line.
 */
static unsigned sarif_column(const struct sarif *c,
			     const struct ci_location *loc)
{
	size_t n, lo = 0, hi;
	const struct pos *a = sarif_astral(c, loc->path, &n);
	unsigned column = loc->column;

	hi = n;
	while (lo < hi) { /* the first on loc's line or after */
		size_t mid = lo + (hi - lo) / 2;

		if (a[mid].line < loc->line)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < n && a[lo].line == loc->line; lo++)
		column += a[lo].column < loc->column;
	return column;
}

/* locations[0]: the file relative to %SRCROOT%, line and column. */
static json_t *sarif_location(const struct sarif *c, const struct finding *f)
{
	json_t *loc = json_object(), *phys = json_object();
	json_t *region = json_object(), *art;
	struct ci_location at;
	struct buf uri = BUF_INIT;

	ci_locate(c->r, f, &at);
	if (at.path[0] == '/') {
		art = sarif_file_uri(at.path, false);
	} else {
		art = json_object();
		sarif_uri_path(&uri, at.path);
		json_put(art, "uri", json_text(buf_cstr(&uri)));
		json_put(art, "uriBaseId", json_text("%SRCROOT%"));
	}
	json_put(region, "startLine", json_integer(at.line));
	json_put(region, "startColumn", json_integer(sarif_column(c, &at)));
	json_put(phys, "artifactLocation", art);
	json_put(phys, "region", region);
	json_put(loc, "physicalLocation", phys);
	buf_release(&uri);
	return loc;
}

/*
 * The fingerprint key of f: its rule, file and message, not its line,
 * so that moving text leaves it alone.
 */
static uint64_t sarif_key(const struct finding *f)
{
	uint64_t h = ci_hash(CI_HASH_INIT, f->rule);

	h = ci_hash(h, f->file);
	return ci_hash(h, f->message);
}

/* One result; occ tells identical findings apart. */
static json_t *sarif_result(const struct sarif *c, const struct finding *f,
			    uint64_t key, unsigned occ)
{
	json_t *o = json_object(), *locs = json_array();
	json_t *fp = json_object();
	const struct rule_info *ri = rule_find(f->rule);
	char print[40];

	json_put(o, "ruleId", json_text(f->rule));
	if (ri)
		json_put(o, "ruleIndex",
			 json_integer((json_int_t)(ri - rule_table)));
	json_put(o, "level", json_text(sarif_level(f->severity)));
	json_put(o, "message", sarif_text(f->message));
	json_array_append_new(locs, sarif_location(c, f));
	json_put(o, "locations", locs);
	snprintf(print, sizeof(print), "%016" PRIx64 ":%u", key, occ);
	json_put(fp, SARIF_FINGERPRINT, json_text(print));
	json_put(o, "partialFingerprints", fp);
	if (f->waiver) {
		json_t *sup = json_object(), *list = json_array();

		json_put(sup, "kind", json_text("external"));
		json_put(sup, "justification", json_text(f->waiver));
		json_array_append_new(list, sup);
		json_put(o, "suppressions", list);
	}
	return o;
}

/* Every finding as a result, in output order. */
static json_t *sarif_results(const struct sarif *c)
{
	const struct findings *fs = &c->r->findings;
	uint64_t *keys = xcalloc(fs->len ? fs->len : 1, sizeof(*keys));
	unsigned *occ = xcalloc(fs->len ? fs->len : 1, sizeof(*occ));
	json_t *list = json_array();
	size_t i;

	for (i = 0; i < fs->len; i++)
		keys[i] = sarif_key(&fs->items[i]);
	ci_occurrences(keys, fs->len, occ);
	for (i = 0; i < fs->len; i++)
		json_array_append_new(
		    list, sarif_result(c, &fs->items[i], keys[i], occ[i]));
	free(keys);
	free(occ);
	return list;
}

/* Index the data: files that hold astral characters. */
static void sarif_index_rows(struct sarif *c)
{
	size_t i;

	for (i = 0; i < c->r->ndocs; i++) {
		const struct document *d = c->r->docs[i];

		if (d->nrows_astral && d->rows_path)
			strmap_put(&c->rows, d->rows_path, (void *)d);
	}
}

/* check --format sarif: one run with the tool, the root and results. */
int render_check_sarif(FILE *out, const struct repo *r)
{
	struct sarif c = {r, STRMAP_INIT};
	json_t *root = json_object(), *run = json_object();
	json_t *runs = json_array(), *bases = json_object();

	sarif_index_rows(&c);
	json_put(root, "version", json_text("2.1.0"));
	json_put(root, "$schema", json_text(SARIF_SCHEMA));
	json_put(run, "tool", sarif_tool());
	json_put(bases, "%SRCROOT%", sarif_file_uri(r->root, true));
	json_put(run, "originalUriBaseIds", bases);
	json_put(run, "columnKind", json_text("utf16CodeUnits"));
	json_put(run, "results", sarif_results(&c));
	json_array_append_new(runs, run);
	json_put(root, "runs", runs);
	strmap_release(&c.rows);
	return json_write(out, root);
}
