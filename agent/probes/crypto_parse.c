/*
 * crypto_parse.c - byte scanners for the crypto inventory (crypto_parse.h).
 */
#include "probes/crypto_parse.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "probes/filescan.h"

/* ---- ELF ------------------------------------------------------------------- */

#define PT_LOAD_ 1
#define PT_DYNAMIC_ 2
#define PT_INTERP_ 3
#define DT_NEEDED_ 1
#define DT_STRTAB_ 5
#define DT_STRSZ_ 10
#define DT_SONAME_ 14
#define DT_RPATH_ 15
#define DT_RUNPATH_ 29
#define MAX_PHNUM 4096
#define MAX_SHNUM 65535
#define MAX_DYN 8192

struct elfr {
	sc_crypto_parse_read_fn rd;
	void *ctx;
	uint64_t size;
	int le, b64;
};

static uint64_t
get(const struct elfr *r, const unsigned char *p, int n)
{
	uint64_t v = 0;

	for (int i = 0; i < n; i++)
		v |= (uint64_t)p[r->le ? i : n - 1 - i] << (8 * i);
	return v;
}

static int
rd(const struct elfr *r, uint64_t off, void *buf, size_t n)
{
	if (off > r->size || n > r->size - off)
		return -1;
	return r->rd(r->ctx, off, buf, n);
}

/* A NUL-terminated string at off (at most MAX_STR bytes), or NULL. */
static char *
rd_str(const struct elfr *r, uint64_t off, uint64_t limit)
{
	char buf[SC_CRYPTO_PARSE_MAX_STR + 1];
	size_t n = SC_CRYPTO_PARSE_MAX_STR;

	if (off >= r->size || off >= limit)
		return NULL;
	if (n > r->size - off)
		n = (size_t)(r->size - off);
	if (n > limit - off)
		n = (size_t)(limit - off);
	if (rd(r, off, buf, n) < 0)
		return NULL;
	buf[n] = '\0';
	if (memchr(buf, '\0', n) == NULL)
		return NULL;
	return sc_xstrdup(buf);
}

struct load { uint64_t vaddr, off, filesz; };

static int
vaddr_to_off(const struct load *l, size_t nl, uint64_t va, uint64_t *off)
{
	for (size_t i = 0; i < nl; i++)
		if (va >= l[i].vaddr && va - l[i].vaddr < l[i].filesz) {
			*off = l[i].off + (va - l[i].vaddr);
			return 0;
		}
	return -1;
}

static int
read_dynamic(const struct elfr *r, uint64_t doff, uint64_t dsz,
    const struct load *loads, size_t nl, struct sc_crypto_parse_elf *out)
{
	size_t esz = r->b64 ? 16 : 8, n = (size_t)(dsz / esz);
	unsigned char e[16];
	uint64_t strtab = 0, strsz = 0, stroff, soname = UINT64_MAX;
	uint64_t rpath = UINT64_MAX, runpath = UINT64_MAX;
	uint64_t needed[SC_CRYPTO_PARSE_MAX_NEEDED];
	size_t nn = 0;

	if (n > MAX_DYN)
		n = MAX_DYN;
	for (size_t i = 0; i < n; i++) {
		uint64_t tag, val;

		if (rd(r, doff + i * esz, e, esz) < 0)
			return -1;
		tag = get(r, e, (int)esz / 2);
		val = get(r, e + esz / 2, (int)esz / 2);
		if (tag == 0)
			break;
		if (tag == DT_NEEDED_ && nn < SC_CRYPTO_PARSE_MAX_NEEDED)
			needed[nn++] = val;
		else if (tag == DT_STRTAB_)
			strtab = val;
		else if (tag == DT_STRSZ_)
			strsz = val;
		else if (tag == DT_SONAME_)
			soname = val;
		else if (tag == DT_RPATH_)
			rpath = val;
		else if (tag == DT_RUNPATH_)
			runpath = val;
	}
	if (strtab == 0 || vaddr_to_off(loads, nl, strtab, &stroff) < 0)
		return nn ? -1 : 0;
	if (strsz == 0 || strsz > r->size - stroff)
		strsz = r->size - stroff;
	for (size_t i = 0; i < nn; i++) {
		char *s = needed[i] < strsz ? rd_str(r, stroff + needed[i],
		    stroff + strsz) : NULL;

		if (s)
			sc_strv_push_owned(&out->needed, s);
	}
	if (soname < strsz)
		out->soname = rd_str(r, stroff + soname, stroff + strsz);
	if (runpath < strsz)
		out->runpath = rd_str(r, stroff + runpath, stroff + strsz);
	else if (rpath < strsz)
		out->runpath = rd_str(r, stroff + rpath, stroff + strsz);
	return 0;
}

