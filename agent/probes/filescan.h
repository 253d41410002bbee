/*
 * filescan.h - streaming a binary file of the target with bounded memory.
 *
 * Libraries and modules are read, never loaded: stigcheck learns what a
 * libcrypto.so.3 or fips.so is by the bytes and the printable strings it
 * holds (version text, build paths, source file names), as `strings`
 * would, and hashes modules in the same pass.  The file is opened through
 * the target (regular files only, inside the root) and read in 64 KiB
 * chunks; memory does not grow with the file's size.
 *
 * A string is a run of at least min_len printable ASCII bytes (0x20-0x7e
 * and tab); runs longer than SC_FILESCAN_STR_MAX are delivered cut to that
 * length.  Its offset is that of its first byte.
 */
#ifndef SC_FILESCAN_H
#define SC_FILESCAN_H

#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "target/target.h"
#include "util/err.h"

#define SC_FILESCAN_STR_MAX 4096
#define SC_FILESCAN_CHUNK (64u << 10)
#define SC_FILESCAN_FILE_MAX (1024ul << 20)	/* refuse files over 1 GiB */

struct sc_filescan_cb {
	/* every byte, in order (may be NULL) */
	void (*chunk)(void *ctx, const unsigned char *p, size_t n);
	/* every printable string (may be NULL); s is NUL-terminated */
	void (*string)(void *ctx, const char *s, size_t n, off_t offset);
	void *ctx;
	size_t min_len;		/* 0: 4 */
};

/*
 * Stream target file `path` through the callbacks.  *st (may be NULL)
 * receives its fstat.  Errors are the target's (SC_ERR_NOTFOUND,
 * SC_ERR_NOTREG, ...), SC_ERR_TOOBIG over SC_FILESCAN_FILE_MAX, SC_ERR_IO.
 */
int sc_filescan(struct sc_target *t, const char *path,
    const struct sc_filescan_cb *cb, struct stat *st, struct sc_err *err);

/* The same over bytes in memory (tests, and data already read). */
void sc_filescan_mem(const unsigned char *p, size_t n,
    const struct sc_filescan_cb *cb);

/*
 * The same, fed piecewise (a section of a file read in chunks): strings
 * that straddle two feeds are delivered whole; offsets count from the
 * first byte fed.  end flushes the last string and frees (NULL is fine).
 */
struct sc_filescan_state;
struct sc_filescan_state *sc_filescan_begin(const struct sc_filescan_cb *cb);
void sc_filescan_feed(struct sc_filescan_state *st, const unsigned char *p,
    size_t n);
void sc_filescan_end(struct sc_filescan_state *st);

#endif
