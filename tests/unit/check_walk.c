/*
 * check_walk.c - the shared walk: one read per directory for all visitors,
 * sorted entries, depth limits, symlink following inside the root, loop
 * detection, pseudo-filesystem pruning, flat memory.
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"
#include "walk/walk.h"

static char *tmp, *root;

struct rec {
	struct sc_strv paths;
	struct sc_strv events;	/* "missing:PATH", "error:PATH" */
	int depth_max;
	const char *prune;	/* path to prune at, or NULL */
};

static int
record(void *ctx, const struct sc_walk_entry *e)
{
	struct rec *r = ctx;
	char buf[1024];

	if (e->event == SC_WALK_ROOT_MISSING) {
		snprintf(buf, sizeof(buf), "missing:%s", e->path);
		sc_strv_push(&r->events, buf);
		return 0;
	}
	if (e->event == SC_WALK_ERROR) {
		snprintf(buf, sizeof(buf), "error:%s", e->path);
		sc_strv_push(&r->events, buf);
		return 0;
	}
	ck_assert_ptr_nonnull(e->st);
	ck_assert_ptr_eq(e->target, e->target);
	sc_strv_push(&r->paths, e->path);
	if (e->depth > r->depth_max)
		r->depth_max = e->depth;
	if (r->prune && strcmp(e->path, r->prune) == 0)
		return SC_WALK_PRUNE;
	return 0;
}

static void
rec_free(struct rec *r)
{
	sc_strv_free(&r->paths);
	sc_strv_free(&r->events);
}

static int
has(const struct rec *r, const char *p)
{
	return sc_strv_find(&r->paths, p) >= 0;
}

static void
setup(void)
{
	tmp = tu_mkdtemp();
	root = tu_path(tmp, "root");
	tu_write(tmp, "outside/secret", "host\n", 0644);
	tu_write(root, "a/b/c/file", "x", 0644);
	tu_write(root, "a/b/zeta", "x", 0644);
	tu_write(root, "a/b/alpha", "x", 0644);
	tu_write(root, "a/b/Mid", "x", 0644);
	tu_symlink(root, "a/link", "/a/b");		/* dir link, in root */
	tu_symlink(root, "a/b/c/loop", "../..");	/* ancestor: loop */
	tu_symlink(root, "a/out", "../../../../outside");	/* clamps to / */
	tu_symlink(root, "a/hostetc", "/etc");		/* the root's /etc */
	tu_write(root, "etc/passwd", "root:x:0:0::/:/bin/sh\n", 0644);
	tu_write(root, "usr/lib/libz.so", "x", 0755);
	tu_write(root, "usr/lib/sub/deep.so", "x", 0755);
	tu_symlink(root, "lib", "usr/lib");
	tu_write(root, "proc/1/environ", "PATH=/x", 0644);
	tu_write(root, "sys/kernel/x", "1", 0644);
}

static void
teardown(void)
{
	tu_rmrf(tmp);
	free(tmp);
	free(root);
}

static struct sc_target *
open_root(void)
{
	struct sc_target *t;

	ck_assert_int_eq(sc_target_open_rootfs(&t, root, NULL), 0);
	return t;
}

static void
add(struct sc_walk *w, const char *r, int depth, unsigned flags,
    struct rec *rec)
{
	struct sc_walk_spec s = { r, depth, flags, record, rec };

	sc_walk_add(w, &s);
}

