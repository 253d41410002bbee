/*
 * policy.c - profile resolution (policy.h).
 */
#include "xccdf/policy.h"
#include "util/limits.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/map.h"
#include "util/mem.h"

#define MAX_EXTENDS SC_LIMIT_PROFILE_EXTENDS

struct sc_policy {
	const struct sc_benchmark *b;
	const struct sc_profile *profile;
	/* per item, indexed by sc_item.index */
	char *selected;
	signed char *severity;		/* -1 = as authored */
	signed char *role;
	double *weight;			/* < 0 = as authored */
	const char **selector;		/* refine-rule selector */
	const char **value;		/* resolved Value text */
	const char **refine_sel;	/* refine-value selector */
	const char **set_value;		/* set-value text */
	/* cluster-id -> first item index + 1; next_in_cluster links the rest
	 * (index + 1, 0 ends), so a select costs its cluster, not all items */
	struct sc_map clusters;
	size_t *next_in_cluster;
	/* effective selection with requires/conflicts, computed on demand:
	 * 0 not yet, 1 being computed, 2 not selected, 3 selected */
	unsigned char *eff;
};

static void
index_clusters(struct sc_policy *p)
{
	size_t n = p->b->n_items;

	p->next_in_cluster = sc_xcalloc(n + 1, sizeof(size_t));
	/* from the last item back, so each list runs in document order */
	for (size_t i = n; i-- > 0;) {
		const char *cid = p->b->items[i]->cluster_id;

		if (cid == NULL)
			continue;
		p->next_in_cluster[i] = (size_t)(uintptr_t)sc_map_get(
		    &p->clusters, cid);
		sc_map_put(&p->clusters, cid, (void *)(uintptr_t)(i + 1));
	}
}

/* First item of cluster cid as index + 1 (0: none); then next_in_cluster. */
static size_t
cluster_first(const struct sc_policy *p, const char *cid)
{
	return (size_t)(uintptr_t)sc_map_get(&p->clusters, cid);
}

static void
apply_select(struct sc_policy *p, const char *idref, int on)
{
	const struct sc_item *it = sc_bench_find(p->b, idref);

	if (it != NULL) {
		p->selected[it->index] = (char)on;
		return;
	}
	/* not an item id: a cluster-id selects every item of the cluster */
	for (size_t k = cluster_first(p, idref); k; k = p->next_in_cluster[k - 1])
		p->selected[k - 1] = (char)on;
}

static void
refine_one(struct sc_policy *p, size_t i, const struct sc_refine_rule *rr)
{
	if (rr->severity >= 0)
		p->severity[i] = (signed char)rr->severity;
	if (rr->role >= 0)
		p->role[i] = (signed char)rr->role;
	if (rr->weight >= 0)
		p->weight[i] = rr->weight;
	if (rr->selector)
		p->selector[i] = rr->selector;
}

/* The item with this id, and every item of the cluster with this id. */
static void
apply_refine_rule(struct sc_policy *p, const struct sc_refine_rule *rr)
{
	const struct sc_item *it = sc_bench_find(p->b, rr->idref);

	if (it != NULL)
		refine_one(p, it->index, rr);
	for (size_t k = cluster_first(p, rr->idref); k;
	    k = p->next_in_cluster[k - 1])
		refine_one(p, k - 1, rr);
}

static void
apply_profile(struct sc_policy *p, const struct sc_profile *pr)
{
	size_t i;

	for (i = 0; i < pr->n_selects; i++)
		apply_select(p, pr->selects[i].idref, pr->selects[i].flag);
	for (i = 0; i < pr->n_refine_rules; i++)
		apply_refine_rule(p, &pr->refine_rules[i]);
	for (i = 0; i < pr->n_refine_values; i++) {
		const struct sc_item *it = sc_bench_find(p->b,
		    pr->refine_values[i].idref);
		if (it && it->type == SC_ITEM_VALUE)
			p->refine_sel[it->index] = pr->refine_values[i].value;
	}
	for (i = 0; i < pr->n_set_values; i++) {
		const struct sc_item *it = sc_bench_find(p->b,
		    pr->set_values[i].idref);
		if (it && it->type == SC_ITEM_VALUE)
			p->set_value[it->index] = pr->set_values[i].value;
	}
}

