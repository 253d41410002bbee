/*
 * check_oval_regex.c - OVAL patterns compiled once per scan: the same
 * (pattern, flags) gives the same compiled regex, which matches as a
 * fresh compile does; other flags or patterns are kept apart; a pattern
 * that does not compile reports what sc_regex_compile reports, each time;
 * release frees everything (valgrind and ASan runs check).
 */
#include <string.h>

#include "testutil.h"
#include "checks/oval/oval_model.h"
#include "checks/oval/oval_regex.h"

START_TEST(test_once_per_pattern)
{
	struct sc_oval_rt rt = { 0 };
	struct sc_err err = SC_ERR_INIT;
	struct sc_regex *a, *b, *ci, *other;

	a = sc_oval_regex_get(&rt, "^/etc/rsyslog\\.conf$", 0, &err);
	ck_assert_ptr_nonnull(a);
	b = sc_oval_regex_get(&rt, "^/etc/rsyslog\\.conf$", 0, &err);
	ck_assert_ptr_eq(a, b);
	ck_assert_int_eq(sc_regex_search(a, "/etc/rsyslog.conf", 17, 0, NULL,
	    &err), 1);
	ck_assert_int_eq(sc_regex_search(b, "/etc/rsyslog_conf", 17, 0, NULL,
	    &err), 0);
	/* the same pattern with other flags is another regex */
	ci = sc_oval_regex_get(&rt, "^/etc/rsyslog\\.conf$", SC_RE_CASELESS,
	    &err);
	ck_assert_ptr_nonnull(ci);
	ck_assert_ptr_ne(ci, a);
	ck_assert_int_eq(sc_regex_search(ci, "/ETC/rsyslog.conf", 17, 0, NULL,
	    &err), 1);
	ck_assert_int_eq(sc_regex_search(a, "/ETC/rsyslog.conf", 17, 0, NULL,
	    &err), 0);
	/* a pattern that looks like a key prefix is its own */
	other = sc_oval_regex_get(&rt, "0:^/etc/rsyslog\\.conf$", 0, &err);
	ck_assert_ptr_nonnull(other);
	ck_assert_ptr_ne(other, a);
	ck_assert_uint_eq(rt.regexes.n, 3);
	sc_oval_regex_release(&rt);
	ck_assert_uint_eq(rt.regexes.n, 0);
	sc_oval_regex_release(&rt);	/* twice is harmless */
}
END_TEST

START_TEST(test_bad_pattern_not_kept)
{
	struct sc_oval_rt rt = { 0 };
	struct sc_err e1 = SC_ERR_INIT, e2 = SC_ERR_INIT, e3 = SC_ERR_INIT;
	struct sc_regex *direct = NULL;

	ck_assert_ptr_null(sc_oval_regex_get(&rt, "a(b", 0, &e1));
	ck_assert_ptr_null(sc_oval_regex_get(&rt, "a(b", 0, &e2));
	ck_assert_int_lt(sc_regex_compile(&direct, "a(b", 0, &e3), 0);
	ck_assert_str_eq(e1.msg, e3.msg);
	ck_assert_str_eq(e2.msg, e3.msg);
	ck_assert_uint_eq(rt.regexes.n, 0);
	/* no runtime: nothing kept, nothing said */
	ck_assert_ptr_null(sc_oval_regex_get(NULL, "a", 0, &e1));
	sc_oval_regex_release(NULL);
	sc_oval_regex_release(&rt);
}
END_TEST

static Suite *
oval_regex_suite(void)
{
	Suite *s = suite_create("oval_regex");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_once_per_pattern);
	tcase_add_test(tc, test_bad_pattern_not_kept);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(oval_regex_suite)
