/*
 * Control and clause ids as people write them.  FORMAT.md lists the
 * forms: comma strings, zero padding, prefixes, trailing titles, 2013
 * ids.  pcre2 finds each id; the catalog decides what it is.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "isms/ids.h"

#include <pcre2.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * An Annex A id: "A", an optional dot or space, two or three numbers.
 * Not preceded by a letter or digit ("Data 5.1" is no id), not followed
 * by a digit.
 */
static const char control_pattern[] =
	"(?<![A-Za-z0-9])[Aa][.\\s]?\\s*(\\d{1,3})\\s*\\.\\s*(\\d{1,3})"
	"(?:\\s*\\.\\s*(\\d{1,3}))?(?![\\d])";

/* A clause id: one to three dotted numbers, not part of a longer number. */
static const char clause_pattern[] =
	"(?<![\\w.])(\\d{1,3})(?:\\.(\\d{1,3}))?(?:\\.(\\d{1,3}))?(?![\\d]|\\.\\d)";

static pcre2_code *control_re, *clause_re;
static pthread_once_t ids_once = PTHREAD_ONCE_INIT;

/* Compile one pattern with JIT where available; abort on a bad pattern. */
static pcre2_code *ids_compile(const char *pattern)
{
	PCRE2_SIZE erroff;
	int err;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern,
				       PCRE2_ZERO_TERMINATED,
				       PCRE2_UTF | PCRE2_MATCH_INVALID_UTF,
				       &err, &erroff, NULL);

	if (!re) {
		fprintf(stderr, "isms: bug: id pattern error %d at %zu\n", err,
			(size_t)erroff);
		abort();
	}
	pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	return re;
}

static void ids_init(void)
{
	control_re = ids_compile(control_pattern);
	clause_re = ids_compile(clause_pattern);
}

unsigned ids_distance(const char *a, const char *b)
{
	unsigned row[32], i, j, la = (unsigned)strlen(a),
				 lb = (unsigned)strlen(b);

	if (la > 30 || lb > 30)
		return 255;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		unsigned diag = row[0];

		row[0] = i;
		for (j = 1; j <= lb; j++) {
			unsigned up = row[j];
			unsigned best = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb] > 255 ? 255 : row[lb];
}

/* Index of the control whose id is nearest to text, or -1. */
static int nearest_control(const char *text)
{
	unsigned best = 255, d;
	int at = -1;
	size_t i;

	for (i = 0; i < catalog_control_count; i++) {
		d = ids_distance(text, catalog_controls[i].id);
		if (d < best) {
			best = d;
			at = (int)i;
		}
	}
	return best <= 2 ? at : -1;
}

/*
 * Suggest for an unknown control id: a 2013 section ("A.12.1") suggests
 * the counterpart of its first control, anything else the nearest id.
 */
static int suggest_control(const char *text)
{
	size_t i, n = strlen(text);

	for (i = 0; i < catalog_control_2013_count; i++) {
		const struct control2013_info *c = &catalog_controls_2013[i];

		if (!strncmp(c->id, text, n) && c->id[n] == '.' &&
		    c->counterpart_count)
			return c->counterparts[0];
	}
	return nearest_control(text);
}

/* Classify the control id whose numbers are in v[0..parts). */
static void classify_control(struct id_match *m, const unsigned *v,
			     int parts, const char *written)
{
	if (parts == 3)
		snprintf(m->text, sizeof(m->text), "A.%u.%u.%u", v[0], v[1],
			 v[2]);
	else
		snprintf(m->text, sizeof(m->text), "A.%u.%u", v[0], v[1]);
	m->index = m->suggestion = -1;
	m->old = NULL;
	if (parts == 2 && (m->index = catalog_control_at(v[0], v[1])) >= 0) {
		m->status = strcmp(m->text, written) ? ID_NORMALISED
						     : ID_CANONICAL;
		return;
	}
	if (parts == 3 && (m->old = catalog_2013_find(m->text))) {
		m->status = ID_2013;
		if (m->old->counterpart_count)
			m->suggestion = m->old->counterparts[0];
		return;
	}
	m->status = ID_UNKNOWN;
	m->suggestion = suggest_control(m->text);
}

/* Index of the clause nearest to text (leaf or parent), or -1. */
static int nearest_clause(const char *text)
{
	unsigned best = 255, d;
	int at = -1;
	size_t i;

	for (i = 0; i < catalog_clause_count; i++) {
		if (catalog_clauses[i].kind == CLAUSE_TOP)
			continue;
		d = ids_distance(text, catalog_clauses[i].id);
		if (d < best) {
			best = d;
			at = (int)i;
		}
	}
	return best <= 2 ? at : -1;
}

/* Classify the clause id whose numbers are in v[0..parts). */
static void classify_clause(struct id_match *m, const unsigned *v,
			    int parts, const char *written)
{
	if (parts == 3)
		snprintf(m->text, sizeof(m->text), "%u.%u.%u", v[0], v[1],
			 v[2]);
	else if (parts == 2)
		snprintf(m->text, sizeof(m->text), "%u.%u", v[0], v[1]);
	else
		snprintf(m->text, sizeof(m->text), "%u", v[0]);
	m->old = NULL;
	m->suggestion = -1;
	m->index = catalog_clause_find(m->text);
	if (m->index < 0) {
		m->status = ID_UNKNOWN;
		m->suggestion = nearest_clause(m->text);
	} else if (catalog_clauses[m->index].kind == CLAUSE_TOP) {
		m->status = ID_COARSE;
		m->suggestion = m->index + 1;
		m->index = -1;
	} else {
		m->status = strcmp(m->text, written) ? ID_NORMALISED
						     : ID_CANONICAL;
	}
}

typedef void (*classify_fn)(struct id_match *, const unsigned *, int,
			    const char *);

/* Run re over s and classify every match; see ids_find_controls(). */
static size_t ids_find(pcre2_code *re, classify_fn classify, const char *s,
		       size_t len, struct id_match *out, size_t max)
{
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
	PCRE2_SIZE off = 0, *ov;
	size_t found = 0;
	char written[24];

	if (!md)
		return 0;
	ov = pcre2_get_ovector_pointer(md);
	while (off <= len) {
		unsigned v[3] = {0, 0, 0};
		int parts, rc = pcre2_match(re, (PCRE2_SPTR)s, len, off, 0, md,
					    NULL);

		if (rc <= 0)
			break;
		for (parts = 0; parts < 3 && parts + 1 < rc &&
				ov[2 * parts + 2] != PCRE2_UNSET;
		     parts++)
			v[parts] = (unsigned)strtoul(s + ov[2 * parts + 2],
						     NULL, 10);
		if (found < max) {
			size_t n = ov[1] - ov[0];

			n = n < sizeof(written) ? n : sizeof(written) - 1;
			memcpy(written, s + ov[0], n);
			written[n] = '\0';
			classify(&out[found], v, parts, written);
			out[found].start = ov[0];
			out[found].end = ov[1];
		}
		found++;
		off = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
	}
	pcre2_match_data_free(md);
	return found;
}

size_t ids_find_controls(const char *s, size_t len, struct id_match *out,
			 size_t max)
{
	pthread_once(&ids_once, ids_init);
	return ids_find(control_re, classify_control, s, len, out, max);
}

size_t ids_find_clauses(const char *s, size_t len, struct id_match *out,
			size_t max)
{
	pthread_once(&ids_once, ids_init);
	return ids_find(clause_re, classify_clause, s, len, out, max);
}

int ids_looks_like_control(const char *s)
{
	struct id_match m;

	return ids_find_controls(s, strlen(s), &m, 1) > 0;
}
