/* CSV tables read with libcsv, with a line number for every row. */
#ifndef ISMS_CSVREAD_H
#define ISMS_CSVREAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "isms/arena.h"
#include "isms/finding.h"
#include "isms/limits.h"

/* Most cells one row may hold, whatever the columns limit says. */
#define CSV_MAX_CELLS ((1u << 24) - 1)

/*
 * One row: the 1-based line of the file on which it starts and its
 * cells.  The cells are NUL-terminated strings packed one after the
 * other from base, and just before base sit the offsets of cells 1 to
 * ncells - 1 from base, width bytes each (1, 2 or 4, as the row's
 * length needs): most rows pay a byte per cell.  Rows may be ragged:
 * ncells is what the row held.  Read a cell with csv_cell().
 */
struct csv_row {
	unsigned line;
	unsigned ncells : 24;
	unsigned width : 8;
	const char *base;
};

/* Cell i of row; "" past the row's end. */
static inline const char *csv_cell(const struct csv_row *row, size_t i)
{
	const unsigned char *o;
	uint32_t v;

	if (i >= row->ncells)
		return "";
	if (!i)
		return row->base;
	o = (const unsigned char *)row->base -
	    (size_t)(row->ncells - i) * row->width;
	if (row->width == 1)
		return row->base + *o;
	if (row->width == 2) {
		uint16_t h;

		memcpy(&h, o, 2);
		return row->base + h;
	}
	memcpy(&v, o, 4);
	return row->base + v;
}

/*
 * Pack a row of n cells into dst: the offsets of cells 1 to n - 1 (offs
 * holds each cell's start in cells, offs[0] being 0), then the nbytes of
 * cells.  dst may overlap cells: the bytes are moved first.  Sets row's
 * ncells, width and base; returns the bytes written to dst, never more
 * than csv_row_size().  n is 1 to CSV_MAX_CELLS; offs[n - 1] < nbytes.
 */
size_t csv_row_pack(char *dst, const char *cells, size_t nbytes,
		    const uint32_t *offs, size_t n, struct csv_row *row);
/* The bytes csv_row_pack() writes for these cells. */
size_t csv_row_size(size_t nbytes, const uint32_t *offs, size_t n);

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
	/*
	 * Optional: text lies in *base, a buffer of cap bytes from malloc
	 * with csv_room() bytes or more before the text, which the read may
	 * write its rows over and keep.  *base is set to NULL when the rows
	 * took it; otherwise it stays the caller's to free.  NULL (or *base
	 * NULL): the rows get a buffer of their own.
	 */
	char **base;
	size_t cap;
};

/*
 * The room to leave before a CSV text of len bytes (see csv_source) so
 * that its rows can usually be written over it.
 */
size_t csv_room(size_t len);

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
