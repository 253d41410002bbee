/*
 * check_filecache.c - what containers of one image share
 * (agent/probes/filecache.c), and the runtime's image digest
 * (agent/target/imagedigest.c).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "probes/filecache.h"
#include "target/imagedigest.h"
#include "target/mounts.h"
#include "testutil.h"
#include "walk/walk.h"

static int freed;

static void
count_free(void *p)
{
	freed++;
	free(p);
}

/* A mountinfo text whose "/" is an overlay with this upperdir. */
static char *
mountinfo(const char *lower, const char *upper)
{
	return sc_xasprintf(
	    "70 60 0:30 / / rw,relatime - ext4 /dev/vda rw\n"
	    "not a mountinfo line at all\n"
	    "79 52 0:40 / / rw,relatime - overlay overlay rw,lowerdir=%s,"
	    "upperdir=%s,workdir=/w,uuid=on\n"
	    "80 79 0:41 / /proc rw,nosuid - proc proc rw\n", lower, upper);
}

static struct sc_target *
open_root(const char *dir)
{
	struct sc_target *t = NULL;
	struct sc_err err = SC_ERR_INIT;

	ck_assert_int_eq(sc_target_open_rootfs(&t, dir, &err), 0);
	return t;
}

START_TEST(test_shared_and_upper)
{
	char *dir = tu_mkdtemp(), *root = tu_path(dir, "root");
	struct sc_filecache *c = sc_filecache_new();
	struct sc_target *a, *b, *other;
	char *mi = mountinfo("/l/A:/l/B", "/upper"), *mi2;
	char *ka, *kb, *kx, *ko;
	unsigned long hits, misses;
	struct stat st;

	tu_write(dir, "root/usr/lib/a.so", "elf", 0644);
	tu_write(dir, "root/etc/x", "changed", 0644);
	tu_write(dir, "upper/etc/x", "changed", 0644);	/* x is in upper */
	a = open_root(root);
	b = open_root(root);
	other = open_root(root);
	ck_assert_int_eq(sc_filecache_attach_text(a, c, mi, dir), 1);
	ck_assert_int_eq(sc_filecache_attach_text(b, c, mi, dir), 1);
	mi2 = mountinfo("/l/C", "/upper");
	ck_assert_int_eq(sc_filecache_attach_text(other, c, mi2, dir), 1);
	ck_assert_int_eq(sc_target_lstat(a, "/usr/lib/a.so", &st, NULL), 0);
	ka = sc_filecache_key(a, "elf", "/usr/lib/a.so", &st);
	kb = sc_filecache_key(b, "elf", "/usr/lib/a.so", &st);
	ko = sc_filecache_key(other, "elf", "/usr/lib/a.so", &st);
	ck_assert_ptr_nonnull(ka);
	ck_assert_str_eq(ka, kb);
	ck_assert_str_ne(ka, ko);		/* another image */
	/* a file in the container's upper layer is its own */
	ck_assert_int_eq(sc_target_lstat(a, "/etc/x", &st, NULL), 0);
	kx = sc_filecache_key(a, "elf", "/etc/x", &st);
	ck_assert_ptr_null(kx);
	/* relative and over-long paths are not shared */
	ck_assert_ptr_null(sc_filecache_key(a, "elf", "usr/lib/a.so", &st));
	ck_assert_ptr_null(sc_filecache_get(a, ka));
	sc_filecache_put(a, ka, sc_xstrdup("facts"), count_free);
	ck_assert_str_eq(sc_filecache_get(b, kb), "facts");
	ck_assert_ptr_null(sc_filecache_get(other, ko));
	freed = 0;
	sc_filecache_put(b, kb, sc_xstrdup("again"), count_free);
	ck_assert_int_eq(freed, 1);		/* the first one stays */
	ck_assert_str_eq(sc_filecache_get(a, ka), "facts");
	sc_filecache_stats(c, &hits, &misses);
	ck_assert_uint_eq(hits, 2);
	ck_assert_uint_eq(misses, 2);
	/* the targets hold no reference the cache needs */
	sc_target_free(a);
	sc_target_free(b);
	sc_target_free(other);
	freed = 0;
	sc_filecache_free(c);
	ck_assert_int_eq(freed, 1);
	free(ka);
	free(kb);
	free(ko);
	free(mi);
	free(mi2);
	tu_rmrf(dir);
	free(root);
	free(dir);
}
END_TEST

