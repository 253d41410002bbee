/*
 * check_xccdf.c - content loading (XCCDF and SCAP data streams), profile
 * resolution, scoring and the XCCDF results writer.
 */
#include <libxml/parser.h>
#include <math.h>
#include <string.h>

#include "testutil.h"
#include "xccdf/content.h"
#include "xccdf/policy.h"
#include "xccdf/result.h"
#include "xccdf/results_xml.h"
#include "xccdf/score.h"

#define NS "xmlns=\"http://checklists.nist.gov/xccdf/1.2\""

static const char bench_xml[] =
"<Benchmark " NS " id=\"xccdf_t_benchmark_b\" resolved=\"1\">"
"<status>draft</status><title>T</title><version>1.2.3</version>"
"<Profile id=\"xccdf_t_profile_base\"><title>Base</title>"
"  <select idref=\"xccdf_t_rule_r2\" selected=\"false\"/>"
"  <refine-value idref=\"xccdf_t_value_v\" selector=\"strict\"/>"
"</Profile>"
"<Profile id=\"xccdf_t_profile_derived\" extends=\"xccdf_t_profile_base\">"
"  <title>Derived</title>"
"  <select idref=\"cluster-a\" selected=\"false\"/>"
"  <refine-rule idref=\"xccdf_t_rule_r1\" severity=\"high\" weight=\"3\"/>"
"  <set-value idref=\"xccdf_t_value_w\">42</set-value>"
"</Profile>"
"<Profile id=\"xccdf_t_profile_loop1\" extends=\"xccdf_t_profile_loop2\"><title>L</title></Profile>"
"<Profile id=\"xccdf_t_profile_loop2\" extends=\"xccdf_t_profile_loop1\"><title>L</title></Profile>"
"<Value id=\"xccdf_t_value_v\" type=\"number\"><value>10</value>"
"  <value selector=\"strict\">5</value></Value>"
"<Value id=\"xccdf_t_value_w\"><value>x</value></Value>"
"<Group id=\"xccdf_t_group_g1\" weight=\"2\"><title>G1</title>"
"  <Rule id=\"xccdf_t_rule_r1\" severity=\"low\"><title>  R1\n title </title>"
"    <ident system=\"http://cyber.mil/cci\">CCI-000366</ident>"
"    <check system=\"urn:x\"><check-content-ref href=\"a.xml\" name=\"n1\"/>"
"      <check-export value-id=\"xccdf_t_value_v\" export-name=\"oval:x:var:1\"/></check>"
"  </Rule>"
"  <Rule id=\"xccdf_t_rule_r2\" severity=\"medium\" cluster-id=\"cluster-a\"><title>R2</title></Rule>"
"</Group>"
"<Group id=\"xccdf_t_group_g2\" selected=\"false\"><title>G2</title>"
"  <Rule id=\"xccdf_t_rule_r3\" severity=\"high\"><title>R3</title></Rule>"
"</Group>"
"<Rule id=\"xccdf_t_rule_r4\" severity=\"medium\" role=\"unscored\" weight=\"0.5\"><title>R4</title>"
"  <platform idref=\"cpe:/o:notapplicable\"/></Rule>"
"</Benchmark>";

static struct sc_content *
load(const char *xml, struct sc_err *err)
{
	struct sc_content *c = NULL;

	sc_content_load_memory(&c, xml, strlen(xml), "test.xml", NULL, err);
	return c;
}

