/* The per-file read: bytes -> front matter -> typed document. */
#include "isms/reader.h"
#include "isms/alloc.h"
#include "isms/buf.h"
#include "isms/csvread.h"
#include "isms/fileio.h"
#include "isms/frontmatter.h"
#include "isms/ids.h"
#include "isms/markdown.h"
#include "isms/register.h"
#include "isms/yaml.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Bytes looked at for a NUL or a UTF-16/32 byte order mark. */
#define ENCODING_PROBE 4096

struct reader {
	const char *root;
	const char *path;
	const struct config *cfg;
	bool discover;
	bool in_include;
	struct arena *arena;
	struct findings *fs;
	bool csv;
	const struct reader_files *files; /* NULL: the disk */
	struct file_buf *scratch;
};

/* Read rel (relative to the root) from the disk or from r->files. */
static int reader_file(const struct reader *r, const char *rel, size_t max,
		       struct file_data *f)
{
	if (r->files)
		return r->files->read(r->files->data, rel, max, f);
	return file_read_at(r->root, rel, max, f);
}

/* Does rel (relative to the root) name a file or folder? */
static bool reader_exists(const struct reader *r, const char *rel)
{
	struct buf path = BUF_INIT;
	struct stat st;
	bool found;

	if (r->files)
		return r->files->exists(r->files->data, rel);
	buf_addf(&path, "%s/%s", r->root, rel);
	found = stat(path.ptr, &st) == 0;
	buf_release(&path);
	return found;
}

static bool has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

/* Why data (len bytes) is not UTF-8 text, or NULL when it may be. */
static const char *reader_encoding(const char *data, size_t len)
{
	static const struct {
		const char *bom;
		size_t len;
		const char *why;
	} boms[] = {
	    {"\x00\x00\xFE\xFF", 4, "file is UTF-32; save it as UTF-8"},
	    {"\xFF\xFE\x00\x00", 4, "file is UTF-32; save it as UTF-8"},
	    {"\xFE\xFF", 2, "file is UTF-16; save it as UTF-8"},
	    {"\xFF\xFE", 2, "file is UTF-16; save it as UTF-8"},
	};
	size_t i, probe = len < ENCODING_PROBE ? len : ENCODING_PROBE;

	for (i = 0; i < sizeof(boms) / sizeof(*boms); i++)
		if (len >= boms[i].len &&
		    !memcmp(data, boms[i].bom, boms[i].len))
			return boms[i].why;
	if (memchr(data, '\0', probe))
		return "file holds NUL bytes; it is not UTF-8 text";
	return NULL;
}

/* The probe of file_read_probed(): reject what is not UTF-8 text. */
static bool reader_probe(void *arg, const char *data, size_t len)
{
	(void)arg;
	return reader_encoding(data, len) != NULL;
}

/* Report a file that is not UTF-8; true when it is not. */
static bool reader_bad_encoding(struct reader *r, const char *data, size_t len)
{
	const char *why = reader_encoding(data, len);

	if (why)
		findings_add(r->fs, "file-encoding", r->path,
			     (struct pos){1, 1}, "%s", why);
	return why != NULL;
}

/* Read the file's bytes; NULL data (and a finding) when that fails. */
static int reader_bytes(struct reader *r, struct file_data *f)
{
	size_t max = r->csv ? r->cfg->limits.csv : r->cfg->limits.markdown;
	/*
	 * A CSV file gets memory of its own with room for its rows to be
	 * written over it (csvread.h), so it costs its size once; the rest
	 * go through the reader's scratch.
	 */
	struct file_place place = {r->csv ? NULL : r->scratch,
				   r->csv ? csv_room : NULL};
	/* Probe the first page before reading a file of up to max. */
	int rc = r->files
		     ? reader_file(r, r->path, max, f)
		     : file_read_probed(r->root, r->path, max, ENCODING_PROBE,
					reader_probe, NULL, &place, f);

	if (rc == FILE_TOO_BIG)
		findings_add(r->fs, "file-limit", r->path, (struct pos){1, 1},
			     "file of %zu bytes exceeds the limit of %zu "
			     "bytes",
			     f->len, max);
	else if (rc != FILE_OK && rc != FILE_NOT_REGULAR)
		findings_add(r->fs, "file-unreadable", r->path,
			     (struct pos){0, 0}, "cannot read: %s",
			     file_error(f, rc));
	return rc == FILE_OK ? 0 : -1;
}

