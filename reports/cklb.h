/*
 * cklb.h - STIG Viewer 3 checklists (.cklb, JSON).
 *
 * The checklist (checklist.h) as DISA's CKLB 1.0 JSON: title, id,
 * cklb_version "1.0", target_data (host name, IP, MAC, FQDN, comments),
 * and one stig (stig_name, display_name, stig_id, release_info, uuid,
 * reference_identifier, size = every rule of the SRG) holding one rule
 * per SRG rule, with status not_a_finding / open / not_applicable /
 * not_reviewed, finding_details and comments.  Valid against DISA's
 * SV3_CKLB_1_0_JSON_SCHEMA.json, which forbids any other key: so there is
 * no stig "version" key (STIG Viewer 3 writes one, against its own
 * schema), and STIG Manager reads the revision of a CKLB as V0R<release>.
 * Written with jansson, keys in a fixed order.
 */
#ifndef SC_CKLB_H
#define SC_CKLB_H

#include "reports/checklist.h"
#include "util/err.h"

/* The JSON text (malloc'd). */
char *sc_cklb_build(const struct sc_checklist *cl, const char *title);
/* Build and write atomically; the title is the file's base name. */
int sc_cklb_write(const struct sc_checklist *cl, const char *path,
    struct sc_err *err);

#endif
