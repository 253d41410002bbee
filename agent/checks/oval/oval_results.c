/*
 * oval_results.c - the OVAL results document (oval_results.h).
 */
#include "checks/oval/oval_results.h"

#include <stdio.h>
#include <string.h>

#include "checks/oval/oval_item.h"
#include "xccdf/prune.h"
#include "xccdf/result.h"

#define T_DEF SC_OVAL_C_DEF
#define T_TEST SC_OVAL_C_TEST
#define T_OBJ SC_OVAL_C_OBJECT

static xmlNodePtr
add(xmlNodePtr parent, xmlNsPtr ns, const char *name, const char *text)
{
	xmlNodePtr n = xmlNewChild(parent, ns, (const xmlChar *)name, NULL);

	if (text != NULL) {
		struct sc_buf b = SC_BUF_INIT;

		sc_buf_reset(&b);
		sc_xml_safe_append(&b, text, strlen(text));
		xmlNodeAddContent(n, (const xmlChar *)b.data);
		sc_buf_free(&b);
	}
	return n;
}

static void
prop(xmlNodePtr n, const char *name, const char *value)
{
	xmlNewProp(n, (const xmlChar *)name, (const xmlChar *)value);
}

static const char *
version_of(const char *v)
{
	return v && *v ? v : "0";
}

static void
generator(xmlNodePtr parent, xmlNsPtr ns, xmlNsPtr oval, time_t when)
{
	xmlNodePtr g = add(parent, ns, "generator", NULL);
	char ts[32];
	struct tm tm;

	gmtime_r(&when, &tm);
	strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%S", &tm);
	add(g, oval, "product_name", "stigcheck");
	add(g, oval, "product_version", STIGCHECK_VERSION);
	add(g, oval, "schema_version", SC_OVAL_SCHEMA_VERSION);
	add(g, oval, "timestamp", ts);
}

static void
crit_xml(const struct sc_oval_crit *c, xmlNodePtr parent, xmlNsPtr ns)
{
	xmlNodePtr n;

	switch (c->type) {
	case SC_OVAL_CRIT_CRITERIA:
		n = add(parent, ns, "criteria", NULL);
		prop(n, "operator", sc_oval_operator_name(c->op));
		if (c->negate)
			prop(n, "negate", "true");
		prop(n, "result", sc_oval_res_name(c->result));
		for (size_t i = 0; i < c->n_kids; i++)
			crit_xml(c->kids[i], n, ns);
		break;
	case SC_OVAL_CRIT_CRITERION:
		n = add(parent, ns, "criterion", NULL);
		prop(n, "test_ref", c->test ? c->test->id : c->test_ref);
		prop(n, "version", version_of(c->test ? c->test->version :
		    c->test_version));
		if (c->negate)
			prop(n, "negate", "true");
		prop(n, "result", sc_oval_res_name(c->result));
		break;
	case SC_OVAL_CRIT_EXTEND:
		n = add(parent, ns, "extend_definition", NULL);
		prop(n, "definition_ref", c->def->id);
		prop(n, "version", version_of(c->def->version));
		if (c->negate)
			prop(n, "negate", "true");
		prop(n, "result", sc_oval_res_name(c->result));
		break;
	}
}

/* tests stigcheck could not parse: error, so the criteria's refs resolve */
static void
unsupported_tests(const struct sc_oval_crit *c, xmlNodePtr system,
    xmlNodePtr *tests, xmlNsPtr ns, struct sc_strv *seen)
{
	xmlNodePtr n;

	if (c->type == SC_OVAL_CRIT_CRITERIA)
		for (size_t i = 0; i < c->n_kids; i++)
			unsupported_tests(c->kids[i], system, tests, ns, seen);
	if (c->type != SC_OVAL_CRIT_CRITERION || c->test != NULL ||
	    sc_strv_find(seen, c->test_ref) >= 0)
		return;
	sc_strv_push(seen, c->test_ref);
	if (*tests == NULL)
		*tests = add(system, ns, "tests", NULL);
	n = add(*tests, ns, "test", NULL);
	prop(n, "test_id", c->test_ref);
	prop(n, "version", version_of(c->test_version));
	prop(n, "check", "all");
	prop(n, "result", "error");
	prop(add(n, ns, "message", c->unsupported), "level", "error");
}

