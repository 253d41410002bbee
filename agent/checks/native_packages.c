/*
 * native_packages.c - package kinds.
 *
 * <sc:packages forbid="NAME,NAME,GLOB*" what="remote-access service"
 *              missing="notchecked"/>
 *	fails when any named package is installed, whatever the package
 *	manager (probes/packages.h: apk, dpkg, rpm).  Names are exact or
 *	fnmatch globs.  missing: the result when the target has no package
 *	database at all (pass | fail | error | notchecked; default
 *	notchecked: nothing can be said).
 *
 * <sc:package_sources/>
 *	package sources use https and signature checking is not turned off:
 *	apk   every line of /etc/apk/repositories is an https:// URL (a local
 *	      path or http:// fails, as in Chainguard's check) and
 *	      /etc/apk/keys holds at least one key;
 *	apt   sources.list and the .list and .sources files of
 *	      sources.list.d use https://
 *	      URIs and no [trusted=yes] / Trusted: yes; apt.conf(.d) does not
 *	      set AllowUnauthenticated, AllowInsecureRepositories or
 *	      AllowDowngradeToInsecureRepositories;
 *	dnf/yum  every enabled repository in the .repo files of
 *	      /etc/yum.repos.d has
 *	      gpgcheck on (its own setting, else [main] of dnf.conf/yum.conf)
 *	      and https:// baseurl/mirrorlist/metalink.
 *	A target with none of these has nothing that installs from a
 *	repository: pass, said so.
 */
#include <fnmatch.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "checks/native.h"
#include "probes/packages.h"
#include "util/mem.h"
#include "util/text.h"

#define CONF_MAX (4u << 20)

/* ---- <packages> --------------------------------------------------------------- */

enum { MISS_PASS, MISS_FAIL, MISS_ERROR, MISS_NOTCHECKED };

struct pkg_test {
	struct sc_strv forbid;
	char *what;
	int missing;
};

static const char *const pkg_attrs[] = { "forbid", "what", "missing", NULL };
static const char *const pkg_required[] = { "forbid", NULL };
static const char *const missing_names[] = { "pass", "fail", "error",
	"notchecked", NULL };

static void
pkg_free(void *p)
{
	struct pkg_test *t = p;

	if (t == NULL)
		return;
	sc_strv_free(&t->forbid);
	free(t->what);
	free(t);
}

static int
pkg_parse(xmlNodePtr n, void **out, struct sc_err *err)
{
	struct pkg_test *t = sc_xcalloc(1, sizeof(*t));
	char *v = sc_xml_attr(n, "forbid");
	int r;

	for (char *tok = strtok(v, ", \t\n"); tok; tok = strtok(NULL, ", \t\n"))
		sc_strv_push(&t->forbid, tok);
	free(v);
	if (t->forbid.n == 0) {
		r = sc_err_set(err, SC_ERR_PARSE, "<packages>: forbid is empty");
		goto fail;
	}
	if ((r = sc_native_attr_enum(n, "missing", missing_names,
	    MISS_NOTCHECKED, &t->missing, err)) < 0)
		goto fail;
	t->what = sc_xml_attr(n, "what");
	if (t->what == NULL)
		t->what = sc_xstrdup("forbidden package");
	*out = t;
	return SC_OK;
fail:
	pkg_free(t);
	return r;
}

