/*
 * target.c - resolving and reading paths inside an audited root (target.h).
 *
 * Two resolvers give the same answers:
 *
 *  - openat2(root, path, RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS), which the
 *    kernel implements atomically (Linux >= 5.6);
 *  - resolve_walk(), a component-by-component emulation for older kernels
 *    and seccomp profiles that deny openat2: each component is opened with
 *    O_PATH|O_NOFOLLOW relative to the previous one, symlinks are read with
 *    readlinkat and spliced into the remaining path (absolute ones restart
 *    at the root), ".." never climbs above the root, and symlinks inside
 *    procfs (magic links) are refused.
 *
 * Reading is a two-step affair: resolve to an O_PATH fd and fstat it, and
 * only for a regular file reopen that same handle for reading through
 * /proc/self/fd/N.  The path is never resolved a second time, so a tree
 * that swaps the file with a device node between the two steps cannot get
 * the device opened.  Only where /proc is not mounted is the path resolved
 * again (and the inode compared).
 */
#include "target/target.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/magic.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "target/inodes.h"
#include "target/osrel.h"
#include <openssl/evp.h>

#include "util/fsutil.h"
#include "util/limits.h"
#include "util/text.h"

#define OSREL_MAX SC_LIMIT_OSRELEASE_BYTES
#define ACCOUNTS_MAX SC_LIMIT_ACCOUNTS_BYTES


struct sc_target {
	int root_fd;
	enum sc_target_kind kind;
	char *path;
	char *name;
	int no_openat2;		/* kernel lacks it, or forced off */
	int no_proc_reopen;	/* tests: behave as if /proc were absent */
	int last_openat2;

	int osrel_loaded;
	struct sc_osrel osrel;

	int accounts_loaded;
	struct sc_account *users, *groups;
	size_t n_users, n_groups;
	char *accounts_err[2];

	struct sc_strv env;
	struct sc_fact *facts;
	size_t n_facts, cap_facts;

	struct cache_entry {
		char *key;
		void *obj;
		void (*free_fn)(void *);
	} *cache;
	size_t n_cache, cap_cache;
	struct sc_target_runtime *runtime;
	struct sc_idmap *idmap[2];	/* uid, gid; NULL: identity */
	size_t n_idmap[2];
	struct sc_inodes *inodes;	/* image metadata; NULL: the disk's */
	void (*on_free)(void *);
	void *on_free_ctx;
	/* what the scan read: one running SHA-256 (sc_target_read_digest) */
	EVP_MD_CTX *rd;
	int rd_failed;
	unsigned long long rd_objects, rd_bytes;
};

/* ---- construction ------------------------------------------------------ */

int
sc_target_open_fd(struct sc_target **out, int root_fd, enum sc_target_kind kind,
    const char *display_path, struct sc_err *err)
{
	struct sc_target *t;
	struct stat st;

	*out = NULL;
	if (fstat(root_fd, &st) < 0) {
		int e = errno;
		close(root_fd);
		return sc_err_set(err, sc_err_from_errno(e),
		    "cannot stat target '%s': %s", display_path, strerror(e));
	}
	if (!S_ISDIR(st.st_mode)) {
		close(root_fd);
		return sc_err_set(err, SC_ERR_NOTREG,
		    "target '%s' is not a directory", display_path);
	}
	t = sc_xcalloc(1, sizeof(*t));
	t->root_fd = root_fd;
	t->kind = kind;
	t->path = sc_xstrdup(display_path);
	/* now, not on the first read: OpenSSL's setup is not the walk's */
	t->rd = EVP_MD_CTX_new();
	if (t->rd == NULL || !EVP_DigestInit_ex(t->rd, EVP_sha256(), NULL))
		t->rd_failed = 1;
	*out = t;
	return SC_OK;
}

int
sc_target_open_rootfs(struct sc_target **out, const char *dir,
    struct sc_err *err)
{
	int fd;

	*out = NULL;
	fd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		int e = errno;
		if (e == ENOTDIR)
			return sc_err_set(err, SC_ERR_NOTREG,
			    "target '%s' is not a directory", dir);
		return sc_err_set(err, sc_err_from_errno(e),
		    "cannot open target '%s': %s", dir, strerror(e));
	}
	return sc_target_open_fd(out, fd, SC_TARGET_ROOTFS, dir, err);
}

