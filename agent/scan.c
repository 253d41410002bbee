/*
 * scan.c - the XCCDF processing loop (scan.h).
 */
#include "scan.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "checks/engine.h"
#include "util/mem.h"
#include "walk/walk.h"
#include "xccdf/score.h"

#define SCE_SYSTEM "http://open-scap.org/page/SCE"
#define NOTAPPLICABLE_CPE "cpe:/o:notapplicable"

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
 * Applicability: returns 1 when every platform list on the way from the
 * Benchmark to the rule has an applicable entry.  why gets the reason
 * otherwise.
 */
static int
platform_applies(const struct sc_strv *pl, struct sc_buf *why)
{
	size_t i;

	if (pl->n == 0)
		return 1;
	/*
	 * Any other CPE name or platform-specification would need a CPE
	 * dictionary; like OpenSCAP we treat it as not applicable, but we
	 * say so.
	 */
	for (i = 0; i < pl->n; i++) {
		if (strcmp(pl->v[i], NOTAPPLICABLE_CPE) == 0)
			sc_buf_addf(why, "%splatform %s: the rule does not apply "
			    "to this kind of system", why->len ? "; " : "",
			    pl->v[i]);
		else
			sc_buf_addf(why, "%splatform '%s' cannot be evaluated "
			    "(stigcheck has no CPE dictionary support)",
			    why->len ? "; " : "", pl->v[i]);
	}
	return 0;
}

/*
 * Outermost first, so the message names the highest cause; every level
 * counts (a fixed-size chain used to ignore groups above the 64th).  The
 * depth is bounded by the XML parser's nesting limit.
 */
static int
chain_applies(const struct sc_item *x, struct sc_buf *why)
{
	if (x == NULL)
		return 1;
	return chain_applies(x->parent, why) &&
	    platform_applies(&x->platforms, why);
}

static int
applicable(const struct sc_benchmark *b, const struct sc_item *it,
    struct sc_buf *why)
{
	if (!platform_applies(&b->platforms, why))
		return 0;
	return chain_applies(it, why);
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
}

static void
finish(struct sc_rule_result *rr)
{
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
			finish(rr);
			continue;
		}
		sc_buf_reset(&why);
		if (!applicable(b, it, &why)) {
			rr->result = SC_RESULT_NOTAPPLICABLE;
			sc_rr_add(rr, SC_MSG_INFO, why.data);
			if (it->rationale && it->rationale[0])
				sc_rr_addf(rr, SC_MSG_INFO, "rationale: %s",
				    it->rationale);
			finish(rr);
			continue;
		}
		if (rr->role == SC_ROLE_UNCHECKED) {
			rr->result = SC_RESULT_NOTCHECKED;
			sc_rr_add(rr, SC_MSG_INFO, "the rule's role is 'unchecked'");
			finish(rr);
			continue;
		}
		if (it->complex_check) {
			rr->result = SC_RESULT_ERROR;
			sc_rr_add(rr, SC_MSG_ERROR,
			    "complex-check is not supported by stigcheck");
			finish(rr);
			continue;
		}
		if (it->n_checks == 0) {
			rr->result = SC_RESULT_NOTCHECKED;
			sc_rr_add(rr, SC_MSG_INFO,
			    "the rule has no automated check; review it manually");
			finish(rr);
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
			finish(rr);
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
			finish(rr);
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
			finish(rr);
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
		} else if (pend[i].negate) {
			if (rr->result == SC_RESULT_PASS)
				rr->result = SC_RESULT_FAIL;
			else if (rr->result == SC_RESULT_FAIL)
				rr->result = SC_RESULT_PASS;
		}
		finish(rr);
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
	sc_testresult_free(tr);
	sc_buf_free(&why);
	return r;
}
