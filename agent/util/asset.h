/*
 * asset.h - files compiled into the binary.
 *
 * Build-time files the program needs at run time (the HTML report's
 * stylesheet, CSS and script; the GPOS SRG id table) are embedded by
 * `sc-contentc --embed-table SYMBOL -o OUT.c NAME=FILE...` as a table of
 * struct sc_asset ending with a { NULL, NULL, 0 } entry, so the binary is
 * self-contained.  data is NUL-terminated; len excludes the NUL.
 */
#ifndef SC_ASSET_H
#define SC_ASSET_H

#include <stddef.h>

struct sc_asset {
	const char *name;
	const char *data;
	size_t len;
};

/* The entry called name in a table, or NULL. */
const struct sc_asset *sc_asset_find(const struct sc_asset *table,
    const char *name);

#endif