/* Is line inside one of the tables of scan (rows are data, not prose)? */
static bool in_table(const struct md_scan *scan, unsigned line)
{
	size_t i;

	for (i = 0; i < scan->ntables; i++) {
		const struct csv_table *t = &scan->tables[i].table;

		if (t->nrows && line >= scan->tables[i].pos.line &&
		    line <= t->rows[t->nrows - 1].line)
			return true;
	}
	return false;
}

/*
 * Turn the known ids among the body's mentions into text references.  In
 * a document that holds rows (a register, the SoA) the ids in its tables
 * are data: a risk naming A.8.7 does not make the register implement it.
 */
static void reader_refs(struct reader *r, struct document *d,
			const struct md_scan *scan)
{
	size_t i, n = 0;

	d->refs = arena_calloc(r->arena, scan->len, sizeof(*d->refs));
	for (i = 0; i < scan->len; i++) {
		const struct mention *m = &scan->items[i];
		struct id_match id;
		size_t len = m->len;
		bool clause = m->kind == MENTION_CLAUSE;

		if (in_table(scan, m->pos.line))
			continue;
		if (!(clause ? ids_find_clauses(m->id, len, &id, 1)
			     : ids_find_controls(m->id, len, &id, 1)))
			continue;
		if (id.index < 0)
			continue;
		d->refs[n++] =
		    (struct text_ref){clause, id.index, m->pos, m->in_mapping};
	}
	d->nrefs = n;
}

/* Scan a Markdown body for mentions; returns the first heading. */
static const char *reader_scan(struct reader *r, struct document *d,
			       const struct file_data *f,
			       const struct fm_split *fm)
{
	struct md_source src = {r->path,
				f->data,
				f->len,
				fm->body_start,
				fm->body_line ? fm->body_line : 1,
				r->cfg->mapping_heading,
				false,
				false};
	struct md_scan scan;
	const char *heading;

	memset(&scan, 0, sizeof(scan));
	if (fm->status == FM_NONE) {
		src.body_start = fm->bom;
		src.body_line = 1;
	}
	/* Only documents that hold rows pay for their tables. */
	src.want_tables = d->register_kind || d->type == DOC_SOA ||
			  d->type == DOC_SERVICES ||
			  d->type == DOC_RESPONSIBILITIES;
	/* A document without front matter takes its title from it. */
	src.want_heading = !d->parsed;
	md_scan(&src, r->arena, &scan, r->fs);
	reader_refs(r, d, &scan);
	d->tables = scan.tables;
	d->ntables = scan.ntables;
	heading = scan.first_heading;
	md_scan_release(&scan);
	return heading;
}

/* Bytes of w (eight) whose top four bits are set: bit 7 of each. */
static inline uint64_t reader_f0_bits(uint64_t w)
{
	/* A byte's bit 7 stays set only when its bits 7 to 4 all are. */
	return w & (w << 1) & (w << 2) & (w << 3) & 0x8080808080808080ULL;
}

/*
 * Does data hold a byte of 0xF0 or more?  Thirty-two bytes at a time:
 * text is mostly ASCII, and a block without a high bit is passed over
 * with one test.
 */
static bool reader_has_f0(const char *data, size_t len)
{
	const uint64_t high = 0x8080808080808080ULL;
	uint64_t w[4];
	size_t i = 0;

	for (; i + sizeof(w) <= len; i += sizeof(w)) {
		memcpy(w, data + i, sizeof(w));
		if (!((w[0] | w[1] | w[2] | w[3]) & high))
			continue;
		if (reader_f0_bits(w[0]) | reader_f0_bits(w[1]) |
		    reader_f0_bits(w[2]) | reader_f0_bits(w[3]))
			return true;
	}
	for (; i < len; i++)
		if ((unsigned char)data[i] >= 0xF0)
			return true;
	return false;
}

/*
 * Record where the characters outside the BMP (4-byte UTF-8) are, as
 * line and code-point column like every other position, while the
 * bytes are at hand: SARIF's columns count them twice.  A byte order
 * mark is not a column, as the YAML and CSV readers skip it too.
 */
