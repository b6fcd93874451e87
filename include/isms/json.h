/* Helpers over jansson for building output documents. */
#ifndef ISMS_JSON_H
#define ISMS_JSON_H

#include <jansson.h>
#include <stdio.h>

/*
 * A JSON string from s; invalid UTF-8 bytes become U+FFFD so that no
 * repository text can make an output fail.  NULL gives JSON null.
 */
json_t *json_text(const char *s);

/* Set key of obj to v (a new reference, stolen); v NULL means null. */
void json_put(json_t *obj, const char *key, json_t *v);

/* Write v (consumed) to out, indented, ending in a newline. */
int json_write(FILE *out, json_t *v);

#endif
