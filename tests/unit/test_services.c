/* Unit tests of service lines: the catalogue, the matrix, the rules, the
 * view of one service line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "isms/catalog.h"
#include "isms/repo.h"
#include "isms/rules.h"
#include "isms/services.h"

#define FRONT(id, type)                                                        \
	"---\nid: " id "\ntitle: t\ntype: " type "\nowner: o\n"                \
	"status: draft\n---\n"

/* How many risks name control i. */
static size_t control_nrisks(const struct repo *r, int i)
{
	size_t n;

	repo_control_risks(r, (size_t)i, &n);
	return n;
}

static const char catalogue[] =
    FRONT("SVC", "services") "id,name,in_scope,tenancy\n"
			     "web,Web hosting,yes,multi\n"  /* line 9 */
			     "mail,Mail,yes,single\n"	    /* line 10 */
			     "old,Old service,no,single\n"; /* line 11 */

/* One rules case: a matrix, a tagged document, what must be found. */
struct rule_case {
	const char *matrix;	  /* rows after the header */
	const char *doc_services; /* the document's services: value */
	const char *rule;	  /* NULL: no service finding at all */
	const char *file;
	unsigned line, column;
	size_t count; /* findings of rule */
};

#define FULL(s)                                                                \
	s ",patching,msp\n" s ",monitoring,msp\n" s ",identity,shared\n" s     \
	  ",backup,customer\n" s ",notification,msp\n"

static const struct rule_case rule_cases[] = {
    {FULL("web") FULL("mail"), "[web, mail]", NULL, NULL, 0, 0, 0},
    {FULL("web"), "[web, mail]", "responsibility-missing", "catalogue.csv", 10,
     1, 5},
    {FULL("web") FULL("mail") "wbe,backup,msp\n", "[web, mail]",
     "service-unknown", "matrix.csv", 19, 1, 1},
    {FULL("web") FULL("mail"), "[web, mial]", "service-unknown", "doc.md", 8,
     11, 1},
    {FULL("web") FULL("mail"), "[web]", "service-unclear", "catalogue.csv", 10,
     1, 1},
    {FULL("web") FULL("mail") "web,patching,vendor\n", "[web, mail]",
     "register-value", "matrix.csv", 19, 3, 1},
    {FULL("web") "mail,patching,msp\nmail,monitoring,msp\n"
		 "mail,identity,msp\nmail,backups,msp\n"
		 "mail,notification,msp\n",
     "[web, mail]", "responsibility-missing", "catalogue.csv", 10, 1, 1},
};

/* Write text to dir/name. */
static void put(const char *dir, const char *name, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* Remove the scratch repository. */
static void cleanup(const char *dir)
{
	static const char *const names[] = {"isms.yaml",  "catalogue.csv",
					    "matrix.csv", "doc.md",
					    "other.md",	  "risks.csv"};
	char path[256];
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(*names); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		unlink(path);
	}
	rmdir(dir);
}

/* How many findings of rule at file:line:column r holds. */
static size_t count(const struct repo *r, const char *rule, const char *file,
		    unsigned line, unsigned column)
{
	size_t i, n = 0;

	for (i = 0; i < r->findings.len; i++) {
		const struct finding *f = &r->findings.items[i];

		n += !strcmp(f->rule, rule) && f->file &&
		     !strcmp(f->file, file) && f->pos.line == line &&
		     f->pos.column == column;
	}
	return n;
}

/* Does r hold any finding of a service rule? */
static bool any_service_finding(const struct repo *r)
{
	size_t i;

	for (i = 0; i < r->findings.len; i++)
		if (!strncmp(r->findings.items[i].rule, "service-", 8) ||
		    !strcmp(r->findings.items[i].rule,
			    "responsibility-missing"))
			return true;
	return false;
}

/* A scratch repository: the catalogue, a matrix and one document. */
static void make_repo(char *dir, const char *matrix, const char *services)
{
	char text[2048];

	assert_non_null(mkdtemp(dir));
	put(dir, "isms.yaml", "stage: 1\n");
	put(dir, "catalogue.csv", catalogue);
	snprintf(text, sizeof(text), "%sservice,area,owner\n%s",
		 FRONT("RESP", "responsibilities"), matrix);
	put(dir, "matrix.csv", text);
	snprintf(text, sizeof(text),
		 "---\nid: DOC\ntitle: t\ntype: procedure\nowner: o\n"
		 "status: draft\ncontrols: [A.8.13]\nservices: %s\n---\n",
		 services);
	put(dir, "doc.md", text);
}

