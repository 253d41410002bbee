/* apk installed, dpkg status, an rpm header blob (first byte picks). */
#include <stdint.h>

#include "probes/packages.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sc_pkgdb *db = sc_pkgdb_new();
	struct sc_err err = SC_ERR_INIT;

	if (size > 0) {
		const char *t = (const char *)data + 1;

		switch (data[0] % 3) {
		case 0:
			sc_pkgdb_parse_apk(db, "installed", t, size - 1, &err);
			break;
		case 1:
			sc_pkgdb_parse_dpkg(db, "status", t, size - 1, 1, &err);
			break;
		default:
			sc_pkgdb_parse_rpm_header(db, "hdr", data + 1, size - 1,
			    &err);
		}
	}
	sc_pkgdb_free(db);
	return 0;
}
