/*
 * target.h - the audited filesystem, and the only code that touches it.
 *
 * A target is a directory tree audited as if it were "/": an unpacked root
 * filesystem, a running container's /proc/PID/root, or an image flattened
 * into a private directory.  Whatever its kind, a target is one directory
 * fd plus an environment and a set of identity facts, so probes, checks and
 * writers never ask which kind it is.
 *
 * Invariants (architecture.md 1 and 2), promised to every caller:
 *
 *  - Every path is resolved inside the root.  Paths are target paths
 *    ("/etc/shadow"; a relative path is taken from the root).  Symlinks,
 *    absolute or relative, and ".." resolve as if the root were "/", with
 *    openat2(RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS) where the kernel has it
 *    and a component-by-component emulation (O_NOFOLLOW, readlinkat, at most
 *    SC_TARGET_MAX_SYMLINKS links, no magic links from procfs) where it does
 *    not.  Nothing outside the root is ever opened through a target.
 *  - Reads are safe against hostile trees: the object is first opened with
 *    O_PATH and fstat'ed, anything but a regular file is refused without
 *    being opened for reading (no FIFO hang, no device side effect), the
 *    read open uses O_RDONLY|O_NOCTTY|O_NONBLOCK|O_CLOEXEC (+O_NOATIME when
 *    permitted) and must still be the same inode, and reads are capped.
 *  - Nothing is written, executed, chdir'ed into or chroot'ed into.
 *  - Users and groups come from the target's own /etc/passwd and /etc/group,
 *    the environment from the target (container, image config or --env),
 *    never from the scanning host.
 *
 * Errors are SC_ERR_* codes with a message naming the target path.
 * SC_ERR_NOTFOUND means "does not exist in the target" and is the normal
 * answer for absent files; callers decide whether that is a finding.
 */
#ifndef SC_TARGET_H
#define SC_TARGET_H

#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "util/err.h"
#include "util/limits.h"
#include "util/fact.h"
#include "util/mem.h"

#define SC_TARGET_MAX_SYMLINKS SC_LIMIT_SYMLINKS
#define SC_TARGET_READ_MAX SC_LIMIT_READ_BYTES

struct sc_target;

enum sc_target_kind {
	SC_TARGET_ROOTFS = 0,
	SC_TARGET_CONTAINER,
	SC_TARGET_IMAGE,
};

/* One passwd or group entry of the target. */
struct sc_account {
	char *name;
	unsigned long id;	/* uid or gid */
	unsigned long gid;	/* primary gid (passwd only) */
	char *home;		/* passwd only */
	char *shell;		/* passwd only */
	unsigned line;		/* line number in the file */
};

/*
 * Open DIR as a root filesystem target.  DIR must be a directory the
 * scanner can read; the target keeps an O_PATH fd to it.
 */
int sc_target_open_rootfs(struct sc_target **out, const char *dir,
    struct sc_err *err);

/*
 * Open an already opened directory fd as a target of the given kind (used
 * by the container and image front ends).  Takes ownership of root_fd.
 * display_path is what results show as the target path.
 */
int sc_target_open_fd(struct sc_target **out, int root_fd,
    enum sc_target_kind kind, const char *display_path, struct sc_err *err);

void sc_target_free(struct sc_target *t);

/*
 * Run fn(ctx) from sc_target_free, after the root fd is closed (the image
 * front end removes its private directory this way).  One hook per target;
 * a second call replaces the first.
 */
void sc_target_on_free(struct sc_target *t, void (*fn)(void *), void *ctx);

enum sc_target_kind sc_target_kind(const struct sc_target *t);
const char *sc_target_kind_name(enum sc_target_kind k);
const char *sc_target_path(const struct sc_target *t);

/* The directory fd of the root (owned by the target; do not close). */
int sc_target_root_fd(const struct sc_target *t);

/*
 * Name shown as TestResult/target: set explicitly (container name, image
 * reference, --target-name), else the target's /etc/hostname, else the
 * last component of the root path.  Never the scanning host's hostname.
 */
const char *sc_target_name(struct sc_target *t);
void sc_target_set_name(struct sc_target *t, const char *name);

/* ---- path resolution inside the root ---------------------------------- */

enum sc_open_how {
	SC_OPEN_PATH,		/* O_PATH, final symlink followed */
	SC_OPEN_PATH_NOFOLLOW,	/* O_PATH on the final component itself */
	SC_OPEN_DIR,		/* O_RDONLY|O_DIRECTORY, for reading entries */
};

/*
 * Resolve path inside the root and return an fd in *fdp (caller closes).
 * SC_ERR_NOTFOUND if a component is missing, SC_ERR_LOOP on a symlink loop.
 */
int sc_target_open(struct sc_target *t, const char *path, enum sc_open_how how,
    int *fdp, struct sc_err *err);