static void reader_astral(struct reader *r, const char *data, size_t len,
			  struct pos **out, size_t *n)
{
	const unsigned char *p = (const unsigned char *)data;
	struct pos at = {1, 1};
	size_t i, k = 0, count = 0;

	if (!reader_has_f0(data, len))
		return;
	for (i = 0; i < len; i++)
		count += p[i] >= 0xF0 && p[i] <= 0xF4;
	if (!count)
		return;
	*out = arena_calloc(r->arena, count, sizeof(**out));
	i = len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3) ? 3 : 0;
	for (; i < len; i++) {
		if (p[i] == '\n') {
			at.line++;
			at.column = 1;
			continue;
		}
		if (p[i] >= 0xF0 && p[i] <= 0xF4)
			(*out)[k++] = at;
		at.column += (p[i] & 0xC0) != 0x80;
	}
	*n = k;
}

/*
 * Read CSV rows from text (at first_line of the file named path), which
 * lies in f: the rows may be written over f's own memory and keep it.
 */
static void reader_rows(struct reader *r, struct document *d, const char *path,
			struct file_data *f, const char *text, size_t len,
			unsigned first_line)
{
	struct csv_source src = {
	    path,  text,     len,   first_line, &r->cfg->limits,
	    false, &f->base, f->cap};

	d->rows_path = path;
	csv_read(&src, r->arena, &d->table, r->fs);
}

/* Read the plain CSV named by a document's data: key. */
/*
 * Fold rel (relative to the root) into out: "." and ".." resolved; false
 * when it is absolute or climbs above the root.
 */
static bool reader_fold(const char *rel, struct buf *out)
{
	const char *p = rel;

	buf_truncate(out, 0);
	if (*rel == '/')
		return false;
	while (*p) {
		size_t n = strcspn(p, "/");

		if (n == 2 && !strncmp(p, "..", 2)) {
			size_t up = out->len;

			if (!up)
				return false;
			while (up && out->ptr[up - 1] != '/')
				up--;
			buf_truncate(out, up ? up - 1 : 0);
		} else if (n && !(n == 1 && *p == '.')) {
			if (out->len)
				buf_addch(out, '/');
			buf_add(out, p, n);
		}
		p += n + (p[n] == '/');
	}
	return out->len > 0;
}

/* Does root/rel, links resolved, stay inside the root on disk? */
static bool reader_inside(const struct reader *r, const char *rel)
{
	char real[PATH_MAX], base[PATH_MAX];
	struct buf path = BUF_INIT;
	size_t n;
	bool in;

	if (r->files)
		return true; /* git objects: no links to follow */
	buf_addf(&path, "%s/%s", r->root, rel);
	if (!realpath(path.ptr, real)) {
		in = errno == ENOENT; /* missing: the read says so */
	} else if (!realpath(r->root, base)) {
		in = false;
	} else {
		n = strlen(base);
		in = !strncmp(real, base, n) && real[n] == '/';
	}
	buf_release(&path);
	return in;
}

static void reader_data(struct reader *r, struct document *d)
{
	struct buf rel = BUF_INIT, folded = BUF_INIT;
	struct file_data f;
	const char *slash = strrchr(r->path, '/');
	int rc;

	if (slash)
		buf_add(&rel, r->path, (size_t)(slash - r->path) + 1);
	buf_adds(&rel, d->data);
	/* The rows must come from inside the repository, as files do. */
	if (!reader_fold(rel.ptr, &folded) || !reader_inside(r, folded.ptr)) {
		findings_add(r->fs, "field-invalid", r->path, d->pos[F_DATA],
			     "data file '%s' is outside the repository",
			     d->data);
		buf_release(&rel);
		buf_release(&folded);
		return;
	}
	buf_truncate(&rel, 0);
	buf_adds(&rel, folded.ptr);
	buf_release(&folded);
	rc = reader_file(r, rel.ptr, r->cfg->limits.csv, &f);
	if (rc != FILE_OK) {
		findings_add(r->fs,
			     rc == FILE_TOO_BIG ? "file-limit"
						: "file-unreadable",
			     r->path, d->pos[F_DATA],
			     "data file '%s' cannot be read: %s", d->data,
			     file_error(&f, rc));
	} else {
		const char *path = arena_strdup(r->arena, rel.ptr);

		reader_astral(r, f.data, f.len, &d->rows_astral,
			      &d->nrows_astral);
		reader_rows(r, d, path, &f, f.data, f.len, 1);
		file_release(&f);
	}
	buf_release(&rel);
}

