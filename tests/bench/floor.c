/*
 * The floor of `make bench`: what any tool built on libyaml, libcsv and
 * pcre2 pays to read a repository, with no model and no output.
 *
 *   floor [-v] [-m] DIR
 *
 * It lists the .md, .markdown and .csv files under DIR as isms does
 * (hidden entries skipped, links not followed), reads each whole, runs
 * libyaml's event parser over its front matter, libcsv over the body of
 * a CSV file, and one pcre2 JIT scan for Annex A ids over the body of a
 * Markdown file.  With -m it also runs md4c's parser over each Markdown
 * body, with callbacks that only count: the floor of a tool that must
 * tell text from code, as isms does.  With -v it prints what it counted,
 * so that a reader can see the work was done.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <csv.h>
#include <dirent.h>
#include <fcntl.h>
#include <md4c.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

/* The Annex A id branch of the pattern isms searches Markdown with. */
static const char floor_pattern[] =
	"(?<![\\p{L}\\p{N}])A\\.\\d{1,2}\\.\\d{1,2}(?:\\.\\d{1,2})?(?!\\d)";

/* What the floor counted. */
struct floor_count {
	size_t files, bytes, events, fields, rows, ids, blocks;
};

/*
 * The md4c flags of isms's scan (src/read/markdown.c): GitHub's tables,
 * strikethrough and task lists, without the permissive autolinks.
 */
#define FLOOR_MD_FLAGS                                                         \
	(MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_TASKLISTS)

/*
 * md4c 0.4.8 may read a byte or two past its input (see markdown.c), so
 * every file is read with this many zero bytes after it.
 */
#define FLOOR_PAD 16

/* The paths to read, relative to the root. */
struct floor_list {
	char **paths;
	size_t len, cap;
};

/* Stop on a failure: this is a test tool, not part of isms. */
static void floor_die(const char *what, const char *path)
{
	fprintf(stderr, "floor: %s '%s'\n", what, path);
	exit(2);
}

/* Keep a copy of path. */
static void floor_list_add(struct floor_list *l, const char *path)
{
	if (l->len == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 1024;
		l->paths = realloc(l->paths, l->cap * sizeof(*l->paths));
		if (!l->paths)
			floor_die("out of memory listing", path);
	}
	l->paths[l->len] = strdup(path);
	if (!l->paths[l->len++])
		floor_die("out of memory listing", path);
}

/* Is name a file that isms reads? */
static int floor_wanted(const char *name)
{
	const char *dot = strrchr(name, '.');

	return dot && (!strcmp(dot, ".md") || !strcmp(dot, ".markdown") ||
		       !strcmp(dot, ".csv"));
}

/* List the wanted files under dir, recursively. */
static void floor_walk(const char *dir, struct floor_list *l)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	struct stat st;
	char path[4096];

	if (!d)
		floor_die("cannot open folder", dir);
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW))
			continue;
		if (S_ISDIR(st.st_mode))
			floor_walk(path, l);
		else if (S_ISREG(st.st_mode) && floor_wanted(de->d_name))
			floor_list_add(l, path);
	}
	closedir(d);
}

/* Order paths bytewise, as isms reads them. */
static int floor_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Read path whole; the caller frees the bytes. */
static char *floor_read(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	struct stat st;
	size_t got = 0;
	ssize_t n;
	char *buf;

	if (fd < 0 || fstat(fd, &st) < 0)
		floor_die("cannot read", path);
	buf = malloc((size_t)st.st_size + FLOOR_PAD);
	if (!buf)
		floor_die("out of memory reading", path);
	while (got < (size_t)st.st_size &&
	       (n = read(fd, buf + got, (size_t)st.st_size - got)) > 0)
		got += (size_t)n;
	close(fd);
	memset(buf + got, 0, FLOOR_PAD);
	*len = got;
	return buf;
}

/* Offset just past the line at off. */
static size_t floor_line_end(const char *s, size_t len, size_t off)
{
	const char *nl = memchr(s + off, '\n', len - off);

	return nl ? (size_t)(nl - s) + 1 : len;
}

/* Whether the line [a, b) is a fence: "---" or "...", blanks after. */
static int floor_fence(const char *s, size_t a, size_t b)
{
	while (b > a && (s[b - 1] == '\n' || s[b - 1] == '\r' ||
			 s[b - 1] == ' ' || s[b - 1] == '\t'))
		b--;
	return b - a == 3 &&
	       (!memcmp(s + a, "---", 3) || !memcmp(s + a, "...", 3));
}

/*
 * Split s into front matter [*ya, *yb) and body [*yb_end, len): the
 * block between the opening "---" line and the next fence line.
 */
static void floor_split(const char *s, size_t len, size_t *ya, size_t *yb,
			size_t *body)
{
	size_t off = len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3) ? 3 : 0;
	size_t end = floor_line_end(s, len, off), next;

	*ya = *yb = *body = off;
	if (!floor_fence(s, off, end) || s[off] != '-')
		return;
	for (off = end; off < len; off = next) {
		next = floor_line_end(s, len, off);
		if (floor_fence(s, off, next)) {
			*ya = end;
			*yb = off;
			*body = next;
			return;
		}
	}
}

