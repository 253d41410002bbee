/*
 * verify.h - `stigcheck verify DIR [--ca CA.pem]`: check an evidence
 * directory (evidence.h) without trusting it.
 *
 * Holds when, in this order:
 *   1. DIR/manifest.json is a regular file (no symlink) of at most
 *      SC_VERIFY_MANIFEST_MAX bytes, is JSON, and lists files as
 *      {name, size, sha256} with plain names (no '/', no "..", no NUL,
 *      not the manifest or its signature, no duplicates);
 *   2. the signature DIR/manifest.json.p7s (PEM or DER CMS, detached),
 *      when present, verifies over the manifest's bytes; with --ca the
 *      signer's certificate must chain to CA.pem, and the signature must
 *      be present;
 *   3. every entry of DIR is a regular file (no symlink, directory,
 *      FIFO...) that the manifest lists, or the manifest or signature;
 *   4. every listed file exists, has the listed size (checked before it
 *      is read, so a huge file is not hashed) and SHA-256.
 * The first thing that does not hold is returned as SC_ERR_* with one
 * line naming it.  Files are opened with O_NOFOLLOW|O_NONBLOCK, relative
 * to one directory fd, and only regular files are read.
 *
 * On success a one-line summary is written to out.
 */
#ifndef SC_VERIFY_H
#define SC_VERIFY_H

#include <stdio.h>

#include "util/err.h"

#define SC_VERIFY_MANIFEST_MAX (16u << 20)
#define SC_VERIFY_SIGNATURE_MAX (1u << 20)
#define SC_VERIFY_MAX_FILES 4096

int sc_verify_dir(const char *dir, const char *ca, FILE *out,
    struct sc_err *err);

#endif
