/* Workbooks with libxlsxwriter, through the atomic write helper. */
#include "isms/xlsx.h"
#include "isms/alloc.h"
#include "isms/atomic.h"
#include "isms/cli.h"

#include <errno.h>
#include <string.h>
#include <xlsxwriter.h>

/* Excel's limits: characters in a cell, and a sensible column width. */
#define XLSX_CELL_MAX  32767
#define XLSX_WIDTH_MAX 60

/* Width of s in characters (code points), for column sizing. */
static size_t xlsx_width(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/*
 * What a libxlsxwriter call returned, errno cleared before it: stop when
 * it ran out of memory, whatever it returned.  It names a failed
 * allocation of a shared string "index not found", and it skips an XML
 * attribute or element it could not allocate and reports success; the
 * ENOMEM that malloc() left in errno tells.
 */
static lxw_error xlsx_check(lxw_error err)
{
	if (err == LXW_ERROR_MEMORY_MALLOC_FAILED)
		alloc_die();
	alloc_errno_check();
	return err;
}

/* Write one cell, cut to Excel's limit on a character boundary. */
static void xlsx_cell(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
		      const char *s, lxw_format *fmt)
{
	char cut[XLSX_CELL_MAX + 1];
	size_t n = strlen(s);

	if (n > XLSX_CELL_MAX) {
		n = XLSX_CELL_MAX;
		while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
		memcpy(cut, s, n);
		cut[n] = '\0';
		s = cut;
	}
	errno = 0;
	xlsx_check(worksheet_write_string(ws, r, c, s, fmt));
}

/* Fill one worksheet from a table. */
static void xlsx_sheet(lxw_workbook *wb, const struct xlsx_sheet *sh,
		       lxw_format *bold)
{
	const struct otable *t = sh->table;
	lxw_worksheet *ws = workbook_add_worksheet(wb, sh->name);
	size_t r, c;

	if (!ws) /* the names are isms's own and valid: no memory */
		alloc_die();
	for (c = 0; c < t->ncols; c++) {
		size_t width = 8;

		for (r = 0; r < t->nrows; r++) {
			const char *s = t->cells[r * t->ncols + c];
			size_t w = xlsx_width(s) + 2;

			if (w > width)
				width = w;
			xlsx_cell(ws, (lxw_row_t)r, (lxw_col_t)c, s,
				  r ? NULL : bold);
		}
		errno = 0;
		xlsx_check(worksheet_set_column(
		    ws, (lxw_col_t)c, (lxw_col_t)c,
		    width > XLSX_WIDTH_MAX ? XLSX_WIDTH_MAX : (double)width,
		    NULL));
	}
	worksheet_freeze_panes(ws, 1, 0);
	errno = 0;
	if (t->nrows && t->ncols)
		xlsx_check(worksheet_autofilter(ws, 0, 0,
						(lxw_row_t)(t->nrows - 1),
						(lxw_col_t)(t->ncols - 1)));
}

int xlsx_write(const char *path, bool force, const struct xlsx_sheet *sheets,
	       size_t n)
{
	struct atomic_file af;
	lxw_workbook *wb;
	lxw_format *bold;
	lxw_error err;
	size_t i;

	if (atomic_reserve(&af, path, force) < 0) {
		cli_write_error(path);
		return -1;
	}
	/* Only its allocations can fail: the file is written at the close. */
	wb = workbook_new(af.temp);
	bold = wb ? workbook_add_format(wb) : NULL;
	if (!bold)
		alloc_die();
	format_set_bold(bold);
	for (i = 0; i < n; i++)
		xlsx_sheet(wb, &sheets[i], bold);
	errno = 0;
	err = xlsx_check(workbook_close(wb));
	if (err != LXW_NO_ERROR) {
		atomic_abort(&af);
		cli_error("cannot write '%s': %s", path, lxw_strerror(err));
		return -1;
	}
	if (atomic_commit(&af) < 0) {
		cli_error("cannot write '%s': %s", path, strerror(errno));
		return -1;
	}
	return 0;
}
