/*
 * graft.c - lending a subtree of one document to another (graft.h).
 */
#include "xccdf/graft.h"

#include <stdlib.h>
#include <string.h>

#include "util/mem.h"
#include "xccdf/prune.h"

static void
unlink_raw(xmlNodePtr n)
{
	if (n->prev)
		n->prev->next = n->next;
	else if (n->parent)
		n->parent->children = n->next;
	if (n->next)
		n->next->prev = n->prev;
	else if (n->parent)
		n->parent->last = n->prev;
	n->parent = n->prev = n->next = NULL;
}

static void
link_raw(xmlNodePtr n, xmlNodePtr parent, xmlNodePtr before)
{
	n->parent = parent;
	if (before) {
		n->next = before;
		n->prev = before->prev;
		if (before->prev)
			before->prev->next = n;
		else
			parent->children = n;
		before->prev = n;
	} else {
		n->next = NULL;
		n->prev = parent->last;
		if (parent->last)
			parent->last->next = n;
		else
			parent->children = n;
		parent->last = n;
	}
}

/* ---- namespaces the subtree takes from its old ancestors ------------------ */

struct outer {
	xmlNsPtr *ns;			/* in scope from outside, nearest first */
	int *used;
	xmlNsPtr *order;		/* used ones, in first-use order */
	size_t n, n_order;
};

static void
outer_use(void *arg, xmlNsPtr *slot)
{
	struct outer *o = arg;
	xmlNsPtr ns = *slot;

	if (ns == NULL)
		return;
	for (size_t i = 0; i < o->n; i++)
		if (o->ns[i] == ns) {
			if (!o->used[i]) {
				o->used[i] = 1;
				o->order[o->n_order++] = ns;
			}
			return;
		}
}

static int
prefix_eq(const xmlChar *a, const xmlChar *b)
{
	return (a == NULL && b == NULL) || (a && b && strcmp((const char *)a,
	    (const char *)b) == 0);
}

/* Declarations on node's ancestors (element ones) not shadowed on the way. */
static void
outer_collect(struct outer *o, xmlNodePtr node)
{
	size_t max = 0;

	for (xmlNodePtr a = node->parent; a && a->type == XML_ELEMENT_NODE;
	    a = a->parent)
		for (xmlNsPtr ns = a->nsDef; ns; ns = ns->next)
			max++;
	o->ns = sc_xcalloc(max + 1, sizeof(*o->ns));
	o->used = sc_xcalloc(max + 1, sizeof(*o->used));
	o->order = sc_xcalloc(max + 1, sizeof(*o->order));
	for (xmlNodePtr a = node->parent; a && a->type == XML_ELEMENT_NODE;
	    a = a->parent)
		for (xmlNsPtr ns = a->nsDef; ns; ns = ns->next) {
			int seen = 0;

			for (size_t i = 0; i < o->n && !seen; i++)
				seen = prefix_eq(o->ns[i]->prefix, ns->prefix);
			for (xmlNsPtr d = node->nsDef; d && !seen; d = d->next)
				seen = prefix_eq(d->prefix, ns->prefix);
			if (!seen)
				o->ns[o->n++] = ns;
		}
}

/*
 * Every namespace slot of the subtree in document order: an element's,
 * then its attributes', then its children's (as copy and reconcile go).
 */
static void
ns_walk(xmlNodePtr top, void (*fn)(void *, xmlNsPtr *), void *arg)
{
	xmlNodePtr n = top;

	while (n) {
		if (n->type == XML_ELEMENT_NODE) {
			fn(arg, &n->ns);
			for (xmlAttrPtr a = n->properties; a; a = a->next)
				fn(arg, &a->ns);
			if (n->children) {
				n = n->children;
				continue;
			}
		} else if (n->type == XML_TEXT_NODE) {
			/* a run left out of the tree uses namespaces too */
			size_t k;
			xmlNsPtr *slots = sc_prune_ns_slots(n, &k);

			for (size_t i = 0; i < k; i++)
				fn(arg, &slots[i]);
		}
		while (n != top && n->next == NULL)
			n = n->parent;
		if (n == top)
			break;
		n = n->next;
	}
}

/* ---- xmlReconciliateNs on the copy, as libxml2 2.9 does it -------------- */

struct recon {
	struct sc_graft *g;
	xmlNodePtr top;
	xmlNsPtr *from, *to;		/* cache: ns pointer -> declaration */
	size_t n, cap;
};

static void
add_decl(struct sc_graft *g, xmlNodePtr top, xmlNsPtr ns)
{
	xmlNsPtr t = top->nsDef;

	if (t == NULL)
		top->nsDef = ns;
	else {
		while (t->next)
			t = t->next;
		t->next = ns;
	}
	if (g->extra == NULL)
		g->extra = ns;
}

static xmlNsPtr
top_decl(xmlNodePtr top, const xmlChar *href, const xmlChar *prefix)
{
	for (xmlNsPtr d = top->nsDef; d; d = d->next)
		if (href ? d->href && strcmp((const char *)d->href,
		    (const char *)href) == 0 : prefix_eq(d->prefix, prefix))
			return d;
	return NULL;
}

