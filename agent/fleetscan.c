/*
 * fleetscan.c - scanning every running container (fleetscan.h).
 */
#include "fleetscan.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "probes/filecache.h"
#include "reports/outputs.h"
#include "scan.h"
#include "target/container.h"
#include "util/fsutil.h"
#include "util/mem.h"
#include "xccdf/benchmark.h"
#include "xccdf/result.h"

#define STEM_MAX 128
#define SHORT_ID 12

struct one {
	struct sc_container_info ci;
	char *stem;
	json_t *entry;		/* its summary.json object */
};

char *
sc_fleetscan_stem(const char *name, const char *id, long pid)
{
	size_t i, n = name ? strlen(name) : 0;
	int ok = n > 0 && n <= STEM_MAX && name[0] != '.';

	for (i = 0; ok && i < n; i++) {
		char c = name[i];

		ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
	}
	if (ok)
		return sc_xstrdup(name);
	if (id != NULL && *id != '\0' && strspn(id, "0123456789abcdef") ==
	    strlen(id))
		return sc_xstrndup(id, SHORT_ID);
	return sc_xasprintf("pid-%ld", pid);
}

static int
by_stem(const void *a, const void *b)
{
	const struct one *x = a, *y = b;
	int c = strcmp(x->stem, y->stem);

	if (c == 0 && x->ci.id && y->ci.id)
		c = strcmp(x->ci.id, y->ci.id);
	return c;
}

static json_t *
str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* Parse LIST into the output table rows to write (results excluded). */
static int
parse_formats(const char *list, int rows[SC_OUTPUT_MAX], size_t *n,
    struct sc_err *err)
{
	const char *p = list;

	*n = 0;
	while (p != NULL && *p != '\0') {
		size_t len = strcspn(p, ",");
		char word[64];
		int row;
		size_t k;

		if (len == 0 || len >= sizeof(word))
			return sc_err_set(err, SC_ERR_INVAL, "--formats: bad list "
			    "'%s'", list);
		memcpy(word, p, len);
		word[len] = '\0';
		if ((row = sc_output_find(word)) < 0)
			return sc_err_set(err, SC_ERR_INVAL, "--formats: unknown "
			    "format '%s'", word);
		for (k = 0; k < *n && rows[k] != row; k++)
			;
		if (k == *n && strcmp(word, "results") != 0)
			rows[(*n)++] = row;
		p += len;
		if (*p == ',')
			p++;
	}
	return SC_OK;
}

/* DIR must be a directory we can write; created (one level) if absent. */
static int
prepare_dir(const char *dir, struct sc_err *err)
{
	struct stat st;

	if (mkdir(dir, 0755) < 0 && errno != EEXIST)
		return sc_err_set(err, sc_err_from_errno(errno), "cannot create "
		    "output directory %s: %s", dir, strerror(errno));
	if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode))
		return sc_err_set(err, SC_ERR_NOTREG, "%s is not a directory",
		    dir);
	if (access(dir, W_OK | X_OK) < 0)
		return sc_err_set(err, sc_err_from_errno(errno), "cannot write "
		    "into %s: %s", dir, strerror(errno));
	return SC_OK;
}

static void
add_counts(json_t *entry, const struct sc_testresult *tr)
{
	static const enum sc_severity sevs[] = { SC_SEV_HIGH, SC_SEV_MEDIUM,
		SC_SEV_LOW, SC_SEV_INFO, SC_SEV_UNKNOWN };
	unsigned long counts[SC_RESULT__COUNT];
	json_t *c = json_object(), *bs = json_object();
	size_t i, k;

	sc_testresult_count(tr, counts);
	for (i = 0; i < SC_RESULT__COUNT; i++)
		json_object_set_new(c, sc_result_name((enum sc_result)i),
		    json_integer((json_int_t)counts[i]));
	for (k = 0; k < sizeof(sevs) / sizeof(sevs[0]); k++) {
		json_t *o = json_object();
		unsigned long per[SC_RESULT__COUNT] = { 0 };

		for (i = 0; i < tr->n_rr; i++)
			if (tr->rr[i].severity == sevs[k])
				per[tr->rr[i].result]++;
		for (i = 0; i < SC_RESULT__COUNT; i++)
			if (per[i])
				json_object_set_new(o,
				    sc_result_name((enum sc_result)i),
				    json_integer((json_int_t)per[i]));
		json_object_set_new(bs, sc_severity_name(sevs[k]), o);
	}
	json_object_set_new(entry, "counts", c);
	json_object_set_new(entry, "by_severity", bs);
}

