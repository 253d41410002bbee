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

/* Read a config file; 0 = absent, 1 = read, -1 = error (reported). */
static int
read_conf(struct src_ctx *c, const char *path, struct sc_buf *b)
{
	struct sc_err err = SC_ERR_INIT;
	int r = sc_target_read_file(c->t, path, CONF_MAX, b, NULL, &err);

	if (r == SC_ERR_NOTFOUND)
		return 0;
	if (r < 0) {
		sc_rr_add(c->rr, SC_MSG_ERROR, err.msg);
		c->errors++;
		return -1;
	}
	return 1;
}

static int
starts_ci(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);

	return n >= k && strncasecmp(s, prefix, k) == 0;
}

static void
check_apk(struct src_ctx *c)
{
	const char *path = "/etc/apk/repositories";
	struct sc_buf b = SC_BUF_INIT;
	struct sc_strv keys = SC_STRV_INIT;
	const char *l, *pos, *end;
	size_t n;
	unsigned no = 0;
	int r = read_conf(c, path, &b);

	pos = b.data;
	end = b.data + b.len;
	if (r > 0) {
		sc_strv_push(&c->managers, "apk");
		while (sc_next_line(&pos, end, &l, &n)) {
		no++;
			const char *s = sc_skip_ws(l, l + n), *e = l + n;

			while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
				e--;
			if (s == e || *s == '#')
				continue;
			c->checked++;
			if (*s == '@') {	/* "@tag URL" */
				while (s < e && *s != ' ' && *s != '\t')
					s++;
				s = sc_skip_ws(s, e);
			}
			if (!starts_ci(s, (size_t)(e - s), "https://"))
				bad(c, path, no, l, n, "repository is not an https:// URL");
		}
		if (sc_target_list_dir(c->t, "/etc/apk/keys", &keys, NULL) < 0 ||
		    keys.n == 0)
			bad(c, "/etc/apk/keys", 0, NULL, 0, "no signing keys: apk "
			    "cannot verify package signatures");
		else
			sc_rr_addf(c->rr, SC_MSG_INFO, "/etc/apk/keys: %zu signing "
			    "key%s", keys.n, keys.n == 1 ? "" : "s");
	}
	sc_strv_free(&keys);
	sc_buf_free(&b);
}

static void
check_apt_list(struct src_ctx *c, const char *path)
{
	struct sc_buf b = SC_BUF_INIT;
	const char *l, *pos, *end;
	size_t n;
	unsigned no = 0;

	if (read_conf(c, path, &b) <= 0)
		goto out;
	pos = b.data;
	end = b.data + b.len;
	while (sc_next_line(&pos, end, &l, &n)) {
		no++;
		const char *s = sc_skip_ws(l, l + n), *e = l + n, *opt, *uri;

		if (s == e || *s == '#')
			continue;
		if (!starts_ci(s, (size_t)(e - s), "deb ") &&
		    !starts_ci(s, (size_t)(e - s), "deb-src "))
			continue;
		c->checked++;
		s = memchr(s, ' ', (size_t)(e - s));
		s = sc_skip_ws(s, e);
		opt = NULL;
		if (s < e && *s == '[') {
			opt = s;
			s = memchr(s, ']', (size_t)(e - s));
			if (s == NULL) {
				bad(c, path, no, l, n, "malformed options");
				continue;
			}
			s = sc_skip_ws(s + 1, e);
			for (const char *q = opt; q + 11 <= s; q++)
				if (strncasecmp(q, "trusted=yes", 11) == 0)
					bad(c, path, no, l, n, "[trusted=yes] turns off "
					    "signature checking");
		}
		uri = s;
		if (!starts_ci(uri, (size_t)(e - uri), "https://") &&
		    !starts_ci(uri, (size_t)(e - uri), "mirror+https://"))
			bad(c, path, no, l, n, "source is not an https:// URI");
	}
out:
	sc_buf_free(&b);
}

