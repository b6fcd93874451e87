/*
 * check --format junit: JUnit XML for CI test reports.  A testsuite per
 * rule family; in it a testcase per item the family checks (each
 * applicable control, required clause, spine item or document, else
 * each rule) with a failure per finding about it; a finding that fits
 * no item is a failed testcase of its own.  docs/ci.md has the scheme.
 */
#include "isms/alloc.h"
#include "isms/arena.h"
#include "isms/catalog.h"
#include "isms/ci.h"
#include "isms/rules.h"
#include "isms/spine.h"
#include "isms/strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* What the testcases of a family stand for. */
enum junit_kind {
	JUNIT_RULES,
	JUNIT_CONTROLS,
	JUNIT_CLAUSES,
	JUNIT_SPINE,
	JUNIT_DOCUMENTS,
};

/* One rule family: the first word of its rule ids. */
struct junit_family {
	const char *name; /* "control" */
	size_t len;
	enum junit_kind kind;
};

/* A finding, its family and the item it is about (-1: its own case). */
struct junit_slot {
	size_t family;
	long item;
	size_t finding;
};

/* The whole rendering. */
struct junit {
	const struct repo *r;
	struct junit_family *families;
	size_t nfamilies, cap;
	struct junit_slot *slots; /* one per finding, sorted */
	struct strmap doc_of;	  /* path -> document index + 1 */
	struct strmap names;	  /* testcase names of the current suite */
	struct arena arena;	  /* names */
	struct buf cases;	  /* the current suite's testcases */
	struct buf out;		  /* the suites, written after the counts */
	size_t tests, failures;
};

/* Decode the UTF-8 sequence at s into *cp; its length, 0 if invalid. */
static size_t xml_utf8(const unsigned char *s, uint32_t *cp)
{
	size_t n, i;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	n = s[0] >= 0xF0 && s[0] <= 0xF4   ? 4
	    : s[0] >= 0xE0 && s[0] <= 0xEF ? 3
	    : s[0] >= 0xC2 && s[0] <= 0xDF ? 2
					   : 0;
	*cp = s[0] & (0x7F >> n);
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		*cp = (*cp << 6) | (s[i] & 0x3F);
	}
	if ((n == 3 && (*cp < 0x800 || (*cp >= 0xD800 && *cp <= 0xDFFF))) ||
	    (n == 4 && (*cp < 0x10000 || *cp > 0x10FFFF)))
		return 0;
	return n;
}

/* Is cp a character XML 1.0 allows? */
static bool xml_allowed(uint32_t cp)
{
	if (cp < 0x20)
		return cp == '\t' || cp == '\n' || cp == '\r';
	return cp != 0xFFFE && cp != 0xFFFF;
}

/* Append s to b as XML text: see ci.h. */
void xml_escape(struct buf *b, const char *s)
{
	static const char special[] = "&<>\"'";
	static const char *const ent[] = {"&amp;", "&lt;", "&gt;", "&quot;",
					  "&apos;"};
	const unsigned char *p = (const unsigned char *)(s ? s : "");

	while (*p) {
		uint32_t cp;
		size_t n = xml_utf8(p, &cp);
		const char *e = strchr(special, *p);

		if (!n)
			buf_adds(b, "\xEF\xBF\xBD");
		else if (e)
			buf_adds(b, ent[e - special]);
		else if (cp == '\t' || cp == '\n' || cp == '\r')
			buf_addf(b, "&#%u;", (unsigned)cp); /* kept as is */
		else if (xml_allowed(cp))
			buf_add(b, p, n);
		p += n ? n : 1;
	}
}

/* The kind of testcases a family gets, by its name. */
static enum junit_kind junit_kind_of(const char *name, size_t len)
{
	static const char *const docs[] = {"field", "approval", "owner",
					   "review", "maturity"};
	size_t i;

	if (len == 7 && !memcmp(name, "control", 7))
		return JUNIT_CONTROLS;
	if (len == 6 && !memcmp(name, "clause", 6))
		return JUNIT_CLAUSES;
	if (len == 5 && !memcmp(name, "spine", 5))
		return JUNIT_SPINE;
	for (i = 0; i < sizeof(docs) / sizeof(*docs); i++)
		if (strlen(docs[i]) == len && !memcmp(name, docs[i], len))
			return JUNIT_DOCUMENTS;
	return JUNIT_RULES;
}

/* The index of rule's family, added when it is new. */
static size_t junit_family(struct junit *j, const char *rule)
{
	size_t len = ci_family_len(rule), i;

	for (i = 0; i < j->nfamilies; i++)
		if (j->families[i].len == len &&
		    !memcmp(j->families[i].name, rule, len))
			return i;
	ALLOC_GROW(j->families, j->nfamilies + 1, j->cap);
	j->families[j->nfamilies] = (struct junit_family){
	    arena_strndup(&j->arena, rule, len), len, junit_kind_of(rule, len)};
	return j->nfamilies++;
}