void
sc_target_free(struct sc_target *t)
{
	size_t i;

	if (t == NULL)
		return;
	if (t->root_fd >= 0)
		close(t->root_fd);
	free(t->path);
	free(t->name);
	sc_osrel_clear(&t->osrel);
	sc_accounts_free(t->users, t->n_users);
	sc_accounts_free(t->groups, t->n_groups);
	free(t->accounts_err[0]);
	free(t->accounts_err[1]);
	sc_strv_free(&t->env);
	for (i = 0; i < t->n_facts; i++) {
		free(t->facts[i].name);
		free(t->facts[i].type);
		free(t->facts[i].value);
	}
	free(t->facts);
	/* newest first: a later entry may refer to an earlier one */
	for (i = t->n_cache; i-- > 0;) {
		if (t->cache[i].free_fn)
			t->cache[i].free_fn(t->cache[i].obj);
		free(t->cache[i].key);
	}
	free(t->cache);
	free(t->runtime);
	free(t->idmap[0]);
	free(t->idmap[1]);
	sc_inodes_free(t->inodes);
	EVP_MD_CTX_free(t->rd);
	if (t->on_free != NULL)
		t->on_free(t->on_free_ctx);
	free(t);
}

void
sc_target_on_free(struct sc_target *t, void (*fn)(void *), void *ctx)
{
	t->on_free = fn;
	t->on_free_ctx = ctx;
}

enum sc_target_kind
sc_target_kind(const struct sc_target *t)
{
	return t->kind;
}

const char *
sc_target_kind_name(enum sc_target_kind k)
{
	switch (k) {
	case SC_TARGET_ROOTFS:
		return "rootfs";
	case SC_TARGET_CONTAINER:
		return "container";
	case SC_TARGET_IMAGE:
		return "image";
	}
	return "unknown";
}

const char *
sc_target_path(const struct sc_target *t)
{
	return t->path;
}

int
sc_target_root_fd(const struct sc_target *t)
{
	return t->root_fd;
}

void
sc_target_force_fallback(struct sc_target *t, int on)
{
	t->no_openat2 = on;
}

void
sc_target_force_no_proc(struct sc_target *t, int on)
{
	t->no_proc_reopen = on;
}

int
sc_target_uses_openat2(const struct sc_target *t)
{
	return t->last_openat2;
}

/* ---- resolution ---------------------------------------------------------- */

static int
how_flags(enum sc_open_how how)
{
	switch (how) {
	case SC_OPEN_PATH:
		return O_PATH | O_CLOEXEC;
	case SC_OPEN_PATH_NOFOLLOW:
		return O_PATH | O_NOFOLLOW | O_CLOEXEC;
	case SC_OPEN_DIR:
		return O_RDONLY | O_DIRECTORY | O_NONBLOCK | O_CLOEXEC;
	}
	return O_PATH | O_CLOEXEC;
}

static int
is_procfs(int fd)
{
	struct statfs sfs;

	return fstatfs(fd, &sfs) == 0 && sfs.f_type == PROC_SUPER_MAGIC;
}

/*
 * Component-by-component resolution with RESOLVE_IN_ROOT semantics.
 * Returns an fd or -1 with errno set.  `flags` are the open flags wanted
 * for the final component; O_NOFOLLOW in them means "do not follow a final
 * symlink".
 */
