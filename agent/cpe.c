/*
 * cpe.c - XCCDF applicability through CPE names and platforms (cpe.h).
 */
#include "cpe.h"

#include <stdlib.h>
#include <string.h>

#include "checks/oval/oval_engine.h"
#include "checks/oval/oval_eval.h"
#include "checks/oval/oval_model.h"
#include "checks/oval/oval_regex.h"
#include "util/map.h"
#include "walk/walk.h"
#include "xccdf/result.h"

#define CPE_LANG_NS "http://cpe.mitre.org/language/2.0"
#define CPE_DICT_NS "http://cpe.mitre.org/dictionary/2.0"
#define MAX_DEPTH 32

struct verdict {
	int r;				/* 1, 0, -1 */
	char *why;
};

struct sc_cpe {
	struct sc_content *content;
	struct sc_target *target;
	struct sc_oval_rt rt;
	int walk_ran;
	unsigned walk_searches;		/* searches when the walk ran */
	struct sc_map docs;		/* href -> struct sc_oval_doc * */
	struct sc_map cache;		/* idref / cpe name -> struct verdict */
};

struct sc_cpe *
sc_cpe_new(struct sc_content *c, struct sc_target *t)
{
	struct sc_cpe *cpe = sc_xcalloc(1, sizeof(*cpe));

	cpe->content = c;
	cpe->target = t;
	cpe->rt.target = t;
	cpe->rt.walk = sc_walk_new();
	return cpe;
}

void
sc_cpe_free(struct sc_cpe *cpe)
{
	if (cpe == NULL)
		return;
	for (size_t i = 0; i < cpe->docs.n; i++)
		sc_oval_doc_free(cpe->docs.vals[i]);
	sc_map_free(&cpe->docs);
	for (size_t i = 0; i < cpe->cache.n; i++) {
		struct verdict *v = cpe->cache.vals[i];

		free(v->why);
		free(v);
	}
	sc_map_free(&cpe->cache);
	sc_walk_free(cpe->rt.walk);
	sc_oval_regex_release(&cpe->rt);
	free(cpe);
}

/* the child element ns:name of n whose attribute attr is val */
static xmlNodePtr
child_with(xmlNodePtr n, const char *ns, const char *name, const char *attr,
    const char *val)
{
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next) {
		char *v;
		int eq;

		if (c->type != XML_ELEMENT_NODE || !sc_xml_is(c, ns, name))
			continue;
		v = sc_xml_attr(c, attr);
		eq = v != NULL && strcmp(v, val) == 0;
		free(v);
		if (eq)
			return c;
	}
	return NULL;
}

static xmlNodePtr
first_child(xmlNodePtr n, const char *ns, const char *name)
{
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && sc_xml_is(c, ns, name))
			return c;
	return NULL;
}

/* ---- OVAL definitions ---------------------------------------------------- */

/* the reasons an OVAL definition gave, as its rule evidence says them */
static void
def_reasons(struct sc_oval_doc *d, const struct sc_oval_def *def,
    struct sc_buf *why)
{
	struct sc_testresult *tr = sc_testresult_new();
	struct sc_rule_result *rr = sc_testresult_add(tr, "cpe");

	sc_oval_eval_evidence(d, def, rr);
	for (size_t i = 0; i < rr->n_msgs && i < 3; i++)
		sc_buf_addf(why, "%s%s", i ? "; " : ": ", rr->msgs[i].text);
	sc_testresult_free(tr);
}

/* evaluate OVAL definition id of href */
static int
eval_oval(struct sc_cpe *cpe, const char *href, const char *id,
    struct sc_buf *why)
{
	struct sc_err err = SC_ERR_INIT;
	struct sc_oval_doc *d = sc_map_get(&cpe->docs, href);
	struct sc_oval_def *def;
	xmlNodePtr root;
	enum sc_oval_res r;

