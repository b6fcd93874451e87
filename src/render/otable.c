/* Output tables in text, Markdown and CSV. */
#include "isms/otable.h"
#include "isms/alloc.h"
#include "isms/buf.h"
#include "isms/render.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

void otable_init(struct otable *t, size_t ncols, const char *const *header)
{
	memset(t, 0, sizeof(*t));
	t->ncols = ncols;
	otable_add(t, header);
}

void otable_add(struct otable *t, const char *const *cells)
{
	size_t i;

	ALLOC_GROW(t->cells, (t->nrows + 1) * t->ncols, t->cap);
	for (i = 0; i < t->ncols; i++)
		t->cells[t->nrows * t->ncols + i] =
		    xstrdup(cells[i] ? cells[i] : "");
	t->nrows++;
}

void otable_release(struct otable *t)
{
	size_t i;

	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	memset(t, 0, sizeof(*t));
}

/* Width of s in code points. */
static size_t text_width(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/*
 * The cells as text shows them: a cell with a control character is
 * escaped (text_escape() in render.h), so that a row is one line and no
 * escape sequence reaches the terminal; the others are shown as they are.
 */
static char **otable_shown(const struct otable *t)
{
	size_t n = t->nrows * t->ncols, i;
	char **shown = xcalloc(n ? n : 1, sizeof(*shown));
	struct buf b = BUF_INIT;

	for (i = 0; i < n; i++) {
		if (!text_has_control(t->cells[i])) {
			shown[i] = t->cells[i];
			continue;
		}
		text_escape(&b, t->cells[i]);
		shown[i] = buf_detach(&b);
	}
	return shown;
}

/* Aligned columns, two spaces apart; the last column is not padded. */
static void otable_text(FILE *out, const struct otable *t)
{
	size_t *width = xcalloc(t->ncols, sizeof(*width));
	char **shown = otable_shown(t);
	size_t r, c;

	for (r = 0; r < t->nrows; r++)
		for (c = 0; c < t->ncols; c++) {
			size_t w = text_width(shown[r * t->ncols + c]);

			if (w > width[c])
				width[c] = w;
		}
	for (r = 0; r < t->nrows; r++) {
		size_t last = t->ncols;

		/* Pad up to the last non-empty cell: no trailing blanks. */
		while (last > 1 && !*shown[r * t->ncols + last - 1])
			last--;
		for (c = 0; c < last; c++) {
			const char *s = shown[r * t->ncols + c];

			fputs(s, out);
			if (c + 1 < last)
				fprintf(out, "%*s",
					(int)(width[c] - text_width(s) + 2),
					"");
		}
		fputc('\n', out);
	}
	for (r = 0; r < t->nrows * t->ncols; r++)
		if (shown[r] != t->cells[r])
			free(shown[r]);
	free(shown);
	free(width);
}

/* A Markdown cell: pipes and backslashes escaped, newlines as <br>. */
static void markdown_cell(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '|' || *s == '\\')
			fputc('\\', out);
		if (*s == '\n')
			fputs("<br>", out);
		else if (*s != '\r')
			fputc(*s, out);
	}
}

static void otable_markdown(FILE *out, const struct otable *t)
{
	size_t r, c;

	for (r = 0; r < t->nrows; r++) {
		fputc('|', out);
		for (c = 0; c < t->ncols; c++) {
			fputc(' ', out);
			markdown_cell(out, t->cells[r * t->ncols + c]);
			fputs(" |", out);
		}
		fputc('\n', out);
		if (r == 0) {
			fputc('|', out);
			for (c = 0; c < t->ncols; c++)
				fputs(" --- |", out);
			fputc('\n', out);
		}
	}
}

static void otable_csv(FILE *out, const struct otable *t)
{
	size_t r, c;

	for (r = 0; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++) {
			const char *s = t->cells[r * t->ncols + c];

			if (c)
				fputc(',', out);
			csv_fwrite(out, s, strlen(s));
		}
		fputs("\r\n", out);
	}
}

int otable_write(FILE *out, const struct otable *t, enum format f)
{
	if (f == FORMAT_TEXT)
		otable_text(out, t);
	else if (f == FORMAT_MARKDOWN)
		otable_markdown(out, t);
	else if (f == FORMAT_CSV)
		otable_csv(out, t);
	else
		return -1;
	return 0;
}
