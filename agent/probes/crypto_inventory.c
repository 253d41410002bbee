/*
 * crypto_inventory.c - cryptographic implementations in the target
 * (crypto_inventory.h).
 */
#include "probes/crypto_inventory.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "probes/filecache.h"
#include "probes/filescan.h"
#include "probes/fips_module.h"
#include "probes/hash.h"
#include "probes/libcrypto.h"
#include "util/map.h"
#include "util/mem.h"

#define REGION_MAX (256ull << 20)	/* .rodata / .gopclntab bytes read */
#define GOINFO_MAX (64u << 10)

struct elfrec {
	char *path;
	dev_t dev;
	ino_t ino;
	int root;		/* an executable */
	const char *platform;	/* sc_crypto_parse_platform */
	int reached;
	uint64_t ossl_names, ossl_files;	/* libcrypto: .rodata */
	long parent;		/* index of the ELF that needs it, -1 */
	const char *via;	/* the DT_NEEDED name, in parent's list */
	struct sc_strv needed;
	char *runpath;
};

struct sc_crypto_inventory {
	struct sc_crypto_entry *e;
	size_t n, cap;
	struct elfrec *elf;
	size_t nelf, capelf;
	struct sc_map by_ino;	/* "dev:ino" -> index + 1 */
	struct sc_strv jars;	/* bc-fips jars */
	int has_python;
	int built;
	unsigned long files;
};

static const struct {
	const char *prefix;
	enum sc_crypto_kind kind;
	const char *impl;
} libnames[] = {
	{ "libcrypto.so", SC_CRYPTO_LIBCRYPTO, "OpenSSL" },
	{ "libssl.so", SC_CRYPTO_LIBSSL, "OpenSSL" },
	{ "libgcrypt.so", SC_CRYPTO_OTHER_LIB, "libgcrypt" },
	{ "libgnutls.so", SC_CRYPTO_OTHER_LIB, "GnuTLS" },
	{ "libnettle.so", SC_CRYPTO_OTHER_LIB, "Nettle" },
	{ "libhogweed.so", SC_CRYPTO_OTHER_LIB, "Nettle (hogweed)" },
	{ "libsoftokn3.so", SC_CRYPTO_OTHER_LIB, "NSS softokn" },
	{ "libfreebl3.so", SC_CRYPTO_OTHER_LIB, "NSS freebl" },
	{ "libfreeblpriv3.so", SC_CRYPTO_OTHER_LIB, "NSS freebl" },
	{ "libmbedcrypto.so", SC_CRYPTO_OTHER_LIB, "mbedTLS" },
	{ "libsodium.so", SC_CRYPTO_OTHER_LIB, "libsodium" },
	{ "libwolfssl.so", SC_CRYPTO_OTHER_LIB, "wolfSSL" },
	{ "libtls.so", SC_CRYPTO_OTHER_LIB, "LibreSSL libtls" },
};
#define NLIBNAMES (sizeof(libnames) / sizeof(libnames[0]))

const char *
sc_crypto_kind_name(enum sc_crypto_kind k)
{
	static const char *const names[] = { "libcrypto", "libssl",
		"fips-provider", "static-openssl", "library", "go", "java",
		"python", "node" };

	return (unsigned)k < sizeof(names) / sizeof(names[0]) ? names[k] : "?";
}

struct sc_crypto_inventory *
sc_crypto_inventory_new(void)
{
	return sc_xcalloc(1, sizeof(struct sc_crypto_inventory));
}

static struct sc_crypto_entry *
add_entry(struct sc_crypto_inventory *inv, enum sc_crypto_kind k,
    const struct sc_walk_entry *we, const char *impl)
{
	const char *path = we->path;
	struct sc_crypto_entry *e;

	SC_GROW(inv->e, inv->cap, inv->n + 1);
	e = &inv->e[inv->n++];
	memset(e, 0, sizeof(*e));
	e->kind = k;
	e->path = sc_xstrdup(path);
	e->impl = sc_xstrdup(impl);
	e->dev = we->st->st_dev;
	e->ino = we->st->st_ino;
	e->reachable = 0;
	return e;
}

/* ---- reading through an fd --------------------------------------------------- */

static int
fd_read(void *ctx, uint64_t off, void *buf, size_t n)
{
	int fd = *(int *)ctx;
	size_t got = 0;

	while (got < n) {
		ssize_t r = pread(fd, (char *)buf + got, n - got,
		    (off_t)(off + got));

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		got += (size_t)r;
	}
	return 0;
}

static void
on_string(void *ctx, const char *s, size_t n, off_t off)
{
	(void)n;
	(void)off;
	sc_crypto_parse_string(ctx, s);
}

/* Feed a byte range of fd to the string marks. */
static void
scan_region(int fd, uint64_t off, uint64_t size,
    struct sc_crypto_parse_marks *m)
{
	struct sc_filescan_cb cb = { NULL, on_string, m, 6 };
	struct sc_filescan_state *st;
	unsigned char *buf;

