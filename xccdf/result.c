/*
 * result.c - the TestResult model (result.h).
 */
#include "xccdf/result.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *result_names[SC_RESULT__COUNT] = {
	"pass", "fail", "error", "unknown", "notapplicable", "notchecked",
	"notselected", "informational", "fixed",
};

const char *
sc_result_name(enum sc_result r)
{
	return (unsigned)r < SC_RESULT__COUNT ? result_names[r] : "unknown";
}

int
sc_result_parse(const char *s)
{
	for (int i = 0; i < SC_RESULT__COUNT; i++)
		if (s && strcmp(s, result_names[i]) == 0)
			return i;
	return -1;
}

struct sc_testresult *
sc_testresult_new(void)
{
	return sc_xcalloc(1, sizeof(struct sc_testresult));
}

static void
rr_free(struct sc_rule_result *rr)
{
	size_t i;

	free(rr->idref);
	free(rr->version);
	for (i = 0; i < rr->n_msgs; i++)
		free(rr->msgs[i].text);
	free(rr->msgs);
	free(rr->check_system);
	free(rr->check_selector);
	for (i = 0; i < rr->n_check_refs; i++) {
		free(rr->check_refs[i].href);
		free(rr->check_refs[i].name);
	}
	free(rr->check_refs);
	if (rr->ovr) {
		free(rr->ovr->authority);
		free(rr->ovr->remark);
		free(rr->ovr);
	}
}

void
sc_testresult_free(struct sc_testresult *tr)
{
	size_t i;

	if (tr == NULL)
		return;
	free(tr->id);
	free(tr->benchmark_id);
	free(tr->benchmark_href);
	free(tr->benchmark_version);
	free(tr->profile_id);
	free(tr->title);
	free(tr->test_system);
	free(tr->target);
	sc_strv_free(&tr->target_addresses);
	for (i = 0; i < tr->n_facts; i++) {
		free(tr->facts[i].name);
		free(tr->facts[i].type);
		free(tr->facts[i].value);
	}
	free(tr->facts);
	for (i = 0; i < tr->n_rr; i++)
		rr_free(&tr->rr[i]);
	free(tr->rr);
	for (i = 0; i < tr->n_check_docs; i++) {
		free(tr->check_docs[i].system);
		xmlFreeDoc(tr->check_docs[i].doc);
	}
	free(tr->check_docs);
	free(tr);
}

struct sc_rule_result *
sc_testresult_add(struct sc_testresult *tr, const char *idref)
{
	struct sc_rule_result *rr;

	SC_GROW(tr->rr, tr->cap_rr, tr->n_rr + 1);
	rr = &tr->rr[tr->n_rr++];
	memset(rr, 0, sizeof(*rr));
	rr->idref = sc_xstrdup(idref);
	rr->result = SC_RESULT_UNKNOWN;
	rr->weight = 1.0;
	return rr;
}

void
sc_testresult_add_fact(struct sc_testresult *tr, const char *name,
    const char *type, const char *value)
{
	struct sc_buf b = SC_BUF_INIT;

	sc_buf_reset(&b);
	sc_xml_safe_append(&b, value, strlen(value));
	SC_GROW(tr->facts, tr->cap_facts, tr->n_facts + 1);
	tr->facts[tr->n_facts].name = sc_xstrdup(name);
	tr->facts[tr->n_facts].type = sc_xstrdup(type ? type : "string");
	tr->facts[tr->n_facts].value = sc_buf_detach(&b);
	tr->n_facts++;
}

void
sc_testresult_set_fact(struct sc_testresult *tr, const char *name,
    const char *type, const char *value)
{
	struct sc_buf b = SC_BUF_INIT;

	for (size_t i = 0; i < tr->n_facts; i++) {
		if (strcmp(tr->facts[i].name, name) != 0)
			continue;
		sc_buf_reset(&b);
		sc_xml_safe_append(&b, value, strlen(value));
		free(tr->facts[i].value);
		tr->facts[i].value = sc_buf_detach(&b);
		return;
	}
	sc_testresult_add_fact(tr, name, type, value);
}

void
sc_testresult_add_check_doc(struct sc_testresult *tr, const char *system,
    xmlDocPtr doc)
{
	SC_GROW(tr->check_docs, tr->cap_check_docs, tr->n_check_docs + 1);
	tr->check_docs[tr->n_check_docs].system = sc_xstrdup(system);
	tr->check_docs[tr->n_check_docs].doc = doc;
	tr->n_check_docs++;
}

