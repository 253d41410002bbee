# --cbom FILE: the crypto inventory as a CycloneDX 1.6 CBOM, validated
# with ajv against the bom-1.6 JSON schema that @cyclonedx/cyclonedx-library
# carries.  On the FIPS fixture with a table that covers its provider the
# CBOM's metadata says "yes" and the provider carries its certification
# level and SHA-256; with every crypto plant (real binaries from Debian
# packages, tests/fixtures/crypto-plant.sh) the CBOM lists each planted
# file and the verdict is partial, in the CBOM, the JSON summary and the
# facts alike.  `report --from` re-renders the same bytes, --evidence
# carries cbom.json, and a stored result with a broken module fact is one
# error line and no file.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/outputs.sh"
set -e
fips_clean_root
P=xccdf_org.stigcheck_profile_fips
npm_cached cyclonedx-10.3.0 @cyclonedx/cyclonedx-library@10.3.0 $AJV_PKGS
cbom_valid() { node "$HERE/cbom-validate.mjs" "$npm_dir" "$@" || fail "$* not valid CycloneDX 1.6"; }
json_valid() {
	npm_cached ajv-8.17.1 $AJV_PKGS
	node "$HERE/json-validate.mjs" "$npm_dir" "$HERE/../schemas/stigcheck-results-1.schema.json" "$1" ||
		fail "$1: not a valid JSON summary"
	npm_cached cyclonedx-10.3.0 @cyclonedx/cyclonedx-library@10.3.0 $AJV_PKGS
}

ver=$(strings -n 5 "$clean/usr/lib/ossl-modules/fips.so" | grep -m1 -x '3\.[0-9]*\.[0-9]*')
sha=$(sha256sum "$clean/usr/lib/ossl-modules/fips.so" | cut -d' ' -f1)
cat >"$TMPDIR/cmvp.yaml" <<EOT
rows:
  - number: "TEST-1"
    module: test table row
    versions: "$ver"
    standard: FIPS 140-3
    status: active
    sunset: "2099-01-01"
    level: "1"
    source: t2200 test table
EOT

# the ajv check can fail: a document with a wrong assetType is rejected
printf '{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[{"type":"cryptographic-asset","name":"x","cryptoProperties":{"assetType":"library"}}]}\n' >"$TMPDIR/bad-cbom.json"
! node "$HERE/cbom-validate.mjs" "$npm_dir" "$TMPDIR/bad-cbom.json" 2>/dev/null || fail "the validator accepts assetType library"

# comp FILE PATH JQ-FILTER: the component at PATH
comp() { jq -c --arg p "$2" ".components[] | select(.evidence.occurrences[0].location == \$p) | $3" "$1"; }
prop() { jq -r --arg p "$2" --arg n "$3" '.components[] | select(.evidence.occurrences[0].location == $p) | .properties[] | select(.name == $n) | .value' "$1"; }
meta() { jq -r --arg n "stigcheck:fips:$2" '.metadata.properties[] | select(.name == $n) | .value' "$1"; }

# ---- yes: the provider is certified at level 1, nothing else is in the image ----------
run --rootfs "$clean" --profile $P --cmvp-table "$TMPDIR/cmvp.yaml" --cbom "$TMPDIR/yes.cbom.json" \
	--json "$TMPDIR/yes.json" --results "$TMPDIR/yes.xml"
expect_scanned yes
cbom_valid "$TMPDIR/yes.cbom.json"
json_valid "$TMPDIR/yes.json"
[ "$(meta "$TMPDIR/yes.cbom.json" verdict)" = yes ] || fail "yes: CBOM verdict '$(meta "$TMPDIR/yes.cbom.json" verdict)'"
summary=$(meta "$TMPDIR/yes.cbom.json" summary)
grep -qxF "$summary" "$TMPDIR/out" || fail "yes: the CBOM summary '$summary' is not the console line"
[ "$(jq -r .fips.verdict "$TMPDIR/yes.json")" = yes ] || fail "yes: --json fips.verdict"
[ "$(jq -r .fips.summary "$TMPDIR/yes.json")" = "$summary" ] || fail "yes: --json fips.summary differs from the CBOM's"
[ "$(jq -r .fips.certificate "$TMPDIR/yes.json")" = "CMVP #TEST-1 (FIPS 140-3, active until 2099-01-01)" ] ||
	fail "yes: --json fips.certificate is '$(jq -r .fips.certificate "$TMPDIR/yes.json")'"
