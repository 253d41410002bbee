/*
 * check_mounts.c - a container's mount table (target/mounts.h).
 *
 * The parser against a mountinfo recorded from podman 4.3 (a named
 * volume, `-v /:/host:ro` with its submounts, a read-only bind of a host
 * directory, the runtime's files, /proc masks), hostile lines (octal
 * escapes, a 100 KB line, missing fields, numbers out of range), the
 * classification and the sensitive-mount decisions against a host table,
 * and the walk: a mount marked skip is neither delivered nor entered.
 */
#include <string.h>

#include "target/mounts.h"
#include "testutil.h"
#include "walk/walk.h"

static const char host_mi[] =
    "25 1 254:0 / / rw,relatime - ext4 /dev/vda rw\n"
    "26 25 0:20 / /proc rw,relatime - proc proc rw\n"
    "27 25 0:21 / /sys rw,relatime - sysfs sysfs rw\n"
    "28 25 254:1 / /srv rw,relatime - ext4 /dev/vdb rw\n"
    "29 25 254:0 /var/lib/docker /var/lib/docker rw - ext4 /dev/vda rw\n";

/* podman 4.3: -v fleetvol:/vol -v /:/host:ro -v /tmp/h:/data:ro, abridged */
static const char podman_mi[] =
    "119 67 0:52 / / rw,relatime - overlay overlay rw,lowerdir=/var/lib/containers/storage/overlay/l/X\n"
    "120 119 0:55 / /sys ro,nosuid,nodev,noexec,relatime - sysfs sysfs ro\n"
    "121 119 254:0 /var/lib/containers/storage/volumes/fleetvol/_data /vol rw,nosuid,nodev,relatime - ext4 /dev/vda rw\n"
    "122 119 0:56 / /proc rw,nosuid,nodev,noexec,relatime - proc proc rw\n"
    "123 119 0:57 / /dev rw,nosuid,noexec - tmpfs tmpfs rw,size=65536k,mode=755\n"
    "124 119 254:0 / /host ro,relatime - ext4 /dev/vda rw\n"
    "126 124 0:20 / /host/proc rw,relatime - proc proc rw\n"
    "127 124 0:21 / /host/sys rw,relatime - sysfs sysfs rw\n"
    "157 119 254:0 /tmp/h /data ro,relatime - ext4 /dev/vda rw\n"
    "158 123 0:54 / /dev/mqueue rw,nosuid,nodev,noexec,relatime - mqueue mqueue rw\n"
    "160 119 254:0 /run/containers/storage/overlay-containers/cd87/userdata/.containerenv /run/.containerenv rw,relatime - ext4 /dev/vda rw\n"
    "164 119 254:0 /run/containers/storage/overlay-containers/cd87/userdata/hosts /etc/hosts rw,relatime - ext4 /dev/vda rw\n"
    "166 120 0:28 /libpod_parent/libpod-cd87 /sys/fs/cgroup/cpu ro,nosuid - cgroup cgroup rw,cpu\n"
    "68 122 0:56 /bus /proc/bus ro,nosuid,nodev,noexec,relatime - proc proc rw\n"
    "69 123 0:5 /null /proc/kcore rw,nosuid - devtmpfs udev rw\n"
    "70 119 0:60 / /ro-sb rw,nodev - squashfs /dev/loop0 ro,errors=continue\n";

static const struct sc_mount *
at(const struct sc_mounts *ms, const char *point)
{
	size_t i;

	for (i = 0; i < ms->n; i++)
		if (strcmp(ms->m[i].point, point) == 0)
			return &ms->m[i];
	return NULL;
}

static void
load(struct sc_mounts *ms, struct sc_mounts *host, const char *text,
    int include)
{
	memset(ms, 0, sizeof(*ms));
	memset(host, 0, sizeof(*host));
	ck_assert_int_eq(sc_mounts_parse(host_mi, strlen(host_mi), host, NULL), 0);
	ck_assert_int_eq(sc_mounts_parse(text, strlen(text), ms, NULL), 0);
	sc_mounts_classify(ms, host, include);
}

