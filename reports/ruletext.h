/*
 * ruletext.h - a content rule's prose, tidied for reports.
 *
 * Checklists and the HTML report show a rule's description, rationale,
 * check text and fix text.  XCCDF keeps them as XML text (or XHTML),
 * often hard-wrapped and indented (the Chainguard content indents by 24
 * spaces).  sc_ruletext() returns it as paragraphs separated by one blank
 * line, whitespace inside a paragraph folded to single spaces.  A DISA
 * style description (escaped <VulnDiscussion>...</VulnDiscussion>) gives
 * its VulnDiscussion only.  The check text is that of a check whose
 * check-content is plain text (a manual check, e.g. urn:stigcheck:manual).
 */
#ifndef SC_RULETEXT_H
#define SC_RULETEXT_H

#include "util/mem.h"
#include "xccdf/benchmark.h"

enum sc_ruletext_kind {
	SC_RULETEXT_DESCRIPTION,
	SC_RULETEXT_RATIONALE,
	SC_RULETEXT_CHECK,
	SC_RULETEXT_FIX,
};

/* Append the text (nothing when the rule has none; rule may be NULL). */
void sc_ruletext(struct sc_buf *out, const struct sc_item *rule,
    enum sc_ruletext_kind kind);

/* Append s tidied as above. */
void sc_ruletext_tidy(struct sc_buf *out, const char *s);

#endif
