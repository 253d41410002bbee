/*
 * testutil.h - helpers shared by the Check unit tests.
 *
 * Each tests/unit/check_<module>.c is its own program: it defines a
 * Suite for one module and ends with TU_MAIN(<module>_suite).  Fixture
 * trees are built in fresh temporary directories (removed afterwards);
 * reference data is read from $SHARED (../shared by default), never copied.
 */
#ifndef SC_TESTUTIL_H
#define SC_TESTUTIL_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>

/* A new empty directory under $TMPDIR (or /tmp); free() the name. */
char *tu_mkdtemp(void);
/* rm -rf (does not follow symlinks). */
void tu_rmrf(const char *dir);

/* Create root/rel (and parent directories) with content and mode. */
void tu_write(const char *root, const char *rel, const char *content,
    mode_t mode);
void tu_mkdir(const char *root, const char *rel, mode_t mode);
void tu_symlink(const char *root, const char *rel, const char *target);
void tu_mkfifo(const char *root, const char *rel);
/* chown root/rel (needs root; tests that need it skip otherwise). */
int tu_chown(const char *root, const char *rel, uid_t uid, gid_t gid);
/* Absolute path root/rel; free() it. */
char *tu_path(const char *root, const char *rel);
/* Read a whole host file; free() it.  NULL if absent. */
char *tu_read(const char *path, size_t *len);

/* Path of a file under the shared reference data ($SHARED or ../shared). */
char *tu_shared(const char *rel);

/* Peak resident set size of this process, in KiB. */
long tu_maxrss_kib(void);
/* Memory growth checks mean nothing under valgrind (VALGRIND=1). */
int tu_under_valgrind(void);

#define TU_MAIN(suite_fn)                                                  \
	int main(void)                                                     \
	{                                                                  \
		SRunner *sr = srunner_create(suite_fn());                  \
		int nf;                                                    \
		srunner_run_all(sr, CK_NORMAL);                            \
		nf = srunner_ntests_failed(sr);                            \
		srunner_free(sr);                                          \
		return nf == 0 ? EXIT_SUCCESS : EXIT_FAILURE;              \
	}

#endif
