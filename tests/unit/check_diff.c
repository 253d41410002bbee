/*
 * check_diff.c - drift between two TestResults (agent/diff.c).
 */
#include <string.h>

#include "diff.h"
#include "fixture_results.h"
#include "testutil.h"

struct pair {
	struct sc_content *c;
	struct sc_testresult *old, *new;
	struct sc_diff d;
};

static void
pair(struct pair *p, const char *const *o, const char *const *n)
{
	p->c = tu_content(tu_bench_xml);
	p->old = tu_testresult(p->c, o);
	p->new = tu_testresult(p->c, n);
	sc_diff_compute(&p->d, p->old, p->new);
}

static void
pair_free(struct pair *p)
{
	sc_diff_free(&p->d);
	sc_testresult_free(p->old);
	sc_testresult_free(p->new);
	sc_content_free(p->c);
}

START_TEST(test_same)
{
	struct pair p;

	pair(&p, NULL, NULL);
	ck_assert_uint_eq(p.d.n, 0);
	pair_free(&p);
}
END_TEST

START_TEST(test_kinds)
{
	static const char *const o[] = { "b=fail", "c=error", "d=pass",
		"e=notselected", "g=pass", NULL };
	static const char *const n[] = { "a=fail", "b=pass", "c=fail",
		"d=notapplicable", "e=pass", "g=notselected", NULL };
	struct pair p;

	pair(&p, o, n);
	/* a pass->fail, c error->fail: regressed; b fixed; d changed; e added;
	 * g removed */
	ck_assert_uint_eq(p.d.counts[SC_DIFF_REGRESSED], 2);
	ck_assert_uint_eq(p.d.counts[SC_DIFF_FIXED], 1);
	ck_assert_uint_eq(p.d.counts[SC_DIFF_CHANGED], 1);
	ck_assert_uint_eq(p.d.counts[SC_DIFF_ADDED], 1);
	ck_assert_uint_eq(p.d.counts[SC_DIFF_REMOVED], 1);
	ck_assert_uint_eq(p.d.counts[SC_DIFF_EVIDENCE], 0);
	ck_assert_uint_eq(p.d.n, 6);
	/* regressions first, in document order */
	ck_assert_int_eq(p.d.v[0].kind, SC_DIFF_REGRESSED);
	ck_assert_str_eq(p.d.v[0].new->idref, TU_RULE_A);
	ck_assert_str_eq(p.d.v[1].new->idref, tu_rule_id('c'));
	ck_assert_int_eq(p.d.v[2].kind, SC_DIFF_FIXED);
	ck_assert_ptr_null(p.d.v[5].new);
	pair_free(&p);
}
END_TEST

START_TEST(test_evidence_and_output)
{
	struct pair p;
	char buf[4096] = "";
	FILE *f;
	json_t *j;

	pair(&p, NULL, NULL);
	sc_diff_free(&p.d);
	sc_rr_add(&p.new->rr[1], SC_MSG_INFO, "something else");
	/* a rule missing from OLD that fails is a regression */
	p.old->n_rr--;
	p.new->rr[p.new->n_rr - 1].result = SC_RESULT_FAIL;
	sc_diff_compute(&p.d, p.old, p.new);
	p.old->n_rr++;
	ck_assert_uint_eq(p.d.counts[SC_DIFF_EVIDENCE], 1);
	ck_assert_uint_eq(p.d.counts[SC_DIFF_REGRESSED], 1);
	ck_assert_ptr_null(p.d.v[0].old);
	f = fmemopen(buf, sizeof(buf), "w");
	sc_diff_print(f, &p.d, "old.xml", p.old, "new.xml", p.new);
	fclose(f);
	ck_assert(strstr(buf, "regressed 1, fixed 0, evidence 1, changed 0, "
	    "added 0, removed 0\n") != NULL);
	ck_assert(strstr(buf, "old old.xml: target test-target") != NULL);
	j = sc_diff_json(&p.d, "old.xml", p.old, "new.xml", p.new);
	ck_assert(json_is_true(json_object_get(j, "regressed")));
	ck_assert_uint_eq(json_array_size(json_object_get(j, "changes")), 2);
	ck_assert(json_is_null(json_object_get(json_array_get(json_object_get(j,
	    "changes"), 0), "old")));
	json_decref(j);
	pair_free(&p);
}
END_TEST

START_TEST(test_main_errors)
{
	struct sc_err err = SC_ERR_INIT;
	char *dir = tu_mkdtemp(), *bad;

	tu_write(dir, "bad.xml", "<x/>", 0644);
	bad = tu_path(dir, "bad.xml");
	ck_assert_int_eq(sc_diff_main(bad, bad, NULL, stdout, &err), 1);
	ck_assert(strstr(err.msg, "bad.xml") != NULL);
	ck_assert_int_eq(sc_diff_main("/nonexistent/a.xml", bad, NULL, stdout,
	    &err), 1);
	free(bad);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

static Suite *
diff_suite(void)
{
	Suite *s = suite_create("diff");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_same);
	tcase_add_test(tc, test_kinds);
	tcase_add_test(tc, test_evidence_and_output);
	tcase_add_test(tc, test_main_errors);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(diff_suite)