	if (size > REGION_MAX)
		size = REGION_MAX;
	buf = sc_xmalloc(SC_FILESCAN_CHUNK);
	st = sc_filescan_begin(&cb);
	while (size > 0) {
		size_t n = size < SC_FILESCAN_CHUNK ? (size_t)size :
		    SC_FILESCAN_CHUNK;

		if (fd_read(&fd, off, buf, n) < 0)
			break;
		sc_filescan_feed(st, buf, n);
		off += n;
		size -= n;
	}
	sc_filescan_end(st);
	free(buf);
}

/* ---- the walk ------------------------------------------------------------------ */

static int
has_prefix(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

static int
ends_with(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);

	return n >= m && strcmp(s + n - m, suf) == 0;
}

static void
ino_key(char *buf, size_t n, dev_t dev, ino_t ino)
{
	snprintf(buf, n, "%llu:%llu", (unsigned long long)dev,
	    (unsigned long long)ino);
}

/* "3.0.15" of "OpenSSL 3.0.15 3 Sep 2024" */
static char *
version_word(const char *text)
{
	const char *v = strchr(text, ' ') ? strchr(text, ' ') + 1 : text;

	return sc_xstrndup(v, strcspn(v, " "));
}

static int
needs_libcrypto(const struct sc_strv *needed)
{
	for (size_t i = 0; i < needed->n; i++)
		if (has_prefix(needed->v[i], "libcrypto.so"))
			return 1;
	return 0;
}

/*
 * What one ELF file says, read from its bytes: computed once per file, or
 * once per shared image-layer file in an --all-containers run
 * (probes/filecache.h), then applied to the inventory.  The same apply
 * runs either way, so a shared file gives the verdicts its own read does.
 */
struct elf_facts {
	int ok;			/* an ELF file stigcheck could parse */
	int is_exec;
	const char *platform;	/* sc_crypto_parse_platform: a static string */
	struct sc_strv needed;
	char *runpath;
	int go;			/* has .go.buildinfo */
	int go_r;		/* sc_crypto_parse_go's return */
	struct sc_crypto_parse_go g;
	int go_crypto;
	int rodata;		/* .rodata was scanned for OpenSSL marks */
	char *openssl_version, *openssldir, *modulesdir;
	uint64_t ossl_names, ossl_files, go_algs;	/* families */
};

static void
elf_facts_free(void *p)
{
	struct elf_facts *f = p;

	if (f == NULL)
		return;
	sc_strv_free(&f->needed);
	free(f->runpath);
	sc_crypto_parse_go_clear(&f->g);
	free(f->openssl_version);
	free(f->openssldir);
	free(f->modulesdir);
	free(f);
}

static char *
dup_or_null(const char *s)
{
	return s ? sc_xstrdup(s) : NULL;
}

static int
is_node_name(const char *name)
{
	return strcmp(name, "node") == 0 || strcmp(name, "nodejs") == 0;
}

static void
go_facts(struct elf_facts *f, int fd, const struct sc_crypto_parse_elf *pe)
{
	struct sc_crypto_parse_marks m;
	unsigned char *buf;
	size_t n = pe->gobuildinfo.size < GOINFO_MAX ?
	    (size_t)pe->gobuildinfo.size : GOINFO_MAX;

	f->go = 1;
	buf = sc_xmalloc(n + 1);
	f->go_r = fd_read(&fd, pe->gobuildinfo.off, buf, n) < 0 ? -1 :
	    sc_crypto_parse_go(buf, n, &f->g);
	free(buf);
	if (f->go_r < 0)
		return;
	memset(&m, 0, sizeof(m));
	if (pe->gopclntab.size)
		scan_region(fd, pe->gopclntab.off, pe->gopclntab.size, &m);
	f->go_crypto = m.go_crypto;
	f->go_algs = m.go_algs;
	sc_crypto_parse_marks_clear(&m);
}

static struct elf_facts *
elf_facts_read(const char *name, int fd, uint64_t size, int known_lib)
{
	struct elf_facts *f = sc_xcalloc(1, sizeof(*f));
	struct sc_crypto_parse_elf pe;
	struct sc_crypto_parse_marks m;

	if (sc_crypto_parse_elf(fd_read, &fd, size, &pe) < 0)
		goto out;
	f->ok = 1;
	f->is_exec = pe.is_exec;
	f->platform = sc_crypto_parse_platform(&pe);
	f->needed = pe.needed;
	memset(&pe.needed, 0, sizeof(pe.needed));
	f->runpath = pe.runpath;
	pe.runpath = NULL;
	if (pe.gobuildinfo.size)
		go_facts(f, fd, &pe);
	/* a file that links libcrypto cannot carry it statically: skip it */
	if (!known_lib && pe.rodata.size && !pe.gobuildinfo.size &&
	    ((is_node_name(name) && pe.is_exec) ||
	    !needs_libcrypto(&f->needed))) {
		memset(&m, 0, sizeof(m));
		scan_region(fd, pe.rodata.off, pe.rodata.size, &m);
		f->rodata = 1;
		f->openssl_version = dup_or_null(m.openssl_version);
		f->openssldir = dup_or_null(m.openssldir);
		f->modulesdir = dup_or_null(m.modulesdir);
		f->ossl_names = m.ossl_names;
		f->ossl_files = m.ossl_files;
		sc_crypto_parse_marks_clear(&m);
	} else if (known_lib && has_prefix(name, "libcrypto.so") &&
	    pe.rodata.size) {
		/* the algorithm families of its providers */
		memset(&m, 0, sizeof(m));
		scan_region(fd, pe.rodata.off, pe.rodata.size, &m);
		f->ossl_names = m.ossl_names;
		f->ossl_files = m.ossl_files;
		sc_crypto_parse_marks_clear(&m);
	}
out:
	sc_crypto_parse_elf_clear(&pe);
	return f;
}

