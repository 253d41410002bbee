/*
 * openssl_conf.h - OpenSSL configuration files, read as libcrypto reads
 * them (NCONF, crypto/conf/conf_def.c of OpenSSL 3.x).
 *
 * The parser reproduces OpenSSL's own grammar, quirks included, so that
 * what a check concludes is what the target's libcrypto will do:
 *
 *  - sections: text before the first "[name]" is in section "default";
 *    "[ a b ]" names section "a b"; a header may use $variables;
 *  - "name = value": the name runs over OpenSSL's name characters
 *    (letters, digits, _ and !%&*+,-./;?@^|~, plus $ under
 *    ".pragma dollarid:on"); "sect::name = value" assigns into another
 *    section; a repeated name replaces the earlier value and moves to
 *    the end of the section's order;
 *  - values: surrounding blanks trimmed; '...', "..." and `...` quote
 *    (a backslash inside escapes the next character); \n \r \t \b and
 *    \<char> escapes outside quotes; $var, ${var}, $(var) and
 *    $sect::var expand from values defined earlier (the current section,
 *    then "default"; section ENV falls back to the environment given in
 *    the options, never the scanner's); an undefined variable is an
 *    error; an expansion over 64 KiB is an error, and so is a
 *    configuration whose values expand to more than
 *    SC_LIMIT_OSSLCONF_EXPANDED bytes in all (limits.h);
 *  - '#' starts a comment outside quotes and escapes; a line ending in a
 *    single backslash continues on the next line; trailing CR/LF are
 *    dropped; a UTF-8 byte order mark is skipped at the very start;
 *  - ".pragma [=] dollarid:on|off", "abspath:on|off", "includedir:DIR"
 *    (unknown pragmas are ignored, as OpenSSL does);
 *  - ".include [=] PATH": PATH (variables expanded) is prefixed with
 *    OPENSSL_CONF_INCLUDE (from the target's environment) or the
 *    includedir pragma when relative; a directory includes its *.cnf and
 *    *.conf files.  The current section carries across includes, both
 *    ways, as in OpenSSL.
 *
 * Includes are read through the target (target.h), so they resolve
 * inside the audited root.  What OpenSSL tolerates silently is kept as a
 * note, with the file and line, for evidence:
 *
 *  - a missing include (OpenSSL skips it without a word);
 *  - a relative include with no includedir: OpenSSL resolves it against
 *    the *working directory of each process*, so whether it is found
 *    depends on where a program was started.  stigcheck reads it from the
 *    including file's directory (the evident intent) and notes the trap;
 *  - an include loop or nesting deeper than max_depth (OpenSSL recurses
 *    until it runs out of file descriptors): cut, and noted;
 *  - a directory include: files are read in name order (OpenSSL uses the
 *    directory's order, which is not defined); a directory inside a
 *    directory include is skipped, as OpenSSL does;
 *  - an include that is not a regular file.
 *
 * Hard errors (OpenSSL refuses the whole file) make the load fail with
 * SC_ERR_PARSE and a message "FILE:LINE: what".  A ".include" inside a
 * file that was itself included from a directory is SC_ERR_UNSUPPORTED
 * (OpenSSL then resumes the directory before the including file, an
 * order stigcheck does not reproduce).  A NUL byte is SC_ERR_UNSUPPORTED.
 *
 * Line numbers are per file (OpenSSL's own messages count lines across
 * all files of an include chain).
 */
#ifndef SC_OPENSSL_CONF_H
#define SC_OPENSSL_CONF_H

#include <stddef.h>

#include "target/target.h"
#include "util/err.h"
#include "util/limits.h"
#include "util/map.h"

#define SC_OSSLCONF_MAX_VALUE SC_LIMIT_OSSLCONF_VALUE
#define SC_OSSLCONF_FILE_MAX SC_LIMIT_OSSLCONF_FILE_BYTES
#define SC_OSSLCONF_DEPTH_DEFAULT SC_LIMIT_OSSLCONF_DEPTH
#define SC_OSSLCONF_FILES_DEFAULT SC_LIMIT_OSSLCONF_FILES

struct sc_osslconf;

