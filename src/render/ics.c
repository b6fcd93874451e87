/* iCalendar content lines: TEXT escaping and folding at 75 octets. */
#include "isms/ics.h"

#include <string.h>

/* s as iCalendar TEXT. */
void ics_escape(struct buf *b, const char *s)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '\r' && s[1] == '\n')
			continue; /* the LF that follows says it */
		if (c == '\n' || c == '\r')
			buf_adds(b, "\\n");
		else if (c == '\\' || c == ';' || c == ',')
			buf_addf(b, "\\%c", c);
		else if (c >= 0x20 && c != 0x7F)
			buf_addch(b, (char)c);
		else if (c == '\t')
			buf_addch(b, '\t');
	}
}

/* How many octets of s (n long) fit in room without splitting UTF-8. */
static size_t ics_cut(const char *s, size_t n, size_t room)
{
	size_t k;

	if (n <= room)
		return n;
	k = room;
	while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
		k--;
	return k ? k : room;
}

/* One content line, folded. */
void ics_fold(struct buf *b, const char *line, size_t len)
{
	size_t room = ICS_LINE_MAX, k;

	for (;;) {
		k = ics_cut(line, len, room);
		buf_add(b, line, k);
		buf_adds(b, "\r\n");
		line += k;
		len -= k;
		if (!len)
			break;
		buf_addch(b, ' ');
		room = ICS_LINE_MAX - 1;
	}
}

/* A property with a TEXT value. */
void ics_text(struct buf *b, const char *name, const char *value)
{
	struct buf line = BUF_INIT;

	buf_addf(&line, "%s:", name);
	ics_escape(&line, value);
	ics_fold(b, line.ptr, line.len);
	buf_release(&line);
}

/* A property whose value needs no escaping. */
void ics_raw(struct buf *b, const char *name, const char *value)
{
	struct buf line = BUF_INIT;

	buf_addf(&line, "%s:%s", name, value);
	ics_fold(b, line.ptr, line.len);
	buf_release(&line);
}
