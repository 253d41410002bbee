/*
 * diff.c - drift between two stored runs (diff.h).
 */
#include "diff.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "reports/json.h"
#include "reports/outputs.h"
#include "reports/ruleinfo.h"
#include "util/map.h"
#include "xccdf/results_read.h"

#define SC_DIFF_VERSION 1
#define DIR_TARGETS_MAX 100000

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

static int
check_json_out(const char *json, const char *old_path, const char *new_path,
    struct sc_err *err)
{
	struct sc_outputs o;

	if (json == NULL || strcmp(json, "-") == 0)
		return SC_OK;
	/* the JSON file must be writable and must not be an input */
	memset(&o, 0, sizeof(o));
	o.path[sc_output_find("json")] = json;
	if (sc_outputs_check(&o, old_path, err) < 0 ||
	    sc_outputs_check(&o, new_path, err) < 0)
		return -1;
	return SC_OK;
}

static int
diff_files(const char *old_path, const char *new_path, const char *json,
    FILE *out, struct sc_err *err)
{
	struct sc_content *oc = NULL, *nc = NULL;
	struct sc_testresult *otr = NULL, *ntr = NULL;
	struct sc_diff d;
	json_t *doc = NULL;
	int status = 1;

	memset(&d, 0, sizeof(d));
	if (check_json_out(json, old_path, new_path, err) < 0)
		goto out;
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

/* ---- two --output-dir directories ----------------------------------------------- */

/* NAME of NAME.xml, a target's XCCDF results in an output directory (not
 * another format's file: NAME.arf.xml, NAME.junit.xml); NULL otherwise. */
static char *
target_stem(const char *fn)
{
	size_t n = strlen(fn), i;

	if (fn[0] == '.' || n <= 4 || strcmp(fn + n - 4, ".xml") != 0)
		return NULL;
	for (i = 0; i < sc_output_nfmts; i++) {
		const char *f = sc_output_fmts[i].file;
		size_t m = strlen(f);

		if (strcmp(sc_output_fmts[i].name, "results") == 0)
			continue;
		if (n > m + 1 && strcmp(fn + n - m, f) == 0 &&
		    fn[n - m - 1] == '.')
			return NULL;
	}
	return sc_xstrndup(fn, n - 4);
}

static int
by_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The target names of directory dir, sorted, into names. */
static int
list_targets(const char *dir, struct sc_strv *names, struct sc_err *err)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (d == NULL)
		return sc_err_set(err, sc_err_from_errno(errno), "cannot read "
		    "directory %s: %s", dir, strerror(errno));
	while ((de = readdir(d)) != NULL) {
		char *stem = target_stem(de->d_name);

		if (stem == NULL)
			continue;
		if (names->n >= DIR_TARGETS_MAX) {
			free(stem);
			closedir(d);
			return sc_err_set(err, SC_ERR_TOOBIG, "%s: more than %d "
			    "results files", dir, DIR_TARGETS_MAX);
		}
		sc_strv_push_owned(names, stem);
	}
	closedir(d);
	if (names->n)
		qsort(names->v, names->n, sizeof(names->v[0]), by_str);
	return SC_OK;
}

static unsigned long
bad_count(const struct sc_testresult *tr)
{
	unsigned long n = 0;

	for (size_t i = 0; i < tr->n_rr; i++)
		n += bad(tr->rr[i].result);
	return n;
}

struct dir_target {
	const char *name;
	const char *state;	/* "compared", "added", "gone" */
	struct sc_content *oc, *nc;
	struct sc_testresult *otr, *ntr;
	struct sc_diff d;
};

static void
dir_target_clear(struct dir_target *t)
{
	sc_diff_free(&t->d);
	sc_testresult_free(t->otr);
	sc_testresult_free(t->ntr);
	sc_content_free(t->oc);
	sc_content_free(t->nc);
}

static int
load_side(const char *dir, const char *name, struct sc_content **c,
    struct sc_testresult **tr, struct sc_err *err)
{
	char *path = sc_xasprintf("%s/%s.xml", dir, name);
	int r = sc_results_load(path, c, tr, err);

	free(path);
	return r;
}

