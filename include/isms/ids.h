/* Control and clause ids: finding, normalising and recognising them. */
#ifndef ISMS_IDS_H
#define ISMS_IDS_H

#include <stddef.h>

#include "isms/catalog.h"
#include "isms/finding.h"

enum id_status {
	ID_CANONICAL,  /* a 2022 id written exactly as the catalog does */
	ID_NORMALISED, /* a 2022 id written another way ("A.05.01") */
	ID_2013,       /* an ISO 27001:2013 Annex A id */
	ID_COARSE,     /* a top-level clause number ("8") */
	ID_UNKNOWN,    /* looks like an id, but is in no catalog */
};

/*
 * One id found in a string.  text is the id as normalised ("A.12.1" for
 * "A.12.01"); index is the catalog index of a 2022 control or clause
 * (-1 for ID_2013, ID_UNKNOWN); suggestion is the index of the nearest
 * real control or clause (-1 when there is none); start and end delimit
 * what was found within the string, in bytes.
 */
struct id_match {
	enum id_status status;
	int index;
	int suggestion;
	const struct control2013_info *old;
	char text[24];
	size_t start, end;
};

/*
 * Find the Annex A ids in s (len bytes) in order, "A.5.1, A.5.2" and
 * "A.8.32 - Change management" alike, and store at most max of them in
 * out.  Returns how many were found (which may exceed max).  Prefixes
 * such as "iso27001:", "Annex " and titles around the id are ignored;
 * case, leading zeros and a missing dot ("A5.1") are forgiven.
 */
size_t ids_find_controls(const char *s, size_t len, struct id_match *out,
			 size_t max);

/* The same for clause ids ("4.3", "clause 6.1.2", "9.2"). */
size_t ids_find_clauses(const char *s, size_t len, struct id_match *out,
			size_t max);

/*
 * Report m, an Annex A id that is no 2022 control, at file:p: a 2013 id
 * as control-2013 naming its counterparts, anything else as
 * control-unknown with the nearest id; context ends the message (a row's
 * name, or "").  Returns the finding.
 */
struct finding *ids_report_control(struct findings *fs, const char *file,
				   struct pos p, const struct id_match *m,
				   const char *context);

/* Levenshtein distance of two short strings, capped at 255. */
unsigned ids_distance(const char *a, const char *b);

#endif
