/*
 * score.h - XCCDF 1.2 scoring (NIST IR 7275r4, section 7.3.2).
 *
 * Computes the four standard models from a TestResult and the policy it
 * was produced under, and stores them in tr->scores:
 *   urn:xccdf:scoring:default          weighted mean over the Group tree, max 100
 *   urn:xccdf:scoring:flat             sum of weights of passed rules, max = sum of weights
 *   urn:xccdf:scoring:flat-unweighted  as flat, every non-zero weight counted as 1
 *   urn:xccdf:scoring:absolute         1 when flat score == flat maximum, else 0
 * A rule-result counts unless it is notapplicable, notchecked,
 * informational or notselected; pass and fixed count as passed.  Rules
 * with role "unscored" do not count.
 */
#ifndef SC_SCORE_H
#define SC_SCORE_H

#include "xccdf/policy.h"
#include "xccdf/result.h"

#define SC_SCORE_DEFAULT "urn:xccdf:scoring:default"
#define SC_SCORE_FLAT "urn:xccdf:scoring:flat"
#define SC_SCORE_FLAT_UNWEIGHTED "urn:xccdf:scoring:flat-unweighted"
#define SC_SCORE_ABSOLUTE "urn:xccdf:scoring:absolute"

void sc_score_compute(const struct sc_policy *p, struct sc_testresult *tr);

#endif