static void
read_sections(const struct elfr *r, uint64_t shoff, unsigned shnum,
    unsigned shentsize, unsigned shstrndx, struct sc_crypto_parse_elf *out)
{
	unsigned char sh[64];
	uint64_t stroff, strsize;
	size_t need = r->b64 ? 64 : 40;

	if (shoff == 0 || shnum == 0 || shnum > MAX_SHNUM || shentsize < need ||
	    shstrndx >= shnum)
		return;
	if (rd(r, shoff + (uint64_t)shstrndx * shentsize, sh, need) < 0)
		return;
	stroff = r->b64 ? get(r, sh + 24, 8) : get(r, sh + 16, 4);
	strsize = r->b64 ? get(r, sh + 32, 8) : get(r, sh + 20, 4);
	if (stroff > r->size || strsize > r->size - stroff)
		return;
	for (unsigned i = 0; i < shnum; i++) {
		struct sc_crypto_parse_section *dst = NULL;
		uint64_t name, off, size, type;
		char nm[16];

		if (rd(r, shoff + (uint64_t)i * shentsize, sh, need) < 0)
			return;
		name = get(r, sh, 4);
		type = get(r, sh + 4, 4);
		off = r->b64 ? get(r, sh + 24, 8) : get(r, sh + 16, 4);
		size = r->b64 ? get(r, sh + 32, 8) : get(r, sh + 20, 4);
		if (name >= strsize || type == 8 /* SHT_NOBITS */)
			continue;
		memset(nm, 0, sizeof(nm));
		if (rd(r, stroff + name, nm, (size_t)(strsize - name < 15 ?
		    strsize - name : 15)) < 0)
			continue;
		if (strcmp(nm, ".rodata") == 0)
			dst = &out->rodata;
		else if (strcmp(nm, ".go.buildinfo") == 0)
			dst = &out->gobuildinfo;
		else if (strcmp(nm, ".gopclntab") == 0)
			dst = &out->gopclntab;
		if (dst && off <= r->size && size <= r->size - off) {
			dst->off = off;
			dst->size = size;
		}
	}
}

const char *
sc_crypto_parse_platform(const struct sc_crypto_parse_elf *e)
{
	switch (e->machine) {
	case 62:	/* EM_X86_64 */
		return "x86_64";
	case 3:		/* EM_386 */
		return "x86_32";
	case 183:	/* EM_AARCH64 */
		return "armv8-a";
	case 40:	/* EM_ARM */
		return "armv7-a";
	case 22:	/* EM_S390 */
		return e->bits == 64 ? "s390x" : "other";
	case 21:	/* EM_PPC64 */
		return e->le ? "ppc64le" : "ppc64";
	default:
		return "other";
	}
}

int
sc_crypto_parse_elf(sc_crypto_parse_read_fn rdfn, void *ctx, uint64_t size,
    struct sc_crypto_parse_elf *out)
{
	struct elfr r = { rdfn, ctx, size, 1, 1 };
	unsigned char h[64], ph[56];
	uint64_t phoff, shoff, doff = 0, dsz = 0;
	unsigned phnum, phentsize, shnum, shentsize, shstrndx;
	struct load *loads = NULL;
	size_t nl = 0, capl = 0;
	int ret = -1, have_dyn = 0;

	memset(out, 0, sizeof(*out));
	if (size < 52 || rd(&r, 0, h, size < 64 ? 52 : 64) < 0 ||
	    memcmp(h, "\177ELF", 4) != 0 || (h[4] != 1 && h[4] != 2) ||
	    (h[5] != 1 && h[5] != 2))
		return -1;
	r.b64 = h[4] == 2;
	r.le = h[5] == 1;
	if (r.b64 && size < 64)
		return -1;
	out->bits = r.b64 ? 64 : 32;
	out->le = r.le;
	out->machine = (unsigned)get(&r, h + 18, 2);
	out->is_exec = get(&r, h + 16, 2) == 2;	/* ET_EXEC: static, Go */
	phoff = r.b64 ? get(&r, h + 32, 8) : get(&r, h + 28, 4);
	shoff = r.b64 ? get(&r, h + 40, 8) : get(&r, h + 32, 4);
	phentsize = (unsigned)get(&r, h + (r.b64 ? 54 : 42), 2);
	phnum = (unsigned)get(&r, h + (r.b64 ? 56 : 44), 2);
	shentsize = (unsigned)get(&r, h + (r.b64 ? 58 : 46), 2);
	shnum = (unsigned)get(&r, h + (r.b64 ? 60 : 48), 2);
	shstrndx = (unsigned)get(&r, h + (r.b64 ? 62 : 50), 2);
	if (phnum > MAX_PHNUM || (phnum && phentsize < (r.b64 ? 56u : 32u)))
		goto out;
	for (unsigned i = 0; i < phnum; i++) {
		uint64_t type, off, va, filesz;

		if (rd(&r, phoff + (uint64_t)i * phentsize, ph, r.b64 ? 56 :
		    32) < 0)
			goto out;
		type = get(&r, ph, 4);
		off = r.b64 ? get(&r, ph + 8, 8) : get(&r, ph + 4, 4);
		va = r.b64 ? get(&r, ph + 16, 8) : get(&r, ph + 8, 4);
		filesz = r.b64 ? get(&r, ph + 32, 8) : get(&r, ph + 16, 4);
		if (type == PT_INTERP_) {
			out->is_exec = 1;
		} else if (type == PT_DYNAMIC_) {
			doff = off;
			dsz = filesz;
			have_dyn = 1;
		} else if (type == PT_LOAD_) {
			SC_GROW(loads, capl, nl + 1);
			loads[nl].vaddr = va;
			loads[nl].off = off;
			loads[nl].filesz = filesz;
			nl++;
		}
	}
	if (have_dyn && read_dynamic(&r, doff, dsz, loads, nl, out) < 0)
		goto out;
	read_sections(&r, shoff, shnum, shentsize, shstrndx, out);
	ret = 0;
out:
	free(loads);
	if (ret < 0) {
		sc_crypto_parse_elf_clear(out);
		memset(out, 0, sizeof(*out));
	}
	return ret;
}