static enum sc_result
pkg_eval(void *p, struct sc_scan_ctx *ctx, struct sc_rule_result *rr)
{
	static const enum sc_result miss[] = { SC_RESULT_PASS, SC_RESULT_FAIL,
		SC_RESULT_ERROR, SC_RESULT_NOTCHECKED };
	struct pkg_test *t = p;
	const struct sc_pkgdb *db;
	const struct sc_strv *src;
	struct sc_err err = SC_ERR_INIT;
	struct sc_buf b = SC_BUF_INIT;
	unsigned long found = 0;

	if (sc_pkgdb_cached(&db, ctx->target, &err) < 0) {
		sc_rr_add(rr, SC_MSG_ERROR, err.msg);
		return SC_RESULT_ERROR;
	}
	src = sc_pkgdb_sources(db);
	if (src->n == 0) {
		sc_rr_addf(rr, t->missing == MISS_PASS ? SC_MSG_INFO :
		    SC_MSG_WARNING, "no package database found (apk, dpkg or rpm): "
		    "installed packages cannot be listed");
		return miss[t->missing];
	}
	for (size_t i = 0; i < sc_pkgdb_count(db); i++) {
		const struct sc_package *pk = sc_pkgdb_get(db, i);

		for (size_t k = 0; k < t->forbid.n; k++) {
			if (fnmatch(t->forbid.v[k], pk->name, 0) != 0)
				continue;
			sc_rr_addf(rr, SC_MSG_ERROR, "%s: %s %s is installed (%s)",
			    pk->source, pk->name, pk->version, t->what);
			found++;
			break;
		}
	}
	sc_buf_reset(&b);
	for (size_t i = 0; i < src->n; i++)
		sc_buf_addf(&b, "%s%s", i ? "; " : "", src->v[i]);
	if (found) {
		sc_rr_addf(rr, SC_MSG_ERROR, "%lu %s package%s installed (%s)",
		    found, t->what, found == 1 ? "" : "s", b.data);
		sc_buf_free(&b);
		return SC_RESULT_FAIL;
	}
	sc_rr_addf(rr, SC_MSG_INFO, "%s: no %s installed (looked for %zu names)",
	    b.data, t->what, t->forbid.n);
	sc_buf_free(&b);
	return SC_RESULT_PASS;
}

const struct sc_native_kind sc_native_packages_kind = {
	.name = "packages",
	.attrs = pkg_attrs,
	.required = pkg_required,
	.parse = pkg_parse,
	.prepare = NULL,
	.eval = pkg_eval,
	.free = pkg_free,
	.summary = "named packages are not installed (apk, dpkg, rpm)",
};

/* ---- <programs> ---------------------------------------------------------------- */

/*
 * <sc:programs forbid="telnet,ftp,..." what="clear-text login tool"/>
 *	fails when a program of a forbidden name is on the target's PATH:
 *	each directory of the target's own PATH (its environment) and the
 *	standard ones (/bin, /sbin, /usr/bin, /usr/sbin, /usr/local/bin,
 *	/usr/local/sbin) is listed, and an entry of that name that is, or
 *	links to, an executable regular file is a finding (a busybox applet
 *	link counts: it is the tool).  Unlike a fixed path list this finds
 *	/usr/local/bin/telnet, and it needs no package database.
 */
/* a <programs> test is a pkg_test whose `missing` is unused */
static const char *const prog_attrs[] = { "forbid", "what", NULL };

static int
prog_parse(xmlNodePtr n, void **out, struct sc_err *err)
{
	struct pkg_test *t = sc_xcalloc(1, sizeof(*t));
	char *v = sc_xml_attr(n, "forbid");

	for (char *tok = strtok(v, ", \t\n"); tok; tok = strtok(NULL, ", \t\n"))
		if (strchr(tok, '/') == NULL)
			sc_strv_push(&t->forbid, tok);
	free(v);
	if (t->forbid.n == 0) {
		pkg_free(t);
		return sc_err_set(err, SC_ERR_PARSE,
		    "<programs>: forbid names no program");
	}
	t->what = sc_xml_attr(n, "what");
	if (t->what == NULL)
		t->what = sc_xstrdup("forbidden program");
	*out = t;
	return SC_OK;
}

/*
 * The directories searched: the standard ones, then those of the target's
 * PATH not among them (so the evidence names the same list for an image,
 * whose config sets PATH, and for its unpacked tree, which has none).
 */