/* The spine item a spine-missing message names ("no <name>: ..."). */
static long junit_spine_item(const char *message)
{
	size_t i, n;

	for (i = 0; i < spine_count; i++) {
		n = strlen(spine_items[i].name);
		if (!strncmp(message, "no ", 3) &&
		    !strncmp(message + 3, spine_items[i].name, n) &&
		    message[3 + n] == ':')
			return (long)i;
	}
	return -1;
}

/* The item of family kind that f is about, or -1. */
static long junit_item(const struct junit *j, enum junit_kind kind,
		       const struct finding *f)
{
	const struct rule_info *ri;
	long i;

	switch (kind) {
	case JUNIT_CONTROLS:
		i = f->control ? catalog_control_find(f->control) : -1;
		return i >= 0 && j->r->controls && j->r->controls[i].applicable
			   ? i
			   : -1;
	case JUNIT_CLAUSES:
		i = f->clause ? catalog_clause_find(f->clause) : -1;
		return i >= 0 && catalog_clauses[i].required ? i : -1;
	case JUNIT_SPINE: return junit_spine_item(f->message);
	case JUNIT_DOCUMENTS:
		i = f->file ? (long)(uintptr_t)strmap_get(&j->doc_of, f->file)
			    : 0;
		return i - 1;
	default:
		ri = rule_find(f->rule);
		return ri ? (long)(ri - rule_table) : -1;
	}
}

/* Order slots by family, then item (own cases last), then finding. */
static int junit_slot_cmp(const void *a, const void *b)
{
	const struct junit_slot *x = a, *y = b;
	unsigned long xi = (unsigned long)x->item, yi = (unsigned long)y->item;

	if (x->family != y->family)
		return x->family < y->family ? -1 : 1;
	if (xi != yi) /* -1 becomes the largest */
		return xi < yi ? -1 : 1;
	return x->finding < y->finding ? -1 : x->finding > y->finding;
}

/* Families, the document index and a sorted slot per finding. */
static void junit_prepare(struct junit *j)
{
	const struct findings *fs = &j->r->findings;
	size_t i;

	for (i = 0; i < rule_count; i++)
		junit_family(j, rule_table[i].id);
	for (i = 0; i < j->r->ndocs; i++)
		strmap_put(&j->doc_of, j->r->docs[i]->path,
			   (void *)(uintptr_t)(i + 1));
	for (i = 0; i < j->r->ndocs; i++)
		if (j->r->docs[i]->rows_path)
			strmap_put(&j->doc_of, j->r->docs[i]->rows_path,
				   (void *)(uintptr_t)(i + 1));
	j->slots = xcalloc(fs->len ? fs->len : 1, sizeof(*j->slots));
	for (i = 0; i < fs->len; i++) {
		size_t fam = junit_family(j, fs->items[i].rule);

		j->slots[i] = (struct junit_slot){
		    fam, junit_item(j, j->families[fam].kind, &fs->items[i]),
		    i};
	}
	qsort(j->slots, fs->len, sizeof(*j->slots), junit_slot_cmp);
}

/* name, or name with " (2)", " (3)" ... when the suite has it already. */
static const char *junit_unique(struct junit *j, const char *name)
{
	const char *v = arena_strdup(&j->arena, name);
	unsigned n = 1;

	while (strmap_get(&j->names, v))
		v = arena_printf(&j->arena, "%s (%u)", name, ++n);
	strmap_put(&j->names, v, (void *)v);
	return v;
}

/* One <failure>: "path:line:column: message [rule]" and the full line. */
/* A waived finding: the testcase is skipped, with the waiver's reason. */
static void junit_waived(struct junit *j, const struct finding *f)
{
	buf_adds(&j->cases, "      <skipped message=\"waived: ");
	xml_escape(&j->cases, f->waiver);
	buf_adds(&j->cases, " [");
	xml_escape(&j->cases, f->rule);
	buf_adds(&j->cases, "]\"/>\n");
}

static void junit_failure(struct junit *j, const struct finding *f)
{
	struct buf *b = &j->cases;
	struct ci_location at;
	char where[48];

	ci_locate(j->r, f, &at);
	snprintf(where, sizeof(where), ":%u:%u: ", at.line, at.column);
	buf_addf(b, "      <failure type=\"%s\" message=\"",
		 severity_name(f->severity));
	xml_escape(b, at.path);
	buf_adds(b, where);
	xml_escape(b, f->message);
	buf_adds(b, " [");
	xml_escape(b, f->rule);
	buf_adds(b, "]\">");
	xml_escape(b, at.path);
	buf_addf(b, "%s%s: ", where, severity_name(f->severity));
	xml_escape(b, f->message);
	buf_adds(b, " [");
	xml_escape(b, f->rule);
	buf_adds(b, "]</failure>\n");
}

