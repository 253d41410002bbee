/*
 * check_oval_var.c - OVAL variable components (checks/oval/oval_var.h):
 * every OVAL 5.11 function computed on literal values through a parsed
 * OVAL document (arithmetic, time_difference, glob_to_regex,
 * regex_capture, split, substring, escape_regex, count, unique, concat,
 * begin, end), the date-time formats, the glob_to_regex table of the
 * OVAL 5.11 schema, and the caps on cross products.
 * t1450 runs the same functions against OpenSCAP.
 */
#include <libxml/parser.h>
#include <string.h>
#include <time.h>

#include "checks/oval/oval_var.h"
#include "testutil.h"

#define OV "http://oval.mitre.org/XMLSchema/oval-definitions-5"

/*
 * Compute the local variable whose body is xml (one component) with
 * datatype dt; the values joined with '|' into got, or "ERROR: msg".
 */
static void
compute(const char *dt, const char *body, char *got, size_t cap)
{
	struct sc_err err = SC_ERR_INIT;
	struct sc_oval_doc *d = NULL;
	struct sc_oval_var *v = NULL;
	const struct sc_strv *vals;
	enum sc_oval_flag flag;
	char *xml = sc_xasprintf("<oval_definitions xmlns='" OV "'><variables>"
	    "<local_variable id='oval:t:var:1' version='1' datatype='%s' "
	    "comment='c'>%s</local_variable></variables></oval_definitions>",
	    dt, body);
	xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "t.xml", NULL,
	    XML_PARSE_NONET);
	int r;

	ck_assert_ptr_nonnull(doc);
	got[0] = '\0';
	r = sc_oval_doc_new(&d, xmlDocGetRootElement(doc), "t.xml", NULL, &err);
	if (r == 0)
		r = sc_oval_doc_var(d, "oval:t:var:1", &v, &err);
	if (r == 0)
		r = sc_oval_var_values(d, v, &flag, &vals, &err);
	if (r < 0) {
		snprintf(got, cap, "ERROR: %s", err.msg);
	} else {
		for (size_t i = 0; i < vals->n; i++) {
			if (i)
				strncat(got, "|", cap - strlen(got) - 1);
			strncat(got, vals->v[i], cap - strlen(got) - 1);
		}
	}
	sc_oval_doc_free(d);
	xmlFreeDoc(doc);
	free(xml);
}

#define LIT(x) "<literal_component>" x "</literal_component>"
#define ILIT(x) "<literal_component datatype='int'>" x "</literal_component>"
#define FLIT(x) "<literal_component datatype='float'>" x "</literal_component>"
#define EXPECT(dt, body, want) do { \
	char got_[4096]; \
	compute(dt, body, got_, sizeof(got_)); \
	ck_assert_str_eq(got_, want); \
} while (0)
#define EXPECT_ERR(dt, body, text) do { \
	char got_[4096]; \
	compute(dt, body, got_, sizeof(got_)); \
	ck_assert_msg(strncmp(got_, "ERROR: ", 7) == 0 && strstr(got_, text), \
	    "got '%s', expected an error with '%s'", got_, text); \
} while (0)

START_TEST(test_arithmetic)
{
	EXPECT("int", "<arithmetic arithmetic_operation='add'>" ILIT("1") ILIT("2")
	    ILIT("39") "</arithmetic>", "42");
	EXPECT("int", "<arithmetic arithmetic_operation='multiply'>" ILIT("-6")
	    ILIT("7") "</arithmetic>", "-42");
	/* the schema's example: {1,2} + {3,4,5} is six values */
	EXPECT("int", "<arithmetic arithmetic_operation='add'>"
	    "<split delimiter=','>" LIT("1,2") "</split>"
	    "<split delimiter=','>" LIT("3,4,5") "</split></arithmetic>",
	    "4|5|6|5|6|7");
	/* int and float: a float */
	EXPECT("float", "<arithmetic arithmetic_operation='add'>" ILIT("1")
	    FLIT("0.5") "</arithmetic>", "1.5");
	EXPECT("float", "<arithmetic arithmetic_operation='multiply'>" FLIT("0.1")
	    FLIT("3") "</arithmetic>", "0.3");
	/* beyond 2^53, still exact */
	EXPECT("int", "<arithmetic arithmetic_operation='add'>"
	    ILIT("9007199254740993") ILIT("2") "</arithmetic>", "9007199254740995");
	EXPECT_ERR("int", "<arithmetic arithmetic_operation='multiply'>"
	    ILIT("9223372036854775807") ILIT("2") "</arithmetic>", "overflows");
	EXPECT_ERR("int", "<arithmetic arithmetic_operation='add'>" ILIT("1")
	    LIT("one") "</arithmetic>", "\"one\" is not a number");
	EXPECT_ERR("int", "<arithmetic arithmetic_operation='add'>" ILIT("1")
	    LIT("0x10") "</arithmetic>", "not a number");
	EXPECT_ERR("int", "<arithmetic arithmetic_operation='divide'>" ILIT("1")
	    ILIT("2") "</arithmetic>", "arithmetic_operation='divide'");
	EXPECT_ERR("int", "<arithmetic arithmetic_operation='add'>" ILIT("1")
	    "</arithmetic>", "has 1 components");
}
END_TEST

