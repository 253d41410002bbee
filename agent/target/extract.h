/*
 * extract.h - applying tar streams (image layers) into a private directory,
 * safely.
 *
 * The image front end (image.h) flattens an image by applying its layers,
 * in order, into a directory it created.  The archives are hostile input:
 * this module is the only code that writes into that directory, and it
 * promises:
 *
 *  - Nothing is created, changed or removed outside the directory.  Every
 *    entry path is normalised ("./a//b" is "a/b", a leading "/" is
 *    dropped); a ".." component refuses the whole stream.  Parent
 *    directories are opened one component at a time with O_NOFOLLOW, so an
 *    entry whose parent is a symbolic link (created by this stream or an
 *    earlier one: "evil -> /etc" then "evil/passwd") is refused, never
 *    written through.  The final component is never followed: an existing
 *    file, link or directory of that name is replaced.
 *  - Hard links must name an existing non-directory inside the directory,
 *    reached without symbolic links; anything else is refused.
 *  - No device node, FIFO or socket is ever created.  With a metadata
 *    table (sc_extract_set_inodes) each is recorded as an entry: an empty
 *    regular file stands in for it and the table gives its type, mode,
 *    owner and device number.  Without one (staging an image archive's
 *    members) such an entry is refused.
 *  - Sizes are capped: one file's declared size (SC_EXTRACT_MAX_FILE), the
 *    sum over all streams applied with one struct sc_extract
 *    (SC_EXTRACT_MAX_TOTAL), the number of entries (SC_EXTRACT_MAX_ENTRIES)
 *    and the path depth (SC_EXTRACT_MAX_DEPTH).
 *
 * With SC_EXTRACT_WHITEOUTS the OCI layer rules apply: ".wh.NAME" removes
 * NAME from the layers below, ".wh..wh..opq" in a directory removes what
 * the layers below put in it (entries of the same layer stay, wherever the
 * marker appears in the stream), other ".wh..wh." names are ignored.
 * Nothing is chowned, whoever runs the scan: files belong to the scanning
 * user.  With a metadata table, owners, modes (set-id bits included),
 * types, device numbers, mtimes and whether a security.capability
 * attribute was present are recorded in it (inodes.h) against the inode
 * created for each entry, including the directories this module creates
 * for entries below them (0755, root), and the files on disk are 0600
 * (directories 0700).  Without one, files keep their permission bits,
 * readable and writable by the user.
 *
 * Errors are SC_ERR_* values with one message naming the entry and the
 * stream ("layer 2 (sha256:ab12...)").  After an error the directory holds
 * a partial tree; the caller removes it.
 */
#ifndef SC_EXTRACT_H
#define SC_EXTRACT_H

#include <archive.h>

#include "util/err.h"
#include "util/limits.h"

#define SC_EXTRACT_MAX_FILE SC_LIMIT_EXTRACT_FILE_BYTES
#define SC_EXTRACT_MAX_TOTAL SC_LIMIT_EXTRACT_TOTAL_BYTES
#define SC_EXTRACT_MAX_ENTRIES SC_LIMIT_EXTRACT_ENTRIES
#define SC_EXTRACT_MAX_DEPTH SC_LIMIT_EXTRACT_DEPTH

enum {
	SC_EXTRACT_WHITEOUTS = 1 << 0,
};

struct sc_extract;
struct sc_inodes;

/* Limits (0 keeps the default); tests lower them. */
struct sc_extract_limits {
	unsigned long long max_file;
	unsigned long long max_total;
	unsigned long max_entries;
};

/*
 * Start applying streams into the directory DIR_FD (borrowed; kept open by
 * the caller until sc_extract_free).  limits may be NULL.
 */
struct sc_extract *sc_extract_new(int dir_fd, unsigned flags,
    const struct sc_extract_limits *limits);
void sc_extract_free(struct sc_extract *x);

/* Record metadata in TAB (borrowed; may be NULL: staging mode). */
void sc_extract_set_inodes(struct sc_extract *x, struct sc_inodes *tab);

/*
 * Apply every entry of the opened archive reader A (positioned before its
 * first header).  WHAT names the stream in messages.
 */
int sc_extract_apply(struct sc_extract *x, struct archive *a,
    const char *what, struct sc_err *err);

/*
 * An entry name as this module normalises it into OUT ("./a//b/" is
 * "a/b", "" for the root): what a stream applied into a directory
 * creates there.  Returns -1 on a ".." component (the stream would be
 * refused), -2 when deeper than SC_EXTRACT_MAX_DEPTH.
 */
struct sc_buf;
int sc_extract_normalize(const char *in, struct sc_buf *out);

/* Bytes declared by the regular files applied so far. */
unsigned long long sc_extract_total(const struct sc_extract *x);

#endif
