/* rpmdb.sqlite images (SQLite file format, hostile schemas). */
#include <stdint.h>

#include "probes/packages.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sc_pkgdb *db = sc_pkgdb_new();
	struct sc_err err = SC_ERR_INIT;

	sc_pkgdb_parse_rpm_sqlite(db, "rpmdb.sqlite", data, size, &err);
	sc_pkgdb_free(db);
	return 0;
}
