/* A hash map from strings to pointers (open addressing). */
#ifndef ISMS_STRMAP_H
#define ISMS_STRMAP_H

#include <stddef.h>

struct strmap_slot {
	const char *key;
	void *value;
	size_t hash;
};

/*
 * Keys are not copied: they must outlive the map (arena strings do).
 * The table doubles when it is half full, so lookups stay O(1).
 */
struct strmap {
	struct strmap_slot *slots;
	size_t cap;
	size_t len;
};

#define STRMAP_INIT                                                            \
	{                                                                      \
		NULL, 0, 0                                                     \
	}

/* The value stored for key, or NULL. */
void *strmap_get(const struct strmap *m, const char *key);
/*
 * Store value under key unless key is already there; returns the value
 * that is stored under key afterwards (the earlier one when it was).
 */
void *strmap_put(struct strmap *m, const char *key, void *value);
void strmap_release(struct strmap *m);

#endif
