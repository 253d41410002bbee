# A real Debian 12 root (debootstrap --variant=minbase, built once and
# cached outside the clone by tests/fixtures/debian-root.sh) scans with no
# error result: every rule of the built-in benchmark and of the Chainguard
# data stream is decided (pass, fail, notapplicable, notchecked), with
# evidence.
. "$(dirname "$0")/lib.sh"
[ "$(id -u)" = 0 ] || skip "needs root to build the debootstrap root"
root=$(sh "$(dirname "$0")/../fixtures/debian-root.sh") || fail "cannot build the Debian root"
[ -f "$root/etc/debian_version" ] || fail "$root is not a Debian root"

run --rootfs "$root" --results "$TMPDIR/native.xml"
expect_scanned "native benchmark on Debian"
validate_xccdf "$TMPDIR/native.xml"
errors=$(grep '^error' "$TMPDIR/out" || true)
[ -z "$errors" ] || fail "error results on the Debian root: $errors"
n=$(xmllint --xpath "count(//*[local-name()='rule-result'])" "$TMPDIR/native.xml")
nomsg=$(xmllint --xpath "count(//*[local-name()='rule-result'][not(*[local-name()='message'])][*[local-name()='result']!='notselected'])" "$TMPDIR/native.xml")
[ "$nomsg" = 0 ] || fail "$nomsg rule-results without evidence"
# what a Debian minbase root is known to fail, for the record
grep '^fail' "$TMPDIR/out" | awk '{ print "  " $3 }'
echo "native: $n rules, $(tail -n 1 "$TMPDIR/out")"
# the dpkg database was read
grep -q '/var/lib/dpkg/status (dpkg, [0-9]* packages)' "$TMPDIR/native.xml" || fail "dpkg database not read"

run --rootfs "$root" --profile xccdf_basic_profile_.check --results "$TMPDIR/cg.xml" "$CHAINGUARD_DS"
expect_scanned "Chainguard data stream on Debian"
errors=$(grep '^error' "$TMPDIR/out" || true)
[ -z "$errors" ] || fail "error results from the Chainguard data stream: $errors"
echo "chainguard: $(tail -n 1 "$TMPDIR/out")"
exit 0