START_TEST(test_model)
{
	struct sc_err err = SC_ERR_INIT;
	struct sc_content *c = load(bench_xml, &err);
	struct sc_benchmark *b;
	const struct sc_item *r1;

	ck_assert_msg(c != NULL, "%s", err.msg);
	b = sc_content_benchmark(c);
	ck_assert_str_eq(b->id, "xccdf_t_benchmark_b");
	ck_assert_str_eq(b->version, "1.2.3");
	ck_assert_uint_eq(b->n_profiles, 4);
	ck_assert_uint_eq(b->n_items, 8);	/* 2 values, 2 groups, 4 rules */
	ck_assert_uint_eq(b->n_top, 5);
	r1 = sc_bench_find(b, "xccdf_t_rule_r1");
	ck_assert_ptr_nonnull(r1);
	ck_assert_str_eq(r1->title, "R1 title");
	ck_assert_int_eq(r1->severity, SC_SEV_LOW);
	ck_assert_str_eq(r1->parent->id, "xccdf_t_group_g1");
	ck_assert_uint_eq(r1->n_idents, 1);
	ck_assert_str_eq(r1->idents[0].value, "CCI-000366");
	ck_assert_uint_eq(r1->n_checks, 1);
	ck_assert_str_eq(r1->checks[0].system, "urn:x");
	ck_assert_str_eq(r1->checks[0].refs[0].href, "a.xml");
	ck_assert_str_eq(r1->checks[0].refs[0].name, "n1");
	ck_assert_uint_eq(r1->checks[0].n_exports, 1);
	ck_assert_double_eq(sc_bench_find(b, "xccdf_t_group_g1")->weight, 2.0);
	ck_assert_int_eq(sc_bench_find(b, "xccdf_t_rule_r4")->role,
	    SC_ROLE_UNSCORED);
	ck_assert_ptr_null(sc_bench_find(b, "nope"));
	sc_content_free(c);
}
END_TEST

START_TEST(test_policy)
{
	struct sc_err err = SC_ERR_INIT;
	struct sc_content *c = load(bench_xml, &err);
	struct sc_benchmark *b = sc_content_benchmark(c);
	const struct sc_item *r1 = sc_bench_find(b, "xccdf_t_rule_r1"),
	    *r2 = sc_bench_find(b, "xccdf_t_rule_r2"),
	    *r3 = sc_bench_find(b, "xccdf_t_rule_r3");
	struct sc_policy *p;

	/* defaults: g2 unselected hides r3 */
	ck_assert_int_eq(sc_policy_new(&p, b, NULL, &err), 0);
	ck_assert(sc_policy_rule_selected(p, r1));
	ck_assert(sc_policy_rule_selected(p, r2));
	ck_assert(!sc_policy_rule_selected(p, r3));
	ck_assert(sc_policy_item_selected(p, r3));
	ck_assert_uint_eq(sc_policy_count_selected_rules(p), 3);
	ck_assert_str_eq(sc_policy_value(p, "xccdf_t_value_v"), "10");
	ck_assert_ptr_null(sc_policy_value(p, "xccdf_t_rule_r1"));
	sc_policy_free(p);

	/* base: r2 off, v refined to the "strict" selector */
	ck_assert_int_eq(sc_policy_new(&p, b, "xccdf_t_profile_base", &err), 0);
	ck_assert(!sc_policy_rule_selected(p, r2));
	ck_assert_str_eq(sc_policy_value(p, "xccdf_t_value_v"), "5");
	ck_assert_int_eq(sc_policy_severity(p, r1), SC_SEV_LOW);
	sc_policy_free(p);

	/* derived extends base: inherits, then refines */
	ck_assert_int_eq(sc_policy_new(&p, b, "xccdf_t_profile_derived", &err), 0);
	ck_assert_str_eq(sc_policy_profile(p)->id, "xccdf_t_profile_derived");
	ck_assert(!sc_policy_rule_selected(p, r2));	/* by cluster and base */
	ck_assert_str_eq(sc_policy_value(p, "xccdf_t_value_v"), "5");
	ck_assert_str_eq(sc_policy_value(p, "xccdf_t_value_w"), "42");
	ck_assert_int_eq(sc_policy_severity(p, r1), SC_SEV_HIGH);
	ck_assert_double_eq(sc_policy_weight(p, r1), 3.0);
	sc_policy_free(p);

	ck_assert_int_eq(sc_policy_new(&p, b, "xccdf_t_profile_nope", &err),
	    SC_ERR_NOTFOUND);
	ck_assert_ptr_null(p);
	ck_assert_msg(strstr(err.msg, "xccdf_t_profile_nope"), "%s", err.msg);
	ck_assert_int_eq(sc_policy_new(&p, b, "xccdf_t_profile_loop1", &err),
	    SC_ERR_PARSE);
	ck_assert_msg(strstr(err.msg, "extends itself"), "%s", err.msg);
	sc_policy_free(NULL);
	sc_content_free(c);
}
END_TEST