static const char *
resolve_value(const struct sc_item *it, const char *sel, const char *set)
{
	size_t i;

	if (set != NULL)
		return set;
	if (sel != NULL)
		for (i = 0; i < it->n_values; i++)
			if (strcmp(it->values[i].selector, sel) == 0)
				return it->values[i].value;
	for (i = 0; i < it->n_values; i++)
		if (it->values[i].selector[0] == '\0')
			return it->values[i].value;
	return it->n_values ? it->values[0].value : "";
}

int
sc_policy_new(struct sc_policy **out, const struct sc_benchmark *b,
    const char *profile_id, struct sc_err *err)
{
	const struct sc_profile *chain[MAX_EXTENDS];
	struct sc_policy *p;
	size_t n = b->n_items, i;
	int depth = 0;

	*out = NULL;
	p = sc_xcalloc(1, sizeof(*p));
	p->b = b;
	p->selected = sc_xcalloc(n + 1, 1);
	p->severity = sc_xcalloc(n + 1, 1);
	p->role = sc_xcalloc(n + 1, 1);
	p->weight = sc_xcalloc(n + 1, sizeof(double));
	p->selector = sc_xcalloc(n + 1, sizeof(char *));
	p->value = sc_xcalloc(n + 1, sizeof(char *));
	p->refine_sel = sc_xcalloc(n + 1, sizeof(char *));
	p->set_value = sc_xcalloc(n + 1, sizeof(char *));
	p->eff = sc_xcalloc(n + 1, 1);
	for (i = 0; i < n; i++) {
		p->selected[i] = (char)b->items[i]->selected;
		p->severity[i] = -1;
		p->role[i] = -1;
		p->weight[i] = -1;
	}
	index_clusters(p);
	if (profile_id != NULL) {
		const struct sc_profile *pr = sc_bench_profile(b, profile_id);

		if (pr == NULL) {
			sc_policy_free(p);
			return sc_err_set(err, SC_ERR_NOTFOUND,
			    "no profile '%s' in benchmark '%s'", profile_id, b->id);
		}
		p->profile = pr;
		while (pr != NULL) {
			for (int k = 0; k < depth; k++) {
				if (chain[k] == pr) {
					sc_policy_free(p);
					return sc_err_set(err, SC_ERR_PARSE,
					    "profile '%s' extends itself", pr->id);
				}
			}
			if (depth == MAX_EXTENDS) {
				sc_policy_free(p);
				return sc_err_set(err, SC_ERR_TOOBIG,
				    "profile '%s': extends chain too long",
				    profile_id);
			}
			chain[depth++] = pr;
			if (pr->extends == NULL)
				break;
			const struct sc_profile *base = sc_bench_profile(b,
			    pr->extends);
			if (base == NULL) {
				sc_policy_free(p);
				return sc_err_set(err, SC_ERR_NOTFOUND,
				    "profile '%s' extends unknown profile '%s'",
				    pr->id, pr->extends);
			}
			pr = base;
		}
		while (depth > 0)
			apply_profile(p, chain[--depth]);
	}
	for (i = 0; i < n; i++)
		if (b->items[i]->type == SC_ITEM_VALUE)
			p->value[i] = resolve_value(b->items[i], p->refine_sel[i],
			    p->set_value[i]);
	*out = p;
	return SC_OK;
}

int
sc_policy_filter(struct sc_policy *p, const struct sc_strv *rules,
    const struct sc_strv *skip, struct sc_err *err)
{
	const struct sc_item *it;
	size_t i;

	for (i = 0; skip && i < skip->n; i++) {
		it = sc_bench_find(p->b, skip->v[i]);
		if (it == NULL || it->type != SC_ITEM_RULE)
			return sc_err_set(err, SC_ERR_NOTFOUND,
			    "--skip-rule: no rule '%s' in benchmark '%s'",
			    skip->v[i], p->b->id);
		p->selected[it->index] = 0;
	}
	memset(p->eff, 0, p->b->n_items);
	if (rules == NULL || rules->n == 0)
		return SC_OK;
	for (i = 0; i < rules->n; i++) {
		it = sc_bench_find(p->b, rules->v[i]);
		if (it == NULL || it->type != SC_ITEM_RULE ||
		    !sc_policy_rule_selected(p, it))
			return sc_err_set(err, SC_ERR_NOTFOUND,
			    "--rule: rule '%s' not found in the selected profile%s",
			    rules->v[i], skip && sc_strv_find(skip, rules->v[i]) >= 0 ?
			    " (it is also given to --skip-rule)" : "");
	}
	for (i = 0; i < p->b->n_items; i++) {
		it = p->b->items[i];
		if (it->type == SC_ITEM_RULE && sc_strv_find(rules, it->id) < 0)
			p->selected[i] = 0;
	}
	memset(p->eff, 0, p->b->n_items);
	return SC_OK;
}

