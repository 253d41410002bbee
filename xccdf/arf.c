/*
 * arf.c - ARF 1.1 results (arf.h).
 */
#include "xccdf/arf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"
#include "xccdf/graft.h"
#include "xccdf/prune.h"
#include "xccdf/results_xml.h"

#define REQUEST_ID "collection1"
#define ASSET_ID "asset0"
#define XCCDF_REPORT_ID "xccdf1"
#define ASSET_EXT_NS "urn:stigcheck:asset"
#define FACT_FQDN "urn:xccdf:fact:asset:identifier:fqdn"
#define FACT_MAC "urn:xccdf:fact:asset:identifier:mac"
#define FACT_ETHER_MAC "urn:xccdf:fact:ethernet:MAC"
#define FACT_PREFIX "urn:stigcheck:fact:"

struct arf {
	xmlDocPtr doc;
	xmlNsPtr arf, core, ai;
	const struct sc_content *c;
	const struct sc_testresult *tr;
	char **doc_ids;			/* report id per check doc */
};

static xmlNodePtr
child(xmlNodePtr parent, xmlNsPtr ns, const char *name)
{
	return xmlNewChild(parent, ns, (const xmlChar *)name, NULL);
}

static void
attr(xmlNodePtr n, const char *name, const char *value)
{
	xmlNewProp(n, (const xmlChar *)name, (const xmlChar *)value);
}

/* ---- NCName ids for a wrapped benchmark ---------------------------------- */

static char *
ncname_part(const char *href)
{
	const char *base = strrchr(href, '/');
	struct sc_buf b = SC_BUF_INIT;

	sc_buf_reset(&b);
	for (const char *p = base ? base + 1 : href; *p; p++) {
		char ch = *p;

		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || ch == '.' || ch == '-' ||
		    ch == '_'))
			ch = '_';
		sc_buf_addc(&b, ch);
	}
	if (b.len == 0)
		sc_buf_adds(&b, "benchmark");
	return sc_buf_detach(&b);
}

/* ---- report request ----------------------------------------------------------- */

static xmlNodePtr
component_ref(xmlNodePtr parent, xmlNsPtr ds, xmlNsPtr xlink, const char *id,
    const char *comp)
{
	xmlNodePtr r = child(parent, ds, "component-ref");
	char *href = sc_xasprintf("#%s", comp);

	attr(r, "id", id);
	xmlNewNsProp(r, xlink, (const xmlChar *)"href", (const xmlChar *)href);
	free(href);
	return r;
}

/* An empty OVAL definitions document (generator only): the check
 * component an SDS data-stream must list. */
static xmlNodePtr
oval_stub(xmlNodePtr comp, const char *when)
{
	xmlNodePtr d = xmlNewChild(comp, NULL, (const xmlChar *)"oval_definitions",
	    NULL);
	xmlNsPtr ns = xmlNewNs(d, (const xmlChar *)SC_OVAL_DEFS_NS, NULL);
	xmlNsPtr oc = xmlNewNs(d, (const xmlChar *)
	    "http://oval.mitre.org/XMLSchema/oval-common-5", (const xmlChar *)"oval");
	xmlNodePtr g;

	xmlSetNs(d, ns);
	g = child(d, ns, "generator");
	xmlNewTextChild(g, oc, (const xmlChar *)"product_name",
	    (const xmlChar *)"stigcheck");
	xmlNewTextChild(g, oc, (const xmlChar *)"product_version",
	    (const xmlChar *)STIGCHECK_VERSION);
	xmlNewTextChild(g, oc, (const xmlChar *)"schema_version",
	    (const xmlChar *)"5.11.2");
	xmlNewTextChild(g, oc, (const xmlChar *)"timestamp", (const xmlChar *)when);
	return d;
}

/*
 * A plain XCCDF benchmark wrapped in a source data stream; *comp_id gets
 * the benchmark component's id.
 */