START_TEST(test_bad_content)
{
	struct sc_err err = SC_ERR_INIT;
	struct sc_content *c;

	c = load("<Benchmark " NS " id=\"b\"><Rule id=\"r\"/><Rule id=\"r\"/>"
	    "</Benchmark>", &err);
	ck_assert_ptr_null(c);
	ck_assert_msg(strstr(err.msg, "duplicate id 'r'"), "%s", err.msg);
	c = load("<Benchmark " NS " id=\"b\"><Rule id=\"r\" extends=\"q\"/>"
	    "</Benchmark>", &err);
	ck_assert_ptr_null(c);
	ck_assert_int_eq(err.code, SC_ERR_UNSUPPORTED);
	c = load("<Benchmark xmlns=\"http://checklists.nist.gov/xccdf/1.1\" "
	    "id=\"b\"/>", &err);
	ck_assert_ptr_null(c);
	ck_assert_msg(strstr(err.msg, "XCCDF 1.1"), "%s", err.msg);
	c = load("<Benchmark " NS " id=\"b\">\n<Rule>\n</Benchmark>", &err);
	ck_assert_ptr_null(c);
	ck_assert_msg(strstr(err.msg, "test.xml:3: malformed XML"), "%s",
	    err.msg);
	/* external entities are never expanded, nothing is fetched */
	c = load("<!DOCTYPE b [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
	    "<Benchmark " NS " id=\"b\"><title>&x;</title></Benchmark>", &err);
	if (c != NULL) {
		ck_assert(sc_content_benchmark(c)->title == NULL ||
		    strstr(sc_content_benchmark(c)->title, "root:") == NULL);
		sc_content_free(c);
	}
	sc_content_free(NULL);
}
END_TEST

START_TEST(test_datastream)
{
	struct sc_err err = SC_ERR_INIT;
	struct sc_content *c = NULL;
	char *ds = tu_shared("data/scap/ssg-chainguard-gpos-ds.xml");
	struct sc_content_opts o = { NULL, NULL, 0 };
	const char *comp;
	xmlNodePtr root;
	size_t rules = 0, na = 0;
	struct sc_benchmark *b;

	ck_assert_msg(sc_content_load_file(&c, ds, &o, &err) == 0, "%s",
	    err.msg);
	ck_assert_int_eq(sc_content_kind(c), SC_CONTENT_DATASTREAM);
	b = sc_content_benchmark(c);
	ck_assert_str_eq(b->id,
	    "xccdf_org.open-scap.sce-community-content_benchmark_all");
	for (size_t i = 0; i < b->n_items; i++) {
		if (b->items[i]->type != SC_ITEM_RULE)
			continue;
		rules++;
		if (b->items[i]->platforms.n == 1 &&
		    strcmp(b->items[i]->platforms.v[0], "cpe:/o:notapplicable") == 0)
			na++;
	}
	ck_assert_uint_eq(rules, 198);
	ck_assert_uint_eq(na, 107);
	/* catalog: name -> component-ref -> (extended) component */
	ck_assert_int_eq(sc_content_resolve_href(c, "PackageSignatureTest.xml",
	    &root, &comp, &err), 0);
	ck_assert_str_eq((const char *)root->name, "oval_definitions");
	ck_assert_str_eq(comp, "scap_org_ecomp_.packagesignaturecheck");
	ck_assert_int_eq(sc_content_resolve_href(c, "AslrCheck.sh", &root, NULL,
	    &err), 0);
	ck_assert_str_eq((const char *)root->name, "script");
	ck_assert_int_eq(sc_content_resolve_href(c, "Missing.xml", &root, NULL,
	    &err), SC_ERR_NOTFOUND);
	sc_content_free(c);

	o.datastream_id = "nope";
	ck_assert_int_eq(sc_content_load_file(&c, ds, &o, &err),
	    SC_ERR_NOTFOUND);
	ck_assert_msg(strstr(err.msg, "no data-stream with id 'nope'"), "%s",
	    err.msg);
	o.datastream_id = NULL;
	o.checklist_id = "nope";
	ck_assert_int_eq(sc_content_load_file(&c, ds, &o, &err),
	    SC_ERR_NOTFOUND);
	free(ds);
}
END_TEST

