/*
 * evidence.c - a rule-result's evidence, ordered for an assessor
 * (evidence.h).
 */
#include "xccdf/evidence.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

#define MANUAL_SYSTEM "urn:stigcheck:manual"
#define PROCEDURE "Review procedure: "
#define RATIONALE "Rationale: "

int
sc_evidence_is_absent(const char *text)
{
	size_t n = strlen(text), k = strlen(SC_EVIDENCE_ABSENT_SUFFIX);

	return n > k && strcmp(text + n - k, SC_EVIDENCE_ABSENT_SUFFIX) == 0 &&
	    strchr(text, '\n') == NULL;
}

/* Insert text (owned) as message i. */
static void
insert_msg(struct sc_rule_result *rr, size_t i, enum sc_msg_sev sev, char *text)
{
	SC_GROW(rr->msgs, rr->cap_msgs, rr->n_msgs + 1);
	memmove(&rr->msgs[i + 1], &rr->msgs[i],
	    (rr->n_msgs - i) * sizeof(*rr->msgs));
	rr->msgs[i].sev = sev;
	rr->msgs[i].text = text;
	rr->n_msgs++;
}

static void
push_msg(struct sc_rule_result *rr, enum sc_msg_sev sev, char *text)
{
	insert_msg(rr, rr->n_msgs, sev, text);
}

/* Message text made XML-safe, as sc_rr_add does. */
static char *
safe(const char *s)
{
	struct sc_buf b = SC_BUF_INIT;

	sc_buf_reset(&b);
	sc_xml_safe_append(&b, s, strlen(s));
	return sc_buf_detach(&b);
}

void
sc_evidence_lead(struct sc_rule_result *rr, const char *fmt, ...)
{
	struct sc_buf b = SC_BUF_INIT;
	va_list ap;

	sc_buf_reset(&b);
	va_start(ap, fmt);
	sc_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	if (rr->led && rr->n_msgs > 0) {
		free(rr->msgs[0].text);
		rr->msgs[0].text = safe(b.data);
	} else {
		insert_msg(rr, 0, SC_MSG_INFO, safe(b.data));
	}
	rr->led = 1;
	sc_buf_free(&b);
}

enum sc_msg_sev
sc_evidence_severity(const struct sc_rule_result *rr)
{
	switch (rr->result) {
	case SC_RESULT_ERROR:
	case SC_RESULT_UNKNOWN:
		return SC_MSG_ERROR;
	case SC_RESULT_FAIL:
		return SC_MSG_WARNING;
	default:
		return SC_MSG_INFO;
	}
}

static int
starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* The first message that is neither the lead nor an absent line. */
static const char *
first_finding(const struct sc_rule_result *rr, enum sc_msg_sev at_least)
{
	for (size_t i = rr->led ? 1 : 0; i < rr->n_msgs; i++)
		if (!sc_evidence_is_absent(rr->msgs[i].text) &&
		    rr->msgs[i].sev >= at_least)
			return rr->msgs[i].text;
	return NULL;
}

/* The rule's manual review procedure, collapsed (malloc'd) or NULL. */
static char *
procedure(const struct sc_rule_result *rr)
{
	const struct sc_item *it = rr->rule;

	for (size_t i = 0; it && i < it->n_checks; i++)
		if (strcmp(it->checks[i].system, MANUAL_SYSTEM) == 0 &&
		    it->checks[i].content)
			return sc_xml_text_collapsed(it->checks[i].content);
	return NULL;
}

static int
has_prefix_msg(const struct sc_rule_result *rr, const char *prefix)
{
	for (size_t i = 0; i < rr->n_msgs; i++)
		if (starts(rr->msgs[i].text, prefix))
			return 1;
	return 0;
}

/* The default reason line, from the result and the first finding. */
static void
default_lead(struct sc_rule_result *rr)
{
	const char *f = first_finding(rr, SC_MSG_INFO);
	const char *e = first_finding(rr, SC_MSG_ERROR);

	switch (rr->result) {
	case SC_RESULT_PASS:
		sc_evidence_lead(rr, "Pass: nothing in the target violates the "
		    "rule%s", f || rr->n_msgs ? " (what was checked follows)" : "");
		break;
	case SC_RESULT_FAIL:
		sc_evidence_lead(rr, "Finding: %s", f ? f :
		    "the check failed (details follow)");
		break;
	case SC_RESULT_ERROR:
	case SC_RESULT_UNKNOWN:
		sc_evidence_lead(rr, "%s: %s", rr->result == SC_RESULT_ERROR ?
		    "Error, the rule could not be decided" : "Unknown",
		    e ? e : f ? f : "no reason given");
		break;
	case SC_RESULT_NOTCHECKED:
		if (f && starts(f, PROCEDURE))
			sc_evidence_lead(rr, "Manual review: stigcheck cannot "
			    "decide this from the target; a person reviews it "
			    "with the procedure below");
		else
			sc_evidence_lead(rr, "Manual review: %s", f ? f :
			    "the rule has no automated check");
		break;
	case SC_RESULT_NOTAPPLICABLE:
		sc_evidence_lead(rr, "Not applicable: %s", f ? f :
		    "the rule does not apply to this target");
		break;
	default:
		if (f)
			sc_evidence_lead(rr, "%s: %s", sc_result_name(rr->result), f);
		break;
	}
}

void
sc_evidence_compose(struct sc_rule_result *rr)
{
	struct sc_message *absent = NULL;
	size_t n_absent = 0, cap = 0, i, j;

	if (rr->result == SC_RESULT_NOTSELECTED && rr->n_msgs == 0)
		return;
	if (!rr->led)
		default_lead(rr);
	/* take the absent lines out, keeping order */
	for (i = j = 0; i < rr->n_msgs; i++) {
		if (i > 0 && sc_evidence_is_absent(rr->msgs[i].text)) {
			SC_GROW(absent, cap, n_absent + 1);
			absent[n_absent++] = rr->msgs[i];
		} else {
			rr->msgs[j++] = rr->msgs[i];
		}
	}
	rr->n_msgs = j;
	if (n_absent > SC_EVIDENCE_ABSENT_LIST) {
		struct sc_buf b = SC_BUF_INIT;
		size_t k = strlen(SC_EVIDENCE_ABSENT_SUFFIX);

		sc_buf_reset(&b);
		sc_buf_addf(&b, "%zu paths looked for, none present:", n_absent);
		for (i = 0; i < n_absent; i++) {
			sc_buf_addc(&b, ' ');
			sc_buf_add(&b, absent[i].text, strlen(absent[i].text) - k);
			free(absent[i].text);
		}
		push_msg(rr, SC_MSG_INFO, sc_buf_detach(&b));
	} else {
		for (i = 0; i < n_absent; i++)
			push_msg(rr, SC_MSG_INFO, absent[i].text);
	}
	free(absent);
	if (rr->result == SC_RESULT_NOTCHECKED && !has_prefix_msg(rr, PROCEDURE)) {
		char *p = procedure(rr);

		if (p && p[0]) {
			char *line = sc_xasprintf(PROCEDURE "%s", p);

			push_msg(rr, SC_MSG_INFO, safe(line));
			free(line);
		}
		free(p);
	}
	if (rr->result == SC_RESULT_NOTAPPLICABLE && rr->rule &&
	    rr->rule->rationale && rr->rule->rationale[0] &&
	    !has_prefix_msg(rr, RATIONALE)) {
		char *line = sc_xasprintf(RATIONALE "%s", rr->rule->rationale);

		push_msg(rr, SC_MSG_INFO, safe(line));
		free(line);
	}
}
