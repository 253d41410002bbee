/*
 * fam_xmlfilecontent.c - ind:xmlfilecontent_test: XPath 1.0 over XML
 * files of the target (libxml2).
 *
 * Files are located as for every file family (filepath, or path and
 * filename, behaviors); each regular file of at most SC_LIMIT_READ_BYTES
 * is parsed as hostile input: no network (XML_PARSE_NONET), no DTD loaded,
 * no entity substituted, no XInclude processed, libxml2's default depth
 * and size limits (no XML_PARSE_HUGE).  A file that is not well-formed
 * XML is an item error.  The object's <xpath> (literal or a variable's
 * values, operation equals) is evaluated on the document; value_of holds
 * one value per node of a node set (its string value) or the string of
 * a number, boolean or string result.  An XPath that does not compile is
 * an object error.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "checks/oval/oval_collect.h"
#include "checks/oval/oval_family.h"
#include "checks/oval/oval_item.h"
#include "probes/file.h"
#include "util/limits.h"

static const char *const obj[] = { "filepath", "path", "filename", "xpath",
	NULL };
static const char *const ste[] = { "filepath", "path", "filename", "xpath",
	"value_of", NULL };

static int
check(struct sc_oval_object *o, const char *owner, struct sc_err *err)
{
	const struct sc_oval_entity *x = sc_oval_collect_ent(o, "xpath");

	if (x == NULL || x->nil)
		return sc_err_set(err, SC_ERR_PARSE, "%s: no <xpath>", owner);
	if (x->op != SC_OVAL_OP_EQUALS)
		return sc_err_set(err, SC_ERR_UNSUPPORTED, "%s: an <xpath> "
		    "other than equals is not supported", owner);
	return SC_OK;
}

static void
quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

/* the values of an XPath result into it (value_of) */
static void
add_values(struct sc_oval_item *it, xmlXPathObjectPtr r)
{
	xmlChar *s;

	if (r->type == XPATH_NODESET) {
		for (int i = 0; r->nodesetval && i < r->nodesetval->nodeNr; i++) {
			s = xmlXPathCastNodeToString(r->nodesetval->nodeTab[i]);
			sc_oval_item_set(it, "value_of", (const char *)s);
			xmlFree(s);
		}
		return;
	}
	s = xmlXPathCastToString(r);
	sc_oval_item_set(it, "value_of", (const char *)s);
	xmlFree(s);
}

static void
eval_xpath(struct sc_oval_doc *d, struct sc_oval_object *o, xmlDocPtr doc,
    const char *dir, const char *name, const char *xpath)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr r = NULL;
	struct sc_oval_item *it;

	if (ctx == NULL) {
		sc_oval_collect_error(o, "out of memory evaluating an XPath");
		return;
	}
	r = xmlXPathEvalExpression((const xmlChar *)xpath, ctx);
	if (r == NULL) {
		sc_oval_collect_error(o, "the XPath '%s' is not valid XPath 1.0",
		    xpath);
		goto out;
	}
	it = sc_oval_item_new(SC_OVAL_KIND_XMLFILECONTENT);
	it->path = sc_xstrdup(dir);
	it->name = sc_xstrdup(name);
	sc_oval_item_set(it, "xpath", xpath);
	add_values(it, r);
	sc_oval_collect_emit(d, o, it);
out:
	xmlXPathFreeObject(r);
	xmlXPathFreeContext(ctx);
}

static void
located(struct sc_oval_doc *d, struct sc_oval_object *o, const char *dir,
    const char *name, const struct stat *lst)
{
	struct sc_err err = SC_ERR_INIT;
	struct sc_buf b = SC_BUF_INIT;
	struct sc_strv xpaths = SC_STRV_INIT;
	struct sc_oval_item *it;
	xmlDocPtr doc = NULL;
	char *fp;
	int r;

	(void)lst;
	if (name == NULL)
		return;
	fp = sc_probe_file_join(dir, name);
	r = sc_target_read_file(d->rt->target, fp, SC_LIMIT_READ_BYTES, &b, NULL,
	    &err);
	if (r == SC_ERR_NOTFOUND || r == SC_ERR_NOTREG)
		goto out;
	o->n_located++;
	if (r < 0) {
		sc_oval_collect_error(o, "%s", err.msg);
		goto out;
	}
	xmlSetGenericErrorFunc(NULL, quiet);
	doc = xmlReadMemory(b.data, (int)b.len, fp, NULL, XML_PARSE_NONET |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
	xmlSetGenericErrorFunc(NULL, NULL);
	if (doc == NULL) {
		it = sc_oval_item_new(SC_OVAL_KIND_XMLFILECONTENT);
		it->path = sc_xstrdup(dir);
		it->name = sc_xstrdup(name);
		it->status = SC_OVAL_STATUS_ERROR;
		it->message = sc_xasprintf("%s is not well-formed XML", fp);
		sc_oval_collect_error(o, "%s is not well-formed XML", fp);
		sc_oval_collect_emit(d, o, it);
		goto out;
	}
	if (sc_oval_collect_values(d, o, sc_oval_collect_ent(o, "xpath"),
	    &xpaths) < 0)
		goto out;
	for (size_t i = 0; i < xpaths.n; i++)
		eval_xpath(d, o, doc, dir, name, xpaths.v[i]);
out:
	xmlFreeDoc(doc);
	sc_strv_free(&xpaths);
	sc_buf_free(&b);
	free(fp);
}

static void
describe(const struct sc_oval_item *it, struct sc_target *t,
    struct sc_oval_state *const *states, size_t n_states, struct sc_buf *out)
{
	struct sc_buf v = SC_BUF_INIT;
	size_t n = 0;

	(void)t;
	(void)states;
	(void)n_states;
	sc_oval_item_filepath(it, out);
	sc_buf_reset(&v);
	sc_oval_item_named_field(it, "xpath", 0, &v);
	sc_buf_addf(out, ": %s", v.data);
	for (;; n++) {
		sc_buf_reset(&v);
		if (sc_oval_item_named_field(it, "value_of", n, &v) != 1)
			break;
		sc_buf_addf(out, "%s'%s'", n ? ", " : " = ", v.data);
	}
	if (n == 0)
		sc_buf_adds(out, " selects nothing");
	sc_buf_free(&v);
}

const struct sc_oval_family sc_fam_xmlfilecontent = {
	.ns = SC_OVAL_IND_NS,
	.prefix = "xmlfilecontent",
	.ns_short = "ind",
	.sc_ns = SC_OVAL_SC_IND_NS,
	.item = "xmlfilecontent_item",
	.obj_ents = obj,
	.ste_ents = ste,
	.item_ents = ste,
	.flags = SC_OVAL_FAM_FILES,
	.check = check,
	.located = located,
	.describe = describe,
	.describe_none = sc_oval_collect_describe_no_file,
};
