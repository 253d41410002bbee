/*
 * check_container_docker.c - what docker says about a container's image.
 *
 * docker's `container inspect` names a container's image by its id only
 * (no ImageDigest, as podman has): the manifest digest is the image's
 * RepoDigests, from `docker image inspect -- ID`, the value --image
 * docker:NAME records.  A docker stand-in on PATH (a shell script that
 * answers as docker 20.10 does and logs each call) checks that the digest
 * is taken from there for containers named by id (sc_container_identify)
 * and by name (sc_container_resolve), asked once per image, and left out
 * when the image has no RepoDigests or docker answers for another image.
 * A named volume under a daemon's own --data-root is a volume, not a
 * host path bound read-write.  The real daemon: t4900-docker.sh.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "target/container.h"
#include "target/mounts.h"
#include "testutil.h"
#include "util/mem.h"

#define CA "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define CB "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
#define CC "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"
#define CD "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd"
#define IX "1111111111111111111111111111111111111111111111111111111111111111"	/* pushed: one RepoDigest */
#define IY "2222222222222222222222222222222222222222222222222222222222222222"	/* imported: none */
#define IZ "3333333333333333333333333333333333333333333333333333333333333333"	/* docker answers for another image */
#define DX "9999999999999999999999999999999999999999999999999999999999999999"

/* docker 20.10's answers, trimmed to what is read */
static const char script[] =
	"#!/bin/sh\n"
	"echo \"$*\" >>\"$0.log\"\n"
	"ct() { printf '{\"Id\":\"%s\",\"Name\":\"/%s\",\"State\":{\"Running\":true,"
	"\"Pid\":%s},\"Image\":\"sha256:%s\",\"Config\":{\"Image\":\"%s\"}}' "
	"\"$1\" \"$2\" \"$3\" \"$4\" \"$5\"; }\n"
	"case \"$1 $2 $3\" in\n"
	"'container inspect --')\n"
	"  shift 3; printf '['; sep=''\n"
	"  for a in \"$@\"; do printf '%s' \"$sep\"; sep=,\n"
	"    case $a in\n"
	"    " CA "|web) ct " CA " web $PPID " IX " reg.example/web:1 ;;\n"
	"    " CB ") ct " CB " web2 $PPID " IX " reg.example/web:1 ;;\n"
	"    " CC ") ct " CC " local $PPID " IY " local/img:1 ;;\n"
	"    " CD ") ct " CD " other $PPID " IZ " z:1 ;;\n"
	"    esac\n"
	"  done; printf ']\\n' ;;\n"
	"'image inspect --')\n"
	"  case $4 in\n"
	"  sha256:" IX ") printf '[{\"Id\":\"sha256:" IX "\",\"RepoTags\":"
	"[\"reg.example/web:1\"],\"RepoDigests\":[\"reg.example/web@sha256:"
	DX "\"]}]\\n' ;;\n"
	"  sha256:" IY ") printf '[{\"Id\":\"sha256:" IY "\",\"RepoDigests\":[]}]\\n' ;;\n"
	"  sha256:" IZ ") printf '[{\"Id\":\"sha256:" IX "\",\"RepoDigests\":"
	"[\"z@sha256:" DX "\"]}]\\n' ;;\n"
	"  *) echo 'Error: No such image' >&2; exit 1 ;;\n"
	"  esac ;;\n"
	"*) exit 1 ;;\n"
	"esac\n";

static char *dir, *old_path, *logpath;

static void
setup(void)
{
	char *p;

	dir = tu_mkdtemp();
	tu_write(dir, "docker", script, 0755);
	p = tu_path(dir, "docker");
	logpath = sc_xasprintf("%s.log", p);
	free(p);
	old_path = sc_xstrdup(getenv("PATH"));
	setenv("PATH", dir, 1);	/* docker only: no podman, nerdctl, crictl */
}

static void
teardown(void)
{
	setenv("PATH", old_path, 1);
	tu_rmrf(dir);
	free(dir);
	free(old_path);
	free(logpath);
}

/* how many calls the stand-in logged with that text */
static int
calls(const char *text)
{
	char *log = tu_read(logpath, NULL), *p;
	int n = 0;

	for (p = log; p && (p = strstr(p, text)) != NULL; p++)
		n++;
	free(log);
	return n;
}

START_TEST(test_identify_digest)
{
	struct sc_container_info cis[4];
	const char *ids[] = { CA, CB, CC, CD };
	size_t i;

	memset(cis, 0, sizeof(cis));
	for (i = 0; i < 4; i++) {
		cis[i].id = sc_xstrdup(ids[i]);
		cis[i].runtime = sc_xstrdup("docker");	/* its cgroup says */
		cis[i].pid = getpid();
	}
	sc_container_identify(cis, 4);
	ck_assert_str_eq(cis[0].name, "web");
	ck_assert_str_eq(cis[0].image, "reg.example/web:1");
	ck_assert_str_eq(cis[0].image_id, "sha256:" IX);
	ck_assert_str_eq(cis[0].image_digest, "sha256:" DX);
	ck_assert_str_eq(cis[1].image_digest, "sha256:" DX);
	/* imported, never pushed or pulled: no RepoDigests, no digest */
	ck_assert_str_eq(cis[2].image_id, "sha256:" IY);
	ck_assert_ptr_null(cis[2].image_digest);
	/* docker answered for another image: nothing taken */
	ck_assert_ptr_null(cis[3].image_digest);
	ck_assert_int_eq(calls("container inspect"), 1);
	ck_assert_int_eq(calls("image inspect -- sha256:" IX), 1);
	ck_assert_int_eq(calls("image inspect"), 3);
	for (i = 0; i < 4; i++) {
		ck_assert_str_eq(cis[i].runtime, "docker");
		sc_container_info_free(&cis[i]);
	}
}
END_TEST