struct memsrc {
	const unsigned char *p;
	size_t n;
};

static int
mem_read(void *ctx, uint64_t off, void *buf, size_t n)
{
	const struct memsrc *m = ctx;

	if (off > m->n || n > m->n - off)
		return -1;
	memcpy(buf, m->p + off, n);
	return 0;
}

int
sc_crypto_parse_elf_mem(const void *p, size_t n,
    struct sc_crypto_parse_elf *out)
{
	struct memsrc m = { p, n };

	return sc_crypto_parse_elf(mem_read, &m, n, out);
}

void
sc_crypto_parse_elf_clear(struct sc_crypto_parse_elf *e)
{
	if (e == NULL)
		return;
	sc_strv_free(&e->needed);
	SC_FREE(e->soname);
	SC_FREE(e->runpath);
}

/* ---- strings ----------------------------------------------------------------- */

static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May",
	"Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", NULL };

int
sc_crypto_parse_is_openssl_version(const char *s)
{
	const char *p;
	int day, year, dots = 0;
	char mon[4], rest;

	if (strncmp(s, "OpenSSL ", 8) != 0 || !isdigit((unsigned char)s[8]))
		return 0;
	for (p = s + 8; isdigit((unsigned char)*p) || *p == '.'; p++)
		dots += *p == '.';
	if (dots != 2)
		return 0;
	while (isalpha((unsigned char)*p))	/* 1.1.1w */
		p++;
	if (strncmp(p, "-fips", 5) == 0)
		p += 5;
	if (*p != ' ')
		return 0;
	if (sscanf(p, " %d %3s %d%c", &day, mon, &year, &rest) != 3 ||
	    day < 1 || day > 31 || year < 1998 || year > 2200)
		return 0;
	for (size_t i = 0; months[i]; i++)
		if (strcmp(mon, months[i]) == 0)
			return 1;
	return 0;
}

static char *
quoted_after(const char *s, const char *prefix)
{
	size_t pl = strlen(prefix), n = strlen(s);

	if (strncmp(s, prefix, pl) != 0 || n < pl + 2 || s[pl] != '"' ||
	    s[n - 1] != '"')
		return NULL;
	return sc_xstrndup(s + pl + 1, n - pl - 2);
}

/* "PREFIX 1.2.3..." with a digit after the prefix */
static int
versioned(const char *s, const char *prefix)
{
	size_t pl = strlen(prefix);

	return strncmp(s, prefix, pl) == 0 && isdigit((unsigned char)s[pl]);
}

void
sc_crypto_parse_string(struct sc_crypto_parse_marks *m, const char *s)
{
	char *q;

	sc_crypto_parse_ossl_algs(s, &m->ossl_names, &m->ossl_files);
	m->go_algs |= sc_crypto_parse_go_algs(s);
	if (m->openssl_version == NULL && sc_crypto_parse_is_openssl_version(s))
		m->openssl_version = sc_xstrdup(s);
	else if (m->openssldir == NULL &&
	    (q = quoted_after(s, "OPENSSLDIR: ")) != NULL)
		m->openssldir = q;
	else if (m->modulesdir == NULL &&
	    (q = quoted_after(s, "MODULESDIR: ")) != NULL)
		m->modulesdir = q;
	else if (m->libressl == NULL && versioned(s, "LibreSSL "))
		m->libressl = sc_xstrndup(s, strnlen(s, 40));
	else if (m->awslc == NULL && (versioned(s, "AWS-LC ") ||
	    versioned(s, "AWS-LC FIPS "))) {
		m->awslc = sc_xstrndup(s, strnlen(s, 40));
		m->awslc_fips = strncmp(s, "AWS-LC FIPS ", 12) == 0;
	} else if (!m->boringssl && strcmp(s, "BoringSSL") == 0)
		m->boringssl = 1;
	else if (m->wolfssl == NULL && (strncmp(s, "wolfSSL ", 8) == 0 ||
	    strncmp(s, "wolfCrypt ", 10) == 0) && strlen(s) < 80)
		m->wolfssl = sc_xstrdup(s);
	else if (!m->go_crypto && strncmp(s, "crypto/", 7) == 0 &&
	    strchr(s, '.') != NULL)
		m->go_crypto = 1;
	else if (!m->node && strcmp(s, "--force-fips") == 0)
		m->node = 1;
}

static void
on_string(void *ctx, const char *s, size_t n, off_t off)
{
	(void)n;
	(void)off;
	sc_crypto_parse_string(ctx, s);
}

void
sc_crypto_parse_strings_mem(struct sc_crypto_parse_marks *m, const void *p,
    size_t n)
{
	struct sc_filescan_cb cb = { NULL, on_string, m, 6 };

	sc_filescan_mem(p, n, &cb);
}

