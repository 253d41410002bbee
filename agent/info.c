/*
 * info.c - `stigcheck info` (info.h).
 */
#include "info.h"

#include <string.h>

#include "checks/engine.h"
#include "util/map.h"
#include "xccdf/policy.h"

static int
print_profile(FILE *f, const struct sc_benchmark *b, const char *id,
    const char *title, struct sc_err *err)
{
	struct sc_policy *p;
	int r;

	if ((r = sc_policy_new(&p, b, id, err)) < 0)
		return r;
	fprintf(f, "  %-50s %4zu rules  %s\n", id ? id : "(default selection)",
	    sc_policy_count_selected_rules(p), title ? title : "");
	sc_policy_free(p);
	return SC_OK;
}

enum { REQ_NA, REQ_MANUAL, REQ_AUTO };

/* How a rule answers its requirement. */
static int
rule_kind(const struct sc_item *it)
{
	for (size_t i = 0; i < it->platforms.n; i++)
		if (sc_cpe_never_applies(it->platforms.v[i]))
			return REQ_NA;
	for (size_t i = 0; i < it->n_checks; i++)
		if (strcmp(it->checks[i].system, "urn:stigcheck:manual") != 0)
			return REQ_AUTO;
	return REQ_MANUAL;
}

/*
 * For benchmarks that group rules by DISA requirement (one Group per V-id,
 * as stigcheck's and DISA's own content do): how many requirements are
 * automated (any rule with a check stigcheck evaluates), not applicable,
 * or left for a person.
 */
static void
print_requirements(FILE *f, const struct sc_benchmark *b)
{
	size_t n[3] = { 0, 0, 0 }, reqs = 0, rules[3] = { 0, 0, 0 };

	for (size_t i = 0; i < b->n_items; i++) {
		const struct sc_item *g = b->items[i];
		const char *v;
		int kind = -1;

		if (g->type != SC_ITEM_GROUP || (v = strstr(g->id, "_V-")) == NULL)
			continue;
		for (size_t k = 0; k < g->n_children; k++) {
			int rk;

			if (g->children[k]->type != SC_ITEM_RULE)
				continue;
			rk = rule_kind(g->children[k]);
			rules[rk]++;
			if (rk > kind)
				kind = rk;
		}
		if (kind < 0)
			continue;
		reqs++;
		n[kind]++;
	}
	if (reqs == 0)
		return;
	fprintf(f, "SRG requirements: %zu covered: %zu automated, %zu not "
	    "applicable, %zu manual\n", reqs, n[REQ_AUTO], n[REQ_NA],
	    n[REQ_MANUAL]);
	fprintf(f, "Rules by kind: %zu automated, %zu not applicable, %zu manual\n",
	    rules[REQ_AUTO], rules[REQ_NA], rules[REQ_MANUAL]);
}

int
sc_info_print(FILE *f, struct sc_content *c, struct sc_err *err)
{
	const struct sc_benchmark *b = sc_content_benchmark(c);
	struct sc_map systems = SC_MAP_INIT;
	size_t rules = 0, groups = 0, values = 0, nocheck = 0, i, k;
	int r;

	for (i = 0; i < b->n_items; i++) {
		const struct sc_item *it = b->items[i];

		if (it->type == SC_ITEM_GROUP)
			groups++;
		else if (it->type == SC_ITEM_VALUE)
			values++;
		if (it->type != SC_ITEM_RULE)
			continue;
		rules++;
		if (it->n_checks == 0 && !it->complex_check)
			nocheck++;
		for (k = 0; k < it->n_checks; k++) {
			size_t n = (size_t)sc_map_get(&systems, it->checks[k].system);
			sc_map_put(&systems, it->checks[k].system, (void *)(n + 1));
		}
	}
	fprintf(f, "Document: %s (%s)\n", sc_content_name(c),
	    sc_content_kind(c) == SC_CONTENT_DATASTREAM ?
	    "SCAP source data stream" : "XCCDF 1.2 benchmark");
	if (sc_content_checklist_component_id(c))
		fprintf(f, "Checklist component: %s\n",
		    sc_content_checklist_component_id(c));
	fprintf(f, "Benchmark: %s\n", b->id);
	fprintf(f, "Version: %s\n", b->version);
	if (b->title)
		fprintf(f, "Title: %s\n", b->title);
	fprintf(f, "Rules: %zu in %zu groups, %zu values\n", rules, groups, values);
	print_requirements(f, b);
	fprintf(f, "Profiles:\n");
	for (i = 0; i < b->n_profiles; i++)
		if ((r = print_profile(f, b, b->profiles[i].id,
		    b->profiles[i].title, err)) < 0)
			goto out;
	if ((r = print_profile(f, b, NULL, NULL, err)) < 0)
		goto out;
	fprintf(f, "Check systems:\n");
	for (i = 0; i < systems.n; i++) {
		const struct sc_engine_ops *e = sc_engine_find(systems.keys[i]);

		fprintf(f, "  %-55s %4zu rules  %s\n", systems.keys[i],
		    (size_t)systems.vals[i], e ? e->info :
		    strcmp(systems.keys[i], "http://open-scap.org/page/SCE") == 0 ?
		    "not run (scripts are never run against a target)" :
		    "not supported (notchecked)");
	}
	if (nocheck)
		fprintf(f, "  %-55s %4zu rules\n", "(no check)", nocheck);
	r = SC_OK;
out:
	sc_map_free(&systems);
	return r;
}