static void
search_dirs(struct sc_target *t, struct sc_strv *dirs)
{
	static const char *const std[] = { "/bin", "/sbin", "/usr/bin",
		"/usr/sbin", "/usr/local/bin", "/usr/local/sbin", NULL };
	const char *path = sc_target_getenv(t, "PATH");
	char *copy = path ? sc_xstrdup(path) : NULL, *save = NULL;

	for (size_t i = 0; std[i]; i++)
		sc_strv_push(dirs, std[i]);
	for (char *d = copy ? strtok_r(copy, ":", &save) : NULL; d;
	    d = strtok_r(NULL, ":", &save))
		if (d[0] == '/' && sc_strv_find(dirs, d) < 0 && dirs->n < 64)
			sc_strv_push(dirs, d);
	free(copy);
}

static enum sc_result
prog_search(struct pkg_test *t, struct sc_scan_ctx *ctx,
    struct sc_rule_result *rr)
{
	struct sc_strv dirs = SC_STRV_INIT;
	struct sc_buf path = SC_BUF_INIT;
	struct stat dst, st;
	unsigned long found = 0, searched = 0;
	struct { dev_t dev; ino_t ino; } seen[64];
	size_t n_seen = 0;

	search_dirs(ctx->target, &dirs);
	for (size_t i = 0; i < dirs.n; i++) {
		size_t k;

		/* /bin -> usr/bin: list one directory once */
		if (sc_target_stat(ctx->target, dirs.v[i], &dst, NULL) < 0 ||
		    !S_ISDIR(dst.st_mode))
			continue;
		for (k = 0; k < n_seen; k++)
			if (seen[k].dev == dst.st_dev && seen[k].ino == dst.st_ino)
				break;
		if (k < n_seen)
			continue;
		if (n_seen < sizeof(seen) / sizeof(seen[0])) {
			seen[n_seen].dev = dst.st_dev;
			seen[n_seen].ino = dst.st_ino;
			n_seen++;
		}
		searched++;
		for (k = 0; k < t->forbid.n; k++) {
			sc_buf_reset(&path);
			sc_buf_addf(&path, "%s%s%s", dirs.v[i],
			    dirs.v[i][strlen(dirs.v[i]) - 1] == '/' ? "" : "/",
			    t->forbid.v[k]);
			if (sc_target_stat(ctx->target, path.data, &st, NULL) < 0 ||
			    !S_ISREG(st.st_mode) || (st.st_mode & 0111) == 0)
				continue;
			sc_rr_addf(rr, SC_MSG_ERROR, "%s: %s is on the PATH (%s)",
			    path.data, t->forbid.v[k], t->what);
			found++;
		}
	}
	sc_buf_free(&path);
	sc_buf_reset(&path);
	for (size_t i = 0; i < dirs.n; i++)
		sc_buf_addf(&path, "%s%s", i ? ":" : "", dirs.v[i]);
	sc_strv_free(&dirs);
	if (found) {
		sc_rr_addf(rr, SC_MSG_ERROR, "%lu %s program%s on the PATH", found,
		    t->what, found == 1 ? "" : "s");
		sc_buf_free(&path);
		return SC_RESULT_FAIL;
	}
	if (searched == 0) {
		sc_rr_addf(rr, SC_MSG_WARNING, "none of the PATH directories (%s) "
		    "exists: the programs cannot be looked for", path.data);
		sc_buf_free(&path);
		return SC_RESULT_NOTCHECKED;
	}
	sc_rr_addf(rr, SC_MSG_INFO, "no %s among the executables of %s "
	    "(%lu directories; looked for %zu names)", t->what, path.data,
	    searched, t->forbid.n);
	sc_buf_free(&path);
	return SC_RESULT_PASS;
}

/*
 * One search per target for each set of names: rules that share a
 * <programs> check (the SCAP content's no_login_service backs 44 STIG
 * rules) get the first one's result and messages, not 44 searches.
 */
struct prog_memo {
	enum sc_result r;
	struct sc_message *msgs;
	size_t n;
};

