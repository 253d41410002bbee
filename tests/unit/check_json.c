/*
 * check_json.c - the machine-readable writers (reports/json.c, sarif.c,
 * junit.c, ruleinfo.c) and writing outputs all or none (outputs.c with
 * fsutil's staging).
 */
#include <dirent.h>
#include <jansson.h>
#include <string.h>
#include <sys/stat.h>

#include "fixture_results.h"
#include "reports/json.h"
#include "reports/junit.h"
#include "reports/outputs.h"
#include "reports/ruleinfo.h"
#include "reports/sarif.h"
#include "testutil.h"

static const char *const results[] = { "a=fail", "c=error", "d=notapplicable",
	"e=notchecked", "f=notselected", NULL };

struct fx {
	struct sc_content *c;
	struct sc_testresult *tr;
	struct sc_srg *srg;
	struct sc_output_ctx x;
};

static void
fx_init(struct fx *f)
{
	f->c = tu_content(tu_bench_xml);
	f->tr = tu_testresult(f->c, results);
	f->srg = tu_srg();
	f->x = (struct sc_output_ctx){ f->c, f->tr, NULL, f->srg };
}

static void
fx_free(struct fx *f)
{
	sc_srg_free(f->srg);
	sc_testresult_free(f->tr);
	sc_content_free(f->c);
}

static json_t *
rule_of(json_t *rules, const char *id)
{
	size_t i;
	json_t *r;

	json_array_foreach(rules, i, r)
		if (!strcmp(json_string_value(json_object_get(r, "id")), id))
			return r;
	return NULL;
}

START_TEST(test_summary)
{
	struct fx f;
	json_t *doc, *rules, *r;

	fx_init(&f);
	doc = sc_json_summary(&f.x);
	ck_assert_str_eq(json_string_value(json_object_get(doc, "format")),
	    "stigcheck-results");
	ck_assert_int_eq(json_integer_value(json_object_get(doc, "version")), 1);
	ck_assert_str_eq(json_string_value(json_object_get(doc, "start_time")),
	    "2026-01-01T10:00:00+00:00");
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(doc,
	    "target"), "name")), "test-target");
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(doc,
	    "counts"), "fail")), 1);
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(doc,
	    "counts"), "notselected")), 1);
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(doc,
	    "failed_by_severity"), "medium")), 1);
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(doc,
	    "open_findings"), "cat2")), 1);
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(doc,
	    "open_findings"), "cat1")), 0);
	ck_assert(json_real_value(json_object_get(doc, "score")) == 50.0);
	rules = json_object_get(doc, "rules");
	/* seven rules, f notselected */
	ck_assert_uint_eq(json_array_size(rules), 6);
	ck_assert_ptr_null(rule_of(rules, tu_rule_id('f')));
	r = rule_of(rules, TU_RULE_A);
	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq(json_string_value(json_object_get(r, "result")), "fail");
	ck_assert_str_eq(json_string_value(json_object_get(r, "severity")),
	    "medium");
	ck_assert_str_eq(json_string_value(json_object_get(r, "vuln_id")),
	    "V-203780");
	ck_assert_str_eq(json_string_value(json_array_get(json_object_get(r,
	    "evidence"), 0)), "evidence of rule a: fail");
	/* c maps by a V-id reference, e maps to nothing */
	r = rule_of(rules, tu_rule_id('c'));
	ck_assert_str_eq(json_string_value(json_object_get(r, "vuln_id")),
	    "V-203629");
	ck_assert_ptr_nonnull(json_string_value(json_object_get(r, "srg_id")));
	r = rule_of(rules, tu_rule_id('e'));
	ck_assert(json_is_null(json_object_get(r, "vuln_id")));
	ck_assert(json_is_null(json_object_get(r, "srg_id")));
	json_decref(doc);
	fx_free(&f);
}
END_TEST

/* Evidence is split into lines; bytes that are not UTF-8 stay valid JSON. */
START_TEST(test_evidence_lines)
{
	struct fx f;
	struct sc_ruleinfo ri;
	struct sc_rule_result *rr;
	json_t *doc;
	char *text;

	fx_init(&f);
	rr = &f.tr->rr[0];
	sc_rr_add(rr, SC_MSG_INFO, "two\nlines");
	sc_rr_add(rr, SC_MSG_INFO, "/tmp/\xff\xfe-file");
	rr->dropped = 3;
	sc_ruleinfo_init(&ri, f.srg, rr);
	ck_assert_uint_eq(ri.evidence.n, 5);
	ck_assert_str_eq(ri.evidence.v[1], "two");
	ck_assert_str_eq(ri.evidence.v[2], "lines");
	ck_assert_str_eq(ri.evidence.v[4], "... and 3 more messages not shown");
	sc_ruleinfo_free(&ri);
	doc = sc_json_summary(&f.x);
	text = json_dumps(doc, 0);
	ck_assert_ptr_nonnull(text);
	ck_assert(strstr(text, "\\\\xFF") != NULL || strstr(text, "\\\\xff") !=
	    NULL);
	free(text);
	json_decref(doc);
	json_decref(sc_ruleinfo_jstr(NULL));
	fx_free(&f);
}
END_TEST

