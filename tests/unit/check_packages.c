/*
 * check_packages.c - the package database probe: apk, dpkg (status and
 * status.d), rpm (a real rpmdb.sqlite made by Debian's rpm when present).
 */
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "probes/packages.h"
#include "testutil.h"

static char *tmp, *root;

static void
setup(void)
{
	tmp = tu_mkdtemp();
	root = tu_path(tmp, "root");
	tu_mkdir(root, "etc", 0755);
}

static void
teardown(void)
{
	tu_rmrf(tmp);
	free(tmp);
	free(root);
}

static struct sc_pkgdb *
load(struct sc_err *err, int *rc)
{
	struct sc_target *t;
	struct sc_pkgdb *db = NULL;

	ck_assert_int_eq(sc_target_open_rootfs(&t, root, NULL), 0);
	*rc = sc_pkgdb_load(&db, t, err);
	sc_target_free(t);
	return db;
}

START_TEST(test_apk)
{
	struct sc_err err = SC_ERR_INIT;
	struct sc_pkgdb *db;
	int rc;

	tu_write(root, "usr/lib/apk/db/installed",
	    "C:Q1abc=\nP:busybox\nV:1.36.1-r5\nA:x86_64\n\n"
	    "P:dropbear\r\nV:2022.83-r0\r\n\r\n"
	    "P:no-version\n", 0644);
	tu_symlink(root, "lib", "usr/lib");	/* merged /lib: read once */
	db = load(&err, &rc);
	ck_assert_msg(rc == 0, "%s", err.msg);
	ck_assert_uint_eq(sc_pkgdb_count(db), 3);
	ck_assert_str_eq(sc_pkgdb_find(db, "dropbear")->version, "2022.83-r0");
	ck_assert_str_eq(sc_pkgdb_find(db, "no-version")->version, "");
	ck_assert_str_eq(sc_pkgdb_find(db, "busybox")->source,
	    "/usr/lib/apk/db/installed");
	ck_assert_ptr_null(sc_pkgdb_find(db, "drop"));
	ck_assert_uint_eq(sc_pkgdb_sources(db)->n, 1);
	ck_assert_str_eq(sc_pkgdb_sources(db)->v[0],
	    "/usr/lib/apk/db/installed (apk, 3 packages)");
	sc_pkgdb_free(db);
}
END_TEST

START_TEST(test_dpkg)
{
	struct sc_err err = SC_ERR_INIT;
	struct sc_pkgdb *db;
	int rc;

	tu_write(root, "var/lib/dpkg/status",
	    "Package: base-files\nStatus: install ok installed\nVersion: 12.4\n"
	    "Description: x\n multi-line\n\n"
	    "Package: openssh-server\nStatus: deinstall ok config-files\n"
	    "Version: 1:9.2p1-2\n\n"
	    "Package: telnetd\nVersion: 0.17\nStatus: install ok half-configured\n",
	    0644);
	/* distroless: one record per file, no Status */
	tu_write(root, "var/lib/dpkg/status.d/libssl3",
	    "Package: libssl3\nVersion: 3.0.11-1\n", 0644);
	tu_write(root, "var/lib/dpkg/status.d/libssl3.md5sums", "abc  x\n", 0644);
	db = load(&err, &rc);
	ck_assert_msg(rc == 0, "%s", err.msg);
	ck_assert_uint_eq(sc_pkgdb_count(db), 3);
	ck_assert_ptr_null(sc_pkgdb_find(db, "openssh-server"));	/* removed */
	ck_assert_str_eq(sc_pkgdb_find(db, "telnetd")->version, "0.17");
	ck_assert_str_eq(sc_pkgdb_find(db, "libssl3")->source,
	    "/var/lib/dpkg/status.d/libssl3");
	ck_assert_uint_eq(sc_pkgdb_sources(db)->n, 2);
	sc_pkgdb_free(db);
}
END_TEST

