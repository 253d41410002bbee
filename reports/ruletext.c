/*
 * ruletext.c - a content rule's prose (ruletext.h).
 */
#include "reports/ruletext.h"

#include <stdlib.h>
#include <string.h>

void
sc_ruletext_tidy(struct sc_buf *out, const char *s)
{
	int space = 0, newlines = 0;
	size_t start = out->len;

	for (; *s; s++) {
		if (*s == '\n') {
			newlines++;
			space = 1;
		} else if (*s == ' ' || *s == '\t' || *s == '\r') {
			space = 1;
		} else {
			if (out->len > start && newlines >= 2)
				sc_buf_adds(out, "\n\n");
			else if (out->len > start && space)
				sc_buf_addc(out, ' ');
			space = newlines = 0;
			sc_buf_addc(out, *s);
		}
	}
}

static xmlNodePtr
child(xmlNodePtr n, const char *name)
{
	for (xmlNodePtr ch = n ? n->children : NULL; ch; ch = ch->next)
		if (sc_xml_is(ch, SC_XCCDF12_NS, name))
			return ch;
	return NULL;
}

/* The first check-content made only of text (a manual check). */
static xmlNodePtr
manual_check(const struct sc_item *rule)
{
	for (size_t i = 0; i < rule->n_checks; i++) {
		xmlNodePtr c = rule->checks[i].content, ch;

		if (c == NULL)
			continue;
		for (ch = c->children; ch; ch = ch->next)
			if (ch->type == XML_ELEMENT_NODE)
				break;
		if (ch == NULL)
			return c;
	}
	return NULL;
}

void
sc_ruletext(struct sc_buf *out, const struct sc_item *rule,
    enum sc_ruletext_kind kind)
{
	static const char open[] = "<VulnDiscussion>";
	static const char close[] = "</VulnDiscussion>";
	xmlNodePtr n = NULL;
	xmlChar *s;
	char *a, *b;

	if (rule == NULL)
		return;
	switch (kind) {
	case SC_RULETEXT_DESCRIPTION:
		n = child(rule->node, "description");
		break;
	case SC_RULETEXT_RATIONALE:
		n = child(rule->node, "rationale");
		break;
	case SC_RULETEXT_FIX:
		n = child(rule->node, "fixtext");
		break;
	case SC_RULETEXT_CHECK:
		n = manual_check(rule);
		break;
	}
	if (n == NULL || (s = xmlNodeGetContent(n)) == NULL)
		return;
	a = strstr((char *)s, open);
	if (kind == SC_RULETEXT_DESCRIPTION && a != NULL &&
	    (b = strstr(a, close)) != NULL) {
		*b = '\0';
		sc_ruletext_tidy(out, a + strlen(open));
	} else {
		sc_ruletext_tidy(out, (const char *)s);
	}
	xmlFree(s);
}