static void
prog_memo_free(void *p)
{
	struct prog_memo *m = p;

	if (m == NULL)
		return;
	for (size_t i = 0; i < m->n; i++)
		free(m->msgs[i].text);
	free(m->msgs);
	free(m);
}

static enum sc_result
prog_eval(void *p, struct sc_scan_ctx *ctx, struct sc_rule_result *rr)
{
	struct pkg_test *t = p;
	struct sc_buf key = SC_BUF_INIT;
	struct prog_memo *m;
	size_t first = rr->n_msgs;
	unsigned long dropped = rr->dropped;
	enum sc_result r;

	sc_buf_addf(&key, "native:programs\n%s", t->what ? t->what : "");
	for (size_t i = 0; i < t->forbid.n; i++)
		sc_buf_addf(&key, "\n%s", t->forbid.v[i]);
	if ((m = sc_target_cache_get(ctx->target, key.data)) != NULL) {
		for (size_t i = 0; i < m->n; i++)
			sc_rr_add(rr, m->msgs[i].sev, m->msgs[i].text);
		r = m->r;
		goto out;
	}
	r = prog_search(t, ctx, rr);
	if (rr->dropped != dropped)
		goto out;	/* messages over the cap: not all to replay */
	m = sc_xcalloc(1, sizeof(*m));
	m->r = r;
	m->n = rr->n_msgs - first;
	m->msgs = sc_xcalloc(m->n ? m->n : 1, sizeof(*m->msgs));
	for (size_t i = 0; i < m->n; i++) {
		m->msgs[i].sev = rr->msgs[first + i].sev;
		m->msgs[i].text = sc_xstrdup(rr->msgs[first + i].text);
	}
	sc_target_cache_put(ctx->target, key.data, m, prog_memo_free);
out:
	sc_buf_free(&key);
	return r;
}

const struct sc_native_kind sc_native_programs_kind = {
	.name = "programs",
	.attrs = prog_attrs,
	.required = pkg_required,
	.parse = prog_parse,
	.prepare = NULL,
	.eval = prog_eval,
	.free = pkg_free,
	.summary = "no program of these names on the target's PATH directories",
};

/* ---- <package_sources> ----------------------------------------------------------- */

struct src_ctx {
	struct sc_target *t;
	int main_gpg;			/* dnf/yum [main] gpgcheck, -1 unset */
	struct sc_rule_result *rr;
	unsigned long bad, checked, errors;
	struct sc_strv managers;
};

static void
bad(struct src_ctx *c, const char *path, unsigned line, const char *text,
    size_t n, const char *why)
{
	c->bad++;
	if (line)
		sc_rr_addf(c->rr, SC_MSG_ERROR, "%s:%u: %.*s: %s", path, line,
		    (int)(n > 300 ? 300 : n), text, why);
	else
		sc_rr_addf(c->rr, SC_MSG_ERROR, "%s: %s", path, why);
}

/* One line of a configuration file, with its path and number. */
typedef void (*line_fn)(struct src_ctx *c, const char *path, unsigned no,
    const char *l, size_t n, void *arg);

/* Hand each line of text (len bytes) to fn. */
static void
each_line_text(struct src_ctx *c, const char *path, const char *text,
    size_t len, line_fn fn, void *arg)
{
	const char *l, *pos = text, *end = text + len;
	size_t n;
	unsigned no = 0;

	while (sc_next_line(&pos, end, &l, &n))
		fn(c, path, ++no, l, n, arg);
}

/*
 * Read a configuration file of the target and hand each line to fn.
 * Returns 1 when read, 0 when absent, -1 on a read error (reported).
 */
