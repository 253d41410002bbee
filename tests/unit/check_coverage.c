/*
 * check_coverage.c - the built-in benchmark accounts for every requirement
 * of the DISA GPOS SRG V3R3, exactly once and with DISA's identifiers.
 *
 * Reads DISA's SRG XCCDF and CCI list from $SHARED/data/disa and the
 * compiled native benchmark (the one embedded in the binary, built from
 * content/ by sc-contentc).  For every V3R3 requirement (Group V-nnnnnn):
 *
 *   - the benchmark has exactly one Group xccdf_org.stigcheck_group_V-nnnnnn,
 *     and no Group names a V-id that V3R3 does not have;
 *   - every Rule in it carries DISA's SRG id (Rule/version), DISA's rule id
 *     (the SV-...r..._rule reference), DISA's severity, exactly DISA's CCIs
 *     (ident system="http://cyber.mil/cci") and exactly the NIST SP 800-53
 *     rev 5 indexes that the CCI list gives for those CCIs.
 *
 * Every problem is listed, not just the first.
 */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdarg.h>
#include <string.h>

#include "builtin.h"
#include "testutil.h"
#include "util/map.h"
#include "util/mem.h"

#define GROUP_PREFIX "xccdf_org.stigcheck_group_"
#define CCI_SYSTEM "http://cyber.mil/cci"
#define NIST_HREF "https://doi.org/10.6028/NIST.SP.800-53r5"
#define SRG_FILE "data/disa/U_GPOS_SRG_V3R3_Manual-xccdf.xml"
#define CCI_FILE "data/disa/U_CCI_List.xml"
#define V3R3_REQUIREMENTS 203

/* Reserved for automated rules from other branches; may be absent. */

/* One DISA requirement. */
struct req {
	char *vid, *rule_id, *srg, *severity;
	struct sc_strv ccis;
	struct sc_strv nist;	/* rev 5 indexes of the CCIs, without repeats */
	int groups;		/* how many benchmark Groups name it */
};

struct srg {
	struct req *reqs;
	size_t n, cap;
	struct sc_map by_vid;	/* V-id -> struct req * */
};

static struct srg srg;
static xmlDocPtr builtin;

/* ---- small libxml2 helpers ---------------------------------------------------- */

static int
is_el(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

static char *
text_of(xmlNodePtr n)
{
	xmlChar *t = xmlNodeGetContent(n);
	char *s = sc_xstrdup(t ? (const char *)t : "");

	xmlFree(t);
	return s;
}

static int
attr_is(xmlNodePtr n, const char *name, const char *want)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	int eq = v && strcmp((const char *)v, want) == 0;

	xmlFree(v);
	return eq;
}

/* Call fn on every element named name below n (depth first). */
static void
each_el(xmlNodePtr n, const char *name, void (*fn)(xmlNodePtr, void *),
    void *arg)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_el(c, name))
			fn(c, arg);
		else
			each_el(c, name, fn, arg);
	}
}

static void
push_unique(struct sc_strv *v, const char *s)
{
	if (sc_strv_find(v, s) < 0)
		sc_strv_push(v, s);
}

/* Same strings, in any order, ignoring repeats. */
static int
same_set(const struct sc_strv *a, const struct sc_strv *b)
{
	for (size_t i = 0; i < a->n; i++)
		if (sc_strv_find(b, a->v[i]) < 0)
			return 0;
	for (size_t i = 0; i < b->n; i++)
		if (sc_strv_find(a, b->v[i]) < 0)
			return 0;
	return 1;
}

static void
join(struct sc_buf *b, const struct sc_strv *v)
{
	sc_buf_adds(b, "[");
	for (size_t i = 0; i < v->n; i++)
		sc_buf_addf(b, "%s%s", i ? ", " : "", v->v[i]);
	sc_buf_adds(b, "]");
}

static xmlDocPtr
read_doc(const char *rel)
{
	char *path = tu_shared(rel);
	xmlDocPtr d = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_HUGE);

	ck_assert_msg(d != NULL, "cannot parse %s (set SHARED to the shared data)",
	    path);
	free(path);
	return d;
}

