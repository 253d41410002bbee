/*
 * contentc.c - the native content compiler (a build-time tool).
 *
 *   sc-contentc [--version V] -o OUT.xml CONTENT_DIR
 *	compile CONTENT_DIR/benchmark.yaml, the profiles and
 *	the rules (YAML) into one XCCDF 1.2 benchmark
 *   sc-contentc --embed IN.xml -o OUT.c
 *	write IN.xml as a C byte array (the built-in content)
 *   sc-contentc --embed-table SYMBOL -o OUT.c NAME=FILE...
 *	write the files as a NULL-terminated table of struct sc_asset
 *	(util/asset.h) named SYMBOL (report stylesheets, data tables)
 *
 * One rule per YAML file, named after its id.  Every key is checked: a
 * missing or unknown key, a wrong type, an unknown profile, a duplicate id
 * or a native check that the engine would reject stops the build with
 * "FILE:LINE: message".  Native checks are validated by the same parse
 * code the scanner runs (checks/native.h), so content that compiles is
 * content the engine accepts.
 *
 * A rule's check may name shared test lists from CONTENT_DIR/checks, one
 * YAML file each ("- include: NAME"; keys id, description, tests), so a predicate used by
 * many rules (e.g. "no account can log on with a password") is written
 * once.  Included lists hold tests only: no outcome, no nested include.
 * A rule has at most one outcome.
 *
 * Output is deterministic: files are read in sorted path order; rules are
 * grouped by DISA requirement, one Group per V-id as in DISA's own XCCDF
 * (groups sorted by V number, rules by id).  Every rule names its SRG id,
 * DISA rule id (SV-...) and V-id, and they must agree.
 */
#include <dirent.h>
#include <errno.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

#include "checks/native.h"
#include "util/err.h"
#include "util/fsutil.h"
#include "util/mem.h"
#include "xccdf/benchmark.h"

#define NS_PREFIX "xccdf_org.stigcheck_"
#define MANUAL_SYSTEM "urn:stigcheck:manual"
#define CCI_SYSTEM "http://cyber.mil/cci"
#define SRG_HREF "https://public.cyber.mil/stigs/downloads/?_dl_facet_stigs=operating-systems%2Cgeneral-purpose-os"
#define STIG_HREF "https://public.cyber.mil/stigs/srg-stig-tools/"
#define NIST_HREF "https://doi.org/10.6028/NIST.SP.800-53r5"

/* ---- YAML access with file:line errors --------------------------------------- */

struct ydoc {
	char *path;
	yaml_document_t doc;
	int loaded;
};

static void
die_at(const char *path, const yaml_node_t *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4), noreturn));

static void
die_at(const char *path, const yaml_node_t *n, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s:%lu: ", path, n ? (unsigned long)n->start_mark.line + 1
	    : 1UL);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void
die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