static void
go_entry(struct sc_crypto_inventory *inv, const struct sc_walk_entry *we,
    const struct elf_facts *f)
{
	struct sc_crypto_entry *e = add_entry(inv, SC_CRYPTO_GO, we, "Go");
	const struct sc_crypto_parse_go *g = &f->g;

	if (f->go_r == -2) {
		e->error = sc_xstrdup("Go build information in the layout of "
		    "Go before 1.18 (not read)");
		return;
	}
	if (f->go_r < 0) {
		e->error = sc_xstrdup(".go.buildinfo is not Go build "
		    "information stigcheck can read");
		return;
	}
	e->go.version = dup_or_null(g->version);
	e->go.path = dup_or_null(g->path);
	e->go.goexperiment = dup_or_null(g->goexperiment);
	e->go.cgo = dup_or_null(g->cgo);
	e->go.gofips140 = dup_or_null(g->gofips140);
	e->go.default_godebug = dup_or_null(g->default_godebug);
	e->go.boringcrypto = g->boringcrypto;
	e->version = sc_xstrdup(g->version);
	e->go_crypto = f->go_crypto;
	e->algs_go = f->go_algs;
	e->how = sc_xasprintf("Go build information in .go.buildinfo (%s); "
	    "%s", g->version, e->go_crypto ? "crypto/ functions in .gopclntab" :
	    "no crypto/ function in .gopclntab");
}

static void
record_elf(struct sc_crypto_inventory *inv, const struct sc_walk_entry *we,
    const struct elf_facts *f)
{
	struct elfrec *r;
	char key[64];

	SC_GROW(inv->elf, inv->capelf, inv->nelf + 1);
	r = &inv->elf[inv->nelf++];
	memset(r, 0, sizeof(*r));
	r->path = sc_xstrdup(we->path);
	r->dev = we->st->st_dev;
	r->ino = we->st->st_ino;
	r->root = f->is_exec && (we->st->st_mode & 0111);
	r->platform = f->platform;
	r->ossl_names = f->ossl_names;
	r->ossl_files = f->ossl_files;
	r->parent = -1;
	for (size_t i = 0; i < f->needed.n; i++)
		sc_strv_push(&r->needed, f->needed.v[i]);
	r->runpath = dup_or_null(f->runpath);
	ino_key(key, sizeof(key), r->dev, r->ino);
	sc_map_add(&inv->by_ino, key, (void *)(uintptr_t)inv->nelf);
}

static void
elf_facts_apply(struct sc_crypto_inventory *inv, const struct sc_walk_entry *we,
    const struct elf_facts *f)
{
	int is_node = is_node_name(we->name) && f->is_exec;

	if (!f->ok)
		return;
	record_elf(inv, we, f);
	if (has_prefix(we->name, "python") && f->is_exec)
		inv->has_python = 1;
	if (f->go)
		go_entry(inv, we, f);
	if (!f->rodata)
		return;
	if (f->openssl_version && !needs_libcrypto(&f->needed)) {
		struct sc_crypto_entry *e = add_entry(inv,
		    SC_CRYPTO_STATIC_OPENSSL, we, "OpenSSL");

		e->version = version_word(f->openssl_version);
		e->openssldir = dup_or_null(f->openssldir);
		e->modulesdir = dup_or_null(f->modulesdir);
		e->algs_names = f->ossl_names;
		e->algs_files = f->ossl_files;
		e->how = sc_xasprintf("OpenSSL version text \"%s\" in .rodata "
		    "and no DT_NEEDED libcrypto: linked statically",
		    f->openssl_version);
	}
	if (is_node) {
		struct sc_crypto_entry *e = add_entry(inv, SC_CRYPTO_NODE, we,
		    "Node.js");

		e->how = sc_xstrdup(f->openssl_version ? "an executable named "
		    "node with OpenSSL linked in" : "an executable named node");
		if (f->openssl_version)
			e->version = version_word(f->openssl_version);
		if (f->openssl_version && !needs_libcrypto(&f->needed)) {
			e->algs_names = f->ossl_names;
			e->algs_files = f->ossl_files;
		}
	}
}

