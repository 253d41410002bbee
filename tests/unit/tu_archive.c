/*
 * tu_archive.c - tar streams built in memory (tu_archive.h).
 */
#include "tu_archive.h"

#include <archive.h>
#include <archive_entry.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

struct tu_tar {
	struct archive *a;
	unsigned char *buf;
	size_t len, cap;
};

static void
die(const char *what, struct archive *a)
{
	fprintf(stderr, "tu_archive: %s: %s\n", what,
	    a ? archive_error_string(a) : "failed");
	abort();
}

static void
grow(unsigned char **buf, size_t *len, size_t *cap, const void *p, size_t n)
{
	if (*len + n > *cap) {
		*cap = (*len + n) * 2 + 4096;
		*buf = realloc(*buf, *cap);
		if (*buf == NULL)
			abort();
	}
	memcpy(*buf + *len, p, n);
	*len += n;
}

static la_ssize_t
wr(struct archive *a, void *ud, const void *p, size_t n)
{
	struct tu_tar *t = ud;

	(void)a;
	grow(&t->buf, &t->len, &t->cap, p, n);
	return (la_ssize_t)n;
}

struct tu_tar *
tu_tar_new(void)
{
	struct tu_tar *t = calloc(1, sizeof(*t));

	if (t == NULL)
		abort();
	t->a = archive_write_new();
	archive_write_set_format_pax_restricted(t->a);
	archive_write_set_bytes_in_last_block(t->a, 1);
	if (archive_write_open(t->a, t, NULL, wr, NULL) != ARCHIVE_OK)
		die("open", t->a);
	return t;
}

static struct archive_entry *
entry(const char *path, mode_t type, mode_t mode, uid_t uid, gid_t gid)
{
	struct archive_entry *e = archive_entry_new();

	archive_entry_set_pathname(e, path);
	archive_entry_set_filetype(e, type);
	archive_entry_set_perm(e, mode);
	archive_entry_set_uid(e, uid);
	archive_entry_set_gid(e, gid);
	archive_entry_set_mtime(e, 1700000000, 0);
	return e;
}

static void
put(struct tu_tar *t, struct archive_entry *e, const void *data, size_t n)
{
	if (archive_write_header(t->a, e) != ARCHIVE_OK)
		die("header", t->a);
	if (n > 0 && archive_write_data(t->a, data, n) != (la_ssize_t)n)
		die("data", t->a);
	archive_entry_free(e);
}

void
tu_tar_dir(struct tu_tar *t, const char *path, mode_t mode, uid_t uid,
    gid_t gid)
{
	put(t, entry(path, AE_IFDIR, mode, uid, gid), NULL, 0);
}

void
tu_tar_file(struct tu_tar *t, const char *path, const char *content,
    mode_t mode, uid_t uid, gid_t gid)
{
	struct archive_entry *e = entry(path, AE_IFREG, mode, uid, gid);
	size_t n = strlen(content);

	archive_entry_set_size(e, (la_int64_t)n);
	put(t, e, content, n);
}

void
tu_tar_filled(struct tu_tar *t, const char *path, size_t n, int byte)
{
	struct archive_entry *e = entry(path, AE_IFREG, 0644, 0, 0);
	char *data = malloc(n ? n : 1);

	if (data == NULL)
		abort();
	memset(data, byte, n);
	archive_entry_set_size(e, (la_int64_t)n);
	put(t, e, data, n);
	free(data);
}

void
tu_tar_symlink(struct tu_tar *t, const char *path, const char *target)
{
	struct archive_entry *e = entry(path, AE_IFLNK, 0777, 0, 0);

	archive_entry_set_symlink(e, target);
	put(t, e, NULL, 0);
}

void
tu_tar_hardlink(struct tu_tar *t, const char *path, const char *target)
{
	struct archive_entry *e = entry(path, AE_IFREG, 0644, 0, 0);

	archive_entry_set_hardlink(e, target);
	archive_entry_set_size(e, 0);
	put(t, e, NULL, 0);
}

void
tu_tar_node(struct tu_tar *t, const char *path, mode_t type)
{
	struct archive_entry *e = entry(path, type == S_IFCHR ? AE_IFCHR :
	    type == S_IFBLK ? AE_IFBLK : AE_IFIFO, 0644, 0, 0);

	archive_entry_set_rdev(e, makedev(1, 3));
	put(t, e, NULL, 0);
}

void
tu_tar_file_xattr(struct tu_tar *t, const char *path, const char *name,
    const void *value, size_t n)
{
	struct archive_entry *e = entry(path, AE_IFREG, 0755, 0, 0);

	archive_entry_xattr_add_entry(e, name, value, n);
	archive_entry_set_size(e, 2);
	put(t, e, "x\n", 2);
}

unsigned char *
tu_tar_finish(struct tu_tar *t, size_t *len)
{
	unsigned char *buf;

	if (archive_write_close(t->a) != ARCHIVE_OK)
		die("close", t->a);
	archive_write_free(t->a);
	buf = t->buf;
	*len = t->len;
	free(t);
	return buf;
}

unsigned char *
tu_tar_huge(const char *path, unsigned long long size, size_t *len)
{
	unsigned char *b = calloc(1, 512 * 3);
	unsigned sum = 0;
	int i;

	if (b == NULL)
		abort();
	snprintf((char *)b, 100, "%s", path);
	memcpy(b + 100, "0000644", 7);
	memcpy(b + 108, "0000000", 7);
	memcpy(b + 116, "0000000", 7);
	b[124] = 0x80;			/* base-256 size */
	for (i = 0; i < 8; i++)
		b[135 - i] = (unsigned char)(size >> (8 * i));
	memcpy(b + 136, "14000000000", 11);
	b[156] = '0';
	memcpy(b + 257, "ustar", 6);
	memcpy(b + 263, "00", 2);
	memset(b + 148, ' ', 8);
	for (i = 0; i < 512; i++)
		sum += b[i];
	snprintf((char *)b + 148, 8, "%06o", sum);
	*len = 512 * 3;
	return b;
}

unsigned char *
tu_gzip(const unsigned char *data, size_t n, size_t *len)
{
	struct tu_tar t;
	struct archive *a = archive_write_new();

	memset(&t, 0, sizeof(t));
	archive_write_add_filter_gzip(a);
	archive_write_set_format_raw(a);
	archive_write_set_bytes_in_last_block(a, 1);
	if (archive_write_open(a, &t, NULL, wr, NULL) != ARCHIVE_OK)
		die("gzip open", a);
	{
		struct archive_entry *e = archive_entry_new();

		archive_entry_set_filetype(e, AE_IFREG);
		archive_entry_set_pathname(e, "data");
		if (archive_write_header(a, e) != ARCHIVE_OK)
			die("gzip header", a);
		archive_entry_free(e);
	}
	if (n > 0 && archive_write_data(a, data, n) != (la_ssize_t)n)
		die("gzip data", a);
	archive_write_close(a);
	archive_write_free(a);
	*len = t.len;
	return t.buf;
}
