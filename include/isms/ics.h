/* iCalendar content lines (RFC 5545 section 3.1): escaping and folding. */
#ifndef ISMS_ICS_H
#define ISMS_ICS_H

#include <stddef.h>

#include "isms/buf.h"

/* The longest content line, in octets, before the line break. */
#define ICS_LINE_MAX 75

/*
 * Append s to b as a TEXT value (3.3.11): backslash, semicolon and
 * comma escaped with a backslash, a line break (LF, CR LF or CR) as
 * "\n"; other control characters but tab are dropped.
 */
void ics_escape(struct buf *b, const char *s);

/*
 * Append the content line (len octets, no line break) to b, folded so
 * that no line passes ICS_LINE_MAX octets: each continuation starts
 * with one space.  A UTF-8 character is never split.  Every line ends
 * in CR LF.
 */
void ics_fold(struct buf *b, const char *line, size_t len);

/* Append "name:value" with value escaped as TEXT, folded. */
void ics_text(struct buf *b, const char *name, const char *value);

/* Append "name:value" with value as it is (a date, an id), folded. */
void ics_raw(struct buf *b, const char *name, const char *value);

#endif