struct sc_osslconf_value {
	char *name;
	char *value;
	const char *file;	/* target path of the file it came from */
	unsigned line;		/* first line of the (continued) line */
};

struct sc_osslconf_section {
	char *name;
	struct sc_osslconf_value *v;	/* in OpenSSL's order */
	size_t n, cap;
	/* private: name -> index + 1, and entries replaced while loading */
	struct sc_map idx;
	size_t ndead;
};

enum sc_osslconf_note_kind {
	SC_OSSLCONF_INCLUDED = 0,	/* an include that was read (info) */
	SC_OSSLCONF_MISSING,		/* include of a file that does not exist */
	SC_OSSLCONF_CWD_RELATIVE,	/* include resolved against the CWD */
	SC_OSSLCONF_LOOP,		/* include loop, cut */
	SC_OSSLCONF_DEPTH,		/* nesting or file count over the bound */
	SC_OSSLCONF_NOTREG,		/* include is not a regular file, or unreadable */
	SC_OSSLCONF_DIR_ORDER,		/* directory include with several files */
	SC_OSSLCONF_NESTED_DIR,		/* directory inside a directory include */
	SC_OSSLCONF_NO_TARGET,		/* include not followed (text load) */
};

struct sc_osslconf_note {
	enum sc_osslconf_note_kind kind;
	const char *file;
	unsigned line;
	char *text;		/* "FILE:LINE: ..." ready for evidence */
};

struct sc_osslconf_opts {
	/* Includes are read through this target; NULL: not followed. */
	struct sc_target *target;
	/* OPENSSL_CONF_INCLUDE of the target's environment, or NULL. */
	const char *include_dir;
	/* $ENV::NAME lookups (the target's environment); NULL: none. */
	const char *(*getenv)(void *ctx, const char *name);
	void *getenv_ctx;
	unsigned max_depth;	/* 0: SC_OSSLCONF_DEPTH_DEFAULT */
	unsigned max_files;	/* 0: SC_OSSLCONF_FILES_DEFAULT */
};

/*
 * Load the configuration file at target path `path` (opts->target is
 * required).  SC_ERR_NOTFOUND when the file itself does not exist,
 * SC_ERR_NOTREG when it is not a regular file, SC_ERR_PARSE /
 * SC_ERR_UNSUPPORTED with "FILE:LINE: message" when OpenSSL would refuse
 * it (or stigcheck cannot reproduce it).  *out is NULL on error.
 */
int sc_osslconf_load_file(struct sc_osslconf **out, const char *path,
    const struct sc_osslconf_opts *opts, struct sc_err *err);

/* The same on text in memory; name is used in messages. */
int sc_osslconf_load_text(struct sc_osslconf **out, const char *name,
    const char *text, size_t len, const struct sc_osslconf_opts *opts,
    struct sc_err *err);

void sc_osslconf_free(struct sc_osslconf *c);

/* Sections in order of first appearance ("default" first). */
size_t sc_osslconf_nsections(const struct sc_osslconf *c);
const struct sc_osslconf_section *sc_osslconf_section_at(
    const struct sc_osslconf *c, size_t i);
/* A section by name, or NULL (NCONF_get_section). */
const struct sc_osslconf_section *sc_osslconf_section(
    const struct sc_osslconf *c, const char *name);
/* name in section exactly (no fallback), or NULL. */
const struct sc_osslconf_value *sc_osslconf_lookup(
    const struct sc_osslconf *c, const char *section, const char *name);
/*
 * NCONF_get_string: name in section, then (section ENV) the environment,
 * then section "default".  section NULL looks in "default" only.  *where
 * (may be NULL) receives the entry found, NULL for the environment.
 */
const char *sc_osslconf_get_string(const struct sc_osslconf *c,
    const char *section, const char *name,
    const struct sc_osslconf_value **where);

/* Notes (see above), in the order met. */
const struct sc_osslconf_note *sc_osslconf_notes(const struct sc_osslconf *c,
    size_t *n);
/* Every file read, top-level file first. */
const struct sc_strv *sc_osslconf_files(const struct sc_osslconf *c);

/* OpenSSL's boolean spellings for .pragma: 1/0, -1 when neither. */
int sc_osslconf_pragma_bool(const char *s);

#endif
