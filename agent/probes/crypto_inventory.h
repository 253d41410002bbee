/*
 * crypto_inventory.h - every cryptographic implementation in the target,
 * found on the shared walk and read from its bytes (never loaded or run).
 *
 * What it finds (one entry each, with path, version and how it was
 * identified):
 *  - OpenSSL libcrypto and libssl copies (version text, compiled-in
 *    OPENSSLDIR and MODULESDIR), OpenSSL FIPS providers (fips.so, with
 *    SHA-256), OpenSSL linked statically into other ELF files (version
 *    text in .rodata and no DT_NEEDED libcrypto);
 *  - other libraries by file name (BoringSSL, LibreSSL, AWS-LC, wolfSSL,
 *    libgcrypt, GnuTLS, Nettle, NSS softokn/freebl, mbedTLS, libsodium),
 *    with the version from their strings where one is printed there, else
 *    from the file name;
 *  - Go executables (build information: Go version, GOEXPERIMENT,
 *    GOFIPS140, DefaultGODEBUG; GODEBUG from the target's environment),
 *    counted as carrying cryptography when a crypto/ function name is in
 *    .gopclntab;
 *  - Java runtimes (conf/security/java.security or lib/security/..., the
 *    provider list in order after JAVA_TOOL_OPTIONS / JDK_JAVA_OPTIONS
 *    -Djava.security.properties overrides, bc-fips jars in the target);
 *  - Python's _ssl and _hashlib extension modules (which libcrypto they
 *    resolve to);
 *  - Node.js executables (shared or bundled OpenSSL; --enable-fips and
 *    --force-fips in NODE_OPTIONS).
 *
 * Algorithm families (crypto_parse.h sc_crypto_parse_alg bits), only
 * from evidence in the file: for libcrypto, fips.so, OpenSSL linked
 * statically and Node with OpenSSL linked in, the OpenSSL 3 provider
 * algorithm names lists and provider implementation source file names
 * in .rodata; for Go executables, function names in .gopclntab.  Other
 * implementations (Java, Python's modules, libssl, libgcrypt, ...) get
 * none: their binaries are not read for algorithms.
 *
 * Reachability: every ELF file's DT_NEEDED names are resolved as the
 * dynamic loader would (its DT_RUNPATH/DT_RPATH with $ORIGIN, then the
 * standard directories of probes/libcrypto.h) to files in the target.
 * Starting from executables (PT_INTERP or ET_EXEC, with an execute bit)
 * and, when a Python interpreter is present, Python extension modules,
 * an ELF file is reachable when a reachable one needs it.  fips.so is
 * loaded by libcrypto's configuration, not by DT_NEEDED: its reachability
 * is left to the caller.  Each entry says how it was decided.
 */
#ifndef SC_CRYPTO_INVENTORY_H
#define SC_CRYPTO_INVENTORY_H

#include <sys/types.h>

#include "probes/crypto_parse.h"
#include "target/target.h"
#include "util/err.h"
#include "walk/walk.h"

enum sc_crypto_kind {
	SC_CRYPTO_LIBCRYPTO,	/* OpenSSL libcrypto shared library */
	SC_CRYPTO_LIBSSL,	/* OpenSSL libssl */
	SC_CRYPTO_FIPS_PROVIDER,	/* OpenSSL fips.so */
	SC_CRYPTO_STATIC_OPENSSL,	/* OpenSSL inside another ELF file */
	SC_CRYPTO_OTHER_LIB,	/* a non-OpenSSL library */
	SC_CRYPTO_GO,		/* a Go executable */
	SC_CRYPTO_JAVA,		/* a Java runtime's security configuration */
	SC_CRYPTO_PYTHON,	/* Python _ssl / _hashlib */
	SC_CRYPTO_NODE,		/* a Node.js executable */
};

struct sc_crypto_entry {
	enum sc_crypto_kind kind;
	char *path;
	dev_t dev;		/* of the file, from the walk */
	ino_t ino;
	char *impl;		/* "OpenSSL", "libgcrypt", "Go", ... */
	char *version;		/* or NULL */
	char *how;		/* how it was identified */
	/* the ELF file's platform (sc_crypto_parse_platform; Java: its
	   bin/java's), or NULL when unknown; a static string */
	const char *platform;
	int reachable;		/* -1: not decided here (fips.so) */
	char *reach_how;	/* how reachability was decided */
	/* OpenSSL (libcrypto, static, Node bundled) */
	char *openssldir, *modulesdir;
	/* fips.so */
	char sha256[65];
	char *module_name;	/* "OpenSSL FIPS Provider" */
	/* the libcrypto this entry uses (libssl, Python, Node shared) */
	char *links;
	int awslc_fips;
	/* Go */
	struct sc_crypto_parse_go go;
	int go_crypto;		/* crypto/ functions are linked in */
	/* Java */
	struct sc_strv providers;	/* effective order */
	char *providers_how;
	struct sc_strv jars;		/* bc-fips jars in the target */
	/* Node */
	char *node_fips_flag;	/* "--force-fips" ... from NODE_OPTIONS */
	/* algorithm families found (sc_crypto_parse_alg bits), by evidence */
	uint64_t algs_names;	/* OpenSSL provider names lists in .rodata */
	uint64_t algs_files;	/* OpenSSL provider source names in .rodata */
	uint64_t algs_go;	/* Go function names in .gopclntab */
	char *error;		/* could not be read: why */
	char *share_key;	/* probes/filecache.h key of its strings, or NULL */
};

struct sc_crypto_inventory;

/* Register the walk visitor (prepare phase). */
struct sc_crypto_inventory *sc_crypto_inventory_new(void);
void sc_crypto_inventory_watch(struct sc_crypto_inventory *inv,
    struct sc_walk *w);

/*
 * After the walk: read every candidate, decide reachability, sort entries
 * by path.  Idempotent.  Never fails for unreadable files (entry->error).
 */
void sc_crypto_inventory_build(struct sc_crypto_inventory *inv,
    struct sc_target *t);

const struct sc_crypto_entry *sc_crypto_inventory_entries(
    const struct sc_crypto_inventory *inv, size_t *n);
/* Files the walk saw and the number of ELF files parsed. */
void sc_crypto_inventory_counts(const struct sc_crypto_inventory *inv,
    unsigned long *files, unsigned long *elfs);

void sc_crypto_inventory_free(struct sc_crypto_inventory *inv);

/* Whether target path names the entry's file (links followed). */
int sc_crypto_entry_is(struct sc_target *t, const struct sc_crypto_entry *e,
    const char *path);

const char *sc_crypto_kind_name(enum sc_crypto_kind k);

/*
 * How the entry's family `bit` was identified (a static string), or NULL
 * when the entry does not carry it.
 */
const char *sc_crypto_entry_alg_how(const struct sc_crypto_entry *e,
    unsigned bit);

#endif
