/* The string hash map of strmap.h: FNV-1a and linear probing. */
#include "isms/strmap.h"
#include "isms/alloc.h"

#include <stdlib.h>
#include <string.h>

static size_t strmap_hash(const char *s)
{
	size_t h = (size_t)1469598103934665603ULL;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= (size_t)1099511628211ULL;
	}
	return h;
}

/* The slot holding key, or the empty slot where it would go. */
static struct strmap_slot *strmap_slot(const struct strmap *m, const char *key,
				       size_t hash)
{
	size_t i = hash & (m->cap - 1);

	while (m->slots[i].key &&
	       (m->slots[i].hash != hash || strcmp(m->slots[i].key, key)))
		i = (i + 1) & (m->cap - 1);
	return &m->slots[i];
}

void *strmap_get(const struct strmap *m, const char *key)
{
	struct strmap_slot *s;

	if (!m->len)
		return NULL;
	s = strmap_slot(m, key, strmap_hash(key));
	return s->key ? s->value : NULL;
}

/* Double the table and put every entry back. */
static void strmap_grow(struct strmap *m)
{
	struct strmap old = *m;
	size_t i;

	m->cap = old.cap ? old.cap * 2 : 16;
	m->slots = xcalloc(m->cap, sizeof(*m->slots));
	for (i = 0; i < old.cap; i++)
		if (old.slots[i].key)
			*strmap_slot(m, old.slots[i].key, old.slots[i].hash) =
			    old.slots[i];
	free(old.slots);
}

void *strmap_put(struct strmap *m, const char *key, void *value)
{
	size_t hash = strmap_hash(key);
	struct strmap_slot *s;

	if ((m->len + 1) * 2 > m->cap)
		strmap_grow(m);
	s = strmap_slot(m, key, hash);
	if (s->key)
		return s->value;
	s->key = key;
	s->value = value;
	s->hash = hash;
	m->len++;
	return value;
}

void strmap_release(struct strmap *m)
{
	free(m->slots);
	m->slots = NULL;
	m->cap = m->len = 0;
}
