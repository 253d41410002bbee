/*
 * check_review.c - reviews and waivers (xccdf/review.c): the YAML, CKL
 * and CKLB parsers with good and malformed inputs, application to a
 * TestResult (overrides, expired and unknown entries, duplicates), the
 * checklist COMMENTS round trip, and the XCCDF <override> written,
 * validated against the XCCDF 1.2 schema and read back.
 *
 * Fixture: tu_testresult (fixture_results.h), scan day 2026-01-01.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>

#include "fixture_results.h"
#include "testutil.h"
#include "util/limits.h"
#include "xccdf/results_read.h"
#include "xccdf/results_xml.h"
#include "xccdf/review.h"

#define XCCDF_XSD "/usr/share/openscap/schemas/xccdf/1.2/xccdf_1.2.xsd"

static const char good_yaml[] =
    "# waivers\n"
    "reviews:\n"
    "  - rule: xccdf_org.test_rule_b   # a waiver\n"
    "    result: pass\n"
    "    reason: Compensating control\n"
    "    by: J. Smith, ISSO\n"
    "    date: 2025-12-01\n"
    "    expires: 2026-06-01\n"
    "  - rule: V-203629\n"
    "    result: notapplicable\n"
    "    reason: \"no such service\"\n"
    "    by: A. Reviewer\n"
    "    date: 2025-12-02\n";

static struct sc_reviews *
parse_ok(const char *text)
{
	struct sc_reviews *rv = NULL;
	struct sc_err err = SC_ERR_INIT;

	ck_assert_msg(sc_review_parse(text, strlen(text), "rv.yaml", &rv,
	    &err) == 0, "parse failed: %s", err.msg);
	ck_assert_ptr_nonnull(rv);
	return rv;
}

/* the parse fails, and the message contains want */
static void
parse_bad(const char *text, const char *want)
{
	struct sc_reviews *rv = NULL;
	struct sc_err err = SC_ERR_INIT;

	ck_assert_int_lt(sc_review_parse(text, strlen(text), "rv.yaml", &rv,
	    &err), 0);
	ck_assert_ptr_null(rv);
	ck_assert_msg(strstr(err.msg, want) != NULL, "'%s' lacks '%s'",
	    err.msg, want);
	ck_assert(strchr(err.msg, '\n') == NULL);
}

START_TEST(test_yaml_good)
{
	struct sc_reviews *rv = parse_ok(good_yaml);

	ck_assert_int_eq(rv->format, SC_REVIEW_YAML);
	ck_assert_uint_eq(rv->n, 2);
	ck_assert_str_eq(rv->v[0].rule, "xccdf_org.test_rule_b");
	ck_assert_int_eq(rv->v[0].result, SC_RESULT_PASS);
	ck_assert_str_eq(rv->v[0].reason, "Compensating control");
	ck_assert_str_eq(rv->v[0].by, "J. Smith, ISSO");
	ck_assert_int_eq(rv->v[0].date, 1764547200);	/* 2025-12-01 */
	ck_assert_int_eq(rv->v[0].expires, 1780272000);	/* 2026-06-01 */
	ck_assert_str_eq(rv->v[0].where, "rv.yaml:3");
	ck_assert_int_eq(rv->v[1].result, SC_RESULT_NOTAPPLICABLE);
	ck_assert_int_eq(rv->v[1].expires, 0);
	ck_assert_str_eq(rv->v[1].where, "rv.yaml:9");
	ck_assert_int_eq(strlen(rv->sha256), 64);
	sc_reviews_free(rv);
	sc_reviews_free(NULL);
}
END_TEST

