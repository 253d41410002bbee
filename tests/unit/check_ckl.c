/*
 * check_ckl.c - STIG Viewer 2 checklists: DISA's schema, the fields STIG
 * Viewer and STIG Manager read.
 */
#include <string.h>

#include "fixture_results.h"
#include "reports/ckl.h"
#include "testutil.h"

static struct sc_srg *srg;
static struct sc_content *content;
static struct sc_testresult *tr;
static struct sc_checklist *cl;
static xmlDocPtr doc;

static void
setup(void)
{
	static const char *const r[] = { "a=fail", "c=notapplicable", NULL };
	struct sc_err err = SC_ERR_INIT;

	srg = tu_srg();
	content = tu_content(tu_bench_xml);
	tr = tu_testresult(content, r);
	sc_strv_push(&tr->target_addresses, "10.1.2.3");
	ck_assert_int_eq(sc_checklist_build(&cl, srg, tr, &err), 0);
	doc = sc_ckl_build(cl);
}

static void
teardown(void)
{
	xmlFreeDoc(doc);
	sc_checklist_free(cl);
	sc_testresult_free(tr);
	sc_content_free(content);
	sc_srg_free(srg);
}

static void
expect(const char *xpath, const char *want)
{
	tu_expect(doc, xpath, want);
}

#define VULN(v) "//VULN[STIG_DATA[VULN_ATTRIBUTE='Vuln_Num'][ATTRIBUTE_DATA='" v "']]"

START_TEST(test_schema)
{
	char *xsd = tu_shared("data/formats/U_Checklist_Schema_V2.xsd");
	char why[512];
	int v = tu_xsd_valid(doc, xsd, why, sizeof(why));

	if (v < 0) {
		free(xsd);
		return;		/* DISA's schema is not at hand */
	}
	ck_assert_msg(v == 1, "CKL does not validate: %s", why);
	free(xsd);
}
END_TEST

START_TEST(test_content)
{
	ck_assert_int_eq((int)tu_xpath_number(doc, "count(//VULN)"), 203);
	expect("/CHECKLIST/ASSET/HOST_NAME", "test-target");
	expect("/CHECKLIST/ASSET/HOST_IP", "10.1.2.3");
	expect("/CHECKLIST/ASSET/ROLE", "None");
	expect("/CHECKLIST/ASSET/ASSET_TYPE", "Computing");
	expect("/CHECKLIST/ASSET/TARGET_KEY", "2895");
	expect("//SI_DATA[SID_NAME='stigid']/SID_DATA", "General_Purpose_Operating_System");
	expect("//SI_DATA[SID_NAME='version']/SID_DATA", "3");
	expect("//SI_DATA[SID_NAME='releaseinfo']/SID_DATA", "Release: 3 Benchmark Date: 28 Oct 2025");
	expect("//SI_DATA[SID_NAME='uuid']/SID_DATA", cl->stig_uuid);
	expect(VULN("V-203780") "/STATUS", "Open");
	expect(VULN("V-203780") "/STIG_DATA[VULN_ATTRIBUTE='Rule_ID']/ATTRIBUTE_DATA", "SV-203780r991589_rule");
	expect(VULN("V-203780") "/STIG_DATA[VULN_ATTRIBUTE='Rule_Ver']/ATTRIBUTE_DATA", "SRG-OS-000480-GPOS-00227");
	expect(VULN("V-203780") "/STIG_DATA[VULN_ATTRIBUTE='Group_Title']/ATTRIBUTE_DATA", "SRG-OS-000480");
	expect(VULN("V-203780") "/STIG_DATA[VULN_ATTRIBUTE='CCI_REF']/ATTRIBUTE_DATA", "CCI-000366");
	expect(VULN("V-203780") "/STIG_DATA[VULN_ATTRIBUTE='Severity']/ATTRIBUTE_DATA", "medium");
	expect(VULN("V-203629") "/STATUS", "Not_Applicable");
	expect(VULN("V-203591") "/STATUS", "NotAFinding");
	expect(VULN("V-203592") "/STATUS", "Not_Reviewed");
	/* every VULN has FINDING_DETAILS and non-empty COMMENTS */
	ck_assert_int_eq((int)tu_xpath_number(doc, "count(//VULN[FINDING_DETAILS][COMMENTS != ''])"), 203);
	expect("substring-before(" VULN("V-203780") "/FINDING_DETAILS, '\n')",
	    "[fail] Rule A (" TU_RULE_A ")");
	/* STIG Viewer's STIG_DATA order starts Vuln_Num, Severity, Group_Title */
	expect("(//VULN)[1]/STIG_DATA[1]/VULN_ATTRIBUTE", "Vuln_Num");
	expect("(//VULN)[1]/STIG_DATA[2]/VULN_ATTRIBUTE", "Severity");
	expect("(//VULN)[1]/*[last()]", "");
	expect("local-name((//VULN)[1]/*[last()])", "SEVERITY_JUSTIFICATION");
}
END_TEST

START_TEST(test_write)
{
	char *dir = tu_mkdtemp(), *path = tu_path(dir, "x.ckl"), *text;
	struct sc_err err = SC_ERR_INIT;

	ck_assert_int_eq(sc_ckl_write(cl, path, &err), 0);
	text = tu_read(path, NULL);
	ck_assert(strncmp(text, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!--stigcheck ", 52) == 0);
	ck_assert(strstr(text, "<CHECKLIST>") != NULL);
	free(text);
	free(path);
	path = tu_path(dir, "missing/x.ckl");
	ck_assert_int_lt(sc_ckl_write(cl, path, &err), 0);
	ck_assert(strstr(err.msg, "missing/x.ckl") != NULL);
	free(path);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

static Suite *
ckl_suite(void)
{
	Suite *s = suite_create("ckl");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_schema);
	tcase_add_test(tc, test_content);
	tcase_add_test(tc, test_write);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(ckl_suite)
