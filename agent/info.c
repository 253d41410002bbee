/*
 * info.c - `stigcheck info` (info.h).
 */
#include "info.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "checks/engine.h"
#include "evidence.h"
#include "provenance.h"
#include "scan.h"
#include "verify.h"
#include "xccdf/results_read.h"
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

/* ---- stored results ------------------------------------------------------ */

static void
fact_line(FILE *f, const struct sc_testresult *tr, const char *label,
    const char *name)
{
	const char *v = sc_testresult_fact(tr, name);

	if (v && v[0])
		fprintf(f, "  %-22s %s\n", label, v);
}

static void
print_results(FILE *f, const char *path, const struct sc_testresult *tr)
{
	unsigned long counts[SC_RESULT__COUNT];
	char t0[40], t1[40];
	const char *kind = sc_testresult_fact(tr, "urn:stigcheck:fact:target:kind");
	size_t i;
	int first = 1;

	sc_testresult_count(tr, counts);
	sc_time_iso8601(tr->start_time, t0, sizeof(t0));
	sc_time_iso8601(tr->end_time, t1, sizeof(t1));
	fprintf(f, "Results:   %s\n", path);
	fprintf(f, "Target:    %s", tr->target ? tr->target : "(unnamed)");
	if (kind)
		fprintf(f, " (%s %s)", kind, sc_testresult_fact(tr,
		    "urn:stigcheck:fact:target:path") ?
		    sc_testresult_fact(tr, "urn:stigcheck:fact:target:path") : "");
	fprintf(f, "\nTime:      %s to %s\n", t0, t1);
	fprintf(f, "Benchmark: %s version %s\n", tr->benchmark_id ?
	    tr->benchmark_id : "?", tr->benchmark_version ?
	    tr->benchmark_version : "?");
	fprintf(f, "Profile:   %s\n", tr->profile_id ? tr->profile_id :
	    "(default selection)");
	fprintf(f, "Counts:   ");
	for (i = 0; i < SC_RESULT__COUNT; i++) {
		if (counts[i] == 0)
			continue;
		fprintf(f, "%s %s %lu", first ? "" : ",",
		    sc_result_name((enum sc_result)i), counts[i]);
		first = 0;
	}
	fprintf(f, "\n");
	for (i = 0; i < tr->n_scores; i++)
		fprintf(f, "Score:     %.2f of %.2f (%s)\n", tr->scores[i].score,
		    tr->scores[i].maximum, tr->scores[i].system);
	fprintf(f, "Provenance:\n");
	fact_line(f, tr, "scanner version", "urn:xccdf:fact:scanner:version");
	fact_line(f, tr, "scanner sha256", SC_FACT_SCANNER_SHA256);
	fact_line(f, tr, "content", SC_FACT_CONTENT_FILE);
	fact_line(f, tr, "content sha256", SC_FACT_CONTENT_SHA256);
	fact_line(f, tr, "tailoring", SC_FACT_TAILORING_FILE);
	fact_line(f, tr, "tailoring sha256", SC_FACT_TAILORING_SHA256);
	fact_line(f, tr, "target read sha256", SC_FACT_READ_DIGEST);
	fact_line(f, tr, "objects read", SC_FACT_READ_OBJECTS);
	fact_line(f, tr, "bytes read", SC_FACT_READ_BYTES);
	fact_line(f, tr, "container id", "urn:stigcheck:fact:container:id");
	fact_line(f, tr, "image digest", "urn:stigcheck:fact:container:image-digest");
	fact_line(f, tr, "image digest", "urn:stigcheck:fact:image:digest");
	fact_line(f, tr, "image id", "urn:stigcheck:fact:image:id");
	fact_line(f, tr, "command line", SC_FACT_COMMAND_LINE);
}

/* The manifest of an evidence directory: its files, signed or not. */
static int
print_manifest(FILE *f, const char *dir, struct sc_err *err)
{
	char *m = sc_xasprintf("%s/%s", dir, SC_EVIDENCE_MANIFEST);
	char *sig = sc_xasprintf("%s/%s", dir, SC_EVIDENCE_SIGNATURE);
	json_t *j = NULL, *files;
	json_error_t je;
	struct stat st;
	size_t i;
	int r = SC_OK;

	if (lstat(m, &st) < 0 || !S_ISREG(st.st_mode) ||
	    (unsigned long long)st.st_size > SC_VERIFY_MANIFEST_MAX) {
		r = sc_err_set(err, SC_ERR_NOTFOUND, "'%s' is not an evidence "
		    "directory (no %s)", dir, SC_EVIDENCE_MANIFEST);
		goto out;
	}
	if ((j = json_load_file(m, JSON_REJECT_DUPLICATES, &je)) == NULL ||
	    !json_is_array(files = json_object_get(j, "files"))) {
		r = sc_err_set(err, SC_ERR_PARSE, "%s: not an evidence manifest",
		    m);
		goto out;
	}
	fprintf(f, "Evidence:  %s (%zu files, %s; check with stigcheck verify)\n",
	    dir, json_array_size(files), lstat(sig, &st) == 0 ?
	    "signed" : "not signed");
	for (i = 0; i < json_array_size(files); i++) {
		json_t *e = json_array_get(files, i);
		const char *n = json_string_value(json_object_get(e, "name"));

		fprintf(f, "  %-26s %12lld bytes\n", n ? n : "?", (long long)
		    json_integer_value(json_object_get(e, "size")));
	}
out:
	json_decref(j);
	free(m);
	free(sig);
	return r;
}

int
sc_info_results(FILE *f, const char *path, struct sc_err *err)
{
	struct sc_content *c = NULL;
	struct sc_testresult *tr = NULL;
	struct sc_err e2 = SC_ERR_INIT;
	struct stat st;
	char *res = NULL;
	int r;

	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		if ((r = print_manifest(f, path, err)) < 0)
			return r;
		res = sc_xasprintf("%s/results.xml", path);
		r = sc_results_load(res, &c, &tr, err);
		if (r == SC_OK)
			print_results(f, res, tr);
		free(res);
		sc_testresult_free(tr);
		sc_content_free(c);
		return r < 0 ? r : 1;
	}
	if (sc_results_load(path, &c, &tr, &e2) < 0)
		return 0;	/* not results: content, or an error it reports */
	print_results(f, path, tr);
	sc_testresult_free(tr);
	sc_content_free(c);
	return 1;
}