START_TEST(test_yaml_malformed)
{
	char *big;
	size_t n = SC_LIMIT_REVIEWS_TEXT + 200;

	parse_bad("reviews:\n  - rule: [unclosed\n", "rv.yaml:3: malformed YAML");
	parse_bad("reviews:\n  - rule: x\n    result: pass\n    by: a\n"
	    "    date: 2026-01-01\n", "rv.yaml:2: a review needs");
	parse_bad("reviews:\n  - rule: x\n    result: maybe\n", "rv.yaml:3: "
	    "result 'maybe'");
	parse_bad("reviews:\n  - rule: x\n    result: Open\n", "result 'Open'");
	parse_bad("reviews:\n  - rule: x\n    reslt: pass\n", "rv.yaml:3: "
	    "unknown key 'reslt'");
	parse_bad("reviews:\n  - rule: x\n    date: 2026-13-45\n", "rv.yaml:3: "
	    "date '2026-13-45'");
	parse_bad("waivers: []\n", "rv.yaml:1: unknown key 'waivers'");
	parse_bad("reviews: 3\n", "no 'reviews' list");
	parse_bad("", "no 'reviews' list");
	parse_bad("reviews:\n  - just a string\n", "rv.yaml:2: a review is a "
	    "mapping");
	parse_bad("reviews:\n  - rule:\n      nested: 1\n", "must be a plain "
	    "value");
	parse_bad("reviews:\n- {rule: a, result: pass, reason: r, by: b, "
	    "date: 2026-01-01}\n- {rule: a, result: fail, reason: r, by: b, "
	    "date: 2026-01-01}\n", "rv.yaml:3: rule 'a' is reviewed twice "
	    "(also at rv.yaml:2)");
	/* a text over the cap */
	{
		static const char head[] = "reviews:\n- {rule: a, result: pass, "
		    "by: b, date: 2026-01-01, reason: ";
		size_t h = sizeof(head) - 1;

		big = malloc(h + n + 4);
		memcpy(big, head, h);
		memset(big + h, 'x', n);
		memcpy(big + h + n, "}\n", 3);
		parse_bad(big, "SC_LIMIT_REVIEWS_TEXT");
		free(big);
	}
	/* aliases are not followed (and a scalar-only key is required) */
	parse_bad("reviews:\n  - &a {rule: x}\n  - *a\n", "a review needs");
}
END_TEST

START_TEST(test_nul_and_size)
{
	struct sc_reviews *rv = NULL;
	struct sc_err err = SC_ERR_INIT;
	static const char nul[] = "reviews: []\0x";

	ck_assert_int_lt(sc_review_parse(nul, sizeof(nul) - 1, "n.yaml", &rv,
	    &err), 0);
	ck_assert(strstr(err.msg, "NUL") != NULL);
	ck_assert_int_lt(sc_review_parse(nul, (size_t)SC_LIMIT_REVIEWS_BYTES + 1,
	    "huge.yaml", &rv, &err), 0);	/* refused before reading */
	ck_assert(strstr(err.msg, "SC_LIMIT_REVIEWS_BYTES") != NULL);
	ck_assert_int_lt(sc_review_load("/nonexistent/rv.yaml", &rv, &err), 0);
	ck_assert(strstr(err.msg, "/nonexistent/rv.yaml") != NULL);
	ck_assert_int_lt(sc_review_load("/", &rv, &err), 0);
	ck_assert(strstr(err.msg, "not a regular file") != NULL);
}
END_TEST

static const char ckl[] =
    "<?xml version=\"1.0\"?>\n"
    "<CHECKLIST><ASSET/><STIGS><iSTIG>\n"
    "<VULN><STIG_DATA><VULN_ATTRIBUTE>Vuln_Num</VULN_ATTRIBUTE>"
    "<ATTRIBUTE_DATA>V-203629</ATTRIBUTE_DATA></STIG_DATA>\n"
    "<STATUS>Open</STATUS><FINDING_DETAILS>found it</FINDING_DETAILS>"
    "<COMMENTS>checked by hand</COMMENTS></VULN>\n"
    "<VULN><STIG_DATA><VULN_ATTRIBUTE>Vuln_Num</VULN_ATTRIBUTE>"
    "<ATTRIBUTE_DATA>V-203591</ATTRIBUTE_DATA></STIG_DATA>\n"
    "<STATUS>Not_Reviewed</STATUS><COMMENTS>x</COMMENTS></VULN>\n"
    "<VULN><STIG_DATA><VULN_ATTRIBUTE>Vuln_Num</VULN_ATTRIBUTE>"
    "<ATTRIBUTE_DATA>V-203780</ATTRIBUTE_DATA></STIG_DATA>\n"
    "<STATUS>NotAFinding</STATUS><COMMENTS>" SC_REVIEW_AUTOMATED
    " 0.1.0 ...</COMMENTS></VULN>\n"
    "<VULN><STIG_DATA><VULN_ATTRIBUTE>Vuln_Num</VULN_ATTRIBUTE>"
    "<ATTRIBUTE_DATA>V-1</ATTRIBUTE_DATA></STIG_DATA>\n"
    "<STATUS>NotAFinding</STATUS><COMMENTS>" SC_REVIEW_COMMENT_HEAD
    "xccdf_org.test_rule_e: pass (evaluated fail)\nBy: J. S.\n"
    "Date: 2025-11-30\nExpires: 2027-01-01\nReason: accepted\n\n"
    SC_REVIEW_AUTOMATED " 0.1.0</COMMENTS></VULN>\n"
    "</iSTIG></STIGS></CHECKLIST>\n";

