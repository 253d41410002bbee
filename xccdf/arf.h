/*
 * arf.h - ARF 1.1 (Asset Reporting Format) results, as OpenSCAP writes them.
 *
 *   arf:asset-report-collection
 *     core:relationships   for each report: arfvocab:createdFor the
 *                          report-request, arfvocab:isAbout the asset
 *     arf:report-requests  one request (id collection1) holding the SCAP
 *                          source data stream that was evaluated: the
 *                          content's own data-stream-collection, or, for a
 *                          plain XCCDF benchmark (the built-in one), a data
 *                          stream wrapped around it as `oscap xccdf eval`
 *                          does (ids scap_org.stigcheck_*_<file>).  An SDS
 *                          data-stream needs ds:checks with at least one
 *                          component-ref, so the wrapper carries an empty
 *                          OVAL definitions component (generator only).
 *     arf:assets           asset0: ai:computing-device with the TARGET's
 *                          identity: ai:synthetic-id for container and
 *                          image facts (urn:stigcheck:fact:container:* and
 *                          :image:*, resource urn:stigcheck:container:id
 *                          etc.), ai:extended-information with the exact
 *                          target name and every target fact, connections
 *                          (target-addresses that are IP addresses, the
 *                          MAC fact), ai:fqdn (the fqdn fact), ai:hostname
 *                          (the target name, made a valid host name)
 *     arf:reports          xccdf1: the XCCDF TestResult; then one report
 *                          per engine results document attached to the
 *                          TestResult (struct sc_check_doc: oval0, ... for
 *                          OVAL results, check0, ... otherwise)
 *
 * In the TestResult, as OpenSCAP does: benchmark/@href points at the
 * benchmark's component ("#scap_..._comp_..."), a target-id-ref naming
 * asset0 follows the target facts, and the check-content-ref hrefs of
 * rule-results whose check system has a results document point at that
 * report ("#oval0"; SCAPVal requires it).  The scanning host appears
 * nowhere.  Valid against the ARF 1.1 schema and, deeply, each embedded
 * document against its own schema (XCCDF 1.2, SDS 1.3, OVAL 5.11).
 */
#ifndef SC_ARF_H
#define SC_ARF_H

#include <libxml/tree.h>

#include "util/err.h"
#include "xccdf/content.h"
#include "xccdf/result.h"

#define SC_ARF_NS "http://scap.nist.gov/schema/asset-reporting-format/1.1"
#define SC_ARF_CORE_NS "http://scap.nist.gov/schema/reporting-core/1.1"
#define SC_ARF_AI_NS "http://scap.nist.gov/schema/asset-identification/1.1"
#define SC_ARF_VOCAB_NS \
	"http://scap.nist.gov/specifications/arf/vocabulary/relationships/1.0#"
#define SC_OVAL_DEFS_NS "http://oval.mitre.org/XMLSchema/oval-definitions-5"
#define SC_OVAL_RESULTS_NS "http://oval.mitre.org/XMLSchema/oval-results-5"

int sc_arf_build(const struct sc_content *c, const struct sc_testresult *tr,
    xmlDocPtr *out, struct sc_err *err);
/*
 * Build and write atomically: the same bytes as sc_arf_build +
 * sc_results_save, with the content's collection and the OVAL results
 * lent to the document while it is written (graft.h), not copied.
 */
int sc_arf_write(const struct sc_content *c, const struct sc_testresult *tr,
    const char *path, struct sc_err *err);

#endif
