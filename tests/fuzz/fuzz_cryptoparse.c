/*
 * The crypto inventory's parsers (probes/crypto_parse.h): ELF headers,
 * dynamic section and section table (sc_crypto_parse_elf_mem), printable
 * strings sorted into library marks, Go build information, GODEBUG
 * values, Java security properties and -Djava.security.properties, and
 * the algorithm family classifiers (OpenSSL provider names and source
 * names, Go function names) on one string of any length.  The first byte
 * picks the parser; the rest is the input.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "probes/crypto_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sc_crypto_parse_elf e;
	struct sc_crypto_parse_marks m;
	struct sc_crypto_parse_go g;
	struct sc_crypto_parse_java j;
	char *s, *v;
	uint64_t names = 0, files = 0, go;
	int replace = 0;
	size_t n;

	if (size == 0)
		return 0;
	n = size - 1;
	s = malloc(n + 1);	/* a C string for the text parsers */
	memcpy(s, data + 1, n);
	s[n] = '\0';
	switch (data[0] % 7) {
	case 0:
		memset(&e, 0, sizeof(e));
		sc_crypto_parse_elf_mem(data + 1, n, &e);
		sc_crypto_parse_elf_clear(&e);
		break;
	case 1:
		memset(&m, 0, sizeof(m));
		sc_crypto_parse_strings_mem(&m, data + 1, n);
		sc_crypto_parse_marks_clear(&m);
		break;
	case 2:
		memset(&g, 0, sizeof(g));
		sc_crypto_parse_go(data + 1, n, &g);
		sc_crypto_parse_go_clear(&g);
		break;
	case 3:
		free(sc_crypto_parse_godebug(s, "fips140"));
		break;
	case 4:
		memset(&j, 0, sizeof(j));
		sc_crypto_parse_java(&j, (const char *)data + 1, n, 0);
		sc_crypto_parse_java(&j, (const char *)data + 1, n, 1);
		sc_crypto_parse_java_clear(&j);
		break;
	case 5:
		v = sc_crypto_parse_java_override(s, &replace);
		free(v);
		break;
	case 6:
		sc_crypto_parse_ossl_algs(s, &names, &files);
		go = sc_crypto_parse_go_algs(s);
		/* every bit names a family */
		for (unsigned i = 0; i < 64; i++)
			if (((names | files | go) >> i & 1) &&
			    sc_crypto_parse_alg(i) == NULL)
				abort();
		break;
	}
	free(s);
	return 0;
}