int
sc_diff_dirs_main(const char *old_dir, const char *new_dir, const char *json,
    FILE *out, struct sc_err *err)
{
	struct sc_strv on = SC_STRV_INIT, nn = SC_STRV_INIT;
	struct sc_testresult empty;
	struct dir_target *ts = NULL;
	json_t *doc = NULL, *arr = NULL, *added = NULL, *gone = NULL;
	size_t n = 0, i = 0, j = 0, k, nreg = 0, nadd = 0, ngone = 0;
	int status = 1;

	memset(&empty, 0, sizeof(empty));
	if (check_json_out(json, old_dir, new_dir, err) < 0 ||
	    list_targets(old_dir, &on, err) < 0 ||
	    list_targets(new_dir, &nn, err) < 0)
		goto out;
	ts = sc_xcalloc(on.n + nn.n + 1, sizeof(*ts));
	while (i < on.n || j < nn.n) {	/* merge the two sorted lists */
		struct dir_target *t = &ts[n++];
		int c = i == on.n ? 1 : j == nn.n ? -1 : strcmp(on.v[i], nn.v[j]);

		t->name = c <= 0 ? on.v[i] : nn.v[j];
		t->state = c < 0 ? "gone" : c > 0 ? "added" : "compared";
		if (c <= 0 && load_side(old_dir, on.v[i++], &t->oc, &t->otr,
		    err) < 0)
			goto out;
		if (c >= 0 && load_side(new_dir, nn.v[j++], &t->nc, &t->ntr,
		    err) < 0)
			goto out;
		/* a target only on one side is diffed against no rules: an
		 * added one's failing rules are regressions, as a new rule's */
		sc_diff_compute(&t->d, t->otr ? t->otr : &empty,
		    t->ntr ? t->ntr : &empty);
		nreg += t->d.counts[SC_DIFF_REGRESSED] > 0;
		nadd += c > 0;
		ngone += c < 0;
	}
	if (json) {
		doc = json_object();
		arr = json_array();
		added = json_array();
		gone = json_array();
		for (k = 0; k < n; k++) {
			struct dir_target *t = &ts[k];
			json_t *o = json_object();

			json_object_set_new(o, "name", json_string(t->name));
			json_object_set_new(o, "state", json_string(t->state));
			json_object_set_new(o, "regressed", json_boolean(
			    t->d.counts[SC_DIFF_REGRESSED] > 0));
			json_object_set_new(o, "diff", sc_diff_json(&t->d,
			    t->otr ? t->name : NULL, t->otr ? t->otr : &empty,
			    t->ntr ? t->name : NULL, t->ntr ? t->ntr : &empty));
			json_array_append_new(arr, o);
			if (strcmp(t->state, "added") == 0)
				json_array_append_new(added, json_string(t->name));
			if (strcmp(t->state, "gone") == 0)
				json_array_append_new(gone, json_string(t->name));
		}
		json_object_set_new(doc, "format", json_string(
		    "stigcheck-diff-dirs"));
		json_object_set_new(doc, "version", json_integer(SC_DIFF_VERSION));
		json_object_set_new(doc, "old", json_string(old_dir));
		json_object_set_new(doc, "new", json_string(new_dir));
		json_object_set_new(doc, "regressed", json_boolean(nreg > 0));
		json_object_set_new(doc, "added", added);
		json_object_set_new(doc, "gone", gone);
		json_object_set_new(doc, "targets", arr);
		if (sc_json_save(doc, json, err) < 0)
			goto out;
	}
	if (json == NULL || strcmp(json, "-") != 0) {
		fprintf(out, "old %s, new %s: %zu targets\n", old_dir, new_dir, n);
		for (k = 0; k < n; k++) {
			struct dir_target *t = &ts[k];

			if (strcmp(t->state, "compared") == 0 && t->d.n == 0) {
				fprintf(out, "\n== %s: no change\n", t->name);
				continue;
			}
			if (strcmp(t->state, "compared") == 0) {
				fprintf(out, "\n== %s\n", t->name);
				sc_diff_print(out, &t->d, old_dir, t->otr, new_dir,
				    t->ntr);
				continue;
			}
			/* only on one side: its failing rules, not every rule */
			fprintf(out, "\n== %s: %s, %lu rules failing or erroring\n",
			    t->name, t->ntr ? "added (only in new)" :
			    "gone (only in old)", t->ntr ?
			    t->d.counts[SC_DIFF_REGRESSED] : bad_count(t->otr));
			for (size_t c = 0; c < t->d.n; c++)
				if (t->d.v[c].kind == SC_DIFF_REGRESSED)
					fprintf(out, "%-10s %-13s %-8s %s\n",
					    "regressed", res(t->d.v[c].new),
					    sc_severity_name(t->d.v[c].new->severity),
					    t->d.v[c].new->idref);
		}
		fprintf(out, "\ntargets: %zu, added %zu, gone %zu, regressed %zu\n",
		    n, nadd, ngone, nreg);
		fflush(out);
	}
	status = nreg ? 2 : 0;
out:
	for (k = 0; ts != NULL && k < n; k++)
		dir_target_clear(&ts[k]);
	free(ts);
	sc_strv_free(&on);
	sc_strv_free(&nn);
	json_decref(doc);
	return status;
}

int
sc_diff_main(const char *old_path, const char *new_path, const char *json,
    FILE *out, struct sc_err *err)
{
	struct stat a, b;
	int da = stat(old_path, &a) == 0 && S_ISDIR(a.st_mode);
	int db = stat(new_path, &b) == 0 && S_ISDIR(b.st_mode);

	if (da && db)
		return sc_diff_dirs_main(old_path, new_path, json, out, err);
	if (da || db) {
		sc_err_set(err, SC_ERR_INVAL, "diff: %s is a directory and %s is "
		    "not: give two results files or two --output-dir "
		    "directories", da ? old_path : new_path,
		    da ? new_path : old_path);
		return 1;
	}
	return diff_files(old_path, new_path, json, out, err);
}
