/*
 * content.c - loading XCCDF benchmarks and SCAP source data streams
 * (content.h).
 */
#include "xccdf/content.h"
#include "util/limits.h"

#include <errno.h>
#include <fcntl.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/fsutil.h"
#include "util/map.h"
#include "util/mem.h"
#include "xccdf/prune.h"

#define CONTENT_MAX SC_LIMIT_CONTENT_BYTES

struct sc_content {
	enum sc_content_kind kind;
	char *name;
	xmlDocPtr doc;
	struct sc_benchmark *bench;

	/* data streams */
	xmlNodePtr collection;
	char *checklist_comp_id;
	struct sc_map components;	/* id -> xmlNode (component/extended) */
	struct sc_map crefs;		/* component-ref id -> xmlNode */
	struct sc_map catalog;		/* name -> uri (char *, owned) */
	xmlNodePtr dictionary;		/* the first cpe-list, or NULL */

	/* plain XCCDF: documents loaded for hrefs */
	struct sc_map hrefdocs;		/* path -> xmlDoc */

	xmlDocPtr tailoring;
	char *tailoring_path;

	struct sc_prune *prune;		/* what was left out of doc */
};

/* ---- safe XML parsing ---------------------------------------------------- */

#define XML_OPTS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)

/* Check what a parse gave (doc may be NULL); frees ctxt. */
static int
parse_done(xmlParserCtxtPtr ctxt, xmlDocPtr doc, const char *name,
    xmlDocPtr *docp, struct sc_err *err)
{
	int r = SC_OK;

	if (doc == NULL || !ctxt->wellFormed) {
		const xmlError *e = xmlCtxtGetLastError(ctxt);
		char msg[512];
		size_t n;

		snprintf(msg, sizeof(msg), "%s", e && e->message ? e->message :
		    "not well-formed");
		n = strlen(msg);
		while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
			msg[--n] = '\0';
		r = sc_err_set(err, SC_ERR_PARSE, "%s:%d: malformed XML: %s",
		    name, e ? e->line : 0, msg);
		if (doc)
			xmlFreeDoc(doc);
		doc = NULL;
	} else if (xmlDocGetRootElement(doc) == NULL) {
		r = sc_err_set(err, SC_ERR_PARSE, "%s: empty XML document", name);
		xmlFreeDoc(doc);
		doc = NULL;
	}
	xmlFreeParserCtxt(ctxt);
	*docp = doc;
	return r;
}

static int
xml_parse(const char *buf, size_t len, const char *name, xmlDocPtr *docp,
    struct sc_err *err)
{
	xmlParserCtxtPtr ctxt;

	*docp = NULL;
	if (len > (size_t)INT32_MAX)
		return sc_err_set(err, SC_ERR_TOOBIG, "'%s' is too large", name);
	ctxt = xmlNewParserCtxt();
	if (ctxt == NULL)
		return sc_err_set(err, SC_ERR_NOMEM, "cannot create XML parser");
	return parse_done(ctxt, xmlCtxtReadMemory(ctxt, buf, (int)len, name, NULL,
	    XML_OPTS), name, docp, err);
}

/*
 * Parsing straight from a file descriptor: the parser reads it in chunks
 * and drops what it has parsed, so a big data stream is not held as text
 * (twice: read whole, then copied by the parser) beside its tree.  Over
 * CONTENT_MAX bytes the read fails (a file that grows while read).
 */
struct fd_src {
	int fd;
	size_t total;
	int toobig, ioerr;
};

static int
fd_read(void *ctx, char *buf, int len)
{
	struct fd_src *s = ctx;
	ssize_t n;

	do
		n = read(s->fd, buf, (size_t)len);
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		s->ioerr = errno;
		return -1;
	}
	s->total += (size_t)n;
	if (s->total > CONTENT_MAX) {
		s->toobig = 1;
		return -1;
	}
	return (int)n;
}

