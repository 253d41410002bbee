/*
 * scan.c - the XCCDF processing loop (scan.h).
 */
#include "scan.h"

#include "checks/native_crypto.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "checks/engine.h"
#include "cpe.h"
#include "util/mem.h"
#include "walk/walk.h"
#include "xccdf/evidence.h"
#include "xccdf/score.h"

#define SCE_SYSTEM "http://open-scap.org/page/SCE"

struct pending {
	size_t rr_index;
	const struct sc_engine_ops *engine;
	void *job;
	int negate;
};

struct engine_slot {
	const struct sc_engine_ops *ops;
	void *state;
	int inited;
	int failed;
	char *init_error;
};

char *
sc_scan_testresult_id(const char *profile_id)
{
	struct sc_buf b = SC_BUF_INIT;
	const char *p = profile_id ? profile_id : "default";

	sc_buf_reset(&b);
	sc_buf_adds(&b, "xccdf_org.stigcheck_testresult_");
	for (; *p; p++) {
		char c = *p;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.'))
			c = '_';
		sc_buf_addc(&b, c);
	}
	return sc_buf_detach(&b);
}

/*
 * One platform list: 1 when an entry applies, else -1 when one cannot be
 * evaluated, else 0 (XCCDF: an item applies when any of its platforms
 * does).  why gets the reasons.
 */
static int
platform_applies(struct sc_cpe *cpe, const struct sc_strv *pl,
    struct sc_buf *why)
{
	struct sc_buf one = SC_BUF_INIT;
	int any_e = 0;

	if (pl->n == 0)
		return 1;
	for (size_t i = 0; i < pl->n; i++) {
		int r;

		sc_buf_reset(&one);
		r = sc_cpe_applies(cpe, pl->v[i], &one);
		if (r == 1) {
			sc_buf_free(&one);
			return 1;
		}
		any_e |= r < 0;
		sc_buf_addf(why, "%s%s", why->len ? "; " : "", one.data);
	}
	sc_buf_free(&one);
	return any_e ? -1 : 0;
}

/*
 * Outermost first, so the message names the highest cause; every level
 * counts (a fixed-size chain used to ignore groups above the 64th).  The
 * depth is bounded by the XML parser's nesting limit.  1 applicable, 0
 * not, -1 cannot be evaluated.
 */
static int
chain_applies(struct sc_cpe *cpe, const struct sc_item *x, struct sc_buf *why)
{
	int r;

	if (x == NULL)
		return 1;
	if ((r = chain_applies(cpe, x->parent, why)) != 1)
		return r;
	return platform_applies(cpe, &x->platforms, why);
}

/* 1 applicable, 0 not, -1 cannot be evaluated (outermost cause first) */
static int
applicable(struct sc_cpe *cpe, const struct sc_benchmark *b,
    const struct sc_item *it, struct sc_buf *why)
{
	int r;

	if ((r = platform_applies(cpe, &b->platforms, why)) != 1)
		return r;
	return chain_applies(cpe, it, why);
}

int
sc_scan_all_notapplicable(const struct sc_testresult *tr, struct sc_buf *why)
{
	size_t selected = 0, na = 0, shown = 0;
	struct sc_strv seen = SC_STRV_INIT;

	for (size_t i = 0; i < tr->n_rr; i++) {
		const struct sc_rule_result *rr = &tr->rr[i];

		if (rr->result == SC_RESULT_NOTSELECTED)
			continue;
		selected++;
		if (rr->result != SC_RESULT_NOTAPPLICABLE)
			continue;
		na++;
		if (rr->n_msgs > 0 && sc_strv_find(&seen, rr->msgs[0].text) < 0) {
			const char *t = rr->msgs[0].text;

			sc_strv_push(&seen, t);
			/* the reason line (xccdf/evidence.h), without its word */
			if (strncmp(t, "Not applicable: ", 16) == 0)
				t += 16;
			if (shown++ < 3)
				sc_buf_addf(why, "%s%s", shown > 1 ? "; " : "", t);
		}
	}
	sc_strv_free(&seen);
	if (selected == 0 || na != selected) {
		sc_buf_reset(why);
		return 0;
	}
	if (shown > 3)
		sc_buf_addf(why, " (and %zu more reasons)", shown - 3);
	return 1;
}

static struct engine_slot *
slot_for(struct engine_slot *slots, const struct sc_engine_ops *ops)
{
	size_t i;

	for (i = 0; slots[i].ops != NULL; i++)
		if (slots[i].ops == ops)
			return &slots[i];
	return NULL;
}