static void
die(const char *fmt, ...)
{
	va_list ap;

	fputs("sc-contentc: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void
ydoc_load(struct ydoc *y, const char *path)
{
	yaml_parser_t p;
	FILE *f;

	memset(y, 0, sizeof(*y));
	y->path = sc_xstrdup(path);
	f = fopen(path, "rb");
	if (f == NULL)
		die("cannot read '%s': %s", path, strerror(errno));
	yaml_parser_initialize(&p);
	yaml_parser_set_input_file(&p, f);
	if (!yaml_parser_load(&p, &y->doc)) {
		fprintf(stderr, "%s:%lu: YAML error: %s\n", path,
		    (unsigned long)p.problem_mark.line + 1,
		    p.problem ? p.problem : "malformed");
		exit(1);
	}
	yaml_parser_delete(&p);
	fclose(f);
	y->loaded = 1;
	if (yaml_document_get_root_node(&y->doc) == NULL)
		die("%s: empty YAML document", path);
}

static void
ydoc_free(struct ydoc *y)
{
	if (y->loaded)
		yaml_document_delete(&y->doc);
	free(y->path);
}

static yaml_node_t *
ynode(struct ydoc *y, int idx)
{
	return yaml_document_get_node(&y->doc, idx);
}

static const char *
yscalar(struct ydoc *y, yaml_node_t *n, const char *what)
{
	if (n->type != YAML_SCALAR_NODE)
		die_at(y->path, n, "%s must be a string", what);
	return (const char *)n->data.scalar.value;
}

/* A mapping with only known keys; looks up by key. */
struct ymap {
	struct ydoc *y;
	yaml_node_t *node;
};

static struct ymap
ymap_of(struct ydoc *y, yaml_node_t *n, const char *what,
    const char *const *known)
{
	struct ymap m = { y, n };

	if (n->type != YAML_MAPPING_NODE)
		die_at(y->path, n, "%s must be a mapping", what);
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start;
	    p < n->data.mapping.pairs.top; p++) {
		yaml_node_t *k = ynode(y, p->key);
		const char *ks = yscalar(y, k, "a key");
		int ok = known == NULL;

		for (size_t i = 0; known && known[i]; i++)
			if (strcmp(known[i], ks) == 0)
				ok = 1;
		if (!ok)
			die_at(y->path, k, "unknown key '%s' in %s", ks, what);
		for (yaml_node_pair_t *q = n->data.mapping.pairs.start; q < p; q++)
			if (strcmp(ks, yscalar(y, ynode(y, q->key), "a key")) == 0)
				die_at(y->path, k, "duplicate key '%s'", ks);
	}
	return m;
}

static yaml_node_t *
ymap_get(struct ymap m, const char *key)
{
	for (yaml_node_pair_t *p = m.node->data.mapping.pairs.start;
	    p < m.node->data.mapping.pairs.top; p++)
		if (strcmp((const char *)ynode(m.y, p->key)->data.scalar.value,
		    key) == 0)
			return ynode(m.y, p->value);
	return NULL;
}

static const char *
ymap_str(struct ymap m, const char *key, int required)
{
	yaml_node_t *v = ymap_get(m, key);
	const char *s;

	if (v == NULL) {
		if (required)
			die_at(m.y->path, m.node, "missing key '%s'", key);
		return NULL;
	}
	s = yscalar(m.y, v, key);
	if (required && s[0] == '\0')
		die_at(m.y->path, v, "'%s' is empty", key);
	return s;
}

/* A list of strings (a scalar is a one-element list). */
static void
ymap_strlist(struct ymap m, const char *key, int required, struct sc_strv *out)
{
	yaml_node_t *v = ymap_get(m, key);

	if (v == NULL) {
		if (required)
			die_at(m.y->path, m.node, "missing key '%s'", key);
		return;
	}
	if (v->type == YAML_SCALAR_NODE) {
		sc_strv_push(out, (const char *)v->data.scalar.value);
		return;
	}
	if (v->type != YAML_SEQUENCE_NODE)
		die_at(m.y->path, v, "'%s' must be a list of strings", key);
	for (yaml_node_item_t *i = v->data.sequence.items.start;
	    i < v->data.sequence.items.top; i++)
		sc_strv_push(out, yscalar(m.y, ynode(m.y, *i), key));
	if (required && out->n == 0)
		die_at(m.y->path, v, "'%s' is empty", key);
}

/* ---- the model ------------------------------------------------------------------ */

struct rule {
	char *id, *path, *srg, *vuln, *title, *severity, *status;
	int line;
	struct ydoc y;
	struct ymap m;
	struct sc_strv profiles;
};

struct profile {
	char *id, *title, *description;
};

/* A shared list of tests (content/checks/NAME.yaml). */
struct snippet {
	char *id;
	struct ydoc y;
	yaml_node_t *tests;
};

static struct rule **rules;	/* pointers: a rule's ymap points into it */
static size_t n_rules, cap_rules;
static struct snippet *snippets;
static size_t n_snippets, cap_snippets;
static struct profile *profiles;
static size_t n_profiles, cap_profiles;

static const char *const rule_keys[] = {
	"id", "title", "description", "rationale", "severity", "check_text",
	"fix_text", "srg", "disa_rule", "vuln_id", "cci", "nist", "profiles",
	"status", "check", "weight", "selected", NULL,
};
static const char *const table_keys[] = { "element", "rows", NULL };
static const char *content_dir;
static const char *const profile_keys[] = { "id", "title", "description",
	NULL };
static const char *const snippet_keys[] = { "id", "description", "tests",
	NULL };
static const char *const bench_keys[] = { "id", "title", "description",
	"status", "notice", NULL };

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* All *.yaml under dir, recursively, sorted. */
static void
list_yaml(const char *dir, struct sc_strv *out)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (d == NULL) {
		if (errno == ENOENT)
			return;
		die("cannot read directory '%s': %s", dir, strerror(errno));
	}
	while ((de = readdir(d)) != NULL) {
		struct stat st;
		char *p;
		size_t len = strlen(de->d_name);

		if (de->d_name[0] == '.')
			continue;
		p = sc_xasprintf("%s/%s", dir, de->d_name);
		if (stat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
			list_yaml(p, out);
			free(p);
		} else if (len > 5 && strcmp(de->d_name + len - 5, ".yaml") == 0) {
			sc_strv_push_owned(out, p);
		} else {
			free(p);
		}
	}
	closedir(d);
	if (out->n > 1)
		qsort(out->v, out->n, sizeof(char *), cmp_str);
}

static int
valid_id(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '_'))
			return 0;
	return 1;
}

static const char *
basename_noext(const char *path, char *buf, size_t n)
{
	const char *b = strrchr(path, '/');
	size_t len;

	b = b ? b + 1 : path;
	len = strlen(b) - 5;
	if (len >= n)
		len = n - 1;
	memcpy(buf, b, len);
	buf[len] = '\0';
	return buf;
}

static void
load_profiles(const char *dir)
{
	struct sc_strv files = SC_STRV_INIT;
	char *pdir = sc_xasprintf("%s/profiles", dir);

	list_yaml(pdir, &files);
	for (size_t i = 0; i < files.n; i++) {
		struct ydoc y;
		struct ymap m;
		struct profile *p;
		char base[256];

		ydoc_load(&y, files.v[i]);
		m = ymap_of(&y, yaml_document_get_root_node(&y.doc), "a profile",
		    profile_keys);
		SC_GROW(profiles, cap_profiles, n_profiles + 1);
		p = &profiles[n_profiles++];
		p->id = sc_xstrdup(ymap_str(m, "id", 1));
		if (!valid_id(p->id))
			die_at(y.path, ymap_get(m, "id"),
			    "profile id '%s' must be lowercase letters, digits, _",
			    p->id);
		if (strcmp(p->id, basename_noext(files.v[i], base, sizeof(base))))
			die_at(y.path, ymap_get(m, "id"),
			    "profile id '%s' must match the file name", p->id);
		p->title = sc_xstrdup(ymap_str(m, "title", 1));
		p->description = sc_xstrdup(ymap_str(m, "description", 1));
		ydoc_free(&y);
	}
	sc_strv_free(&files);
	free(pdir);
}