static struct sc_rule_result *
rr_with(struct sc_testresult *tr, const struct sc_benchmark *b,
    const char *id, enum sc_result res, double w)
{
	struct sc_rule_result *rr = sc_testresult_add(tr, id);

	rr->rule = sc_bench_find(b, id);
	rr->result = res;
	rr->weight = w;
	rr->role = rr->rule->role;
	return rr;
}

START_TEST(test_scores)
{
	struct sc_err err = SC_ERR_INIT;
	struct sc_content *c = load(
	    "<Benchmark " NS " id=\"xccdf_t_benchmark_s\">"
	    "<Group id=\"g1\" weight=\"2\">"
	    "  <Rule id=\"a\" weight=\"1\"/><Rule id=\"b\" weight=\"3\"/>"
	    "  <Rule id=\"na\" weight=\"5\"/></Group>"
	    "<Group id=\"g2\" weight=\"1\"><Rule id=\"c\" weight=\"2\"/></Group>"
	    "<Rule id=\"d\" weight=\"0\"/>"
	    "</Benchmark>", &err);
	struct sc_benchmark *b = sc_content_benchmark(c);
	struct sc_testresult *tr = sc_testresult_new();
	struct sc_policy *p;

	ck_assert_int_eq(sc_policy_new(&p, b, NULL, &err), 0);
	rr_with(tr, b, "a", SC_RESULT_PASS, 1);
	rr_with(tr, b, "b", SC_RESULT_FAIL, 3);
	rr_with(tr, b, "na", SC_RESULT_NOTAPPLICABLE, 5);
	rr_with(tr, b, "c", SC_RESULT_PASS, 2);
	rr_with(tr, b, "d", SC_RESULT_FIXED, 0);
	sc_score_compute(p, tr);
	/*
	 * default: g1 = (100*1 + 0*3) / 4 = 25; g2 = 100; d = 100 (weight 0)
	 * benchmark = (25*2 + 100*1 + 100*0) / (2 + 1 + 0) = 50
	 * flat: score 1 + 2 + 0 = 3 of 1 + 3 + 2 + 0 = 6
	 * flat-unweighted: 2 of 3 (weight-0 rules do not count)
	 * absolute: 0
	 */
	ck_assert_uint_eq(tr->n_scores, 4);
	ck_assert_str_eq(tr->scores[0].system, SC_SCORE_DEFAULT);
	ck_assert_double_eq_tol(tr->scores[0].score, 50.0, 1e-9);
	ck_assert_double_eq(tr->scores[0].maximum, 100.0);
	ck_assert_double_eq_tol(tr->scores[1].score, 3.0, 1e-9);
	ck_assert_double_eq_tol(tr->scores[1].maximum, 6.0, 1e-9);
	ck_assert_double_eq_tol(tr->scores[2].score, 2.0, 1e-9);
	ck_assert_double_eq_tol(tr->scores[2].maximum, 3.0, 1e-9);
	ck_assert_double_eq(tr->scores[3].score, 0.0);
	/* all passing: absolute 1 */
	tr->rr[1].result = SC_RESULT_PASS;
	sc_score_compute(p, tr);
	ck_assert_double_eq(tr->scores[3].score, 1.0);
	ck_assert_double_eq_tol(tr->scores[0].score, 100.0, 1e-9);
	sc_testresult_free(tr);
	sc_policy_free(p);
	sc_content_free(c);
}
END_TEST

START_TEST(test_xml_safe_and_messages)
{
	struct sc_buf b = SC_BUF_INIT;
	struct sc_testresult *tr = sc_testresult_new();
	struct sc_rule_result *rr = sc_testresult_add(tr, "r");

	sc_buf_reset(&b);
	{
		static const char in[] =
		    "ok \xc3\xa9 \xff\x01 \xe2\x82 \xef\xbf\xbe end";
		sc_xml_safe_append(&b, in, sizeof(in) - 1);
	}
	ck_assert_str_eq(b.data,
	    "ok \xc3\xa9 \\xff\\x01 \\xe2\\x82 \\xef\\xbf\\xbe end");
	sc_buf_free(&b);
	for (int i = 0; i < SC_RESULT_MAX_MESSAGES + 7; i++)
		sc_rr_addf(rr, SC_MSG_INFO, "m%d", i);
	ck_assert_uint_eq(rr->n_msgs, SC_RESULT_MAX_MESSAGES);
	ck_assert_uint_eq(rr->dropped, 7);
	sc_testresult_free(tr);
	sc_testresult_free(NULL);
}
END_TEST

