/* The rule catalogue and the checks that produce findings. */
#ifndef ISMS_RULES_H
#define ISMS_RULES_H

#include <stddef.h>

#include "isms/finding.h"

struct repo;

/* One rule id of the contract: its default severity and what it means. */
struct rule_info {
	const char *id;
	enum severity severity;
	const char *summary;
};

/* The rule table, in documentation order, and its length. */
extern const struct rule_info rule_table[];
extern const size_t rule_count;

/* The table entry for id, or NULL for an unknown rule id. */
const struct rule_info *rule_find(const char *id);

/*
 * Run every model check over a loaded repository and append the findings
 * to repo->findings.  Pure: reads the model and the configuration only,
 * so the families of rules run side by side on as many threads as
 * reader_threads() gives, each with a findings list and an arena of its
 * own; the lists join in a fixed order, so that the findings are the
 * same for any number of threads.
 */
void rules_run(struct repo *repo);

/* The families, each in its own file under src/rules/. */
void rules_documents(struct repo *repo);
void rules_controls(struct repo *repo);
void rules_clauses(struct repo *repo);
void rules_spine(struct repo *repo);
void rules_soa(struct repo *repo);
void rules_registers(struct repo *repo);
void rules_register_refs(struct repo *repo);
void rules_services(struct repo *repo);
void rules_records(struct repo *repo);
void rules_git(struct repo *repo);

/*
 * Apply the stage defaults and the severities of the configuration's
 * rules: map, drop what is off, and sort.
 */
void rules_finish(struct repo *repo);

#endif
