/*
 * libFuzzer target for the isms.yaml loader: any bytes as the
 * configuration.  Every finding must have a rule, a message and, when
 * it has a line, a column.
 *
 * run: build/fuzz/fuzz_config tests/fuzz/corpus/config
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "isms/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena arena = ARENA_INIT;
	struct findings fs;
	struct config cfg;
	size_t i;

	findings_init(&fs, &arena);
	config_defaults(&cfg);
	cfg.limits.yaml_depth = 8;
	config_parse(&cfg, "isms.yaml", (const char *)data, size, &arena, &fs);
	for (i = 0; i < fs.len; i++)
		if (!fs.items[i].rule || !fs.items[i].message ||
		    (fs.items[i].pos.line && !fs.items[i].pos.column))
			abort();
	findings_release(&fs);
	arena_release(&arena);
	return 0;
}
