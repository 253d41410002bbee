/*
 * provenance.h - what produced a set of results: the scanner binary, the
 * command line, the content and every input file, by SHA-256.
 *
 * A scan records these as target facts of its TestResult
 * (sc_provenance_add_facts), so XCCDF, ARF and every writer carry them and
 * `stigcheck report --from` finds them again; an evidence directory's
 * manifest.json repeats them (agent/evidence.h).  Fact names:
 *
 *   urn:stigcheck:fact:scanner:sha256        SHA-256 of /proc/self/exe
 *   urn:stigcheck:fact:command-line          the arguments, shell-quoted
 *                                            (only when command_line_fact
 *                                            is set: it names output files,
 *                                            so two otherwise identical
 *                                            scans would differ)
 *   urn:stigcheck:fact:content:file          content path ("built-in:NAME")
 *   urn:stigcheck:fact:content:sha256        of the content bytes
 *   urn:stigcheck:fact:tailoring:sha256      when --tailoring-file is used
 *   urn:stigcheck:fact:tailoring:file
 *   urn:stigcheck:fact:reviews:sha256        when --reviews is used
 *   urn:stigcheck:fact:reviews:file          (SHA-256 of the bytes parsed)
 *
 * The command line is the arguments only; the environment of the scanning
 * process is never recorded.  Inputs are host files given by the user;
 * each is read through one open fd, capped at SC_PROVENANCE_FILE_MAX.
 */
#ifndef SC_PROVENANCE_H
#define SC_PROVENANCE_H

#include <stddef.h>

#include "util/err.h"
#include "util/mem.h"
#include "xccdf/result.h"

#define SC_SHA256_HEX 65		/* 64 hex digits and a NUL */
#define SC_PROVENANCE_FILE_MAX (1ull << 32)	/* 4 GiB */

/* Facts (and manifest keys) this module writes. */
#define SC_FACT_SCANNER_SHA256	"urn:stigcheck:fact:scanner:sha256"
#define SC_FACT_COMMAND_LINE	"urn:stigcheck:fact:command-line"
#define SC_FACT_CONTENT_FILE	"urn:stigcheck:fact:content:file"
#define SC_FACT_CONTENT_SHA256	"urn:stigcheck:fact:content:sha256"
#define SC_FACT_TAILORING_FILE	"urn:stigcheck:fact:tailoring:file"
#define SC_FACT_TAILORING_SHA256 "urn:stigcheck:fact:tailoring:sha256"
#define SC_FACT_REVIEWS_FILE	"urn:stigcheck:fact:reviews:file"
#define SC_FACT_REVIEWS_SHA256	"urn:stigcheck:fact:reviews:sha256"

struct sc_provenance {
	char scanner_sha256[SC_SHA256_HEX];
	struct sc_strv argv;		/* argv[0..argc-1], copied */
	int command_line_fact;		/* add it to the results too */
	char *content_file;		/* path, or "built-in:NAME" */
	char content_sha256[SC_SHA256_HEX];
	char *tailoring_file;		/* NULL: none */
	char tailoring_sha256[SC_SHA256_HEX];
	char *reviews_file;		/* NULL: none */
	char reviews_sha256[SC_SHA256_HEX];
};

/* Hash /proc/self/exe and copy argv. */
int sc_provenance_init(struct sc_provenance *p, int argc, char **argv,
    struct sc_err *err);
void sc_provenance_free(struct sc_provenance *p);

/* Record the content: a file (path) or built-in bytes (path NULL). */
int sc_provenance_set_content(struct sc_provenance *p, const char *path,
    const void *builtin, size_t len, const char *builtin_name,
    struct sc_err *err);
int sc_provenance_set_tailoring(struct sc_provenance *p, const char *path,
    struct sc_err *err);

/* Record the reviews file by the hash of the bytes that were parsed. */
void sc_provenance_set_reviews(struct sc_provenance *p, const char *path,
    const char *sha256_hex);

/* Add the facts above to tr. */
/* Only the reviews facts, replacing any tr has (report --from --reviews). */
void sc_provenance_add_reviews_facts(const struct sc_provenance *p,
    struct sc_testresult *tr);
void sc_provenance_add_facts(const struct sc_provenance *p,
    struct sc_testresult *tr);

/* The arguments as one shell-quoted line (malloc'd). */
char *sc_provenance_command_line(const struct sc_strv *argv);

/*
 * SHA-256 of a host file (regular files only, read through one fd, at most
 * max bytes) as hex into hex[SC_SHA256_HEX]; *size (optional) gets its
 * size.  Errors name the file.
 */
int sc_provenance_hash_file(const char *path, unsigned long long max,
    char *hex, unsigned long long *size, struct sc_err *err);
/* The same for a regular file fd already opened (name for messages). */
int sc_provenance_hash_fd(int fd, const char *name, unsigned long long max,
    char *hex, unsigned long long *size, struct sc_err *err);
/* SHA-256 of bytes in memory. */
void sc_provenance_hash_mem(const void *data, size_t len, char *hex);

#endif