/* A document from a file with no front matter, under discover. */
static struct document *reader_discovered(struct reader *r,
					  const struct file_data *f,
					  const struct fm_split *fm)
{
	struct document *d = arena_calloc(r->arena, 1, sizeof(*d));
	const char *dot = strrchr(r->path, '.');

	d->path = arena_strdup(r->arena, r->path);
	d->discovered = true;
	d->id = arena_strndup(r->arena, r->path, (size_t)(dot - r->path));
	d->title = reader_scan(r, d, f, fm);
	document_load(d, NULL, r->cfg, r->arena, r->fs);
	return d;
}

/* Parse and type the front matter of a file that has one. */
static struct document *reader_document(struct reader *r,
					const struct file_data *f,
					const struct fm_split *fm)
{
	struct document *d = arena_calloc(r->arena, 1, sizeof(*d));
	struct yaml_source src = {r->path, f->data, fm->yaml_end,
				  r->cfg->limits.yaml_depth, r->arena};
	struct arena nodes = ARENA_INIT;
	struct ynode *root = NULL;
	size_t limit = r->cfg->limits.frontmatter;

	d->path = arena_strdup(r->arena, r->path);
	d->csv = r->csv;
	if (fm->yaml_end - fm->block_start > limit)
		findings_add(r->fs, "frontmatter-limit", r->path,
			     text_pos(f->data, fm->block_start + limit),
			     "front matter of %zu bytes exceeds the limit of "
			     "%zu bytes",
			     fm->yaml_end - fm->block_start,
			     r->cfg->limits.frontmatter);
	else
		root = yaml_parse(&src, &nodes, r->fs);
	/* The tree goes with nodes; the document keeps only the text. */
	if (root && root->kind != YNODE_MAP && !root->null) {
		findings_add(r->fs, "frontmatter-invalid", r->path, root->pos,
			     "front matter is not a mapping of keys; a "
			     "'---' line at the top starts front matter (use "
			     "'***' for a horizontal rule)");
		root = NULL;
	} else if (root) {
		d->parsed = true;
		document_load(d, root->null ? NULL : root, r->cfg, r->arena,
			      r->fs);
	}
	arena_release(&nodes);
	return d;
}

/* Count the evidence items that name files that exist (maturity 3). */
static void reader_evidence(struct reader *r, struct document *d)
{
	const char *slash = strrchr(r->path, '/');
	struct buf path = BUF_INIT;
	size_t i;

	for (i = 0; i < d->evidence.len; i++) {
		const char *item = d->evidence.items[i];

		if (reader_exists(r, item)) {
			d->evidence_found++;
			continue;
		}
		buf_truncate(&path, 0);
		buf_addf(&path, "%.*s%s",
			 slash ? (int)(slash - r->path + 1) : 0, r->path, item);
		d->evidence_found += reader_exists(r, path.ptr);
	}
	buf_release(&path);
}

/* The register kind isms.yaml gives this file, or NULL. */
static const char *reader_adopted(const struct reader *r)
{
	size_t i;

	for (i = 0; i < r->cfg->nregister_files; i++)
		if (!strcmp(r->cfg->register_files[i].path, r->path))
			return r->cfg->register_files[i].kind;
	return NULL;
}

/*
 * A file isms.yaml declares a register: its own front matter (if any)
 * is read as usual, but the kind is the configuration's, and a file
 * without front matter is taken as it is, its id from its path.
 */
