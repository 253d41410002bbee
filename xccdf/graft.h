/*
 * graft.h - lending a subtree of one document to another for writing.
 *
 * The results writers embed big parts of the content (the Benchmark in
 * XCCDF results, the whole data-stream collection and the OVAL results in
 * ARF).  Copying them held every node twice while the file was written
 * (about 64 MiB more for the RHEL 9 STIG data stream, and 200 MiB for its
 * ARF).  A graft moves the subtree itself, for the time of the write, to
 * where the copy used to go, and puts it back:
 *
 *   sc_graft_move(&g, node, parent, before);   // parent NULL: detach only
 *   ... serialise the document holding parent ...
 *   sc_graft_undo(&g);                          // grafts undone LIFO
 *
 * The serialised bytes are those of a copy (xmlDocCopyNode): a moved
 * node declares the namespaces its subtree uses from its old ancestors
 * (in first-use order, as the copy declares them), and its document's
 * encoding reads UTF-8, as the written document's does while xmlSaveDoc
 * writes it (attribute values escaped alike; writers save as UTF-8).
 * With reconcile, also those of xmlReconciliateNs on that copy (libxml2
 * 2.9: every namespace the subtree uses is declared on its top, under a
 * new prefix such as "default1" when its own is taken; the nodes whose
 * prefix so changes are re-pointed until the undo).
 * The links are set by hand: node->doc is not changed, text nodes are
 * never merged, and between move and undo the source tree must not be
 * read by anything but the serialiser (the writers are single-threaded).
 */
#ifndef SC_GRAFT_H
#define SC_GRAFT_H

#include <libxml/tree.h>

struct sc_graft {
	xmlNodePtr node;
	xmlNodePtr old_parent, old_next;	/* where node came from */
	xmlNsPtr ns_tail;		/* node's last own nsDef, or NULL */
	xmlNsPtr extra;			/* declarations added for the move */
	struct sc_graft_remap {
		xmlNsPtr *slot;		/* &node->ns or &attr->ns */
		xmlNsPtr old;
	} *remap;
	size_t n_remap, cap_remap;
	xmlDocPtr doc;			/* node->doc, encoding set */
	const xmlChar *encoding;
	int moved;
};

void sc_graft_move(struct sc_graft *g, xmlNodePtr node, xmlNodePtr parent,
    xmlNodePtr before, int reconcile);
void sc_graft_undo(struct sc_graft *g);

#endif
