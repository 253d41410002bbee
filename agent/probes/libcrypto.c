/*
 * libcrypto.c - the target's libcrypto, read from its bytes (libcrypto.h).
 */
#include "probes/libcrypto.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probes/filescan.h"
#include "util/mem.h"

const char *const sc_libcrypto_dirs[] = {
	"/lib", "/usr/lib", "/lib64", "/usr/lib64",
	"/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu",
	"/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
	"/usr/local/lib", "/usr/local/lib64",
	NULL,
};

static const char *const jitter_markers[] = {
	"jent_read_entropy (%d)",
	"jent_entropy_init_ex (%d)",
	"seed_src_jitter.c",
	NULL,
};

int
sc_openssl_version_parse(const char *s, int *major, int *minor, int *patch)
{
	const char *p = s;
	char *end;
	long v[3];

	*major = *minor = *patch = -1;
	if (strncmp(p, "OpenSSL ", 8) == 0)
		p += 8;
	for (int i = 0; i < 3; i++) {
		if (!isdigit((unsigned char)*p))
			return -1;
		v[i] = strtol(p, &end, 10);
		if (v[i] < 0 || v[i] > 1000)
			return -1;
		p = end;
		if (i < 2) {
			if (*p != '.')
				return -1;
			p++;
		}
	}
	*major = (int)v[0];
	*minor = (int)v[1];
	*patch = (int)v[2];
	return 0;
}

int
sc_openssl_version_cmp(int major, int minor, int want_major, int want_minor)
{
	if (major != want_major)
		return major < want_major ? -1 : 1;
	if (minor != want_minor)
		return minor < want_minor ? -1 : 1;
	return 0;
}

/* "OpenSSL 3.0.20 7 Apr 2026": version, then a day, a month, a year. */
static int
is_version_text(const char *s)
{
	int a, b, c, day, year;
	char mon[8], rest;
	const char *sp;

	if (strncmp(s, "OpenSSL ", 8) != 0 || sc_openssl_version_parse(s, &a,
	    &b, &c) < 0 || a < 3)
		return 0;
	if ((sp = strchr(s + 8, ' ')) == NULL)
		return 0;
	return sscanf(sp, " %d %7s %d%c", &day, mon, &year, &rest) == 3 &&
	    day >= 1 && day <= 31 && year >= 2000;
}

/* The quoted value of a `NAME: "value"` string. */
static char *
quoted_after(const char *s, const char *prefix)
{
	size_t pl = strlen(prefix), n = strlen(s);

	if (strncmp(s, prefix, pl) != 0 || n < pl + 2 || s[pl] != '"' ||
	    s[n - 1] != '"')
		return NULL;
	return sc_xstrndup(s + pl + 1, n - pl - 2);
}

static void
on_string(void *ctx, const char *s, size_t n, off_t off)
{
	struct sc_libcrypto *lc = ctx;
	char *q;

	(void)n;
	(void)off;
	if (lc->version_text == NULL && is_version_text(s)) {
		lc->version_text = sc_xstrdup(s);
		sc_openssl_version_parse(s, &lc->major, &lc->minor, &lc->patch);
	} else if (lc->openssldir == NULL &&
	    (q = quoted_after(s, "OPENSSLDIR: ")) != NULL) {
		lc->openssldir = q;
	} else if (lc->modulesdir == NULL &&
	    (q = quoted_after(s, "MODULESDIR: ")) != NULL) {
		lc->modulesdir = q;
	} else if (lc->compiler == NULL && strncmp(s, "compiler: ", 10) == 0) {
		lc->compiler = sc_xstrdup(s + 10);
		lc->default_seed_jitter = strstr(lc->compiler,
		    "-DOPENSSL_DEFAULT_SEED_SRC=JITTER") != NULL;
	}
	for (size_t i = 0; lc->jitter_marker == NULL && jitter_markers[i]; i++)
		if (strstr(s, jitter_markers[i]) != NULL)
			lc->jitter_marker = sc_xstrdup(jitter_markers[i]);
}

