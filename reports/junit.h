/*
 * junit.h - JUnit XML (--junit FILE), for CI test reports.
 *
 * <testsuites> holds one <testsuite> (name: the benchmark id, and the
 * profile after a space when there is one; hostname: the target;
 * timestamp: the start time; time: the scan's seconds) with <properties>
 * (target, benchmark, profile, test_result) and one <testcase> per listed
 * rule-result (every result but notselected), classname the benchmark id,
 * name the rule id:
 *
 *   fail                        <failure type=SEVERITY message=TITLE>
 *   error, unknown              <error type=RESULT message=TITLE>
 *   notapplicable, notchecked   <skipped message="RESULT: TITLE">
 *   pass, fixed, informational  (passed)
 *
 * The evidence lines are the text of the failure, error or skipped
 * element, and the <system-out> of a passed test case.  The counts
 * (tests, failures, errors, skipped) are on both elements.
 */
#ifndef SC_JUNIT_H
#define SC_JUNIT_H

#include <libxml/tree.h>

#include "reports/outputs.h"
#include "util/err.h"

xmlDocPtr sc_junit_doc(const struct sc_output_ctx *ctx);
int sc_junit_write(const struct sc_output_ctx *ctx, const char *path,
    struct sc_err *err);

#endif
