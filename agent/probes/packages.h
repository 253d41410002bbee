/*
 * packages.h - the target's installed packages, whatever its package
 * manager.
 *
 * Reads, through the target (never the host):
 *   apk   /lib/apk/db/installed, /usr/lib/apk/db/installed (Alpine, Wolfi)
 *         records separated by blank lines, P:name and V:version
 *   dpkg  /var/lib/dpkg/status (Status: install ok installed) and, for
 *         distroless images, /var/lib/dpkg/status.d/<name> files
 *   rpm   rpmdb.sqlite under /var/lib/rpm or /usr/lib/sysimage/rpm, read
 *         from memory (sqlite3_deserialize, read-only: nothing is opened
 *         by host path, nothing written); name, epoch, version, release
 *         from each header blob.  The Berkeley DB (Packages) and NDB
 *         (Packages.db) formats are reported as unsupported.
 *
 * Every database found is loaded (an image can carry two); a database
 * that exists but cannot be read or parsed is an error with the reason.
 * Finding none is not an error: sc_pkgdb_count() is then 0 and
 * sc_pkgdb_sources() empty.
 */
#ifndef SC_PACKAGES_H
#define SC_PACKAGES_H

#include <stddef.h>
#include <stdint.h>

#include "target/target.h"
#include "util/err.h"

struct sc_package {
	char *name;
	char *version;		/* "1.2.3-r0", "2:1.2-3", "1.2-3.el9" */
	const char *source;	/* the database it came from (borrowed) */
};

struct sc_pkgdb;

int sc_pkgdb_load(struct sc_pkgdb **out, struct sc_target *t,
    struct sc_err *err);
/*
 * The same, loaded once per target and kept in the target's cache (the
 * database is owned by the target: do not free it).  A load error is
 * remembered and returned again with the same message.
 */
int sc_pkgdb_cached(const struct sc_pkgdb **out, struct sc_target *t,
    struct sc_err *err);
void sc_pkgdb_free(struct sc_pkgdb *db);

size_t sc_pkgdb_count(const struct sc_pkgdb *db);
const struct sc_package *sc_pkgdb_get(const struct sc_pkgdb *db, size_t i);
/* The first installed package with this exact name, or NULL. */
const struct sc_package *sc_pkgdb_find(const struct sc_pkgdb *db,
    const char *name);
/* The databases read, as "path (format, N packages)" strings. */
const struct sc_strv *sc_pkgdb_sources(const struct sc_pkgdb *db);

/* Exposed for unit tests: parse one database's text into db. */
int sc_pkgdb_parse_apk(struct sc_pkgdb *db, const char *path,
    const char *text, size_t len, struct sc_err *err);
int sc_pkgdb_parse_dpkg(struct sc_pkgdb *db, const char *path,
    const char *text, size_t len, int need_status, struct sc_err *err);
/* Parse an rpm header blob (as stored in rpmdb.sqlite). */
int sc_pkgdb_parse_rpm_header(struct sc_pkgdb *db, const char *path,
    const unsigned char *blob, size_t len, struct sc_err *err);
/*
 * Parse an rpmdb.sqlite image held in memory (what the scan reads from
 * the target, and what the fuzz harness feeds).  The bytes are copied
 * into a read-only in-memory database; views, triggers and untrusted
 * schema functions are off, Packages must be a table, and the work is
 * bounded by SC_LIMIT_RPM_SQLITE_STEPS (limits.h): a database that
 * outruns it is SC_ERR_TOOBIG.
 */
int sc_pkgdb_parse_rpm_sqlite(struct sc_pkgdb *db, const char *path,
    const unsigned char *data, size_t len, struct sc_err *err);
struct sc_pkgdb *sc_pkgdb_new(void);

/* ---- rpm headers, tag by tag (for rpm's per-file data) ---- */

/*
 * One rpm header blob as stored in rpmdb.sqlite (the bytes are borrowed,
 * not copied): index entries and data store.  Every read below checks
 * offsets and counts against the blob's own sizes, so a truncated or
 * hostile blob is an SC_ERR_PARSE error, never a read outside it.
 */
struct sc_pkgdb_rpmhdr {
	const unsigned char *index, *data;
	uint32_t il, dl;		/* index entries, data bytes */
};

/* Check the blob's two sizes against len and set h up. */
int sc_pkgdb_rpmhdr_init(struct sc_pkgdb_rpmhdr *h, const unsigned char *blob,
    size_t len, struct sc_err *err);
/*
 * The integer values of tag (CHAR, INT8, INT16, INT32 or INT64), as a
 * new array in *v (free it) of *n values.  1 found, 0 absent (*v NULL),
 * SC_ERR_PARSE when the tag is not an integer type or does not fit.
 */
int sc_pkgdb_rpmhdr_ints(const struct sc_pkgdb_rpmhdr *h, uint32_t tag,
    uint64_t **v, uint32_t *n, struct sc_err *err);
/*
 * The strings of tag (STRING: one; STRING_ARRAY, I18NSTRING: count),
 * pointing into the blob, as a new array in *v (free the array only).
 * 1 found, 0 absent, SC_ERR_PARSE when not a string type, or a string
 * is not NUL-terminated inside the data store.
 */
int sc_pkgdb_rpmhdr_strs(const struct sc_pkgdb_rpmhdr *h, uint32_t tag,
    const char ***v, uint32_t *n, struct sc_err *err);

/* Called once per header blob of an rpm database; < 0 stops the walk. */
typedef int (*sc_pkgdb_rpm_fn)(void *ctx, const char *path,
    const unsigned char *blob, size_t len, struct sc_err *err);
/*
 * Each header blob of the target's rpmdb.sqlite databases (found and read
 * as sc_pkgdb_load does; a Berkeley DB or NDB database is
 * SC_ERR_UNSUPPORTED).  No database: fn is never called, SC_OK.
 */
int sc_pkgdb_rpm_each(struct sc_target *t, sc_pkgdb_rpm_fn fn, void *ctx,
    struct sc_err *err);
/* The same over an rpmdb.sqlite image in memory (bounded as below). */
int sc_pkgdb_rpm_sqlite_each(const char *path, const unsigned char *data,
    size_t len, sc_pkgdb_rpm_fn fn, void *ctx, struct sc_err *err);

#endif
