/*
 * check_extract.c - applying tar streams into a private directory.
 *
 * Layer semantics (owners and modes in the side table, device nodes as
 * entries, links, whiteouts, opaque directories, replacement) and the
 * refusals: "../" names, writes through symbolic links, hard links
 * outside, device nodes while staging, huge sizes, too many entries.
 * A canary directory next to the extraction root must never change.
 */
#include <archive.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <sys/sysmacros.h>

#include "target/extract.h"
#include "target/inodes.h"
#include "testutil.h"
#include "tu_archive.h"

static char *tmp, *root, *canary;
static int root_fd = -1;

static void
setup(void)
{
	tmp = tu_mkdtemp();
	root = tu_path(tmp, "root");
	canary = tu_path(tmp, "canary");
	tu_mkdir(tmp, "root", 0755);
	tu_write(tmp, "canary/keep", "canary\n", 0644);
	root_fd = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
	ck_assert_int_ge(root_fd, 0);
}

static void
teardown(void)
{
	close(root_fd);
	tu_rmrf(tmp);
	free(tmp);
	free(root);
	free(canary);
}

/* Apply the archive in t as one stream; returns the result. */
static int
apply(struct sc_extract *x, struct tu_tar *t, struct sc_err *err)
{
	size_t len;
	unsigned char *buf = tu_tar_finish(t, &len);
	struct archive *a = archive_read_new();
	int r;

	archive_read_support_format_tar(a);
	ck_assert_int_eq(archive_read_open_memory(a, buf, len), ARCHIVE_OK);
	r = sc_extract_apply(x, a, "layer 9 (test)", err);
	archive_read_free(a);
	free(buf);
	return r;
}

static int
apply_bytes(struct sc_extract *x, unsigned char *buf, size_t len,
    struct sc_err *err)
{
	struct archive *a = archive_read_new();
	int r;

	archive_read_support_format_tar(a);
	ck_assert_int_eq(archive_read_open_memory(a, buf, len), ARCHIVE_OK);
	r = sc_extract_apply(x, a, "layer 9 (test)", err);
	archive_read_free(a);
	free(buf);
	return r;
}

static int
lstat_rel(const char *rel, struct stat *st)
{
	char *p = tu_path(root, rel);
	int r = lstat(p, st);

	free(p);
	return r;
}

static int
exists(const char *rel)
{
	struct stat st;

	return lstat_rel(rel, &st) == 0;
}

static char *
content(const char *rel)
{
	char *p = tu_path(root, rel), *c = tu_read(p, NULL);

	free(p);
	return c;
}

static void
assert_canary_untouched(void)
{
	char *c = tu_path(canary, "keep"), *s = tu_read(c, NULL);
	struct stat st;
	char *extra = tu_path(canary, "pwned");

	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(s, "canary\n");
	ck_assert_int_ne(lstat(extra, &st), 0);
	free(c);
	free(s);
	free(extra);
}

/* stat REL and apply the table, as the target module does */
static int
tstat(const struct sc_inodes *tab, const char *rel, struct stat *st)
{
	int r = lstat_rel(rel, st);

	if (r == 0)
		ck_assert_int_eq(sc_inodes_apply(tab, st), 1);
	return r;
}

/*
 * Owners, modes and types come from the headers and go to the table; the
 * disk keeps the scanning user's files (so any user can apply a layer).
 */
