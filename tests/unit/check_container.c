/*
 * check_container.c - running containers as targets.
 *
 * The parsers (cgroup paths of every runtime, runtime CLI output, procfs
 * status) against recorded samples, and a real contained process: new
 * PID and mount namespaces, procfs, sysfs and a tmpfs mounted inside,
 * chroot into a busybox root, optionally read-only with no_new_privs and
 * a seccomp filter.  Its target must read the container's tree, its
 * environment (never the scanner's) and its runtime state, and the shared
 * walk must not enter its /proc, /sys and /dev.  In a user namespace, the
 * owners it reports are those the container sees.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "target/container.h"
#include "util/mem.h"
#include "testutil.h"
#include "walk/walk.h"

#define ID "4f3c2a1b0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b"

START_TEST(test_cgroup_ids)
{
	static const struct {
		const char *text;
		const char *runtime;	/* NULL: found, runtime unknown */
		int found;
	} cases[] = {
		{ "12:pids:/docker/" ID "\n0::/\n", "docker", 1 },
		{ "0::/system.slice/docker-" ID ".scope\n", "docker", 1 },
		{ "0::/machine.slice/libpod-" ID ".scope/container\n", "podman", 1 },
		{ "1:name=systemd:/libpod_parent/libpod-" ID "\n", "podman", 1 },
		{ "0::/machine.slice/libpod-conmon-" ID ".scope\n", NULL, 0 },
		{ "0::/kubepods.slice/kubepods-burstable.slice/kubepods-"
		  "burstable-pod1234.slice/crio-" ID ".scope\n", "cri-o", 1 },
		{ "0::/kubepods.slice/crio-conmon-" ID ".scope\n", NULL, 0 },
		{ "0::/kubepods.slice/kubepods-pod1.slice/cri-containerd-" ID
		  ".scope\n", "containerd", 1 },
		{ "0::/kubepods/besteffort/pod1a2b/" ID "\n", NULL, 1 },
		{ "0::/system.slice/nerdctl-" ID ".scope\n", "containerd", 1 },
		{ "0::/default/" ID "\n", NULL, 1 },
		{ "0::/user.slice/user-1000.slice/session-3.scope\n", NULL, 0 },
		{ "0::/docker/" ID "0\n", NULL, 0 },		/* 65 digits */
		{ "0::/docker/4F3C2A1B0E9D8C7B6A5F4E3D2C1B0A9F8E7D6C5B4A3F2E1D0C9B8A7F6E5D4C3B\n",
		  NULL, 0 },
		{ "garbage without colons\n", NULL, 0 },
		{ "", NULL, 0 },
	};
	char id[SC_CONTAINER_ID_LEN + 1];
	const char *rt;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int f = sc_container_cgroup_id(cases[i].text, id, &rt);

		ck_assert_msg(f == cases[i].found, "case %zu: %s", i,
		    cases[i].text);
		if (!f)
			continue;
		ck_assert_str_eq(id, ID);
		if (cases[i].runtime)
			ck_assert_msg(rt && strcmp(rt, cases[i].runtime) == 0,
			    "case %zu: runtime %s", i, rt ? rt : "(null)");
		else
			ck_assert_ptr_null(rt);
	}
}
END_TEST

