# MITRE SAF (`saf convert xccdf_results2hdf`, the Heimdall mapper) converts
# the XCCDF results of a native and of a Chainguard scan: one control per
# rule, the right status, and the rule-result's evidence kept in the HDF.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/outputs.sh"
npm_cached saf-1.5.3 "$SAF_PKG"
saf=$npm_dir/node_modules/.bin/saf
npm_cached smcm-1.6.7 "$SMCM_PKG"
mod=$npm_dir/node_modules/@nuwcdivnpt/stig-manager-client-modules
root=$TMPDIR/root
demo_root "$root"
cd "$TMPDIR" || fail "cd"		# saf writes saf-cli.log into the current directory
run --rootfs "$root" --profile xccdf_org.stigcheck_profile_stig --results native.xml
expect_rc 2 "native scan"
run --rootfs "$root" -q --profile xccdf_basic_profile_.check --results cg.xml "$CHAINGUARD_DS"
[ "$rc" = 0 ] || [ "$rc" = 2 ] || fail "chainguard scan: exit $rc"
for r in native cg; do
	"$saf" convert xccdf_results2hdf -i "$r.xml" -o "$r.hdf.json" >saf.out 2>&1 ||
		{ cat saf.out; fail "saf cannot convert $r.xml"; }
	node "$CONSUMERS" saf "$r.hdf.json" "$r.xml" "$mod" || fail "saf's HDF of $r.xml is wrong"
done
exit 0
