/*
 * mounts.c - parsing and classifying /proc/PID/mountinfo (mounts.h).
 *
 * A mountinfo line (proc(5)):
 *   36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue
 *   (1)(2)(3)   (4)   (5)      (6)      (7)   (8) (9)   (10)         (11)
 * Fields 7 are zero or more optional tags ended by "-".  Paths (4, 5, 10)
 * escape space, tab, newline and backslash as \ooo octal.
 */
#include "target/mounts.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/fsutil.h"
#include "util/mem.h"
#include "util/text.h"

#define CACHE_KEY "container:mounts"

void
sc_mounts_free(struct sc_mounts *ms)
{
	size_t i;

	if (ms == NULL)
		return;
	for (i = 0; i < ms->n; i++) {
		free(ms->m[i].root);
		free(ms->m[i].point);
		free(ms->m[i].fstype);
		free(ms->m[i].source);
		free(ms->m[i].opts);
		free(ms->m[i].host);
	}
	free(ms->m);
	memset(ms, 0, sizeof(*ms));
}

/* Next space-separated field of [*p, end); 0 when none. */
static int
field(const char **p, const char *end, const char **f, size_t *n)
{
	const char *s = *p;

	while (s < end && *s == ' ')
		s++;
	if (s == end)
		return 0;
	*f = s;
	while (s < end && *s != ' ')
		s++;
	*n = (size_t)(s - *f);
	*p = s;
	return 1;
}

/* Decode \ooo escapes; anything else is kept as it is. */
static char *
unescape(const char *s, size_t n)
{
	char *out = sc_xmalloc(n + 1), *o = out;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 3 < n &&
		    s[i + 1] >= '0' && s[i + 1] <= '3' &&
		    s[i + 2] >= '0' && s[i + 2] <= '7' &&
		    s[i + 3] >= '0' && s[i + 3] <= '7') {
			*o++ = (char)(((s[i + 1] - '0') << 6) |
			    ((s[i + 2] - '0') << 3) | (s[i + 3] - '0'));
			i += 3;
		} else {
			*o++ = s[i];
		}
	}
	*o = '\0';
	return out;
}

static int
parse_uint(const char *s, size_t n, unsigned long max, unsigned long *v)
{
	char num[16], *end;
	unsigned long x;

	if (n == 0 || n >= sizeof(num) || s[0] < '0' || s[0] > '9')
		return -1;
	memcpy(num, s, n);
	num[n] = '\0';
	errno = 0;
	x = strtoul(num, &end, 10);
	if (*end != '\0' || errno != 0 || x > max)
		return -1;
	*v = x;
	return 0;
}

/* Whether the comma-separated options [s, s+n) hold the word w. */
static int
has_opt(const char *s, size_t n, const char *w)
{
	size_t wl = strlen(w);
	const char *e = s + n;

	while (s < e) {
		const char *c = memchr(s, ',', (size_t)(e - s));
		size_t l = c ? (size_t)(c - s) : (size_t)(e - s);

		if (l == wl && memcmp(s, w, wl) == 0)
			return 1;
		s += l + 1;
	}
	return 0;
}

/*
 * /proc/mounts' option list from mountinfo's two: the per-mount options
 * (first "rw" or "ro"), then the super options but their "rw"/"ro", with
 * "ro" first when the filesystem is read-only.
 */
