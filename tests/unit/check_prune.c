/*
 * check_prune.c - content loaded without what a scan does not read
 * (xccdf/prune.h): the outputs are byte for byte those of the whole tree
 * (a prefix used only in left-out runs, one renamed by the results
 * writer's reconciliation, one declared inside a run, runs that merge,
 * content that is not pretty-printed and stays whole), readers get what
 * they read, and a content file that changes while in use fails the write
 * with one error and no output.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "checks/oval/oval_model.h"
#include "fixture_results.h"
#include "testutil.h"
#include "xccdf/arf.h"
#include "xccdf/content.h"
#include "xccdf/prune.h"
#include "xccdf/results_xml.h"
#include "util/mem.h"

#define X12 "http://checklists.nist.gov/xccdf/1.2"
#define OV "http://oval.mitre.org/XMLSchema/oval-definitions-5"

static const char ds_xml[] =
"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
"<ds:data-stream-collection xmlns:ds=\"http://scap.nist.gov/schema/scap/source/1.2\""
" xmlns:xlink=\"http://www.w3.org/1999/xlink\""
" xmlns:xccdf-1.2=\"" X12 "\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
" xmlns:ocil=\"http://scap.nist.gov/schema/ocil/2.0\""
" id=\"scap_t_collection_c\" schematron-version=\"1.3\">\n"
"  <ds:data-stream id=\"scap_t_datastream_d\" scap-version=\"1.3\" use-case=\"OTHER\">\n"
"    <ds:checklists><ds:component-ref id=\"scap_t_cref_x\" xlink:href=\"#scap_t_comp_x\"/></ds:checklists>\n"
"    <ds:checks><ds:component-ref id=\"scap_t_cref_o\" xlink:href=\"#scap_t_comp_o\"/>"
"<ds:component-ref id=\"scap_t_cref_q\" xlink:href=\"#scap_t_comp_q\"/></ds:checks>\n"
"  </ds:data-stream>\n"
"  <ds:component id=\"scap_t_comp_x\" timestamp=\"2026-01-01T00:00:00\">\n"
"    <xccdf-1.2:Benchmark id=\"xccdf_t_benchmark_b\" xmlns:dc=\"urn:other-dc\">\n"
"      <xccdf-1.2:status>draft</xccdf-1.2:status>\n"
"      <xccdf-1.2:title>Caf\xc3\xa9</xccdf-1.2:title>\n"
"      <xccdf-1.2:version>1</xccdf-1.2:version>\n"
"      <xccdf-1.2:Group id=\"xccdf_t_group_g\">\n"
"        <xccdf-1.2:title>G</xccdf-1.2:title>\n"
"        <xccdf-1.2:reference xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
"<dc:publisher>P</dc:publisher></xccdf-1.2:reference>\n"
"        <xccdf-1.2:Rule id=\"xccdf_t_rule_r\" selected=\"true\" severity=\"low\">\n"
"          <xccdf-1.2:title xml:lang=\"en\">R \xc3\xa9</xccdf-1.2:title>\n"
"          <xccdf-1.2:reference href=\"http://x/\xc3\xa9\">r1 &amp; &#x41;</xccdf-1.2:reference>\n"
"          <!-- between -->\n"
"          <xccdf-1.2:reference href=\"http://y\">r2</xccdf-1.2:reference>\n"
"          <xccdf-1.2:reference href=\"http://z\"><q:x xmlns:q=\"urn:inner\" q:a=\"1\">r3</q:x></xccdf-1.2:reference>\n"
"          <xccdf-1.2:ident system=\"http://cce\">CCE-1</xccdf-1.2:ident>\n"
"          <xccdf-1.2:fix system=\"urn:xccdf:fix:script:sh\">echo <xccdf-1.2:sub idref=\"v\"/> &gt; /x\n"
"<![CDATA[ raw <stuff> ]]></xccdf-1.2:fix><xccdf-1.2:fix system=\"urn:x\"><dc:creator>c</dc:creator></xccdf-1.2:fix>\n"
"          <xccdf-1.2:check system=\"" OV "\">"
"<xccdf-1.2:check-content-ref href=\"#scap_t_comp_o\" name=\"oval:t:def:1\"/></xccdf-1.2:check>\n"
"        </xccdf-1.2:Rule>\n"
"        <xccdf-1.2:Rule id=\"xccdf_t_rule_flat\" selected=\"true\"><xccdf-1.2:title>F</xccdf-1.2:title>"
"<xccdf-1.2:reference href=\"http://flat\">flat</xccdf-1.2:reference></xccdf-1.2:Rule>\n"
"      </xccdf-1.2:Group>\n"
"    </xccdf-1.2:Benchmark>\n"
"  </ds:component>\n"
"  <ds:component id=\"scap_t_comp_o\" timestamp=\"2026-01-01T00:00:00\">\n"
"    <oval_definitions xmlns=\"" OV "\" xmlns:ind=\"" OV "#independent\">\n"
"      <generator><schema_version>5.11</schema_version><timestamp>2026-01-01T00:00:00</timestamp></generator>\n"
"      <definitions>\n"
"        <definition id=\"oval:t:def:1\" version=\"1\" class=\"compliance\">\n"
"          <metadata><title>one</title><description>d</description></metadata>\n"
"          <criteria><criterion test_ref=\"oval:t:tst:1\"/></criteria>\n"
"        </definition>\n"
"        <definition id=\"oval:t:def:2\" version=\"1\" class=\"compliance\">\n"
"          <metadata><title>two</title></metadata>\n"
"        </definition>\n"
"      </definitions>\n"
"      <tests>\n"
"        <ind:family_test id=\"oval:t:tst:1\" version=\"1\" check=\"all\" comment=\"c\">\n"
"          <ind:object object_ref=\"oval:t:obj:1\"/>\n"
"        </ind:family_test>\n"
"      </tests>\n"
"      <objects>\n"
"        <ind:family_object id=\"oval:t:obj:1\" version=\"1\"/>\n"
"      </objects>\n"
"    </oval_definitions>\n"
"  </ds:component>\n"
"  <ds:component id=\"scap_t_comp_q\" timestamp=\"2026-01-01T00:00:00\">\n"
"    <ocil:ocil>\n"
"      <ocil:generator><ocil:timestamp>2026-01-01T00:00:00</ocil:timestamp></ocil:generator>\n"
"      <ocil:questionnaires><ocil:questionnaire id=\"ocil:t:questionnaire:1\"/></ocil:questionnaires>\n"
"    </ocil:ocil>\n"
"  </ds:component>\n"
"</ds:data-stream-collection>\n";

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

static struct sc_content *
load(const char *path, int whole)
{
	struct sc_content_opts o = { NULL, NULL, whole };
	struct sc_content *c = NULL;
	struct sc_err err = SC_ERR_INIT;

	ck_assert_msg(sc_content_load_file(&c, path, &o, &err) == 0, "%s",
	    err.msg);
	return c;
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
	ck_assert_msg(x[i] == y[i], "%s and %s differ at %zu: '%.80s' / '%.80s'",
	    a, b, i, x + (i > 40 ? i - 40 : 0), y + (i > 40 ? i - 40 : 0));
	free(x);
	free(y);
}

/* The four ways of writing results, into dir/NAME-{0..3}.xml. */
static void
write_all(struct sc_content *c, const char *name)
{
	struct sc_testresult *tr = tu_testresult(c, NULL);
	struct sc_err err = SC_ERR_INIT;
	char rel[64], *p;
	xmlDocPtr doc;

	sc_testresult_add_check_doc(tr, SC_OVAL_DEFS_NS,
	    tu_parse(tu_oval_results_xml));
	for (int i = 0; i < 4; i++) {
		snprintf(rel, sizeof(rel), "%s-%d.xml", name, i);
		p = tu_path(dir, rel);
		switch (i) {
		case 0:
			ck_assert_msg(sc_results_write(c, tr, p, &err) == 0,
			    "%s", err.msg);
			break;
		case 1:
			ck_assert_msg(sc_arf_write(c, tr, p, &err) == 0, "%s",
			    err.msg);
			break;
		case 2:
			ck_assert_msg(sc_results_build(c, tr, &doc, &err) == 0,
			    "%s", err.msg);
			ck_assert_msg(sc_results_save(doc, p, &err) == 0, "%s",
			    err.msg);
			xmlFreeDoc(doc);
			break;
		default:
			ck_assert_msg(sc_arf_build(c, tr, &doc, &err) == 0, "%s",
			    err.msg);
			ck_assert_msg(sc_results_save(doc, p, &err) == 0, "%s",
			    err.msg);
			xmlFreeDoc(doc);
			break;
		}
		free(p);
	}
	sc_testresult_free(tr);
}