static int
each_line(struct src_ctx *c, const char *path, line_fn fn, void *arg)
{
	struct sc_buf b = SC_BUF_INIT;
	struct sc_err err = SC_ERR_INIT;
	int r = sc_target_read_file(c->t, path, CONF_MAX, &b, NULL, &err);

	if (r == SC_ERR_NOTFOUND) {
		sc_buf_free(&b);
		return 0;
	}
	if (r < 0) {
		sc_rr_add(c->rr, SC_MSG_ERROR, err.msg);
		c->errors++;
		sc_buf_free(&b);
		return -1;
	}
	each_line_text(c, path, b.data, b.len, fn, arg);
	sc_buf_free(&b);
	return 1;
}

static int
starts_ci(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);

	return n >= k && strncasecmp(s, prefix, k) == 0;
}

static int
is_https(const char *s, const char *e)
{
	return starts_ci(s, (size_t)(e - s), "https://") ||
	    starts_ci(s, (size_t)(e - s), "mirror+https://");
}

static int
truthy(const char *s, const char *e)
{
	static const char *const yes[] = { "1", "true", "yes", "on", NULL };

	if (s < e && *s == '"')
		s++;
	for (size_t i = 0; yes[i]; i++)
		if (starts_ci(s, (size_t)(e - s), yes[i]))
			return 1;
	return 0;
}

/* ---- apk ---- */

static void
apk_line(struct src_ctx *c, const char *path, unsigned no, const char *l,
    size_t n, void *arg)
{
	const char *s = sc_skip_ws(l, l + n), *e = sc_trim_end(l, l + n);

	(void)arg;
	if (s >= e || *s == '#')
		return;
	c->checked++;
	if (*s == '@') {	/* "@tag URL" */
		while (s < e && *s != ' ' && *s != '\t')
			s++;
		s = sc_skip_ws(s, e);
	}
	if (!starts_ci(s, (size_t)(e - s), "https://"))
		bad(c, path, no, l, n, "repository is not an https:// URL");
}

static void
check_apk(struct src_ctx *c)
{
	struct sc_strv keys = SC_STRV_INIT;

	if (each_line(c, "/etc/apk/repositories", apk_line, NULL) <= 0)
		return;
	sc_strv_push(&c->managers, "apk");
	if (sc_target_list_dir(c->t, "/etc/apk/keys", &keys, NULL) < 0 ||
	    keys.n == 0)
		bad(c, "/etc/apk/keys", 0, NULL, 0, "no signing keys: apk cannot "
		    "verify package signatures");
	else
		sc_rr_addf(c->rr, SC_MSG_INFO, "/etc/apk/keys: %zu signing key%s",
		    keys.n, keys.n == 1 ? "" : "s");
	sc_strv_free(&keys);
}

/* ---- apt ---- */

/* one-line style: deb [options] URI suite components */
static void
apt_list_line(struct src_ctx *c, const char *path, unsigned no,
    const char *l, size_t n, void *arg)
{
	const char *s = sc_skip_ws(l, l + n), *e = l + n, *opt;

	(void)arg;
	if (s == e || *s == '#')
		return;
	if (!starts_ci(s, (size_t)(e - s), "deb ") &&
	    !starts_ci(s, (size_t)(e - s), "deb-src "))
		return;
	c->checked++;
	s = sc_skip_ws(memchr(s, ' ', (size_t)(e - s)), e);
	if (s < e && *s == '[') {
		opt = s;
		s = memchr(s, ']', (size_t)(e - s));
		if (s == NULL) {
			bad(c, path, no, l, n, "malformed options");
			return;
		}
		for (const char *q = opt; q + 11 <= s; q++)
			if (strncasecmp(q, "trusted=yes", 11) == 0)
				bad(c, path, no, l, n, "[trusted=yes] turns off "
				    "signature checking");
		s = sc_skip_ws(s + 1, e);
	}
	if (!is_https(s, e))
		bad(c, path, no, l, n, "source is not an https:// URI");
}

