/*
 * prune.h - loading a big content file without the parts a scan does not
 * read, and writing them back from the file when an output embeds them.
 *
 * Most of a SCAP Security Guide data stream is never read by a scan:
 * remediation scripts (<xccdf:fix>), reference lists (<xccdf:reference>),
 * the OCIL questionnaires, and the OVAL definitions, tests, objects,
 * states and variables of the rules not selected.  As a tree, the RHEL 9
 * data stream is about 96 MiB.  sc_prune_read_file() parses the file and
 * leaves out the children of those constructs; each left-out run of
 * sibling elements becomes one placeholder, a text node holding a marker
 * and the byte range of the run in the file, which is kept open:
 *
 *   - XCCDF 1.2 <fix> and <reference> children of a Rule or Group, and
 *     the <select>, <refine-value>, <refine-rule> and <set-value> of a
 *     Profile (the Benchmark model reads them once, from the file);
 *   - the children of the OCIL root element;
 *   - every OVAL definition, test, object, state and variable, indexed
 *     by id (sc_prune_take() puts one back).
 *
 * A run is left out only where its parent already has a text child (the
 * indentation of pretty-printed content): there libxml2 writes children
 * as they are, so the bytes written for the run do not depend on its
 * position.  Content that is not UTF-8, has a DTD, or where the parser
 * positions do not check out is parsed whole (nothing is lost).
 *
 * Readers expand what they need:
 *   sc_prune_materialize(el)  the placeholders among el's children become
 *                             the nodes they stand for, for good (the OVAL
 *                             model does this for each construct it reads);
 *   sc_prune_expand(ph, &l)   a detached copy of a placeholder's nodes,
 *                             for reading (xmlFreeNodeList when done).
 * Writers need nothing special: sc_prune_save() serialises a document and
 * writes each placeholder's nodes in its place, parsed again from the file
 * in the placeholder's context and written with the same serialiser, so
 * the output is byte for byte what the whole tree would have given (the
 * namespaces a run uses take part in grafts, graft.h, as its nodes would).
 * A copy of content nodes into another document carries placeholders
 * along; sc_prune_copied() makes such a copy complete (all) or at least
 * writable (the prefixes its placeholders use are declared where they sit).
 *
 * The file is checked (device, inode, size, modification and change time)
 * each time it is read again; if it changed, the read fails with an error
 * naming it, and no output is written.  Placeholders are known by a
 * per-process random marker, so no content or target text can pass for
 * one.  Not thread-safe: the writers and the OVAL model are single-threaded.
 */
#ifndef SC_PRUNE_H
#define SC_PRUNE_H

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "util/err.h"

struct sc_prune;

/*
 * Prune the parse ctxt is about to make (xmlNewParserCtxt, then
 * xmlCtxtReadIO) of the file open as fd, named path: NULL when pruning
 * cannot start (the parse then builds everything).  The state keeps its
 * own descriptor of the file.  One parse at a time.
 */
struct sc_prune *sc_prune_attach(xmlParserCtxtPtr ctxt, int fd,
    const char *path);
/*
 * After that parse (successful): 1 when the pruned tree can be used (*pp
 * becomes NULL if nothing was left out), 0 when it cannot (the positions
 * did not check out: *pp is freed and NULL, parse the file again whole).
 */
int sc_prune_finish(struct sc_prune **pp);
/* Free the state; call before freeing its document.  NULL is fine. */
void sc_prune_free(struct sc_prune *p);

/* Non-zero when n is a placeholder of a live pruning state. */
int sc_prune_is(xmlNodePtr n);
/* Expand, for good, the placeholders among el's children. */
int sc_prune_materialize(xmlNodePtr el, struct sc_err *err);
/* The same for every element of top's subtree (before copying it whole). */
int sc_prune_materialize_all(xmlNodePtr top, struct sc_err *err);
/*
 * OVAL constructs (children of <definitions>, <tests>, <objects>, <states>,
 * <variables>) are left out whole, indexed by id: sc_prune_ids() lists the
 * ids a placeholder stands for, and sc_prune_take() puts the construct id
 * back into section (where it was), *out the element, the rest of its run
 * staying out.  SC_ERR_NOTFOUND when id was not left out of section.
 */
void sc_prune_ids(xmlNodePtr ph, void (*fn)(void *arg, const char *id),
    void *arg);
int sc_prune_take(xmlNodePtr section, const char *id, xmlNodePtr *out,
    struct sc_err *err);
/* The nodes placeholder ph stands for, detached (caller frees the list). */
int sc_prune_expand(xmlNodePtr ph, xmlNodePtr *list, struct sc_err *err);

/*
 * The namespace slots of a placeholder's run, in first-use order, for
 * graft.c's walk (*n = 0 and NULL for any other node).
 */
xmlNsPtr *sc_prune_ns_slots(xmlNodePtr n, size_t *count);

/*
 * After top was copied (xmlDocCopyNode) into another document: expand the
 * placeholders the copy carries, all of them (all != 0) or those whose
 * prefixes the copy does not declare with the same namespace.
 */
int sc_prune_copied(xmlNodePtr top, int all, struct sc_err *err);

/* xmlSaveDoc(doc) to fd as UTF-8 (formatted), placeholders expanded. */
int sc_prune_save(xmlDocPtr doc, int fd, struct sc_err *err);

#endif