static void
visit_elf(struct sc_crypto_inventory *inv, const struct sc_walk_entry *we,
    int known_lib)
{
	struct elf_facts *f = NULL;
	struct stat st;
	char *key = NULL;
	int fd = -1;

	key = sc_filecache_key(we->target, known_lib ? "elf:lib" : "elf",
	    we->path, we->st);
	if (key && (f = sc_filecache_get(we->target, key)) != NULL) {
		/* what opening it would have noted (the read digest) */
		sc_target_note_meta(we->target, we->path, we->st);
		elf_facts_apply(inv, we, f);
		goto out;
	}
	if (sc_target_open_file(we->target, we->path, &fd, &st, NULL) < 0)
		goto out;
	f = elf_facts_read(we->name, fd, (uint64_t)we->st->st_size, known_lib);
	elf_facts_apply(inv, we, f);
	if (key)
		sc_filecache_put(we->target, key, f, elf_facts_free);
	else
		elf_facts_free(f);
out:
	free(key);
	if (fd >= 0)
		close(fd);
}

static int
watch_fn(void *ctx, const struct sc_walk_entry *we)
{
	struct sc_crypto_inventory *inv = ctx;
	const char *nm = we->name;
	int known_lib = 0;

	if (we->event != SC_WALK_ENTRY || !S_ISREG(we->st->st_mode))
		return 0;
	inv->files++;
	for (size_t i = 0; i < NLIBNAMES; i++) {
		if (has_prefix(nm, libnames[i].prefix)) {
			add_entry(inv, libnames[i].kind, we, libnames[i].impl)->
			    share_key = sc_filecache_key(we->target, "strings",
			    we->path, we->st);
			known_lib = 1;
			break;
		}
	}
	if (strcmp(nm, "fips.so") == 0) {
		add_entry(inv, SC_CRYPTO_FIPS_PROVIDER, we, "OpenSSL");
		return 0;	/* loaded by libcrypto, never by DT_NEEDED */
	}
	if (strcmp(nm, "java.security") == 0 &&
	    (ends_with(we->path, "/conf/security/java.security") ||
	    ends_with(we->path, "/lib/security/java.security"))) {
		add_entry(inv, SC_CRYPTO_JAVA, we, "Java");
		return 0;
	}
	if (has_prefix(nm, "bc-fips") && ends_with(nm, ".jar")) {
		sc_strv_push(&inv->jars, we->path);
		return 0;
	}
	if ((has_prefix(nm, "_ssl.") || has_prefix(nm, "_hashlib.")) &&
	    strstr(nm, ".so")) {
		add_entry(inv, SC_CRYPTO_PYTHON, we, "Python");
		known_lib = 1;
	}
	if ((we->st->st_mode & 0111) || strstr(nm, ".so") != NULL)
		visit_elf(inv, we, known_lib);
	return 0;
}

void
sc_crypto_inventory_watch(struct sc_crypto_inventory *inv, struct sc_walk *w)
{
	struct sc_walk_spec spec = { "/", -1, SC_WALK_SAME_DEV |
		SC_WALK_LOCAL_ONLY, watch_fn, inv };

	sc_walk_add(w, &spec);
}

/* ---- after the walk --------------------------------------------------------------- */

static long
elf_at(struct sc_crypto_inventory *inv, struct sc_target *t, const char *path,
    struct sc_map *memo)
{
	void *v = sc_map_get(memo, path);
	struct stat st;
	char key[64];
	long idx = -1;

	if (v != NULL)
		return (long)(uintptr_t)v - 2;
	if (sc_target_stat(t, path, &st, NULL) == 0 && S_ISREG(st.st_mode)) {
		ino_key(key, sizeof(key), st.st_dev, st.st_ino);
		v = sc_map_get(&inv->by_ino, key);
		if (v != NULL)
			idx = (long)(uintptr_t)v - 1;
	}
	sc_map_put(memo, path, (void *)(uintptr_t)(idx + 2));
	return idx;
}

/* Resolve DT_NEEDED `name` of ELF i as the loader would; -1 if not found. */
static long
resolve(struct sc_crypto_inventory *inv, struct sc_target *t, size_t i,
    const char *name, struct sc_map *memo)
{
	const struct elfrec *r = &inv->elf[i];
	char *origin, *slash;
	long hit = -1;

	if (strchr(name, '/'))
		return name[0] == '/' ? elf_at(inv, t, name, memo) : -1;
	origin = sc_xstrdup(r->path);
	if ((slash = strrchr(origin, '/')) != NULL)
		*slash = '\0';
	for (const char *p = r->runpath; p && *p && hit < 0;) {
		size_t n = strcspn(p, ":");
		char *dir = sc_xstrndup(p, n), *full;

		if (has_prefix(dir, "$ORIGIN") || has_prefix(dir, "${ORIGIN}")) {
			const char *rest = dir + (dir[1] == '{' ? 9 : 7);

			full = sc_xasprintf("%s%s/%s", origin, rest, name);
		} else {
			full = sc_xasprintf("%s/%s", dir, name);
		}
		if (full[0] == '/')
			hit = elf_at(inv, t, full, memo);
		free(full);
		free(dir);
		p += n;
		if (*p == ':')
			p++;
	}
	for (size_t k = 0; hit < 0 && sc_libcrypto_dirs[k]; k++) {
		char *full = sc_xasprintf("%s/%s", sc_libcrypto_dirs[k], name);

		hit = elf_at(inv, t, full, memo);
		free(full);
	}
	free(origin);
	return hit;
}

