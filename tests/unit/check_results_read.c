/*
 * check_results_read.c - stored XCCDF results and ARF back into memory:
 * everything the writers use survives the round trip; bad files give one
 * clear error naming the file.
 */
#include <string.h>

#include "fixture_results.h"
#include "testutil.h"
#include "xccdf/arf.h"
#include "xccdf/evidence.h"
#include "xccdf/results_read.h"
#include "xccdf/results_xml.h"

static char *dir;
static struct sc_content *content;
static struct sc_testresult *tr;

static void
setup(void)
{
	static const char *const r[] = { "a=fail", "c=notapplicable",
	    "d=notselected", "g=error", NULL };
	struct sc_rule_result *b;

	dir = tu_mkdtemp();
	content = tu_content(tu_bench_xml);
	tr = tu_testresult(content, r);
	sc_strv_push(&tr->target_addresses, "10.0.0.7");
	b = &tr->rr[1];
	sc_rr_add(b, SC_MSG_WARNING, "second line");
	for (int i = 0; i < 60; i++)
		sc_rr_addf(b, SC_MSG_INFO, "line %d", i);
	sc_testresult_add_check_doc(tr, SC_OVAL_DEFS_NS, tu_parse(tu_oval_results_xml));
}

static void
teardown(void)
{
	sc_testresult_free(tr);
	sc_content_free(content);
	tu_rmrf(dir);
	free(dir);
}

static void
same(const struct sc_testresult *x, const struct sc_testresult *y, int docs)
{
	ck_assert_str_eq(x->id, y->id);
	ck_assert_str_eq(x->benchmark_id, y->benchmark_id);
	ck_assert_str_eq(x->profile_id, y->profile_id);
	ck_assert_str_eq(x->target, y->target);
	ck_assert_str_eq(x->test_system, y->test_system);
	ck_assert_int_eq(x->start_time, y->start_time);
	ck_assert_int_eq(x->end_time, y->end_time);
	ck_assert_uint_eq(x->target_addresses.n, y->target_addresses.n);
	ck_assert_uint_eq(x->n_facts, y->n_facts);
	for (size_t i = 0; i < x->n_facts; i++) {
		ck_assert_str_eq(x->facts[i].name, y->facts[i].name);
		ck_assert_str_eq(x->facts[i].value, y->facts[i].value);
	}
	ck_assert_uint_eq(x->n_scores, y->n_scores);
	ck_assert_str_eq(x->scores[0].system, y->scores[0].system);
	ck_assert(x->scores[0].score == y->scores[0].score);
	ck_assert_uint_eq(x->n_rr, y->n_rr);
	for (size_t i = 0; i < x->n_rr; i++) {
		const struct sc_rule_result *a = &x->rr[i], *b = &y->rr[i];

		ck_assert_str_eq(a->idref, b->idref);
		ck_assert_ptr_nonnull(b->rule);
		ck_assert_str_eq(a->rule->id, b->rule->id);
		ck_assert_int_eq(a->result, b->result);
		ck_assert_int_eq(a->severity, b->severity);
		ck_assert_int_eq(a->role, b->role);
		ck_assert(a->weight == b->weight);
		ck_assert_int_eq(a->time, b->time);
		ck_assert_uint_eq(a->n_msgs, b->n_msgs);
		ck_assert_uint_eq(a->dropped, b->dropped);
		for (size_t m = 0; m < a->n_msgs; m++)
			ck_assert_str_eq(a->msgs[m].text, b->msgs[m].text);
		if (a->check_system == NULL) {
			ck_assert_ptr_null(b->check_system);
			continue;
		}
		ck_assert_str_eq(a->check_system, b->check_system);
		ck_assert_uint_eq(a->n_check_refs, b->n_check_refs);
		for (size_t k = 0; k < a->n_check_refs; k++)
			ck_assert_str_eq(a->check_refs[k].href, b->check_refs[k].href);
	}
	ck_assert_uint_eq(y->n_check_docs, docs ? x->n_check_docs : 0);
}

