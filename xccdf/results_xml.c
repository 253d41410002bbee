/*
 * results_xml.c - writing XCCDF 1.2 results (results_xml.h).
 */
#include "xccdf/results_xml.h"
#include "xccdf/prune.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/xmlsave.h>

#include "util/fsutil.h"
#include "util/mem.h"
#include "xccdf/graft.h"
#include "xccdf/evidence.h"

static const char *msg_sev[] = { "info", "warning", "error" };

static xmlNodePtr
add_text(xmlNodePtr parent, xmlNsPtr ns, const char *name, const char *text)
{
	/* xmlNewTextChild escapes the text */
	return xmlNewTextChild(parent, ns, (const xmlChar *)name,
	    (const xmlChar *)text);
}

static void
set_attr(xmlNodePtr n, const char *name, const char *value)
{
	xmlNewProp(n, (const xmlChar *)name, (const xmlChar *)value);
}

static void
add_rule_result(xmlNodePtr trn, xmlNsPtr ns, const struct sc_rule_result *rr)
{
	xmlNodePtr n = xmlNewChild(trn, ns, (const xmlChar *)"rule-result", NULL);
	char buf[64];
	size_t i;

	set_attr(n, "idref", rr->idref);
	set_attr(n, "role", sc_role_name(rr->role));
	set_attr(n, "severity", sc_severity_name(rr->severity));
	sc_time_iso8601(rr->time, buf, sizeof(buf));
	set_attr(n, "time", buf);
	if (rr->version)
		set_attr(n, "version", rr->version);
	snprintf(buf, sizeof(buf), "%g", rr->weight);
	set_attr(n, "weight", buf);
	add_text(n, ns, "result", sc_result_name(rr->result));
	if (rr->ovr) {
		/* XCCDF 1.2 overrideType: after <result>, before <ident> */
		xmlNodePtr o = xmlNewChild(n, ns, (const xmlChar *)"override",
		    NULL);
		char *remark = sc_override_remark(rr->ovr);

		sc_time_iso8601(rr->ovr->time, buf, sizeof(buf));
		set_attr(o, "time", buf);
		set_attr(o, "authority", rr->ovr->authority);
		add_text(o, ns, "old-result", sc_result_name(rr->ovr->old_result));
		add_text(o, ns, "new-result", sc_result_name(rr->ovr->new_result));
		add_text(o, ns, "remark", remark);
		free(remark);
	}
	if (rr->rule) {
		for (i = 0; i < rr->rule->n_idents; i++) {
			xmlNodePtr id = add_text(n, ns, "ident",
			    rr->rule->idents[i].value);
			set_attr(id, "system", rr->rule->idents[i].system);
		}
	}
	if (rr->n_msgs > 0 || rr->dropped > 0) {
		char *text = sc_rr_evidence(rr, NULL);
		xmlNodePtr m = add_text(n, ns, "message", text);

		/* the result's severity: no "error" on a notchecked rule */
		set_attr(m, "severity", msg_sev[sc_evidence_severity(rr)]);
		free(text);
	}
	if (rr->check_system) {
		xmlNodePtr c = xmlNewChild(n, ns, (const xmlChar *)"check", NULL);

		set_attr(c, "system", rr->check_system);
		if (rr->check_selector)
			set_attr(c, "selector", rr->check_selector);
		for (i = 0; i < rr->n_check_refs; i++) {
			xmlNodePtr ref = xmlNewChild(c, ns,
			    (const xmlChar *)"check-content-ref", NULL);
			set_attr(ref, "href", rr->check_refs[i].href);
			if (rr->check_refs[i].name)
				set_attr(ref, "name", rr->check_refs[i].name);
		}
		if (rr->n_check_refs == 0) {
			/* inline content: point back at the rule's own check */
			xmlNodePtr ref = xmlNewChild(c, ns,
			    (const xmlChar *)"check-content-ref", NULL);
			struct sc_buf h = SC_BUF_INIT;

			sc_buf_reset(&h);
			sc_buf_addf(&h, "#%s", rr->idref);
			set_attr(ref, "href", h.data);
			sc_buf_free(&h);
		}
	}
}

