/*
 * html.c - the HTML report (html.h).
 */
#include "reports/html.h"

#include <libexslt/exslt.h>
#include <libxml/parser.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reports/assets.h"
#include "reports/ruletext.h"
#include "util/fsutil.h"
#include "xccdf/results_xml.h"

#define REPORT_NS "urn:stigcheck:report"
#define CCI_SYSTEM "http://cyber.mil/cci"

/* ---- annotations ------------------------------------------------------------ */

static void
add_list(struct sc_buf *b, const char *sep, const char *item)
{
	if (item == NULL || item[0] == '\0')
		return;
	/* no duplicates: lists are short */
	if (b->len > 0) {
		const char *p = b->data;
		size_t n = strlen(item), l = strlen(sep);

		for (;;) {
			const char *e = strstr(p, sep);
			size_t len = e ? (size_t)(e - p) : strlen(p);

			if (len == n && strncmp(p, item, n) == 0)
				return;
			if (e == NULL)
				break;
			p = e + l;
		}
		sc_buf_adds(b, sep);
	}
	sc_buf_adds(b, item);
}

static int
is_nist_ref(const struct sc_reference *r)
{
	return r->href && strstr(r->href, "800-53") != NULL;
}

static const char *
content_srg_id(const struct sc_item *rule)
{
	if (rule == NULL)
		return NULL;
	if (rule->version && strncmp(rule->version, "SRG-", 4) == 0)
		return rule->version;
	for (size_t i = 0; i < rule->n_refs; i++)
		if (rule->refs[i].text && strncmp(rule->refs[i].text, "SRG-", 4) == 0)
			return rule->refs[i].text;
	return NULL;
}

static void
add_texts(xmlNodePtr n, xmlNsPtr ns, const struct sc_item *rule)
{
	static const struct { const char *name; enum sc_ruletext_kind kind; }
	    texts[] = {
		{ "description", SC_RULETEXT_DESCRIPTION },
		{ "rationale", SC_RULETEXT_RATIONALE },
		{ "check", SC_RULETEXT_CHECK },
		{ "fix", SC_RULETEXT_FIX },
	};
	struct sc_buf b = SC_BUF_INIT;

	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		sc_buf_reset(&b);
		sc_ruletext(&b, rule, texts[i].kind);
		if (b.len > 0)
			xmlNewTextChild(n, ns, (const xmlChar *)texts[i].name,
			    (const xmlChar *)b.data);
	}
	sc_buf_free(&b);
}

static void
annotate_rule(xmlNodePtr parent, xmlNsPtr ns, const struct sc_rule_result *rr,
    const struct sc_srg_rule *s, const struct sc_srg *srg)
{
	const struct sc_item *rule = rr->rule;
	xmlNodePtr n = xmlNewChild(parent, ns, (const xmlChar *)"rule", NULL);
	struct sc_buf cci = SC_BUF_INIT, nist = SC_BUF_INIT;
	const char *v;
	size_t i;

	sc_buf_reset(&cci);
	sc_buf_reset(&nist);
	xmlNewProp(n, (const xmlChar *)"idref", (const xmlChar *)rr->idref);
	v = s ? s->srg_id : content_srg_id(rule);
	if (v)
		xmlNewProp(n, (const xmlChar *)"srg", (const xmlChar *)v);
	if (s) {
		xmlNewProp(n, (const xmlChar *)"vuln", (const xmlChar *)s->vuln_id);
		xmlNewProp(n, (const xmlChar *)"sv", (const xmlChar *)s->rule_id);
	}
	for (i = 0; rule && i < rule->n_idents; i++)
		if (strcmp(rule->idents[i].system, CCI_SYSTEM) == 0)
			add_list(&cci, " ", rule->idents[i].value);
	for (i = 0; s && cci.len == 0 && i < s->ccis.n; i++)
		add_list(&cci, " ", s->ccis.v[i]);
	for (i = 0; rule && i < rule->n_refs; i++)
		if (is_nist_ref(&rule->refs[i]))
			add_list(&nist, "; ", rule->refs[i].text);
	if (nist.len == 0 && srg && cci.len > 0) {
		char *list = sc_xstrdup(cci.data), *save = NULL;

		for (char *c = strtok_r(list, " ", &save); c;
		    c = strtok_r(NULL, " ", &save)) {
			const char *controls = sc_srg_cci_nist(srg, c);
			char *copy, *s2 = NULL;

			if (controls == NULL)
				continue;
			copy = sc_xstrdup(controls);
			for (char *x = strtok_r(copy, ",", &s2); x;
			    x = strtok_r(NULL, ",", &s2))
				add_list(&nist, "; ", x[0] == ' ' ? x + 1 : x);
			free(copy);
		}
		free(list);
	}
	if (cci.len)
		xmlNewProp(n, (const xmlChar *)"cci", (const xmlChar *)cci.data);
	if (nist.len)
		xmlNewProp(n, (const xmlChar *)"nist", (const xmlChar *)nist.data);
	add_texts(n, ns, rule);
	sc_buf_free(&cci);
	sc_buf_free(&nist);
}