/* xmlNewReconciledNs(doc, top, ns): NULL when no prefix is free */
static xmlNsPtr
reconciled(struct recon *r, xmlNsPtr ns)
{
	char prefix[50];
	xmlNsPtr d;
	int counter = 1;

	if ((d = top_decl(r->top, ns->href, NULL)) != NULL)
		return d;
	snprintf(prefix, sizeof(prefix), "%.20s", ns->prefix ?
	    (const char *)ns->prefix : "default");
	while (top_decl(r->top, NULL, (const xmlChar *)prefix) != NULL) {
		if (counter > 1000)
			return NULL;
		snprintf(prefix, sizeof(prefix), "%.20s%d", ns->prefix ?
		    (const char *)ns->prefix : "default", counter++);
	}
	if ((d = xmlNewNs(NULL, ns->href, (const xmlChar *)prefix)) != NULL)
		add_decl(r->g, r->top, d);
	return d;
}

static void
recon_fix(void *arg, xmlNsPtr *slot)
{
	struct recon *r = arg;
	struct sc_graft *g = r->g;
	xmlNsPtr ns = *slot, to = NULL;
	size_t i;

	if (ns == NULL || (ns->prefix && strcmp((const char *)ns->prefix,
	    "xml") == 0))
		return;
	for (i = 0; i < r->n; i++)
		if (r->from[i] == ns) {
			to = r->to[i];
			break;
		}
	if (to == NULL) {
		if ((to = reconciled(r, ns)) == NULL)
			return;
		if (r->n == r->cap) {
			r->cap = r->cap ? 2 * r->cap : 8;
			r->from = sc_xreallocarray(r->from, r->cap, sizeof(*r->from));
			r->to = sc_xreallocarray(r->to, r->cap, sizeof(*r->to));
		}
		r->from[r->n] = ns;
		r->to[r->n++] = to;
	}
	if (to == ns || prefix_eq(to->prefix, ns->prefix))
		return;		/* the same bytes either way */
	if (g->n_remap == g->cap_remap) {
		g->cap_remap = g->cap_remap ? 2 * g->cap_remap : 16;
		g->remap = sc_xreallocarray(g->remap, g->cap_remap,
		    sizeof(*g->remap));
	}
	g->remap[g->n_remap].slot = slot;
	g->remap[g->n_remap++].old = ns;
	*slot = to;
}

static void
reconcile(struct sc_graft *g, xmlNodePtr top)
{
	struct recon r = { g, top, NULL, NULL, 0, 0 };

	ns_walk(top, recon_fix, &r);
	free(r.from);
	free(r.to);
}

void
sc_graft_move(struct sc_graft *g, xmlNodePtr node, xmlNodePtr parent,
    xmlNodePtr before, int reconcile_ns)
{
	struct outer o;

	memset(g, 0, sizeof(*g));
	g->node = node;
	g->old_parent = node->parent;
	g->old_next = node->next;
	if (parent && node->type == XML_ELEMENT_NODE) {
		memset(&o, 0, sizeof(o));
		if (node->parent && node->parent->type == XML_ELEMENT_NODE) {
			outer_collect(&o, node);
			ns_walk(node, outer_use, &o);
		}
		for (xmlNsPtr ns = node->nsDef; ns; ns = ns->next)
			g->ns_tail = ns;
		for (size_t i = 0; i < o.n_order; i++) {
			xmlNsPtr ns = xmlNewNs(NULL, o.order[i]->href,
			    o.order[i]->prefix);

			if (ns == NULL)
				continue;
			if (g->extra == NULL)
				g->extra = ns;
			else {
				xmlNsPtr t = g->extra;

				while (t->next)
					t = t->next;
				t->next = ns;
			}
		}
		if (g->extra) {
			if (g->ns_tail)
				g->ns_tail->next = g->extra;
			else
				node->nsDef = g->extra;
		}
		free(o.ns);
		free(o.used);
		free(o.order);
		if (reconcile_ns)
			reconcile(g, node);
		if (node->doc) {
			g->doc = node->doc;
			g->encoding = node->doc->encoding;
			/* what xmlSaveDoc sets on the document it writes */
			node->doc->encoding = (const xmlChar *)"UTF-8";
		}
	}
	unlink_raw(node);
	if (parent)
		link_raw(node, parent, before);
	g->moved = 1;
}

void
sc_graft_undo(struct sc_graft *g)
{
	xmlNodePtr n = g->node;

	if (!g->moved)
		return;
	unlink_raw(n);
	if (g->old_parent)
		link_raw(n, g->old_parent, g->old_next);
	while (g->n_remap > 0) {
		g->n_remap--;
		*g->remap[g->n_remap].slot = g->remap[g->n_remap].old;
	}
	free(g->remap);
	if (g->extra) {
		if (g->ns_tail)
			g->ns_tail->next = NULL;
		else
			n->nsDef = NULL;
		xmlFreeNsList(g->extra);
	}
	if (g->doc)
		g->doc->encoding = g->encoding;
	memset(g, 0, sizeof(*g));
}