static void
tested_variables(const struct sc_oval_test *t, xmlNodePtr n, xmlNsPtr ns)
{
	for (size_t s = 0; s < t->n_states; s++) {
		const struct sc_oval_state *st = t->states[s];

		for (size_t e = 0; e < st->n_ents; e++) {
			const struct sc_oval_var *v = st->ents[e].var;

			if (v == NULL || !v->computed)
				continue;
			for (size_t i = 0; i < v->values.n; i++)
				prop(add(n, ns, "tested_variable", v->values.v[i]),
				    "variable_id", v->id);
		}
	}
}

static void
test_xml(const struct sc_oval_test *t, xmlNodePtr parent, xmlNsPtr ns)
{
	xmlNodePtr n = add(parent, ns, "test", NULL);
	char num[32];

	prop(n, "test_id", t->id);
	prop(n, "version", version_of(t->version));
	prop(n, "check_existence", sc_oval_existence_name(t->existence));
	prop(n, "check", sc_oval_check_name(t->check));
	prop(n, "state_operator", sc_oval_operator_name(t->state_op));
	prop(n, "result", sc_oval_res_name(t->result));
	for (size_t i = 0; i < t->n_tested; i++) {
		xmlNodePtr ti = add(n, ns, "tested_item", NULL);

		snprintf(num, sizeof(num), "%lu", t->tested[i].item_id);
		prop(ti, "item_id", num);
		prop(ti, "result", sc_oval_res_name(t->tested[i].res));
	}
	tested_variables(t, n, ns);
}

static void
object_xml(const struct sc_oval_object *o, xmlNodePtr parent, xmlNsPtr ns)
{
	xmlNodePtr n = add(parent, ns, "object", NULL);
	char num[32];

	prop(n, "id", o->id);
	prop(n, "version", version_of(o->version));
	if (o->comment)
		prop(n, "comment", o->comment);
	prop(n, "flag", sc_oval_flag_name(o->flag));
	for (size_t i = 0; i < o->messages.n; i++)
		prop(add(n, ns, "message", o->messages.v[i]), "level",
		    o->flag == SC_OVAL_FLAG_ERROR ? "error" : "info");
	for (size_t e = 0; e < o->n_ents; e++) {
		const struct sc_oval_var *v = o->ents[e].var;

		if (v == NULL || !v->computed)
			continue;
		for (size_t i = 0; i < v->values.n; i++)
			prop(add(n, ns, "variable_value", v->values.v[i]),
			    "variable_id", v->id);
	}
	for (size_t i = 0; i < o->n_items; i++) {
		snprintf(num, sizeof(num), "%lu", o->items[i]->id);
		prop(add(n, ns, "reference", NULL), "item_ref", num);
	}
}

/* one prefix ("unix-sys", "ind-sys") per family namespace */
static void
declare_family_ns(xmlNodePtr sc)
{
	for (int k = 0; k < SC_OVAL_KIND__COUNT; k++) {
		const struct sc_oval_family *f = sc_oval_family_get(k);
		char pfx[32];

		if (xmlSearchNsByHref(sc->doc, sc, (const xmlChar *)f->sc_ns))
			continue;
		snprintf(pfx, sizeof(pfx), "%s-sys", f->ns_short);
		xmlNewNs(sc, (const xmlChar *)f->sc_ns, (const xmlChar *)pfx);
	}
}

static void
system_characteristics(struct sc_oval_doc *d, xmlNodePtr system, time_t when,
    int thin)
{
	struct sc_target *t = d->rt->target;
	xmlNodePtr sc, info, objs = NULL, data = NULL;
	xmlNsPtr ns, oval;
	const char *v;

	sc = xmlNewChild(system, NULL, (const xmlChar *)"oval_system_characteristics",
	    NULL);
	ns = xmlNewNs(sc, (const xmlChar *)SC_OVAL_SC_NS, NULL);
	xmlSetNs(sc, ns);
	oval = xmlSearchNsByHref(system->doc, system,
	    (const xmlChar *)SC_OVAL_COMMON_NS);
	declare_family_ns(sc);
	generator(sc, ns, oval, when);
	info = add(sc, ns, "system_info", NULL);
	v = sc_target_os_release(t, "NAME");
	add(info, ns, "os_name", v ? v : (sc_target_os_release(t, "ID") ?
	    sc_target_os_release(t, "ID") : "unknown"));
	v = sc_target_os_release(t, "VERSION_ID");
	add(info, ns, "os_version", v ? v : "unknown");
	add(info, ns, "architecture", "unknown");
	add(info, ns, "primary_host_name", sc_target_name(t));
	add(info, ns, "interfaces", NULL);
	if (thin)
		return;
	for (size_t i = 0; i < d->n_owned; i++) {
		const struct sc_oval_object *o = d->owned[i];

		if (d->owned_type[i] != T_OBJ || !o->collected)
			continue;
		if (objs == NULL)
			objs = add(sc, ns, "collected_objects", NULL);
		object_xml(o, objs, ns);
	}
	for (size_t i = 0; i < d->n_owned; i++) {
		const struct sc_oval_object *o = d->owned[i];

		if (d->owned_type[i] != T_OBJ || !o->collected)
			continue;
		for (size_t k = 0; k < o->n_items; k++) {
			if (data == NULL)
				data = add(sc, ns, "system_data", NULL);
			sc_oval_item_to_xml(o->items[k], data);
		}
	}
}

