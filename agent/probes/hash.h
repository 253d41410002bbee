/*
 * hash.h - message digests of target files, through OpenSSL's EVP
 * interface (the filehash probe).
 *
 * The file is opened through the target (regular files only, symlinks
 * resolved inside the root) and streamed in 64 KiB chunks, so its size
 * does not matter.  Algorithm names are the usual ones: MD5, SHA-1,
 * SHA-224, SHA-256, SHA-384, SHA-512 (and whatever else OpenSSL's default
 * providers know by that name, fetched from stigcheck's own library
 * context, never the host's configuration).  The digest is written as lower-case
 * hex.
 */
#ifndef SC_PROBE_HASH_H
#define SC_PROBE_HASH_H

#include <stddef.h>

#include "target/target.h"

#define SC_HASH_HEX_MAX 129	/* 64-byte digests as hex, plus NUL */

/* Whether algo is a digest this probe can compute. */
int sc_probe_hash_known(const char *algo);

/*
 * Digest of the target file at path into hex (at least SC_HASH_HEX_MAX
 * bytes).  SC_ERR_NOTFOUND / SC_ERR_NOTREG as for target reads,
 * SC_ERR_UNSUPPORTED for an unknown algorithm.
 */
int sc_probe_hash_file(struct sc_target *t, const char *path, const char *algo,
    char *hex, struct sc_err *err);

/* The same over a buffer (for tests). */
int sc_probe_hash_buf(const void *data, size_t len, const char *algo,
    char *hex, struct sc_err *err);

#endif