START_TEST(test_one_read_per_directory)
{
	struct sc_target *t = open_root();
	struct sc_walk *w = sc_walk_new();
	struct sc_walk_stats st;
	struct rec all = { 0 }, lib = { 0 }, usr = { 0 };

	add(w, "/", -1, 0, &all);
	add(w, "/usr/lib", -1, 0, &lib);
	add(w, "/usr", -1, 0, &usr);
	ck_assert_int_eq(sc_walk_run(w, t, NULL), 0);
	sc_walk_get_stats(w, &st);
	/* one top-level walk; every directory read once:
	 * / a a/b a/b/c etc usr usr/lib usr/lib/sub  (proc, sys pruned) */
	ck_assert_uint_eq(st.walks, 1);
	ck_assert_uint_eq(st.dir_reads, 8);
	ck_assert_uint_ge(st.pruned, 2);
	ck_assert(has(&all, "/"));
	ck_assert(has(&all, "/usr/lib/sub/deep.so"));
	ck_assert(has(&all, "/proc"));		/* reported ... */
	ck_assert(!has(&all, "/proc/1"));	/* ... not entered */
	ck_assert(!has(&all, "/sys/kernel"));
	ck_assert(!has(&all, "/a/link/c/file"));	/* no following */
	ck_assert(has(&all, "/a/link"));
	ck_assert(has(&lib, "/usr/lib"));
	ck_assert(has(&lib, "/usr/lib/sub/deep.so"));
	ck_assert(!has(&lib, "/usr"));
	ck_assert_uint_eq(lib.paths.n, 4);
	ck_assert_uint_eq(usr.paths.n, 5);
	/* sorted, bytewise: Mid < alpha < c < zeta */
	{
		long m = sc_strv_find(&all.paths, "/a/b/Mid"),
		    a = sc_strv_find(&all.paths, "/a/b/alpha"),
		    c = sc_strv_find(&all.paths, "/a/b/c"),
		    z = sc_strv_find(&all.paths, "/a/b/zeta");
		ck_assert(m < a && a < c && c < z);
	}
	rec_free(&all);
	rec_free(&lib);
	rec_free(&usr);
	sc_walk_free(w);
	sc_target_free(t);
}
END_TEST

START_TEST(test_alias_root_served_by_walk)
{
	struct sc_target *t = open_root();
	struct sc_walk *w = sc_walk_new();
	struct sc_walk_stats st;
	struct rec all = { 0 }, lib = { 0 };

	add(w, "/", -1, 0, &all);
	add(w, "/lib", -1, 0, &lib);	/* a symlink to usr/lib */
	ck_assert_int_eq(sc_walk_run(w, t, NULL), 0);
	sc_walk_get_stats(w, &st);
	ck_assert_uint_eq(st.walks, 1);
	ck_assert_uint_eq(st.dir_reads, 8);
	/* the alias visitor sees its own path names */
	ck_assert(has(&lib, "/lib"));
	ck_assert(has(&lib, "/lib/sub/deep.so"));
	ck_assert(!has(&lib, "/usr/lib/sub/deep.so"));
	rec_free(&all);
	rec_free(&lib);
	sc_walk_free(w);
	sc_target_free(t);
}
END_TEST

START_TEST(test_depth_and_prune)
{
	struct sc_target *t = open_root();
	struct sc_walk *w = sc_walk_new();
	struct rec d0 = { 0 }, d1 = { 0 }, pr = { 0 }, noroot = { 0 };

	add(w, "/a", 0, 0, &d0);
	add(w, "/a", 1, 0, &d1);
	pr.prune = "/a/b/c";
	add(w, "/a", -1, 0, &pr);
	add(w, "/a/b", 1, SC_WALK_NO_ROOT, &noroot);
	ck_assert_int_eq(sc_walk_run(w, t, NULL), 0);
	ck_assert_uint_eq(d0.paths.n, 1);
	ck_assert_str_eq(d0.paths.v[0], "/a");
	ck_assert_int_eq(d1.depth_max, 1);
	ck_assert(has(&d1, "/a/b"));
	ck_assert(!has(&d1, "/a/b/c"));
	ck_assert(has(&pr, "/a/b/c"));
	ck_assert(!has(&pr, "/a/b/c/file"));
	ck_assert(has(&pr, "/a/b/zeta"));
	ck_assert(!has(&noroot, "/a/b"));
	ck_assert(has(&noroot, "/a/b/c"));
	ck_assert(!has(&noroot, "/a/b/c/file"));
	rec_free(&d0);
	rec_free(&d1);
	rec_free(&pr);
	rec_free(&noroot);
	sc_walk_free(w);
	sc_target_free(t);
}
END_TEST

