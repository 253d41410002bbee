/*
 * oscal.c - OSCAL 1.1.3 assessment results and POA&M (oscal.h).
 */
#include "reports/oscal.h"

#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "reports/ruletext.h"
#include "util/fsutil.h"
#include "util/uuid.h"

#define NS "https://stigcheck.org/ns/oscal"
#define CCI_SYSTEM "http://cyber.mil/cci"

char *
sc_oscal_control_id(const char *s)
{
	struct sc_buf b = SC_BUF_INIT;
	const char *p = s;

	while (*p == ' ')
		p++;
	if (!isupper((unsigned char)p[0]) || !isupper((unsigned char)p[1]) ||
	    p[2] != '-' || !isdigit((unsigned char)p[3]))
		return NULL;
	sc_buf_reset(&b);
	sc_buf_addc(&b, (char)tolower((unsigned char)p[0]));
	sc_buf_addc(&b, (char)tolower((unsigned char)p[1]));
	sc_buf_addc(&b, '-');
	for (p += 3; isdigit((unsigned char)*p); p++)
		sc_buf_addc(&b, *p);
	/* families are two letters, controls at most two digits ("SI-23"),
	 * followed by nothing, a space or "(": not "SV-203780r1_rule" */
	if (b.len > 5 || (*p && *p != ' ' && *p != '(')) {
		sc_buf_free(&b);
		return NULL;
	}
	while (*p == ' ')
		p++;
	/* an enhancement is a number in parentheses; "(a)" is a part */
	if (p[0] == '(' && isdigit((unsigned char)p[1])) {
		sc_buf_addc(&b, '.');
		for (p++; isdigit((unsigned char)*p); p++)
			sc_buf_addc(&b, *p);
	}
	return sc_buf_detach(&b);
}

static void
add_control(struct sc_strv *out, const char *text)
{
	char *id = text ? sc_oscal_control_id(text) : NULL;
	size_t i;

	if (id == NULL)
		return;
	for (i = 0; i < out->n; i++)
		if (strcmp(out->v[i], id) == 0) {
			free(id);
			return;
		}
	sc_strv_push_owned(out, id);
}

void
sc_oscal_rule_controls(const struct sc_srg *srg, const char *idref,
    const struct sc_item *rule, struct sc_strv *out)
{
	const struct sc_srg_rule *sr;
	size_t i;

	for (i = 0; rule && i < rule->n_refs; i++)
		if (rule->refs[i].href && strstr(rule->refs[i].href, "800-53"))
			add_control(out, rule->refs[i].text);
	if (srg == NULL)
		return;
	for (i = 0; rule && i < rule->n_idents; i++)
		if (rule->idents[i].system &&
		    !strcmp(rule->idents[i].system, CCI_SYSTEM))
			add_control(out, sc_srg_cci_nist(srg,
			    rule->idents[i].value));
	if ((sr = sc_srg_match(srg, idref, rule)) != NULL)
		for (i = 0; i < sr->ccis.n; i++)
			add_control(out, sc_srg_cci_nist(srg, sr->ccis.v[i]));
}

/* ---- helpers ------------------------------------------------------------ */

/* A single-line, trimmed, non-empty string (OSCAL StringDatatype). */
static json_t *
line(const char *s, const char *dflt)
{
	struct sc_buf b = SC_BUF_INIT;
	json_t *j;
	int space = 0;

	sc_buf_reset(&b);
	for (; s && *s; s++) {
		if (isspace((unsigned char)*s)) {
			space = b.len > 0;
			continue;
		}
		if (space)
			sc_buf_addc(&b, ' ');
		space = 0;
		sc_buf_addc(&b, *s);
	}
	j = json_string(b.len ? b.data : dflt);
	if (j == NULL)		/* not UTF-8: cannot happen for XML text */
		j = json_string(dflt);
	sc_buf_free(&b);
	return j;
}

static json_t *
text(const char *s, const char *dflt)
{
	json_t *j = json_string(s && *s ? s : dflt);

	return j ? j : json_string(dflt);
}

