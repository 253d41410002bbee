/*
 * result.h - the one in-memory model of a TestResult.
 *
 * A scan fills a struct sc_testresult; every writer (XCCDF, ARF, HTML,
 * CKL, CKLB, console) renders from it, and `stigcheck report` rebuilds it
 * from a stored results file.  Rule-results keep the rule's idref and, when
 * the benchmark is at hand, a pointer to its model item for titles and
 * references.
 *
 * Evidence: each rule-result carries <message>s.  At most
 * SC_RESULT_MAX_MESSAGES are kept; later ones are counted and summarised
 * in a final "... and N more" message, so a rule over a million files
 * stays small.  Message text must already be redacted by the producer;
 * sc_rr_addf() makes it valid XML text (invalid UTF-8 and control bytes
 * become \xNN).
 */
#ifndef SC_RESULT_H
#define SC_RESULT_H

#include <time.h>

#include "util/fact.h"
#include "util/limits.h"
#include "util/mem.h"
#include "xccdf/benchmark.h"

#define SC_RESULT_MAX_MESSAGES SC_LIMIT_RESULT_MESSAGES

enum sc_result {
	SC_RESULT_PASS = 0,
	SC_RESULT_FAIL,
	SC_RESULT_ERROR,
	SC_RESULT_UNKNOWN,
	SC_RESULT_NOTAPPLICABLE,
	SC_RESULT_NOTCHECKED,
	SC_RESULT_NOTSELECTED,
	SC_RESULT_INFORMATIONAL,
	SC_RESULT_FIXED,
	SC_RESULT__COUNT
};

enum sc_msg_sev { SC_MSG_INFO = 0, SC_MSG_WARNING, SC_MSG_ERROR };

struct sc_message {
	enum sc_msg_sev sev;
	char *text;
};

/*
 * A person's decision recorded over the evaluated result (xccdf/review.h):
 * XCCDF 1.2 <override time= authority=><old-result/><new-result/><remark/>.
 * The rule-result's result is new_result; old_result is what the checks
 * found.  A waiver is an override of a failing rule (an accepted risk); any
 * other is a review (a person's finding, e.g. on a notchecked rule).
 */
struct sc_override {
	time_t time;			/* the review's date */
	char *authority;		/* who decided ("by") */
	enum sc_result old_result, new_result;
	char *remark;			/* the reason */
	time_t expires;			/* 0: does not expire */
};

struct sc_rule_result {
	char *idref;
	const struct sc_item *rule;	/* may be NULL (unknown rule) */
	enum sc_result result;
	enum sc_severity severity;
	enum sc_role role;
	double weight;
	time_t time;
	char *version;			/* rule version, if any */

	struct sc_message *msgs;
	size_t n_msgs, cap_msgs;
	unsigned long dropped;		/* messages over the cap */
	int led;			/* msgs[0] is the reason (evidence.h) */
	struct sc_override *ovr;	/* NULL: the evaluated result stands */

	/* the check used (copied: results outlive engines) */
	char *check_system;
	char *check_selector;		/* the check's @selector, or NULL */
	struct sc_check_ref *check_refs;
	size_t n_check_refs;
	int check_has_content;		/* inline check-content */
	xmlNodePtr check_content;	/* borrowed from the benchmark doc */
};

struct sc_score {
	const char *system;		/* scoring model URI */
	double score;
	double maximum;
};

/* An engine's own results document (e.g. OVAL results), for ARF. */
struct sc_check_doc {
	char *system;			/* check system it belongs to */
	xmlDocPtr doc;			/* owned */
};

struct sc_testresult {
	char *id;
	char *benchmark_id;
	char *benchmark_href;
	char *benchmark_version;
	char *profile_id;		/* NULL: no profile */
	char *title;
	char *test_system;		/* CPE naming stigcheck */
	char *target;
	struct sc_strv target_addresses;
	struct sc_fact *facts;		/* name/type/value */
	size_t n_facts, cap_facts;
	time_t start_time, end_time;

	struct sc_rule_result *rr;
	size_t n_rr, cap_rr;

	struct sc_score scores[4];
	size_t n_scores;

