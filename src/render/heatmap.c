/* The heat map of the report: inline SVG, one square per control. */
#include "isms/heatmap.h"
#include "isms/catalog.h"
#include "isms/html.h"

#include <string.h>

/* Geometry, in SVG user units. */
#define CELL   26
#define GAP    4
#define LABEL  150
#define ROW    (CELL + GAP + 14)
#define LEGEND 34

/* Fill colour and legend name of each coverage. */
static const struct {
	const char *fill, *name;
} paint[] = {
    [COVERAGE_NONE] = {"#d64545", "unmapped"},
    [COVERAGE_PARTIAL] = {"#e9a23b", "partial"},
    [COVERAGE_FULL] = {"#2e9d57", "covered"},
    [COVERAGE_EXCLUDED] = {"#b8c0c8", "excluded"},
};

/* Controls of the largest theme: the map's width in squares. */
static size_t heatmap_columns(void)
{
	size_t t, i, n, most = 0;

	for (t = 0; t < catalog_theme_count; t++) {
		for (i = n = 0; i < catalog_control_count; i++)
			n += !strcmp(catalog_controls[i].theme,
				     catalog_themes[t]);
		if (n > most)
			most = n;
	}
	return most;
}

/* One control's square with its tooltip and its number. */
static void heatmap_cell(FILE *out, const struct repo *r, size_t i, unsigned x,
			 unsigned y)
{
	const struct control_info *c = &catalog_controls[i];
	enum coverage cov = r->controls[i].coverage;

	fprintf(out, "<g><title>%s ", c->id);
	html_escape(out, c->title);
	fprintf(out,
		": %s</title><rect x=\"%u\" y=\"%u\" width=\"%d\" "
		"height=\"%d\" rx=\"3\" fill=\"%s\"/>"
		"<text x=\"%u\" y=\"%u\" font-size=\"10\" "
		"text-anchor=\"middle\" fill=\"#fff\">%u</text></g>\n",
		paint[cov].name, x, y, CELL, CELL, paint[cov].fill,
		x + CELL / 2, y + CELL / 2 + 4, c->minor);
}

/* One theme's row: its label and its controls. */
static void heatmap_row(FILE *out, const struct repo *r, size_t t, unsigned y)
{
	unsigned x = LABEL;
	size_t i;

	fprintf(out, "<text x=\"0\" y=\"%u\" font-size=\"13\">", y + 18);
	html_escape(out, catalog_themes[t]);
	fprintf(out, " (A.%u)</text>\n", (unsigned)(t + 5));
	for (i = 0; i < catalog_control_count; i++) {
		if (strcmp(catalog_controls[i].theme, catalog_themes[t]))
			continue;
		heatmap_cell(out, r, i, x, y);
		x += CELL + GAP;
	}
}

/* The legend under the rows. */
static void heatmap_legend(FILE *out, unsigned y)
{
	unsigned x = LABEL;
	size_t k;

	for (k = 0; k < sizeof(paint) / sizeof(*paint); k++) {
		static const int order[] = {COVERAGE_FULL, COVERAGE_PARTIAL,
					    COVERAGE_NONE, COVERAGE_EXCLUDED};
		int c = order[k];

		fprintf(out,
			"<rect x=\"%u\" y=\"%u\" width=\"14\" height=\"14\" "
			"rx=\"2\" fill=\"%s\"/><text x=\"%u\" y=\"%u\" "
			"font-size=\"12\">%s</text>\n",
			x, y, paint[c].fill, x + 20, y + 12, paint[c].name);
		x += 120;
	}
}

void heatmap_svg(FILE *out, const struct repo *r)
{
	unsigned width = LABEL + (unsigned)heatmap_columns() * (CELL + GAP);
	unsigned height = (unsigned)catalog_theme_count * ROW + LEGEND;
	size_t t;

	fprintf(out,
		"<svg class=\"heatmap\" xmlns=\"http://www.w3.org/2000/svg\" "
		"viewBox=\"0 0 %u %u\" width=\"100%%\" role=\"img\" "
		"aria-label=\"Annex A controls by theme, coloured by "
		"coverage\" font-family=\"system-ui,sans-serif\">\n",
		width, height);
	for (t = 0; t < catalog_theme_count; t++)
		heatmap_row(out, r, t, (unsigned)t * ROW);
	heatmap_legend(out, (unsigned)catalog_theme_count * ROW + 8);
	fputs("</svg>\n", out);
}
