/*
 * The CMVP certificate table (`--cmvp-table FILE`, a YAML file the user
 * passes and may have received from anyone): sc_cmvp_parse, then the
 * list matcher over every row's versions and digests, the way
 * fips_module_certificate reads them.
 */
#include <stdint.h>
#include <stdlib.h>

#include "checks/cmvp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sc_cmvp_table *tab = NULL;
	struct sc_err err = SC_ERR_INIT;

	if (sc_cmvp_parse((const char *)data, size, "fuzz", &tab, &err) ==
	    SC_OK) {
		for (size_t i = 0; i < tab->n; i++) {
			const struct sc_cmvp_cert *c = &tab->c[i];

			(void)sc_cmvp_lists(c->versions, "3.1.2");
			if (c->sha256 != NULL)
				(void)sc_cmvp_lists(c->sha256, c->number);
		}
	}
	sc_cmvp_free(tab);
	sc_err_clear(&err);
	return 0;
}
