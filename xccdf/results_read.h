/*
 * results_read.h - stored results back into memory (`stigcheck report`).
 *
 * sc_results_load() reads either
 *   - XCCDF 1.2 results: a Benchmark holding TestResults (what --results
 *     and `oscap xccdf eval --results` write).  The last TestResult is
 *     used; the Benchmark, without its TestResults, becomes the content.
 *   - ARF 1.1 (--results-arf, `oscap xccdf eval --results-arf`): the
 *     first XCCDF TestResult report; the content is the report-request's
 *     source data stream (the checklist whose component holds the
 *     TestResult's benchmark); OVAL results reports become the
 *     TestResult's check documents again.
 * into the same struct sc_content + struct sc_testresult a scan produces,
 * so every writer renders stored results exactly as it renders a scan.
 *
 * What comes back: TestResult id, times, version, test-system, benchmark,
 * title, profile, target, addresses, facts, scores (the four standard
 * models), and each rule-result's idref, role, severity, time, version,
 * weight, result, evidence (one message per line, the "... and N more"
 * line as the dropped count) and check.  A rule-result's check is taken
 * from the Benchmark's Rule when it has a check of that system, so the
 * hrefs ARF rewrote ("#oval0") read back as the content's own.
 *
 * Errors name the file: not XCCDF 1.2 results or ARF, no TestResult,
 * a bare TestResult (no Benchmark to render), malformed values.
 */
#ifndef SC_RESULTS_READ_H
#define SC_RESULTS_READ_H

#include <libxml/tree.h>

#include "util/err.h"
#include "xccdf/content.h"
#include "xccdf/result.h"

int sc_results_load(const char *path, struct sc_content **content,
    struct sc_testresult **tr, struct sc_err *err);
/* The same from len bytes in memory; name is what messages show. */
int sc_results_load_memory(const char *buf, size_t len, const char *name,
    struct sc_content **content, struct sc_testresult **tr,
    struct sc_err *err);

/* Parse one TestResult element; rules are looked up in b (may be NULL). */
int sc_results_parse_testresult(xmlNodePtr trn, const struct sc_benchmark *b,
    struct sc_testresult **out, struct sc_err *err);

#endif