static char *
proc_mounts_opts(const char *mo, size_t mon, const char *so, size_t son)
{
	struct sc_buf b = SC_BUF_INIT;
	char *mnt = unescape(mo, mon), *sup = unescape(so, son), *tok, *save;
	int sb_ro = has_opt(so, son, "ro");

	for (tok = strtok_r(mnt, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (sb_ro && strcmp(tok, "rw") == 0)
			tok = "ro";
		sc_buf_addf(&b, "%s%s", b.len ? "," : "", tok);
	}
	for (tok = strtok_r(sup, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
		if (strcmp(tok, "rw") != 0 && strcmp(tok, "ro") != 0)
			sc_buf_addf(&b, "%s%s", b.len ? "," : "", tok);
	free(mnt);
	free(sup);
	return b.data ? sc_buf_detach(&b) : sc_xstrdup("");
}

static int
parse_line(const char *l, size_t len, struct sc_mount *m)
{
	const char *p = l, *end = l + len, *f[6], *fs, *src, *sup = "";
	size_t fn[6], fsn, srcn, supn = 0, i;
	unsigned long id, parent, ma, mi;
	const char *colon;

	for (i = 0; i < 6; i++)
		if (!field(&p, end, &f[i], &fn[i]))
			return -1;
	/* optional fields up to the lone "-" */
	for (;;) {
		const char *t;
		size_t tn;

		if (!field(&p, end, &t, &tn))
			return -1;
		if (tn == 1 && t[0] == '-')
			break;
	}
	if (!field(&p, end, &fs, &fsn) || !field(&p, end, &src, &srcn))
		return -1;
	(void)field(&p, end, &sup, &supn);
	colon = memchr(f[2], ':', fn[2]);
	if (colon == NULL ||
	    parse_uint(f[0], fn[0], 0xffffffffUL, &id) < 0 ||
	    parse_uint(f[1], fn[1], 0xffffffffUL, &parent) < 0 ||
	    parse_uint(f[2], (size_t)(colon - f[2]), 0xfffffUL, &ma) < 0 ||
	    parse_uint(colon + 1, fn[2] - (size_t)(colon - f[2]) - 1,
	    0xfffffUL, &mi) < 0 || fn[3] == 0 || fn[4] == 0 ||
	    f[4][0] != '/')
		return -1;
	memset(m, 0, sizeof(*m));
	m->id = (int)id;
	m->parent = (int)parent;
	m->major = (unsigned)ma;
	m->minor = (unsigned)mi;
	m->root = unescape(f[3], fn[3]);
	m->point = unescape(f[4], fn[4]);
	m->fstype = sc_xstrndup(fs, fsn);
	m->source = unescape(src, srcn);
	m->ro = has_opt(f[5], fn[5], "ro");
	m->opts = proc_mounts_opts(f[5], fn[5], sup, supn);
	return 0;
}

int
sc_mounts_parse(const char *text, size_t len, struct sc_mounts *out,
    struct sc_err *err)
{
	const char *pos = text, *end = text + len, *l;
	size_t n;

	while (sc_next_line(&pos, end, &l, &n)) {
		struct sc_mount m;

		if (n == 0)
			continue;
		if (parse_line(l, n, &m) < 0) {
			out->n_bad++;
			continue;
		}
		if (out->n >= SC_MOUNTS_MAX) {
			free(m.root);
			free(m.point);
			free(m.fstype);
			free(m.source);
			free(m.opts);
			return sc_err_set(err, SC_ERR_TOOBIG, "the mount table has "
			    "more than %d entries", SC_MOUNTS_MAX);
		}
		SC_GROW(out->m, out->cap, out->n + 1);
		out->m[out->n++] = m;
	}
	return SC_OK;
}

int
sc_mounts_read(int dirfd, const char *name, struct sc_mounts *out,
    struct sc_err *err)
{
	struct sc_buf b = SC_BUF_INIT;
	int fd, r;

	fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return sc_err_set(err, sc_err_from_errno(errno), "cannot read "
		    "%s: %s", name, strerror(errno));
	r = sc_read_fd(fd, SC_MOUNTS_TEXT_MAX, &b);
	close(fd);
	if (r == SC_ERR_TOOBIG)
		r = sc_err_set(err, r, "%s is over %u bytes", name,
		    SC_MOUNTS_TEXT_MAX);
	else if (r < 0)
		r = sc_err_set(err, r, "cannot read %s: %s", name,
		    strerror(errno));
	else
		r = sc_mounts_parse(b.data ? b.data : "", b.len, out, err);
	sc_buf_free(&b);
	return r;
}

/* ---- classification ------------------------------------------------------- */

static int
str_in(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(s, *list) == 0)
			return 1;
	return 0;
}

/* path equals dir or lies below it */
static int
under(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	if (strcmp(dir, "/") == 0)
		return path[0] == '/';
	return strncmp(path, dir, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

static const char *const pseudo_fs[] = { "proc", "sysfs", "tmpfs", "devpts",
	"mqueue", "cgroup", "cgroup2", "devtmpfs", "securityfs", "debugfs",
	"tracefs", "pstore", "bpf", "fusectl", "configfs", "hugetlbfs",
	"binfmt_misc", "nsfs", "autofs", "efivarfs", "ramfs", NULL };

static const char *const runtime_files[] = { "/etc/hosts", "/etc/hostname",
	"/etc/resolv.conf", "/run/.containerenv", "/.containerenv",
	"/.dockerenv", "/dev/termination-log", NULL };

/* where runtimes keep their per-container files (a root field) */
static const char *const runtime_dirs[] = { "/containers/", "/docker/",
	"/kubelet/pods/", "/containerd/", "/crio/", NULL };

static const char *const volume_dirs[] = { "/docker/volumes/",
	"/storage/volumes/", "/kubelet/pods/", NULL };

static int
contains_any(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (strstr(s, *list) != NULL)
			return 1;
	return 0;
}

/*
 * A named volume of docker or podman wherever its data root is (dockerd
 * --data-root, podman's graphroot): ".../volumes/NAME/_data[/...]".
 */
static int
named_volume(const char *root)
{
	const char *p;

	for (p = root; (p = strstr(p, "/volumes/")) != NULL; p++) {
		const char *name = p + 9;
		size_t n = strcspn(name, "/");

		if (n > 0 && strncmp(name + n, "/_data", 6) == 0 &&
		    (name[n + 6] == '\0' || name[n + 6] == '/'))
			return 1;
	}
	return 0;
}

/* Host path of a mount's root, through the host's mount table. */
static void
resolve_host(struct sc_mount *m, const struct sc_mounts *host)
{
	const struct sc_mount *best = NULL;
	size_t i, bl = 0;

	for (i = 0; host != NULL && i < host->n; i++) {
		const struct sc_mount *h = &host->m[i];
		size_t rl = strlen(h->root);

		if (h->major != m->major || h->minor != m->minor ||
		    !under(m->root, h->root))
			continue;
		/* the longest root wins; then the shortest mount point */
		if (best == NULL || rl > bl || (rl == bl &&
		    strlen(h->point) < strlen(best->point))) {
			best = h;
			bl = rl;
		}
	}
	if (best == NULL) {
		m->host = sc_xstrdup(m->root);
		m->host_known = 0;
		return;
	}
	{
		const char *rest = m->root + (strcmp(best->root, "/") == 0 ?
		    0 : bl);
		struct sc_buf b = SC_BUF_INIT;

		sc_buf_adds(&b, best->point);
		if (*rest != '\0' && strcmp(rest, "/") != 0) {
			if (strcmp(best->point, "/") == 0)
				sc_buf_reset(&b);
			sc_buf_adds(&b, rest);
		}
		m->host = sc_buf_detach(&b);
		m->host_known = 1;
	}
}

static const char *const sensitive_dirs[] = { "/etc", "/proc", "/sys",
	"/var/lib/docker", "/var/lib/containers", "/var/lib/containerd",
	"/var/lib/kubelet", "/run/containerd", "/run/docker", "/run/crio",
	"/run/podman", "/var/run/docker", "/var/run/containerd",
	"/var/run/crio", "/var/run/podman", "/boot", NULL };
static const char *const sensitive_exact[] = { "/", "/run", "/var/run",
	"/var", "/usr", "/root", "/dev", "/var/lib", NULL };
static const char *const runtime_sockets[] = { "docker.sock",
	"containerd.sock", "crio.sock", "podman.sock", "cri-dockerd.sock",
	"dockershim.sock", "containerd-shim.sock", "buildkitd.sock", NULL };

static const char *
why_sensitive(const struct sc_mount *m, const struct sc_mounts *host)
{
	const char *base;
	size_t i;

	if (m->kind == SC_MOUNT_OTHER &&
	    (strcmp(m->fstype, "proc") == 0 || strcmp(m->fstype, "sysfs") == 0)) {
		for (i = 0; host != NULL && i < host->n; i++)
			if (host->m[i].major == m->major &&
			    host->m[i].minor == m->minor)
				return strcmp(m->fstype, "proc") == 0 ?
				    "the host's /proc" : "the host's /sys";
		return NULL;
	}
	if (m->kind != SC_MOUNT_BIND || m->host == NULL)
		return NULL;
	if (strcmp(m->host, "/") == 0)
		return "the host's root filesystem";
	base = strrchr(m->host, '/');
	base = base ? base + 1 : m->host;
	if (str_in(base, runtime_sockets))
		return "a container runtime socket";
	if (under(m->host, "/etc"))
		return "the host's /etc";
	if (under(m->host, "/proc"))
		return "the host's /proc";
	if (under(m->host, "/sys"))
		return "the host's /sys";
	if (str_in(m->host, sensitive_exact))
		return "a host system directory";
	for (i = 0; sensitive_dirs[i]; i++)
		if (under(m->host, sensitive_dirs[i]))
			return "the container runtime's or host system's state";
	if (!m->ro)
		return "a host path mounted read-write";
	return NULL;
}

static enum sc_mount_kind
kind_of(const struct sc_mount *m)
{
	int pseudo = str_in(m->fstype, pseudo_fs);

	if (strcmp(m->point, "/") == 0)
		return SC_MOUNT_ROOT;
	if (pseudo && (under(m->point, "/proc") || under(m->point, "/sys") ||
	    under(m->point, "/dev")))
		return SC_MOUNT_SYSTEM;
	if (str_in(m->point, runtime_files) && contains_any(m->root,
	    runtime_dirs))
		return SC_MOUNT_RUNTIME;
	if (strcmp(m->fstype, "tmpfs") == 0 || strcmp(m->fstype, "ramfs") == 0)
		return SC_MOUNT_TMPFS;
	if (pseudo)
		return SC_MOUNT_OTHER;
	/* a path of a local filesystem bound in: a device-backed source or a
	 * root that is not the filesystem's root */
	if (contains_any(m->root, volume_dirs) || named_volume(m->root))
		return SC_MOUNT_VOLUME;
	if (m->source[0] == '/' || m->major != 0 || strcmp(m->root, "/") != 0)
		return SC_MOUNT_BIND;
	return SC_MOUNT_OTHER;
}

void
sc_mounts_classify(struct sc_mounts *ms, const struct sc_mounts *host,
    int include_mounts)
{
	size_t i, j;

	for (i = 0; i < ms->n; i++) {
		struct sc_mount *m = &ms->m[i];

		m->kind = kind_of(m);
		free(m->host);
		m->host = NULL;
		m->host_known = 0;
		if (m->kind == SC_MOUNT_BIND || m->kind == SC_MOUNT_VOLUME ||
		    m->kind == SC_MOUNT_ROOT)
			resolve_host(m, host);
	}
	/*
	 * Top-level: a listed mount not below another listed mount's point.
	 * Mounts are in mount order, parents first, but a later mount may
	 * cover an earlier one; compare points, not ids.
	 */
	for (i = 0; i < ms->n; i++) {
		struct sc_mount *m = &ms->m[i];

		m->top = 0;
		m->nsub = 0;
		m->skip = 0;
		m->sensitive = NULL;
		if (m->kind == SC_MOUNT_ROOT || m->kind == SC_MOUNT_SYSTEM)
			continue;
		m->top = 1;
		for (j = 0; j < ms->n && m->top; j++) {
			const struct sc_mount *o = &ms->m[j];

			if (j == i || o->kind == SC_MOUNT_ROOT ||
			    o->kind == SC_MOUNT_SYSTEM ||
			    !under(m->point, o->point))
				continue;
			/* the same point twice: the first one is the top */
			if (strcmp(m->point, o->point) == 0 && j > i)
				continue;
			m->top = 0;
		}
	}
	for (i = 0; i < ms->n; i++) {
		struct sc_mount *m = &ms->m[i];

		if (!m->top)
			continue;
		for (j = 0; j < ms->n; j++)
			if (j != i && ms->m[j].kind != SC_MOUNT_ROOT &&
			    ms->m[j].kind != SC_MOUNT_SYSTEM && !ms->m[j].top &&
			    under(ms->m[j].point, m->point))
				m->nsub++;
		m->skip = !include_mounts && m->kind != SC_MOUNT_RUNTIME;
		m->sensitive = why_sensitive(m, host);
	}
}

const char *
sc_mount_kind_name(enum sc_mount_kind k)
{
	static const char *const names[] = { "root", "system", "runtime",
		"volume", "bind", "tmpfs", "other" };

	return (unsigned)k < sizeof(names) / sizeof(names[0]) ? names[k] : "?";
}

static void
add_escaped(struct sc_buf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == ' ' || c == '\t' || c == '\n' || c == '\\' || c < 0x20 ||
		    c == 0x7f)
			sc_buf_addf(b, "\\%03o", c);
		else
			sc_buf_addc(b, (char)c);
	}
}

char *
sc_mount_describe(const struct sc_mount *m)
{
	struct sc_buf b = SC_BUF_INIT;

	sc_buf_adds(&b, sc_mount_kind_name(m->kind));
	sc_buf_addc(&b, ' ');
	if (m->kind == SC_MOUNT_TMPFS || m->kind == SC_MOUNT_OTHER)
		add_escaped(&b, m->source);
	else
		add_escaped(&b, m->host ? m->host : m->root);
	sc_buf_addc(&b, ' ');
	add_escaped(&b, m->point);
	sc_buf_addc(&b, ' ');
	add_escaped(&b, m->fstype);
	sc_buf_adds(&b, m->ro ? " ro" : " rw");
	if (m->nsub)
		sc_buf_addf(&b, " (%u submounts)", m->nsub);
	return sc_buf_detach(&b);
}

/* ---- attached to a target --------------------------------------------------- */

static void
free_mounts(void *p)
{
	sc_mounts_free(p);
	free(p);
}

void
sc_mounts_attach(struct sc_target *t, struct sc_mounts *ms)
{
	sc_target_cache_put(t, CACHE_KEY, ms, free_mounts);
}

const struct sc_mounts *
sc_mounts_get(const struct sc_target *t)
{
	return sc_target_cache_get(t, CACHE_KEY);
}
