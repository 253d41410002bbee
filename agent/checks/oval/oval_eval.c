/*
 * oval_eval.c - OVAL definitions, tests and states (oval_eval.h).
 */
#include "checks/oval/oval_eval.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks/oval/oval_collect.h"
#include "checks/oval/oval_item.h"
#include "checks/oval/oval_regex.h"
#include "checks/oval/oval_var.h"

/* ---- prepare ------------------------------------------------------------------------- */

static int
prep_entities(struct sc_oval_doc *d, const struct sc_oval_entity *e, size_t n,
    struct sc_err *err)
{
	int r;

	for (size_t i = 0; i < n; i++)
		if (e[i].var && (r = sc_oval_var_prepare(d, e[i].var, err)) < 0)
			return r;
	return SC_OK;
}

static int
prep_object(struct sc_oval_doc *d, struct sc_oval_object *o,
    struct sc_err *err)
{
	int r;

	if ((r = prep_entities(d, o->ents, o->n_ents, err)) < 0)
		return r;
	for (size_t i = 0; i < o->n_filters; i++)
		if ((r = prep_entities(d, o->filters[i].state->ents,
		    o->filters[i].state->n_ents, err)) < 0)
			return r;
	for (size_t i = 0; i < o->n_set_refs; i++)
		if ((r = prep_object(d, o->set_refs[i], err)) < 0)
			return r;
	return sc_oval_collect_prepare(d, o, err);
}

static int
prep_crit(struct sc_oval_doc *d, struct sc_oval_crit *c, struct sc_err *err)
{
	struct sc_oval_test *t;
	int r;

	switch (c->type) {
	case SC_OVAL_CRIT_CRITERIA:
		for (size_t i = 0; i < c->n_kids; i++)
			if ((r = prep_crit(d, c->kids[i], err)) < 0)
				return r;
		return SC_OK;
	case SC_OVAL_CRIT_EXTEND:
		return prep_crit(d, c->def->criteria, err);
	case SC_OVAL_CRIT_CRITERION:
		if ((t = c->test) == NULL || t->unsupported != NULL)
			return SC_OK;
		r = SC_OK;
		for (size_t i = 0; r == SC_OK && i < t->n_states; i++)
			r = prep_entities(d, t->states[i]->ents,
			    t->states[i]->n_ents, err);
		if (r == SC_OK && t->object != NULL &&
		    (r = prep_object(d, t->object, err)) == SC_OK)
			sc_oval_collect_add_test(t->object, t);
		if (r == SC_ERR_UNSUPPORTED) {
			/* an error test inside the logic (oval_model.h) */
			t->unsupported = sc_xstrdup(err->msg);
			sc_err_clear(err);
			r = SC_OK;
		}
		return r;
	}
	return SC_OK;
}

int
sc_oval_eval_prepare(struct sc_oval_doc *d, struct sc_oval_def *def,
    struct sc_err *err)
{
	return prep_crit(d, def->criteria, err);
}

/* ---- entities and states --------------------------------------------------------------- */

enum sc_oval_res
sc_oval_eval_entity_match(struct sc_oval_doc *d, const struct sc_oval_entity *e,
    const char *actual, struct sc_err *err)
{
	struct sc_oval_counts c;
	const struct sc_strv *vals;
	enum sc_oval_flag flag;

	if (e == NULL || (e->nil && e->var == NULL))
		return SC_OVAL_TRUE;
	if (e->var == NULL)
		return sc_oval_value_cmp(e->op, e->dt, actual, e->value ? e->value : "",
		    e->re, err);
	if (sc_oval_var_values(d, e->var, &flag, &vals, err) < 0)
		return SC_OVAL_ERROR;
	if (flag != SC_OVAL_FLAG_COMPLETE && flag != SC_OVAL_FLAG_INCOMPLETE) {
		sc_err_set(err, SC_ERR_INVAL, "variable %s has no value (%s)",
		    e->var->id, sc_oval_flag_name(flag));
		return SC_OVAL_ERROR;
	}
	memset(&c, 0, sizeof(c));
	for (size_t i = 0; i < vals->n; i++) {
		struct sc_err ignored = SC_ERR_INIT;
		struct sc_regex *re = NULL;

		/* compiled once per scan; one that does not compile is
		 * compiled (and reported) by sc_oval_value_cmp as before */
		if (e->op == SC_OVAL_OP_PATTERN_MATCH &&
		    e->dt == SC_OVAL_DT_STRING)
			re = sc_oval_regex_get(d->rt, vals->v[i], 0, &ignored);
		sc_oval_counts_add(&c, sc_oval_value_cmp(e->op, e->dt, actual,
		    vals->v[i], re, err));
	}
	return sc_oval_by_check(&c, e->var_check);
}

