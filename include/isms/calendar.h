/*
 * isms calendar: the dates an ISMS runs by, from the documents, the
 * registers and the configuration: reviews due, the internal audits and
 * management reviews the plans schedule, suppliers to review, waivers
 * that expire.  docs/git.md says where each date comes from.
 */
#ifndef ISMS_CALENDAR_H
#define ISMS_CALENDAR_H

#include <stddef.h>
#include <stdio.h>

#include "isms/arena.h"
#include "isms/date.h"
#include "isms/repo.h"

enum cal_kind {
	CAL_REVIEW,	       /* a document or register review */
	CAL_AUDIT,	       /* from the internal audit programme */
	CAL_MANAGEMENT_REVIEW, /* from the management review plan */
	CAL_SCHEDULE,	       /* from another document's schedule: */
	CAL_SUPPLIER,	       /* a supplier row's next_review */
	CAL_WAIVER,	       /* a waiver's expires date */
};

/* One dated event; strings live in the calendar's arena. */
struct cal_event {
	isms_date date;
	enum cal_kind kind;
	const char *summary; /* one line */
	const char *description;
	const char *source; /* the file it comes from */
	const char *uid;    /* the same from run to run */
};

struct calendar {
	struct cal_event *events; /* by date, kind, summary */
	size_t len, cap;
	struct arena arena;
	const char *name; /* the organisation, or NULL */
};

/* Gather the events of r.  Release with calendar_release(). */
void calendar_build(const struct repo *r, struct calendar *cal);
void calendar_release(struct calendar *cal);

/* "review", "audit", "management-review", "schedule", ... */
const char *cal_kind_name(enum cal_kind k);

/* A dated list, one event a line; past dates of reviews say overdue. */
int render_calendar_text(FILE *out, const struct calendar *cal,
			 isms_date today);
/*
 * The calendar as iCalendar (RFC 5545): one all-day VEVENT per event,
 * CRLF lines folded at 75 octets, DTSTAMP at stamp (seconds since
 * 1970-01-01T00:00Z).  Returns 0, or -1 when the write failed.
 */
int render_calendar_ics(FILE *out, const struct calendar *cal, long long stamp);

#endif