START_TEST(test_parse_inspect)
{
	struct sc_container_info ci;
	struct sc_err err = SC_ERR_INIT;

	memset(&ci, 0, sizeof(ci));
	ck_assert_int_eq(sc_container_parse_inspect("docker",
	    "[{\"Id\":\"" ID "\",\"Name\":\"/web-1\",\"State\":{\"Running\":true,"
	    "\"Pid\":4242},\"Image\":\"sha256:" ID "\",\"Config\":{\"Image\":"
	    "\"nginx:1.25\"}}]", "web-1", &ci, &err), 0);
	ck_assert_int_eq(ci.pid, 4242);
	ck_assert_str_eq(ci.id, ID);
	ck_assert_str_eq(ci.name, "web-1");
	ck_assert_str_eq(ci.image, "nginx:1.25");
	ck_assert_str_eq(ci.image_id, "sha256:" ID);
	ck_assert_str_eq(ci.runtime, "docker");
	ck_assert_str_eq(ci.how, "docker inspect");
	sc_container_info_free(&ci);

	/* podman: bare image id, ImageName, ImageDigest */
	ck_assert_int_eq(sc_container_parse_inspect("podman",
	    "[{\"Id\":\"" ID "\",\"Name\":\"db\",\"State\":{\"Status\":\"running\","
	    "\"Running\":true,\"Pid\":77},\"Image\":\"" ID "\",\"ImageName\":"
	    "\"docker.io/library/postgres:16\",\"ImageDigest\":\"sha256:abc\"}]",
	    "db", &ci, &err), 0);
	ck_assert_str_eq(ci.name, "db");
	ck_assert_str_eq(ci.image, "docker.io/library/postgres:16");
	ck_assert_str_eq(ci.image_id, "sha256:" ID);
	ck_assert_str_eq(ci.image_digest, "sha256:abc");
	ck_assert_str_eq(ci.runtime, "podman");
	sc_container_info_free(&ci);

	/* nerdctl: the reference in Image */
	ck_assert_int_eq(sc_container_parse_inspect("nerdctl",
	    "[{\"Id\":\"" ID "\",\"Name\":\"n\",\"State\":{\"Running\":true,"
	    "\"Pid\":9},\"Image\":\"docker.io/library/alpine:3.19\"}]", "n", &ci,
	    &err), 0);
	ck_assert_str_eq(ci.image, "docker.io/library/alpine:3.19");
	ck_assert_ptr_null(ci.image_id);
	ck_assert_str_eq(ci.runtime, "containerd");
	sc_container_info_free(&ci);

	/* crictl */
	ck_assert_int_eq(sc_container_parse_inspect("crictl",
	    "{\"status\":{\"id\":\"" ID "\",\"metadata\":{\"name\":\"app\"},"
	    "\"state\":\"CONTAINER_RUNNING\",\"image\":{\"image\":\"reg/app:1\"},"
	    "\"imageRef\":\"reg/app@sha256:def\"},\"info\":{\"pid\":31}}", "app",
	    &ci, &err), 0);
	ck_assert_int_eq(ci.pid, 31);
	ck_assert_str_eq(ci.name, "app");
	ck_assert_str_eq(ci.image_digest, "sha256:def");
	sc_container_info_free(&ci);

	/* not running, nothing, not JSON */
	ck_assert_int_eq(sc_container_parse_inspect("docker",
	    "[{\"Id\":\"" ID "\",\"State\":{\"Running\":false,\"Pid\":0}}]", "x",
	    &ci, &err), SC_ERR_NOTFOUND);
	ck_assert_str_eq(err.msg, "container 'x' (docker) is not running");
	ck_assert_int_eq(sc_container_parse_inspect("crictl",
	    "{\"status\":{\"state\":\"CONTAINER_EXITED\"},\"info\":{\"pid\":0}}",
	    "y", &ci, &err), SC_ERR_NOTFOUND);
	ck_assert_int_eq(sc_container_parse_inspect("docker", "[]", "z", &ci,
	    &err), SC_ERR_PARSE);
	ck_assert_int_eq(sc_container_parse_inspect("docker", "Error: oops", "z",
	    &ci, &err), SC_ERR_PARSE);
	sc_container_info_free(&ci);
	sc_container_info_free(NULL);
}
END_TEST

START_TEST(test_parse_status)
{
	struct sc_target_runtime rt;

	memset(&rt, 0, sizeof(rt));
	ck_assert_int_eq(sc_container_parse_status("Name:\tsleep\n"
	    "Uid:\t1000\t1001\t1002\t1003\nGid:\t2000\t2001\t2002\t2003\n"
	    "CapInh:\t0000000000000000\nCapPrm:\t00000000a80425fb\n"
	    "CapEff:\t00000000a80425fb\nCapBnd:\t000001ffffffffff\n"
	    "CapAmb:\t0000000000000000\nNoNewPrivs:\t1\nSeccomp:\t2\n"
	    "Seccomp_filters:\t1\n", &rt), 0);
	ck_assert_uint_eq(rt.uid[0], 1000);
	ck_assert_uint_eq(rt.uid[1], 1001);
	ck_assert_uint_eq(rt.gid[3], 2003);
	ck_assert_uint_eq(rt.cap_eff, 0xa80425fbULL);
	ck_assert_uint_eq(rt.cap_bnd, 0x1ffffffffffULL);
	ck_assert_int_eq(rt.no_new_privs, 1);
	ck_assert_int_eq(rt.seccomp, 2);
	/* an old kernel: no NoNewPrivs, no Seccomp */
	memset(&rt, 0, sizeof(rt));
	ck_assert_int_eq(sc_container_parse_status("Uid:\t0\t0\t0\t0\n"
	    "Gid:\t0\t0\t0\t0\nCapEff:\t0\n", &rt), 0);
	ck_assert_int_eq(rt.no_new_privs, -1);
	ck_assert_int_eq(rt.seccomp, -1);
	ck_assert_int_eq(sc_container_parse_status("Uid:\t0\t0\t0\t0\n", &rt), -1);
}
END_TEST