/* split "a,a,...,a" into n values */
static char *
many(size_t n)
{
	struct sc_buf b = SC_BUF_INIT;

	sc_buf_adds(&b, "<split delimiter=','><literal_component>");
	for (size_t i = 0; i < n; i++)
		sc_buf_adds(&b, i ? ",1" : "1");
	sc_buf_adds(&b, "</literal_component></split>");
	return b.data;
}

START_TEST(test_cross_product_caps)
{
	char *a = many(200), *body;
	char got[4096];

	/* 200 x 200 = 40,000 values: over the cap, an error, not a cut list */
	body = sc_xasprintf("<arithmetic arithmetic_operation='add'>%s%s"
	    "</arithmetic>", a, a);
	compute("int", body, got, sizeof(got));
	ck_assert_msg(strstr(got, "ERROR: ") == got &&
	    strstr(got, "arithmetic of 200 by 200 values is over the cap of 10000"),
	    "%s", got);
	free(body);
	body = sc_xasprintf("<time_difference format_1='seconds_since_epoch' "
	    "format_2='seconds_since_epoch'>%s%s</time_difference>", a, a);
	compute("int", body, got, sizeof(got));
	ck_assert_msg(strstr(got, "time_difference of 200 by 200 values is over "
	    "the cap"), "%s", got);
	free(body);
	body = sc_xasprintf("<concat>%s%s</concat>", a, a);
	compute("string", body, got, sizeof(got));
	ck_assert_msg(strstr(got, "concat of 200 by 200 values"), "%s", got);
	free(body);
	free(a);
	/* 50 x 200 = 10,000: at the cap, computed */
	a = many(50);
	body = sc_xasprintf("<arithmetic arithmetic_operation='add'>%s%s"
	    "</arithmetic>", a, a);
	compute("int", body, got, sizeof(got));
	ck_assert_msg(strncmp(got, "2|2|2", 5) == 0, "%.80s", got);
	free(body);
	free(a);
}
END_TEST

START_TEST(test_time_formats)
{
	/* 2009-04-02 00:00:00 UTC = 1238630400 (T); +01:02:03 = T + 3723 */
	static const struct {
		const char *s;
		enum sc_oval_timefmt f;
		int64_t want;
	} good[] = {
		{ "20090402", SC_OVAL_TIME_YEAR_MONTH_DAY, 1238630400 },
		{ "20090402T010203", SC_OVAL_TIME_YEAR_MONTH_DAY, 1238634123 },
		{ "2009/04/02", SC_OVAL_TIME_YEAR_MONTH_DAY, 1238630400 },
		{ "2009-04-02 01:02:03", SC_OVAL_TIME_YEAR_MONTH_DAY, 1238634123 },
		{ "04/02/2009", SC_OVAL_TIME_MONTH_DAY_YEAR, 1238630400 },
		{ "04-02-2009 01:02:03", SC_OVAL_TIME_MONTH_DAY_YEAR, 1238634123 },
		{ "April, 02 2009", SC_OVAL_TIME_MONTH_DAY_YEAR, 1238630400 },
		{ "Apr, 2 2009 01:02:03", SC_OVAL_TIME_MONTH_DAY_YEAR, 1238634123 },
		{ "02/04/2009", SC_OVAL_TIME_DAY_MONTH_YEAR, 1238630400 },
		{ "02-04-2009 01:02:03", SC_OVAL_TIME_DAY_MONTH_YEAR, 1238634123 },
		{ "1238630400", SC_OVAL_TIME_SECONDS_SINCE_EPOCH, 1238630400 },
		{ "-86400", SC_OVAL_TIME_SECONDS_SINCE_EPOCH, -86400 },
		/* FILETIME: (T + 11644473600) * 10^7 */
		{ "128831040000000000", SC_OVAL_TIME_WIN_FILETIME, 1238630400 },
		{ "0x01C9B325F73E8000", SC_OVAL_TIME_WIN_FILETIME, 1238630400 },
		/* CIM: local time and its offset in minutes east of UTC */
		{ "20090402030000.000000+180", SC_OVAL_TIME_CIM_DATETIME, 1238630400 },
		{ "2009-04-02 00:00:00:000", SC_OVAL_TIME_CIM_DATETIME, 1238630400 },
		{ "20000229", SC_OVAL_TIME_YEAR_MONTH_DAY, 951782400 },
	};
	static const struct {
		const char *s;
		enum sc_oval_timefmt f;
	} bad[] = {
		{ "20090230", SC_OVAL_TIME_YEAR_MONTH_DAY },
		{ "19000229", SC_OVAL_TIME_YEAR_MONTH_DAY },
		{ "2009-13-01", SC_OVAL_TIME_YEAR_MONTH_DAY },
		{ "2009-04-02 24:00:00", SC_OVAL_TIME_YEAR_MONTH_DAY },
		{ "2009-04/02", SC_OVAL_TIME_YEAR_MONTH_DAY },
		{ "04/02/2009", SC_OVAL_TIME_YEAR_MONTH_DAY },
		{ "2009/04/02", SC_OVAL_TIME_MONTH_DAY_YEAR },
		{ "Smarch, 02 2009", SC_OVAL_TIME_MONTH_DAY_YEAR },
		{ "12x", SC_OVAL_TIME_SECONDS_SINCE_EPOCH },
		{ "", SC_OVAL_TIME_SECONDS_SINCE_EPOCH },
		{ "-5", SC_OVAL_TIME_WIN_FILETIME },
		{ "99999999999999999999", SC_OVAL_TIME_SECONDS_SINCE_EPOCH },
		{ "20090402030000.000000*180", SC_OVAL_TIME_CIM_DATETIME },
	};
	int64_t t;

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		t = -1;
		ck_assert_msg(sc_oval_var_parse_time(good[i].s, good[i].f, &t) == 0 &&
		    t == good[i].want, "'%s': %lld, expected %lld", good[i].s,
		    (long long)t, (long long)good[i].want);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(sc_oval_var_parse_time(bad[i].s, bad[i].f, &t) < 0,
		    "'%s' parsed", bad[i].s);
}
END_TEST