/* Pick the first check whose system has an engine (and matching selector). */
static const struct sc_check *
choose_check(const struct sc_item *rule, const char *selector,
    const struct sc_engine_ops **eng, struct sc_buf *systems)
{
	size_t i;

	*eng = NULL;
	for (i = 0; i < rule->n_checks; i++) {
		const struct sc_check *c = &rule->checks[i];
		const char *cs = c->selector ? c->selector : "";

		if (selector ? strcmp(cs, selector) != 0 : cs[0] != '\0')
			continue;
		*eng = sc_engine_find(c->system);
		if (*eng)
			return c;
		sc_buf_addf(systems, "%s%s", systems->len ? ", " : "", c->system);
	}
	/* no check with the selector: XCCDF falls back to the default */
	if (selector != NULL)
		return choose_check(rule, NULL, eng, systems);
	return NULL;
}

static void
add_target_facts(struct sc_testresult *tr, struct sc_target *t)
{
	const struct sc_fact *f;
	const char *v;
	size_t n, i;

	sc_testresult_add_fact(tr, "urn:xccdf:fact:scanner:name", "string",
	    "stigcheck");
	sc_testresult_add_fact(tr, "urn:xccdf:fact:scanner:version", "string",
	    STIGCHECK_VERSION);
	sc_testresult_add_fact(tr, "urn:stigcheck:fact:target:kind", "string",
	    sc_target_kind_name(sc_target_kind(t)));
	sc_testresult_add_fact(tr, "urn:stigcheck:fact:target:path", "string",
	    sc_target_path(t));
	sc_testresult_add_fact(tr, "urn:xccdf:fact:asset:identifier:host_name",
	    "string", sc_target_name(t));
	if ((v = sc_target_os_release(t, "ID")) != NULL)
		sc_testresult_add_fact(tr, "urn:stigcheck:fact:os-release:ID",
		    "string", v);
	if ((v = sc_target_os_release(t, "VERSION_ID")) != NULL)
		sc_testresult_add_fact(tr,
		    "urn:stigcheck:fact:os-release:VERSION_ID", "string", v);
	if ((v = sc_target_os_release(t, "PRETTY_NAME")) != NULL)
		sc_testresult_add_fact(tr, "urn:scap:fact:asset:identifier:os_name",
		    "string", v);
	if ((v = sc_target_os_release(t, "VERSION_ID")) != NULL)
		sc_testresult_add_fact(tr,
		    "urn:scap:fact:asset:identifier:os_version", "string", v);
	f = sc_target_facts(t, &n);
	for (i = 0; i < n; i++)
		sc_testresult_add_fact(tr, f[i].name, f[i].type, f[i].value);
	/* last: what every fact and verdict above was drawn from */
	{
		char hex[80], num[32];
		unsigned long long objs, bytes;

		if (sc_target_read_digest(t, hex, sizeof(hex), &objs,
		    &bytes) == SC_OK) {
			sc_testresult_add_fact(tr, SC_FACT_READ_DIGEST, "string",
			    hex);
			snprintf(num, sizeof(num), "%llu", objs);
			sc_testresult_add_fact(tr, SC_FACT_READ_OBJECTS, "number",
			    num);
			snprintf(num, sizeof(num), "%llu", bytes);
			sc_testresult_add_fact(tr, SC_FACT_READ_BYTES, "number",
			    num);
		}
	}
}

/*
 * The check a rule-result links to when no engine evaluated one (the rule
 * was not selected, not applicable, or its check system is unsupported):
 * the one the engine would have chosen, else the first for the selector,
 * else the first at all.  XCCDF 1.2 expects one <check> per rule-result.
 */
static void
link_check(struct sc_rule_result *rr, const struct sc_policy *policy)
{
	const struct sc_item *it = rr->rule;
	const struct sc_engine_ops *eng;
	const struct sc_check *c;
	const char *sel;
	struct sc_buf sys = SC_BUF_INIT;
	size_t i;

	if (rr->check_system != NULL || it == NULL || it->n_checks == 0)
		return;
	sel = sc_policy_check_selector(policy, it);
	c = choose_check(it, sel, &eng, &sys);
	for (i = 0; c == NULL && i < it->n_checks; i++)
		if (sel && it->checks[i].selector &&
		    strcmp(it->checks[i].selector, sel) == 0)
			c = &it->checks[i];
	for (i = 0; c == NULL && i < it->n_checks; i++)
		if (it->checks[i].selector == NULL)
			c = &it->checks[i];
	if (c == NULL)
		c = &it->checks[0];
	sc_rr_set_check(rr, c);
	sc_buf_free(&sys);
}

static void
finish(struct sc_rule_result *rr, const struct sc_policy *policy)
{
	link_check(rr, policy);
	sc_evidence_compose(rr);
	rr->time = time(NULL);
}

