/*
 * A synthetic ISMS repository for the benchmark, the same bytes for the
 * same arguments on every run and every machine.
 *
 *   gen [-s seed] DOCS ROWS DIR
 *
 * DIR gets isms.yaml, DOCS Markdown documents with front matter and 2-8
 * KiB bodies, an SoA of the 93 Annex A controls, a service catalogue and
 * its responsibility matrix, and ROWS register rows spread over every
 * register kind (most of them risks, assets, incidents and changes), at
 * most GEN_FILE_ROWS rows to a file.  A minimal .git folder makes DIR a
 * work tree of its own, so that the ignore rules of a repository around
 * it (this project's build/) do not apply.  Nothing depends on the
 * clock, the locale or the file system's order.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Rows in one register file, so that the largest set has several. */
#define GEN_FILE_ROWS 50000

/* Documents in one folder. */
#define GEN_DIR_DOCS 100

/* Width that paragraphs are wrapped to. */
#define GEN_WRAP 72

static uint64_t gen_state;
static const char *gen_root;

/* splitmix64: small, fast and the same everywhere. */
static uint64_t gen_next(void)
{
	uint64_t z = (gen_state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* A number in [0, n). */
static size_t gen_below(size_t n)
{
	return n ? (size_t)(gen_next() % n) : 0;
}

/* True with probability pct percent. */
static int gen_pct(unsigned pct)
{
	return gen_below(100) < pct;
}

/* Stop with a message: this is a test tool, not part of isms. */
static void gen_die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("gen: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(2);
}

/* mkdir -p for a path relative to the root. */
static void gen_mkdirs(const char *rel)
{
	char path[4096];
	size_t i, n;

	n = (size_t)snprintf(path, sizeof(path), "%s/%s", gen_root, rel);
	if (n >= sizeof(path))
		gen_die("path too long: %s", rel);
	for (i = 1; i <= n; i++) {
		if (path[i] != '/' && path[i] != '\0')
			continue;
		path[i] = '\0';
		if (mkdir(path, 0777) < 0 && errno != EEXIST)
			gen_die("cannot create '%s': %s", path,
				strerror(errno));
		path[i] = i < n ? '/' : '\0';
	}
}

/* Open rel for writing, with a large buffer. */
static FILE *gen_open(const char *rel)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", gen_root, rel);
	f = fopen(path, "w");
	if (!f)
		gen_die("cannot write '%s': %s", path, strerror(errno));
	setvbuf(f, NULL, _IOFBF, 1 << 20);
	return f;
}

/* Close f, failing loudly when a write failed. */
static void gen_close(FILE *f, const char *rel)
{
	if (ferror(f) | fclose(f))
		gen_die("write error on '%s'", rel);
}

/* Write a small file in one go. */
static void gen_file(const char *rel, const char *text)
{
	FILE *f = gen_open(rel);

	fputs(text, f);
	gen_close(f, rel);
}

/* ---- vocabulary ------------------------------------------------------ */

static const char *const words[] = {
	"access", "account", "administrator", "alert", "approval", "asset",
	"audit", "authentication", "availability", "backup", "baseline",
	"breach", "business", "capacity", "certificate", "change",
	"classification", "client", "cloud", "compliance", "configuration",
	"confidentiality", "contract", "control", "customer", "data",
	"deployment", "device", "disposal", "documented", "encryption",
	"endpoint", "environment", "escalation", "evidence", "exception",
	"firewall", "hardening", "identity", "incident", "information",
	"integrity", "inventory", "key", "laptop", "least", "log", "malware",
	"management", "monitoring", "network", "objective", "operator",
	"owner", "password", "patch", "perimeter", "personnel", "platform",
	"policy", "privileged", "procedure", "process", "record", "recovery",
	"register", "release", "remote", "request", "requirement",
	"resilience", "restore", "review", "risk", "role", "rollback",
	"schedule", "secret", "segregation", "server", "service", "session",
	"supplier", "technician", "tenant", "test", "threat", "ticket",
	"training", "update", "user", "vendor", "vulnerability", "window",
	"workstation", "the", "the", "the", "a", "a", "of", "of", "to", "to",
	"and", "and", "in", "for", "is", "are", "with", "by", "each", "every",
	"before", "after", "within", "must", "should", "is", "are", "weekly",
	"monthly", "quarterly", "on", "at", "from", "into", "only", "not",
	"café", "Zürich", "naïve", "façade", "—", "Ø", "résumé",
};
#define NWORDS (sizeof(words) / sizeof(*words))

static const char *const owners[] = {
	"CISO", "Head of Service Delivery", "IT Operations Manager",
	"SOC Manager", "Backup Service Lead", "Hosting Platform Lead",
	"Service Desk Manager", "Quality and Compliance Manager",
	"Managing Director", "Finance Director", "HR Manager",
	"Data Protection Officer",
};
#define NOWNERS (sizeof(owners) / sizeof(*owners))

static const char *const approvers[] = {"Managing Director", "CISO",
					"Operations Director"};

static const char *const services[] = {"rmm", "backup", "mdr", "hosting",
				       "servicedesk"};
#define NSERVICES 5

static const char *const customers[] = {
	"Pennine Freight Ltd", "Harbour Dental Group",
	"Calder Valley Schools Trust", "Brightwater Legal LLP",
	"Moorside Veterinary Practice", "Northgate Housing Association",
	"", "", "",
};

static const char *const tags[] = {"people", "assets", "operations",
				   "backup", "network", "identity", "cloud",
				   "suppliers", "privacy", "physical"};

static const char *const clauses[] = {
	"4.1", "4.2", "4.3", "4.4", "5.1", "5.2", "5.3", "6.1.1", "6.1.2",
	"6.1.3", "6.2", "6.3", "7.1", "7.2", "7.3", "7.4", "7.5.1", "7.5.2",
	"7.5.3", "8.1", "8.2", "8.3", "9.1", "9.2.1", "9.2.2", "9.3.1",
	"9.3.2", "9.3.3", "10.1", "10.2",
};
#define NCLAUSES (sizeof(clauses) / sizeof(*clauses))

/* Annex A: 37 organisational, 8 people, 14 physical, 34 technological. */
#define NCONTROLS 93
static char controls[NCONTROLS][16];

/* Fill controls[] with A.5.1 .. A.8.34. */
static void gen_controls(void)
{
	static const int per_theme[] = {37, 8, 14, 34};
	int t, i, k = 0;

	for (t = 0; t < 4; t++)
		for (i = 1; i <= per_theme[t]; i++)
			snprintf(controls[k++], sizeof(*controls), "A.%d.%d",
				 t + 5, i);
}

/* ---- dates ----------------------------------------------------------- */

/* Days since 1970-01-01 to a date (Howard Hinnant's civil_from_days). */
static void gen_civil(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* Day 0 of the generated calendar: 2025-01-01. */
#define GEN_EPOCH 20089L

/* Write the date day days after 2025-01-01 into out (16 bytes). */
static const char *gen_date(long day, char *out)
{
	int y, m, d;

	gen_civil(GEN_EPOCH + day, &y, &m, &d);
	snprintf(out, 16, "%04d-%02d-%02d", y, m, d);
	return out;
}

/* ---- text ------------------------------------------------------------ */

/* A sentence of lo..hi words into a string (no newline), its length. */
static size_t gen_sentence(char *out, size_t cap, size_t lo, size_t hi)
{
	size_t n = lo + gen_below(hi - lo + 1), i, len = 0;

	for (i = 0; i < n && len + 32 < cap; i++) {
		const char *w = words[gen_below(NWORDS)];

		len += (size_t)snprintf(out + len, cap - len, "%s%s",
					i ? " " : "", w);
		if (i && i + 1 < n && gen_pct(6))
			out[len++] = ',';
	}
	if (out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 'a' + 'A');
	out[len] = '\0';
	return len;
}

/* State of a document's body: its controls, for mentions. */
struct gen_doc {
	const char *id;
	const char *type;
	const char *title;
	int ctl[12];
	int nctl;
	int extra;		/* a control named in the text only */
	size_t bytes;		/* body bytes written */
};

/* A sentence that names one of the document's controls, or a clause. */
static size_t gen_mention(struct gen_doc *d, char *out, size_t cap)
{
	int which = d->nctl ? d->ctl[gen_below((size_t)d->nctl)] : -1;

	if (d->extra >= 0 && gen_pct(30)) {
		which = d->extra;
		d->extra = -1;
	}
	if (which < 0)
		return (size_t)snprintf(out, cap,
					"See clause %s for the evidence kept.",
					clauses[gen_below(NCLAUSES)]);
	switch (gen_below(4)) {
	case 0:
		return (size_t)snprintf(out, cap,
					"This section implements %s for every "
					"customer tenant.",
					controls[which]);
	case 1:
		return (size_t)snprintf(out, cap,
					"See clause %s and control %s for the "
					"evidence kept.",
					clauses[gen_below(NCLAUSES)],
					controls[which]);
	case 2:
		return (size_t)snprintf(out, cap,
					"Auditors sample the records that "
					"show %s (%s) in use.",
					controls[which], d->id);
	default:
		return (size_t)snprintf(out, cap,
					"The owner confirms %s each quarter.",
					controls[which]);
	}
}

/* A paragraph wrapped at GEN_WRAP columns. */
static void gen_paragraph(FILE *f, struct gen_doc *d)
{
	size_t n = 2 + gen_below(5), i, col = 0, len, k;
	char s[512];

	for (i = 0; i < n; i++) {
		if (gen_pct(15)) {
			len = gen_mention(d, s, sizeof(s));
		} else {
			len = gen_sentence(s, sizeof(s) - 1, 6, 18);
			s[len++] = '.';
			s[len] = '\0';
		}
		/* Wrap at spaces, counting bytes: close enough. */
		for (k = 0; k < len;) {
			size_t w = strcspn(s + k, " ");

			if (col && col + 1 + w > GEN_WRAP) {
				fputc('\n', f);
				d->bytes++;
				col = 0;
			} else if (col) {
				fputc(' ', f);
				d->bytes++;
				col++;
			}
			fwrite(s + k, 1, w, f);
			d->bytes += w;
			col += w;
			k += w + (s[k + w] == ' ');
		}
	}
	fputs("\n\n", f);
	d->bytes += 2;
}

/* A bullet or numbered list. */
static void gen_list(FILE *f, struct gen_doc *d)
{
	size_t n = 3 + gen_below(5), i;
	int numbered = gen_pct(30);
	char s[256];

	for (i = 0; i < n; i++) {
		gen_sentence(s, sizeof(s), 4, 10);
		if (numbered)
			d->bytes += (size_t)fprintf(f, "%zu. %s\n", i + 1, s);
		else
			d->bytes += (size_t)fprintf(f, "- %s\n", s);
	}
	fputc('\n', f);
	d->bytes++;
}

/* A fenced code block; its ids are not mentions. */
static void gen_code(FILE *f, struct gen_doc *d)
{
	d->bytes += (size_t)fprintf(
		f,
		"```sh\n# %s: check the baseline (A.8.9)\n"
		"rmm-cli policy apply --tenant \"$TENANT\" --ring pilot\n"
		"rmm-cli report --since 7d --format csv > evidence.csv\n"
		"```\n\n",
		d->id);
}

/* The document control table found at the end of many policies. */
static void gen_doc_control(FILE *f, struct gen_doc *d)
{
	size_t n = 1 + gen_below(4), i;
	char date[16];

	d->bytes += (size_t)fprintf(f, "## Document control\n\n"
				       "| Version | Date | Author | Change "
				       "|\n|---|---|---|---|\n");
	for (i = 0; i < n; i++)
		d->bytes += (size_t)fprintf(
			f, "| 1.%zu | %s | %s | %s |\n", i,
			gen_date((long)(i * 90 + gen_below(60)), date),
			owners[gen_below(NOWNERS)],
			i ? "Reviewed, wording updated" : "First issue");
	fputc('\n', f);
	d->bytes++;
}

/* The section that tags the document's controls at source. */
static void gen_mapping(FILE *f, struct gen_doc *d)
{
	int i;

	d->bytes += (size_t)fprintf(f, "## ISO 27001 mapping\n\n");
	for (i = 0; i < d->nctl; i++)
		d->bytes += (size_t)fprintf(f, "- **%s**: see above.\n",
					    controls[d->ctl[i]]);
	fputc('\n', f);
	d->bytes++;
}

/* A body of about target bytes. */
static void gen_body(FILE *f, struct gen_doc *d, size_t target)
{
	char s[256];

	d->bytes = (size_t)fprintf(f, "\n# %s\n\n", d->title);
	while (d->bytes < target) {
		gen_sentence(s, 48, 2, 5);
		d->bytes += (size_t)fprintf(f, "## %s\n\n", s);
		gen_paragraph(f, d);
		if (gen_pct(50))
			gen_list(f, d);
		if (gen_pct(8))
			gen_code(f, d);
		if (gen_pct(50))
			gen_paragraph(f, d);
	}
	if (gen_pct(60))
		gen_mapping(f, d);
	if (gen_pct(40))
		gen_doc_control(f, d);
}

/* ---- documents ------------------------------------------------------- */

/* A kind of document: its type, id prefix and folder. */
struct gen_kind {
	const char *type;
	const char *prefix;
	const char *dir;
	const char *noun;
	unsigned weight;	/* percent of the documents after the spine */
};

static const struct gen_kind kinds[] = {
	{"policy", "POL", "policies", "Policy", 15},
	{"standard", "STD", "standards", "Standard", 10},
	{"procedure", "PRC", "procedures", "Procedure", 35},
	{"record", "REC", "records", "Record", 20},
	{"report", "RPT", "reports", "Report", 5},
	{"minutes", "MIN", "minutes", "Minutes", 5},
	{"plan", "PLN", "plans", "Plan", 5},
	{"agreement", "AGR", "agreements", "Agreement", 5},
};
#define NKINDS (sizeof(kinds) / sizeof(*kinds))

/*
 * The Stage 1 spine and the clauses that need documented information,
 * first, so that a repository of any size is a plausible one.
 */
static const struct {
	int kind;
	const char *title;
	const char *clauses;
	const char *controls;
} spine[] = {
	{7, "ISMS Scope", "[4.1, 4.2, 4.3]", "[A.5.31]"},
	{0, "Information Security Policy", "[5.1, 5.2, 5.3]",
	 "[A.5.1, A.5.2, A.5.4]"},
	{6, "Risk Assessment Methodology", "[6.1.1, 6.1.2]", "[A.5.7]"},
	{6, "Risk Treatment Plan", "[6.1.3, 8.3]", "[A.5.8]"},
	{6, "Information Security Objectives", "[6.2, 6.3, 9.1]",
	 "[A.5.36]"},
	{3, "Competence and Awareness Record", "[7.1, 7.2, 7.3, 7.4]",
	 "[A.6.3]"},
	{1, "Document Control Standard", "[7.5.1, 7.5.2, 7.5.3]",
	 "[A.5.37]"},
	{1, "Operational Planning Standard", "[4.4, 8.1]", "[A.5.10]"},
	{6, "Internal Audit Programme", "[9.2.1, 9.2.2]", "[A.5.35]"},
	{6, "Management Review Plan", "[9.3.1, 9.3.2]", "[A.5.4]"},
	{4, "Internal Audit Report", "[9.2.2]", "[A.5.35]"},
	{5, "Management Review Minutes", "[9.3.3]", "[A.5.4]"},
	{3, "Corrective Action Record", "[10.1, 10.2]", "[A.5.27]"},
	{2, "Access Control Procedure", "[8.1]", "[A.5.15, A.5.18]"},
	{2, "Change Management Procedure", "[8.1]", "[A.8.32]"},
	{2, "Backup Procedure", "[8.1]", "[A.8.13]"},
	{2, "Incident Management Procedure", "[8.1]",
	 "[A.5.24, A.5.26]"},
	{2, "Supplier Management Procedure", "[8.1]", "[A.5.19, A.5.21]"},
};
#define NSPINE (sizeof(spine) / sizeof(*spine))

/* Pick a kind by weight. */
static int gen_pick_kind(void)
{
	size_t r = gen_below(100), i, acc = 0;

	for (i = 0; i < NKINDS; i++) {
		acc += kinds[i].weight;
		if (r < acc)
			return (int)i;
	}
	return 0;
}

/* Whether the SoA excludes control c (three physical controls). */
static int gen_excluded(int c)
{
	return c == 50 || c == 51 || c == 56;
}

/* Choose controls for document n: one to cover, some more at random. */
static void gen_pick_controls(struct gen_doc *d, size_t n)
{
	int want = 2 + (int)gen_below(7), i, j, c = (int)(n % NCONTROLS);

	d->nctl = 0;
	d->ctl[d->nctl++] = gen_excluded(c) ? c + 3 : c;
	for (i = 1; i < want; i++) {
		c = (int)gen_below(NCONTROLS);
		if (gen_excluded(c))
			continue;
		for (j = 0; j < d->nctl && d->ctl[j] != c; j++)
			;
		if (j == d->nctl)
			d->ctl[d->nctl++] = c;
	}
	c = (int)gen_below(NCONTROLS);
	d->extra = gen_pct(3) && !gen_excluded(c) ? c : -1;
}

/* The controls key in one of the three shapes people write. */
static void gen_controls_key(FILE *f, const struct gen_doc *d)
{
	int i, shape = (int)gen_below(10);

	if (shape < 5) {
		fputs("controls: [", f);
		for (i = 0; i < d->nctl; i++)
			fprintf(f, "%s%s", i ? ", " : "", controls[d->ctl[i]]);
		fputs("]\n", f);
	} else if (shape < 8) {
		fputs("controls:\n", f);
		for (i = 0; i < d->nctl; i++)
			fprintf(f, "  - %s\n", controls[d->ctl[i]]);
	} else {
		fputs("controls:\n", f);
		for (i = 0; i < d->nctl; i++)
			fprintf(f, "  %s: %s\n", controls[d->ctl[i]],
				i && gen_pct(30) ? "partial" : "full");
	}
}

/* Front matter keys common to every document and register. */
static void gen_common(FILE *f, const char *id, const char *title,
		       const char *type, int draftable)
{
	char d1[16], d2[16];
	long approved = (long)gen_below(300);
	int status = draftable ? (int)gen_below(100) : 0;

	fprintf(f, "---\nid: %s\ntitle: %s\ntype: %s\nowner: %s\n", id,
		title, type, owners[gen_below(NOWNERS)]);
	if (status >= 94) {
		fputs("status: draft\n", f);
		return;
	}
	if (status >= 90) {
		fputs("status: review\n", f);
		return;
	}
	/* One in a hundred is overdue for review on 2026-12-01. */
	if (draftable && gen_pct(1))
		approved -= 400;
	fprintf(f,
		"status: approved\napproved_by: %s\napproved_on: %s\n"
		"last_reviewed: %s\nreview_every: %s\nversion: \"1.%zu\"\n",
		approvers[gen_below(3)], gen_date(approved, d1),
		gen_date(approved + 330 + (long)gen_below(20), d2),
		gen_pct(80) ? "12m" : "1y", gen_below(6));
}

/* Write one document. */
static void gen_document(size_t n, size_t *per_kind)
{
	struct gen_doc d;
	char rel[512], id[32], title[160], s[64];
	int k = n < NSPINE ? spine[n].kind : gen_pick_kind();
	size_t seq = per_kind[k]++, target;
	FILE *f;

	snprintf(id, sizeof(id), "%s-%05zu", kinds[k].prefix, seq + 1);
	if (n < NSPINE) {
		snprintf(title, sizeof(title), "%s", spine[n].title);
	} else {
		gen_sentence(s, sizeof(s), 2, 4);
		snprintf(title, sizeof(title), "%s %s %zu", s,
			 kinds[k].noun, seq + 1);
	}
	snprintf(rel, sizeof(rel), "%s/%03zu", kinds[k].dir,
		 seq / GEN_DIR_DOCS);
	gen_mkdirs(rel);
	snprintf(rel, sizeof(rel), "%s/%03zu/%s.md", kinds[k].dir,
		 seq / GEN_DIR_DOCS, id);

	d.id = id;
	d.type = kinds[k].type;
	d.title = title;
	gen_pick_controls(&d, n);
	f = gen_open(rel);
	gen_common(f, id, title, kinds[k].type, n >= NSPINE);
	fprintf(f, "maturity: %d\n", 2);
	if (n < NSPINE) {
		fprintf(f, "clauses: %s\ncontrols: %s\n", spine[n].clauses,
			spine[n].controls);
		d.nctl = 0;
	} else {
		if (gen_pct(20))
			fprintf(f, "clauses: [%s]\n",
				clauses[gen_below(NCLAUSES)]);
		gen_controls_key(f, &d);
	}
	fprintf(f, "tags: [%s, %s]\n---\n", tags[gen_below(10)],
		tags[gen_below(10)]);
	target = 2048 + gen_below(6 * 1024);
	gen_body(f, &d, target);
	gen_close(f, rel);
}

/* ---- registers ------------------------------------------------------- */

/* The register kinds, in the order of registers[] below. */
enum { G_ASSET, G_RISK, G_INCIDENT, G_CHANGE, G_NC, G_SUPPLIER, G_MAPPING,
       G_KINDS };

/* How many rows of each register kind. */
struct gen_counts {
	size_t n[G_KINDS];
};

/* A text cell: a sentence, quoted when it needs to be. */
static void gen_text_cell(FILE *f, size_t lo, size_t hi)
{
	char s[512];
	size_t i, len = gen_sentence(s, sizeof(s) - 64, lo, hi);
	int nl = gen_pct(1) && gen_pct(10), quote = gen_pct(1);

	if (quote)
		len += (size_t)snprintf(s + len, sizeof(s) - len,
					" (\"%s\")", words[gen_below(NWORDS)]);
	if (nl)
		len += (size_t)snprintf(s + len, sizeof(s) - len,
					"\nsecond line");
	if (!strpbrk(s, ",\"\n")) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (i = 0; i < len; i++) {
		if (s[i] == '"')
			fputc('"', f);
		fputc(s[i], f);
	}
	fputc('"', f);
}

/* A list cell of up to max references "PREFIX-%06zu" below n. */
static void gen_refs(FILE *f, const char *prefix, int width, size_t n,
		     size_t max)
{
	size_t k = gen_below(max + 1), i;

	for (i = 0; i < k && n; i++)
		fprintf(f, "%s%s-%0*zu", i ? ";" : "", prefix, width,
			1 + gen_below(n));
}

/* A list cell of up to max Annex A controls. */
static void gen_control_refs(FILE *f, size_t max)
{
	size_t k = 1 + gen_below(max), i;

	for (i = 0; i < k; i++)
		fprintf(f, "%s%s", i ? ";" : "",
			controls[gen_below(NCONTROLS)]);
}

/* A list cell of one or two services. */
static void gen_service_refs(FILE *f)
{
	size_t a = gen_below(NSERVICES), b = gen_below(NSERVICES);

	fputs(services[a], f);
	if (b != a && gen_pct(40))
		fprintf(f, ";%s", services[b]);
}

/* One risk row (id is 1-based). */
static void gen_risk(FILE *f, size_t id, const struct gen_counts *c)
{
	char d1[16], d2[16], d3[16];
	int treated = gen_pct(60);

	fprintf(f, "R-%06zu,", id);
	gen_text_cell(f, 8, 20);
	fprintf(f, ",%s,%zu,%zu,mitigate,%s,%s,", owners[gen_below(NOWNERS)],
		1 + gen_below(5), 1 + gen_below(5),
		treated ? "treated" : "open",
		gen_date(700 + (long)gen_below(300), d1));
	gen_control_refs(f, 5);
	fputc(',', f);
	gen_refs(f, "AST", 6, c->n[G_ASSET], 3);
	fputc(',', f);
	gen_service_refs(f);
	if (treated)
		fprintf(f, ",%zu,%zu,%s,%s,%s\n", 1 + gen_below(2),
			1 + gen_below(3), approvers[gen_below(3)],
			gen_date(600 + (long)gen_below(60), d2),
			gen_date(600 + (long)gen_below(60), d3));
	else
		fprintf(f, ",,,,,%s\n",
			gen_date(700 + (long)gen_below(200), d3));
}

/* One asset row. */
static void gen_asset(FILE *f, size_t id, const struct gen_counts *c)
{
	static const char *const classes[] = {"public", "internal",
					      "confidential", "restricted"};
	static const char *const types[] = {"laptop", "server", "saas",
					    "network", "software",
					    "cloud storage"};

	(void)c;
	fprintf(f, "AST-%06zu,", id);
	gen_text_cell(f, 3, 8);
	fprintf(f, ",%s,%s,%s,\"Manchester DC%zu, rack %zu\",",
		owners[gen_below(NOWNERS)], classes[gen_below(4)],
		types[gen_below(6)], 1 + gen_below(3), 1 + gen_below(40));
	gen_service_refs(f);
	fprintf(f, ",%s\n", customers[gen_below(9)]);
}

/* One incident row; CRLF line ends, as spreadsheets write them. */
static void gen_incident(FILE *f, size_t id, const struct gen_counts *c)
{
	static const char *const sev[] = {"low", "medium", "high",
					  "critical"};
	char d1[16], d2[16];
	long day = (long)gen_below(700);
	int closed = gen_pct(90);
	unsigned hh = (unsigned)gen_below(24), mm = (unsigned)gen_below(60);

	fprintf(f, "INC-%06zu,", id);
	gen_text_cell(f, 6, 16);
	fprintf(f, ",%sT%02u:%02u,%sT%02u:%02u,%s,%s,%s,", gen_date(day, d1),
		hh, mm, d1, hh, mm / 2,
		closed ? gen_date(day + (long)gen_below(10), d2) : "",
		sev[gen_below(4)], closed ? "closed" : "open");
	gen_service_refs(f);
	fprintf(f, ",%s,", customers[gen_below(9)]);
	gen_control_refs(f, 3);
	fputc(',', f);
	if (gen_pct(20))
		gen_refs(f, "CHG", 6, c->n[G_CHANGE], 1);
	fputs("\r\n", f);
}

/* One change row. */
static void gen_change(FILE *f, size_t id, const struct gen_counts *c)
{
	static const char *const results[] = {"success", "success",
					      "success", "failed",
					      "rolled-back"};
	char d1[16], d2[16];
	long day = (long)gen_below(700);

	fprintf(f, "CHG-%06zu,", id);
	gen_text_cell(f, 6, 16);
	fprintf(f, ",%s,closed,CAB,%s,%s,", gen_date(day, d1),
		gen_date(day + 1 + (long)gen_below(20), d2),
		results[gen_below(5)]);
	gen_service_refs(f);
	fputc(',', f);
	gen_refs(f, "R", 6, c->n[G_RISK], 1);
	fputc('\n', f);
}

/* One nonconformity row. */
static void gen_nc(FILE *f, size_t id, const struct gen_counts *c)
{
	static const char *const src[] = {"internal-audit", "external-audit",
					  "incident", "review", "other"};
	char d1[16], d2[16], d3[16];
	long day = (long)gen_below(600);

	(void)c;
	fprintf(f, "NC-%06zu,", id);
	gen_text_cell(f, 6, 14);
	fprintf(f, ",%s,%s,%s,closed,", src[gen_below(5)], gen_date(day, d1),
		owners[gen_below(NOWNERS)]);
	gen_text_cell(f, 6, 14);
	fputc(',', f);
	gen_text_cell(f, 6, 14);
	fprintf(f, ",%s,%s\n", gen_date(day + 60, d2),
		gen_date(day + (long)gen_below(50), d3));
}

/* One supplier row. */
static void gen_supplier(FILE *f, size_t id, const struct gen_counts *c)
{
	static const char *const crit[] = {"low", "medium", "high"};
	char d1[16], d2[16], d3[16];
	long day = 400 + (long)gen_below(300);

	(void)c;
	fprintf(f, "SUP-%06zu,", id);
	gen_text_cell(f, 2, 5);
	fprintf(f, ",%s,%s,", owners[gen_below(NOWNERS)], crit[gen_below(3)]);
	gen_service_refs(f);
	fprintf(f, ",%s,%s,", gen_date(day, d1), gen_date(day + 365, d2));
	gen_control_refs(f, 3);
	fprintf(f, ",ISO 27001 certificate,%s\n",
		gen_date(day + 500 + (long)gen_below(300), d3));
}

/* One mapping row: a control and the spine documents that carry it. */
static void gen_mapping_row(FILE *f, size_t id, const struct gen_counts *c)
{
	int k = (int)((id - 1) % NCONTROLS);

	(void)c;
	fprintf(f, "%s,PRC-%05zu,%s,full,mapped by the control owner\n",
		controls[gen_excluded(k) ? k + 3 : k], 1 + gen_below(5),
		gen_pct(50) ? "POL-00001" : "");
}

/* A register kind: header and row writer. */
struct gen_register {
	const char *kind;
	const char *name;
	const char *header;
	void (*row)(FILE *, size_t, const struct gen_counts *);
};

static const struct gen_register registers[] = {
	{"asset", "Asset Register",
	 "id,name,owner,classification,type,location,services,customer",
	 gen_asset},
	{"risk", "Risk Register",
	 "id,title,owner,likelihood,impact,treatment,status,review_date,"
	 "controls,assets,services,residual_likelihood,residual_impact,"
	 "residual_accepted_by,residual_accepted_on,due_date",
	 gen_risk},
	{"incident", "Incident Log",
	 "id,title,opened,detected,closed,severity,status,services,customer,"
	 "controls,change",
	 gen_incident},
	{"change", "Change Log",
	 "id,title,requested,status,approved_by,implemented,result,services,"
	 "risk",
	 gen_change},
	{"nonconformity", "Nonconformity Log",
	 "id,title,source,raised,owner,status,root_cause,action,due,closed",
	 gen_nc},
	{"supplier", "Supplier Register",
	 "id,name,owner,criticality,services,last_review,next_review,controls,"
	 "assurance,assurance_expires",
	 gen_supplier},
	{"mapping", "Control Mapping", "control,documents,supporting,coverage,"
				       "notes",
	 gen_mapping_row},
};

/* Write the rows of one kind, GEN_FILE_ROWS to a file. */
static void gen_register_files(const struct gen_register *g, size_t rows,
			       const struct gen_counts *c)
{
	size_t file, first, i;
	char rel[256], id[64], title[128];
	FILE *f;

	snprintf(rel, sizeof(rel), "registers/%s", g->kind);
	gen_mkdirs(rel);
	for (file = 0, first = 0; first < rows; file++) {
		size_t n = rows - first < GEN_FILE_ROWS ? rows - first
							  : GEN_FILE_ROWS;

		snprintf(rel, sizeof(rel), "registers/%s/%s-%02zu.csv",
			 g->kind, g->kind, file + 1);
		snprintf(id, sizeof(id), "REG-%.3s-%02zu", g->kind, file + 1);
		snprintf(title, sizeof(title), "%s, part %zu", g->name,
			 file + 1);
		f = gen_open(rel);
		gen_common(f, id, title, "register", 0);
		fprintf(f, "register: %s\n---\n%s\n", g->kind, g->header);
		for (i = 0; i < n; i++)
			g->row(f, first + i + 1, c);
		gen_close(f, rel);
		first += n;
	}
}

/* Share rows out: the bulk to four kinds, a little to the rest. */
static void gen_count(struct gen_counts *c, size_t rows)
{
	c->n[G_NC] = rows / 50 + 5;
	c->n[G_SUPPLIER] = rows / 100 + 5;
	c->n[G_MAPPING] = rows / 100 + 5;
	rows -= rows > c->n[G_NC] + c->n[G_SUPPLIER] + c->n[G_MAPPING]
			? c->n[G_NC] + c->n[G_SUPPLIER] + c->n[G_MAPPING]
			: rows;
	c->n[G_ASSET] = rows * 30 / 100 + 5;
	c->n[G_RISK] = rows * 30 / 100 + 5;
	c->n[G_INCIDENT] = rows * 20 / 100 + 5;
	c->n[G_CHANGE] = rows - rows * 80 / 100 + 5;
}

/* ---- the SoA, services, configuration -------------------------------- */

/* The SoA: every control once; three excluded with a reason. */
static void gen_soa(void)
{
	FILE *f = gen_open("soa.csv");
	int i;

	gen_common(f, "SOA-001", "Statement of Applicability", "soa", 0);
	fputs("---\ncontrol,applicable,justification,status,documents\n", f);
	for (i = 0; i < NCONTROLS; i++) {
		int out = gen_excluded(i);

		fprintf(f, "%s,%s,", controls[i], out ? "no" : "yes");
		gen_text_cell(f, 6, 14);
		fprintf(f, ",%s,%s\n", out ? "not-implemented" : "implemented",
			out ? "" : "POL-00001");
	}
	gen_close(f, "soa.csv");
}

/* The service catalogue and the responsibility matrix. */
static void gen_services(void)
{
	static const char *const areas[] = {"patching", "monitoring",
					    "identity", "backup",
					    "notification"};
	static const char *const who[] = {"msp", "customer", "shared"};
	FILE *f;
	int i, j;

	gen_mkdirs("services");
	f = gen_open("services/catalogue.csv");
	gen_common(f, "SVC-001", "Service Catalogue", "services", 0);
	fputs("---\nid,name,in_scope,description,tenancy\n", f);
	for (i = 0; i < NSERVICES; i++) {
		fprintf(f, "%s,Managed %s,yes,", services[i], services[i]);
		gen_text_cell(f, 8, 16);
		fputs(",multi\n", f);
	}
	gen_close(f, "services/catalogue.csv");

	f = gen_open("services/responsibilities.csv");
	gen_common(f, "SVC-002", "Customer Responsibility Matrix",
		   "responsibilities", 0);
	fputs("---\nservice,area,owner,notes\n", f);
	for (i = 0; i < NSERVICES; i++)
		for (j = 0; j < 5; j++)
			fprintf(f, "%s,%s,%s,agreed in the contract\n",
				services[i], areas[j], who[gen_below(3)]);
	gen_close(f, "services/responsibilities.csv");
}

/* The configuration and a minimal git folder. */
static void gen_config(void)
{
	gen_file("isms.yaml", "# A synthetic repository for `make bench`.\n"
			      "organisation: Bench Managed Services\n"
			      "standard: iso27001:2022\nstage: 1\n"
			      "mapping_heading: \"ISO 27001 mapping\"\n");
	gen_mkdirs(".git/objects");
	gen_mkdirs(".git/refs/heads");
	gen_file(".git/HEAD", "ref: refs/heads/main\n");
	gen_file(".git/config", "[core]\n\trepositoryformatversion = 0\n"
				"\tbare = false\n");
}

/* Parse a count; stop on anything else. */
static size_t gen_number(const char *s)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s || *end)
		gen_die("not a number: '%s'", s);
	return (size_t)v;
}

int main(int argc, char **argv)
{
	struct gen_counts c;
	size_t per_kind[NKINDS] = {0}, i, docs, rows;
	uint64_t seed = 1;

	if (argc == 6 && !strcmp(argv[1], "-s")) {
		seed = gen_number(argv[2]);
		argv += 2;
		argc -= 2;
	}
	if (argc != 4)
		gen_die("usage: gen [-s seed] DOCS ROWS DIR");
	docs = gen_number(argv[1]);
	rows = gen_number(argv[2]);
	gen_root = argv[3];
	if (docs < NSPINE)
		gen_die("at least %zu documents", NSPINE);
	gen_state = seed;
	gen_controls();
	gen_mkdirs("");
	gen_config();
	for (i = 0; i < docs; i++)
		gen_document(i, per_kind);
	gen_soa();
	gen_services();
	gen_count(&c, rows);
	for (i = 0; i < G_KINDS; i++)
		gen_register_files(&registers[i], c.n[i], &c);
	return 0;
}
