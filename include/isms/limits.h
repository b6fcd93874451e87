/* Size and depth limits, in one place; isms.yaml may change them. */
#ifndef ISMS_LIMITS_H
#define ISMS_LIMITS_H

#include <stddef.h>

struct limits {
	size_t frontmatter; /* bytes of one front-matter block */
	size_t yaml_depth;  /* nesting depth of front matter */
	size_t markdown;    /* bytes of one Markdown file */
	size_t csv;	    /* bytes of one CSV file */
	size_t cell;	    /* bytes of one CSV cell */
	size_t columns;	    /* columns of one CSV row */
	size_t config;	    /* bytes of isms.yaml */
};

#define LIMITS_DEFAULT                                                         \
	{                                                                      \
		64 * 1024, 64, 16 * 1024 * 1024, 1024UL * 1024 * 1024,         \
		    1024 * 1024, 4096, 1024 * 1024                             \
	}

#endif
