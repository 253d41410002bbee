/*
 * prune.c - content loaded without what a scan does not read (prune.h).
 */
#include "xccdf/prune.h"

#include <errno.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/globals.h>
#include <libxml/xmlsave.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#include "util/map.h"
#include "util/mem.h"

#define XCCDF12_NS "http://checklists.nist.gov/xccdf/1.2"
#define OCIL_NS "http://scap.nist.gov/schema/ocil/2.0"
#define OVAL_DEF_NS "http://oval.mitre.org/XMLSchema/oval-definitions-5"

#define MARK "SCPRUNE"
#define MARK_LEN 7
#define NONCE_LEN 16
#define IDX_LEN 8
#define MARKER_LEN (MARK_LEN + NONCE_LEN + IDX_LEN)

#define PARSE_OPTS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)

struct rec {
	unsigned long start, end;	/* the run's bytes in the file */
	xmlNodePtr node;		/* the placeholder; NULL once expanded */
	xmlNodePtr parent;		/* where the run sits (its context) */
	xmlNsPtr *orig, *slot;		/* namespaces the run uses, first use */
	size_t n_ns, cap_ns;
	int oval;			/* a run of OVAL constructs, by id: */
	size_t el_first, el_n;		/* its elements in els[] */
};

struct el {				/* an OVAL construct left out */
	char *id;
	unsigned long start, end;
	size_t rec;			/* its run; NO_REC once taken */
};
#define NO_REC ((size_t)-1)

struct inner {				/* a declaration inside a skipped run */
	const xmlChar *prefix, *uri;
	int depth;
};

struct sc_prune {
	struct sc_prune *next;		/* the live states */
	char nonce[NONCE_LEN + 1];
	char *path;
	int fd;
	struct stat st;
	struct rec *recs;
	size_t n_recs, cap_recs;
	xmlNsPtr owned;			/* namespaces declared inside runs */
	struct el *els;
	size_t n_els, cap_els;
	struct sc_map ids;		/* construct id -> els index + 1 */

	/* while parsing */
	xmlSAXHandler orig;
	size_t cur;			/* the run being skipped */
	unsigned long top_start;	/* where its current element starts */
	int skip, failed, disabled;
	struct inner *inner;
	size_t n_inner, cap_inner;
};

static struct sc_prune *live;		/* the states alive */
static struct sc_prune *parsing;	/* the state of the parse under way */

static int
eq(const xmlChar *a, const char *b)
{
	return a != NULL && strcmp((const char *)a, b) == 0;
}

static int
prefix_eq(const xmlChar *a, const xmlChar *b)
{
	return (a == NULL && b == NULL) || (a && b && strcmp((const char *)a,
	    (const char *)b) == 0);
}

static int
is_el(xmlNodePtr n, const char *ns, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns &&
	    eq(n->ns->href, ns) && eq(n->name, name);
}

/* ---- placeholders ---------------------------------------------------------- */

static struct rec *
lookup(const xmlChar *s, struct sc_prune **pp)
{
	char idx[IDX_LEN + 1];
	unsigned long i;
	char *end;

	if (s == NULL || strncmp((const char *)s, MARK, MARK_LEN) != 0)
		return NULL;
	for (struct sc_prune *p = live; p; p = p->next) {
		if (strncmp((const char *)s + MARK_LEN, p->nonce, NONCE_LEN))
			continue;
		memcpy(idx, s + MARK_LEN + NONCE_LEN, IDX_LEN);
		idx[IDX_LEN] = '\0';
		i = strtoul(idx, &end, 16);
		if (*end != '\0' || i >= p->n_recs)
			return NULL;
		if (pp)
			*pp = p;
		return &p->recs[i];
	}
	return NULL;
}

static struct rec *
rec_of(xmlNodePtr n, struct sc_prune **pp)
{
	if (n == NULL || n->type != XML_TEXT_NODE ||
	    n->name != xmlStringTextNoenc || n->content == NULL ||
	    xmlStrlen(n->content) != MARKER_LEN)
		return NULL;
	return lookup(n->content, pp);
}

int
sc_prune_is(xmlNodePtr n)
{
	return rec_of(n, NULL) != NULL;
}

xmlNsPtr *
sc_prune_ns_slots(xmlNodePtr n, size_t *count)
{
	struct rec *r = rec_of(n, NULL);

	*count = r ? r->n_ns : 0;
	return r && r->n_ns ? r->slot : NULL;
}

/* ---- parsing, pruned --------------------------------------------------------- */

static unsigned long
pos_of(xmlParserCtxtPtr ctxt, const xmlChar *p)
{
	return ctxt->input->consumed + (unsigned long)(p - ctxt->input->base);
}