int
sc_scan_run(struct sc_content *content, struct sc_target *target,
    const struct sc_policy *policy, const struct sc_scan_opts *opts,
    struct sc_testresult **out, struct sc_err *err)
{
	const struct sc_benchmark *b = sc_content_benchmark(content);
	const struct sc_engine_ops *const *table = sc_engine_table();
	const struct sc_profile *prof = sc_policy_profile(policy);
	struct sc_scan_ctx ctx;
	struct sc_testresult *tr;
	struct engine_slot *slots;
	struct pending *pend = NULL;
	size_t n_pend = 0, cap_pend = 0, i, n_eng = 0;
	struct sc_buf why = SC_BUF_INIT;
	struct sc_cpe *cpe = sc_cpe_new(content, target);
	int r = SC_OK;

	*out = NULL;
	while (table[n_eng])
		n_eng++;
	slots = sc_xcalloc(n_eng + 1, sizeof(*slots));
	for (i = 0; i < n_eng; i++)
		slots[i].ops = table[i];

	memset(&ctx, 0, sizeof(ctx));
	ctx.target = target;
	ctx.walk = sc_walk_new();
	ctx.content = content;
	ctx.policy = policy;
	ctx.verbose = opts ? opts->verbose : 0;

	tr = sc_testresult_new();
	tr->start_time = time(NULL);
	tr->id = sc_scan_testresult_id(prof ? prof->id : NULL);
	tr->benchmark_id = sc_xstrdup(b->id);
	tr->benchmark_href = sc_xstrdup(sc_content_name(content));
	tr->benchmark_version = sc_xstrdup(b->version);
	tr->profile_id = prof ? sc_xstrdup(prof->id) : NULL;
	tr->title = sc_xstrdup("stigcheck scan result");
	tr->test_system = sc_xstrdup("cpe:/a:stigcheck:stigcheck:" STIGCHECK_VERSION);
	tr->target = sc_xstrdup(sc_target_name(target));

	/* pass 1: decide or prepare every rule */
	for (i = 0; i < b->n_items; i++) {
		const struct sc_item *it = b->items[i];
		const struct sc_engine_ops *eng;
		const struct sc_check *chk;
		struct sc_rule_result *rr;
		struct engine_slot *slot;
		struct sc_err e2 = SC_ERR_INIT;
		struct sc_export *exp = NULL;
		void *job = NULL;
		size_t k;

		if (it->type != SC_ITEM_RULE)
			continue;
		rr = sc_testresult_add(tr, it->id);
		rr->rule = it;
		rr->severity = sc_policy_severity(policy, it);
		rr->role = sc_policy_role(policy, it);
		rr->weight = sc_policy_weight(policy, it);
		if (it->version)
			rr->version = sc_xstrdup(it->version);

		if (!sc_policy_rule_selected(policy, it)) {
			rr->result = SC_RESULT_NOTSELECTED;
			finish(rr, policy);
			continue;
		}
		sc_buf_reset(&why);
		k = (size_t)(applicable(cpe, b, it, &why) + 1);
		if (k == 0) {
			rr->result = SC_RESULT_ERROR;
			sc_evidence_lead(rr, "Error, the rule's platform cannot "
			    "be evaluated: %s", why.data);
			finish(rr, policy);
			continue;
		}
		if (k == 1) {
			rr->result = SC_RESULT_NOTAPPLICABLE;
			/* the rationale follows (sc_evidence_compose) */
			sc_evidence_lead(rr, "Not applicable: %s", why.data);
			finish(rr, policy);
			continue;
		}
		if (rr->role == SC_ROLE_UNCHECKED) {
			rr->result = SC_RESULT_NOTCHECKED;
			sc_rr_add(rr, SC_MSG_INFO, "the rule's role is 'unchecked'");
			finish(rr, policy);
			continue;
		}
		if (it->complex_check) {
			rr->result = SC_RESULT_ERROR;
			sc_rr_add(rr, SC_MSG_ERROR,
			    "complex-check is not supported by stigcheck");
			finish(rr, policy);
			continue;
		}
		if (it->n_checks == 0) {
			rr->result = SC_RESULT_NOTCHECKED;
			sc_rr_add(rr, SC_MSG_INFO,
			    "the rule has no automated check; review it manually");
			finish(rr, policy);
			continue;
		}
		sc_buf_reset(&why);
		chk = choose_check(it, sc_policy_check_selector(policy, it), &eng,
		    &why);
		if (chk == NULL) {
			rr->result = SC_RESULT_NOTCHECKED;
			if (strstr(why.data, SCE_SYSTEM))
				sc_rr_addf(rr, SC_MSG_INFO,
				    "check system %s (a script) is not supported: "
				    "stigcheck never runs programs against a target; "
				    "review this rule manually", why.data);
			else
				sc_rr_addf(rr, SC_MSG_INFO,
				    "check system %s is not supported", why.data);
			finish(rr, policy);
			continue;
		}
		sc_rr_set_check(rr, chk);
		slot = slot_for(slots, eng);
		if (!slot->inited) {
			slot->inited = 1;
			if (eng->init && eng->init(&ctx, &slot->state, &e2) < 0) {
				slot->failed = 1;
				slot->init_error = sc_xstrdup(e2.msg);
			}
		}
		if (slot->failed) {
			rr->result = SC_RESULT_ERROR;
			sc_rr_add(rr, SC_MSG_ERROR, slot->init_error);
			finish(rr, policy);
			continue;
		}
		exp = sc_xcalloc(chk->n_exports + 1, sizeof(*exp));
		for (k = 0; k < chk->n_exports; k++) {
			const struct sc_item *v = sc_bench_find(b,
			    chk->exports[k].value_id);
			exp[k].name = chk->exports[k].export_name;
			exp[k].value = sc_policy_value(policy,
			    chk->exports[k].value_id);
			exp[k].type = v ? v->value_type : "string";
		}
		for (k = 0; k < chk->n_exports; k++) {
			if (exp[k].value == NULL) {
				sc_err_set(&e2, SC_ERR_NOTFOUND,
				    "check-export names unknown Value '%s'",
				    chk->exports[k].value_id);
				break;
			}
		}
		if (k == chk->n_exports)
			r = eng->prepare(slot->state, &ctx, chk, exp,
			    chk->n_exports, &job, &e2);
		else
			r = SC_ERR_NOTFOUND;
		free(exp);
		if (r < 0) {
			rr->result = SC_RESULT_ERROR;
			sc_rr_add(rr, SC_MSG_ERROR, e2.msg);
			finish(rr, policy);
			r = SC_OK;
			continue;
		}
		SC_GROW(pend, cap_pend, n_pend + 1);
		pend[n_pend].rr_index = tr->n_rr - 1;
		pend[n_pend].engine = eng;
		pend[n_pend].job = job;
		pend[n_pend].negate = chk->negate;
		n_pend++;
	}

