/*
 * check_gate.c - CI gates (agent/gate.c) and --rule/--skip-rule
 * (sc_policy_filter).
 *
 * Fixture severities: a b g medium, c high, d e f low.
 */
#include <string.h>

#include "fixture_results.h"
#include "gate.h"
#include "testutil.h"
#include "xccdf/policy.h"

static int
status(const char *fail_on, int errors_ok, const char *const *res)
{
	struct sc_content *c = tu_content(tu_bench_xml);
	struct sc_testresult *tr = tu_testresult(c, res);
	struct sc_gate g = { 0, errors_ok };
	struct sc_err err = SC_ERR_INIT;
	int s;

	if (fail_on)
		ck_assert_int_eq(sc_gate_parse(&g, fail_on, &err), 0);
	s = sc_gate_status(&g, tr, NULL);
	sc_testresult_free(tr);
	sc_content_free(c);
	return s;
}

START_TEST(test_fail_on)
{
	static const char *const medium[] = { "b=fail", "d=fail", NULL };
	static const char *const high[] = { "c=fail", NULL };
	static const char *const none[] = { "c=notapplicable", NULL };

	ck_assert_int_eq(status(NULL, 0, medium), 2);
	ck_assert_int_eq(status("high", 0, medium), 0);
	ck_assert_int_eq(status("medium", 0, medium), 2);
	ck_assert_int_eq(status("low", 0, medium), 2);
	ck_assert_int_eq(status("high", 0, high), 2);
	ck_assert_int_eq(status(NULL, 0, none), 0);
	ck_assert_int_eq(status("low", 0, none), 0);
}
END_TEST

START_TEST(test_errors)
{
	static const char *const err_low[] = { "d=error", NULL };
	static const char *const err_high[] = { "c=error", NULL };
	static const char *const unknown[] = { "c=unknown", NULL };

	ck_assert_int_eq(status(NULL, 0, err_low), 2);
	ck_assert_int_eq(status(NULL, 1, err_low), 0);
	ck_assert_int_eq(status("medium", 0, err_low), 0);
	ck_assert_int_eq(status("high", 0, err_high), 2);
	ck_assert_int_eq(status("high", 1, err_high), 0);
	/* unknown is neither a fail nor an error (0.1 contract) */
	ck_assert_int_eq(status(NULL, 0, unknown), 0);
}
END_TEST

START_TEST(test_unknown_severity)
{
	struct sc_content *c = tu_content(tu_bench_xml);
	static const char *const res[] = { "f=fail", NULL };
	struct sc_testresult *tr = tu_testresult(c, res);
	struct sc_gate g = { SC_SEV_HIGH, 0 };
	unsigned long n = 0;
	size_t i;

	ck_assert_int_eq(sc_gate_status(&g, tr, &n), 0);
	for (i = 0; i < tr->n_rr; i++)
		if (tr->rr[i].result == SC_RESULT_FAIL)
			tr->rr[i].severity = SC_SEV_UNKNOWN;	/* unrankable */
	ck_assert_int_eq(sc_gate_status(&g, tr, &n), 2);
	ck_assert_uint_eq(n, 1);
	for (i = 0; i < tr->n_rr; i++)
		if (tr->rr[i].result == SC_RESULT_FAIL)
			tr->rr[i].severity = SC_SEV_INFO;
	g.fail_on = SC_SEV_LOW;
	ck_assert_int_eq(sc_gate_status(&g, tr, NULL), 0);
	sc_testresult_free(tr);
	sc_content_free(c);
}
END_TEST

START_TEST(test_parse_and_warn)
{
	struct sc_gate g = { 0, 0 };
	struct sc_err err = SC_ERR_INIT;
	struct sc_content *c = tu_content(tu_bench_xml);
	static const char *const res[] = { "b=error", "c=error", NULL };
	struct sc_testresult *tr = tu_testresult(c, res);
	char buf[256] = "";
	FILE *f = fmemopen(buf, sizeof(buf), "w");

	ck_assert_int_lt(sc_gate_parse(&g, "critical", &err), 0);
	ck_assert(strstr(err.msg, "critical") != NULL);
	ck_assert_int_lt(sc_gate_parse(&g, "", &err), 0);
	ck_assert_int_eq(sc_gate_parse(&g, "low", &err), 0);
	ck_assert_int_eq(g.fail_on, SC_SEV_LOW);
	sc_gate_warn(f, tr);
	fclose(f);
	ck_assert_str_eq(buf, "stigcheck: 2 rules could not be evaluated "
	    "(result error); their messages say why\n");
	sc_testresult_free(tr);
	sc_content_free(c);
}
END_TEST

