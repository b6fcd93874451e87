/* Reading one file into a document: the per-file step of a load. */
#ifndef ISMS_READER_H
#define ISMS_READER_H

#include <stdbool.h>

#include "isms/arena.h"
#include "isms/config.h"
#include "isms/document.h"
#include "isms/finding.h"
#include "isms/walk.h"

/*
 * Read root/entry->path once: check its encoding and size, split and
 * parse the front matter, type it, read the CSV rows of a register or
 * SoA (or the CSV its data: key names), and find the control and clause
 * mentions of a Markdown body.  Returns the document, or NULL when the
 * file is no document (a README without front matter, a plain CSV).
 * Everything it finds is added to fs; everything it keeps is in arena.
 * Touches nothing shared, so files can be read in parallel.
 */
struct document *reader_read(const char *root, const struct walk_entry *e,
			     const struct config *cfg, bool discover,
			     struct arena *arena, struct findings *fs);

#endif
