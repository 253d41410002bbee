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
