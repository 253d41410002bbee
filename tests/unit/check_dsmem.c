/*
 * check_dsmem.c - the results writers lend the content's trees instead of
 * copying them (xccdf/graft.h): what they write is byte for byte what the
 * copy wrote (namespaces declared from the data stream's collection, the
 * xmlReconciliateNs prefixes such as "default" and "dc1", non-ASCII
 * attribute values, stale TestResults dropped), and the content is the
 * same afterwards.
 */
#include <stdlib.h>
#include <string.h>

#include "fixture_results.h"
#include "testutil.h"
#include "xccdf/arf.h"
#include "xccdf/graft.h"
#include "xccdf/results_xml.h"

#define X12 "http://checklists.nist.gov/xccdf/1.2"
#define OV "http://oval.mitre.org/XMLSchema/oval-definitions-5"

/* namespaces on the collection used deep inside the Benchmark; a default
 * namespace and a dc prefix that collide with the Benchmark's own */
static const char ds_xml[] =
"<?xml version='1.0' encoding='UTF-8'?>\n"
"<!-- a comment beside the collection -->\n"
"<ds:data-stream-collection xmlns:ds='http://scap.nist.gov/schema/scap/source/1.2'"
" xmlns:xlink='http://www.w3.org/1999/xlink'"
" xmlns:xccdf-1.2='" X12 "' xmlns:xhtml='http://www.w3.org/1999/xhtml'"
" xmlns:dc='http://purl.org/dc/elements/1.1/' xmlns:o='" OV "'"
" id='scap_t_collection_c' schematron-version='1.3'>\n"
"<ds:data-stream id='scap_t_datastream_d' scap-version='1.3' use-case='OTHER'>"
" <ds:checklists><ds:component-ref id='scap_t_cref_x' xlink:href='#scap_t_comp_x'/></ds:checklists>"
" <ds:checks><ds:component-ref id='scap_t_cref_o' xlink:href='#scap_t_comp_o'/></ds:checks>"
"</ds:data-stream>\n"
"<ds:component id='scap_t_comp_x' timestamp='2026-01-01T00:00:00'>\n"
"<xccdf-1.2:Benchmark id='xccdf_t_benchmark_b' xmlns:dc='urn:other-dc'>\n"
"  <xccdf-1.2:status>draft</xccdf-1.2:status>\n"
"  <xccdf-1.2:title>Caf\xc3\xa9</xccdf-1.2:title>\n"
"  <xccdf-1.2:description><xhtml:p>outer <xhtml:b>xhtml</xhtml:b></xhtml:p>"
"<p xmlns='http://www.w3.org/1999/xhtml'>default</p></xccdf-1.2:description>\n"
"  <xccdf-1.2:metadata><dc:creator>other</dc:creator>"
"<dc:x xmlns:dc='urn:third'/><q xmlns='urn:fourth'/></xccdf-1.2:metadata>\n"
"  <xccdf-1.2:version>1</xccdf-1.2:version>\n"
"  <xccdf-1.2:Rule id='xccdf_t_rule_r' selected='true' severity='low'>\n"
"    <xccdf-1.2:title xml:lang='en'>R \xc3\xa9</xccdf-1.2:title>\n"
"    <xccdf-1.2:reference href='http://x/\xc3\xa9'>r</xccdf-1.2:reference>\n"
"    <xccdf-1.2:check system='" OV "'>"
"<xccdf-1.2:check-content-ref href='#scap_t_comp_o' name='oval:t:def:1'/></xccdf-1.2:check>\n"
"  </xccdf-1.2:Rule>\n"
"  <xccdf-1.2:TestResult id='xccdf_t_testresult_stale' end-time='2026-01-01T00:00:00'>"
"<xccdf-1.2:benchmark href='x'/><xccdf-1.2:target>old</xccdf-1.2:target></xccdf-1.2:TestResult>\n"
"</xccdf-1.2:Benchmark>\n"
"</ds:component>\n"
"<ds:component id='scap_t_comp_o' timestamp='2026-01-01T00:00:00'>"
"<o:oval_definitions><o:generator><o:schema_version>5.11</o:schema_version>"
"<o:timestamp>2026-01-01T00:00:00</o:timestamp></o:generator></o:oval_definitions>"
"</ds:component>\n"
"</ds:data-stream-collection>\n"
"<!-- and one after -->\n";

static char *dir;

static void
setup(void)
{
	dir = tu_mkdtemp();
}

static void
teardown(void)
{
	tu_rmrf(dir);
	free(dir);
}

static char *
dump(xmlDocPtr doc)
{
	xmlChar *mem = NULL;
	int len = 0;
	char *s;

	xmlDocDumpMemory(doc, &mem, &len);
	ck_assert_ptr_nonnull(mem);
	s = strdup((const char *)mem);
	xmlFree(mem);
	return s;
}

static void
same_files(const char *a, const char *b)
{
	char *x = tu_read(a, NULL), *y = tu_read(b, NULL);

	size_t i = 0;

	ck_assert_ptr_nonnull(x);
	ck_assert_ptr_nonnull(y);
	while (x[i] && x[i] == y[i])
		i++;
	/* the first difference, with a little context */
	ck_assert_msg(x[i] == y[i], "%s and %s differ at %zu: '%.80s' / '%.80s'",
	    a, b, i, x + (i > 40 ? i - 40 : 0), y + (i > 40 ? i - 40 : 0));
	free(x);
	free(y);
}