START_TEST(test_time)
{
	char buf[64];
	time_t t;

	sc_time_iso8601(1764316800, buf, sizeof(buf));
	ck_assert_str_eq(buf, "2025-11-28T08:00:00+00:00");
	ck_assert_int_eq(sc_time_parse_iso8601(buf, &t), 0);
	ck_assert_int_eq(t, 1764316800);
	ck_assert_int_eq(sc_time_parse_iso8601("2025-11-28T10:00:00+02:00", &t), 0);
	ck_assert_int_eq(t, 1764316800);
	ck_assert_int_eq(sc_time_parse_iso8601("2025-11-28T08:00:00.123Z", &t), 0);
	ck_assert_int_eq(t, 1764316800);
	ck_assert_int_eq(sc_time_parse_iso8601("yesterday", &t), -1);
}
END_TEST

START_TEST(test_results_document)
{
	struct sc_err err = SC_ERR_INIT;
	struct sc_content *c = load(bench_xml, &err);
	struct sc_benchmark *b = sc_content_benchmark(c);
	struct sc_testresult *tr = sc_testresult_new();
	struct sc_rule_result *rr;
	struct sc_policy *p;
	xmlDocPtr doc;
	xmlNodePtr root, last = NULL;
	xmlChar *mem;
	int len;

	sc_policy_new(&p, b, NULL, &err);
	tr->id = sc_xstrdup("xccdf_org.stigcheck_testresult_default");
	tr->benchmark_id = sc_xstrdup(b->id);
	tr->benchmark_href = sc_xstrdup("test.xml");
	tr->title = sc_xstrdup("t");
	tr->test_system = sc_xstrdup("cpe:/a:stigcheck:stigcheck:0");
	tr->target = sc_xstrdup("tgt <&>");
	sc_testresult_add_fact(tr, "urn:x", "string", "v\xff");
	rr = rr_with(tr, b, "xccdf_t_rule_r1", SC_RESULT_FAIL, 1);
	sc_rr_add(rr, SC_MSG_ERROR, "bad name \xfe <here>");
	sc_rr_set_check(rr, &rr->rule->checks[0]);
	rr->dropped = 3;
	sc_score_compute(p, tr);
	ck_assert_int_eq(sc_results_build(c, tr, &doc, &err), 0);
	xmlDocDumpMemory(doc, &mem, &len);
	/* it round-trips through the parser: well-formed whatever the input */
	{
		xmlDocPtr again = xmlReadMemory((const char *)mem, len, "r.xml",
		    NULL, XML_PARSE_NONET);
		ck_assert_ptr_nonnull(again);
		xmlFreeDoc(again);
	}
	ck_assert(strstr((char *)mem, "bad name \\xfe &lt;here&gt;") != NULL);
	ck_assert(strstr((char *)mem, "... and 3 more messages not shown"));
	ck_assert(strstr((char *)mem, "<target>tgt &lt;&amp;&gt;</target>"));
	ck_assert(strstr((char *)mem, "v\\xff</fact>"));
	ck_assert(strstr((char *)mem, "name=\"n1\""));
	root = xmlDocGetRootElement(doc);
	ck_assert_str_eq((const char *)root->name, "Benchmark");
	for (xmlNodePtr ch = root->children; ch; ch = ch->next)
		if (ch->type == XML_ELEMENT_NODE)
			last = ch;
	ck_assert_str_eq((const char *)last->name, "TestResult");
	xmlFree(mem);
	xmlFreeDoc(doc);
	sc_testresult_free(tr);
	sc_policy_free(p);
	sc_content_free(c);
}
END_TEST

static Suite *
xccdf_suite(void)
{
	Suite *s = suite_create("xccdf");
	TCase *tc = tcase_create("xccdf");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_model);
	tcase_add_test(tc, test_policy);
	tcase_add_test(tc, test_bad_content);
	tcase_add_test(tc, test_datastream);
	tcase_add_test(tc, test_scores);
	tcase_add_test(tc, test_xml_safe_and_messages);
	tcase_add_test(tc, test_time);
	tcase_add_test(tc, test_results_document);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(xccdf_suite)
