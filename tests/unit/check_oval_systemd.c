/*
 * check_oval_systemd.c - systemd units read offline from a root
 * (checks/oval/oval_systemd.h): fragments by directory precedence,
 * masking, templates, drop-in order, continuation lines, list resets,
 * .wants/.requires directories, recursive dependencies with a cycle, and
 * enablement.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "checks/oval/oval_systemd.h"
#include "testutil.h"

static char *tmp;
static struct sc_target *t;

static void
setup(void)
{
	struct sc_err err = SC_ERR_INIT;

	tmp = tu_mkdtemp();
	tu_write(tmp, "lib/systemd/system/a.service",
	    "[Unit]\nDescription=vendor\nWants=b.service \\\n  c.service\n"
	    "[Service]\nRestart=no\n[Install]\nWantedBy=multi-user.target\n",
	    0644);
	tu_write(tmp, "etc/systemd/system/a.service",
	    "[Unit]\nDescription=admin\nWants=b.service\n[Service]\n"
	    "Restart=no\n", 0644);
	tu_write(tmp, "lib/systemd/system/a.service.d/20-x.conf",
	    "[Service]\nRestart=on-failure\n", 0644);
	tu_write(tmp, "etc/systemd/system/a.service.d/10-y.conf",
	    "[Unit]\nWants=\nWants=d.service\n", 0644);
	tu_write(tmp, "etc/systemd/system/a.service.d/30-z.conf",
	    "[Service]\nRestart=always\n", 0644);
	tu_write(tmp, "lib/systemd/system/d.service", "[Unit]\nRequires=a.service\n"
	    "BindsTo=e.service\n", 0644);
	tu_write(tmp, "lib/systemd/system/e.service", "[Unit]\n", 0644);
	tu_write(tmp, "lib/systemd/system/getty@.service", "[Unit]\n"
	    "Description=tty\n[Install]\nWantedBy=getty.target\n", 0644);
	tu_write(tmp, "lib/systemd/system/empty.service", "", 0644);
	tu_symlink(tmp, "etc/systemd/system/masked.service", "/dev/null");
	tu_write(tmp, "lib/systemd/system/masked.service", "[Unit]\n", 0644);
	tu_mkdir(tmp, "etc/systemd/system/multi-user.target.wants", 0755);
	tu_symlink(tmp, "etc/systemd/system/multi-user.target.wants/a.service",
	    "/lib/systemd/system/a.service");
	tu_write(tmp, "lib/systemd/system/multi-user.target", "[Unit]\n", 0644);
	ck_assert_int_eq(sc_target_open_rootfs(&t, tmp, &err), 0);
}

static void
teardown(void)
{
	sc_target_free(t);
	tu_rmrf(tmp);
	free(tmp);
}

START_TEST(test_fragment_and_dropins)
{
	struct sc_err err = SC_ERR_INIT;
	struct sc_oval_unit u;

	ck_assert_int_eq(sc_oval_systemd_load(t, "a.service", &u, &err), 0);
	ck_assert(u.found && !u.masked);
	/* /etc wins over /lib: no [Install], so static */
	ck_assert_str_eq(u.fragment, "/etc/systemd/system/a.service");
	ck_assert(!u.has_install);
	ck_assert_str_eq(sc_oval_systemd_get(&u, "Description"), "admin");
	/* drop-ins by file name across directories: 30-z last */
	ck_assert_str_eq(sc_oval_systemd_get(&u, "Restart"), "always");
	/* "Wants=" in 10-y reset the list, then d.service */
	ck_assert_str_eq(sc_oval_systemd_get(&u, "Wants"), "d.service");
	sc_oval_systemd_unit_free(&u);
}
END_TEST

START_TEST(test_masked_template_empty)
{
	struct sc_err err = SC_ERR_INIT;
	struct sc_oval_unit u;

	ck_assert_int_eq(sc_oval_systemd_load(t, "masked.service", &u, &err), 0);
	ck_assert(u.found && u.masked);
	sc_oval_systemd_unit_free(&u);
	ck_assert_int_eq(sc_oval_systemd_load(t, "empty.service", &u, &err), 0);
	ck_assert(u.found && u.masked);
	sc_oval_systemd_unit_free(&u);
	ck_assert_int_eq(sc_oval_systemd_load(t, "getty@tty1.service", &u, &err), 0);
	ck_assert(u.found && !u.masked && u.has_install);
	ck_assert_str_eq(sc_oval_systemd_get(&u, "Description"), "tty");
	sc_oval_systemd_unit_free(&u);
	ck_assert_int_eq(sc_oval_systemd_load(t, "none.service", &u, &err), 0);
	ck_assert(!u.found);
	sc_oval_systemd_unit_free(&u);
}
END_TEST

START_TEST(test_deps_and_enabled)
{
	struct sc_err err = SC_ERR_INIT;
	struct sc_strv deps = SC_STRV_INIT, names = SC_STRV_INIT;

	/* multi-user.target.wants/a -> a Wants d -> d Requires a (a cycle),
	   BindsTo e */
	ck_assert_int_eq(sc_oval_systemd_deps(t, "multi-user.target", &deps,
	    &err), 0);
	ck_assert_uint_eq(deps.n, 3);
	ck_assert_str_eq(deps.v[0], "a.service");
	ck_assert_str_eq(deps.v[1], "d.service");
	ck_assert_str_eq(deps.v[2], "e.service");
	sc_strv_free(&deps);
	ck_assert(sc_oval_systemd_enabled(t, "a.service"));
	ck_assert(!sc_oval_systemd_enabled(t, "d.service"));
	ck_assert_int_eq(sc_oval_systemd_names(t, &names, &err), 0);
	ck_assert_int_ge(sc_strv_find(&names, "getty@.service"), 0);
	ck_assert_int_lt(sc_strv_find(&names, "a.service.d"), 0);
	ck_assert_int_lt(sc_strv_find(&names, "multi-user.target.wants"), 0);
	sc_strv_free(&names);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("oval_systemd");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int nf;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_fragment_and_dropins);
	tcase_add_test(tc, test_masked_template_empty);
	tcase_add_test(tc, test_deps_and_enabled);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	nf = srunner_ntests_failed(sr);
	srunner_free(sr);
	return nf ? 1 : 0;
}
