# The whole stig profile on a clean FIPS Wolfi-like root: OVAL's Wolfi
# fixture (tests/fixtures/wolfi-root.sh fips) with the real FIPS provider
# and libcrypto built from Debian's OpenSSL source in place of its stand-ins.
# Every automated rule passes except the four this fixture genuinely cannot
# meet (docs/content.md, "What the clean FIPS fixture fails"): Debian's OpenSSL 3.0
# provider has no CMVP certificate and Debian's libcrypto has no jitter
# entropy source, which fails fips_module_certificate and
# fips_entropy_source and the two rules that include the certificate check.
. "$(dirname "$0")/lib.sh"
[ "$(id -u)" = 0 ] || skip "needs root to build the fixture with real ownership"
fx=$(cd "$(dirname "$0")/../fixtures" && pwd)
prov=$(sh "$fx/fips-provider.sh" --print-dir)
[ -f "$prov/fips.so" ] && [ -f "$prov/libcrypto.so.3" ] ||
	skip "no FIPS provider build in $prov: $(cat "$prov/FAILED" 2>/dev/null || echo 'run tests/fixtures/fips-provider.sh')"
root=$TMPDIR/wolfi
sh "$fx/wolfi-root.sh" "$root" fips >/dev/null
install -m 0755 "$prov/libcrypto.so.3" "$root/usr/lib/libcrypto.so.3"
install -m 0755 "$prov/fips.so" "$root/usr/lib/ossl-modules/fips.so"
openssl fipsinstall -module "$root/usr/lib/ossl-modules/fips.so" \
	-out "$root/etc/ssl/fipsmodule.cnf" >"$TMPDIR/fipsinstall.log" 2>&1 ||
	{ cat "$TMPDIR/fipsinstall.log"; fail "openssl fipsinstall"; }
chmod 0644 "$root/etc/ssl/fipsmodule.cnf"
envargs=$(sed 's/^/--env /' "$root.env")

# shellcheck disable=SC2086
run --rootfs "$root" $envargs --profile xccdf_org.stigcheck_profile_stig --results "$TMPDIR/r.xml"
expect_rc 2 "the fixture fails its five known rules"
validate_xccdf "$TMPDIR/r.xml"
bad=$(awk '$1 == "fail" || $1 == "error" { sub("xccdf_org.stigcheck_rule_", "", $3); print $3 ":" $1 }' "$TMPDIR/out" | sort | tr '\n' ' ')
want="fips_digital_signatures:fail fips_entropy_source:fail fips_module_authentication:fail fips_module_certificate:fail fips_nsa_approved_crypto:fail "
[ "$bad" = "$want" ] || fail "failing rules [$bad], expected [$want]"
grep -q 'no CMVP certificate in the table' "$TMPDIR/r.xml" || fail "certificate evidence"
grep -q 'has no jitter seed source' "$TMPDIR/r.xml" || fail "entropy evidence"
for r in fips_provider_activated fips_module_integrity fips_default_properties ca_bundle_integrity \
	accounts_no_usable_password system_libraries_protected package_sources_signed; do
	[ "$(result_of "$TMPDIR/r.xml" "_rule_$r")" = pass ] || fail "$r is not pass"
done
echo "stig on the FIPS Wolfi fixture: $(tail -n 1 "$TMPDIR/out")"
exit 0