	/* the one walk */
	if (sc_walk_count(ctx.walk) > 0 &&
	    (r = sc_walk_run(ctx.walk, target, err)) < 0)
		goto out;

	/* pass 2: evaluate */
	for (i = 0; i < n_pend; i++) {
		struct sc_rule_result *rr = &tr->rr[pend[i].rr_index];
		struct engine_slot *slot = slot_for(slots, pend[i].engine);
		struct sc_err e2 = SC_ERR_INIT;

		if (pend[i].engine->evaluate(slot->state, &ctx, pend[i].job, rr,
		    &e2) < 0) {
			rr->result = SC_RESULT_ERROR;
			sc_rr_add(rr, SC_MSG_ERROR, e2.msg[0] ? e2.msg :
			    "the check could not be evaluated");
			if (rr->led)
				sc_evidence_lead(rr, "Error, the rule could not "
				    "be decided: %s", e2.msg[0] ? e2.msg :
				    "the check could not be evaluated");
		} else if (pend[i].negate && (rr->result == SC_RESULT_PASS ||
		    rr->result == SC_RESULT_FAIL)) {
			int was_pass = rr->result == SC_RESULT_PASS;

			rr->result = was_pass ? SC_RESULT_FAIL : SC_RESULT_PASS;
			if (rr->led) {
				char *old = sc_xstrdup(rr->msgs[0].text);

				sc_evidence_lead(rr, "%s (the rule's check is "
				    "negated, and it %s): %s", was_pass ?
				    "Finding" : "Pass", was_pass ? "passed" :
				    "failed", old);
				free(old);
			}
		}
		finish(rr, policy);
	}
	/* engines attach their own results documents (OVAL results) */
	for (i = 0; (opts == NULL || !opts->no_check_docs) && i < n_eng; i++) {
		struct sc_err e2 = SC_ERR_INIT;

		if (!slots[i].inited || slots[i].failed || !slots[i].ops->collect)
			continue;
		if ((r = slots[i].ops->collect(slots[i].state, &ctx, tr, &e2)) < 0) {
			sc_err_set(err, r, "%s", e2.msg);
			goto out;
		}
	}
	/* after evaluation: checks may have added target facts */
	sc_crypto_headline(tr, target);
	add_target_facts(tr, target);
	tr->end_time = time(NULL);
	sc_score_compute(policy, tr);
	*out = tr;
	tr = NULL;
out:
	for (i = 0; i < n_pend; i++)
		if (pend[i].engine->job_free)
			pend[i].engine->job_free(pend[i].job);
	free(pend);
	for (i = 0; i < n_eng; i++) {
		if (slots[i].inited && !slots[i].failed && slots[i].ops->fini)
			slots[i].ops->fini(slots[i].state);
		free(slots[i].init_error);
	}
	free(slots);
	sc_walk_free(ctx.walk);
	sc_cpe_free(cpe);
	sc_testresult_free(tr);
	sc_buf_free(&why);
	return r;
}
