/* CSV tables read with libcsv, with a line number for every row. */
#ifndef ISMS_CSVREAD_H
#define ISMS_CSVREAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "isms/arena.h"
#include "isms/finding.h"
#include "isms/limits.h"

/*
 * One row: the 1-based line of the file on which it starts and its
 * cells.  The cells are NUL-terminated strings packed one after the
 * other from base; cell i starts at base + offs[i].  Rows may be
 * ragged: ncells is what the row held.  Read a cell with csv_cell().
 */
struct csv_row {
	unsigned line;
	unsigned ncells;
	const char *base;
	const uint32_t *offs;
};

/* Cell i of row; "" past the row's end. */
static inline const char *csv_cell(const struct csv_row *row, size_t i)
{
	return i < row->ncells ? row->base + row->offs[i] : "";
}

/* The header is rows[0] when the table has one (see csv_read). */
struct csv_table {
	size_t nrows;
	struct csv_row *rows;
};

/* Where the CSV text sits in its file. */
struct csv_source {
	const char *path; /* for findings, relative to the root */
	/* The CSV bytes, a front-matter block excluded. */
	const char *text;
	size_t len;
	unsigned first_line;	     /* line of text[0] in the file, 1-based */
	const struct limits *limits; /* cell and columns are enforced */
	bool exact; /* skip the quick pass (tests compare the two) */
};

/*
 * Read RFC 4180 CSV in libcsv's strict mode (quoted fields, embedded
 * commas, quotes and newlines, CRLF; a UTF-8 BOM at the start is
 * dropped; blank lines are skipped).  Problems become findings in fs:
 * "csv-syntax" (a malformed quote, or a quote left open at the end) at
 * the line and column where the bad field began, and "file-limit" for a
 * cell or a column count over the limits, at that cell.  Returns 0 when
 * the whole text was read, -1 when reading stopped at an error (the rows
 * before it are kept in out).
 *
 * out->rows and the cells belong to arena; nothing else is left to
 * free.  A row's bytes stay under 4 GiB (a longer row is a file-limit).  Lines
 * end at LF, CRLF or a lone CR; columns count code points from 1.  A NUL byte
 * inside a cell ends that cell's string early.
 */
int csv_read(const struct csv_source *src, struct arena *arena,
	     struct csv_table *out, struct findings *fs);

#endif