/* stat without following the final symlink, and with following it. */
int sc_target_lstat(struct sc_target *t, const char *path, struct stat *st,
    struct sc_err *err);
int sc_target_stat(struct sc_target *t, const char *path, struct stat *st,
    struct sc_err *err);

/* Read a symlink's text (not resolved) into out. */
int sc_target_readlink(struct sc_target *t, const char *path,
    struct sc_buf *out, struct sc_err *err);

/*
 * Open a regular file for reading (following symlinks inside the root).
 * Refuses anything else with SC_ERR_NOTREG, naming what it found.  *st
 * receives the fstat of the opened fd.  The file opened is the inode that
 * was checked (the O_PATH handle is reopened through /proc/self/fd): a
 * FIFO, socket or device swapped in meanwhile is never opened.  Without
 * /proc the path is resolved again and a changed inode is refused.
 */
int sc_target_open_file(struct sc_target *t, const char *path, int *fdp,
    struct stat *st, struct sc_err *err);

/*
 * Read a whole regular file into out (NUL-terminated; out->len excludes the
 * NUL).  Files larger than max bytes give SC_ERR_TOOBIG without being
 * read.  st may be NULL.
 */
int sc_target_read_file(struct sc_target *t, const char *path, size_t max,
    struct sc_buf *out, struct stat *st, struct sc_err *err);

/*
 * Names in the directory path (no "." or ".."), sorted bytewise, into
 * names.  SC_ERR_NOTFOUND when absent, SC_ERR_NOTREG when not a directory.
 * At most 65536 names.
 */
int sc_target_list_dir(struct sc_target *t, const char *path,
    struct sc_strv *names, struct sc_err *err);

/*
 * Test hook: force the component-by-component resolver even where openat2
 * exists, so both paths are exercised by the same tests.
 */
void sc_target_force_fallback(struct sc_target *t, int on);
/*
 * Test hook: read files as where /proc is not mounted (resolve the path a
 * second time instead of reopening the checked handle via /proc/self/fd).
 */
void sc_target_force_no_proc(struct sc_target *t, int on);
/* Whether the last resolutions used openat2 (1) or the fallback (0). */
int sc_target_uses_openat2(const struct sc_target *t);

/* ---- the target's own identity ---------------------------------------- */

/*
 * Value of KEY in the target's /etc/os-release (or /usr/lib/os-release),
 * unquoted; NULL when absent.  E.g. "ID", "VERSION_ID", "PRETTY_NAME".
 */
const char *sc_target_os_release(struct sc_target *t, const char *key);

/* ---- users and groups from the target --------------------------------- */

/*
 * Look up the target's /etc/passwd and /etc/group (loaded once, lazily).
 * Return NULL when absent.  A missing or unreadable file is an empty table;
 * sc_target_accounts_error tells why, for evidence.
 */
const struct sc_account *sc_target_user_by_uid(struct sc_target *t,
    unsigned long uid);
const struct sc_account *sc_target_user_by_name(struct sc_target *t,
    const char *name);
const struct sc_account *sc_target_group_by_gid(struct sc_target *t,
    unsigned long gid);
const struct sc_account *sc_target_group_by_name(struct sc_target *t,
    const char *name);
/* All entries, in file order; *n receives the count. */
const struct sc_account *sc_target_users(struct sc_target *t, size_t *n);
const struct sc_account *sc_target_groups(struct sc_target *t, size_t *n);
/* NULL, or why /etc/passwd (which=0) or /etc/group (1) could not be read. */
const char *sc_target_accounts_error(struct sc_target *t, int which);

/*
 * Parse passwd (is_group=0) or group (1) text into a new array; malformed
 * lines are skipped.  Exposed for unit tests.  Free with sc_accounts_free.
 */
struct sc_account *sc_accounts_parse(const char *text, int is_group,
    size_t *n);
void sc_accounts_free(struct sc_account *a, size_t n);

/* ---- environment and facts --------------------------------------------- */

/* The target's environment (never the scanner's).  NULL when unset. */
const char *sc_target_getenv(const struct sc_target *t, const char *name);
/* Set NAME=VALUE (replacing); assignment is "NAME=VALUE". */
int sc_target_putenv(struct sc_target *t, const char *assignment,
    struct sc_err *err);
/* All of it, as NAME=VALUE strings in insertion order. */
const struct sc_strv *sc_target_environ(const struct sc_target *t);

/* ---- runtime state of a running container ------------------------------ */

/*
 * What the kernel says about a running container's process (the one whose
 * root is the target), read once when the target is opened, from
 * /proc/PID/status and the root mount.  Only container targets have one:
 * sc_target_runtime() returns NULL for root filesystems and images, so a
 * rule on these facts must say it cannot be evaluated there, never pass.
 */