static int
prunable(xmlNodePtr parent, const xmlChar *uri, const xmlChar *local)
{
	static const char *const sections[] = { "definitions", "tests",
	    "objects", "states", "variables" };

	if (parent == NULL || parent->type != XML_ELEMENT_NODE)
		return 0;
	if (eq(uri, XCCDF12_NS) && (eq(local, "fix") || eq(local, "reference")))
		return is_el(parent, XCCDF12_NS, "Rule") ||
		    is_el(parent, XCCDF12_NS, "Group");
	if (eq(uri, XCCDF12_NS) && (eq(local, "select") ||
	    eq(local, "refine-value") || eq(local, "refine-rule") ||
	    eq(local, "set-value")))
		return is_el(parent, XCCDF12_NS, "Profile");
	if (eq(uri, OCIL_NS))
		return is_el(parent, OCIL_NS, "ocil");
	/* an OVAL definition, test, object, state or variable, whole */
	if (!is_el(parent->parent, OVAL_DEF_NS, "oval_definitions"))
		return 0;
	for (size_t i = 0; i < 5; i++)
		if (is_el(parent, OVAL_DEF_NS, sections[i]))
			return 2;
	return 0;
}

static void
link_last(xmlNodePtr parent, xmlNodePtr n)
{
	n->parent = parent;
	n->doc = parent->doc;
	n->prev = parent->last;
	n->next = NULL;
	if (parent->last)
		parent->last->next = n;
	else
		parent->children = n;
	parent->last = n;
}

static void
link_after(xmlNodePtr n, xmlNodePtr after)
{
	xmlNodePtr parent = after->parent;

	n->parent = parent;
	n->prev = after;
	n->next = after->next;
	if (after->next)
		after->next->prev = n;
	else
		parent->last = n;
	after->next = n;
}

/* A placeholder for the run p->recs[i] (a text node never merged). */
static xmlNodePtr
placeholder(struct sc_prune *p, size_t i, xmlDocPtr doc)
{
	char marker[MARKER_LEN + 1];
	xmlNodePtr ph;

	snprintf(marker, sizeof(marker), MARK "%s%08zx", p->nonce, i);
	if ((ph = xmlNewText(NULL)) == NULL)
		sc_oom(sizeof(*ph));
	ph->name = xmlStringTextNoenc;
	if ((ph->content = xmlStrdup((const xmlChar *)marker)) == NULL)
		sc_oom(sizeof(marker));
	ph->doc = doc;
	p->recs[i].node = ph;
	return ph;
}

/* Start skipping the element whose start tag the parser is at. */
static int
begin(struct sc_prune *p, xmlParserCtxtPtr ctxt, int kind)
{
	xmlParserInputPtr in = ctxt->input;
	xmlNodePtr parent = ctxt->node, last = parent->last, ph;
	const xmlChar *q;
	struct rec *prev = p->n_recs ? &p->recs[p->n_recs - 1] : NULL;

	if (ctxt->inputNr != 1 || in->buf == NULL || in->buf->encoder != NULL ||
	    last == NULL || last->type != XML_TEXT_NODE)
		return 0;
	for (q = in->cur; q > in->base && *q != '<'; q--)
		;
	if (*q != '<')
		return 0;
	p->top_start = pos_of(ctxt, q);
	if (prev && prev->node && prev->parent == parent &&
	    prev->oval == (kind == 2) && (last == prev->node ||
	    (last->prev == prev->node && last->name == xmlStringText))) {
		/* the run goes on: the text between joins it */
		if (last != prev->node) {
			xmlUnlinkNode(last);
			xmlFreeNode(last);
		}
		p->cur = p->n_recs - 1;
		return 1;
	}
	if (p->n_recs >= 0xffffffffUL)
		return 0;
	SC_GROW(p->recs, p->cap_recs, p->n_recs + 1);
	memset(&p->recs[p->n_recs], 0, sizeof(p->recs[0]));
	ph = placeholder(p, p->n_recs, parent->doc);
	link_last(parent, ph);
	p->recs[p->n_recs].start = pos_of(ctxt, q);
	p->recs[p->n_recs].parent = parent;
	p->recs[p->n_recs].oval = kind == 2;
	p->recs[p->n_recs].el_first = p->n_els;
	p->cur = p->n_recs++;
	return 1;
}

/* Ids are per OVAL document (a data stream holds several). */
static char *
id_key(xmlNodePtr root, const char *id)
{
	return sc_xasprintf("%p %s", (void *)root, id);
}

