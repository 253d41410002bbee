/*
 * testutil.c - fixture helpers for unit tests (testutil.h).
 */
#include "testutil.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

char *
tu_mkdtemp(void)
{
	const char *tmp = getenv("TMPDIR");
	char *p;

	if (tmp == NULL || *tmp == '\0')
		tmp = "/tmp";
	if (asprintf(&p, "%s/stigcheck-test.XXXXXX", tmp) < 0)
		abort();
	if (mkdtemp(p) == NULL) {
		perror("mkdtemp");
		abort();
	}
	return p;
}

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP)
		rmdir(path);
	else
		unlink(path);
	return 0;
}

void
tu_rmrf(const char *dir)
{
	if (dir == NULL)
		return;
	/* make everything removable first (tests create mode-000 dirs) */
	char cmd[4200];
	snprintf(cmd, sizeof(cmd), "chmod -R u+rwx '%s' 2>/dev/null", dir);
	if (system(cmd) != 0) {
		/* best effort */
	}
	nftw(dir, rm_one, 32, FTW_DEPTH | FTW_PHYS);
}

char *
tu_path(const char *root, const char *rel)
{
	char *p;

	while (*rel == '/')
		rel++;
	if (asprintf(&p, "%s/%s", root, rel) < 0)
		abort();
	return p;
}

static void
mkparents(const char *path)
{
	char *p = strdup(path), *s;

	for (s = p + 1; (s = strchr(s, '/')) != NULL; s++) {
		*s = '\0';
		if (mkdir(p, 0755) < 0 && errno != EEXIST) {
			perror(p);
			abort();
		}
		*s = '/';
	}
	free(p);
}

void
tu_write(const char *root, const char *rel, const char *content, mode_t mode)
{
	char *p = tu_path(root, rel);
	FILE *f;

	mkparents(p);
	unlink(p);
	f = fopen(p, "w");
	if (f == NULL) {
		perror(p);
		abort();
	}
	fputs(content, f);
	fclose(f);
	chmod(p, mode);
	free(p);
}

void
tu_mkdir(const char *root, const char *rel, mode_t mode)
{
	char *p = tu_path(root, rel);

	mkparents(p);
	if (mkdir(p, mode) < 0 && errno != EEXIST) {
		perror(p);
		abort();
	}
	chmod(p, mode);
	free(p);
}

void
tu_symlink(const char *root, const char *rel, const char *target)
{
	char *p = tu_path(root, rel);

	mkparents(p);
	unlink(p);
	if (symlink(target, p) < 0) {
		perror(p);
		abort();
	}
	free(p);
}

void
tu_mkfifo(const char *root, const char *rel)
{
	char *p = tu_path(root, rel);

	mkparents(p);
	unlink(p);
	if (mkfifo(p, 0644) < 0) {
		perror(p);
		abort();
	}
	free(p);
}

int
tu_chown(const char *root, const char *rel, uid_t uid, gid_t gid)
{
	char *p = tu_path(root, rel);
	int r = lchown(p, uid, gid);

	free(p);
	return r;
}

char *
tu_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0, k;

	if (f == NULL)
		return NULL;
	do {
		if (n + 4096 + 1 > cap) {
			cap = (n + 4096 + 1) * 2;
			buf = realloc(buf, cap);
		}
		k = fread(buf + n, 1, 4096, f);
		n += k;
	} while (k > 0);
	fclose(f);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

char *
tu_shared(const char *rel)
{
	const char *s = getenv("SHARED");
	char *p;

	if (s == NULL || *s == '\0')
		s = "../shared";
	if (asprintf(&p, "%s/%s", s, rel) < 0)
		abort();
	return p;
}

long
tu_maxrss_kib(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

int
tu_under_valgrind(void)
{
	const char *v = getenv("VALGRIND");

	return v != NULL && strcmp(v, "1") == 0;
}