/* the copy way and the lending way, on one content */
static void
compare(struct sc_content *c, int with_check_doc)
{
	struct sc_testresult *tr = tu_testresult(c, NULL);
	struct sc_err err = SC_ERR_INIT;
	char *before, *after;
	char *p[4];
	xmlDocPtr doc;

	for (int i = 0; i < 4; i++)
		p[i] = tu_path(dir, (const char *[]){ "copy.xml", "lent.xml",
		    "copy-arf.xml", "lent-arf.xml" }[i]);
	if (with_check_doc)
		sc_testresult_add_check_doc(tr, SC_OVAL_DEFS_NS,
		    tu_parse(tu_oval_results_xml));

	/* the copies first: a copy puts back what a pruned load left out
	 * (xccdf/prune.h), for good */
	ck_assert_int_eq(sc_results_build(c, tr, &doc, &err), 0);
	ck_assert_msg(sc_results_save(doc, p[0], &err) == 0, "%s", err.msg);
	xmlFreeDoc(doc);
	ck_assert_int_eq(sc_arf_build(c, tr, &doc, &err), 0);
	ck_assert_msg(sc_results_save(doc, p[2], &err) == 0, "%s", err.msg);
	xmlFreeDoc(doc);

	before = dump(sc_content_doc(c));
	ck_assert_msg(sc_results_write(c, tr, p[1], &err) == 0, "%s", err.msg);
	same_files(p[0], p[1]);
	ck_assert_msg(sc_arf_write(c, tr, p[3], &err) == 0, "%s", err.msg);
	same_files(p[2], p[3]);

	/* the lent trees are back as they were */
	after = dump(sc_content_doc(c));
	ck_assert_msg(strcmp(before, after) == 0, "the content changed");
	free(before);
	free(after);
	for (int i = 0; i < 4; i++)
		free(p[i]);
	sc_testresult_free(tr);
}

START_TEST(test_datastream_same_bytes)
{
	struct sc_content *c = NULL;
	struct sc_err err = SC_ERR_INIT;
	char *s, *path = tu_path(dir, "lent.xml");

	ck_assert_msg(sc_content_load_memory(&c, ds_xml, sizeof(ds_xml) - 1,
	    "t-ds.xml", NULL, &err) == 0, "%s", err.msg);
	compare(c, 1);
	/* what the copy way gives, written out: the cases are exercised */
	s = tu_read(path, NULL);
	ck_assert_ptr_nonnull(strstr(s, "<xccdf-1.2:Benchmark xmlns:dc=\"urn:other-dc\" "
	    "xmlns:xccdf-1.2=\"" X12 "\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
	ck_assert_ptr_nonnull(strstr(s, "<xhtml:p xmlns=\"http://www.w3.org/1999/xhtml\">"));
	ck_assert_ptr_nonnull(strstr(s, "xmlns:dc1=\"urn:third\""));
	ck_assert_ptr_nonnull(strstr(s, "<dc1:x xmlns:dc=\"urn:third\"/>"));
	ck_assert_ptr_nonnull(strstr(s, "xmlns:default=\"urn:fourth\""));
	ck_assert_ptr_nonnull(strstr(s, "http://x/\xc3\xa9"));
	ck_assert_ptr_null(strstr(s, "xccdf_t_testresult_stale"));
	ck_assert_ptr_nonnull(strstr(s, "<xccdf-1.2:TestResult"));
	free(s);
	free(path);
	sc_content_free(c);
}
END_TEST

START_TEST(test_benchmark_same_bytes)
{
	struct sc_content *c = tu_content(tu_bench_xml);

	compare(c, 1);
	sc_content_free(c);
}
END_TEST

START_TEST(test_shared_datastream_same_bytes)
{
	char *ds = tu_shared("data/scap/ssg-chainguard-gpos-ds.xml");
	struct sc_content *c = NULL;
	struct sc_err err = SC_ERR_INIT;

	if (sc_content_load_file(&c, ds, NULL, &err) == 0) {
		compare(c, 0);
		sc_content_free(c);
	}
	free(ds);
}
END_TEST

/* a detached node goes back where it was, first, middle and last */
START_TEST(test_graft_undo_positions)
{
	xmlDocPtr doc = tu_parse("<r><a/><b/><c/></r>");
	xmlDocPtr other = tu_parse("<s/>");
	xmlNodePtr r = xmlDocGetRootElement(doc), s = xmlDocGetRootElement(other);
	struct sc_graft g[3];
	char *before = dump(doc), *after;

	sc_graft_move(&g[0], r->children, NULL, NULL, 0);		/* a */
	sc_graft_move(&g[1], r->last, s, NULL, 0);			/* c */
	sc_graft_move(&g[2], r->children, s, s->children, 0);	/* b */
	ck_assert_ptr_null(r->children);
	ck_assert_str_eq((const char *)s->children->name, "b");
	ck_assert_str_eq((const char *)s->last->name, "c");
	for (int i = 3; i-- > 0;)
		sc_graft_undo(&g[i]);
	ck_assert_ptr_null(s->children);
	after = dump(doc);
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
	xmlFreeDoc(doc);
	xmlFreeDoc(other);
}
END_TEST

static Suite *
dsmem_suite(void)
{
	Suite *s = suite_create("dsmem");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_datastream_same_bytes);
	tcase_add_test(tc, test_benchmark_same_bytes);
	tcase_add_test(tc, test_shared_datastream_same_bytes);
	tcase_add_test(tc, test_graft_undo_positions);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(dsmem_suite)
