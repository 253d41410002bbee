/*
 * history.c - timestamped results kept across runs (history.h).
 */
#include "history.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/mem.h"
#include "xccdf/results_xml.h"

#define KEEP_MAX 100000
#define STAMP_LEN 16		/* YYYYmmddTHHMMSSZ */

int
sc_history_parse_keep(const char *s, unsigned *keep, struct sc_err *err)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (*s < '0' || *s > '9' || *end || errno || v > KEEP_MAX)
		return sc_err_set(err, SC_ERR_INVAL,
		    "--keep needs a number from 0 to %d, got '%s'", KEEP_MAX, s);
	*keep = (unsigned)v;
	return SC_OK;
}

int
sc_history_check(const char *dir, struct sc_err *err)
{
	struct stat st;
	char *tmp;
	int fd, e;

	if (mkdir(dir, 0755) < 0 && errno != EEXIST) {
		e = errno;
		return sc_err_set(err, sc_err_from_errno(e),
		    "--history '%s': %s", dir, strerror(e));
	}
	if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode))
		return sc_err_set(err, SC_ERR_NOTREG,
		    "--history '%s' is not a directory", dir);
	tmp = sc_xasprintf("%s/.stigcheck-history.XXXXXX", dir);
	if ((fd = mkstemp(tmp)) < 0) {
		e = errno;
		free(tmp);
		return sc_err_set(err, sc_err_from_errno(e),
		    "cannot write into --history '%s': %s", dir, strerror(e));
	}
	close(fd);
	unlink(tmp);
	free(tmp);
	return SC_OK;
}

/* The file-name prefix for tr's target (malloc'd). */
static char *
prefix(const struct sc_testresult *tr)
{
	const char *t = tr->target && *tr->target ? tr->target : "target";
	char *p = sc_xstrndup(t, strnlen(t, 64)), *q;

	for (q = p; *q; q++)
		if (!((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
		    (*q >= '0' && *q <= '9') || *q == '.' || *q == '_' ||
		    *q == '-'))
			*q = '_';
	if (p[0] == '.')
		p[0] = '_';
	return p;
}

/* Whether name is PREFIX.STAMP[~NN].xml. */
static int
ours(const char *name, const char *pre)
{
	size_t n = strlen(pre), i;
	const char *s;

	if (strncmp(name, pre, n) || name[n] != '.')
		return 0;
	s = name + n + 1;
	for (i = 0; i < STAMP_LEN; i++) {
		char c = s[i];

		if (i == 8 ? c != 'T' : i == 15 ? c != 'Z' : (c < '0' || c > '9'))
			return 0;
	}
	s += STAMP_LEN;
	if (s[0] == '~') {
		if (s[1] < '0' || s[1] > '9' || s[2] < '0' || s[2] > '9')
			return 0;
		s += 3;
	}
	return strcmp(s, ".xml") == 0;
}

int
sc_history_store(const char *dir, const struct sc_content *c,
    const struct sc_testresult *tr, char **out, struct sc_err *err)
{
	char stamp[STAMP_LEN + 1], *pre = prefix(tr), *path = NULL;
	time_t t = tr->start_time ? tr->start_time : time(NULL);
	struct tm tm;
	struct stat st;
	int seq, r;

	gmtime_r(&t, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &tm);
	/*
	 * One past the highest name of this second that exists, not the first
	 * free one: after pruning removed the oldest, a free lower number
	 * would sort before the runs it follows.
	 */
	for (seq = 99; seq >= 0; seq--) {
		free(path);
		path = seq ? sc_xasprintf("%s/%s.%s~%02d.xml", dir, pre, stamp, seq)
		    : sc_xasprintf("%s/%s.%s.xml", dir, pre, stamp);
		if (!(lstat(path, &st) < 0 && errno == ENOENT))
			break;
	}
	seq++;
	free(path);
	path = seq ? sc_xasprintf("%s/%s.%s~%02d.xml", dir, pre, stamp, seq)
	    : sc_xasprintf("%s/%s.%s.xml", dir, pre, stamp);
	if (seq == 100)
		r = sc_err_set(err, SC_ERR_EXISTS, "--history '%s': too many "
		    "runs of '%s' in one second", dir, pre);
	else
		r = sc_results_write(c, tr, path, err);
	free(pre);
	if (r == SC_OK && out)
		*out = path;
	else
		free(path);
	return r;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
sc_history_prune(const char *dir, const struct sc_testresult *tr,
    unsigned keep, struct sc_err *err)
{
	struct sc_strv names = SC_STRV_INIT;
	char *pre = prefix(tr);
	struct dirent *e;
	DIR *d;
	size_t i;
	int r = SC_OK, er;

	if (keep == 0)
		goto out;
	if ((d = opendir(dir)) == NULL) {
		er = errno;
		r = sc_err_set(err, sc_err_from_errno(er), "--history '%s': %s",
		    dir, strerror(er));
		goto out;
	}
	while ((e = readdir(d)) != NULL)
		if (ours(e->d_name, pre))
			sc_strv_push(&names, e->d_name);
	if (names.n > keep) {
		qsort(names.v, names.n, sizeof(names.v[0]), by_name);
		for (i = 0; i + keep < names.n; i++)
			if (unlinkat(dirfd(d), names.v[i], 0) < 0 &&
			    errno != ENOENT && r == SC_OK) {
				er = errno;
				r = sc_err_set(err, sc_err_from_errno(er),
				    "--history: cannot remove '%s/%s': %s", dir,
				    names.v[i], strerror(er));
			}
	}
	closedir(d);
out:
	sc_strv_free(&names);
	free(pre);
	return r;
}