START_TEST(test_parse_idmap)
{
	struct sc_idmap *m;
	size_t n;

	ck_assert_int_eq(sc_container_parse_idmap("         0          0 "
	    "4294967295\n", &m, &n), 0);
	ck_assert_ptr_null(m);
	ck_assert_uint_eq(n, 0);
	ck_assert_int_eq(sc_container_parse_idmap("         0     100000      "
	    "65536\n     65536    1000000       1000\n", &m, &n), 1);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(m[0].inside, 0);
	ck_assert_uint_eq(m[0].outside, 100000);
	ck_assert_uint_eq(m[1].inside, 65536);
	ck_assert_uint_eq(m[1].count, 1000);
	free(m);
}
END_TEST

START_TEST(test_resolve_errors)
{
	struct sc_container_info ci;
	struct sc_err err = SC_ERR_INIT;
	char *empty = tu_mkdtemp(), *path = strdup(getenv("PATH"));

	/* no runtime CLI anywhere on PATH */
	setenv("PATH", empty, 1);
	ck_assert_int_eq(sc_container_resolve("", &ci, &err), SC_ERR_INVAL);
	ck_assert_int_eq(sc_container_resolve("a b", &ci, &err), SC_ERR_INVAL);
	ck_assert_int_eq(sc_container_resolve("-rf", &ci, &err), SC_ERR_INVAL);
	ck_assert_int_eq(sc_container_resolve("web-1", &ci, &err),
	    SC_ERR_NOTFOUND);
	ck_assert_str_eq(err.msg, "cannot find container 'web-1': not a PID or "
	    "a container id; docker: not installed; podman: not installed; "
	    "nerdctl: not installed; crictl: not installed");
	ck_assert_int_eq(sc_container_resolve("4194999999", &ci, &err),
	    SC_ERR_NOTFOUND);
	ck_assert_msg(strstr(err.msg, "no process 4194999999"), "%s", err.msg);
	ck_assert_int_eq(sc_container_resolve(ID, &ci, &err), SC_ERR_NOTFOUND);
	ck_assert_msg(strstr(err.msg, "no process in /proc/*/cgroup belongs to a "
	    "container id starting with " ID), "%s", err.msg);
	/* this very process, by PID */
	{
		char pid[32];

		snprintf(pid, sizeof(pid), "%ld", (long)getpid());
		ck_assert_int_eq(sc_container_resolve(pid, &ci, &err), 0);
		ck_assert_int_eq(ci.pid, getpid());
		sc_container_info_free(&ci);
	}
	setenv("PATH", path, 1);
	free(path);
	rmdir(empty);
	free(empty);
}
END_TEST

/* /proc/PID/stat with hostile comm values: the start time is field 22,
 * counted after the LAST ')' */
START_TEST(test_parse_stat)
{
	static const char *tail = " S 1 42 42 0 -1 4194560 100 0 0 0 1 2 0 0 "
	    "20 0 1 0 987654321 1234567 100 18446744073709551615 1 1 0 0 0 0 "
	    "0 0 0 0 0 0 17 1 0 0 0 0 0\n";
	static const char *comms[] = {
		"sleep",
		"a) 1 2 3",
		"a) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20",
		"x\ny) 5 5 5",
		")",
		"))))",
		"0123456789abcdef",	/* 16 bytes: longer than the kernel's */
		"",
		"\n",
		"( 1 2",
	};
	char buf[512];
	unsigned long long st;
	size_t i;

	for (i = 0; i < sizeof(comms) / sizeof(comms[0]); i++) {
		int n = snprintf(buf, sizeof(buf), "4242 (%s)%s", comms[i], tail);

		st = 0;
		ck_assert_msg(sc_container_parse_stat(buf, (size_t)n, &st) == 0,
		    "comm %zu", i);
		ck_assert_msg(st == 987654321ULL, "comm %zu: %llu", i, st);
	}
	/* NUL bytes in the text do not end it early */
	memcpy(buf, "1 (a\0b) S", 9);
	snprintf(buf + 9, sizeof(buf) - 9, "%s", tail + 2);
	ck_assert_int_eq(sc_container_parse_stat(buf, 9 + strlen(tail + 2),
	    &st), 0);
	ck_assert_uint_eq(st, 987654321ULL);
	/* malformed: no ')', too few fields, a field on another line, not a
	 * number, an overflow */
	ck_assert_int_eq(sc_container_parse_stat("4242 sleep S 1", 14, &st), -1);
	ck_assert_int_eq(sc_container_parse_stat("4242 (s) S 1 2\n", 15, &st),
	    -1);
	ck_assert_int_eq(sc_container_parse_stat("", 0, &st), -1);
	snprintf(buf, sizeof(buf), "1 (s) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 "
	    "15 16 17\n18 12345 1");
	ck_assert_int_eq(sc_container_parse_stat(buf, strlen(buf), &st), -1);
	snprintf(buf, sizeof(buf), "1 (s) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 "
	    "15 16 17 18 12x45 1");
	ck_assert_int_eq(sc_container_parse_stat(buf, strlen(buf), &st), -1);
	snprintf(buf, sizeof(buf), "1 (s) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 "
	    "15 16 17 18 99999999999999999999999 1");
	ck_assert_int_eq(sc_container_parse_stat(buf, strlen(buf), &st), -1);
	/* the real thing: this process */
	{
		FILE *f = fopen("/proc/self/stat", "r");
		size_t n = fread(buf, 1, sizeof(buf) - 1, f);

		fclose(f);
		ck_assert_int_eq(sc_container_parse_stat(buf, n, &st), 0);
		ck_assert_uint_gt(st, 0);
	}
}
END_TEST

