/* openssl.cnf grammar and $variable expansion (no includes: no target). */
#include <stddef.h>
#include <stdint.h>

#include "probes/openssl_conf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sc_osslconf *c = NULL;
	struct sc_err err = SC_ERR_INIT;

	if (sc_osslconf_load_text(&c, "fuzz.cnf", (const char *)data, size, NULL,
	    &err) == 0)
		sc_osslconf_free(c);
	return 0;
}
