/*
 * check_outputs.c - every requested output written, or the first failure
 * named; nothing written when nothing is asked.
 */
#include <dirent.h>
#include <string.h>
#include <sys/stat.h>

#include "fixture_results.h"
#include "reports/outputs.h"
#include "testutil.h"

static size_t
entries(const char *d)
{
	DIR *dp = opendir(d);
	struct dirent *e;
	size_t n = 0;

	while ((e = readdir(dp)) != NULL)
		if (e->d_name[0] != '.')
			n++;
	closedir(dp);
	return n;
}

START_TEST(test_all)
{
	static const char *names[] = { "r.xml", "a.xml", "r.html", "c.ckl", "c.cklb" };
	char *dir = tu_mkdtemp(), *p[5];
	struct sc_content *c = tu_content(tu_bench_xml);
	struct sc_testresult *tr = tu_testresult(c, NULL);
	struct sc_outputs o;
	struct sc_err err = SC_ERR_INIT;
	struct stat st;

	for (int i = 0; i < 5; i++)
		p[i] = tu_path(dir, names[i]);
	memset(&o, 0, sizeof(o));
	ck_assert_int_eq(sc_outputs_write(&o, c, tr, &err), 0);
	ck_assert_uint_eq(entries(dir), 0);
	/* the five rows 0.1 had, by their --formats words */
	static const char *rows[] = { "results", "arf", "html", "ckl", "cklb" };
	for (int i = 0; i < 5; i++) {
		ck_assert_int_ge(sc_output_find(rows[i]), 0);
		o.path[sc_output_find(rows[i])] = p[i];
	}
	ck_assert_msg(sc_outputs_write(&o, c, tr, &err) == 0, "%s", err.msg);
	for (int i = 0; i < 5; i++) {
		ck_assert_msg(stat(p[i], &st) == 0 && st.st_size > 1000,
		    "%s not written", names[i]);
	}
	ck_assert_uint_eq(entries(dir), 5);
	/* a failure names the file and leaves no temporary file */
	free(p[3]);
	p[3] = tu_path(dir, "no/c.ckl");
	o.path[sc_output_find("ckl")] = p[3];
	ck_assert_int_lt(sc_outputs_write(&o, c, tr, &err), 0);
	ck_assert(strstr(err.msg, "no/c.ckl") != NULL);
	ck_assert_uint_eq(entries(dir), 5);
	for (int i = 0; i < 5; i++)
		free(p[i]);
	sc_testresult_free(tr);
	sc_content_free(c);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

static Suite *
outputs_suite(void)
{
	Suite *s = suite_create("outputs");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_all);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(outputs_suite)