static const struct sc_item *
rule(struct sc_content *c, const char *id)
{
	const struct sc_benchmark *b = sc_content_benchmark(c);

	for (size_t i = 0; i < b->n_items; i++)
		if (strcmp(b->items[i]->id, id) == 0)
			return b->items[i];
	ck_abort_msg("no rule %s", id);
	return NULL;
}

static int
placeholders(xmlNodePtr n)
{
	int k = 0;

	for (xmlNodePtr ch = n ? n->children : NULL; ch; ch = ch->next)
		k += sc_prune_is(ch) ? 1 : placeholders(ch);
	return k;
}

START_TEST(test_same_bytes_as_whole)
{
	char *path = tu_path(dir, "ds.xml");
	struct sc_content *pr, *wh;
	const struct sc_item *a, *b;
	char *s;

	tu_write(dir, "ds.xml", ds_xml, 0644);
	pr = load(path, 0);
	wh = load(path, 1);
	/* left out: the references of r (two runs: a comment parts them),
	 * its fixes (one run), the group's reference, the OCIL, and the
	 * children of the OVAL constructs that have any; the flat rule's
	 * reference stays */
	ck_assert_int_eq(placeholders(rule(pr, "xccdf_t_rule_r")->node), 3);
	ck_assert_int_eq(placeholders(xmlDocGetRootElement(
	    sc_content_doc(pr))), 3 + 1 + 1 + 3);
	ck_assert_int_eq(placeholders(xmlDocGetRootElement(
	    sc_content_doc(wh))), 0);
	ck_assert_int_eq(placeholders(rule(pr, "xccdf_t_rule_flat")->node), 0);

	/* readers see the references all the same */
	a = rule(pr, "xccdf_t_rule_r");
	b = rule(wh, "xccdf_t_rule_r");
	ck_assert_uint_eq(a->n_refs, 3);
	ck_assert_uint_eq(b->n_refs, 3);
	for (size_t i = 0; i < 3; i++) {
		ck_assert_str_eq(a->refs[i].href ? a->refs[i].href : "",
		    b->refs[i].href ? b->refs[i].href : "");
		ck_assert_str_eq(a->refs[i].text, b->refs[i].text);
	}
	ck_assert_str_eq(a->refs[0].text, "r1 & A");

	write_all(wh, "whole");
	write_all(pr, "pruned");
	for (int i = 0; i < 4; i++) {
		char rel[32], *x, *y;

		snprintf(rel, sizeof(rel), "whole-%d.xml", i);
		x = tu_path(dir, rel);
		snprintf(rel, sizeof(rel), "pruned-%d.xml", i);
		y = tu_path(dir, rel);
		same_files(x, y);
		free(x);
		free(y);
	}
	/* the cases are exercised: dc renamed by the reconciliation, the
	 * run's own namespace, CDATA, the placeholders gone */
	{
		char *p0 = tu_path(dir, "pruned-0.xml");

		s = tu_read(p0, NULL);
		ck_assert_ptr_nonnull(strstr(s, "publisher>P</"));
		ck_assert_ptr_nonnull(strstr(s, "xmlns:q=\"urn:inner\""));
		ck_assert_ptr_nonnull(strstr(s, "<![CDATA[ raw <stuff> ]]>"));
		ck_assert_ptr_nonnull(strstr(s, "<q:x"));
		ck_assert_ptr_null(strstr(s, "SCPRUNE"));
		free(s);
		free(p0);
	}
	sc_content_free(pr);
	sc_content_free(wh);
	free(path);
}
END_TEST

