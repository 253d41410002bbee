/*
 * check_arf.c - ARF 1.1: structure as OpenSCAP writes it, the asset from
 * the target, engine documents and rewritten hrefs; valid against ARF and
 * (deeply) every embedded document's schema.
 */
#include <libxml/xpath.h>
#include <string.h>

#include "fixture_results.h"
#include "testutil.h"
#include "xccdf/arf.h"

#define DEEP_XSD "tests/schemas/arf-deep.xsd"
#define L(x) "*[local-name()='" x "']"

static struct sc_content *content;
static struct sc_testresult *tr;
static xmlDocPtr doc;

static void
build(void)
{
	struct sc_err err = SC_ERR_INIT;

	xmlFreeDoc(doc);
	ck_assert_msg(sc_arf_build(content, tr, &doc, &err) == 0, "%s", err.msg);
}

static void
setup(void)
{
	static const char *const r[] = { "a=fail", "g=pass", NULL };

	content = tu_content(tu_bench_xml);
	tr = tu_testresult(content, r);
	sc_testresult_add_check_doc(tr, SC_OVAL_DEFS_NS, tu_parse(tu_oval_results_xml));
	build();
}

static void
teardown(void)
{
	xmlFreeDoc(doc);
	doc = NULL;
	sc_testresult_free(tr);
	sc_content_free(content);
}

static void
expect(const char *xpath, const char *want)
{
	tu_expect(doc, xpath, want);
}

static void
valid(void)
{
	char why[512];
	int v = tu_xsd_valid(doc, DEEP_XSD, why, sizeof(why));

	ck_assert_msg(v != 0, "ARF does not validate deeply: %s", why);
}

START_TEST(test_structure)
{
	expect("local-name(/*)", "asset-report-collection");
	/* as OpenSCAP writes: relationships for the XCCDF report only (one
	 * naming an OVAL report makes `oscap info` 1.3.7 crash) */
	ck_assert_int_eq((int)tu_xpath_number(doc, "count(//" L("relationship") ")"), 2);
	expect("//" L("relationship") "[@subject='xccdf1'][@type='arfvocab:createdFor']/" L("ref"), "collection1");
	expect("//" L("relationship") "[@subject='xccdf1'][@type='arfvocab:isAbout']/" L("ref"), "asset0");
	ck_assert_int_eq((int)tu_xpath_number(doc, "count(//" L("relationship") "[@subject='oval0'])"), 0);
	ck_assert_int_eq((int)tu_xpath_number(doc, "count(//" L("report") "[@id='oval0'])"), 1);
	/* the plain benchmark, wrapped in a data stream with a check component */
	expect("//" L("report-request") "/@id", "collection1");
	expect("//" L("data-stream-collection") "/@id", "scap_org.stigcheck_collection_from_xccdf_test.xml");
	expect("//" L("checklists") "/" L("component-ref") "/@*[local-name()='href']", "#scap_org.stigcheck_comp_test.xml");
	ck_assert_int_eq((int)tu_xpath_number(doc, "count(//" L("checks") "/" L("component-ref") ")"), 1);
	ck_assert_int_eq((int)tu_xpath_number(doc, "count(//" L("component") "/" L("Benchmark") "[@id='xccdf_org.test_benchmark_t'])"), 1);
	ck_assert_int_eq((int)tu_xpath_number(doc, "count(//" L("component") "/" L("oval_definitions") ")"), 1);
	/* reports: TestResult then the OVAL results */
	expect("//" L("reports") "/" L("report") "[1]/@id", "xccdf1");
	expect("local-name(//" L("report") "[@id='xccdf1']/" L("content") "/*)", "TestResult");
	expect("local-name(//" L("report") "[@id='oval0']/" L("content") "/*)", "oval_results");
	/* OpenSCAP's injections */
	expect("//" L("TestResult") "/" L("benchmark") "/@href", "#scap_org.stigcheck_comp_test.xml");
	expect("local-name(//" L("TestResult") "/" L("target-id-ref") "/preceding-sibling::*[1])", "target-facts");
	expect("//" L("TestResult") "/" L("target-id-ref") "/@name", "asset0");
	expect("//" L("rule-result") "[@idref='" TU_RULE("g") "']/" L("check") "/" L("check-content-ref") "/@href", "#oval0");
	expect("//" L("rule-result") "[@idref='" TU_RULE("g") "']/" L("check") "/" L("check-content-ref") "/@name", "oval:org.test:def:1");
	/* other check systems keep their hrefs */
	expect("//" L("rule-result") "[@idref='" TU_RULE("b") "']/" L("check") "/" L("check-content-ref") "/@href", "#" TU_RULE("b"));
	valid();
}
END_TEST