START_TEST(test_time_difference)
{
	char got[256];
	long long now = (long long)time(NULL), v;

	/* the schema's example: 2 x 3 values, first minus second */
	EXPECT("int", "<time_difference format_1='month_day_year' "
	    "format_2='month_day_year'><split delimiter=','>"
	    LIT("04/02/2009,04/03/2009") "</split><split delimiter=','>"
	    LIT("02/02/2005,02/03/2005,02/04/2005") "</split></time_difference>",
	    "131328000|131241600|131155200|131414400|131328000|131241600");
	EXPECT("int", "<time_difference format_1='seconds_since_epoch'>"
	    LIT("100") LIT("2000-01-01") "</time_difference>", "-946684700");
	/* one argument: now minus it, in format_2 */
	compute("int", "<time_difference format_2='win_filetime'>"
	    LIT("116444736000000000") "</time_difference>", got, sizeof(got));
	v = strtoll(got, NULL, 10);
	ck_assert_msg(v >= now && v <= now + 5, "now - epoch: %s", got);
	EXPECT_ERR("int", "<time_difference>" LIT("2009-02-30") LIT("2009-01-01")
	    "</time_difference>", "\"2009-02-30\" is not a year_month_day date-time");
	EXPECT_ERR("int", "<time_difference format_1='weekly'>" LIT("1")
	    "</time_difference>", "format_1='weekly' is not valid");
	EXPECT_ERR("int", "<time_difference>" LIT("1") LIT("2") LIT("3")
	    "</time_difference>", "has 3 components");
}
END_TEST

static void
glob_is(const char *glob, int noescape, const char *want)
{
	struct sc_buf b = SC_BUF_INIT;

	ck_assert_int_eq(sc_oval_var_glob_to_regex(glob, noescape, &b), 0);
	ck_assert_msg(strcmp(b.data, want) == 0, "glob '%s' noescape %d: '%s', "
	    "expected '%s'", glob, noescape, b.data, want);
	sc_buf_free(&b);
}

