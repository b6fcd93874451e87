/* HTML pages: escaping once, one stylesheet, tables. */
#include "isms/html.h"

#include <string.h>

/* Length of the valid UTF-8 sequence at s, or 0 when invalid. */
static size_t html_utf8(const unsigned char *s)
{
	size_t n, i;

	if (s[0] < 0x80)
		return 1;
	n = s[0] >= 0xF0 && s[0] <= 0xF4   ? 4
	    : s[0] >= 0xE0		   ? 3
	    : s[0] >= 0xC2 && s[0] <= 0xDF ? 2
					   : 0;
	for (i = 1; i < n; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	return n;
}

void html_escape(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");

	while (*p) {
		size_t n = html_utf8(p);

		switch (*p) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&#39;", out); break;
		default:
			if (n)
				fwrite(p, 1, n, out);
			else
				fputs("\xEF\xBF\xBD", out);
		}
		p += n ? n : 1;
	}
}

/* The stylesheet: readable on screen, A4 in print, no external assets. */
static const char html_css[] =
    "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;"
    "color:#1d2733;margin:2em auto;max-width:1200px;padding:0 1em}"
    "h1{font-size:1.6em;margin:.2em 0}h2{font-size:1.25em;margin-top:1.6em;"
    "border-bottom:1px solid #d5dbe1}"
    "table{border-collapse:collapse;width:100%;margin:.6em 0;"
    "font-size:.9em}"
    "th,td{border:1px solid #d5dbe1;padding:.25em .5em;text-align:left;"
    "vertical-align:top}th{background:#eef2f6}"
    "caption{text-align:left;font-weight:600;padding:.3em 0}"
    ".muted{color:#5b6773}.ok{color:#1e7b34}.bad{color:#b3261e}"
    "@page{size:A4;margin:14mm}"
    "@media print{body{margin:0;max-width:none;font-size:10pt}"
    "h2{break-after:avoid}tr,svg{break-inside:avoid}"
    "thead{display:table-header-group}}";

void html_begin(FILE *out, const char *title)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	      "<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width\">\n"
	      "<title>",
	      out);
	html_escape(out, title);
	fprintf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n",
		html_css);
}

void html_end(FILE *out)
{
	fputs("</body>\n</html>\n", out);
}

void html_table(FILE *out, const struct otable *t, const char *caption)
{
	size_t r, c;

	fputs("<table>\n", out);
	if (caption) {
		fputs("<caption>", out);
		html_escape(out, caption);
		fputs("</caption>\n", out);
	}
	for (r = 0; r < t->nrows; r++) {
		fputs(r == 0 ? "<thead><tr>" : "<tr>", out);
		for (c = 0; c < t->ncols; c++) {
			fputs(r == 0 ? "<th>" : "<td>", out);
			html_escape(out, t->cells[r * t->ncols + c]);
			fputs(r == 0 ? "</th>" : "</td>", out);
		}
		fputs(r == 0 ? "</tr></thead>\n<tbody>\n" : "</tr>\n", out);
	}
	fputs(t->nrows ? "</tbody>\n</table>\n" : "</table>\n", out);
}