/* a hostile Name: line never shifts the fields read by key */
START_TEST(test_status_hostile_name)
{
	struct sc_target_runtime rt;

	memset(&rt, 0, sizeof(rt));
	ck_assert_int_eq(sc_container_parse_status("Name:\tUid: 0 0 0 0 "
	    "CapEff: ffffffffffffffff\nUmask:\t0022\n"
	    "Uid:\t1000\t1000\t1000\t1000\nGid:\t7\t7\t7\t7\n"
	    "CapEff:\t0000000000000000\nSeccomp:\t2\n", &rt), 0);
	ck_assert_uint_eq(rt.uid[1], 1000);
	ck_assert_uint_eq(rt.cap_eff, 0);
	/* a Name: holding the keys and nothing else: no fields */
	ck_assert_int_eq(sc_container_parse_status("Name:\tUid: 0 0 0 0 Gid: 0 "
	    "0 0 0 CapEff: 0\n", &rt), -1);
	/* the keys only at line starts: " Uid:" and "XUid:" are not Uid: */
	ck_assert_int_eq(sc_container_parse_status(" Uid:\t0\t0\t0\t0\n"
	    "XGid:\t0\t0\t0\t0\nCapEff:\t0\n", &rt), -1);
}
END_TEST

/* the cgroup must name the full id it was resolved as */
START_TEST(test_cgroup_matches)
{
	static const char *other =
	    "1111111111111111111111111111111111111111111111111111111111111111";
	char found[SC_CONTAINER_ID_LEN + 1];
	char *two;

	ck_assert_int_eq(sc_container_cgroup_matches("0::/machine.slice/libpod-"
	    ID ".scope/container\n", ID, found), 1);
	ck_assert_int_eq(sc_container_cgroup_matches("12:pids:/docker/" ID
	    "\n0::/\n", ID, found), 1);
	ck_assert_int_eq(sc_container_cgroup_matches("0::/system.slice/docker-"
	    ID ".scope\n", ID, found), 1);
	ck_assert_int_eq(sc_container_cgroup_matches("0::/kubepods.slice/"
	    "cri-containerd-" ID ".scope\n", ID, found), 1);
	ck_assert_int_eq(sc_container_cgroup_matches("0::/kubepods.slice/crio-"
	    ID ".scope\n", ID, found), 1);
	ck_assert_int_eq(sc_container_cgroup_matches("0::/user.slice/user-1000."
	    "slice/user@1000.service/user.slice/libpod-" ID ".scope/container\n",
	    ID, found), 1);	/* rootless podman */
	/* names none: a host process */
	ck_assert_int_eq(sc_container_cgroup_matches("0::/user.slice/user-1000."
	    "slice/session-3.scope\n", ID, found), 0);
	ck_assert_int_eq(sc_container_cgroup_matches("0::/machine.slice/"
	    "libpod-conmon-" ID ".scope\n", ID, found), 0);
	ck_assert_int_eq(sc_container_cgroup_matches("", ID, found), 0);
	/* names another */
	ck_assert_int_eq(sc_container_cgroup_matches("0::/docker/" "" ID "\n",
	    other, found), -1);
	ck_assert_str_eq(found, ID);
	/* a prefix of the id is not the id */
	ck_assert_int_eq(sc_container_cgroup_matches("0::/docker/" ID "\n",
	    "4f3c2a1b0e9d", found), -1);
	/* one hierarchy naming another container is enough to refuse */
	two = sc_xasprintf("12:pids:/docker/%s\n11:memory:/docker/%s\n", ID,
	    other);
	ck_assert_int_eq(sc_container_cgroup_matches(two, ID, found), -1);
	ck_assert_str_eq(found, other);
	free(two);
}
END_TEST