static xmlNodePtr
wrap_benchmark(struct arf *a, char **comp_id)
{
	const struct sc_benchmark *b = sc_content_benchmark(a->c);
	const char *href = a->tr->benchmark_href ? a->tr->benchmark_href :
	    sc_content_name(a->c);
	char *name = ncname_part(href), *id;
	xmlNodePtr coll, ds, lists, checks, comp, bench, ch, next;
	xmlNsPtr dsns, xlink;
	char when[32];

	/* the component timestamp: when the scan started (deterministic) */
	sc_time_iso8601(a->tr->start_time, when, sizeof(when));
	when[19] = '\0';
	coll = xmlNewDocNode(a->doc, NULL, (const xmlChar *)"data-stream-collection",
	    NULL);
	dsns = xmlNewNs(coll, (const xmlChar *)SC_SDS_NS, (const xmlChar *)"ds");
	xlink = xmlNewNs(coll, (const xmlChar *)SC_XLINK_NS,
	    (const xmlChar *)"xlink");
	xmlSetNs(coll, dsns);
	id = sc_xasprintf("scap_org.stigcheck_collection_from_xccdf_%s", name);
	attr(coll, "id", id);
	free(id);
	attr(coll, "schematron-version", "1.3");

	ds = child(coll, dsns, "data-stream");
	id = sc_xasprintf("scap_org.stigcheck_datastream_from_xccdf_%s", name);
	attr(ds, "id", id);
	free(id);
	attr(ds, "scap-version", "1.3");
	attr(ds, "use-case", "CONFIGURATION");
	*comp_id = sc_xasprintf("scap_org.stigcheck_comp_%s", name);
	lists = child(ds, dsns, "checklists");
	id = sc_xasprintf("scap_org.stigcheck_cref_%s", name);
	component_ref(lists, dsns, xlink, id, *comp_id);
	free(id);
	checks = child(ds, dsns, "checks");
	{
		char *cid = sc_xasprintf("scap_org.stigcheck_cref_%s-oval-stub",
		    name);
		char *oid = sc_xasprintf("scap_org.stigcheck_comp_%s-oval-stub",
		    name);

		component_ref(checks, dsns, xlink, cid, oid);
		comp = child(coll, dsns, "component");
		attr(comp, "id", *comp_id);
		attr(comp, "timestamp", when);
		bench = xmlDocCopyNode(b->node, a->doc, 1);
		xmlAddChild(comp, bench);
		/* declare namespaces as the XCCDF results do (sc_results_build),
		 * so an ARF re-rendered from them is the same file */
		xmlReconciliateNs(a->doc, bench);
		/* stale TestResults of the source do not belong in the request */
		for (ch = bench->children; ch; ch = next) {
			next = ch->next;
			if (sc_xml_is(ch, SC_XCCDF12_NS, "TestResult")) {
				xmlUnlinkNode(ch);
				xmlFreeNode(ch);
			}
		}
		comp = child(coll, dsns, "component");
		attr(comp, "id", oid);
		attr(comp, "timestamp", when);
		oval_stub(comp, when);
		free(cid);
		free(oid);
	}
	free(name);
	return coll;
}

/* ---- asset ------------------------------------------------------------------ */

/* A valid ai:hostname-type ([\w\-]+(\.[\w\-]+)*, ASCII) made from s. */
static char *
host_name(const char *s)
{
	struct sc_buf b = SC_BUF_INIT;
	int dot = 1;

	sc_buf_reset(&b);
	for (; *s; s++) {
		char ch = *s;
		int alnum = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9');

		if (ch == '.' && !dot) {
			sc_buf_addc(&b, '.');
			dot = 1;
		} else if (alnum || ch == '-') {
			sc_buf_addc(&b, ch);
			dot = 0;
		} else if (!dot && b.data[b.len - 1] != '-') {
			sc_buf_addc(&b, '-');
		} else if (dot && ch != '.') {
			sc_buf_addc(&b, '-');
			dot = 0;
		}
	}
	while (b.len > 0 && b.data[b.len - 1] == '.')
		b.data[--b.len] = '\0';
	if (b.len == 0)
		sc_buf_adds(&b, "unknown");
	return sc_buf_detach(&b);
}

static int
is_ipv4(const char *s)
{
	unsigned a, b, c, d;
	char tail;

	return sscanf(s, "%3u.%3u.%3u.%3u%c", &a, &b, &c, &d, &tail) == 4 &&
	    a < 256 && b < 256 && c < 256 && d < 256 &&
	    strspn(s, "0123456789.") == strlen(s);
}