static void
check_apt_sources(struct src_ctx *c, const char *path)
{
	struct sc_buf b = SC_BUF_INIT;
	const char *l, *pos, *end;
	size_t n;
	unsigned no = 0;

	if (read_conf(c, path, &b) <= 0)
		goto out;
	pos = b.data;
	end = b.data + b.len;
	while (sc_next_line(&pos, end, &l, &n)) {
		no++;
		const char *e = l + n, *s;

		if (starts_ci(l, n, "URIs:")) {
			s = sc_skip_ws(l + 5, e);
			while (s < e) {
				const char *w = s;

				while (s < e && *s != ' ' && *s != '\t')
					s++;
				c->checked++;
				if (!starts_ci(w, (size_t)(s - w), "https://") &&
				    !starts_ci(w, (size_t)(s - w), "mirror+https://"))
					bad(c, path, no, l, n,
					    "source is not an https:// URI");
				s = sc_skip_ws(s, e);
			}
		} else if (starts_ci(l, n, "Trusted:")) {
			s = sc_skip_ws(l + 8, e);
			if (starts_ci(s, (size_t)(e - s), "yes"))
				bad(c, path, no, l, n,
				    "Trusted: yes turns off signature checking");
		}
	}
out:
	sc_buf_free(&b);
}

static void
check_apt_conf(struct src_ctx *c, const char *path)
{
	static const char *const keys[] = { "APT::Get::AllowUnauthenticated",
		"Acquire::AllowInsecureRepositories",
		"Acquire::AllowDowngradeToInsecureRepositories", NULL };
	struct sc_buf b = SC_BUF_INIT;
	const char *l, *pos, *end;
	size_t n;
	unsigned no = 0;

	if (read_conf(c, path, &b) <= 0)
		goto out;
	pos = b.data;
	end = b.data + b.len;
	while (sc_next_line(&pos, end, &l, &n)) {
		no++;
		const char *s = sc_skip_ws(l, l + n), *e = l + n;

		for (size_t k = 0; keys[k]; k++) {
			const char *v;

			if (!starts_ci(s, (size_t)(e - s), keys[k]))
				continue;
			v = sc_skip_ws(s + strlen(keys[k]), e);
			if (v < e && *v == '"')
				v++;
			if (starts_ci(v, (size_t)(e - v), "true") ||
			    starts_ci(v, (size_t)(e - v), "yes") ||
			    starts_ci(v, (size_t)(e - v), "1"))
				bad(c, path, no, l, n,
				    "turns off apt's signature checking");
		}
	}
out:
	sc_buf_free(&b);
}

