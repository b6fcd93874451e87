/* The rule table of CLI.md and the order in which the checks run. */
#include "isms/rules.h"
#include "isms/alloc.h"
#include "isms/buf.h"
#include "isms/catalog.h"
#include "isms/reader.h"
#include "isms/repo.h"
#include "isms/spine.h"
#include "isms/threads.h"
#include "isms/walk.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct rule_info rule_table[] = {
    {"yaml-syntax", SEVERITY_ERROR, "front matter is not valid YAML"},
    {"frontmatter-unclosed", SEVERITY_ERROR,
     "an opening fence with no closing fence"},
    {"frontmatter-invalid", SEVERITY_ERROR,
     "a fenced block that is not a YAML mapping"},
    {"frontmatter-missing", SEVERITY_WARNING,
     "a Markdown file inside include: paths without front matter"},
    {"frontmatter-limit", SEVERITY_ERROR,
     "a front-matter size, depth or anchor limit was passed"},
    {"file-limit", SEVERITY_ERROR,
     "a file, cell or column-count limit was passed"},
    {"file-encoding", SEVERITY_ERROR,
     "a file that is not UTF-8 (UTF-16/32 byte order mark, NUL bytes)"},
    {"file-unreadable", SEVERITY_ERROR,
     "a file that could not be opened or read"},
    {"config-invalid", SEVERITY_ERROR,
     "isms.yaml has an unknown key or a bad value"},
    {"csv-syntax", SEVERITY_ERROR,
     "a CSV file is malformed (a stray or unclosed quote)"},
    {"field-missing", SEVERITY_ERROR, "a required key is absent"},
    {"field-invalid", SEVERITY_ERROR,
     "a value has the wrong type or is not in its enum"},
    {"field-unknown", SEVERITY_WARNING,
     "a key that is neither known nor aliased"},
    {"id-duplicate", SEVERITY_ERROR, "two files share an id"},
    {"id-normalised", SEVERITY_NOTE,
     "a control or clause id written in a non-canonical form"},
    {"control-unknown", SEVERITY_ERROR,
     "an id that is no ISO 27001:2022 Annex A control"},
    {"control-2013", SEVERITY_ERROR,
     "an ISO 27001:2013 id; the message names its 2022 counterpart"},
    {"clause-unknown", SEVERITY_ERROR,
     "an id that is no clause of ISO 27001:2022"},
    {"framework-unknown", SEVERITY_ERROR,
     "a framework or requirement id in frameworks: that is not known"},
    {"control-unmapped", SEVERITY_ERROR,
     "an applicable control no document implements"},
    {"control-partial", SEVERITY_WARNING,
     "an applicable control only partially implemented"},
    {"clause-missing", SEVERITY_ERROR,
     "a clause that requires documented information has none"},
    {"spine-missing", SEVERITY_ERROR, "a Stage 1 spine item is absent"},
    {"soa-missing", SEVERITY_ERROR, "no Statement of Applicability"},
    {"soa-incomplete", SEVERITY_ERROR,
     "the SoA lacks controls, or lists one twice"},
    {"soa-justification", SEVERITY_ERROR,
     "an excluded control has no justification"},
    {"soa-inclusion", SEVERITY_WARNING,
     "an included control has no justification"},
    {"soa-conflict", SEVERITY_WARNING,
     "a document implements a control the SoA excludes, or the SoA "
     "says implemented where no document does"},
    {"approval-missing", SEVERITY_ERROR,
     "status: approved without approved_by and approved_on"},
    {"owner-missing", SEVERITY_ERROR,
     "a document, register row or spine item with no owner"},
    {"review-overdue", SEVERITY_WARNING, "next_review is in the past"},
    {"maturity-target", SEVERITY_WARNING,
     "a core document is below its maturity target"},
    {"approval-pending", SEVERITY_WARNING, "a core document still in draft"},
    {"record-missing", SEVERITY_WARNING,
     "no internal audit report or management review record"},
    {"register-missing", SEVERITY_WARNING,
     "no asset register, incident log, change log or nonconformity "
     "log, or one with no entries"},
    {"maturity-evidence", SEVERITY_WARNING,
     "the claimed maturity is not backed by evidence"},
    {"reference-untagged", SEVERITY_NOTE,
     "the text mentions a control the front matter does not list"},
    {"register-column", SEVERITY_ERROR, "a register lacks a required column"},
    {"register-value", SEVERITY_ERROR, "a register cell has a bad value"},
    {"register-ref", SEVERITY_WARNING,
     "a register row refers to an id that does not exist"},
    {"register-stale", SEVERITY_WARNING,
     "a register with no entry or review inside its cycle"},
    {"risk-untreated", SEVERITY_ERROR,
     "a high risk that is open with no treatment controls"},
    {"risk-acceptance", SEVERITY_WARNING,
     "an accepted risk whose residual risk nobody has accepted"},
    {"nonconformity-overdue", SEVERITY_WARNING,
     "an open nonconformity past its due date"},
    {"service-unknown", SEVERITY_WARNING,
     "a service id that the catalogue does not define"},
    {"responsibility-missing", SEVERITY_WARNING,
     "an in-scope service with no owner for an area"},
    {"service-unclear", SEVERITY_WARNING,
     "an in-scope service no document, asset or risk names"},
    {"git-untracked", SEVERITY_WARNING, "a document git does not track"},
    {"git-modified", SEVERITY_WARNING, "a document with uncommitted changes"},
    {"git-unavailable", SEVERITY_NOTE,
     "document control could not be checked: no git work tree, or "
     "one git cannot read"},
    {"changed-after-approval", SEVERITY_WARNING,
     "a document whose text changed after its approval or review"},
    {"waiver-expired", SEVERITY_ERROR, "a waiver past its expires date"},
    {"waiver-unused", SEVERITY_WARNING, "a waiver that matches no finding"},
};
const size_t rule_count = sizeof(rule_table) / sizeof(*rule_table);