START_TEST(test_files_dirs_links_owners)
{
	struct sc_extract *x;
	struct sc_err err = SC_ERR_INIT;
	struct tu_tar *t = tu_tar_new();
	struct sc_inodes *tab = sc_inodes_new();
	struct stat st, st2;
	char *c;

	x = sc_extract_new(root_fd, SC_EXTRACT_WHITEOUTS, NULL);
	sc_extract_set_inodes(x, tab);
	umask(077);
	tu_tar_dir(t, "./", 0755, 0, 0);
	tu_tar_dir(t, "./etc/", 0755, 0, 0);
	tu_tar_file(t, "./etc/shadow", "root:*:1::::::\n", 0640, 0, 42);
	tu_tar_file(t, "usr/bin/su", "binary\n", 04755, 0, 0);
	tu_tar_file(t, "/home/app/data", "app\n", 0600, 65532, 65532);
	tu_tar_symlink(t, "etc/localtime", "/usr/share/zoneinfo/UTC");
	tu_tar_hardlink(t, "usr/bin/su2", "usr/bin/su");
	tu_tar_node(t, "run/fifo", S_IFIFO);
	tu_tar_dir(t, "tmp", 01777, 0, 0);
	ck_assert_msg(apply(x, t, &err) == 0, "%s", err.msg);

	/* on disk: the scanner's files, nothing special */
	ck_assert_int_eq(lstat_rel("etc/shadow", &st), 0);
	ck_assert_uint_eq(st.st_uid, geteuid());
	ck_assert_uint_eq(st.st_mode & 07777, 0600);
	ck_assert_int_eq(lstat_rel("run/fifo", &st), 0);
	ck_assert(S_ISREG(st.st_mode));		/* never created as a FIFO */
	ck_assert_int_eq(st.st_size, 0);

	/* through the table: the image's metadata */
	ck_assert_int_eq(tstat(tab, "etc/shadow", &st), 0);
	ck_assert_uint_eq(st.st_mode, S_IFREG | 0640);
	ck_assert_uint_eq(st.st_uid, 0);
	ck_assert_uint_eq(st.st_gid, 42);
	ck_assert_int_eq(st.st_mtime, 1700000000);
	c = content("etc/shadow");
	ck_assert_str_eq(c, "root:*:1::::::\n");
	free(c);
	ck_assert_int_eq(tstat(tab, "usr/bin/su", &st), 0);
	ck_assert_uint_eq(st.st_mode & 07777, 04755);	/* set-id bits kept */
	ck_assert_int_eq(lstat_rel("usr/bin/su2", &st2), 0);
	ck_assert_uint_eq(st.st_ino, st2.st_ino);	/* a real hard link */
	ck_assert_int_eq(tstat(tab, "home/app/data", &st), 0);	/* "/" dropped */
	ck_assert_uint_eq(st.st_uid, 65532);
	ck_assert_int_eq(tstat(tab, "etc/localtime", &st), 0);
	ck_assert(S_ISLNK(st.st_mode));
	ck_assert_int_eq(tstat(tab, "run/fifo", &st), 0);
	ck_assert(S_ISFIFO(st.st_mode));
	ck_assert_int_eq(tstat(tab, "tmp", &st), 0);
	ck_assert_uint_eq(st.st_mode & 07777, 01777);
	ck_assert_int_eq(st.st_mtime, 1700000000);
	ck_assert_int_eq(tstat(tab, "run", &st), 0);	/* implied parent */
	ck_assert(S_ISDIR(st.st_mode));
	ck_assert_uint_eq(st.st_mode & 07777, 0755);	/* whatever the umask */
	ck_assert_uint_eq(st.st_uid, 0);
	ck_assert_uint_gt(sc_extract_total(x), 0);
	sc_extract_free(x);
	sc_inodes_free(tab);
}
END_TEST

/*
 * Device nodes, FIFOs and sockets are entries: an empty stand-in and the
 * header's type, device number, mode and owner in the table.  A later
 * layer replacing one with a file gives the file's metadata.
 */
