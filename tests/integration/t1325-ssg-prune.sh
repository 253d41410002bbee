#!/bin/sh
# Content loaded without what a scan does not read (xccdf/prune.h): on
# the RHEL 9 STIG data stream (22 MB) over the RHEL 9 root, and on the
# Debian 11 one over its root, the XCCDF results and the ARF written from
# the pruned tree are byte for byte those of the whole tree
# (STIGCHECK_NO_PRUNE=1) but for timestamps, and the scan alone peaks
# well under what the whole tree takes (137 MiB when written; about 83
# pruned).  docs/performance.md has the numbers.
. "$(dirname "$0")/lib.sh"
P=xccdf_org.ssgproject.content_profile_stig
SSG=/usr/share/xml/scap/ssg/content
[ -f "$SSG/ssg-rhel9-ds.xml" ] || skip "ssg-nondebian is not installed (make deps)"
[ -x /usr/bin/time ] || skip "GNU time is not installed (make deps)"
rhel=$(sh "$(dirname "$0")/../fixtures/rhel-root.sh") || skip "no RHEL 9 root (rpmbuild missing, or no Debian 12 root)"

untimed() {	# the run's timestamps, which differ between runs
	sed -E 's/(start-time|end-time|time|timestamp)="[^"]*"/\1="T"/g;
	    s/>20[0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9:.+Z-]*</>T</g' "$1"
}

both() {	# LABEL ROOT DS PROFILE: whole and pruned give the same outputs
	label=$1 root=$2 ds=$3 prof=$4
	for m in 0 1; do
		set +e
		STIGCHECK_NO_PRUNE=$m /usr/bin/time -f '%M' -o "$TMPDIR/$label-$m.rss" \
		    "$STIGCHECK" --rootfs "$root" --profile "$prof" -q \
		    --results "$TMPDIR/$label-$m.xml" --results-arf "$TMPDIR/$label-arf-$m.xml" \
		    "$ds" >/dev/null 2>"$TMPDIR/$label-$m.err"
		rc=$?
		set -e
		case $rc in 0|2) ;; *) cat "$TMPDIR/$label-$m.err"; fail "$label: exit $rc" ;; esac
	done
	for f in "$label" "$label-arf"; do
		untimed "$TMPDIR/$f-0.xml" >"$TMPDIR/$f-0.n"
		untimed "$TMPDIR/$f-1.xml" >"$TMPDIR/$f-1.n"
		cmp -s "$TMPDIR/$f-0.n" "$TMPDIR/$f-1.n" ||
			{ diff "$TMPDIR/$f-0.n" "$TMPDIR/$f-1.n" | head -20; fail "$f: the pruned load writes other bytes than the whole tree"; }
		grep -q SCPRUNE "$TMPDIR/$f-0.xml" && fail "$f: a placeholder reached the output"
	done
	echo "    $label: XCCDF results and ARF identical; peak RSS with both written: pruned $(($(tail -n1 "$TMPDIR/$label-0.rss") / 1024)) MiB, whole $(($(tail -n1 "$TMPDIR/$label-1.rss") / 1024)) MiB"
}

both rhel9 "$rhel" "$SSG/ssg-rhel9-ds.xml" "$P"
deb=$(sh "$(dirname "$0")/../fixtures/debian-suite-root.sh" bullseye 2>/dev/null) && [ -f "$SSG/ssg-debian11-ds.xml" ] &&
	both debian11 "$deb" "$SSG/ssg-debian11-ds.xml" xccdf_org.ssgproject.content_profile_anssi_np_nt28_high

[ "${VALGRIND:-0}" = 1 ] && exit 0	# peak RSS would measure valgrind
grep -q __asan_init "$STIGCHECK" 2>/dev/null && exit 0	# and ASan's shadow
set +e
/usr/bin/time -f '%M' -o "$TMPDIR/none.rss" "$STIGCHECK" --rootfs "$rhel" \
    --profile "$P" -q "$SSG/ssg-rhel9-ds.xml" >/dev/null 2>&1
set -e
kib=$(tail -n1 "$TMPDIR/none.rss")
echo "    rhel9 scan alone: peak RSS $((kib / 1024)) MiB"
[ "$kib" -le $((100 * 1024)) ] || fail "the scan alone peaks at $((kib / 1024)) MiB (cap 100; 83 when written, 137 before pruning)"
exit 0