/* ---- DISA's data ------------------------------------------------------------------- */

/* CCI id -> struct sc_strv * of its NIST SP 800-53 rev 5 indexes. */
static void
cci_item(xmlNodePtr item, void *arg)
{
	struct sc_map *m = arg;
	struct sc_strv *v = sc_xcalloc(1, sizeof(*v));
	xmlChar *id = xmlGetProp(item, (const xmlChar *)"id");

	for (xmlNodePtr refs = item->children; refs; refs = refs->next) {
		if (!is_el(refs, "references"))
			continue;
		for (xmlNodePtr r = refs->children; r; r = r->next) {
			xmlChar *idx;

			if (!is_el(r, "reference") || !attr_is(r, "version", "5") ||
			    !attr_is(r, "creator", "NIST"))
				continue;
			idx = xmlGetProp(r, (const xmlChar *)"index");
			if (idx)
				push_unique(v, (const char *)idx);
			xmlFree(idx);
		}
	}
	if (id == NULL || !sc_map_add(m, (const char *)id, v)) {
		sc_strv_free(v);
		free(v);
	}
	xmlFree(id);
}

static void
srg_group(xmlNodePtr g, void *arg)
{
	struct sc_map *cci = arg;
	struct req *r;
	xmlNodePtr rule = NULL;

	for (xmlNodePtr c = g->children; c; c = c->next)
		if (is_el(c, "Rule"))
			rule = c;
	ck_assert_msg(rule != NULL, "SRG group without a Rule");
	SC_GROW(srg.reqs, srg.cap, srg.n + 1);
	r = &srg.reqs[srg.n++];
	memset(r, 0, sizeof(*r));
	r->vid = (char *)xmlGetProp(g, (const xmlChar *)"id");
	r->rule_id = (char *)xmlGetProp(rule, (const xmlChar *)"id");
	r->severity = (char *)xmlGetProp(rule, (const xmlChar *)"severity");
	for (xmlNodePtr c = rule->children; c; c = c->next) {
		if (is_el(c, "version")) {
			r->srg = text_of(c);
		} else if (is_el(c, "ident") && attr_is(c, "system", CCI_SYSTEM)) {
			char *id = text_of(c);
			const struct sc_strv *nist = sc_map_get(cci, id);

			ck_assert_msg(nist != NULL, "%s: %s is not in the CCI list",
			    r->vid, id);
			push_unique(&r->ccis, id);
			for (size_t i = 0; i < nist->n; i++)
				push_unique(&r->nist, nist->v[i]);
			free(id);
		}
	}
	ck_assert_msg(r->vid && r->rule_id && r->srg && r->severity,
	    "incomplete SRG group");
}

static void
load_srg(void)
{
	xmlDocPtr s = read_doc(SRG_FILE), c = read_doc(CCI_FILE);
	struct sc_map cci = SC_MAP_INIT;

	each_el(xmlDocGetRootElement(c), "cci_item", cci_item, &cci);
	memset(&srg, 0, sizeof(srg));
	each_el(xmlDocGetRootElement(s), "Group", srg_group, &cci);
	/* pointers into a grown array: build the index afterwards */
	for (size_t i = 0; i < srg.n; i++)
		sc_map_put(&srg.by_vid, srg.reqs[i].vid, &srg.reqs[i]);
	for (size_t i = 0; i < cci.n; i++) {
		sc_strv_free(cci.vals[i]);
		free(cci.vals[i]);
	}
	sc_map_free(&cci);
	xmlFreeDoc(s);
	xmlFreeDoc(c);
}

static void
free_srg(void)
{
	for (size_t i = 0; i < srg.n; i++) {
		xmlFree(srg.reqs[i].vid);
		xmlFree(srg.reqs[i].rule_id);
		xmlFree(srg.reqs[i].severity);
		free(srg.reqs[i].srg);
		sc_strv_free(&srg.reqs[i].ccis);
		sc_strv_free(&srg.reqs[i].nist);
	}
	free(srg.reqs);
	sc_map_free(&srg.by_vid);
}