const char *
sc_testresult_fact(const struct sc_testresult *tr, const char *name)
{
	for (size_t i = 0; i < tr->n_facts; i++)
		if (strcmp(tr->facts[i].name, name) == 0)
			return tr->facts[i].value;
	return NULL;
}

char *
sc_rr_evidence(const struct sc_rule_result *rr, enum sc_msg_sev *sev)
{
	struct sc_buf b = SC_BUF_INIT;
	enum sc_msg_sev max = SC_MSG_INFO;
	size_t i;

	sc_buf_reset(&b);
	for (i = 0; i < rr->n_msgs; i++) {
		if (i > 0)
			sc_buf_addc(&b, '\n');
		sc_buf_adds(&b, rr->msgs[i].text);
		if (rr->msgs[i].sev > max)
			max = rr->msgs[i].sev;
	}
	if (rr->dropped > 0) {
		if (b.len > 0)
			sc_buf_addc(&b, '\n');
		sc_buf_addf(&b, SC_RR_MORE_FMT, rr->dropped);
	}
	if (sev)
		*sev = max;
	return sc_buf_detach(&b);
}

void
sc_testresult_count(const struct sc_testresult *tr, unsigned long *counts)
{
	size_t i;

	memset(counts, 0, SC_RESULT__COUNT * sizeof(*counts));
	for (i = 0; i < tr->n_rr; i++)
		if ((unsigned)tr->rr[i].result < SC_RESULT__COUNT)
			counts[tr->rr[i].result]++;
}

/* ---- evidence -------------------------------------------------------------- */

/* Length of a valid UTF-8 sequence at s (XML-allowed), or 0. */
static size_t
utf8_char(const unsigned char *s, size_t n)
{
	unsigned long cp;
	size_t len, i;

	if (s[0] < 0x80) {
		if (s[0] >= 0x20 || s[0] == '\t' || s[0] == '\n' || s[0] == '\r')
			return 1;
		return 0;
	}
	if ((s[0] & 0xe0) == 0xc0) {
		len = 2;
		cp = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		len = 3;
		cp = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		len = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	/* overlong forms, surrogates, non-characters XML forbids, range */
	if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
	    (len == 4 && cp < 0x10000) || cp > 0x10ffff ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp == 0xfffe || cp == 0xffff)
		return 0;
	return len;
}

void
sc_xml_safe_append(struct sc_buf *out, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		size_t l = utf8_char(p + i, n - i);

		if (l == 0) {
			sc_buf_addf(out, "\\x%02x", p[i]);
			i++;
			continue;
		}
		sc_buf_add(out, p + i, l);
		i += l;
	}
}

void
sc_rr_add(struct sc_rule_result *rr, enum sc_msg_sev sev, const char *text)
{
	struct sc_buf b = SC_BUF_INIT;

	if (rr->n_msgs >= SC_RESULT_MAX_MESSAGES) {
		rr->dropped++;
		return;
	}
	sc_buf_reset(&b);
	sc_xml_safe_append(&b, text, strlen(text));
	SC_GROW(rr->msgs, rr->cap_msgs, rr->n_msgs + 1);
	rr->msgs[rr->n_msgs].sev = sev;
	rr->msgs[rr->n_msgs].text = sc_buf_detach(&b);
	rr->n_msgs++;
}

void
sc_rr_addf(struct sc_rule_result *rr, enum sc_msg_sev sev, const char *fmt,
    ...)
{
	struct sc_buf b = SC_BUF_INIT;
	va_list ap;

	if (rr->n_msgs >= SC_RESULT_MAX_MESSAGES) {
		rr->dropped++;
		return;
	}
	va_start(ap, fmt);
	sc_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	sc_rr_add(rr, sev, b.data);
	sc_buf_free(&b);
}

void
sc_rr_set_check(struct sc_rule_result *rr, const struct sc_check *c)
{
	size_t i;

	free(rr->check_system);
	rr->check_system = sc_xstrdup(c->system);
	free(rr->check_selector);
	rr->check_selector = c->selector ? sc_xstrdup(c->selector) : NULL;
	rr->check_refs = sc_xcalloc(c->n_refs + 1, sizeof(*rr->check_refs));
	for (i = 0; i < c->n_refs; i++) {
		rr->check_refs[i].href = sc_xstrdup(c->refs[i].href);
		rr->check_refs[i].name = c->refs[i].name ?
		    sc_xstrdup(c->refs[i].name) : NULL;
	}
	rr->n_check_refs = c->n_refs;
	rr->check_has_content = c->content != NULL;
	rr->check_content = c->content;
}

