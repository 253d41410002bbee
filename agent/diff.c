/*
 * diff.c - drift between two stored runs (diff.h).
 */
#include "diff.h"

#include <stdlib.h>
#include <string.h>

#include "reports/json.h"
#include "reports/outputs.h"
#include "reports/ruleinfo.h"
#include "util/map.h"
#include "xccdf/results_read.h"

#define SC_DIFF_VERSION 1

static const char *const kind_names[SC_DIFF__COUNT] = {
	"regressed", "fixed", "evidence", "changed", "added", "removed",
};

const char *
sc_diff_kind_name(enum sc_diff_kind k)
{
	return k < SC_DIFF__COUNT ? kind_names[k] : "?";
}

static int
bad(enum sc_result r)
{
	return r == SC_RESULT_FAIL || r == SC_RESULT_ERROR;
}

static int
same_evidence(const struct sc_rule_result *a, const struct sc_rule_result *b)
{
	char *x = sc_rr_evidence(a, NULL), *y = sc_rr_evidence(b, NULL);
	int same = strcmp(x, y) == 0;

	free(x);
	free(y);
	return same;
}

static void
add(struct sc_diff *d, enum sc_diff_kind k, const struct sc_rule_result *o,
    const struct sc_rule_result *n)
{
	SC_GROW(d->v, d->cap, d->n + 1);
	d->v[d->n].kind = k;
	d->v[d->n].old = o;
	d->v[d->n].new = n;
	d->n++;
	d->counts[k]++;
}

/* A rule-result that is there (notselected counts as absent). */
static const struct sc_rule_result *
present(const struct sc_rule_result *rr)
{
	return rr && rr->result != SC_RESULT_NOTSELECTED ? rr : NULL;
}

static int
by_kind(const void *a, const void *b)
{
	const struct sc_diff_change *x = a, *y = b;

	return (int)x->kind - (int)y->kind;
}

void
sc_diff_compute(struct sc_diff *d, const struct sc_testresult *old,
    const struct sc_testresult *new)
{
	struct sc_map olds = SC_MAP_INIT, seen = SC_MAP_INIT;
	size_t i;

	memset(d, 0, sizeof(*d));
	for (i = 0; i < old->n_rr; i++)
		if (sc_map_get(&olds, old->rr[i].idref) == NULL)
			sc_map_put(&olds, old->rr[i].idref, (void *)&old->rr[i]);
	for (i = 0; i < new->n_rr; i++) {
		const struct sc_rule_result *n = present(&new->rr[i]);
		const struct sc_rule_result *o = present(sc_map_get(&olds,
		    new->rr[i].idref));

		if (sc_map_get(&seen, new->rr[i].idref) != NULL)
			continue;	/* a rule twice: the first counts */
		sc_map_put(&seen, new->rr[i].idref, (void *)&new->rr[i]);
		if (n == NULL && o == NULL)
			continue;
		if (n == NULL)
			add(d, SC_DIFF_REMOVED, o, NULL);
		else if (bad(n->result) && (o == NULL || o->result != n->result))
			add(d, SC_DIFF_REGRESSED, o, n);
		else if (o == NULL)
			add(d, SC_DIFF_ADDED, NULL, n);
		else if (bad(o->result) && !bad(n->result))
			add(d, SC_DIFF_FIXED, o, n);
		else if (o->result != n->result)
			add(d, SC_DIFF_CHANGED, o, n);
		else if (!same_evidence(o, n))
			add(d, SC_DIFF_EVIDENCE, o, n);
	}
	for (i = 0; i < old->n_rr; i++)
		if (present(&old->rr[i]) && sc_map_get(&seen,
		    old->rr[i].idref) == NULL && sc_map_get(&olds,
		    old->rr[i].idref) == &old->rr[i])
			add(d, SC_DIFF_REMOVED, &old->rr[i], NULL);
	/* stable: by kind, then document order (insertion sort) */
	for (i = 1; i < d->n; i++) {
		struct sc_diff_change c = d->v[i];
		size_t j = i;

		while (j > 0 && by_kind(&d->v[j - 1], &c) > 0) {
			d->v[j] = d->v[j - 1];
			j--;
		}
		d->v[j] = c;
	}
	sc_map_free(&olds);
	sc_map_free(&seen);
}

void
sc_diff_free(struct sc_diff *d)
{
	if (d == NULL)
		return;
	free(d->v);
	memset(d, 0, sizeof(*d));
}

static const char *
res(const struct sc_rule_result *rr)
{
	return rr ? sc_result_name(rr->result) : "-";
}

static const struct sc_rule_result *
either(const struct sc_diff_change *c)
{
	return c->new ? c->new : c->old;
}

static void
describe(FILE *f, const char *label, const char *name,
    const struct sc_testresult *tr)
{
	char t[64] = "";

	if (tr->start_time)
		sc_time_iso8601(tr->start_time, t, sizeof(t));
	fprintf(f, "%s %s: target %s, %s%s%s\n", label, name,
	    tr->target ? tr->target : "?", tr->profile_id ? tr->profile_id :
	    "(no profile)", *t ? ", " : "", t);
}

