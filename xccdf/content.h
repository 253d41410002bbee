/*
 * content.h - SCAP content: an XCCDF 1.2 benchmark or a SCAP 1.3 source
 * data stream, loaded from a file or from memory (the built-in content).
 *
 * For a data stream the checklist is chosen (the first data-stream and
 * its first checklist, or the ones named), its Benchmark is parsed, and
 * check-content-ref hrefs are resolved the SCAP way: the checklist's
 * component-ref catalog maps the href to a component-ref, whose xlink:href
 * names a ds:component or ds:extended-component.  For a plain benchmark,
 * hrefs are files beside it (loaded once, read-only, no network).
 *
 * Content comes from the scanning host, not the target.  Parsing never
 * touches the network, never expands external entities and never loads a
 * DTD.  Errors name the file and, for malformed XML, the line.
 */
#ifndef SC_CONTENT_H
#define SC_CONTENT_H

#include <libxml/tree.h>

#include "util/err.h"
#include "xccdf/benchmark.h"

#define SC_SDS_NS "http://scap.nist.gov/schema/scap/source/1.2"
#define SC_XLINK_NS "http://www.w3.org/1999/xlink"
#define SC_CATALOG_NS "urn:oasis:names:tc:entity:xmlns:xml:catalog"

enum sc_content_kind { SC_CONTENT_XCCDF, SC_CONTENT_DATASTREAM };

struct sc_content;

struct sc_content_opts {
	const char *datastream_id;	/* NULL: the first */
	const char *checklist_id;	/* component-ref id; NULL: the first */
	int whole;			/* keep every node (no pruning, prune.h) */
};

int sc_content_load_file(struct sc_content **out, const char *path,
    const struct sc_content_opts *opts, struct sc_err *err);
/* name is what messages and benchmark@href show. */
int sc_content_load_memory(struct sc_content **out, const char *buf,
    size_t len, const char *name, const struct sc_content_opts *opts,
    struct sc_err *err);
/*
 * Content from a parsed document (taking ownership of doc, also on
 * error); name is what messages and benchmark@href show.  Used to load
 * the benchmark or data stream held in stored results (results_read.h).
 */
int sc_content_from_doc(struct sc_content **out, xmlDocPtr doc,
    const char *name, const struct sc_content_opts *opts, struct sc_err *err);
void sc_content_free(struct sc_content *c);

/* Apply an XCCDF 1.2 tailoring file (profiles added or replaced). */
int sc_content_load_tailoring(struct sc_content *c, const char *path,
    struct sc_err *err);
/* The same from memory (name is what messages show; tests, fuzzing). */
int sc_content_load_tailoring_memory(struct sc_content *c, const char *buf,
    size_t len, const char *name, struct sc_err *err);

enum sc_content_kind sc_content_kind(const struct sc_content *c);
const char *sc_content_name(const struct sc_content *c);
struct sc_benchmark *sc_content_benchmark(const struct sc_content *c);
xmlDocPtr sc_content_doc(const struct sc_content *c);
/* The data-stream-collection element (NULL for plain XCCDF). */
xmlNodePtr sc_content_collection(const struct sc_content *c);
/* The component holding the benchmark (NULL for plain XCCDF). */
const char *sc_content_checklist_component_id(const struct sc_content *c);
/* The tailoring file, when one was loaded (path and root element). */
const char *sc_content_tailoring_path(const struct sc_content *c);

/*
 * The data stream's CPE dictionary (the <cpe-list> of its first
 * ds:dictionaries component), or NULL.  Its check hrefs resolve through
 * sc_content_resolve_href like a checklist's.
 */
xmlNodePtr sc_content_cpe_dictionary(const struct sc_content *c);

/*
 * Resolve a check-content-ref href to the root element of the referenced
 * check document (e.g. <oval_definitions>, or an SCE <script>).  *comp_id
 * (optional) receives the component id for data streams.
 */
int sc_content_resolve_href(struct sc_content *c, const char *href,
    xmlNodePtr *root, const char **comp_id, struct sc_err *err);

/*
 * Parse an XML file or buffer with the safe options above; on malformed
 * input the error reads "NAME:LINE: message".
 */
int sc_xml_read_file(const char *path, xmlDocPtr *doc, struct sc_err *err);
int sc_xml_read_memory(const char *buf, size_t len, const char *name,
    xmlDocPtr *doc, struct sc_err *err);

#endif