/* a process that is not the one resolved, or not in a container, is refused */
START_TEST(test_pinned)
{
	struct sc_container_info ci;
	struct sc_target *t = NULL;
	struct sc_err err = SC_ERR_INIT;
	char want[128];
	pid_t child = fork();

	ck_assert_int_ge(child, 0);
	if (child == 0) {
		pause();
		_exit(0);
	}
	memset(&ci, 0, sizeof(ci));
	ci.pid = child;
	/* the start time recorded is not this process's: replaced */
	ci.start_time = 1;
	ck_assert_int_lt(sc_container_open_info(&t, &ci, NULL, &err), 0);
	snprintf(want, sizeof(want), "container process %ld exited or was "
	    "replaced", (long)child);
	ck_assert_str_eq(err.msg, want);
	ck_assert_ptr_null(t);
	/* its own start time, but the host's mount namespace, no container
	 * in its cgroup: not a container */
	ci.start_time = 0;
	ck_assert_int_lt(sc_container_open_info(&t, &ci, NULL, &err), 0);
	snprintf(want, sizeof(want), "process %ld is not in a container: ",
	    (long)child);
	ck_assert_msg(strncmp(err.msg, want, strlen(want)) == 0, "%s", err.msg);
	ck_assert_msg(strstr(err.msg, "shares the host's mount namespace"),
	    "%s", err.msg);
	/* resolved as a container its cgroup does not name */
	ci.id = strdup(ID);
	ci.how = strdup("podman inspect");
	ck_assert_int_lt(sc_container_open_info(&t, &ci, NULL, &err), 0);
	snprintf(want, sizeof(want), "process %ld belongs to no container (its "
	    "cgroup is ", (long)child);
	ck_assert_msg(strncmp(err.msg, want, strlen(want)) == 0, "%s", err.msg);
	ck_assert_msg(strstr(err.msg, "not 4f3c2a1b0e9d (podman inspect)"),
	    "%s", err.msg);
	/* gone: exited and reaped */
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	ck_assert_int_lt(sc_container_open_info(&t, &ci, NULL, &err), 0);
	sc_container_info_free(&ci);
}
END_TEST

/* ---- a real contained process ------------------------------------------- */

static char *tmp, *root;
static pid_t ct_pid = -1, ct_mid = -1;

static void
build_root(int with_hostname)
{
	char cmd[4096];

	tmp = tu_mkdtemp();
	root = tu_path(tmp, "root");
	tu_write(root, "etc/passwd", "root:x:0:0:root:/root:/bin/sh\n", 0644);
	tu_write(root, "etc/group", "root:x:0:\n", 0644);
	tu_write(root, "etc/os-release", "ID=ctfixture\n", 0644);
	if (with_hostname)
		tu_write(root, "etc/hostname", "ct-host\n", 0644);
	tu_mkdir(root, "proc", 0555);
	tu_mkdir(root, "sys", 0555);
	tu_mkdir(root, "dev", 0755);
	tu_mkdir(root, "bin", 0755);
	snprintf(cmd, sizeof(cmd), "/bin/cp /bin/busybox '%s/bin/busybox'",
	    root);
	ck_assert_int_eq(system(cmd), 0);
}

static void
contained(int hardened)
{
	static char *const argv[] = { "busybox", "sleep", "100000", NULL };
	static char *const envp[] = { "FROM_CONTAINER=1", "PATH=/bin", NULL };
	char p[4096];

	if (hardened) {
		/* a read-only root, as `docker run --read-only` */
		if (mount(root, root, NULL, MS_BIND | MS_REC, NULL) < 0 ||
		    mount(NULL, root, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY,
		    NULL) < 0)
			_exit(20);
	}
	snprintf(p, sizeof(p), "%s/proc", root);
	if (mount("proc", p, "proc", 0, NULL) < 0)
		_exit(21);
	snprintf(p, sizeof(p), "%s/sys", root);
	(void)mount("sysfs", p, "sysfs", MS_RDONLY, NULL);
	snprintf(p, sizeof(p), "%s/dev", root);
	if (mount("tmpfs", p, "tmpfs", 0, "size=64k") == 0) {
		snprintf(p, sizeof(p), "%s/dev/marker", root);
		close(open(p, O_CREAT | O_WRONLY, 0644));
	}
	if (hardened) {
		struct sock_filter allow[] = {
			BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		};
		struct sock_fprog prog = { 1, allow };

		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
		    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) < 0)
			_exit(22);
	}
	if (chroot(root) < 0 || chdir("/") < 0)
		_exit(23);
	execve("/bin/busybox", argv, envp);
	_exit(24);
}

static int
has_env(pid_t pid, const char *want)
{
	char path[64], *env;
	size_t len, off;
	int found = 0;

	snprintf(path, sizeof(path), "/proc/%ld/environ", (long)pid);
	env = tu_read(path, &len);
	for (off = 0; env && off < len; off += strlen(env + off) + 1)
		if (strcmp(env + off, want) == 0)
			found = 1;
	free(env);
	return found;
}

