# Peak memory on big content: the RHEL 9 STIG data stream (22 MB,
# ssg-nondebian) over the RHEL 9 root of tests/fixtures/rhel-root.sh.
# The writers lend the content's trees to the documents they write instead
# of copying them (xccdf/graft.h): --results must cost almost nothing over
# the scan itself (a copy of the Benchmark cost 62 MiB), --results-arf no
# more than its OVAL results (a copy of the collection cost 200 MiB), and
# what they write still holds everything: every Rule and fix of the source
# in the XCCDF results, every component in the ARF.  Caps are generous
# (docs/performance.md has the numbers; `make bench` prints them next to
# oscap's); peak RSS comes from GNU time.
. "$(dirname "$0")/lib.sh"
DS=/usr/share/xml/scap/ssg/content/ssg-rhel9-ds.xml
P=xccdf_org.ssgproject.content_profile_stig
[ -f "$DS" ] || skip "ssg-nondebian is not installed (make deps)"
[ -x /usr/bin/time ] || skip "GNU time is not installed (make deps)"
[ "${VALGRIND:-0}" = 1 ] && skip "under valgrind: peak RSS would measure valgrind (t1310 runs the same content)"
grep -q __asan_init "$STIGCHECK" 2>/dev/null &&
	skip "under AddressSanitizer: peak RSS would measure its shadow memory and quarantine"
root=$(sh "$(dirname "$0")/../fixtures/rhel-root.sh") || skip "no RHEL 9 root (rpmbuild missing, or no Debian 12 root)"

peak() {	# LABEL ARGS...: $kib = peak RSS of the scan
	label=$1; shift
	set +e
	/usr/bin/time -f '%M' -o "$TMPDIR/$label.rss" "$STIGCHECK" --rootfs "$root" \
	    --profile "$P" "$@" -q "$DS" >"$TMPDIR/$label.out" 2>"$TMPDIR/$label.err"
	rc=$?
	set -e
	[ "$rc" = 2 ] || { cat "$TMPDIR/$label.err"; fail "$label: exit $rc, expected 2 (rules fail)"; }
	kib=$(tail -n1 "$TMPDIR/$label.rss")
	echo "    $label: peak RSS $((kib / 1024)) MiB"
}
peak none; none=$kib
peak results --results "$TMPDIR/r.xml"; res=$kib
peak arf --results-arf "$TMPDIR/a.xml"; arf=$kib

[ "$none" -le $((192 * 1024)) ] || fail "the scan alone peaks at $((none / 1024)) MiB (cap 192 MiB; 137 MiB when written)"
[ "$res" -le $((none + 24 * 1024)) ] || fail "--results adds $(((res - none) / 1024)) MiB (cap 24 MiB; a copy of the Benchmark adds 62)"
[ "$arf" -le $((none + 96 * 1024)) ] || fail "--results-arf adds $(((arf - none) / 1024)) MiB (cap 96 MiB; copies of the collection add 200)"

# nothing was dropped to get there
src_rules=$(xmllint --xpath "count(//*[local-name()='Benchmark']//*[local-name()='Rule'])" "$DS")
src_fix=$(xmllint --xpath "count(//*[local-name()='Benchmark']//*[local-name()='fix'])" "$DS")
[ "$(xmllint --xpath "count(/*[local-name()='Benchmark']//*[local-name()='Rule'])" "$TMPDIR/r.xml")" = "$src_rules" ] ||
	fail "the XCCDF results do not hold the $src_rules Rules of the source"
[ "$(xmllint --xpath "count(/*[local-name()='Benchmark']//*[local-name()='fix'])" "$TMPDIR/r.xml")" = "$src_fix" ] ||
	fail "the XCCDF results do not hold the $src_fix fixes of the source"
[ "$(xmllint --xpath "count(/*[local-name()='Benchmark']/*[local-name()='TestResult'])" "$TMPDIR/r.xml")" = 1 ] ||
	fail "the XCCDF results do not hold one TestResult"
comps=$(xmllint --xpath "count(/*/*[local-name()='component'])" "$DS")
[ "$(xmllint --xpath "count(//*[local-name()='report-request']//*[local-name()='data-stream-collection']/*[local-name()='component'])" "$TMPDIR/a.xml")" = "$comps" ] ||
	fail "the ARF does not embed the $comps components of the data stream"
[ "$(xmllint --xpath "count(//*[local-name()='report']/*[local-name()='content']/*[local-name()='oval_results'])" "$TMPDIR/a.xml")" -ge 1 ] ||
	fail "the ARF holds no OVAL results"
exit 0
