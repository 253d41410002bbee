/*
 * check_srg.c - the GPOS SRG id table and matching content rules to it.
 */
#include <string.h>

#include "fixture_results.h"
#include "reports/srg.h"
#include "testutil.h"

static struct sc_srg *srg;

static void
setup(void)
{
	srg = tu_srg();
}

static void
teardown(void)
{
	sc_srg_free(srg);
	srg = NULL;
}

START_TEST(test_builtin)
{
	const struct sc_srg_rule *r;
	char *ref;

	ck_assert_str_eq(srg->benchmark_id, "General_Purpose_Operating_System");
	ck_assert_str_eq(srg->version, "3");
	ck_assert_str_eq(srg->release, "Release: 3 Benchmark Date: 28 Oct 2025");
	ck_assert_str_eq(srg->filename, "U_GPOS_SRG_V3R3_Manual-xccdf.xml");
	ck_assert_str_eq(srg->target_key, "2895");
	ck_assert_uint_eq(srg->n_rules, 203);
	r = sc_srg_by_vuln(srg, "V-203780");
	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq(r->rule_id, "SV-203780r991589_rule");
	ck_assert_str_eq(r->srg_id, "SRG-OS-000480-GPOS-00227");
	ck_assert_str_eq(r->group_title, "SRG-OS-000480");
	ck_assert_str_eq(r->severity, "medium");
	ck_assert_str_eq(r->weight, "10.0");
	ck_assert_uint_eq(r->ccis.n, 1);
	ck_assert_str_eq(r->ccis.v[0], "CCI-000366");
	ck_assert_ptr_eq(&srg->rules[r->index], r);
	r = sc_srg_by_vuln(srg, "V-203591");
	ck_assert_uint_eq(r->legacy_ids.n, 2);
	ck_assert_str_eq(r->legacy_ids.v[0], "V-56571");
	ck_assert(strlen(r->title) > 20);
	ck_assert_str_eq(sc_srg_cci_nist(srg, "CCI-000366"), "CM-6 b");
	ck_assert_ptr_null(sc_srg_cci_nist(srg, "CCI-999999"));
	ref = sc_srg_stig_ref(srg);
	ck_assert_str_eq(ref, "General Purpose Operating System Security "
	    "Requirements Guide :: Version 3, Release: 3 Benchmark Date: 28 Oct 2025");
	free(ref);
}
END_TEST

START_TEST(test_lookups)
{
	/* by number: any revision, with or without _rule, inside text */
	ck_assert_str_eq(sc_srg_by_sv(srg, "SV-203776r959006_rule")->rule_id,
	    "SV-203776r1137699_rule");
	ck_assert_str_eq(sc_srg_by_sv(srg, "xccdf_mil.disa.stig_rule_SV-203780r1_rule")->vuln_id,
	    "V-203780");
	ck_assert_ptr_nonnull(sc_srg_by_sv(srg, "SV-203780"));
	ck_assert_ptr_null(sc_srg_by_sv(srg, "SV-2037"));
	ck_assert_ptr_null(sc_srg_by_sv(srg, "SV-"));
	ck_assert_ptr_null(sc_srg_by_sv(srg, "V-203780"));
	ck_assert_ptr_null(sc_srg_by_sv(srg, NULL));
	ck_assert_ptr_null(sc_srg_by_vuln(srg, "V-1"));
	ck_assert_ptr_null(sc_srg_by_vuln(srg, NULL));
	ck_assert_str_eq(sc_srg_by_srg_id(srg, "SRG-OS-000001-GPOS-00001")->vuln_id,
	    "V-203591");
	/* two SRG rules share this SRG id: no guess */
	ck_assert_ptr_null(sc_srg_by_srg_id(srg, "SRG-OS-000132-GPOS-00067"));
	ck_assert_ptr_null(sc_srg_by_srg_id(srg, NULL));
}
END_TEST

START_TEST(test_match_content)
{
	struct sc_content *c = tu_content(tu_bench_xml);
	const struct sc_benchmark *b = sc_content_benchmark(c);
	static const struct { char rule; const char *vuln; } want[] = {
		{ 'a', "V-203780" }, { 'b', "V-203780" }, { 'c', "V-203629" },
		{ 'd', "V-203591" }, { 'e', NULL }, { 'f', NULL },
		{ 'g', "V-203591" },
	};

	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const char *id = tu_rule_id(want[i].rule);
		const struct sc_srg_rule *r = sc_srg_match(srg, id,
		    sc_bench_find(b, id));

		if (want[i].vuln == NULL)
			ck_assert_msg(r == NULL, "rule %c mapped", want[i].rule);
		else
			ck_assert_msg(r && strcmp(r->vuln_id, want[i].vuln) == 0,
			    "rule %c -> %s", want[i].rule, r ? r->vuln_id : "none");
	}
	/* no Rule at hand: the idref alone */
	ck_assert_ptr_nonnull(sc_srg_match(srg, TU_RULE_A, NULL));
	ck_assert_ptr_null(sc_srg_match(srg, "xccdf_org.test_rule_b", NULL));
	sc_content_free(c);
}
END_TEST

START_TEST(test_parse_errors)
{
	static const char ok[] = "@benchmark\tB\n@release\tRelease: 1 x\n"
	    "R\tV-1\tSV-1r1_rule\tSRG-1\tSRG\tlow\t1.0\tCCI-1,CCI-2\t\tT\n"
	    "C\tCCI-1\tAC-1\n";
	struct sc_srg *s = NULL;
	struct sc_err err = SC_ERR_INIT;

	ck_assert_int_eq(sc_srg_parse(&s, ok, strlen(ok), "t.tsv", &err), 0);
	ck_assert_uint_eq(s->n_rules, 1);
	ck_assert_uint_eq(s->rules[0].ccis.n, 2);
	ck_assert_uint_eq(s->rules[0].legacy_ids.n, 0);
	ck_assert_str_eq(sc_srg_cci_nist(s, "CCI-1"), "AC-1");
	sc_srg_free(s);
	ck_assert_int_eq(sc_srg_parse(&s, "@benchmark\tB\nR\tbad\n", 18, "t.tsv",
	    &err), SC_ERR_PARSE);
	ck_assert_ptr_null(s);
	ck_assert_str_eq(err.msg, "t.tsv:2: malformed SRG table line");
	ck_assert_int_eq(sc_srg_parse(&s, "# nothing\n", 10, "t.tsv", &err),
	    SC_ERR_PARSE);
	ck_assert(strstr(err.msg, "without benchmark") != NULL);
	sc_srg_free(NULL);
}
END_TEST

static Suite *
srg_suite(void)
{
	Suite *s = suite_create("srg");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_builtin);
	tcase_add_test(tc, test_lookups);
	tcase_add_test(tc, test_match_content);
	tcase_add_test(tc, test_parse_errors);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(srg_suite)
