/*
 * crypto_parse.h - the byte scanners behind the crypto inventory
 * (crypto_inventory.h), separate so they can be tested on bytes in memory.
 * Every input is hostile: lengths and counts are capped, offsets checked
 * against the size given, and a malformed input yields "not recognised",
 * never a crash.
 *
 *  - ELF: class, whether it is an executable (has PT_INTERP), its
 *    DT_NEEDED names, DT_SONAME, DT_RUNPATH (or DT_RPATH), and where its
 *    .rodata, .go.buildinfo and .gopclntab sections are.  Read through a
 *    callback so a caller can read a few header bytes of a large file.
 *  - strings: one printable string (as `strings` prints them) sorted into
 *    marks: OpenSSL's version text and compiled-in directories,
 *    LibreSSL, BoringSSL, AWS-LC (and its FIPS build), wolfSSL, a Go
 *    package path under crypto/.
 *  - Go build information (the .go.buildinfo blob, Go 1.18 and later):
 *    the Go version and the build settings (GOEXPERIMENT, CGO_ENABLED,
 *    GOFIPS140, DefaultGODEBUG).
 *  - GODEBUG values: what fips140 is set to.
 *  - Java security properties (java.security, or a file named by
 *    -Djava.security.properties): the security.provider.N list in order.
 *  - algorithm families (AES, SHA-2, ML-KEM, ...) from evidence in one
 *    string: an OpenSSL 3 provider's algorithm names list
 *    ("SHA2-256:SHA-256:SHA256:2.16.840.1.101.3.4.2.1") or the source
 *    file name of a provider implementation compiled into the binary
 *    ("../providers/implementations/macs/hmac_prov.c", which ERR_raise
 *    records); a Go function name in .gopclntab ("crypto/sha256.New").
 *    Never from a name alone ("HMAC", "MD5"): fips.so carries such names
 *    in code it shares with the default provider without offering them.
 */
#ifndef SC_CRYPTO_PARSE_H
#define SC_CRYPTO_PARSE_H

#include <stddef.h>
#include <stdint.h>

#include "util/mem.h"

#define SC_CRYPTO_PARSE_MAX_NEEDED 256
#define SC_CRYPTO_PARSE_MAX_STR 4096
#define SC_CRYPTO_PARSE_MAX_PROVIDERS 64

/* ---- ELF ------------------------------------------------------------------- */

/* Read n bytes at off into buf; 0 when all were read, <0 otherwise. */
typedef int (*sc_crypto_parse_read_fn)(void *ctx, uint64_t off, void *buf,
    size_t n);

struct sc_crypto_parse_section {
	uint64_t off, size;	/* file offset and size; size 0: absent */
};

struct sc_crypto_parse_elf {
	int bits;			/* 32 or 64 */
	int le;				/* little-endian */
	unsigned machine;		/* e_machine (EM_X86_64 ...) */
	int is_exec;			/* PT_INTERP, or ET_EXEC (static) */
	struct sc_strv needed;		/* DT_NEEDED, in order */
	char *soname;			/* DT_SONAME, or NULL */
	char *runpath;			/* DT_RUNPATH, else DT_RPATH, or NULL */
	struct sc_crypto_parse_section rodata, gobuildinfo, gopclntab;
};

/*
 * Parse an ELF file of `size` bytes.  0 on success; -1 when it is not an
 * ELF file or is malformed (out is then cleared).  Call
 * sc_crypto_parse_elf_clear afterwards either way.
 */
int sc_crypto_parse_elf(sc_crypto_parse_read_fn rd, void *ctx, uint64_t size,
    struct sc_crypto_parse_elf *out);
int sc_crypto_parse_elf_mem(const void *p, size_t n,
    struct sc_crypto_parse_elf *out);
void sc_crypto_parse_elf_clear(struct sc_crypto_parse_elf *e);

/*
 * The platform the ELF file was built for, named as CycloneDX 1.6's
 * implementationPlatform names it: "x86_64", "x86_32", "armv8-a"
 * (AArch64), "armv7-a" (32-bit ARM), "s390x", "ppc64", "ppc64le", else
 * "other".  A static string.
 */
const char *sc_crypto_parse_platform(const struct sc_crypto_parse_elf *e);

/* ---- strings ----------------------------------------------------------------- */

