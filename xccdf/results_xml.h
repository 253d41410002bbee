/*
 * results_xml.h - XCCDF 1.2 results documents.
 *
 * The results document is what `oscap xccdf eval --results` writes and what
 * STIG Manager, SAF/Heimdall and STIG Viewer read: a copy of the evaluated
 * Benchmark (Profiles, Values, Groups, Rules) holding exactly one
 * TestResult.  Stale TestResults in the source are dropped.
 *
 * TestResult content, in schema order: benchmark, title, profile, target,
 * target-address, target-facts, rule-result* (idref, role, severity, time,
 * version, weight; result, override? (a review: xccdf/review.h), ident*,
 * message?, check), score x 4.  A
 * rule-result carries its evidence (capped, with a closing "... and N
 * more" note) and the check it was evaluated with.  The evidence is ONE
 * <message>, one line per finding, with the severity of the most severe:
 * STIG Manager reads a rule-result's detail from a single <message> only
 * (several become an array it ignores), and SAF keeps it in the HDF
 * rule_result.  The scanning host's identity (user, hostname, addresses)
 * never appears.
 */
#ifndef SC_RESULTS_XML_H
#define SC_RESULTS_XML_H

#include <libxml/tree.h>

#include "util/err.h"
#include "xccdf/content.h"
#include "xccdf/result.h"

/* Build a TestResult element in doc, in namespace ns. */
xmlNodePtr sc_results_testresult_node(xmlDocPtr doc, xmlNsPtr ns,
    const struct sc_testresult *tr);

/* Build the whole results document (Benchmark copy + TestResult). */
int sc_results_build(const struct sc_content *c, const struct sc_testresult *tr,
    xmlDocPtr *out, struct sc_err *err);

/* Serialise doc (UTF-8, indented) and write it atomically to path. */
int sc_results_save(xmlDocPtr doc, const char *path, struct sc_err *err);

/*
 * What sc_results_build + sc_results_save write, byte for byte, but with
 * the content's own Benchmark lent to the document while it is written
 * (graft.h), not copied: the content's tree is changed during the call
 * and restored before it returns.
 */
int sc_results_write(const struct sc_content *c, const struct sc_testresult *tr,
    const char *path, struct sc_err *err);

#endif