	struct sc_check_doc *check_docs;
	size_t n_check_docs, cap_check_docs;
};

const char *sc_result_name(enum sc_result r);
int sc_result_parse(const char *s);		/* -1 if unknown */

struct sc_testresult *sc_testresult_new(void);
void sc_testresult_free(struct sc_testresult *tr);

/* Append a rule-result for idref (copied) and return it. */
struct sc_rule_result *sc_testresult_add(struct sc_testresult *tr,
    const char *idref);
void sc_testresult_add_fact(struct sc_testresult *tr, const char *name,
    const char *type, const char *value);
/* Replace the value of the first fact called name, or add it. */
void sc_testresult_set_fact(struct sc_testresult *tr, const char *name,
    const char *type, const char *value);
/* Attach an engine results document; takes ownership of doc. */
void sc_testresult_add_check_doc(struct sc_testresult *tr,
    const char *system, xmlDocPtr doc);

/* Add an evidence message (capped; text made XML-safe). */
void sc_rr_addf(struct sc_rule_result *rr, enum sc_msg_sev sev,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void sc_rr_add(struct sc_rule_result *rr, enum sc_msg_sev sev,
    const char *text);
/*
 * Record an override: old_result becomes rr's current result, the result
 * becomes new_result; authority and remark are copied (made XML-safe).
 * Replaces an earlier override, keeping its old_result (the evaluated
 * result stays the one the checks found).
 */
void sc_rr_set_override(struct sc_rule_result *rr, enum sc_result new_result,
    time_t when, const char *authority, const char *remark, time_t expires);
/* 1 if the override accepts a failing result (a waiver), else 0. */
int sc_override_is_waiver(const struct sc_override *o);
/* Rule-results carrying an override. */
unsigned long sc_testresult_overridden(const struct sc_testresult *tr);
/*
 * The XCCDF <remark> of o: the reason, then " [expires YYYY-MM-DD]" when
 * it expires (malloc'd); sc_override_parse_remark splits one back (the
 * reason malloc'd into *reason, *expires 0 when none).
 */
char *sc_override_remark(const struct sc_override *o);
void sc_override_parse_remark(const char *remark, char **reason,
    time_t *expires);
/*
 * One line for people and line-oriented writers (malloc'd):
 * "Waived by WHO on DATE (evaluated fail; expires DATE): REASON", or
 * "Reviewed by ..." for a review.
 */
char *sc_override_line(const struct sc_override *o);
/* "YYYY-MM-DD" of t (UTC) into buf (>= 11 bytes). */
void sc_time_date(time_t t, char *buf, size_t n);

/* Record the check a rule was evaluated with. */
void sc_rr_set_check(struct sc_rule_result *rr, const struct sc_check *c);

/*
 * The evidence as one text: the messages one per line, then "... and N
 * more messages not shown" when some were dropped (malloc'd; "" when
 * there is none).  *sev (optional) gets the most severe message's level.
 */
char *sc_rr_evidence(const struct sc_rule_result *rr, enum sc_msg_sev *sev);
/* The dropped-messages note for n (the line sc_rr_evidence ends with). */
#define SC_RR_MORE_FMT "... and %lu more messages not shown"

/* The value of the first target fact called name, or NULL. */
const char *sc_testresult_fact(const struct sc_testresult *tr,
    const char *name);

/* Count rule-results by result; counts has SC_RESULT__COUNT slots. */
void sc_testresult_count(const struct sc_testresult *tr,
    unsigned long *counts);

/* ISO 8601 "2026-11-28T07:41:34+00:00" (UTC) into buf (>= 32 bytes). */
void sc_time_iso8601(time_t t, char *buf, size_t n);
/* Parse the above (any offset); -1 on error. */
int sc_time_parse_iso8601(const char *s, time_t *t);

/*
 * Append s (n bytes) to out as text valid in XML 1.0: UTF-8 characters
 * XML allows are copied; any other byte (invalid UTF-8, control
 * characters other than tab and newline) is written as \xNN.  File names
 * from a hostile target may be any bytes; this keeps them readable and the
 * document well-formed.
 */
void sc_xml_safe_append(struct sc_buf *out, const char *s, size_t n);

#endif