/* An extension module (not a library a wheel bundles in NAME.libs/). */
static int
python_ext(const char *path)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;

	return (strstr(path, "/site-packages/") ||
	    strstr(path, "/dist-packages/") || strstr(path, "/lib-dynload/")) &&
	    strstr(path, ".libs/") == NULL && !has_prefix(base, "lib") &&
	    ends_with(base, ".so");
}

static void
reach(struct sc_crypto_inventory *inv, struct sc_target *t)
{
	struct sc_map memo = SC_MAP_INIT;
	size_t *queue = sc_xcalloc(inv->nelf + 1, sizeof(*queue));
	size_t head = 0, tail = 0;

	for (size_t i = 0; i < inv->nelf; i++) {
		struct elfrec *r = &inv->elf[i];

		if (r->root || (inv->has_python && python_ext(r->path))) {
			r->reached = 1;
			queue[tail++] = i;
		}
	}
	while (head < tail) {
		size_t i = queue[head++];

		for (size_t k = 0; k < inv->elf[i].needed.n; k++) {
			long j = resolve(inv, t, i, inv->elf[i].needed.v[k], &memo);

			if (j < 0 || inv->elf[j].reached)
				continue;
			inv->elf[j].reached = 1;
			inv->elf[j].parent = (long)i;
			inv->elf[j].via = inv->elf[i].needed.v[k];
			queue[tail++] = (size_t)j;
		}
	}
	free(queue);
	sc_map_free(&memo);
}

static const struct elfrec *
elf_by_path(const struct sc_crypto_inventory *inv, const char *path)
{
	for (size_t i = 0; i < inv->nelf; i++)
		if (strcmp(inv->elf[i].path, path) == 0)
			return &inv->elf[i];
	return NULL;
}

static void
set_reach(struct sc_crypto_inventory *inv, struct sc_crypto_entry *e)
{
	const struct elfrec *r = elf_by_path(inv, e->path);

	if (r == NULL) {
		e->reachable = 0;
		e->reach_how = sc_xstrdup("not an ELF file stigcheck could read: "
		    "nothing links it");
		return;
	}
	e->reachable = r->reached;
	e->platform = r->platform;
	if (r->root)
		e->reach_how = sc_xstrdup("an executable (PT_INTERP or ET_EXEC, "
		    "with an execute bit)");
	else if (r->reached && r->parent < 0)
		e->reach_how = sc_xstrdup("a Python extension module, and the "
		    "target has a Python interpreter");
	else if (r->reached)
		e->reach_how = sc_xasprintf("%s needs %s (DT_NEEDED, resolved "
		    "as the dynamic loader does: RUNPATH/RPATH, then the "
		    "standard directories)%s", inv->elf[r->parent].path, r->via,
		    inv->elf[r->parent].root ? "" : ", itself reachable");
	else
		e->reach_how = sc_xasprintf("no executable%s needs it, "
		    "directly or through another library (DT_NEEDED resolved "
		    "through RUNPATH/RPATH and the standard directories, over "
		    "%zu ELF files)", inv->has_python ? " or Python extension "
		    "module" : "", inv->nelf);
}

/* The libcrypto an ELF file resolves to: a new string, or NULL. */
static char *
links_libcrypto(struct sc_crypto_inventory *inv, struct sc_target *t,
    const char *path)
{
	struct sc_map memo = SC_MAP_INIT;
	char *out = NULL;

	for (size_t i = 0; i < inv->nelf && out == NULL; i++) {
		if (strcmp(inv->elf[i].path, path) != 0)
			continue;
		for (size_t k = 0; k < inv->elf[i].needed.n; k++) {
			const char *nm = inv->elf[i].needed.v[k];
			long j;

			if (!has_prefix(nm, "libcrypto.so"))
				continue;
			j = resolve(inv, t, i, nm, &memo);
			out = j >= 0 ? sc_xstrdup(inv->elf[j].path) :
			    sc_xasprintf("%s (not found in the target)", nm);
			break;
		}
	}
	sc_map_free(&memo);
	return out;
}

static void
marks_copy(struct sc_crypto_parse_marks *to,
    const struct sc_crypto_parse_marks *from)
{
	*to = *from;
	to->openssl_version = dup_or_null(from->openssl_version);
	to->openssldir = dup_or_null(from->openssldir);
	to->modulesdir = dup_or_null(from->modulesdir);
	to->libressl = dup_or_null(from->libressl);
	to->awslc = dup_or_null(from->awslc);
	to->wolfssl = dup_or_null(from->wolfssl);
}

static void *
marks_dup(const struct sc_crypto_parse_marks *m)
{
	struct sc_crypto_parse_marks *d = sc_xmalloc(sizeof(*d));

	marks_copy(d, m);
	return d;
}

static void
marks_free(void *p)
{
	sc_crypto_parse_marks_clear(p);
	free(p);
}

