/*
 * check_walk_speed.c - the walk's two shortcuts keep what visitors see:
 *  - a directory is listed with getdents64 on the descriptor the walk
 *    opened (walk.c read_names): one whose entries take several 32 KiB
 *    reads is listed whole, once, sorted; an empty directory too;
 *  - a directory read below a followed symlink and reached again by its
 *    own path in the same run is replayed, not read again (walk.h);
 *    read by its own path first, it is read again through the link;
 *    both paths deliver the same entries, in the same order, with the
 *    same lstat; a second run reads afresh; loops are still not entered;
 *    a visitor that does not follow symlinks sees each path once.
 * valgrind and ASan runs check the buffer and the kept listings are freed.
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "testutil.h"
#include "walk/walk.h"

struct seen {
	struct sc_strv paths;
};

static char *tmp, *root;
static struct sc_target *t;
static struct sc_walk *w;

static void
setup(void)
{
	tmp = tu_mkdtemp();
	root = tu_path(tmp, "root");
	t = NULL;
	w = sc_walk_new();
}

static void
teardown(void)
{
	sc_walk_free(w);
	sc_target_free(t);
	tu_rmrf(tmp);
	free(tmp);
	free(root);
}

static void
open_target(void)
{
	ck_assert_int_eq(sc_target_open_rootfs(&t, root, NULL), 0);
}

#define BIG 3000	/* ~64-byte records each: about 6 getdents64 reads */

static int
record_path(void *ctx, const struct sc_walk_entry *e)
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
	struct seen all = { SC_STRV_INIT }, big = { SC_STRV_INIT };
	struct sc_walk_spec s1 = { "/", -1, 0, record_path, &all };
	struct sc_walk_spec s2 = { "/big", 1, SC_WALK_NO_ROOT, record_path, &big };
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
	open_target();
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
}
END_TEST

static int
record(void *ctx, const struct sc_walk_entry *e)
{
	struct seen *s = ctx;
	char buf[1024];	/* "path ino mode" */

	ck_assert_int_eq(e->event, SC_WALK_ENTRY);
	snprintf(buf, sizeof(buf), "%s %llu %o", e->path,
	    (unsigned long long)e->st->st_ino, (unsigned)e->st->st_mode);
	sc_strv_push(&s->paths, buf);
	return 0;
}

/* The entries of s below prefix, with prefix cut, in order. */
static void
below(const struct seen *s, const char *prefix, struct sc_strv *out)
{
	size_t n = strlen(prefix);

	for (size_t i = 0; i < s->paths.n; i++)
		if (strncmp(s->paths.v[i], prefix, n) == 0 &&
		    s->paths.v[i][n] == '/')
			sc_strv_push(out, s->paths.v[i] + n);
}

static void
same_below(const struct seen *s, const char *p1, const char *p2, size_t want)
{
	struct sc_strv a = SC_STRV_INIT, b = SC_STRV_INIT;

	below(s, p1, &a);
	below(s, p2, &b);
	ck_assert_uint_eq(a.n, want);
	ck_assert_uint_eq(b.n, want);
	for (size_t i = 0; i < a.n; i++)
		ck_assert_str_eq(a.v[i], b.v[i]);
	sc_strv_free(&a);
	sc_strv_free(&b);
}

START_TEST(test_replayed_both_ways)
{
	struct seen all = { SC_STRV_INIT }, plain = { SC_STRV_INIT };
	struct sc_walk_spec s1 = { "/", -1, SC_WALK_FOLLOW_SYMLINKS, record,
	    &all };
	struct sc_walk_spec s2 = { "/", -1, 0, record, &plain };
	struct sc_walk_stats st;

	/* lib -> usr/lib: the link comes first (l < u) */
	tu_write(root, "usr/lib/libz.so", "x", 0755);
	tu_write(root, "usr/lib/sub/deep.so", "x", 0644);
	tu_write(root, "usr/lib/sub/more/x.conf", "x", 0600);
	tu_symlink(root, "lib", "usr/lib");
	/* zz -> a/real: the directory's own path comes first */
	tu_write(root, "a/real/one", "1", 0644);
	tu_write(root, "a/real/two/three", "3", 0644);
	tu_symlink(root, "zz", "a/real");
	/* a loop stays a loop */
	tu_symlink(root, "usr/lib/sub/up", "..");
	open_target();
	sc_walk_add(w, &s1);
	sc_walk_add(w, &s2);
	ck_assert_int_eq(sc_walk_run(w, t, NULL), 0);
	sc_walk_get_stats(w, &st);
	/* libz.so sub sub/deep.so sub/more sub/more/x.conf sub/up */
	same_below(&all, "/lib", "/usr/lib", 6);
	/* one two two/three */
	same_below(&all, "/zz", "/a/real", 3);
	/* the loop's link is listed, not entered */
	ck_assert(sc_strv_find(&all.paths, "/usr/lib/sub/up/sub") < 0);
	{
		struct sc_strv x = SC_STRV_INIT;

		below(&all, "/usr/lib/sub/up", &x);
		ck_assert_uint_eq(x.n, 0);
		sc_strv_free(&x);
	}
	ck_assert_uint_ge(st.loops, 1);
	/* replayed: usr/lib, sub, sub/more (read through lib); a/real and
	 * a/real/two were read by their path first: kept for nothing */
	ck_assert_uint_eq(st.replayed, 3);
	/* read: / a a/real a/real/two usr/lib (as lib) usr/lib/sub
	 * usr/lib/sub/more usr, zz (a/real again) zz/two */
	ck_assert_uint_eq(st.dir_reads, 10);
	/* the visitor that does not follow saw each path once */
	ck_assert(sc_strv_find(&plain.paths, "/lib") < 0);
	{
		struct sc_strv x = SC_STRV_INIT;

		below(&plain, "/lib", &x);
		ck_assert_uint_eq(x.n, 0);
		below(&plain, "/usr/lib", &x);
		ck_assert_uint_eq(x.n, 6);
		sc_strv_free(&x);
	}
	/* a second run reads again (nothing kept between runs) */
	sc_strv_free(&all.paths);
	sc_strv_free(&plain.paths);
	ck_assert_int_eq(sc_walk_run(w, t, NULL), 0);
	sc_walk_get_stats(w, &st);
	ck_assert_uint_eq(st.dir_reads, 10);
	same_below(&all, "/lib", "/usr/lib", 6);
	sc_strv_free(&all.paths);
	sc_strv_free(&plain.paths);
}
END_TEST

static Suite *
walk_speed_suite(void)
{
	Suite *s = suite_create("walk_speed");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);	/* 3000 files under valgrind */
	tcase_add_test(tc, test_big_and_empty_directories);
	tcase_add_test(tc, test_replayed_both_ways);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(walk_speed_suite)