START_TEST(test_follow_symlinks_inside_root)
{
	struct sc_target *t = open_root();
	struct sc_walk *w = sc_walk_new();
	struct sc_walk_stats st;
	struct rec f = { 0 }, nf = { 0 };

	add(w, "/a", -1, SC_WALK_FOLLOW_SYMLINKS, &f);
	add(w, "/a", -1, 0, &nf);
	ck_assert_int_eq(sc_walk_run(w, t, NULL), 0);
	sc_walk_get_stats(w, &st);
	ck_assert(has(&f, "/a/link/c/file"));
	ck_assert(!has(&nf, "/a/link/c/file"));
	/* /a/hostetc -> /etc is the root's /etc, never the host's */
	ck_assert(has(&f, "/a/hostetc/passwd"));
	ck_assert(!has(&f, "/a/hostetc/hostname"));
	/* ../../../../outside clamps to the root: an ancestor, not entered */
	ck_assert(!has(&f, "/a/out/outside"));
	ck_assert(!has(&f, "/a/out/a"));
	/* a/b/c/loop -> ../.. is an ancestor: not entered */
	ck_assert(!has(&f, "/a/b/c/loop/b"));
	ck_assert_uint_ge(st.loops, 2);
	rec_free(&f);
	rec_free(&nf);
	sc_walk_free(w);
	sc_target_free(t);
}
END_TEST

START_TEST(test_missing_and_file_roots)
{
	struct sc_target *t = open_root();
	struct sc_walk *w = sc_walk_new();
	struct rec m = { 0 }, f = { 0 };

	add(w, "/nonexistent/dir", -1, 0, &m);
	add(w, "/etc/passwd", -1, 0, &f);
	ck_assert_int_eq(sc_walk_run(w, t, NULL), 0);
	ck_assert_uint_eq(m.paths.n, 0);
	ck_assert_uint_eq(m.events.n, 1);
	ck_assert_str_eq(m.events.v[0], "missing:/nonexistent/dir");
	ck_assert_uint_eq(f.paths.n, 1);
	ck_assert_str_eq(f.paths.v[0], "/etc/passwd");
	rec_free(&m);
	rec_free(&f);
	sc_walk_free(w);
	sc_target_free(t);
}
END_TEST

static int
count_only(void *ctx, const struct sc_walk_entry *e)
{
	if (e->event == SC_WALK_ENTRY)
		(*(unsigned long *)ctx)++;
	return 0;
}

START_TEST(test_flat_memory)
{
	struct sc_target *t;
	struct sc_walk *w;
	unsigned long n = 0;
	struct sc_walk_spec s = { "/", -1, 0, count_only, &n };
	long before;
	char rel[64];

	/* 20,000 files in 100 directories */
	for (int d = 0; d < 100; d++) {
		snprintf(rel, sizeof(rel), "many/d%03d", d);
		tu_mkdir(root, rel, 0755);
		for (int f = 0; f < 200; f++) {
			char *p;
			FILE *fp;

			snprintf(rel, sizeof(rel), "many/d%03d/f%03d", d, f);
			p = tu_path(root, rel);
			fp = fopen(p, "w");
			ck_assert_ptr_nonnull(fp);
			fclose(fp);
			free(p);
		}
	}
	t = open_root();
	w = sc_walk_new();
	sc_walk_add(w, &s);
	before = tu_maxrss_kib();
	ck_assert_int_eq(sc_walk_run(w, t, NULL), 0);
	ck_assert_uint_ge(n, 20100);
	ck_assert_msg(tu_under_valgrind() || tu_maxrss_kib() - before < 4096,
	    "walk grew RSS by %ld KiB", tu_maxrss_kib() - before);
	sc_walk_free(w);
	sc_target_free(t);
}
END_TEST

START_TEST(test_nothing_visited_twice_without_follow)
{
	struct sc_target *t = open_root();
	struct sc_walk *w = sc_walk_new();
	struct rec a = { 0 };

	add(w, "/", -1, 0, &a);
	ck_assert_int_eq(sc_walk_run(w, t, NULL), 0);
	for (size_t i = 0; i < a.paths.n; i++)
		for (size_t j = i + 1; j < a.paths.n; j++)
			ck_assert_str_ne(a.paths.v[i], a.paths.v[j]);
	rec_free(&a);
	sc_walk_free(w);
	sc_walk_free(NULL);
	sc_target_free(t);
}
END_TEST

static Suite *
walk_suite(void)
{
	Suite *s = suite_create("walk");
	TCase *tc = tcase_create("walk");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_one_read_per_directory);
	tcase_add_test(tc, test_alias_root_served_by_walk);
	tcase_add_test(tc, test_depth_and_prune);
	tcase_add_test(tc, test_follow_symlinks_inside_root);
	tcase_add_test(tc, test_missing_and_file_roots);
	tcase_add_test(tc, test_flat_memory);
	tcase_add_test(tc, test_nothing_visited_twice_without_follow);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(walk_suite)