static int
resolve_walk(int root_fd, const char *path, int flags)
{
	int stack[256];		/* fds of the directories walked */
	int depth = 0, links = 0, fd = -1, saved, slash;
	int follow_last = !(flags & O_NOFOLLOW);
	char *rest = NULL, *comp, *next;
	size_t rlen;

	rest = strdup(path);
	if (rest == NULL)
		return -1;
	comp = rest;
	for (;;) {
		int cur = depth ? stack[depth - 1] : root_fd;
		struct stat st;
		int last, cfd;

		while (*comp == '/')
			comp++;
		if (*comp == '\0') {
			/* Path ends at a directory: open it as asked. */
			fd = openat(cur, ".", (flags & ~O_NOFOLLOW) | O_CLOEXEC);
			goto out;
		}
		next = strchr(comp, '/');
		slash = (next != NULL);
		if (next != NULL)
			*next++ = '\0';
		else
			next = comp + strlen(comp);
		while (*next == '/')
			next++;
		last = (*next == '\0');
		/*
		 * "name/" names a directory, as the kernel reads it: a final
		 * component with a trailing slash is followed if it is a
		 * link, and must turn out to be a directory.
		 */
		if (last && slash) {
			follow_last = 1;
			flags |= O_DIRECTORY;
		}

		if (strcmp(comp, ".") == 0) {
			comp = next;
			if (last) {
				fd = openat(cur, ".", (flags & ~O_NOFOLLOW) | O_CLOEXEC);
				goto out;
			}
			continue;
		}
		if (strcmp(comp, "..") == 0) {
			if (depth > 0)
				close(stack[--depth]);
			comp = next;
			if (last) {
				cur = depth ? stack[depth - 1] : root_fd;
				fd = openat(cur, ".", (flags & ~O_NOFOLLOW) | O_CLOEXEC);
				goto out;
			}
			continue;
		}

		cfd = openat(cur, comp, O_PATH | O_NOFOLLOW | O_CLOEXEC);
		if (cfd < 0)
			goto fail;
		if (fstat(cfd, &st) < 0) {
			close(cfd);
			goto fail;
		}
		if (S_ISLNK(st.st_mode) && (!last || follow_last)) {
			char target[PATH_MAX];
			ssize_t n;
			char *nrest;

			if (++links > SC_TARGET_MAX_SYMLINKS || is_procfs(cur)) {
				close(cfd);
				errno = ELOOP;
				goto fail;
			}
			n = readlinkat(cfd, "", target, sizeof(target) - 1);
			close(cfd);
			if (n < 0)
				goto fail;
			target[n] = '\0';
			if (target[0] == '/')
				while (depth > 0)
					close(stack[--depth]);
			/* new remaining path = link text + "/" + rest; the
			 * slash only where one followed the link's name */
			rlen = strlen(next);
			nrest = malloc((size_t)n + rlen + 2);
			if (nrest == NULL)
				goto fail;
			memcpy(nrest, target, (size_t)n);
			nrest[n] = slash ? '/' : '\0';
			memcpy(nrest + n + (slash ? 1 : 0), next, rlen + 1);
			free(rest);
			rest = comp = nrest;
			continue;
		}
		if (last) {
			struct stat st2;

			if ((flags & O_DIRECTORY) && !S_ISDIR(st.st_mode)) {
				close(cfd);
				errno = ENOTDIR;
				goto fail;
			}
			if ((flags & O_PATH) && (flags & O_NOFOLLOW || !S_ISLNK(st.st_mode))) {
				/* O_PATH wanted: the component fd is the answer. */
				fd = cfd;
				goto out;
			}
			fd = openat(cur, comp, flags | O_NOFOLLOW | O_CLOEXEC);
			saved = errno;
			if (fd >= 0 && (fstat(fd, &st2) < 0 ||
			    st2.st_dev != st.st_dev || st2.st_ino != st.st_ino)) {
				/* swapped under us: refuse */
				close(fd);
				fd = -1;
				saved = EAGAIN;
			}
			close(cfd);
			errno = saved;
			goto out;
		}
		if (!S_ISDIR(st.st_mode)) {
			close(cfd);
			errno = ENOTDIR;
			goto fail;
		}
		if (depth >= (int)(sizeof(stack) / sizeof(stack[0]))) {
			close(cfd);
			errno = ENAMETOOLONG;
			goto fail;
		}
		stack[depth++] = cfd;
		comp = next;
	}
fail:
	fd = -1;
out:
	saved = errno;
	while (depth > 0)
		close(stack[--depth]);
	free(rest);
	errno = saved;
	return fd;
}

static int
resolve(struct sc_target *t, const char *path, int flags)
{
	if (!t->no_openat2) {
		struct open_how how;
		long fd;

		memset(&how, 0, sizeof(how));
		how.flags = (unsigned long long)flags;
		how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
		int tries = 0;

		do {	/* EAGAIN: a concurrent rename; the kernel asks to retry */
			fd = syscall(SYS_openat2, t->root_fd, path, &how, sizeof(how));
		} while (fd < 0 && errno == EAGAIN && ++tries < 16);
		if (fd < 0 && errno == EAGAIN) {
			t->last_openat2 = 0;
			return resolve_walk(t->root_fd, path, flags);
		}
		if (fd >= 0 || (errno != ENOSYS && errno != EPERM && errno != E2BIG)) {
			t->last_openat2 = 1;
			return (int)fd;
		}
		if (errno == EPERM) {
			/* seccomp may deny openat2: retry the emulation, keep
			 * openat2 if that also says EPERM (a real permission) */
			int e = errno, r = resolve_walk(t->root_fd, path, flags);
			if (r >= 0 || errno != EPERM) {
				t->no_openat2 = 1;
				t->last_openat2 = 0;
				return r;
			}
			errno = e;
			return -1;
		}
		t->no_openat2 = 1;
	}
	t->last_openat2 = 0;
	return resolve_walk(t->root_fd, path, flags);
}


