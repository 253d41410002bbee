/*
 * uuid.h - name-based UUIDs (RFC 4122 version 5, SHA-1).
 *
 * Checklists need UUIDs (CKL STIG_UUID, CKLB ids).  stigcheck derives them
 * from names (the target, the scan's start time, a rule id) instead of
 * drawing random ones, so re-rendering stored results gives the same
 * file, and the same STIG release always has the same STIG UUID.
 */
#ifndef SC_UUID_H
#define SC_UUID_H

#define SC_UUID_LEN 37		/* 36 characters and the NUL */

/* stigcheck's own namespace UUID (random, fixed forever). */
#define SC_UUID_NS "0f5a7c3e-8d2b-4c61-9e47-3b1d6a2f8c05"

/*
 * The version 5 UUID of name in namespace ns (a UUID string), lower-case,
 * into out.  Returns 0, or -1 when ns is not a UUID.
 */
int sc_uuid_v5(const char *ns, const char *name, char out[SC_UUID_LEN]);

#endif