/* the full form the schema accepts: eight groups of 1-4 hex digits */
static int
is_ipv6(const char *s)
{
	int groups = 0, digits = 0;

	for (; *s; s++) {
		if (*s == ':') {
			if (digits == 0)
				return 0;
			groups++;
			digits = 0;
		} else if (strchr("0123456789abcdefABCDEF", *s) && digits < 4) {
			digits++;
		} else {
			return 0;
		}
	}
	return groups == 7 && digits > 0;
}

static int
is_mac(const char *s)
{
	if (strlen(s) != 17)
		return 0;
	for (int i = 0; i < 17; i++)
		if (i % 3 == 2 ? s[i] != ':' :
		    !strchr("0123456789abcdefABCDEF", s[i]))
			return 0;
	return 1;
}

static void
add_asset(struct arf *a, xmlNodePtr assets)
{
	const struct sc_testresult *tr = a->tr;
	xmlNodePtr asset = child(assets, a->arf, "asset"), dev, ext, conns = NULL;
	xmlNsPtr sca;
	const char *v, *mac;
	char *hn;
	size_t i;

	attr(asset, "id", ASSET_ID);
	dev = child(asset, a->ai, "computing-device");
	for (i = 0; i < tr->n_facts; i++) {
		const char *n = tr->facts[i].name;
		char *res;

		if (strncmp(n, FACT_PREFIX "container:", strlen(FACT_PREFIX) + 10) &&
		    strncmp(n, FACT_PREFIX "image:", strlen(FACT_PREFIX) + 6))
			continue;
		if (tr->facts[i].value[0] == '\0')
			continue;
		res = sc_xasprintf("urn:stigcheck:%s", n + strlen(FACT_PREFIX));
		v = tr->facts[i].value;
		xmlNodePtr sid = child(dev, a->ai, "synthetic-id");
		attr(sid, "resource", res);
		attr(sid, "id", v);
		free(res);
	}
	ext = child(dev, a->ai, "extended-information");
	sca = xmlNewNs(ext, (const xmlChar *)ASSET_EXT_NS, (const xmlChar *)"sca");
	xmlNewTextChild(ext, sca, (const xmlChar *)"target",
	    (const xmlChar *)(tr->target ? tr->target : ""));
	for (i = 0; i < tr->n_facts; i++) {
		xmlNodePtr f = xmlNewTextChild(ext, sca, (const xmlChar *)"fact",
		    (const xmlChar *)tr->facts[i].value);

		attr(f, "name", tr->facts[i].name);
		attr(f, "type", tr->facts[i].type);
	}
	for (i = 0; i < tr->target_addresses.n; i++) {
		const char *ip = tr->target_addresses.v[i];
		xmlNodePtr c, addr;
		int v4 = is_ipv4(ip);

		if (!v4 && !is_ipv6(ip))
			continue;
		if (conns == NULL)
			conns = child(dev, a->ai, "connections");
		c = child(conns, a->ai, "connection");
		addr = child(c, a->ai, "ip-address");
		xmlNewTextChild(addr, a->ai, (const xmlChar *)(v4 ? "ip-v4" :
		    "ip-v6"), (const xmlChar *)ip);
	}
	mac = sc_testresult_fact(tr, FACT_MAC);
	if (mac == NULL)
		mac = sc_testresult_fact(tr, FACT_ETHER_MAC);
	if (mac && is_mac(mac)) {
		if (conns == NULL)
			conns = child(dev, a->ai, "connections");
		xmlNewTextChild(child(conns, a->ai, "connection"), a->ai,
		    (const xmlChar *)"mac-address", (const xmlChar *)mac);
	}
	if ((v = sc_testresult_fact(tr, FACT_FQDN)) != NULL && v[0])
		xmlNewTextChild(dev, a->ai, (const xmlChar *)"fqdn",
		    (const xmlChar *)v);
	hn = host_name(tr->target ? tr->target : "");
	xmlNewTextChild(dev, a->ai, (const xmlChar *)"hostname",
	    (const xmlChar *)hn);
	free(hn);
}

/* ---- reports ------------------------------------------------------------------ */

static const char *
doc_id_for(const struct arf *a, const char *system)
{
	for (size_t i = 0; i < a->tr->n_check_docs; i++)
		if (strcmp(a->tr->check_docs[i].system, system) == 0)
			return a->doc_ids[i];
	return NULL;
}

