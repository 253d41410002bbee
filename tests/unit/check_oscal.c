/*
 * check_oscal.c - NIST SP 800-53 control ids from rule references and
 * CCIs, and the shape of the OSCAL documents (the schemas themselves are
 * checked with ajv in t6020).
 */
#include <jansson.h>
#include <string.h>

#include "fixture_results.h"
#include "reports/oscal.h"
#include "testutil.h"

START_TEST(test_control_id)
{
	static const char *const v[][2] = {
		{ "CM-6 b", "cm-6" }, { "AC-2 (1)", "ac-2.1" },
		{ "IA-5 (2) (a) (1)", "ia-5.2" }, { "CM-6(a)", "cm-6" },
		{ "AC-8 c 1", "ac-8" }, { "SC-13", "sc-13" },
		{ "SV-203780r1_rule", NULL }, { "ac-2", NULL }, { "", NULL },
		{ "AC-", NULL },
	};
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		char *id = sc_oscal_control_id(v[i][0]);

		if (v[i][1] == NULL)
			ck_assert_msg(id == NULL, "'%s' gave '%s'", v[i][0], id);
		else
			ck_assert_str_eq(id, v[i][1]);
		free(id);
	}
}
END_TEST

START_TEST(test_rule_controls)
{
	struct sc_content *c = tu_content(tu_bench_xml);
	const struct sc_benchmark *b = sc_content_benchmark(c);
	struct sc_srg *srg = NULL;
	struct sc_err err = SC_ERR_INIT;
	struct sc_strv v = { NULL, 0, 0 };

	ck_assert_int_eq(sc_srg_builtin(&srg, &err), 0);
	/* b: CM-6 b from its reference, then the SRG rule's CCI */
	sc_oscal_rule_controls(srg, tu_rule_id('b'),
	    sc_bench_find(b, tu_rule_id('b')), &v);
	ck_assert_uint_ge(v.n, 1);
	ck_assert_str_eq(v.v[0], "cm-6");
	for (size_t i = 1; i < v.n; i++)
		ck_assert_str_ne(v.v[i], "cm-6");	/* unique */
	sc_strv_free(&v);
	/* f: a legacy id only: no control */
	sc_oscal_rule_controls(srg, tu_rule_id('f'),
	    sc_bench_find(b, tu_rule_id('f')), &v);
	ck_assert_uint_eq(v.n, 0);
	sc_strv_free(&v);
	sc_srg_free(srg);
	sc_content_free(c);
}
END_TEST

static json_t *
write_and_load(int poam, const char *const *res)
{
	struct sc_content *c = tu_content(tu_bench_xml);
	struct sc_testresult *tr = tu_testresult(c, res);
	struct sc_err err = SC_ERR_INIT;
	char *dir = tu_mkdtemp(), *p = tu_path(dir, "o.json");
	json_t *j;

	ck_assert_int_eq(poam ? sc_oscal_write_poam(c, tr, p, &err) :
	    sc_oscal_write_ar(c, tr, p, &err), 0);
	j = json_load_file(p, 0, NULL);
	ck_assert_ptr_nonnull(j);
	sc_testresult_free(tr);
	sc_content_free(c);
	tu_rmrf(dir);
	free(p);
	free(dir);
	return j;
}

START_TEST(test_ar_findings)
{
	static const char *const res[] = { "f=fail", "c=notchecked",
		"d=notapplicable", NULL };
	json_t *j = write_and_load(0, res);
	json_t *r = json_array_get(json_object_get(json_object_get(j,
	    "assessment-results"), "results"), 0);
	json_t *f = json_object_get(r, "findings");
	size_t i, nf = 0;

	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(
	    json_object_get(j, "assessment-results"), "metadata"),
	    "oscal-version")), "1.1.3");
	/* f fails with no control: one finding on the rule itself */
	for (i = 0; i < json_array_size(f); i++) {
		json_t *t = json_object_get(json_array_get(f, i), "target");

		if (!strcmp(json_string_value(json_object_get(t, "target-id")),
		    tu_rule_id('f'))) {
			nf++;
			ck_assert_str_eq(json_string_value(json_object_get(t,
			    "type")), "objective-id");
			ck_assert_str_eq(json_string_value(json_object_get(
			    json_object_get(t, "status"), "state")),
			    "not-satisfied");
		}
	}
	ck_assert_uint_eq(nf, 1);
	/* observations for every rule (none notselected here), risks for
	 * the fail and the notchecked */
	ck_assert_uint_eq(json_array_size(json_object_get(r, "risks")), 2);
	json_decref(j);
}
END_TEST

START_TEST(test_poam_items)
{
	static const char *const res[] = { "a=fail", "c=notchecked",
		"d=error", NULL };
	static const char *const none[] = { NULL };
	json_t *j = write_and_load(1, res);
	json_t *p = json_object_get(j, "plan-of-action-and-milestones");

	/* fail and notchecked are items; error is not */
	ck_assert_uint_eq(json_array_size(json_object_get(p, "poam-items")), 2);
	ck_assert_uint_eq(json_array_size(json_object_get(p, "risks")), 2);
	json_decref(j);
	/* nothing open: still one item, saying so (the schema wants one) */
	j = write_and_load(1, none);
	p = json_object_get(j, "plan-of-action-and-milestones");
	ck_assert_uint_eq(json_array_size(json_object_get(p, "poam-items")), 1);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(
	    json_object_get(p, "poam-items"), 0), "title")), "No open findings");
	json_decref(j);
}
END_TEST

static Suite *
oscal_suite(void)
{
	Suite *s = suite_create("oscal");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_control_id);
	tcase_add_test(tc, test_rule_controls);
	tcase_add_test(tc, test_ar_findings);
	tcase_add_test(tc, test_poam_items);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(oscal_suite)