/* deb822 style: URIs: ... / Trusted: yes */
static void
apt_sources_line(struct src_ctx *c, const char *path, unsigned no,
    const char *l, size_t n, void *arg)
{
	const char *e = l + n, *s;

	(void)arg;
	if (starts_ci(l, n, "URIs:")) {
		for (s = sc_skip_ws(l + 5, e); s < e; s = sc_skip_ws(s, e)) {
			const char *w = s;

			while (s < e && *s != ' ' && *s != '\t')
				s++;
			c->checked++;
			if (!is_https(w, s))
				bad(c, path, no, l, n, "source is not an https:// URI");
		}
	} else if (starts_ci(l, n, "Trusted:") &&
	    truthy(sc_skip_ws(l + 8, e), e)) {
		bad(c, path, no, l, n, "Trusted: yes turns off signature checking");
	}
}

static void
apt_conf_line(struct src_ctx *c, const char *path, unsigned no,
    const char *l, size_t n, void *arg)
{
	static const char *const keys[] = { "APT::Get::AllowUnauthenticated",
		"Acquire::AllowInsecureRepositories",
		"Acquire::AllowDowngradeToInsecureRepositories", NULL };
	const char *s = sc_skip_ws(l, l + n), *e = l + n;

	(void)arg;
	for (size_t k = 0; keys[k]; k++)
		if (starts_ci(s, (size_t)(e - s), keys[k]) &&
		    truthy(sc_skip_ws(s + strlen(keys[k]), e), e))
			bad(c, path, no, l, n, "turns off apt's signature checking");
}

static void
each_in_dir(struct src_ctx *c, const char *dir, const char *suffix,
    line_fn fn, void *arg)
{
	struct sc_strv names = SC_STRV_INIT;

	if (sc_target_list_dir(c->t, dir, &names, NULL) == 0) {
		for (size_t i = 0; i < names.n; i++) {
			size_t nl = strlen(names.v[i]), sl = strlen(suffix);
			char *p;

			if (sl && (nl < sl || strcmp(names.v[i] + nl - sl, suffix)))
				continue;
			p = sc_xasprintf("%s/%s", dir, names.v[i]);
			each_line(c, p, fn, arg);
			free(p);
		}
	}
	sc_strv_free(&names);
}

static void
check_apt(struct src_ctx *c)
{
	struct stat st;

	if (sc_target_stat(c->t, "/etc/apt", &st, NULL) < 0 &&
	    sc_target_stat(c->t, "/var/lib/dpkg/status", &st, NULL) < 0)
		return;
	sc_strv_push(&c->managers, "apt");
	each_line(c, "/etc/apt/sources.list", apt_list_line, NULL);
	each_in_dir(c, "/etc/apt/sources.list.d", ".list", apt_list_line, NULL);
	each_in_dir(c, "/etc/apt/sources.list.d", ".sources", apt_sources_line,
	    NULL);
	each_line(c, "/etc/apt/apt.conf", apt_conf_line, NULL);
	each_in_dir(c, "/etc/apt/apt.conf.d", "", apt_conf_line, NULL);
}

/* ---- dnf/yum (INI files) ---- */

struct ini_kv {
	const char *key, *key_end, *val, *end;
};

/* A "key = value" line (comments and blanks give 0). */
static int
ini_split(const char *l, size_t n, struct ini_kv *kv)
{
	const char *s = sc_skip_ws(l, l + n), *e = sc_trim_end(l, l + n), *q;

	if (s >= e || *s == '#' || *s == ';' || *s == '[')
		return 0;
	q = memchr(s, '=', (size_t)(e - s));
	if (q == NULL)
		return 0;
	kv->key = s;
	kv->key_end = sc_trim_end(s, q);
	kv->val = sc_skip_ws(q + 1, e);
	kv->end = e;
	return 1;
}

static int
ini_key(const struct ini_kv *kv, const char *name)
{
	size_t k = strlen(name);

	return (size_t)(kv->key_end - kv->key) == k &&
	    strncasecmp(kv->key, name, k) == 0;
}