/* With prune non-NULL, the parse leaves out what a scan does not read. */
static int
xml_parse_fd(int fd, const char *name, struct sc_prune **prune,
    xmlDocPtr *docp, struct sc_err *err)
{
	struct fd_src src = { fd, 0, 0, 0 };
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc;

	*docp = NULL;
	ctxt = xmlNewParserCtxt();
	if (ctxt == NULL)
		return sc_err_set(err, SC_ERR_NOMEM, "cannot create XML parser");
	if (prune)
		*prune = sc_prune_attach(ctxt, fd, name);
	doc = xmlCtxtReadIO(ctxt, fd_read, NULL, &src, name, NULL, XML_OPTS);
	if (src.toobig || src.ioerr) {
		if (doc)
			xmlFreeDoc(doc);
		xmlFreeParserCtxt(ctxt);
		return src.toobig ? sc_err_set(err, SC_ERR_TOOBIG,
		    "'%s' is too large", name) : sc_err_set(err,
		    sc_err_from_errno(src.ioerr), "cannot read '%s': %s", name,
		    strerror(src.ioerr));
	}
	return parse_done(ctxt, doc, name, docp, err);
}

/* Open a content file of the scanning host: a regular file, not too big. */
static int
open_host_file(const char *path, int *fdp, struct sc_err *err)
{
	struct stat st;
	int fd;

	*fdp = -1;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return sc_err_set(err, sc_err_from_errno(errno),
		    "cannot read '%s': %s", path, strerror(errno));
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return sc_err_set(err, SC_ERR_NOTREG,
		    "cannot read '%s': not a regular file", path);
	}
	if ((unsigned long long)st.st_size > CONTENT_MAX) {
		close(fd);
		return sc_err_set(err, SC_ERR_TOOBIG, "'%s' is too large", path);
	}
	*fdp = fd;
	return SC_OK;
}

int
sc_xml_read_file(const char *path, xmlDocPtr *doc, struct sc_err *err)
{
	int fd, r;

	*doc = NULL;
	if ((r = open_host_file(path, &fd, err)) < 0)
		return r;
	r = xml_parse_fd(fd, path, NULL, doc, err);
	close(fd);
	return r;
}

/*
 * A content file, pruned (prune.h) unless whole is set; *prune gets the
 * state (NULL when nothing was left out).
 */
static int
read_content(const char *path, int whole, xmlDocPtr *doc,
    struct sc_prune **prune, struct sc_err *err)
{
	int fd, r;

	*doc = NULL;
	*prune = NULL;
	if ((r = open_host_file(path, &fd, err)) < 0)
		return r;
	r = xml_parse_fd(fd, path, whole ? NULL : prune, doc, err);
	if (r < 0) {
		sc_prune_finish(prune);
		sc_prune_free(*prune);
		*prune = NULL;
	} else if (!sc_prune_finish(prune)) {
		/* positions that do not check out: everything, then */
		xmlFreeDoc(*doc);
		*doc = NULL;
		if (lseek(fd, 0, SEEK_SET) == 0)
			r = xml_parse_fd(fd, path, NULL, doc, err);
		else
			r = sc_err_set(err, sc_err_from_errno(errno),
			    "cannot read '%s': %s", path, strerror(errno));
	}
	close(fd);
	return r;
}

int
sc_xml_read_memory(const char *buf, size_t len, const char *name,
    xmlDocPtr *doc, struct sc_err *err)
{
	return xml_parse(buf, len, name, doc, err);
}

/* ---- data streams --------------------------------------------------------- */

