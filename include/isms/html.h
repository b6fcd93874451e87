/* HTML output: escaping and a self-contained page. */
#ifndef ISMS_HTML_H
#define ISMS_HTML_H

#include <stdio.h>

#include "isms/otable.h"

/*
 * Write s with &, <, >, " and ' escaped, so that no repository text can
 * become markup or script; invalid UTF-8 becomes U+FFFD.
 */
void html_escape(FILE *out, const char *s);
/* The page up to <body>: charset, title, and the shared print-ready CSS. */
void html_begin(FILE *out, const char *title);
void html_end(FILE *out);
/* A table: header cells as <th>, every cell escaped. */
void html_table(FILE *out, const struct otable *t, const char *caption);

#endif
