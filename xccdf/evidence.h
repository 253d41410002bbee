/*
 * evidence.h - a rule-result's evidence, ordered for an assessor.
 *
 * Engines add messages as their tests run: findings, and what they looked
 * at and did not find ("/usr/sbin/sshd does not exist").  Once the result
 * is final, sc_evidence_compose() rewrites them into the order an
 * assessor reads:
 *   1. one line with the verdict's reason ("Finding: ...", "Not
 *      applicable: ...", "Manual review: ...").  An engine that knows the
 *      reason better (which branch decided) sets it first with
 *      sc_evidence_lead(); otherwise it is made from the result and the
 *      first finding;
 *   2. the findings, in the order the engine gave them;
 *   3. what was looked for and not found, collapsed to one line with a
 *      count when there are more than SC_EVIDENCE_ABSENT_LIST
 *      ("32 paths looked for, none present: /usr/sbin/sshd ...");
 *   4. for notchecked, the review procedure (the rule's manual check text)
 *      unless a message carries it already; for notapplicable, the
 *      rationale once.
 * Composing twice changes nothing.  The XCCDF <message> severity follows
 * the result (sc_evidence_severity): error for error and unknown, warning
 * for fail, info for every other result.
 */
#ifndef SC_EVIDENCE_H
#define SC_EVIDENCE_H

#include "xccdf/result.h"

#define SC_EVIDENCE_ABSENT_LIST 3	/* more absent paths than this: one line */
#define SC_EVIDENCE_ABSENT_SUFFIX " does not exist"

/* Put a reason line first (formatted); marks the rule-result as led. */
void sc_evidence_lead(struct sc_rule_result *rr, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Reorder and complete rr's messages as above. */
void sc_evidence_compose(struct sc_rule_result *rr);
/* The <message> severity for rr's result. */
enum sc_msg_sev sc_evidence_severity(const struct sc_rule_result *rr);
/* 1 when text is a "looked for, not found" line. */
int sc_evidence_is_absent(const char *text);

#endif
