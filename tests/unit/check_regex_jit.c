/*
 * check_regex_jit.c - the JIT is compiled late (util/regex.h): answers,
 * captures and limit errors are the same before and after a pattern has
 * been searched enough to be JIT-compiled, and with a long subject first.
 */
#include <string.h>

#include "testutil.h"
#include "util/regex.h"

static void
expect_answers(struct sc_regex *re)
{
	struct sc_err e = SC_ERR_INIT;
	struct sc_match m;

	ck_assert_int_eq(sc_regex_search(re, "  fs.suid_dumpable = 0 ", 23, 0,
	    &m, &e), 1);
	ck_assert_uint_eq(m.n, 2);
	ck_assert_uint_eq(m.start[1], 21);
	ck_assert_uint_eq(m.end[1], 23);
	ck_assert_int_eq(sc_regex_search(re, "fs.suid_dumpablex= 0", 20, 0, &m,
	    &e), 0);
	/* from an offset */
	ck_assert_int_eq(sc_regex_search(re, "x\nfs.suid_dumpable=2", 20, 2, &m,
	    &e), 1);
	ck_assert_uint_eq(m.start[1], 19);
}

START_TEST(test_same_answers_across_jit)
{
	struct sc_regex *re = NULL;
	struct sc_err e = SC_ERR_INIT;

	ck_assert_int_eq(sc_regex_compile(&re,
	    "^[\\s]*fs.suid_dumpable[\\s]*=[\\s]*(.*)[\\s]*$", SC_RE_MULTILINE,
	    &e), 0);
	/* 3 searches a round: interpreted first, JIT-compiled after 8 */
	for (int i = 0; i < 10; i++)
		expect_answers(re);
	sc_regex_free(re);
}
END_TEST

START_TEST(test_long_subject_first)
{
	struct sc_regex *re = NULL;
	struct sc_err e = SC_ERR_INIT;
	struct sc_match m;
	size_t n = 64 << 10;
	char *s = malloc(n + 1);

	ck_assert_ptr_nonnull(s);
	memset(s, 'a', n);
	memcpy(s + n - 4, "key=", 4);
	s[n] = '\0';
	ck_assert_int_eq(sc_regex_compile(&re, "key=(v?)$", 0, &e), 0);
	ck_assert_int_eq(sc_regex_search(re, s, n, 0, &m, &e), 1);
	ck_assert_uint_eq(m.start[0], n - 4);
	ck_assert_uint_eq(m.start[1], n);
	free(s);
	sc_regex_free(re);
}
END_TEST

/* a limit hit while interpreted is the JIT's answer, first time or not */
START_TEST(test_limits_before_and_after)
{
	struct sc_regex *re = NULL;
	struct sc_err e = SC_ERR_INIT;
	char subj[200];

	memset(subj, 'a', sizeof(subj) - 2);
	subj[sizeof(subj) - 2] = '!';
	subj[sizeof(subj) - 1] = '\0';
	ck_assert_int_eq(sc_regex_compile(&re, "^(\\w+\\s?)*$", 0, &e), 0);
	ck_assert_int_eq(sc_regex_search(re, subj, strlen(subj), 0, NULL, &e),
	    SC_ERR_TOOBIG);
	for (int i = 0; i < 9; i++)
		ck_assert_int_eq(sc_regex_search(re, "ab cd", 5, 0, NULL, &e), 1);
	ck_assert_int_eq(sc_regex_search(re, subj, strlen(subj), 0, NULL, &e),
	    SC_ERR_TOOBIG);
	ck_assert_msg(strstr(e.msg, "could not be matched") != NULL, "%s", e.msg);
	sc_regex_free(re);
}
END_TEST

static Suite *
regex_jit_suite(void)
{
	Suite *s = suite_create("regex_jit");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);	/* the limits test is slow under valgrind */
	tcase_add_test(tc, test_same_answers_across_jit);
	tcase_add_test(tc, test_long_subject_first);
	tcase_add_test(tc, test_limits_before_and_after);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(regex_jit_suite)
