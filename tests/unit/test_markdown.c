/* Tests for Markdown mentions: ids, positions, code, mapping sections. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "isms/alloc.h"
#include "isms/buf.h"
#include "isms/markdown.h"

/* Seconds a 1 MiB body (or a pathological one) may take, sanitizers on. */
#define TIME_LIMIT 3.0

struct want {
	enum mention_kind kind;
	const char *id;
	unsigned line;
	unsigned column;
	bool mapping;
};

#define CTL(id, l, c)                                                          \
	{                                                                      \
		MENTION_CONTROL, id, l, c, false                               \
	}
#define CLA(id, l, c)                                                          \
	{                                                                      \
		MENTION_CLAUSE, id, l, c, false                                \
	}
#define CTL_MAP(id, l, c, m)                                                   \
	{                                                                      \
		MENTION_CONTROL, id, l, c, m                                   \
	}

/* A body, the mapping heading, and the mentions expected (NULL-ended). */
struct scan_case {
	const char *name;
	const char *body;
	const char *mapping;
	struct want want[8];
};

/* One scan and what it needs, released by scan_done(). */
struct scan_run {
	struct arena arena;
	struct findings fs;
	struct md_scan out;
	int rc;
};

/*
 * Scan len bytes of text whose body starts at start on line first; with
 * heading, the first heading is wanted, so that md4c walks every body.
 */
static void scan_run_as(struct scan_run *r, const char *text, size_t len,
			size_t start, unsigned first, const char *mapping,
			bool heading)
{
	struct md_source src = {
	    .path = "doc.md",
	    .text = text,
	    .len = len,
	    .body_start = start,
	    .body_line = first,
	    .mapping_heading = mapping,
	    .want_heading = heading,
	};

	r->arena = (struct arena)ARENA_INIT;
	findings_init(&r->fs, &r->arena);
	r->rc = md_scan(&src, &r->arena, &r->out, &r->fs);
}

/* The same, the body walked whatever it holds. */
static void scan_run(struct scan_run *r, const char *text, size_t len,
		     size_t start, unsigned first, const char *mapping)
{
	scan_run_as(r, text, len, start, first, mapping, true);
}

/* Release a scan. */
static void scan_done(struct scan_run *r)
{
	md_scan_release(&r->out);
	findings_release(&r->fs);
	arena_release(&r->arena);
}

/* Number of entries before the NULL id in want. */
static size_t want_count(const struct want *want, size_t max)
{
	size_t n = 0;

	while (n < max && want[n].id)
		n++;
	return n;
}

/* Fail, naming the case, unless mention m is what w expects. */
static void check_mention(const char *name, size_t i, const struct mention *m,
			  const struct want *w)
{
	if (m->kind == w->kind && strlen(w->id) == m->len &&
	    !strncmp(m->id, w->id, m->len) && m->pos.line == w->line &&
	    m->pos.column == w->column && m->in_mapping == w->mapping)
		return;
	fail_msg("%s: mention %zu is %s '%.*s' at %u:%u%s, want %s '%s' at "
		 "%u:%u%s",
		 name, i, m->kind == MENTION_CONTROL ? "control" : "clause",
		 (int)m->len, m->id, m->pos.line, m->pos.column,
		 m->in_mapping ? " (mapping)" : "",
		 w->kind == MENTION_CONTROL ? "control" : "clause", w->id,
		 w->line, w->column, w->mapping ? " (mapping)" : "");
}

/* Fail unless the scan found exactly the mentions of want. */
static void check_scan(const char *name, const struct scan_run *r,
		       const struct want *want, size_t max)
{
	size_t n = want_count(want, max), i;

	if (r->rc != 0 || r->fs.len != 0)
		fail_msg("%s: md_scan returned %d with %zu findings", name,
			 r->rc, r->fs.len);
	if (r->out.len != n)
		fail_msg("%s: %zu mentions, want %zu (first '%.*s')", name,
			 r->out.len, n,
			 r->out.len ? (int)r->out.items[0].len : 0,
			 r->out.len ? r->out.items[0].id : "");
	for (i = 0; i < n; i++)
		check_mention(name, i, &r->out.items[i], &want[i]);
}

/*
 * Run each case of a table as a body on line 1 of its file, walked
 * always and walked only when it may hold a mention: the same mentions.
 */
