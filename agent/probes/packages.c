/*
 * packages.c - installed packages from apk, dpkg and rpm databases
 * (packages.h).
 */
#include "probes/packages.h"

#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/limits.h"
#include "util/mem.h"
#include "util/text.h"


struct sc_pkgdb {
	struct sc_package *p;
	size_t n, cap;
	struct sc_strv sources;
	struct sc_strv paths;		/* owns the strings sc_package.source */
};

struct sc_pkgdb *
sc_pkgdb_new(void)
{
	return sc_xcalloc(1, sizeof(struct sc_pkgdb));
}

void
sc_pkgdb_free(struct sc_pkgdb *db)
{
	if (db == NULL)
		return;
	for (size_t i = 0; i < db->n; i++) {
		free(db->p[i].name);
		free(db->p[i].version);
	}
	free(db->p);
	sc_strv_free(&db->sources);
	sc_strv_free(&db->paths);
	free(db);
}

size_t
sc_pkgdb_count(const struct sc_pkgdb *db)
{
	return db->n;
}

const struct sc_package *
sc_pkgdb_get(const struct sc_pkgdb *db, size_t i)
{
	return i < db->n ? &db->p[i] : NULL;
}

const struct sc_package *
sc_pkgdb_find(const struct sc_pkgdb *db, const char *name)
{
	for (size_t i = 0; i < db->n; i++)
		if (strcmp(db->p[i].name, name) == 0)
			return &db->p[i];
	return NULL;
}

const struct sc_strv *
sc_pkgdb_sources(const struct sc_pkgdb *db)
{
	return &db->sources;
}

static const char *
intern_path(struct sc_pkgdb *db, const char *path)
{
	long i = sc_strv_find(&db->paths, path);

	if (i < 0) {
		sc_strv_push(&db->paths, path);
		i = (long)db->paths.n - 1;
	}
	return db->paths.v[i];
}

static void
add(struct sc_pkgdb *db, const char *source, const char *name, size_t nlen,
    const char *ver, size_t vlen)
{
	SC_GROW(db->p, db->cap, db->n + 1);
	db->p[db->n].name = sc_xstrndup(name, nlen);
	db->p[db->n].version = sc_xstrndup(ver ? ver : "", ver ? vlen : 0);
	db->p[db->n].source = source;
	db->n++;
}

/* ---- apk ---------------------------------------------------------------------- */

int
sc_pkgdb_parse_apk(struct sc_pkgdb *db, const char *path, const char *text,
    size_t len, struct sc_err *err)
{
	const char *src = intern_path(db, path), *pos = text, *end = text + len;
	const char *line, *name = NULL, *ver = NULL;
	size_t l, nlen = 0, vlen = 0, before = db->n;

	(void)err;
	for (;;) {
		int more = sc_next_line(&pos, end, &line, &l);

		if (!more || l == 0) {	/* end of a record */
			if (name)
				add(db, src, name, nlen, ver, vlen);
			name = ver = NULL;
			if (!more)
				break;
			continue;
		}
		if (l > 2 && line[0] == 'P' && line[1] == ':') {
			name = line + 2;
			nlen = l - 2;
		} else if (l > 2 && line[0] == 'V' && line[1] == ':') {
			ver = line + 2;
			vlen = l - 2;
		}
	}
	sc_strv_push_owned(&db->sources, sc_xasprintf("%s (apk, %zu packages)",
	    path, db->n - before));
	return SC_OK;
}

/* ---- dpkg --------------------------------------------------------------------- */

static int
field(const char *line, size_t l, const char *key, const char **val,
    size_t *vlen)
{
	size_t k = strlen(key);

	if (l <= k || strncmp(line, key, k) != 0 || line[k] != ':')
		return 0;
	*val = line + k + 1;
	*vlen = l - k - 1;
	while (*vlen > 0 && (**val == ' ' || **val == '\t')) {
		(*val)++;
		(*vlen)--;
	}
	return 1;
}