static struct document *reader_adopt(struct reader *r, struct file_data *f,
				     const struct fm_split *fm,
				     struct document *d, const char *kind)
{
	if (!d) {
		const char *dot = strrchr(r->path, '.');

		d = arena_calloc(r->arena, 1, sizeof(*d));
		d->path = arena_strdup(r->arena, r->path);
		d->csv = r->csv;
		d->id =
		    arena_strndup(r->arena, r->path, (size_t)(dot - r->path));
	}
	d->adopted = true;
	d->register_kind = kind;
	if (!d->type)
		d->type = DOC_REGISTER;
	if (d->csv && !d->parsed)
		reader_rows(r, d, d->path, f, f->data + fm->bom,
			    f->len - fm->bom, 1);
	else if (!d->parsed) {
		const char *heading = reader_scan(r, d, f, fm);

		d->title = heading ? heading : d->id;
	}
	return d;
}

/* Read one file whose bytes are in f. */
static struct document *reader_parse(struct reader *r, struct file_data *f)
{
	struct fm_split fm;
	struct document *d;

	fm_split(f->data, f->len, &fm);
	if (fm.status == FM_NONE && reader_adopted(r))
		return reader_adopt(r, f, &fm, NULL, reader_adopted(r));
	if (fm.status == FM_NONE) {
		if (!r->csv && r->discover && r->in_include)
			return reader_discovered(r, f, &fm);
		if (!r->csv && r->in_include && r->cfg->include.len)
			findings_add(r->fs, "frontmatter-missing", r->path,
				     (struct pos){1, 1},
				     "Markdown file without front matter in "
				     "an included folder");
		return NULL;
	}
	if (fm.status == FM_UNCLOSED) {
		findings_add(r->fs, "frontmatter-unclosed", r->path,
			     (struct pos){1, 1},
			     "front matter opened here is never closed; end "
			     "it with a '---' line");
		d = arena_calloc(r->arena, 1, sizeof(*d));
		d->path = arena_strdup(r->arena, r->path);
		d->csv = r->csv;
		return d;
	}
	d = reader_document(r, f, &fm);
	if (d->parsed)
		reader_evidence(r, d);
	if (d->parsed && reader_adopted(r))
		d->register_kind = reader_adopted(r);
	if (r->csv && d->parsed)
		reader_rows(r, d, d->path, f, f->data + fm.body_start,
			    f->len - fm.body_start, fm.body_line);
	else if (!r->csv && d->parsed) {
		reader_scan(r, d, f, &fm);
		if (d->data)
			reader_data(r, d);
	}
	return d;
}

/* The reader of one file of env. */
static void reader_init(struct reader *r, const struct reader_env *env,
			const struct walk_entry *e)
{
	memset(r, 0, sizeof(*r));
	r->root = env->root;
	r->path = e->path;
	r->cfg = env->cfg;
	r->discover = env->discover;
	r->in_include = e->in_include;
	r->arena = env->arena;
	r->fs = env->fs;
	r->csv = has_suffix(e->path, ".csv");
	r->files = env->files;
	r->scratch = env->scratch;
}

/*
 * Parse the bytes of the file r reads: encoding, then the document.  The
 * characters outside the BMP are found first: the rows of a CSV file
 * may be written over its bytes.
 */
static struct document *reader_bytes_parse(struct reader *r,
					   struct file_data *f)
{
	struct document *d;
	struct pos *astral = NULL;
	size_t nastral = 0;

	if (reader_bad_encoding(r, f->data, f->len))
		return NULL;
	reader_astral(r, f->data, f->len, &astral, &nastral);
	d = reader_parse(r, f);
	if (d) {
		d->astral = astral;
		d->nastral = nastral;
		register_type(d, r->cfg, r->arena, r->fs);
	}
	return d;
}

/* Read the bytes through env, then parse them. */
struct document *reader_read_env(const struct reader_env *env,
				 const struct walk_entry *e)
{
	struct file_data f;
	struct document *d;
	struct reader r;

	reader_init(&r, env, e);
	if (reader_bytes(&r, &f) < 0)
		return NULL;
	d = reader_bytes_parse(&r, &f);
	file_release(&f);
	return d;
}

/* Read a file from the disk under root. */
struct document *reader_read(const char *root, const struct walk_entry *e,
			     const struct config *cfg, bool discover,
			     struct arena *arena, struct findings *fs)
{
	struct reader_env env = {root, cfg, discover, NULL, arena, fs, NULL};

	return reader_read_env(&env, e);
}