/* OpenSCAP's ds_rds_report_inject_* for our TestResult. */
static void
adjust_testresult(struct arf *a, xmlNodePtr trn, const char *comp_id)
{
	xmlNodePtr ch, after = NULL, tid;
	size_t i = 0;

	for (ch = trn->children; ch; ch = ch->next) {
		if (sc_xml_is(ch, SC_XCCDF12_NS, "benchmark") && comp_id) {
			char *href = sc_xasprintf("#%s", comp_id);

			xmlSetProp(ch, (const xmlChar *)"href", (const xmlChar *)href);
			free(href);
		}
		if (sc_xml_is(ch, SC_XCCDF12_NS, "target") ||
		    sc_xml_is(ch, SC_XCCDF12_NS, "target-address") ||
		    sc_xml_is(ch, SC_XCCDF12_NS, "target-facts"))
			after = ch;
		if (!sc_xml_is(ch, SC_XCCDF12_NS, "rule-result"))
			continue;
		/* rule-results are in tr->rr order */
		const struct sc_rule_result *rr = &a->tr->rr[i++];
		const char *rid = rr->check_system ? doc_id_for(a,
		    rr->check_system) : NULL;
		if (rid == NULL)
			continue;
		for (xmlNodePtr c = ch->children; c; c = c->next) {
			if (!sc_xml_is(c, SC_XCCDF12_NS, "check"))
				continue;
			for (xmlNodePtr r = c->children; r; r = r->next) {
				char *href;

				if (!sc_xml_is(r, SC_XCCDF12_NS, "check-content-ref"))
					continue;
				href = sc_xasprintf("#%s", rid);
				xmlSetProp(r, (const xmlChar *)"href",
				    (const xmlChar *)href);
				free(href);
			}
		}
	}
	tid = xmlNewDocNode(a->doc, trn->ns, (const xmlChar *)"target-id-ref",
	    NULL);
	attr(tid, "system", SC_ARF_AI_NS);
	attr(tid, "name", ASSET_ID);
	attr(tid, "href", "");
	if (after)
		xmlAddNextSibling(after, tid);
	else
		xmlAddChild(trn, tid);
}

static void
relationship(struct arf *a, xmlNodePtr rels, const char *type,
    const char *subject, const char *ref)
{
	xmlNodePtr r = child(rels, a->core, "relationship");

	attr(r, "type", type);
	attr(r, "subject", subject);
	xmlNewTextChild(r, a->core, (const xmlChar *)"ref", (const xmlChar *)ref);
}

/*
 * The ARF document; with lent != NULL the data-stream collection and the
 * check engines' reports are lent to it (graft.h, 1 + n_check_docs
 * entries, to be undone before the document is freed), else copied.
 */