/* One testcase with the findings of slots s[0..n-1] as failures. */
static void junit_case(struct junit *j, const struct junit_family *fam,
		       const char *name, const struct junit_slot *s, size_t n)
{
	size_t i, fails;

	buf_adds(&j->cases, "    <testcase classname=\"isms.");
	xml_escape(&j->cases, fam->name);
	buf_adds(&j->cases, "\" name=\"");
	xml_escape(&j->cases, junit_unique(j, name));
	j->tests++;
	if (!n) {
		buf_adds(&j->cases, "\"/>\n");
		return;
	}
	for (i = 0, fails = 0; i < n; i++)
		fails += !j->r->findings.items[s[i].finding].waiver;
	j->failures += fails > 0;
	buf_adds(&j->cases, "\">\n");
	for (i = 0; i < n; i++) {
		const struct finding *f = &j->r->findings.items[s[i].finding];

		if (f->waiver)
			junit_waived(j, f);
		else
			junit_failure(j, f);
	}
	buf_adds(&j->cases, "    </testcase>\n");
}

/* The name of item k of a kind, or NULL when k is not checked. */
static const char *junit_item_name(struct junit *j,
				   const struct junit_family *fam, size_t k)
{
	switch (fam->kind) {
	case JUNIT_CONTROLS:
		if (!j->r->controls || !j->r->controls[k].applicable)
			return NULL;
		return arena_printf(&j->arena, "%s %s", catalog_controls[k].id,
				    catalog_controls[k].title);
	case JUNIT_CLAUSES:
		if (!catalog_clauses[k].required)
			return NULL;
		return arena_printf(&j->arena, "%s %s", catalog_clauses[k].id,
				    catalog_clauses[k].title);
	case JUNIT_SPINE: return spine_items[k].name;
	case JUNIT_DOCUMENTS: return j->r->docs[k]->path;
	default:
		return ci_family_len(rule_table[k].id) == fam->len &&
			       !memcmp(rule_table[k].id, fam->name, fam->len)
			   ? rule_table[k].id
			   : NULL;
	}
}

/* How many items a kind has (checked or not). */
static size_t junit_item_count(const struct junit *j, enum junit_kind kind)
{
	switch (kind) {
	case JUNIT_CONTROLS: return catalog_control_count;
	case JUNIT_CLAUSES: return catalog_clause_count;
	case JUNIT_SPINE: return spine_count;
	case JUNIT_DOCUMENTS: return j->r->ndocs;
	default: return rule_count;
	}
}

/* The own testcase of a finding that fits no item. */
static void junit_own_case(struct junit *j, const struct junit_family *fam,
			   const struct junit_slot *s)
{
	const struct finding *f = &j->r->findings.items[s->finding];
	struct ci_location at;
	const char *name;

	ci_locate(j->r, f, &at);
	name = arena_printf(&j->arena, "%s %s:%u:%u", f->rule, at.path, at.line,
			    at.column);
	junit_case(j, fam, name, s, 1);
}

/* The testcases of family fam; s[0..n-1] are its slots. */
static void junit_cases(struct junit *j, const struct junit_family *fam,
			const struct junit_slot *s, size_t n)
{
	size_t k, count = junit_item_count(j, fam->kind), at = 0;

	for (k = 0; k < count; k++) {
		const char *name = junit_item_name(j, fam, k);
		size_t from = at;

		while (at < n && s[at].item == (long)k)
			at++;
		if (name)
			junit_case(j, fam, name, s + from, at - from);
		else /* an item not checked: its findings go on their own */
			while (from < at)
				junit_own_case(j, fam, &s[from++]);
	}
	for (; at < n; at++)
		junit_own_case(j, fam, &s[at]);
}

/* One testsuite: its cases first, for the counts of its header. */
static void junit_suite(struct junit *j, const struct junit_family *fam,
			const struct junit_slot *s, size_t n)
{
	size_t tests = j->tests, failures = j->failures;

	buf_truncate(&j->cases, 0);
	strmap_release(&j->names);
	junit_cases(j, fam, s, n);
	buf_adds(&j->out, "  <testsuite name=\"isms.");
	xml_escape(&j->out, fam->name);
	buf_addf(&j->out,
		 "\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" "
		 "skipped=\"0\">\n",
		 j->tests - tests, j->failures - failures);
	if (j->cases.len)
		buf_add(&j->out, j->cases.ptr, j->cases.len);
	buf_adds(&j->out, "  </testsuite>\n");
}

/* check --format junit: the suites, then the report with its counts. */
int render_check_junit(FILE *out, const struct repo *r)
{
	struct junit j = {.r = r,
			  .doc_of = STRMAP_INIT,
			  .names = STRMAP_INIT,
			  .arena = ARENA_INIT,
			  .cases = BUF_INIT,
			  .out = BUF_INIT};
	size_t fam, at = 0, n = r->findings.len;

	junit_prepare(&j);
	for (fam = 0; fam < j.nfamilies; fam++) {
		size_t from = at;

		while (at < n && j.slots[at].family == fam)
			at++;
		junit_suite(&j, &j.families[fam], j.slots + from, at - from);
	}
	fprintf(out,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<testsuites name=\"isms check\" tests=\"%zu\" "
		"failures=\"%zu\" errors=\"0\">\n%s</testsuites>\n",
		j.tests, j.failures, buf_cstr(&j.out));
	buf_release(&j.cases);
	buf_release(&j.out);
	strmap_release(&j.names);
	strmap_release(&j.doc_of);
	arena_release(&j.arena);
	free(j.families);
	free(j.slots);
	return 0;
}