/* "install ok installed" (and the half-done states that leave files) */
static int
status_installed(const char *v, size_t n)
{
	static const char *const ok[] = { " installed", " half-configured",
		" unpacked", " half-installed", " triggers-awaited",
		" triggers-pending", NULL };

	for (size_t i = 0; ok[i]; i++) {
		size_t k = strlen(ok[i]);
		if (n >= k && memcmp(v + n - k, ok[i], k) == 0)
			return 1;
	}
	return 0;
}

int
sc_pkgdb_parse_dpkg(struct sc_pkgdb *db, const char *path, const char *text,
    size_t len, int need_status, struct sc_err *err)
{
	const char *src = intern_path(db, path), *pos = text, *end = text + len;
	const char *line, *name = NULL, *ver = NULL, *v;
	size_t l, nlen = 0, vlen = 0, sl, before = db->n;
	int installed = !need_status;

	(void)err;
	for (;;) {
		int more = sc_next_line(&pos, end, &line, &l);

		if (!more || l == 0) {
			if (name && installed)
				add(db, src, name, nlen, ver, vlen);
			name = ver = NULL;
			installed = !need_status;
			if (!more)
				break;
			continue;
		}
		if (field(line, l, "Package", &v, &sl)) {
			name = v;
			nlen = sl;
		} else if (field(line, l, "Version", &v, &sl)) {
			ver = v;
			vlen = sl;
		} else if (field(line, l, "Status", &v, &sl)) {
			installed = status_installed(v, sl);
		}
	}
	if (need_status)
		sc_strv_push_owned(&db->sources, sc_xasprintf(
		    "%s (dpkg, %zu packages)", path, db->n - before));
	return SC_OK;
}

/* ---- rpm ---------------------------------------------------------------------- */

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

/* ---- rpm header tags (packages.h: sc_pkgdb_rpmhdr) ---------------------------- */

int
sc_pkgdb_rpmhdr_init(struct sc_pkgdb_rpmhdr *h, const unsigned char *blob,
    size_t len, struct sc_err *err)
{
	uint32_t il, dl;

	memset(h, 0, sizeof(*h));
	if (len < 8)
		return sc_err_set(err, SC_ERR_PARSE, "rpm header too short "
		    "(%zu bytes)", len);
	il = be32(blob);
	dl = be32(blob + 4);
	if (il == 0 || il > SC_LIMIT_RPM_HEADER_ENTRIES || dl > len ||
	    (size_t)il * 16 + dl + 8 > len)
		return sc_err_set(err, SC_ERR_PARSE, "rpm header with %u entries "
		    "and %u data bytes does not fit its %zu bytes", il, dl, len);
	h->index = blob + 8;
	h->data = blob + 8 + (size_t)il * 16;
	h->il = il;
	h->dl = dl;
	return SC_OK;
}

/* The index entry of tag: 1 found (type, offset, count), 0 absent. */
static int
hdr_find(const struct sc_pkgdb_rpmhdr *h, uint32_t tag, uint32_t *type,
    uint32_t *off, uint32_t *count)
{
	for (uint32_t i = 0; i < h->il; i++) {
		const unsigned char *e = h->index + (size_t)i * 16;

		if (be32(e) != tag)
			continue;
		*type = be32(e + 4);
		*off = be32(e + 8);
		*count = be32(e + 12);
		return 1;
	}
	return 0;
}

int
sc_pkgdb_rpmhdr_ints(const struct sc_pkgdb_rpmhdr *h, uint32_t tag,
    uint64_t **v, uint32_t *n, struct sc_err *err)
{
	uint32_t type, off, count;
	size_t w;

	*v = NULL;
	*n = 0;
	if (!hdr_find(h, tag, &type, &off, &count))
		return 0;
	switch (type) {
	case 1: case 2: w = 1; break;	/* CHAR, INT8 */
	case 3: w = 2; break;		/* INT16 */
	case 4: w = 4; break;		/* INT32 */
	case 5: w = 8; break;		/* INT64 */
	default:
		return sc_err_set(err, SC_ERR_PARSE, "rpm header tag %u: type %u "
		    "is not an integer type", tag, type);
	}
	if (count == 0 || off > h->dl || count > (h->dl - off) / w)
		return sc_err_set(err, SC_ERR_PARSE, "rpm header tag %u: %u "
		    "values at offset %u do not fit %u data bytes", tag, count,
		    off, h->dl);
	*v = sc_xcalloc(count, sizeof(**v));
	for (uint32_t i = 0; i < count; i++) {
		const unsigned char *p = h->data + off + (size_t)i * w;
		uint64_t x = 0;

		for (size_t b = 0; b < w; b++)
			x = x << 8 | p[b];
		(*v)[i] = x;
	}
	*n = count;
	return 1;
}

