/*
 * Small text sources of the target: os-release, the package-source files
 * of <sc:package_sources/> (apk repositories, apt sources.list, deb822
 * .sources, apt.conf, dnf.conf [main], yum .repo) and a CA bundle's
 * digest sidecar.  The first byte picks the parser; the rest is the file.
 * (fipsmodule.cnf is openssl.cnf grammar: fuzz_osslconf.)
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "checks/native.h"
#include "target/osrel.h"
#include "xccdf/result.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* a copy of exactly size bytes: no terminator for a parser to rely on */
	char *text = malloc(size ? size - 1 : 1), hex[65];
	const char *t = text;
	struct sc_osrel o = SC_OSREL_INIT;
	struct sc_testresult *tr;
	size_t n;

	if (size == 0) {
		free(text);
		return 0;
	}
	n = size - 1;
	memcpy(text, data + 1, n);
	switch (data[0] % 8) {
	case 0:
		sc_osrel_parse(&o, t, n);
		/* the last assignment wins; any key parsed is found */
		if (o.n > 0 && (sc_osrel_get(&o, o.v[o.n - 1].key) !=
		    o.v[o.n - 1].value || sc_osrel_get(&o, o.v[0].key) == NULL))
			abort();
		sc_osrel_clear(&o);
		break;
	case 7:
		if (sc_native_pki_sidecar_parse(t, n, "ca-certificates.crt",
		    hex) == 0 && strlen(hex) != 64)
			abort();
		break;
	default:
		tr = sc_testresult_new();
		sc_native_packages_sources_text((enum sc_native_pkgsrc)
		    (data[0] % 8 - 1), "/etc/fuzz", t, n,
		    sc_testresult_add(tr, "fuzz"));
		sc_testresult_free(tr);
		break;
	}
	free(text);
	return 0;
}
