/*
 * check_ruletext.c - a rule's prose tidied into paragraphs.
 */
#include <string.h>

#include "fixture_results.h"
#include "reports/ruletext.h"
#include "testutil.h"

static char *
tidy(const char *s)
{
	struct sc_buf b = SC_BUF_INIT;

	sc_buf_reset(&b);
	sc_ruletext_tidy(&b, s);
	return sc_buf_detach(&b);
}

START_TEST(test_tidy)
{
	static const struct { const char *in, *out; } cases[] = {
		{ "", "" },
		{ "   \n\t ", "" },
		{ "one line", "one line" },
		{ "  hard\n    wrapped\n    text  ", "hard wrapped text" },
		{ "para one\n\n   para two", "para one\n\npara two" },
		{ "a\n   \n  \n\n b", "a\n\nb" },
		{ "tabs\tand   spaces", "tabs and spaces" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *t = tidy(cases[i].in);

		ck_assert_msg(strcmp(t, cases[i].out) == 0, "'%s' -> '%s'",
		    cases[i].in, t);
		free(t);
	}
}
END_TEST

static char *
text(const struct sc_benchmark *b, char rule, enum sc_ruletext_kind k)
{
	struct sc_buf out = SC_BUF_INIT;

	sc_buf_reset(&out);
	sc_ruletext(&out, sc_bench_find(b, tu_rule_id(rule)), k);
	return sc_buf_detach(&out);
}

START_TEST(test_rule_texts)
{
	struct sc_content *c = tu_content(tu_bench_xml);
	const struct sc_benchmark *b = sc_content_benchmark(c);
	char *t;

	/* DISA style: only the VulnDiscussion */
	t = text(b, 'a', SC_RULETEXT_DESCRIPTION);
	ck_assert_str_eq(t, "Only this part.");
	free(t);
	t = text(b, 'b', SC_RULETEXT_DESCRIPTION);
	ck_assert_str_eq(t, "First paragraph of B.\n\nSecond paragraph.");
	free(t);
	t = text(b, 'b', SC_RULETEXT_RATIONALE);
	ck_assert_str_eq(t, "Why B.");
	free(t);
	/* the manual check, not the native one */
	t = text(b, 'b', SC_RULETEXT_CHECK);
	ck_assert_str_eq(t, "Look at /b.");
	free(t);
	t = text(b, 'a', SC_RULETEXT_FIX);
	ck_assert_str_eq(t, "Fix A.");
	free(t);
	/* absent texts add nothing */
	t = text(b, 'c', SC_RULETEXT_FIX);
	ck_assert_str_eq(t, "");
	free(t);
	t = text(b, 'g', SC_RULETEXT_CHECK);	/* OVAL reference only */
	ck_assert_str_eq(t, "");
	free(t);
	{
		struct sc_buf out = SC_BUF_INIT;

		sc_buf_reset(&out);
		sc_ruletext(&out, NULL, SC_RULETEXT_DESCRIPTION);
		ck_assert_uint_eq(out.len, 0);
		sc_buf_free(&out);
	}
	sc_content_free(c);
}
END_TEST

static Suite *
ruletext_suite(void)
{
	Suite *s = suite_create("ruletext");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_tidy);
	tcase_add_test(tc, test_rule_texts);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(ruletext_suite)
