/*
 * fixture_results.c - content and TestResults for the output tests
 * (fixture_results.h).
 */
#include "fixture_results.h"

#include <check.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "xccdf/score.h"

const char tu_bench_xml[] =
"<?xml version=\"1.0\"?>\n"
"<Benchmark xmlns=\"http://checklists.nist.gov/xccdf/1.2\" id=\"xccdf_org.test_benchmark_t\" resolved=\"1\" xml:lang=\"en\">\n"
" <status>draft</status><title>Test benchmark</title><version>2.1</version>\n"
" <Profile id=\"xccdf_org.test_profile_all\"><title>All rules</title></Profile>\n"
" <Group id=\"xccdf_org.test_group_g\"><title>G</title>\n"
"  <Rule id=\"xccdf_mil.disa.stig_rule_SV-203780r000001_rule\" severity=\"medium\" weight=\"10.0\">\n"
"   <title>Rule A</title>\n"
"   <description>&lt;VulnDiscussion&gt;Only   this\n   part.&lt;/VulnDiscussion&gt;&lt;FalsePositives&gt;&lt;/FalsePositives&gt;</description>\n"
"   <ident system=\"http://cyber.mil/cci\">CCI-000366</ident>\n"
"   <fixtext>Fix A.</fixtext>\n"
"  </Rule>\n"
"  <Rule id=\"xccdf_org.test_rule_b\" severity=\"medium\">\n"
"   <title>Rule B</title>\n"
"   <description>First paragraph\n   of B.\n\n   Second paragraph.</description>\n"
"   <reference href=\"https://public.cyber.mil/stigs/srg-stig-tools/\">SV-203780r991589_rule</reference>\n"
"   <reference href=\"https://doi.org/10.6028/NIST.SP.800-53r5\">CM-6 b</reference>\n"
"   <rationale>Why B.</rationale>\n"
"   <check system=\"urn:stigcheck:native\"><check-content><x:file xmlns:x=\"urn:x\" path=\"/b\"/></check-content></check>\n"
"   <check system=\"urn:stigcheck:manual\"><check-content>Look at\n   /b.</check-content></check>\n"
"  </Rule>\n"
"  <Rule id=\"xccdf_org.test_rule_c\" severity=\"high\">\n"
"   <title>Rule C</title>\n"
"   <reference href=\"https://public.cyber.mil/stigs/srg-stig-tools/\">V-203629</reference>\n"
"   <ident system=\"http://cyber.mil/cci\">CCI-004062</ident>\n"
"  </Rule>\n"
"  <Rule id=\"xccdf_org.test_rule_d\" severity=\"low\"><version>SRG-OS-000001-GPOS-00001</version><title>Rule D</title></Rule>\n"
"  <Rule id=\"xccdf_org.test_rule_e\" severity=\"low\"><version>SRG-OS-000132-GPOS-00067</version><title>Rule E</title></Rule>\n"
"  <Rule id=\"xccdf_org.test_rule_f\" severity=\"low\"><title>Rule F</title><ident system=\"http://cyber.mil/legacy\">SV-70831</ident></Rule>\n"
"  <Rule id=\"xccdf_org.test_rule_g\" severity=\"medium\"><title>Rule G</title>\n"
"   <reference href=\"https://public.cyber.mil/stigs/srg-stig-tools/\">SV-203591</reference>\n"
"   <check system=\"http://oval.mitre.org/XMLSchema/oval-definitions-5\"><check-content-ref href=\"oval.xml\" name=\"oval:org.test:def:1\"/></check>\n"
"  </Rule>\n"
" </Group>\n"
"</Benchmark>\n";

