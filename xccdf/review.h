/*
 * review.h - reviews and waivers (--reviews FILE, docs/reviews.md).
 *
 * A reviews file records people's decisions about rules: a review of a
 * notchecked rule is a person's finding, a waiver of a failing rule an
 * accepted risk.  The file is one of (detected by its content, never by
 * its name):
 *
 *   YAML   reviews: [ {rule, result, reason, by, date, expires?}, ... ]
 *          rule is an XCCDF rule id, a V-id (V-203591), an SV id or an
 *          SRG id; result pass, fail or notapplicable; date and expires
 *          YYYY-MM-DD.  Unknown keys are errors (a typo must not drop a
 *          field silently).
 *   CKL    a STIG Viewer checklist (XML, first byte '<').
 *   CKLB   a STIG Viewer 3 checklist (JSON, first byte '{').
 *          Each VULN / rule whose status is not Not_Reviewed is a review
 *          of its V-id, with COMMENTS as the reason and FINDING_DETAILS
 *          kept as details; status NotAFinding pass, Open fail,
 *          Not_Applicable notapplicable.  Entries stigcheck wrote itself
 *          are recognised by their COMMENTS: an automated result
 *          ("Automated result from stigcheck") is no review, and the
 *          review blocks sc_review_comment writes are read back as the
 *          reviews they were (rule, result, by, date, expires, reason),
 *          so a checklist fed back carries every review across.
 *
 * The file is attacker-controlled: it is capped (SC_LIMIT_REVIEWS_*),
 * XML is parsed without network or entities, libyaml's aliases are never
 * followed.  A malformed file is one error naming the file and line.
 *
 * Application (sc_review_apply) happens after evaluation and before any
 * writer: each entry is matched to the rule-results it names; the
 * rule-result gets an override (result.h) keeping the evaluated result.
 * Not applied, each with one note line: an expired entry (expires before
 * the scan's day), an entry naming no rule of the benchmark, or naming
 * only rules the profile did not select.  Two entries reaching one rule
 * are an error naming both lines.
 */
#ifndef SC_REVIEW_H
#define SC_REVIEW_H

#include <stddef.h>
#include <time.h>

#include "reports/srg.h"
#include "util/err.h"
#include "util/mem.h"
#include "xccdf/result.h"

enum sc_review_format { SC_REVIEW_YAML, SC_REVIEW_CKL, SC_REVIEW_CKLB };

struct sc_review {
	char *rule;			/* as written */
	enum sc_result result;		/* pass, fail or notapplicable */
	char *reason;
	char *by;			/* the reviewer ("" when unknown) */
	time_t date;			/* 0: unknown (a checklist's) */
	time_t expires;			/* 0: does not expire */
	char *details;			/* a checklist's FINDING_DETAILS, or NULL */
	char *where;			/* "NAME:LINE" or "NAME: stigs[i].rules[j]" */
};

struct sc_reviews {
	char *name;
	enum sc_review_format format;
	struct sc_review *v;
	size_t n, cap;
	char sha256[65];		/* of the bytes parsed (hex) */
};

/* Parse buf (len bytes; name for messages). */
int sc_review_parse(const char *buf, size_t len, const char *name,
    struct sc_reviews **out, struct sc_err *err);
/* Read a host file (regular, capped) and parse it. */
int sc_review_load(const char *path, struct sc_reviews **out,
    struct sc_err *err);
void sc_reviews_free(struct sc_reviews *rv);
const char *sc_review_format_name(enum sc_review_format f);

/*
 * Apply rv to tr (its start time is the scan date).  srg (may be NULL)
 * resolves V-, SV- and SRG ids to content rules.  Entries not applied
 * add one line each to notes ("FILE:LINE: ... not applied: why"); they are
 * also recorded in tr as target facts urn:stigcheck:fact:review:not-applied.
 * Duplicates are SC_ERR_INVAL naming both places.
 */
#define SC_FACT_REVIEW_NOT_APPLIED "urn:stigcheck:fact:review:not-applied"
int sc_review_apply(const struct sc_reviews *rv, struct sc_testresult *tr,
    const struct sc_srg *srg, struct sc_strv *notes, struct sc_err *err);

/*
 * The checklist COMMENTS block for an overridden rule-result (appended to
 * out), which sc_review_parse reads back:
 *   stigcheck review of RULE-ID: NEW (evaluated OLD)
 *   By: ...
 *   Date: YYYY-MM-DD
 *   Expires: YYYY-MM-DD      (when it expires)
 *   Reason: ...              (one line)
 */
void sc_review_comment(const struct sc_rule_result *rr, struct sc_buf *out);
#define SC_REVIEW_COMMENT_HEAD "stigcheck review of "
#define SC_REVIEW_AUTOMATED "Automated result from stigcheck"

#endif