static int
resolve_err(struct sc_err *err, const char *path, int e)
{
	if (e == ELOOP)
		return sc_err_set(err, SC_ERR_LOOP,
		    "'%s': too many levels of symbolic links", path);
	if (e == ENOENT || e == ENOTDIR)
		return sc_err_set(err, SC_ERR_NOTFOUND, "'%s' does not exist",
		    path);
	if (e == EXDEV)
		return sc_err_set(err, SC_ERR_ESCAPE,
		    "'%s' leads out of the target root", path);
	return sc_err_set(err, sc_err_from_errno(e), "cannot open '%s': %s",
	    path, strerror(e));
}

int
sc_target_open(struct sc_target *t, const char *path, enum sc_open_how how,
    int *fdp, struct sc_err *err)
{
	int fd;

	*fdp = -1;
	fd = resolve(t, path, how_flags(how));
	if (fd < 0)
		return resolve_err(err, path, errno);
	*fdp = fd;
	return SC_OK;
}

static int
target_stat(struct sc_target *t, const char *path, struct stat *st,
    enum sc_open_how how, struct sc_err *err)
{
	int fd, r;

	if ((r = sc_target_open(t, path, how, &fd, err)) < 0)
		return r;
	if (fstat(fd, st) < 0) {
		int e = errno;
		close(fd);
		return sc_err_set(err, sc_err_from_errno(e),
		    "cannot stat '%s': %s", path, strerror(e));
	}
	close(fd);
	sc_target_map_ids(t, st);
	sc_target_note_meta(t, path, st);
	return SC_OK;
}

int
sc_target_lstat(struct sc_target *t, const char *path, struct stat *st,
    struct sc_err *err)
{
	return target_stat(t, path, st, SC_OPEN_PATH_NOFOLLOW, err);
}

int
sc_target_stat(struct sc_target *t, const char *path, struct stat *st,
    struct sc_err *err)
{
	return target_stat(t, path, st, SC_OPEN_PATH, err);
}

int
sc_target_readlink(struct sc_target *t, const char *path, struct sc_buf *out,
    struct sc_err *err)
{
	char buf[PATH_MAX];
	ssize_t n;
	int fd, r;

	if ((r = sc_target_open(t, path, SC_OPEN_PATH_NOFOLLOW, &fd, err)) < 0)
		return r;
	n = readlinkat(fd, "", buf, sizeof(buf) - 1);
	if (n < 0) {
		int e = errno;
		close(fd);
		if (e == EINVAL || e == ENOENT)
			return sc_err_set(err, SC_ERR_INVAL,
			    "'%s' is not a symbolic link", path);
		return sc_err_set(err, sc_err_from_errno(e),
		    "cannot read link '%s': %s", path, strerror(e));
	}
	close(fd);
	sc_buf_reset(out);
	sc_buf_add(out, buf, (size_t)n);
	sc_target_note_data(t, buf, (size_t)n);
	return SC_OK;
}

/*
 * Reopen the O_PATH handle `pfd` for reading through /proc/self/fd, so the
 * file opened is the inode that was checked, whatever the tree does to the
 * path meanwhile (runc and libpathrs do the same).  Returns the fd, or -1
 * with errno; ENOSYS when /proc is not a procfs mount (the caller then
 * resolves the path again and compares inodes, which is the best an
 * O_PATH handle allows without /proc).
 */
static int
reopen_verified(int pfd, int flags)
{
	char proc[sizeof("/proc/self/fd/") + 12];
	struct statfs sfs;
	int fd;

	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", pfd);
	fd = open(proc, flags);
	if (fd < 0 && errno == EPERM && (flags & O_NOATIME))
		fd = open(proc, flags & ~O_NOATIME);	/* only the owner may */
	if (fd < 0 && errno == ENOENT &&
	    (statfs("/proc", &sfs) < 0 || sfs.f_type != PROC_SUPER_MAGIC))
		errno = ENOSYS;
	return fd;
}

int
sc_target_open_file(struct sc_target *t, const char *path, int *fdp,
    struct stat *st, struct sc_err *err)
{
	struct stat pst, rst;
	int pfd = -1, fd = -1, r, flags;