START_TEST(test_podman)
{
	struct sc_mounts ms, host;
	const struct sc_mount *m;
	char *d;

	load(&ms, &host, podman_mi, 0);
	ck_assert_uint_eq(ms.n, 16);
	ck_assert_str_eq(at(&ms, "/ro-sb")->opts, "ro,nodev,errors=continue");
	ck_assert_uint_eq(ms.n_bad, 0);
	ck_assert_int_eq(at(&ms, "/")->kind, SC_MOUNT_ROOT);
	ck_assert_int_eq(at(&ms, "/proc")->kind, SC_MOUNT_SYSTEM);
	ck_assert_int_eq(at(&ms, "/dev/mqueue")->kind, SC_MOUNT_SYSTEM);
	ck_assert_int_eq(at(&ms, "/proc/kcore")->kind, SC_MOUNT_SYSTEM);
	ck_assert_int_eq(at(&ms, "/sys/fs/cgroup/cpu")->kind, SC_MOUNT_SYSTEM);
	ck_assert(!at(&ms, "/proc")->top && !at(&ms, "/proc")->skip);

	m = at(&ms, "/vol");
	ck_assert_int_eq(m->kind, SC_MOUNT_VOLUME);
	ck_assert(m->top && m->skip && !m->ro);
	ck_assert_ptr_null(m->sensitive);	/* a volume is not a host path */

	m = at(&ms, "/host");
	ck_assert_int_eq(m->kind, SC_MOUNT_BIND);
	ck_assert_str_eq(m->host, "/");
	ck_assert(m->top && m->skip && m->ro && m->host_known);
	ck_assert_uint_eq(m->nsub, 2);
	ck_assert_str_eq(m->sensitive, "the host's root filesystem");
	ck_assert(!at(&ms, "/host/proc")->top);
	ck_assert_ptr_null(at(&ms, "/host/proc")->sensitive);

	m = at(&ms, "/data");
	ck_assert_int_eq(m->kind, SC_MOUNT_BIND);
	ck_assert_str_eq(m->host, "/tmp/h");
	ck_assert_ptr_null(m->sensitive);	/* read-only, not sensitive */
	d = sc_mount_describe(m);
	ck_assert_str_eq(d, "bind /tmp/h /data ext4 ro");
	free(d);

	/* options as /proc/mounts lists them (linux:partition's items) */
	ck_assert_str_eq(at(&ms, "/dev")->opts,
	    "rw,nosuid,noexec,size=65536k,mode=755");
	ck_assert_str_eq(at(&ms, "/sys")->opts, "ro,nosuid,nodev,noexec,relatime");
	ck_assert_str_eq(at(&ms, "/sys/fs/cgroup/cpu")->opts, "ro,nosuid,cpu");

	m = at(&ms, "/etc/hosts");
	ck_assert_int_eq(m->kind, SC_MOUNT_RUNTIME);
	ck_assert(m->top && !m->skip);
	ck_assert_ptr_null(m->sensitive);	/* rw, but the runtime's file */
	sc_mounts_free(&ms);
	sc_mounts_free(&host);

	/* --include-mounts: listed, judged, but nothing skipped */
	load(&ms, &host, podman_mi, 1);
	for (size_t i = 0; i < ms.n; i++)
		ck_assert(!ms.m[i].skip);
	ck_assert_str_eq(at(&ms, "/host")->sensitive,
	    "the host's root filesystem");
	sc_mounts_free(&ms);
	sc_mounts_free(&host);
}
END_TEST