struct sc_crypto_parse_marks {
	char *openssl_version;	/* "OpenSSL 3.0.15 3 Sep 2024" */
	char *openssldir;	/* OPENSSLDIR: "..." */
	char *modulesdir;	/* MODULESDIR: "..." */
	char *libressl;		/* "LibreSSL 3.8.2" */
	char *awslc;		/* "AWS-LC 1.2.3" or "AWS-LC FIPS 2.0.0" */
	int awslc_fips;
	int boringssl;		/* the string "BoringSSL" */
	char *wolfssl;		/* "wolfSSL ..." version banner, or NULL */
	int go_crypto;		/* a Go function name under crypto/ */
	int node;		/* Node.js option strings (--force-fips) */
	/* algorithm families (bits of sc_crypto_parse_alg) */
	uint64_t ossl_names;	/* OpenSSL provider algorithm names lists */
	uint64_t ossl_files;	/* OpenSSL provider implementation sources */
	uint64_t go_algs;	/* Go function names */
};

/* Sort one printable string into the marks (the first of a kind wins). */
void sc_crypto_parse_string(struct sc_crypto_parse_marks *m, const char *s);
/* All strings of a byte range (tests, small files). */
void sc_crypto_parse_strings_mem(struct sc_crypto_parse_marks *m,
    const void *p, size_t n);
void sc_crypto_parse_marks_clear(struct sc_crypto_parse_marks *m);

/* "OpenSSL 3.0.15 3 Sep 2024" or "OpenSSL 1.1.1w  11 Sep 2023": 1 if so. */
int sc_crypto_parse_is_openssl_version(const char *s);

/* ---- Go build information ----------------------------------------------------- */

struct sc_crypto_parse_go {
	char *version;		/* "go1.19.8" */
	char *path;		/* main package path, or NULL */
	char *goexperiment;	/* build GOEXPERIMENT=..., or NULL */
	char *cgo;		/* build CGO_ENABLED=..., or NULL */
	char *gofips140;	/* build GOFIPS140=..., or NULL */
	char *default_godebug;	/* build DefaultGODEBUG=..., or NULL */
	int boringcrypto;	/* GOEXPERIMENT or the version names it */
};

/*
 * Parse the .go.buildinfo bytes (starting at "\xff Go buildinf:").  0 on
 * success; -1 when the magic is missing or the blob is malformed; -2 for
 * the pre-1.18 layout (pointers, not inline strings), which is not read.
 */
int sc_crypto_parse_go(const void *p, size_t n, struct sc_crypto_parse_go *g);
void sc_crypto_parse_go_clear(struct sc_crypto_parse_go *g);

/*
 * The value of setting `key` in a GODEBUG string ("a=1,fips140=on"): the
 * last one wins, as in Go.  Returns a new string or NULL.
 */
char *sc_crypto_parse_godebug(const char *godebug, const char *key);

/* ---- Java security properties ---------------------------------------------------- */

struct sc_crypto_parse_java {
	/* providers[i] is security.provider.(i+1), NULL where unset */
	char *providers[SC_CRYPTO_PARSE_MAX_PROVIDERS];
	/* security.overridePropertiesFile is "true" (any case), as the JDK
	   requires before it reads -Djava.security.properties */
	int override_allowed;
};

/*
 * Apply a properties file (Java's syntax: key=value, key:value or
 * key value; # and ! comments; backslash continuations and escapes) to j:
 * each security.provider.N sets slot N, security.overridePropertiesFile
 * sets override_allowed.  replace (a "==" override) clears every slot
 * first.
 */
void sc_crypto_parse_java(struct sc_crypto_parse_java *j, const char *text,
    size_t n, int replace);
void sc_crypto_parse_java_clear(struct sc_crypto_parse_java *j);

/*
 * The file named by -Djava.security.properties in JAVA_TOOL_OPTIONS-style
 * text: a new string, *replace set for "==".  NULL when absent.
 */
char *sc_crypto_parse_java_override(const char *opts, int *replace);

/* ---- algorithm families --------------------------------------------------------- */

struct sc_crypto_alg {
	const char *name;	/* "SHA-2" */
	const char *primitive;	/* CycloneDX 1.6 algorithmProperties.primitive */
	/* CycloneDX 1.6 cryptoFunctions where clear, space-separated, or "" */
	const char *functions;
};

/* The family of bit i of an algorithm set, or NULL past the last (< 64). */
const struct sc_crypto_alg *sc_crypto_parse_alg(unsigned i);
/* The bit of the family called name, or -1. */
int sc_crypto_parse_alg_find(const char *name);

/*
 * Families one printable string of an OpenSSL binary's read-only data
 * shows: *names for a provider algorithm names list (at least one ':',
 * only name characters, a first name stigcheck knows), *files for a
 * provider implementation source file name.  Strings longer than
 * SC_CRYPTO_PARSE_MAX_STR show nothing.
 */
void sc_crypto_parse_ossl_algs(const char *s, uint64_t *names,
    uint64_t *files);
/* Families one Go function name shows ("crypto/aes.NewCipher"), or 0. */
uint64_t sc_crypto_parse_go_algs(const char *s);

#endif
