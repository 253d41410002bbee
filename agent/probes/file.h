/*
 * file.h - file metadata of the target, described for evidence (the file
 * probe's non-recursive part; tree.h is the recursive part).
 *
 * Owners are named from the target's own /etc/passwd and /etc/group,
 * never the scanning host's.
 */
#ifndef SC_PROBE_FILE_H
#define SC_PROBE_FILE_H

#include <sys/stat.h>

#include "target/target.h"
#include "util/mem.h"

/*
 * The kind of a file in OVAL's words: "regular", "directory", "symbolic
 * link", "block special", "character special", "fifo", "socket".
 */
const char *sc_probe_file_type(mode_t mode);

/* Append "uid 1000 (app)" or "uid 1000 (not in the target's /etc/passwd)". */
void sc_probe_file_describe_id(struct sc_target *t, int is_group,
    unsigned long id, struct sc_buf *out);

/*
 * Split a target path into its directory and last component, as OVAL items
 * name them: "/etc/ssl/openssl.cnf" -> "/etc/ssl", "openssl.cnf";
 * "/x" -> "/", "x".  Both are new strings.
 */
void sc_probe_file_split(const char *path, char **dir, char **name);

/* dir + "/" + name without doubling the slash; a new string. */
char *sc_probe_file_join(const char *dir, const char *name);

/*
 * Whether the file at path (st: its stat through the target) holds
 * password hashes: by the path's name however spelt, or because it is
 * the same file as the target's /etc/shadow, /etc/passwd, ... (a link or
 * hard link to one, a bind mount).  Its evidence is then redacted.
 */
int sc_probe_file_is_secret(struct sc_target *t, const char *path,
    const struct stat *st);

#endif