/* ---- overrides ------------------------------------------------------------- */

static char *
xml_safe_dup(const char *s)
{
	struct sc_buf b = SC_BUF_INIT;

	sc_buf_reset(&b);
	sc_xml_safe_append(&b, s, strlen(s));
	return sc_buf_detach(&b);
}

void
sc_rr_set_override(struct sc_rule_result *rr, enum sc_result new_result,
    time_t when, const char *authority, const char *remark, time_t expires)
{
	struct sc_override *o = rr->ovr;

	if (o == NULL) {
		o = rr->ovr = sc_xcalloc(1, sizeof(*o));
		o->old_result = rr->result;
	}
	free(o->authority);
	free(o->remark);
	o->new_result = new_result;
	o->time = when;
	o->authority = xml_safe_dup(authority);
	o->remark = xml_safe_dup(remark);
	o->expires = expires;
	rr->result = new_result;
}

int
sc_override_is_waiver(const struct sc_override *o)
{
	return o != NULL && o->old_result == SC_RESULT_FAIL &&
	    o->new_result != SC_RESULT_FAIL;
}

unsigned long
sc_testresult_overridden(const struct sc_testresult *tr)
{
	unsigned long n = 0;

	for (size_t i = 0; i < tr->n_rr; i++)
		n += tr->rr[i].ovr != NULL;
	return n;
}

#define EXPIRES_OPEN " [expires "

char *
sc_override_remark(const struct sc_override *o)
{
	char day[16];

	if (o->expires == 0)
		return sc_xstrdup(o->remark);
	sc_time_date(o->expires, day, sizeof(day));
	return sc_xasprintf("%s" EXPIRES_OPEN "%s]", o->remark, day);
}

void
sc_override_parse_remark(const char *remark, char **reason, time_t *expires)
{
	const char *p = strstr(remark, EXPIRES_OPEN), *q;
	struct tm tm;

	*expires = 0;
	/* only a well-formed suffix at the very end counts */
	while (p && strstr(p + 1, EXPIRES_OPEN))
		p = strstr(p + 1, EXPIRES_OPEN);
	memset(&tm, 0, sizeof(tm));
	if (p && (q = strptime(p + strlen(EXPIRES_OPEN), "%Y-%m-%d", &tm)) &&
	    strcmp(q, "]") == 0) {
		*expires = timegm(&tm);
		*reason = sc_xstrndup(remark, (size_t)(p - remark));
		return;
	}
	*reason = sc_xstrdup(remark);
}

char *
sc_override_line(const struct sc_override *o)
{
	char day[16], exp[32] = "";

	sc_time_date(o->time, day, sizeof(day));
	if (o->expires) {
		memcpy(exp, "; expires ", 11);
		sc_time_date(o->expires, exp + 10, sizeof(exp) - 10);
	}
	return sc_xasprintf("%s by %s on %s (evaluated %s%s): %s",
	    sc_override_is_waiver(o) ? "Waived" : "Reviewed", o->authority, day,
	    sc_result_name(o->old_result), exp, o->remark);
}

void
sc_time_date(time_t t, char *buf, size_t n)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%d", &tm);
}

/* ---- time ------------------------------------------------------------------ */

void
sc_time_iso8601(time_t t, char *buf, size_t n)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%dT%H:%M:%S+00:00", &tm);
}

int
sc_time_parse_iso8601(const char *s, time_t *t)
{
	struct tm tm;
	const char *p;
	long off = 0;

	memset(&tm, 0, sizeof(tm));
	p = strptime(s, "%Y-%m-%dT%H:%M:%S", &tm);
	if (p == NULL)
		return -1;
	if (*p == '.')
		while (*++p >= '0' && *p <= '9')
			;
	if (*p == 'Z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		int hh, mm;
		if (sscanf(p + 1, "%2d:%2d", &hh, &mm) != 2)
			return -1;
		off = (hh * 3600L + mm * 60L) * (*p == '-' ? -1 : 1);
		p += 6;
	}
	if (*p != '\0')
		return -1;
	*t = timegm(&tm) - off;
	return 0;
}
