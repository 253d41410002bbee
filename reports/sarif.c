/*
 * sarif.c - SARIF 2.1.0 output (sarif.h).
 */
#include "reports/sarif.h"

#include <stdlib.h>
#include <string.h>

#include "reports/json.h"
#include "reports/ruleinfo.h"
#include "reports/ruletext.h"

#define SARIF_SCHEMA "https://docs.oasis-open.org/sarif/sarif/v2.1.0/" \
	"errata01/os/schemas/sarif-schema-2.1.0.json"

static const char *
level_of(enum sc_severity s)
{
	switch (s) {
	case SC_SEV_HIGH:
		return "error";
	case SC_SEV_LOW:
	case SC_SEV_INFO:
		return "note";
	default:
		return "warning";
	}
}

static const char *
security_severity(enum sc_severity s)
{
	switch (s) {
	case SC_SEV_HIGH:
		return "8.0";
	case SC_SEV_MEDIUM:
		return "5.0";
	case SC_SEV_LOW:
		return "2.0";
	default:
		return "0.0";
	}
}

static json_t *
text_obj(const char *s)
{
	json_t *o = json_object();

	json_object_set_new(o, "text", sc_ruleinfo_jstr(s && *s ? s : "-"));
	return o;
}

static json_t *
descriptor(const struct sc_ruleinfo *ri)
{
	json_t *d = json_object(), *cfg = json_object(), *props = json_object();
	json_t *tags = json_array();
	struct sc_buf desc = SC_BUF_INIT, help = SC_BUF_INIT;
	const struct sc_item *rule = ri->rr->rule;

	sc_buf_reset(&desc);
	sc_buf_reset(&help);
	sc_ruletext(&desc, rule, SC_RULETEXT_DESCRIPTION);
	sc_ruletext(&help, rule, SC_RULETEXT_CHECK);
	if (help.len)
		sc_buf_adds(&help, "\n\n");
	sc_ruletext(&help, rule, SC_RULETEXT_FIX);
	json_object_set_new(d, "id", sc_ruleinfo_jstr(ri->id));
	if (ri->vuln_id)
		json_object_set_new(d, "name", json_string(ri->vuln_id));
	json_object_set_new(d, "shortDescription", text_obj(ri->title));
	json_object_set_new(d, "fullDescription", text_obj(desc.len ?
	    desc.data : ri->title));
	json_object_set_new(d, "help", text_obj(help.len ? help.data :
	    ri->title));
	json_object_set_new(cfg, "level", json_string(
	    level_of(ri->rr->severity)));
	json_object_set_new(d, "defaultConfiguration", cfg);
	json_array_append_new(tags, json_string("security"));
	json_array_append_new(tags, json_string("compliance"));
	json_object_set_new(props, "tags", tags);
	json_object_set_new(props, "severity", json_string(ri->severity));
	json_object_set_new(props, "security-severity", json_string(
	    security_severity(ri->rr->severity)));
	json_object_set_new(props, "vuln_id", sc_ruleinfo_jstr(ri->vuln_id));
	json_object_set_new(props, "srg_id", sc_ruleinfo_jstr(ri->srg_id));
	json_object_set_new(d, "properties", props);
	sc_buf_free(&desc);
	sc_buf_free(&help);
	return d;
}

/* The title, then the evidence lines. */
static json_t *
message(const struct sc_ruleinfo *ri)
{
	char *ev = sc_ruleinfo_evidence_text(ri);
	char *t = sc_xasprintf("%s%s%s", *ri->title ? ri->title : ri->id,
	    *ev ? "\n" : "", ev);
	json_t *m = text_obj(t);

	free(t);
	free(ev);
	return m;
}

static json_t *
result(const struct sc_ruleinfo *ri, size_t index, const char *target)
{
	json_t *r = json_object(), *locs = json_array(), *loc = json_object();
	json_t *ll = json_array(), *l = json_object();

	json_object_set_new(r, "ruleId", sc_ruleinfo_jstr(ri->id));
	json_object_set_new(r, "ruleIndex", json_integer((json_int_t)index));
	json_object_set_new(r, "level", json_string(level_of(ri->rr->severity)));
	json_object_set_new(r, "message", message(ri));
	json_object_set_new(l, "name", sc_ruleinfo_jstr(target));
	json_object_set_new(l, "kind", json_string("module"));
	json_array_append_new(ll, l);
	json_object_set_new(loc, "logicalLocations", ll);
	json_array_append_new(locs, loc);
	json_object_set_new(r, "locations", locs);
	return r;
}

static json_t *
notification(const struct sc_ruleinfo *ri, size_t index)
{
	json_t *n = json_object(), *desc = json_object();

	json_object_set_new(desc, "id", sc_ruleinfo_jstr(ri->id));
	json_object_set_new(desc, "index", json_integer((json_int_t)index));
	json_object_set_new(n, "level", json_string("error"));
	json_object_set_new(n, "message", message(ri));
	json_object_set_new(n, "associatedRule", desc);
	return n;
}

json_t *
sc_sarif_doc(const struct sc_output_ctx *ctx)
{
	const struct sc_testresult *tr = ctx->tr;
	const char *target = tr->target && *tr->target ? tr->target : "target";
	json_t *doc = json_object(), *runs = json_array(), *run = json_object();
	json_t *tool = json_object(), *drv = json_object(), *rules = json_array();
	json_t *results = json_array(), *inv = json_object(), *invs = json_array();
	json_t *notes = json_array();
	size_t i, n = 0;

	for (i = 0; i < tr->n_rr; i++) {
		struct sc_ruleinfo ri;

		if (!sc_ruleinfo_listed(&tr->rr[i]))
			continue;
		sc_ruleinfo_init(&ri, ctx->srg, &tr->rr[i]);
		json_array_append_new(rules, descriptor(&ri));
		if (tr->rr[i].result == SC_RESULT_FAIL)
			json_array_append_new(results, result(&ri, n, target));
		else if (tr->rr[i].result == SC_RESULT_ERROR)
			json_array_append_new(notes, notification(&ri, n));
		sc_ruleinfo_free(&ri);
		n++;
	}
	json_object_set_new(drv, "name", json_string("stigcheck"));
	json_object_set_new(drv, "version", json_string(STIGCHECK_VERSION));
	json_object_set_new(drv, "rules", rules);
	json_object_set_new(tool, "driver", drv);
	json_object_set_new(inv, "executionSuccessful",
	    json_boolean(json_array_size(notes) == 0));
	json_object_set_new(inv, "toolExecutionNotifications", notes);
	json_array_append_new(invs, inv);
	json_object_set_new(run, "tool", tool);
	json_object_set_new(run, "invocations", invs);
	json_object_set_new(run, "results", results);
	json_array_append_new(runs, run);
	json_object_set_new(doc, "$schema", json_string(SARIF_SCHEMA));
	json_object_set_new(doc, "version", json_string("2.1.0"));
	json_object_set_new(doc, "runs", runs);
	return doc;
}

int
sc_sarif_write(const struct sc_output_ctx *ctx, const char *path,
    struct sc_err *err)
{
	json_t *doc = sc_sarif_doc(ctx);
	int r = sc_json_save(doc, path, err);

	json_decref(doc);
	return r;
}
