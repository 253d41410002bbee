/*
 * osrel.h - the os-release(5) file of a target, parsed from memory.
 *
 * The text is the target's and hostile: every line is KEY=VALUE (blanks
 * before KEY and after VALUE ignored, # comments and lines without '='
 * skipped), VALUE optionally quoted with " or ' (inside double quotes a
 * backslash escapes the next character); the text ends at its first NUL
 * byte.  Work and memory are linear in the text's length.  The target
 * module (target.h, sc_target_os_release) reads the file and calls this;
 * so does the fuzz harness (tests/fuzz/fuzz_textsrc.c).
 */
#ifndef SC_OSREL_H
#define SC_OSREL_H

#include <stddef.h>

struct sc_osrel_kv {
	char *key;
	char *value;		/* unquoted */
};

struct sc_osrel {
	struct sc_osrel_kv *v;
	size_t n, cap;
};

#define SC_OSREL_INIT { NULL, 0, 0 }

/* Append the assignments of text (len bytes, need not be NUL-terminated). */
void sc_osrel_parse(struct sc_osrel *o, const char *text, size_t len);
/* The value of key (the last assignment wins), or NULL. */
const char *sc_osrel_get(const struct sc_osrel *o, const char *key);
/* Free the entries (o itself is the caller's); NULL is fine. */
void sc_osrel_clear(struct sc_osrel *o);

#endif