/* Wait (5 s at most) for ct_pid to have exec'ed busybox. */
static int
wait_exec(void)
{
	int i;

	for (i = 0; i < 200 && !has_env(ct_pid, "FROM_CONTAINER=1"); i++) {
		struct timespec ts = { 0, 25000000 };

		nanosleep(&ts, NULL);
	}
	return has_env(ct_pid, "FROM_CONTAINER=1");
}

/* Start the contained process; 0 when this machine does not allow it. */
static int
start_contained(int hardened)
{
	int pfd[2];
	pid_t c = -1;

	ck_assert_int_eq(pipe(pfd), 0);
	ct_mid = fork();
	ck_assert_int_ge(ct_mid, 0);
	if (ct_mid == 0) {
		close(pfd[0]);
		if (unshare(CLONE_NEWNS | CLONE_NEWPID) < 0 ||
		    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
			_exit(10);
		c = fork();
		if (c == 0)
			contained(hardened);
		if (write(pfd[1], &c, sizeof(c)) != sizeof(c))
			_exit(11);
		while (waitpid(c, NULL, 0) < 0 && errno == EINTR)
			;
		_exit(0);
	}
	close(pfd[1]);
	if (read(pfd[0], &c, sizeof(c)) != sizeof(c) || c <= 0) {
		close(pfd[0]);
		waitpid(ct_mid, NULL, 0);
		ct_mid = -1;
		return 0;
	}
	close(pfd[0]);
	ct_pid = c;
	return wait_exec();
}

/* Shift an owner by 100000 (the on-disk view of a user namespace). */
static int
shift_one(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)flag;
	(void)f;
	if (lchown(path, st->st_uid + 100000, st->st_gid + 100000) < 0)
		return -1;
	return 0;
}

/*
 * Like start_contained, in a user namespace too: inside ids 0-65535 are
 * host ids 100000-165535, as rootless podman and userns-remap run them.
 */
static int
start_contained_userns(void)
{
	int up[2], down[2];
	pid_t c = -1;
	char path[64], go = 'g';
	FILE *f;

	ck_assert_int_eq(pipe(up), 0);
	ck_assert_int_eq(pipe(down), 0);
	ct_mid = fork();
	ck_assert_int_ge(ct_mid, 0);
	if (ct_mid == 0) {
		close(up[0]);
		close(down[1]);
		if (unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID) < 0)
			_exit(10);
		if (write(up[1], &go, 1) != 1 || read(down[0], &go, 1) != 1)
			_exit(11);
		/* mapped now: become the namespace's root before any exec */
		if (setresgid(0, 0, 0) < 0 || setresuid(0, 0, 0) < 0 ||
		    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
			_exit(12);
		c = fork();
		if (c == 0)
			contained(0);
		if (write(up[1], &c, sizeof(c)) != sizeof(c))
			_exit(13);
		while (waitpid(c, NULL, 0) < 0 && errno == EINTR)
			;
		_exit(0);
	}
	close(up[1]);
	close(down[0]);
	if (read(up[0], &go, 1) != 1)
		goto fail;
	snprintf(path, sizeof(path), "/proc/%ld/uid_map", (long)ct_mid);
	if ((f = fopen(path, "w")) == NULL || fprintf(f, "0 100000 65536\n") < 0 ||
	    fclose(f) != 0)
		goto fail;
	snprintf(path, sizeof(path), "/proc/%ld/gid_map", (long)ct_mid);
	if ((f = fopen(path, "w")) == NULL || fprintf(f, "0 100000 65536\n") < 0 ||
	    fclose(f) != 0)
		goto fail;
	if (write(down[1], &go, 1) != 1 ||
	    read(up[0], &c, sizeof(c)) != sizeof(c) || c <= 0)
		goto fail;
	close(up[0]);
	close(down[1]);
	ct_pid = c;
	return wait_exec();
fail:
	close(up[0]);
	close(down[1]);
	kill(ct_mid, SIGKILL);
	{ int stt; waitpid(ct_mid, &stt, 0); fprintf(stderr, "DBG mid status %d errno %s\n", stt, strerror(errno)); }
	ct_mid = -1;
	return 0;
}

static void
stop_contained(void)
{
	if (ct_pid > 0)
		kill(ct_pid, SIGKILL);
	if (ct_mid > 0)
		waitpid(ct_mid, NULL, 0);
	ct_pid = ct_mid = -1;
	if (tmp != NULL)
		tu_rmrf(tmp);
	free(tmp);
	free(root);
	tmp = root = NULL;
}

struct seen {
	int etc_passwd, inside_pseudo, proc, sys, dev;
};

