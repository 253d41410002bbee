/*
 * check_target.c - the target module against a hostile root.
 *
 * Every path test runs twice: with openat2(RESOLVE_IN_ROOT) and with the
 * component-by-component fallback, which must give the same answers.  A
 * canary file outside the root must never be read, whatever the links say.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <linux/openat2.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "target/target.h"
#include "testutil.h"

#define CANARY "CANARY-host-secret-must-never-be-read"

static char *tmp, *root, *canary;

static void
setup(void)
{
	char *p;

	tmp = tu_mkdtemp();
	root = tu_path(tmp, "root");
	canary = tu_path(tmp, "canary");
	tu_write(tmp, "canary", CANARY "\n", 0644);
	tu_write(root, "etc/real.cnf", "real config\n", 0644);
	tu_write(root, "usr/lib/libx.so", "library\n", 0755);
	tu_symlink(root, "lib", "usr/lib");
	/* absolute link to the canary's host path: must resolve in the root */
	tu_symlink(root, "etc/abs.cnf", canary);
	/* relative link climbing out of the root */
	tu_symlink(root, "etc/rel.cnf", "../../canary");
	tu_symlink(root, "etc/deep.cnf",
	    "../../../../../../../../../../../../../../../../../../../canary");
	/* a directory link to the host's /etc, then through it */
	tu_symlink(root, "etc/hostetc", "/etc");
	tu_symlink(root, "etc/loop1", "loop2");
	tu_symlink(root, "etc/loop2", "loop1");
	tu_symlink(root, "etc/good.cnf", "/etc/real.cnf");
	tu_symlink(root, "etc/dangling", "/nonexistent/file");
	tu_mkfifo(root, "etc/ssl/openssl.cnf");
	tu_mkdir(root, "etc/dir.cnf", 0755);
	p = tu_path(root, "dev/nullish");
	tu_mkdir(root, "dev", 0755);
	if (mknod(p, S_IFCHR | 0666, makedev(1, 3)) < 0 && errno != EPERM)
		ck_abort_msg("mknod: %s", strerror(errno));
	free(p);
}

static void
teardown(void)
{
	tu_rmrf(tmp);
	free(tmp);
	free(root);
	free(canary);
}

static struct sc_target *
open_root(int fallback)
{
	struct sc_target *t;
	struct sc_err err = SC_ERR_INIT;

	ck_assert_int_eq(sc_target_open_rootfs(&t, root, &err), 0);
	sc_target_force_fallback(t, fallback);
	return t;
}

/* valgrind 3.19 and old kernels answer ENOSYS: then the fallback is used */
static int
kernel_has_openat2(void)
{
	struct open_how how;
	long fd;

	memset(&how, 0, sizeof(how));
	how.flags = O_PATH | O_CLOEXEC;
	how.resolve = RESOLVE_IN_ROOT;
	fd = syscall(SYS_openat2, AT_FDCWD, "/", &how, sizeof(how));
	if (fd >= 0)
		close((int)fd);
	return fd >= 0;
}

static void
assert_never_canary(struct sc_target *t, const char *path)
{
	struct sc_buf b = SC_BUF_INIT;
	struct sc_err err = SC_ERR_INIT;
	int r = sc_target_read_file(t, path, 1 << 20, &b, NULL, &err);

	if (r == 0)
		ck_assert_msg(strstr(b.data, "CANARY") == NULL,
		    "%s read the host canary", path);
	else
		ck_assert_int_eq(r, SC_ERR_NOTFOUND);
	sc_buf_free(&b);
}