	*fdp = -1;
	if ((r = sc_target_open(t, path, SC_OPEN_PATH, &pfd, err)) < 0)
		return r;
	if (fstat(pfd, &pst) < 0) {
		int e = errno;
		r = sc_err_set(err, sc_err_from_errno(e),
		    "cannot stat '%s': %s", path, strerror(e));
		goto out;
	}
	sc_target_map_ids(t, &pst);	/* an image's device stand-in is no file */
	if (!S_ISREG(pst.st_mode)) {
		r = sc_err_set(err, SC_ERR_NOTREG,
		    "'%s' is a %s, not a regular file", path,
		    sc_mode_type_word(pst.st_mode));
		goto out;
	}

	flags = O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC | O_NOATIME;
	if (t->no_proc_reopen)
		errno = ENOSYS;
	else
		fd = reopen_verified(pfd, flags);
	if (fd < 0 && errno == ENOSYS) {
		/* no /proc: resolve again; the inode check below refuses a
		 * swap, but cannot keep the swapped-in node from being
		 * opened (docs/security.md) */
		fd = resolve(t, path, flags);
		if (fd < 0 && errno == EPERM)
			fd = resolve(t, path, flags & ~O_NOATIME);
	}
	if (fd < 0) {
		r = resolve_err(err, path, errno);
		goto out;
	}
	if (fstat(fd, &rst) < 0 || !S_ISREG(rst.st_mode) ||
	    rst.st_dev != pst.st_dev || rst.st_ino != pst.st_ino) {
		r = sc_err_set(err, SC_ERR_NOTREG,
		    "'%s' changed while being opened", path);
		goto out;
	}
	sc_target_map_ids(t, &rst);
	sc_target_note_meta(t, path, &rst);
	if (st != NULL)
		*st = rst;
	*fdp = fd;
	fd = -1;
	r = SC_OK;
out:
	if (fd >= 0)
		close(fd);
	if (pfd >= 0)
		close(pfd);
	return r;
}

int
sc_target_read_file(struct sc_target *t, const char *path, size_t max,
    struct sc_buf *out, struct stat *st, struct sc_err *err)
{
	struct stat fst;
	int fd, r;

	sc_buf_reset(out);
	if ((r = sc_target_open_file(t, path, &fd, &fst, err)) < 0)
		return r;
	if (fst.st_size < 0 || (unsigned long long)fst.st_size > max) {
		close(fd);
		return sc_err_set(err, SC_ERR_TOOBIG,
		    "'%s' is %lld bytes, over the %zu-byte read limit", path,
		    (long long)fst.st_size, max);
	}
	r = sc_read_fd(fd, max, out);
	if (r == SC_ERR_TOOBIG) {
		close(fd);
		sc_buf_reset(out);
		return sc_err_set(err, SC_ERR_TOOBIG,
		    "'%s' grew over the %zu-byte read limit", path, max);
	}
	if (r < 0) {
		int e = errno;
		close(fd);
		return sc_err_set(err, sc_err_from_errno(e),
		    "cannot read '%s': %s", path, strerror(e));
	}
	close(fd);
	sc_target_note_data(t, out->data, out->len);
	if (st != NULL)
		*st = fst;
	return SC_OK;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
sc_target_list_dir(struct sc_target *t, const char *path,
    struct sc_strv *names, struct sc_err *err)
{
	struct dirent *de;
	DIR *d;
	int fd, r;

	if ((r = sc_target_open(t, path, SC_OPEN_PATH, &fd, err)) < 0)
		return r;
	{
		struct stat st;

		if (fstat(fd, &st) < 0 || !S_ISDIR(st.st_mode)) {
			close(fd);
			return sc_err_set(err, SC_ERR_NOTREG,
			    "'%s' is not a directory", path);
		}
	}
	close(fd);
	if ((r = sc_target_open(t, path, SC_OPEN_DIR, &fd, err)) < 0)
		return r;
	d = fdopendir(fd);
	if (d == NULL) {
		int e = errno;
		close(fd);
		return sc_err_set(err, sc_err_from_errno(e),
		    "cannot read directory '%s': %s", path, strerror(e));
	}
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (names->n >= SC_LIMIT_DIR_ENTRIES) {
			closedir(d);
			return sc_err_set(err, SC_ERR_TOOBIG,
			    "directory '%s' has too many entries", path);
		}
		sc_strv_push(names, de->d_name);
	}
	closedir(d);
	if (names->n > 1)
		qsort(names->v, names->n, sizeof(char *), cmp_str);
	for (size_t i = 0; i < names->n; i++)
		sc_target_note_data(t, names->v[i], strlen(names->v[i]) + 1);
	return SC_OK;
}