static int
visit(void *ctx, const struct sc_walk_entry *e)
{
	struct seen *s = ctx;

	if (e->event != SC_WALK_ENTRY)
		return 0;
	if (strcmp(e->path, "/etc/passwd") == 0)
		s->etc_passwd = 1;
	if (strcmp(e->path, "/proc") == 0)
		s->proc = 1;
	if (strcmp(e->path, "/sys") == 0)
		s->sys = 1;
	if (strcmp(e->path, "/dev") == 0)
		s->dev = 1;
	if (strncmp(e->path, "/proc/", 6) == 0 ||
	    strncmp(e->path, "/sys/", 5) == 0 || strncmp(e->path, "/dev/", 5) == 0)
		s->inside_pseudo = 1;
	return 0;
}

START_TEST(test_real_container)
{
	struct sc_err err = SC_ERR_INIT;
	struct sc_target *t;
	const struct sc_target_runtime *rt;
	struct sc_target_runtime want;
	struct sc_walk *w;
	struct sc_walk_spec spec = { "/", -1, 0, visit, NULL };
	struct sc_walk_stats ws;
	struct seen seen;
	struct sc_buf b = SC_BUF_INIT;
	char ref[32], path[64], *status;
	int hardened = _i;

	if (geteuid() != 0 || access("/bin/busybox", X_OK) != 0) {
		fprintf(stderr, "check_container: needs root and /bin/busybox "
		    "(busybox-static); real-process tests skipped\n");
		return;
	}
	build_root(!hardened);
	if (!start_contained(hardened)) {
		fprintf(stderr, "check_container: this machine does not allow "
		    "new PID and mount namespaces; real-process tests skipped\n");
		stop_contained();
		return;
	}
	setenv("SCANNER_ONLY", "must-not-appear", 1);
	snprintf(ref, sizeof(ref), "%ld", (long)ct_pid);
	ck_assert_msg(sc_container_open(&t, ref, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(sc_target_kind(t), SC_TARGET_CONTAINER);
	snprintf(path, sizeof(path), "/proc/%ld/root", (long)ct_pid);
	ck_assert_str_eq(sc_target_path(t), path);
	/* the container's tree, environment and identity */
	ck_assert_str_eq(sc_target_os_release(t, "ID"), "ctfixture");
	ck_assert_str_eq(sc_target_getenv(t, "FROM_CONTAINER"), "1");
	ck_assert_str_eq(sc_target_getenv(t, "PATH"), "/bin");
	ck_assert_ptr_null(sc_target_getenv(t, "SCANNER_ONLY"));
	ck_assert_ptr_null(sc_target_getenv(t, "HOME"));
	snprintf(path, sizeof(path), "pid-%ld", (long)ct_pid);
	ck_assert_str_eq(sc_target_name(t), hardened ? path : "ct-host");
	ck_assert_int_eq(sc_target_read_file(t, "/dev/marker", 100, &b, NULL,
	    &err), 0);	/* the container's mounts are seen */
	/* runtime state, as the kernel reports it */
	rt = sc_target_runtime(t);
	ck_assert_ptr_nonnull(rt);
	snprintf(path, sizeof(path), "/proc/%ld/status", (long)ct_pid);
	status = tu_read(path, NULL);
	memset(&want, 0, sizeof(want));
	ck_assert_int_eq(sc_container_parse_status(status, &want), 0);
	free(status);
	ck_assert_int_eq(rt->pid, ct_pid);
	ck_assert_uint_eq(rt->uid[1], 0);
	ck_assert_uint_eq(rt->cap_eff, want.cap_eff);
	ck_assert_int_eq(rt->no_new_privs, hardened ? 1 : 0);
	ck_assert_int_eq(rt->seccomp, hardened ? 2 : 0);
	ck_assert_int_eq(rt->root_readonly, hardened);
	/* the walk does not enter the container's /proc, /sys, /dev */
	memset(&seen, 0, sizeof(seen));
	spec.ctx = &seen;
	w = sc_walk_new();
	sc_walk_add(w, &spec);
	ck_assert_int_eq(sc_walk_run(w, t, &err), 0);
	sc_walk_get_stats(w, &ws);
	ck_assert(seen.etc_passwd);
	ck_assert(seen.proc && seen.sys && seen.dev);
	ck_assert_msg(!seen.inside_pseudo, "walked into a pseudo-filesystem");
	ck_assert_uint_ge(ws.pruned, 3);
	sc_walk_free(w);
	sc_buf_free(&b);
	sc_target_free(t);
	stop_contained();
	/* gone: a clear error */
	ck_assert_int_eq(sc_container_open(&t, ref, &err), SC_ERR_NOTFOUND);
}
END_TEST

struct owners {
	uid_t shadow_uid;
	gid_t shadow_gid;
};

static int
visit_owner(void *ctx, const struct sc_walk_entry *e)
{
	struct owners *o = ctx;

	if (e->event == SC_WALK_ENTRY && strcmp(e->path, "/etc/shadow") == 0) {
		o->shadow_uid = e->st->st_uid;
		o->shadow_gid = e->st->st_gid;
	}
	return 0;
}

/*
 * In a child that joined the container's user namespace (as `podman
 * unshare` runs a rootless container's tools), open the container by PID:
 * the kernel already shows its owners, so they must not be mapped again.
 * Returns the child's exit status: 0 when root-owned /etc/shadow (gid 42)
 * and the process's uid 0 are seen as they are inside.
 */
static int
scan_from_inside(const char *ref)
{
	char path[64];
	pid_t c;
	int st = -1;

	snprintf(path, sizeof(path), "/proc/%s/ns/user", ref);
	c = fork();
	if (c == 0) {
		struct sc_target *t = NULL;
		const struct sc_target_runtime *rt;
		struct stat sb;
		int fd = open(path, O_RDONLY | O_CLOEXEC), code = 0;

		if (fd < 0 || setns(fd, CLONE_NEWUSER) < 0)
			_exit(20);
		close(fd);
		if (sc_container_open(&t, ref, NULL) < 0)
			_exit(21);
		rt = sc_target_runtime(t);
		if (rt->userns != 1 || rt->uid[1] != 0)
			code = 22;
		else if (sc_target_stat(t, "/etc/shadow", &sb, NULL) < 0 ||
		    sb.st_uid != 0 || sb.st_gid != 42)
			code = 23;
		sc_target_free(t);
		_exit(code);
	}
	ck_assert_int_ge(c, 0);
	while (waitpid(c, &st, 0) < 0 && errno == EINTR)
		;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

START_TEST(test_userns_container)
{
	struct sc_err err = SC_ERR_INIT;
	struct sc_target *t;
	const struct sc_target_runtime *rt;
	struct owners o = { 1, 1 };
	struct sc_walk_spec spec = { "/etc", -1, 0, visit_owner, &o };
	struct sc_walk *w;
	struct stat st;
	char ref[32], *p;

	if (geteuid() != 0 || access("/bin/busybox", X_OK) != 0)
		return;
	build_root(1);
	tu_write(root, "etc/shadow", "root:*:1::::::\n", 0640);
	p = tu_path(root, "etc/shadow");
	ck_assert_int_eq(chown(p, 0, 42), 0);
	free(p);
	ck_assert_int_eq(nftw(root, shift_one, 32, FTW_PHYS), 0);
	/* the namespace's root must be able to reach its tree */
	ck_assert_int_eq(chmod(tmp, 0755), 0);
	tu_write(root, "etc/unmapped", "x\n", 0644);	/* host uid 0: unseen */
	if (!start_contained_userns()) {
		fprintf(stderr, "check_container: this machine does not allow "
		    "user namespaces; the userns test is skipped\n");
		stop_contained();
		return;
	}
	snprintf(ref, sizeof(ref), "%ld", (long)ct_pid);
	ck_assert_msg(sc_container_open(&t, ref, &err) == 0, "%s", err.msg);
	rt = sc_target_runtime(t);
	ck_assert_int_eq(rt->userns, 1);
	ck_assert_uint_eq(rt->uid[1], 0);	/* as the process sees itself */
	/* owners as the container sees them */
	ck_assert_int_eq(sc_target_stat(t, "/etc/shadow", &st, &err), 0);
	ck_assert_uint_eq(st.st_uid, 0);
	ck_assert_uint_eq(st.st_gid, 42);
	ck_assert_int_eq(sc_target_lstat(t, "/etc/unmapped", &st, &err), 0);
	ck_assert_uint_eq(st.st_uid, SC_IDMAP_OVERFLOW);
	w = sc_walk_new();
	sc_walk_add(w, &spec);
	ck_assert_int_eq(sc_walk_run(w, t, &err), 0);
	ck_assert_uint_eq(o.shadow_uid, 0);
	ck_assert_uint_eq(o.shadow_gid, 42);
	sc_walk_free(w);
	sc_target_free(t);
	/* from inside its user namespace (podman unshare): mapped once */
	ck_assert_int_eq(scan_from_inside(ref), 0);
	stop_contained();
}
END_TEST

static Suite *
container_suite(void)
{
	Suite *s = suite_create("container");
	TCase *tc = tcase_create("container");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_cgroup_ids);
	tcase_add_test(tc, test_parse_inspect);
	tcase_add_test(tc, test_parse_status);
	tcase_add_test(tc, test_parse_idmap);
	tcase_add_test(tc, test_parse_stat);
	tcase_add_test(tc, test_status_hostile_name);
	tcase_add_test(tc, test_cgroup_matches);
	tcase_add_test(tc, test_pinned);
	tcase_add_test(tc, test_resolve_errors);
	tcase_add_loop_test(tc, test_real_container, 0, 2);
	tcase_add_test(tc, test_userns_container);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(container_suite)
