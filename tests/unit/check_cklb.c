/*
 * check_cklb.c - STIG Viewer 3 checklists: the keys DISA's schema allows
 * and STIG Manager reads, statuses, valid JSON from any text.
 */
#include <jansson.h>
#include <string.h>

#include "fixture_results.h"
#include "reports/cklb.h"
#include "testutil.h"

static struct sc_srg *srg;
static struct sc_content *content;
static struct sc_testresult *tr;

static void
setup(void)
{
	srg = tu_srg();
	content = tu_content(tu_bench_xml);
}

static void
teardown(void)
{
	sc_testresult_free(tr);
	tr = NULL;
	sc_content_free(content);
	sc_srg_free(srg);
}

static json_t *
render(const char *const *results)
{
	struct sc_checklist *cl;
	struct sc_err err = SC_ERR_INIT;
	json_error_t je;
	json_t *j;
	char *text;

	if (tr == NULL)
		tr = tu_testresult(content, results);
	ck_assert_int_eq(sc_checklist_build(&cl, srg, tr, &err), 0);
	text = sc_cklb_build(cl, "t.cklb");
	j = json_loads(text, 0, &je);
	ck_assert_msg(j != NULL, "not JSON: %s", je.text);
	free(text);
	sc_checklist_free(cl);
	return j;
}

static json_t *
rule(json_t *j, const char *vuln)
{
	json_t *rules = json_object_get(json_array_get(json_object_get(j, "stigs"), 0), "rules");
	size_t i;
	json_t *r;

	json_array_foreach(rules, i, r)
		if (strcmp(json_string_value(json_object_get(r, "group_id")), vuln) == 0)
			return r;
	ck_abort_msg("no rule %s", vuln);
	return NULL;
}

static const char *
s(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	ck_assert_msg(json_is_string(v), "%s is not a string", key);
	return json_string_value(v);
}

START_TEST(test_structure)
{
	static const char *const r[] = { "a=fail", "c=notapplicable", NULL };
	json_t *j = render(r), *stig, *td, *x;
	static const char *top[] = { "title", "id", "target_data", "stigs",
	    "active", "mode", "has_path", "cklb_version" };
	const char *key;
	json_t *v;

	/* only the keys the schema knows */
	json_object_foreach(j, key, v) {
		size_t i;

		for (i = 0; i < sizeof(top) / sizeof(top[0]); i++)
			if (strcmp(top[i], key) == 0)
				break;
		ck_assert_msg(i < sizeof(top) / sizeof(top[0]), "key %s", key);
	}
	ck_assert_str_eq(s(j, "title"), "t.cklb");
	ck_assert_str_eq(s(j, "cklb_version"), "1.0");
	ck_assert_uint_eq(strlen(s(j, "id")), 36);
	td = json_object_get(j, "target_data");
	ck_assert_str_eq(s(td, "host_name"), "test-target");
	ck_assert(json_is_false(json_object_get(td, "is_web_database")));
	stig = json_array_get(json_object_get(j, "stigs"), 0);
	ck_assert_str_eq(s(stig, "stig_id"), "General_Purpose_Operating_System");
	ck_assert_str_eq(s(stig, "display_name"), "General Purpose Operating System SRG");
	ck_assert_str_eq(s(stig, "release_info"), "Release: 3 Benchmark Date: 28 Oct 2025");
	ck_assert_ptr_null(json_object_get(stig, "version"));	/* schema forbids it */
	ck_assert_int_eq(json_integer_value(json_object_get(stig, "size")), 203);
	ck_assert_uint_eq(json_array_size(json_object_get(stig, "rules")), 203);
	x = rule(j, "V-203780");
	ck_assert_str_eq(s(x, "status"), "open");
	ck_assert_str_eq(s(x, "rule_id_src"), "SV-203780r991589_rule");
	ck_assert_str_eq(s(x, "rule_id"), "SV-203780r991589");
	ck_assert_str_eq(s(x, "rule_version"), "SRG-OS-000480-GPOS-00227");
	ck_assert_str_eq(s(x, "severity"), "medium");
	ck_assert_str_eq(s(x, "stig_uuid"), s(stig, "uuid"));
	ck_assert(strstr(s(x, "finding_details"), "evidence of rule a: fail") != NULL);
	ck_assert(strlen(s(x, "comments")) > 0);
	ck_assert_str_eq(json_string_value(json_array_get(json_object_get(x, "ccis"), 0)), "CCI-000366");
	ck_assert_str_eq(s(rule(j, "V-203629"), "status"), "not_applicable");
	ck_assert_str_eq(s(rule(j, "V-203591"), "status"), "not_a_finding");
	ck_assert_str_eq(s(rule(j, "V-203592"), "status"), "not_reviewed");
	ck_assert(strlen(s(rule(j, "V-203592"), "comments")) > 0);
	json_decref(j);
}
END_TEST

START_TEST(test_any_text)
{
	json_t *j;

	tr = tu_testresult(content, NULL);
	free(tr->target);
	tr->target = strdup("bad\xff\xfe-name");	/* not UTF-8 */
	j = render(NULL);
	ck_assert_str_eq(s(json_object_get(j, "target_data"), "host_name"),
	    "bad\\xff\\xfe-name");
	json_decref(j);
}
END_TEST

START_TEST(test_write)
{
	char *dir = tu_mkdtemp(), *path = tu_path(dir, "out.cklb"), *text;
	struct sc_checklist *cl;
	struct sc_err err = SC_ERR_INIT;

	tr = tu_testresult(content, NULL);
	ck_assert_int_eq(sc_checklist_build(&cl, srg, tr, &err), 0);
	ck_assert_int_eq(sc_cklb_write(cl, path, &err), 0);
	text = tu_read(path, NULL);
	ck_assert(strstr(text, "\"title\": \"out.cklb\"") != NULL);
	ck_assert_int_eq(text[strlen(text) - 1], '\n');
	free(text);
	sc_checklist_free(cl);
	free(path);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

static Suite *
cklb_suite(void)
{
	Suite *su = suite_create("cklb");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_structure);
	tcase_add_test(tc, test_any_text);
	tcase_add_test(tc, test_write);
	suite_add_tcase(su, tc);
	return su;
}

TU_MAIN(cklb_suite)
