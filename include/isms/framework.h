/*
 * Other frameworks reported through ISO/IEC 27001:2022: NIS 2 and SOC 2
 * built in (compiled from templates/frameworks/), and the repository's
 * own, declared in isms.yaml.  A requirement is covered directly by the
 * documents whose front matter tags it, and implied through its
 * crosswalk by the documents that cover the clauses and Annex A controls
 * it maps to.  The two are kept apart in every output.
 */
#ifndef ISMS_FRAMEWORK_H
#define ISMS_FRAMEWORK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "isms/arena.h"
#include "isms/config.h"
#include "isms/document.h"
#include "isms/finding.h"
#include "isms/render.h"
#include "isms/repo.h"

/* A requirement of a built-in framework: "21(2)(d)", "CC6.1". */
struct fw_requirement_info {
	const char *id;
	const char *title;
	const char *group;
};

/* A row of a built-in crosswalk: requirement -> clause or control id. */
struct fw_link_info {
	const char *requirement;
	const char *iso;
};

/* A built-in framework, as frameworks_gen writes it. */
struct framework_info {
	const char *id;
	const char *name;
	const char *label; /* the credit, or how far to trust it */
	const struct fw_requirement_info *reqs;
	size_t nreqs;
	const struct fw_link_info *links;
	size_t nlinks;
};

extern const struct framework_info framework_builtins[];
extern const size_t framework_builtin_count;

/* The built-in framework with this id (case-blind), or NULL. */
const struct framework_info *framework_builtin_find(const char *id);

/* An id a crosswalk maps to: a clause or an Annex A control. */
struct fw_iso {
	bool clause;
	int index; /* catalog index */
};

/*
 * A requirement: its crosswalk (clauses, then controls, each in catalog
 * order and once) and the documents whose front matter tags it (by id,
 * each once; retired documents left out).
 */
struct fw_req {
	const char *id;
	const char *title;
	const char *group; /* "" when the catalog has none */
	struct fw_iso *isos;
	size_t nisos, icap;
	struct document **direct;
	size_t ndirect, dcap;
};

/* A framework in use; everything lives in the repository arena. */
struct framework {
	const char *id;
	const char *name;
	const char *label; /* "" when none */
	bool builtin;
	bool configured;     /* isms.yaml lists it */
	struct fw_req *reqs; /* in catalog order */
	size_t nreqs;
};

/* The frameworks of a repository. */
struct fwset {
	struct framework *items; /* the built-ins, then the own */
	size_t len;
	struct framework **configured; /* in the order of isms.yaml */
	size_t nconfigured;
};

/*
 * Set up r->frameworks: every built-in, then each own framework of
 * isms.yaml read from its two CSV files.  Problems are config-invalid
 * findings at their place; returns -1 when there was any.
 */
int frameworks_load(struct repo *r);

/*
 * Read the frameworks key of every document into the requirements'
 * direct lists.  An unknown framework or requirement is a
 * framework-unknown finding with the nearest id as its suggestion.
 */
void frameworks_tag(struct repo *r);

/* The framework with this id (case-blind), or NULL. */
const struct framework *frameworks_find(const struct fwset *s, const char *id);
/* The framework id nearest to id, or NULL when none is near. */
const char *frameworks_nearest(const struct fwset *s, const char *id);

/*
 * The requirement of fw that id names, after light normalisation (case,
 * blanks, an "Art." or "Article" prefix), or -1.
 */
int framework_requirement(const struct framework *fw, const char *id);

/*
 * Add iso (a leaf clause such as "6.1.2" or a control such as "A.5.24")
 * to requirement req's crosswalk; false when iso names neither.  A
 * parent such as "9.2" is refused: its children say what is covered.
 */
bool framework_link(struct arena *a, struct fw_req *req, const char *iso);

/*
 * Read an own framework's catalog (columns id, title and optionally
 * group) and crosswalk (the requirement in the first column, the ISO id
 * in the column iso_id, else the second) under root into fw.  Problems
 * are config-invalid findings in the file, or at the entry of isms.yaml
 * for a file that cannot be read.  Returns the number of problems.
 */
int framework_read(struct framework *fw, const struct framework_decl *decl,
		   const char *root, const struct config *cfg, struct arena *a,
		   struct findings *fs);

/* How a requirement is covered, best first. */
enum fw_status {
	FW_DIRECT,  /* a document tags it */
	FW_IMPLIED, /* each id of its crosswalk in full (or excluded) */
	FW_PARTIAL, /* some of them are covered, or partly */
	FW_NONE,    /* none of them, or it has no crosswalk */
	FW_STATUSES
};

/* An id of a requirement's crosswalk and what covers it. */
struct fw_through {
	const char *id; /* "A.5.24", "6.1.2" */
	bool clause;
	enum coverage coverage;	      /* a clause: full or none */
	const struct doc_cover *docs; /* the map's, by id */
	size_t ndocs;
};

/*
 * One requirement: the documents that tag it, and those its crosswalk
 * implies (the distinct documents of through, by id).
 */
struct fw_cover {
	const struct fw_req *req;
	enum fw_status status;
	struct fw_through *through;
	size_t nthrough;
	size_t covered; /* ids of through covered in full */
	const struct document **implied;
	size_t nimplied;
};

/* A framework's requirements as the repository covers them. */
struct fw_report {
	const struct framework *fw;
	struct fw_cover *items; /* in catalog order */
	size_t len;
	size_t count[FW_STATUSES];
};

/* Build fw's report over r.  Release with fw_report_release(). */
void fw_report_build(const struct repo *r, const struct framework *fw,
		     struct fw_report *rep);
void fw_report_release(struct fw_report *rep);

/* "direct", "implied", "partial", "none". */
const char *fw_status_name(enum fw_status s);

/*
 * map --framework: one row per requirement in text, markdown, csv or
 * json; gaps --framework: the requirements neither tagged nor implied in
 * full, grouped.  Both return 0, or -1 for another format.
 */
int render_framework_map(FILE *out, const struct fw_report *rep, enum format f);
int render_framework_gaps(FILE *out, const struct fw_report *rep,
			  enum format f);

#endif