/* "user_id equals 0" */
static void
expectation(const struct sc_oval_entity *e, struct sc_buf *out)
{
	sc_buf_addf(out, "%s %s ", e->name, sc_oval_op_name(e->op));
	if (e->var != NULL) {
		const struct sc_strv *v = &e->var->values;

		if (e->var->computed && v->n == 1)
			sc_buf_addf(out, "%s (%s)", v->v[0], e->var->id);
		else
			sc_buf_addf(out, "the values of %s", e->var->id);
	} else if (e->nil) {
		sc_buf_adds(out, "nothing");
	} else {
		sc_buf_adds(out, e->value);
	}
}

static enum sc_oval_res
eval_entity(struct sc_oval_doc *d, const struct sc_oval_entity *e,
    const struct sc_oval_item *it, struct sc_buf *val, struct sc_err *err)
{
	struct sc_oval_counts c;
	unsigned long n = 0, present = 0;
	enum sc_oval_res ex, ck;

	memset(&c, 0, sizeof(c));
	for (size_t idx = 0;; idx++) {
		int r = sc_oval_item_field(it, e->name, idx, val);

		if (r == 0)
			break;
		n++;
		if (r < 0) {
			sc_oval_counts_add(&c, SC_OVAL_FALSE);
			continue;
		}
		present++;
		sc_oval_counts_add(&c, sc_oval_eval_entity_match(d, e, val->data,
		    err));
	}
	ex = sc_oval_by_existence(e->check_existence, present, 0);
	if (n == 0)
		return ex;
	ck = sc_oval_by_check(&c, e->entity_check);
	if (ex == SC_OVAL_FALSE || ck == SC_OVAL_FALSE)
		return SC_OVAL_FALSE;
	if (ex != SC_OVAL_TRUE)
		return ex;
	return ck;
}

enum sc_oval_res
sc_oval_eval_state(struct sc_oval_doc *d, const struct sc_oval_state *s,
    const struct sc_oval_item *it, struct sc_buf *why)
{
	struct sc_oval_counts c;
	struct sc_buf val = SC_BUF_INIT;
	enum sc_oval_res r;

	memset(&c, 0, sizeof(c));
	for (size_t i = 0; i < s->n_ents; i++) {
		struct sc_err err = SC_ERR_INIT;

		r = eval_entity(d, &s->ents[i], it, &val, &err);
		sc_oval_counts_add(&c, r);
		if (why == NULL || r == SC_OVAL_TRUE)
			continue;
		sc_buf_adds(why, why->len ? "; " : "");
		if (r == SC_OVAL_ERROR && err.msg[0])
			sc_buf_addf(why, "%s: %s", s->ents[i].name, err.msg);
		else
			expectation(&s->ents[i], why);
	}
	sc_buf_free(&val);
	return sc_oval_by_operator(&c, s->op);
}

/* ---- tests ------------------------------------------------------------------------------ */

static enum sc_oval_res
item_result(struct sc_oval_doc *d, const struct sc_oval_test *t,
    const struct sc_oval_item *it, struct sc_buf *why)
{
	struct sc_oval_counts c;

	switch (it->status) {
	case SC_OVAL_STATUS_ERROR:
	case SC_OVAL_STATUS_NOT_COLLECTED:
		return SC_OVAL_ERROR;
	case SC_OVAL_STATUS_DOES_NOT_EXIST:
		return SC_OVAL_FALSE;
	default:
		break;
	}
	memset(&c, 0, sizeof(c));
	for (size_t i = 0; i < t->n_states; i++)
		sc_oval_counts_add(&c, sc_oval_eval_state(d, t->states[i], it, why));
	return sc_oval_by_operator(&c, t->state_op);
}

static void
add_evidence(struct sc_oval_doc *d, struct sc_oval_test *t,
    const struct sc_oval_item *it, int good)
{
	struct sc_strv *list = good ? &t->ev_true : &t->ev_false;
	struct sc_buf b = SC_BUF_INIT;

	if (good)
		t->n_true++;
	else
		t->n_false++;
	if (list->n >= SC_OVAL_MAX_EVIDENCE)
		return;
	sc_buf_reset(&b);
	sc_oval_item_describe(it, d->rt->target, t->states, t->n_states, &b);
	if (!good && t->n_states > 0 && it->status == SC_OVAL_STATUS_EXISTS) {
		struct sc_buf why = SC_BUF_INIT;

		sc_buf_reset(&why);
		item_result(d, t, it, &why);
		if (why.len)
			sc_buf_addf(&b, ": does not satisfy %s", why.data);
		sc_buf_free(&why);
	}
	sc_strv_push_owned(list, sc_buf_detach(&b));
}