START_TEST(test_symlinks_stay_inside)
{
	struct sc_target *t = open_root(_i);
	struct sc_buf b = SC_BUF_INIT;
	struct sc_err err = SC_ERR_INIT;
	struct stat st;

	assert_never_canary(t, "/etc/abs.cnf");
	assert_never_canary(t, "/etc/rel.cnf");
	assert_never_canary(t, "/etc/deep.cnf");
	assert_never_canary(t, "../../canary");
	assert_never_canary(t, "/../../../canary");
	/* /etc/hostetc -> /etc resolves to the root's own /etc */
	ck_assert_int_eq(sc_target_read_file(t, "/etc/hostetc/real.cnf", 4096,
	    &b, NULL, &err), 0);
	ck_assert_str_eq(b.data, "real config\n");
	/* the host's /etc/passwd is not reachable through it */
	ck_assert_int_eq(sc_target_read_file(t, "/etc/hostetc/passwd", 1 << 20,
	    &b, NULL, &err), SC_ERR_NOTFOUND);
	/* a link inside the root is followed, within the root */
	ck_assert_int_eq(sc_target_read_file(t, "/etc/good.cnf", 4096, &b, NULL,
	    &err), 0);
	ck_assert_str_eq(b.data, "real config\n");
	ck_assert_int_eq(sc_target_read_file(t, "/lib/libx.so", 4096, &b, NULL,
	    &err), 0);
	ck_assert_str_eq(b.data, "library\n");
	ck_assert_int_eq(sc_target_read_file(t, "/../etc/../etc/real.cnf", 4096,
	    &b, NULL, &err), 0);
	/* lstat sees the link itself, stat its target */
	ck_assert_int_eq(sc_target_lstat(t, "/lib", &st, &err), 0);
	ck_assert(S_ISLNK(st.st_mode));
	ck_assert_int_eq(sc_target_stat(t, "/lib", &st, &err), 0);
	ck_assert(S_ISDIR(st.st_mode));
	ck_assert_int_eq(sc_target_stat(t, "/etc/dangling", &st, &err),
	    SC_ERR_NOTFOUND);
	ck_assert_int_eq(sc_target_readlink(t, "/etc/abs.cnf", &b, &err), 0);
	ck_assert_str_eq(b.data, canary);	/* text only, never followed */
	if (!_i && kernel_has_openat2())
		ck_assert_int_eq(sc_target_uses_openat2(t), 1);
	else
		ck_assert_int_eq(sc_target_uses_openat2(t), 0);
	sc_buf_free(&b);
	sc_target_free(t);
}
END_TEST

START_TEST(test_loop_fifo_device_dir)
{
	struct sc_target *t = open_root(_i);
	struct sc_buf b = SC_BUF_INIT;
	struct sc_err err = SC_ERR_INIT;
	struct stat st;
	int r;

	ck_assert_int_eq(sc_target_read_file(t, "/etc/loop1", 4096, &b, NULL,
	    &err), SC_ERR_LOOP);
	ck_assert_msg(strstr(err.msg, "/etc/loop1") != NULL, "%s", err.msg);
	/* a FIFO where a config file is expected: refused, no hang */
	r = sc_target_read_file(t, "/etc/ssl/openssl.cnf", 4096, &b, NULL, &err);
	ck_assert_int_eq(r, SC_ERR_NOTREG);
	ck_assert_msg(strstr(err.msg, "FIFO") != NULL, "%s", err.msg);
	/* a directory */
	r = sc_target_read_file(t, "/etc/dir.cnf", 4096, &b, NULL, &err);
	ck_assert_int_eq(r, SC_ERR_NOTREG);
	ck_assert_msg(strstr(err.msg, "directory") != NULL, "%s", err.msg);
	/* a device node, if we could make one */
	if (sc_target_lstat(t, "/dev/nullish", &st, NULL) == 0) {
		r = sc_target_read_file(t, "/dev/nullish", 4096, &b, NULL, &err);
		ck_assert_int_eq(r, SC_ERR_NOTREG);
		ck_assert_msg(strstr(err.msg, "character device") != NULL, "%s",
		    err.msg);
	}
	/* open_file refuses the same way */
	{
		int fd = 123;
		ck_assert_int_eq(sc_target_open_file(t, "/etc/ssl/openssl.cnf", &fd,
		    &st, &err), SC_ERR_NOTREG);
		ck_assert_int_eq(fd, -1);
	}
	sc_buf_free(&b);
	sc_target_free(t);
}
END_TEST

