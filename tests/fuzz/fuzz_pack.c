/*
 * libFuzzer target for what isms pack does with a document's text: the
 * section and comment filter, then the HTML rendering with md4c-html
 * and the link filter.
 *
 * run: build/fuzz/fuzz_pack tests/fuzz/corpus/pack
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "isms/pack.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *sink;
	char *text = malloc(size + 1), *body;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (!sink)
		sink = fopen("/dev/null", "w");
	body = pack_body(text, size, "Title");
	/* The filter only removes text and adds '#'s to headings. */
	if (strlen(body) > 2 * size + 1)
		abort();
	if (sink)
		pack_html_text(sink, body);
	free(body);
	free(text);
	return 0;
}