/* OVAL constructs are left out whole and put back one by one, by id */
static int
count_ids(xmlNodePtr sec)
{
	int k = 0;

	for (xmlNodePtr ch = sec->children; ch; ch = ch->next)
		if (ch->type == XML_ELEMENT_NODE)
			k++;
	return k;
}

static void
collect(void *arg, const char *id)
{
	sc_strv_push(arg, id);
}

START_TEST(test_oval_constructs)
{
	char *path = tu_path(dir, "ds.xml");
	struct sc_content *c, *wh;
	struct sc_err err = SC_ERR_INIT;
	struct sc_strv ids = SC_STRV_INIT;
	xmlNodePtr root = NULL, sec, el, ph = NULL;
	const char *comp;
	xmlBufferPtr b1 = xmlBufferCreate(), b2 = xmlBufferCreate();

	tu_write(dir, "ds.xml", ds_xml, 0644);
	c = load(path, 0);
	ck_assert_int_eq(sc_content_resolve_href(c, "#scap_t_comp_o", &root,
	    &comp, &err), 0);
	for (sec = root->children; sec && !(sec->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)sec->name, "definitions") == 0); sec = sec->next)
		;
	ck_assert_ptr_nonnull(sec);
	ck_assert_int_eq(count_ids(sec), 0);
	for (xmlNodePtr ch = sec->children; ch; ch = ch->next)
		if (sc_prune_is(ch))
			ph = ch;
	ck_assert_ptr_nonnull(ph);
	sc_prune_ids(ph, collect, &ids);
	ck_assert_uint_eq(ids.n, 2);
	ck_assert_str_eq(ids.v[0], "oval:t:def:1");
	ck_assert_str_eq(ids.v[1], "oval:t:def:2");

	/* the second first: the first stays out, then comes back */
	ck_assert_int_eq(sc_prune_take(sec, "oval:t:def:2", &el, &err), 0);
	ck_assert_str_eq((const char *)el->name, "definition");
	ck_assert_int_eq(count_ids(sec), 1);
	ck_assert_int_eq(placeholders(sec), 1);
	ck_assert_int_lt(sc_prune_take(sec, "oval:t:def:2", &el, &err), 0);
	ck_assert_int_lt(sc_prune_take(sec, "oval:t:tst:1", &el, &err), 0);
	ck_assert_int_eq(sc_prune_take(sec, "oval:t:def:1", &el, &err), 0);
	ck_assert_int_eq(count_ids(sec), 2);
	ck_assert_int_eq(placeholders(sec), 0);

	/* the section is now what the whole tree holds */
	wh = load(path, 1);
	{
		xmlNodePtr r2 = NULL, s2;

		ck_assert_int_eq(sc_content_resolve_href(wh, "#scap_t_comp_o",
		    &r2, &comp, &err), 0);
		for (s2 = r2->children; s2 && !(s2->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)s2->name, "definitions") == 0);
		    s2 = s2->next)
			;
		xmlNodeDump(b1, sc_content_doc(c), sec, 0, 0);
		xmlNodeDump(b2, sc_content_doc(wh), s2, 0, 0);
		ck_assert_str_eq((const char *)xmlBufferContent(b1),
		    (const char *)xmlBufferContent(b2));
	}
	xmlBufferFree(b1);
	xmlBufferFree(b2);
	sc_strv_free(&ids);
	sc_content_free(wh);
	sc_content_free(c);
	free(path);
}
END_TEST

/* the file changes after the load: one error, nothing written */
START_TEST(test_changed_file)
{
	char *path = tu_path(dir, "ds.xml"), *out = tu_path(dir, "r.xml");
	struct sc_content *c;
	struct sc_testresult *tr;
	struct sc_err err = SC_ERR_INIT;

	tu_write(dir, "ds.xml", ds_xml, 0644);
	c = load(path, 0);
	tr = tu_testresult(c, NULL);
	/* the same bytes and one more line, in place */
	{
		char *more = sc_xasprintf("%s<!-- edited -->\n", ds_xml);

		tu_write(dir, "ds.xml", more, 0644);
		free(more);
	}
	ck_assert_int_lt(sc_results_write(c, tr, out, &err), 0);
	ck_assert_msg(strstr(err.msg, "changed while it was in use") != NULL,
	    "%s", err.msg);
	ck_assert_int_ne(access(out, F_OK), 0);
	sc_testresult_free(tr);
	sc_content_free(c);
	free(path);
	free(out);
}
END_TEST

static Suite *
prune_suite(void)
{
	Suite *s = suite_create("prune");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_same_bytes_as_whole);
	tcase_add_test(tc, test_oval_constructs);
	tcase_add_test(tc, test_changed_file);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(prune_suite)
