/*
 * check_cpe.c - CPE applicability (agent/cpe.h) on a small data stream:
 * a CPE dictionary whose names point at OVAL inventory definitions of a
 * CPE OVAL component, and cpe-lang platforms combining fact-refs,
 * check-fact-refs and nested logical tests (AND, OR, negate) with
 * three-valued logic (an unsupported OVAL test is an error that only
 * decides when nothing else does).
 */
#include <string.h>

#include "cpe.h"
#include "target/target.h"
#include "testutil.h"
#include "xccdf/content.h"

#define OV "http://oval.mitre.org/XMLSchema/oval-definitions-5"

static const char ds_xml[] =
"<ds:data-stream-collection xmlns:ds='http://scap.nist.gov/schema/scap/source/1.2'"
" xmlns:xlink='http://www.w3.org/1999/xlink'"
" xmlns:cat='urn:oasis:names:tc:entity:xmlns:xml:catalog'"
" xmlns:cpe-dict='http://cpe.mitre.org/dictionary/2.0'"
" xmlns:cpe-lang='http://cpe.mitre.org/language/2.0'"
" xmlns:x='http://checklists.nist.gov/xccdf/1.2'"
" xmlns:o='" OV "' xmlns:ind='" OV "#independent' xmlns:lin='" OV "#linux'"
" id='scap_t_collection_c' schematron-version='1.3'>"
"<ds:data-stream id='scap_t_datastream_d' scap-version='1.3' use-case='OTHER'>"
" <ds:dictionaries><ds:component-ref id='scap_t_cref_dict' xlink:href='#scap_t_comp_dict'>"
"  <cat:catalog><cat:uri name='cpe-oval.xml' uri='#scap_t_cref_cpeoval'/></cat:catalog>"
" </ds:component-ref></ds:dictionaries>"
" <ds:checklists><ds:component-ref id='scap_t_cref_x' xlink:href='#scap_t_comp_x'/></ds:checklists>"
" <ds:checks><ds:component-ref id='scap_t_cref_cpeoval' xlink:href='#scap_t_comp_cpeoval'/></ds:checks>"
"</ds:data-stream>"
"<ds:component id='scap_t_comp_dict' timestamp='2026-01-01T00:00:00'><cpe-dict:cpe-list>"
" <cpe-dict:cpe-item name='cpe:/a:marker'><cpe-dict:title>Marker file</cpe-dict:title>"
"  <cpe-dict:check system='" OV "' href='cpe-oval.xml'>oval:t:def:1</cpe-dict:check></cpe-dict:cpe-item>"
" <cpe-dict:cpe-item name='cpe:/a:absent'><cpe-dict:title>Absent file</cpe-dict:title>"
"  <cpe-dict:check system='" OV "' href='cpe-oval.xml'>oval:t:def:2</cpe-dict:check></cpe-dict:cpe-item>"
" <cpe-dict:cpe-item name='cpe:/a:weird'><cpe-dict:title>Unsupported test</cpe-dict:title>"
"  <cpe-dict:check system='" OV "' href='cpe-oval.xml'>oval:t:def:3</cpe-dict:check></cpe-dict:cpe-item>"
" <cpe-dict:cpe-item name='cpe:/a:dpkg_pkg'><cpe-dict:title>Package pkg</cpe-dict:title>"
"  <cpe-dict:check system='" OV "' href='cpe-oval.xml'>oval:t:def:4</cpe-dict:check></cpe-dict:cpe-item>"
" <cpe-dict:cpe-item name='cpe:/a:mixed'><cpe-dict:title>OR with an unsupported test</cpe-dict:title>"
"  <cpe-dict:check system='" OV "' href='cpe-oval.xml'>oval:t:def:5</cpe-dict:check></cpe-dict:cpe-item>"
" <cpe-dict:cpe-item name='cpe:/a:dpkg_gone'><cpe-dict:title>Package gone</cpe-dict:title>"
"  <cpe-dict:check system='" OV "' href='cpe-oval.xml'>oval:t:def:6</cpe-dict:check></cpe-dict:cpe-item>"
"</cpe-dict:cpe-list></ds:component>"
"<ds:component id='scap_t_comp_x' timestamp='2026-01-01T00:00:00'>"
"<x:Benchmark id='xccdf_t_benchmark_b'><x:status>draft</x:status><x:version>1</x:version>"
"<cpe-lang:platform-specification>"
" <cpe-lang:platform id='p_marker'><cpe-lang:logical-test operator='AND' negate='false'>"
"  <cpe-lang:fact-ref name='cpe:/a:marker'/></cpe-lang:logical-test></cpe-lang:platform>"
" <cpe-lang:platform id='p_not_marker'><cpe-lang:logical-test operator='AND' negate='true'>"
"  <cpe-lang:fact-ref name='cpe:/a:marker'/></cpe-lang:logical-test></cpe-lang:platform>"
" <cpe-lang:platform id='p_or'><cpe-lang:logical-test operator='OR' negate='false'>"
"  <cpe-lang:fact-ref name='cpe:/a:absent'/><cpe-lang:logical-test operator='AND' negate='false'>"
"   <cpe-lang:check-fact-ref system='" OV "' href='cpe-oval.xml' id-ref='oval:t:def:1'/>"
"  </cpe-lang:logical-test></cpe-lang:logical-test></cpe-lang:platform>"
" <cpe-lang:platform id='p_and_err_false'><cpe-lang:logical-test operator='AND' negate='false'>"
"  <cpe-lang:fact-ref name='cpe:/a:weird'/><cpe-lang:fact-ref name='cpe:/a:absent'/>"
" </cpe-lang:logical-test></cpe-lang:platform>"
" <cpe-lang:platform id='p_or_err_true'><cpe-lang:logical-test operator='OR' negate='false'>"
"  <cpe-lang:fact-ref name='cpe:/a:weird'/><cpe-lang:fact-ref name='cpe:/a:marker'/>"
" </cpe-lang:logical-test></cpe-lang:platform>"
" <cpe-lang:platform id='p_and_err_true'><cpe-lang:logical-test operator='AND' negate='false'>"
"  <cpe-lang:fact-ref name='cpe:/a:weird'/><cpe-lang:fact-ref name='cpe:/a:marker'/>"
" </cpe-lang:logical-test></cpe-lang:platform>"
" <cpe-lang:platform id='p_pkg'><cpe-lang:logical-test operator='AND' negate='false'>"
"  <cpe-lang:fact-ref name='cpe:/a:dpkg_pkg'/></cpe-lang:logical-test></cpe-lang:platform>"
" <cpe-lang:platform id='p_def7'><cpe-lang:logical-test operator='AND' negate='false'>"
"  <cpe-lang:check-fact-ref system='" OV "' href='cpe-oval.xml' id-ref='oval:t:def:7'/>"
" </cpe-lang:logical-test></cpe-lang:platform>"
"</cpe-lang:platform-specification>"
"<x:Rule id='xccdf_t_rule_r' selected='true'><x:title>r</x:title></x:Rule>"
"</x:Benchmark></ds:component>"
"<ds:component id='scap_t_comp_cpeoval' timestamp='2026-01-01T00:00:00'>"
"<o:oval_definitions><o:generator><o:schema_version>5.11</o:schema_version></o:generator>"
"<o:definitions>"
" <o:definition class='inventory' id='oval:t:def:1' version='1'><o:metadata><o:title>m</o:title></o:metadata>"
"  <o:criteria><o:criterion test_ref='oval:t:tst:1'/></o:criteria></o:definition>"
" <o:definition class='inventory' id='oval:t:def:2' version='1'><o:metadata><o:title>a</o:title></o:metadata>"
"  <o:criteria><o:criterion test_ref='oval:t:tst:2'/></o:criteria></o:definition>"
" <o:definition class='inventory' id='oval:t:def:3' version='1'><o:metadata><o:title>w</o:title></o:metadata>"
"  <o:criteria><o:criterion test_ref='oval:t:tst:3'/></o:criteria></o:definition>"
" <o:definition class='inventory' id='oval:t:def:4' version='1'><o:metadata><o:title>p</o:title></o:metadata>"
"  <o:criteria><o:criterion test_ref='oval:t:tst:4'/></o:criteria></o:definition>"
" <o:definition class='inventory' id='oval:t:def:5' version='1'><o:metadata><o:title>x</o:title></o:metadata>"
"  <o:criteria operator='OR'><o:criterion test_ref='oval:t:tst:3'/><o:criterion test_ref='oval:t:tst:1'/>"
"  </o:criteria></o:definition>"
" <o:definition class='inventory' id='oval:t:def:6' version='1'><o:metadata><o:title>g</o:title></o:metadata>"
"  <o:criteria><o:criterion test_ref='oval:t:tst:6'/></o:criteria></o:definition>"
" <o:definition class='inventory' id='oval:t:def:7' version='1'><o:metadata><o:title>y</o:title></o:metadata>"
"  <o:criteria operator='AND'><o:criterion test_ref='oval:t:tst:3'/><o:criterion test_ref='oval:t:tst:2'/>"
"  </o:criteria></o:definition>"
"</o:definitions><o:tests>"
" <ind:textfilecontent54_test id='oval:t:tst:1' version='1' check='all' check_existence='at_least_one_exists'>"
"  <ind:object object_ref='oval:t:obj:1'/></ind:textfilecontent54_test>"
" <ind:textfilecontent54_test id='oval:t:tst:2' version='1' check='all' check_existence='at_least_one_exists'>"
"  <ind:object object_ref='oval:t:obj:2'/></ind:textfilecontent54_test>"
" <ind:ldap57_test id='oval:t:tst:3' version='1' check='all'>"
"  <ind:object object_ref='oval:t:obj:3'/></ind:ldap57_test>"
" <lin:dpkginfo_test id='oval:t:tst:4' version='1' check='all' check_existence='at_least_one_exists'>"
"  <lin:object object_ref='oval:t:obj:4'/></lin:dpkginfo_test>"
" <lin:dpkginfo_test id='oval:t:tst:6' version='1' check='all' check_existence='at_least_one_exists'>"
"  <lin:object object_ref='oval:t:obj:6'/></lin:dpkginfo_test>"
"</o:tests><o:objects>"
" <ind:textfilecontent54_object id='oval:t:obj:1' version='1'><ind:filepath>/etc/marker</ind:filepath>"
"  <ind:pattern operation='pattern match'>^yes$</ind:pattern><ind:instance datatype='int'>1</ind:instance>"
" </ind:textfilecontent54_object>"
" <ind:textfilecontent54_object id='oval:t:obj:2' version='1'><ind:filepath>/etc/absent</ind:filepath>"
"  <ind:pattern operation='pattern match'>.</ind:pattern><ind:instance datatype='int'>1</ind:instance>"
" </ind:textfilecontent54_object>"
" <ind:ldap57_object id='oval:t:obj:3' version='1'><ind:suffix>o=x</ind:suffix>"
"  <ind:relative_dn>cn=a</ind:relative_dn><ind:attribute>a</ind:attribute></ind:ldap57_object>"
" <lin:dpkginfo_object id='oval:t:obj:4' version='1'><lin:name>pkg</lin:name></lin:dpkginfo_object>"
" <lin:dpkginfo_object id='oval:t:obj:6' version='1'><lin:name>gone</lin:name></lin:dpkginfo_object>"
"</o:objects></o:oval_definitions></ds:component>"
"</ds:data-stream-collection>";