static void
add_file(json_t *files, const char *stem, const char *suffix)
{
	char *fn = sc_xasprintf("%s.%s", stem, suffix);

	json_array_append_new(files, json_string(fn));
	free(fn);
}

/*
 * Scan one container into its files.  Returns 0 clean, 2 findings, or
 * <0 (err says why) when it could not be scanned.
 */
static int
scan_one(struct one *o, struct sc_content *content,
    const struct sc_policy *policy, const struct sc_fleetscan_opts *opts,
    const int *rows, size_t nrows, struct sc_filecache *cache,
    struct sc_err *err)
{
	struct sc_container_opts co = { opts->include_mounts, 1 };
	struct sc_scan_opts so = { 0, 1 };
	struct sc_outputs out;
	struct sc_target *t = NULL;
	struct sc_testresult *tr = NULL;
	unsigned long counts[SC_RESULT__COUNT];
	json_t *files = json_array();
	char *paths[SC_OUTPUT_MAX] = { NULL };
	size_t i;
	int r, results_row = sc_output_find("results");
	unsigned long hits0, hits1, misses, dirs0, dirs1;

	memset(&out, 0, sizeof(out));
	if (results_row < 0) {
		r = sc_err_set(err, SC_ERR_INTERNAL, "no results row");
		goto out;
	}
	paths[results_row] = sc_xasprintf("%s/%s.xml", opts->output_dir,
	    o->stem);
	add_file(files, o->stem, "xml");
	for (i = 0; i < nrows; i++) {
		const struct sc_output_fmt *f = &sc_output_fmts[rows[i]];

		paths[rows[i]] = sc_xasprintf("%s/%s.%s", opts->output_dir,
		    o->stem, f->file);
		if (f->flags & SC_OUTF_CHECK_DOCS)
			so.no_check_docs = 0;
		add_file(files, o->stem, f->file);
	}
	for (i = 0; i < SC_OUTPUT_MAX; i++)
		out.path[i] = paths[i];
	if ((r = sc_container_open_info(&t, &o->ci, &co, err)) < 0)
		goto out;
	sc_filecache_attach(t, cache, o->ci.pid);
	sc_filecache_stats(cache, &hits0, &misses);
	dirs0 = sc_filecache_dir_hits(cache);
	if ((r = sc_scan_run(content, t, policy, &so, &tr, err)) < 0)
		goto out;
	sc_filecache_stats(cache, &hits1, &misses);
	dirs1 = sc_filecache_dir_hits(cache);
	{
		json_t *sh = json_object();

		json_object_set_new(sh, "directories",
		    json_integer((json_int_t)(dirs1 - dirs0)));
		json_object_set_new(sh, "file_results",
		    json_integer((json_int_t)((hits1 - hits0) - (dirs1 - dirs0))));
		json_object_set_new(o->entry, "shared", sh);
	}
	if ((r = sc_outputs_write(&out, content, tr, err)) < 0)
		goto out;
	json_object_set_new(o->entry, "outputs", files);
	files = NULL;
	json_object_set_new(o->entry, "profile", str_or_null(tr->profile_id));
	add_counts(o->entry, tr);
	json_object_set_new(o->entry, "score", json_null());
	for (i = 0; i < tr->n_scores; i++)
		if (strcmp(tr->scores[i].system, "urn:xccdf:scoring:default") == 0)
			json_object_set_new(o->entry, "score",
			    json_real(tr->scores[i].score));
	sc_testresult_count(tr, counts);
	r = counts[SC_RESULT_FAIL] || counts[SC_RESULT_ERROR] ? 2 : 0;
	if (!opts->quiet)
		printf("%s: pass %lu, fail %lu, error %lu, notapplicable %lu, "
		    "notchecked %lu\n", o->stem, counts[SC_RESULT_PASS],
		    counts[SC_RESULT_FAIL], counts[SC_RESULT_ERROR],
		    counts[SC_RESULT_NOTAPPLICABLE], counts[SC_RESULT_NOTCHECKED]);
out:
	json_decref(files);
	for (i = 0; i < SC_OUTPUT_MAX; i++)
		free(paths[i]);
	sc_testresult_free(tr);
	sc_target_free(t);
	return r;
}

