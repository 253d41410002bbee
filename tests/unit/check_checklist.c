/*
 * check_checklist.c - results mapped onto the GPOS SRG: worst result wins,
 * statuses, details, comments, asset, UUIDs.
 */
#include <string.h>

#include "fixture_results.h"
#include "reports/checklist.h"
#include "testutil.h"

static struct sc_srg *srg;
static struct sc_content *content;

static void
setup(void)
{
	srg = tu_srg();
	content = tu_content(tu_bench_xml);
}

static void
teardown(void)
{
	sc_content_free(content);
	sc_srg_free(srg);
}

static struct sc_checklist *
build(struct sc_testresult *tr)
{
	struct sc_checklist *cl = NULL;
	struct sc_err err = SC_ERR_INIT;

	ck_assert_msg(sc_checklist_build(&cl, srg, tr, &err) == 0, "%s", err.msg);
	return cl;
}

static const struct sc_checklist_item *
item(const struct sc_checklist *cl, const char *vuln)
{
	const struct sc_srg_rule *r = sc_srg_by_vuln(srg, vuln);

	ck_assert_ptr_nonnull(r);
	return &cl->items[r->index];
}

START_TEST(test_order)
{
	static const enum sc_result order[] = {
		SC_RESULT_ERROR, SC_RESULT_UNKNOWN, SC_RESULT_FAIL,
		SC_RESULT_NOTCHECKED, SC_RESULT_INFORMATIONAL, SC_RESULT_PASS,
		SC_RESULT_NOTAPPLICABLE, SC_RESULT_NOTSELECTED,
	};
	size_t n = sizeof(order) / sizeof(order[0]);

	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++)
			ck_assert_msg(sc_checklist_worse(order[i], order[j]) == (i < j),
			    "%s vs %s", sc_result_name(order[i]),
			    sc_result_name(order[j]));
	ck_assert(!sc_checklist_worse(SC_RESULT_FIXED, SC_RESULT_PASS));
	ck_assert(!sc_checklist_worse(SC_RESULT_PASS, SC_RESULT_FIXED));
}
END_TEST

START_TEST(test_status_names)
{
	ck_assert_int_eq(sc_checklist_status(SC_RESULT_PASS), SC_CKL_NOT_A_FINDING);
	ck_assert_int_eq(sc_checklist_status(SC_RESULT_FIXED), SC_CKL_NOT_A_FINDING);
	ck_assert_int_eq(sc_checklist_status(SC_RESULT_FAIL), SC_CKL_OPEN);
	ck_assert_int_eq(sc_checklist_status(SC_RESULT_NOTAPPLICABLE), SC_CKL_NOT_APPLICABLE);
	ck_assert_int_eq(sc_checklist_status(SC_RESULT_ERROR), SC_CKL_NOT_REVIEWED);
	ck_assert_int_eq(sc_checklist_status(SC_RESULT_NOTCHECKED), SC_CKL_NOT_REVIEWED);
	ck_assert_int_eq(sc_checklist_status(SC_RESULT_NOTSELECTED), SC_CKL_NOT_REVIEWED);
	ck_assert_int_eq(sc_checklist_status(SC_RESULT_INFORMATIONAL), SC_CKL_NOT_REVIEWED);
	ck_assert_int_eq(sc_checklist_status(SC_RESULT_UNKNOWN), SC_CKL_NOT_REVIEWED);
	ck_assert_str_eq(sc_ckl_status_name(SC_CKL_NOT_A_FINDING), "NotAFinding");
	ck_assert_str_eq(sc_ckl_status_name(SC_CKL_OPEN), "Open");
	ck_assert_str_eq(sc_ckl_status_name(SC_CKL_NOT_APPLICABLE), "Not_Applicable");
	ck_assert_str_eq(sc_ckl_status_name(SC_CKL_NOT_REVIEWED), "Not_Reviewed");
	ck_assert_str_eq(sc_cklb_status_name(SC_CKL_NOT_A_FINDING), "not_a_finding");
	ck_assert_str_eq(sc_cklb_status_name(SC_CKL_OPEN), "open");
	ck_assert_str_eq(sc_cklb_status_name(SC_CKL_NOT_APPLICABLE), "not_applicable");
	ck_assert_str_eq(sc_cklb_status_name(SC_CKL_NOT_REVIEWED), "not_reviewed");
}
END_TEST