START_TEST(test_sensitive)
{
	static const struct {
		const char *line;
		const char *why;	/* NULL: not sensitive */
	} cases[] = {
		{ "254:0 /etc /hostetc ro - ext4 /dev/vda rw", "the host's /etc" },
		{ "254:0 /etc/ssl /ssl ro - ext4 /dev/vda rw", "the host's /etc" },
		{ "254:0 /run/docker.sock /var/run/docker.sock rw - ext4 /dev/vda rw",
		  "a container runtime socket" },
		{ "254:0 /run/containerd/containerd.sock /c.sock ro - ext4 /dev/vda rw",
		  "a container runtime socket" },
		{ "0:20 / /hostproc rw - proc proc rw", "the host's /proc" },
		{ "0:99 / /myproc rw - proc proc rw", NULL },	/* its own */
		{ "0:21 / /hostsys ro - sysfs sysfs rw", "the host's /sys" },
		{ "254:0 /sys/fs /x ro - ext4 /dev/vda rw", "the host's /sys" },
		{ "254:0 /var/lib/docker/overlay2 /x ro - ext4 /dev/vda rw",
		  "the container runtime's or host system's state" },
		{ "254:0 /run /r ro - ext4 /dev/vda rw", "a host system directory" },
		{ "254:0 /tmp/data /data rw - ext4 /dev/vda rw",
		  "a host path mounted read-write" },
		{ "254:0 /tmp/data /data ro - ext4 /dev/vda rw", NULL },
		/* /srv is its own filesystem: root "/x" there is host /srv/x */
		{ "254:1 /x /data ro - ext4 /dev/vdb rw", NULL },
		{ "254:1 /x /data rw - ext4 /dev/vdb rw",
		  "a host path mounted read-write" },
		{ "0:70 / /tmp rw - tmpfs tmpfs rw", NULL },
		{ "254:0 /var/lib/docker/volumes/v/_data /v rw - ext4 /dev/vda rw",
		  NULL },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct sc_mounts ms, host;
		char *text = sc_xasprintf("1 0 0:50 / / rw - overlay overlay rw\n"
		    "2 1 %s\n", cases[i].line);
		const struct sc_mount *m;

		load(&ms, &host, text, 0);
		ck_assert_uint_eq(ms.n, 2);
		m = &ms.m[1];
		ck_assert_msg(m->top, "%s: not top", cases[i].line);
		if (cases[i].why == NULL)
			ck_assert_msg(m->sensitive == NULL, "%s: %s", cases[i].line,
			    m->sensitive);
		else
			ck_assert_msg(m->sensitive != NULL &&
			    strcmp(m->sensitive, cases[i].why) == 0, "%s: %s",
			    cases[i].line, m->sensitive ? m->sensitive : "(none)");
		sc_mounts_free(&ms);
		sc_mounts_free(&host);
		free(text);
	}
	{
		/* /srv/x through the host table */
		struct sc_mounts ms, host;

		load(&ms, &host, "1 0 0:50 / / rw - overlay overlay rw\n"
		    "2 1 254:1 /x /data ro - ext4 /dev/vdb rw\n", 0);
		ck_assert_str_eq(ms.m[1].host, "/srv/x");
		sc_mounts_free(&ms);
		sc_mounts_free(&host);
	}
}
END_TEST

/* escapes: space, tab, newline, backslash; a bad escape is kept */
static const char esc[] =
    "5 1 254:0 /a\\040b /x\\011y\\012z\\134 ro - ext4 /dev/v\\040a rw\n"
    "6 1 254:0 /q /bad\\9 ro - ext4 /dev/vda rw\n"
    "6 1 254:0 /q /end\\04 ro - ext4 /dev/vda rw";
static const char bad[] =
    "garbage\n"
    "1 2 3:4 / /\n"				/* no separator */
    "1 2 3 / / rw - ext4 x rw\n"		/* no major:minor */
    "1 2 3:99999999 / / rw - ext4 x rw\n"	/* out of range */
    "x 2 3:4 / / rw - ext4 x rw\n"
    "1 2 3:4 / relative rw - ext4 x rw\n"
    "1 2 3:4 / / rw -\n"			/* no fstype */
    "1 2 3:4 / /ok rw shared:1 master:2 - ext4 /dev/x rw\n";