const struct rule_info *rule_find(const char *id)
{
	size_t i;

	for (i = 0; i < rule_count; i++)
		if (!strcmp(rule_table[i].id, id))
			return &rule_table[i];
	return NULL;
}

bool repo_is_core(const struct repo *r, const struct document *d)
{
	size_t i, k;

	for (i = 0; i < spine_count; i++)
		if (spine_matches(&spine_items[i], d))
			return true;
	for (k = 0; k < catalog_clause_count; k++) {
		const struct clause_state *c = &r->clauses[k];

		if (!catalog_clauses[k].required)
			continue;
		for (i = 0; i < c->ndocs; i++)
			if (c->docs[i].doc == d)
				return true;
	}
	return false;
}

/* The families of rules, in the order their findings are listed. */
static void (*const rule_families[])(struct repo *) = {
    rules_documents, rules_controls,  rules_clauses,	   rules_spine,
    rules_soa,	     rules_registers, rules_register_refs, rules_services,
    rules_records,   rules_git,
};
#define RULE_FAMILIES (sizeof(rule_families) / sizeof(*rule_families))

/* The order the families are taken in: the longest (on many rows) first. */
static const unsigned char rule_start[RULE_FAMILIES] = {6, 7, 0, 5, 9,
							1, 2, 3, 4, 8};

/*
 * What the threads of rules_run() share: each family runs on a view of
 * the repository of its own, the same model with a findings list and an
 * arena of its own, as the model is only read.
 */
struct rule_pool {
	struct repo *views; /* [RULE_FAMILIES] */
	atomic_uint next;
};

/* Take families until none is left; run each on its view. */
static void *rule_worker(void *arg)
{
	struct rule_pool *p = arg;
	unsigned k;

	while ((k = atomic_fetch_add(&p->next, 1)) < RULE_FAMILIES)
		rule_families[rule_start[k]](&p->views[rule_start[k]]);
	return NULL;
}

void rules_run(struct repo *repo)
{
	struct rule_pool p = {NULL, 0};
	size_t i;

	p.views = xcalloc(RULE_FAMILIES, sizeof(*p.views));
	for (i = 0; i < RULE_FAMILIES; i++) {
		p.views[i] = *repo;
		p.views[i].arena = (struct arena)ARENA_INIT;
		findings_init(&p.views[i].findings, &p.views[i].arena);
	}
	threads_run(reader_threads(RULE_FAMILIES), rule_worker, &p, 0);
	/* The same list, in the same order, for any number of threads. */
	for (i = 0; i < RULE_FAMILIES; i++) {
		findings_append(&repo->findings, &p.views[i].findings);
		findings_release(&p.views[i].findings);
		arena_merge(&repo->arena, &p.views[i].arena);
	}
	free(p.views);
}

