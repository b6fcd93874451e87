/* Excel workbooks for auditors, written with libxlsxwriter. */
#ifndef ISMS_XLSX_H
#define ISMS_XLSX_H

#include <stdbool.h>
#include <stddef.h>

#include "isms/otable.h"

/* One worksheet: its name (at most 31 characters) and its rows. */
struct xlsx_sheet {
	const char *name;
	const struct otable *table;
};

/*
 * Write the sheets to path (atomically; an existing file is replaced
 * only with force): a bold header row, frozen below the header, an
 * autofilter over the table, and column widths fitted to the contents.
 * A cell longer than Excel's 32,767 characters is cut.  Returns 0, or -1
 * after printing why.
 */
int xlsx_write(const char *path, bool force, const struct xlsx_sheet *sheets,
	       size_t n);

#endif