static size_t
selected(struct sc_policy *p, const struct sc_benchmark *b, char *which,
    size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < b->n_items; i++)
		if (b->items[i]->type == SC_ITEM_RULE &&
		    sc_policy_rule_selected(p, b->items[i]) && k + 1 < n)
			which[k++] = b->items[i]->id[strlen(b->items[i]->id) - 1];
	which[k] = '\0';
	return sc_policy_count_selected_rules(p);
}

START_TEST(test_filter)
{
	struct sc_content *c = tu_content(tu_bench_xml);
	const struct sc_benchmark *b = sc_content_benchmark(c);
	struct sc_strv rules = SC_STRV_INIT, skip = SC_STRV_INIT;
	struct sc_policy *p = NULL;
	struct sc_err err = SC_ERR_INIT;
	char which[32];
	size_t all;

	ck_assert_int_eq(sc_policy_new(&p, b, NULL, &err), 0);
	all = selected(p, b, which, sizeof(which));
	ck_assert_uint_ge(all, 5);
	ck_assert_int_eq(sc_policy_filter(p, NULL, NULL, &err), 0);
	ck_assert_uint_eq(selected(p, b, which, sizeof(which)), all);
	/* --skip-rule */
	sc_strv_push(&skip, tu_rule_id('c'));
	ck_assert_int_eq(sc_policy_filter(p, &rules, &skip, &err), 0);
	ck_assert_uint_eq(selected(p, b, which, sizeof(which)), all - 1);
	ck_assert(strchr(which, 'c') == NULL);
	sc_policy_free(p);
	/* --rule b --rule d */
	ck_assert_int_eq(sc_policy_new(&p, b, NULL, &err), 0);
	sc_strv_push(&rules, tu_rule_id('b'));
	sc_strv_push(&rules, tu_rule_id('d'));
	ck_assert_int_eq(sc_policy_filter(p, &rules, NULL, &err), 0);
	ck_assert_uint_eq(selected(p, b, which, sizeof(which)), 2);
	ck_assert_str_eq(which, "bd");
	sc_policy_free(p);
	/* --rule b --skip-rule b: refused, as oscap does */
	ck_assert_int_eq(sc_policy_new(&p, b, NULL, &err), 0);
	sc_strv_free(&skip);
	sc_strv_push(&skip, tu_rule_id('b'));
	ck_assert_int_eq(sc_policy_filter(p, &rules, &skip, &err),
	    SC_ERR_NOTFOUND);
	ck_assert(strstr(err.msg, "--skip-rule") != NULL);
	sc_policy_free(p);
	/* unknown ids, and a Group id, are refused */
	ck_assert_int_eq(sc_policy_new(&p, b, NULL, &err), 0);
	sc_strv_free(&skip);
	sc_strv_push(&skip, "xccdf_org.test_rule_nosuch");
	ck_assert_int_eq(sc_policy_filter(p, NULL, &skip, &err),
	    SC_ERR_NOTFOUND);
	ck_assert(strstr(err.msg, "nosuch") != NULL);
	sc_strv_free(&rules);
	sc_strv_push(&rules, "xccdf_org.test_rule_nosuch");
	ck_assert_int_eq(sc_policy_filter(p, &rules, NULL, &err),
	    SC_ERR_NOTFOUND);
	sc_policy_free(p);
	sc_strv_free(&rules);
	sc_strv_free(&skip);
	sc_content_free(c);
}
END_TEST

static Suite *
gate_suite(void)
{
	Suite *s = suite_create("gate");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_fail_on);
	tcase_add_test(tc, test_errors);
	tcase_add_test(tc, test_unknown_severity);
	tcase_add_test(tc, test_parse_and_warn);
	tcase_add_test(tc, test_filter);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(gate_suite)
