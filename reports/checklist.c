/*
 * checklist.c - mapping results onto the GPOS SRG (checklist.h).
 */
#include "reports/checklist.h"
#include "reports/ruletext.h"
#include "xccdf/review.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FACT_FQDN "urn:xccdf:fact:asset:identifier:fqdn"
#define FACT_MAC "urn:xccdf:fact:asset:identifier:mac"
#define FACT_ETHER_MAC "urn:xccdf:fact:ethernet:MAC"
#define FACT_KIND "urn:stigcheck:fact:target:kind"
#define FACT_PATH "urn:stigcheck:fact:target:path"
#define FACT_OS "urn:scap:fact:asset:identifier:os_name"
#define FACT_SCANNER_VERSION "urn:xccdf:fact:scanner:version"
#define FACT_CONTAINER "urn:stigcheck:fact:container:"
#define FACT_IMAGE "urn:stigcheck:fact:image:"

static const char *ckl_names[SC_CKL__COUNT] = {
	"Not_Reviewed", "Not_Applicable", "Open", "NotAFinding",
};
static const char *cklb_names[SC_CKL__COUNT] = {
	"not_reviewed", "not_applicable", "open", "not_a_finding",
};

const char *
sc_ckl_status_name(enum sc_ckl_status s)
{
	return (unsigned)s < SC_CKL__COUNT ? ckl_names[s] : ckl_names[0];
}

const char *
sc_cklb_status_name(enum sc_ckl_status s)
{
	return (unsigned)s < SC_CKL__COUNT ? cklb_names[s] : cklb_names[0];
}

static int
rank(enum sc_result r)
{
	switch (r) {
	case SC_RESULT_ERROR:		return 8;
	case SC_RESULT_UNKNOWN:		return 7;
	case SC_RESULT_FAIL:		return 6;
	case SC_RESULT_NOTCHECKED:	return 5;
	case SC_RESULT_INFORMATIONAL:	return 4;
	case SC_RESULT_PASS:
	case SC_RESULT_FIXED:		return 3;
	case SC_RESULT_NOTAPPLICABLE:	return 2;
	case SC_RESULT_NOTSELECTED:	return 1;
	default:			return 8;
	}
}

int
sc_checklist_worse(enum sc_result a, enum sc_result b)
{
	return rank(a) > rank(b);
}

enum sc_ckl_status
sc_checklist_status(enum sc_result r)
{
	switch (r) {
	case SC_RESULT_PASS:
	case SC_RESULT_FIXED:
		return SC_CKL_NOT_A_FINDING;
	case SC_RESULT_FAIL:
		return SC_CKL_OPEN;
	case SC_RESULT_NOTAPPLICABLE:
		return SC_CKL_NOT_APPLICABLE;
	default:
		return SC_CKL_NOT_REVIEWED;
	}
}

/* ---- text of content rules ---------------------------------------------- */

static char *
cap_text(struct sc_buf *b)
{
	static const char more[] = "\n... (cut: over the checklist text limit)";

	if (b->len > SC_CHECKLIST_TEXT_MAX) {
		size_t keep = SC_CHECKLIST_TEXT_MAX - (sizeof(more) - 1);

		/* do not cut a UTF-8 sequence in two */
		while (keep > 0 && ((unsigned char)b->data[keep] & 0xc0) == 0x80)
			keep--;
		b->len = keep;
		b->data[keep] = '\0';
		sc_buf_adds(b, more);
	}
	return sc_buf_detach(b);
}

/* One of the content rules' texts; with several rules, each is titled. */
static char *
joined_text(const struct sc_checklist_item *it, enum sc_ruletext_kind t)
{
	struct sc_buf b = SC_BUF_INIT, one = SC_BUF_INIT;
	size_t i, shown = 0;

	sc_buf_reset(&b);
	for (i = 0; i < it->n_rr; i++) {
		const struct sc_rule_result *rr = it->rr[i];

		sc_buf_reset(&one);
		sc_ruletext(&one, rr->rule, t);
		if (one.len == 0)
			continue;
		if (shown++ > 0)
			sc_buf_adds(&b, "\n\n");
		if (it->n_rr > 1)
			sc_buf_addf(&b, "%s:\n", rr->rule && rr->rule->title ?
			    rr->rule->title : rr->idref);
		sc_buf_add(&b, one.data, one.len);
	}
	sc_buf_free(&one);
	return cap_text(&b);
}

/* ---- details and comments ------------------------------------------------------ */

