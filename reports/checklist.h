/*
 * checklist.h - results seen as a STIG Viewer checklist of the GPOS SRG.
 *
 * A checklist (CKL, CKLB) has one entry per rule of the SRG (srg.h), in
 * the SRG's order, whatever content was run.  Each content rule-result is
 * matched to the SRG rule it checks (sc_srg_match); rule-results that
 * match none are listed in `unmapped` (they appear in the XCCDF, ARF and
 * HTML outputs only).
 *
 * When several rule-results map to one SRG rule, the worst result wins:
 *   error > unknown > fail > notchecked > informational > pass = fixed
 *   > notapplicable > notselected
 * (a pass beats notapplicable: the requirement was checked and met; a
 * rule the profile did not select counts only when nothing else does).
 * Status: pass/fixed NotAFinding (not_a_finding), fail Open (open),
 * notapplicable Not_Applicable (not_applicable), anything else, and an
 * SRG rule no content rule checks, Not_Reviewed (not_reviewed).
 *
 * FINDING_DETAILS holds the evidence of every mapped rule-result (its
 * result, title and id, then its messages); COMMENTS first holds, for each
 * mapped rule-result a person reviewed or waived (xccdf/review.h), the
 * review block sc_review_comment writes (rule, final and evaluated result,
 * by, date, expires, reason; `--reviews` reads it back), then says where
 * the status came from (scanner, content, profile, target, time) or that no
 * rule checks the requirement.  Discussion, check and fix texts are the
 * mapped content rules' own (DISA's texts are not carried).  Both are
 * capped at SC_CHECKLIST_TEXT_MAX characters, the limit STIG Manager
 * imports.
 *
 * Asset data comes from the TestResult, i.e. from the target: host name
 * = <target>; FQDN, MAC from the urn:xccdf:fact:asset:identifier:fqdn /
 * :mac (or urn:xccdf:fact:ethernet:MAC) facts; IP from the first
 * <target-address>; the target comment names the target kind and path,
 * its OS (os-release) and any urn:stigcheck:fact:container:* and
 * urn:stigcheck:fact:image:* facts (container id, image digest).
 *
 * UUIDs are name-based (util/uuid.h): the checklist's from the target,
 * content, TestResult id and start time; the STIG's from the SRG id and
 * release; each rule's from the checklist's and the rule id.  So
 * `stigcheck report` re-renders a stored result to the same file.
 */
#ifndef SC_CHECKLIST_H
#define SC_CHECKLIST_H

#include "reports/srg.h"
#include "util/err.h"
#include "util/uuid.h"
#include "xccdf/result.h"

#define SC_CHECKLIST_TEXT_MAX 32767

enum sc_ckl_status {
	SC_CKL_NOT_REVIEWED = 0,
	SC_CKL_NOT_APPLICABLE,
	SC_CKL_OPEN,
	SC_CKL_NOT_A_FINDING,
	SC_CKL__COUNT
};

struct sc_checklist_item {
	const struct sc_srg_rule *srg;
	const struct sc_rule_result **rr;	/* mapped, document order */
	size_t n_rr, cap_rr;
	enum sc_result worst;			/* when n_rr > 0 */
	enum sc_ckl_status status;
	char *details;				/* FINDING_DETAILS */
	char *comments;				/* COMMENTS */
	char *discussion;			/* content rules' descriptions */
	char *check_text;
	char *fix_text;
	char uuid[SC_UUID_LEN];
};

struct sc_checklist {
	const struct sc_srg *srg;
	const struct sc_testresult *tr;
	struct sc_checklist_item *items;	/* one per SRG rule */
	size_t n_items;
	/* per rule-result (tr->rr index): the SRG rule it maps to, or NULL */
	const struct sc_srg_rule **rr_srg;
	struct sc_strv unmapped;		/* idrefs mapping to no SRG rule */
	unsigned long counts[SC_CKL__COUNT];

	/* asset (borrowed from the TestResult, "" when unknown) */
	const char *host_name, *fqdn, *ip, *mac;
	char *target_comment;

	char id[SC_UUID_LEN];			/* the checklist */
	char stig_uuid[SC_UUID_LEN];
	char *stig_ref;				/* STIGRef */
	char *time;				/* end time, ISO 8601 */
};

int sc_checklist_build(struct sc_checklist **out, const struct sc_srg *srg,
    const struct sc_testresult *tr, struct sc_err *err);
void sc_checklist_free(struct sc_checklist *cl);

/* 1 if result a is worse than b (the order above). */
int sc_checklist_worse(enum sc_result a, enum sc_result b);
enum sc_ckl_status sc_checklist_status(enum sc_result r);
/* "NotAFinding", ... (CKL) and "not_a_finding", ... (CKLB). */
const char *sc_ckl_status_name(enum sc_ckl_status s);
const char *sc_cklb_status_name(enum sc_ckl_status s);

#endif
