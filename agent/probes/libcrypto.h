/*
 * libcrypto.h - what the target's OpenSSL libcrypto is, read from its
 * bytes (never loaded, never run).
 *
 * libcrypto carries its build facts as strings: OpenSSL_version() texts
 * ("OpenSSL 3.0.20 7 Apr 2026", "OPENSSLDIR: \"/etc/ssl\"",
 * "MODULESDIR: \"/usr/lib/ossl-modules\"", "compiler: gcc ... -D...") and,
 * when it was built with enable-jitter, the jitter seed source's own
 * strings ("jent_read_entropy (%d)", "seed_src_jitter.c").  This probe
 * finds every copy of libcrypto.so.3 in the target and reads those facts.
 *
 * Which copy a program uses is up to the dynamic loader; the copy in the
 * loader's standard directories (SC_LIBCRYPTO_DIRS order) is taken as the
 * system's, and every other copy (a bundled one in /opt or a Python wheel)
 * is reported alongside.
 */
#ifndef SC_LIBCRYPTO_H
#define SC_LIBCRYPTO_H

#include <sys/types.h>

#include "target/target.h"
#include "util/err.h"
#include "walk/walk.h"

struct sc_libcrypto {
	char *path;		/* target path where it was found */
	int standard;		/* found in a standard loader directory */
	dev_t dev;
	ino_t ino;
	off_t size;
	char *version_text;	/* "OpenSSL 3.0.20 7 Apr 2026", or NULL */
	int major, minor, patch;	/* -1 when unknown */
	char *openssldir;	/* OPENSSLDIR, or NULL */
	char *modulesdir;	/* MODULESDIR, or NULL */
	char *compiler;		/* the "compiler: ..." build flags, or NULL */
	char *jitter_marker;	/* jitter seed source string found, or NULL */
	int default_seed_jitter;	/* -DOPENSSL_DEFAULT_SEED_SRC=JITTER */
	char *error;		/* why it could not be read, or NULL */
};

struct sc_libcrypto_set {
	struct sc_libcrypto *v;	/* standard-directory copies first */
	size_t n, cap;
};

/*
 * Standard directories searched for libcrypto.so.3, in the dynamic
 * loader's order (glibc and musl); NULL-terminated.
 */
extern const char *const sc_libcrypto_dirs[];

/*
 * Register a walk visitor that records every regular file whose name
 * starts with "libcrypto" and contains ".so" (bundled copies) into set.
 * Optional: sc_libcrypto_find works without it (standard dirs only).
 */
void sc_libcrypto_watch(struct sc_walk *w, struct sc_libcrypto_set *set);

/*
 * Fill set with the copies in the standard directories (de-duplicated by
 * device and inode, links followed inside the root), then probe every
 * entry (including any the walk recorded).  Unreadable copies keep their
 * error in ->error.  Never fails for an absent library (set->n == 0).
 */
int sc_libcrypto_find(struct sc_target *t, struct sc_libcrypto_set *set,
    struct sc_err *err);

/* Probe one file into lc (lc->path must be set). */
int sc_libcrypto_probe(struct sc_target *t, struct sc_libcrypto *lc,
    struct sc_err *err);

/* Read strings from memory instead (tests). */
void sc_libcrypto_probe_mem(struct sc_libcrypto *lc, const void *p, size_t n);

void sc_libcrypto_set_free(struct sc_libcrypto_set *set);

/*
 * Parse "3.0.20", "3.4.0-dev" or an OpenSSL version text; 0 on success.
 */
int sc_openssl_version_parse(const char *s, int *major, int *minor,
    int *patch);

/* Compare a version with maj.min: <0, 0, >0. */
int sc_openssl_version_cmp(int major, int minor, int want_major,
    int want_minor);

#endif
