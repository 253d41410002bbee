/* Stored results read by `report --from`: XCCDF results and ARF. */
#include <stdint.h>

#include "xccdf/content.h"
#include "xccdf/result.h"
#include "xccdf/results_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sc_content *c = NULL;
	struct sc_testresult *tr = NULL;
	struct sc_err err = SC_ERR_INIT;

	if (sc_results_load_memory((const char *)data, size, "fuzz.xml", &c, &tr,
	    &err) == 0) {
		sc_testresult_free(tr);
		sc_content_free(c);
	}
	return 0;
}
