/* The front-matter splitter: find the fenced YAML block at a file's top. */
#include "isms/frontmatter.h"

#include <stdbool.h>
#include <string.h>

/* End of the line that starts at off: the offset of its '\n', or len. */
static size_t line_end(const char *text, size_t len, size_t off)
{
	const char *nl = memchr(text + off, '\n', len - off);

	return nl ? (size_t)(nl - text) : len;
}

/*
 * True when the line [off, end) is a fence: three dashes, or three dots
 * when dots is set, then nothing but spaces, tabs and a CR.
 */
static bool is_fence(const char *text, size_t off, size_t end, bool dots)
{
	size_t i;

	if (end - off < 3)
		return false;
	if (memcmp(text + off, "---", 3) &&
	    !(dots && !memcmp(text + off, "...", 3)))
		return false;
	for (i = off + 3; i < end; i++)
		if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r')
			return false;
	return true;
}

void fm_split(const char *text, size_t len, struct fm_split *out)
{
	size_t off, end;
	unsigned line = 2;

	memset(out, 0, sizeof(*out));
	out->status = FM_NONE;
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
		out->bom = 3;
	end = line_end(text, len, out->bom);
	if (!is_fence(text, out->bom, end, false))
		return;
	off = out->block_start = end < len ? end + 1 : len;
	while (off < len) {
		end = line_end(text, len, off);
		if (is_fence(text, off, end, true)) {
			out->status = FM_OK;
			out->yaml_end = off;
			out->body_start = end < len ? end + 1 : len;
			out->body_line = line + 1;
			return;
		}
		off = end + 1;
		line++;
	}
	out->status = FM_UNCLOSED;
	out->yaml_end = len;
	out->body_start = len;
}