static int
known_profile(const char *id)
{
	for (size_t i = 0; i < n_profiles; i++)
		if (strcmp(profiles[i].id, id) == 0)
			return 1;
	return 0;
}

static int
match_re(const char *s, const char *prefix, int digits_min)
{
	size_t pl = strlen(prefix);
	int d = 0;

	if (strncmp(s, prefix, pl) != 0)
		return 0;
	for (s += pl; *s >= '0' && *s <= '9'; s++)
		d++;
	return d >= digits_min && *s == '\0';
}

static int
valid_srg(const char *s)
{
	/* SRG-OS-000480-GPOS-00227 */
	return strlen(s) == 24 && strncmp(s, "SRG-OS-", 7) == 0 &&
	    strncmp(s + 13, "-GPOS-", 6) == 0;
}


static void
load_rules(const char *dir)
{
	static const char *const sev[] = { "low", "medium", "high", NULL };
	static const char *const status[] = { "automated", "notapplicable",
		"manual", NULL };
	struct sc_strv files = SC_STRV_INIT;
	char *rdir = sc_xasprintf("%s/rules", dir);

	list_yaml(rdir, &files);
	for (size_t i = 0; i < files.n; i++) {
		struct rule *r;
		struct sc_strv v = SC_STRV_INIT;
		char base[256];
		const char *s;
		int ok;

		SC_GROW(rules, cap_rules, n_rules + 1);
		r = rules[n_rules++] = sc_xcalloc(1, sizeof(*r));
		ydoc_load(&r->y, files.v[i]);
		r->path = r->y.path;
		r->m = ymap_of(&r->y, yaml_document_get_root_node(&r->y.doc),
		    "a rule", rule_keys);
		r->id = sc_xstrdup(ymap_str(r->m, "id", 1));
		if (!valid_id(r->id))
			die_at(r->path, ymap_get(r->m, "id"),
			    "rule id '%s' must be lowercase letters, digits, _",
			    r->id);
		if (strcmp(r->id, basename_noext(files.v[i], base, sizeof(base))))
			die_at(r->path, ymap_get(r->m, "id"),
			    "rule id '%s' must match the file name", r->id);
		for (size_t k = 0; k + 1 < n_rules; k++)
			if (strcmp(rules[k]->id, r->id) == 0)
				die_at(r->path, ymap_get(r->m, "id"),
				    "rule id '%s' also used by %s", r->id,
				    rules[k]->path);
		r->title = sc_xstrdup(ymap_str(r->m, "title", 1));
		ymap_str(r->m, "description", 1);
		ymap_str(r->m, "rationale", 1);
		ymap_str(r->m, "check_text", 1);
		ymap_str(r->m, "fix_text", 1);
		r->severity = sc_xstrdup(ymap_str(r->m, "severity", 1));
		for (ok = 0, s = NULL; sev[ok] && strcmp(sev[ok], r->severity); ok++)
			;
		if (sev[ok] == NULL)
			die_at(r->path, ymap_get(r->m, "severity"),
			    "severity must be low, medium or high");
		s = ymap_str(r->m, "status", 0);
		r->status = sc_xstrdup(s ? s : "automated");
		for (ok = 0; status[ok] && strcmp(status[ok], r->status); ok++)
			;
		if (status[ok] == NULL)
			die_at(r->path, ymap_get(r->m, "status"),
			    "status must be automated, notapplicable or manual");
		r->srg = sc_xstrdup(ymap_str(r->m, "srg", 1));
		if (!valid_srg(r->srg))
			die_at(r->path, ymap_get(r->m, "srg"),
			    "srg '%s' is not an SRG-OS-nnnnnn-GPOS-nnnnn id", r->srg);
		s = ymap_str(r->m, "disa_rule", 1);
		if (strncmp(s, "SV-", 3) || strstr(s, "_rule") == NULL)
			die_at(r->path, ymap_get(r->m, "disa_rule"),
			    "disa_rule '%s' is not an SV-...r..._rule id", s);
		r->vuln = sc_xstrdup(ymap_str(r->m, "vuln_id", 1));
		if (!match_re(r->vuln, "V-", 5))
			die_at(r->path, ymap_get(r->m, "vuln_id"),
			    "vuln_id '%s' is not a V-nnnnnn id", r->vuln);
		/* the SV id and the V id name the same requirement */
		if (strncmp(s + 3, r->vuln + 2, strlen(r->vuln + 2)) != 0 ||
		    s[3 + strlen(r->vuln + 2)] != 'r')
			die_at(r->path, ymap_get(r->m, "disa_rule"),
			    "disa_rule '%s' does not belong to vuln_id '%s'", s,
			    r->vuln);
		ymap_strlist(r->m, "cci", 1, &v);
		for (size_t k = 0; k < v.n; k++)
			if (!match_re(v.v[k], "CCI-", 6))
				die_at(r->path, ymap_get(r->m, "cci"),
				    "'%s' is not a CCI-nnnnnn id", v.v[k]);
		sc_strv_free(&v);
		/*
		 * Present, but may be empty: a few CCIs (e.g. CCI-002038) have
		 * no NIST SP 800-53 rev 5 mapping in DISA's CCI list.
		 */
		if (ymap_get(r->m, "nist") == NULL)
			die_at(r->path, r->m.node, "missing key 'nist'");
		ymap_strlist(r->m, "nist", 0, &v);
		sc_strv_free(&v);
		ymap_strlist(r->m, "profiles", 1, &r->profiles);
		for (size_t k = 0; k < r->profiles.n; k++)
			if (!known_profile(r->profiles.v[k]))
				die_at(r->path, ymap_get(r->m, "profiles"),
				    "unknown profile '%s'", r->profiles.v[k]);
		if (strcmp(r->status, "automated") == 0) {
			if (ymap_get(r->m, "check") == NULL)
				die_at(r->path, r->m.node,
				    "an automated rule needs 'check'");
		} else if (ymap_get(r->m, "check") != NULL) {
			die_at(r->path, ymap_get(r->m, "check"),
			    "a %s rule has no 'check'", r->status);
		}
		if ((s = ymap_str(r->m, "weight", 0)) != NULL) {
			char *end;
			double w = strtod(s, &end);
			if (*end || w < 0)
				die_at(r->path, ymap_get(r->m, "weight"),
				    "weight must be a number >= 0");
		}
		if ((s = ymap_str(r->m, "selected", 0)) != NULL &&
		    strcmp(s, "yes") != 0 && strcmp(s, "no") != 0)
			die_at(r->path, ymap_get(r->m, "selected"),
			    "selected must be yes or no");
	}
	sc_strv_free(&files);
	free(rdir);
}