static void run_cases(const struct scan_case *cases, size_t n)
{
	size_t i;
	int heading;

	for (i = 0; i < n; i++) {
		const struct scan_case *c = &cases[i];

		for (heading = 0; heading < 2; heading++) {
			struct scan_run r;

			scan_run_as(&r, c->body, strlen(c->body), 0, 1,
				    c->mapping, heading);
			check_scan(c->name, &r, c->want, 8);
			scan_done(&r);
		}
	}
}

/* Annex A ids: where they count, how they are written, exact positions. */
static void test_controls(void **state)
{
	static const struct scan_case cases[] = {
	    {"plain",
	     "Policy covers A.5.1 today.\n",
	     NULL,
	     {CTL("A.5.1", 1, 15)}},
	    {"second line",
	     "Intro\n  and A.8.32 here\n",
	     NULL,
	     {CTL("A.8.32", 2, 7)}},
	    {"utf-8 before", "Größe — A.5.1\n", NULL, {CTL("A.5.1", 1, 9)}},
	    {"cjk before", "日本語 A.5.7\n", NULL, {CTL("A.5.7", 1, 5)}},
	    {"two digits",
	     "A.5.10 and A.05.01\n",
	     NULL,
	     {CTL("A.5.10", 1, 1), CTL("A.05.01", 1, 12)}},
	    {"2013 id",
	     "Was A.12.1.2 in 2013\n",
	     NULL,
	     {CTL("A.12.1.2", 1, 5)}},
	    {"full stop", "See A.5.1.\n", NULL, {CTL("A.5.1", 1, 5)}},
	    {"not ids",
	     "XA.5.1 A.5.123 a.5.1 A.5 A.123.1 9A.5.1\n",
	     NULL,
	     {{0}}},
	    {"emphasis and link",
	     "**A.5.1** and [A.5.2](x.md)\n",
	     NULL,
	     {CTL("A.5.1", 1, 3), CTL("A.5.2", 1, 16)}},
	    {"underscore emphasis", "_A.5.3_\n", NULL, {CTL("A.5.3", 1, 2)}},
	    {"link target", "[policy](A.5.1.md)\n", NULL, {{0}}},
	    {"bare address",
	     "See www.example.org/A.5.1 or x@A.5.2.org\n",
	     NULL,
	     {CTL("A.5.1", 1, 21), CTL("A.5.2", 1, 32)}},
	    {"heading", "# A.5.1 Policy\n", NULL, {CTL("A.5.1", 1, 3)}},
	    {"list and quote",
	     "- A.5.1\n\n> A.5.2\n",
	     NULL,
	     {CTL("A.5.1", 1, 3), CTL("A.5.2", 3, 3)}},
	    {"table",
	     "| Control | Doc |\n|---|---|\n| A.5.1 | x |\n",
	     NULL,
	     {CTL("A.5.1", 3, 3)}},
	    {"crlf", "One\r\nTwo A.5.9\r\n", NULL, {CTL("A.5.9", 2, 5)}},
	};

	(void)state;
	run_cases(cases, sizeof(cases) / sizeof(*cases));
}

/* Code blocks, code spans and raw HTML hide mentions. */
static void test_code_hides(void **state)
{
	static const struct scan_case cases[] = {
	    {"fenced",
	     "```\nA.5.1 clause 4.3\n```\nA.5.2\n",
	     NULL,
	     {CTL("A.5.2", 4, 1)}},
	    {"fenced info", "```A.5.1\nx\n```\n", NULL, {{0}}},
	    {"tilde",
	     "~~~ text\nA.5.1\n~~~\n\nText A.5.2\n",
	     NULL,
	     {CTL("A.5.2", 5, 6)}},
	    {"indented",
	     "Intro\n\n    A.5.1\n\nA.5.3\n",
	     NULL,
	     {CTL("A.5.3", 5, 1)}},
	    {"unclosed fence", "```\nA.5.1\n", NULL, {{0}}},
	    {"code span",
	     "Use `A.5.1` not A.5.4\n",
	     NULL,
	     {CTL("A.5.4", 1, 17)}},
	    {"double span", "``clause 4.3``\n", NULL, {{0}}},
	    {"split by span", "A.5.`1`\n", NULL, {{0}}},
	    {"html block",
	     "<div>\nA.5.1\n</div>\n\nA.5.5\n",
	     NULL,
	     {CTL("A.5.5", 5, 1)}},
	    {"html comment",
	     "<!-- A.5.1 -->\n\nA.5.6\n",
	     NULL,
	     {CTL("A.5.6", 3, 1)}},
	    {"inline html", "a <b title=\"A.5.1\">b</b>\n", NULL, {{0}}},
	};

	(void)state;
	run_cases(cases, sizeof(cases) / sizeof(*cases));
}