void
sc_crypto_parse_marks_clear(struct sc_crypto_parse_marks *m)
{
	if (m == NULL)
		return;
	free(m->openssl_version);
	free(m->openssldir);
	free(m->modulesdir);
	free(m->libressl);
	free(m->awslc);
	free(m->wolfssl);
	memset(m, 0, sizeof(*m));
}

/* ---- Go build information ----------------------------------------------------- */

static const char go_magic[] = "\xff Go buildinf:";

/* A uvarint-prefixed string at *pos; NULL when malformed. */
static char *
go_string(const unsigned char *p, size_t n, size_t *pos)
{
	uint64_t len = 0;
	int shift = 0;

	while (*pos < n && shift < 64) {
		unsigned char c = p[(*pos)++];

		len |= (uint64_t)(c & 0x7f) << shift;
		if (!(c & 0x80))
			break;
		shift += 7;
		if (*pos == n)
			return NULL;
	}
	if (shift >= 64 || len > n - *pos || len > (1u << 20))
		return NULL;
	*pos += (size_t)len;
	return sc_xstrndup((const char *)p + *pos - len, (size_t)len);
}

static void
go_setting(char **dst, const char *line, const char *key)
{
	size_t kl = strlen(key);

	if (strncmp(line, "build\t", 6) == 0 && strncmp(line + 6, key, kl) == 0 &&
	    line[6 + kl] == '=') {
		free(*dst);
		*dst = sc_xstrdup(line + 7 + kl);
	}
}

int
sc_crypto_parse_go(const void *vp, size_t n, struct sc_crypto_parse_go *g)
{
	const unsigned char *p = vp;
	size_t pos = 32;
	char *mod = NULL, *line, *save = NULL;

	memset(g, 0, sizeof(*g));
	if (n < 32 || memcmp(p, go_magic, 14) != 0)
		return -1;
	if (!(p[15] & 2))
		return -2;
	if ((g->version = go_string(p, n, &pos)) == NULL ||
	    (mod = go_string(p, n, &pos)) == NULL) {
		sc_crypto_parse_go_clear(g);
		return -1;
	}
	/* modinfo is framed by 16-byte sentinels */
	if (strlen(mod) >= 33) {
		memmove(mod, mod + 16, strlen(mod + 16) + 1);
		mod[strlen(mod) - 16] = '\0';
	}
	for (line = strtok_r(mod, "\n", &save); line;
	    line = strtok_r(NULL, "\n", &save)) {
		if (strncmp(line, "path\t", 5) == 0 && g->path == NULL)
			g->path = sc_xstrdup(line + 5);
		go_setting(&g->goexperiment, line, "GOEXPERIMENT");
		go_setting(&g->cgo, line, "CGO_ENABLED");
		go_setting(&g->gofips140, line, "GOFIPS140");
		go_setting(&g->default_godebug, line, "DefaultGODEBUG");
	}
	free(mod);
	g->boringcrypto = (g->goexperiment &&
	    strstr(g->goexperiment, "boringcrypto") != NULL) ||
	    strstr(g->version, "boringcrypto") != NULL;
	return 0;
}

void
sc_crypto_parse_go_clear(struct sc_crypto_parse_go *g)
{
	if (g == NULL)
		return;
	free(g->version);
	free(g->path);
	free(g->goexperiment);
	free(g->cgo);
	free(g->gofips140);
	free(g->default_godebug);
	memset(g, 0, sizeof(*g));
}

char *
sc_crypto_parse_godebug(const char *godebug, const char *key)
{
	size_t kl = strlen(key);
	char *val = NULL;

	for (const char *p = godebug; p && *p;) {
		size_t n = strcspn(p, ",");

		while (n && isspace((unsigned char)*p)) {
			p++;
			n--;
		}
		if (n > kl && strncmp(p, key, kl) == 0 && p[kl] == '=') {
			free(val);
			val = sc_xstrndup(p + kl + 1, n - kl - 1);
		}
		p += n;
		if (*p == ',')
			p++;
	}
	return val;
}

/* ---- Java security properties ---------------------------------------------------- */

/* One logical line of a properties file, continuations joined. */
static size_t
java_line(const char *t, size_t n, size_t i, struct sc_buf *b)
{
	int cont = 1;

	sc_buf_reset(b);
	while (cont && i < n) {
		size_t s = i, e;
		size_t bs = 0;

		while (i < n && t[i] != '\n' && t[i] != '\r')
			i++;
		e = i;
		if (i < n && t[i] == '\r')
			i++;
		if (i < n && t[i] == '\n')
			i++;
		/* leading blanks of continuation lines are dropped */
		while (s < e && (t[s] == ' ' || t[s] == '\t' || t[s] == '\f'))
			s++;
		for (size_t k = e; k > s && t[k - 1] == '\\'; k--)
			bs++;
		cont = bs % 2 == 1;
		sc_buf_add(b, t + s, e - s - (cont ? 1 : 0));
		if (b->len > 65536)
			break;
	}
	return i;
}

static char *
java_unescape(const char *s, size_t n)
{
	struct sc_buf b = SC_BUF_INIT;

	sc_buf_reset(&b);
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n) {
			char c = s[++i];

			sc_buf_addc(&b, c == 't' ? '\t' : c == 'n' ? '\n' : c);
		} else {
			sc_buf_addc(&b, s[i]);
		}
	}
	return sc_buf_detach(&b);
}