	if (d == NULL) {
		if (sc_content_resolve_href(cpe->content, href, &root, NULL,
		    &err) < 0 ||
		    sc_oval_doc_new(&d, root, href, &cpe->rt, &err) < 0) {
			sc_buf_addf(why, "OVAL definition %s: %s", id, err.msg);
			return -1;
		}
		sc_map_put(&cpe->docs, href, d);
	}
	if (sc_oval_doc_def(d, id, &def, &err) < 0 ||
	    sc_oval_eval_prepare(d, def, &err) < 0) {
		sc_buf_addf(why, "%s", err.msg);
		return -1;
	}
	/* objects that search the tree: a walk of the platforms' own */
	if (cpe->walk_ran && sc_walk_count(cpe->rt.walk) > cpe->walk_searches) {
		sc_buf_addf(why, "OVAL definition %s searches the file tree after "
		    "the platforms' walk ran (not supported)", id);
		return -1;
	}
	if (sc_walk_count(cpe->rt.walk) > 0 && !cpe->walk_ran) {
		cpe->walk_ran = 1;
		cpe->walk_searches = sc_walk_count(cpe->rt.walk);
		if (sc_walk_run(cpe->rt.walk, cpe->target, &err) < 0) {
			sc_buf_addf(why, "OVAL definition %s: %s", id, err.msg);
			return -1;
		}
	}
	cpe->rt.walked = 1;
	r = sc_oval_eval_def(d, def);
	if (r == SC_OVAL_TRUE || r == SC_OVAL_FALSE) {
		sc_buf_addf(why, "OVAL definition %s is %s", id,
		    r == SC_OVAL_TRUE ? "true" : "false");
		return r == SC_OVAL_TRUE;
	}
	sc_buf_addf(why, "OVAL definition %s gave %s", id, sc_oval_res_name(r));
	def_reasons(d, def, why);
	return -1;
}

/* ---- CPE names ---------------------------------------------------------- */

static int
eval_name(struct sc_cpe *cpe, const char *name, struct sc_buf *why)
{
	xmlNodePtr dict = sc_content_cpe_dictionary(cpe->content), item, chk;
	char *title = NULL, *href = NULL, *id = NULL;
	int r;

	if (sc_cpe_never_applies(name)) {
		sc_buf_addf(why, "the requirement is met outside the "
		    "container, by the host, the runtime or the orchestrator "
		    "(the rule's platform %s is one no container has)", name);
		return 0;
	}
	if (dict == NULL) {
		sc_buf_addf(why, "%s cannot be evaluated: the content has no CPE "
		    "dictionary", name);
		return -1;
	}
	item = child_with(dict, CPE_DICT_NS, "cpe-item", "name", name);
	if (item == NULL) {
		sc_buf_addf(why, "%s cannot be evaluated: it is not in the CPE "
		    "dictionary", name);
		return -1;
	}
	if (first_child(item, CPE_DICT_NS, "title"))
		title = sc_xml_text_collapsed(first_child(item, CPE_DICT_NS, "title"));
	chk = child_with(item, CPE_DICT_NS, "check", "system", SC_OVAL_SYSTEM);
	sc_buf_addf(why, "%s%s%s%s", name, title ? " (" : "",
	    title ? title : "", title ? ")" : "");
	if (chk == NULL || (href = sc_xml_attr(chk, "href")) == NULL) {
		sc_buf_adds(why, " cannot be evaluated: its dictionary entry has "
		    "no OVAL check");
		r = -1;
		goto out;
	}
	id = sc_xml_text_collapsed(chk);
	sc_buf_adds(why, ": ");
	r = eval_oval(cpe, href, id, why);
out:
	free(title);
	free(href);
	free(id);
	return r;
}

/* ---- the CPE applicability language ------------------------------------- */

static int eval_test(struct sc_cpe *cpe, xmlNodePtr t, int depth,
    struct sc_buf *why);