static void
lib_strings(struct sc_crypto_entry *e, struct sc_target *t)
{
	struct sc_filescan_cb cb = { NULL, on_string, NULL, 6 };
	struct sc_crypto_parse_marks m;
	const struct sc_crypto_parse_marks *cached;
	struct sc_err err = SC_ERR_INIT;
	const char *dot;

	memset(&m, 0, sizeof(m));
	cb.ctx = &m;
	cached = e->share_key ? sc_filecache_get(t, e->share_key) : NULL;
	if (cached)
		cb.string = NULL;	/* read (for the read digest) only */
	if (sc_filescan(t, e->path, &cb, NULL, &err) < 0) {
		e->error = sc_xstrdup(err.msg);
		return;
	}
	if (cached)
		marks_copy(&m, cached);
	else if (e->share_key)
		sc_filecache_put(t, e->share_key, marks_dup(&m), marks_free);
	if (m.awslc) {
		free(e->impl);
		e->impl = sc_xstrdup(m.awslc_fips ? "AWS-LC FIPS" : "AWS-LC");
		e->version = sc_xstrdup(m.awslc + (m.awslc_fips ? 12 : 7));
		e->awslc_fips = m.awslc_fips;
		e->how = sc_xasprintf("version string \"%s\"", m.awslc);
	} else if (m.libressl) {
		free(e->impl);
		e->impl = sc_xstrdup("LibreSSL");
		e->version = sc_xstrdup(m.libressl + 9);
		e->how = sc_xasprintf("version string \"%s\"", m.libressl);
	} else if (m.boringssl && m.openssl_version == NULL) {
		free(e->impl);
		e->impl = sc_xstrdup("BoringSSL");
		e->how = sc_xstrdup("the string \"BoringSSL\" (BoringSSL prints "
		    "no version)");
	} else if (m.openssl_version &&
	    (e->kind == SC_CRYPTO_LIBCRYPTO || e->kind == SC_CRYPTO_LIBSSL)) {
		e->version = version_word(m.openssl_version);
		e->how = sc_xasprintf("version text \"%s\"", m.openssl_version);
	} else if (m.wolfssl) {
		e->version = sc_xstrdup(m.wolfssl);
		e->how = sc_xasprintf("string \"%s\"", m.wolfssl);
	}
	if (e->how == NULL && (dot = strstr(e->path, ".so.")) != NULL) {
		e->version = sc_xstrdup(dot + 4);
		e->how = sc_xasprintf("file name (soname version %s; the "
		    "library prints no version string)", dot + 4);
	} else if (e->how == NULL) {
		e->how = sc_xstrdup("file name");
	}
	e->openssldir = m.openssldir;
	e->modulesdir = m.modulesdir;
	m.openssldir = m.modulesdir = NULL;
	sc_crypto_parse_marks_clear(&m);
}

/*
 * The platform of the ELF file at path, or NULL; and the OpenSSL
 * provider algorithm families its .rodata shows.
 */
static const char *
provider_elf(struct sc_target *t, struct sc_crypto_entry *e)
{
	struct sc_crypto_parse_elf pe;
	struct sc_crypto_parse_marks m;
	const char *p = NULL;
	struct stat st;
	int fd = -1;

	if (sc_target_open_file(t, e->path, &fd, &st, NULL) < 0)
		return NULL;
	if (sc_crypto_parse_elf(fd_read, &fd, (uint64_t)st.st_size, &pe) == 0) {
		p = sc_crypto_parse_platform(&pe);
		memset(&m, 0, sizeof(m));
		if (pe.rodata.size)
			scan_region(fd, pe.rodata.off, pe.rodata.size, &m);
		e->algs_names = m.ossl_names;
		e->algs_files = m.ossl_files;
		sc_crypto_parse_marks_clear(&m);
	}
	sc_crypto_parse_elf_clear(&pe);
	close(fd);
	return p;
}

static void
fips_provider(struct sc_crypto_entry *e, struct sc_target *t)
{
	struct sc_err err = SC_ERR_INIT;
	struct sc_fipsmod fm;

	memset(&fm, 0, sizeof(fm));
	if (sc_probe_hash_file(t, e->path, "sha256", e->sha256, &err) < 0) {
		e->error = sc_xstrdup(err.msg);
		return;
	}
	if (sc_fipsmod_probe(t, e->path, NULL, &fm, &err) == 0) {
		e->version = fm.version ? sc_xstrdup(fm.version) : NULL;
		e->module_name = fm.name ? sc_xstrdup(fm.name) : NULL;
	}
	sc_fipsmod_clear(&fm);
	e->platform = provider_elf(t, e);
	e->how = sc_xasprintf("provider name \"%s\" and version \"%s\" read "
	    "from the module; SHA-256 %s", e->module_name ? e->module_name :
	    "(none)", e->version ? e->version : "(none)", e->sha256);
	e->reachable = -1;
	e->reach_how = sc_xstrdup("a provider module is loaded by libcrypto "
	    "when a configuration names it, not by DT_NEEDED");
}