/* Both resolvers read "name/" as the kernel does: a directory or nothing. */
START_TEST(test_trailing_slash)
{
	struct sc_target *t = open_root(_i);
	struct sc_buf b = SC_BUF_INIT;
	struct sc_err err = SC_ERR_INIT;
	struct stat st;
	int fd;

	ck_assert_int_eq(sc_target_read_file(t, "/etc/real.cnf/", 4096, &b,
	    NULL, &err), SC_ERR_NOTFOUND);
	ck_assert_int_eq(sc_target_read_file(t, "/etc/good.cnf/", 4096, &b,
	    NULL, &err), SC_ERR_NOTFOUND);
	ck_assert_int_eq(sc_target_stat(t, "/etc/real.cnf/", &st, &err),
	    SC_ERR_NOTFOUND);
	ck_assert_int_eq(sc_target_lstat(t, "/etc/real.cnf//", &st, &err),
	    SC_ERR_NOTFOUND);
	ck_assert_int_eq(sc_target_stat(t, "/etc/real.cnf/.", &st, &err),
	    SC_ERR_NOTFOUND);
	/* a link to a directory, with a slash: followed even by lstat */
	ck_assert_int_eq(sc_target_lstat(t, "/lib/", &st, &err), 0);
	ck_assert(S_ISDIR(st.st_mode));
	ck_assert_int_eq(sc_target_lstat(t, "/lib", &st, &err), 0);
	ck_assert(S_ISLNK(st.st_mode));
	ck_assert_int_eq(sc_target_stat(t, "/etc/", &st, &err), 0);
	ck_assert(S_ISDIR(st.st_mode));
	ck_assert_int_eq(sc_target_open(t, "/lib/", SC_OPEN_DIR, &fd, &err), 0);
	close(fd);
	ck_assert_int_eq(sc_target_read_file(t, "/lib/libx.so", 4096, &b, NULL,
	    &err), 0);
	sc_buf_free(&b);
	sc_target_free(t);
}
END_TEST

START_TEST(test_sparse_file_capped)
{
	struct sc_target *t = open_root(_i);
	struct sc_buf b = SC_BUF_INIT;
	struct sc_err err = SC_ERR_INIT;
	char *p = tu_path(root, "var/big");
	long before = tu_maxrss_kib();
	struct stat st;
	int fd;

	tu_write(root, "var/big", "", 0644);
	fd = open(p, O_WRONLY);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(ftruncate(fd, 100L << 20), 0);	/* 100 MB, sparse */
	close(fd);
	ck_assert_int_eq(sc_target_read_file(t, "/var/big", SC_TARGET_READ_MAX,
	    &b, NULL, &err), SC_ERR_TOOBIG);
	ck_assert_msg(strstr(err.msg, "/var/big") != NULL, "%s", err.msg);
	/* streaming access is allowed, memory stays bounded */
	ck_assert_int_eq(sc_target_open_file(t, "/var/big", &fd, &st, &err), 0);
	ck_assert_int_eq(st.st_size, 100L << 20);
	close(fd);
	ck_assert_msg(tu_under_valgrind() || tu_maxrss_kib() - before < 16 * 1024,
	    "reading grew RSS by %ld KiB", tu_maxrss_kib() - before);
	free(p);
	sc_buf_free(&b);
	sc_target_free(t);
}
END_TEST

START_TEST(test_accounts_from_target)
{
	struct sc_target *t = open_root(_i);
	const struct sc_account *a;
	size_t n;

	/* a target whose uid 0 is not called root, and a user the host lacks */
	tu_write(root, "etc/passwd",
	    "toor:x:0:0:root:/root:/bin/sh\n"
	    "# comment\n"
	    "broken line\n"
	    "svc:x:1234:2345::/nonexistent:/sbin/nologin\n"
	    "bad:x:notanumber:0::/:/bin/sh\n", 0644);
	tu_write(root, "etc/group", "wheel:x:0:toor\nsvcgrp:x:2345:\n", 0644);
	a = sc_target_user_by_uid(t, 0);
	ck_assert_ptr_nonnull(a);
	ck_assert_str_eq(a->name, "toor");
	ck_assert_ptr_null(sc_target_user_by_name(t, "root"));
	a = sc_target_user_by_name(t, "svc");
	ck_assert_ptr_nonnull(a);
	ck_assert_uint_eq(a->id, 1234);
	ck_assert_uint_eq(a->gid, 2345);
	ck_assert_str_eq(a->shell, "/sbin/nologin");
	ck_assert_uint_eq(a->line, 4);
	sc_target_users(t, &n);
	ck_assert_uint_eq(n, 2);
	a = sc_target_group_by_gid(t, 2345);
	ck_assert_ptr_nonnull(a);
	ck_assert_str_eq(a->name, "svcgrp");
	ck_assert_ptr_null(sc_target_group_by_name(t, "root"));
	ck_assert_ptr_null(sc_target_accounts_error(t, 0));
	sc_target_free(t);
}
END_TEST

