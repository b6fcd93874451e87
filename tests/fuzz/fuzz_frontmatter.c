/*
 * libFuzzer target for the front-matter path: the splitter, the YAML
 * mapper with a small depth limit, and the document schema.
 *
 * run: build/fuzz/fuzz_frontmatter tests/fuzz/corpus/frontmatter
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "isms/config.h"
#include "isms/document.h"
#include "isms/frontmatter.h"
#include "isms/yaml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every finding has a rule, a message, and a position from 1. */
static void fuzz_check(const struct findings *fs)
{
	size_t i;

	for (i = 0; i < fs->len; i++)
		if (!fs->items[i].rule || !fs->items[i].message ||
		    !fs->items[i].pos.line || !fs->items[i].pos.column)
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct config cfg;
	struct arena arena = ARENA_INIT;
	struct findings fs;
	struct fm_split fm;
	struct document doc;
	struct yaml_source src = {"f.md", (const char *)data, 0, 8, NULL};
	struct ynode *root;

	if (!cfg.standard)
		config_defaults(&cfg);
	findings_init(&fs, &arena);
	fm_split((const char *)data, size, &fm);
	if (fm.status == FM_OK) {
		if (fm.yaml_end > size || fm.body_start > size)
			abort();
		src.len = fm.yaml_end;
		root = yaml_parse(&src, &arena, &fs);
		memset(&doc, 0, sizeof(doc));
		doc.path = "f.md";
		if (root && root->kind == YNODE_MAP)
			document_load(&doc, root, &cfg, &arena, &fs);
		fuzz_check(&fs);
	}
	findings_release(&fs);
	arena_release(&arena);
	return 0;
}