static char *
xlink_href(xmlNodePtr n)
{
	xmlChar *v = xmlGetNsProp(n, (const xmlChar *)"href",
	    (const xmlChar *)SC_XLINK_NS);
	char *s;

	if (v == NULL)
		return NULL;
	s = sc_xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

static xmlNodePtr
first_element(xmlNodePtr n)
{
	for (xmlNodePtr ch = n ? n->children : NULL; ch; ch = ch->next)
		if (ch->type == XML_ELEMENT_NODE)
			return ch;
	return NULL;
}

static void
index_crefs(struct sc_content *c, xmlNodePtr ds)
{
	for (xmlNodePtr sec = ds->children; sec; sec = sec->next) {
		if (sec->type != XML_ELEMENT_NODE)
			continue;
		for (xmlNodePtr cr = sec->children; cr; cr = cr->next) {
			char *id;

			if (!sc_xml_is(cr, SC_SDS_NS, "component-ref"))
				continue;
			if ((id = sc_xml_attr(cr, "id")) != NULL) {
				sc_map_add(&c->crefs, id, cr);
				free(id);
			}
		}
	}
}

static void add_catalog(struct sc_content *c, xmlNodePtr cref);
static void add_dictionaries(struct sc_content *c, xmlNodePtr ds);

static int
load_datastream(struct sc_content *c, const struct sc_content_opts *opts,
    struct sc_err *err)
{
	xmlNodePtr root = xmlDocGetRootElement(c->doc), ds = NULL, cref = NULL;
	xmlNodePtr comp, bench;
	char *href = NULL;
	int r;

	c->collection = root;
	for (xmlNodePtr ch = root->children; ch; ch = ch->next) {
		char *id;

		if (!sc_xml_is(ch, SC_SDS_NS, "component") &&
		    !sc_xml_is(ch, SC_SDS_NS, "extended-component")) {
			if (sc_xml_is(ch, SC_SDS_NS, "data-stream") && ds == NULL) {
				id = sc_xml_attr(ch, "id");
				if (opts == NULL || opts->datastream_id == NULL ||
				    (id && strcmp(id, opts->datastream_id) == 0))
					ds = ch;
				free(id);
			}
			continue;
		}
		if ((id = sc_xml_attr(ch, "id")) != NULL) {
			sc_map_add(&c->components, id, ch);
			free(id);
		}
	}
	if (ds == NULL) {
		if (opts && opts->datastream_id)
			return sc_err_set(err, SC_ERR_NOTFOUND,
			    "%s: no data-stream with id '%s'", c->name,
			    opts->datastream_id);
		return sc_err_set(err, SC_ERR_PARSE, "%s: no data-stream",
		    c->name);
	}
	index_crefs(c, ds);
	for (xmlNodePtr sec = ds->children; sec && cref == NULL; sec = sec->next) {
		if (!sc_xml_is(sec, SC_SDS_NS, "checklists"))
			continue;
		for (xmlNodePtr cr = sec->children; cr; cr = cr->next) {
			char *id;

			if (!sc_xml_is(cr, SC_SDS_NS, "component-ref"))
				continue;
			id = sc_xml_attr(cr, "id");
			if (opts == NULL || opts->checklist_id == NULL ||
			    (id && strcmp(id, opts->checklist_id) == 0)) {
				free(id);
				cref = cr;
				break;
			}
			free(id);
		}
	}
	if (cref == NULL) {
		if (opts && opts->checklist_id)
			return sc_err_set(err, SC_ERR_NOTFOUND,
			    "%s: no checklist component-ref with id '%s'",
			    c->name, opts->checklist_id);
		return sc_err_set(err, SC_ERR_PARSE,
		    "%s: the data-stream has no checklist", c->name);
	}
	href = xlink_href(cref);
	if (href == NULL || href[0] != '#') {
		r = sc_err_set(err, SC_ERR_UNSUPPORTED,
		    "%s: checklist reference '%s' is not local to the data stream",
		    c->name, href ? href : "");
		goto out;
	}
	comp = sc_map_get(&c->components, href + 1);
	if (comp == NULL) {
		r = sc_err_set(err, SC_ERR_PARSE,
		    "%s: checklist component '%s' not found", c->name, href + 1);
		goto out;
	}
	c->checklist_comp_id = sc_xstrdup(href + 1);
	bench = first_element(comp);
	if (bench == NULL) {
		r = sc_err_set(err, SC_ERR_PARSE, "%s: checklist component '%s' "
		    "is empty", c->name, href + 1);
		goto out;
	}
	add_catalog(c, cref);
	add_dictionaries(c, ds);
	r = sc_bench_parse(&c->bench, bench, err);
	if (r < 0)
		sc_err_prefix(err, "%s", c->name);
out:
	free(href);
	return r;
}

/*
 * The catalog of a component-ref (the checklist's, a dictionary's) maps
 * check hrefs to component-refs; the first mapping of a name wins.
 */
static void
add_catalog(struct sc_content *c, xmlNodePtr cref)
{
	for (xmlNodePtr cat = cref->children; cat; cat = cat->next) {
		if (!sc_xml_is(cat, SC_CATALOG_NS, "catalog"))
			continue;
		for (xmlNodePtr u = cat->children; u; u = u->next) {
			char *name, *uri;

			if (!sc_xml_is(u, SC_CATALOG_NS, "uri"))
				continue;
			name = sc_xml_attr(u, "name");
			uri = sc_xml_attr(u, "uri");
			if (name && uri && !sc_map_add(&c->catalog, name, uri))
				free(uri);
			else if (!name)
				free(uri);
			free(name);
		}
	}
}

/* ds:dictionaries: the CPE dictionary and the catalog of its checks */
static void
add_dictionaries(struct sc_content *c, xmlNodePtr ds)
{
	for (xmlNodePtr sec = ds->children; sec; sec = sec->next) {
		if (!sc_xml_is(sec, SC_SDS_NS, "dictionaries"))
			continue;
		for (xmlNodePtr cr = sec->children; cr; cr = cr->next) {
			char *h;
			xmlNodePtr comp;

			if (!sc_xml_is(cr, SC_SDS_NS, "component-ref"))
				continue;
			add_catalog(c, cr);
			h = xlink_href(cr);
			comp = h && h[0] == '#' ?
			    sc_map_get(&c->components, h + 1) : NULL;
			free(h);
			if (c->dictionary == NULL && first_element(comp) != NULL &&
			    strcmp((const char *)first_element(comp)->name,
			    "cpe-list") == 0)
				c->dictionary = first_element(comp);
		}
	}
}

/* ---- construction ------------------------------------------------------------ */

static int
content_init(struct sc_content *c, const struct sc_content_opts *opts,
    struct sc_err *err)
{
	xmlNodePtr root = xmlDocGetRootElement(c->doc);
	int r;

	if (sc_xml_is(root, SC_SDS_NS, "data-stream-collection")) {
		c->kind = SC_CONTENT_DATASTREAM;
		return load_datastream(c, opts, err);
	}
	if (sc_xml_is(root, SC_XCCDF12_NS, "Benchmark")) {
		c->kind = SC_CONTENT_XCCDF;
		r = sc_bench_parse(&c->bench, root, err);
		if (r < 0)
			sc_err_prefix(err, "%s", c->name);
		return r;
	}
	if (sc_xml_is(root, "http://checklists.nist.gov/xccdf/1.1", "Benchmark"))
		return sc_err_set(err, SC_ERR_UNSUPPORTED,
		    "%s: XCCDF 1.1 is not supported; convert it to 1.2 first "
		    "(xsltproc /usr/share/openscap/xsl/xccdf_1.1_to_1.2.xsl)",
		    c->name);
	return sc_err_set(err, SC_ERR_PARSE,
	    "%s: not an XCCDF 1.2 benchmark or a SCAP source data stream "
	    "(root element <%s>)", c->name, (const char *)root->name);
}

int
sc_content_from_doc(struct sc_content **out, xmlDocPtr doc, const char *name,
    const struct sc_content_opts *opts, struct sc_err *err)
{
	struct sc_content *c = sc_xcalloc(1, sizeof(*c));
	int r;

	*out = NULL;
	c->doc = doc;
	c->name = sc_xstrdup(name);
	if ((r = content_init(c, opts, err)) < 0) {
		sc_content_free(c);
		return r;
	}
	*out = c;
	return SC_OK;
}

int
sc_content_load_file(struct sc_content **out, const char *path,
    const struct sc_content_opts *opts, struct sc_err *err)
{
	struct sc_prune *prune;
	xmlDocPtr doc;
	int r;

	*out = NULL;
	if ((r = read_content(path, opts && opts->whole, &doc, &prune,
	    err)) < 0)
		return r;
	r = sc_content_from_doc(out, doc, path, opts, err);
	if (r < 0)
		sc_prune_free(prune);	/* the document is gone already */
	else
		(*out)->prune = prune;
	return r;
}

int
sc_content_load_memory(struct sc_content **out, const char *buf, size_t len,
    const char *name, const struct sc_content_opts *opts, struct sc_err *err)
{
	xmlDocPtr doc;
	int r;

	*out = NULL;
	if ((r = sc_xml_read_memory(buf, len, name, &doc, err)) < 0)
		return r;
	return sc_content_from_doc(out, doc, name, opts, err);
}

/* Apply the tailoring document doc (owned, also on error) named name. */
static int
apply_tailoring(struct sc_content *c, xmlDocPtr doc, const char *name,
    struct sc_err *err)
{
	int r;

	if ((r = sc_bench_add_tailoring(c->bench, xmlDocGetRootElement(doc),
	    err)) < 0) {
		sc_err_prefix(err, "%s", name);
		xmlFreeDoc(doc);
		return r;
	}
	if (c->tailoring)
		xmlFreeDoc(c->tailoring);
	free(c->tailoring_path);
	c->tailoring = doc;
	c->tailoring_path = sc_xstrdup(name);
	return SC_OK;
}

int
sc_content_load_tailoring(struct sc_content *c, const char *path,
    struct sc_err *err)
{
	xmlDocPtr doc;
	int r;

	if ((r = sc_xml_read_file(path, &doc, err)) < 0)
		return r;
	return apply_tailoring(c, doc, path, err);
}

int
sc_content_load_tailoring_memory(struct sc_content *c, const char *buf,
    size_t len, const char *name, struct sc_err *err)
{
	xmlDocPtr doc;
	int r;

	if ((r = sc_xml_read_memory(buf, len, name, &doc, err)) < 0)
		return r;
	return apply_tailoring(c, doc, name, err);
}

void
sc_content_free(struct sc_content *c)
{
	size_t i;

	if (c == NULL)
		return;
	sc_bench_free(c->bench);
	for (i = 0; i < c->catalog.n; i++)
		free(c->catalog.vals[i]);
	sc_map_free(&c->catalog);
	sc_map_free(&c->components);
	sc_map_free(&c->crefs);
	for (i = 0; i < c->hrefdocs.n; i++)
		xmlFreeDoc(c->hrefdocs.vals[i]);
	sc_map_free(&c->hrefdocs);
	if (c->tailoring)
		xmlFreeDoc(c->tailoring);
	free(c->tailoring_path);
	sc_prune_free(c->prune);
	if (c->doc)
		xmlFreeDoc(c->doc);
	free(c->checklist_comp_id);
	free(c->name);
	free(c);
}

enum sc_content_kind
sc_content_kind(const struct sc_content *c)
{
	return c->kind;
}

const char *
sc_content_name(const struct sc_content *c)
{
	return c->name;
}

struct sc_benchmark *
sc_content_benchmark(const struct sc_content *c)
{
	return c->bench;
}

xmlDocPtr
sc_content_doc(const struct sc_content *c)
{
	return c->doc;
}

xmlNodePtr
sc_content_collection(const struct sc_content *c)
{
	return c->collection;
}

const char *
sc_content_checklist_component_id(const struct sc_content *c)
{
	return c->checklist_comp_id;
}

const char *
sc_content_tailoring_path(const struct sc_content *c)
{
	return c->tailoring_path;
}

/* ---- href resolution --------------------------------------------------------- */

static int
resolve_ds(struct sc_content *c, const char *href, xmlNodePtr *root,
    const char **comp_id, struct sc_err *err)
{
	const char *uri = sc_map_get(&c->catalog, href);
	xmlNodePtr cref, comp;
	char *ch = NULL;
	int r;

	if (uri == NULL) {
		if (href[0] != '#')
			return sc_err_set(err, SC_ERR_NOTFOUND,
			    "check reference '%s' is not in the data stream's "
			    "catalog", href);
		uri = href;
	}
	if (uri[0] != '#')
		return sc_err_set(err, SC_ERR_UNSUPPORTED,
		    "check reference '%s' points outside the data stream (%s)",
		    href, uri);
	cref = sc_map_get(&c->crefs, uri + 1);
	if (cref == NULL) {
		comp = sc_map_get(&c->components, uri + 1);
		if (comp == NULL)
			return sc_err_set(err, SC_ERR_NOTFOUND,
			    "check reference '%s': no component-ref '%s'", href,
			    uri + 1);
	} else {
		ch = xlink_href(cref);
		if (ch == NULL || ch[0] != '#') {
			r = sc_err_set(err, SC_ERR_UNSUPPORTED,
			    "check reference '%s': component '%s' is not local",
			    href, ch ? ch : "");
			free(ch);
			return r;
		}
		comp = sc_map_get(&c->components, ch + 1);
		free(ch);
		if (comp == NULL)
			return sc_err_set(err, SC_ERR_NOTFOUND,
			    "check reference '%s': its component is missing", href);
	}
	*root = first_element(comp);
	if (*root == NULL)
		return sc_err_set(err, SC_ERR_PARSE,
		    "check reference '%s': the component is empty", href);
	if (comp_id) {
		/* the id attribute value lives as long as the document */
		xmlAttrPtr a = xmlHasProp(comp, (const xmlChar *)"id");
		*comp_id = (a && a->children) ? (const char *)a->children->content
		    : NULL;
	}
	return SC_OK;
}

static int
resolve_file(struct sc_content *c, const char *href, xmlNodePtr *root,
    struct sc_err *err)
{
	struct sc_buf path = SC_BUF_INIT;
	xmlDocPtr doc;
	const char *slash;
	int r = SC_OK;

	if (href[0] == '\0' || href[0] == '#' || strstr(href, "://") != NULL)
		return sc_err_set(err, SC_ERR_UNSUPPORTED,
		    "check reference '%s' cannot be resolved", href);
	sc_buf_reset(&path);
	slash = strrchr(c->name, '/');
	if (href[0] != '/' && slash != NULL)
		sc_buf_add(&path, c->name, (size_t)(slash - c->name) + 1);
	sc_buf_adds(&path, href);
	doc = sc_map_get(&c->hrefdocs, path.data);
	if (doc == NULL) {
		if ((r = sc_xml_read_file(path.data, &doc, err)) < 0)
			goto out;
		sc_map_put(&c->hrefdocs, path.data, doc);
	}
	*root = xmlDocGetRootElement(doc);
out:
	sc_buf_free(&path);
	return r;
}

xmlNodePtr
sc_content_cpe_dictionary(const struct sc_content *c)
{
	return c->dictionary;
}

int
sc_content_resolve_href(struct sc_content *c, const char *href,
    xmlNodePtr *root, const char **comp_id, struct sc_err *err)
{
	*root = NULL;
	if (comp_id)
		*comp_id = NULL;
	if (c->kind == SC_CONTENT_DATASTREAM)
		return resolve_ds(c, href, root, comp_id, err);
	return resolve_file(c, href, root, err);
}
