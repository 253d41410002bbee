/*
 * check_walk_dents.c - the walk reads a directory with getdents64 on the
 * descriptor it opened (walk.c read_names): a directory whose entries
 * take several 32 KiB reads is listed whole, once, sorted; an empty
 * directory and a directory walked from a subtree root are listed too;
 * the walk reuses one buffer (valgrind and ASan runs check it is freed).
 */
#include <stdio.h>
#include <string.h>

#include "testutil.h"
#include "walk/walk.h"

#define BIG 3000	/* ~64-byte records each: about 6 getdents64 reads */

struct seen {
	struct sc_strv paths;
};

static int
record(void *ctx, const struct sc_walk_entry *e)
{
	struct seen *s = ctx;

	ck_assert_int_eq(e->event, SC_WALK_ENTRY);
	sc_strv_push(&s->paths, e->path);
	return 0;
}

static void
name_of(char *buf, size_t len, int i)
{
	snprintf(buf, len, "f%04d-a-long-name-to-fill-the-records-quickly", i);
}

START_TEST(test_big_and_empty_directories)
{
	char *tmp = tu_mkdtemp(), *root = tu_path(tmp, "root");
	struct sc_target *t = NULL;
	struct sc_walk *w = sc_walk_new();
	struct seen all = { SC_STRV_INIT }, big = { SC_STRV_INIT };
	struct sc_walk_spec s1 = { "/", -1, 0, record, &all };
	struct sc_walk_spec s2 = { "/big", 1, SC_WALK_NO_ROOT, record, &big };
	struct sc_walk_stats st;
	char name[128], path[160];
	int i;

	/* created in reverse order: the listing must come out sorted */
	for (i = BIG - 1; i >= 0; i--) {
		name_of(name, sizeof(name), i);
		snprintf(path, sizeof(path), "big/%s", name);
		tu_write(root, path, "", 0644);
	}
	tu_mkdir(root, "empty", 0755);
	tu_write(root, "z/last", "x", 0644);
	ck_assert_int_eq(sc_target_open_rootfs(&t, root, NULL), 0);
	sc_walk_add(w, &s1);
	sc_walk_add(w, &s2);
	ck_assert_int_eq(sc_walk_run(w, t, NULL), 0);
	sc_walk_get_stats(w, &st);
	/* / big empty z: each read once, for both visitors */
	ck_assert_uint_eq(st.dir_reads, 4);
	ck_assert_uint_eq(big.paths.n, BIG);
	for (i = 0; i < BIG; i++) {
		name_of(name, sizeof(name), i);
		snprintf(path, sizeof(path), "/big/%s", name);
		ck_assert_str_eq(big.paths.v[i], path);
	}
	/* "/", big and its entries, empty, z, z/last */
	ck_assert_uint_eq(all.paths.n, 1 + 1 + BIG + 1 + 1 + 1);
	ck_assert(sc_strv_find(&all.paths, "/empty") >= 0);
	ck_assert_str_eq(all.paths.v[all.paths.n - 1], "/z/last");
	/* a second run reads the same */
	sc_strv_free(&big.paths);
	ck_assert_int_eq(sc_walk_run(w, t, NULL), 0);
	ck_assert_uint_eq(big.paths.n, BIG);
	sc_strv_free(&all.paths);
	sc_strv_free(&big.paths);
	sc_walk_free(w);
	sc_target_free(t);
	tu_rmrf(tmp);
	free(tmp);
	free(root);
}
END_TEST

static Suite *
walk_dents_suite(void)
{
	Suite *s = suite_create("walk_dents");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 120);	/* 3000 files under valgrind */
	tcase_add_test(tc, test_big_and_empty_directories);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(walk_dents_suite)