START_TEST(test_ckl)
{
	struct sc_reviews *rv = parse_ok(ckl);

	ck_assert_int_eq(rv->format, SC_REVIEW_CKL);
	ck_assert_uint_eq(rv->n, 2);
	/* a person's status and comments */
	ck_assert_str_eq(rv->v[0].rule, "V-203629");
	ck_assert_int_eq(rv->v[0].result, SC_RESULT_FAIL);
	ck_assert_str_eq(rv->v[0].reason, "checked by hand");
	ck_assert_str_eq(rv->v[0].details, "found it");
	ck_assert_str_eq(rv->v[0].where, "rv.yaml:3");
	/* stigcheck's own review block, not the VULN's V-id */
	ck_assert_str_eq(rv->v[1].rule, "xccdf_org.test_rule_e");
	ck_assert_int_eq(rv->v[1].result, SC_RESULT_PASS);
	ck_assert_str_eq(rv->v[1].by, "J. S.");
	ck_assert_str_eq(rv->v[1].reason, "accepted");
	ck_assert_int_ne(rv->v[1].expires, 0);
	sc_reviews_free(rv);

	parse_bad("<CHECKLIST><STIGS><iSTIG><VULN><STATUS>Maybe</STATUS>"
	    "</VULN></iSTIG></STIGS></CHECKLIST>", "unknown status 'Maybe'");
	parse_bad("<CHECKLIST>\n<STIGS>\n<oops></CHECKLIST>", "rv.yaml:3: "
	    "malformed XML");
	parse_bad("<html/>", "root element <html>");
	parse_bad("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
	    "<CHECKLIST><STIGS><iSTIG><VULN><STATUS>Open</STATUS><COMMENTS>&e;"
	    "</COMMENTS></VULN></iSTIG></STIGS></CHECKLIST>", "no rule id");
	parse_bad("<CHECKLIST><STIGS><iSTIG><VULN><STATUS>Open</STATUS>"
	    "<COMMENTS>" SC_REVIEW_COMMENT_HEAD "x: pass\nBy: a\n</COMMENTS>"
	    "</VULN></iSTIG></STIGS></CHECKLIST>", "has no Reason");
}
END_TEST

START_TEST(test_cklb)
{
	static const char cklb[] =
	    "{\"title\": \"t\", \"stigs\": [{\"rules\": [\n"
	    "{\"group_id\": \"V-203629\", \"status\": \"not_applicable\", "
	    "\"comments\": \"no service\", \"finding_details\": \"\"},\n"
	    "{\"group_id\": \"V-203591\", \"status\": \"not_reviewed\"},\n"
	    "{\"group_id\": \"V-203780\", \"status\": \"open\", \"comments\": \""
	    SC_REVIEW_AUTOMATED " 0.1.0\"}]}]}\n";
	struct sc_reviews *rv = parse_ok(cklb);

	ck_assert_int_eq(rv->format, SC_REVIEW_CKLB);
	ck_assert_uint_eq(rv->n, 1);
	ck_assert_str_eq(rv->v[0].rule, "V-203629");
	ck_assert_int_eq(rv->v[0].result, SC_RESULT_NOTAPPLICABLE);
	ck_assert_str_eq(rv->v[0].where, "rv.yaml: stigs[0].rules[0]");
	ck_assert_ptr_null(rv->v[0].details);
	sc_reviews_free(rv);

	parse_bad("{\"stigs\": [\n{\"rules\": 1}]}", "stigs[0] has no \"rules\"");
	parse_bad("{\"stigs\": 1}", "no \"stigs\" list");
	parse_bad("{\"a\": 1,\n \"a\": 2}", "rv.yaml:2: malformed JSON");
	parse_bad("{\"stigs\": [{\"rules\": [\"x\"]}]}", "not an object");
	parse_bad("{\"stigs\": [{\"rules\": [{\"status\": \"open\"}]}]}",
	    "no rule id");
}
END_TEST

