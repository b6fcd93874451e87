/* Calendar dates and review cycles. */
#ifndef ISMS_DATE_H
#define ISMS_DATE_H

#include <stdbool.h>

/*
 * A date as the number yyyymmdd (2026-03-31 is 20260331), so that dates
 * compare as integers; 0 means "no date".
 */
typedef long isms_date;

/* A review cycle: n days, weeks, months or years; n == 0 means none. */
struct duration {
	unsigned n;
	char unit; /* 'd', 'w', 'm' or 'y' */
};

/*
 * Parse an ISO 8601 calendar date ("2026-03-31"), optionally followed by
 * a time ("T10:00", "T10:00:00Z", " 10:00"); returns 0 when s is not a
 * real date (2026-02-30 is not).
 */
isms_date date_parse(const char *s);
/*
 * Parse what date_parse() accepts into seconds since 1970-01-01T00:00Z:
 * a bare date is its midnight, a time without an offset is read as UTC,
 * an offset ("+02:00", "Z") is taken off, fractions of a second are
 * dropped.  *timed (when not NULL) says whether s carried a time.
 * Returns false, leaving *secs alone, when s is not a real date.
 */
bool date_time_parse(const char *s, long long *secs, bool *timed);
/* Parse "90d", "6w", "6m", "1y" (also "12 months"); false when invalid. */
bool duration_parse(const char *s, struct duration *out);
/* d plus the duration; months past a month's end clamp to its last day. */
isms_date date_add(isms_date d, struct duration dur);
/* Days from a to b (negative when b is earlier). */
long date_diff(isms_date a, isms_date b);
/* Write "yyyy-mm-dd" into out (11 bytes). */
void date_format(isms_date d, char out[11]);
/* Today's local date, or ISMS_TODAY when that is set to a valid date. */
isms_date date_today(void);

#endif
