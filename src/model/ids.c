/*
 * Control and clause ids as people write them.  FORMAT.md lists the
 * forms: comma strings, zero padding, prefixes, trailing titles, 2013
 * ids.  pcre2 finds each id; the catalog decides what it is.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "isms/ids.h"
#include "isms/alloc.h"
#include "isms/buf.h"

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
    "(?<![\\w.])(\\d{1,3})(?:\\.(\\d{1,3}))?(?:\\.(\\d{1,3}))?"
    "(?![\\d]|\\.\\d)";

static pcre2_code *control_re, *clause_re;
static pthread_once_t ids_once = PTHREAD_ONCE_INIT;

static void ids_init(void)
{
	control_re = alloc_pcre2_pattern(control_pattern, 0);
	clause_re = alloc_pcre2_pattern(clause_pattern, 0);
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

/* Length of the common prefix of a and b. */
static size_t common_prefix(const char *a, const char *b)
{
	size_t n = 0;

	while (a[n] && a[n] == b[n])
		n++;
	return n;
}

/*
 * How near id is to text, lower is nearer: edit distance first, then the
 * longest common prefix, then the closest length, then the closest last
 * number, so that "A.8.35" finds "A.8.34" rather than "A.5.35", "A.8.3"
 * or "A.8.30".
 */
static unsigned long nearness(const char *text, const char *id)
{
	size_t lt = strlen(text), li = strlen(id);
	size_t dlen = lt > li ? lt - li : li - lt;
	size_t prefix = common_prefix(text, id);

	const char *a = strrchr(text, '.'), *b = strrchr(id, '.');
	long na = strtol(a ? a + 1 : text, NULL, 10);
	long nb = strtol(b ? b + 1 : id, NULL, 10);
	unsigned long dnum = (unsigned long)(na > nb ? na - nb : nb - na);

	return ids_distance(text, id) * 100000000UL +
	       (99 - (prefix > 99 ? 99 : prefix)) * 1000000UL +
	       (dlen > 99 ? 99 : dlen) * 10000UL + (dnum > 9999 ? 9999 : dnum);
}

/*
 * The nearest of n ids within two edits (see nearness()); id_at() gives
 * NULL for a candidate to leave out.  Returns the index or -1.
 */
static int nearest_id(const char *text, size_t n, const char *(*id_at)(size_t))
{
	unsigned long best = 3 * 100000000UL, v;
	size_t i;
	int at = -1;

	for (i = 0; i < n; i++) {
		const char *id = id_at(i);

		if (!id)
			continue;
		v = nearness(text, id);
		if (v < best) {
			best = v;
			at = (int)i;
		}
	}
	return at;
}

/* The id of control i. */
static const char *control_id_at(size_t i)
{
	return catalog_controls[i].id;
}

/* The id of clause i, or NULL for a top-level number. */
static const char *clause_id_at(size_t i)
{
	return catalog_clauses[i].kind == CLAUSE_TOP ? NULL
						     : catalog_clauses[i].id;
}