/* ---- XML output ------------------------------------------------------------------ */

static xmlNsPtr xccdf_ns;

static xmlNodePtr
el(xmlNodePtr parent, const char *name, const char *text)
{
	return xmlNewTextChild(parent, xccdf_ns, (const xmlChar *)name,
	    (const xmlChar *)text);
}

static void
attr(xmlNodePtr n, const char *name, const char *v)
{
	xmlNewProp(n, (const xmlChar *)name, (const xmlChar *)v);
}

/*
 * The Benchmark's Dublin Core metadata (XCCDF 1.2 section 6.2.4 asks for
 * it): who made the content and from what.
 */
static void
add_metadata(xmlNodePtr root)
{
	xmlNodePtr md = xmlNewChild(root, xccdf_ns, (const xmlChar *)"metadata",
	    NULL);
	xmlNsPtr dc = xmlNewNs(md, (const xmlChar *)"http://purl.org/dc/elements/1.1/",
	    (const xmlChar *)"dc");

	xmlNewTextChild(md, dc, (const xmlChar *)"creator",
	    (const xmlChar *)"stigcheck");
	xmlNewTextChild(md, dc, (const xmlChar *)"publisher",
	    (const xmlChar *)"stigcheck");
	xmlNewTextChild(md, dc, (const xmlChar *)"source",
	    (const xmlChar *)"DISA General Purpose Operating System SRG");
}

/* Trim trailing newlines from YAML block scalars. */
static char *
trimmed(const char *s)
{
	size_t n = strlen(s);

	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == ' '))
		n--;
	return sc_xstrndup(s, n);
}

static void
el_text(xmlNodePtr parent, const char *name, const char *yaml_text)
{
	char *t = trimmed(yaml_text);

	el(parent, name, t);
	free(t);
}

static void yaml_to_xml(struct ydoc *y, xmlNodePtr parent, xmlNsPtr ns,
    const char *name, yaml_node_t *val);

/*
 * "table: NAME" in a check inlines the data table content/data/NAME.yaml
 * ({element: E, rows: [{...}, ...]}) as child elements <E .../>, one per
 * row, so reference data (e.g. the CMVP certificates) lives in one file and
 * travels inside the benchmark.  The check kind validates the rows.
 */
static void
add_table(struct ydoc *y, yaml_node_t *v, xmlNodePtr n, xmlNsPtr ns)
{
	const char *name = (const char *)v->data.scalar.value;
	char *path;
	struct ydoc t;
	struct ymap m;
	yaml_node_t *rows;
	const char *elem;

	if (!valid_id(name))
		die_at(y->path, v, "table '%s': a table name is lowercase "
		    "letters, digits and _", name);
	path = sc_xasprintf("%s/data/%s.yaml", content_dir, name);
	ydoc_load(&t, path);
	m = ymap_of(&t, yaml_document_get_root_node(&t.doc), "a data table",
	    table_keys);
	elem = ymap_str(m, "element", 1);
	rows = ymap_get(m, "rows");
	if (rows == NULL || rows->type != YAML_SEQUENCE_NODE ||
	    rows->data.sequence.items.start == rows->data.sequence.items.top)
		die_at(t.path, m.node, "'rows' must be a non-empty list");
	for (yaml_node_item_t *i = rows->data.sequence.items.start;
	    i < rows->data.sequence.items.top; i++) {
		yaml_node_t *row = ynode(&t, *i);

		if (row->type != YAML_MAPPING_NODE)
			die_at(t.path, row, "each row is a mapping");
		yaml_to_xml(&t, n, ns, elem, row);
	}
	ydoc_free(&t);
	free(path);
}

