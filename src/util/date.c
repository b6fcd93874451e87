/* Dates as yyyymmdd numbers; see date.h. */
#include "isms/date.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static bool is_leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(long y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30,
				   31, 31, 30, 31, 30, 31};

	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* True when s[0..n) are all digits. */
static bool digits(const char *s, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

/* The value of the n digits at s, which digits() has checked. */
static int digits_value(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* Accept a time of day after the date: [T ]hh:mm[:ss[.f]][Z|+hh:mm]. */
static bool time_ok(const char *s)
{
	if (!*s)
		return true;
	if ((*s != 'T' && *s != ' ') || !digits(s + 1, 2) || s[3] != ':' ||
	    !digits(s + 4, 2))
		return false;
	if (digits_value(s + 1, 2) > 23 || digits_value(s + 4, 2) > 59)
		return false;
	s += 6;
	if (*s == ':') {
		if (!digits(s + 1, 2) || digits_value(s + 1, 2) > 60)
			return false;
		s += 3;
		if (*s == '.')
			for (s++; isdigit((unsigned char)*s); s++)
				;
	}
	if (*s == 'Z')
		return !s[1];
	if (*s == '+' || *s == '-')
		return digits(s + 1, 2) && s[3] == ':' && digits(s + 4, 2) &&
		       !s[6];
	return !*s;
}

isms_date date_parse(const char *s)
{
	long y;
	int m, d;

	if (!s || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) ||
	    s[7] != '-' || !digits(s + 8, 2) || !time_ok(s + 10))
		return 0;
	y = digits_value(s, 4);
	m = digits_value(s + 5, 2);
	d = digits_value(s + 8, 2);
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > month_days(y, m))
		return 0;
	return y * 10000 + m * 100 + d;
}

/* Seconds into the day of a time date_parse() accepted, in UTC. */
static long long time_seconds(const char *s)
{
	long long t = atoi(s) * 3600LL + atoi(s + 3) * 60LL;

	s += 5;
	if (*s == ':') {
		t += atoi(s + 1);
		for (s += 3; *s == '.' || isdigit((unsigned char)*s); s++)
			;
	}
	if (*s == '+' || *s == '-') {
		long long off = atoi(s + 1) * 3600LL + atoi(s + 4) * 60LL;

		t += *s == '+' ? -off : off;
	}
	return t;
}

bool date_time_parse(const char *s, long long *secs, bool *timed)
{
	isms_date d = date_parse(s);
	bool has_time;

	if (!d)
		return false;
	has_time = s[10] != '\0';
	*secs = (long long)date_diff(19700101, d) * 86400;
	if (has_time)
		*secs += time_seconds(s + 11);
	if (timed)
		*timed = has_time;
	return true;
}

bool duration_parse(const char *s, struct duration *out)
{
	static const struct {
		const char *word;
		char unit;
	} words[] = {{"d", 'd'}, {"day", 'd'},	 {"days", 'd'},
		     {"w", 'w'}, {"week", 'w'},	 {"weeks", 'w'},
		     {"m", 'm'}, {"month", 'm'}, {"months", 'm'},
		     {"y", 'y'}, {"year", 'y'},	 {"years", 'y'}};
	char *end;
	unsigned long n;
	size_t i;

	if (!s || !isdigit((unsigned char)*s))
		return false;
	n = strtoul(s, &end, 10);
	while (*end == ' ')
		end++;
	if (n == 0 || n > 100000)
		return false;
	for (i = 0; i < sizeof(words) / sizeof(*words); i++) {
		if (!strcasecmp(end, words[i].word)) {
			out->n = (unsigned)n;
			out->unit = words[i].unit;
			return true;
		}
	}
	return false;
}

/* Days since 0000-03-01 (a proleptic Gregorian day count). */
static long date_days(isms_date d)
{
	long y = d / 10000, m = d / 100 % 100, day = d % 100;

	if (m <= 2) {
		y--;
		m += 12;
	}
	return 365 * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 +
	       day - 1;
}

/* The inverse of date_days(). */
static isms_date days_date(long n)
{
	long y = (10000 * n + 14780) / 3652425, ddd, mi, m, d;

	ddd = n - (365 * y + y / 4 - y / 100 + y / 400);
	if (ddd < 0) {
		y--;
		ddd = n - (365 * y + y / 4 - y / 100 + y / 400);
	}
	mi = (100 * ddd + 52) / 3060;
	m = (mi + 2) % 12 + 1;
	y += (mi + 2) / 12;
	d = ddd - (mi * 306 + 5) / 10 + 1;
	return y * 10000 + m * 100 + d;
}

isms_date date_add(isms_date d, struct duration dur)
{
	long y = d / 10000, m = d / 100 % 100, day = d % 100, months;

	if (!d || !dur.n)
		return d;
	if (dur.unit == 'd' || dur.unit == 'w')
		return days_date(date_days(d) +
				 (long)dur.n * (dur.unit == 'w' ? 7 : 1));
	months = (long)dur.n * (dur.unit == 'y' ? 12 : 1) + (m - 1);
	y += months / 12;
	m = months % 12 + 1;
	if (day > month_days(y, (int)m))
		day = month_days(y, (int)m);
	return y * 10000 + m * 100 + day;
}

long date_diff(isms_date a, isms_date b)
{
	return date_days(b) - date_days(a);
}

void date_format(isms_date d, char out[11])
{
	unsigned long u = d > 0 ? (unsigned long)d : 0;

	snprintf(out, 11, "%04lu-%02lu-%02lu", u / 10000 % 10000, u / 100 % 100,
		 u % 100);
}

isms_date date_today(void)
{
	const char *env = getenv("ISMS_TODAY");
	time_t now = time(NULL);
	struct tm tm;

	if (env && date_parse(env))
		return date_parse(env);
	localtime_r(&now, &tm);
	return (tm.tm_year + 1900L) * 10000 + (tm.tm_mon + 1) * 100 +
	       tm.tm_mday;
}
