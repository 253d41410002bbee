/*
 * filehash.h - the digest of a file in the target.
 *
 * The file is streamed through the target (regular files only, inside the
 * root, bounded memory; probes/filescan.h) into an OpenSSL digest fetched
 * from stigcheck's own library context, so the scanning host's OpenSSL
 * configuration (a FIPS-only host, say) cannot change or refuse the
 * answer.  The result is lowercase hex.
 */
#ifndef SC_FILEHASH_H
#define SC_FILEHASH_H

#include "target/target.h"
#include "util/err.h"

#define SC_FILEHASH_HEX_MAX 129		/* SHA-512 in hex, and a NUL */

/* alg: an OpenSSL digest name ("SHA256", "SHA1", "MD5", "SHA512", ...). */
int sc_filehash(struct sc_target *t, const char *path, const char *alg,
    char hex[SC_FILEHASH_HEX_MAX], struct sc_err *err);

#endif