void
sc_policy_free(struct sc_policy *p)
{
	if (p == NULL)
		return;
	free(p->selected);
	free(p->severity);
	free(p->role);
	free(p->weight);
	free(p->selector);
	free(p->value);
	free(p->refine_sel);
	free(p->set_value);
	free(p->eff);
	sc_map_free(&p->clusters);
	free(p->next_in_cluster);
	free(p);
}

const struct sc_benchmark *
sc_policy_benchmark(const struct sc_policy *p)
{
	return p->b;
}

const struct sc_profile *
sc_policy_profile(const struct sc_policy *p)
{
	return p->profile;
}

int
sc_policy_item_selected(const struct sc_policy *p, const struct sc_item *it)
{
	return p->selected[it->index];
}

static int effective(const struct sc_policy *p, const struct sc_item *it);

/* Is any item of the space-separated list ids selected (effectively)? */
static int
any_selected(const struct sc_policy *p, const char *ids)
{
	const char *s = ids;

	while (*s) {
		size_t n;
		char *id;
		const struct sc_item *o;

		s += strspn(s, " \t\n\r");
		n = strcspn(s, " \t\n\r");
		if (n == 0)
			break;
		id = sc_xstrndup(s, n);
		o = sc_bench_find(p->b, id);
		free(id);
		s += n;
		if (o != NULL && effective(p, o))
			return 1;
	}
	return 0;
}

/*
 * Selected, every ancestor selected, every <requires> met (an item of its
 * list selected; an id the benchmark lacks is not) and no <conflicts>
 * item selected: XCCDF 1.2 section 7.2.3.1, as OpenSCAP applies it (the
 * requirement of a requirement counts).  A cycle of requires/conflicts
 * reads the items inside it by their own selection.
 */
static int
effective(const struct sc_policy *p, const struct sc_item *it)
{
	unsigned char *e = &p->eff[it->index];
	int on;

	if (*e >= 2)
		return *e == 3;
	if (*e == 1)
		return p->selected[it->index];
	if (!p->selected[it->index])
		on = 0;
	else {
		*e = 1;
		on = it->parent == NULL || effective(p, it->parent);
		for (size_t i = 0; on && i < it->requires.n; i++)
			on = any_selected(p, it->requires.v[i]);
		for (size_t i = 0; on && i < it->conflicts.n; i++)
			on = !any_selected(p, it->conflicts.v[i]);
	}
	*e = on ? 3 : 2;
	return on;
}

int
sc_policy_rule_selected(const struct sc_policy *p, const struct sc_item *it)
{
	return effective(p, it);
}

size_t
sc_policy_count_selected_rules(const struct sc_policy *p)
{
	size_t i, n = 0;

	for (i = 0; i < p->b->n_items; i++)
		if (p->b->items[i]->type == SC_ITEM_RULE &&
		    sc_policy_rule_selected(p, p->b->items[i]))
			n++;
	return n;
}

enum sc_severity
sc_policy_severity(const struct sc_policy *p, const struct sc_item *rule)
{
	signed char s = p->severity[rule->index];

	return s >= 0 ? (enum sc_severity)s : rule->severity;
}

enum sc_role
sc_policy_role(const struct sc_policy *p, const struct sc_item *rule)
{
	signed char r = p->role[rule->index];

	return r >= 0 ? (enum sc_role)r : rule->role;
}

double
sc_policy_weight(const struct sc_policy *p, const struct sc_item *it)
{
	double w = p->weight[it->index];

	return w >= 0 ? w : it->weight;
}

const char *
sc_policy_check_selector(const struct sc_policy *p, const struct sc_item *rule)
{
	return p->selector[rule->index];
}

const char *
sc_policy_value(const struct sc_policy *p, const char *value_id)
{
	const struct sc_item *it = sc_bench_find(p->b, value_id);

	if (it == NULL || it->type != SC_ITEM_VALUE)
		return NULL;
	return p->value[it->index];
}
