/* Unit tests of what the CI formats share: XML escaping, hashes, places. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "isms/buf.h"
#include "isms/ci.h"
#include "isms/reader.h"

/* One string and what xml_escape() makes of it. */
struct xml_case {
	const char *in;
	const char *out;
};

static const struct xml_case xml_cases[] = {
    {"", ""},
    {"plain text", "plain text"},
    {"a & b", "a &amp; b"},
    {"<tag>", "&lt;tag&gt;"},
    {"\"quoted\" 'single'", "&quot;quoted&quot; &apos;single&apos;"},
    {"&amp;", "&amp;amp;"},
    {"tab\there", "tab&#9;here"},
    {"line\r\nnext", "line&#13;&#10;next"},
    {"bell\a nul-free \x01\x1F end", "bell nul-free  end"},
    {"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x94\x92",
     "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x94\x92"},
    {"not xml \xEF\xBF\xBE\xEF\xBF\xBF!", "not xml !"},
    {"bad \xFF byte", "bad \xEF\xBF\xBD byte"},
    {"cut \xE2\x82", "cut \xEF\xBF\xBD\xEF\xBF\xBD"},
    {"overlong \xC0\xAF", "overlong \xEF\xBF\xBD\xEF\xBF\xBD"},
    {"surrogate \xED\xA0\x80", "surrogate \xEF\xBF\xBD\xEF\xBF\xBD"
			       "\xEF\xBF\xBD"},
    {"del \x7F stays", "del \x7F stays"},
};

static void test_xml_escape(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(xml_cases) / sizeof(*xml_cases); i++) {
		struct buf b = BUF_INIT;

		print_message("case %zu\n", i);
		xml_escape(&b, xml_cases[i].in);
		assert_string_equal(buf_cstr(&b), xml_cases[i].out);
		buf_release(&b);
	}
}

static void test_xml_escape_null(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	xml_escape(&b, NULL);
	assert_string_equal(buf_cstr(&b), "");
	buf_release(&b);
}

static void test_hash(void **state)
{
	uint64_t ab_c = ci_hash(ci_hash(CI_HASH_INIT, "ab"), "c");
	uint64_t a_bc = ci_hash(ci_hash(CI_HASH_INIT, "a"), "bc");

	(void)state;
	assert_true(ab_c != a_bc);
	assert_true(ci_hash(CI_HASH_INIT, NULL) == ci_hash(CI_HASH_INIT, ""));
	assert_true(ci_hash_uint(CI_HASH_INIT, 12) ==
		    ci_hash(CI_HASH_INIT, "12"));
	/* FNV-1a of "a" and its NUL: a fixed value, so prints are stable. */
	assert_true(ci_hash(CI_HASH_INIT, "a") == UINT64_C(0x089be207b544f1e4));
}

static void test_occurrences(void **state)
{
	const uint64_t keys[] = {7, 3, 7, 7, 3, 9};
	const unsigned want[] = {1, 1, 2, 3, 2, 1};
	unsigned occ[6];
	size_t i;

	(void)state;
	ci_occurrences(keys, 6, occ);
	for (i = 0; i < 6; i++)
		assert_int_equal(occ[i], want[i]);
	ci_occurrences(keys, 0, occ);
}

static void test_family(void **state)
{
	(void)state;
	assert_int_equal(ci_family_len("control-unmapped"), 7);
	assert_int_equal(ci_family_len("soa-missing"), 3);
	assert_int_equal(ci_family_len("nonconformity-overdue"), 13);
	assert_int_equal(ci_family_len("plain"), 5);
}

static void test_locate(void **state)
{
	struct repo r;
	struct finding f;
	struct ci_location at;

	(void)state;
	memset(&r, 0, sizeof(r));
	memset(&f, 0, sizeof(f));
	ci_locate(&r, &f, &at);
	assert_string_equal(at.path, ".");
	assert_int_equal(at.line, 1);
	assert_int_equal(at.column, 1);
	r.config.path = "isms.yaml";
	ci_locate(&r, &f, &at);
	assert_string_equal(at.path, "isms.yaml");
	r.config.path = "/elsewhere/isms.yaml";
	ci_locate(&r, &f, &at);
	assert_string_equal(at.path, ".");
	f.file = "a.md";
	ci_locate(&r, &f, &at);
	assert_string_equal(at.path, "a.md");
	assert_int_equal(at.line, 1);
	f.pos = (struct pos){4, 0};
	ci_locate(&r, &f, &at);
	assert_int_equal(at.line, 4);
	assert_int_equal(at.column, 1);
	f.pos = (struct pos){4, 9};
	ci_locate(&r, &f, &at);
	assert_int_equal(at.column, 9);
}

/* Write text to dir/name. */
static void write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static void test_reader_astral(void **state)
{
	char dir[] = "/tmp/isms-test-ci-XXXXXX", path[64], name[] = "doc.md";
	struct walk_entry e = {name, true};
	struct arena arena = ARENA_INIT;
	struct findings fs;
	struct config cfg;
	struct document *d;

	(void)state;
	assert_non_null(mkdtemp(dir));
	write_file(dir, "doc.md",
		   "\xEF\xBB\xBF---\nid: D-1\ntitle: \xF0\x9F\x94\x92 x\n---\n"
		   "\xC3\xA9\xF0\x9F\x98\x80 and \xF0\x9F\x98\x80\n");
	findings_init(&fs, &arena);
	config_defaults(&cfg);
	d = reader_read(dir, &e, &cfg, false, &arena, &fs);
	assert_non_null(d);
	assert_int_equal(d->nastral, 3);
	assert_int_equal(d->astral[0].line, 3);
	assert_int_equal(d->astral[0].column, 8);
	assert_int_equal(d->astral[1].line, 5);
	assert_int_equal(d->astral[1].column, 2);
	assert_int_equal(d->astral[2].line, 5);
	assert_int_equal(d->astral[2].column, 8);
	findings_release(&fs);
	arena_release(&arena);
	snprintf(path, sizeof(path), "%s/doc.md", dir);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_xml_escape),
	    cmocka_unit_test(test_xml_escape_null),
	    cmocka_unit_test(test_hash),
	    cmocka_unit_test(test_occurrences),
	    cmocka_unit_test(test_family),
	    cmocka_unit_test(test_locate),
	    cmocka_unit_test(test_reader_astral),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