static const char *
scanner_version(const struct sc_testresult *tr)
{
	const char *v = sc_testresult_fact(tr, FACT_SCANNER_VERSION), *p;

	if (v)
		return v;
	/* cpe:/a:stigcheck:stigcheck:0.1.0 */
	p = tr->test_system ? strrchr(tr->test_system, ':') : NULL;
	return p ? p + 1 : "";
}

static void
item_texts(struct sc_checklist_item *it, const struct sc_testresult *tr)
{
	struct sc_buf d = SC_BUF_INIT, c = SC_BUF_INIT;
	unsigned long counts[SC_RESULT__COUNT] = { 0 };
	char when[32];
	size_t i;
	int first = 1;

	sc_buf_reset(&d);
	sc_buf_reset(&c);
	sc_time_iso8601(tr->end_time, when, sizeof(when));
	if (it->n_rr == 0) {
		sc_buf_addf(&c, "Not evaluated: no rule of %s %s checks this "
		    "requirement; review it manually. (stigcheck %s, target "
		    "%s, %s)", tr->benchmark_id ? tr->benchmark_id : "",
		    tr->benchmark_version ? tr->benchmark_version : "",
		    scanner_version(tr), tr->target ? tr->target : "", when);
		it->details = sc_buf_detach(&d);
		it->comments = sc_buf_detach(&c);
		goto texts;
	}
	for (i = 0; i < it->n_rr; i++) {
		const struct sc_rule_result *rr = it->rr[i];
		char *ev = sc_rr_evidence(rr, NULL);

		counts[rr->result]++;
		if (i > 0)
			sc_buf_adds(&d, "\n\n");
		sc_buf_addf(&d, "[%s%s%s] %s (%s)", sc_result_name(rr->result),
		    rr->ovr ? ", evaluated " : "", rr->ovr ?
		    sc_result_name(rr->ovr->old_result) : "",
		    rr->rule && rr->rule->title ? rr->rule->title : rr->idref,
		    rr->idref);
		/* a person's review or waiver leads COMMENTS (review.h) */
		if (rr->ovr) {
			sc_review_comment(rr, &c);
			sc_buf_addc(&c, '\n');
		}
		if (ev[0])
			sc_buf_addf(&d, "\n%s", ev);
		else if (rr->result == SC_RESULT_NOTSELECTED)
			sc_buf_adds(&d, "\nnot selected by the profile");
		free(ev);
	}
	sc_buf_addf(&c, SC_REVIEW_AUTOMATED " %s with %s %s",
	    scanner_version(tr), tr->benchmark_id ? tr->benchmark_id : "",
	    tr->benchmark_version ? tr->benchmark_version : "");
	if (tr->profile_id)
		sc_buf_addf(&c, " (profile %s)", tr->profile_id);
	sc_buf_addf(&c, ", target %s, %s. %zu rule%s check%s this "
	    "requirement (", tr->target ? tr->target : "", when, it->n_rr,
	    it->n_rr == 1 ? "" : "s", it->n_rr == 1 ? "s" : "");
	for (i = 0; i < SC_RESULT__COUNT; i++) {
		if (counts[i] == 0)
			continue;
		sc_buf_addf(&c, "%s%lu %s", first ? "" : ", ", counts[i],
		    sc_result_name((enum sc_result)i));
		first = 0;
	}
	sc_buf_addf(&c, ")%s; status %s.", it->n_rr > 1 ?
	    ", the worst result decides" : "", sc_ckl_status_name(it->status));
	it->details = cap_text(&d);
	it->comments = cap_text(&c);
texts:
	it->discussion = joined_text(it, SC_RULETEXT_DESCRIPTION);
	it->check_text = joined_text(it, SC_RULETEXT_CHECK);
	it->fix_text = joined_text(it, SC_RULETEXT_FIX);
	sc_buf_free(&d);
	sc_buf_free(&c);
}

/* ---- asset ------------------------------------------------------------------- */

static const char *
nz(const char *s)
{
	return s ? s : "";
}