static void
reset_facts(struct sc_libcrypto *lc)
{
	SC_FREE(lc->version_text);
	SC_FREE(lc->openssldir);
	SC_FREE(lc->modulesdir);
	SC_FREE(lc->compiler);
	SC_FREE(lc->jitter_marker);
	SC_FREE(lc->error);
	lc->major = lc->minor = lc->patch = -1;
	lc->default_seed_jitter = 0;
}

void
sc_libcrypto_probe_mem(struct sc_libcrypto *lc, const void *p, size_t n)
{
	struct sc_filescan_cb cb = { NULL, on_string, lc, 6 };

	reset_facts(lc);
	sc_filescan_mem(p, n, &cb);
}

int
sc_libcrypto_probe(struct sc_target *t, struct sc_libcrypto *lc,
    struct sc_err *err)
{
	struct sc_filescan_cb cb = { NULL, on_string, lc, 6 };
	struct stat st;
	int r;

	reset_facts(lc);
	if ((r = sc_filescan(t, lc->path, &cb, &st, err)) < 0) {
		lc->error = sc_xstrdup(err->msg);
		return r;
	}
	lc->size = st.st_size;
	return SC_OK;
}

static struct sc_libcrypto *
add(struct sc_libcrypto_set *set, const char *path, const struct stat *st,
    int standard)
{
	struct sc_libcrypto *lc;

	for (size_t i = 0; i < set->n; i++)
		if (set->v[i].dev == st->st_dev && set->v[i].ino == st->st_ino)
			return NULL;
	SC_GROW(set->v, set->cap, set->n + 1);
	lc = &set->v[set->n++];
	memset(lc, 0, sizeof(*lc));
	lc->path = sc_xstrdup(path);
	lc->standard = standard;
	lc->dev = st->st_dev;
	lc->ino = st->st_ino;
	lc->major = lc->minor = lc->patch = -1;
	return lc;
}

static int
watch_fn(void *ctx, const struct sc_walk_entry *e)
{
	struct sc_libcrypto_set *set = ctx;

	if (e->event != SC_WALK_ENTRY || !S_ISREG(e->st->st_mode))
		return 0;
	if (strncmp(e->name, "libcrypto", 9) == 0 && strstr(e->name, ".so"))
		add(set, e->path, e->st, 0);
	return 0;
}

void
sc_libcrypto_watch(struct sc_walk *w, struct sc_libcrypto_set *set)
{
	struct sc_walk_spec spec = { "/", -1, SC_WALK_SAME_DEV |
		SC_WALK_LOCAL_ONLY, watch_fn, set };

	sc_walk_add(w, &spec);
}

int
sc_libcrypto_find(struct sc_target *t, struct sc_libcrypto_set *set,
    struct sc_err *err)
{
	struct sc_libcrypto_set std = { NULL, 0, 0 };

	(void)err;
	for (size_t i = 0; sc_libcrypto_dirs[i]; i++) {
		char *p = sc_xasprintf("%s/libcrypto.so.3", sc_libcrypto_dirs[i]);
		struct stat st;

		if (sc_target_stat(t, p, &st, NULL) == 0 && S_ISREG(st.st_mode))
			add(&std, p, &st, 1);
		free(p);
	}
	/* standard copies first, then what the walk found elsewhere */
	for (size_t i = 0; i < set->n; i++) {
		struct stat st = { 0 };

		st.st_dev = set->v[i].dev;
		st.st_ino = set->v[i].ino;
		if (add(&std, set->v[i].path, &st, 0) == NULL)
			continue;
	}
	sc_libcrypto_set_free(set);
	*set = std;
	for (size_t i = 0; i < set->n; i++) {
		struct sc_err e2 = SC_ERR_INIT;

		sc_libcrypto_probe(t, &set->v[i], &e2);
	}
	return SC_OK;
}

void
sc_libcrypto_set_free(struct sc_libcrypto_set *set)
{
	if (set == NULL)
		return;
	for (size_t i = 0; i < set->n; i++) {
		free(set->v[i].path);
		reset_facts(&set->v[i]);
	}
	free(set->v);
	set->v = NULL;
	set->n = set->cap = 0;
}
