/*
 * tu_archive.h - tar streams built in memory for the extraction and image
 * unit tests, hostile ones included (names are written as given: "../x",
 * absolute links, device nodes).
 */
#ifndef SC_TU_ARCHIVE_H
#define SC_TU_ARCHIVE_H

#include <stddef.h>
#include <sys/types.h>

struct tu_tar;

struct tu_tar *tu_tar_new(void);
void tu_tar_dir(struct tu_tar *t, const char *path, mode_t mode, uid_t uid,
    gid_t gid);
void tu_tar_file(struct tu_tar *t, const char *path, const char *content,
    mode_t mode, uid_t uid, gid_t gid);
/* A file of n bytes of `byte`. */
void tu_tar_filled(struct tu_tar *t, const char *path, size_t n, int byte);
void tu_tar_symlink(struct tu_tar *t, const char *path, const char *target);
void tu_tar_hardlink(struct tu_tar *t, const char *path, const char *target);
/* type: S_IFCHR, S_IFBLK or S_IFIFO */
void tu_tar_node(struct tu_tar *t, const char *path, mode_t type);
/* A file with a security.capability attribute (value as given). */
void tu_tar_file_xattr(struct tu_tar *t, const char *path, const char *name,
    const void *value, size_t n);
/* The archive's bytes (malloc'd; *len set); frees t. */
unsigned char *tu_tar_finish(struct tu_tar *t, size_t *len);

/*
 * A one-entry ustar archive declaring `size` bytes for `path` (base-256
 * size field) with no data: a huge declared size without the bytes.
 */
unsigned char *tu_tar_huge(const char *path, unsigned long long size,
    size_t *len);

/* gzip bytes (malloc'd). */
unsigned char *tu_gzip(const unsigned char *data, size_t n, size_t *len);

#endif
