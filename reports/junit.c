/*
 * junit.c - JUnit XML output (junit.h).
 */
#include "reports/junit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reports/ruleinfo.h"
#include "xccdf/results_xml.h"

#define X(s) ((const xmlChar *)(s))

enum outcome { PASSED, FAILURE, ERROR, SKIPPED };

static enum outcome
outcome_of(enum sc_result r)
{
	switch (r) {
	case SC_RESULT_FAIL:
		return FAILURE;
	case SC_RESULT_ERROR:
	case SC_RESULT_UNKNOWN:
		return ERROR;
	case SC_RESULT_NOTAPPLICABLE:
	case SC_RESULT_NOTCHECKED:
		return SKIPPED;
	default:
		return PASSED;
	}
}

static void
set_counts(xmlNodePtr n, const unsigned long *c, double secs)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%lu", c[PASSED] + c[FAILURE] + c[ERROR] +
	    c[SKIPPED]);
	xmlNewProp(n, X("tests"), X(buf));
	snprintf(buf, sizeof(buf), "%lu", c[FAILURE]);
	xmlNewProp(n, X("failures"), X(buf));
	snprintf(buf, sizeof(buf), "%lu", c[ERROR]);
	xmlNewProp(n, X("errors"), X(buf));
	snprintf(buf, sizeof(buf), "%lu", c[SKIPPED]);
	xmlNewProp(n, X("skipped"), X(buf));
	snprintf(buf, sizeof(buf), "%.3f", secs);
	xmlNewProp(n, X("time"), X(buf));
}

static void
property(xmlNodePtr props, const char *name, const char *value)
{
	xmlNodePtr p = xmlNewChild(props, NULL, X("property"), NULL);

	xmlNewProp(p, X("name"), X(name));
	xmlNewProp(p, X("value"), X(value ? value : ""));
}

static void
testcase(xmlNodePtr suite, const struct sc_ruleinfo *ri, const char *cls,
    enum outcome o)
{
	static const char *const el[] = { "system-out", "failure", "error",
		"skipped" };
	xmlNodePtr tc = xmlNewChild(suite, NULL, X("testcase"), NULL), n;
	char *ev = sc_ruleinfo_evidence_text(ri), *msg;

	xmlNewProp(tc, X("name"), X(ri->id));
	xmlNewProp(tc, X("classname"), X(cls));
	xmlNewProp(tc, X("time"), X("0"));
	if (o == PASSED && *ev == '\0')
		goto out;
	n = xmlNewChild(tc, NULL, X(el[o]), NULL);
	xmlNodeAddContent(n, X(ev));
	if (o == FAILURE || o == ERROR) {
		xmlNewProp(n, X("type"), X(o == FAILURE ? ri->severity :
		    ri->result));
		xmlNewProp(n, X("message"), X(*ri->title ? ri->title : ri->id));
	} else if (o == SKIPPED) {
		msg = sc_xasprintf("%s: %s", ri->result, *ri->title ?
		    ri->title : ri->id);
		xmlNewProp(n, X("message"), X(msg));
		free(msg);
	}
out:
	free(ev);
}

xmlDocPtr
sc_junit_doc(const struct sc_output_ctx *ctx)
{
	const struct sc_testresult *tr = ctx->tr;
	const char *bench = tr->benchmark_id ? tr->benchmark_id : "benchmark";
	xmlDocPtr doc = xmlNewDoc(X("1.0"));
	xmlNodePtr root = xmlNewNode(NULL, X("testsuites")), suite, props;
	unsigned long c[4] = { 0, 0, 0, 0 };
	double secs = tr->end_time > tr->start_time ?
	    (double)(tr->end_time - tr->start_time) : 0;
	char ts[64], *name;
	size_t i;

	xmlDocSetRootElement(doc, root);
	xmlNewProp(root, X("name"), X("stigcheck"));
	suite = xmlNewChild(root, NULL, X("testsuite"), NULL);
	name = sc_xasprintf("%s%s%s", bench, tr->profile_id ? " " : "",
	    tr->profile_id ? tr->profile_id : "");
	xmlNewProp(suite, X("name"), X(name));
	free(name);
	xmlNewProp(suite, X("hostname"), X(tr->target ? tr->target : ""));
	sc_time_iso8601(tr->start_time, ts, sizeof(ts));
	xmlNewProp(suite, X("timestamp"), X(ts));
	props = xmlNewChild(suite, NULL, X("properties"), NULL);
	property(props, "target", tr->target);
	property(props, "benchmark", bench);
	property(props, "profile", tr->profile_id);
	property(props, "test_result", tr->id);
	for (i = 0; i < tr->n_rr; i++) {
		struct sc_ruleinfo ri;
		enum outcome o = outcome_of(tr->rr[i].result);

		if (!sc_ruleinfo_listed(&tr->rr[i]))
			continue;
		sc_ruleinfo_init(&ri, ctx->srg, &tr->rr[i]);
		testcase(suite, &ri, bench, o);
		sc_ruleinfo_free(&ri);
		c[o]++;
	}
	set_counts(suite, c, secs);
	set_counts(root, c, secs);
	return doc;
}

int
sc_junit_write(const struct sc_output_ctx *ctx, const char *path,
    struct sc_err *err)
{
	xmlDocPtr doc = sc_junit_doc(ctx);
	int r = sc_results_save(doc, path, err);

	xmlFreeDoc(doc);
	return r;
}
