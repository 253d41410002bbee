# STIG Manager's parsers (@nuwcdivnpt/stig-manager-client-modules:
# reviewsFromXccdf, reviewsFromCkl, reviewsFromCklb) read the XCCDF results,
# the CKL and the CKLB of a native scan and of a Chainguard data stream
# scan, and give every rule the status stigcheck decided (checked against
# an independent mapping in consumers.mjs), with the evidence as detail.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/outputs.sh"
npm_cached smcm-1.6.7 "$SMCM_PKG"
mod=$npm_dir/node_modules/@nuwcdivnpt/stig-manager-client-modules
root=$TMPDIR/root
demo_root "$root"
out=$TMPDIR/o
mkdir -p "$out"
check() {
	node "$CONSUMERS" stig-manager "$mod" "$out/$1.xml" "$out/$1.ckl" "$out/$1.cklb" ||
		fail "STIG Manager does not read the $1 outputs right"
}
run --rootfs "$root" --profile xccdf_org.stigcheck_profile_stig \
	--results "$out/native.xml" --ckl "$out/native.ckl" --cklb "$out/native.cklb"
expect_rc 2 "native scan"
check native
run --rootfs "$root" -q --profile xccdf_basic_profile_.check --results "$out/cg.xml" \
	--ckl "$out/cg.ckl" --cklb "$out/cg.cklb" "$CHAINGUARD_DS"
[ "$rc" = 0 ] || [ "$rc" = 2 ] || fail "chainguard scan: exit $rc"
check cg
exit 0