START_TEST(test_accounts_missing)
{
	struct sc_target *t = open_root(0);
	size_t n = 99;

	ck_assert_ptr_null(sc_target_user_by_uid(t, 0));
	sc_target_users(t, &n);
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_nonnull(sc_target_accounts_error(t, 0));
	ck_assert_msg(strstr(sc_target_accounts_error(t, 0), "/etc/passwd"),
	    "%s", sc_target_accounts_error(t, 0));
	sc_target_free(t);
}
END_TEST

START_TEST(test_environment_is_the_targets)
{
	struct sc_target *t = open_root(0);
	struct sc_err err = SC_ERR_INIT;

	setenv("STIGCHECK_TEST_HOST_ONLY", "host", 1);
	ck_assert_ptr_null(sc_target_getenv(t, "STIGCHECK_TEST_HOST_ONLY"));
	ck_assert_ptr_null(sc_target_getenv(t, "PATH"));
	ck_assert_int_eq(sc_target_putenv(t, "OPENSSL_CONF=/etc/x.cnf", &err), 0);
	ck_assert_int_eq(sc_target_putenv(t, "OPENSSL_CONF=/etc/y.cnf", &err), 0);
	ck_assert_int_eq(sc_target_putenv(t, "EMPTY=", &err), 0);
	ck_assert_str_eq(sc_target_getenv(t, "OPENSSL_CONF"), "/etc/y.cnf");
	ck_assert_str_eq(sc_target_getenv(t, "EMPTY"), "");
	ck_assert_ptr_null(sc_target_getenv(t, "OPENSSL"));
	ck_assert_uint_eq(sc_target_environ(t)->n, 2);
	ck_assert_int_eq(sc_target_putenv(t, "NOEQUALS", &err), SC_ERR_INVAL);
	ck_assert_int_eq(sc_target_putenv(t, "=x", &err), SC_ERR_INVAL);
	sc_target_free(t);
}
END_TEST

START_TEST(test_identity)
{
	struct sc_target *t;
	struct sc_err err = SC_ERR_INIT;

	tu_write(root, "usr/lib/os-release",
	    "NAME=\"Wolfi\"\nID=wolfi\nVERSION_ID=\"20230201\"\n"
	    "PRETTY_NAME='Wolfi \\\"x\\\"'\n# c\n  BAD LINE\n", 0644);
	tu_symlink(root, "etc/os-release", "../usr/lib/os-release");
	t = open_root(0);
	ck_assert_str_eq(sc_target_os_release(t, "ID"), "wolfi");
	ck_assert_str_eq(sc_target_os_release(t, "VERSION_ID"), "20230201");
	ck_assert_str_eq(sc_target_os_release(t, "NAME"), "Wolfi");
	ck_assert_ptr_null(sc_target_os_release(t, "ID_LIKE"));
	/* no /etc/hostname: the directory's name, never the host's */
	ck_assert_str_eq(sc_target_name(t), "root");
	sc_target_free(t);

	tu_write(root, "etc/hostname", "web-1\n", 0644);
	t = open_root(0);
	ck_assert_str_eq(sc_target_name(t), "web-1");
	sc_target_set_name(t, "given");
	ck_assert_str_eq(sc_target_name(t), "given");
	ck_assert_str_eq(sc_target_kind_name(sc_target_kind(t)), "rootfs");
	sc_target_free(t);

	ck_assert_int_eq(sc_target_open_rootfs(&t, "/nonexistent/dir", &err),
	    SC_ERR_NOTFOUND);
	ck_assert_ptr_null(t);
	ck_assert_msg(strstr(err.msg, "/nonexistent/dir") != NULL, "%s", err.msg);
	ck_assert_int_eq(sc_target_open_rootfs(&t, canary, &err), SC_ERR_NOTREG);
}
END_TEST

struct snap {
	char path[512];
	struct timespec mtime, ctime;
	off_t size;
	mode_t mode;
};
static struct snap snaps[256];
static int n_snaps;

static int
snap_one(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)flag;
	(void)f;
	if (n_snaps < 256) {
		snprintf(snaps[n_snaps].path, sizeof(snaps[0].path), "%s", path);
		snaps[n_snaps].mtime = st->st_mtim;
		snaps[n_snaps].ctime = st->st_ctim;
		snaps[n_snaps].size = st->st_size;
		snaps[n_snaps].mode = st->st_mode;
		n_snaps++;
	}
	return 0;
}