START_TEST(test_xccdf_round_trip)
{
	char *path = tu_path(dir, "r.xml");
	struct sc_content *c2;
	struct sc_testresult *t2;
	struct sc_err err = SC_ERR_INIT;

	ck_assert_int_eq(sc_results_write(content, tr, path, &err), 0);
	ck_assert_msg(sc_results_load(path, &c2, &t2, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(t2->benchmark_href, "test.xml");
	same(tr, t2, 0);
	/* the capped evidence: 50 lines, then the count of the others */
	ck_assert_uint_eq(t2->rr[1].n_msgs, 50);
	ck_assert_uint_eq(t2->rr[1].dropped, 12);
	/* <message severity> follows the result (evidence.h), not the
	 * most severe line */
	ck_assert_int_eq(t2->rr[1].msgs[1].sev, sc_evidence_severity(&tr->rr[1]));
	ck_assert_int_eq(sc_content_kind(c2), SC_CONTENT_XCCDF);
	ck_assert_str_eq(sc_content_benchmark(c2)->id, "xccdf_org.test_benchmark_t");
	/* the content has no TestResult left */
	ck_assert_int_eq((int)tu_xpath_number(sc_content_doc(c2),
	    "count(//*[local-name()='TestResult'])"), 0);
	sc_testresult_free(t2);
	sc_content_free(c2);
	free(path);
}
END_TEST

START_TEST(test_arf_round_trip)
{
	char *path = tu_path(dir, "a.xml");
	struct sc_content *c2;
	struct sc_testresult *t2;
	struct sc_err err = SC_ERR_INIT;

	ck_assert_int_eq(sc_arf_write(content, tr, path, &err), 0);
	ck_assert_msg(sc_results_load(path, &c2, &t2, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(sc_content_kind(c2), SC_CONTENT_DATASTREAM);
	ck_assert_str_eq(t2->benchmark_href, "#scap_org.stigcheck_comp_test.xml");
	/* same(): the OVAL rule's href "#oval0" reads back as "oval.xml" */
	same(tr, t2, 1);
	ck_assert_str_eq(t2->rr[6].check_refs[0].href, "oval.xml");
	ck_assert_str_eq(t2->check_docs[0].system, SC_OVAL_DEFS_NS);
	ck_assert_str_eq((const char *)xmlDocGetRootElement(t2->check_docs[0].doc)->name,
	    "oval_results");
	sc_testresult_free(t2);
	sc_content_free(c2);
	free(path);
}
END_TEST

static void
bad(const char *name, const char *xml, const char *msg)
{
	char *path = tu_path(dir, name);
	struct sc_content *c = (struct sc_content *)1;
	struct sc_testresult *t = (struct sc_testresult *)1;
	struct sc_err err = SC_ERR_INIT;

	tu_write(dir, name, xml, 0644);
	ck_assert_int_lt(sc_results_load(path, &c, &t, &err), 0);
	ck_assert_ptr_null(c);
	ck_assert_ptr_null(t);
	ck_assert_msg(strstr(err.msg, msg) != NULL, "%s: '%s'", name, err.msg);
	ck_assert_msg(strstr(err.msg, name) != NULL, "no file name: '%s'", err.msg);
	free(path);
}

#define B "<Benchmark xmlns=\"http://checklists.nist.gov/xccdf/1.2\" id=\"xccdf_o.x_benchmark_b\">"
#define T "<TestResult id=\"xccdf_o.x_testresult_t\" end-time=\"2026-01-01T00:00:00Z\">"

START_TEST(test_errors)
{
	bad("none.xml", B "</Benchmark>", "holds no TestResult");
	bad("bare.xml", "<TestResult xmlns=\"http://checklists.nist.gov/xccdf/1.2\"/>",
	    "a bare TestResult has no Benchmark");
	bad("v11.xml", "<Benchmark xmlns=\"http://checklists.nist.gov/xccdf/1.1\"/>",
	    "XCCDF 1.1 results are not supported");
	bad("other.xml", "<html/>", "root element <html>");
	bad("notarget.xml", B T "</TestResult></Benchmark>", "has no <target>");
	bad("noend.xml", B "<TestResult id=\"t\"><target>x</target></TestResult></Benchmark>",
	    "has no end-time");
	bad("badtime.xml", B "<TestResult id=\"t\" end-time=\"yesterday\"><target>x</target></TestResult></Benchmark>",
	    "end-time 'yesterday' is not a time");
	bad("badresult.xml", B T "<target>x</target><rule-result idref=\"r\"><result>maybe</result></rule-result></TestResult></Benchmark>",
	    "unknown result 'maybe'");
	bad("noresult.xml", B T "<target>x</target><rule-result idref=\"r\"/></TestResult></Benchmark>",
	    "has no <result>");
	bad("arf.xml", "<arf:asset-report-collection xmlns:arf=\"" SC_ARF_NS "\"><arf:reports/></arf:asset-report-collection>",
	    "holds no XCCDF 1.2 TestResult");
	bad("malformed.xml", B "<oops>", "malformed XML");
}
END_TEST

START_TEST(test_unknown_rule)
{
	char *path = tu_path(dir, "u.xml");
	struct sc_content *c;
	struct sc_testresult *t;
	struct sc_err err = SC_ERR_INIT;

	/* a rule-result for a Rule the Benchmark lacks is kept, without one */
	tu_write(dir, "u.xml", B T "<target>x</target><rule-result idref=\"r\" severity=\"high\">"
	    "<result>fail</result><message severity=\"error\">one\ntwo</message>"
	    "<check system=\"urn:x\"><check-content-ref href=\"f.xml\" name=\"n\"/></check>"
	    "</rule-result></TestResult></Benchmark>", 0644);
	ck_assert_msg(sc_results_load(path, &c, &t, &err) == 0, "%s", err.msg);
	ck_assert_uint_eq(t->n_rr, 1);
	ck_assert_ptr_null(t->rr[0].rule);
	ck_assert_int_eq(t->rr[0].severity, SC_SEV_HIGH);
	ck_assert_uint_eq(t->rr[0].n_msgs, 2);
	ck_assert_int_eq(t->rr[0].msgs[1].sev, SC_MSG_ERROR);
	ck_assert_str_eq(t->rr[0].check_system, "urn:x");
	ck_assert_str_eq(t->rr[0].check_refs[0].href, "f.xml");
	ck_assert_str_eq(t->rr[0].check_refs[0].name, "n");
	ck_assert_int_eq(t->start_time, t->end_time);	/* no start-time */
	sc_testresult_free(t);
	sc_content_free(c);
	free(path);
}
END_TEST

static Suite *
results_read_suite(void)
{
	Suite *s = suite_create("results_read");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_xccdf_round_trip);
	tcase_add_test(tc, test_arf_round_trip);
	tcase_add_test(tc, test_errors);
	tcase_add_test(tc, test_unknown_rule);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(results_read_suite)