static int
arf_build(const struct sc_content *c, const struct sc_testresult *tr,
    xmlDocPtr *out, struct sc_graft *lent, struct sc_err *err)
{
	struct arf a;
	xmlNodePtr root, rels, req, content, reports, rep, trn, coll;
	xmlNsPtr xns;
	char *comp_id = NULL;
	size_t i, n_oval = 0, n_other = 0;
	int r;

	memset(&a, 0, sizeof(a));
	a.c = c;
	a.tr = tr;
	a.doc = xmlNewDoc((const xmlChar *)"1.0");
	a.doc_ids = sc_xcalloc(tr->n_check_docs + 1, sizeof(char *));
	for (i = 0; i < tr->n_check_docs; i++)
		a.doc_ids[i] = strcmp(tr->check_docs[i].system,
		    SC_OVAL_DEFS_NS) == 0 ? sc_xasprintf("oval%zu", n_oval++) :
		    sc_xasprintf("check%zu", n_other++);

	root = xmlNewDocNode(a.doc, NULL, (const xmlChar *)"asset-report-collection",
	    NULL);
	xmlDocSetRootElement(a.doc, root);
	a.arf = xmlNewNs(root, (const xmlChar *)SC_ARF_NS, (const xmlChar *)"arf");
	a.core = xmlNewNs(root, (const xmlChar *)SC_ARF_CORE_NS,
	    (const xmlChar *)"core");
	a.ai = xmlNewNs(root, (const xmlChar *)SC_ARF_AI_NS, (const xmlChar *)"ai");
	xmlSetNs(root, a.arf);

	rels = child(root, a.core, "relationships");
	xmlNewNs(rels, (const xmlChar *)SC_ARF_VOCAB_NS,
	    (const xmlChar *)"arfvocab");
	relationship(&a, rels, "arfvocab:createdFor", XCCDF_REPORT_ID, REQUEST_ID);
	relationship(&a, rels, "arfvocab:isAbout", XCCDF_REPORT_ID, ASSET_ID);
	/*
	 * No relationships for the check engines' reports: OpenSCAP writes
	 * none for its OVAL reports, and an isAbout naming one makes
	 * `oscap info` (1.3.7) crash on the ARF.  The XCCDF report links
	 * them through its rule-results' check-content-refs.
	 */

	req = child(child(root, a.arf, "report-requests"), a.arf,
	    "report-request");
	attr(req, "id", REQUEST_ID);
	content = child(req, a.arf, "content");
	if (sc_content_kind(c) == SC_CONTENT_DATASTREAM) {
		coll = sc_content_collection(c);
		if (lent)
			sc_graft_move(&lent[0], coll, content, NULL, 0);
		else if ((r = sc_prune_materialize_all(coll, err)) < 0)
			goto fail;
		else
			xmlAddChild(content, xmlDocCopyNode(coll, a.doc, 1));
		comp_id = sc_xstrdup(sc_content_checklist_component_id(c));
	} else if (!lent && (r = sc_prune_materialize_all(
	    sc_content_benchmark(c)->node, err)) < 0) {
		goto fail;
	} else {
		xmlAddChild(content, wrap_benchmark(&a, &comp_id));
	}

	add_asset(&a, child(root, a.arf, "assets"));

	reports = child(root, a.arf, "reports");
	rep = child(reports, a.arf, "report");
	attr(rep, "id", XCCDF_REPORT_ID);
	xns = xmlNewNs(NULL, (const xmlChar *)SC_XCCDF12_NS, NULL);
	trn = sc_results_testresult_node(a.doc, xns, tr);
	trn->nsDef = xns;
	adjust_testresult(&a, trn, comp_id);
	xmlAddChild(child(rep, a.arf, "content"), trn);
	for (i = 0; i < tr->n_check_docs; i++) {
		xmlNodePtr src = xmlDocGetRootElement(tr->check_docs[i].doc);

		rep = child(reports, a.arf, "report");
		attr(rep, "id", a.doc_ids[i]);
		if (src && lent)
			sc_graft_move(&lent[1 + i], src, child(rep, a.arf,
			    "content"), NULL, 0);
		else if (src)
			xmlAddChild(child(rep, a.arf, "content"),
			    xmlDocCopyNode(src, a.doc, 1));
	}
	for (i = 0; i < tr->n_check_docs; i++)
		free(a.doc_ids[i]);
	free(a.doc_ids);
	free(comp_id);
	/*
	 * What the content was loaded without (prune.h): a copy is read, so
	 * everything goes in; a lent tree is written from the content file.
	 */
	r = sc_prune_copied(root, lent == NULL, err);
	if (r < 0 && lent == NULL) {
		xmlFreeDoc(a.doc);
		a.doc = NULL;
	}
	*out = a.doc;
	return r;
fail:
	for (i = 0; i < tr->n_check_docs; i++)
		free(a.doc_ids[i]);
	free(a.doc_ids);
	xmlFreeDoc(a.doc);
	*out = NULL;
	return r;
}

int
sc_arf_build(const struct sc_content *c, const struct sc_testresult *tr,
    xmlDocPtr *out, struct sc_err *err)
{
	return arf_build(c, tr, out, NULL, err);
}

int
sc_arf_write(const struct sc_content *c, const struct sc_testresult *tr,
    const char *path, struct sc_err *err)
{
	struct sc_graft *lent = sc_xcalloc(tr->n_check_docs + 1, sizeof(*lent));
	xmlDocPtr doc = NULL;
	size_t i;
	int r;

	if ((r = arf_build(c, tr, &doc, lent, err)) == SC_OK)
		r = sc_results_save(doc, path, err);
	/* give the lent trees back before the document that held them goes */
	for (i = tr->n_check_docs + 1; i-- > 0;)
		sc_graft_undo(&lent[i]);
	if (doc)
		xmlFreeDoc(doc);
	free(lent);
	return r;
}
