/*
 * check_fsutil.c - recursive removal and registered temporary directories.
 *
 * sc_rmtree_at must remove deep and wide trees, never follow a symbolic
 * link (a canary outside stays), and work from a signal handler: a child
 * process is killed while holding a registered directory, and the handler
 * (as main's) must leave nothing behind.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testutil.h"
#include "util/fsutil.h"

static char *tmp;

static void
setup(void)
{
	tmp = tu_mkdtemp();
	tu_write(tmp, "canary/keep", "canary\n", 0644);
}

static void
teardown(void)
{
	tu_rmrf(tmp);
	free(tmp);
}

static int
present(const char *rel)
{
	char *p = tu_path(tmp, rel);
	struct stat st;
	int r = lstat(p, &st) == 0;

	free(p);
	return r;
}

START_TEST(test_rmtree_links_not_followed)
{
	char *canary = tu_path(tmp, "canary");
	int dfd;

	tu_write(tmp, "t/a/b/c/file", "x", 0644);
	tu_symlink(tmp, "t/a/to-canary", canary);
	tu_symlink(tmp, "t/a/rel", "../../canary");
	tu_mkfifo(tmp, "t/fifo");
	tu_mkdir(tmp, "t/locked", 0000);	/* root removes it all the same */
	tu_write(tmp, "t/ro/f", "f", 0400);
	dfd = open(tmp, O_PATH | O_DIRECTORY);
	ck_assert_int_ge(dfd, 0);
	ck_assert_int_eq(sc_rmtree_at(dfd, "t"), geteuid() == 0 ? 0 : -1);
	if (geteuid() == 0)
		ck_assert(!present("t"));
	ck_assert(present("canary/keep"));
	/* a file, and nothing */
	tu_write(tmp, "plain", "p", 0644);
	ck_assert_int_eq(sc_rmtree_at(dfd, "plain"), 0);
	ck_assert(!present("plain"));
	errno = 0;
	ck_assert_int_eq(sc_rmtree_at(dfd, "nothing"), -1);
	ck_assert_int_eq(errno, ENOENT);
	/* a symbolic link to a directory: the link goes, not the directory */
	tu_symlink(tmp, "dirlink", canary);
	ck_assert_int_eq(sc_rmtree_at(dfd, "dirlink"), 0);
	ck_assert(present("canary/keep"));
	close(dfd);
	free(canary);
}
END_TEST

START_TEST(test_rmtree_deep_and_wide)
{
	char path[64];
	int dfd = open(tmp, O_PATH | O_DIRECTORY), fd, i, j;

	/* 300 levels: deeper than an image may nest (256) */
	ck_assert_int_eq(mkdirat(dfd, "deep", 0755), 0);
	fd = openat(dfd, "deep", O_PATH | O_DIRECTORY);
	for (i = 0; i < 300; i++) {
		int nfd;

		ck_assert_int_eq(mkdirat(fd, "d", 0755), 0);
		nfd = openat(fd, "d", O_PATH | O_DIRECTORY);
		close(fd);
		fd = nfd;
	}
	close(openat(fd, "leaf", O_CREAT | O_WRONLY, 0644));
	close(fd);
	ck_assert_int_eq(sc_rmtree_at(dfd, "deep"), 0);
	ck_assert(!present("deep"));
	/* 200 non-empty directories in one: each read re-starts its parent */
	for (i = 0; i < 200; i++)
		for (j = 0; j < 3; j++) {
			snprintf(path, sizeof(path), "wide/d%03d/f%d", i, j);
			tu_write(tmp, path, "x", 0644);
		}
	ck_assert_int_eq(sc_rmtree_at(dfd, "wide"), 0);
	ck_assert(!present("wide"));
	close(dfd);
}
END_TEST

START_TEST(test_tmpdir_registry)
{
	struct sc_err err = SC_ERR_INIT;
	char *p[SC_TMPDIR_MAX + 1];
	struct stat st;
	int i;

	for (i = 0; i < SC_TMPDIR_MAX; i++) {
		ck_assert_int_eq(sc_tmpdir_new(tmp, "stigcheck-test", &p[i], &err),
		    0);
		ck_assert_int_eq(stat(p[i], &st), 0);
		ck_assert_uint_eq(st.st_mode & 0777, 0700);
		tu_write(p[i], "sub/file", "x", 0644);
	}
	ck_assert_int_eq(sc_tmpdir_new(tmp, "stigcheck-test", &p[i], &err),
	    SC_ERR_TOOBIG);
	ck_assert_ptr_null(p[i]);
	sc_tmpdir_remove(p[0]);
	ck_assert_int_ne(stat(p[0], &st), 0);
	sc_tmpdir_cleanup();
	for (i = 0; i < SC_TMPDIR_MAX; i++) {
		ck_assert_int_ne(stat(p[i], &st), 0);
		free(p[i]);
	}
	sc_tmpdir_remove(NULL);
	ck_assert_int_eq(sc_tmpdir_new("/nonexistent/dir", "x", &p[0], &err),
	    SC_ERR_NOTFOUND);
	ck_assert_msg(strstr(err.msg, "/nonexistent/dir"), "%s", err.msg);
}
END_TEST

static void
on_signal(int sig)
{
	sc_atomic_cleanup();
	sc_tmpdir_cleanup();
	signal(sig, SIG_DFL);
	raise(sig);
}

START_TEST(test_tmpdir_removed_on_signal)
{
	int pipefd[2], status;
	char path[4096];
	ssize_t n;
	pid_t pid;
	struct stat st;

	ck_assert_int_eq(pipe(pipefd), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		struct sc_err err = SC_ERR_INIT;
		char *p;

		signal(SIGTERM, on_signal);
		if (sc_tmpdir_new(tmp, "stigcheck-sig", &p, &err) < 0)
			_exit(3);
		for (int i = 0; i < 50; i++) {
			char rel[32];

			snprintf(rel, sizeof(rel), "d%d/e/f", i);
			tu_write(p, rel, "x", 0644);
		}
		if (write(pipefd[1], p, strlen(p) + 1) < 0)
			_exit(4);
		for (;;)
			pause();
	}
	close(pipefd[1]);
	n = read(pipefd[0], path, sizeof(path));
	close(pipefd[0]);
	ck_assert_int_gt(n, 0);
	ck_assert_int_eq(stat(path, &st), 0);
	kill(pid, SIGTERM);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
	ck_assert_int_ne(stat(path, &st), 0);
	ck_assert(present("canary/keep"));
}
END_TEST

static Suite *
fsutil_suite(void)
{
	Suite *s = suite_create("fsutil");
	TCase *tc = tcase_create("tmpdir");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_rmtree_links_not_followed);
	tcase_add_test(tc, test_rmtree_deep_and_wide);
	tcase_add_test(tc, test_tmpdir_registry);
	tcase_add_test(tc, test_tmpdir_removed_on_signal);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(fsutil_suite)