START_TEST(test_not_shared)
{
	char *dir = tu_mkdtemp(), *root = tu_path(dir, "root");
	struct sc_filecache *c = sc_filecache_new();
	struct sc_target *t;
	struct stat st;
	static const char *const bad[] = {
		"",
		"70 60 0:30 / / rw - ext4 /dev/vda rw\n",
		"79 52 0:40 / / rw - overlay overlay rw,lowerdir=/l\n",
		"79 52 0:40 / / rw - overlay overlay rw,upperdir=/upper\n",
		"79 52 0:40 / / rw - overlay overlay rw,lowerdir=/l,upperdir=upper\n",
		"79 52 0:40 / / rw - overlay overlay rw,lowerdir=/l,upperdir=/none\n",
		"79 52 0:40 / / rw - overlay overlay rw,lowerdir=/l\\054x,upperdir=/upper\n",
		/* an overlay, then something mounted on top of it */
		("79 52 0:40 / / rw - overlay overlay rw,lowerdir=/l,upperdir=/upper\n"
		"90 79 0:50 / / rw - tmpfs tmpfs rw\n"),
		"79 52 0:40 / / rw - overlay\n",
		"79 52 0:40 / /\n",
	};
	size_t i;

	tu_write(dir, "root/a", "x", 0644);
	tu_write(dir, "upper/.keep", "", 0644);
	t = open_root(root);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(sc_filecache_attach_text(t, c, bad[i], dir) == 0,
		    "attached with %s", bad[i]);
	ck_assert_int_eq(sc_filecache_attach_text(t, NULL, bad[2], dir), 0);
	ck_assert_int_eq(sc_filecache_attach_text(t, c, NULL, dir), 0);
	/* nothing attached: no key, no entry, put frees */
	ck_assert_int_eq(sc_target_lstat(t, "/a", &st, NULL), 0);
	ck_assert_ptr_null(sc_filecache_key(t, "elf", "/a", &st));
	ck_assert_ptr_null(sc_filecache_get(t, "k"));
	freed = 0;
	sc_filecache_put(t, "k", sc_xstrdup("x"), count_free);
	ck_assert_int_eq(freed, 1);
	/* a process that is not there */
	ck_assert_int_eq(sc_filecache_attach(t, c, 999999999L), 0);
	sc_target_free(t);
	sc_filecache_free(c);
	sc_filecache_free(NULL);
	tu_rmrf(dir);
	free(root);
	free(dir);
}
END_TEST

/* ---- directories of the image, shared by the walk ---------------------- */

/* "path mode uid\n" of every entry a walk of "/" gives. */
static int
collect(void *ctx, const struct sc_walk_entry *e)
{
	if (e->event == SC_WALK_ENTRY)
		sc_buf_addf(ctx, "%s %o %lu\n", e->path, (unsigned)e->st->st_mode,
		    (unsigned long)e->st->st_uid);
	return 0;
}

static char *
walk_all(struct sc_target *t, unsigned long *shared, unsigned long *reads)
{
	struct sc_walk *w = sc_walk_new();
	struct sc_walk_spec s = { "/", -1, 0, collect, NULL };
	struct sc_buf b = SC_BUF_INIT;
	struct sc_walk_stats st;
	struct sc_err err = SC_ERR_INIT;

	sc_buf_reset(&b);
	s.ctx = &b;
	sc_walk_add(w, &s);
	ck_assert_int_eq(sc_walk_run(w, t, &err), 0);
	sc_walk_get_stats(w, &st);
	*shared = st.shared;
	*reads = st.dir_reads;
	sc_walk_free(w);
	return sc_buf_detach(&b);
}

/*
 * A "container" over root: an overlay "/" on dir's device with lower
 * list lower and upper dir/upper, plus extra mountinfo lines.
 */
