/*
 * check_asset.c - looking up embedded files; the report files are built in.
 */
#include <string.h>

#include "reports/assets.h"
#include "testutil.h"
#include "util/asset.h"

static const char one[] = "one";
static const struct sc_asset table[] = {
	{ "a.txt", one, 3 },
	{ "b.txt", "", 0 },
	{ NULL, NULL, 0 },
};

START_TEST(test_find)
{
	ck_assert_ptr_eq(sc_asset_find(table, "a.txt"), &table[0]);
	ck_assert_ptr_eq(sc_asset_find(table, "b.txt"), &table[1]);
	ck_assert_ptr_null(sc_asset_find(table, "c.txt"));
	ck_assert_ptr_null(sc_asset_find(table, ""));
	ck_assert_ptr_null(sc_asset_find(NULL, "a.txt"));
}
END_TEST

START_TEST(test_report_assets)
{
	static const char *names[] = {
		"html.xsl", "report.css", "report.js", "gpos-srg.tsv",
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const struct sc_asset *a = sc_asset_find(sc_report_assets, names[i]);

		ck_assert_msg(a != NULL, "%s is not built in", names[i]);
		ck_assert_uint_gt(a->len, 100);
		/* NUL-terminated, and no NUL inside */
		ck_assert_uint_eq(strlen(a->data), a->len);
	}
	ck_assert(strstr(sc_asset_find(sc_report_assets, "html.xsl")->data,
	    "xsl:stylesheet") != NULL);
	/* xsltproc --stringparam (README) takes no value with both quotes */
	ck_assert(strchr(sc_asset_find(sc_report_assets, "report.css")->data, '\'') == NULL);
	ck_assert(strchr(sc_asset_find(sc_report_assets, "report.js")->data, '\'') == NULL);
}
END_TEST

static Suite *
asset_suite(void)
{
	Suite *s = suite_create("asset");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_find);
	tcase_add_test(tc, test_report_assets);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(asset_suite)
