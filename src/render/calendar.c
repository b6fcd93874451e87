/* isms calendar as a dated list and as iCalendar (RFC 5545). */
#include "isms/calendar.h"
#include "isms/buf.h"
#include "isms/ics.h"
#include "isms/otable.h"
#include "isms/version.h"

#include <string.h>
#include <time.h>

/* Is an event of this kind late once its date has passed? */
static bool calendar_due(enum cal_kind k)
{
	return k == CAL_REVIEW || k == CAL_SUPPLIER || k == CAL_WAIVER;
}

/* The events as an aligned table: date, kind, event, source. */
int render_calendar_text(FILE *out, const struct calendar *cal, isms_date today)
{
	static const char *const head[] = {"date", "kind", "event", "source"};
	struct buf what = BUF_INIT;
	struct otable t;
	size_t i;
	int rc;

	otable_init(&t, 4, head);
	for (i = 0; i < cal->len; i++) {
		const struct cal_event *e = &cal->events[i];
		const char *row[4];
		char when[11];

		date_format(e->date, when);
		buf_truncate(&what, 0);
		buf_adds(&what, e->summary);
		if (calendar_due(e->kind) && e->date < today)
			buf_adds(&what, e->kind == CAL_WAIVER ? " (expired)"
							      : " (overdue)");
		row[0] = when;
		row[1] = cal_kind_name(e->kind);
		row[2] = what.ptr;
		row[3] = e->source;
		otable_add(&t, row);
	}
	rc = otable_write(out, &t, FORMAT_TEXT);
	otable_release(&t);
	buf_release(&what);
	return rc;
}

/* A date as iCalendar writes one: yyyymmdd. */
static void ics_date(char out[16], isms_date d)
{
	snprintf(out, 16, "%08ld", d);
}

/* One all-day event. */
static void ics_event(struct buf *b, const struct cal_event *e,
		      const char *stamp)
{
	char day[16], next[16];

	ics_date(day, e->date);
	ics_date(next, date_add(e->date, (struct duration){1, 'd'}));
	ics_raw(b, "BEGIN", "VEVENT");
	ics_raw(b, "UID", e->uid);
	ics_raw(b, "DTSTAMP", stamp);
	ics_raw(b, "DTSTART;VALUE=DATE", day);
	ics_raw(b, "DTEND;VALUE=DATE", next);
	ics_text(b, "SUMMARY", e->summary);
	ics_text(b, "DESCRIPTION", e->description);
	ics_text(b, "CATEGORIES", cal_kind_name(e->kind));
	ics_raw(b, "TRANSP", "TRANSPARENT");
	ics_raw(b, "END", "VEVENT");
}

/* "20261201T000000Z" for stamp. */
static void ics_stamp(char out[17], long long stamp)
{
	time_t t = (time_t)stamp;
	struct tm tm;

	if (!gmtime_r(&t, &tm))
		memset(&tm, 0, sizeof(tm));
	strftime(out, 17, "%Y%m%dT%H%M%SZ", &tm);
}

/* The events as one VCALENDAR. */
int render_calendar_ics(FILE *out, const struct calendar *cal, long long stamp)
{
	struct buf b = BUF_INIT, name = BUF_INIT;
	char when[17];
	size_t i;
	int rc;

	ics_stamp(when, stamp);
	ics_raw(&b, "BEGIN", "VCALENDAR");
	ics_raw(&b, "VERSION", "2.0");
	ics_raw(&b, "PRODID", "-//isms//isms " ISMS_VERSION "//EN");
	ics_raw(&b, "CALSCALE", "GREGORIAN");
	ics_raw(&b, "METHOD", "PUBLISH");
	buf_addf(&name, "ISMS%s%s", cal->name ? " " : "",
		 cal->name ? cal->name : "");
	ics_text(&b, "X-WR-CALNAME", name.ptr);
	for (i = 0; i < cal->len; i++)
		ics_event(&b, &cal->events[i], when);
	ics_raw(&b, "END", "VCALENDAR");
	rc = fwrite(b.ptr, 1, b.len, out) == b.len ? 0 : -1;
	buf_release(&b);
	buf_release(&name);
	return rc;
}