static struct sc_target *
container(struct sc_filecache *c, const char *dir, const char *root,
    const char *lower, const char *upper, const char *extra)
{
	struct sc_target *t = open_root(root);
	struct sc_mounts *ms = sc_xcalloc(1, sizeof(*ms));
	struct sc_err err = SC_ERR_INIT;
	struct stat st;
	char *mi;

	ck_assert_int_eq(stat(dir, &st), 0);
	mi = sc_xasprintf("79 52 %u:%u / / rw - overlay overlay rw,lowerdir=%s,"
	    "upperdir=%s,workdir=/w\n"
	    "80 79 0:41 / /proc rw,nosuid - proc proc rw\n%s",
	    major(st.st_dev), minor(st.st_dev), lower, upper, extra);
	ck_assert_int_eq(sc_mounts_parse(mi, strlen(mi), ms, &err), 0);
	sc_mounts_attach(t, ms);
	ck_assert_int_eq(sc_filecache_attach_text(t, c, mi, dir), 1);
	free(mi);
	return t;
}

START_TEST(test_shared_dirs)
{
	char *dir = tu_mkdtemp();
	struct sc_filecache *c = sc_filecache_new();
	struct sc_target *a, *b;
	unsigned long sh, rd;
	char *wa, *wb, *wb2;
	static const char *const files[] = { "usr/lib/x", "usr/lib/sub/z",
		"usr/share/doc/d", "etc/e", NULL };
	size_t i;

	/* two containers of one image: the same files, but b's tree
	 * differs where its upper layer says nothing changed (so a
	 * replayed listing shows) */
	for (i = 0; files[i]; i++) {
		char *ra = sc_xasprintf("a/%s", files[i]);
		char *rb = sc_xasprintf("b/%s", files[i]);

		tu_write(dir, ra, "f", 0644);
		tu_write(dir, rb, "f", 0644);
		free(ra);
		free(rb);
	}
	tu_write(dir, "b/usr/lib/only-b", "f", 0644);
	tu_write(dir, "b/usr/share/doc/only-b", "f", 0644);
	tu_mkdir(dir, "l/A", 0755);
	tu_mkdir(dir, "upa", 0755);
	tu_mkdir(dir, "upb", 0755);
	{
		char *ra = tu_path(dir, "a"), *rb = tu_path(dir, "b");

		a = container(c, dir, ra, "/l/A", "/upa", "");
		b = container(c, dir, rb, "/l/A", "/upb", "");
		free(ra);
		free(rb);
	}
	wa = walk_all(a, &sh, &rd);
	ck_assert_uint_eq(sh, 0);		/* the first reads all */
	ck_assert_ptr_nonnull(strstr(wa, "/usr/lib/sub/z 100644"));
	wb = walk_all(b, &sh, &rd);
	/* b's /usr is not in its upper layer: a's listings are replayed */
	ck_assert_uint_gt(sh, 0);
	ck_assert_str_eq(wb, wa);
	ck_assert_ptr_null(strstr(wb, "only-b"));
	ck_assert_uint_eq(sc_filecache_dir_hits(c), sh);

	/* b changed /usr/lib/sub (its upper layer has it): /usr, /usr/lib
	 * and /usr/lib/sub are b's own; /usr/share is still the image's */
	tu_mkdir(dir, "upb/usr/lib/sub", 0755);
	{
		char *p = tu_path(dir, "b/usr/lib/sub/z");

		ck_assert_int_eq(chmod(p, 0666), 0);
		free(p);
	}
	wb2 = walk_all(b, &sh, &rd);
	ck_assert_ptr_nonnull(strstr(wb2, "/usr/lib/only-b"));
	ck_assert_ptr_nonnull(strstr(wb2, "/usr/lib/sub/z 100666"));
	ck_assert_ptr_null(strstr(wb2, "/usr/share/doc/only-b"));
	ck_assert_uint_gt(sh, 0);
	sc_target_free(b);
	free(wb2);

	/* something mounted below /usr/share: b's own listing there */
	{
		char *rb = tu_path(dir, "b");

		b = container(c, dir, rb, "/l/A", "/upb",
		    "81 79 0:42 / /usr/share/doc/m rw - tmpfs tmpfs rw\n");
		free(rb);
	}
	wb2 = walk_all(b, &sh, &rd);
	ck_assert_ptr_nonnull(strstr(wb2, "/usr/share/doc/only-b"));
	sc_target_free(b);
	free(wb2);

	/* lower layers not on the upper's filesystem (here: missing):
	 * nothing shared */
	{
		char *rb = tu_path(dir, "b");

		b = container(c, dir, rb, "/l/missing", "/upb", "");
		free(rb);
	}
	wb2 = walk_all(b, &sh, &rd);
	ck_assert_uint_eq(sh, 0);
	ck_assert_ptr_nonnull(strstr(wb2, "/usr/share/doc/only-b"));
	free(wb2);

	sc_target_free(a);
	sc_target_free(b);
	sc_filecache_free(c);
	free(wa);
	free(wb);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

/* A visitor that changes the container (its upper layer gets /usr and
 * /usr/lib) as the walk reaches /usr/lib: after /usr was read as
 * image-only, while /usr/lib is being walked into. */
struct change_ctx {
	struct sc_buf b;
	char *upper_usr, *upper_path;
};

static int
change_mid_walk(void *ctx, const struct sc_walk_entry *e)
{
	struct change_ctx *c = ctx;

	if (e->event == SC_WALK_ENTRY && strcmp(e->path, "/usr/lib") == 0) {
		ck_assert_int_eq(mkdir(c->upper_usr, 0755) == 0 ||
		    errno == EEXIST, 1);
		ck_assert_int_eq(mkdir(c->upper_path, 0755) == 0 ||
		    errno == EEXIST, 1);
	}
	return collect(&c->b, e);
}

START_TEST(test_changed_while_read)
{
	char *dir = tu_mkdtemp(), *ra, *rb;
	struct sc_filecache *c = sc_filecache_new();
	struct sc_target *a, *b;
	struct sc_walk *w = sc_walk_new();
	struct change_ctx cc = { SC_BUF_INIT, NULL, NULL };
	struct sc_walk_spec s = { "/", -1, 0, change_mid_walk, &cc };
	struct sc_err err = SC_ERR_INIT;
	unsigned long sh, rd;
	char *wb;

	tu_write(dir, "a/usr/lib/x", "f", 0644);
	tu_write(dir, "a/usr/bin/y", "f", 0644);
	tu_mkdir(dir, "l", 0755);
	tu_mkdir(dir, "upa", 0755);
	tu_mkdir(dir, "upb", 0755);
	ra = tu_path(dir, "a");
	rb = tu_path(dir, "a");	/* one tree: the inodes a saw */
	cc.upper_usr = tu_path(dir, "upa/usr");
	cc.upper_path = tu_path(dir, "upa/usr/lib");
	/* a's /usr is image-only when its listing is read; then a
	 * "changes" /usr/lib as the walk reaches it: what a read there is
	 * its own, and not kept for b */
	a = container(c, dir, ra, "/l", "/upa", "");
	b = container(c, dir, rb, "/l", "/upb", "");
	sc_buf_reset(&cc.b);
	sc_walk_add(w, &s);
	ck_assert_int_eq(sc_walk_run(w, a, &err), 0);
	sc_walk_free(w);
	/* b: /usr and /usr/bin replayed from a, /usr/lib read again */
	wb = walk_all(b, &sh, &rd);
	ck_assert_uint_eq(sh, 2);
	ck_assert_ptr_nonnull(strstr(wb, "/usr/lib/x"));
	ck_assert_ptr_nonnull(strstr(wb, "/usr/bin/y"));
	sc_target_free(a);
	sc_target_free(b);
	sc_filecache_free(c);
	sc_buf_free(&cc.b);
	free(cc.upper_usr);
	free(cc.upper_path);
	free(wb);
	free(ra);
	free(rb);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

START_TEST(test_hint)
{
	char *dir = tu_mkdtemp(), *root = tu_path(dir, "root");
	struct sc_filecache *c = sc_filecache_new();
	struct sc_target *t;
	struct stat st;
	char *k;

	tu_write(dir, "root/usr/lib/a.so", "elf", 0644);
	tu_write(dir, "upper/usr/lib/a.so", "elf", 0644);
	tu_write(dir, "upper/usr/lib/b.so", "elf", 0644);
	tu_mkdir(dir, "l", 0755);
	t = container(c, dir, root, "/l", "/upper", "");
	ck_assert_int_eq(sc_target_lstat(t, "/usr/lib/a.so", &st, NULL), 0);
	ck_assert_ptr_null(sc_filecache_key(t, "elf", "/usr/lib/a.so", &st));
	/* the walk vouches for exactly this path and inode */
	sc_filecache_hint(t, "/usr/lib/a.so", &st);
	k = sc_filecache_key(t, "elf", "/usr/lib/a.so", &st);
	ck_assert_ptr_nonnull(k);
	free(k);
	st.st_ino++;
	ck_assert_ptr_null(sc_filecache_key(t, "elf", "/usr/lib/a.so", &st));
	st.st_ino--;
	ck_assert_ptr_null(sc_filecache_key(t, "elf", "/usr/lib/b.so", &st));
	sc_filecache_hint(t, NULL, NULL);
	ck_assert_ptr_null(sc_filecache_key(t, "elf", "/usr/lib/a.so", &st));
	/* dir keys are apart from file keys; in_upper */
	k = sc_filecache_dir_key(t, "/usr");
	ck_assert_ptr_nonnull(k);
	ck_assert_int_eq(k[0], 'D');
	free(k);
	ck_assert_ptr_null(sc_filecache_dir_key(t, "usr"));
	ck_assert_int_eq(sc_filecache_in_upper(t, "/usr/lib"), 1);
	ck_assert_int_eq(sc_filecache_in_upper(t, "/etc"), 0);
	ck_assert_int_eq(sc_filecache_in_upper(t, "etc"), 1);
	/* the listing budget is for the whole cache */
	ck_assert_int_eq(sc_filecache_charge(t, 10, 15), 1);
	ck_assert_int_eq(sc_filecache_charge(t, 10, 15), 0);
	ck_assert_int_eq(sc_filecache_charge(t, 5, 15), 1);
	ck_assert_int_eq(sc_filecache_charge(t, (size_t)-1, 15), 0);
	sc_target_free(t);
	sc_filecache_free(c);
	tu_rmrf(dir);
	free(root);
	free(dir);
}
END_TEST

#define D1 "sha256:9a697432ae3ad439958c149a160da030b21e6a018945194ee97a53d69bd01c72"
#define ID "064d774fbb0bb598c7f0e29cfce16cef8f616d76bc81794c0924517cb9158aab"

START_TEST(test_image_digest)
{
	char *d;

	d = sc_imagedigest_parse("podman", "[{\"Id\":\"" ID "\",\"Digest\":\""
	    D1 "\"}]", "sha256:" ID);
	ck_assert_str_eq(d, D1);
	free(d);
	d = sc_imagedigest_parse("docker", "[{\"Id\":\"sha256:" ID "\","
	    "\"RepoDigests\":[\"r/x@" D1 "\"]}]", "sha256:" ID);
	ck_assert_str_eq(d, D1);
	free(d);
	/* another image under that name now */
	ck_assert_ptr_null(sc_imagedigest_parse("podman", "[{\"Id\":\"ab\","
	    "\"Digest\":\"" D1 "\"}]", "sha256:" ID));
	ck_assert_ptr_null(sc_imagedigest_parse("podman", "[{\"Digest\":\""
	    D1 "\"}]", "sha256:" ID));
	/* no digest, or not one */
	ck_assert_ptr_null(sc_imagedigest_parse("docker", "[{\"Id\":\"sha256:"
	    ID "\",\"RepoDigests\":[]}]", "sha256:" ID));
	ck_assert_ptr_null(sc_imagedigest_parse("docker", "[{\"RepoDigests\":"
	    "[\"nodigest\"]}]", NULL));
	ck_assert_ptr_null(sc_imagedigest_parse("podman", "[{\"Digest\":"
	    "\"sha256:XYZ\"}]", NULL));
	ck_assert_ptr_null(sc_imagedigest_parse("podman", "[{\"Digest\":5}]",
	    NULL));
	ck_assert_ptr_null(sc_imagedigest_parse("podman", "{\"Digest\":\"" D1
	    "\"}", NULL));
	ck_assert_ptr_null(sc_imagedigest_parse("podman", "not json", NULL));
	ck_assert_ptr_null(sc_imagedigest_parse("podman", NULL, NULL));
	ck_assert_ptr_null(sc_imagedigest_parse("podman", "[]", NULL));
}
END_TEST

static Suite *
filecache_suite(void)
{
	Suite *s = suite_create("filecache");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_shared_and_upper);
	tcase_add_test(tc, test_not_shared);
	tcase_add_test(tc, test_image_digest);
	tcase_add_test(tc, test_shared_dirs);
	tcase_add_test(tc, test_hint);
	tcase_add_test(tc, test_changed_while_read);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(filecache_suite)