START_TEST(test_worst_wins)
{
	static const char *const r1[] = { "a=fail", "b=pass", "d=notapplicable",
	    "g=pass", "c=pass", NULL };
	static const char *const r2[] = { "a=error", "b=fail", "c=notchecked",
	    "d=notselected", "g=notselected", NULL };
	struct sc_testresult *tr = tu_testresult(content, r1);
	struct sc_checklist *cl = build(tr);
	const struct sc_checklist_item *it;
	unsigned long total = 0;

	it = item(cl, "V-203780");		/* a fail + b pass */
	ck_assert_uint_eq(it->n_rr, 2);
	ck_assert_int_eq(it->worst, SC_RESULT_FAIL);
	ck_assert_int_eq(it->status, SC_CKL_OPEN);
	ck_assert(strstr(it->details, "[fail] Rule A (" TU_RULE_A ")\nevidence of rule a: fail") != NULL);
	ck_assert(strstr(it->details, "[pass] Rule B") != NULL);
	ck_assert(strstr(it->comments, "2 rules check this requirement (1 pass, 1 fail), the worst result decides; status Open.") != NULL);
	ck_assert(strstr(it->comments, "profile xccdf_org.test_profile_all") != NULL);
	ck_assert(strstr(it->comments, "target test-target") != NULL);
	ck_assert(strstr(it->comments, "stigcheck " STIGCHECK_VERSION) != NULL);
	/* texts of the content rules, titled when several */
	ck_assert(strstr(it->discussion, "Rule A:\nOnly this part.") != NULL);
	ck_assert(strstr(it->discussion, "Rule B:\nFirst paragraph of B.") != NULL);
	ck_assert_str_eq(it->check_text, "Rule B:\nLook at /b.");
	ck_assert_str_eq(it->fix_text, "Rule A:\nFix A.");
	it = item(cl, "V-203629");
	ck_assert_int_eq(it->status, SC_CKL_NOT_A_FINDING);
	it = item(cl, "V-203591");		/* d notapplicable + g pass */
	ck_assert_int_eq(it->worst, SC_RESULT_PASS);
	ck_assert_int_eq(it->status, SC_CKL_NOT_A_FINDING);
	/* an SRG rule no content rule checks */
	it = item(cl, "V-203592");
	ck_assert_uint_eq(it->n_rr, 0);
	ck_assert_int_eq(it->status, SC_CKL_NOT_REVIEWED);
	ck_assert_str_eq(it->details, "");
	ck_assert(strstr(it->comments, "Not evaluated: no rule of xccdf_org.test_benchmark_t 2.1 checks this requirement") != NULL);
	/* e and f map to nothing */
	ck_assert_uint_eq(cl->unmapped.n, 2);
	ck_assert_str_eq(cl->unmapped.v[0], TU_RULE("e"));
	ck_assert_str_eq(cl->unmapped.v[1], TU_RULE("f"));
	ck_assert_ptr_null(cl->rr_srg[4]);
	ck_assert_ptr_nonnull(cl->rr_srg[0]);
	for (int s = 0; s < SC_CKL__COUNT; s++)
		total += cl->counts[s];
	ck_assert_uint_eq(total, 203);
	ck_assert_uint_eq(cl->counts[SC_CKL_OPEN], 1);
	ck_assert_uint_eq(cl->counts[SC_CKL_NOT_A_FINDING], 2);
	sc_checklist_free(cl);
	sc_testresult_free(tr);

	tr = tu_testresult(content, r2);
	cl = build(tr);
	it = item(cl, "V-203780");		/* a error + b fail: error wins */
	ck_assert_int_eq(it->worst, SC_RESULT_ERROR);
	ck_assert_int_eq(it->status, SC_CKL_NOT_REVIEWED);
	ck_assert(strstr(it->details, "[fail] Rule B") != NULL);
	ck_assert_int_eq(item(cl, "V-203629")->status, SC_CKL_NOT_REVIEWED);
	it = item(cl, "V-203591");		/* nothing selected */
	ck_assert_int_eq(it->worst, SC_RESULT_NOTSELECTED);
	ck_assert_int_eq(it->status, SC_CKL_NOT_REVIEWED);
	ck_assert(strstr(it->details, "[notselected] Rule D (" TU_RULE("d") ")\nnot selected by the profile") != NULL);
	sc_checklist_free(cl);
	sc_testresult_free(tr);
	sc_checklist_free(NULL);
}
END_TEST

