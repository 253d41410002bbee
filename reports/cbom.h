/*
 * cbom.h - the crypto inventory as a CycloneDX 1.6 CBOM (--cbom FILE).
 *
 * The writer reads only the TestResult: the inventory's target facts
 * (checks/native_crypto.h SC_CRYPTO_MODULE_FACT "N", one JSON object per
 * module) and the headline FIPS verdict facts.  It probes nothing, so
 * `stigcheck report --from results.xml --cbom FILE` gives the scan's
 * bytes (the serial number is a name-based UUID of the TestResult id and
 * start time, the timestamp is the scan's end time).
 *
 * The document (docs/outputs.md, docs/fips.md):
 *   bomFormat "CycloneDX", specVersion "1.6", serialNumber, version 1;
 *   metadata: timestamp, tools (stigcheck), component (the target), and
 *     properties stigcheck:fips:verdict / stigcheck:fips:summary (absent
 *     when no FIPS rule ran);
 *   components: one per inventoried module, type "cryptographic-asset",
 *     bom-ref "crypto-N", name (the module or implementation), version,
 *     hashes (SHA-256 where read), evidence.occurrences (its path),
 *     cryptoProperties: libssl is assetType "protocol" (tls); every other
 *     module is assetType "algorithm", because CycloneDX 1.6 carries
 *     executionEnvironment, implementationPlatform and certificationLevel
 *     only in algorithmProperties; certificationLevel only where the
 *     certificate rule accepted a certificate for the module and the
 *     table gives its level; properties stigcheck:* (kind, identified-by,
 *     reachable, reachability, fips-boundary, fips-boundary-reason, ...);
 *   then one component per algorithm family the modules' facts list
 *     ("algorithms"), in order of first appearance: bom-ref
 *     "algorithm-NAME" (lower case, made unique), assetType "algorithm",
 *     algorithmProperties primitive and cryptoFunctions (values
 *     CycloneDX 1.6 lacks: "unknown", dropped), a stigcheck:identified-by
 *     property per module ("PATH: how");
 *   dependencies: a module that uses a libcrypto judged on its own
 *     (libssl, Python _ssl/_hashlib, Node) depends on it (dependsOn); a
 *     module provides the families it implements (provides).
 *
 * A module fact that is not a JSON object, or whose "algorithms" is not
 * an array of objects with a non-empty string name (stored results are
 * hostile input), is an error naming the fact; nothing is written.
 */
#ifndef SC_CBOM_H
#define SC_CBOM_H

#include <jansson.h>

#include "reports/outputs.h"
#include "util/err.h"

/* The document (new reference), or NULL with err set. */
json_t *sc_cbom_build(const struct sc_output_ctx *ctx, struct sc_err *err);

/* The output table's writer. */
int sc_cbom_write(const struct sc_output_ctx *ctx, const char *path,
    struct sc_err *err);

#endif
