/*
 * check's output for CI systems: SARIF 2.1.0 for code scanning, JUnit
 * XML for test reports, GitHub workflow commands and a GitLab Code
 * Quality report.  Each needs a place for every finding, so a finding
 * with no file of its own is put at isms.yaml line 1, or at the root
 * folder (".") when the repository has no isms.yaml.
 */
#ifndef ISMS_CI_H
#define ISMS_CI_H

#include <stdint.h>
#include <stdio.h>

#include "isms/buf.h"
#include "isms/render.h"
#include "isms/repo.h"

/* How many annotations of one severity GitHub shows for a step. */
#define GITHUB_ANNOTATIONS_SHOWN 10

/* Where a CI format shows a finding: never without a place. */
struct ci_location {
	const char *path; /* relative to the root, or absolute */
	unsigned line;	  /* 1-based */
	unsigned column;  /* 1-based, in code points */
};

/* The place of f: its own, else isms.yaml line 1, else ".". */
void ci_locate(const struct repo *r, const struct finding *f,
	       struct ci_location *loc);

/* The start value of ci_hash(). */
#define CI_HASH_INIT UINT64_C(0xcbf29ce484222325)

/*
 * Continue the 64-bit FNV-1a hash h over s and a terminating NUL, so
 * that ("ab", "c") and ("a", "bc") differ.  NULL hashes as "".
 */
uint64_t ci_hash(uint64_t h, const char *s);

/* Continue h over the decimal digits of n. */
uint64_t ci_hash_uint(uint64_t h, unsigned long n);

/*
 * For each i, set occ[i] to 1 + how many of keys[0..i-1] equal keys[i]:
 * the occurrence counter that keeps identical findings apart.
 */
void ci_occurrences(const uint64_t *keys, size_t n, unsigned *occ);

/* The family of a rule id: the length of its first word ("soa"). */
size_t ci_family_len(const char *rule);

/*
 * Append s to b escaped for XML text and attribute values: &, <, >, "
 * and ' as entities; characters XML 1.0 forbids (control characters
 * other than tab, newline and carriage return, U+FFFE, U+FFFF) are
 * dropped; invalid UTF-8 becomes U+FFFD.  NULL appends nothing.
 */
void xml_escape(struct buf *b, const char *s);

/* check --format sarif: one run, every rule, one result per finding. */
int render_check_sarif(FILE *out, const struct repo *r);

/*
 * check --format junit: a testsuite per rule family, a testcase per
 * checked item, a failure per finding (see docs/ci.md).
 */
int render_check_junit(FILE *out, const struct repo *r);

/* check --format github: workflow commands, then the summary line. */
int render_check_github(FILE *out, const struct repo *r,
			const struct summary *s);

/*
 * Append check's Markdown summary to the file at path (GitHub's
 * GITHUB_STEP_SUMMARY).  Returns 0, or -1 when it cannot be written.
 */
int render_github_step_summary(const char *path, const struct summary *s);

/* check --format gitlab: a Code Quality report (a JSON array). */
int render_check_gitlab(FILE *out, const struct repo *r);

#endif