static json_t *
prop(const char *name, const char *value)
{
	return json_pack("{s:s, s:s, s:o}", "name", name, "ns", NS, "value",
	    line(value, "none"));
}

struct doc {
	const struct sc_content *c;
	const struct sc_testresult *tr;
	struct sc_srg *srg;
	char ns[SC_UUID_LEN];		/* namespace of this document's UUIDs */
	char inv[SC_UUID_LEN];		/* the target's inventory item */
	char tool[SC_UUID_LEN];		/* stigcheck's component */
	char start[40], end[40];
};

static void
uuid_of(const struct doc *d, const char *kind, const char *idref,
    char out[SC_UUID_LEN])
{
	char *name = sc_xasprintf("%s\n%s", kind, idref ? idref : "");

	sc_uuid_v5(d->ns, name, out);
	free(name);
}

static const char *
nz(const char *s)
{
	return s ? s : "";
}

static int
doc_init(struct doc *d, const char *kind, const struct sc_content *c,
    const struct sc_testresult *tr, struct sc_err *err)
{
	char *name;
	int r;

	memset(d, 0, sizeof(*d));
	d->c = c;
	d->tr = tr;
	if ((r = sc_srg_builtin(&d->srg, err)) < 0)
		return r;
	sc_time_iso8601(tr->start_time, d->start, sizeof(d->start));
	sc_time_iso8601(tr->end_time, d->end, sizeof(d->end));
	name = sc_xasprintf("oscal %s\n%s\n%s\n%s\n%s", kind, nz(tr->target),
	    nz(tr->benchmark_id), nz(tr->id), d->start);
	sc_uuid_v5(SC_UUID_NS, name, d->ns);
	free(name);
	/* the same target and tool in both documents */
	name = sc_xasprintf("oscal\n%s\n%s\n%s", nz(tr->target), nz(tr->id),
	    d->start);
	{
		char base[SC_UUID_LEN];

		sc_uuid_v5(SC_UUID_NS, name, base);
		sc_uuid_v5(base, "inventory-item", d->inv);
		sc_uuid_v5(base, "tool", d->tool);
	}
	free(name);
	return SC_OK;
}

static json_t *
metadata(const struct doc *d, const char *title)
{
	const struct sc_testresult *tr = d->tr;
	char *t = sc_xasprintf("%s: %s, %s", title, nz(tr->target),
	    nz(tr->benchmark_id));
	json_t *m = json_pack("{s:o, s:s, s:o, s:s, s:[o, o]}",
	    "title", line(t, title),
	    "last-modified", d->end,
	    "version", line(tr->benchmark_version, "1"),
	    "oscal-version", SC_OSCAL_VERSION,
	    "props", prop("benchmark-id", tr->benchmark_id),
	    prop("profile-id", tr->profile_id ? tr->profile_id : "(default)"));

	free(t);
	return m;
}

/* A fact's URN as an OSCAL token: "urn:stigcheck:fact:target:kind" ->
 * "target.kind". */
static char *
fact_token(const char *urn)
{
	const char *p = strstr(urn, ":fact:");
	char *t = sc_xstrdup(p ? p + 6 : urn), *q;

	for (q = t; *q; q++)
		if (!isalnum((unsigned char)*q) && *q != '-' && *q != '_' &&
		    *q != '.')
			*q = '.';
	if (!isalpha((unsigned char)t[0])) {
		char *u = sc_xasprintf("f%s", t);

		free(t);
		t = u;
	}
	return t;
}