START_TEST(test_glob_to_regex)
{
	struct sc_buf b = SC_BUF_INIT;

	/* the OVAL 5.11 schema's glob_to_regex table */
	glob_is("\\*", 0, "^\\*$");
	glob_is("\\*", 1, "^\\\\[^/]*$");
	glob_is("\\?", 0, "^\\?$");
	glob_is("\\[hello\\]", 0, "^\\[hello\\]$");
	glob_is("\\[hello\\]", 1, "^\\\\[hello\\\\]$");
	glob_is("/root/*", 0, "^/root/(?=[^.])[^/]*$");
	glob_is("/root/.*", 0, "^/root/\\.[^/]*$");
	glob_is("/root/x*", 0, "^/root/x[^/]*$");
	glob_is("/root/?", 0, "^/root/[^./]$");
	glob_is("/root/.?", 0, "^/root/\\.[^/]$");
	glob_is("/root/x?", 0, "^/root/x[^/]$");
	glob_is("list.?", 1, "^list\\.[^/]$");
	glob_is("project.*", 0, "^project\\.[^/]*$");
	glob_is("*old", 0, "^(?=[^.])[^/]*old$");
	glob_is("type*.[ch]", 1, "^type[^/]*\\.[ch]$");
	glob_is("*.*", 0, "^(?=[^.])[^/]*\\.[^/]*$");
	glob_is("*", 1, "^(?=[^.])[^/]*$");
	glob_is("?", 0, "^[^./]$");
	glob_is("x[[:digit:]]\\*", 0, "^x[[:digit:]]\\*$");
	glob_is("x[[:digit:]]\\*", 1, "^x[[:digit:]]\\\\[^/]*$");
	glob_is("", 0, "^$");
	glob_is("~/files/*.txt", 0, "^~/files/(?=[^.])[^/]*\\.txt$");
	glob_is("\\", 0, "^\\\\$");
	glob_is("\\", 1, "^\\\\$");
	glob_is(".*.conf", 0, "^\\.[^/]*\\.conf$");
	glob_is("docs/?b", 0, "^docs/[^./]b$");
	glob_is("xy/??z", 1, "^xy/[^./][^/]z$");
	/* beyond the table: [!x], a class right after '/', regex metas */
	glob_is("/etc/[!a]*.conf", 0, "^/etc/[^a][^/]*\\.conf$");
	glob_is("a+(b)|{c}$^", 0, "^a\\+\\(b\\)\\|\\{c\\}\\$\\^$");
	ck_assert_int_eq(sc_oval_var_glob_to_regex("[ab", 0, &b), -1);
	sc_buf_reset(&b);
	ck_assert_int_eq(sc_oval_var_glob_to_regex("x[", 1, &b), -1);
	sc_buf_free(&b);
	EXPECT("string", "<glob_to_regex>" LIT("/etc/*.conf") "</glob_to_regex>",
	    "^/etc/(?=[^.])[^/]*\\.conf$");
	EXPECT("string", "<glob_to_regex glob_noescape='true'>" LIT("\\*")
	    "</glob_to_regex>", "^\\\\[^/]*$");
	EXPECT_ERR("string", "<glob_to_regex>" LIT("[ab") "</glob_to_regex>",
	    "not a valid glob pattern");
}
END_TEST

START_TEST(test_string_functions)
{
	EXPECT("string", "<regex_capture pattern='^v=(\\d+)'>"
	    "<split delimiter=';'>" LIT("v=12;x;v=3") "</split></regex_capture>",
	    "12||3");
	EXPECT("string", "<regex_capture pattern='a'>" LIT("abc") "</regex_capture>",
	    "");
	EXPECT("string", "<split delimiter='-'>" LIT("-a-a-") "</split>", "|a|a|");
	EXPECT("string", "<split delimiter='-'>" LIT("---") "</split>", "|||");
	EXPECT("string", "<substring substring_start='3' substring_length='2'>"
	    LIT("abcdefg") "</substring>", "cd");
	EXPECT("string", "<substring substring_start='0' substring_length='-1'>"
	    LIT("abc") "</substring>", "abc");
	EXPECT_ERR("string", "<substring substring_start='4' substring_length='1'>"
	    LIT("abc") "</substring>", "past the end");
	EXPECT("string", "<escape_regex>" LIT("a.b*c/(d)") "</escape_regex>",
	    "a\\.b\\*c\\/\\(d\\)");
	EXPECT("int", "<count>" LIT("a") "<split delimiter=','>" LIT("b,c")
	    "</split></count>", "3");
	EXPECT("string", "<unique><split delimiter=','>" LIT("b,a,b,a")
	    "</split></unique>", "b|a");
	EXPECT("string", "<concat><split delimiter=','>" LIT("abc,def") "</split>"
	    LIT("xyz") "</concat>", "abcxyz|defxyz");
	EXPECT("string", "<begin character='/'>" LIT("etc") "</begin>", "/etc");
	EXPECT("string", "<end character='/'>" LIT("etc/") "</end>", "etc/");
}
END_TEST

static Suite *
oval_var_suite(void)
{
	Suite *s = suite_create("oval_var");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_arithmetic);
	tcase_add_test(tc, test_cross_product_caps);
	tcase_add_test(tc, test_time_formats);
	tcase_add_test(tc, test_time_difference);
	tcase_add_test(tc, test_glob_to_regex);
	tcase_add_test(tc, test_string_functions);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(oval_var_suite)