int
sc_pkgdb_rpmhdr_strs(const struct sc_pkgdb_rpmhdr *h, uint32_t tag,
    const char ***v, uint32_t *n, struct sc_err *err)
{
	uint32_t type, off, count;
	const unsigned char *p, *end = h->data + h->dl;

	*v = NULL;
	*n = 0;
	if (!hdr_find(h, tag, &type, &off, &count))
		return 0;
	if (type != 6 && type != 8 && type != 9)	/* STRING, ARRAY, I18N */
		return sc_err_set(err, SC_ERR_PARSE, "rpm header tag %u: type %u "
		    "is not a string type", tag, type);
	if (type == 6)
		count = 1;
	/* every string takes at least its NUL */
	if (count == 0 || off >= h->dl || count > h->dl - off)
		return sc_err_set(err, SC_ERR_PARSE, "rpm header tag %u: %u "
		    "strings at offset %u do not fit %u data bytes", tag, count,
		    off, h->dl);
	*v = sc_xcalloc(count, sizeof(**v));
	p = h->data + off;
	for (uint32_t i = 0; i < count; i++) {
		const unsigned char *z = p < end ?
		    memchr(p, '\0', (size_t)(end - p)) : NULL;

		if (z == NULL) {
			free(*v);
			*v = NULL;
			return sc_err_set(err, SC_ERR_PARSE, "rpm header tag %u: "
			    "string %u of %u is not terminated", tag, i + 1, count);
		}
		(*v)[i] = (const char *)p;
		p = z + 1;
	}
	*n = count;
	return 1;
}

int
sc_pkgdb_parse_rpm_header(struct sc_pkgdb *db, const char *path,
    const unsigned char *blob, size_t len, struct sc_err *err)
{
	const char *name = NULL, *ver = NULL, *rel = NULL;
	const unsigned char *data;
	uint32_t il, dl, epoch = 0;
	int has_epoch = 0;
	struct sc_buf v = SC_BUF_INIT;

	if (len < 8)
		return sc_err_set(err, SC_ERR_PARSE, "%s: rpm header too short",
		    path);
	il = be32(blob);
	dl = be32(blob + 4);
	if (il == 0 || il > SC_LIMIT_RPM_HEADER_ENTRIES || dl > len ||
	    (size_t)il * 16 + dl + 8 > len)
		return sc_err_set(err, SC_ERR_PARSE,
		    "%s: rpm header with %u entries and %u data bytes does not fit "
		    "its %zu bytes", path, il, dl, len);
	data = blob + 8 + (size_t)il * 16;
	for (uint32_t i = 0; i < il; i++) {
		const unsigned char *e = blob + 8 + (size_t)i * 16;
		uint32_t tag = be32(e), type = be32(e + 4), off = be32(e + 8);
		const char *s;

		if (off >= dl)
			continue;
		if (type == 6 /* STRING */ && (tag == 1000 || tag == 1001 ||
		    tag == 1002)) {
			s = (const char *)data + off;
			if (memchr(s, '\0', dl - off) == NULL)
				return sc_err_set(err, SC_ERR_PARSE,
				    "%s: unterminated string in rpm header", path);
			if (tag == 1000)
				name = s;
			else if (tag == 1001)
				ver = s;
			else
				rel = s;
		} else if (tag == 1003 && type == 4 /* INT32 */ && off + 4 <= dl) {
			epoch = be32(data + off);
			has_epoch = 1;
		}
	}
	if (name == NULL)
		return sc_err_set(err, SC_ERR_PARSE,
		    "%s: rpm header without a package name", path);
	sc_buf_reset(&v);
	if (has_epoch && epoch)
		sc_buf_addf(&v, "%u:", epoch);
	sc_buf_addf(&v, "%s%s%s", ver ? ver : "", rel ? "-" : "", rel ? rel : "");
	add(db, intern_path(db, path), name, strlen(name), v.data, v.len);
	sc_buf_free(&v);
	return SC_OK;
}