/* An OVAL construct starts at p->top_start: index it by its id. */
static void
el_start(struct sc_prune *p, int nb_attr, const xmlChar **attrs)
{
	struct rec *r = &p->recs[p->cur];
	char *id = NULL, *key;

	for (int i = 0; i < nb_attr && id == NULL; i++)
		if (attrs[5 * i + 2] == NULL && eq(attrs[5 * i], "id"))
			id = sc_xstrndup((const char *)attrs[5 * i + 3],
			    (size_t)(attrs[5 * i + 4] - attrs[5 * i + 3]));
	/* no id, or one seen before in this document: loaded whole */
	key = id ? id_key(r->parent->parent, id) : NULL;
	if (id == NULL || r->el_first + r->el_n != p->n_els ||
	    !sc_map_add(&p->ids, key, (void *)(p->n_els + 1))) {
		free(id);
		free(key);
		p->failed = 1;
		return;
	}
	free(key);
	SC_GROW(p->els, p->cap_els, p->n_els + 1);
	p->els[p->n_els].id = id;
	p->els[p->n_els].start = p->top_start;
	p->els[p->n_els].end = 0;
	p->els[p->n_els++].rec = p->cur;
	r->el_n++;
}

static xmlNsPtr
owned_ns(struct sc_prune *p, const xmlChar *prefix, const xmlChar *uri)
{
	xmlNsPtr ns, *tail = &p->owned;

	for (ns = p->owned; ns; ns = ns->next) {
		if (prefix_eq(ns->prefix, prefix) && xmlStrEqual(ns->href, uri))
			return ns;
		tail = &ns->next;
	}
	if ((ns = xmlNewNs(NULL, uri, prefix)) != NULL)
		*tail = ns;
	return ns;
}

/* The run uses the namespace (prefix, uri). */
static void
use_ns(struct sc_prune *p, xmlParserCtxtPtr ctxt, const xmlChar *prefix,
    const xmlChar *uri)
{
	struct rec *r = &p->recs[p->cur];
	xmlNsPtr ns = NULL;
	size_t k;

	if (uri == NULL || eq(prefix, "xml"))
		return;
	for (k = p->n_inner; k-- > 0;)
		if (prefix_eq(p->inner[k].prefix, prefix)) {
			ns = owned_ns(p, prefix, p->inner[k].uri);
			break;
		}
	if (ns == NULL) {
		ns = xmlSearchNs(ctxt->myDoc, ctxt->node, prefix);
		if (ns == NULL || !xmlStrEqual(ns->href, uri)) {
			p->failed = 1;
			return;
		}
	}
	for (k = 0; k < r->n_ns; k++)
		if (r->orig[k] == ns)
			return;
	if (r->n_ns == r->cap_ns) {
		r->cap_ns = r->cap_ns ? 2 * r->cap_ns : 2;
		r->orig = sc_xreallocarray(r->orig, r->cap_ns, sizeof(*r->orig));
		r->slot = sc_xreallocarray(r->slot, r->cap_ns, sizeof(*r->slot));
	}
	r->orig[r->n_ns] = r->slot[r->n_ns] = ns;
	r->n_ns++;
}

static void
skipped_start(struct sc_prune *p, xmlParserCtxtPtr ctxt,
    const xmlChar *prefix, const xmlChar *uri, int nb_ns,
    const xmlChar **nss, int nb_attr, const xmlChar **attrs)
{
	for (int i = 0; i < nb_ns; i++) {
		SC_GROW(p->inner, p->cap_inner, p->n_inner + 1);
		p->inner[p->n_inner].prefix = nss[2 * i];
		p->inner[p->n_inner].uri = nss[2 * i + 1];
		p->inner[p->n_inner++].depth = p->skip;
	}
	use_ns(p, ctxt, prefix, uri);
	for (int i = 0; i < nb_attr; i++)
		use_ns(p, ctxt, attrs[5 * i + 1], attrs[5 * i + 2]);
}

#define STATE(ctx) ((void)(ctx), parsing)

static void
on_start(void *ctx, const xmlChar *local, const xmlChar *prefix,
    const xmlChar *uri, int nb_ns, const xmlChar **nss, int nb_attr,
    int nb_def, const xmlChar **attrs)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct sc_prune *p = STATE(ctx);

	int kind;

	if (p->skip == 0 && !p->failed && !p->disabled &&
	    (kind = prunable(ctxt->node, uri, local)) != 0 &&
	    begin(p, ctxt, kind)) {
		if (p->recs[p->cur].oval)
			el_start(p, nb_attr, attrs);
	} else if (p->skip == 0) {
		p->orig.startElementNs(ctx, local, prefix, uri, nb_ns, nss,
		    nb_attr, nb_def, attrs);
		return;
	}
	p->skip++;
	skipped_start(p, ctxt, prefix, uri, nb_ns, nss, nb_attr, attrs);
}