/* libyaml's event parser over the front matter. */
static void floor_yaml(const char *s, size_t len, struct floor_count *c)
{
	yaml_parser_t p;
	yaml_event_t e;
	int done = 0;

	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (const unsigned char *)s, len);
	while (!done && yaml_parser_parse(&p, &e)) {
		done = e.type == YAML_STREAM_END_EVENT;
		c->events++;
		yaml_event_delete(&e);
	}
	yaml_parser_delete(&p);
}

/* libcsv field callback. */
static void floor_on_field(void *s, size_t len, void *data)
{
	(void)s;
	(void)len;
	((struct floor_count *)data)->fields++;
}

/* libcsv row callback. */
static void floor_on_row(int ch, void *data)
{
	(void)ch;
	((struct floor_count *)data)->rows++;
}

/* libcsv over a CSV body, with the buffer growth isms also asks for. */
static void floor_csv(const char *s, size_t len, struct floor_count *c)
{
	struct csv_parser p;

	csv_init(&p, CSV_STRICT | CSV_STRICT_FINI);
	csv_set_blk_size(&p, 65536);
	csv_parse(&p, s, len, floor_on_field, floor_on_row, c);
	csv_fini(&p, floor_on_field, floor_on_row, c);
	csv_free(&p);
}

/* One pcre2 JIT scan for Annex A ids over a Markdown body. */
static void floor_ids(const pcre2_code *re, pcre2_match_data *md,
		      const char *s, size_t len, struct floor_count *c)
{
	const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
	size_t at = 0;

	while (at < len && pcre2_match(re, (PCRE2_SPTR)s, len, at, 0, md,
				       NULL) > 0) {
		c->ids++;
		at = ov[1] > at ? ov[1] : at + 1;
	}
}

/* md4c block callback: count the block. */
static int floor_on_block(MD_BLOCKTYPE type, void *detail, void *data)
{
	(void)type;
	(void)detail;
	((struct floor_count *)data)->blocks++;
	return 0;
}

/* md4c span and text callbacks: nothing to do. */
static int floor_on_span(MD_SPANTYPE type, void *detail, void *data)
{
	(void)type;
	(void)detail;
	(void)data;
	return 0;
}

static int floor_on_text(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size,
			 void *data)
{
	(void)type;
	(void)text;
	(void)size;
	(void)data;
	return 0;
}

/* md4c's parser over a Markdown body. */
static void floor_md(const char *s, size_t len, struct floor_count *c)
{
	const MD_PARSER parser = {
	    0,
	    FLOOR_MD_FLAGS,
	    floor_on_block,
	    floor_on_block,
	    floor_on_span,
	    floor_on_span,
	    floor_on_text,
	    NULL,
	    NULL,
	};

	if (md_parse(s, (MD_SIZE)len, &parser, c))
		floor_die("md4c failed on", "a body");
}

/* Read one file and parse it as the floor does. */
static void floor_file(const char *path, const pcre2_code *re,
		       pcre2_match_data *md, int with_md4c,
		       struct floor_count *c)
{
	size_t len, ya, yb, body;
	char *s = floor_read(path, &len);
	const char *dot = strrchr(path, '.');

	c->files++;
	c->bytes += len;
	floor_split(s, len, &ya, &yb, &body);
	if (yb > ya)
		floor_yaml(s + ya, yb - ya, c);
	if (!strcmp(dot, ".csv"))
		floor_csv(s + body, len - body, c);
	else {
		floor_ids(re, md, s + body, len - body, c);
		if (with_md4c)
			floor_md(s + body, len - body, c);
	}
	free(s);
}

/* Compile the pattern as isms does: UTF, invalid UTF allowed, JIT. */
static pcre2_code *floor_compile(void)
{
	PCRE2_SIZE off;
	pcre2_code *re;
	int err;

	re = pcre2_compile((PCRE2_SPTR)floor_pattern, PCRE2_ZERO_TERMINATED,
			   PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &err, &off,
			   NULL);
	if (!re)
		floor_die("cannot compile", floor_pattern);
	if (pcre2_jit_compile(re, PCRE2_JIT_COMPLETE))
		floor_die("no JIT for", floor_pattern);
	return re;
}

int main(int argc, char **argv)
{
	struct floor_list list = {NULL, 0, 0};
	struct floor_count c = {0, 0, 0, 0, 0, 0, 0};
	int verbose = 0, with_md4c = 0, opt;
	pcre2_match_data *md;
	pcre2_code *re;
	size_t i;

	while ((opt = getopt(argc, argv, "mv")) != -1) {
		if (opt == 'm')
			with_md4c = 1;
		else if (opt == 'v')
			verbose = 1;
		else
			break;
	}
	if (opt != -1 || optind != argc - 1) {
		fputs("usage: floor [-v] [-m] DIR\n", stderr);
		return 2;
	}
	re = floor_compile();
	md = pcre2_match_data_create_from_pattern(re, NULL);
	floor_walk(argv[optind], &list);
	qsort(list.paths, list.len, sizeof(*list.paths), floor_cmp);
	for (i = 0; i < list.len; i++) {
		floor_file(list.paths[i], re, md, with_md4c, &c);
		free(list.paths[i]);
	}
	free(list.paths);
	pcre2_match_data_free(md);
	pcre2_code_free(re);
	if (verbose)
		printf("%zu files, %zu bytes, %zu YAML events, %zu CSV fields "
		       "in %zu rows, %zu Annex A ids, %zu md4c block events\n",
		       c.files, c.bytes, c.events, c.fields, c.rows, c.ids,
		       c.blocks);
	return 0;
}