START_TEST(test_asset)
{
	expect("//" L("computing-device") "/" L("hostname"), "test-target");
	ck_assert_int_eq((int)tu_xpath_number(doc, "count(//" L("computing-device") "/" L("fqdn") ")"), 0);
	free(tr->target);
	tr->target = strdup("registry.example/app:1.2");
	sc_strv_push(&tr->target_addresses, "10.0.0.7");
	sc_strv_push(&tr->target_addresses, "fe80:0:0:0:200:f8ff:fe21:67cf");
	sc_strv_push(&tr->target_addresses, "not-an-address");
	sc_testresult_add_fact(tr, "urn:xccdf:fact:asset:identifier:fqdn", "string", "app.example.org");
	sc_testresult_add_fact(tr, "urn:xccdf:fact:ethernet:MAC", "string", "02:42:ac:11:00:02");
	sc_testresult_add_fact(tr, "urn:stigcheck:fact:container:id", "string", "4f2a9c");
	sc_testresult_add_fact(tr, "urn:stigcheck:fact:image:digest", "string", "sha256:00ff");
	build();
	expect("//" L("computing-device") "/" L("hostname"), "registry.example-app-1.2");
	expect("//" L("computing-device") "/" L("fqdn"), "app.example.org");
	expect("//" L("extended-information") "/" L("target"), "registry.example/app:1.2");
	expect("//" L("extended-information") "/" L("fact") "[@name='urn:stigcheck:fact:container:id']", "4f2a9c");
	expect("//" L("synthetic-id") "[@resource='urn:stigcheck:container:id']/@id", "4f2a9c");
	expect("//" L("synthetic-id") "[@resource='urn:stigcheck:image:digest']/@id", "sha256:00ff");
	expect("//" L("connection") "[1]//" L("ip-v4"), "10.0.0.7");
	expect("//" L("connection") "[2]//" L("ip-v6"), "fe80:0:0:0:200:f8ff:fe21:67cf");
	expect("//" L("connection") "[3]/" L("mac-address"), "02:42:ac:11:00:02");
	ck_assert_int_eq((int)tu_xpath_number(doc, "count(//" L("connection") ")"), 3);
	valid();
	/* a name that is no host name at all */
	free(tr->target);
	tr->target = strdup("...");
	build();
	expect("//" L("computing-device") "/" L("hostname"), "unknown");
	valid();
}
END_TEST

START_TEST(test_datastream)
{
	char *ds = tu_shared("data/scap/ssg-chainguard-gpos-ds.xml");
	struct sc_content *c = NULL;
	struct sc_testresult *t;
	struct sc_err err = SC_ERR_INIT;

	if (sc_content_load_file(&c, ds, NULL, &err) < 0) {
		free(ds);
		return;		/* reference data not at hand */
	}
	t = tu_testresult(c, NULL);
	xmlFreeDoc(doc);
	ck_assert_int_eq(sc_arf_build(c, t, &doc, &err), 0);
	/* the data stream itself, not a wrapper */
	expect("//" L("data-stream-collection") "/@id", "scap_org.open-scap_collection_from_xccdf_all-resolved-xccdf-v3r2.xml");
	expect("//" L("TestResult") "/" L("benchmark") "/@href", "#scap_org.open-scap_comp_all-resolved-xccdf-v3r2.xml");
	ck_assert_int_eq((int)tu_xpath_number(doc, "count(//" L("relationship") ")"), 2);
	valid();
	sc_testresult_free(t);
	sc_content_free(c);
	free(ds);
}
END_TEST

START_TEST(test_deep_validation_catches)
{
	xmlXPathContextPtr ctx;
	xmlXPathObjectPtr o;
	char why[512];

	if (tu_xsd_valid(doc, DEEP_XSD, why, sizeof(why)) < 0)
		return;		/* OpenSCAP's schemas are not installed */
	/* an invalid result inside the TestResult: the deep schema sees it */
	ctx = xmlXPathNewContext(doc);
	o = xmlXPathEvalExpression((const xmlChar *)
	    "(//" L("rule-result") "/" L("result") ")[1]", ctx);
	ck_assert(o && o->nodesetval && o->nodesetval->nodeNr == 1);
	xmlNodeSetContent(o->nodesetval->nodeTab[0], (const xmlChar *)"bogus");
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(ctx);
	ck_assert_int_eq(tu_xsd_valid(doc, DEEP_XSD, why, sizeof(why)), 0);
	ck_assert(strstr(why, "bogus") != NULL);
}
END_TEST

START_TEST(test_write)
{
	char *dir = tu_mkdtemp(), *path = tu_path(dir, "a.xml"), *text;
	struct sc_err err = SC_ERR_INIT;

	ck_assert_int_eq(sc_arf_write(content, tr, path, &err), 0);
	text = tu_read(path, NULL);
	ck_assert(strstr(text, "<arf:asset-report-collection") != NULL);
	free(text);
	free(path);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

static Suite *
arf_suite(void)
{
	Suite *s = suite_create("arf");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_structure);
	tcase_add_test(tc, test_asset);
	tcase_add_test(tc, test_datastream);
	tcase_add_test(tc, test_deep_validation_catches);
	tcase_add_test(tc, test_write);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(arf_suite)
