/* What the CI formats share: a place for every finding, stable hashes. */
#include "isms/ci.h"
#include "isms/alloc.h"

#include <stdlib.h>

/* The place a CI format gives f: its own, isms.yaml or the root. */
void ci_locate(const struct repo *r, const struct finding *f,
	       struct ci_location *loc)
{
	const char *cfg = r->config.path;

	if (f->file) {
		loc->path = f->file;
		loc->line = f->pos.line ? f->pos.line : 1;
		loc->column = f->pos.line && f->pos.column ? f->pos.column : 1;
		return;
	}
	/* --config may name a file outside the root: that is no place. */
	loc->path = cfg && cfg[0] != '/' ? cfg : ".";
	loc->line = 1;
	loc->column = 1;
}

/* FNV-1a over s and its NUL: small, stable across builds and hosts. */
uint64_t ci_hash(uint64_t h, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");

	do {
		h ^= *p;
		h *= UINT64_C(0x100000001b3);
	} while (*p++);
	return h;
}

/* Hash a number as its decimal digits. */
uint64_t ci_hash_uint(uint64_t h, unsigned long n)
{
	char digits[24];

	snprintf(digits, sizeof(digits), "%lu", n);
	return ci_hash(h, digits);
}

/* A key and where it was, for sorting. */
struct ci_keyed {
	uint64_t key;
	size_t at;
};

/* Order by key, then by position. */
static int ci_keyed_cmp(const void *a, const void *b)
{
	const struct ci_keyed *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->at < y->at ? -1 : x->at > y->at;
}

/* Number equal keys 1, 2, 3 ... in order: sorted, so O(n log n). */
void ci_occurrences(const uint64_t *keys, size_t n, unsigned *occ)
{
	struct ci_keyed *k;
	size_t i;

	if (!n)
		return;
	k = xcalloc(n, sizeof(*k));
	for (i = 0; i < n; i++)
		k[i] = (struct ci_keyed){keys[i], i};
	qsort(k, n, sizeof(*k), ci_keyed_cmp);
	for (i = 0; i < n; i++)
		occ[k[i].at] =
		    i && k[i - 1].key == k[i].key ? occ[k[i - 1].at] + 1 : 1;
	free(k);
}

/* The length of a rule id's first word. */
size_t ci_family_len(const char *rule)
{
	size_t n = 0;

	while (rule[n] && rule[n] != '-')
		n++;
	return n;
}