/* Severity a rule has at the stage being prepared for. */
static enum severity stage_severity(const struct repo *r,
				    const struct finding *f)
{
	static const char *const stage2_errors[] = {
	    "record-missing", "responsibility-missing", "register-missing",
	    "register-stale", "risk-acceptance",	"maturity-evidence"};
	size_t i;

	for (i = 0; r->stage >= 2 &&
		    i < sizeof(stage2_errors) / sizeof(*stage2_errors);
	     i++)
		if (!strcmp(f->rule, stage2_errors[i]))
			return SEVERITY_ERROR;
	return f->severity;
}

/* Does waiver w accept finding f?  Every selector it has must match. */
static bool waiver_matches(const struct waiver *w, const struct finding *f)
{
	if (strcmp(w->rule, f->rule))
		return false;
	if (w->control && (!f->control || strcmp(w->control, f->control)))
		return false;
	if (w->document && (!f->document || strcmp(w->document, f->document)))
		return false;
	if (w->file && (!f->file || (strcmp(w->file, f->file) &&
				     !walk_glob_match(w->file, f->file))))
		return false;
	return true;
}

/* A finding about waiver w, at its place in the configuration. */
static void waiver_finding(struct repo *r, const struct waiver *w,
			   const char *rule, const char *state)
{
	struct buf what = BUF_INIT;

	buf_addf(&what, "'%s'", w->rule);
	if (w->control)
		buf_addf(&what, " for %s", w->control);
	if (w->document)
		buf_addf(&what, " for '%s'", w->document);
	if (w->file)
		buf_addf(&what, " in '%s'", w->file);
	findings_add(&r->findings, rule, r->config.path, w->pos,
		     "the waiver of %s %s", what.ptr, state);
	buf_release(&what);
}

/*
 * Waivers (isms.yaml): a finding a waiver accepts is kept, marked with
 * the waiver's reason, and no longer fails the check; a waiver past its
 * date accepts nothing and is itself an error; one that accepts nothing
 * is a warning, so that stale waivers do not pile up.
 */
static void apply_waivers(struct repo *r)
{
	size_t k, i, n = r->findings.len;

	for (k = 0; k < r->config.nwaivers; k++) {
		const struct waiver *w = &r->config.waivers[k];
		bool used = false;

		if (!w->rule)
			continue;
		if (w->expires && w->expires < r->today) {
			char when[11], state[96];

			date_format(w->expires, when);
			snprintf(state, sizeof(state),
				 "expired on %s; renew it or fix what it "
				 "waives",
				 when);
			waiver_finding(r, w, "waiver-expired", state);
			continue;
		}
		for (i = 0; i < n; i++) {
			struct finding *f = &r->findings.items[i];

			if (f->severity == SEVERITY_OFF ||
			    !waiver_matches(w, f))
				continue;
			f->waiver = w->reason;
			used = true;
		}
		if (!used)
			waiver_finding(r, w, "waiver-unused",
				       "matches no finding; remove it");
	}
}

/* Give f its severity: the stage's default, then the configuration's. */
static void resolve_severity(const struct repo *r, struct finding *f)
{
	size_t j;

	f->severity = stage_severity(r, f);
	for (j = 0; j < r->config.nrules; j++)
		if (!strcmp(r->config.rules[j].rule, f->rule))
			f->severity =
			    (enum severity)r->config.rules[j].severity;
}

void rules_finish(struct repo *repo)
{
	struct findings *fs = &repo->findings;
	size_t i, n = fs->len;

	for (i = 0; i < n; i++)
		resolve_severity(repo, &fs->items[i]);
	apply_waivers(repo);
	for (i = n; i < fs->len; i++)
		resolve_severity(repo, &fs->items[i]);
	findings_prune(fs);
	findings_sort(fs);
}
