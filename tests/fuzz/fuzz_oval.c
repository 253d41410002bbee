/*
 * OVAL definitions documents on their own: parsed with the content's safe
 * XML options (sc_xml_read_memory), indexed (sc_oval_doc_new, as the OVAL
 * engine does for each check-content-ref), external variables bound, and
 * every definition parsed with all it reaches (tests, objects, states,
 * variables, filters, patterns; sc_oval_doc_def).  Evaluation needs a
 * target and is not fuzzed here.
 */
#include <stdint.h>

#include "checks/oval/oval_model.h"
#include "xccdf/content.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "oval:x:var:1", "oval:x:var:2" };
	static const char *const values[] = { "1", "a" };
	struct sc_oval_rt rt = { NULL, NULL, 0, SC_MAP_INIT };
	struct sc_oval_doc *d = NULL;
	struct sc_strv ids = SC_STRV_INIT;
	struct sc_err err = SC_ERR_INIT;
	xmlDocPtr doc;

	if (sc_xml_read_memory((const char *)data, size, "fuzz-oval.xml", &doc,
	    &err) < 0)
		return 0;
	if (sc_oval_doc_new(&d, xmlDocGetRootElement(doc), "fuzz-oval.xml", &rt,
	    &err) == 0) {
		sc_err_clear(&err);
		sc_oval_doc_bind(d, names, values, 2, &err);
		sc_oval_doc_def_ids(d, &ids);
		for (size_t i = 0; i < ids.n; i++) {
			struct sc_oval_def *def;

			sc_err_clear(&err);
			sc_oval_doc_def(d, ids.v[i], &def, &err);
		}
		sc_strv_free(&ids);
		sc_oval_doc_free(d);
	}
	xmlFreeDoc(doc);
	return 0;
}