/* Turn one YAML check item into a native test element and validate it. */
static void
yaml_to_xml(struct ydoc *y, xmlNodePtr parent, xmlNsPtr ns, const char *name,
    yaml_node_t *val)
{
	xmlNodePtr n;

	if (val->type == YAML_SCALAR_NODE) {
		xmlNewTextChild(parent, ns, (const xmlChar *)name,
		    val->data.scalar.value);
		return;
	}
	if (val->type == YAML_SEQUENCE_NODE && strcmp(name, "any") == 0) {
		/* any: [ {kind: {...}}, {kind: {...}} ] -> <any><kind/>...</any> */
		n = xmlNewChild(parent, ns, (const xmlChar *)name, NULL);
		for (yaml_node_item_t *i = val->data.sequence.items.start;
		    i < val->data.sequence.items.top; i++) {
			yaml_node_t *item = ynode(y, *i);
			yaml_node_pair_t *p;

			if (item->type != YAML_MAPPING_NODE ||
			    item->data.mapping.pairs.top -
			    item->data.mapping.pairs.start != 1)
				die_at(y->path, item,
				    "each item of 'any' is one test: '- kind: {...}'");
			p = item->data.mapping.pairs.start;
			yaml_to_xml(y, n, ns, yscalar(y, ynode(y, p->key),
			    "a test kind"), ynode(y, p->value));
		}
		return;
	}
	if (val->type == YAML_SEQUENCE_NODE) {
		for (yaml_node_item_t *i = val->data.sequence.items.start;
		    i < val->data.sequence.items.top; i++)
			yaml_to_xml(y, parent, ns, name, ynode(y, *i));
		return;
	}
	n = xmlNewChild(parent, ns, (const xmlChar *)name, NULL);
	ymap_of(y, val, name, NULL);
	for (yaml_node_pair_t *p = val->data.mapping.pairs.start;
	    p < val->data.mapping.pairs.top; p++) {
		const char *k = yscalar(y, ynode(y, p->key), "a key");
		yaml_node_t *v = ynode(y, p->value);

		if (strcmp(k, "table") == 0 && v->type == YAML_SCALAR_NODE)
			add_table(y, v, n, ns);
		else if (v->type == YAML_SCALAR_NODE)
			xmlNewProp(n, (const xmlChar *)k, v->data.scalar.value);
		else
			yaml_to_xml(y, n, ns, k, v);
	}
}

/* The kind of a check item ("- kind: {...}"); dies unless it is one. */
static const char *
item_kind(struct ydoc *y, yaml_node_t *item)
{
	if (item->type != YAML_MAPPING_NODE ||
	    item->data.mapping.pairs.top - item->data.mapping.pairs.start != 1)
		die_at(y->path, item, "each check item is one test: '- kind: {...}'");
	return yscalar(y, ynode(y, item->data.mapping.pairs.start->key),
	    "a test kind");
}

/* Append one test item of y to cc and validate it as the engine would. */
static void
emit_test(struct ydoc *y, yaml_node_t *item, xmlNodePtr cc, xmlNsPtr ns)
{
	struct sc_err err = SC_ERR_INIT;
	const char *kind = item_kind(y, item);

	yaml_to_xml(y, cc, ns, kind,
	    ynode(y, item->data.mapping.pairs.start->value));
	if (sc_native_validate(xmlGetLastChild(cc), &err) < 0)
		die_at(y->path, item, "%s", err.msg);
}

static const struct snippet *
find_snippet(const char *id)
{
	for (size_t i = 0; i < n_snippets; i++)
		if (strcmp(snippets[i].id, id) == 0)
			return &snippets[i];
	return NULL;
}

static void
emit_check(struct rule *r, xmlNodePtr rn)
{
	yaml_node_t *list = ymap_get(r->m, "check");
	xmlNodePtr chk, cc;
	xmlNsPtr ns;
	int outcomes = 0;

	if (list->type != YAML_SEQUENCE_NODE || list->data.sequence.items.start ==
	    list->data.sequence.items.top)
		die_at(r->path, list, "'check' must be a non-empty list of tests");
	chk = xmlNewChild(rn, xccdf_ns, (const xmlChar *)"check", NULL);
	attr(chk, "system", SC_NATIVE_SYSTEM);
	cc = xmlNewChild(chk, xccdf_ns, (const xmlChar *)"check-content", NULL);
	ns = xmlNewNs(cc, (const xmlChar *)SC_NATIVE_NS, (const xmlChar *)"sc");
	for (yaml_node_item_t *i = list->data.sequence.items.start;
	    i < list->data.sequence.items.top; i++) {
		yaml_node_t *item = ynode(&r->y, *i);
		const char *kind = item_kind(&r->y, item);
		const struct snippet *sn;
		yaml_node_t *v;

		if (strcmp(kind, "outcome") == 0 && ++outcomes > 1)
			die_at(r->path, item, "a rule has at most one outcome");
		if (strcmp(kind, "include") != 0) {
			emit_test(&r->y, item, cc, ns);
			continue;
		}
		v = ynode(&r->y, item->data.mapping.pairs.start->value);
		if ((sn = find_snippet(yscalar(&r->y, v, "include"))) == NULL)
			die_at(r->path, v, "include '%s': no checks/%s.yaml",
			    (const char *)v->data.scalar.value,
			    (const char *)v->data.scalar.value);
		for (yaml_node_item_t *k = sn->tests->data.sequence.items.start;
		    k < sn->tests->data.sequence.items.top; k++)
			emit_test((struct ydoc *)&sn->y, ynode((struct ydoc *)&sn->y,
			    *k), cc, ns);
	}
}