static json_t *
local_definitions(const struct doc *d)
{
	const struct sc_testresult *tr = d->tr;
	json_t *props = json_array();
	char *desc;
	size_t i;

	for (i = 0; i < tr->n_facts; i++) {
		char *tok;

		if (tr->facts[i].value == NULL || tr->facts[i].value[0] == '\0')
			continue;
		tok = fact_token(tr->facts[i].name);
		json_array_append_new(props, prop(tok, tr->facts[i].value));
		free(tok);
	}
	desc = sc_xasprintf("The scanned target: %s", nz(tr->target));
	{
		json_t *inv = json_pack("{s:s, s:o}", "uuid", d->inv,
		    "description", text(desc, "the scanned target"));

		if (json_array_size(props))
			json_object_set_new(inv, "props", props);
		else
			json_decref(props);
		free(desc);
		return json_pack("{s:[{s:s, s:s, s:s, s:s, s:{s:s}}], s:[o]}",
		    "components", "uuid", d->tool, "type", "software",
		    "title", "stigcheck " STIGCHECK_VERSION,
		    "description", "stigcheck, the scanner that produced "
		    "these results", "status", "state", "operational",
		    "inventory-items", inv);
	}
}

static int
is_examine(const struct sc_rule_result *rr)
{
	/* a person's review (not a waiver of a failing check) is examined */
	if (rr->ovr && !sc_override_is_waiver(rr->ovr))
		return 1;
	return rr->result == SC_RESULT_NOTCHECKED ||
	    (rr->check_system && strstr(rr->check_system, "manual"));
}

static const char *
rule_title(const struct sc_rule_result *rr)
{
	return rr->rule && rr->rule->title ? rr->rule->title : rr->idref;
}

static json_t *
observation(const struct doc *d, const struct sc_rule_result *rr)
{
	char u[SC_UUID_LEN], t[40];
	char *ev = sc_rr_evidence(rr, NULL);
	char *desc = sc_xasprintf("%s: %s", rr->idref, sc_result_name(rr->result));
	json_t *o;

	uuid_of(d, "observation", rr->idref, u);
	sc_time_iso8601(rr->time ? rr->time : d->tr->end_time, t, sizeof(t));
	o = json_pack("{s:s, s:o, s:o, s:[s], s:[o, o, o], s:[{s:s, s:s}], s:s}",
	    "uuid", u, "title", line(rule_title(rr), rr->idref),
	    "description", text(desc, rr->idref),
	    "methods", is_examine(rr) ? "EXAMINE" : "TEST",
	    "props", prop("rule-id", rr->idref),
	    prop("result", sc_result_name(rr->result)),
	    prop("severity", sc_severity_name(rr->severity)),
	    "subjects", "subject-uuid", d->inv, "type", "inventory-item",
	    "collected", t);
	if (rr->ovr) {
		char *ol = sc_override_line(rr->ovr);
		char *all = sc_xasprintf("%s%s%s", ol, ev[0] ? "\n" : "", ev);

		free(ev);
		ev = all;
		free(ol);
		json_array_append_new(json_object_get(o, "props"),
		    prop("evaluated-result", sc_result_name(rr->ovr->old_result)));
		json_object_set_new(o, "remarks", text(rr->ovr->remark,
		    "reviewed"));
	}
	if (ev[0])
		json_object_set_new(o, "relevant-evidence",
		    json_pack("[{s:o}]", "description", text(ev, "none")));
	free(ev);
	free(desc);
	return o;
}

/* fail, error, unknown, notchecked: a risk someone has to act on */
static int
is_open(enum sc_result r)
{
	return r == SC_RESULT_FAIL || r == SC_RESULT_ERROR ||
	    r == SC_RESULT_UNKNOWN || r == SC_RESULT_NOTCHECKED;
}

static int
is_finding(enum sc_result r)
{
	return r != SC_RESULT_PASS && r != SC_RESULT_NOTAPPLICABLE &&
	    r != SC_RESULT_NOTSELECTED;
}

