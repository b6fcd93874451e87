/* The ISO/IEC 27001 catalogs, compiled in from templates/catalog/. */
#ifndef ISMS_CATALOG_H
#define ISMS_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

/* An Annex A control of ISO/IEC 27001:2022 ("A.5.1"). */
struct control_info {
	const char *id;
	const char *title;
	const char *theme;   /* Organizational, People, Physical, ... */
	unsigned char major; /* 5..8 */
	unsigned char minor;
};

enum clause_kind {
	CLAUSE_LEAF,   /* a clause of the catalog: 4.3, 6.1.2 */
	CLAUSE_PARENT, /* 6.1, 7.5, 9.2, 9.3: covers its children */
	CLAUSE_TOP,    /* 4 .. 10: too coarse to cover anything */
};

/* A clause of ISO/IEC 27001:2022, in standard order. */
struct clause_info {
	const char *id;
	const char *title;
	const char *note; /* what must be documented, or "" */
	enum clause_kind kind;
	bool required; /* requires documented information */
};

/* An Annex A control of ISO/IEC 27001:2013 and its 2022 counterparts. */
struct control2013_info {
	const char *id;
	const char *title;
	unsigned short counterparts[2]; /* control indexes */
	unsigned char counterpart_count;
};

extern const struct control_info catalog_controls[];
extern const size_t catalog_control_count;
extern const struct clause_info catalog_clauses[];
extern const size_t catalog_clause_count;
extern const struct control2013_info catalog_controls_2013[];
extern const size_t catalog_control_2013_count;
/* Annex A themes in catalog order. */
extern const char *const catalog_themes[];
extern const size_t catalog_theme_count;

/* Index of the canonical 2022 control id ("A.8.32"), or -1. */
int catalog_control_find(const char *id);
/* Index of the 2022 control A.<major>.<minor>, or -1. */
int catalog_control_at(unsigned major, unsigned minor);
/* Index of a clause id ("6.1.2", "9.2", "8"), or -1. */
int catalog_clause_find(const char *id);
/* The 2013 control with this canonical id ("A.12.1.2"), or NULL. */
const struct control2013_info *catalog_2013_find(const char *id);

/*
 * True when clause parent (an index) covers clause child: the same
 * clause, or a parent such as 9.2 over 9.2.2.  A top-level number covers
 * nothing.
 */
bool catalog_clause_covers(size_t parent, size_t child);

#endif