/* The identity fields of one container's summary entry. */
static json_t *
entry_new(const struct one *o)
{
	json_t *e = json_object();

	json_object_set_new(e, "name", str_or_null(o->ci.name));
	json_object_set_new(e, "file", json_string(o->stem));
	json_object_set_new(e, "id", str_or_null(o->ci.id));
	json_object_set_new(e, "pid", json_integer(o->ci.pid));
	json_object_set_new(e, "runtime", str_or_null(o->ci.runtime));
	json_object_set_new(e, "image", str_or_null(o->ci.image));
	json_object_set_new(e, "image_id", str_or_null(o->ci.image_id));
	json_object_set_new(e, "image_digest", str_or_null(o->ci.image_digest));
	json_object_set_new(e, "error", json_null());
	return e;
}

int
sc_fleetscan_run(struct sc_content *content, const struct sc_policy *policy,
    const struct sc_fleetscan_opts *opts, struct sc_err *err)
{
	struct sc_container_info *cis = NULL;
	struct sc_filecache *cache = sc_filecache_new();
	struct one *all = NULL;
	json_t *summary = NULL, *arr;
	int rows[SC_OUTPUT_MAX];
	size_t nrows, n = 0, i, j;
	char *text = NULL, *path = NULL;
	int status = 1, worst = 0;

	if (parse_formats(opts->formats, rows, &nrows, err) < 0 ||
	    prepare_dir(opts->output_dir, err) < 0)
		goto out;
	if (sc_container_list(&cis, &n, err) < 0)
		goto out;
	sc_container_identify(cis, n);
	all = sc_xcalloc(n + 1, sizeof(*all));
	for (i = 0; i < n; i++) {
		all[i].ci = cis[i];	/* moved */
		all[i].stem = sc_fleetscan_stem(cis[i].name, cis[i].id,
		    cis[i].pid);
	}
	free(cis);
	cis = NULL;
	qsort(all, n, sizeof(*all), by_stem);
	for (i = 1; i < n; i++) {
		/* two containers, one name: the later gets its short id */
		for (j = 0; j < i; j++)
			if (strcmp(all[i].stem, all[j].stem) == 0)
				break;
		if (j < i && all[i].ci.id) {
			char *s = sc_xasprintf("%s-%.12s", all[i].stem,
			    all[i].ci.id);

			free(all[i].stem);
			all[i].stem = s;
		}
	}
	summary = json_object();
	arr = json_array();
	json_object_set_new(summary, "version", json_integer(1));
	json_object_set_new(summary, "generator",
	    json_string("stigcheck " STIGCHECK_VERSION));
	json_object_set_new(summary, "containers", arr);
	for (i = 0; i < n; i++) {
		struct sc_err e1 = SC_ERR_INIT;
		int r;

		all[i].entry = entry_new(&all[i]);
		json_array_append(arr, all[i].entry);
		r = scan_one(&all[i], content, policy, opts, rows, nrows,
		    cache, &e1);
		if (r < 0) {
			fprintf(stderr, "stigcheck: %s: %s\n", all[i].stem, e1.msg);
			json_object_set_new(all[i].entry, "error",
			    json_string(e1.msg));
			r = 2;
		}
		if (r > worst)
			worst = r;
	}
	if (n == 0 && !opts->quiet)
		printf("no running containers\n");
	text = json_dumps(summary, JSON_INDENT(2) | JSON_SORT_KEYS);
	path = sc_xasprintf("%s/summary.json", opts->output_dir);
	if (text == NULL) {
		sc_err_set(err, SC_ERR_NOMEM, "cannot build summary.json");
		goto out;
	}
	{
		size_t len = strlen(text);
		char *nl = sc_xasprintf("%s\n", text);
		int r = sc_write_atomic(path, nl, len + 1, err);

		free(nl);
		if (r < 0)
			goto out;
	}
	status = worst;
out:
	for (i = 0; all != NULL && i < n; i++) {
		sc_container_info_free(&all[i].ci);
		free(all[i].stem);
		json_decref(all[i].entry);
	}
	for (i = 0; cis != NULL && i < n; i++)
		sc_container_info_free(&cis[i]);
	free(cis);
	free(all);
	sc_filecache_free(cache);
	json_decref(summary);
	free(text);
	free(path);
	return status;
}
