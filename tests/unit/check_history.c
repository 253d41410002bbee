/*
 * check_history.c - --history DIR --keep N (agent/history.c).
 */
#include <dirent.h>
#include <string.h>
#include <sys/stat.h>

#include "fixture_results.h"
#include "history.h"
#include "testutil.h"
#include "util/fsutil.h"

static int
exists(const char *dir, const char *name)
{
	char *p = tu_path(dir, name);
	struct stat st;
	int r = lstat(p, &st) == 0;

	free(p);
	return r;
}

START_TEST(test_keep_word)
{
	struct sc_err err = SC_ERR_INIT;
	unsigned k = 9;

	ck_assert_int_eq(sc_history_parse_keep("0", &k, &err), 0);
	ck_assert_uint_eq(k, 0);
	ck_assert_int_eq(sc_history_parse_keep("30", &k, &err), 0);
	ck_assert_uint_eq(k, 30);
	ck_assert_int_lt(sc_history_parse_keep("-1", &k, &err), 0);
	ck_assert_int_lt(sc_history_parse_keep("3x", &k, &err), 0);
	ck_assert_int_lt(sc_history_parse_keep("", &k, &err), 0);
	ck_assert_int_lt(sc_history_parse_keep("99999999999999999999", &k,
	    &err), 0);
}
END_TEST

START_TEST(test_store_and_prune)
{
	struct sc_content *c = tu_content(tu_bench_xml);
	struct sc_testresult *tr = tu_testresult(c, NULL);
	struct sc_err err = SC_ERR_INIT;
	char *dir = tu_mkdtemp(), *h = tu_path(dir, "h"), *p1 = NULL, *p2 = NULL;

	free(tr->target);
	tr->target = sc_xstrdup("../web 1");	/* made a safe name */
	ck_assert_int_eq(sc_history_check(h, &err), 0);	/* created */
	ck_assert_int_eq(sc_history_store(h, c, tr, &p1, &err), 0);
	ck_assert_int_eq(sc_history_store(h, c, tr, &p2, &err), 0);
	/* start 2026-01-01T10:00:00Z; the second run of that second */
	ck_assert(strstr(p1, "/h/_._web_1.20260101T100000Z.xml") != NULL);
	ck_assert(strstr(p2, "/h/_._web_1.20260101T100000Z~01.xml") != NULL);
	tu_write(h, "_._web_1.20250101T100000Z.xml", "old", 0644);
	tu_write(h, "_._web_1.notes.xml", "x", 0644);
	tu_write(h, "other.20200101T100000Z.xml", "x", 0644);
	ck_assert_int_eq(sc_history_prune(h, tr, 0, &err), 0);	/* keep all */
	ck_assert(exists(h, "_._web_1.20250101T100000Z.xml"));
	ck_assert_int_eq(sc_history_prune(h, tr, 2, &err), 0);
	ck_assert(!exists(h, "_._web_1.20250101T100000Z.xml"));
	ck_assert(exists(h, "_._web_1.20260101T100000Z.xml"));
	ck_assert(exists(h, "_._web_1.20260101T100000Z~01.xml"));
	ck_assert(exists(h, "_._web_1.notes.xml"));
	ck_assert(exists(h, "other.20200101T100000Z.xml"));
	ck_assert_int_eq(sc_history_prune(h, tr, 1, &err), 0);
	ck_assert(!exists(h, "_._web_1.20260101T100000Z.xml"));
	ck_assert(exists(h, "_._web_1.20260101T100000Z~01.xml"));
	/* a file is not a history directory */
	ck_assert_int_lt(sc_history_check(p2, &err), 0);
	free(p1);
	free(p2);
	free(h);
	tu_rmrf(dir);
	free(dir);
	sc_testresult_free(tr);
	sc_content_free(c);
}
END_TEST

static Suite *
history_suite(void)
{
	Suite *s = suite_create("history");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_keep_word);
	tcase_add_test(tc, test_store_and_prune);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(history_suite)