/* sqlite3 progress handler: stop a statement that outruns its budget. */
static int
rpm_budget(void *ctx)
{
	unsigned long *left = ctx;

	if (*left == 0)
		return 1;	/* SQLITE_INTERRUPT */
	(*left)--;
	return 0;
}

static int
header_into_db(void *ctx, const char *path, const unsigned char *blob,
    size_t len, struct sc_err *err)
{
	return sc_pkgdb_parse_rpm_header(ctx, path, blob, len, err);
}

int
sc_pkgdb_parse_rpm_sqlite(struct sc_pkgdb *db, const char *path,
    const unsigned char *data, size_t len, struct sc_err *err)
{
	size_t before = db->n;
	int r = sc_pkgdb_rpm_sqlite_each(path, data, len, header_into_db, db,
	    err);

	if (r == SC_OK)
		sc_strv_push_owned(&db->sources, sc_xasprintf(
		    "%s (rpm, %zu packages)", path, db->n - before));
	return r;
}

int
sc_pkgdb_rpm_sqlite_each(const char *path, const unsigned char *data,
    size_t len, sc_pkgdb_rpm_fn fn, void *ctx, struct sc_err *err)
{
	unsigned char *copy = NULL;
	sqlite3 *sq = NULL;
	sqlite3_stmt *st = NULL;
	unsigned long left = SC_LIMIT_RPM_SQLITE_STEPS;
	const unsigned char *type;
	int r, rc;

	if (len < 100 || memcmp(data, "SQLite format 3", 16) != 0) {
		r = sc_err_set(err, SC_ERR_PARSE, "%s is not an SQLite database",
		    path);
		goto out;
	}
	/*
	 * The database is never opened as a file: a private read-only copy in
	 * memory (nothing of it can be written, no journal or WAL is looked
	 * for).  A WAL-mode header cannot be used from memory: read it as
	 * legacy.
	 */
	if ((copy = sqlite3_malloc64(len)) == NULL) {
		r = sc_err_set(err, SC_ERR_NOMEM, "%s: out of memory", path);
		goto out;
	}
	memcpy(copy, data, len);
	copy[18] = copy[19] = 1;
	if (sqlite3_open_v2(":memory:", &sq, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK) {
		sqlite3_free(copy);
		r = sc_err_set(err, SC_ERR_PARSE, "%s: %s", path,
		    sq ? sqlite3_errmsg(sq) : "cannot open SQLite");
		goto out;
	}
	/* the schema is the target's: trust none of it, bound all work */
	sqlite3_db_config(sq, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(sq, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(sq, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
	sqlite3_db_config(sq, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
	sqlite3_progress_handler(sq, 1000, rpm_budget, &left);
	if (sqlite3_deserialize(sq, "main", copy, (sqlite3_int64)len,
	    (sqlite3_int64)len, SQLITE_DESERIALIZE_READONLY |
	    SQLITE_DESERIALIZE_FREEONCLOSE) != SQLITE_OK) {
		r = sc_err_set(err, SC_ERR_PARSE, "%s: %s", path,
		    sqlite3_errmsg(sq));
		goto out;
	}
	/* Packages must be a plain table, not a view or anything computed */
	if (sqlite3_prepare_v2(sq, "SELECT type FROM main.sqlite_schema "
	    "WHERE name = 'Packages' COLLATE NOCASE", -1, &st, NULL) !=
	    SQLITE_OK) {
		r = sc_err_set(err, SC_ERR_PARSE, "%s: %s", path,
		    sqlite3_errmsg(sq));
		goto out;
	}
	rc = sqlite3_step(st);
	type = rc == SQLITE_ROW ? sqlite3_column_text(st, 0) : NULL;
	if (type == NULL || strcmp((const char *)type, "table") != 0) {
		r = sc_err_set(err, SC_ERR_PARSE, "%s: Packages is %s%s, not a "
		    "table", path, type ? "a " : "missing",
		    type ? (const char *)type : "");
		goto out;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (sqlite3_prepare_v2(sq, "SELECT blob FROM main.Packages", -1, &st,
	    NULL) != SQLITE_OK) {
		r = sc_err_set(err, SC_ERR_PARSE, "%s: %s", path,
		    sqlite3_errmsg(sq));
		goto out;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *b = sqlite3_column_blob(st, 0);
		int n = sqlite3_column_bytes(st, 0);

		if (b == NULL || n <= 0)
			continue;
		if ((r = fn(ctx, path, b, (size_t)n, err)) < 0)
			goto out;
	}
	if (rc == SQLITE_INTERRUPT || left == 0) {
		r = sc_err_set(err, SC_ERR_TOOBIG, "%s: reading the database "
		    "needs more than %lu,000 SQLite steps (the cap); stopped",
		    path, (unsigned long)SC_LIMIT_RPM_SQLITE_STEPS);
		goto out;
	}
	if (rc != SQLITE_DONE) {
		r = sc_err_set(err, SC_ERR_PARSE, "%s: %s", path,
		    sqlite3_errmsg(sq));
		goto out;
	}
	r = SC_OK;
out:
	sqlite3_finalize(st);
	sqlite3_close(sq);
	return r;
}

/* One rpm database visit: into a package list (db) or blob by blob (fn). */
struct rpm_visit {
	struct sc_pkgdb *db;
	sc_pkgdb_rpm_fn fn;
	void *ctx;
};

static int
load_rpm_sqlite(struct rpm_visit *v, struct sc_target *t, const char *path,
    struct sc_err *err)
{
	struct sc_buf file = SC_BUF_INIT;
	int r;

	if ((r = sc_target_read_file(t, path, SC_LIMIT_RPM_SQLITE_BYTES, &file,
	    NULL, err)) == 0)
		r = v->db ? sc_pkgdb_parse_rpm_sqlite(v->db, path,
		    (const unsigned char *)file.data, file.len, err) :
		    sc_pkgdb_rpm_sqlite_each(path,
		    (const unsigned char *)file.data, file.len, v->fn, v->ctx,
		    err);
	sc_buf_free(&file);
	return r;
}

/* ---- discovery ---------------------------------------------------------------- */

static int
exists(struct sc_target *t, const char *path)
{
	struct stat st;

	return sc_target_lstat(t, path, &st, NULL) == 0;
}

static int
load_text(struct sc_pkgdb *db, struct sc_target *t, const char *path,
    int kind, struct sc_err *err)
{
	struct sc_buf b = SC_BUF_INIT;
	int r;

	if ((r = sc_target_read_file(t, path, SC_LIMIT_PKGDB_TEXT_BYTES, &b, NULL, err)) == 0)
		r = kind == 0 ? sc_pkgdb_parse_apk(db, path, b.data, b.len, err) :
		    sc_pkgdb_parse_dpkg(db, path, b.data, b.len, kind == 1, err);
	sc_buf_free(&b);
	return r;
}

/* The rpmdb.sqlite databases of the target, each visited once. */
static int
rpm_walk(struct sc_target *t, struct rpm_visit *v, struct sc_err *err)
{
	static const char *const rpmdirs[] = { "/var/lib/rpm",
		"/usr/lib/sysimage/rpm", NULL };
	struct stat a, b;
	int r;

	for (size_t i = 0; rpmdirs[i]; i++) {
		char *sq = sc_xasprintf("%s/rpmdb.sqlite", rpmdirs[i]);
		char *bdb = sc_xasprintf("%s/Packages", rpmdirs[i]);
		char *ndb = sc_xasprintf("%s/Packages.db", rpmdirs[i]);

		r = 0;
		if (i == 1 && sc_target_stat(t, rpmdirs[0], &a, NULL) == 0 &&
		    sc_target_stat(t, rpmdirs[1], &b, NULL) == 0 &&
		    a.st_dev == b.st_dev && a.st_ino == b.st_ino)
			;	/* the same directory twice */
		else if (exists(t, sq))
			r = load_rpm_sqlite(v, t, sq, err);
		else if (exists(t, bdb) || exists(t, ndb))
			r = sc_err_set(err, SC_ERR_UNSUPPORTED,
			    "%s: this rpm database format (Berkeley DB or NDB) is "
			    "not supported; only rpmdb.sqlite is",
			    exists(t, bdb) ? bdb : ndb);
		free(sq);
		free(bdb);
		free(ndb);
		if (r < 0)
			return r;
	}
	return SC_OK;
}

int
sc_pkgdb_rpm_each(struct sc_target *t, sc_pkgdb_rpm_fn fn, void *ctx,
    struct sc_err *err)
{
	struct rpm_visit v = { NULL, fn, ctx };

	return rpm_walk(t, &v, err);
}

int
sc_pkgdb_load(struct sc_pkgdb **out, struct sc_target *t, struct sc_err *err)
{
	static const char *const apk[] = { "/usr/lib/apk/db/installed",
		"/lib/apk/db/installed", NULL };
	struct sc_pkgdb *db = sc_pkgdb_new();
	struct stat a, b;
	int r;

	*out = NULL;
	for (size_t i = 0; apk[i]; i++) {
		if (!exists(t, apk[i]))
			continue;
		/* /lib may be a link to /usr/lib: read one database once */
		if (i == 1 && sc_target_stat(t, apk[0], &a, NULL) == 0 &&
		    sc_target_stat(t, apk[1], &b, NULL) == 0 &&
		    a.st_dev == b.st_dev && a.st_ino == b.st_ino)
			continue;
		if ((r = load_text(db, t, apk[i], 0, err)) < 0)
			goto fail;
	}
	if (exists(t, "/var/lib/dpkg/status") &&
	    (r = load_text(db, t, "/var/lib/dpkg/status", 1, err)) < 0)
		goto fail;
	{
		struct sc_strv names = SC_STRV_INIT;
		size_t before = db->n;

		if (sc_target_list_dir(t, "/var/lib/dpkg/status.d", &names,
		    NULL) == 0) {
			for (size_t i = 0; i < names.n; i++) {
				char *p = sc_xasprintf("/var/lib/dpkg/status.d/%s",
				    names.v[i]);

				/* *.md5sums files sit beside the records */
				if (strchr(names.v[i], '.') == NULL)
					r = load_text(db, t, p, 2, err);
				else
					r = 0;
				free(p);
				if (r < 0) {
					sc_strv_free(&names);
					goto fail;
				}
			}
			sc_strv_push_owned(&db->sources, sc_xasprintf(
			    "/var/lib/dpkg/status.d (dpkg, %zu packages)",
			    db->n - before));
		}
		sc_strv_free(&names);
	}
	{
		struct rpm_visit v = { db, NULL, NULL };

		if ((r = rpm_walk(t, &v, err)) < 0)
			goto fail;
	}
	*out = db;
	return SC_OK;
fail:
	sc_pkgdb_free(db);
	return r;
}

struct cached {
	struct sc_pkgdb *db;
	int code;
	char *msg;
};

static void
cached_free(void *p)
{
	struct cached *c = p;

	if (c == NULL)
		return;
	sc_pkgdb_free(c->db);
	free(c->msg);
	free(c);
}

int
sc_pkgdb_cached(const struct sc_pkgdb **out, struct sc_target *t,
    struct sc_err *err)
{
	struct cached *c = sc_target_cache_get(t, "packages");

	if (c == NULL) {
		struct sc_err e2 = SC_ERR_INIT;

		c = sc_xcalloc(1, sizeof(*c));
		c->code = sc_pkgdb_load(&c->db, t, &e2);
		c->msg = sc_xstrdup(e2.msg);
		sc_target_cache_put(t, "packages", c, cached_free);
	}
	*out = c->db;
	if (c->code < 0)
		return sc_err_set(err, c->code, "%s", c->msg);
	return SC_OK;
}