START_TEST(test_none_and_errors)
{
	struct sc_err err = SC_ERR_INIT;
	struct sc_pkgdb *db;
	int rc;

	db = load(&err, &rc);
	ck_assert_int_eq(rc, 0);
	ck_assert_uint_eq(sc_pkgdb_count(db), 0);
	ck_assert_uint_eq(sc_pkgdb_sources(db)->n, 0);
	sc_pkgdb_free(db);

	tu_mkfifo(root, "var/lib/dpkg/status");
	db = load(&err, &rc);
	ck_assert_int_eq(rc, SC_ERR_NOTREG);
	ck_assert_ptr_null(db);

	{
		char *p = tu_path(root, "var/lib/dpkg");
		tu_rmrf(p);
		free(p);
	}
	tu_write(root, "var/lib/rpm/Packages", "\x00\x06\x15\x61", 0644);
	db = load(&err, &rc);
	ck_assert_int_eq(rc, SC_ERR_UNSUPPORTED);
	ck_assert_msg(strstr(err.msg, "/var/lib/rpm/Packages: this rpm database "
	    "format"), "%s", err.msg);

	{
		char *p = tu_path(root, "var/lib/rpm");
		tu_rmrf(p);
		free(p);
	}
	tu_write(root, "usr/lib/sysimage/rpm/rpmdb.sqlite", "not sqlite", 0644);
	db = load(&err, &rc);
	ck_assert_int_eq(rc, SC_ERR_PARSE);
	ck_assert_msg(strstr(err.msg, "is not an SQLite database"), "%s", err.msg);
}
END_TEST

START_TEST(test_rpm_header)
{
	struct sc_err err = SC_ERR_INIT;
	struct sc_pkgdb *db = sc_pkgdb_new();
	/* il=3, dl=20: NAME "abc", VERSION "1.0", EPOCH 2 */
	static const unsigned char h[] = {
		0, 0, 0, 3, 0, 0, 0, 20,
		0, 0, 0x03, 0xe8, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0, 1,
		0, 0, 0x03, 0xe9, 0, 0, 0, 6, 0, 0, 0, 4, 0, 0, 0, 1,
		0, 0, 0x03, 0xeb, 0, 0, 0, 4, 0, 0, 0, 8, 0, 0, 0, 1,
		'a', 'b', 'c', 0, '1', '.', '0', 0, 0, 0, 0, 2,
		0, 0, 0, 0, 0, 0, 0, 0,
	};
	unsigned char broken[sizeof(h)];

	ck_assert_int_eq(sc_pkgdb_parse_rpm_header(db, "db", h, sizeof(h), &err),
	    0);
	ck_assert_str_eq(sc_pkgdb_find(db, "abc")->version, "2:1.0");
	/* a data length pointing past the blob */
	memcpy(broken, h, sizeof(h));
	broken[7] = 200;
	ck_assert_int_eq(sc_pkgdb_parse_rpm_header(db, "db", broken,
	    sizeof(broken), &err), SC_ERR_PARSE);
	/* an unterminated string */
	memcpy(broken, h, sizeof(h));
	memset(broken + 8 + 48, 'x', 20);
	ck_assert_int_eq(sc_pkgdb_parse_rpm_header(db, "db", broken,
	    sizeof(broken), &err), SC_ERR_PARSE);
	ck_assert_int_eq(sc_pkgdb_parse_rpm_header(db, "db", h, 4, &err),
	    SC_ERR_PARSE);
	sc_pkgdb_free(db);
}
END_TEST

START_TEST(test_rpm_real_database)
{
	struct sc_err err = SC_ERR_INIT;
	struct sc_pkgdb *db;
	char *cmd;
	int rc;

	/* make check installs rpm (.ci/deps.sh): a missing tool is a failure */
	ck_assert_msg(system("command -v rpmbuild >/dev/null && "
	    "command -v rpm >/dev/null") == 0,
	    "rpm and rpmbuild are needed (make deps installs them)");
	if (asprintf(&cmd, "sh tests/fixtures/rpm-db.sh '%s' "
	    "openssh-server:1:8.7p1:34.el9 bash:0:5.1.8:6.el9 >/dev/null 2>&1",
	    root) < 0)
		abort();
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
	db = load(&err, &rc);
	ck_assert_msg(rc == 0, "%s", err.msg);
	ck_assert_uint_eq(sc_pkgdb_count(db), 2);
	ck_assert_str_eq(sc_pkgdb_find(db, "openssh-server")->version,
	    "1:8.7p1-34.el9");
	ck_assert_str_eq(sc_pkgdb_find(db, "bash")->version, "5.1.8-6.el9");
	ck_assert_str_eq(sc_pkgdb_sources(db)->v[0],
	    "/var/lib/rpm/rpmdb.sqlite (rpm, 2 packages)");
	sc_pkgdb_free(db);
}
END_TEST

static Suite *
packages_suite(void)
{
	Suite *s = suite_create("packages");
	TCase *tc = tcase_create("packages");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_apk);
	tcase_add_test(tc, test_dpkg);
	tcase_add_test(tc, test_none_and_errors);
	tcase_add_test(tc, test_rpm_header);
	tcase_add_test(tc, test_rpm_real_database);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(packages_suite)
