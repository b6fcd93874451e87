/* The Annex A heat map: 93 controls by theme, coloured by coverage. */
#ifndef ISMS_HEATMAP_H
#define ISMS_HEATMAP_H

#include <stdio.h>

#include "isms/repo.h"

/*
 * Write an inline SVG: one row per Annex A theme, one square per control
 * in catalog order, filled by coverage (full, partial, none, excluded),
 * each with the control's id and title as its tooltip, and a legend.
 * The SVG scales to its container (viewBox) and needs nothing external.
 */
void heatmap_svg(FILE *out, const struct repo *r);

#endif