static void
emit_rule(struct rule *r, xmlNodePtr gn)
{
	xmlNodePtr rn = xmlNewChild(gn, xccdf_ns, (const xmlChar *)"Rule", NULL);
	struct sc_strv v = SC_STRV_INIT;
	xmlNodePtr x, chk;
	char *id = sc_xasprintf(NS_PREFIX "rule_%s", r->id);
	const char *s;

	attr(rn, "id", id);
	s = ymap_str(r->m, "selected", 0);
	attr(rn, "selected", s && strcmp(s, "no") == 0 ? "false" : "true");
	attr(rn, "severity", r->severity);
	s = ymap_str(r->m, "weight", 0);
	attr(rn, "weight", s ? s : "10.0");
	el(rn, "version", r->srg);
	el_text(rn, "title", r->title);
	el_text(rn, "description", ymap_str(r->m, "description", 1));
	x = el(rn, "reference", r->srg);
	attr(x, "href", SRG_HREF);
	x = el(rn, "reference", ymap_str(r->m, "disa_rule", 1));
	attr(x, "href", STIG_HREF);
	x = el(rn, "reference", r->vuln);
	attr(x, "href", STIG_HREF);
	ymap_strlist(r->m, "nist", 0, &v);
	for (size_t k = 0; k < v.n; k++) {
		x = el(rn, "reference", v.v[k]);
		attr(x, "href", NIST_HREF);
	}
	sc_strv_free(&v);
	el_text(rn, "rationale", ymap_str(r->m, "rationale", 1));
	if (strcmp(r->status, "notapplicable") == 0) {
		x = xmlNewChild(rn, xccdf_ns, (const xmlChar *)"platform", NULL);
		attr(x, "idref", SC_CPE_NOTAPPLICABLE);
	}
	ymap_strlist(r->m, "cci", 1, &v);
	for (size_t k = 0; k < v.n; k++) {
		x = el(rn, "ident", v.v[k]);
		attr(x, "system", CCI_SYSTEM);
	}
	sc_strv_free(&v);
	el_text(rn, "fixtext", ymap_str(r->m, "fix_text", 1));
	if (strcmp(r->status, "automated") == 0)
		emit_check(r, rn);
	/* the check text, for people and assessors' tools */
	chk = xmlNewChild(rn, xccdf_ns, (const xmlChar *)"check", NULL);
	attr(chk, "system", MANUAL_SYSTEM);
	el_text(chk, "check-content", ymap_str(r->m, "check_text", 1));
	free(id);
}

/* By DISA requirement (V-id, numerically), then rule id. */
static int
cmp_rules(const void *a, const void *b)
{
	const struct rule *x = *(struct rule *const *)a,
	    *y = *(struct rule *const *)b;
	long vx = strtol(x->vuln + 2, NULL, 10), vy = strtol(y->vuln + 2, NULL, 10);

	if (vx != vy)
		return vx < vy ? -1 : 1;
	return strcmp(x->id, y->id);
}

/*
 * Shared test lists: checks/NAME.yaml with id (= NAME), description and
 * tests.  Validated here, so an unused list cannot hide a mistake.
 */
static void
load_snippets(const char *dir)
{
	struct sc_strv files = SC_STRV_INIT;
	char *cdir = sc_xasprintf("%s/checks", dir);
	xmlNodePtr scratch = xmlNewNode(NULL, (const xmlChar *)"check-content");
	xmlNsPtr ns = xmlNewNs(scratch, (const xmlChar *)SC_NATIVE_NS,
	    (const xmlChar *)"sc");

	list_yaml(cdir, &files);
	for (size_t i = 0; i < files.n; i++) {
		struct snippet *sn;
		struct ymap m;
		char base[256];

		SC_GROW(snippets, cap_snippets, n_snippets + 1);
		sn = &snippets[n_snippets++];
		ydoc_load(&sn->y, files.v[i]);
		m = ymap_of(&sn->y, yaml_document_get_root_node(&sn->y.doc),
		    "a check list", snippet_keys);
		sn->id = sc_xstrdup(ymap_str(m, "id", 1));
		if (!valid_id(sn->id) || strcmp(sn->id,
		    basename_noext(files.v[i], base, sizeof(base))) != 0)
			die_at(sn->y.path, ymap_get(m, "id"),
			    "check list id '%s' must match the file name and be "
			    "lowercase letters, digits, _", sn->id);
		for (size_t k = 0; k + 1 < n_snippets; k++)
			if (strcmp(snippets[k].id, sn->id) == 0)
				die_at(sn->y.path, ymap_get(m, "id"),
				    "check list id '%s' also used by %s", sn->id,
				    snippets[k].y.path);
		ymap_str(m, "description", 1);
		sn->tests = ymap_get(m, "tests");
		if (sn->tests == NULL || sn->tests->type != YAML_SEQUENCE_NODE ||
		    sn->tests->data.sequence.items.start ==
		    sn->tests->data.sequence.items.top)
			die_at(sn->y.path, sn->tests ? sn->tests : m.node,
			    "'tests' must be a non-empty list of tests");
		for (yaml_node_item_t *k = sn->tests->data.sequence.items.start;
		    k < sn->tests->data.sequence.items.top; k++) {
			yaml_node_t *item = ynode(&sn->y, *k);
			const char *kind = item_kind(&sn->y, item);

			if (strcmp(kind, "include") == 0 ||
			    strcmp(kind, "outcome") == 0)
				die_at(sn->y.path, item, "a check list holds tests "
				    "only, not '%s'", kind);
			emit_test(&sn->y, item, scratch, ns);
		}
	}
	xmlFreeNode(scratch);
	sc_strv_free(&files);
	free(cdir);
}

