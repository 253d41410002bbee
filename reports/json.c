/*
 * json.c - the JSON summary (json.h).
 */
#include "reports/json.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reports/ruleinfo.h"
#include "util/fsutil.h"

static json_t *
time_str(time_t t)
{
	char buf[64];

	if (t == 0)
		return json_null();
	sc_time_iso8601(t, buf, sizeof(buf));
	return json_string(buf);
}

static json_t *
target(const struct sc_testresult *tr)
{
	json_t *o = json_object(), *a = json_array(), *f = json_object();
	size_t i;

	for (i = 0; i < tr->target_addresses.n; i++)
		json_array_append_new(a, sc_ruleinfo_jstr(tr->target_addresses.v[i]));
	for (i = 0; i < tr->n_facts; i++)
		if (json_object_get(f, tr->facts[i].name) == NULL)
			json_object_set_new(f, tr->facts[i].name,
			    sc_ruleinfo_jstr(tr->facts[i].value));
	json_object_set_new(o, "name", sc_ruleinfo_jstr(tr->target ?
	    tr->target : ""));
	json_object_set_new(o, "addresses", a);
	json_object_set_new(o, "facts", f);
	return o;
}

static json_t *
rule(const struct sc_ruleinfo *ri)
{
	json_t *o = json_object(), *ev = json_array();
	size_t i;

	for (i = 0; i < ri->evidence.n; i++)
		json_array_append_new(ev, sc_ruleinfo_jstr(ri->evidence.v[i]));
	json_object_set_new(o, "id", sc_ruleinfo_jstr(ri->id));
	json_object_set_new(o, "title", sc_ruleinfo_jstr(ri->title));
	json_object_set_new(o, "severity", json_string(ri->severity));
	json_object_set_new(o, "result", json_string(ri->result));
	json_object_set_new(o, "vuln_id", sc_ruleinfo_jstr(ri->vuln_id));
	json_object_set_new(o, "sv_id", sc_ruleinfo_jstr(ri->sv_id));
	json_object_set_new(o, "srg_id", sc_ruleinfo_jstr(ri->srg_id));
	json_object_set_new(o, "evidence", ev);
	if (ri->rr->ovr) {
		const struct sc_override *ov = ri->rr->ovr;
		char day[16], exp[16];

		sc_time_date(ov->time, day, sizeof(day));
		if (ov->expires)
			sc_time_date(ov->expires, exp, sizeof(exp));
		json_object_set_new(o, "override", json_pack(
		    "{s:s, s:s, s:o, s:s, s:o, s:o}",
		    "kind", sc_override_is_waiver(ov) ? "waiver" : "review",
		    "evaluated", sc_result_name(ov->old_result),
		    "by", sc_ruleinfo_jstr(ov->authority), "date", day,
		    "expires", ov->expires ? json_string(exp) : json_null(),
		    "reason", sc_ruleinfo_jstr(ov->remark)));
	}
	return o;
}

/* The headline FIPS verdict (checks/native_crypto.h), or null. */
static json_t *
fips(const struct sc_testresult *tr)
{
	const char *v = sc_testresult_fact(tr, "urn:stigcheck:fact:fips:verdict");
	const char *c = NULL;

	/* the last one, as the headline takes it */
	for (size_t i = 0; i < tr->n_facts; i++)
		if (strcmp(tr->facts[i].name,
		    "urn:stigcheck:fact:fips:certificate") == 0)
			c = tr->facts[i].value;
	if (v == NULL)
		return json_null();
	return json_pack("{s:o, s:o, s:o}", "verdict", sc_ruleinfo_jstr(v),
	    "summary", sc_ruleinfo_jstr(sc_testresult_fact(tr,
	    "urn:stigcheck:fact:fips:summary")), "certificate",
	    sc_ruleinfo_jstr(c));
}