/* Clause ids only after "clause", "clauses" or "§"; lists give each. */
static void test_clauses(void **state)
{
	static const struct scan_case cases[] = {
	    {"clause",
	     "Meets clause 6.1.2 fully.\n",
	     NULL,
	     {CLA("6.1.2", 1, 14)}},
	    {"list",
	     "See clauses 4.3, 5.2 and 6.1.2.\n",
	     NULL,
	     {CLA("4.3", 1, 13), CLA("5.2", 1, 18), CLA("6.1.2", 1, 26)}},
	    {"oxford comma",
	     "clauses 4.3, 5.2, and 6.1.2 apply\n",
	     NULL,
	     {CLA("4.3", 1, 9), CLA("5.2", 1, 14), CLA("6.1.2", 1, 23)}},
	    {"separators",
	     "CLAUSES 4.1 & 4.2 / 4.3 or 4.4\n",
	     NULL,
	     {CLA("4.1", 1, 9), CLA("4.2", 1, 15), CLA("4.3", 1, 21),
	      CLA("4.4", 1, 28)}},
	    {"list over lines",
	     "clauses 4.3,\n5.2\n",
	     NULL,
	     {CLA("4.3", 1, 9), CLA("5.2", 2, 1)}},
	    {"section sign", "§ 9.2\n", NULL, {CLA("9.2", 1, 3)}},
	    {"section sign close", "see §9.3.1\n", NULL, {CLA("9.3.1", 1, 6)}},
	    {"full stop", "see clause 4.3.\n", NULL, {CLA("4.3", 1, 12)}},
	    {"top level", "Clause 4 is coarse\n", NULL, {CLA("4", 1, 8)}},
	    {"singular no list", "clause 4.3, 5.2\n", NULL, {CLA("4.3", 1, 8)}},
	    {"emphasised word",
	     "**clause** 6.1.2\n",
	     NULL,
	     {CLA("6.1.2", 1, 12)}},
	    {"annex id",
	     "A.8.16 covers logging\n",
	     NULL,
	     {CTL("A.8.16", 1, 1)}},
	    {"clause then annex id",
	     "clause A.8.16\n",
	     NULL,
	     {CTL("A.8.16", 1, 8)}},
	    {"list then annex id",
	     "clauses 4.3 and A.5.1\n",
	     NULL,
	     {CLA("4.3", 1, 9), CTL("A.5.1", 1, 17)}},
	    {"order",
	     "clause 6.1.2 (see A.5.1)\n",
	     NULL,
	     {CLA("6.1.2", 1, 8), CTL("A.5.1", 1, 19)}},
	    {"three kinds interleaved",
	     "A.8.32, clauses 4.3 and 5.2, §§ 9.1, 9.2, A.5.1 clause 6.1\n",
	     NULL,
	     {CTL("A.8.32", 1, 1), CLA("4.3", 1, 17), CLA("5.2", 1, 25),
	      CLA("9.1", 1, 33), CLA("9.2", 1, 38), CTL("A.5.1", 1, 43),
	      CLA("6.1", 1, 56)}},
	    {"no word", "Section 8.16 and 4.3 apply.\n", NULL, {{0}}},
	    {"not a word", "subclause 6.1 and clausex 4.3\n", NULL, {{0}}},
	    {"too long", "clause 4.3.1.2 and clause 123\n", NULL, {{0}}},
	    {"in code", "`clause 4.3`\n", NULL, {{0}}},
	};

	(void)state;
	run_cases(cases, sizeof(cases) / sizeof(*cases));
}