static json_t *
risk(const struct doc *d, const struct sc_rule_result *rr)
{
	struct sc_buf fix = SC_BUF_INIT, why = SC_BUF_INIT;
	char u[SC_UUID_LEN], ru[SC_UUID_LEN], ou[SC_UUID_LEN];
	int waived = sc_override_is_waiver(rr->ovr);
	char *stmt;
	json_t *r;

	sc_buf_reset(&fix);
	sc_buf_reset(&why);
	uuid_of(d, "risk", rr->idref, u);
	uuid_of(d, "remediation", rr->idref, ru);
	uuid_of(d, "observation", rr->idref, ou);
	sc_ruletext(&fix, rr->rule, SC_RULETEXT_FIX);
	sc_ruletext(&why, rr->rule, SC_RULETEXT_RATIONALE);
	if (waived) {
		char *ol = sc_override_line(rr->ovr);

		stmt = sc_xasprintf("%s (severity %s): the target does not meet "
		    "the rule; the risk is accepted. %s", rr->idref,
		    sc_severity_name(rr->severity), ol);
		free(ol);
	} else {
		stmt = sc_xasprintf("%s (severity %s): %s", rr->idref,
		    sc_severity_name(rr->severity), rr->result ==
		    SC_RESULT_FAIL ? "the target does not meet the rule" :
		    rr->result == SC_RESULT_NOTCHECKED ? "the rule needs a "
		    "manual review" : "the rule could not be evaluated");
	}
	r = json_pack("{s:s, s:o, s:o, s:o, s:s, s:[{s:{s:[{s:s, s:s}]}, "
	    "s:[{s:s, s:s, s:s}]}], s:[{s:s, s:s, s:o, s:o}], "
	    "s:[{s:s}]}",
	    "uuid", u, "title", line(rule_title(rr), rr->idref),
	    "description", text(why.len ? why.data : NULL, rule_title(rr)),
	    "statement", line(stmt, rr->idref),
	    "status", waived ? "deviation-approved" : "open",
	    "characterizations", "origin", "actors", "type", "tool",
	    "actor-uuid", d->tool,
	    "facets", "name", "severity", "system", NS,
	    "value", sc_severity_name(rr->severity),
	    "remediations", "uuid", ru, "lifecycle", "recommendation",
	    "title", line("Fix", "Fix"), "description",
	    text(fix.len ? fix.data : NULL, "The content gives no fix text "
	    "for this rule."),
	    "related-observations", "observation-uuid", ou);
	if (waived) {
		char t[40], lu[SC_UUID_LEN];

		uuid_of(d, "risk-log", rr->idref, lu);
		sc_time_iso8601(rr->ovr->time, t, sizeof(t));
		json_object_set_new(r, "risk-log", json_pack("{s:[{s:s, s:s, "
		    "s:o, s:s, s:s}]}", "entries", "uuid", lu, "title",
		    "Deviation approved", "description", text(rr->ovr->remark,
		    "waived"), "start", t, "status-change",
		    "deviation-approved"));
		if (rr->ovr->expires) {
			sc_time_iso8601(rr->ovr->expires, t, sizeof(t));
			json_object_set_new(r, "deadline", json_string(t));
		}
	}
	free(stmt);
	sc_buf_free(&fix);
	sc_buf_free(&why);
	return r;
}

/* One finding per control of the rule (or one on the rule itself). */
static void
findings(const struct doc *d, const struct sc_rule_result *rr, json_t *out)
{
	struct sc_strv ctl = { NULL, 0, 0 };
	char u[SC_UUID_LEN], ou[SC_UUID_LEN], ru[SC_UUID_LEN];
	int sat = rr->result == SC_RESULT_FIXED;
	/* a waived rule is judged by what the checks found */
	enum sc_result res = sc_override_is_waiver(rr->ovr) ?
	    rr->ovr->old_result : rr->result;
	size_t i, n;

	sc_oscal_rule_controls(d->srg, rr->idref, rr->rule, &ctl);
	uuid_of(d, "observation", rr->idref, ou);
	uuid_of(d, "risk", rr->idref, ru);
	n = ctl.n ? ctl.n : 1;
	for (i = 0; i < n; i++) {
		char *key = sc_xasprintf("%s\n%s", rr->idref,
		    ctl.n ? ctl.v[i] : "");
		char *tid = ctl.n ? sc_xasprintf("%s_smt", ctl.v[i]) :
		    sc_xstrdup(rr->idref);
		char *desc = sc_xasprintf("%s: %s", rr->idref,
		    sc_result_name(rr->result));
		json_t *f, *target;

		uuid_of(d, "finding", key, u);
		target = json_pack("{s:s, s:s, s:{s:s, s:s}}",
		    "type", ctl.n ? "statement-id" : "objective-id",
		    "target-id", tid, "status", "state",
		    sat ? "satisfied" : "not-satisfied", "reason",
		    sat ? "pass" : res == SC_RESULT_FAIL ? "fail" : "other");
		if (!ctl.n)
			json_object_set_new(target, "remarks", json_string(
			    "No NIST SP 800-53 control is known for this rule; "
			    "the target is the rule itself."));
		f = json_pack("{s:s, s:o, s:o, s:o, s:[{s:s}]}",
		    "uuid", u, "title", line(rule_title(rr), rr->idref),
		    "description", text(desc, rr->idref), "target", target,
		    "related-observations", "observation-uuid", ou);
		if (is_open(rr->result) || sc_override_is_waiver(rr->ovr))
			json_object_set_new(f, "related-risks",
			    json_pack("[{s:s}]", "risk-uuid", ru));
		json_array_append_new(out, f);
		free(key);
		free(tid);
		free(desc);
	}
	sc_strv_free(&ctl);
}