static void
on_end(void *ctx, const xmlChar *local, const xmlChar *prefix,
    const xmlChar *uri)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct sc_prune *p = STATE(ctx);
	const xmlChar *c = ctxt->input->cur;

	if (p->skip == 0) {
		p->orig.endElementNs(ctx, local, prefix, uri);
		return;
	}
	while (p->n_inner && p->inner[p->n_inner - 1].depth >= p->skip)
		p->n_inner--;
	if (--p->skip > 0)
		return;
	if (c <= ctxt->input->base || c[-1] != '>') {
		p->failed = 1;
		return;
	}
	p->recs[p->cur].end = pos_of(ctxt, c);
	if (p->recs[p->cur].oval && p->n_els > 0)
		p->els[p->n_els - 1].end = p->recs[p->cur].end;
}

static void
on_chars(void *ctx, const xmlChar *ch, int len)
{
	if (STATE(ctx)->skip == 0)
		STATE(ctx)->orig.characters(ctx, ch, len);
}

static void
on_ws(void *ctx, const xmlChar *ch, int len)
{
	if (STATE(ctx)->skip == 0 && STATE(ctx)->orig.ignorableWhitespace)
		STATE(ctx)->orig.ignorableWhitespace(ctx, ch, len);
}

static void
on_cdata(void *ctx, const xmlChar *ch, int len)
{
	if (STATE(ctx)->skip == 0)
		STATE(ctx)->orig.cdataBlock(ctx, ch, len);
}

static void
on_comment(void *ctx, const xmlChar *s)
{
	if (STATE(ctx)->skip == 0)
		STATE(ctx)->orig.comment(ctx, s);
}

static void
on_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
	if (STATE(ctx)->skip == 0)
		STATE(ctx)->orig.processingInstruction(ctx, target, data);
}

static void
on_reference(void *ctx, const xmlChar *name)
{
	if (STATE(ctx)->skip == 0)
		STATE(ctx)->orig.reference(ctx, name);
	else
		STATE(ctx)->failed = 1;
}

static void
on_subset(void *ctx, const xmlChar *name, const xmlChar *eid,
    const xmlChar *sid)
{
	STATE(ctx)->disabled = 1;	/* a DTD: no pruning at all */
	STATE(ctx)->orig.internalSubset(ctx, name, eid, sid);
}

static void
state_unlink(struct sc_prune *p)
{
	for (struct sc_prune **pp = &live; *pp; pp = &(*pp)->next)
		if (*pp == p) {
			*pp = p->next;
			break;
		}
}

void
sc_prune_free(struct sc_prune *p)
{
	if (p == NULL)
		return;
	state_unlink(p);
	for (size_t i = 0; i < p->n_recs; i++) {
		free(p->recs[i].orig);
		free(p->recs[i].slot);
	}
	free(p->recs);
	for (size_t i = 0; i < p->n_els; i++)
		free(p->els[i].id);
	free(p->els);
	sc_map_free(&p->ids);
	free(p->inner);
	if (p->owned)
		xmlFreeNsList(p->owned);
	if (p->fd >= 0)
		close(p->fd);
	free(p->path);
	free(p);
}

static struct sc_prune *
state_new(int fd, const char *path)
{
	struct sc_prune *p = sc_xcalloc(1, sizeof(*p));
	unsigned char rnd[NONCE_LEN / 2];
	size_t got = 0;

	p->fd = -1;
	while (got < sizeof(rnd)) {
		ssize_t n = getrandom(rnd + got, sizeof(rnd) - got, 0);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			free(p);
			return NULL;
		}
		got += (size_t)n;
	}
	for (size_t i = 0; i < sizeof(rnd); i++)
		snprintf(p->nonce + 2 * i, 3, "%02x", rnd[i]);
	if (fstat(fd, &p->st) < 0 ||
	    (p->fd = fcntl(fd, F_DUPFD_CLOEXEC, 0)) < 0) {
		free(p);
		return NULL;
	}
	p->path = sc_xstrdup(path);
	p->next = live;
	live = p;
	return p;
}

/* ---- reading runs back ----------------------------------------------------- */

static int
changed(const struct stat *a, const struct stat *b)
{
	return a->st_dev != b->st_dev || a->st_ino != b->st_ino ||
	    a->st_size != b->st_size ||
	    a->st_mtim.tv_sec != b->st_mtim.tv_sec ||
	    a->st_mtim.tv_nsec != b->st_mtim.tv_nsec ||
	    a->st_ctim.tv_sec != b->st_ctim.tv_sec ||
	    a->st_ctim.tv_nsec != b->st_ctim.tv_nsec;
}

