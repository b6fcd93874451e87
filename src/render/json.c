/* jansson at one boundary: strings cleaned once, documents written once. */
#include "isms/json.h"
#include "isms/buf.h"

#include <string.h>

/* Length of the valid UTF-8 sequence at s, or 0 when it is invalid. */
static size_t utf8_seq(const unsigned char *s)
{
	size_t n, i;
	unsigned cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		n = 2, cp = s[0] & 0x1F;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		n = 3, cp = s[0] & 0x0F;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
	    (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
		return 0;
	return n;
}

json_t *json_text(const char *s)
{
	struct buf clean = BUF_INIT;
	const unsigned char *p = (const unsigned char *)s;
	json_t *v;

	if (!s)
		return json_null();
	v = json_string(s);
	if (v)
		return v;
	while (*p) {
		size_t n = utf8_seq(p);

		if (n) {
			buf_add(&clean, p, n);
			p += n;
		} else {
			buf_adds(&clean, "\xEF\xBF\xBD");
			p++;
		}
	}
	v = json_string(buf_cstr(&clean));
	buf_release(&clean);
	return v ? v : json_string("");
}

void json_put(json_t *obj, const char *key, json_t *v)
{
	json_object_set_new(obj, key, v ? v : json_null());
}

int json_write(FILE *out, json_t *v)
{
	int rc = json_dumpf(v, out, JSON_INDENT(2));

	json_decref(v);
	if (rc == 0)
		fputc('\n', out);
	return rc;
}
