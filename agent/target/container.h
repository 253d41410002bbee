/*
 * container.h - a running container as a target (--container REF).
 *
 * No container engine is needed and nothing is ever started, stopped,
 * written or executed inside the container.  REF is resolved, in order:
 *
 *  1. a PID: all digits and a live /proc/REF.  That process is the target
 *     (give the container's init process to match the runtime's view).
 *  2. a container id of 12 to 64 hex digits (full or shortened, as docker
 *     prints it): /proc/<pid>/cgroup of every process is searched for a
 *     container id starting with REF.  Docker, podman, containerd
 *     (nerdctl, Kubernetes) and CRI-O all name a container's cgroup after
 *     its id ("docker-<id>.scope", "/docker/<id>", "libpod-<id>.scope",
 *     "cri-containerd-<id>.scope", "crio-<id>.scope", "/kubepods/.../<id>"),
 *     conmon's own cgroups excepted.  Two containers matching is an error.
 *     Of the container's processes, the one that is PID 1 of its PID
 *     namespace is chosen (else the one whose parent is outside the
 *     container, the lowest PID first).
 *  3. a name: the first runtime CLI found on PATH that knows it, run on the
 *     host as a lookup only, with no shell, stdin from /dev/null and a
 *     timeout: `docker container inspect REF`, `podman container inspect
 *     REF`, `nerdctl container inspect REF`, then `crictl ps -q --name
 *     ^REF$` and `crictl inspect ID`.  The container must be running.
 *  4. a shorter hex REF (1 to 11 digits) as an id prefix, as in 2.
 * When nothing resolves, the one-line error says what each step found
 * ("docker: Cannot connect to the Docker daemon...; podman: not installed").
 *
 * The process is pinned when it is resolved: its start time (field 22 of
 * /proc/PID/stat, read after the LAST ')', so a comm holding ") " or
 * newlines cannot shift it).  Then /proc/PID is opened once (and a pidfd
 * where the kernel has pidfd_open; without it, ENOSYS under valgrind, the
 * start time alone pins it) and the process checked again:
 *  - its start time is the one recorded, after opening /proc/PID, after
 *    opening its root and after every later read of /proc/PID (environ,
 *    maps, mountinfo); else "container process PID exited or was
 *    replaced";
 *  - resolved by id or by name, its cgroup must name that full container
 *    id: a cgroup naming another id, or none (a host process, a recycled
 *    PID), is refused with an error naming both.  A runtime CLI must give
 *    a full (64 hex digit) id;
 *  - given as a bare PID, its cgroup names the container when it names
 *    one (that id is then the container's id, required as above);
 *    otherwise the process must be in a mount namespace other than the
 *    host's (/proc/1) and the scanner's own, else it is not in a
 *    container and is refused (scan the host with --rootfs /).  A
 *    container run without a cgroup of its own (podman --cgroups=disabled)
 *    can therefore be scanned by PID only;
 * and then:
 *  - the target root is /proc/PID/root, opened once with O_PATH: the
 *    container's own mount namespace (its volumes and bind mounts
 *    included), resolved inside that root by target.h;
 *  - the environment is /proc/PID/environ (the container's, never the
 *    scanner's);
 *  - the runtime state (struct sc_target_runtime in target.h) comes from
 *    /proc/PID/status (ids, capability sets, NoNewPrivs, Seccomp), fstatfs
 *    of the root (read-only mount) and /proc/PID/uid_map and gid_map;
 *  - in a user namespace, owners are translated through those maps
 *    (sc_target_set_idmap), so a rule sees the owners the container sees;
 *    when the scanner itself runs in that namespace (`podman unshare`),
 *    the kernel already shows those owners and nothing is mapped again;
 *  - whatever REF was (PID, short or full id, name), the runtime CLIs are
 *    asked about the container's id (sc_container_identify), so the
 *    identity facts are the same however it was named;
 *  - its mount table (/proc/PID/mountinfo, target/mounts.h): volumes and
 *    bind mounts are listed as facts (container:mount) and not walked
 *    unless opts->include_mounts;
 *  - facts (urn:stigcheck:fact:container:...): pid, id, name, runtime,
 *    image, image-id, image-digest where known, and uid, gid (effective),
 *    cap-eff (hex), no-new-privs, seccomp (disabled, strict, filter),
 *    root-readonly, userns;
 *  - the name is the container's name, else its short id, else the
 *    target's /etc/hostname, else "pid-PID".
 * The walk does not enter the container's /proc, /sys and /dev (walk.h).
 *
 * Reading another process's root and environment needs root (ptrace
 * access); without it the error says so.
 */
#ifndef SC_CONTAINER_H
#define SC_CONTAINER_H

#include <stddef.h>

#include "target/target.h"
#include "util/err.h"

#define SC_CONTAINER_ID_LEN 64
#define SC_CONTAINER_CLI_TIMEOUT_MS 20000

