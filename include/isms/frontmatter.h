/* Splitting a file into its front-matter block and its body. */
#ifndef ISMS_FRONTMATTER_H
#define ISMS_FRONTMATTER_H

#include <stddef.h>

enum fm_status {
	FM_NONE,     /* the file does not start with a fence */
	FM_OK,	     /* a block and a closing fence were found */
	FM_UNCLOSED, /* an opening fence with no closing fence */
};

/*
 * Offsets into the file's bytes.  The YAML text runs from offset 0 (the
 * BOM and the opening fence included, so that libyaml's marks are the
 * file's own positions) to yaml_end, the start of the closing fence
 * line.  The body starts after the closing fence line, at line
 * body_line (1-based).
 */
struct fm_split {
	enum fm_status status;
	size_t bom;	    /* 3 when a UTF-8 BOM starts the file */
	size_t block_start; /* first byte after the opening fence line */
	size_t yaml_end;
	size_t body_start;
	unsigned body_line;
};

/* Find the front matter of text; never fails, see status. */
void fm_split(const char *text, size_t len, struct fm_split *out);

#endif