START_TEST(test_nothing_written)
{
	struct snap before[256];
	struct sc_target *t = open_root(_i);
	struct sc_buf b = SC_BUF_INIT;
	struct stat st;
	int nb;

	n_snaps = 0;
	nftw(root, snap_one, 16, FTW_PHYS);
	memcpy(before, snaps, sizeof(before));
	nb = n_snaps;
	sleep(1);	/* coarse timestamps would hide a write */
	sc_target_read_file(t, "/etc/real.cnf", 4096, &b, NULL, NULL);
	sc_target_read_file(t, "/etc/abs.cnf", 4096, &b, NULL, NULL);
	sc_target_read_file(t, "/etc/ssl/openssl.cnf", 4096, &b, NULL, NULL);
	sc_target_stat(t, "/lib/libx.so", &st, NULL);
	sc_target_user_by_uid(t, 0);
	sc_target_os_release(t, "ID");
	sc_target_name(t);
	n_snaps = 0;
	nftw(root, snap_one, 16, FTW_PHYS);
	ck_assert_int_eq(n_snaps, nb);
	for (int i = 0; i < nb; i++) {
		ck_assert_str_eq(snaps[i].path, before[i].path);
		ck_assert_msg(snaps[i].mtime.tv_sec == before[i].mtime.tv_sec &&
		    snaps[i].mtime.tv_nsec == before[i].mtime.tv_nsec &&
		    snaps[i].ctime.tv_nsec == before[i].ctime.tv_nsec &&
		    snaps[i].size == before[i].size &&
		    snaps[i].mode == before[i].mode, "%s changed", snaps[i].path);
	}
	sc_buf_free(&b);
	sc_target_free(t);
}
END_TEST

START_TEST(test_accounts_parse)
{
	size_t n;
	struct sc_account *a = sc_accounts_parse(
	    "root:x:0:0:root:/root:/bin/bash\r\n"
	    ":x:1:1::/:/bin/sh\n"			/* empty name */
	    "short:x:2\n"				/* too few fields */
	    "+nis\n"					/* NIS marker */
	    "big:x:4294967296:0::/:/bin/sh\n"		/* uid overflow */
	    "last:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin", 0, &n);

	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(a[0].name, "root");
	ck_assert_str_eq(a[0].shell, "/bin/bash");
	ck_assert_str_eq(a[1].name, "last");
	ck_assert_uint_eq(a[1].id, 65534);
	ck_assert_uint_eq(a[1].line, 6);
	sc_accounts_free(a, n);
	a = sc_accounts_parse("g:x:10:a,b\nh:x:11\n", 1, &n);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(a[0].id, 10);
	sc_accounts_free(a, n);
	sc_accounts_free(NULL, 0);
	sc_target_free(NULL);
}
END_TEST

START_TEST(test_list_dir)
{
	struct sc_target *t = open_root(_i);
	struct sc_strv v = SC_STRV_INIT;
	struct sc_err err = SC_ERR_INIT;

	ck_assert_int_eq(sc_target_list_dir(t, "/etc/ssl", &v, &err), 0);
	ck_assert_uint_eq(v.n, 1);
	ck_assert_str_eq(v.v[0], "openssl.cnf");
	sc_strv_free(&v);
	/* through a directory link: the root's /etc */
	ck_assert_int_eq(sc_target_list_dir(t, "/etc/hostetc", &v, &err), 0);
	ck_assert_int_ge(sc_strv_find(&v, "real.cnf"), 0);
	ck_assert_int_lt(sc_strv_find(&v, "passwd"), 0);
	for (size_t i = 1; i < v.n; i++)
		ck_assert_int_lt(strcmp(v.v[i - 1], v.v[i]), 0);
	sc_strv_free(&v);
	ck_assert_int_eq(sc_target_list_dir(t, "/etc/real.cnf", &v, &err),
	    SC_ERR_NOTREG);
	ck_assert_int_eq(sc_target_list_dir(t, "/nope", &v, &err),
	    SC_ERR_NOTFOUND);
	ck_assert_int_eq(sc_target_list_dir(t, "/etc/loop1", &v, &err),
	    SC_ERR_LOOP);
	sc_target_free(t);
}
END_TEST