/* Sections whose heading names the mapping heading, and where they end. */
static void test_mapping(void **state)
{
	static const char body[] = "# Policy\n"
				   "A.5.1\n"
				   "\n"
				   "## ISO 27001 Mapping (A.5.9)\n"
				   "\n"
				   "A.5.2\n"
				   "\n"
				   "### Sub\n"
				   "A.5.3\n"
				   "\n"
				   "## Other\n"
				   "A.5.4\n"
				   "### ISO 27001 mapping\n"
				   "A.5.5\n"
				   "# Top\n"
				   "A.5.6\n"
				   "\n"
				   "ISO 27001 mapping\n"
				   "---\n"
				   "A.5.7\n";
	static const struct scan_case cases[] = {
	    {"mapping",
	     body,
	     "iso 27001 MAPPING",
	     {CTL_MAP("A.5.1", 2, 1, false), CTL_MAP("A.5.9", 4, 23, true),
	      CTL_MAP("A.5.2", 6, 1, true), CTL_MAP("A.5.3", 9, 1, true),
	      CTL_MAP("A.5.4", 12, 1, false), CTL_MAP("A.5.5", 14, 1, true),
	      CTL_MAP("A.5.6", 16, 1, false), CTL_MAP("A.5.7", 20, 1, true)}},
	    {"no heading",
	     body,
	     NULL,
	     {CTL("A.5.1", 2, 1), CTL("A.5.9", 4, 23), CTL("A.5.2", 6, 1),
	      CTL("A.5.3", 9, 1), CTL("A.5.4", 12, 1), CTL("A.5.5", 14, 1),
	      CTL("A.5.6", 16, 1), CTL("A.5.7", 20, 1)}},
	    {"empty heading",
	     body,
	     "",
	     {CTL("A.5.1", 2, 1), CTL("A.5.9", 4, 23), CTL("A.5.2", 6, 1),
	      CTL("A.5.3", 9, 1), CTL("A.5.4", 12, 1), CTL("A.5.5", 14, 1),
	      CTL("A.5.6", 16, 1), CTL("A.5.7", 20, 1)}},
	    {"first block",
	     "## Mapping\nA.5.1\n",
	     "mapping",
	     {CTL_MAP("A.5.1", 2, 1, true)}},
	    {"code heading",
	     "```\n# mapping\n```\nA.5.1\n",
	     "mapping",
	     {CTL("A.5.1", 4, 1)}},
	};

	(void)state;
	run_cases(cases, sizeof(cases) / sizeof(*cases));
}

/* Positions count from the body's first line, as in the file. */
static void test_front_matter(void **state)
{
	static const char text[] = "---\n"
				   "id: POL-1\n"
				   "title: A.5.9 policy\n"
				   "controls: [A.5.1]\n"
				   "---\n"
				   "Scope\n"
				   "\n"
				   "See A.8.32 here.\n";
	static const struct want want[] = {CTL("A.8.32", 8, 5), {0}};
	static const struct want mid[] = {CTL("A.5.1", 3, 5), {0}};
	struct scan_run r;
	size_t start = strstr(text, "Scope") - text;

	(void)state;
	scan_run(&r, text, strlen(text), start, 6, NULL);
	check_scan("front matter", &r, want, 2);
	scan_done(&r);
	scan_run(&r, "ab: A.5.1", 9, 4, 3, NULL);
	check_scan("body mid-line", &r, mid, 2);
	scan_done(&r);
	scan_run(&r, "A.5.1", 5, 9, 1, NULL);
	check_scan("start past end", &r, want + 1, 1);
	scan_done(&r);
	scan_run(&r, NULL, 0, 0, 1, NULL);
	check_scan("no text", &r, want + 1, 1);
	scan_done(&r);
}

/* The first heading's text, trimmed, or NULL. */
static void test_first_heading(void **state)
{
	static const struct {
		const char *body;
		const char *want;
	} cases[] = {
	    {"Intro text\n\n##   Access  Control Policy  \n",
	     "Access  Control Policy"},
	    {"# The **ISMS** `scope`\n", "The ISMS scope"},
	    {"Title\n=====\n\n# Second\n", "Title"},
	    {"#\n\n# Real\n", "Real"},
	    {"No heading here\n", NULL},
	    {"```\n# not a heading\n```\n", NULL},
	    {"", NULL},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct scan_run r;
		const char *got;

		scan_run(&r, cases[i].body, strlen(cases[i].body), 0, 1, NULL);
		got = r.out.first_heading;
		assert_int_equal(r.rc, 0);
		if (!cases[i].want != !got ||
		    (got && strcmp(got, cases[i].want)))
			fail_msg("case %zu: first heading '%s', want '%s'", i,
				 got ? got : "(null)",
				 cases[i].want ? cases[i].want : "(null)");
		scan_done(&r);
	}
}