static int
range_bytes(struct sc_prune *p, unsigned long start, unsigned long end,
    char **out, struct sc_err *err)
{
	size_t len = end - start, got = 0;
	struct stat st;
	char *buf;

	*out = NULL;
	if (end <= start || len > (size_t)INT32_MAX)
		return sc_err_set(err, SC_ERR_INTERNAL,
		    "%s: a left-out part has no bytes", p->path);
	if (fstat(p->fd, &st) < 0 || changed(&st, &p->st))
		return sc_err_set(err, SC_ERR_IO, "'%s' changed while it was "
		    "in use; run again", p->path);
	buf = sc_xmalloc(len);
	while (got < len) {
		ssize_t n = pread(p->fd, buf + got, len - got,
		    (off_t)(start + got));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			int e = n < 0 ? errno : EIO;

			free(buf);
			return sc_err_set(err, sc_err_from_errno(e),
			    "cannot read '%s' again: %s", p->path, strerror(e));
		}
		got += (size_t)n;
	}
	*out = buf;
	return SC_OK;
}

/* An element's bytes start with '<' and end with '>' (within buf). */
static int
bounds_ok(const char *buf, unsigned long base, unsigned long start,
    unsigned long end)
{
	return buf[start - base] == '<' && buf[end - 1 - base] == '>';
}

static int
run_bytes(struct sc_prune *p, const struct rec *r, char **out,
    struct sc_err *err)
{
	int rc = range_bytes(p, r->start, r->end, out, err);

	if (rc == SC_OK && !bounds_ok(*out, r->start, r->start, r->end)) {
		free(*out);
		*out = NULL;
		return sc_err_set(err, SC_ERR_PARSE, "'%s' changed while it "
		    "was in use; run again", p->path);
	}
	return rc;
}

/* The run's nodes, parsed in the context of ctx (detached list). */
static int
run_nodes(struct sc_prune *p, const struct rec *r, xmlNodePtr ctx,
    xmlNodePtr *list, struct sc_err *err)
{
	char *buf;
	int rc;

	*list = NULL;
	if ((rc = run_bytes(p, r, &buf, err)) < 0)
		return rc;
	if (xmlParseInNodeContext(ctx, buf, (int)(r->end - r->start),
	    PARSE_OPTS, list) != XML_ERR_OK || *list == NULL) {
		xmlFreeNodeList(*list);
		*list = NULL;
		rc = sc_err_set(err, SC_ERR_PARSE, "'%s' changed while it was "
		    "in use (bytes %lu-%lu do not parse); run again", p->path,
		    r->start, r->end);
	}
	free(buf);
	return rc;
}

/* Namespace slots re-pointed since the run was left out (a graft). */
static void
fix_slot(const struct rec *r, xmlNsPtr *slot)
{
	if (*slot == NULL)
		return;
	for (size_t i = 0; i < r->n_ns; i++)
		if (r->slot[i] != r->orig[i] &&
		    prefix_eq((*slot)->prefix, r->orig[i]->prefix) &&
		    xmlStrEqual((*slot)->href, r->orig[i]->href)) {
			*slot = r->slot[i];
			return;
		}
}

static void
fix_ns(const struct rec *r, xmlNodePtr list)
{
	xmlNodePtr n = list;

	while (n) {
		if (n->type == XML_ELEMENT_NODE) {
			fix_slot(r, &n->ns);
			for (xmlAttrPtr a = n->properties; a; a = a->next)
				fix_slot(r, &a->ns);
			if (n->children) {
				n = n->children;
				continue;
			}
		}
		while (n->next == NULL && n->parent && n->parent->type ==
		    XML_ELEMENT_NODE && n != list)
			n = n->parent;
		if (n->parent == NULL && n->next == NULL)
			break;
		n = n->next;
	}
}

int
sc_prune_expand(xmlNodePtr ph, xmlNodePtr *list, struct sc_err *err)
{
	struct sc_prune *p;
	struct rec *r = rec_of(ph, &p);

	*list = NULL;
	if (r == NULL || ph->parent == NULL)
		return sc_err_set(err, SC_ERR_INTERNAL, "not a placeholder");
	return run_nodes(p, r, ph->parent, list, err);
}

/* Put list (parsed in parent's context) in place of placeholder ph. */
static void
replace(xmlNodePtr ph, xmlNodePtr list)
{
	xmlNodePtr parent = ph->parent, next;

	for (xmlNodePtr n = list; n; n = next) {
		next = n->next;
		n->parent = parent;
		n->next = ph;
		n->prev = ph->prev;
		if (ph->prev)
			ph->prev->next = n;
		else
			parent->children = n;
		ph->prev = n;
	}
	xmlUnlinkNode(ph);
	xmlFreeNode(ph);
}

int
sc_prune_materialize(xmlNodePtr el, struct sc_err *err)
{
	xmlNodePtr ch, next, list;
	struct sc_prune *p;
	struct rec *r;
	int rc;

	if (el == NULL || el->type != XML_ELEMENT_NODE)
		return SC_OK;
	for (ch = el->children; ch; ch = next) {
		next = ch->next;
		if ((r = rec_of(ch, &p)) == NULL)
			continue;
		if ((rc = run_nodes(p, r, el, &list, err)) < 0)
			return rc;
		replace(ch, list);
		r->node = NULL;
	}
	return SC_OK;
}

