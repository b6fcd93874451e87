/* Unit tests of the metrics and of date-time parsing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "isms/metrics.h"

/* Front matter of a register of kind with id id. */
#define REGISTER(id, kind)                                                     \
	"---\nid: " id "\ntitle: T\ntype: register\nregister: " kind           \
	"\nowner: CISO\nstatus: approved\n---\n"

static const char *const files[][2] = {
    {"isms.yaml", "organisation: Test\nrisk_threshold: 10\n"},
    {"incidents.csv",
     REGISTER(
	 "REG-INC",
	 "incident") "id,title,opened,closed,severity,status,customer\n"
		     "I-1,Name,2026-05-01T10:00,2026-05-01T13:00,high,closed,"
		     "Cust\n"
		     "I-2,Name,2026-05-02T10:00Z,2026-05-02T13:00+01:00,low,"
		     "closed,\n"
		     "I-3,Name,2026-05-03T22:00,2026-05-05,critical,closed,\n"
		     "I-4,Name,2026-05-04,,high,open,\n"},
    {"risks.csv",
     REGISTER("REG-RISK",
	      "risk") "id,title,owner,likelihood,impact,treatment,status,"
		      "review_date\n"
		      "R-1,T,CISO,2,5,mitigate,open,2027-01-01\n"
		      "R-2,T,CISO,3,3,accept,open,2027-01-01\n"
		      "R-3,T,CISO,2,4,avoid,treated,2027-01-01\n"
		      "R-4,T,CISO,1,7,mitigate,open,2027-01-01\n"
		      "R-5,T,CISO,1,1,transfer,closed,2027-01-01\n"},
    {"suppliers.csv",
     REGISTER(
	 "REG-SUP",
	 "supplier") "id,name,owner,criticality,next_review,assurance_expires\n"
		     "S-1,N,CISO,high,2026-05-31,2026-06-01\n"
		     "S-2,N,CISO,low,2026-07-01,2026-05-31\n"
		     "S-3,N,CISO,high,2026-07-02,\n"},
};

#define NFILES (sizeof(files) / sizeof(*files))

/* Write the fixture files into dir. */
static void fixture_write(const char *dir)
{
	char path[256];
	size_t i;

	for (i = 0; i < NFILES; i++) {
		FILE *f;

		snprintf(path, sizeof(path), "%s/%s", dir, files[i][0]);
		f = fopen(path, "w");
		assert_non_null(f);
		fputs(files[i][1], f);
		fclose(f);
	}
}

/* Remove the fixture files and dir. */
static void fixture_remove(const char *dir)
{
	char path[256];
	size_t i;

	for (i = 0; i < NFILES; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i][0]);
		unlink(path);
	}
	rmdir(dir);
}

/* The count of figure section/name, which must be a count. */
static long count_of(const struct metrics *m, const char *section,
		     const char *name)
{
	const struct metric *f = metrics_find(m, section, name);

	assert_non_null(f);
	assert_int_equal(f->type, METRIC_COUNT);
	return f->count;
}

/* The value of figure section/name, which must be a measure. */
static double real_of(const struct metrics *m, const char *section,
		      const char *name)
{
	const struct metric *f = metrics_find(m, section, name);

	assert_non_null(f);
	assert_int_equal(f->type, METRIC_REAL);
	return f->real;
}

static void test_date_time(void **state)
{
	static const struct {
		const char *s;
		bool ok, timed;
		long long secs;
	} cases[] = {
	    {"1970-01-01", true, false, 0},
	    {"1970-01-02T00:00", true, true, 86400},
	    {"2026-06-22T02:09", true, true, 1782094140},
	    {"2026-06-22T02:09:30Z", true, true, 1782094170},
	    {"2026-06-22T02:09:30.75Z", true, true, 1782094170},
	    {"2026-06-22T04:09+02:00", true, true, 1782094140},
	    {"2026-06-21T23:09-03:00", true, true, 1782094140},
	    {"2026-06-22 02:09", true, true, 1782094140},
	    {"2026-06-22", true, false, 1782086400},
	    {"1969-12-31", true, false, -86400},
	    {"2026-02-30", false, false, 0},
	    {"2026-06-22T25:00", false, false, 0},
	    {"", false, false, 0},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		long long secs = -1;
		bool timed = !cases[i].timed;

		assert_int_equal(date_time_parse(cases[i].s, &secs, &timed),
				 cases[i].ok);
		if (!cases[i].ok) {
			assert_int_equal(secs, -1);
			continue;
		}
		assert_int_equal(secs, cases[i].secs);
		assert_int_equal(timed, cases[i].timed);
	}
	assert_true(date_time_parse("2026-06-22", &(long long){0}, NULL));
}

static void test_metrics(void **state)
{
	char dir[] = "/tmp/isms-metrics-XXXXXX";
	struct repo_options opt = {0};
	struct metrics m;
	struct repo r;
	const struct metric *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	fixture_write(dir);
	opt.dir = dir;
	assert_int_equal(repo_load(&r, &opt), 0);
	r.today = 20260601;
	metrics_compute(&r, &m);

	/* Incidents: 3 h, 2 h (offset) and 2 days (a bare close date). */
	assert_int_equal(count_of(&m, "incidents", "total"), 4);
	assert_int_equal(count_of(&m, "incidents", "severity.high"), 2);
	assert_int_equal(count_of(&m, "incidents", "severity.medium"), 0);
	assert_int_equal(count_of(&m, "incidents", "open"), 1);
	assert_int_equal(count_of(&m, "incidents", "closed"), 3);
	assert_true(real_of(&m, "incidents", "mean_time_to_close.hours") ==
		    17.67);
	assert_true(real_of(&m, "incidents", "mean_time_to_close.days") ==
		    0.74);
	f = metrics_find(&m, "incidents", "mean_time_to_close.hours");
	assert_int_equal(f->rows, 3);
	assert_int_equal(f->nregisters, 1);
	assert_string_equal(f->registers[0], "incidents.csv");

	/* Risks with a threshold of 10; R-4 has no valid impact. */
	assert_int_equal(count_of(&m, "risks", "total"), 5);
	assert_int_equal(count_of(&m, "risks", "band.high"), 1);
	assert_int_equal(count_of(&m, "risks", "band.medium"), 2);
	assert_int_equal(count_of(&m, "risks", "band.low"), 1);
	assert_int_equal(count_of(&m, "risks", "treatment.mitigate"), 2);
	assert_int_equal(count_of(&m, "risks", "open_high"), 1);

	/* Suppliers against 2026-06-01: due within 30 days ends 07-01. */
	assert_int_equal(count_of(&m, "suppliers", "reviews_overdue"), 1);
	assert_int_equal(count_of(&m, "suppliers", "reviews_due_30_days"), 1);
	assert_int_equal(count_of(&m, "suppliers", "assurance_expired"), 1);
	assert_int_equal(count_of(&m, "suppliers", "criticality.high"), 2);

	/* No change or nonconformity register: zero, and no rate. */
	f = metrics_find(&m, "changes", "rate.success");
	assert_non_null(f);
	assert_int_equal(f->type, METRIC_NONE);
	assert_int_equal(f->nregisters, 0);
	assert_int_equal(count_of(&m, "changes", "total"), 0);
	assert_int_equal(count_of(&m, "nonconformities", "overdue"), 0);
	assert_null(metrics_find(&m, "changes", "nope"));

	metrics_release(&m);
	repo_release(&r);
	fixture_remove(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_date_time),
	    cmocka_unit_test(test_metrics),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
