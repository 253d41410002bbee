/*
 * limits.h - every cap stigcheck puts on what a hostile target, image,
 * content or results file can make it do, in one place, each with its
 * reason.  docs/limits.md documents the same numbers; the unit test
 * check_limits.c reads that file and fails when a number there differs
 * from the value here, so the two cannot drift apart.
 *
 * The contract for every cap: an input that reaches it gives an error
 * (exit 1, or a rule-result of error) with a message naming the cap,
 * never a silent truncation.  Caps on evidence (how many lines a message
 * quotes) are the exception: they say "... and N more" in the message.
 *
 * Format (check_limits.c parses it): one "#define SC_LIMIT_NAME value"
 * per line, value an integer literal, optionally shifted ("(4u << 20)").
 */
#ifndef SC_LIMITS_H
#define SC_LIMITS_H

/* ---- reading the target ---------------------------------------------------- */

/* Symbolic links followed in one path: the kernel's MAXSYMLINKS. */
#define SC_LIMIT_SYMLINKS 40
/* One file read whole, by default: far over any configuration file. */
#define SC_LIMIT_READ_BYTES (32u << 20)
/* /etc/os-release: a few hundred bytes in practice. */
#define SC_LIMIT_OSRELEASE_BYTES (64u << 10)
/* /etc/passwd and /etc/group: about 100,000 accounts. */
#define SC_LIMIT_ACCOUNTS_BYTES (16u << 20)
/* Entries listed from one directory by sc_target_list_dir. */
#define SC_LIMIT_DIR_ENTRIES 65536
/* Depth of the shared walk: deeper trees are built to exhaust stacks. */
#define SC_LIMIT_WALK_DEPTH 200
/* Entries visited by one walk: 100 times a large distribution root. */
#define SC_LIMIT_WALK_ENTRIES 20000000UL

/* ---- package databases ------------------------------------------------------ */

/* apk installed / dpkg status text: 128 MiB is 50 times Debian's full set. */
#define SC_LIMIT_PKGDB_TEXT_BYTES (128u << 20)
/* rpmdb.sqlite: a full Fedora workstation's is about 100 MiB. */
#define SC_LIMIT_RPM_SQLITE_BYTES (512u << 20)
/* Entries of one rpm header: real headers have a few hundred. */
#define SC_LIMIT_RPM_HEADER_ENTRIES 100000u
/*
 * SQLite virtual-machine work for reading rpmdb.sqlite, in thousands of
 * steps (the progress handler's unit); reading a row takes 3 steps, so
 * 10,000 packages take 30 thousand and the cap allows 660,000 rows.
 * Views and triggers are refused outright; this bounds whatever else a
 * hostile file can make one SELECT do.
 */
#define SC_LIMIT_RPM_SQLITE_STEPS 2000u

/* ---- OpenSSL configuration -------------------------------------------------- */

/* One value after $variable expansion: OpenSSL's MAX_CONF_VALUE_LENGTH. */
#define SC_LIMIT_OSSLCONF_VALUE 65536
/*
 * All values of one configuration (with its includes) after expansion:
 * OpenSSL bounds each value only, so 60 lines of "$a$a$a..." reach
 * gigabytes; 16 MiB is 4 times the largest file accepted.
 */
#define SC_LIMIT_OSSLCONF_EXPANDED (16u << 20)
/* One configuration file: real ones are a few KiB. */
#define SC_LIMIT_OSSLCONF_FILE_BYTES (4u << 20)
/* Nested .include levels and files read (OpenSSL has no bound at all). */
#define SC_LIMIT_OSSLCONF_DEPTH 16
#define SC_LIMIT_OSSLCONF_FILES 256

/* ---- content and its evaluation --------------------------------------------- */

/* A content, results or ARF file: 1 GiB, 10 times the largest DISA one. */
#define SC_LIMIT_CONTENT_BYTES (1024u << 20)
/*
 * Values one OVAL variable component may produce (concat multiplies its
 * arguments' counts): over it the variable is an error, not a cut list.
 */
#define SC_LIMIT_OVAL_VALUES 10000
/* ... and bytes of all those values together (nesting doubles lengths). */
#define SC_LIMIT_OVAL_VALUE_BYTES (16u << 20)
/* Items an OVAL object keeps for the results document. */
#define SC_LIMIT_OVAL_KEPT_ITEMS 10000
/* Branches of one native <any> test. */
#define SC_LIMIT_ANY_BRANCHES 64
/* Profile extends chains (cycles are refused separately). */
#define SC_LIMIT_PROFILE_EXTENDS 32
/* Regular expressions: PCRE2 backtracking steps, frame depth, heap KiB. */
#define SC_LIMIT_REGEX_MATCH 5000000u
#define SC_LIMIT_REGEX_DEPTH 100000u
#define SC_LIMIT_REGEX_HEAP_KIB 65536u

/* ---- evidence ---------------------------------------------------------------- */

/* Messages per rule-result; the rest are counted in "... and N more". */
#define SC_LIMIT_RESULT_MESSAGES 50
/* Characters of one quoted line (cut with "..."). */
#define SC_LIMIT_LINE_SHOWN 512

/* ---- images ------------------------------------------------------------------ */

/* index.json, manifests and configs of an image. */
#define SC_LIMIT_IMAGE_JSON_BYTES (8u << 20)
/* One file unpacked from a layer, and all layers of an image together. */
#define SC_LIMIT_EXTRACT_FILE_BYTES (16ULL << 30)
#define SC_LIMIT_EXTRACT_TOTAL_BYTES (64ULL << 30)
/* Entries of all layers, and depth of a path in a layer. */
#define SC_LIMIT_EXTRACT_ENTRIES 4000000UL
#define SC_LIMIT_EXTRACT_DEPTH 256

/* ---- reviews and waivers (--reviews FILE) ------------------------------------ */

/* The reviews file (YAML, CKL or CKLB): a full SRG checklist is ~2 MiB. */
#define SC_LIMIT_REVIEWS_BYTES (32u << 20)
/* Entries of one reviews file: 100 times the rules of the largest STIG. */
#define SC_LIMIT_REVIEWS_ENTRIES 100000
/* Characters of one text field (reason, by, details): STIG Viewer's cap. */
#define SC_LIMIT_REVIEWS_TEXT 32767

#endif