/* ---- identity ------------------------------------------------------------ */

static void
osrel_load(struct sc_target *t)
{
	static const char *paths[] = { "/etc/os-release", "/usr/lib/os-release" };
	struct sc_buf b = SC_BUF_INIT;
	size_t i;

	if (t->osrel_loaded)
		return;
	t->osrel_loaded = 1;
	for (i = 0; i < 2; i++)
		if (sc_target_read_file(t, paths[i], OSREL_MAX, &b, NULL, NULL) == 0)
			break;
	if (i < 2)
		sc_osrel_parse(&t->osrel, b.data, b.len);
	sc_buf_free(&b);
}

const char *
sc_target_os_release(struct sc_target *t, const char *key)
{
	osrel_load(t);
	return sc_osrel_get(&t->osrel, key);
}

const char *
sc_target_name(struct sc_target *t)
{
	struct sc_buf b = SC_BUF_INIT;
	const char *base;
	size_t len;

	if (t->name != NULL)
		return t->name;
	if (sc_target_read_file(t, "/etc/hostname", 4096, &b, NULL, NULL) == 0) {
		char *s = b.data;
		len = strcspn(s, " \t\r\n");
		if (len > 0 && len < 254) {
			t->name = sc_xstrndup(s, len);
			sc_buf_free(&b);
			return t->name;
		}
	}
	sc_buf_free(&b);
	len = strlen(t->path);
	while (len > 1 && t->path[len - 1] == '/')
		len--;
	base = t->path;
	for (size_t i = 0; i < len; i++)
		if (t->path[i] == '/' && i + 1 < len)
			base = t->path + i + 1;
	t->name = sc_xstrndup(base, len - (size_t)(base - t->path));
	return t->name;
}

void
sc_target_set_name(struct sc_target *t, const char *name)
{
	free(t->name);
	t->name = sc_xstrdup(name);
}

/* ---- accounts ------------------------------------------------------------ */

void
sc_accounts_free(struct sc_account *a, size_t n)
{
	size_t i;

	if (a == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(a[i].name);
		free(a[i].home);
		free(a[i].shell);
	}
	free(a);
}

static int
parse_id(const char *s, size_t n, unsigned long *out)
{
	unsigned long v = 0;
	size_t i;

	if (n == 0 || n > 10)
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (unsigned long)(s[i] - '0');
	}
	if (v > 0xffffffffUL)
		return -1;
	*out = v;
	return 0;
}

struct sc_account *
sc_accounts_parse(const char *text, int is_group, size_t *np)
{
	struct sc_account *a = NULL;
	size_t n = 0, cap = 0;
	unsigned lineno = 0;
	const char *line, *nl;

	for (line = text; line && *line; line = nl) {
		const char *f[7], *end;
		size_t fl[7];
		int nf = 0, want = is_group ? 4 : 7;
		unsigned long id, gid = 0;

		lineno++;
		nl = strchr(line, '\n');
		end = nl ? nl : line + strlen(line);
		if (nl)
			nl++;
		if (end > line && end[-1] == '\r')
			end--;
		if (line == end || *line == '#' || *line == '+' || *line == '-')
			continue;
		for (const char *p = line; nf < 7;) {
			const char *c = memchr(p, ':', (size_t)(end - p));
			f[nf] = p;
			fl[nf] = c ? (size_t)(c - p) : (size_t)(end - p);
			nf++;
			if (c == NULL)
				break;
			p = c + 1;
		}
		if (nf < want || fl[0] == 0)
			continue;
		if (parse_id(f[2], fl[2], &id) < 0)
			continue;
		if (!is_group && parse_id(f[3], fl[3], &gid) < 0)
			continue;
		SC_GROW(a, cap, n + 1);
		memset(&a[n], 0, sizeof(a[n]));
		a[n].name = sc_xstrndup(f[0], fl[0]);
		a[n].id = id;
		a[n].gid = gid;
		a[n].line = lineno;
		if (!is_group) {
			a[n].home = sc_xstrndup(f[5], fl[5]);
			a[n].shell = sc_xstrndup(f[6], fl[6]);
		}
		n++;
	}
	*np = n;
	return a;
}

