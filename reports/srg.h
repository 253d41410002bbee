/*
 * srg.h - the DISA GPOS SRG rules that checklists are made of.
 *
 * STIG Viewer checklists (CKL, CKLB) list the rules of one DISA
 * publication; stigcheck's is the General Purpose Operating System SRG.
 * What the checklists need of it at run time (benchmark id, title,
 * version, release, and per rule: group V-id, rule SV-id, SRG id,
 * severity, weight, CCIs, legacy ids, title) plus the NIST SP 800-53
 * controls of its CCIs, is a small table derived from DISA's files by
 * reports/tools/srg-table.xsl (reports/gpos-srg.tsv, embedded in the
 * binary).  No discussion, check or fix text of DISA's is copied.
 *
 * Content rules are matched to SRG rules by what they carry, first hit
 * wins: an "SV-NNN" in the rule id (Chainguard: ..._rule_SV-203720r982212_rule)
 * or in a reference or ident text (native content: the
 * https://public.cyber.mil/stigs/srg-stig-tools/ reference), matched on
 * the number so a rule of an older SRG release finds its current
 * revision; then a "V-NNN" reference or ident; then the rule's <version>
 * when it is an SRG id that names exactly one SRG rule.
 */
#ifndef SC_SRG_H
#define SC_SRG_H

#include <stddef.h>

#include "util/err.h"
#include "util/map.h"
#include "util/mem.h"
#include "xccdf/benchmark.h"

struct sc_srg_rule {
	const char *vuln_id;		/* V-203591 */
	const char *rule_id;		/* SV-203591r958362_rule */
	const char *srg_id;		/* SRG-OS-000001-GPOS-00001 */
	const char *group_title;	/* SRG-OS-000001 */
	const char *severity;		/* low, medium or high */
	const char *weight;		/* "10.0" */
	const char *title;
	struct sc_strv ccis;
	struct sc_strv legacy_ids;
	size_t index;			/* position in the table */
};

struct sc_srg {
	const char *benchmark_id;	/* General_Purpose_Operating_System */
	const char *title;
	const char *version;		/* "3" */
	const char *release;		/* "Release: 3 Benchmark Date: ..." */
	const char *filename;		/* DISA's file name */
	const char *source;
	const char *target_key;
	struct sc_srg_rule *rules;
	size_t n_rules;

	char *text;			/* the table; fields point into it */
	struct sc_map by_sv;		/* "SV-203591" -> rule */
	struct sc_map by_vuln;		/* "V-203591" -> rule */
	struct sc_map by_srg;		/* SRG id -> rule (or ambiguous) */
	struct sc_map cci_nist;		/* CCI -> NIST controls (char *) */
};

/* Parse a table (the format srg-table.xsl writes). */
int sc_srg_parse(struct sc_srg **out, const char *text, size_t len,
    const char *name, struct sc_err *err);
/* The table embedded in the binary. */
int sc_srg_builtin(struct sc_srg **out, struct sc_err *err);
void sc_srg_free(struct sc_srg *s);

/* "Version 3, Release: 3 Benchmark Date: 28 Oct 2025" style STIGRef. */
char *sc_srg_stig_ref(const struct sc_srg *s);

/* Lookups: NULL when unknown. */
const struct sc_srg_rule *sc_srg_by_sv(const struct sc_srg *s,
    const char *text);	/* first "SV-NNN" in text */
const struct sc_srg_rule *sc_srg_by_vuln(const struct sc_srg *s,
    const char *vuln_id);
const struct sc_srg_rule *sc_srg_by_srg_id(const struct sc_srg *s,
    const char *srg_id);
/* NIST controls of a CCI ("CM-6 b"), or NULL. */
const char *sc_srg_cci_nist(const struct sc_srg *s, const char *cci);

/* The SRG rule a content rule checks (see above), or NULL.  rule may be
 * NULL (a rule-result whose Rule is unknown): only idref is used then. */
const struct sc_srg_rule *sc_srg_match(const struct sc_srg *s,
    const char *idref, const struct sc_item *rule);

#endif