/* The section a line opens ("[main]" -> "main"), or NULL. */
static char *
ini_section(const char *l, size_t n)
{
	const char *s = sc_skip_ws(l, l + n), *e = l + n, *q;

	if (s >= e || *s != '[')
		return NULL;
	q = memchr(s, ']', (size_t)(e - s));
	return sc_xstrndup(s + 1, q ? (size_t)(q - s - 1) : (size_t)(e - s - 1));
}

struct main_gpg {
	int in_main;
	int value;			/* -1 unset */
};

static void
main_line(struct src_ctx *c, const char *path, unsigned no, const char *l,
    size_t n, void *arg)
{
	struct main_gpg *m = arg;
	struct ini_kv kv;
	char *sec = ini_section(l, n);

	(void)c;
	(void)path;
	(void)no;
	if (sec) {
		m->in_main = strcmp(sec, "main") == 0;
		free(sec);
	} else if (m->in_main && ini_split(l, n, &kv) && ini_key(&kv, "gpgcheck")) {
		m->value = truthy(kv.val, kv.end);
	}
}

struct repo {
	char *name;
	unsigned line;
	int enabled, gpg;
	struct sc_strv urls;		/* non-https URL messages */
};

static void
repo_done(struct src_ctx *c, const char *path, struct repo *r)
{
	if (r->name != NULL && r->enabled) {
		c->checked++;
		for (size_t i = 0; i < r->urls.n; i++) {
			c->bad++;
			sc_rr_add(c->rr, SC_MSG_ERROR, r->urls.v[i]);
		}
		if (!(r->gpg >= 0 ? r->gpg : c->main_gpg > 0)) {
			char *why = sc_xasprintf("repository [%s] does not check "
			    "package signatures (gpgcheck is %s)", r->name,
			    r->gpg >= 0 || c->main_gpg >= 0 ? "off" : "not set");
			bad(c, path, r->line, "", 0, why);
			free(why);
		}
	}
	/* (a disabled repository is not used) */
	free(r->name);
	sc_strv_free(&r->urls);
	memset(r, 0, sizeof(*r));
	r->enabled = 1;
	r->gpg = -1;
}

static void
repo_line(struct src_ctx *c, const char *path, unsigned no, const char *l,
    size_t n, void *arg)
{
	struct repo *r = arg;
	struct ini_kv kv;
	char *sec = ini_section(l, n);

	if (sec) {
		repo_done(c, path, r);	/* the previous section */
		r->name = sec;
		r->line = no;
		return;
	}
	if (!ini_split(l, n, &kv))
		return;
	if (ini_key(&kv, "enabled"))
		r->enabled = truthy(kv.val, kv.end);
	else if (ini_key(&kv, "gpgcheck"))
		r->gpg = truthy(kv.val, kv.end);
	else if ((ini_key(&kv, "baseurl") || ini_key(&kv, "mirrorlist") ||
	    ini_key(&kv, "metalink")) &&
	    !starts_ci(kv.val, (size_t)(kv.end - kv.val), "https://"))
		sc_strv_push_owned(&r->urls, sc_xasprintf("%s:%u: %.*s: "
		    "repository URL is not https://", path, no,
		    (int)(n > 300 ? 300 : n), l));
}

static void
check_dnf(struct src_ctx *c)
{
	struct sc_strv names = SC_STRV_INIT;
	struct main_gpg m = { 0, -1 };

	if (sc_target_list_dir(c->t, "/etc/yum.repos.d", &names, NULL) < 0) {
		sc_strv_free(&names);
		return;
	}
	sc_strv_push(&c->managers, "dnf/yum");
	if (each_line(c, "/etc/dnf/dnf.conf", main_line, &m) <= 0 ||
	    m.value < 0)
		each_line(c, "/etc/yum.conf", main_line, &m);
	c->main_gpg = m.value;
	for (size_t i = 0; i < names.n; i++) {
		size_t nl = strlen(names.v[i]);
		struct repo r = { NULL, 0, 1, -1, SC_STRV_INIT };
		char *p;

		if (nl < 5 || strcmp(names.v[i] + nl - 5, ".repo") != 0)
			continue;
		p = sc_xasprintf("/etc/yum.repos.d/%s", names.v[i]);
		each_line(c, p, repo_line, &r);
		repo_done(c, p, &r);	/* the last section */
		free(p);
	}
	sc_strv_free(&names);
}