/* The fixture's TestResult with these results, and rv applied. */
static struct sc_testresult *
applied(struct sc_content *c, const char *const *res, const char *yaml,
    struct sc_strv *notes, int want)
{
	struct sc_testresult *tr = tu_testresult(c, res);
	struct sc_reviews *rv = parse_ok(yaml);
	struct sc_srg *srg = tu_srg();
	struct sc_err err = SC_ERR_INIT;

	ck_assert_int_eq(sc_review_apply(rv, tr, srg, notes, &err), want);
	if (want < 0)
		ck_assert(strstr(err.msg, "both review") != NULL);
	sc_srg_free(srg);
	sc_reviews_free(rv);
	return tr;
}

static struct sc_rule_result *
rr_of(struct sc_testresult *tr, char letter)
{
	for (size_t i = 0; i < tr->n_rr; i++)
		if (strcmp(tr->rr[i].idref, tu_rule_id(letter)) == 0)
			return &tr->rr[i];
	ck_abort_msg("no rule %c", letter);
	return NULL;
}

START_TEST(test_apply)
{
	static const char *const res[] = { "b=fail", "c=notchecked", NULL };
	struct sc_content *c = tu_content(tu_bench_xml);
	struct sc_strv notes = SC_STRV_INIT;
	struct sc_testresult *tr;
	struct sc_rule_result *rr;
	char *s;

	tr = applied(c, res, good_yaml, &notes, 0);
	rr = rr_of(tr, 'b');		/* waived */
	ck_assert_int_eq(rr->result, SC_RESULT_PASS);
	ck_assert_ptr_nonnull(rr->ovr);
	ck_assert_int_eq(rr->ovr->old_result, SC_RESULT_FAIL);
	ck_assert(sc_override_is_waiver(rr->ovr));
	ck_assert_str_eq(rr->ovr->authority, "J. Smith, ISSO");
	s = sc_override_line(rr->ovr);
	ck_assert_str_eq(s, "Waived by J. Smith, ISSO on 2025-12-01 "
	    "(evaluated fail; expires 2026-06-01): Compensating control");
	free(s);
	rr = rr_of(tr, 'c');		/* reviewed, by its V-id */
	ck_assert_int_eq(rr->result, SC_RESULT_NOTAPPLICABLE);
	ck_assert_int_eq(rr->ovr->old_result, SC_RESULT_NOTCHECKED);
	ck_assert(!sc_override_is_waiver(rr->ovr));
	ck_assert_ptr_null(rr_of(tr, 'a')->ovr);
	ck_assert_uint_eq(sc_testresult_overridden(tr), 2);
	ck_assert_uint_eq(notes.n, 0);
	sc_testresult_free(tr);

	/* expired (before 2026-01-01) and unknown: notes, not applied */
	tr = applied(c, res, "reviews:\n"
	    "- {rule: xccdf_org.test_rule_b, result: pass, reason: r, by: b, "
	    "date: 2025-01-01, expires: 2025-12-31}\n"
	    "- {rule: xccdf_org.test_rule_zz, result: pass, reason: r, by: b, "
	    "date: 2025-01-01}\n"
	    "- {rule: xccdf_org.test_rule_c, result: pass, reason: r, by: b, "
	    "date: 2025-01-01, expires: 2026-01-01}\n", &notes, 0);
	ck_assert_uint_eq(notes.n, 2);
	ck_assert_str_eq(notes.v[0], "rv.yaml:2: review of "
	    "'xccdf_org.test_rule_b' not applied: it expired on 2025-12-31");
	ck_assert(strstr(notes.v[1], "rv.yaml:3: review of "
	    "'xccdf_org.test_rule_zz' not applied: no rule") != NULL);
	ck_assert_int_eq(rr_of(tr, 'b')->result, SC_RESULT_FAIL);
	ck_assert_ptr_null(rr_of(tr, 'b')->ovr);
	/* expiring on the scan's day still applies */
	ck_assert_int_eq(rr_of(tr, 'c')->result, SC_RESULT_PASS);
	ck_assert_str_eq(sc_testresult_fact(tr, SC_FACT_REVIEW_NOT_APPLIED),
	    notes.v[0]);
	sc_testresult_free(tr);
	sc_strv_free(&notes);

	/* rule a by its id, and again by its V-id: both lines named */
	tr = applied(c, res, "reviews:\n"
	    "- {rule: " TU_RULE_A ", result: pass, reason: r, by: b, "
	    "date: 2025-01-01}\n"
	    "- {rule: V-203780, result: pass, reason: r, by: b, "
	    "date: 2025-01-01}\n", NULL, SC_ERR_INVAL);
	sc_testresult_free(tr);
	sc_content_free(c);
}
END_TEST