/*
 * Where a mention may start: each way of starting one ("A." and a digit,
 * "clause" in any case, "§") is enough, even where the mention itself
 * would not count; a near miss is not.
 */
static void test_may_mention(void **state)
{
	static const struct {
		const char *body;
		bool may;
	} cases[] = {
	    {"", false},
	    {"# Access\n\nNo ids here; A. 5 is not one.\n", false},
	    {"cla use 5.2, A .5.1, a.5.1, \xC2 \xA7, \xA7\n", false},
	    {"See A.5.15.\n", true},
	    {"`A.5.15` in code\n", true},
	    {"XA.5\n", true},
	    {"CLAUSE 5.2 applies\n", true},
	    {"the Clauses\n", true},
	    {"clau", true},
	    {"\xC2\xA7 7.5\n", true},
	    {"\xFF\xFE bad bytes, then A.1", true},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		if (md_may_mention(cases[i].body, strlen(cases[i].body)) !=
		    cases[i].may)
			fail_msg("case %zu: '%s' may hold a mention: %d", i,
				 cases[i].body, !cases[i].may);
}

/* The first heading is given only when it is asked for. */
static void test_heading_wanted(void **state)
{
	static const char body[] = "# Access\n\nSee A.5.15.\n";
	struct scan_run r;

	(void)state;
	scan_run_as(&r, body, strlen(body), 0, 1, NULL, false);
	assert_int_equal(r.out.len, 1);
	assert_null(r.out.first_heading);
	scan_done(&r);
	scan_run_as(&r, body, strlen(body), 0, 1, NULL, true);
	assert_int_equal(r.out.len, 1);
	assert_string_equal(r.out.first_heading, "Access");
	scan_done(&r);
}

/* text_pos: lines from 1, columns in code points from 1. */
static void test_text_pos(void **state)
{
	static const struct {
		const char *text;
		size_t off;
		unsigned line, column;
	} cases[] = {
	    {"", 0, 1, 1},
	    {"abc", 2, 1, 3},
	    {"a\nb", 2, 2, 1},
	    {"a\nbc", 3, 2, 2},
	    {"\xc3\xa9\nx\xc3\xa9 y", 7, 2, 4},
	    {"\n\n\n", 3, 4, 1},
	    {"日本", 3, 1, 2},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct pos p = text_pos(cases[i].text, cases[i].off);

		if (p.line != cases[i].line || p.column != cases[i].column)
			fail_msg("case %zu: %u:%u, want %u:%u", i, p.line,
				 p.column, cases[i].line, cases[i].column);
	}
}

/* Invalid UTF-8 and NUL bytes are scanned, not refused. */
static void test_bad_bytes(void **state)
{
	static const char bad[] = "\xff\xfe A.5.1 \xc3 clause 4.3\x80 \xe2\x82";
	static const char nul[] = "A.5.1\0A.5.2\0clause 4.3\0";
	static const struct want want_bad[] = {
	    CTL("A.5.1", 1, 4), CLA("4.3", 1, 19), {0}};
	static const struct want want_nul[] = {
	    CTL("A.5.1", 1, 1), CTL("A.5.2", 1, 7), CLA("4.3", 1, 20), {0}};
	struct scan_run r;

	(void)state;
	scan_run(&r, bad, sizeof(bad) - 1, 0, 1, "x");
	check_scan("invalid utf-8", &r, want_bad, 3);
	scan_done(&r);
	scan_run(&r, nul, sizeof(nul) - 1, 0, 1, "x");
	check_scan("nul bytes", &r, want_nul, 4);
	scan_done(&r);
}

/* Every byte value, in pseudo-random bodies: no crash, no failure. */
static void test_random_bytes(void **state)
{
	static const char abc[] = "A.5.1 clause§#`~*_[]()<>!-|\n\t ";
	char *body = xmalloc(65536);
	uint32_t seed = 12345;
	size_t i, round;

	(void)state;
	for (round = 0; round < 8; round++) {
		struct scan_run r;

		for (i = 0; i < 65536; i++) {
			seed = seed * 1103515245u + 12345u;
			body[i] = round & 1
				      ? (char)(seed >> 16)
				      : abc[(seed >> 16) % (sizeof(abc) - 1)];
		}
		scan_run(&r, body, 65536, 0, 1, "mapping");
		assert_int_equal(r.rc, 0);
		scan_done(&r);
	}
	free(body);
}

/* Seconds since some fixed point. */
static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A body of copies of unit up to at least size bytes. */
static char *repeat(const char *unit, size_t size, size_t *len)
{
	struct buf b = BUF_INIT;

	while (b.len < size)
		buf_adds(&b, unit);
	*len = b.len;
	return buf_detach(&b);
}

/* 1 MiB with two mentions a line: all found, in bounded time. */
static void test_large(void **state)
{
	static const char line[] = "Line with A.5.1 and clause 6.1.2 text.\n";
	size_t len, lines;
	char *body = repeat(line, 1 << 20, &len);
	struct scan_run r;
	const struct mention *last;
	double t = now();

	(void)state;
	lines = len / (sizeof(line) - 1);
	scan_run(&r, body, len, 0, 1, NULL);
	t = now() - t;
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.out.len, 2 * lines);
	last = &r.out.items[r.out.len - 1];
	assert_int_equal(last->len, 5);
	assert_memory_equal(last->id, "6.1.2", 5);
	assert_int_equal(last->pos.line, lines);
	assert_int_equal(last->pos.column, 28);
	if (t > TIME_LIMIT)
		fail_msg("1 MiB took %.2f s", t);
	scan_done(&r);
	free(body);
}