/* JAVA_VERSION="17.0.15" from HOME/release (the JDK's), or NULL. */
static char *
java_version(struct sc_target *t, const char *home)
{
	struct sc_buf b = SC_BUF_INIT;
	char *path = sc_xasprintf("%s/release", home), *v = NULL;
	const char *p, *q;

	if (sc_target_read_file(t, path, 64u << 10, &b, NULL, NULL) < 0)
		goto out;
	for (p = b.data; p && p < b.data + b.len; p = q ? q + 1 : NULL) {
		size_t n;

		q = memchr(p, '\n', (size_t)(b.data + b.len - p));
		n = q ? (size_t)(q - p) : (size_t)(b.data + b.len - p);
		if (n > 15 && strncmp(p, "JAVA_VERSION=\"", 14) == 0 &&
		    p[n - 1] == '"' && n - 15 < 64) {
			v = sc_xstrndup(p + 14, n - 15);
			break;
		}
	}
	/* a version is digits, dots, '+', '-', '_' and letters only */
	for (size_t i = 0; v && v[i]; i++)
		if (!isalnum((unsigned char)v[i]) && !strchr(".+-_", v[i]))
			SC_FREE(v);
out:
	sc_buf_free(&b);
	free(path);
	return v;
}

static void
java_entry(struct sc_crypto_inventory *inv, struct sc_crypto_entry *e,
    struct sc_target *t)
{
	static const char *const envs[] = { "JAVA_TOOL_OPTIONS",
		"JDK_JAVA_OPTIONS", "_JAVA_OPTIONS", NULL };
	struct sc_crypto_parse_java j;
	struct sc_buf b = SC_BUF_INIT, how = SC_BUF_INIT;
	struct sc_err err = SC_ERR_INIT;
	/* JAVA_HOME: the path without {conf,lib}/security/java.security */
	size_t hl = strlen(e->path) - strlen("/security/java.security");
	char *home = sc_xstrndup(e->path, hl), *java, *sl, *ov = NULL;
	const struct elfrec *jr;
	size_t ov_env = 0;
	int replace = 0;
	struct stat st;

	if ((sl = strrchr(home, '/')) != NULL)
		*sl = '\0';
	memset(&j, 0, sizeof(j));
	sc_buf_reset(&how);
	if (sc_target_read_file(t, e->path, 4u << 20, &b, NULL, &err) < 0) {
		e->error = sc_xstrdup(err.msg);
		goto out;
	}
	sc_crypto_parse_java(&j, b.data, b.len, 0);
	sc_buf_addf(&how, "security.provider.N in %s", e->path);
	/*
	 * One java.security.properties value reaches the JVM: the last
	 * -D wins, and the JVM reads JAVA_TOOL_OPTIONS before the command
	 * line (JDK_JAVA_OPTIONS is prepended to it) and _JAVA_OPTIONS
	 * after it.  The JDK honours it only when its own java.security
	 * says security.overridePropertiesFile=true.
	 */
	for (size_t i = 0; envs[i]; i++) {
		const char *v = sc_target_getenv(t, envs[i]);
		int rep;
		char *f = v ? sc_crypto_parse_java_override(v, &rep) : NULL;

		if (f == NULL)
			continue;
		if (ov)
			sc_buf_addf(&how, "; %s in %s is superseded by %s",
			    ov, envs[ov_env], envs[i]);
		free(ov);
		ov = f;
		ov_env = i;
		replace = rep;
	}
	if (ov && !j.override_allowed) {
		sc_buf_addf(&how, "; %s names %s (-Djava.security.properties), "
		    "which the JDK ignores: %s does not set "
		    "security.overridePropertiesFile=true", envs[ov_env], ov,
		    e->path);
	} else if (ov) {
		sc_buf_reset(&b);
		if (sc_target_read_file(t, ov, 4u << 20, &b, NULL, &err) < 0) {
			sc_buf_addf(&how, "; %s names %s, which cannot be read "
			    "(%s)", envs[ov_env], ov, err.msg);
		} else {
			sc_crypto_parse_java(&j, b.data, b.len, replace);
			sc_buf_addf(&how, "; then %s from %s "
			    "(-Djava.security.properties%s), set in %s", replace ?
			    "replaced" : "overridden", ov, replace ? "==" : "=",
			    envs[ov_env]);
		}
	}
	free(ov);
	for (size_t i = 0; i < SC_CRYPTO_PARSE_MAX_PROVIDERS; i++)
		if (j.providers[i])
			sc_strv_push(&e->providers, j.providers[i]);
	if (inv->jars.n) {
		sc_buf_addf(&how, "; bc-fips jars:");
		for (size_t i = 0; i < inv->jars.n; i++) {
			sc_buf_addf(&how, " %s", inv->jars.v[i]);
			sc_strv_push(&e->jars, inv->jars.v[i]);
		}
	} else {
		sc_buf_adds(&how, "; no bc-fips jar in the target");
	}
	e->providers_how = sc_buf_detach(&how);
	e->version = java_version(t, home);
	e->how = sc_xasprintf("a Java runtime's security properties (JAVA_HOME "
	    "%s); version %s", home, e->version ? "JAVA_VERSION in its release "
	    "file" : "unknown (no JAVA_VERSION in its release file)");
	java = sc_xasprintf("%s/bin/java", home);
	if ((jr = elf_by_path(inv, java)) != NULL)
		e->platform = jr->platform;
	e->reachable = sc_target_stat(t, java, &st, NULL) == 0 &&
	    S_ISREG(st.st_mode) && (st.st_mode & 0111);
	e->reach_how = sc_xasprintf("%s %s", java, e->reachable ?
	    "is an executable: the runtime can run" : "is absent: nothing runs "
	    "this runtime");
	free(java);
out:
	sc_crypto_parse_java_clear(&j);
	sc_buf_free(&b);
	sc_buf_free(&how);
	free(home);
}

