/*
 * fsutil.h - writing output files atomically (architecture.md, inv. 6).
 *
 * sc_write_atomic() writes to a temporary file in the destination
 * directory, fsyncs it, renames it over the destination and fsyncs the
 * directory: readers see the old file or the complete new one, never a
 * partial one.  While a temporary file exists its name is registered, and
 * sc_atomic_cleanup() (async-signal-safe; called by main's SIGINT/SIGTERM
 * handler) unlinks it, so an interrupted run leaves nothing behind.
 *
 * These functions write to the scanning host only; nothing here ever
 * touches a target.
 */
#ifndef SC_FSUTIL_H
#define SC_FSUTIL_H

#include <stddef.h>

#include "util/err.h"

int sc_write_atomic(const char *path, const void *data, size_t len,
    struct sc_err *err);

/* Unlink any in-progress temporary file (async-signal-safe). */
void sc_atomic_cleanup(void);

#endif