void
sc_crypto_parse_java(struct sc_crypto_parse_java *j, const char *t, size_t n,
    int replace)
{
	struct sc_buf line = SC_BUF_INIT;
	size_t i = 0;

	if (replace)
		sc_crypto_parse_java_clear(j);
	sc_buf_reset(&line);
	while (i < n) {
		const char *l, *k;
		size_t kl, ll;
		char *key, *val, *end;
		long idx;

		i = java_line(t, n, i, &line);
		l = line.data;
		ll = line.len;
		if (ll == 0 || l[0] == '#' || l[0] == '!')
			continue;
		k = l;
		for (kl = 0; kl < ll && l[kl] != '=' && l[kl] != ':' &&
		    l[kl] != ' ' && l[kl] != '\t'; kl++)
			if (l[kl] == '\\')
				kl++;
		if (kl > ll)
			kl = ll;
		key = java_unescape(k, kl);
		while (kl < ll && (l[kl] == ' ' || l[kl] == '\t'))
			kl++;
		if (kl < ll && (l[kl] == '=' || l[kl] == ':'))
			kl++;
		while (kl < ll && (l[kl] == ' ' || l[kl] == '\t'))
			kl++;
		val = java_unescape(l + kl, ll - kl);
		while (val[0] && isspace((unsigned char)val[strlen(val) - 1]))
			val[strlen(val) - 1] = '\0';
		if (strncmp(key, "security.provider.", 18) == 0 &&
		    isdigit((unsigned char)key[18]) &&
		    (idx = strtol(key + 18, &end, 10)) >= 1 && *end == '\0' &&
		    idx <= SC_CRYPTO_PARSE_MAX_PROVIDERS) {
			free(j->providers[idx - 1]);
			j->providers[idx - 1] = val;
			val = NULL;
		} else if (strcmp(key, "security.overridePropertiesFile") == 0) {
			j->override_allowed = strcasecmp(val, "true") == 0;
		}
		free(key);
		free(val);
	}
	sc_buf_free(&line);
}

void
sc_crypto_parse_java_clear(struct sc_crypto_parse_java *j)
{
	if (j == NULL)
		return;
	for (size_t i = 0; i < SC_CRYPTO_PARSE_MAX_PROVIDERS; i++)
		SC_FREE(j->providers[i]);
}

char *
sc_crypto_parse_java_override(const char *opts, int *replace)
{
	static const char key[] = "-Djava.security.properties=";
	const char *p = opts, *hit = NULL;

	*replace = 0;
	/* the last occurrence wins, as the JVM's system properties do */
	while (p && (p = strstr(p, key)) != NULL) {
		if (p == opts || isspace((unsigned char)p[-1]))
			hit = p;
		p += sizeof(key) - 1;
	}
	if (hit == NULL)
		return NULL;
	hit += sizeof(key) - 1;
	if (*hit == '=') {
		*replace = 1;
		hit++;
	}
	if (*hit == '"') {
		const char *e = strchr(hit + 1, '"');

		return e ? sc_xstrndup(hit + 1, (size_t)(e - hit - 1)) : NULL;
	}
	return sc_xstrndup(hit, strcspn(hit, " \t\n"));
}

/* ---- algorithm families ----------------------------------------------------------- */

enum {
	A_AES, A_3DES, A_DES, A_CHACHA20_POLY1305, A_CHACHA20, A_ARIA,
	A_CAMELLIA, A_SM4, A_RC4, A_SHA1, A_SHA2, A_SHA3, A_SHAKE, A_MD5,
	A_RIPEMD160, A_BLAKE2, A_SM3, A_HMAC, A_CMAC, A_GMAC, A_KMAC,
	A_POLY1305, A_SIPHASH, A_RSA, A_DSA, A_ECDSA, A_EDDSA, A_SM2,
	A_MLDSA, A_SLHDSA, A_DH, A_ECDH, A_XDH, A_MLKEM, A_DRBG, A_HKDF,
	A_PBKDF2, A_TLSPRF, A_SSHKDF, A_SSKDF, A_KBKDF, A_SCRYPT, A_ARGON2,
	A__COUNT
};