static void
compile(const char *dir, const char *version, const char *out)
{
	struct ydoc by;
	struct ymap bm;
	xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr root, x, group = NULL;
	const char *cur_vuln = "";
	char *path = sc_xasprintf("%s/benchmark.yaml", dir);
	struct sc_err err = SC_ERR_INIT;
	xmlChar *mem;
	int len;

	content_dir = dir;
	ydoc_load(&by, path);
	bm = ymap_of(&by, yaml_document_get_root_node(&by.doc), "the benchmark",
	    bench_keys);
	load_profiles(dir);
	if (n_profiles == 0)
		die("%s/profiles: no profiles", dir);
	load_snippets(dir);
	load_rules(dir);
	if (n_rules == 0)
		die("%s/rules: no rules", dir);
	qsort(rules, n_rules, sizeof(*rules), cmp_rules);

	xmlAddChild((xmlNodePtr)doc, xmlNewDocComment(doc, (const xmlChar *)
	    " generated by sc-contentc from content/*.yaml; do not edit "));
	root = xmlNewDocNode(doc, NULL, (const xmlChar *)"Benchmark", NULL);
	xmlDocSetRootElement(doc, root);
	xccdf_ns = xmlNewNs(root, (const xmlChar *)SC_XCCDF12_NS, NULL);
	xmlSetNs(root, xccdf_ns);
	attr(root, "id", ymap_str(bm, "id", 1));
	attr(root, "resolved", "1");
	xmlNodeSetLang(root, (const xmlChar *)"en");
	x = el(root, "status", ymap_str(bm, "status", 1));
	el_text(root, "title", ymap_str(bm, "title", 1));
	el_text(root, "description", ymap_str(bm, "description", 1));
	if (ymap_str(bm, "notice", 0)) {
		x = el(root, "notice", ymap_str(bm, "notice", 0));
		attr(x, "id", "terms-of-use");
	}
	/*
	 * No Benchmark <platform>: the GPOS SRG applies to every operating
	 * system, which XCCDF says by omitting it.  (A CPE such as
	 * cpe:2.3:o:*:... would make OpenSCAP, which has no dictionary entry
	 * for it, report every rule notapplicable.)
	 */
	el(root, "version", version);
	add_metadata(root);
	static const char *models[] = { "urn:xccdf:scoring:default",
		"urn:xccdf:scoring:flat", "urn:xccdf:scoring:flat-unweighted",
		"urn:xccdf:scoring:absolute", NULL };
	for (size_t i = 0; models[i]; i++) {
		x = xmlNewChild(root, xccdf_ns, (const xmlChar *)"model", NULL);
		attr(x, "system", models[i]);
	}
	for (size_t i = 0; i < n_profiles; i++) {
		char *pid = sc_xasprintf(NS_PREFIX "profile_%s", profiles[i].id);
		xmlNodePtr pn = xmlNewChild(root, xccdf_ns,
		    (const xmlChar *)"Profile", NULL);

		attr(pn, "id", pid);
		el_text(pn, "title", profiles[i].title);
		el_text(pn, "description", profiles[i].description);
		/* every rule, so a profile selects exactly its own rules */
		for (size_t k = 0; k < n_rules; k++) {
			char *rid;

			rid = sc_xasprintf(NS_PREFIX "rule_%s", rules[k]->id);
			x = xmlNewChild(pn, xccdf_ns, (const xmlChar *)"select",
			    NULL);
			attr(x, "idref", rid);
			attr(x, "selected", sc_strv_find(&rules[k]->profiles,
			    profiles[i].id) >= 0 ? "true" : "false");
			free(rid);
		}
		free(pid);
	}
	for (size_t k = 0; k < n_rules; k++) {
		if (strcmp(rules[k]->vuln, cur_vuln) != 0) {
			char *gid = sc_xasprintf(NS_PREFIX "group_%s", rules[k]->vuln);

			/* one Group per DISA requirement, as DISA's own XCCDF */
			group = xmlNewChild(root, xccdf_ns, (const xmlChar *)"Group",
			    NULL);
			attr(group, "id", gid);
			el(group, "title", rules[k]->srg);
			free(gid);
			cur_vuln = rules[k]->vuln;
		} else if (strcmp(rules[k]->srg, rules[k - 1]->srg) != 0) {
			die_at(rules[k]->path, ymap_get(rules[k]->m, "srg"),
			    "srg '%s' differs from '%s' (%s) for %s", rules[k]->srg,
			    rules[k - 1]->srg, rules[k - 1]->path, rules[k]->vuln);
		}
		emit_rule(rules[k], group);
	}
	xmlDocDumpFormatMemoryEnc(doc, &mem, &len, "UTF-8", 1);
	if (sc_write_atomic(out, mem, (size_t)len, &err) < 0)
		die("%s", err.msg);
	xmlFree(mem);
	xmlFreeDoc(doc);
	ydoc_free(&by);
	for (size_t k = 0; k < n_rules; k++) {
		free(rules[k]->id);
		free(rules[k]->srg);
		free(rules[k]->vuln);
		free(rules[k]->title);
		free(rules[k]->severity);
		free(rules[k]->status);
		sc_strv_free(&rules[k]->profiles);
		ydoc_free(&rules[k]->y);
		free(rules[k]);
	}
	free(rules);
	for (size_t i = 0; i < n_snippets; i++) {
		free(snippets[i].id);
		ydoc_free(&snippets[i].y);
	}
	free(snippets);
	for (size_t i = 0; i < n_profiles; i++) {
		free(profiles[i].id);
		free(profiles[i].title);
		free(profiles[i].description);
	}
	free(profiles);
	free(path);
}

