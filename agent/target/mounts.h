/*
 * mounts.h - what is mounted into a running container, from
 * /proc/PID/mountinfo, and which of it is the container's own filesystem.
 *
 * A container's view of "/" is its image (the root mount) plus what the
 * kernel, the runtime and the person who started it mounted on top:
 *
 *   SC_MOUNT_ROOT     the root mount ("/"): the container's own filesystem
 *   SC_MOUNT_SYSTEM   the container's own /proc, /sys and /dev and pseudo
 *                     filesystems below them (cgroup, mqueue, devpts, the
 *                     runtime's masks): the walk does not enter these anyway
 *   SC_MOUNT_RUNTIME  files the runtime provides (/etc/hosts, /etc/hostname,
 *                     /etc/resolv.conf, /run/.containerenv, /.dockerenv,
 *                     /dev/termination-log) from its own per-container
 *                     directory: part of the container's view, walked
 *   SC_MOUNT_VOLUME   a volume the runtime manages (docker, podman or
 *                     kubelet volume directories; a root holding
 *                     ".../volumes/NAME/_data", docker's and podman's
 *                     layout under any --data-root or graphroot)
 *   SC_MOUNT_BIND     a host path bound in (-v /srv/data:/data)
 *   SC_MOUNT_TMPFS    a tmpfs anywhere else (--tmpfs, --read-only's /tmp)
 *   SC_MOUNT_OTHER    anything else (a procfs or sysfs outside /proc and
 *                     /sys, a network filesystem, ...)
 *
 * Volumes, binds, tmpfs and other mounts are not the container's own
 * filesystem: unless the user asks (--include-mounts) the walk does not
 * deliver or enter them (struct sc_mount.skip), and each one (with runtime
 * files) is listed as a fact.  Only top-level mounts are listed: the
 * submounts of `-v /:/host` are counted on their parent.
 *
 * A bind mount's "root" field is a path inside its filesystem, not on the
 * host.  The host path is found by matching the device against the host's
 * mount table (/proc/1/mountinfo, else the scanner's own): host path =
 * host mount point + (root - host mount's root).  When nothing matches,
 * the root field is kept and host_known is 0.
 *
 * A mount is sensitive (struct sc_mount.sensitive says why) when it gives
 * the container the host's /, /etc, /proc or /sys, a container runtime
 * socket or state directory (docker.sock, containerd.sock, crio.sock,
 * podman.sock, /run, /var/run, /var/lib/docker, ...), or any host path
 * read-write.
 *
 * mountinfo text is attacker-influenced (a container with CAP_SYS_ADMIN
 * names its own mount points): it is parsed in memory, capped in size and
 * entries, octal escapes (\040) are decoded, and a line that does not
 * parse is counted in n_bad (a judgement over a table with unparsed lines
 * is an error, never a pass).
 */
#ifndef SC_MOUNTS_H
#define SC_MOUNTS_H

#include <stddef.h>

#include "target/target.h"
#include "util/err.h"

#define SC_MOUNTS_MAX 20000		/* entries kept */
#define SC_MOUNTS_TEXT_MAX (16u << 20)	/* bytes of mountinfo read */

enum sc_mount_kind {
	SC_MOUNT_ROOT,
	SC_MOUNT_SYSTEM,
	SC_MOUNT_RUNTIME,
	SC_MOUNT_VOLUME,
	SC_MOUNT_BIND,
	SC_MOUNT_TMPFS,
	SC_MOUNT_OTHER,
};

struct sc_mount {
	int id, parent;
	unsigned major, minor;
	char *root;		/* path inside its filesystem (decoded) */
	char *point;		/* mount point in the container (decoded) */
	char *fstype;
	char *source;		/* mount source ("/dev/vda", "tmpfs") */
	int ro;			/* per-mount read-only flag */
	/* the options as /proc/mounts lists them: the per-mount ones, then
	   the filesystem's (super options) but its rw/ro ("ro" when either
	   is read-only), comma-separated, escapes decoded */
	char *opts;
	/* set by sc_mounts_classify */
	enum sc_mount_kind kind;
	char *host;		/* host path of a bind (or root), else NULL */
	int host_known;		/* host resolved through the host's table */
	int top;		/* not below another listed mount */
	int skip;		/* not walked unless --include-mounts */
	unsigned nsub;		/* submounts below it (top-level only) */
	const char *sensitive;	/* why it is sensitive (static), or NULL */
};

struct sc_mounts {
	struct sc_mount *m;
	size_t n, cap;
	size_t n_bad;		/* lines that did not parse */
};

/*
 * Parse mountinfo text (len bytes, need not be NUL-terminated) into out
 * (appended).  Fails only over SC_MOUNTS_MAX entries (SC_ERR_TOOBIG).
 */
int sc_mounts_parse(const char *text, size_t len, struct sc_mounts *out,
    struct sc_err *err);

/*
 * Decide kind, host path, top, skip and sensitive for every entry.
 * host is the host's own mount table (may be NULL or empty).
 * include_mounts: nothing is marked skip.
 */
void sc_mounts_classify(struct sc_mounts *ms, const struct sc_mounts *host,
    int include_mounts);

void sc_mounts_free(struct sc_mounts *ms);

/* The word for a kind ("bind", "volume", ...). */
const char *sc_mount_kind_name(enum sc_mount_kind k);

/*
 * One line describing a listed mount, the value of its fact:
 * "KIND SOURCE DESTINATION FSTYPE ro|rw" with paths octal-escaped as in
 * mountinfo (so a space in a path stays unambiguous).  Caller frees.
 */
char *sc_mount_describe(const struct sc_mount *m);

/*
 * A container target's mounts: attached by the container front end
 * (taking ownership), read by the walk (skip) and by the runtime rule.
 * NULL for targets without one (root filesystems, images).
 */
void sc_mounts_attach(struct sc_target *t, struct sc_mounts *ms);
const struct sc_mounts *sc_mounts_get(const struct sc_target *t);

/*
 * Read and parse the mountinfo file NAME, relative to DIRFD (an open
 * /proc/PID directory and "mountinfo", or AT_FDCWD and a path), into out.
 * Returns SC_OK or a negative code with the reason in err.
 */
int sc_mounts_read(int dirfd, const char *name, struct sc_mounts *out,
    struct sc_err *err);

#endif