static void
accounts_load(struct sc_target *t)
{
	static const char *paths[] = { "/etc/passwd", "/etc/group" };
	struct sc_buf b = SC_BUF_INIT;
	struct sc_err err = SC_ERR_INIT;
	int i;

	if (t->accounts_loaded)
		return;
	t->accounts_loaded = 1;
	for (i = 0; i < 2; i++) {
		size_t n = 0;
		struct sc_account *a = NULL;

		if (sc_target_read_file(t, paths[i], ACCOUNTS_MAX, &b, NULL,
		    &err) < 0) {
			t->accounts_err[i] = sc_xstrdup(err.msg);
			continue;
		}
		a = sc_accounts_parse(b.data, i, &n);
		if (i == 0) {
			t->users = a;
			t->n_users = n;
		} else {
			t->groups = a;
			t->n_groups = n;
		}
	}
	sc_buf_free(&b);
}

static const struct sc_account *
by_id(const struct sc_account *a, size_t n, unsigned long id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (a[i].id == id)
			return &a[i];
	return NULL;
}

static const struct sc_account *
by_name(const struct sc_account *a, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(a[i].name, name) == 0)
			return &a[i];
	return NULL;
}

const struct sc_account *
sc_target_user_by_uid(struct sc_target *t, unsigned long uid)
{
	accounts_load(t);
	return by_id(t->users, t->n_users, uid);
}

const struct sc_account *
sc_target_user_by_name(struct sc_target *t, const char *name)
{
	accounts_load(t);
	return by_name(t->users, t->n_users, name);
}

const struct sc_account *
sc_target_group_by_gid(struct sc_target *t, unsigned long gid)
{
	accounts_load(t);
	return by_id(t->groups, t->n_groups, gid);
}

const struct sc_account *
sc_target_group_by_name(struct sc_target *t, const char *name)
{
	accounts_load(t);
	return by_name(t->groups, t->n_groups, name);
}

const struct sc_account *
sc_target_users(struct sc_target *t, size_t *n)
{
	accounts_load(t);
	*n = t->n_users;
	return t->users;
}

const struct sc_account *
sc_target_groups(struct sc_target *t, size_t *n)
{
	accounts_load(t);
	*n = t->n_groups;
	return t->groups;
}

const char *
sc_target_accounts_error(struct sc_target *t, int which)
{
	accounts_load(t);
	return (which == 0 || which == 1) ? t->accounts_err[which] : NULL;
}

/* ---- environment and facts ----------------------------------------------- */

const char *
sc_target_getenv(const struct sc_target *t, const char *name)
{
	size_t i, len = strlen(name);

	for (i = 0; i < t->env.n; i++)
		if (strncmp(t->env.v[i], name, len) == 0 &&
		    t->env.v[i][len] == '=')
			return t->env.v[i] + len + 1;
	return NULL;
}

int
sc_target_putenv(struct sc_target *t, const char *assignment,
    struct sc_err *err)
{
	const char *eq = strchr(assignment, '=');
	size_t i, len;

	if (eq == NULL || eq == assignment)
		return sc_err_set(err, SC_ERR_INVAL,
		    "environment setting '%s' is not NAME=VALUE", assignment);
	len = (size_t)(eq - assignment);
	for (i = 0; i < t->env.n; i++) {
		if (strncmp(t->env.v[i], assignment, len + 1) == 0) {
			free(t->env.v[i]);
			t->env.v[i] = sc_xstrdup(assignment);
			return SC_OK;
		}
	}
	sc_strv_push(&t->env, assignment);
	return SC_OK;
}

const struct sc_strv *
sc_target_environ(const struct sc_target *t)
{
	return &t->env;
}

void
sc_target_add_fact(struct sc_target *t, const char *name, const char *type,
    const char *value)
{
	SC_GROW(t->facts, t->cap_facts, t->n_facts + 1);
	t->facts[t->n_facts].name = sc_xstrdup(name);
	t->facts[t->n_facts].type = sc_xstrdup(type ? type : "string");
	t->facts[t->n_facts].value = sc_xstrdup(value);
	t->n_facts++;
}

const struct sc_fact *
sc_target_facts(const struct sc_target *t, size_t *n)
{
	*n = t->n_facts;
	return t->facts;
}

/* ---- per-target cache ---------------------------------------------------- */

void *
sc_target_cache_get(const struct sc_target *t, const char *key)
{
	for (size_t i = 0; i < t->n_cache; i++)
		if (strcmp(t->cache[i].key, key) == 0)
			return t->cache[i].obj;
	return NULL;
}

