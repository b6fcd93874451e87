/* The HTML dashboard: one self-contained file for boards and auditors. */
#ifndef ISMS_REPORT_H
#define ISMS_REPORT_H

#include <stdio.h>

#include "isms/repo.h"

/*
 * Write the whole report for a loaded and checked repository (rules
 * already run): summary, heat map, readiness, maturity per clause and
 * theme, gaps and the checklist.  Every text from the repository is
 * escaped; the page loads nothing and runs no script.
 */
void report_write(FILE *out, const struct repo *r);

#endif