/* the checklist block of an override reads back as the same review */
START_TEST(test_comment_roundtrip)
{
	static const char *const res[] = { "b=fail", NULL };
	struct sc_content *c = tu_content(tu_bench_xml);
	struct sc_testresult *tr = applied(c, res, good_yaml, NULL, 0);
	struct sc_buf b = SC_BUF_INIT, x = SC_BUF_INIT;
	struct sc_reviews *rv;

	sc_buf_reset(&b);
	sc_review_comment(rr_of(tr, 'b'), &b);
	sc_buf_reset(&x);
	sc_buf_adds(&x, "<CHECKLIST><STIGS><iSTIG><VULN><STATUS>NotAFinding"
	    "</STATUS><COMMENTS>");
	sc_buf_adds(&x, b.data);
	sc_buf_adds(&x, "</COMMENTS></VULN></iSTIG></STIGS></CHECKLIST>");
	rv = parse_ok(x.data);
	ck_assert_uint_eq(rv->n, 1);
	ck_assert_str_eq(rv->v[0].rule, tu_rule_id('b'));
	ck_assert_int_eq(rv->v[0].result, SC_RESULT_PASS);
	ck_assert_str_eq(rv->v[0].by, "J. Smith, ISSO");
	ck_assert_str_eq(rv->v[0].reason, "Compensating control");
	ck_assert_int_eq(rv->v[0].date, 1764547200);
	ck_assert_int_eq(rv->v[0].expires, 1780272000);
	sc_reviews_free(rv);
	sc_buf_free(&b);
	sc_buf_free(&x);
	sc_testresult_free(tr);
	sc_content_free(c);
}
END_TEST