static char *root;
static struct sc_target *target;
static struct sc_content *content;
static struct sc_cpe *cpe;

static void
setup(void)
{
	struct sc_err err = SC_ERR_INIT;

	root = tu_mkdtemp();
	tu_write(root, "etc/marker", "yes\n", 0644);
	tu_write(root, "var/lib/dpkg/status", "Package: pkg\n"
	    "Status: install ok installed\nVersion: 1:2.3-4\n\n"
	    "Package: gone\nStatus: deinstall ok config-files\n"
	    "Version: 1.0\n\n", 0644);
	ck_assert_int_eq(sc_target_open_rootfs(&target, root, &err), 0);
	ck_assert_msg(sc_content_load_memory(&content, ds_xml, sizeof(ds_xml) - 1,
	    "t-ds.xml", NULL, &err) == 0, "%s", err.msg);
	cpe = sc_cpe_new(content, target);
}

static void
teardown(void)
{
	sc_cpe_free(cpe);
	sc_content_free(content);
	sc_target_free(target);
	tu_rmrf(root);
	free(root);
}

static int
applies(const char *idref, const char *want_in_why)
{
	struct sc_buf why = SC_BUF_INIT;
	int r;

	sc_buf_reset(&why);
	r = sc_cpe_applies(cpe, idref, &why);
	ck_assert_msg(strstr(why.data, want_in_why) != NULL,
	    "%s: '%s' lacks '%s'", idref, why.data, want_in_why);
	sc_buf_free(&why);
	return r;
}