f=/usr/lib/ossl-modules/fips.so
[ "$(comp "$TMPDIR/yes.cbom.json" $f .name)" = '"OpenSSL FIPS Provider"' ] || fail "fips.so: name $(comp "$TMPDIR/yes.cbom.json" $f .name)"
[ "$(comp "$TMPDIR/yes.cbom.json" $f .version)" = "\"$ver\"" ] || fail "fips.so: version"
[ "$(comp "$TMPDIR/yes.cbom.json" $f '.hashes[0].content')" = "\"$sha\"" ] || fail "fips.so: SHA-256 is not sha256sum's"
[ "$(comp "$TMPDIR/yes.cbom.json" $f .cryptoProperties.algorithmProperties.certificationLevel)" = '["fips140-3-l1"]' ] ||
	fail "fips.so: certificationLevel $(comp "$TMPDIR/yes.cbom.json" $f .cryptoProperties)"
[ "$(comp "$TMPDIR/yes.cbom.json" $f .cryptoProperties.algorithmProperties.implementationPlatform)" = '"x86_64"' ] ||
	[ "$(uname -m)" != x86_64 ] || fail "fips.so: implementationPlatform"
[ "$(prop "$TMPDIR/yes.cbom.json" $f stigcheck:certificate)" = "CMVP #TEST-1 (FIPS 140-3, active until 2099-01-01)" ] || fail "fips.so: certificate property"
[ "$(prop "$TMPDIR/yes.cbom.json" $f stigcheck:fips-boundary)" = "the boundary" ] || fail "fips.so: boundary"
prop "$TMPDIR/yes.cbom.json" $f stigcheck:identified-by | grep -qF "SHA-256 $sha" || fail "fips.so: identified-by"
l=/usr/lib/libcrypto.so.3
[ "$(prop "$TMPDIR/yes.cbom.json" $l stigcheck:fips-boundary)" = inside ] || fail "libcrypto: boundary"
[ "$(comp "$TMPDIR/yes.cbom.json" $l .cryptoProperties.algorithmProperties.certificationLevel)" = null ] ||
	fail "libcrypto: a certification level for a module the certificate does not name"
echo "ok: yes: CBOM valid, verdict yes, fips.so fips140-3-l1 with its SHA-256"

# re-rendered from the stored results: the same bytes; and in --evidence
run report --from "$TMPDIR/yes.xml" --cbom "$TMPDIR/yes-re.cbom.json"
expect_rc 2 "report --from --cbom (the entropy rule fails)"
cmp -s "$TMPDIR/yes.cbom.json" "$TMPDIR/yes-re.cbom.json" || { diff "$TMPDIR/yes.cbom.json" "$TMPDIR/yes-re.cbom.json" | head; fail "report --from: CBOM differs"; }
run report --from "$TMPDIR/yes.xml" --evidence "$TMPDIR/ev" -q
expect_rc 2 "report --evidence"
cmp -s "$TMPDIR/yes.cbom.json" "$TMPDIR/ev/cbom.json" || fail "--evidence: cbom.json is not the scan's CBOM"
jq -e '.files[] | select(.name == "cbom.json")' "$TMPDIR/ev/manifest.json" >/dev/null || fail "--evidence: manifest lacks cbom.json"
echo "ok: report --from and --evidence give the same CBOM"

# ---- every plant: each planted file is a component, the verdict is partial ------------
all=$TMPDIR/all
cp -a "$clean" "$all"
plants="opt-libcrypto opt-unreachable go-plain go-boring java-debian python python-libs static-elf"
"$fixtures/crypto-plant.sh" "$all" $plants || {
	[ $? = 77 ] && skip "crypto-plant: cannot build the plants"
	fail "crypto-plant.sh failed"
}
run --rootfs "$all" --profile $P --cmvp-table "$TMPDIR/cmvp.yaml" --cbom "$TMPDIR/all.cbom.json" \
	--json "$TMPDIR/all.json" --results "$TMPDIR/all.xml"