/* Inputs that make naive parsers or patterns slow: bounded time. */
static void test_pathological(void **state)
{
	static const char *const units[] = {
	    "A.",   "A.1",	"A.1.1.1.1", "clauses 1, ", "clause clause ",
	    "§",    "[",	"*",	     "`",	    "<",
	    "> ",   "- ",	"# h\n",     "**a",	    "[a](",
	    "| a ", "1.1.1.1.", "    x\n",   "```\n",
	};
	size_t i, len;

	(void)state;
	for (i = 0; i < sizeof(units) / sizeof(*units); i++) {
		char *body = repeat(units[i], 256 * 1024, &len);
		struct scan_run r;
		double t = now();

		scan_run(&r, body, len, 0, 1, "h");
		t = now() - t;
		assert_int_equal(r.rc, 0);
		if (t > TIME_LIMIT)
			fail_msg("'%s' repeated took %.2f s", units[i], t);
		scan_done(&r);
		free(body);
	}
}

/* One thread's scan of the shared body; the mention count, or -1. */
static void *thread_scan(void *arg)
{
	const char *body = arg;
	struct scan_run r;
	intptr_t n;

	scan_run(&r, body, strlen(body), 0, 1, "mapping");
	n = r.rc ? -1 : (intptr_t)r.out.len;
	scan_done(&r);
	return (void *)n;
}

/* Scans may run at once in several threads, first use included. */
static void test_threads(void **state)
{
	pthread_t t[4];
	size_t len, i;
	char *body =
	    repeat("## Mapping\nA.5.1 and clauses 4.3, 5.2\n", 4096, &len);

	(void)state;
	for (i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&t[i], NULL, thread_scan, body),
				 0);
	for (i = 0; i < 4; i++) {
		void *n;

		assert_int_equal(pthread_join(t[i], &n), 0);
		assert_int_equal((intptr_t)n, 3 * (len / 38));
	}
	free(body);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_threads),
	    cmocka_unit_test(test_controls),
	    cmocka_unit_test(test_code_hides),
	    cmocka_unit_test(test_clauses),
	    cmocka_unit_test(test_mapping),
	    cmocka_unit_test(test_front_matter),
	    cmocka_unit_test(test_first_heading),
	    cmocka_unit_test(test_may_mention),
	    cmocka_unit_test(test_heading_wanted),
	    cmocka_unit_test(test_text_pos),
	    cmocka_unit_test(test_bad_bytes),
	    cmocka_unit_test(test_random_bytes),
	    cmocka_unit_test(test_large),
	    cmocka_unit_test(test_pathological),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
