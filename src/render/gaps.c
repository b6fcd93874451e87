/* The improvement plan in text, Markdown, CSV and JSON. */
#include "isms/buf.h"
#include "isms/gaps.h"
#include "isms/json.h"
#include "isms/otable.h"

#include <string.h>

/* The columns of every table view; CSV puts "group" before them. */
static const char *const gap_head[] = {"group", "gap",	      "id",  "title",
				       "owner", "owner_from", "due", "detail"};

/* The cells of one gap (with its group first); due is caller storage. */
static void gap_cells(const struct gap *g, const char *row[8], char due[11])
{
	if (g->due)
		date_format(g->due, due);
	else
		due[0] = '\0';
	row[0] = gaps_group_name(g->group);
	row[1] = gap_kind_name(g->kind);
	row[2] = g->id;
	row[3] = g->title;
	row[4] = g->owner;
	row[5] = g->owner_from;
	row[6] = due;
	row[7] = g->detail;
}

/* How many gaps group holds. */
static size_t group_size(const struct gaps *gs, size_t group)
{
	size_t i, n = 0;

	for (i = 0; i < gs->len; i++)
		n += gs->items[i].group == group;
	return n;
}

/* One group's table, without the group column, in text or Markdown. */
static void group_table(FILE *out, const struct gaps *gs, size_t group,
			enum format f)
{
	struct otable t;
	const char *row[8];
	char due[11];
	size_t i;

	otable_init(&t, 7, gap_head + 1);
	for (i = 0; i < gs->len; i++) {
		if (gs->items[i].group != group)
			continue;
		gap_cells(&gs->items[i], row, due);
		otable_add(&t, row + 1);
	}
	otable_write(out, &t, f);
	otable_release(&t);
}

/* "3 gaps: 1 clause-missing, 2 control-unmapped" (kinds in order). */
static void gaps_summary(FILE *out, const struct gaps *gs)
{
	size_t count[GAP_CONTROL_PARTIAL + 1] = {0};
	size_t i;
	int k;

	for (i = 0; i < gs->len; i++)
		count[gs->items[i].kind]++;
	fprintf(out, "%zu gap%s", gs->len, gs->len == 1 ? "" : "s");
	for (k = 0, i = 0; k <= GAP_CONTROL_PARTIAL; k++)
		if (count[k])
			fprintf(out, "%s%zu %s", i++ ? ", " : ": ", count[k],
				gap_kind_name((enum gap_kind)k));
	fputc('\n', out);
}

/* A heading and a table per non-empty group, then the summary line. */
static void gaps_tables(FILE *out, const struct gaps *gs, enum format f)
{
	size_t group;

	if (!gs->len) {
		fputs(f == FORMAT_MARKDOWN ? "No gaps.\n" : "no gaps\n", out);
		return;
	}
	for (group = 0; group < gaps_group_count(); group++) {
		if (!group_size(gs, group))
			continue;
		if (f == FORMAT_MARKDOWN)
			fprintf(out, "## %s\n\n", gaps_group_name(group));
		else
			fprintf(out, "%s\n", gaps_group_name(group));
		group_table(out, gs, group, f);
		fputc('\n', out);
	}
	gaps_summary(out, gs);
}

/* Every gap under one header row, with its group. */
static int gaps_csv(FILE *out, const struct gaps *gs)
{
	struct otable t;
	const char *row[8];
	char due[11];
	size_t i;
	int rc;

	otable_init(&t, 8, gap_head);
	for (i = 0; i < gs->len; i++) {
		gap_cells(&gs->items[i], row, due);
		otable_add(&t, row);
	}
	rc = otable_write(out, &t, FORMAT_CSV);
	otable_release(&t);
	return rc;
}

/* One gap as a JSON object; owner, owner_from and due may be null. */
static json_t *gap_json(const struct gap *g)
{
	json_t *o = json_object();
	char due[11];

	json_put(o, "gap", json_text(gap_kind_name(g->kind)));
	json_put(o, "id", json_text(g->id));
	json_put(o, "title", json_text(g->title));
	json_put(o, "detail", json_text(g->detail));
	json_put(o, "owner", json_text(g->owner));
	json_put(o, "owner_from", json_text(g->owner_from));
	if (g->due)
		date_format(g->due, due);
	json_put(o, "due", g->due ? json_text(due) : NULL);
	return o;
}

/* {"groups": [{"name", "items"}], "total"}: every group, in order. */
static int gaps_json(FILE *out, const struct gaps *gs)
{
	json_t *doc = json_object(), *groups = json_array();
	size_t group, i;

	for (group = 0; group < gaps_group_count(); group++) {
		json_t *g = json_object(), *items = json_array();

		for (i = 0; i < gs->len; i++)
			if (gs->items[i].group == group)
				json_array_append_new(items,
						      gap_json(&gs->items[i]));
		json_put(g, "name", json_text(gaps_group_name(group)));
		json_put(g, "items", items);
		json_array_append_new(groups, g);
	}
	json_put(doc, "groups", groups);
	json_put(doc, "total", json_integer((json_int_t)gs->len));
	return json_write(out, doc);
}

/* Write the gaps in format f. */
int render_gaps(FILE *out, const struct gaps *gs, enum format f)
{
	if (f == FORMAT_TEXT || f == FORMAT_MARKDOWN) {
		gaps_tables(out, gs, f);
		return 0;
	}
	if (f == FORMAT_CSV)
		return gaps_csv(out, gs);
	if (f == FORMAT_JSON)
		return gaps_json(out, gs);
	return -1;
}
