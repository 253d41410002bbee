/*
 * fixture_results.h - content and TestResults for the output tests.
 *
 * tu_bench_xml is a small XCCDF 1.2 benchmark whose rules map to GPOS SRG
 * rules in every way content does (SV id in the rule id, with an older
 * revision; SV id in a reference; V id in a reference; SRG id as version)
 * or not at all (an ambiguous SRG id, a legacy id only):
 *
 *   a  xccdf_mil.disa.stig_rule_SV-203780r000001_rule  -> V-203780
 *   b  reference SV-203780r991589_rule                  -> V-203780
 *   c  reference V-203629                               -> V-203629
 *   d  version SRG-OS-000001-GPOS-00001                 -> V-203591
 *   e  version SRG-OS-000132-GPOS-00067 (two rules)     -> none
 *   f  legacy ident SV-70831 only                       -> none
 *   g  reference SV-203591                              -> V-203591
 *
 * tu_testresult() builds a TestResult as a scan would: one rule-result
 * per rule with the given results ("a=fail" ...; unlisted rules pass),
 * an evidence message each, target "test-target", a few facts.
 */
#ifndef SC_FIXTURE_RESULTS_H
#define SC_FIXTURE_RESULTS_H

#include <libxml/tree.h>

#include "reports/srg.h"
#include "xccdf/content.h"
#include "xccdf/result.h"

extern const char tu_bench_xml[];
#define TU_RULE(x) "xccdf_org.test_rule_" x
#define TU_RULE_A "xccdf_mil.disa.stig_rule_SV-203780r000001_rule"
/* a valid OVAL 5.11 results document */
extern const char tu_oval_results_xml[];

struct sc_content *tu_content(const char *xml);
/* the id of the fixture rule called by its letter */
const char *tu_rule_id(char letter);
struct sc_testresult *tu_testresult(struct sc_content *c,
    const char *const *results);
xmlDocPtr tu_parse(const char *xml);

/*
 * Validate doc against the schema at xsd: 1 valid, 0 not (why gets the
 * first error), -1 when the schema is not installed.
 */
int tu_xsd_valid(xmlDocPtr doc, const char *xsd, char *why, size_t n);
/* XPath on doc (use local-name() for namespaced elements). */
char *tu_xpath_string(xmlDocPtr doc, const char *xpath);
double tu_xpath_number(xmlDocPtr doc, const char *xpath);
/* Fail the test unless the XPath string value is want. */
void tu_expect(xmlDocPtr doc, const char *xpath, const char *want);
/* The built-in GPOS SRG table (fails the test if it does not load). */
struct sc_srg *tu_srg(void);

#endif
