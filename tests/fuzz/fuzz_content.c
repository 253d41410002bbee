/* SCAP content: XCCDF benchmarks, data streams, profiles (policy). */
#include <stdint.h>

#include "xccdf/content.h"
#include "xccdf/policy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sc_content *c = NULL;
	struct sc_err err = SC_ERR_INIT;

	if (sc_content_load_memory(&c, (const char *)data, size, "fuzz.xml", NULL,
	    &err) == 0) {
		struct sc_benchmark *b = sc_content_benchmark(c);
		struct sc_policy *p = NULL;

		for (size_t i = 0; b && i < b->n_profiles; i++) {
			if (sc_policy_new(&p, b, b->profiles[i].id, &err) == 0)
				sc_policy_free(p);
		}
		if (b && sc_policy_new(&p, b, NULL, &err) == 0)
			sc_policy_free(p);
		sc_content_free(c);
	}
	return 0;
}
