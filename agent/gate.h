/*
 * gate.h - the exit status of a scan for CI (docs/ci.md).
 *
 *   0  nothing that trips the gate
 *   2  a selected rule failed (or errored) at or above the threshold
 *   (1, could not run, is decided before a gate is ever asked)
 *
 * Without --fail-on every fail and every error trips the gate (the 0.1
 * contract).  --fail-on high|medium|low trips it only for rule-results
 * whose severity is that level or higher; a rule whose severity is
 * "unknown" cannot be ranked and always counts (never a silent pass), one
 * of severity "info" never does.  An error result counts like a fail of
 * its severity unless --errors-ok is given.
 *
 * Whatever the gate says, a run where rules errored says so: one line on
 * stderr with the count (sc_gate_warn).
 */
#ifndef SC_GATE_H
#define SC_GATE_H

#include <stdio.h>

#include "util/err.h"
#include "xccdf/result.h"

struct sc_gate {
	int fail_on;		/* enum sc_severity; SC_SEV_UNKNOWN: any */
	int errors_ok;
};

/* "high", "medium", "low" into g->fail_on; SC_ERR_INVAL otherwise. */
int sc_gate_parse(struct sc_gate *g, const char *word, struct sc_err *err);

/* Whether one rule-result trips the gate. */
int sc_gate_trips(const struct sc_gate *g, const struct sc_rule_result *rr);

/* 0 or 2, and how many rule-results trip the gate (tripped may be NULL). */
int sc_gate_status(const struct sc_gate *g, const struct sc_testresult *tr,
    unsigned long *tripped);

/* "stigcheck: N rules could not be evaluated ..." when any errored. */
void sc_gate_warn(FILE *f, const struct sc_testresult *tr);

#endif
