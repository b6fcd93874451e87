/* The Stage 1 spine: the items an auditor looks for first. */
#ifndef ISMS_SPINE_H
#define ISMS_SPINE_H

#include <stdbool.h>
#include <stddef.h>

#include "isms/document.h"

/* One way a document can stand for a spine item. */
struct spine_way {
	enum doc_type type;	   /* DOC_TYPE_NONE: any type */
	const char *register_kind; /* a register of this kind */
	const char *clauses[3];	   /* lists one of these (or a parent/child) */
	const char *controls[3];   /* implements one of these */
};

struct spine_item {
	const char *key;  /* "risk-register" */
	const char *name; /* "risk register" */
	struct spine_way ways[2];
};

extern const struct spine_item spine_items[];
extern const size_t spine_count;

/* Does document d stand for spine item it? */
bool spine_matches(const struct spine_item *it, const struct document *d);

#endif