struct sc_target_runtime {
	long pid;			/* host PID of the process */
	unsigned long uid[4];		/* real, effective, saved, filesystem, */
	unsigned long gid[4];		/* as the process sees them (userns) */
	unsigned long long cap_inh;	/* capability sets (bit n = cap n) */
	unsigned long long cap_prm;
	unsigned long long cap_eff;
	unsigned long long cap_bnd;
	unsigned long long cap_amb;
	int no_new_privs;		/* 0 or 1; -1 when the kernel does not say */
	int seccomp;			/* 0 off, 1 strict, 2 filter; -1 unknown */
	int root_readonly;		/* 1 when the root mount is read-only */
	int userns;			/* 1 when its user ids are remapped */
};

const struct sc_target_runtime *sc_target_runtime(const struct sc_target *t);
/* Copy rt into the target (the container front end calls this). */
void sc_target_set_runtime(struct sc_target *t,
    const struct sc_target_runtime *rt);

/* ---- owners as the target sees them --------------------------------------- */

/*
 * A container in a user namespace (rootless podman, docker userns-remap,
 * Kubernetes user namespaces) sees other owners than the host: its root
 * is, say, host uid 100000.  The container front end gives the target the
 * namespace's uid and gid maps (/proc/PID/uid_map, gid_map: ranges of
 * INSIDE, OUTSIDE, COUNT), and every stat the target module returns
 * (sc_target_lstat, sc_target_stat, sc_target_open_file,
 * sc_target_read_file), and the walk's, is translated: an owner is the
 * one the container sees, and one it cannot see is 65534 (the kernel's
 * overflow id), as inside.  Code that fstat's an fd from sc_target_open
 * itself calls sc_target_map_ids on the result.  Without maps (root
 * filesystems, images, containers without a user namespace) nothing
 * changes.
 */
struct sc_idmap {
	unsigned long inside;
	unsigned long outside;
	unsigned long count;
};

#define SC_IDMAP_OVERFLOW 65534UL

/* Set the uid map (is_gid 0) or gid map (1): n ranges, copied. */
void sc_target_set_idmap(struct sc_target *t, int is_gid,
    const struct sc_idmap *ranges, size_t n);
void sc_target_map_ids(const struct sc_target *t, struct stat *st);

/*
 * An image's files belong to the scanning user on disk; their owners,
 * modes and types as the layers give them are in a side table
 * (inodes.h).  With one set (the target takes ownership), every stat the
 * target returns, sc_target_map_ids included, reports the recorded
 * metadata (before any uid/gid map), and a stand-in for a device node,
 * FIFO or socket is refused by sc_target_open_file like the real thing.
 */
struct sc_inodes;
void sc_target_set_inodes(struct sc_target *t, struct sc_inodes *tab);


/*
 * Target facts (TestResult/target-facts).  Checks may add facts while they
 * prepare or evaluate (e.g. the libcrypto version a FIPS check found); the
 * scan collects them after every rule is evaluated.
 */
void sc_target_add_fact(struct sc_target *t, const char *name,
    const char *type, const char *value);
const struct sc_fact *sc_target_facts(const struct sc_target *t, size_t *n);

/* ---- what the scan read (provenance) -------------------------------------- */

/*
 * Every object the target module looks at feeds one running SHA-256: for
 * each stat, open or walk entry its path (NUL-terminated) and "MODE UID
 * GID SIZE\n" (octal mode with type bits, owners as the target sees them,
 * size of regular files; no times or inode numbers, so two unpackings of
 * the same tree agree), and the bytes of every file read, symlink text
 * and directory listing.  The scan is deterministic, so the same tree
 * scanned with the same content gives the same digest: it identifies what
 * the verdicts were drawn from, not the whole tree.  Memory stays flat.
 *
 * sc_target_note_meta / sc_target_note_data are for readers that stream
 * a file themselves (probes/filescan) or walk with fstatat (walk/walk).
 * sc_target_read_digest writes the hex digest so far (hexlen >= 65) and
 * the counts of objects and bytes noted.
 */
void sc_target_note_meta(struct sc_target *t, const char *path,
    const struct stat *st);
void sc_target_note_data(struct sc_target *t, const void *data, size_t n);
int sc_target_read_digest(const struct sc_target *t, char *hex, size_t hexlen,
    unsigned long long *objects, unsigned long long *bytes);

/* ---- per-target cache ------------------------------------------------------ */

/*
 * Probe results that several rules of a scan share (a parsed OpenSSL
 * configuration, a module's MAC) are computed once and kept here under a
 * key, for the target's lifetime.  The target is read-only, so a cached
 * answer stays true.  put replaces (and frees) an existing entry;
 * free_fn (may be NULL) runs in sc_target_free, newest entry first.
 */
void *sc_target_cache_get(const struct sc_target *t, const char *key);
void sc_target_cache_put(struct sc_target *t, const char *key, void *obj,
    void (*free_fn)(void *));

#endif
