/*
 * ruleinfo.c - one rule-result as the machine-readable writers see it
 * (ruleinfo.h).
 */
#include "reports/ruleinfo.h"

#include <stdlib.h>
#include <string.h>

void
sc_ruleinfo_init(struct sc_ruleinfo *ri, const struct sc_srg *srg,
    const struct sc_rule_result *rr)
{
	const struct sc_srg_rule *s = srg ?
	    sc_srg_match(srg, rr->idref, rr->rule) : NULL;
	char *ev, *p, *nl;

	memset(ri, 0, sizeof(*ri));
	ri->rr = rr;
	ri->id = rr->idref;
	ri->title = rr->rule && rr->rule->title ? rr->rule->title : "";
	ri->severity = sc_severity_name(rr->severity);
	ri->result = sc_result_name(rr->result);
	if (s != NULL) {
		ri->vuln_id = s->vuln_id;
		ri->sv_id = s->rule_id;
		ri->srg_id = s->srg_id;
	}
	/* a person's review or waiver comes first (xccdf/review.h) */
	if (rr->ovr)
		sc_strv_push_owned(&ri->evidence, sc_override_line(rr->ovr));
	ev = sc_rr_evidence(rr, NULL);
	for (p = ev; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		if (nl == NULL) {
			sc_strv_push(&ri->evidence, p);
			break;
		}
		sc_strv_push_owned(&ri->evidence, sc_xstrndup(p,
		    (size_t)(nl - p)));
	}
	free(ev);
}

void
sc_ruleinfo_free(struct sc_ruleinfo *ri)
{
	if (ri == NULL)
		return;
	sc_strv_free(&ri->evidence);
}

int
sc_ruleinfo_listed(const struct sc_rule_result *rr)
{
	return rr->result != SC_RESULT_NOTSELECTED;
}

char *
sc_ruleinfo_evidence_text(const struct sc_ruleinfo *ri)
{
	struct sc_buf b = SC_BUF_INIT;
	size_t i;

	sc_buf_reset(&b);
	for (i = 0; i < ri->evidence.n; i++) {
		if (i > 0)
			sc_buf_addc(&b, '\n');
		sc_buf_adds(&b, ri->evidence.v[i]);
	}
	return sc_buf_detach(&b);
}

json_t *
sc_ruleinfo_jstr(const char *s)
{
	struct sc_buf b = SC_BUF_INIT;
	json_t *j;

	if (s == NULL)
		return json_null();
	if ((j = json_string(s)) != NULL)
		return j;
	sc_buf_reset(&b);
	sc_xml_safe_append(&b, s, strlen(s));
	j = json_string(b.data);
	sc_buf_free(&b);
	return j ? j : json_string("");
}