/* Index of the control whose id is nearest to text, or -1. */
static int nearest_control(const char *text)
{
	return nearest_id(text, catalog_control_count, control_id_at);
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
static void classify_control(struct id_match *m, const unsigned *v, int parts,
			     const char *written)
{
	if (parts == 3)
		snprintf(m->text, sizeof(m->text), "A.%u.%u.%u", v[0], v[1],
			 v[2]);
	else
		snprintf(m->text, sizeof(m->text), "A.%u.%u", v[0], v[1]);
	m->index = m->suggestion = -1;
	m->old = NULL;
	if (parts == 2 && (m->index = catalog_control_at(v[0], v[1])) >= 0) {
		m->status =
		    strcmp(m->text, written) ? ID_NORMALISED : ID_CANONICAL;
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
	return nearest_id(text, catalog_clause_count, clause_id_at);
}

/* Classify the clause id whose numbers are in v[0..parts). */
static void classify_clause(struct id_match *m, const unsigned *v, int parts,
			    const char *written)
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
		m->status =
		    strcmp(m->text, written) ? ID_NORMALISED : ID_CANONICAL;
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
		alloc_die();
	ov = pcre2_get_ovector_pointer(md);
	while (off <= len) {
		unsigned v[3] = {0, 0, 0};
		int parts,
		    rc = pcre2_match(re, (PCRE2_SPTR)s, len, off, 0, md, NULL);

		if (rc <= 0)
			break;
		for (parts = 0; parts < 3 && parts + 1 < rc &&
				ov[2 * parts + 2] != PCRE2_UNSET;
		     parts++)
			v[parts] =
			    (unsigned)strtoul(s + ov[2 * parts + 2], NULL, 10);
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

/* One or two digits without a leading zero at s[*at]; 0 when none. */
static unsigned fast_number(const char *s, size_t len, size_t *at)
{
	unsigned v = 0;
	size_t i = *at;

	if (i >= len || s[i] < '1' || s[i] > '9')
		return 0;
	v = (unsigned)(s[i++] - '0');
	if (i < len && s[i] >= '0' && s[i] <= '9')
		v = v * 10 + (unsigned)(s[i++] - '0');
	if (i < len && s[i] >= '0' && s[i] <= '9')
		return 0;
	*at = i;
	return v;
}

/* A canonical "A.<major>.<minor>" of the catalogue at s[*at], or -1. */
static int fast_control(const char *s, size_t len, size_t *at)
{
	size_t i = *at + 2;
	unsigned major, minor;
	int index;

	if (i > len || s[*at] != 'A' || s[*at + 1] != '.')
		return -1;
	major = fast_number(s, len, &i);
	if (!major || i >= len || s[i++] != '.')
		return -1;
	minor = fast_number(s, len, &i);
	if (!minor || (index = catalog_control_at(major, minor)) < 0)
		return -1;
	*at = i;
	return index;
}

/*
 * The common cell, canonical ids of the catalogue separated by commas
 * or semicolons and spaces ("A.8.13", "A.5.1, A.8.32"), without pcre2:
 * the matches are the ones the pattern finds.  Returns how many, or -1
 * for anything else, which goes to pcre2.
 */
static long ids_fast_controls(const char *s, size_t len, struct id_match *out,
			      size_t max)
{
	size_t at = 0, start, found = 0;
	int index;

	for (;;) {
		start = at;
		if ((index = fast_control(s, len, &at)) < 0)
			return -1;
		if (found < max) {
			struct id_match *m = &out[found];

			m->status = ID_CANONICAL;
			m->index = index;
			m->suggestion = -1;
			m->old = NULL;
			memcpy(m->text, s + start, at - start);
			m->text[at - start] = '\0';
			m->start = start;
			m->end = at;
		}
		found++;
		if (at == len)
			return (long)found;
		if (s[at] != ',' && s[at] != ';')
			return -1;
		for (at++; at < len && s[at] == ' '; at++)
			;
	}
}

size_t ids_find_controls(const char *s, size_t len, struct id_match *out,
			 size_t max)
{
	long fast = ids_fast_controls(s, len, out, max);

	if (fast >= 0)
		return (size_t)fast;
	pthread_once(&ids_once, ids_init);
	return ids_find(control_re, classify_control, s, len, out, max);
}

size_t ids_find_clauses(const char *s, size_t len, struct id_match *out,
			size_t max)
{
	pthread_once(&ids_once, ids_init);
	return ids_find(clause_re, classify_clause, s, len, out, max);
}

/* "'A.5.36' and 'A.8.8'": the counterparts of a 2013 control, quoted. */
static void counterparts(struct buf *b, const struct control2013_info *c)
{
	unsigned i;

	for (i = 0; i < c->counterpart_count; i++)
		buf_addf(b, "%s'%s'", i ? " and " : "",
			 catalog_controls[c->counterparts[i]].id);
}

struct finding *ids_report_control(struct findings *fs, const char *file,
				   struct pos p, const struct id_match *m,
				   const char *context)
{
	const char *sug =
	    m->suggestion >= 0 ? catalog_controls[m->suggestion].id : NULL;
	struct buf msg = BUF_INIT;
	struct finding *f;

	buf_addf(&msg, "'%s' is ", m->text);
	if (m->status == ID_2013 && m->old->counterpart_count) {
		buf_addf(&msg, "an ISO 27001:2013 id; its 2022 counterpart%s ",
			 m->old->counterpart_count > 1 ? "s are" : " is");
		counterparts(&msg, m->old);
	} else if (m->status == ID_2013) {
		buf_adds(&msg, "an ISO 27001:2013 id with no 2022 counterpart");
	} else {
		buf_adds(&msg, "not an ISO 27001:2022 Annex A control");
		if (sug)
			buf_addf(&msg, "; did you mean '%s'?", sug);
	}
	buf_adds(&msg, context);
	f = findings_add(
	    fs, m->status == ID_2013 ? "control-2013" : "control-unknown", file,
	    p, "%s", msg.ptr);
	f->control = findings_str(fs, m->text);
	f->suggestion = findings_str(fs, sug);
	buf_release(&msg);
	return f;
}