json_t *
sc_json_summary(const struct sc_output_ctx *ctx)
{
	const struct sc_testresult *tr = ctx->tr;
	const struct sc_benchmark *b = ctx->content ?
	    sc_content_benchmark(ctx->content) : NULL;
	unsigned long counts[SC_RESULT__COUNT], bysev[SC_SEV_HIGH + 1];
	json_t *doc = json_object(), *gen = json_object(), *bench = json_object();
	json_t *cnt = json_object(), *sev = json_object(), *rules = json_array();
	json_t *score = json_null();
	size_t i;

	memset(bysev, 0, sizeof(bysev));
	sc_testresult_count(tr, counts);
	for (i = 0; i < SC_RESULT__COUNT; i++)
		json_object_set_new(cnt, sc_result_name((enum sc_result)i),
		    json_integer((json_int_t)counts[i]));
	for (i = 0; i < tr->n_rr; i++) {
		struct sc_ruleinfo ri;

		if (tr->rr[i].result == SC_RESULT_FAIL &&
		    tr->rr[i].severity <= SC_SEV_HIGH)
			bysev[tr->rr[i].severity]++;
		if (!sc_ruleinfo_listed(&tr->rr[i]))
			continue;
		sc_ruleinfo_init(&ri, ctx->srg, &tr->rr[i]);
		json_array_append_new(rules, rule(&ri));
		sc_ruleinfo_free(&ri);
	}
	for (i = 0; i <= SC_SEV_HIGH; i++)
		json_object_set_new(sev, sc_severity_name((enum sc_severity)i),
		    json_integer((json_int_t)bysev[i]));
	for (i = 0; i < tr->n_scores; i++)
		if (strcmp(tr->scores[i].system, "urn:xccdf:scoring:default") == 0) {
			/* two decimals: the same from a scan and from
			 * stored results (XCCDF keeps six) */
			double v = tr->scores[i].score;

			json_decref(score);
			score = json_real((double)(long long)(v * 100 +
			    (v < 0 ? -0.5 : 0.5)) / 100);
		}
	json_object_set_new(gen, "name", json_string("stigcheck"));
	json_object_set_new(gen, "version", json_string(STIGCHECK_VERSION));
	json_object_set_new(bench, "id", sc_ruleinfo_jstr(tr->benchmark_id ?
	    tr->benchmark_id : b ? b->id : ""));
	json_object_set_new(bench, "version", sc_ruleinfo_jstr(
	    tr->benchmark_version ? tr->benchmark_version :
	    b ? b->version : NULL));
	json_object_set_new(doc, "format", json_string("stigcheck-results"));
	json_object_set_new(doc, "version", json_integer(SC_JSON_VERSION));
	json_object_set_new(doc, "generator", gen);
	json_object_set_new(doc, "test_result", sc_ruleinfo_jstr(tr->id ?
	    tr->id : ""));
	json_object_set_new(doc, "start_time", time_str(tr->start_time));
	json_object_set_new(doc, "end_time", time_str(tr->end_time));
	json_object_set_new(doc, "target", target(tr));
	json_object_set_new(doc, "benchmark", bench);
	json_object_set_new(doc, "profile", sc_ruleinfo_jstr(tr->profile_id));
	json_object_set_new(doc, "score", score);
	json_object_set_new(doc, "counts", cnt);
	json_object_set_new(doc, "failed_by_severity", sev);
	/* what STIG users count: open findings by DISA category */
	json_object_set_new(doc, "open_findings", json_pack("{sI sI sI}",
	    "cat1", (json_int_t)bysev[SC_SEV_HIGH],
	    "cat2", (json_int_t)bysev[SC_SEV_MEDIUM],
	    "cat3", (json_int_t)bysev[SC_SEV_LOW]));
	json_object_set_new(doc, "fips", fips(tr));
	json_object_set_new(doc, "rules", rules);
	return doc;
}

int
sc_json_save(const json_t *j, const char *path, struct sc_err *err)
{
	char *text = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(15));
	size_t len;
	int r;

	if (text == NULL)
		return sc_err_set(err, SC_ERR_NOMEM, "cannot render JSON for '%s'",
		    path);
	len = strlen(text);
	if (strcmp(path, "-") == 0) {
		r = fwrite(text, 1, len, stdout) == len && fputc('\n', stdout) !=
		    EOF && fflush(stdout) == 0 ? SC_OK :
		    sc_err_set(err, SC_ERR_IO, "cannot write JSON to standard "
		    "output: %s", strerror(errno));
	} else {
		char *nl = sc_xasprintf("%s\n", text);

		r = sc_write_atomic(path, nl, len + 1, err);
		free(nl);
	}
	free(text);
	return r;
}

int
sc_json_write(const struct sc_output_ctx *ctx, const char *path,
    struct sc_err *err)
{
	json_t *doc = sc_json_summary(ctx);
	int r = sc_json_save(doc, path, err);

	json_decref(doc);
	return r;
}