static int freed_with;

static void
on_free(void *ctx)
{
	freed_with = *(int *)ctx;
}

START_TEST(test_runtime_and_free_hook)
{
	struct sc_target *t;
	struct sc_err err = SC_ERR_INIT;
	struct sc_target_runtime rt;
	static int token = 42;

	ck_assert_int_eq(sc_target_open_rootfs(&t, root, &err), 0);
	/* a root filesystem has no runtime state */
	ck_assert_ptr_null(sc_target_runtime(t));
	memset(&rt, 0, sizeof(rt));
	rt.pid = 7;
	rt.cap_eff = 0x20;
	rt.no_new_privs = 1;
	sc_target_set_runtime(t, &rt);
	rt.pid = 8;		/* copied, not borrowed */
	ck_assert_int_eq(sc_target_runtime(t)->pid, 7);
	ck_assert_uint_eq(sc_target_runtime(t)->cap_eff, 0x20);
	freed_with = 0;
	sc_target_on_free(t, on_free, &token);
	sc_target_free(t);
	ck_assert_int_eq(freed_with, 42);
}
END_TEST

START_TEST(test_idmap)
{
	static const struct sc_idmap uids[] = { { 0, 100000, 65536 } };
	static const struct sc_idmap gids[] = { { 0, 200000, 10 },
		{ 10, 300000, 5 } };
	struct sc_target *t;
	struct sc_err err = SC_ERR_INIT;
	struct sc_buf b = SC_BUF_INIT;
	struct stat st;
	char *p;

	if (geteuid() != 0)
		return;		/* needs chown */
	p = tu_path(root, "etc/real.cnf");
	ck_assert_int_eq(chown(p, 100007, 300002), 0);
	free(p);
	ck_assert_int_eq(sc_target_open_rootfs(&t, root, &err), 0);
	/* no maps: the ids on disk */
	ck_assert_int_eq(sc_target_stat(t, "/etc/real.cnf", &st, &err), 0);
	ck_assert_uint_eq(st.st_uid, 100007);
	sc_target_set_idmap(t, 0, uids, 1);
	sc_target_set_idmap(t, 1, gids, 2);
	ck_assert_int_eq(sc_target_stat(t, "/etc/real.cnf", &st, &err), 0);
	ck_assert_uint_eq(st.st_uid, 7);
	ck_assert_uint_eq(st.st_gid, 12);
	ck_assert_int_eq(sc_target_read_file(t, "/etc/real.cnf", 100, &b, &st,
	    &err), 0);
	ck_assert_uint_eq(st.st_uid, 7);
	/* an owner the namespace cannot see */
	ck_assert_int_eq(sc_target_lstat(t, "/usr/lib/libx.so", &st, &err), 0);
	ck_assert_uint_eq(st.st_uid, SC_IDMAP_OVERFLOW);
	ck_assert_uint_eq(st.st_gid, SC_IDMAP_OVERFLOW);
	sc_target_set_idmap(t, 0, NULL, 0);
	ck_assert_int_eq(sc_target_stat(t, "/etc/real.cnf", &st, &err), 0);
	ck_assert_uint_eq(st.st_uid, 100007);
	sc_buf_free(&b);
	sc_target_free(t);
}
END_TEST

static Suite *
target_suite(void)
{
	Suite *s = suite_create("target");
	TCase *tc = tcase_create("hostile");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 20);
	tcase_add_loop_test(tc, test_symlinks_stay_inside, 0, 2);
	tcase_add_loop_test(tc, test_loop_fifo_device_dir, 0, 2);
	tcase_add_loop_test(tc, test_trailing_slash, 0, 2);
	tcase_add_loop_test(tc, test_sparse_file_capped, 0, 2);
	tcase_add_loop_test(tc, test_accounts_from_target, 0, 2);
	tcase_add_test(tc, test_accounts_missing);
	tcase_add_test(tc, test_environment_is_the_targets);
	tcase_add_test(tc, test_identity);
	tcase_add_loop_test(tc, test_nothing_written, 0, 2);
	tcase_add_test(tc, test_accounts_parse);
	tcase_add_loop_test(tc, test_list_dir, 0, 2);
	tcase_add_test(tc, test_runtime_and_free_hook);
	tcase_add_test(tc, test_idmap);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(target_suite)
