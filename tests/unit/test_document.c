/* Unit tests of the document schema and of isms.yaml. */
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
#include "isms/config.h"
#include "isms/document.h"

struct dfix {
	struct arena arena;
	struct findings fs;
	struct config cfg;
	struct document doc;
};

/* Type the front matter text as document "d.md" under cfg. */
static struct document *load(struct dfix *fx, const char *text)
{
	struct yaml_source src = {"d.md", text, strlen(text), 64, NULL};
	struct ynode *root;

	findings_init(&fx->fs, &fx->arena);
	memset(&fx->doc, 0, sizeof(fx->doc));
	fx->doc.path = "d.md";
	root = yaml_parse(&src, &fx->arena, &fx->fs);
	assert_non_null(root);
	document_load(&fx->doc, root, &fx->cfg, &fx->arena, &fx->fs);
	return &fx->doc;
}

/* Does fs hold a finding of rule at line:column? */
static bool has(const struct findings *fs, const char *rule, unsigned line,
		unsigned column)
{
	size_t i;

	for (i = 0; i < fs->len; i++)
		if (!strcmp(fs->items[i].rule, rule) &&
		    fs->items[i].pos.line == line &&
		    fs->items[i].pos.column == column)
			return true;
	return false;
}

static void test_typed_keys(void **state)
{
	struct dfix fx;
	struct document *d;

	(void)state;
	memset(&fx, 0, sizeof(fx));
	config_defaults(&fx.cfg);
	d = load(&fx, "---\nid: POL-1\ntitle: T\ntype: Policy\nowner: CISO\n"
		      "status: APPROVED\napproved_by: CEO\n"
		      "approved_on: 2026-08-31\nreview_every: 6m\n"
		      "version: 1.0\nmaturity: 3\nshareable: true\n"
		      "controls: {A.5.1: partial, A.5.2: full}\n"
		      "clauses: [5.2, 9.2]\n");
	assert_int_equal(fx.fs.len, 0);
	assert_int_equal(d->type, DOC_POLICY);
	assert_int_equal(d->status, STATUS_APPROVED);
	assert_string_equal(d->version, "1.0");
	assert_int_equal(d->maturity, 3);
	assert_true(d->shareable);
	assert_int_equal(d->next_review, 20270228);
	assert_int_equal(d->ncontrols, 2);
	assert_int_equal(d->controls[0].coverage, COVERAGE_PARTIAL);
	assert_int_equal(d->controls[1].coverage, COVERAGE_FULL);
	assert_int_equal(d->controls[0].pos.line, 13);
	assert_int_equal(d->controls[0].pos.column, 12);
	assert_int_equal(d->nclauses, 2);
	arena_release(&fx.arena);
	findings_release(&fx.fs);
}

static void test_problems(void **state)
{
	struct dfix fx;
	struct document *d;

	(void)state;
	memset(&fx, 0, sizeof(fx));
	config_defaults(&fx.cfg);
	d = load(&fx, "---\ntitle: T\ntype: memo\nstatus: approved\n"
		      "contorls: A.5.1\n"
		      "controls: \"A.5.1, A.12.1.2; A.05.02\"\n"
		      "clauses: 8\nmaturity: 5\nowner: ~\n");
	assert_null(d->id);
	assert_null(d->owner);
	assert_true(has(&fx.fs, "field-missing", 1, 1));
	assert_true(has(&fx.fs, "field-invalid", 3, 7));
	assert_true(has(&fx.fs, "field-unknown", 5, 1));
	assert_true(has(&fx.fs, "control-2013", 6, 19));
	assert_true(has(&fx.fs, "id-normalised", 6, 29));
	assert_true(has(&fx.fs, "clause-unknown", 7, 10));
	assert_true(has(&fx.fs, "field-invalid", 8, 11));
	assert_int_equal(d->ncontrols, 2);
	arena_release(&fx.arena);
	findings_release(&fx.fs);
}

static void test_aliases(void **state)
{
	struct field_alias aliases[] = {{"annex_a_controls", "controls"},
					{"document_id", "id"}};
	struct dfix fx;
	struct document *d;

	(void)state;
	memset(&fx, 0, sizeof(fx));
	config_defaults(&fx.cfg);
	fx.cfg.fields = aliases;
	fx.cfg.nfields = 2;
	d = load(&fx, "---\ndocument_id: X-1\nannex_a_controls: [A.8.1]\n"
		      "id: X-2\n");
	assert_string_equal(d->id, "X-1");
	assert_int_equal(d->ncontrols, 1);
	assert_true(has(&fx.fs, "field-invalid", 4, 1));
	arena_release(&fx.arena);
	findings_release(&fx.fs);
}

/* Write text to dir/isms.yaml. */
static void write_config(const char *dir, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/isms.yaml", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void test_config(void **state)
{
	char dir[] = "/tmp/isms-config-XXXXXX", path[64];
	struct arena arena = ARENA_INIT;
	struct findings fs;
	struct config cfg;

	(void)state;
	assert_non_null(mkdtemp(dir));
	findings_init(&fs, &arena);
	assert_int_equal(config_load(&cfg, dir, "isms.yaml", &arena, &fs), 0);
	assert_null(cfg.path);
	assert_int_equal(cfg.stage, 1);
	write_config(dir, "organisation: Acme\nstage: 2\n"
			  "targets: {stage1: 2, stage2: 4}\n"
			  "limits: {markdown: 2MiB, depth: 8}\n"
			  "exclude: [\"drafts/**\"]\n"
			  "fields: {controls: [annex_a]}\n"
			  "rules: {review-overdue: error}\n");
	assert_int_equal(config_load(&cfg, dir, "isms.yaml", &arena, &fs), 0);
	assert_int_equal(fs.len, 0);
	assert_int_equal(cfg.stage, 2);
	assert_int_equal(cfg.target_stage2, 4);
	assert_int_equal(cfg.limits.markdown, 2 * 1024 * 1024);
	assert_int_equal(cfg.limits.yaml_depth, 8);
	assert_string_equal(config_field(&cfg, "annex_a"), "controls");
	assert_int_equal(cfg.nrules, 1);
	write_config(dir, "stage: 3\nexlude: [x]\nrules: {nope: off}\n");
	assert_int_equal(config_load(&cfg, dir, "isms.yaml", &arena, &fs), -1);
	assert_true(has(&fs, "config-invalid", 1, 8));
	assert_true(has(&fs, "config-invalid", 2, 1));
	assert_true(has(&fs, "config-invalid", 3, 9));
	assert_string_equal(fs.items[1].suggestion, "exclude");
	write_config(dir, "");
	assert_int_equal(config_load(&cfg, dir, "isms.yaml", &arena, &fs), 0);
	snprintf(path, sizeof(path), "%s/isms.yaml", dir);
	unlink(path);
	rmdir(dir);
	findings_release(&fs);
	arena_release(&arena);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_typed_keys),
	    cmocka_unit_test(test_problems),
	    cmocka_unit_test(test_aliases),
	    cmocka_unit_test(test_config),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