START_TEST(test_names)
{
	ck_assert_int_eq(applies("cpe:/a:marker",
	    "cpe:/a:marker (Marker file): OVAL definition oval:t:def:1 is true"), 1);
	ck_assert_int_eq(applies("cpe:/a:absent", "oval:t:def:2 is false"), 0);
	ck_assert_int_eq(applies("cpe:/a:weird", "<ind:ldap57_test> is "
	    "not supported"), -1);
	ck_assert_int_eq(applies("cpe:/a:nope", "not in the CPE dictionary"), -1);
	ck_assert_int_eq(applies("cpe:/o:notapplicable", "is one no container has"), 0);
	/* cached: the same answer and reason a second time */
	ck_assert_int_eq(applies("cpe:/a:marker", "is true"), 1);
}
END_TEST

/* OVAL 5.11: an unsupported test is an error inside the operators */
START_TEST(test_unsupported_in_criteria)
{
	/* OR with a true branch is true; AND with a false branch is false */
	ck_assert_int_eq(applies("cpe:/a:mixed", "oval:t:def:5 is true"), 1);
	ck_assert_int_eq(applies("#p_def7", "oval:t:def:7 is false"), 0);
}
END_TEST

START_TEST(test_platforms)
{
	ck_assert_int_eq(applies("#p_marker", "platform #p_marker: "), 1);
	ck_assert_int_eq(applies("#p_not_marker", "(negated)"), 0);
	ck_assert_int_eq(applies("#p_or", " OR "), 1);
	/* AND: a false member decides over an error; OR: a true one does */
	ck_assert_int_eq(applies("#p_and_err_false", "is false"), 0);
	ck_assert_int_eq(applies("#p_or_err_true", "is true"), 1);
	ck_assert_int_eq(applies("#p_and_err_true", "not supported"), -1);
	ck_assert_int_eq(applies("#p_missing", "no such cpe-lang:platform"), -1);
}
END_TEST

START_TEST(test_dpkg_platform)
{
	/* the target's dpkg status, not the host's */
	ck_assert_int_eq(applies("#p_pkg", "is true"), 1);
	ck_assert_int_eq(applies("cpe:/a:dpkg_gone", "oval:t:def:6 is false"), 0);
}
END_TEST

static Suite *
cpe_suite(void)
{
	Suite *s = suite_create("cpe");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_names);
	tcase_add_test(tc, test_platforms);
	tcase_add_test(tc, test_dpkg_platform);
	tcase_add_test(tc, test_unsupported_in_criteria);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(cpe_suite)