static int
save(json_t *root, const char *path, struct sc_err *err)
{
	char *s = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	int r;

	json_decref(root);
	if (s == NULL)
		return sc_err_set(err, SC_ERR_NOMEM, "cannot render '%s'", path);
	r = sc_write_atomic(path, s, strlen(s), err);
	free(s);
	return r;
}

static void
array_or_drop(json_t *o, const char *key, json_t *a)
{
	if (json_array_size(a))
		json_object_set_new(o, key, a);
	else
		json_decref(a);
}

int
sc_oscal_write_ar(const struct sc_content *c, const struct sc_testresult *tr,
    const char *path, struct sc_err *err)
{
	json_t *obs = json_array(), *fnd = json_array(), *rsk = json_array();
	json_t *res, *root;
	char ru[SC_UUID_LEN], bu[SC_UUID_LEN], *title, *desc, *href;
	struct doc d;
	size_t i;
	int r;

	if ((r = doc_init(&d, "assessment-results", c, tr, err)) < 0) {
		json_decref(obs);
		json_decref(fnd);
		json_decref(rsk);
		return r;
	}
	for (i = 0; i < tr->n_rr; i++) {
		const struct sc_rule_result *rr = &tr->rr[i];

		if (rr->result == SC_RESULT_NOTSELECTED)
			continue;
		json_array_append_new(obs, observation(&d, rr));
		/* a waived failure stays a finding, its risk deviation-approved */
		if (is_finding(rr->result) || sc_override_is_waiver(rr->ovr))
			findings(&d, rr, fnd);
		if (is_open(rr->result) || sc_override_is_waiver(rr->ovr))
			json_array_append_new(rsk, risk(&d, rr));
	}
	uuid_of(&d, "result", tr->id, ru);
	uuid_of(&d, "back-matter", tr->id, bu);
	title = sc_xasprintf("stigcheck scan of %s", nz(tr->target));
	desc = sc_xasprintf("%s version %s, profile %s, evaluated by stigcheck "
	    "%s against %s.", nz(tr->benchmark_id), nz(tr->benchmark_version),
	    tr->profile_id ? tr->profile_id : "(default selection)",
	    STIGCHECK_VERSION, nz(tr->target));
	res = json_pack("{s:s, s:o, s:o, s:s, s:s, s:o, s:{s:[{s:{}}]}}",
	    "uuid", ru, "title", line(title, "stigcheck scan"),
	    "description", text(desc, "stigcheck scan"),
	    "start", d.start, "end", d.end,
	    "local-definitions", local_definitions(&d),
	    "reviewed-controls", "control-selections", "include-all");
	array_or_drop(res, "observations", obs);
	array_or_drop(res, "findings", fnd);
	array_or_drop(res, "risks", rsk);
	href = sc_xasprintf("#%s", bu);
	root = json_pack("{s:{s:s, s:o, s:{s:s, s:s}, s:[o], s:{s:[{s:s, s:s, "
	    "s:s, s:[{s:s}]}]}}}",
	    "assessment-results", "uuid", d.ns,
	    "metadata", metadata(&d, "Assessment results"),
	    "import-ap", "href", href, "remarks", "There is no separate "
	    "assessment plan: the plan is the XCCDF benchmark and profile "
	    "named in the back matter.",
	    "results", res,
	    "back-matter", "resources", "uuid", bu,
	    "title", "XCCDF results with the benchmark that was evaluated",
	    "description", nz(tr->benchmark_href),
	    "rlinks", "href", "results.xml");
	free(title);
	free(desc);
	free(href);
	sc_srg_free(d.srg);
	if (root == NULL)
		return sc_err_set(err, SC_ERR_INTERNAL, "cannot build '%s'", path);
	return save(root, path, err);
}