expect_scanned all
cbom_valid "$TMPDIR/all.cbom.json"
json_valid "$TMPDIR/all.json"
jsec=/usr/lib/jvm/java-17-openjdk-amd64/conf/security/java.security
for p in /opt/app/lib/libcrypto.so.3 /opt/other/lib/libcrypto.so.3 /usr/bin/goapp /usr/bin/goapp-boring $jsec \
	/usr/lib/python3.11/site-packages/cryptography.libs/libcrypto.so.3 /usr/bin/static-tls \
	/usr/lib/ossl-modules/fips.so /usr/lib/libcrypto.so.3; do
	[ -n "$(comp "$TMPDIR/all.cbom.json" "$p" .name)" ] || fail "all: no component for $p"
done
for m in _ssl _hashlib; do
	jq -e --arg m "/usr/lib/python3.11/lib-dynload/$m." '.components[] | select(.evidence.occurrences[0].location // "" | startswith($m))' \
		"$TMPDIR/all.cbom.json" >/dev/null || fail "all: no component for Python's $m"
done
# the CBOM lists exactly what the inventory rule reported
nrule=$(rule_messages "$TMPDIR/all.xml" fips_crypto_inventory | grep -c '^/' || true)
ncomp=$(jq '.components | length' "$TMPDIR/all.cbom.json")
[ "$ncomp" -ge 11 ] || fail "all: only $ncomp components"
[ "$(meta "$TMPDIR/all.cbom.json" verdict)" = partial ] || fail "all: CBOM verdict"
[ "$(jq -r .fips.verdict "$TMPDIR/all.json")" = partial ] || fail "all: --json verdict"
[ "$(prop "$TMPDIR/all.cbom.json" /opt/app/lib/libcrypto.so.3 stigcheck:fips-boundary)" = outside ] || fail "optlib: boundary"
[ "$(prop "$TMPDIR/all.cbom.json" /opt/app/lib/libcrypto.so.3 stigcheck:reachable)" = true ] || fail "optlib: reachable"
[ "$(prop "$TMPDIR/all.cbom.json" /opt/other/lib/libcrypto.so.3 stigcheck:reachable)" = false ] || fail "optunreach: reachable"
[ "$(prop "$TMPDIR/all.cbom.json" /usr/bin/goapp stigcheck:fips-boundary)" = outside ] || fail "goapp: boundary"
[ "$(prop "$TMPDIR/all.cbom.json" /usr/bin/goapp-boring stigcheck:fips-boundary)" = inside ] || fail "goapp-boring: boundary"
[ "$(comp "$TMPDIR/all.cbom.json" /usr/bin/goapp .name)" = '"Go"' ] || fail "goapp: name"
jv=$(sed -n 's/^JAVA_VERSION="\(.*\)"$/\1/p' /usr/lib/jvm/java-17-openjdk-amd64/release)
[ "$(comp "$TMPDIR/all.cbom.json" $jsec .version)" = "\"$jv\"" ] || fail "java: version $(comp "$TMPDIR/all.cbom.json" $jsec .version), expected $jv (JAVA_VERSION of release)"
[ "$(prop "$TMPDIR/all.cbom.json" $jsec stigcheck:java-security-provider | head -1)" = 1=SUN ] || fail "java: first provider"
[ "$(prop "$TMPDIR/all.cbom.json" $jsec stigcheck:fips-boundary)" = outside ] || fail "java: boundary"
[ "$(comp "$TMPDIR/all.cbom.json" $jsec .cryptoProperties.algorithmProperties.implementationPlatform)" = '"x86_64"' ] ||
	[ "$(uname -m)" != x86_64 ] || fail "java: platform (its bin/java's)"
# Python's _ssl depends on the libcrypto it links
ssl=$(jq -r '.components[] | select(.evidence.occurrences[0].location // "" | test("lib-dynload/_ssl[.]")) | ."bom-ref"' "$TMPDIR/all.cbom.json")
lc=$(comp "$TMPDIR/all.cbom.json" /usr/lib/libcrypto.so.3 '."bom-ref"' | tr -d '"')
jq -e --arg r "$ssl" --arg d "$lc" '.dependencies[] | select(.ref == $r and .dependsOn == [$d])' "$TMPDIR/all.cbom.json" >/dev/null ||
	fail "all: _ssl ($ssl) does not depend on the system libcrypto ($lc)"
# no certification level on anything but the certified provider
[ "$(jq '[.components[] | select(.cryptoProperties.algorithmProperties.certificationLevel != null)] | length' "$TMPDIR/all.cbom.json")" = 1 ] ||
	fail "all: a certification level on a module no certificate names"
