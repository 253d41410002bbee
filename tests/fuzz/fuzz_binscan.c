/*
 * The byte scanners that read libraries and modules without loading them:
 * the strings scanner (probes/filescan.h), whole and fed in two pieces
 * (the two must deliver the same strings at the same offsets), the
 * libcrypto facts (sc_libcrypto_probe_mem: version text, OPENSSLDIR,
 * MODULESDIR, compiler flags, jitter markers) and the FIPS provider
 * module scan (sc_fipsmod_probe_mem: name, nearest version, HMAC; for
 * inputs whose last byte is a multiple of 8, the MAC's setup being slow).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probes/filescan.h"
#include "probes/fips_module.h"
#include "probes/libcrypto.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
binscan_record(void *ctx, const char *s, size_t n, off_t off)
{
	struct sc_buf *b = ctx;

	if (strlen(s) != n)
		abort();
	sc_buf_addf(b, "%lld:%s\n", (long long)off, s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sc_buf whole = SC_BUF_INIT, parts = SC_BUF_INIT;
	struct sc_filescan_cb cw = { NULL, binscan_record, &whole, 0 };
	struct sc_filescan_cb cp = { NULL, binscan_record, &parts, 0 };
	struct sc_filescan_state *st;
	struct sc_libcrypto_set set = { NULL, 0, 0 };
	struct sc_fipsmod fm;
	struct sc_err err = SC_ERR_INIT;
	size_t cut = size ? data[0] * size / 256 : 0;

	sc_buf_reset(&whole);
	sc_buf_reset(&parts);
	sc_filescan_mem(data, size, &cw);
	st = sc_filescan_begin(&cp);
	sc_filescan_feed(st, data, cut);
	sc_filescan_feed(st, data + cut, size - cut);
	sc_filescan_end(st);
	if (whole.len != parts.len || memcmp(whole.data, parts.data, whole.len))
		abort();
	sc_buf_free(&whole);
	sc_buf_free(&parts);

	set.v = calloc(1, sizeof(*set.v));
	set.n = set.cap = 1;
	sc_libcrypto_probe_mem(&set.v[0], data, size);
	sc_libcrypto_set_free(&set);

	/* (a private OpenSSL library context per call is slow: one input in 8) */
	if (size && data[size - 1] % 8 == 0 &&
	    sc_fipsmod_probe_mem(data, size, NULL, &fm, &err) == 0) {
		if (fm.size != (off_t)size)
			abort();
		sc_fipsmod_clear(&fm);
	}
	return 0;
}
