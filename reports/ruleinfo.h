/*
 * ruleinfo.h - what the machine-readable writers (JSON, SARIF, JUnit) say
 * about one rule-result, computed in one place.
 *
 * For a rule-result: its id, title, severity and result words, the GPOS
 * SRG rule it checks (V-id, SV rule id, SRG id; srg.h sc_srg_match, the
 * mapping the checklists use) and its evidence as lines (the messages
 * split at newlines, then the "... and N more messages not shown" line;
 * an overridden rule-result's first line is sc_override_line's).
 * Strings are borrowed from the rule-result, its Rule and the SRG table,
 * which must outlive the struct; evidence lines are owned.
 *
 * Rule-results whose result is notselected are not listed by these
 * writers (sc_ruleinfo_listed); everything else is.
 */
#ifndef SC_RULEINFO_H
#define SC_RULEINFO_H

#include <jansson.h>

#include "reports/srg.h"
#include "util/mem.h"
#include "xccdf/result.h"

struct sc_ruleinfo {
	const struct sc_rule_result *rr;
	const char *id;			/* the rule's idref */
	const char *title;		/* "" when unknown */
	const char *severity;		/* "high", ... "unknown" */
	const char *result;		/* "pass", "fail", ... */
	const char *vuln_id;		/* "V-203591" or NULL */
	const char *sv_id;		/* "SV-203591r958362_rule" or NULL */
	const char *srg_id;		/* "SRG-OS-000001-GPOS-00001" or NULL */
	struct sc_strv evidence;	/* lines */
};

/* srg may be NULL (no SRG ids then). */
void sc_ruleinfo_init(struct sc_ruleinfo *ri, const struct sc_srg *srg,
    const struct sc_rule_result *rr);
void sc_ruleinfo_free(struct sc_ruleinfo *ri);

/* Whether a writer lists the rule-result (every result but notselected). */
int sc_ruleinfo_listed(const struct sc_rule_result *rr);

/* The evidence as one text, lines joined by "\n" (malloc'd). */
char *sc_ruleinfo_evidence_text(const struct sc_ruleinfo *ri);

/*
 * A JSON string for any bytes: text that is not valid UTF-8 (a file name
 * from a hostile target) is made so with \xNN escapes, as in XML outputs.
 * s NULL gives JSON null.
 */
json_t *sc_ruleinfo_jstr(const char *s);

#endif