START_TEST(test_hostile)
{
	struct sc_mounts ms;
	struct sc_buf big = SC_BUF_INIT;
	size_t i;

	memset(&ms, 0, sizeof(ms));
	ck_assert_int_eq(sc_mounts_parse(esc, strlen(esc), &ms, NULL), 0);
	ck_assert_uint_eq(ms.n, 3);
	ck_assert_str_eq(ms.m[0].root, "/a b");
	ck_assert_str_eq(ms.m[0].point, "/x\ty\nz\\");
	ck_assert_str_eq(ms.m[0].source, "/dev/v a");
	ck_assert_str_eq(ms.m[1].point, "/bad\\9");
	ck_assert_str_eq(ms.m[2].point, "/end\\04");
	ck_assert(ms.m[0].ro);
	sc_mounts_free(&ms);

	/* lines that do not parse are counted, never guessed */
	ck_assert_int_eq(sc_mounts_parse(bad, strlen(bad), &ms, NULL), 0);
	ck_assert_uint_eq(ms.n, 1);
	ck_assert_uint_eq(ms.n_bad, 7);
	ck_assert_str_eq(ms.m[0].point, "/ok");
	sc_mounts_free(&ms);

	/* a 100 KB mount point, and no NUL at the end of the text */
	sc_buf_adds(&big, "7 1 254:0 / /");
	for (i = 0; i < 100000; i++)
		sc_buf_addc(&big, 'a');
	sc_buf_adds(&big, " ro - ext4 /dev/vda rw");
	ck_assert_int_eq(sc_mounts_parse(big.data, big.len, &ms, NULL), 0);
	ck_assert_uint_eq(ms.n, 1);
	ck_assert_uint_eq(strlen(ms.m[0].point), 100001);
	sc_mounts_free(&ms);
	sc_buf_free(&big);

	/* over the entry cap */
	for (i = 0; i <= SC_MOUNTS_MAX; i++)
		sc_buf_adds(&big, "1 1 0:1 / /m rw - tmpfs t rw\n");
	{
		struct sc_err err = SC_ERR_INIT;

		ck_assert_int_eq(sc_mounts_parse(big.data, big.len, &ms, &err),
		    SC_ERR_TOOBIG);
		ck_assert(strstr(err.msg, "more than") != NULL);
	}
	sc_mounts_free(&ms);
	sc_buf_free(&big);
}
END_TEST

struct seen {
	int data, inside, etc;
};

static int
visit(void *ctx, const struct sc_walk_entry *e)
{
	struct seen *s = ctx;

	if (e->event != SC_WALK_ENTRY)
		return 0;
	if (strcmp(e->path, "/data") == 0)
		s->data++;
	if (strncmp(e->path, "/data/", 6) == 0)
		s->inside++;
	if (strcmp(e->path, "/etc/passwd") == 0)
		s->etc++;
	return 0;
}

/* The walk neither delivers nor enters a mount marked skip. */
START_TEST(test_walk_skips)
{
	char *tmp = tu_mkdtemp(), *root = tu_path(tmp, "root");
	struct sc_target *t = NULL;
	struct sc_walk *w;
	struct sc_walk_spec spec = { "/", -1, 0, visit, NULL };
	struct sc_walk_stats stats;
	struct seen s;
	int pass;

	tu_write(root, "etc/passwd", "root:x:0:0::/:/bin/sh\n", 0644);
	tu_write(root, "data/a/b", "x", 0666);
	tu_write(root, "data/c", "x", 0666);
	for (pass = 0; pass < 3; pass++) {
		struct sc_mounts *ms = sc_xcalloc(1, sizeof(*ms));
		const char *mi = "1 0 0:50 / / rw - overlay overlay rw\n"
		    "2 1 254:0 /srv/d /data rw - ext4 /dev/vda rw\n";

		ck_assert_int_eq(sc_target_open_rootfs(&t, root, NULL), 0);
		ck_assert_int_eq(sc_mounts_parse(mi, strlen(mi), ms, NULL), 0);
		sc_mounts_classify(ms, NULL, pass == 1);
		if (pass < 2)
			sc_mounts_attach(t, ms);	/* pass 2: no table */
		else {
			sc_mounts_free(ms);
			free(ms);
		}
		memset(&s, 0, sizeof(s));
		spec.ctx = &s;
		w = sc_walk_new();
		sc_walk_add(w, &spec);
		ck_assert_int_eq(sc_walk_run(w, t, NULL), 0);
		sc_walk_get_stats(w, &stats);
		ck_assert_int_eq(s.etc, 1);
		if (pass == 0) {
			ck_assert_int_eq(s.data, 0);
			ck_assert_int_eq(s.inside, 0);
			ck_assert_uint_eq(stats.mounts, 1);
		} else {
			ck_assert_int_eq(s.data, 1);
			ck_assert_int_eq(s.inside, 3);
			ck_assert_uint_eq(stats.mounts, 0);
		}
		sc_walk_free(w);
		sc_target_free(t);
	}
	tu_rmrf(tmp);
	free(root);
	free(tmp);
}
END_TEST

static Suite *
mounts_suite(void)
{
	Suite *s = suite_create("mounts");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_podman);
	tcase_add_test(tc, test_sensitive);
	tcase_add_test(tc, test_hostile);
	tcase_add_test(tc, test_walk_skips);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(mounts_suite)