/*
 * Indent the element-only subtree under n with whitespace text nodes, so
 * the TestResult reads well even inside a copied Benchmark whose own
 * whitespace is kept verbatim (libxml2 stops formatting below any element
 * that has text children).
 */
static void
indent(xmlNodePtr n, int level)
{
	xmlNodePtr ch, next;
	char pad[128];
	int w;

	for (ch = n->children; ch; ch = ch->next)
		if (ch->type == XML_TEXT_NODE)
			return;		/* mixed or text content: leave as is */
	if (n->children == NULL)
		return;
	w = 2 * (level + 1) < 120 ? 2 * (level + 1) : 120;
	pad[0] = '\n';
	memset(pad + 1, ' ', (size_t)w);
	pad[w + 1] = '\0';
	for (ch = n->children; ch; ch = next) {
		next = ch->next;
		xmlAddPrevSibling(ch, xmlNewText((const xmlChar *)pad));
		if (ch->type == XML_ELEMENT_NODE)
			indent(ch, level + 1);
	}
	pad[w - 1] = '\0';
	xmlAddChild(n, xmlNewText((const xmlChar *)pad));
}

xmlNodePtr
sc_results_testresult_node(xmlDocPtr doc, xmlNsPtr ns,
    const struct sc_testresult *tr)
{
	xmlNodePtr n = xmlNewDocNode(doc, ns, (const xmlChar *)"TestResult", NULL);
	xmlNodePtr x;
	char buf[64];
	size_t i;

	set_attr(n, "id", tr->id);
	sc_time_iso8601(tr->start_time, buf, sizeof(buf));
	set_attr(n, "start-time", buf);
	sc_time_iso8601(tr->end_time, buf, sizeof(buf));
	set_attr(n, "end-time", buf);
	if (tr->benchmark_version && tr->benchmark_version[0])
		set_attr(n, "version", tr->benchmark_version);
	set_attr(n, "test-system", tr->test_system);

	x = xmlNewChild(n, ns, (const xmlChar *)"benchmark", NULL);
	set_attr(x, "href", tr->benchmark_href);
	set_attr(x, "id", tr->benchmark_id);
	add_text(n, ns, "title", tr->title);
	if (tr->profile_id) {
		x = xmlNewChild(n, ns, (const xmlChar *)"profile", NULL);
		set_attr(x, "idref", tr->profile_id);
	}
	add_text(n, ns, "target", tr->target);
	for (i = 0; i < tr->target_addresses.n; i++)
		add_text(n, ns, "target-address", tr->target_addresses.v[i]);
	if (tr->n_facts > 0) {
		x = xmlNewChild(n, ns, (const xmlChar *)"target-facts", NULL);
		for (i = 0; i < tr->n_facts; i++) {
			xmlNodePtr f = add_text(x, ns, "fact", tr->facts[i].value);
			set_attr(f, "name", tr->facts[i].name);
			set_attr(f, "type", tr->facts[i].type);
		}
	}
	for (i = 0; i < tr->n_rr; i++)
		add_rule_result(n, ns, &tr->rr[i]);
	for (i = 0; i < tr->n_scores; i++) {
		char sc[64];

		snprintf(sc, sizeof(sc), "%.6f", tr->scores[i].score);
		x = add_text(n, ns, "score", sc);
		set_attr(x, "system", tr->scores[i].system);
		snprintf(sc, sizeof(sc), "%.6f", tr->scores[i].maximum);
		set_attr(x, "maximum", sc);
	}
	return n;
}

