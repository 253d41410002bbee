/*
 * evidence.h - an evidence directory (--evidence DIR): every output of
 * the output table, a manifest with provenance and hashes, and an
 * optional detached CMS signature of the manifest.
 *
 *   DIR/<file of every row of sc_output_fmts>   (reports/outputs.h)
 *   DIR/manifest.json       provenance and the SHA-256 and size of every
 *                           other file (manifest.json.p7s excepted)
 *   DIR/manifest.json.p7s   with --sign-key/--sign-cert: detached CMS
 *                           SignedData over manifest.json, PEM
 *
 * The directory is written completely or not at all: everything goes into
 * a private temporary directory beside DIR (".DIR.XXXXXX", removed on
 * error and by the signal handler), which is renamed to DIR at the end.
 * DIR must not exist, or be an empty directory (checked before a scan by
 * sc_evidence_precheck, and again by the rename).
 *
 * manifest.json (one JSON object; keys in this order):
 *   "stigcheck-evidence": 1          the format version
 *   "scanner": {name, version, sha256}   the program that wrote DIR
 *   "command-line": [argv...]        of that program (never its environment)
 *   "source-results": {file, sha256} `report --from`: the results re-rendered
 *   "scan": {testresult-id, benchmark-id, benchmark-version,
 *            benchmark-href, profile, target, start-time, end-time}
 *   "content": {file, sha256}, "tailoring": {file, sha256} (or null)
 *   "target-facts": {name: value}    every target fact of the results,
 *                                    provenance facts (provenance.h) and
 *                                    the read digest (scan.h) included
 *   "files": [{name, size, sha256}]  every other file, in table order
 */
#ifndef SC_EVIDENCE_H
#define SC_EVIDENCE_H

#include "provenance.h"
#include "util/err.h"
#include "xccdf/content.h"
#include "xccdf/result.h"

#define SC_EVIDENCE_MANIFEST	"manifest.json"
#define SC_EVIDENCE_SIGNATURE	"manifest.json.p7s"
#define SC_EVIDENCE_FORMAT	1

struct sc_evidence_opts {
	const char *dir;
	const char *sign_key;		/* PEM private key (unencrypted) */
	const char *sign_cert;		/* PEM certificate (+ chain) */
	const struct sc_provenance *prov;	/* this run */
	const char *from;		/* report --from: the results file */
};

/*
 * Before a scan: DIR is free (absent or an empty directory), its parent
 * exists, and the key and certificate load and match.
 */
int sc_evidence_precheck(const struct sc_evidence_opts *o,
    struct sc_err *err);

int sc_evidence_write(const struct sc_evidence_opts *o,
    const struct sc_content *c, const struct sc_testresult *tr,
    struct sc_err *err);

#endif