static const struct sc_crypto_alg algs[A__COUNT] = {
	[A_AES] = { "AES", "block-cipher", "encrypt decrypt" },
	[A_3DES] = { "3DES", "block-cipher", "encrypt decrypt" },
	[A_DES] = { "DES", "block-cipher", "encrypt decrypt" },
	[A_CHACHA20_POLY1305] = { "ChaCha20-Poly1305", "ae",
		"encrypt decrypt tag" },
	[A_CHACHA20] = { "ChaCha20", "stream-cipher", "encrypt decrypt" },
	[A_ARIA] = { "ARIA", "block-cipher", "encrypt decrypt" },
	[A_CAMELLIA] = { "Camellia", "block-cipher", "encrypt decrypt" },
	[A_SM4] = { "SM4", "block-cipher", "encrypt decrypt" },
	[A_RC4] = { "RC4", "stream-cipher", "encrypt decrypt" },
	[A_SHA1] = { "SHA-1", "hash", "digest" },
	[A_SHA2] = { "SHA-2", "hash", "digest" },
	[A_SHA3] = { "SHA-3", "hash", "digest" },
	[A_SHAKE] = { "SHAKE", "xof", "digest" },
	[A_MD5] = { "MD5", "hash", "digest" },
	[A_RIPEMD160] = { "RIPEMD-160", "hash", "digest" },
	[A_BLAKE2] = { "BLAKE2", "hash", "digest" },
	[A_SM3] = { "SM3", "hash", "digest" },
	[A_HMAC] = { "HMAC", "mac", "tag" },
	[A_CMAC] = { "CMAC", "mac", "tag" },
	[A_GMAC] = { "GMAC", "mac", "tag" },
	[A_KMAC] = { "KMAC", "mac", "tag" },
	[A_POLY1305] = { "Poly1305", "mac", "tag" },
	[A_SIPHASH] = { "SipHash", "mac", "tag" },
	[A_RSA] = { "RSA", "pke", "encrypt decrypt sign verify" },
	[A_DSA] = { "DSA", "signature", "sign verify" },
	[A_ECDSA] = { "ECDSA", "signature", "sign verify" },
	[A_EDDSA] = { "EdDSA", "signature", "sign verify" },
	[A_SM2] = { "SM2", "signature", "sign verify" },
	[A_MLDSA] = { "ML-DSA", "signature", "sign verify" },
	[A_SLHDSA] = { "SLH-DSA", "signature", "sign verify" },
	[A_DH] = { "DH", "key-agree", "" },
	[A_ECDH] = { "ECDH", "key-agree", "" },
	[A_XDH] = { "X25519/X448", "key-agree", "" },
	[A_MLKEM] = { "ML-KEM", "kem", "encapsulate decapsulate" },
	[A_DRBG] = { "DRBG", "drbg", "generate" },
	[A_HKDF] = { "HKDF", "kdf", "keyderive" },
	[A_PBKDF2] = { "PBKDF2", "kdf", "keyderive" },
	[A_TLSPRF] = { "TLS1-PRF", "kdf", "keyderive" },
	[A_SSHKDF] = { "SSH-KDF", "kdf", "keyderive" },
	[A_SSKDF] = { "SSKDF", "kdf", "keyderive" },
	[A_KBKDF] = { "KBKDF", "kdf", "keyderive" },
	[A_SCRYPT] = { "scrypt", "kdf", "keyderive" },
	[A_ARGON2] = { "Argon2", "kdf", "keyderive" },
};

const struct sc_crypto_alg *
sc_crypto_parse_alg(unsigned i)
{
	return i < A__COUNT ? &algs[i] : NULL;
}

int
sc_crypto_parse_alg_find(const char *name)
{
	for (int i = 0; name && i < A__COUNT; i++)
		if (strcmp(algs[i].name, name) == 0)
			return i;
	return -1;
}

#define BIT(a) ((uint64_t)1 << (a))

/*
 * The first name of an OpenSSL provider names list (PROV_NAMES_* in
 * providers/implementations/include/prov/names.h, OpenSSL 3.0 to 3.5):
 * exact, or a prefix when the entry ends in '-'.
 */
static const struct { const char *name; int alg; } ossl_first[] = {
	{ "AES-128-", A_AES }, { "AES-192-", A_AES }, { "AES-256-", A_AES },
	{ "DES-EDE3-", A_3DES }, { "DES-EDE-", A_3DES },
	{ "DES-ECB", A_DES }, { "DES-CBC", A_DES }, { "DES-CFB", A_DES },
	{ "DES-OFB", A_DES },
	{ "ARIA-128-", A_ARIA }, { "ARIA-192-", A_ARIA },
	{ "ARIA-256-", A_ARIA },
	{ "CAMELLIA-128-", A_CAMELLIA }, { "CAMELLIA-192-", A_CAMELLIA },
	{ "CAMELLIA-256-", A_CAMELLIA },
	{ "SM4-", A_SM4 },
	{ "SHA1", A_SHA1 }, { "SHA2-", A_SHA2 }, { "SHA3-", A_SHA3 },
	{ "SHAKE-", A_SHAKE }, { "MD5", A_MD5 }, { "RIPEMD-160", A_RIPEMD160 },
	{ "BLAKE2B-", A_BLAKE2 }, { "BLAKE2S-", A_BLAKE2 }, { "SM3", A_SM3 },
	{ "KMAC-", A_KMAC }, { "GMAC", A_GMAC },
	/* 3.4 and later: composite signature algorithms */
	{ "RSA", A_RSA }, { "RSA-PSS", A_RSA }, { "RSA-SHA2-", A_RSA },
	{ "RSA-SHA3-", A_RSA }, { "RSA-SHA1", A_RSA }, { "RSA-SM3", A_RSA },
	{ "DSA", A_DSA }, { "DSA-SHA2-", A_DSA }, { "DSA-SHA3-", A_DSA },
	{ "DSA-SHA1", A_DSA },
	{ "ECDSA-SHA2-", A_ECDSA }, { "ECDSA-SHA3-", A_ECDSA },
	{ "ECDSA-SHA1", A_ECDSA },
	{ "ED25519", A_EDDSA }, { "ED448", A_EDDSA }, { "SM2", A_SM2 },
	{ "ML-DSA-", A_MLDSA }, { "SLH-DSA-", A_SLHDSA },
	{ "DH", A_DH }, { "DHX", A_DH },
	{ "X25519", A_XDH }, { "X448", A_XDH },
	{ "ML-KEM-", A_MLKEM }, { "PBKDF2", A_PBKDF2 },
};