echo "ok: all: $ncomp components ($nrule inventory lines), verdict partial, each plant listed"

# ---- no FIPS rule: a valid CBOM with no components and no verdict ------------------------
run --rootfs "$clean" --rule xccdf_org.stigcheck_rule_fips_openssl_config_loads --skip-rule xccdf_org.stigcheck_rule_fips_crypto_inventory \
	--cbom "$TMPDIR/none.cbom.json" --json "$TMPDIR/none.json" -q
expect_scanned none
cbom_valid "$TMPDIR/none.cbom.json"
[ "$(jq '.components | length' "$TMPDIR/none.cbom.json")" = 0 ] || fail "none: components without an inventory"
echo "ok: without the inventory rule the CBOM is valid and empty"

# ---- hostile stored results: a module fact that is not JSON ------------------------------
sed 's|\(name="urn:stigcheck:fact:crypto:module:1"[^>]*>\)[^<]*<|\1{not json<|' "$TMPDIR/yes.xml" >"$TMPDIR/bad.xml"
grep -q '{not json<' "$TMPDIR/bad.xml" || fail "could not plant the broken fact"
run report --from "$TMPDIR/bad.xml" --cbom "$TMPDIR/bad.cbom.json" --json "$TMPDIR/bad.json"
expect_rc 1 "broken module fact"
expect_err_line "target fact urn:stigcheck:fact:crypto:module:1 is not a crypto module"
[ ! -e "$TMPDIR/bad.cbom.json" ] && [ ! -e "$TMPDIR/bad.json" ] || fail "a broken module fact left an output"
echo "ok: a broken module fact is one error line and no output"

# ---- a fips.so whose version string was edited to a certified one: the table's
# SHA-256 rejects it, and the CBOM gives it no certification level -------------------------
edited=$TMPDIR/edited
cp -a "$clean" "$edited"
python3 - "$edited/usr/lib/ossl-modules/fips.so" "$ver" <<'PY'
import sys
p, ver = sys.argv[1], sys.argv[2].encode()
b = bytearray(open(p, 'rb').read())
i = b.index(b'OpenSSL FIPS Provider\0')
j = b.index(ver + b'\0', i)
b[j:j + len(ver)] = b'3.1.2'.ljust(len(ver), b'\0')
open(p, 'wb').write(b)
PY
sed -e "s/versions: \"$ver\"/versions: \"3.1.2\"/" -e "s/^    level: \"1\"$/    level: \"1\"\n    sha256: \"$sha\"/" \
	"$TMPDIR/cmvp.yaml" >"$TMPDIR/cmvp-312.yaml"
grep -q "sha256: \"$sha\"" "$TMPDIR/cmvp-312.yaml" || fail "could not write the SHA-256 table"
run --rootfs "$edited" --profile $P --cmvp-table "$TMPDIR/cmvp-312.yaml" --cbom "$TMPDIR/edited.cbom.json" --results "$TMPDIR/edited.xml"
expect_scanned edited
[ "$(result_of "$TMPDIR/edited.xml" _rule_fips_module_certificate)" = fail ] || fail "edited: the certificate rule does not fail"
rule_messages "$TMPDIR/edited.xml" fips_module_certificate | grep -qF "is not a validated binary's" ||
	fail "edited: the evidence does not say the SHA-256 is not a validated binary's"
cbom_valid "$TMPDIR/edited.cbom.json"
[ "$(comp "$TMPDIR/edited.cbom.json" $f .version)" = '"3.1.2"' ] || fail "edited: CBOM version"
[ "$(comp "$TMPDIR/edited.cbom.json" $f '.hashes[0].content')" != "\"$sha\"" ] || fail "edited: the CBOM shows the validated digest"
[ "$(comp "$TMPDIR/edited.cbom.json" $f .cryptoProperties.algorithmProperties.certificationLevel)" = null ] ||
	fail "edited: a certification level for a module the certificate rule rejects"
[ -z "$(prop "$TMPDIR/edited.cbom.json" $f stigcheck:certificate)" ] || fail "edited: a certificate property"
[ "$(meta "$TMPDIR/edited.cbom.json" verdict)" = partial ] || fail "edited: CBOM verdict"
echo "ok: an edited fips.so is rejected by SHA-256, and the CBOM certifies nothing"
