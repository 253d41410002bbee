/*
 * check_crypto_cmvp.c - the CMVP table: the built-in copy parses and holds
 * the certificates the docs name; hostile tables are refused with the row
 * and the problem; a table set for a target replaces the built-in one.
 */
#include <stdlib.h>
#include <string.h>

#include "checks/cmvp.h"
#include "testutil.h"

static int
refused(const char *yaml, const char *want)
{
	struct sc_cmvp_table *t = NULL;
	struct sc_err err = SC_ERR_INIT;
	int r = sc_cmvp_parse(yaml, strlen(yaml), "T", &t, &err);

	ck_assert_ptr_null(t);
	if (strstr(err.msg, want) == NULL)
		ck_abort_msg("'%s' lacks '%s'", err.msg, want);
	return r < 0;
}

/* sc_cmvp_match: family and version both match; active before historical */
START_TEST(test_match)
{
	static const char yaml[] =
	    "rows:\n"
	    "  - {number: \"1\", module: G, family: go, versions: \"v1.0.0\", "
	    "standard: FIPS 140-3, status: historical, source: s}\n"
	    "  - {number: \"2\", module: G, family: go, versions: \"v0.9, v1.0.0\", "
	    "standard: FIPS 140-3, status: active, source: s, level: \"1\"}\n"
	    "  - {number: \"3\", module: O, versions: \"v1.0.0\", "
	    "standard: FIPS 140-3, status: active, source: s}\n";
	struct sc_cmvp_table *t = NULL;
	struct sc_err err = SC_ERR_INIT;
	const struct sc_cmvp_cert *c;
	char *lvl;

	ck_assert_int_eq(sc_cmvp_parse(yaml, strlen(yaml), "T", &t, &err), 0);
	c = sc_cmvp_match(t, "go", "v1.0.0");
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->number, "2");
	lvl = sc_cmvp_cert_level(c);
	ck_assert_str_eq(lvl, "fips140-3-l1");
	free(lvl);
	ck_assert_ptr_null(sc_cmvp_match(t, "go", "v1.0"));
	ck_assert_ptr_null(sc_cmvp_match(t, "java", "v1.0.0"));
	ck_assert_ptr_null(sc_cmvp_match(t, "go", NULL));
	ck_assert_ptr_null(sc_cmvp_match(NULL, "go", "v1.0.0"));
	ck_assert_str_eq(sc_cmvp_match(t, "openssl", "v1.0.0")->number, "3");
	sc_cmvp_free(t);
}
END_TEST

START_TEST(test_builtin)
{
	char *dir = tu_mkdtemp();
	struct sc_target *t;
	struct sc_err err = SC_ERR_INIT;
	const struct sc_cmvp_table *tab;
	int found = 0;

	ck_assert_int_eq(sc_target_open_rootfs(&t, dir, &err), 0);
	tab = sc_cmvp_for(t, &err);
	ck_assert_msg(tab != NULL, "%s", err.msg);
	ck_assert(strstr(tab->origin, "built-in") != NULL);
	for (size_t i = 0; i < tab->n; i++) {
		if (strcmp(tab->c[i].number, "4985") == 0) {
			ck_assert_str_eq(tab->c[i].status, "active");
			ck_assert_str_eq(tab->c[i].family, "openssl");
			ck_assert(sc_cmvp_lists(tab->c[i].versions, "3.1.2"));
			ck_assert(tab->c[i].sunset_t > 0);
			found = 1;
		}
	}
	ck_assert(found);
	sc_target_free(t);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

START_TEST(test_file_replaces)
{
	char *dir = tu_mkdtemp(), *path;
	struct sc_target *t;
	struct sc_err err = SC_ERR_INIT;
	const struct sc_cmvp_table *tab;

	tu_write(dir, "cmvp.yaml", "rows:\n  - number: \"1\"\n    module: m\n"
	    "    versions: \"1.0, 1.1\"\n    standard: FIPS 140-3\n"
	    "    status: revoked\n    source: s\n    family: go\n"
	    "    sha256: \"ab, cd\"\n", 0644);
	path = tu_path(dir, "cmvp.yaml");
	ck_assert_int_eq(sc_target_open_rootfs(&t, dir, &err), 0);
	ck_assert_int_eq(sc_cmvp_use_file(t, path, &err), 0);
	tab = sc_cmvp_for(t, &err);
	ck_assert_int_eq(tab->n, 1);
	ck_assert_str_eq(tab->origin, path);
	ck_assert_str_eq(tab->c[0].family, "go");
	ck_assert(sc_cmvp_lists(tab->c[0].versions, "1.1"));
	ck_assert(!sc_cmvp_lists(tab->c[0].versions, "1"));
	ck_assert(sc_cmvp_lists(tab->c[0].sha256, "cd"));
	ck_assert_int_eq(tab->c[0].sunset_t, 0);
	/* a directory is not a table */
	ck_assert_int_lt(sc_cmvp_use_file(t, dir, &err), 0);
	ck_assert(strstr(err.msg, "not a regular file") != NULL);
	sc_target_free(t);
	tu_rmrf(dir);
	free(path);
	free(dir);
}
END_TEST

START_TEST(test_hostile)
{
	static const char row[] = "rows:\n  - number: \"9\"\n    module: m\n"
	    "    versions: \"1\"\n    standard: x\n    source: s\n";
	char buf[512];

	ck_assert(refused("rows: []\n", "the table is empty"));
	ck_assert(refused("nope: 1\n", "unknown key 'nope'"));
	ck_assert(refused("rows: [1, 2]\n", "row 1 is not a mapping"));
	ck_assert(refused("rows:\n  - {number: \"1\", module: m}\n",
	    "certificate #1: missing 'versions'"));
	snprintf(buf, sizeof(buf), "%s    status: expired\n", row);
	ck_assert(refused(buf, "status 'expired'"));
	snprintf(buf, sizeof(buf), "%s    status: active\n    sunset: 2030-13-99\n",
	    row);
	ck_assert(refused(buf, "sunset '2030-13-99'"));
	snprintf(buf, sizeof(buf), "%s    status: active\n    family: rust\n", row);
	ck_assert(refused(buf, "family 'rust'"));
	snprintf(buf, sizeof(buf), "%s    status: active\n    status: active\n",
	    row);
	ck_assert(refused(buf, "must be given once"));
	snprintf(buf, sizeof(buf), "%s    status: [a]\n", row);
	ck_assert(refused(buf, "must be given once, as a string"));
	snprintf(buf, sizeof(buf), "%s    status: active\n    level: \"5\"\n",
	    row);
	ck_assert(refused(buf, "level '5' is not 1, 2, 3 or 4"));
	snprintf(buf, sizeof(buf), "%s    status: active\n    level: \"12\"\n",
	    row);
	ck_assert(refused(buf, "level '12'"));
	ck_assert(refused("rows: [\n", "T: line"));
}
END_TEST

static Suite *
cmvp_suite(void)
{
	Suite *s = suite_create("crypto_cmvp");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_builtin);
	tcase_add_test(tc, test_match);
	tcase_add_test(tc, test_file_replaces);
	tcase_add_test(tc, test_hostile);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(cmvp_suite)
