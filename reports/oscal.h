/*
 * oscal.h - OSCAL 1.1.3 assessment results and plan of action and
 * milestones (POA&M), JSON.
 *
 * assessment-results.json (sc_oscal_write_ar): one result for the scan;
 * the scanned target is an inventory item (local-definitions) whose props
 * are the TestResult's target facts, stigcheck a "software" component.
 * Every rule-result except notselected is an observation (methods TEST, or
 * EXAMINE for a rule a person must review: manual check or notchecked)
 * with its evidence messages as relevant-evidence.  Every rule-result
 * that is not pass, notapplicable or notselected is a finding per NIST SP
 * 800-53 control of the rule, target type statement-id ("ac-2.1_smt"),
 * state not-satisfied (satisfied only for fixed).  A rule's controls come
 * from its references whose href names SP 800-53 ("CM-6 b"), then from
 * the CCIs of its CCI idents and of the GPOS SRG rule it maps to
 * (reports/srg.h); a rule with none is one finding targeting the rule id
 * as objective-id, saying so in its remarks.  Open rule-results (fail,
 * error, unknown, notchecked) also carry a risk: status open, severity
 * facet, the rule's fix text as a recommended remediation.
 *
 * Reviews and waivers (xccdf/review.h): a reviewed rule's observation is
 * EXAMINE, with prop evaluated-result and the reason in remarks; a waived
 * rule (failed, overridden) stays a not-satisfied finding whose risk has
 * status deviation-approved, a risk-log entry (who, when, why) and the
 * expiry as deadline.
 *
 * poam.json (sc_oscal_write_poam): the same inventory item and component,
 * and per open rule-result (fail, or notchecked) one observation, one
 * risk and one poam-item relating them; a waived rule is listed as an
 * approved deviation (risk status deviation-approved), never as open.  With none, the schema still
 * wants one poam-item: it says there are no open findings.
 *
 * UUIDs are name-based (util/uuid.h) from the target, benchmark,
 * TestResult id and start time, so a re-render gives the same files.
 * Text that OSCAL types as a single-line string is folded to one line.
 */
#ifndef SC_OSCAL_H
#define SC_OSCAL_H

#include "reports/srg.h"
#include "util/err.h"
#include "util/mem.h"
#include "xccdf/content.h"
#include "xccdf/result.h"

#define SC_OSCAL_VERSION "1.1.3"

int sc_oscal_write_ar(const struct sc_content *c,
    const struct sc_testresult *tr, const char *path, struct sc_err *err);
int sc_oscal_write_poam(const struct sc_content *c,
    const struct sc_testresult *tr, const char *path, struct sc_err *err);

/*
 * The NIST SP 800-53 control ids ("cm-6", "ac-2.1") of a rule, unique, in
 * the order found (see above).  srg may be NULL.
 */
void sc_oscal_rule_controls(const struct sc_srg *srg, const char *idref,
    const struct sc_item *rule, struct sc_strv *out);

/* "AC-2 (1) (a)" -> "ac-2.1", "CM-6 b" -> "cm-6"; NULL when not a control. */
char *sc_oscal_control_id(const char *text);

#endif