/* ---- embedding ------------------------------------------------------------------------ */

/* Append the bytes of file in to b as a C initializer list (NUL-terminated). */
static size_t
embed_bytes(struct sc_buf *b, const char *in)
{
	FILE *f = fopen(in, "rb");
	unsigned char chunk[4096];
	size_t n, total = 0;

	if (f == NULL)
		die("cannot read '%s': %s", in, strerror(errno));
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		for (size_t i = 0; i < n; i++, total++)
			sc_buf_addf(b, "%d,%s", chunk[i],
			    (total % 24 == 23) ? "\n" : "");
	}
	fclose(f);
	sc_buf_adds(b, "0\n};\n");
	return total;
}

static void
write_out(const char *out, const struct sc_buf *b)
{
	struct sc_err err = SC_ERR_INIT;

	if (sc_write_atomic(out, b->data, b->len, &err) < 0)
		die("%s", err.msg);
}

static void
embed(const char *in, const char *out)
{
	struct sc_buf b = SC_BUF_INIT;
	size_t total;

	sc_buf_reset(&b);
	sc_buf_adds(&b, "/* generated by sc-contentc --embed; do not edit */\n"
	    "#include <stddef.h>\n#include \"builtin.h\"\n\n"
	    "const char sc_builtin_xccdf[] = {\n");
	total = embed_bytes(&b, in);
	sc_buf_addf(&b, "const size_t sc_builtin_xccdf_len = %zu;\n", total);
	write_out(out, &b);
	sc_buf_free(&b);
}

/* files: NAME=FILE pairs */
static void
embed_table(const char *symbol, char **files, int n, const char *out)
{
	struct sc_buf b = SC_BUF_INIT, tab = SC_BUF_INIT;

	sc_buf_reset(&b);
	sc_buf_reset(&tab);
	sc_buf_addf(&b, "/* generated by sc-contentc --embed-table; do not edit */\n"
	    "#include \"util/asset.h\"\n\n");
	sc_buf_addf(&tab, "const struct sc_asset %s[] = {\n", symbol);
	for (int i = 0; i < n; i++) {
		const char *eq = strchr(files[i], '=');
		size_t len;

		if (eq == NULL || eq == files[i] || eq[1] == '\0')
			die("--embed-table: '%s' is not NAME=FILE", files[i]);
		sc_buf_addf(&b, "static const char asset%d[] = {\n", i);
		len = embed_bytes(&b, eq + 1);
		sc_buf_addf(&tab, "\t{ \"%.*s\", asset%d, %zu },\n",
		    (int)(eq - files[i]), files[i], i, len);
	}
	sc_buf_adds(&tab, "\t{ NULL, NULL, 0 },\n};\n");
	sc_buf_addf(&b, "\n%s", tab.data);
	write_out(out, &b);
	sc_buf_free(&b);
	sc_buf_free(&tab);
}

int
main(int argc, char **argv)
{
	const char *out = NULL, *version = "0", *in_embed = NULL, *dir = NULL;
	const char *table = NULL;
	char **files = sc_xcalloc((size_t)argc + 1, sizeof(*files));
	int n_files = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
			out = argv[++i];
		else if (strcmp(argv[i], "--version") == 0 && i + 1 < argc)
			version = argv[++i];
		else if (strcmp(argv[i], "--embed") == 0 && i + 1 < argc)
			in_embed = argv[++i];
		else if (strcmp(argv[i], "--embed-table") == 0 && i + 1 < argc)
			table = argv[++i];
		else if (argv[i][0] != '-' && table != NULL)
			files[n_files++] = argv[i];
		else if (argv[i][0] != '-' && dir == NULL)
			dir = argv[i];
		else
			die("usage: sc-contentc [--version V] -o OUT.xml DIR | "
			    "--embed IN.xml -o OUT.c | "
			    "--embed-table SYMBOL -o OUT.c NAME=FILE...");
	}
	if (out == NULL || (in_embed == NULL && dir == NULL && table == NULL))
		die("usage: sc-contentc [--version V] -o OUT.xml DIR | "
		    "--embed IN.xml -o OUT.c | "
		    "--embed-table SYMBOL -o OUT.c NAME=FILE...");
	if (table)
		embed_table(table, files, n_files, out);
	else if (in_embed)
		embed(in_embed, out);
	else
		compile(dir, version, out);
	free(files);
	return 0;
}