void
sc_oval_eval_feed(struct sc_oval_doc *d, struct sc_oval_test *t,
    const struct sc_oval_item *it)
{
	enum sc_oval_res r = SC_OVAL_NOT_EVALUATED;

	t->n_items++;
	if (it->status == SC_OVAL_STATUS_EXISTS)
		t->n_exists++;
	else if (it->status == SC_OVAL_STATUS_ERROR)
		t->n_errors++;
	if (t->n_states > 0) {
		r = item_result(d, t, it, NULL);
		sc_oval_counts_add(&t->item_res, r);
	}
	if (it->id != 0) {
		SC_GROW(t->tested, t->cap_tested, t->n_tested + 1);
		t->tested[t->n_tested].item_id = it->id;
		t->tested[t->n_tested].res = r;
		t->n_tested++;
	}
	add_evidence(d, t, it, t->n_states == 0 ? it->status ==
	    SC_OVAL_STATUS_EXISTS : r == SC_OVAL_TRUE);
}

static enum sc_oval_res
eval_test(struct sc_oval_doc *d, struct sc_oval_test *t)
{
	struct sc_oval_object *o = t->object;
	int hasstate = t->n_states > 0, any = t->existence == SC_OVAL_ANY_EXIST;
	enum sc_oval_res r;

	if (t->evaluated)
		return t->result;
	t->evaluated = 1;
	if (o == NULL) {
		t->result = SC_OVAL_UNKNOWN;
		return t->result;
	}
	sc_oval_collect(d, o);
	switch (o->flag) {
	case SC_OVAL_FLAG_ERROR:
		r = any && !hasstate ? SC_OVAL_TRUE : SC_OVAL_ERROR;
		break;
	case SC_OVAL_FLAG_NOT_COLLECTED:
		r = any && !hasstate ? SC_OVAL_TRUE : SC_OVAL_UNKNOWN;
		break;
	case SC_OVAL_FLAG_NOT_APPLICABLE:
		r = any && !hasstate ? SC_OVAL_TRUE : SC_OVAL_NOT_APPLICABLE;
		break;
	case SC_OVAL_FLAG_DOES_NOT_EXIST:
		r = t->existence == SC_OVAL_NONE_EXIST || any ? SC_OVAL_TRUE :
		    SC_OVAL_FALSE;
		break;
	case SC_OVAL_FLAG_COMPLETE:
		r = sc_oval_by_existence(t->existence, t->n_exists, t->n_errors);
		if (r == SC_OVAL_TRUE && hasstate)
			r = sc_oval_by_check(&t->item_res, t->check);
		break;
	default:	/* incomplete */
		if (any)
			r = SC_OVAL_TRUE;
		else if (t->existence == SC_OVAL_AT_LEAST_ONE_EXISTS &&
		    t->n_exists > 0)
			r = SC_OVAL_TRUE;
		else if (t->existence == SC_OVAL_NONE_EXIST && t->n_exists > 0)
			r = SC_OVAL_FALSE;
		else if (t->existence == SC_OVAL_ONLY_ONE_EXISTS &&
		    t->n_exists > 1)
			r = SC_OVAL_FALSE;
		else
			r = SC_OVAL_UNKNOWN;
		if (r == SC_OVAL_TRUE && hasstate) {
			r = sc_oval_by_check(&t->item_res, t->check);
			if (r == SC_OVAL_TRUE && t->check != SC_OVAL_CHECK_AT_LEAST_ONE)
				r = SC_OVAL_UNKNOWN;
			else if (r != SC_OVAL_FALSE && r != SC_OVAL_TRUE)
				r = SC_OVAL_UNKNOWN;
		}
		break;
	}
	t->result = r;
	return r;
}

/* ---- criteria and definitions ------------------------------------------------------------- */

