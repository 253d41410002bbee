/*
 * builtin.h - the native benchmark compiled into the binary.
 *
 * The YAML under content/ is compiled at build time into an XCCDF 1.2 benchmark
 * (build/gen/stigcheck-gpos-xccdf.xml, also installed as a file) and embedded
 * here (build/gen/builtin_content.c, generated; do not edit).  It is the
 * content used when no CONTENT argument is given.
 */
#ifndef SC_BUILTIN_H
#define SC_BUILTIN_H

#include <stddef.h>

extern const char sc_builtin_xccdf[];
extern const size_t sc_builtin_xccdf_len;

#define SC_BUILTIN_NAME "stigcheck-gpos-xccdf.xml"

#endif