xmlDocPtr
sc_oval_results_build(struct sc_oval_doc *d, time_t when)
{
	static const char *const directives[] = { "definition_true",
		"definition_false", "definition_unknown", "definition_error",
		"definition_not_evaluated", "definition_not_applicable" };
	xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr root, dir, results, system, defs = NULL, tests = NULL, copy;
	xmlNsPtr ns, oval;
	struct sc_strv seen = SC_STRV_INIT;
	int thin = d->thin;

	root = xmlNewNode(NULL, (const xmlChar *)"oval_results");
	xmlDocSetRootElement(doc, root);
	ns = xmlNewNs(root, (const xmlChar *)SC_OVAL_RESULTS_NS, NULL);
	xmlSetNs(root, ns);
	oval = xmlNewNs(root, (const xmlChar *)SC_OVAL_COMMON_NS,
	    (const xmlChar *)"oval");
	xmlNewNs(root, (const xmlChar *)SC_OVAL_DEF_NS, (const xmlChar *)"oval-def");
	doc->URL = xmlStrdup((const xmlChar *)d->name);
	generator(root, ns, oval, when);
	dir = add(root, ns, "directives", NULL);
	for (size_t i = 0; i < 6; i++) {
		xmlNodePtr x = add(dir, ns, directives[i], NULL);

		prop(x, "reported", "true");
		prop(x, "content", thin ? "thin" : "full");
	}
	copy = xmlDocCopyNode(d->root, doc, 1);
	xmlAddChild(root, copy);
	xmlReconciliateNs(doc, copy);
	{
		/*
		 * Constructs the content was loaded without stay placeholders,
		 * written from the content file (prune.h).  A failure here
		 * (the file changed) fails the write of this document.
		 */
		struct sc_err e = SC_ERR_INIT;

		(void)sc_prune_copied(copy, 0, &e);
	}
	results = add(root, ns, "results", NULL);
	system = add(results, ns, "system", NULL);
	for (size_t i = 0; i < d->n_owned; i++) {
		const struct sc_oval_def *def = d->owned[i];
		xmlNodePtr n;

		if (d->owned_type[i] != T_DEF || !def->evaluated)
			continue;
		if (defs == NULL)
			defs = add(system, ns, "definitions", NULL);
		n = add(defs, ns, "definition", NULL);
		prop(n, "definition_id", def->id);
		prop(n, "version", version_of(def->version));
		if (def->cls)
			prop(n, "class", def->cls);
		prop(n, "result", sc_oval_res_name(def->result));
		if (!thin)
			crit_xml(def->criteria, n, ns);
	}
	for (size_t i = 0; !thin && i < d->n_owned; i++) {
		const struct sc_oval_test *t = d->owned[i];

		if (d->owned_type[i] != T_TEST || !t->evaluated)
			continue;
		if (tests == NULL)
			tests = add(system, ns, "tests", NULL);
		test_xml(t, tests, ns);
	}
	for (size_t i = 0; !thin && i < d->n_owned; i++) {
		const struct sc_oval_def *def = d->owned[i];

		if (d->owned_type[i] != T_DEF || !def->evaluated)
			continue;
		unsupported_tests(def->criteria, system, &tests, ns, &seen);
	}
	sc_strv_free(&seen);
	system_characteristics(d, system, when, thin);
	return doc;
}