START_TEST(test_sarif)
{
	struct fx f;
	json_t *doc, *run, *res, *rules, *inv, *d;

	fx_init(&f);
	doc = sc_sarif_doc(&f.x);
	ck_assert_str_eq(json_string_value(json_object_get(doc, "version")),
	    "2.1.0");
	run = json_array_get(json_object_get(doc, "runs"), 0);
	res = json_object_get(run, "results");
	rules = json_object_get(json_object_get(json_object_get(run, "tool"),
	    "driver"), "rules");
	ck_assert_uint_eq(json_array_size(rules), 6);
	/* one result: the failing rule, medium -> warning */
	ck_assert_uint_eq(json_array_size(res), 1);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(res, 0),
	    "ruleId")), TU_RULE_A);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(res, 0),
	    "level")), "warning");
	d = json_array_get(rules, (size_t)json_integer_value(json_object_get(
	    json_array_get(res, 0), "ruleIndex")));
	ck_assert_str_eq(json_string_value(json_object_get(d, "id")), TU_RULE_A);
	ck_assert_str_eq(json_string_value(json_object_get(d, "name")), "V-203780");
	ck_assert(strstr(json_string_value(json_object_get(json_object_get(
	    json_array_get(res, 0), "message"), "text")), "evidence of rule a")
	    != NULL);
	/* the error is a notification, and the run says it was not clean */
	inv = json_array_get(json_object_get(run, "invocations"), 0);
	ck_assert(json_is_false(json_object_get(inv, "executionSuccessful")));
	ck_assert_uint_eq(json_array_size(json_object_get(inv,
	    "toolExecutionNotifications")), 1);
	json_decref(doc);
	fx_free(&f);
}
END_TEST

START_TEST(test_junit)
{
	struct fx f;
	xmlDocPtr doc;

	fx_init(&f);
	doc = sc_junit_doc(&f.x);
	tu_expect(doc, "string(/testsuites/@tests)", "6");
	tu_expect(doc, "string(/testsuites/@failures)", "1");
	tu_expect(doc, "string(/testsuites/@errors)", "1");
	tu_expect(doc, "string(/testsuites/@skipped)", "2");
	tu_expect(doc, "string(/testsuites/testsuite/@tests)", "6");
	tu_expect(doc, "string(/testsuites/testsuite/@hostname)", "test-target");
	tu_expect(doc, "string(/testsuites/testsuite/@time)", "7.000");
	tu_expect(doc, "count(//testcase)", "6");
	tu_expect(doc, "string(//testcase[@name='" TU_RULE_A "']/failure/@type)",
	    "medium");
	tu_expect(doc, "string(//testcase[@name='" TU_RULE_A "']/failure)",
	    "evidence of rule a: fail");
	tu_expect(doc, "string(//testcase[@name='xccdf_org.test_rule_c']/error/@type)",
	    "error");
	tu_expect(doc, "count(//testcase[@name='xccdf_org.test_rule_d']/skipped)",
	    "1");
	tu_expect(doc, "string(//testcase[@name='xccdf_org.test_rule_b']/system-out)",
	    "evidence of rule b: pass");
	xmlFreeDoc(doc);
	fx_free(&f);
}
END_TEST

static size_t
entries(const char *d)
{
	DIR *dp = opendir(d);
	struct dirent *e;
	size_t n = 0;

	while ((e = readdir(dp)) != NULL)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(dp);
	return n;
}

/* One output cannot be written: none is, and no temporary file is left. */
START_TEST(test_all_or_none)
{
	struct fx f;
	char *dir = tu_mkdtemp(), *a = tu_path(dir, "r.json"),
	    *b = tu_path(dir, "r.sarif"), *bad = tu_path(dir, "no/j.xml");
	struct sc_outputs o;
	struct sc_err err = SC_ERR_INIT;
	struct stat st;

	fx_init(&f);
	memset(&o, 0, sizeof(o));
	o.path[sc_output_find("json")] = a;
	o.path[sc_output_find("sarif")] = b;
	o.path[sc_output_find("junit")] = bad;
	ck_assert_int_lt(sc_outputs_check(&o, NULL, &err), 0);
	ck_assert(strstr(err.msg, "no/j.xml") != NULL);
	/* written anyway (as if the directory went away during the scan) */
	ck_assert_int_lt(sc_outputs_write(&o, f.c, f.tr, &err), 0);
	ck_assert(strstr(err.msg, "no/j.xml") != NULL);
	ck_assert_uint_eq(entries(dir), 0);
	/* all fine: all written */
	o.path[sc_output_find("junit")] = NULL;
	ck_assert_int_eq(sc_outputs_check(&o, NULL, &err), 0);
	ck_assert_msg(sc_outputs_write(&o, f.c, f.tr, &err) == 0, "%s", err.msg);
	ck_assert_uint_eq(entries(dir), 2);
	ck_assert(stat(a, &st) == 0 && st.st_size > 100);
	/* the same file twice, or the input */
	o.path[sc_output_find("junit")] = a;
	ck_assert_int_lt(sc_outputs_check(&o, NULL, &err), 0);
	ck_assert(strstr(err.msg, "same file") != NULL);
	o.path[sc_output_find("junit")] = NULL;
	ck_assert_int_lt(sc_outputs_check(&o, b, &err), 0);
	ck_assert(strstr(err.msg, "overwrite the input") != NULL);
	/* a directory is not an output file */
	o.path[sc_output_find("json")] = dir;
	ck_assert_int_lt(sc_outputs_check(&o, NULL, &err), 0);
	ck_assert(strstr(err.msg, "is a directory") != NULL);
	free(a);
	free(b);
	free(bad);
	tu_rmrf(dir);
	free(dir);
	fx_free(&f);
}
END_TEST

static Suite *
json_suite(void)
{
	Suite *s = suite_create("json");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_summary);
	tcase_add_test(tc, test_evidence_lines);
	tcase_add_test(tc, test_sarif);
	tcase_add_test(tc, test_junit);
	tcase_add_test(tc, test_all_or_none);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(json_suite)