static int
src_parse(xmlNodePtr n, void **out, struct sc_err *err)
{
	(void)n;
	(void)err;
	*out = sc_xcalloc(1, 1);
	return SC_OK;
}

static enum sc_result
src_eval(void *p, struct sc_scan_ctx *ctx, struct sc_rule_result *rr)
{
	struct src_ctx c;
	struct sc_buf m = SC_BUF_INIT;
	enum sc_result res;

	(void)p;
	memset(&c, 0, sizeof(c));
	c.t = ctx->target;
	c.rr = rr;
	check_apk(&c);
	check_apt(&c);
	check_dnf(&c);
	sc_buf_reset(&m);
	for (size_t i = 0; i < c.managers.n; i++)
		sc_buf_addf(&m, "%s%s", i ? ", " : "", c.managers.v[i]);
	if (c.managers.n == 0) {
		sc_rr_add(rr, SC_MSG_INFO, "no package manager configuration (apk, "
		    "apt, dnf/yum): nothing installs packages from a repository");
		res = SC_RESULT_PASS;
	} else if (c.bad) {
		sc_rr_addf(rr, SC_MSG_ERROR, "%s: %lu problem%s with package "
		    "sources or signature checking", m.data, c.bad,
		    c.bad == 1 ? "" : "s");
		res = SC_RESULT_FAIL;
	} else if (c.errors) {
		res = SC_RESULT_ERROR;
	} else {
		sc_rr_addf(rr, SC_MSG_INFO, "%s: %lu package source%s, all https, "
		    "signature checking on", m.data, c.checked,
		    c.checked == 1 ? "" : "s");
		res = SC_RESULT_PASS;
	}
	sc_strv_free(&c.managers);
	sc_buf_free(&m);
	return res;
}

int
sc_native_packages_sources_text(enum sc_native_pkgsrc kind, const char *path,
    const char *text, size_t len, struct sc_rule_result *rr)
{
	struct src_ctx c;
	struct main_gpg m = { 0, -1 };
	struct repo r = { NULL, 0, 1, -1, SC_STRV_INIT };

	memset(&c, 0, sizeof(c));
	c.rr = rr;
	c.main_gpg = -1;
	switch (kind) {
	case SC_PKGSRC_APK:
		each_line_text(&c, path, text, len, apk_line, NULL);
		break;
	case SC_PKGSRC_APT_LIST:
		each_line_text(&c, path, text, len, apt_list_line, NULL);
		break;
	case SC_PKGSRC_APT_SOURCES:
		each_line_text(&c, path, text, len, apt_sources_line, NULL);
		break;
	case SC_PKGSRC_APT_CONF:
		each_line_text(&c, path, text, len, apt_conf_line, NULL);
		break;
	case SC_PKGSRC_DNF_MAIN:
		each_line_text(&c, path, text, len, main_line, &m);
		return m.value;
	case SC_PKGSRC_DNF_REPO:
		each_line_text(&c, path, text, len, repo_line, &r);
		repo_done(&c, path, &r);
		break;
	}
	return (int)(c.bad > INT_MAX ? INT_MAX : c.bad);
}

static const char *const src_attrs[] = { NULL };

const struct sc_native_kind sc_native_package_sources_kind = {
	.name = "package_sources",
	.attrs = src_attrs,
	.required = NULL,
	.parse = src_parse,
	.prepare = NULL,
	.eval = src_eval,
	.free = free,
	.summary = "package sources use https and signature checking is on",
};