static enum sc_oval_res
eval_crit(struct sc_oval_doc *d, struct sc_oval_crit *c)
{
	struct sc_oval_counts n;

	switch (c->type) {
	case SC_OVAL_CRIT_CRITERION:
		if (c->test != NULL && c->test->unsupported != NULL) {
			c->test->evaluated = 1;
			c->test->result = SC_OVAL_ERROR;
		}
		c->raw = c->test == NULL ? SC_OVAL_ERROR : eval_test(d, c->test);
		break;
	case SC_OVAL_CRIT_EXTEND:
		c->raw = sc_oval_eval_def(d, c->def);
		break;
	case SC_OVAL_CRIT_CRITERIA:
		memset(&n, 0, sizeof(n));
		for (size_t i = 0; i < c->n_kids; i++)
			sc_oval_counts_add(&n, eval_crit(d, c->kids[i]));
		c->raw = sc_oval_by_operator(&n, c->op);
		break;
	}
	c->result = sc_oval_negate(c->raw, c->negate);
	return c->result;
}

enum sc_oval_res
sc_oval_eval_def(struct sc_oval_doc *d, struct sc_oval_def *def)
{
	if (def->evaluated)
		return def->result;
	if (def->evaluating)
		return SC_OVAL_ERROR;	/* parse rejects cycles; be safe */
	def->evaluating = 1;
	def->result = eval_crit(d, def->criteria);
	def->evaluating = 0;
	def->evaluated = 1;
	return def->result;
}

static int
inverted_class(const struct sc_oval_def *def)
{
	return def->cls && (strcmp(def->cls, "vulnerability") == 0 ||
	    strcmp(def->cls, "patch") == 0);
}

enum sc_result
sc_oval_eval_xccdf(const struct sc_oval_def *def, enum sc_oval_res r)
{
	switch (r) {
	case SC_OVAL_TRUE:
		return inverted_class(def) ? SC_RESULT_FAIL : SC_RESULT_PASS;
	case SC_OVAL_FALSE:
		return inverted_class(def) ? SC_RESULT_PASS : SC_RESULT_FAIL;
	case SC_OVAL_UNKNOWN:
		return SC_RESULT_UNKNOWN;
	case SC_OVAL_NOT_APPLICABLE:
		return SC_RESULT_NOTAPPLICABLE;
	case SC_OVAL_NOT_EVALUATED:
		return SC_RESULT_NOTCHECKED;
	default:
		return SC_RESULT_ERROR;
	}
}

/* ---- evidence ---------------------------------------------------------------------------- */

struct ev {
	struct sc_oval_doc *d;
	const struct sc_oval_def *top;
	struct sc_rule_result *rr;
	int rule_good;		/* the rule passed */
};

static enum sc_msg_sev
sev_for(const struct ev *e, enum sc_oval_res r)
{
	enum sc_oval_res good = inverted_class(e->top) ? SC_OVAL_FALSE :
	    SC_OVAL_TRUE;

	return e->rule_good || r == good ? SC_MSG_INFO : SC_MSG_ERROR;
}

static void
plural(struct sc_buf *b, unsigned long n, const char *word)
{
	sc_buf_addf(b, "%lu %s%s", n, word, n == 1 ? "" : "s");
}

static void
test_summary(struct sc_oval_test *t, struct sc_buf *b)
{
	struct sc_oval_object *o = t->object;

	if (o == NULL) {
		sc_buf_adds(b, "an unknown_test is always unknown");
		return;
	}
	switch (o->flag) {
	case SC_OVAL_FLAG_ERROR:
		sc_buf_adds(b, "the object could not be collected");
		for (size_t i = 0; i < o->messages.n; i++)
			sc_buf_addf(b, "%s %s", i ? ";" : ":", o->messages.v[i]);
		return;
	case SC_OVAL_FLAG_NOT_APPLICABLE:
		sc_buf_adds(b, "not applicable");
		for (size_t i = 0; i < o->messages.n; i++)
			sc_buf_addf(b, "%s %s", i ? ";" : ":", o->messages.v[i]);
		return;
	case SC_OVAL_FLAG_DOES_NOT_EXIST:
		sc_oval_collect_describe(o, b);
		for (size_t i = 0; i < o->messages.n; i++)
			sc_buf_addf(b, " (%s)", o->messages.v[i]);
		break;
	default:
		plural(b, o->n_found, "item");
		sc_buf_adds(b, " found");
		if (t->n_states > 0) {
			sc_buf_addf(b, ", %lu satisfying ", t->n_true);
			for (size_t i = 0; i < t->n_states; i++)
				sc_buf_addf(b, "%s%s", i ? " " : "", t->states[i]->id);
			if (t->n_false)
				sc_buf_addf(b, ", %lu not", t->n_false);
		}
		break;
	}
	sc_buf_addf(b, " (check_existence %s",
	    sc_oval_existence_name(t->existence));
	if (t->n_states > 0)
		sc_buf_addf(b, ", check %s", sc_oval_check_name(t->check));
	sc_buf_addc(b, ')');
}

