/*
 * native_crypto.h - the crypto inventory judged against the FIPS
 * boundary (native_crypto.c), shared by the crypto_inventory check kind
 * and the headline FIPS verdict.
 *
 * The inventory is collected on the shared walk (sc_crypto_prepare in a
 * kind's prepare phase), built once per target after the walk and cached
 * on the target with one judgement per entry.
 */
#ifndef SC_NATIVE_CRYPTO_H
#define SC_NATIVE_CRYPTO_H

#include "checks/native_fips.h"
#include "probes/crypto_inventory.h"

struct sc_crypto_judgement {
	int inside;		/* inside a FIPS boundary */
	int none;		/* not judged: carries no cryptography of its
				   own, or uses an entry judged on its own */
	int is_boundary;	/* the FIPS provider the system loads */
	char *why;		/* evidence */
	/* a certificate the CMVP table gives for the module by its version
	   (Go: GOFIPS140), and its overall level; or NULL */
	char *cert, *level;
};

/* Register the inventory's walk visitor (and the FIPS analysis's). */
void sc_crypto_prepare(struct sc_scan_ctx *ctx);

/*
 * The inventory's entries (*ents, *n, sorted by path) and a judgement for
 * each, same index.  Empty when sc_crypto_prepare was not called before
 * the walk.
 */
const struct sc_crypto_judgement *sc_crypto_judged(struct sc_scan_ctx *ctx,
    const struct sc_crypto_entry **ents, size_t *n);

/*
 * After evaluation: the headline FIPS verdict as two target facts
 * (SC_FIPS_VERDICT_FACT "yes", "no" or "partial"; SC_FIPS_SUMMARY_FACT the
 * sentence).  "no": the system OpenSSL configuration does not enforce the
 * FIPS provider.  "yes": it does, the certificate rule passed (the
 * certificate it accepted is named), and no reachable implementation is
 * outside the boundary.  "partial": anything between, including a
 * certificate rule or an inventory that did not run.  Nothing when no
 * FIPS rule ran.
 *
 * Before it, when the inventory was judged: one target fact per entry,
 * SC_CRYPTO_MODULE_FACT "1", "2", ... (in path order), whose value is a
 * JSON object: kind, path, implementation, module, version,
 * identified_by, platform (CycloneDX implementationPlatform), reachable
 * (true, false, null: decided by the configuration), reachability,
 * boundary ("inside", "outside", "not judged", or "the boundary": the
 * FIPS provider the system configuration loads), system_fips_provider,
 * why, sha256, links, openssldir, modulesdir, providers (Java, in
 * order), go_crypto, node_fips_flag, algorithms (the families found,
 * [{name, primitive, functions, identified_by}] in sc_crypto_parse_alg
 * order, primitive and functions as CycloneDX 1.6 names them; absent: none
 * found, crypto_inventory.h says where stigcheck looks), error, and for the FIPS provider
 * the system loads, when the certificate rule passed, certificate and
 * certification_level ("fips140-3-l1"; absent when the table has no
 * level).  Absent members are unknown.
 */
#define SC_CRYPTO_MODULE_FACT "urn:stigcheck:fact:crypto:module:"
struct sc_testresult;
void sc_crypto_headline(struct sc_testresult *tr, struct sc_target *t);

#endif