/* ---- the coverage check -------------------------------------------------------------- */

struct report {
	struct sc_buf text;	/* one line per problem */
	size_t problems;
	size_t covered;		/* requirements with a Group */
};

static void
problem(struct report *rep, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
problem(struct report *rep, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sc_buf_vaddf(&rep->text, fmt, ap);
	va_end(ap);
	sc_buf_adds(&rep->text, "\n");
	rep->problems++;
}

static void
check_rule(xmlNodePtr rule, const struct req *r, struct report *rep)
{
	struct sc_strv ccis = SC_STRV_INIT, nist = SC_STRV_INIT,
	    svs = SC_STRV_INIT;
	char *id = (char *)xmlGetProp(rule, (const xmlChar *)"id");
	char *version = NULL;
	struct sc_buf a = SC_BUF_INIT, b = SC_BUF_INIT;

	if (!attr_is(rule, "severity", r->severity))
		problem(rep, "%s: %s: severity is not DISA's '%s'", r->vid, id,
		    r->severity);
	for (xmlNodePtr c = rule->children; c; c = c->next) {
		char *t;

		if (c->type != XML_ELEMENT_NODE)
			continue;
		t = text_of(c);
		if (is_el(c, "version") && version == NULL)
			version = sc_xstrdup(t);
		else if (is_el(c, "ident") && attr_is(c, "system", CCI_SYSTEM))
			sc_strv_push(&ccis, t);
		else if (is_el(c, "reference") && attr_is(c, "href", NIST_HREF))
			sc_strv_push(&nist, t);
		else if (is_el(c, "reference") && strncmp(t, "SV-", 3) == 0)
			sc_strv_push(&svs, t);
		free(t);
	}
	if (version == NULL || strcmp(version, r->srg) != 0)
		problem(rep, "%s: %s: SRG id (version) '%s', DISA's is '%s'", r->vid,
		    id, version ? version : "(none)", r->srg);
	if (svs.n != 1 || strcmp(svs.v[0], r->rule_id) != 0) {
		sc_buf_reset(&a);
		join(&a, &svs);
		problem(rep, "%s: %s: DISA rule references %s, expected [%s]",
		    r->vid, id, a.data, r->rule_id);
	}
	if (!same_set(&ccis, &r->ccis) || ccis.n != r->ccis.n) {
		sc_buf_reset(&a);
		sc_buf_reset(&b);
		join(&a, &ccis);
		join(&b, &r->ccis);
		problem(rep, "%s: %s: CCIs %s, DISA's are %s", r->vid, id, a.data,
		    b.data);
	}
	if (!same_set(&nist, &r->nist) || nist.n != r->nist.n) {
		sc_buf_reset(&a);
		sc_buf_reset(&b);
		join(&a, &nist);
		join(&b, &r->nist);
		problem(rep, "%s: %s: NIST SP 800-53 references %s, the CCI list "
		    "gives rev 5 %s", r->vid, id, a.data, b.data);
	}
	sc_buf_free(&a);
	sc_buf_free(&b);
	sc_strv_free(&ccis);
	sc_strv_free(&nist);
	sc_strv_free(&svs);
	free(version);
	xmlFree(id);
}

static void
bench_group(xmlNodePtr g, void *arg)
{
	struct report *rep = arg;
	char *gid = (char *)xmlGetProp(g, (const xmlChar *)"id");
	const char *vid;
	struct req *r;
	size_t rules = 0;

	if (gid == NULL || strncmp(gid, GROUP_PREFIX "V-",
	    strlen(GROUP_PREFIX) + 2) != 0) {
		xmlFree(gid);
		return;
	}
	vid = gid + strlen(GROUP_PREFIX);
	if ((r = sc_map_get(&srg.by_vid, vid)) == NULL) {
		problem(rep, "%s: Group %s names a requirement that is not in "
		    "GPOS SRG V3R3", vid, gid);
		xmlFree(gid);
		return;
	}
	if (++r->groups == 2)
		problem(rep, "%s: more than one Group", vid);
	for (xmlNodePtr c = g->children; c; c = c->next) {
		if (!is_el(c, "Rule"))
			continue;
		rules++;
		check_rule(c, r, rep);
	}
	if (rules == 0)
		problem(rep, "%s: Group %s has no rules", vid, gid);
	xmlFree(gid);
}


/* Check bench against the SRG; every problem goes into rep. */
static void
check_coverage(xmlDocPtr bench, struct report *rep)
{
	memset(rep, 0, sizeof(*rep));
	sc_buf_reset(&rep->text);
	for (size_t i = 0; i < srg.n; i++)
		srg.reqs[i].groups = 0;
	each_el(xmlDocGetRootElement(bench), "Group", bench_group, rep);
	for (size_t i = 0; i < srg.n; i++) {
		if (srg.reqs[i].groups > 0) {
			rep->covered++;
			continue;
		}
		problem(rep, "%s: missing (%s, %s)", srg.reqs[i].vid,
			    srg.reqs[i].srg, srg.reqs[i].rule_id);
	}
}

static void
report_free(struct report *rep)
{
	sc_buf_free(&rep->text);
}

/* ---- fixtures ---------------------------------------------------------------------- */

static void
setup(void)
{
	load_srg();
	builtin = xmlReadMemory(sc_builtin_xccdf, (int)sc_builtin_xccdf_len,
	    SC_BUILTIN_NAME, NULL, XML_PARSE_NONET);
	ck_assert_msg(builtin != NULL, "the built-in benchmark does not parse");
}

static void
teardown(void)
{
	free_srg();
	xmlFreeDoc(builtin);
}

/* A copy of the built-in benchmark to break. */
static xmlDocPtr
copy(void)
{
	return xmlCopyDoc(builtin, 1);
}

static xmlNodePtr
group_of(xmlDocPtr d, const char *vid)
{
	char *want = sc_xasprintf(GROUP_PREFIX "%s", vid);
	xmlNodePtr found = NULL;

	for (xmlNodePtr c = xmlDocGetRootElement(d)->children; c && !found;
	    c = c->next)
		if (is_el(c, "Group") && attr_is(c, "id", want))
			found = c;
	ck_assert_msg(found != NULL, "no group for %s in the benchmark", vid);
	free(want);
	return found;
}

static xmlNodePtr
first_rule(xmlNodePtr g)
{
	for (xmlNodePtr c = g->children; c; c = c->next)
		if (is_el(c, "Rule"))
			return c;
	ck_abort_msg("group without a rule");
	return NULL;
}

static int
reported(const struct report *rep, const char *text)
{
	return rep->text.data && strstr(rep->text.data, text) != NULL;
}

/* ---- tests --------------------------------------------------------------------------- */

START_TEST(test_srg_is_v3r3)
{
	ck_assert_uint_eq(srg.n, V3R3_REQUIREMENTS);
	ck_assert_uint_eq(sc_map_count(&srg.by_vid), V3R3_REQUIREMENTS);
}
END_TEST

START_TEST(test_builtin_covers_v3r3)
{
	struct report rep;

	check_coverage(builtin, &rep);
	printf("NOTE: GPOS SRG V3R3: %zu requirements, %zu covered\n", srg.n,
	    rep.covered);
	ck_assert_uint_eq(rep.covered, srg.n);
	ck_assert_msg(rep.problems == 0, "%zu coverage problems:\n%s",
	    rep.problems, rep.text.data);
	report_free(&rep);
}
END_TEST

/*
 * Check d (a broken copy, freed here): exactly n problems, among them each
 * of the NULL-terminated texts.
 */
static void
expect_problems(xmlDocPtr d, size_t n, const char *const *texts)
{
	struct report rep;

	check_coverage(d, &rep);
	for (size_t i = 0; texts[i]; i++)
		ck_assert_msg(reported(&rep, texts[i]), "not reported: %s\nreport:\n%s",
		    texts[i], rep.text.data);
	ck_assert_msg(rep.problems == n, "%zu problems, expected %zu:\n%s",
	    rep.problems, n, rep.text.data);
	report_free(&rep);
	xmlFreeDoc(d);
}

START_TEST(test_detects_missing_and_duplicate)
{
	static const char *const want[] = {
		"V-203591: missing (SRG-OS-000001-GPOS-00001, SV-203591r958362_rule)",
		"V-203593: more than one Group", NULL,
	};
	xmlDocPtr d = copy();
	xmlNodePtr g = group_of(d, "V-203591");

	xmlUnlinkNode(g);
	xmlFreeNode(g);
	g = group_of(d, "V-203593");
	xmlAddNextSibling(g, xmlCopyNode(g, 1));
	expect_problems(d, 2, want);
}
END_TEST

START_TEST(test_detects_unknown_requirement)
{
	static const char *const want[] = {
		"V-999999: Group " GROUP_PREFIX "V-999999 names a requirement that "
		"is not in GPOS SRG V3R3", "V-203604: missing", NULL,
	};
	xmlDocPtr d = copy();

	xmlSetProp(group_of(d, "V-203604"), (const xmlChar *)"id",
	    (const xmlChar *)GROUP_PREFIX "V-999999");
	expect_problems(d, 2, want);
}
END_TEST

/* Change one child element's text, matched by name and current text. */
static void
set_child_text(xmlNodePtr rule, const char *name, const char *old,
    const char *new)
{
	for (xmlNodePtr c = rule->children; c; c = c->next) {
		char *t;

		if (!is_el(c, name))
			continue;
		t = text_of(c);
		if (strcmp(t, old) == 0) {
			xmlNodeSetContent(c, (const xmlChar *)new);
			free(t);
			return;
		}
		free(t);
	}
	ck_abort_msg("no <%s>%s</%s>", name, old, name);
}

START_TEST(test_detects_wrong_identifiers)
{
	static const char *const want[] = {
		"SRG id (version) 'SRG-OS-000228-GPOS-00089', DISA's is "
		"'SRG-OS-000228-GPOS-00088'",
		"DISA rule references [SV-203665r1_rule], expected "
		"[SV-203665r958586_rule]",
		"CCIs [CCI-001384, CCI-001385, CCI-001389, CCI-001387, CCI-001388], "
		"DISA's are [CCI-001384, CCI-001385, CCI-001386, CCI-001387, "
		"CCI-001388]",
		"NIST SP 800-53 references [AC-8 c 1, AC-8 c 2, AC-8 c 4], the CCI "
		"list gives rev 5 [AC-8 c 1, AC-8 c 2, AC-8 c 3]",
		"severity is not DISA's 'medium'", NULL,
	};
	xmlDocPtr d = copy();
	xmlNodePtr r = first_rule(group_of(d, "V-203665"));

	/* V-203665 has five CCIs and three distinct rev 5 indexes */
	set_child_text(r, "version", "SRG-OS-000228-GPOS-00088",
	    "SRG-OS-000228-GPOS-00089");
	set_child_text(r, "reference", "SV-203665r958586_rule",
	    "SV-203665r1_rule");
	set_child_text(r, "ident", "CCI-001386", "CCI-001389");
	set_child_text(r, "reference", "AC-8 c 3", "AC-8 c 4");
	xmlSetProp(r, (const xmlChar *)"severity", (const xmlChar *)"high");
	expect_problems(d, 5, want);
}
END_TEST


static Suite *
coverage_suite(void)
{
	Suite *s = suite_create("coverage");
	TCase *tc = tcase_create("gpos_srg_v3r3");

	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_srg_is_v3r3);
	tcase_add_test(tc, test_builtin_covers_v3r3);
	tcase_add_test(tc, test_detects_missing_and_duplicate);
	tcase_add_test(tc, test_detects_unknown_requirement);
	tcase_add_test(tc, test_detects_wrong_identifiers);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(coverage_suite)