int
sc_prune_materialize_all(xmlNodePtr top, struct sc_err *err)
{
	int r;

	if (top == NULL || top->type != XML_ELEMENT_NODE)
		return SC_OK;
	if ((r = sc_prune_materialize(top, err)) < 0)
		return r;
	for (xmlNodePtr ch = top->children; ch; ch = ch->next)
		if (ch->type == XML_ELEMENT_NODE &&
		    (r = sc_prune_materialize_all(ch, err)) < 0)
			return r;
	return SC_OK;
}

void
sc_prune_ids(xmlNodePtr ph, void (*fn)(void *arg, const char *id),
    void *arg)
{
	struct sc_prune *p;
	struct rec *r = rec_of(ph, &p);

	if (r == NULL || !r->oval)
		return;
	for (size_t i = r->el_first; i < r->el_first + r->el_n; i++)
		fn(arg, p->els[i].id);
}

int
sc_prune_take(xmlNodePtr section, const char *id, xmlNodePtr *out,
    struct sc_err *err)
{
	struct sc_prune *p;
	struct el *e = NULL;
	xmlNodePtr list = NULL, ph, el = NULL, next, at;
	size_t k = 0, first, last, ri;
	unsigned long a, b;
	char *buf = NULL, *key;
	int rc;

	*out = NULL;
	key = id_key(section->parent, id);
	for (p = live; p; p = p->next) {
		void *v = sc_map_get(&p->ids, key);

		if (v != NULL) {
			k = (size_t)v - 1;
			e = &p->els[k];
			break;
		}
	}
	free(key);
	if (e == NULL || e->rec == NO_REC || p->recs[e->rec].node == NULL ||
	    p->recs[e->rec].parent != section)
		return sc_err_set(err, SC_ERR_NOTFOUND, "no construct '%s' was "
		    "left out here", id);
	ri = e->rec;
	ph = p->recs[ri].node;
	first = p->recs[ri].el_first;
	last = first + p->recs[ri].el_n - 1;
	/* the construct with the text around it, up to its neighbours */
	a = k > first ? p->els[k - 1].end : e->start;
	b = k < last ? p->els[k + 1].start : e->end;
	if ((rc = range_bytes(p, a, b, &buf, err)) < 0)
		return rc;
	if (!bounds_ok(buf, a, e->start, e->end) ||
	    xmlParseInNodeContext(section, buf, (int)(b - a), PARSE_OPTS,
	    &list) != XML_ERR_OK) {
		free(buf);
		xmlFreeNodeList(list);
		return sc_err_set(err, SC_ERR_PARSE, "'%s' changed while it "
		    "was in use (bytes %lu-%lu do not parse); run again",
		    p->path, a, b);
	}
	free(buf);
	for (xmlNodePtr n = list; n && el == NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			el = n;
	if (el == NULL) {
		xmlFreeNodeList(list);
		return sc_err_set(err, SC_ERR_PARSE, "'%s' changed while it "
		    "was in use; run again", p->path);
	}
	e->rec = NO_REC;
	/* it goes right after the placeholder, text around it included */
	at = ph;
	for (xmlNodePtr n = list; n; n = next) {
		next = n->next;
		n->prev = n->next = NULL;
		link_after(n, at);
		at = n;
	}
	/* the constructs after it: a run of their own, after it */
	if (k < last) {
		size_t j = p->n_recs;
		xmlNodePtr ph2;

		SC_GROW(p->recs, p->cap_recs, p->n_recs + 1);
		memset(&p->recs[j], 0, sizeof(p->recs[j]));
		p->recs[j].start = p->els[k + 1].start;
		p->recs[j].end = p->recs[ri].end;
		p->recs[j].parent = section;
		p->recs[j].oval = 1;
		p->recs[j].el_first = k + 1;
		p->recs[j].el_n = last - k;
		p->recs[j].n_ns = p->recs[j].cap_ns = p->recs[ri].n_ns;
		p->recs[j].orig = sc_xcalloc(p->recs[ri].n_ns + 1,
		    sizeof(xmlNsPtr));
		p->recs[j].slot = sc_xcalloc(p->recs[ri].n_ns + 1,
		    sizeof(xmlNsPtr));
		memcpy(p->recs[j].orig, p->recs[ri].orig,
		    p->recs[ri].n_ns * sizeof(xmlNsPtr));
		memcpy(p->recs[j].slot, p->recs[ri].slot,
		    p->recs[ri].n_ns * sizeof(xmlNsPtr));
		p->n_recs++;
		for (size_t m = k + 1; m <= last; m++)
			p->els[m].rec = j;
		ph2 = placeholder(p, j, section->doc);
		link_after(ph2, at);
	}
	/* the constructs before it keep the placeholder; none: it goes */
	if (k > first) {
		p->recs[ri].end = p->els[k - 1].end;
		p->recs[ri].el_n = k - first;
	} else {
		p->recs[ri].node = NULL;
		xmlUnlinkNode(ph);
		xmlFreeNode(ph);
	}
	*out = el;
	return SC_OK;
}

/* ---- copies ------------------------------------------------------------------ */

static int
owned(const struct sc_prune *p, xmlNsPtr ns)
{
	for (xmlNsPtr o = p->owned; o; o = o->next)
		if (o == ns)
			return 1;
	return 0;
}

/*
 * Every prefix the run takes from outside is declared at n with the same
 * namespace (those declared inside the run come with it).
 */
static int
declared_at(const struct sc_prune *p, const struct rec *r, xmlNodePtr n)
{
	for (size_t i = 0; i < r->n_ns; i++) {
		xmlNsPtr ns;

		if (owned(p, r->orig[i]))
			continue;
		ns = xmlSearchNs(n->doc, n, r->orig[i]->prefix);
		if (ns == NULL || !xmlStrEqual(ns->href, r->orig[i]->href))
			return 0;
	}
	return 1;
}

int
sc_prune_copied(xmlNodePtr top, int all, struct sc_err *err)
{
	xmlNodePtr n = top, next, list;
	struct sc_prune *p;
	struct rec *r;
	int rc;

	while (n) {
		next = NULL;
		if (n->children && n->type == XML_ELEMENT_NODE) {
			n = n->children;
			continue;
		}
		/* the content's own placeholder (a lent tree) is written from
		 * the file; a copied one where its prefixes are declared too */
		if ((r = rec_of(n, &p)) != NULL && n->parent && (all ||
		    (n != r->node && !declared_at(p, r, n->parent)))) {
			xmlNodePtr parent = n->parent;

			if (n == r->node || declared_at(p, r, parent)) {
				rc = run_nodes(p, r, parent, &list, err);
			} else {
				xmlNodePtr orig;

				/* parse where the run was, copy in */
				rc = run_nodes(p, r, r->parent, &orig, err);
				list = rc < 0 ? NULL :
				    xmlDocCopyNodeList(parent->doc, orig);
				xmlFreeNodeList(orig);
			}
			if (rc < 0)
				return rc;
			next = n->next ? n->next : parent;
			if (r->node == n)
				r->node = NULL;
			replace(n, list);
			if (next == parent) {
				n = parent;
				goto up;
			}
			n = next;
			continue;
		}
up:
		while (n != top && n->next == NULL)
			n = n->parent;
		if (n == top)
			break;
		n = n->next;
	}
	return SC_OK;
}

/* ---- writing ----------------------------------------------------------------- */

struct splice {
	int fd;
	int failed;
	struct sc_err *err;
	char *pend;
	size_t n, cap;
};

static int
write_all(struct splice *s, const char *buf, size_t len)
{
	while (len > 0 && !s->failed) {
		ssize_t w = write(s->fd, buf, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			int e = w < 0 ? errno : EIO;

			s->failed = 1;
			sc_err_set(s->err, sc_err_from_errno(e), "write failed: %s",
			    strerror(e));
			errno = e;
			break;
		}
		buf += w;
		len -= (size_t)w;
	}
	return s->failed ? -1 : 0;
}

static int
raw_write(void *ctx, const char *buf, int len)
{
	return write_all(ctx, buf, (size_t)len) < 0 ? -1 : len;
}

static void
splice_run(struct splice *s, struct sc_prune *p, const struct rec *r)
{
	xmlOutputBufferPtr out;
	xmlNodePtr list;

	if (run_nodes(p, r, r->parent, &list, s->err) < 0) {
		s->failed = 1;
		errno = EIO;
		return;
	}
	fix_ns(r, list);
	out = xmlOutputBufferCreateIO(raw_write, NULL, s, NULL);
	if (out == NULL) {
		s->failed = 1;
		sc_err_set(s->err, SC_ERR_NOMEM, "cannot write a left-out part");
	} else {
		for (xmlNodePtr n = list; n; n = n->next)
			xmlNodeDumpOutput(out, r->parent->doc, n, 0, 0, "UTF-8");
		if (xmlOutputBufferClose(out) < 0 && !s->failed) {
			s->failed = 1;
			sc_err_set(s->err, SC_ERR_IO, "cannot write a left-out part");
		}
	}
	xmlFreeNodeList(list);
}

/* Write what is pending, splicing runs for markers; keep a possible start. */
static void
drain(struct splice *s, int final)
{
	size_t i = 0, keep;
	char *m;

	while (!s->failed && (m = memmem(s->pend + i, s->n - i, MARK,
	    MARK_LEN)) != NULL) {
		size_t off = (size_t)(m - s->pend);
		struct sc_prune *p;
		const struct rec *r;

		if (off + MARKER_LEN > s->n) {
			if (!final) {
				write_all(s, s->pend + i, off - i);
				i = off;
				goto keep;
			}
			break;
		}
		r = lookup((const xmlChar *)m, &p);
		if (r == NULL) {
			write_all(s, s->pend + i, off + MARK_LEN - i);
			i = off + MARK_LEN;
			continue;
		}
		write_all(s, s->pend + i, off - i);
		splice_run(s, p, r);
		i = off + MARKER_LEN;
	}
	keep = final || s->n - i < MARKER_LEN ? (final ? s->n : i) :
	    s->n - (MARKER_LEN - 1);
	write_all(s, s->pend + i, keep - i);
	i = keep;
keep:
	memmove(s->pend, s->pend + i, s->n - i);
	s->n -= i;
}

static int
io_write(void *ctx, const char *buf, int len)
{
	struct splice *s = ctx;

	if (s->failed)
		return -1;
	if (s->n + (size_t)len > s->cap) {
		s->cap = s->n + (size_t)len + 4096;
		s->pend = sc_xrealloc(s->pend, s->cap);
	}
	memcpy(s->pend + s->n, buf, (size_t)len);
	s->n += (size_t)len;
	drain(s, 0);
	return s->failed ? -1 : len;
}

static int
io_close(void *ctx)
{
	struct splice *s = ctx;

	if (!s->failed)
		drain(s, 1);
	return s->failed ? -1 : 0;
}

static void
quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

int
sc_prune_save(xmlDocPtr doc, int fd, struct sc_err *err)
{
	struct splice s = { fd, 0, err, NULL, 0, 0 };
	xmlSaveCtxtPtr ctx;
	int r = 0;

	xmlGenericErrorFunc old = xmlGenericError;
	void *old_ctx = xmlGenericErrorContext;

	ctx = xmlSaveToIO(io_write, io_close, &s, "UTF-8", XML_SAVE_FORMAT);
	if (ctx == NULL)
		return sc_err_set(err, SC_ERR_NOMEM, "cannot start writing");
	/* a failed write is reported once, by the caller, not by libxml2 */
	xmlSetGenericErrorFunc(NULL, quiet);
	if (xmlSaveDoc(ctx, doc) < 0)
		r = -1;
	if (xmlSaveClose(ctx) < 0)
		r = -1;
	xmlSetGenericErrorFunc(old_ctx, old);
	free(s.pend);
	if (r < 0 && !s.failed)
		sc_err_set(err, SC_ERR_IO, "write failed: %s", strerror(errno ?
		    errno : EIO));
	return r < 0 || s.failed ? (err->code ? err->code : SC_ERR_IO) : SC_OK;
}

/* ---- loading ------------------------------------------------------------------ */


struct sc_prune *
sc_prune_attach(xmlParserCtxtPtr ctxt, int fd, const char *path)
{
	struct sc_prune *p;

	if (ctxt == NULL || ctxt->sax == NULL || parsing != NULL ||
	    (p = state_new(fd, path)) == NULL)
		return NULL;
	p->orig = *ctxt->sax;
	ctxt->sax->startElementNs = on_start;
	ctxt->sax->endElementNs = on_end;
	ctxt->sax->characters = on_chars;
	ctxt->sax->ignorableWhitespace = on_ws;
	ctxt->sax->cdataBlock = on_cdata;
	ctxt->sax->comment = on_comment;
	ctxt->sax->processingInstruction = on_pi;
	ctxt->sax->reference = on_reference;
	ctxt->sax->internalSubset = on_subset;
	parsing = p;
	return p;
}

/* One byte of the file at off is c. */
static int
byte_is(struct sc_prune *p, unsigned long off, char c)
{
	char b;

	return pread(p->fd, &b, 1, (off_t)off) == 1 && b == c;
}

int
sc_prune_finish(struct sc_prune **pp)
{
	struct sc_prune *p = *pp;
	int ok;

	parsing = NULL;
	if (p == NULL)
		return 1;
	ok = !p->failed && p->skip == 0;
	/* the positions are the file's: the first and last runs check out */
	if (ok && p->n_recs > 0)
		ok = byte_is(p, p->recs[0].start, '<') &&
		    byte_is(p, p->recs[0].end - 1, '>') &&
		    byte_is(p, p->recs[p->n_recs - 1].start, '<') &&
		    byte_is(p, p->recs[p->n_recs - 1].end - 1, '>');
	if (!ok || p->n_recs == 0) {
		sc_prune_free(p);
		*pp = NULL;
	}
	return ok;
}