/* A provider implementation source, under providers/implementations/. */
static const struct { const char *prefix; int alg; } ossl_src[] = {
	{ "ciphers/cipher_aes", A_AES },
	{ "ciphers/cipher_tdes", A_3DES },
	{ "ciphers/cipher_des", A_DES },
	{ "ciphers/cipher_chacha20_poly1305", A_CHACHA20_POLY1305 },
	{ "ciphers/cipher_chacha20.", A_CHACHA20 },
	{ "ciphers/cipher_chacha20_hw.", A_CHACHA20 },
	{ "ciphers/cipher_aria", A_ARIA },
	{ "ciphers/cipher_camellia", A_CAMELLIA },
	{ "ciphers/cipher_sm4", A_SM4 },
	{ "digests/md5_prov.", A_MD5 },
	{ "digests/sha3_prov.", A_SHA3 },
	{ "digests/blake2", A_BLAKE2 },
	{ "digests/sm3_prov.", A_SM3 },
	{ "digests/ripemd_prov.", A_RIPEMD160 },
	{ "macs/hmac_prov.", A_HMAC },
	{ "macs/cmac_prov.", A_CMAC },
	{ "macs/gmac_prov.", A_GMAC },
	{ "macs/kmac_prov.", A_KMAC },
	{ "macs/poly1305_prov.", A_POLY1305 },
	{ "macs/siphash_prov.", A_SIPHASH },
	{ "macs/blake2", A_BLAKE2 },
	{ "rands/drbg_ctr.", A_DRBG },
	{ "rands/drbg_hash.", A_DRBG },
	{ "rands/drbg_hmac.", A_DRBG },
	{ "signature/ecdsa_sig.", A_ECDSA },
	{ "signature/eddsa_sig.", A_EDDSA },
	{ "signature/rsa_sig.", A_RSA },
	{ "signature/dsa_sig.", A_DSA },
	{ "signature/sm2_sig.", A_SM2 },
	{ "signature/ml_dsa_sig.", A_MLDSA },
	{ "signature/slh_dsa_sig.", A_SLHDSA },
	{ "exchange/ecdh_exch.", A_ECDH },
	{ "exchange/dh_exch.", A_DH },
	{ "exchange/ecx_exch.", A_XDH },
	{ "asymciphers/rsa_enc.", A_RSA },
	{ "asymciphers/sm2_enc.", A_SM2 },
	{ "kem/rsa_kem.", A_RSA },
	{ "kem/ml_kem_kem.", A_MLKEM },
	{ "kdfs/hkdf.", A_HKDF },
	{ "kdfs/pbkdf2.", A_PBKDF2 },
	{ "kdfs/tls1_prf.", A_TLSPRF },
	{ "kdfs/sshkdf.", A_SSHKDF },
	{ "kdfs/sskdf.", A_SSKDF },
	{ "kdfs/kbkdf.", A_KBKDF },
	{ "kdfs/scrypt.", A_SCRYPT },
	{ "kdfs/argon2.", A_ARGON2 },
};

/* s (n bytes) is entry e of a table above: exact, or prefix for "...-". */
static int
name_is(const char *s, size_t n, const char *e)
{
	size_t el = strlen(e);

	if (el && e[el - 1] == '-')
		return n > el && strncmp(s, e, el) == 0;
	return n == el && strncmp(s, e, el) == 0;
}

void
sc_crypto_parse_ossl_algs(const char *s, uint64_t *names, uint64_t *files)
{
	static const char impl[] = "providers/implementations/";
	const char *p;
	size_t n, first;

	if ((n = strnlen(s, SC_CRYPTO_PARSE_MAX_STR + 1)) >
	    SC_CRYPTO_PARSE_MAX_STR || n < 4)
		return;
	if ((p = strstr(s, impl)) != NULL) {
		p += sizeof(impl) - 1;
		for (size_t i = 0; i < sizeof(ossl_src) / sizeof(ossl_src[0]);
		    i++)
			if (strncmp(p, ossl_src[i].prefix,
			    strlen(ossl_src[i].prefix)) == 0) {
				*files |= BIT(ossl_src[i].alg);
				break;
			}
		return;
	}
	first = strcspn(s, ":");
	if (first == 0 || first == n)
		return;
	/* a names list: names of [A-Za-z0-9._/-], none empty */
	for (size_t i = 0; i < n; i++)
		if (s[i] == ':' ? s[i + 1] == ':' || s[i + 1] == '\0' :
		    !isalnum((unsigned char)s[i]) && !strchr("._/-", s[i]))
			return;
	for (size_t i = 0; i < sizeof(ossl_first) / sizeof(ossl_first[0]); i++)
		if (name_is(s, first, ossl_first[i].name)) {
			*names |= BIT(ossl_first[i].alg);
			return;
		}
}