static void
asset(struct sc_checklist *cl, const struct sc_testresult *tr)
{
	struct sc_buf b = SC_BUF_INIT;
	const char *v;
	size_t i;

	cl->host_name = nz(tr->target);
	cl->fqdn = nz(sc_testresult_fact(tr, FACT_FQDN));
	cl->ip = tr->target_addresses.n > 0 ? tr->target_addresses.v[0] : "";
	v = sc_testresult_fact(tr, FACT_MAC);
	cl->mac = nz(v ? v : sc_testresult_fact(tr, FACT_ETHER_MAC));

	sc_buf_reset(&b);
	if ((v = sc_testresult_fact(tr, FACT_KIND)) != NULL)
		sc_buf_addf(&b, "%s", v);
	if ((v = sc_testresult_fact(tr, FACT_PATH)) != NULL)
		sc_buf_addf(&b, "%s%s", b.len ? " " : "", v);
	if ((v = sc_testresult_fact(tr, FACT_OS)) != NULL)
		sc_buf_addf(&b, "%s%s", b.len ? "; " : "", v);
	for (i = 0; i < tr->n_facts; i++) {
		const char *n = tr->facts[i].name;

		if (strncmp(n, FACT_CONTAINER, strlen(FACT_CONTAINER)) == 0 ||
		    strncmp(n, FACT_IMAGE, strlen(FACT_IMAGE)) == 0)
			sc_buf_addf(&b, "%s%s %s", b.len ? "; " : "",
			    n + strlen("urn:stigcheck:fact:"), tr->facts[i].value);
	}
	if (b.len)
		sc_buf_adds(&b, "; ");
	sc_buf_addf(&b, "scanned by stigcheck %s", scanner_version(tr));
	cl->target_comment = sc_buf_detach(&b);
}

/* ---- build ------------------------------------------------------------------- */

int
sc_checklist_build(struct sc_checklist **out, const struct sc_srg *srg,
    const struct sc_testresult *tr, struct sc_err *err)
{
	struct sc_checklist *cl = sc_xcalloc(1, sizeof(*cl));
	char start[32];
	char *name;
	size_t i;

	(void)err;
	cl->srg = srg;
	cl->tr = tr;
	cl->n_items = srg->n_rules;
	cl->items = sc_xcalloc(srg->n_rules + 1, sizeof(*cl->items));
	cl->rr_srg = sc_xcalloc(tr->n_rr + 1, sizeof(*cl->rr_srg));
	for (i = 0; i < srg->n_rules; i++)
		cl->items[i].srg = &srg->rules[i];
	for (i = 0; i < tr->n_rr; i++) {
		const struct sc_rule_result *rr = &tr->rr[i];
		const struct sc_srg_rule *s = sc_srg_match(srg, rr->idref,
		    rr->rule);
		struct sc_checklist_item *it;

		cl->rr_srg[i] = s;
		if (s == NULL) {
			sc_strv_push(&cl->unmapped, rr->idref);
			continue;
		}
		it = &cl->items[s->index];
		SC_GROW(it->rr, it->cap_rr, it->n_rr + 1);
		it->rr[it->n_rr++] = rr;
		if (it->n_rr == 1 || sc_checklist_worse(rr->result, it->worst))
			it->worst = rr->result;
	}

	sc_time_iso8601(tr->start_time, start, sizeof(start));
	name = sc_xasprintf("checklist\n%s\n%s\n%s\n%s", nz(tr->target),
	    nz(tr->benchmark_id), nz(tr->id), start);
	sc_uuid_v5(SC_UUID_NS, name, cl->id);
	free(name);
	name = sc_xasprintf("stig\n%s\n%s", srg->benchmark_id, srg->release);
	sc_uuid_v5(SC_UUID_NS, name, cl->stig_uuid);
	free(name);
	cl->stig_ref = sc_srg_stig_ref(srg);
	cl->time = sc_xmalloc(32);
	sc_time_iso8601(tr->end_time, cl->time, 32);
	asset(cl, tr);

	for (i = 0; i < cl->n_items; i++) {
		struct sc_checklist_item *it = &cl->items[i];

		it->status = it->n_rr ? sc_checklist_status(it->worst) :
		    SC_CKL_NOT_REVIEWED;
		cl->counts[it->status]++;
		sc_uuid_v5(cl->id, it->srg->rule_id, it->uuid);
		item_texts(it, tr);
	}
	*out = cl;
	return SC_OK;
}

void
sc_checklist_free(struct sc_checklist *cl)
{
	if (cl == NULL)
		return;
	for (size_t i = 0; i < cl->n_items; i++) {
		struct sc_checklist_item *it = &cl->items[i];

		free(it->rr);
		free(it->details);
		free(it->comments);
		free(it->discussion);
		free(it->check_text);
		free(it->fix_text);
	}
	free(cl->items);
	free(cl->rr_srg);
	sc_strv_free(&cl->unmapped);
	free(cl->target_comment);
	free(cl->stig_ref);
	free(cl->time);
	free(cl);
}