/* Load dir and run the rules. */
static void load(struct repo *r, const char *dir)
{
	struct repo_options opt = {.dir = dir};

	setenv("ISMS_TODAY", "2026-12-01", 1);
	assert_int_equal(repo_load(r, &opt), 0);
	rules_run(r);
}

static void test_rules(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rule_cases) / sizeof(*rule_cases); i++) {
		const struct rule_case *c = &rule_cases[i];
		char dir[] = "/tmp/isms-svc-XXXXXX";
		struct repo r;

		print_message("case %zu\n", i);
		make_repo(dir, c->matrix, c->doc_services);
		load(&r, dir);
		if (c->rule)
			assert_int_equal(
			    count(&r, c->rule, c->file, c->line, c->column),
			    c->count);
		else
			assert_false(any_service_finding(&r));
		repo_release(&r);
		cleanup(dir);
	}
}

/* The catalogue and the matrix as the model holds them. */
static void test_model(void **state)
{
	char dir[] = "/tmp/isms-svc-XXXXXX";
	const struct service *s;
	struct repo r;

	(void)state;
	make_repo(dir, FULL("web") "mail,backup,customer\n", "[web]");
	load(&r, dir);
	assert_true(r.services.catalogue);
	assert_int_equal(r.services.len, 3);
	assert_int_equal(r.services.nrows, 6);
	s = services_find(&r, "mail", 4);
	assert_non_null(s);
	assert_int_equal(s->line, 10);
	assert_int_equal(s->tenancy, TENANCY_SINGLE);
	assert_int_equal(s->owner[AREA_BACKUP], OWNER_CUSTOMER);
	assert_int_equal(s->owner[AREA_PATCHING], OWNER_NONE);
	assert_false(services_find(&r, "old", 3)->in_scope);
	assert_string_equal(services_nearest(&r, "WEB", 3), "web");
	assert_null(services_nearest(&r, "database", 8));
	repo_release(&r);
	cleanup(dir);
}

/* The view of one service line: documents, coverage, risks. */
static void test_view(void **state)
{
	char dir[] = "/tmp/isms-svc-XXXXXX";
	int backup = catalog_control_find("A.8.13");
	int policy = catalog_control_find("A.5.1");
	struct service_figures f;
	struct repo r;

	(void)state;
	make_repo(dir, FULL("web") FULL("mail"), "[web]");
	put(dir, "other.md",
	    "---\nid: OTHER\ntitle: t\ntype: policy\nowner: o\n"
	    "status: draft\ncontrols: [A.5.1]\n---\n");
	put(dir, "risks.csv",
	    FRONT("RISK",
		  "register\nregister: risk") "id,title,owner,likelihood,"
					      "impact,treatment,status,"
					      "review_date,controls,services\n"
					      "R-1,t,o,1,1,mitigate,open,2026-"
					      "11-01,A.8.13,web\n"
					      "R-2,t,o,1,1,mitigate,open,2026-"
					      "11-01,A.8.13,mail\n");
	load(&r, dir);
	service_figures(&r, services_find(&r, "mail", 4), &f);
	assert_int_equal(f.documents, 0);
	assert_int_equal(f.full, 1);
	assert_int_equal(f.risks, 1);
	assert_int_equal(control_nrisks(&r, backup), 2);
	services_restrict(&r, "mail");
	assert_int_equal(r.controls[backup].coverage, COVERAGE_NONE);
	assert_int_equal(r.controls[policy].coverage, COVERAGE_FULL);
	assert_int_equal(control_nrisks(&r, backup), 1);
	assert_int_equal(r.ndocs, 4);
	assert_non_null(repo_document(&r, "DOC"));
	repo_release(&r);
	cleanup(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_rules),
	    cmocka_unit_test(test_model),
	    cmocka_unit_test(test_view),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