/* Go packages (import path and '.'), their functions' families. */
static const struct { const char *pkg; int alg; } go_pkgs[] = {
	{ "crypto/aes.", A_AES },
	{ "crypto/internal/fips140/aes.", A_AES },
	{ "crypto/internal/fips140/aes/gcm.", A_AES },
	{ "crypto/md5.", A_MD5 },
	{ "crypto/sha1.", A_SHA1 },
	{ "crypto/sha256.", A_SHA2 },
	{ "crypto/sha512.", A_SHA2 },
	{ "crypto/internal/fips140/sha256.", A_SHA2 },
	{ "crypto/internal/fips140/sha512.", A_SHA2 },
	{ "crypto/sha3.", A_SHA3 },
	{ "crypto/internal/fips140/sha3.", A_SHA3 },
	{ "golang.org/x/crypto/sha3.", A_SHA3 },
	{ "crypto/hmac.", A_HMAC },
	{ "crypto/internal/fips140/hmac.", A_HMAC },
	{ "crypto/rsa.", A_RSA },
	{ "crypto/internal/fips140/rsa.", A_RSA },
	{ "crypto/ecdsa.", A_ECDSA },
	{ "crypto/internal/fips140/ecdsa.", A_ECDSA },
	{ "crypto/ed25519.", A_EDDSA },
	{ "crypto/internal/fips140/ed25519.", A_EDDSA },
	{ "golang.org/x/crypto/ed25519.", A_EDDSA },
	{ "crypto/internal/fips140/ecdh.", A_ECDH },
	{ "golang.org/x/crypto/curve25519.", A_XDH },
	{ "crypto/dsa.", A_DSA },
	{ "crypto/rc4.", A_RC4 },
	{ "crypto/hkdf.", A_HKDF },
	{ "crypto/internal/fips140/hkdf.", A_HKDF },
	{ "golang.org/x/crypto/hkdf.", A_HKDF },
	{ "crypto/pbkdf2.", A_PBKDF2 },
	{ "crypto/internal/fips140/pbkdf2.", A_PBKDF2 },
	{ "golang.org/x/crypto/pbkdf2.", A_PBKDF2 },
	{ "crypto/mlkem.", A_MLKEM },
	{ "crypto/internal/fips140/mlkem.", A_MLKEM },
	{ "crypto/internal/mlkem768.", A_MLKEM },
	{ "crypto/internal/fips140/drbg.", A_DRBG },
	{ "crypto/internal/fips140/tls12.", A_TLSPRF },
	{ "crypto/internal/fips140/ssh.", A_SSHKDF },
	{ "golang.org/x/crypto/chacha20poly1305.", A_CHACHA20_POLY1305 },
	{ "golang.org/x/crypto/chacha20.", A_CHACHA20 },
	{ "golang.org/x/crypto/internal/poly1305.", A_POLY1305 },
	{ "golang.org/x/crypto/poly1305.", A_POLY1305 },
	{ "golang.org/x/crypto/blake2b.", A_BLAKE2 },
	{ "golang.org/x/crypto/blake2s.", A_BLAKE2 },
	{ "golang.org/x/crypto/scrypt.", A_SCRYPT },
	{ "golang.org/x/crypto/argon2.", A_ARGON2 },
};

uint64_t
sc_crypto_parse_go_algs(const char *s)
{
	const char *fn;

	if (strncmp(s, "vendor/", 7) == 0)
		s += 7;
	if (strncmp(s, "crypto/", 7) != 0 &&
	    strncmp(s, "golang.org/x/crypto/", 20) != 0)
		return 0;
	if (strnlen(s, SC_CRYPTO_PARSE_MAX_STR + 1) > SC_CRYPTO_PARSE_MAX_STR)
		return 0;
	/* packages whose functions differ by family */
	if (strncmp(s, "crypto/des.", 11) == 0) {
		fn = s + 11;
		/* triple DES uses desCipher's other methods */
		return strstr(fn, "ripleDES") ? BIT(A_3DES) :
		    strncmp(fn, "(*desCipher).Encrypt", 20) == 0 ||
		    strncmp(fn, "(*desCipher).Decrypt", 20) == 0 ||
		    strncmp(fn, "NewCipher", 9) == 0 ? BIT(A_DES) : 0;
	}
	if (strncmp(s, "crypto/ecdh.", 12) == 0) {
		fn = s + 12;
		return strstr(fn, "x25519") || strstr(fn, "X25519") ?
		    BIT(A_XDH) : strstr(fn, "nistCurve") || strncmp(fn, "P256",
		    4) == 0 || strncmp(fn, "P384", 4) == 0 || strncmp(fn, "P521",
		    4) == 0 ? BIT(A_ECDH) : 0;
	}
	if (strncmp(s, "crypto/tls.prf", 14) == 0)
		return BIT(A_TLSPRF);
	for (size_t i = 0; i < sizeof(go_pkgs) / sizeof(go_pkgs[0]); i++)
		if (strncmp(s, go_pkgs[i].pkg, strlen(go_pkgs[i].pkg)) == 0) {
			if (go_pkgs[i].alg == A_SHA3 && (strstr(s, "SHAKE") ||
			    strstr(s, "Shake")))
				return BIT(A_SHAKE);
			return BIT(go_pkgs[i].alg);
		}
	return 0;
}
