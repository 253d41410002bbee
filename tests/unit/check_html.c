/*
 * check_html.c - the HTML report: what the page says, self-contained.
 */
#include <libxml/HTMLparser.h>
#include <string.h>

#include "fixture_results.h"
#include "reports/html.h"
#include "testutil.h"

static struct sc_srg *srg;
static struct sc_content *content;
static struct sc_testresult *tr;
static struct sc_checklist *cl;
static struct sc_buf html = SC_BUF_INIT;
static xmlDocPtr doc;

static void
setup(void)
{
	static const char *const r[] = { "a=fail", "b=error", "c=notapplicable",
	    "d=notselected", NULL };
	struct sc_err err = SC_ERR_INIT;

	srg = tu_srg();
	content = tu_content(tu_bench_xml);
	tr = tu_testresult(content, r);
	ck_assert_int_eq(sc_checklist_build(&cl, srg, tr, &err), 0);
	ck_assert_msg(sc_html_render(content, tr, cl, &html, &err) == 0, "%s",
	    err.msg);
	doc = htmlReadMemory(html.data, (int)html.len, "r.html", "UTF-8",
	    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	ck_assert_ptr_nonnull(doc);
}

static void
teardown(void)
{
	xmlFreeDoc(doc);
	sc_buf_free(&html);
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

#define ROW(id) "//tbody[@id='" id "']"

START_TEST(test_summary)
{
	ck_assert(strncmp(html.data, "<!DOCTYPE html", 14) == 0);
	expect("normalize-space(//h1)", "Test benchmark");
	expect("//*[@id='target-name']", "test-target");
	expect("//*[@id='content-version']", "2.1");
	expect("//*[@id='start-time']/@data-t", "2026-01-01T10:00:00+00:00");
	expect("normalize-space(//*[@id='end-time'])", "2026-01-01 10:00:07 UTC");
	expect("//*[@id='n-all']", "7");
	expect("//*[@id='n-pass']", "3");
	expect("//*[@id='n-fail']", "1");
	expect("//*[@id='n-error']", "1");
	expect("//*[@id='n-notapplicable']", "1");
	expect("//*[@id='n-notselected']", "1");
	expect("//*[@id='n-medium-fail']", "1");
	expect("//*[@id='n-low']", "3");
	expect("//*[@id='n-high-notapplicable']", "1");
	expect("normalize-space(//*[@id='score-default'])", "50.0%");
	/* no column for results nobody has, but always pass and fail */
	ck_assert_int_eq((int)tu_xpath_number(doc, "count(//*[@id='n-notchecked'])"), 0);
	/* the profile filter starts unchecked for notselected only */
	ck_assert_int_eq((int)tu_xpath_number(doc, "count(//input[@name='r'][@checked])"), 4);
	ck_assert_int_eq((int)tu_xpath_number(doc, "count(//input[@name='r'][@value='notselected'][@checked])"), 0);
}
END_TEST

START_TEST(test_rules)
{
	ck_assert_int_eq((int)tu_xpath_number(doc, "count(//tbody[@class='r'])"), 7);
	expect(ROW(TU_RULE_A) "/@data-r", "fail");
	expect(ROW(TU_RULE_A) "/@data-s", "medium");
	expect("normalize-space(" ROW(TU_RULE_A) "//div[@class='title'])", "Rule A");
	/* SRG id and V id from the mapping, CCI from the rule, NIST via its CCI */
	expect("normalize-space(" ROW(TU_RULE_A) "//div[@class='srg'])", "SRG-OS-000480-GPOS-00227V-203780");
	expect(ROW(TU_RULE_A) "//div[@class='cci']", "CCI-000366");
	expect(ROW(TU_RULE_A) "//div[@class='nist']", "CM-6 b");
	/* the content's own NIST reference */
	expect(ROW(TU_RULE("b")) "//div[@class='nist']", "CM-6 b");
	/* unmapped rule: no SRG rule, its own SRG id shown */
	expect("normalize-space(" ROW(TU_RULE("e")) "//div[@class='srg'])", "SRG-OS-000132-GPOS-00067");
	/* details: evidence and tidied texts */
	expect(ROW(TU_RULE_A) "//tr[@class='det']/@hidden", "hidden");
	expect(ROW(TU_RULE_A) "//div[@class='ev']/pre", "evidence of rule a: fail");
	expect(ROW(TU_RULE_A) "//div[@class='texts']/div[h4='Description']/p", "Only this part.");
	ck_assert_int_eq((int)tu_xpath_number(doc, "count(" ROW(TU_RULE("b")) "//div[h4='Description']/p)"), 2);
	expect(ROW(TU_RULE("b")) "//div[h4='Check']/p", "Look at /b.");
	expect(ROW(TU_RULE("b")) "//div[h4='Rationale']/p", "Why B.");
	expect("normalize-space(" ROW(TU_RULE("d")) "//div[@class='ev'])", "EvidenceNot selected by the profile: not evaluated.");
	expect("normalize-space(" ROW(TU_RULE_A) "//dl[@class='meta']/dd[1])", "SV-203780r991589_rule (V-203780)");
}
END_TEST

START_TEST(test_self_contained)
{
	/* inline CSS and script, nothing fetched */
	ck_assert_int_eq((int)tu_xpath_number(doc, "count(//script[@src] | //link | //img | //iframe)"), 0);
	ck_assert(strstr(html.data, "--fail:") != NULL);
	ck_assert(strstr(html.data, "function apply()") != NULL);
	/* script text is not escaped */
	ck_assert(strstr(html.data, "&amp;&amp;") == NULL);
	ck_assert(strstr(html.data, "http://") == NULL ||
	    strstr(html.data, "src=\"http") == NULL);
}
END_TEST

START_TEST(test_without_mapping)
{
	struct sc_buf b = SC_BUF_INIT;
	struct sc_err err = SC_ERR_INIT;

	/* no checklist: what the content says */
	ck_assert_int_eq(sc_html_render(content, tr, NULL, &b, &err), 0);
	ck_assert(strstr(b.data, "SRG-OS-000001-GPOS-00001") != NULL);	/* rule d's version */
	ck_assert(strstr(b.data, "<span class=\"v\">") == NULL);	/* no V-ids */
	sc_buf_free(&b);
}
END_TEST

START_TEST(test_write)
{
	char *dir = tu_mkdtemp(), *path = tu_path(dir, "r.html"), *text;
	struct sc_err err = SC_ERR_INIT;

	ck_assert_int_eq(sc_html_write(content, tr, cl, path, &err), 0);
	text = tu_read(path, NULL);
	ck_assert_str_eq(text, html.data);
	free(text);
	free(path);
	path = tu_path(dir, "nodir/r.html");
	ck_assert_int_lt(sc_html_write(content, tr, cl, path, &err), 0);
	ck_assert(strstr(err.msg, "nodir/r.html") != NULL);
	free(path);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

static Suite *
html_suite(void)
{
	Suite *s = suite_create("html");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_summary);
	tcase_add_test(tc, test_rules);
	tcase_add_test(tc, test_self_contained);
	tcase_add_test(tc, test_without_mapping);
	tcase_add_test(tc, test_write);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(html_suite)