const char tu_oval_results_xml[] =
"<oval_results xmlns=\"http://oval.mitre.org/XMLSchema/oval-results-5\" xmlns:oval=\"http://oval.mitre.org/XMLSchema/oval-common-5\">"
"<generator><oval:product_name>stigcheck</oval:product_name><oval:schema_version>5.11.2</oval:schema_version><oval:timestamp>2026-01-01T00:00:00</oval:timestamp></generator>"
"<directives><definition_true reported=\"true\" content=\"full\"/><definition_false reported=\"true\" content=\"full\"/>"
"<definition_unknown reported=\"true\" content=\"full\"/><definition_error reported=\"true\" content=\"full\"/>"
"<definition_not_evaluated reported=\"true\" content=\"full\"/><definition_not_applicable reported=\"true\" content=\"full\"/></directives>"
"<results><system><definitions><definition definition_id=\"oval:org.test:def:1\" result=\"true\" version=\"1\"/></definitions>"
"<oval_system_characteristics xmlns=\"http://oval.mitre.org/XMLSchema/oval-system-characteristics-5\">"
"<generator><oval:product_name>stigcheck</oval:product_name><oval:schema_version>5.11.2</oval:schema_version><oval:timestamp>2026-01-01T00:00:00</oval:timestamp></generator>"
"<system_info><os_name>Linux</os_name><os_version>1</os_version><architecture>x86_64</architecture><primary_host_name>target</primary_host_name><interfaces/></system_info>"
"</oval_system_characteristics></system></results></oval_results>";

struct sc_content *
tu_content(const char *xml)
{
	struct sc_content *c = NULL;
	struct sc_err err = SC_ERR_INIT;

	ck_assert_msg(sc_content_load_memory(&c, xml, strlen(xml), "test.xml",
	    NULL, &err) == 0, "content: %s", err.msg);
	return c;
}

const char *
tu_rule_id(char letter)
{
	static char buf[64];

	if (letter == 'a')
		return TU_RULE_A;
	snprintf(buf, sizeof(buf), TU_RULE("%c"), letter);
	return buf;
}

static enum sc_result
result_for(const char *const *results, char letter)
{
	for (size_t i = 0; results && results[i]; i++)
		if (results[i][0] == letter && results[i][1] == '=')
			return (enum sc_result)sc_result_parse(results[i] + 2);
	return SC_RESULT_PASS;
}

struct sc_testresult *
tu_testresult(struct sc_content *c, const char *const *results)
{
	const struct sc_benchmark *b = sc_content_benchmark(c);
	struct sc_testresult *tr = sc_testresult_new();

	tr->id = sc_xstrdup("xccdf_org.stigcheck_testresult_xccdf_org.test_profile_all");
	tr->benchmark_id = sc_xstrdup(b->id);
	tr->benchmark_href = sc_xstrdup("test.xml");
	tr->benchmark_version = sc_xstrdup(b->version);
	tr->profile_id = sc_xstrdup("xccdf_org.test_profile_all");
	tr->title = sc_xstrdup("stigcheck scan result");
	tr->test_system = sc_xstrdup("cpe:/a:stigcheck:stigcheck:" STIGCHECK_VERSION);
	tr->target = sc_xstrdup("test-target");
	tr->start_time = 1767261600;	/* 2026-01-01T10:00:00Z */
	tr->end_time = tr->start_time + 7;
	sc_testresult_add_fact(tr, "urn:xccdf:fact:scanner:name", "string", "stigcheck");
	sc_testresult_add_fact(tr, "urn:xccdf:fact:scanner:version", "string", STIGCHECK_VERSION);
	sc_testresult_add_fact(tr, "urn:stigcheck:fact:target:kind", "string", "rootfs");
	for (size_t i = 0; i < b->n_items; i++) {
		const struct sc_item *it = b->items[i];
		struct sc_rule_result *rr;
		char letter;

		if (it->type != SC_ITEM_RULE)
			continue;
		letter = strcmp(it->id, TU_RULE_A) == 0 ? 'a' :
		    it->id[strlen(it->id) - 1];
		rr = sc_testresult_add(tr, it->id);
		rr->rule = it;
		rr->severity = it->severity;
		rr->weight = it->weight;
		rr->time = tr->start_time + 5;
		rr->result = result_for(results, letter);
		if (rr->result != SC_RESULT_NOTSELECTED)
			sc_rr_addf(rr, rr->result == SC_RESULT_FAIL ? SC_MSG_ERROR :
			    SC_MSG_INFO, "evidence of rule %c: %s", letter,
			    sc_result_name(rr->result));
		if (it->n_checks > 0)
			sc_rr_set_check(rr, &it->checks[0]);
	}
	tr->scores[0].system = SC_SCORE_DEFAULT;
	tr->scores[0].score = 50;
	tr->scores[0].maximum = 100;
	tr->n_scores = 1;
	return tr;
}

