/* Finding lists: adding, merging, ordering. */
#include "isms/finding.h"
#include "isms/alloc.h"
#include "isms/rules.h"

#include <stdlib.h>
#include <string.h>

void findings_init(struct findings *fs, struct arena *arena)
{
	fs->items = NULL;
	fs->len = fs->cap = 0;
	fs->arena = arena;
}

void findings_release(struct findings *fs)
{
	free(fs->items);
	fs->items = NULL;
	fs->len = fs->cap = 0;
}

void findings_append(struct findings *dst, const struct findings *src)
{
	size_t i;

	if (!src->len)
		return;
	ALLOC_GROW(dst->items, dst->len + src->len, dst->cap);
	for (i = 0; i < src->len; i++) {
		dst->items[dst->len] = src->items[i];
		dst->items[dst->len].seq = dst->len;
		dst->len++;
	}
}

const char *findings_str(struct findings *fs, const char *value)
{
	return value ? arena_strdup(fs->arena, value) : NULL;
}

struct finding *findings_add(struct findings *fs, const char *rule,
			     const char *file, struct pos pos, const char *fmt,
			     ...)
{
	struct finding *f;
	va_list ap;

	va_start(ap, fmt);
	f = findings_vadd(fs, rule, file, pos, fmt, ap);
	va_end(ap);
	return f;
}

struct finding *findings_vadd(struct findings *fs, const char *rule,
			      const char *file, struct pos pos, const char *fmt,
			      va_list ap)
{
	const struct rule_info *info = rule_find(rule);
	struct finding *f;

	ALLOC_GROW(fs->items, fs->len + 1, fs->cap);
	f = &fs->items[fs->len++];
	memset(f, 0, sizeof(*f));
	f->rule = info ? info->id : findings_str(fs, rule);
	f->severity = info ? info->severity : SEVERITY_ERROR;
	f->file = findings_str(fs, file);
	f->pos = pos;
	f->seq = fs->len - 1;
	f->message = arena_vprintf(fs->arena, fmt, ap);
	return f;
}

/* Order two findings for output; see findings_sort(). */
static int finding_cmp(const void *pa, const void *pb)
{
	const struct finding *a = pa, *b = pb;
	int c;

	if (!a->file != !b->file)
		return a->file ? 1 : -1;
	if (a->file && (c = strcmp(a->file, b->file)))
		return c;
	if (a->pos.line != b->pos.line)
		return a->pos.line < b->pos.line ? -1 : 1;
	if (a->pos.column != b->pos.column)
		return a->pos.column < b->pos.column ? -1 : 1;
	if ((c = strcmp(a->rule, b->rule)))
		return c;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void findings_sort(struct findings *fs)
{
	if (fs->len > 1)
		qsort(fs->items, fs->len, sizeof(*fs->items), finding_cmp);
}

void findings_prune(struct findings *fs)
{
	size_t i, n = 0;

	for (i = 0; i < fs->len; i++)
		if (fs->items[i].severity != SEVERITY_OFF)
			fs->items[n++] = fs->items[i];
	fs->len = n;
}

const char *severity_name(enum severity s)
{
	switch (s) {
	case SEVERITY_ERROR: return "error";
	case SEVERITY_WARNING: return "warning";
	case SEVERITY_NOTE: return "note";
	default: return "off";
	}
}

int severity_parse(const char *name)
{
	static const char *const names[] = {"off", "note", "warning", "error"};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (!strcmp(name, names[i]))
			return (int)i;
	return -1;
}
