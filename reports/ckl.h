/*
 * ckl.h - STIG Viewer 2 checklists (.ckl).
 *
 * The checklist (checklist.h) as DISA's CKL XML: CHECKLIST/ASSET with the
 * target's name, IP, MAC, FQDN and a comment; STIGS/iSTIG/STIG_INFO with
 * the SRG's version, classification, stigid (DISA's benchmark id),
 * filename, releaseinfo, title, uuid, notice and source; then one VULN per
 * SRG rule with STIG_DATA in STIG Viewer's order (Vuln_Num, Severity,
 * Group_Title, Rule_ID, Rule_Ver, Rule_Title, Vuln_Discuss, ...,
 * LEGACY_ID*, CCI_REF*), STATUS, FINDING_DETAILS, COMMENTS,
 * SEVERITY_OVERRIDE and SEVERITY_JUSTIFICATION (always present: STIG
 * Manager requires FINDING_DETAILS and COMMENTS).  Valid against DISA's
 * U_Checklist_Schema_V2.xsd (checklist 2.5).
 */
#ifndef SC_CKL_H
#define SC_CKL_H

#include <libxml/tree.h>

#include "reports/checklist.h"
#include "util/err.h"

xmlDocPtr sc_ckl_build(const struct sc_checklist *cl);
/* Build and write atomically. */
int sc_ckl_write(const struct sc_checklist *cl, const char *path,
    struct sc_err *err);

#endif