int
sc_results_build(const struct sc_content *c, const struct sc_testresult *tr,
    xmlDocPtr *out, struct sc_err *err)
{
	const struct sc_benchmark *b = sc_content_benchmark(c);
	xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr root, ch, next, trn;
	int r;

	*out = NULL;
	/* a copy is read, not only written: everything goes in (prune.h) */
	if ((r = sc_prune_materialize_all(b->node, err)) < 0) {
		xmlFreeDoc(doc);
		return r;
	}
	root = xmlDocCopyNode(b->node, doc, 1);
	if (root == NULL) {
		xmlFreeDoc(doc);
		return sc_err_set(err, SC_ERR_NOMEM, "cannot copy the benchmark");
	}
	xmlDocSetRootElement(doc, root);
	for (ch = root->children; ch; ch = next) {
		next = ch->next;
		if (sc_xml_is(ch, SC_XCCDF12_NS, "TestResult")) {
			xmlUnlinkNode(ch);
			xmlFreeNode(ch);
		}
	}
	xmlReconciliateNs(doc, root);
	/* TestResult goes after the items, before a signature if any */
	trn = sc_results_testresult_node(doc, root->ns, tr);
	indent(trn, 1);
	for (ch = root->children; ch; ch = ch->next)
		if (sc_xml_is(ch, SC_XCCDF12_NS, "signature"))
			break;
	if (ch)
		xmlAddPrevSibling(ch, trn);
	else
		xmlAddChild(root, trn);
	*out = doc;
	return SC_OK;
}

struct save {
	xmlDocPtr doc;
	struct sc_err err;
};

/*
 * Serialise straight into the file: a big benchmark is not held twice,
 * and what the content was loaded without is written from its file
 * (prune.h).
 */
static int
save_fd(int fd, void *arg)
{
	struct save *s = arg;

	return sc_prune_save(s->doc, fd, &s->err) < 0 ? -1 : 0;
}

int
sc_results_save(xmlDocPtr doc, const char *path, struct sc_err *err)
{
	struct save s = { doc, SC_ERR_INIT };
	int r = sc_write_atomic_fn(path, save_fd, &s, err);

	if (r < 0 && s.err.code < 0)
		return sc_err_set(err, s.err.code, "%s: %s", path, s.err.msg);
	return r;
}

/*
 * The Benchmark itself, lent to a shell document with the TestResult in
 * place of its stale ones (graft.h): the same bytes as sc_results_build's
 * copy, without holding the benchmark twice.
 */
int
sc_results_write(const struct sc_content *c, const struct sc_testresult *tr,
    const char *path, struct sc_err *err)
{
	const struct sc_benchmark *b = sc_content_benchmark(c);
	xmlNodePtr bn = b->node, ch, next, sig = NULL, trn;
	xmlDocPtr shell = xmlNewDoc((const xmlChar *)"1.0");
	xmlDocPtr tdoc = xmlNewDoc((const xmlChar *)"1.0");
	struct sc_graft *g;
	size_t n = 0, i;
	int r;

	for (ch = bn->children; ch; ch = ch->next)
		if (sc_xml_is(ch, SC_XCCDF12_NS, "TestResult"))
			n++;
	g = sc_xcalloc(n + 2, sizeof(*g));
	n = 0;
	for (ch = bn->children; ch; ch = next) {
		next = ch->next;
		if (sc_xml_is(ch, SC_XCCDF12_NS, "TestResult"))
			sc_graft_move(&g[n++], ch, NULL, NULL, 0);
	}
	/* TestResult goes after the items, before a signature if any */
	for (ch = bn->children; ch; ch = ch->next)
		if (sc_xml_is(ch, SC_XCCDF12_NS, "signature")) {
			sig = ch;
			break;
		}
	trn = sc_results_testresult_node(tdoc, bn->ns, tr);
	indent(trn, 1);
	sc_graft_move(&g[n++], trn, bn, sig, 0);
	sc_graft_move(&g[n++], bn, (xmlNodePtr)shell, NULL, 1);
	r = sc_results_save(shell, path, err);
	for (i = n; i-- > 0;)
		sc_graft_undo(&g[i]);
	free(g);
	xmlFreeNode(trn);
	xmlFreeDoc(tdoc);
	xmlFreeDoc(shell);
	return r;
}
