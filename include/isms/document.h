/* Documents: front matter typed by the schema of FORMAT.md. */
#ifndef ISMS_DOCUMENT_H
#define ISMS_DOCUMENT_H

#include <stdbool.h>
#include <stddef.h>

#include "isms/arena.h"
#include "isms/config.h"
#include "isms/csvread.h"
#include "isms/date.h"
#include "isms/finding.h"
#include "isms/yaml.h"

struct md_table;
struct reg;

/* The document keys, in the order of FORMAT.md. */
enum field {
	F_ID,
	F_TITLE,
	F_TYPE,
	F_OWNER,
	F_STATUS,
	F_MATURITY,
	F_VERSION,
	F_APPROVED_BY,
	F_APPROVED_ON,
	F_LAST_REVIEWED,
	F_REVIEW_EVERY,
	F_NEXT_REVIEW,
	F_CLAUSES,
	F_CONTROLS,
	F_SERVICES,
	F_FRAMEWORKS,
	F_EVIDENCE,
	F_TAGS,
	F_TARGET,
	F_SCHEDULE,
	F_SHAREABLE,
	F_REGISTER,
	F_DATA,
	F_COUNT
};

/* NULL-terminated: the document keys, and the register kinds. */
extern const char *const document_keys[];
extern const char *const register_kinds[];
bool document_key_known(const char *key);
bool register_kind_known(const char *kind);

enum doc_type {
	DOC_TYPE_NONE,
	DOC_POLICY,
	DOC_STANDARD,
	DOC_PROCEDURE,
	DOC_PLAN,
	DOC_SCOPE,
	DOC_METHODOLOGY,
	DOC_RECORD,
	DOC_REPORT,
	DOC_MINUTES,
	DOC_AGREEMENT,
	DOC_ANSWER,
	DOC_REGISTER,
	DOC_SOA,
	DOC_SERVICES,
	DOC_RESPONSIBILITIES,
	DOC_OTHER,
};

enum doc_status {
	STATUS_NONE,
	STATUS_DRAFT,
	STATUS_REVIEW,
	STATUS_APPROVED,
	STATUS_RETIRED,
};

enum coverage {
	COVERAGE_NONE,
	COVERAGE_PARTIAL,
	COVERAGE_FULL,
	COVERAGE_EXCLUDED,
};

/* Where a link between a document and a control or clause came from. */
enum link_source {
	SOURCE_FRONTMATTER,
	SOURCE_MAPPING, /* a mapping register */
	SOURCE_TEXT,	/* a mention in the text, under discover */
};

/* A control this document implements. */
struct control_link {
	int control; /* catalog index */
	enum coverage coverage;
	enum link_source source;
	struct pos pos;
};

/* A clause this document covers (a parent covers its children). */
struct clause_link {
	int clause; /* catalog index */
	enum link_source source;
	struct pos pos;
};

/* A known control or clause that the text mentions. */
struct text_ref {
	bool clause;
	int index;
	struct pos pos;
	bool in_mapping;
};

/* What git says of a file in the work tree (src/read/git.c). */
enum doc_git {
	DOC_GIT_UNKNOWN,   /* outside a git work tree */
	DOC_GIT_CLEAN,	   /* committed as it is */
	DOC_GIT_UNTRACKED, /* git does not track it */
	DOC_GIT_ADDED,	   /* added to the index, never committed */
	DOC_GIT_MODIFIED,  /* uncommitted changes, staged or not */
};

/*
 * A document's history on the first-parent line of HEAD (git.c): zero
 * and NULL outside a work tree or before its first commit.
 */
struct doc_history {
	isms_date last_changed; /* author date of the last commit */
	const char *last_author;
	const char *last_commit;    /* abbreviated id */
	unsigned revisions;	    /* commits that touched the file */
	isms_date content_changed;  /* last commit that changed the text */
	const char *content_commit; /* after the front matter; its id */
	enum doc_git state;	    /* the file now */
	enum doc_git data_state;    /* its data: file, when it has one */
};

struct schedule_item {
	isms_date date;
	const char *title;
	struct pos pos;
};

/*
 * One file read as a document: Markdown with front matter, or CSV with
 * front matter (a register or the SoA).  Strings live in the repository
 * arena.  Absent values are NULL, 0 or *_NONE; pos[] holds where each
 * key's value was written (line 0 when absent).
 */
struct document {
	const char *path;
	bool csv;	 /* a CSV file (front matter + rows) */
	bool parsed;	 /* front matter was read as a mapping */
	bool discovered; /* no front matter; read under discover */
	const char *id;
	const char *title;
	enum doc_type type;
	const char *owner;
	enum doc_status status;
	int maturity; /* as declared, 0 when absent */
	const char *version;
	const char *approved_by;
	isms_date approved_on;
	isms_date last_reviewed;
	struct duration review_every;
	isms_date next_review; /* declared or derived */
	struct control_link *controls;
	size_t ncontrols;
	struct clause_link *clauses;
	size_t nclauses;
	struct strlist services;
	struct strlist evidence;
	struct strlist tags;
	const struct ynode *frameworks;
	int target;
	struct schedule_item *schedule;
	size_t nschedule;
	bool shareable;
	const char *register_kind;
	const char *data; /* a CSV file holding the rows */
	struct pos pos[F_COUNT];
	struct text_ref *refs;
	size_t nrefs;
	struct csv_table table; /* rows of a CSV document; header first */
	const char *rows_path;	/* the file table came from */
	bool adopted;		/* a register by isms.yaml, not front matter */
	size_t evidence_found;	/* evidence items that are existing files */
	const struct md_table *tables; /* pipe tables of the body */
	size_t ntables;
	/* Its rows as a register, typed by the read (register_type()). */
	struct reg *reg;
	/*
	 * Where the characters outside the Basic Multilingual Plane are
	 * (line, column in code points), in file order: SARIF counts each
	 * as two UTF-16 units.  Usually empty.  rows_astral is the same for
	 * rows_path when the rows come from a data: file of their own.
	 */
	struct pos *astral;
	size_t nastral;
	struct pos *rows_astral;
	size_t nrows_astral;
	struct doc_history git;
};

/* The maturity in effect: as declared, else 2 when approved, else 1. */
int document_maturity(const struct document *d);

/*
 * Type the front matter tree root into d, using cfg's key aliases.
 * Problems become findings in fs (field-missing, field-invalid,
 * field-unknown, control-unknown, control-2013, clause-unknown,
 * id-normalised).  Required keys are checked unless d->discovered.
 */
void document_load(struct document *d, const struct ynode *root,
		   const struct config *cfg, struct arena *arena,
		   struct findings *fs);

/* Names of enum values, for output. */
const char *doc_type_name(enum doc_type t);
const char *doc_status_name(enum doc_status s);
const char *coverage_name(enum coverage c);
const char *link_source_name(enum link_source s);

#endif