/* <override> validates (XCCDF 1.2 schema) and `report --from` reads it */
START_TEST(test_xccdf_override)
{
	static const char *const res[] = { "b=fail", "c=notchecked", NULL };
	struct sc_content *c = tu_content(tu_bench_xml), *c2 = NULL;
	struct sc_testresult *tr = applied(c, res, good_yaml, NULL, 0), *t2 = NULL;
	struct sc_err err = SC_ERR_INIT;
	struct sc_rule_result *rr;
	xmlDocPtr doc = NULL;
	xmlChar *mem = NULL;
	char why[512];
	int len = 0, v;

	ck_assert_int_eq(sc_results_build(c, tr, &doc, &err), 0);
	v = tu_xsd_valid(doc, XCCDF_XSD, why, sizeof(why));
	ck_assert_msg(v != 0, "not valid: %s", why);
	tu_expect(doc, "string(//*[local-name()='rule-result'][@idref="
	    "'xccdf_org.test_rule_b']/*[local-name()='override']/"
	    "*[local-name()='old-result'])", "fail");
	tu_expect(doc, "string(//*[local-name()='rule-result'][@idref="
	    "'xccdf_org.test_rule_b']/*[local-name()='override']/@authority)",
	    "J. Smith, ISSO");
	xmlDocDumpMemory(doc, &mem, &len);
	ck_assert_int_eq(sc_results_load_memory((const char *)mem, (size_t)len,
	    "r.xml", &c2, &t2, &err), 0);
	rr = rr_of(t2, 'b');
	ck_assert_int_eq(rr->result, SC_RESULT_PASS);
	ck_assert_ptr_nonnull(rr->ovr);
	ck_assert_int_eq(rr->ovr->old_result, SC_RESULT_FAIL);
	ck_assert_int_eq(rr->ovr->new_result, SC_RESULT_PASS);
	ck_assert_str_eq(rr->ovr->remark, "Compensating control");
	ck_assert_int_eq(rr->ovr->expires, 1780272000);
	ck_assert_int_eq(rr->ovr->time, 1764547200);
	ck_assert_ptr_null(rr_of(t2, 'a')->ovr);
	xmlFree(mem);
	xmlFreeDoc(doc);
	sc_testresult_free(t2);
	sc_content_free(c2);
	sc_testresult_free(tr);
	sc_content_free(c);
}
END_TEST

/* the cap's worth of entries applies in linear time (a map, not a scan) */
START_TEST(test_many_entries)
{
	struct sc_content *c = tu_content(tu_bench_xml);
	struct sc_testresult *tr = tu_testresult(c, NULL);
	struct sc_buf y = SC_BUF_INIT;
	struct sc_strv notes = SC_STRV_INIT;
	struct sc_reviews *rv;
	struct sc_err err = SC_ERR_INIT;
	struct timespec t0, t1;
	double secs;
	/* valgrind runs 50 times slower: a 20th of the cap shows the same */
	int n = tu_under_valgrind() ? SC_LIMIT_REVIEWS_ENTRIES / 20 :
	    SC_LIMIT_REVIEWS_ENTRIES;

	if (n != SC_LIMIT_REVIEWS_ENTRIES)
		printf("NOTE: under valgrind: %d entries, not the cap (too slow)\n",
		    n);
	sc_buf_reset(&y);
	sc_buf_adds(&y, "reviews:\n");
	for (int i = 0; i < n; i++)
		sc_buf_addf(&y, "- {rule: r%d, result: pass, reason: r, by: b, "
		    "date: 2026-01-01}\n", i);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	rv = parse_ok(y.data);
	ck_assert_uint_eq(rv->n, (size_t)n);
	ck_assert_int_eq(sc_review_apply(rv, tr, NULL, &notes, &err), 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	ck_assert_uint_eq(notes.n, (size_t)n);
	printf("NOTE: %d review entries parsed and applied in %.2f s\n", n,
	    secs);
	/* one more is refused, naming the cap */
	if (n == SC_LIMIT_REVIEWS_ENTRIES) {
		sc_buf_addf(&y, "- {rule: x, result: pass, reason: r, by: b, "
		    "date: 2026-01-01}\n");
		parse_bad(y.data, "SC_LIMIT_REVIEWS_ENTRIES");
	}
	sc_reviews_free(rv);
	sc_strv_free(&notes);
	sc_buf_free(&y);
	sc_testresult_free(tr);
	sc_content_free(c);
}
END_TEST

static Suite *
review_suite(void)
{
	Suite *s = suite_create("review");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 240);	/* the entries cap under ASan: ~30 s */
	tcase_add_test(tc, test_yaml_good);
	tcase_add_test(tc, test_yaml_malformed);
	tcase_add_test(tc, test_nul_and_size);
	tcase_add_test(tc, test_ckl);
	tcase_add_test(tc, test_cklb);
	tcase_add_test(tc, test_apply);
	tcase_add_test(tc, test_comment_roundtrip);
	tcase_add_test(tc, test_xccdf_override);
	tcase_add_test(tc, test_many_entries);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(review_suite)
