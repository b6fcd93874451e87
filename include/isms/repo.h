/* The repository model: what every command asks its questions of. */
#ifndef ISMS_REPO_H
#define ISMS_REPO_H

#include <stdbool.h>
#include <stddef.h>

#include "isms/arena.h"
#include "isms/config.h"
#include "isms/date.h"
#include "isms/document.h"
#include "isms/finding.h"
#include "isms/reader.h"
#include "isms/register.h"
#include "isms/services.h"
#include "isms/strmap.h"
#include "isms/walk.h"

enum impl_status {
	IMPL_NONE,
	IMPL_IMPLEMENTED,
	IMPL_PARTIAL,
	IMPL_PLANNED,
	IMPL_NOT_IMPLEMENTED,
};

/* One row of the Statement of Applicability. */
struct soa_row {
	int control;	/* catalog index; -1 for an own control */
	const char *id; /* as normalised, or as written */
	bool applicable;
	const char *justification;
	enum impl_status status;
	struct strlist documents;
	unsigned line;
};

struct soa {
	struct document *doc; /* NULL when the repository has none */
	struct soa_row *rows;
	size_t nrows;
	unsigned header_line;  /* line of the header row */
	const char *rows_path; /* the file the rows are in */
	int *row_of;	       /* control index -> row index, or -1 */
};

/* A document that covers a control or a clause, and how. */
struct doc_cover {
	struct document *doc;
	enum coverage coverage;
	enum link_source source;
};

/* The control map: one entry per Annex A control. */
struct control_state {
	bool applicable;
	enum coverage coverage; /* the best any document gives */
	struct doc_cover *docs; /* sorted by document id */
	size_t ndocs, cap;
	/* Risks naming the control, in file order: see repo_control_risks. */
	struct reg_ref *risks;
	size_t nrisks, rcap;
	const struct soa_row *soa;
};

/* The clause map: one entry per catalog clause. */
struct clause_state {
	struct doc_cover *docs; /* sorted by document id */
	size_t ndocs, cap;
};

struct fwset;

/*
 * Files from another place than the disk (a git revision, for diff):
 * list fills out as walk_repository() does; files reads them.
 */
struct repo_source {
	void (*list)(void *data, const struct config *cfg,
		     struct walk_list *out, struct findings *fs);
	struct reader_files files; /* its data is list's too */
};

/* What git could tell about the root (src/read/git.c). */
enum repo_git {
	REPO_GIT_NONE,	 /* in no git work tree, or not asked */
	REPO_GIT_OK,	 /* status and history read */
	REPO_GIT_FAILED, /* a repository that could not be read */
};

/* How the command line shapes the load. */
struct repo_options {
	const char *dir;    /* -C: where the root search starts */
	const char *config; /* --config: a configuration file */
	int stage;	    /* --stage, 0 for the configuration's */
	bool discover;	    /* --discover */
	bool verbose;	    /* -v: progress on stderr */
	bool no_git;	    /* ask git nothing about the files */
	const struct repo_source *source; /* NULL: the disk */
};

/*
 * The whole repository.  Everything lives in arena and is freed by
 * repo_release().  docs are sorted by path; findings collects what
 * reading and the rules found.
 */
struct repo {
	struct arena arena;
	struct config config;
	char *root; /* absolute */
	struct document **docs;
	size_t ndocs;
	struct strmap by_id;   /* document id -> first document */
	struct strmap by_path; /* path -> document */
	struct findings findings;
	struct soa soa;
	struct reg *regs; /* every register, in path order */
	size_t nregs;
	struct row_index rows;		/* register rows by kind and id */
	struct control_state *controls; /* [catalog_control_count] */
	struct clause_state *clauses;	/* [catalog_clause_count] */
	struct fwset *frameworks;	/* framework.h: built-in and own */
	struct services services;	/* the catalogue and the matrix */
	const char *view;		/* the service line in view, or NULL */
	int stage;
	bool discover;
	isms_date today;
	size_t files_seen; /* candidate files the walk found */
	enum repo_git git;
	bool libgit2;	   /* libgit2 kept initialised until release */
	bool risks_mapped; /* controls[].risks are filled */
};

/*
 * Find the root, read the configuration, walk and read every file, and
 * build the map.  Returns 0; -1 when the repository or its configuration
 * cannot be read at all (the findings or a message on stderr say why).
 */
int repo_load(struct repo *r, const struct repo_options *opt);
void repo_release(struct repo *r);

/* The document with this id, or NULL. */
struct document *repo_document(const struct repo *r, const char *id);

/* Is this document one the Stage 1 spine or a required clause rests on? */
bool repo_is_core(const struct repo *r, const struct document *d);

const char *impl_status_name(enum impl_status s);

/*
 * The risks whose controls cell names control i, in file order; *n
 * gets their count.  check never asks, so the lists are built on the
 * first call (for the whole map), not by repo_load.
 */
const struct reg_ref *repo_control_risks(const struct repo *r, size_t i,
					 size_t *n);

/* Internal steps of repo_load(), in src/model/. */
void soa_load(struct repo *r, struct document *d);
void map_build(struct repo *r);
/* Free the control and clause maps' lists (map_build does it first). */
void map_release(struct repo *r);

#endif