static void
annotate(xmlDocPtr doc, const struct sc_testresult *tr,
    const struct sc_checklist *cl)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	xmlNodePtr rep = xmlNewDocNode(doc, NULL, (const xmlChar *)"report",
	    NULL);
	xmlNsPtr ns = xmlNewNs(rep, (const xmlChar *)REPORT_NS,
	    (const xmlChar *)"sc");
	const struct sc_srg *srg = cl ? cl->srg : NULL;

	xmlSetNs(rep, ns);
	xmlAddChild(root, rep);
	xmlNewProp(rep, (const xmlChar *)"generator",
	    (const xmlChar *)"stigcheck " STIGCHECK_VERSION);
	if (srg) {
		char *ref = sc_srg_stig_ref(srg);

		xmlNewProp(rep, (const xmlChar *)"srg", (const xmlChar *)ref);
		free(ref);
	}
	for (size_t i = 0; i < tr->n_rr; i++)
		annotate_rule(rep, ns, &tr->rr[i], cl ? cl->rr_srg[i] : NULL, srg);
}

/* ---- transform ----------------------------------------------------------------- */

struct errbuf {
	char msg[512];
};

static void
collect_error(void *ctx, const char *fmt, ...)
{
	struct errbuf *e = ctx;
	size_t n = strlen(e->msg);
	va_list ap;

	if (n >= sizeof(e->msg) - 1)
		return;
	va_start(ap, fmt);
	vsnprintf(e->msg + n, sizeof(e->msg) - n, fmt, ap);
	va_end(ap);
}

static void
first_line(struct errbuf *e)
{
	char *nl;

	while ((nl = strchr(e->msg, '\n')) != NULL && nl == e->msg)
		memmove(e->msg, e->msg + 1, strlen(e->msg));
	if ((nl = strchr(e->msg, '\n')) != NULL)
		*nl = '\0';
}

static const char *
asset_text(const char *name)
{
	const struct sc_asset *a = sc_asset_find(sc_report_assets, name);

	return a ? a->data : "";
}

int
sc_html_render(const struct sc_content *c, const struct sc_testresult *tr,
    const struct sc_checklist *cl, struct sc_buf *out, struct sc_err *err)
{
	const struct sc_asset *xsl = sc_asset_find(sc_report_assets, "html.xsl");
	const char *params[] = {
		"css", asset_text("report.css"),
		"js", asset_text("report.js"),
		NULL,
	};
	xsltStylesheetPtr style = NULL;
	xsltTransformContextPtr ctxt = NULL;
	xsltSecurityPrefsPtr sec = NULL;
	xmlDocPtr doc = NULL, sdoc, res = NULL;
	struct errbuf eb = { { 0 } };
	xmlChar *html = NULL;
	int len = 0, r;

	sc_buf_reset(out);
	if (xsl == NULL)
		return sc_err_set(err, SC_ERR_INTERNAL,
		    "the HTML stylesheet is not built in");
	if ((r = sc_results_build(c, tr, &doc, err)) < 0)
		return r;
	annotate(doc, tr, cl);

	exsltRegisterAll();
	xsltSetGenericErrorFunc(&eb, collect_error);
	xmlSetGenericErrorFunc(&eb, collect_error);
	sdoc = xmlReadMemory(xsl->data, (int)xsl->len, "html.xsl", NULL,
	    XML_PARSE_NONET);
	if (sdoc == NULL || (style = xsltParseStylesheetDoc(sdoc)) == NULL) {
		if (sdoc && style == NULL)
			xmlFreeDoc(sdoc);
		first_line(&eb);
		r = sc_err_set(err, SC_ERR_INTERNAL,
		    "the HTML stylesheet does not load: %s", eb.msg);
		goto out;
	}
	ctxt = xsltNewTransformContext(style, doc);
	sec = xsltNewSecurityPrefs();
	if (ctxt == NULL || sec == NULL) {
		r = sc_err_set(err, SC_ERR_NOMEM, "cannot start the HTML report");
		goto out;
	}
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_READ_FILE, xsltSecurityForbid);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_CREATE_DIRECTORY,
	    xsltSecurityForbid);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid);
	xsltSetCtxtSecurityPrefs(sec, ctxt);
	xsltQuoteUserParams(ctxt, params);
	res = xsltApplyStylesheetUser(style, doc, NULL, NULL, NULL, ctxt);
	if (res == NULL || ctxt->state != XSLT_STATE_OK ||
	    xsltSaveResultToString(&html, &len, res, style) < 0 || html == NULL) {
		first_line(&eb);
		r = sc_err_set(err, SC_ERR_INTERNAL,
		    "the HTML report could not be rendered: %s",
		    eb.msg[0] ? eb.msg : "transformation failed");
		goto out;
	}
	sc_buf_add(out, html, (size_t)len);
	r = SC_OK;
out:
	xsltSetGenericErrorFunc(NULL, NULL);
	xmlSetGenericErrorFunc(NULL, NULL);
	xmlFree(html);
	xmlFreeDoc(res);
	if (ctxt)
		xsltFreeTransformContext(ctxt);
	xsltFreeSecurityPrefs(sec);
	if (style)
		xsltFreeStylesheet(style);
	xmlFreeDoc(doc);
	return r;
}

int
sc_html_write(const struct sc_content *c, const struct sc_testresult *tr,
    const struct sc_checklist *cl, const char *path, struct sc_err *err)
{
	struct sc_buf b = SC_BUF_INIT;
	int r;

	if ((r = sc_html_render(c, tr, cl, &b, err)) == 0)
		r = sc_write_atomic(path, b.data, b.len, err);
	sc_buf_free(&b);
	return r;
}