static int
entry_cmp(const void *a, const void *b)
{
	const struct sc_crypto_entry *x = a, *y = b;
	int c = strcmp(x->path, y->path);

	return c ? c : (int)x->kind - (int)y->kind;
}

void
sc_crypto_inventory_build(struct sc_crypto_inventory *inv,
    struct sc_target *t)
{
	if (inv == NULL || inv->built)
		return;
	inv->built = 1;
	reach(inv, t);
	for (size_t i = 0; i < inv->n; i++) {
		struct sc_crypto_entry *e = &inv->e[i];
		const struct elfrec *r;
		const char *opts;

		switch (e->kind) {
		case SC_CRYPTO_LIBCRYPTO:
		case SC_CRYPTO_OTHER_LIB:
			lib_strings(e, t);
			set_reach(inv, e);
			if (e->kind == SC_CRYPTO_LIBCRYPTO &&
			    (r = elf_by_path(inv, e->path)) != NULL) {
				e->algs_names = r->ossl_names;
				e->algs_files = r->ossl_files;
			}
			break;
		case SC_CRYPTO_LIBSSL:
			lib_strings(e, t);
			set_reach(inv, e);
			e->links = links_libcrypto(inv, t, e->path);
			break;
		case SC_CRYPTO_FIPS_PROVIDER:
			fips_provider(e, t);
			break;
		case SC_CRYPTO_STATIC_OPENSSL:
		case SC_CRYPTO_GO:
			set_reach(inv, e);
			break;
		case SC_CRYPTO_JAVA:
			java_entry(inv, e, t);
			break;
		case SC_CRYPTO_PYTHON:
			set_reach(inv, e);
			e->links = links_libcrypto(inv, t, e->path);
			e->how = sc_xasprintf("a Python extension module; links %s",
			    e->links ? e->links : "no libcrypto (OpenSSL "
			    "linked in, or none)");
			break;
		case SC_CRYPTO_NODE:
			set_reach(inv, e);
			e->links = links_libcrypto(inv, t, e->path);
			opts = sc_target_getenv(t, "NODE_OPTIONS");
			if (opts && strstr(opts, "--force-fips"))
				e->node_fips_flag = sc_xstrdup("--force-fips");
			else if (opts && strstr(opts, "--enable-fips"))
				e->node_fips_flag = sc_xstrdup("--enable-fips");
			break;
		}
	}
	if (inv->n > 1)
		qsort(inv->e, inv->n, sizeof(inv->e[0]), entry_cmp);
}

const struct sc_crypto_entry *
sc_crypto_inventory_entries(const struct sc_crypto_inventory *inv, size_t *n)
{
	*n = inv ? inv->n : 0;
	return inv ? inv->e : NULL;
}

void
sc_crypto_inventory_counts(const struct sc_crypto_inventory *inv,
    unsigned long *files, unsigned long *elfs)
{
	*files = inv ? inv->files : 0;
	*elfs = inv ? inv->nelf : 0;
}

const char *
sc_crypto_entry_alg_how(const struct sc_crypto_entry *e, unsigned bit)
{
	uint64_t b = bit < 64 ? (uint64_t)1 << bit : 0;

	if (e->algs_go & b)
		return "function names in .gopclntab";
	if ((e->algs_names & b) && (e->algs_files & b))
		return "provider algorithm names and implementation source "
		    "file names in read-only data (.rodata)";
	if (e->algs_names & b)
		return "provider algorithm names in read-only data (.rodata)";
	if (e->algs_files & b)
		return "provider implementation source file names in "
		    "read-only data (.rodata)";
	return NULL;
}

int
sc_crypto_entry_is(struct sc_target *t, const struct sc_crypto_entry *e,
    const char *path)
{
	struct stat st;

	return path && sc_target_stat(t, path, &st, NULL) == 0 &&
	    st.st_dev == e->dev && st.st_ino == e->ino;
}

void
sc_crypto_inventory_free(struct sc_crypto_inventory *inv)
{
	if (inv == NULL)
		return;
	for (size_t i = 0; i < inv->n; i++) {
		struct sc_crypto_entry *e = &inv->e[i];

		free(e->path);
		free(e->impl);
		free(e->version);
		free(e->how);
		free(e->reach_how);
		free(e->openssldir);
		free(e->modulesdir);
		free(e->module_name);
		free(e->links);
		sc_crypto_parse_go_clear(&e->go);
		free(e->share_key);
		sc_strv_free(&e->providers);
		free(e->providers_how);
		sc_strv_free(&e->jars);
		free(e->node_fips_flag);
		free(e->error);
	}
	free(inv->e);
	for (size_t i = 0; i < inv->nelf; i++) {
		free(inv->elf[i].path);
		sc_strv_free(&inv->elf[i].needed);
		free(inv->elf[i].runpath);
	}
	free(inv->elf);
	sc_map_free(&inv->by_ino);
	sc_strv_free(&inv->jars);
	free(inv);
}
