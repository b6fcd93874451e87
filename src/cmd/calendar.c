/* isms calendar: reviews, audits and management reviews due. */
#include "isms/calendar.h"
#include "isms/cli.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* What calendar's own options set. */
struct calendar_args {
	const char *ics; /* --ics: the file, "-" for stdout */
};

/* --ics <file>. */
static int calendar_option(int c, const char *arg, void *data)
{
	struct calendar_args *ca = data;

	if (c == OPT_ICS)
		ca->ics = arg;
	return 0;
}

/*
 * DTSTAMP: SOURCE_DATE_EPOCH when set, else midnight UTC of ISMS_TODAY
 * when set (reproducible output), else now.
 */
static long long calendar_stamp(isms_date today)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	char when[11];
	long long secs;

	if (epoch && *epoch)
		return strtoll(epoch, NULL, 10);
	if (getenv("ISMS_TODAY")) {
		date_format(today, when);
		if (date_time_parse(when, &secs, NULL))
			return secs;
	}
	return (long long)time(NULL);
}

/* Write the iCalendar file (or stdout for "-"), atomically. */
static int calendar_ics(const struct calendar *cal, const struct repo *r,
			const char *path, bool force)
{
	struct cli_output o;
	bool ok;

	if (cli_output_open(&o, strcmp(path, "-") ? path : NULL, force) < 0)
		return EXIT_TROUBLE;
	ok = render_calendar_ics(o.fp, cal, calendar_stamp(r->today)) == 0;
	return cli_output_close(&o, ok, ok ? EXIT_OK : EXIT_TROUBLE);
}

/* isms calendar [--ics <file> [--force]]. */
int cmd_calendar(struct cli_context *ctx, int argc, char **argv)
{
	struct calendar_args ca = {NULL};
	struct cli_args a = CLI_ARGS_INIT;
	struct calendar cal;
	struct repo r;
	int rc = cli_parse(command_find("calendar"), argc, argv, 0, &a,
			   calendar_option, &ca);

	if (rc >= 0)
		return rc;
	if (cli_load(ctx, &r) < 0)
		return EXIT_TROUBLE;
	calendar_build(&r, &cal);
	if (ca.ics)
		rc = calendar_ics(&cal, &r, ca.ics, a.force);
	else
		rc = render_calendar_text(ctx->out, &cal, r.today) == 0
			 ? EXIT_OK
			 : EXIT_TROUBLE;
	calendar_release(&cal);
	repo_release(&r);
	return rc;
}