int
sc_oscal_write_poam(const struct sc_content *c,
    const struct sc_testresult *tr, const char *path, struct sc_err *err)
{
	json_t *obs = json_array(), *rsk = json_array(), *items = json_array();
	json_t *poam, *root;
	struct doc d;
	size_t i;
	int r;

	if ((r = doc_init(&d, "poam", c, tr, err)) < 0) {
		json_decref(obs);
		json_decref(rsk);
		json_decref(items);
		return r;
	}
	for (i = 0; i < tr->n_rr; i++) {
		const struct sc_rule_result *rr = &tr->rr[i];
		char u[SC_UUID_LEN], ou[SC_UUID_LEN], ru[SC_UUID_LEN];
		char *desc;

		/* open findings, and waived ones as approved deviations */
		if (rr->result != SC_RESULT_FAIL &&
		    rr->result != SC_RESULT_NOTCHECKED &&
		    !sc_override_is_waiver(rr->ovr))
			continue;
		json_array_append_new(obs, observation(&d, rr));
		json_array_append_new(rsk, risk(&d, rr));
		uuid_of(&d, "poam-item", rr->idref, u);
		uuid_of(&d, "observation", rr->idref, ou);
		uuid_of(&d, "risk", rr->idref, ru);
		desc = sc_override_is_waiver(rr->ovr) ? sc_xasprintf("%s fails "
		    "on %s; the deviation is approved (risk accepted), it is "
		    "not an open finding.", rr->idref, nz(tr->target)) :
		    sc_xasprintf("%s is %s on %s.", rr->idref,
		    sc_result_name(rr->result), nz(tr->target));
		json_array_append_new(items, json_pack(
		    "{s:s, s:o, s:o, s:[o], s:[{s:s}], s:[{s:s}]}",
		    "uuid", u, "title", line(rule_title(rr), rr->idref),
		    "description", text(desc, rr->idref),
		    "props", prop("result", sc_result_name(rr->result)),
		    "related-observations", "observation-uuid", ou,
		    "related-risks", "risk-uuid", ru));
		free(desc);
	}
	poam = json_pack("{s:s, s:o, s:o}", "uuid", d.ns,
	    "metadata", metadata(&d, "Plan of action and milestones"),
	    "local-definitions", local_definitions(&d));
	array_or_drop(poam, "observations", obs);
	array_or_drop(poam, "risks", rsk);
	/* the schema wants at least one item: say there is nothing to do */
	if (json_array_size(items) == 0) {
		char u[SC_UUID_LEN];

		uuid_of(&d, "poam-item", "", u);
		json_array_append_new(items, json_pack("{s:s, s:s, s:s}",
		    "uuid", u, "title", "No open findings",
		    "description", "No selected rule failed or awaits a "
		    "manual review: nothing to plan."));
	}
	json_object_set_new(poam, "poam-items", items);
	root = json_pack("{s:o}", "plan-of-action-and-milestones", poam);
	sc_srg_free(d.srg);
	if (root == NULL)
		return sc_err_set(err, SC_ERR_INTERNAL, "cannot build '%s'", path);
	return save(root, path, err);
}