/* up to max items of a list, then how many more there are */
static void
list_items(const struct ev *e, const struct sc_strv *l, unsigned long total,
    enum sc_msg_sev sev, size_t max, const char *more)
{
	size_t i;

	for (i = 0; i < l->n && i < max; i++)
		sc_rr_add(e->rr, sev, l->v[i]);
	if (total > i)
		sc_rr_addf(e->rr, sev, "... and %lu more%s", total - i, more);
}

static void
test_evidence(const struct ev *e, const struct sc_oval_crit *c)
{
	struct sc_oval_test *t = c->test;
	struct sc_buf b = SC_BUF_INIT;
	enum sc_msg_sev sev = sev_for(e, c->result);
	const char *what;

	if (t == NULL || t->unsupported) {
		sc_rr_addf(e->rr, sev, "%s%s: test %s is not supported: %s",
		    sc_oval_res_name(c->result), c->negate ? " (negated)" : "",
		    c->test_ref, t ? t->unsupported : c->unsupported);
		return;
	}
	what = c->comment ? c->comment : t->comment;
	sc_buf_reset(&b);
	sc_buf_addf(&b, "%s%s: ", sc_oval_res_name(c->result),
	    c->negate ? " (negated)" : "");
	if (what != NULL)
		sc_buf_addf(&b, "%s (%s): ", what, t->id);
	else
		sc_buf_addf(&b, "test %s: ", t->id);
	test_summary(t, &b);
	sc_rr_add(e->rr, sev, b.data);
	sc_buf_free(&b);
	if (t->object == NULL)
		return;
	if (t->n_states > 0 && t->n_false > 0) {
		/* the items that do not satisfy the states decide */
		list_items(e, &t->ev_false, t->n_false, sev, SC_OVAL_MAX_EVIDENCE,
		    " not satisfying");
	} else if (t->n_states > 0) {
		/* all satisfy: a few examples */
		list_items(e, &t->ev_true, t->n_true, sev, 3, "");
	} else {
		list_items(e, &t->ev_true, t->n_true, sev, SC_OVAL_MAX_EVIDENCE, "");
		list_items(e, &t->ev_false, t->n_false, sev, SC_OVAL_MAX_EVIDENCE,
		    "");
	}
}

/* the children that decided c's result: those with that result, else all */
static void crit_evidence(const struct ev *e, const struct sc_oval_crit *c);

static void
kids_evidence(const struct ev *e, const struct sc_oval_crit *c)
{
	int any = 0;

	for (size_t i = 0; i < c->n_kids; i++)
		if (c->kids[i]->result == c->raw)
			any = 1;
	for (size_t i = 0; i < c->n_kids; i++)
		if (!any || c->kids[i]->result == c->raw)
			crit_evidence(e, c->kids[i]);
}

static void
crit_evidence(const struct ev *e, const struct sc_oval_crit *c)
{
	switch (c->type) {
	case SC_OVAL_CRIT_CRITERION:
		test_evidence(e, c);
		break;
	case SC_OVAL_CRIT_EXTEND:
		sc_rr_addf(e->rr, sev_for(e, c->result), "%s%s: extended "
		    "definition %s%s%s%s", sc_oval_res_name(c->result),
		    c->negate ? " (negated)" : "", c->def->id,
		    c->def->title ? " \"" : "", c->def->title ? c->def->title : "",
		    c->def->title ? "\"" : "");
		crit_evidence(e, c->def->criteria);
		break;
	case SC_OVAL_CRIT_CRITERIA:
		if (c->negate)
			sc_rr_addf(e->rr, sev_for(e, c->result),
			    "%s (negated %s criteria%s%s)",
			    sc_oval_res_name(c->result),
			    sc_oval_operator_name(c->op), c->comment ? ": " : "",
			    c->comment ? c->comment : "");
		kids_evidence(e, c);
		break;
	}
}

void
sc_oval_eval_evidence(struct sc_oval_doc *d, const struct sc_oval_def *def,
    struct sc_rule_result *rr)
{
	struct ev e;

	e.d = d;
	e.top = def;
	e.rr = rr;
	e.rule_good = sc_oval_eval_xccdf(def, def->result) == SC_RESULT_PASS;
	sc_rr_addf(rr, e.rule_good ? SC_MSG_INFO : SC_MSG_ERROR,
	    "OVAL definition %s%s%s%s (%s): %s", def->id,
	    def->title ? " \"" : "", def->title ? def->title : "",
	    def->title ? "\"" : "", d->name, sc_oval_res_name(def->result));
	crit_evidence(&e, def->criteria);
}