START_TEST(test_resolve_by_name_digest)
{
	struct sc_container_info ci;
	struct sc_err err = SC_ERR_INIT;

	ck_assert_int_eq(sc_container_resolve("web", &ci, &err), 0);
	ck_assert_str_eq(ci.id, CA);
	ck_assert_str_eq(ci.runtime, "docker");
	ck_assert_str_eq(ci.image_id, "sha256:" IX);
	ck_assert_str_eq(ci.image_digest, "sha256:" DX);
	sc_container_info_free(&ci);
}
END_TEST

/* a podman container is never asked of docker: podman reports its own */
START_TEST(test_other_runtime_not_asked)
{
	struct sc_container_info ci;

	memset(&ci, 0, sizeof(ci));
	ci.id = sc_xstrdup(CA);
	ci.name = sc_xstrdup("known");
	ci.runtime = sc_xstrdup("podman");
	ci.image_id = sc_xstrdup("sha256:" IX);
	sc_container_identify(&ci, 1);
	ck_assert_ptr_null(ci.image_digest);
	ck_assert_int_eq(calls("inspect"), 0);
	sc_container_info_free(&ci);
}
END_TEST

/*
 * docker 20.10 with --data-root /var/tmp/D (recorded, trimmed): a named
 * volume's root is D/volumes/NAME/_data, not /var/lib/docker/volumes/
 */
static const char docker_mi[] =
    "1510 1300 0:120 / / rw,relatime - overlay overlay rw,lowerdir=/var/tmp/D/overlay2/l/A,upperdir=/var/tmp/D/overlay2/x/diff,workdir=/var/tmp/D/overlay2/x/work\n"
    "1511 1510 0:123 / /proc rw,nosuid,nodev,noexec,relatime - proc proc rw\n"
    "1520 1510 254:0 /var/tmp/D/containers/" CA "/resolv.conf /etc/resolv.conf rw,relatime - ext4 /dev/vda rw\n"
    "1523 1510 254:0 /var/tmp/D/volumes/web-data/_data /vol rw,relatime - ext4 /dev/vda rw\n"
    "1524 1510 254:0 /var/tmp/D/volumes/web-data/_data/sub /vol2 ro,relatime - ext4 /dev/vda rw\n"
    "1525 1510 254:0 /srv/volumes/x/_datax /notvol rw,relatime - ext4 /dev/vda rw\n"
    "1526 1510 254:0 /srv/volumes//_data /notvol2 rw,relatime - ext4 /dev/vda rw\n";
static const char host_mi[] =
    "20 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw\n";

START_TEST(test_volume_under_data_root)
{
	struct sc_mounts ms, host;
	const char *want[][3] = {
		{ "/etc/resolv.conf", "runtime", NULL },
		{ "/vol", "volume", NULL },
		{ "/vol2", "volume", NULL },
		{ "/notvol", "bind", "a host path mounted read-write" },
		{ "/notvol2", "bind", "a host path mounted read-write" },
	};
	size_t i, j;

	memset(&ms, 0, sizeof(ms));
	memset(&host, 0, sizeof(host));
	ck_assert_int_eq(sc_mounts_parse(host_mi, strlen(host_mi), &host,
	    NULL), 0);
	ck_assert_int_eq(sc_mounts_parse(docker_mi, strlen(docker_mi), &ms,
	    NULL), 0);
	sc_mounts_classify(&ms, &host, 0);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		for (j = 0; j < ms.n && strcmp(ms.m[j].point, want[i][0]); j++)
			;
		ck_assert_msg(j < ms.n, "%s not parsed", want[i][0]);
		ck_assert_str_eq(sc_mount_kind_name(ms.m[j].kind), want[i][1]);
		if (want[i][2] == NULL)
			ck_assert_ptr_null(ms.m[j].sensitive);
		else
			ck_assert_str_eq(ms.m[j].sensitive, want[i][2]);
	}
	sc_mounts_free(&ms);
	sc_mounts_free(&host);
}
END_TEST

static Suite *
container_docker_suite(void)
{
	Suite *s = suite_create("container_docker");
	TCase *tc = tcase_create("container_docker");

	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_identify_digest);
	tcase_add_test(tc, test_resolve_by_name_digest);
	tcase_add_test(tc, test_other_runtime_not_asked);
	tcase_add_test(tc, test_volume_under_data_root);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(container_docker_suite)