void
sc_diff_print(FILE *f, const struct sc_diff *d, const char *old_name,
    const struct sc_testresult *old, const char *new_name,
    const struct sc_testresult *new)
{
	size_t i;
	int k;

	describe(f, "old", old_name, old);
	describe(f, "new", new_name, new);
	if (old->target && new->target && strcmp(old->target, new->target))
		fprintf(f, "note: the two runs are of different targets\n");
	if (d->n) {
		fprintf(f, "\n%-10s %-13s %-13s %-8s %s\n", "CHANGE", "OLD", "NEW",
		    "SEVERITY", "RULE");
		for (i = 0; i < d->n; i++) {
			const struct sc_diff_change *c = &d->v[i];

			fprintf(f, "%-10s %-13s %-13s %-8s %s\n",
			    kind_names[c->kind], res(c->old), res(c->new),
			    sc_severity_name(either(c)->severity),
			    either(c)->idref);
		}
	}
	fprintf(f, "\n");
	for (k = 0; k < SC_DIFF__COUNT; k++)
		fprintf(f, "%s%s %lu", k ? ", " : "", kind_names[k],
		    d->counts[k]);
	fprintf(f, "\n");
}

static json_t *
side(const char *name, const struct sc_testresult *tr)
{
	json_t *o = json_object();
	char t[64];

	json_object_set_new(o, "file", sc_ruleinfo_jstr(name));
	json_object_set_new(o, "target", sc_ruleinfo_jstr(tr->target));
	json_object_set_new(o, "test_result", sc_ruleinfo_jstr(tr->id));
	json_object_set_new(o, "benchmark", sc_ruleinfo_jstr(tr->benchmark_id));
	json_object_set_new(o, "profile", sc_ruleinfo_jstr(tr->profile_id));
	if (tr->start_time) {
		sc_time_iso8601(tr->start_time, t, sizeof(t));
		json_object_set_new(o, "start_time", json_string(t));
	} else {
		json_object_set_new(o, "start_time", json_null());
	}
	return o;
}

static json_t *
evidence(const struct sc_rule_result *rr)
{
	struct sc_ruleinfo ri;
	json_t *a;
	size_t i;

	if (rr == NULL)
		return json_null();
	a = json_array();
	sc_ruleinfo_init(&ri, NULL, rr);
	for (i = 0; i < ri.evidence.n; i++)
		json_array_append_new(a, sc_ruleinfo_jstr(ri.evidence.v[i]));
	sc_ruleinfo_free(&ri);
	return a;
}

json_t *
sc_diff_json(const struct sc_diff *d, const char *old_name,
    const struct sc_testresult *old, const char *new_name,
    const struct sc_testresult *new)
{
	json_t *doc = json_object(), *cnt = json_object(), *ch = json_array();
	size_t i;
	int k;

	for (k = 0; k < SC_DIFF__COUNT; k++)
		json_object_set_new(cnt, kind_names[k],
		    json_integer((json_int_t)d->counts[k]));
	for (i = 0; i < d->n; i++) {
		const struct sc_diff_change *c = &d->v[i];
		json_t *o = json_object();

		json_object_set_new(o, "rule", sc_ruleinfo_jstr(either(c)->idref));
		json_object_set_new(o, "change", json_string(kind_names[c->kind]));
		json_object_set_new(o, "severity", json_string(
		    sc_severity_name(either(c)->severity)));
		json_object_set_new(o, "old", c->old ?
		    json_string(res(c->old)) : json_null());
		json_object_set_new(o, "new", c->new ?
		    json_string(res(c->new)) : json_null());
		json_object_set_new(o, "old_evidence", evidence(c->old));
		json_object_set_new(o, "new_evidence", evidence(c->new));
		json_array_append_new(ch, o);
	}
	json_object_set_new(doc, "format", json_string("stigcheck-diff"));
	json_object_set_new(doc, "version", json_integer(SC_DIFF_VERSION));
	json_object_set_new(doc, "old", side(old_name, old));
	json_object_set_new(doc, "new", side(new_name, new));
	json_object_set_new(doc, "regressed", json_boolean(
	    d->counts[SC_DIFF_REGRESSED] > 0));
	json_object_set_new(doc, "counts", cnt);
	json_object_set_new(doc, "changes", ch);
	return doc;
}

int
sc_diff_main(const char *old_path, const char *new_path, const char *json,
    FILE *out, struct sc_err *err)
{
	struct sc_content *oc = NULL, *nc = NULL;
	struct sc_testresult *otr = NULL, *ntr = NULL;
	struct sc_diff d;
	json_t *doc = NULL;
	int status = 1;

	memset(&d, 0, sizeof(d));
	if (json && strcmp(json, "-") != 0) {
		struct sc_outputs o;

		/* the JSON file must be writable and must not be an input */
		memset(&o, 0, sizeof(o));
		o.path[sc_output_find("json")] = json;
		if (sc_outputs_check(&o, old_path, err) < 0 ||
		    sc_outputs_check(&o, new_path, err) < 0)
			goto out;
	}
	if (sc_results_load(old_path, &oc, &otr, err) < 0 ||
	    sc_results_load(new_path, &nc, &ntr, err) < 0)
		goto out;
	sc_diff_compute(&d, otr, ntr);
	if (json) {
		doc = sc_diff_json(&d, old_path, otr, new_path, ntr);
		if (sc_json_save(doc, json, err) < 0)
			goto out;
	}
	if (json == NULL || strcmp(json, "-") != 0) {
		sc_diff_print(out, &d, old_path, otr, new_path, ntr);
		fflush(out);
	}
	status = d.counts[SC_DIFF_REGRESSED] ? 2 : 0;
out:
	json_decref(doc);
	sc_diff_free(&d);
	sc_testresult_free(otr);
	sc_testresult_free(ntr);
	sc_content_free(oc);
	sc_content_free(nc);
	return status;
}