/*
 * Run argv (a host program from PATH, no shell, stdin /dev/null) and
 * collect its stdout and stderr (at most 16 MiB in all), killing it after
 * SC_CONTAINER_CLI_TIMEOUT_MS.  Returns 0 with *status set (the exit
 * status, or -1 when killed), or -1 with errno (ENOENT: not installed).
 */
struct sc_buf;
int sc_container_run_cli(char *const argv[], struct sc_buf *out,
    struct sc_buf *errout, int *status);

struct sc_container_info {
	long pid;		/* host PID of the process scanned */
	char *id;		/* full container id; NULL when unknown */
	char *name;
	char *runtime;		/* docker, podman, containerd, cri-o, ... */
	char *image;		/* image reference */
	char *image_id;		/* image config digest ("sha256:...") */
	char *image_digest;	/* image manifest digest */
	char *how;		/* how REF was resolved, for messages */
	unsigned long long start_time;	/* of pid (/proc/PID/stat field 22),
					 * recorded when resolved; 0: not yet */
};

int sc_container_open(struct sc_target **out, const char *ref,
    struct sc_err *err);

struct sc_container_opts {
	int include_mounts;	/* walk volumes and binds too (mounts.h) */
	int no_identify;	/* do not ask runtime CLIs (already asked) */
};

/* sc_container_open with options (opts may be NULL: the defaults). */
int sc_container_open_opts(struct sc_target **out, const char *ref,
    const struct sc_container_opts *opts, struct sc_err *err);

/*
 * Open a container already resolved (by sc_container_resolve or
 * sc_container_list); resolved is copied, not kept.  The process is
 * checked again as for a reference.
 */
int sc_container_open_info(struct sc_target **out,
    const struct sc_container_info *resolved,
    const struct sc_container_opts *opts, struct sc_err *err);

/*
 * Every running container on the node: each container id named by a
 * process's cgroup, with its init process (as step 2 above), in /proc
 * order.  Only pid, id, runtime and how are set; sc_container_identify
 * adds the rest.  *out is freed with sc_container_info_free on each entry
 * and free().
 */
int sc_container_list(struct sc_container_info **out, size_t *n,
    struct sc_err *err);

/*
 * Ask the runtime CLIs on PATH about every entry with an id and no name:
 * one `podman|docker|nerdctl container inspect -- ID...` per CLI for all
 * of them, then `crictl inspect ID` for what is left.  Fills name, image,
 * image id, image digest (the manifest digest the runtime reports) and
 * runtime where the runtime knows them; the PID is never taken from the
 * CLI here.  Entries no CLI knows are left as they are.  Docker's
 * container inspect has no image digest: for docker's containers it is
 * the image's (`docker image inspect -- IMAGE-ID`, the first RepoDigests
 * entry, as target/imagedigest.h), asked once per image, also when the
 * container was resolved by name; none when the image has no RepoDigests.
 */
void sc_container_identify(struct sc_container_info *cis, size_t n);

/* Resolve REF to a process (steps 1-4 above) without opening it. */
int sc_container_resolve(const char *ref, struct sc_container_info *ci,
    struct sc_err *err);
void sc_container_info_free(struct sc_container_info *ci);

/* ---- pieces, exposed for unit tests ------------------------------------ */

/*
 * Find a container id in the text of a /proc/PID/cgroup file.  Returns 1
 * and fills id (NUL-terminated) and *runtime (a static string, or NULL
 * when the path does not say), else 0.
 */
int sc_container_cgroup_id(const char *text, char id[SC_CONTAINER_ID_LEN + 1],
    const char **runtime);

/*
 * Parse the JSON a runtime CLI printed: TOOL is "docker", "podman",
 * "nerdctl" (an array of container objects) or "crictl" (one object with
 * status and info).  Fills ci (pid, id, name, image...); a container that
 * is not running is SC_ERR_NOTFOUND.
 */
int sc_container_parse_inspect(const char *tool, const char *json,
    const char *ref, struct sc_container_info *ci, struct sc_err *err);

/*
 * Parse /proc/PID/status text into rt (pid and root_readonly untouched).
 * Fields are read by key at line starts only; Name: is opaque.
 */
int sc_container_parse_status(const char *text, struct sc_target_runtime *rt);

/*
 * The start time (field 22) of /proc/PID/stat text of LEN bytes, read
 * after the last ')' of the text.  0, or -1 when it is not there.
 */
int sc_container_parse_stat(const char *text, size_t len,
    unsigned long long *start);

/*
 * Whether /proc/PID/cgroup text names container ID (full, 64 hex digits):
 * 1 yes, 0 it names no container, -1 it names another (found, when not
 * NULL, receives that id).
 */
int sc_container_cgroup_matches(const char *text, const char *id,
    char found[SC_CONTAINER_ID_LEN + 1]);

/*
 * Parse /proc/PID/uid_map or gid_map text.  Returns 1 with *out (malloc'd,
 * *n ranges) when ids are remapped, 0 (and NULL) for the identity map.
 */
int sc_container_parse_idmap(const char *text, struct sc_idmap **out,
    size_t *n);

#endif
