/*
 * check_filecache.c - what containers of one image share
 * (agent/probes/filecache.c), and the runtime's image digest
 * (agent/target/imagedigest.c).
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "probes/filecache.h"
#include "target/imagedigest.h"
#include "testutil.h"

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
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(filecache_suite)
