/* User text on one line of text output: control characters escaped. */
#include "isms/render.h"
#include "isms/buf.h"

#include <stdio.h>
#include <string.h>

/* The C escape letter of control character c, or 0 for an octal one. */
static char text_letter(unsigned char c)
{
	static const char letters[] = "\a\b\t\n\v\f\r";
	const char *p = c ? strchr(letters, c) : NULL;

	return p ? "abtnvfr"[p - letters] : 0;
}

/* Whether byte c is a control character (C0 or DEL). */
static bool text_control(unsigned char c)
{
	return c < 0x20 || c == 0x7f;
}

/* Append control character c as "\n" or "\033". */
static void text_control_add(struct buf *b, unsigned char c)
{
	char letter = text_letter(c);

	if (letter)
		buf_addf(b, "\\%c", letter);
	else
		buf_addf(b, "\\%03o", c);
}

bool text_has_control(const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");

	while (*p && !text_control(*p))
		p++;
	return *p != '\0';
}

void text_escape(struct buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");

	while (*p) {
		const unsigned char *run = p;

		while (*p && !text_control(*p))
			p++;
		buf_add(b, run, (size_t)(p - run));
		if (*p)
			text_control_add(b, *p++);
	}
}

void text_path(struct buf *b, const char *path)
{
	const unsigned char *p = (const unsigned char *)(path ? path : "");
	bool quote = false;

	for (; *p && !quote; p++)
		quote = text_control(*p) || *p == '"' || *p == '\\';
	if (!quote) {
		buf_adds(b, path ? path : "");
		return;
	}
	buf_addch(b, '"');
	for (p = (const unsigned char *)path; *p; p++) {
		if (text_control(*p))
			text_control_add(b, *p);
		else {
			if (*p == '"' || *p == '\\')
				buf_addch(b, '\\');
			buf_addch(b, (char)*p);
		}
	}
	buf_addch(b, '"');
}

void text_fputs(FILE *out, const char *s)
{
	struct buf b = BUF_INIT;

	if (!text_has_control(s)) {
		fputs(s ? s : "", out);
		return;
	}
	text_escape(&b, s);
	fwrite(b.ptr, 1, b.len, out);
	buf_release(&b);
}
