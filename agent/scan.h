/*
 * scan.h - evaluating a benchmark against a target.
 *
 * The XCCDF processing loop: for every Rule of the benchmark, in document
 * order, decide selection (policy), applicability (platforms), and for a
 * selected, applicable rule with a check, hand the check to its engine.
 * Engines prepare first, then the shared walk runs once, then every job is
 * evaluated (engine.h).  The result is one struct sc_testresult with
 * evidence, timestamps, target facts and all four scores.
 *
 * Results the loop decides itself, each with a message saying why:
 *   notselected    the rule (or an enclosing Group) is not selected
 *   notapplicable  a platform of the rule, a Group or the Benchmark does
 *                  not apply (cpe:/o:notapplicable, or a CPE name or
 *                  cpe-lang platform that is false on the target, cpe.h);
 *                  the message names the platform and why
 *   notchecked     role "unchecked", no check, or no engine for any of the
 *                  rule's check systems (the SCE system: scripts are never
 *                  run against a target)
 *   error          complex-check, a platform that cannot be evaluated
 *                  (with the reason), or the engine failed; never a guess.
 *
 * After evaluation, engines attach their own results documents (OVAL
 * results, for ARF) to the TestResult, unless opts->no_check_docs says no
 * output needs them: they can be large (one element per collected item).
 */
#ifndef SC_SCAN_H
#define SC_SCAN_H

#include "target/target.h"
#include "util/err.h"
#include "xccdf/content.h"
#include "xccdf/policy.h"
#include "xccdf/result.h"

/*
 * Target facts the scan adds last: the SHA-256 of everything it read from
 * the target (sc_target_read_digest), with the counts of objects and bytes.
 */
#define SC_FACT_READ_DIGEST	"urn:stigcheck:fact:target:read-sha256"
#define SC_FACT_READ_OBJECTS	"urn:stigcheck:fact:target:read-objects"
#define SC_FACT_READ_BYTES	"urn:stigcheck:fact:target:read-bytes"

struct sc_scan_opts {
	int verbose;
	int no_check_docs;	/* skip engines' results documents */
};

int sc_scan_run(struct sc_content *content, struct sc_target *target,
    const struct sc_policy *policy, const struct sc_scan_opts *opts,
    struct sc_testresult **out, struct sc_err *err);

/*
 * 1 when every selected rule of tr is notapplicable (and one is); why
 * gets their distinct reasons (the first three).  For the warning on
 * stderr: a scan that decides nothing must say so.
 */
int sc_scan_all_notapplicable(const struct sc_testresult *tr,
    struct sc_buf *why);

/* The TestResult id for a profile (NCName-safe). */
char *sc_scan_testresult_id(const char *profile_id);

#endif