void
sc_target_cache_put(struct sc_target *t, const char *key, void *obj,
    void (*free_fn)(void *))
{
	for (size_t i = 0; i < t->n_cache; i++) {
		if (strcmp(t->cache[i].key, key) == 0) {
			if (t->cache[i].free_fn && t->cache[i].obj != obj)
				t->cache[i].free_fn(t->cache[i].obj);
			t->cache[i].obj = obj;
			t->cache[i].free_fn = free_fn;
			return;
		}
	}
	SC_GROW(t->cache, t->cap_cache, t->n_cache + 1);
	t->cache[t->n_cache].key = sc_xstrdup(key);
	t->cache[t->n_cache].obj = obj;
	t->cache[t->n_cache].free_fn = free_fn;
	t->n_cache++;
}

const struct sc_target_runtime *
sc_target_runtime(const struct sc_target *t)
{
	return t->runtime;
}

void
sc_target_set_runtime(struct sc_target *t, const struct sc_target_runtime *rt)
{
	if (t->runtime == NULL)
		t->runtime = sc_xmalloc(sizeof(*t->runtime));
	*t->runtime = *rt;
}

void
sc_target_set_idmap(struct sc_target *t, int is_gid,
    const struct sc_idmap *ranges, size_t n)
{
	int k = is_gid ? 1 : 0;

	free(t->idmap[k]);
	t->idmap[k] = NULL;
	t->n_idmap[k] = n;
	if (n > 0) {
		t->idmap[k] = sc_xcalloc(n, sizeof(*ranges));
		memcpy(t->idmap[k], ranges, n * sizeof(*ranges));
	}
}

static unsigned long
map_id(const struct sc_idmap *m, size_t n, unsigned long id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (id >= m[i].outside && id - m[i].outside < m[i].count)
			return m[i].inside + (id - m[i].outside);
	return SC_IDMAP_OVERFLOW;
}

void
sc_target_set_inodes(struct sc_target *t, struct sc_inodes *tab)
{
	sc_inodes_free(t->inodes);
	t->inodes = tab;
}

void
sc_target_map_ids(const struct sc_target *t, struct stat *st)
{
	if (t->inodes != NULL)
		(void)sc_inodes_apply(t->inodes, st);
	if (t->idmap[0] != NULL)
		st->st_uid = (uid_t)map_id(t->idmap[0], t->n_idmap[0], st->st_uid);
	if (t->idmap[1] != NULL)
		st->st_gid = (gid_t)map_id(t->idmap[1], t->n_idmap[1], st->st_gid);
}

/* ---- what the scan read ---------------------------------------------------- */

static void
rd_update(struct sc_target *t, const void *p, size_t n)
{
	if (t->rd_failed)
		return;
	if (!EVP_DigestUpdate(t->rd, p, n))
		t->rd_failed = 1;
}

void
sc_target_note_meta(struct sc_target *t, const char *path,
    const struct stat *st)
{
	char rec[128];
	int n;

	/* path, then type and mode, owner, size: no times, no inode */
	rd_update(t, path, strlen(path) + 1);
	n = snprintf(rec, sizeof(rec), "%o %lu %lu %lld\n",
	    (unsigned)st->st_mode, (unsigned long)st->st_uid,
	    (unsigned long)st->st_gid,
	    S_ISREG(st->st_mode) ? (long long)st->st_size : 0LL);
	rd_update(t, rec, (size_t)n);
	t->rd_objects++;
}

void
sc_target_note_data(struct sc_target *t, const void *data, size_t n)
{
	rd_update(t, data, n);
	t->rd_bytes += n;
}

int
sc_target_read_digest(const struct sc_target *t, char *hex, size_t hexlen,
    unsigned long long *objects, unsigned long long *bytes)
{
	unsigned char d[EVP_MAX_MD_SIZE];
	unsigned int n = 0, i;
	EVP_MD_CTX *c;
	int ok;

	if (t->rd_failed || hexlen < 2 * 32 + 1)
		return SC_ERR_INTERNAL;
	c = EVP_MD_CTX_new();
	ok = c != NULL && EVP_MD_CTX_copy_ex(c, t->rd) &&
	    EVP_DigestFinal_ex(c, d, &n);
	EVP_MD_CTX_free(c);
	if (!ok)
		return SC_ERR_INTERNAL;
	for (i = 0; i < n; i++)
		snprintf(hex + 2 * i, 3, "%02x", d[i]);
	if (objects)
		*objects = t->rd_objects;
	if (bytes)
		*bytes = t->rd_bytes;
	return SC_OK;
}