xmlDocPtr
tu_parse(const char *xml)
{
	xmlDocPtr d = xmlReadMemory(xml, (int)strlen(xml), "test.xml", NULL,
	    XML_PARSE_NONET);

	ck_assert_msg(d != NULL, "XML does not parse");
	return d;
}

static void
first_error(void *ctx, const char *fmt, ...)
{
	char *why = ctx;
	va_list ap;

	if (why[0])
		return;
	va_start(ap, fmt);
	vsnprintf(why, 512, fmt, ap);
	va_end(ap);
}

int
tu_xsd_valid(xmlDocPtr doc, const char *xsd, char *why, size_t n)
{
	xmlSchemaParserCtxtPtr pc;
	xmlSchemaPtr schema;
	xmlSchemaValidCtxtPtr vc;
	char buf[512] = "";
	int r;

	if (access(xsd, R_OK) != 0 ||
	    access("/usr/share/openscap/schemas/xccdf/1.2/xccdf_1.2.xsd", R_OK) != 0)
		return -1;
	xmlSetGenericErrorFunc(buf, first_error);
	pc = xmlSchemaNewParserCtxt(xsd);
	schema = xmlSchemaParse(pc);
	xmlSchemaFreeParserCtxt(pc);
	ck_assert_msg(schema != NULL, "schema %s does not load", xsd);
	buf[0] = '\0';
	vc = xmlSchemaNewValidCtxt(schema);
	xmlSchemaSetValidErrors(vc, first_error, first_error, buf);
	r = xmlSchemaValidateDoc(vc, doc);
	xmlSchemaFreeValidCtxt(vc);
	xmlSchemaFree(schema);
	xmlSetGenericErrorFunc(NULL, NULL);
	if (why)
		snprintf(why, n, "%s", buf);
	return r == 0;
}

static xmlXPathObjectPtr
eval(xmlDocPtr doc, const char *xpath)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr o = xmlXPathEvalExpression((const xmlChar *)xpath, ctx);

	xmlXPathFreeContext(ctx);
	ck_assert_msg(o != NULL, "bad XPath %s", xpath);
	return o;
}

char *
tu_xpath_string(xmlDocPtr doc, const char *xpath)
{
	xmlXPathObjectPtr o = eval(doc, xpath);
	xmlChar *s = xmlXPathCastToString(o);
	char *r = strdup((const char *)s);

	xmlFree(s);
	xmlXPathFreeObject(o);
	return r;
}

double
tu_xpath_number(xmlDocPtr doc, const char *xpath)
{
	xmlXPathObjectPtr o = eval(doc, xpath);
	double d = xmlXPathCastToNumber(o);

	xmlXPathFreeObject(o);
	return d;
}

void
tu_expect(xmlDocPtr doc, const char *xpath, const char *want)
{
	char *got = tu_xpath_string(doc, xpath);

	ck_assert_msg(strcmp(got, want) == 0, "%s: '%s', expected '%s'", xpath,
	    got, want);
	free(got);
}

struct sc_srg *
tu_srg(void)
{
	struct sc_srg *srg = NULL;
	struct sc_err err = SC_ERR_INIT;

	ck_assert_msg(sc_srg_builtin(&srg, &err) == 0, "%s", err.msg);
	return srg;
}