static int
eval_member(struct sc_cpe *cpe, xmlNodePtr m, int depth, struct sc_buf *why)
{
	char *a, *b;
	int r;

	if (sc_xml_is(m, CPE_LANG_NS, "logical-test"))
		return eval_test(cpe, m, depth + 1, why);
	if (sc_xml_is(m, CPE_LANG_NS, "fact-ref")) {
		a = sc_xml_attr(m, "name");
		r = a ? eval_name(cpe, a, why) : -1;
		if (a == NULL)
			sc_buf_adds(why, "a fact-ref without a name");
		free(a);
		return r;
	}
	if (sc_xml_is(m, CPE_LANG_NS, "check-fact-ref")) {
		char *sys = sc_xml_attr(m, "system");

		a = sc_xml_attr(m, "href");
		b = sc_xml_attr(m, "id-ref");
		if (sys == NULL || strcmp(sys, SC_OVAL_SYSTEM) != 0 || !a || !b) {
			sc_buf_addf(why, "check-fact-ref of system '%s' cannot be "
			    "evaluated", sys ? sys : "");
			r = -1;
		} else {
			r = eval_oval(cpe, a, b, why);
		}
		free(sys);
		free(a);
		free(b);
		return r;
	}
	sc_buf_addf(why, "<%s> is not part of the CPE language",
	    (const char *)m->name);
	return -1;
}

static int
eval_test(struct sc_cpe *cpe, xmlNodePtr t, int depth, struct sc_buf *why)
{
	char *op = sc_xml_attr(t, "operator"), *neg = sc_xml_attr(t, "negate");
	int is_or = op && strcmp(op, "OR") == 0;
	int negate = neg && (strcmp(neg, "true") == 0 || strcmp(neg, "1") == 0);
	int any_t = 0, any_f = 0, any_e = 0, n = 0, r;

	if (depth > MAX_DEPTH || !(is_or || (op && strcmp(op, "AND") == 0))) {
		sc_buf_addf(why, depth > MAX_DEPTH ? "logical tests nested too "
		    "deep" : "logical-test operator '%s' is not valid",
		    op ? op : "");
		r = -1;
		goto out;
	}
	for (xmlNodePtr m = t->children; m; m = m->next) {
		if (m->type != XML_ELEMENT_NODE)
			continue;
		if (n++ > 0)
			sc_buf_adds(why, is_or ? " OR " : " AND ");
		r = eval_member(cpe, m, depth, why);
		any_t |= r == 1;
		any_f |= r == 0;
		any_e |= r < 0;
	}
	if (is_or)
		r = any_t ? 1 : any_e ? -1 : 0;
	else
		r = any_f ? 0 : any_e ? -1 : n > 0;
	if (negate && r >= 0) {
		sc_buf_adds(why, " (negated)");
		r = !r;
	}
out:
	free(op);
	free(neg);
	return r;
}

static int
eval_platform(struct sc_cpe *cpe, const char *id, struct sc_buf *why)
{
	const struct sc_benchmark *b = sc_content_benchmark(cpe->content);
	xmlNodePtr spec = first_child(b->node, CPE_LANG_NS,
	    "platform-specification"), p, t, title;
	char *tt = NULL;
	int r;

	p = child_with(spec, CPE_LANG_NS, "platform", "id", id);
	if (p == NULL) {
		sc_buf_addf(why, "platform #%s cannot be evaluated: the Benchmark "
		    "has no such cpe-lang:platform", id);
		return -1;
	}
	title = first_child(p, CPE_LANG_NS, "title");
	if (title != NULL)
		tt = sc_xml_text_collapsed(title);
	sc_buf_addf(why, "platform #%s%s%s%s: ", id, tt ? " (" : "",
	    tt ? tt : "", tt ? ")" : "");
	free(tt);
	t = first_child(p, CPE_LANG_NS, "logical-test");
	if (t == NULL) {
		sc_buf_adds(why, "it has no logical-test");
		return -1;
	}
	r = eval_test(cpe, t, 0, why);
	return r;
}

int
sc_cpe_applies(struct sc_cpe *cpe, const char *idref, struct sc_buf *why)
{
	struct verdict *v = sc_map_get(&cpe->cache, idref);

	if (v == NULL) {
		struct sc_buf b = SC_BUF_INIT;

		sc_buf_reset(&b);
		v = sc_xcalloc(1, sizeof(*v));
		if (idref[0] == '#') {
			v->r = eval_platform(cpe, idref + 1, &b);
		} else {
			/* the never-applies name words its own reason */
			if (!sc_cpe_never_applies(idref))
				sc_buf_adds(&b, "platform ");
			v->r = eval_name(cpe, idref, &b);
		}
		v->why = sc_buf_detach(&b);
		sc_map_put(&cpe->cache, idref, v);
	}
	sc_buf_adds(why, v->why);
	return v->r;
}