START_TEST(test_devices_as_entries)
{
	struct sc_extract *x = sc_extract_new(root_fd, SC_EXTRACT_WHITEOUTS,
	    NULL);
	struct sc_inodes *tab = sc_inodes_new();
	struct sc_err err = SC_ERR_INIT;
	struct tu_tar *t = tu_tar_new();
	struct stat st;

	sc_extract_set_inodes(x, tab);
	tu_tar_node(t, "dev/null", S_IFCHR);
	tu_tar_node(t, "dev/sda", S_IFBLK);
	tu_tar_node(t, "run/initctl", S_IFIFO);
	tu_tar_node(t, "dev/zero", S_IFCHR);
	ck_assert_msg(apply(x, t, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(lstat_rel("dev/null", &st), 0);
	ck_assert(S_ISREG(st.st_mode) && st.st_size == 0);
	ck_assert_int_eq(tstat(tab, "dev/null", &st), 0);
	ck_assert(S_ISCHR(st.st_mode));
	ck_assert_uint_eq(major(st.st_rdev), 1);
	ck_assert_uint_eq(minor(st.st_rdev), 3);
	ck_assert_int_eq(tstat(tab, "dev/sda", &st), 0);
	ck_assert(S_ISBLK(st.st_mode));
	ck_assert_int_eq(tstat(tab, "run/initctl", &st), 0);
	ck_assert(S_ISFIFO(st.st_mode));
	/* a second layer replaces /dev/zero by a file */
	t = tu_tar_new();
	tu_tar_file(t, "dev/zero", "not a device\n", 0644, 7, 8);
	ck_assert_msg(apply(x, t, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(tstat(tab, "dev/zero", &st), 0);
	ck_assert_uint_eq(st.st_mode, S_IFREG | 0644);
	ck_assert_uint_eq(st.st_uid, 7);
	ck_assert_int_eq(st.st_size, 13);
	ck_assert_uint_ge(sc_inodes_count(tab), 5);
	assert_canary_untouched();
	sc_extract_free(x);
	sc_inodes_free(tab);
}
END_TEST

/*
 * Entries that go down several levels and back up: each file lands in its
 * own directory (the parent-directory cache once kept a tokenized key and
 * wrote etc/passwd into etc/ssl/certs).
 */
START_TEST(test_back_up_from_deep_directories)
{
	struct sc_extract *x;
	struct sc_err err = SC_ERR_INIT;
	struct tu_tar *t = tu_tar_new();
	char *c;

	tu_tar_dir(t, "etc", 0755, 0, 0);
	tu_tar_file(t, "etc/group", "g\n", 0644, 0, 0);
	tu_tar_dir(t, "etc/ssl", 0755, 0, 0);
	tu_tar_dir(t, "etc/ssl/certs", 0755, 0, 0);
	tu_tar_file(t, "etc/ssl/certs/.bundle.sha256", "h\n", 0444, 0, 0);
	tu_tar_file(t, "etc/ssl/certs/bundle", "b\n", 0644, 0, 0);
	tu_tar_file(t, "etc/passwd", "p\n", 0644, 0, 0);
	tu_tar_file(t, "etc/ssl/openssl.cnf", "o\n", 0644, 0, 0);
	tu_tar_file(t, "top", "t\n", 0644, 0, 0);
	x = sc_extract_new(root_fd, SC_EXTRACT_WHITEOUTS, NULL);
	ck_assert_msg(apply(x, t, &err) == 0, "%s", err.msg);
	ck_assert_str_eq((c = content("etc/passwd")), "p\n");
	free(c);
	ck_assert_str_eq((c = content("etc/ssl/openssl.cnf")), "o\n");
	free(c);
	ck_assert_str_eq((c = content("etc/ssl/certs/bundle")), "b\n");
	free(c);
	ck_assert_str_eq((c = content("top")), "t\n");
	free(c);
	ck_assert(!exists("etc/ssl/certs/passwd"));
	ck_assert(!exists("etc/ssl/certs/openssl.cnf"));
	sc_extract_free(x);
}
END_TEST

/* The table grows past its first size and keeps every entry; a later
 * entry for an inode replaces the earlier one. */
START_TEST(test_inodes_table)
{
	struct sc_inodes *tab = sc_inodes_new();
	struct sc_inode_meta m;
	const struct sc_inode_meta *g;
	struct stat st;
	unsigned long i;

	memset(&m, 0, sizeof(m));
	m.mtime.tv_nsec = UTIME_OMIT;
	for (i = 1; i <= 5000; i++) {
		m.mode = S_IFREG | 0644;
		m.uid = i;
		sc_inodes_set(tab, 7, (ino_t)(i * 4096), &m);
	}
	m.uid = 42;
	m.mode = S_IFCHR | 0600;
	m.rdev_major = 1;
	m.rdev_minor = 5;
	sc_inodes_set(tab, 7, 4096 * 10, &m);
	ck_assert_uint_eq(sc_inodes_count(tab), 5000);
	for (i = 1; i <= 5000; i++) {
		g = sc_inodes_get(tab, 7, (ino_t)(i * 4096));
		ck_assert_ptr_nonnull(g);
		ck_assert_uint_eq(g->uid, i == 10 ? 42 : i);
	}
	ck_assert_ptr_null(sc_inodes_get(tab, 8, 4096));	/* other device */
	ck_assert_ptr_null(sc_inodes_get(tab, 7, 4097));
	ck_assert_ptr_null(sc_inodes_get(NULL, 7, 4096));
	memset(&st, 0, sizeof(st));
	st.st_dev = 7;
	st.st_ino = 4096 * 10;
	st.st_size = 99;
	st.st_mtime = 5;
	ck_assert_int_eq(sc_inodes_apply(tab, &st), 1);
	ck_assert(S_ISCHR(st.st_mode));
	ck_assert_uint_eq(st.st_uid, 42);
	ck_assert_uint_eq(major(st.st_rdev), 1);
	ck_assert_uint_eq(minor(st.st_rdev), 5);
	ck_assert_int_eq(st.st_size, 0);	/* a stand-in has no content */
	ck_assert_int_eq(st.st_mtime, 5);	/* no mtime recorded: kept */
	st.st_ino = 4097;
	ck_assert_int_eq(sc_inodes_apply(tab, &st), 0);
	sc_inodes_free(tab);
	sc_inodes_free(NULL);
}
END_TEST

/* security.capability is recorded, not set (no privilege needed) */
START_TEST(test_file_capabilities)
{
	/* VFS_CAP_REVISION_2, cap_net_bind_service permitted+effective */
	static const unsigned char cap[20] = { 0x01, 0x00, 0x00, 0x02, 0x00,
		0x04, 0x00, 0x00 };
	struct sc_extract *x;
	struct sc_inodes *tab = sc_inodes_new();
	struct sc_err err = SC_ERR_INIT;
	struct tu_tar *t = tu_tar_new();
	const struct sc_inode_meta *m;
	struct stat st;

	x = sc_extract_new(root_fd, 0, NULL);
	sc_extract_set_inodes(x, tab);
	tu_tar_file_xattr(t, "bin/ping", "security.capability", cap, sizeof(cap));
	tu_tar_file(t, "bin/ls", "ls", 0755, 0, 0);
	ck_assert_msg(apply(x, t, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(lstat_rel("bin/ping", &st), 0);
	m = sc_inodes_get(tab, st.st_dev, st.st_ino);
	ck_assert_ptr_nonnull(m);
	ck_assert_int_eq(m->caps, 1);
	ck_assert_int_eq(lstat_rel("bin/ls", &st), 0);
	m = sc_inodes_get(tab, st.st_dev, st.st_ino);
	ck_assert_ptr_nonnull(m);
	ck_assert_int_eq(m->caps, 0);
	sc_extract_free(x);
	sc_inodes_free(tab);
}
END_TEST

START_TEST(test_whiteouts_and_opaque)
{
	struct sc_extract *x = sc_extract_new(root_fd, SC_EXTRACT_WHITEOUTS,
	    NULL);
	struct sc_err err = SC_ERR_INIT;
	struct tu_tar *t = tu_tar_new();

	tu_tar_file(t, "a/x", "x", 0644, 0, 0);
	tu_tar_file(t, "a/y", "y", 0644, 0, 0);
	tu_tar_file(t, "b/z", "z", 0644, 0, 0);
	tu_tar_file(t, "b/sub/deep", "d", 0644, 0, 0);
	tu_tar_file(t, "c", "c", 0644, 0, 0);
	tu_tar_dir(t, "d/tree", 0755, 0, 0);
	tu_tar_file(t, "d/tree/leaf", "l", 0644, 0, 0);
	ck_assert_msg(apply(x, t, &err) == 0, "%s", err.msg);

	t = tu_tar_new();
	tu_tar_file(t, "a/.wh.x", "", 0644, 0, 0);
	tu_tar_file(t, "b/early", "e", 0644, 0, 0);	/* before the marker */
	tu_tar_file(t, "b/.wh..wh..opq", "", 0644, 0, 0);
	tu_tar_file(t, "b/late", "l", 0644, 0, 0);
	tu_tar_file(t, ".wh.c", "", 0644, 0, 0);
	tu_tar_file(t, "d/.wh.tree", "", 0644, 0, 0);	/* a whole directory */
	tu_tar_file(t, "a/.wh.never-was", "", 0644, 0, 0);
	tu_tar_file(t, "a/.wh..wh.plnk", "", 0644, 0, 0);	/* aufs: ignored */
	tu_tar_file(t, "gone/.wh.x", "", 0644, 0, 0);	/* no such dir */
	ck_assert_msg(apply(x, t, &err) == 0, "%s", err.msg);

	ck_assert(!exists("a/x"));
	ck_assert(exists("a/y"));
	ck_assert(!exists("a/.wh.x"));
	ck_assert(!exists("b/z"));
	ck_assert(!exists("b/sub"));
	ck_assert(exists("b/early"));
	ck_assert(exists("b/late"));
	ck_assert(!exists("b/.wh..wh..opq"));
	ck_assert(!exists("c"));
	ck_assert(!exists("d/tree"));
	ck_assert(exists("d"));
	ck_assert(!exists("a/.wh..wh.plnk"));
	sc_extract_free(x);
}
END_TEST

START_TEST(test_replacement)
{
	struct sc_extract *x = sc_extract_new(root_fd, SC_EXTRACT_WHITEOUTS, NULL);
	struct sc_err err = SC_ERR_INIT;
	struct tu_tar *t = tu_tar_new();
	struct stat st;
	char *c;

	tu_tar_file(t, "p/q/r", "r", 0644, 0, 0);
	tu_tar_file(t, "f", "old", 0644, 0, 0);
	tu_tar_symlink(t, "l", "f");
	ck_assert_msg(apply(x, t, &err) == 0, "%s", err.msg);
	t = tu_tar_new();
	tu_tar_file(t, "p", "now a file", 0644, 0, 0);	/* dir -> file */
	tu_tar_dir(t, "f", 0755, 0, 0);			/* file -> dir */
	tu_tar_file(t, "l", "not through the link", 0644, 0, 0);
	ck_assert_msg(apply(x, t, &err) == 0, "%s", err.msg);
	c = content("p");
	ck_assert_str_eq(c, "now a file");
	free(c);
	ck_assert_int_eq(lstat_rel("f", &st), 0);
	ck_assert(S_ISDIR(st.st_mode));
	ck_assert_int_eq(lstat_rel("l", &st), 0);
	ck_assert(S_ISREG(st.st_mode));		/* the link was replaced */
	sc_extract_free(x);
}
END_TEST

START_TEST(test_refuse_dotdot)
{
	static const char *names[] = { "../escaped", "a/../../escaped",
		"./../canary/pwned", ".." };
	struct sc_err err = SC_ERR_INIT;
	struct sc_extract *x = sc_extract_new(root_fd, 0, NULL);
	struct tu_tar *t = tu_tar_new();

	tu_tar_file(t, names[_i], "pwned", 0644, 0, 0);
	ck_assert_int_eq(apply(x, t, &err), SC_ERR_ESCAPE);
	ck_assert_msg(strstr(err.msg, "leaves the image root; refused") &&
	    strstr(err.msg, "layer 9 (test)"), "%s", err.msg);
	assert_canary_untouched();
	sc_extract_free(x);
}
END_TEST

START_TEST(test_refuse_write_through_symlink)
{
	struct sc_err err = SC_ERR_INIT;
	struct sc_extract *x = sc_extract_new(root_fd, SC_EXTRACT_WHITEOUTS, NULL);
	struct tu_tar *t = tu_tar_new();

	/* 0: absolute, 1: relative climbing, 2: inside the root: still a link */
	if (_i == 0)
		tu_tar_symlink(t, "evil", canary);
	else if (_i == 1)
		tu_tar_symlink(t, "evil", "../canary");
	else
		tu_tar_symlink(t, "evil", "/etc");
	tu_tar_dir(t, "etc", 0755, 0, 0);
	tu_tar_file(t, "evil/pwned", "pwned", 0644, 0, 0);
	ck_assert_int_eq(apply(x, t, &err), SC_ERR_ESCAPE);
	ck_assert_msg(strstr(err.msg, "entry 'evil/pwned' goes through the "
	    "symbolic link 'evil'; refused"), "%s", err.msg);
	assert_canary_untouched();
	ck_assert(!exists("etc/pwned"));

	/* and in a later stream, through a deeper link, and by a whiteout */
	t = tu_tar_new();
	tu_tar_symlink(t, "dir/evil", canary);
	ck_assert_int_eq(apply(x, t, &err), 0);
	t = tu_tar_new();
	tu_tar_file(t, "dir/evil/pwned", "pwned", 0644, 0, 0);
	ck_assert_int_eq(apply(x, t, &err), SC_ERR_ESCAPE);
	ck_assert_msg(strstr(err.msg, "symbolic link 'dir/evil'"), "%s", err.msg);
	t = tu_tar_new();
	tu_tar_file(t, "dir/evil/.wh.keep", "", 0644, 0, 0);
	ck_assert_int_eq(apply(x, t, &err), SC_ERR_ESCAPE);
	t = tu_tar_new();
	tu_tar_file(t, "dir/evil/.wh..wh..opq", "", 0644, 0, 0);
	ck_assert_int_eq(apply(x, t, &err), SC_ERR_ESCAPE);
	assert_canary_untouched();
	sc_extract_free(x);
}
END_TEST

START_TEST(test_hardlinks)
{
	struct sc_err err = SC_ERR_INIT;
	struct sc_extract *x = sc_extract_new(root_fd, 0, NULL);
	struct tu_tar *t = tu_tar_new();
	struct stat st, host;

	/* outside: refused */
	tu_tar_hardlink(t, "h", "../canary/keep");
	ck_assert_int_eq(apply(x, t, &err), SC_ERR_ESCAPE);
	ck_assert_msg(strstr(err.msg, "hard link 'h' -> '../canary/keep' points "
	    "outside the image root; refused"), "%s", err.msg);
	/* absolute: inside the root, never the host's file */
	t = tu_tar_new();
	tu_tar_file(t, "etc/hosts", "image hosts\n", 0644, 0, 0);
	tu_tar_hardlink(t, "h", "/etc/hosts");
	ck_assert_msg(apply(x, t, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(lstat_rel("h", &st), 0);
	ck_assert_int_eq(stat("/etc/hosts", &host), 0);
	ck_assert(st.st_ino != host.st_ino || st.st_dev != host.st_dev);
	ck_assert_uint_eq(st.st_nlink, 2);
	/* through a link: refused; to nothing or a directory: refused */
	t = tu_tar_new();
	tu_tar_symlink(t, "ln", canary);
	tu_tar_hardlink(t, "h2", "ln/keep");
	ck_assert_int_eq(apply(x, t, &err), SC_ERR_ESCAPE);
	t = tu_tar_new();
	tu_tar_hardlink(t, "h3", "missing");
	ck_assert_int_eq(apply(x, t, &err), SC_ERR_NOTFOUND);
	ck_assert_msg(strstr(err.msg, "the target does not exist"), "%s", err.msg);
	t = tu_tar_new();
	tu_tar_hardlink(t, "h4", "etc");
	ck_assert_int_eq(apply(x, t, &err), SC_ERR_NOTFOUND);
	ck_assert_msg(strstr(err.msg, "is a directory"), "%s", err.msg);
	assert_canary_untouched();
	sc_extract_free(x);
}
END_TEST

START_TEST(test_refuse_devices)
{
	struct sc_err err = SC_ERR_INIT;
	struct sc_extract *x = sc_extract_new(root_fd, 0, NULL);
	struct tu_tar *t = tu_tar_new();

	tu_tar_node(t, "dev/null", _i == 0 ? S_IFCHR : S_IFBLK);
	ck_assert_int_eq(apply(x, t, &err), SC_ERR_UNSUPPORTED);
	ck_assert_msg(strstr(err.msg, _i == 0 ? "'dev/null' is a character "
	    "device; refused here" : "is a block device"), "%s", err.msg);
	ck_assert(!exists("dev/null"));
	sc_extract_free(x);
}
END_TEST

START_TEST(test_refuse_sizes)
{
	struct sc_err err = SC_ERR_INIT;
	struct sc_extract_limits lim = { 1000, 1500, 4 };
	struct sc_extract *x = sc_extract_new(root_fd, 0, NULL);
	struct tu_tar *t;
	unsigned char *buf;
	size_t len;

	/* a declared 100 GiB with no data: refused before anything is written */
	buf = tu_tar_huge("big", 100ULL << 30, &len);
	ck_assert_int_eq(apply_bytes(x, buf, len, &err), SC_ERR_TOOBIG);
	ck_assert_msg(strstr(err.msg, "entry 'big' declares 107374182400 bytes, "
	    "over the 17179869184-byte limit for one file; refused"), "%s",
	    err.msg);
	ck_assert(!exists("big"));
	sc_extract_free(x);

	x = sc_extract_new(root_fd, 0, &lim);
	t = tu_tar_new();
	tu_tar_filled(t, "one", 1001, 'a');
	ck_assert_int_eq(apply(x, t, &err), SC_ERR_TOOBIG);
	t = tu_tar_new();
	tu_tar_filled(t, "two", 800, 'a');
	tu_tar_filled(t, "three", 800, 'a');	/* 1600 > 1500 in all */
	ck_assert_int_eq(apply(x, t, &err), SC_ERR_TOOBIG);
	ck_assert_msg(strstr(err.msg, "takes the image over 1500 bytes"), "%s",
	    err.msg);
	sc_extract_free(x);

	x = sc_extract_new(root_fd, 0, &lim);
	t = tu_tar_new();
	for (int i = 0; i < 5; i++) {
		char n[16];

		snprintf(n, sizeof(n), "e%d", i);
		tu_tar_file(t, n, "", 0644, 0, 0);
	}
	ck_assert_int_eq(apply(x, t, &err), SC_ERR_TOOBIG);
	ck_assert_msg(strstr(err.msg, "more than 4 entries"), "%s", err.msg);
	sc_extract_free(x);
}
END_TEST

START_TEST(test_messages_one_line)
{
	struct sc_err err = SC_ERR_INIT;
	struct sc_extract *x = sc_extract_new(root_fd, 0, NULL);
	struct tu_tar *t = tu_tar_new();

	tu_tar_file(t, "x\n../\x1b[31m/../../y", "", 0644, 0, 0);
	ck_assert_int_eq(apply(x, t, &err), SC_ERR_ESCAPE);
	ck_assert_ptr_null(strchr(err.msg, '\n'));
	ck_assert_ptr_null(strchr(err.msg, '\x1b'));
	sc_extract_free(x);
}
END_TEST

START_TEST(test_not_a_directory)
{
	struct sc_err err = SC_ERR_INIT;
	struct sc_extract *x = sc_extract_new(root_fd, 0, NULL);
	struct tu_tar *t = tu_tar_new();

	tu_tar_file(t, "f", "file", 0644, 0, 0);
	tu_tar_file(t, "f/x", "x", 0644, 0, 0);
	ck_assert_int_eq(apply(x, t, &err), SC_ERR_NOTREG);
	ck_assert_msg(strstr(err.msg, "'f' is not a directory"), "%s", err.msg);
	sc_extract_free(x);
}
END_TEST

START_TEST(test_staging_mode)
{
	struct sc_err err = SC_ERR_INIT;
	struct sc_extract *x = sc_extract_new(root_fd, 0, NULL);
	struct tu_tar *t = tu_tar_new();
	struct stat st;

	/* no whiteouts, no owners, always readable by the scanner */
	tu_tar_file(t, "blobs/.wh.x", "kept", 0000, 1234, 1234);
	ck_assert_msg(apply(x, t, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(lstat_rel("blobs/.wh.x", &st), 0);
	ck_assert_uint_eq(st.st_uid, geteuid());
	ck_assert_uint_eq(st.st_mode & 0777, 0600);
	sc_extract_free(x);
	sc_extract_free(NULL);
}
END_TEST

static Suite *
extract_suite(void)
{
	Suite *s = suite_create("extract");
	TCase *tc = tcase_create("extract");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_files_dirs_links_owners);
	tcase_add_test(tc, test_back_up_from_deep_directories);
	tcase_add_test(tc, test_devices_as_entries);
	tcase_add_test(tc, test_inodes_table);
	tcase_add_test(tc, test_file_capabilities);
	tcase_add_test(tc, test_whiteouts_and_opaque);
	tcase_add_test(tc, test_replacement);
	tcase_add_loop_test(tc, test_refuse_dotdot, 0, 4);
	tcase_add_loop_test(tc, test_refuse_write_through_symlink, 0, 3);
	tcase_add_test(tc, test_hardlinks);
	tcase_add_loop_test(tc, test_refuse_devices, 0, 2);
	tcase_add_test(tc, test_refuse_sizes);
	tcase_add_test(tc, test_messages_one_line);
	tcase_add_test(tc, test_not_a_directory);
	tcase_add_test(tc, test_staging_mode);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(extract_suite)