START_TEST(test_asset_and_ids)
{
	struct sc_testresult *tr = tu_testresult(content, NULL);
	struct sc_checklist *cl = build(tr), *again;
	char id[SC_UUID_LEN];

	ck_assert_str_eq(cl->host_name, "test-target");
	ck_assert_str_eq(cl->fqdn, "");
	ck_assert_str_eq(cl->ip, "");
	ck_assert_str_eq(cl->time, "2026-01-01T10:00:07+00:00");
	ck_assert_str_eq(cl->target_comment, "rootfs; scanned by stigcheck " STIGCHECK_VERSION);
	again = build(tr);
	ck_assert_str_eq(cl->id, again->id);
	ck_assert_str_eq(cl->stig_uuid, again->stig_uuid);
	ck_assert_str_eq(cl->items[7].uuid, again->items[7].uuid);
	ck_assert_str_ne(cl->items[7].uuid, cl->items[8].uuid);
	ck_assert_str_ne(cl->id, cl->stig_uuid);
	strcpy(id, cl->id);
	sc_checklist_free(cl);
	sc_checklist_free(again);

	/* another scan of the same target: another checklist, same STIG */
	tr->start_time += 60;
	sc_testresult_add_fact(tr, "urn:xccdf:fact:asset:identifier:fqdn", "string", "t.example.org");
	sc_testresult_add_fact(tr, "urn:xccdf:fact:ethernet:MAC", "string", "02:42:ac:11:00:02");
	sc_testresult_add_fact(tr, "urn:stigcheck:fact:container:id", "string", "abc123");
	sc_testresult_add_fact(tr, "urn:stigcheck:fact:image:digest", "string", "sha256:0f0f");
	sc_strv_push(&tr->target_addresses, "10.0.0.7");
	cl = build(tr);
	ck_assert_str_ne(cl->id, id);
	ck_assert_str_eq(cl->fqdn, "t.example.org");
	ck_assert_str_eq(cl->mac, "02:42:ac:11:00:02");
	ck_assert_str_eq(cl->ip, "10.0.0.7");
	ck_assert_str_eq(cl->target_comment, "rootfs; container:id abc123; "
	    "image:digest sha256:0f0f; scanned by stigcheck " STIGCHECK_VERSION);
	sc_checklist_free(cl);
	sc_testresult_free(tr);
}
END_TEST

START_TEST(test_text_cap)
{
	struct sc_testresult *tr = tu_testresult(content, NULL);
	struct sc_checklist *cl;
	char line[1001];

	memset(line, 'x', 1000);
	line[1000] = '\0';
	for (int i = 0; i < 60; i++)
		sc_rr_add(&tr->rr[0], SC_MSG_INFO, line);
	cl = build(tr);
	ck_assert_uint_le(strlen(item(cl, "V-203780")->details), SC_CHECKLIST_TEXT_MAX);
	ck_assert(strstr(item(cl, "V-203780")->details, "(cut: over the checklist text limit)") != NULL);
	sc_checklist_free(cl);
	sc_testresult_free(tr);
}
END_TEST

static Suite *
checklist_suite(void)
{
	Suite *s = suite_create("checklist");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_order);
	tcase_add_test(tc, test_status_names);
	tcase_add_test(tc, test_worst_wins);
	tcase_add_test(tc, test_asset_and_ids);
	tcase_add_test(tc, test_text_cap);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(checklist_suite)