static void
each_in_dir(struct src_ctx *c, const char *dir, const char *suffix,
    void (*fn)(struct src_ctx *, const char *))
{
	struct sc_strv names = SC_STRV_INIT;

	if (sc_target_list_dir(c->t, dir, &names, NULL) == 0) {
		for (size_t i = 0; i < names.n; i++) {
			size_t nl = strlen(names.v[i]), sl = strlen(suffix);
			char *p;

			if (sl && (nl < sl || strcmp(names.v[i] + nl - sl, suffix)))
				continue;
			p = sc_xasprintf("%s/%s", dir, names.v[i]);
			fn(c, p);
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
	check_apt_list(c, "/etc/apt/sources.list");
	each_in_dir(c, "/etc/apt/sources.list.d", ".list", check_apt_list);
	each_in_dir(c, "/etc/apt/sources.list.d", ".sources", check_apt_sources);
	check_apt_conf(c, "/etc/apt/apt.conf");
	each_in_dir(c, "/etc/apt/apt.conf.d", "", check_apt_conf);
}

/* [main] gpgcheck from dnf.conf or yum.conf: 1, 0, or -1 when unset. */
static int
main_gpgcheck(struct src_ctx *c, const char *path)
{
	struct sc_buf b = SC_BUF_INIT;
	const char *l, *pos, *end;
	size_t n;
	unsigned no = 0;
	int in_main = 0, v = -1;

	if (read_conf(c, path, &b) <= 0)
		goto out;
	pos = b.data;
	end = b.data + b.len;
	while (sc_next_line(&pos, end, &l, &n)) {
		no++;
		const char *s = sc_skip_ws(l, l + n), *e = l + n;

		if (s < e && *s == '[')
			in_main = starts_ci(s, (size_t)(e - s), "[main]");
		else if (in_main && starts_ci(s, (size_t)(e - s), "gpgcheck")) {
			const char *q = memchr(s, '=', (size_t)(e - s));
			if (q) {
				q = sc_skip_ws(q + 1, e);
				v = starts_ci(q, (size_t)(e - q), "1") ||
				    starts_ci(q, (size_t)(e - q), "true") ||
				    starts_ci(q, (size_t)(e - q), "yes");
			}
		}
	}
out:
	sc_buf_free(&b);
	return v;
}

static int
ini_bool(const char *s, const char *e)
{
	return starts_ci(s, (size_t)(e - s), "1") ||
	    starts_ci(s, (size_t)(e - s), "true") ||
	    starts_ci(s, (size_t)(e - s), "yes") ||
	    starts_ci(s, (size_t)(e - s), "on");
}

static void
repo_done(struct src_ctx *c, const char *path, const char *name, unsigned line,
    int enabled, int gpg, struct sc_strv *urls)
{
	if (name == NULL || !enabled) {
		sc_strv_free(urls);	/* a disabled repository is not used */
		return;
	}
	c->checked++;
	for (size_t i = 0; i < urls->n; i++) {
		c->bad++;
		sc_rr_add(c->rr, SC_MSG_ERROR, urls->v[i]);
	}
	sc_strv_free(urls);
	if (gpg < 0)
		gpg = c->main_gpg > 0;
	if (!gpg) {
		char *why = sc_xasprintf("repository [%s] does not check package "
		    "signatures (gpgcheck is %s)", name,
		    c->main_gpg < 0 ? "not set" : "off");
		bad(c, path, line, "", 0, why);
		free(why);
	}
}

static void
check_repo_file(struct src_ctx *c, const char *path)
{
	struct sc_buf b = SC_BUF_INIT;
	const char *l, *pos, *end;
	size_t n;
	unsigned no = 0, start = 0;
	char *name = NULL;
	int enabled = 1, gpg = -1;
	struct sc_strv urls = SC_STRV_INIT;

	if (read_conf(c, path, &b) <= 0)
		goto out;
	pos = b.data;
	end = b.data + b.len;
	while (sc_next_line(&pos, end, &l, &n)) {
		no++;
		const char *s = sc_skip_ws(l, l + n), *e = l + n, *q;

		while (e > s && (e[-1] == ' ' || e[-1] == '\r'))
			e--;
		if (s == e || *s == '#' || *s == ';')
			continue;
		if (*s == '[') {
			repo_done(c, path, name, start, enabled, gpg, &urls);
			free(name);
			q = memchr(s, ']', (size_t)(e - s));
			name = sc_xstrndup(s + 1, q ? (size_t)(q - s - 1) :
			    (size_t)(e - s - 1));
			start = no;
			enabled = 1;
			gpg = -1;
			continue;
		}
		q = memchr(s, '=', (size_t)(e - s));
		if (q == NULL)
			continue;
		{
			const char *k = s, *ke = q, *v = sc_skip_ws(q + 1, e);

			while (ke > k && (ke[-1] == ' ' || ke[-1] == '\t'))
				ke--;
			if ((size_t)(ke - k) == 7 && strncasecmp(k, "enabled", 7) == 0)
				enabled = ini_bool(v, e);
			else if ((size_t)(ke - k) == 8 &&
			    strncasecmp(k, "gpgcheck", 8) == 0)
				gpg = ini_bool(v, e);
			else if (((size_t)(ke - k) == 7 &&
			    strncasecmp(k, "baseurl", 7) == 0) ||
			    ((size_t)(ke - k) == 10 &&
			    strncasecmp(k, "mirrorlist", 10) == 0) ||
			    ((size_t)(ke - k) == 8 &&
			    strncasecmp(k, "metalink", 8) == 0)) {
				if (!starts_ci(v, (size_t)(e - v), "https://"))
					sc_strv_push_owned(&urls, sc_xasprintf(
					    "%s:%u: %.*s: repository URL is not "
					    "https://", path, no, (int)(n > 300 ? 300 :
					    n), l));
			}
		}
	}
	repo_done(c, path, name, start, enabled, gpg, &urls);
out:
	sc_strv_free(&urls);
	free(name);
	sc_buf_free(&b);
}

static void
check_dnf(struct src_ctx *c)
{
	struct sc_strv names = SC_STRV_INIT;
	int have = sc_target_list_dir(c->t, "/etc/yum.repos.d", &names, NULL) == 0;

	sc_strv_free(&names);
	if (!have)
		return;
	sc_strv_push(&c->managers, "dnf/yum");
	c->main_gpg = main_gpgcheck(c, "/etc/dnf/dnf.conf");
	if (c->main_gpg < 0)
		c->main_gpg = main_gpgcheck(c, "/etc/yum.conf");
	each_in_dir(c, "/etc/yum.repos.d", ".repo", check_repo_file);
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
