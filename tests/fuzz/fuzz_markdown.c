/* libFuzzer target: md_scan over any bytes as a Markdown body. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "isms/alloc.h"
#include "isms/markdown.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Fail loudly when a mention breaks the contract of markdown.h. */
static void check_mentions(const struct md_scan *scan)
{
	size_t i;

	for (i = 0; i < scan->len; i++) {
		const struct mention *m = &scan->items[i];

		if (!m->id || !*m->id || !m->pos.line || !m->pos.column)
			abort();
		if (i && (m->pos.line < scan->items[i - 1].pos.line))
			abort();
	}
}

/* Scan the input as a body on line 1, in a copy of exactly its size. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = xmalloc(size ? size : 1);
	struct arena arena = ARENA_INIT;
	struct findings fs;
	struct md_scan scan;
	struct md_source src = {"fuzz.md", text, size, 0, 1, "mapping"};

	memcpy(text, data, size);
	findings_init(&fs, &arena);
	/* A failure comes with a finding, and only then. */
	if ((md_scan(&src, &arena, &scan, &fs) == 0) != (fs.len == 0))
		abort();
	check_mentions(&scan);
	(void)text_pos(text, size);
	md_scan_release(&scan);
	findings_release(&fs);
	arena_release(&arena);
	free(text);
	return 0;
}
