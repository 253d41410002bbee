# `stigcheck report` reads what OpenSCAP writes: `oscap xccdf eval`
# --results and --results-arf of the native benchmark (whose check systems
# oscap does not know, so it evaluates nothing on this host) re-render into
# valid checklists, HTML and ARF.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/outputs.sh"
command -v oscap >/dev/null 2>&1 || skip "oscap is not installed"
cd "$TMPDIR" || fail "cd"
oscap xccdf eval --profile xccdf_org.stigcheck_profile_stig --results-arf oscap-arf.xml \
	--results oscap-results.xml "$BUILD/gen/stigcheck-gpos-xccdf.xml" >oscap.out 2>&1 ||
	{ tail oscap.out; fail "oscap xccdf eval failed"; }
for f in oscap-arf.xml oscap-results.xml; do
	mkdir -p "o-$f"
	run report --from "$f" -q $(all_outputs "o-$f")
	expect_rc 0 "report --from $f"
	# oscap knows none of our check systems: every selected rule is
	# notchecked, or notapplicable where its platform says so
	grep -Eq '^pass 0, fail 0, error 0, notapplicable [0-9]+, notchecked [0-9]+; score' "$TMPDIR/out" || { cat "$TMPDIR/out"; fail "$f: console"; }
	validate_xccdf "o-$f/results.xml"
	if [ $f = oscap-arf.xml ] && ! xmllint --noout --schema "$ARF_DEEP_XSD" $f 2>/dev/null; then
		# OpenSCAP 1.3.7 wraps a benchmark in a data stream without the
		# ds:checks SDS requires; the ARF carries that data stream as it
		# was evaluated, so only the envelope and the TestResult are ours
		xmllint --noout --schema "$ARF_XSD" "o-$f/arf.xml" 2>/dev/null || fail "$f: ARF"
		# (the TestResult declares its namespace itself)
		xmllint --xpath "//*[local-name()='TestResult']" "o-$f/arf.xml" >tr.xml
		xmllint --noout --schema "$XCCDF_XSD" tr.xml 2>/dev/null || fail "$f: TestResult"
		oscap ds rds-validate "o-$f/arf.xml" >/dev/null 2>&1 || fail "$f: rds-validate"
	else
		validate_arf "o-$f/arf.xml"
	fi
	validate_ckl "o-$f/checklist.ckl"
	validate_cklb "o-$f/checklist.cklb"
	# nothing evaluated: every requirement is Not_Reviewed, or
	# Not_Applicable where all its rules are (by platform)
	[ "$(xcount "o-$f/checklist.ckl" "//VULN[STATUS='Not_Reviewed' or STATUS='Not_Applicable']")" = 203 ] || fail "$f: statuses"
	[ "$(xcount "o-$f/checklist.ckl" "//VULN[STATUS='Not_Applicable']")" -gt 0 ] || fail "$f: no Not_Applicable"
	[ "$(xcount "o-$f/checklist.ckl" "//VULN[STATUS='Not_Reviewed']")" -gt 0 ] || fail "$f: no Not_Reviewed"
	# the HTML shows the same notchecked count as the console
	nc=$(sed -n 's/.*notchecked \([0-9]*\);.*/\1/p' "$TMPDIR/out")
	grep -q "id=\"n-notchecked\">$nc<" "o-$f/report.html" || fail "$f: HTML counts (expected $nc notchecked)"
	# the target OpenSCAP recorded (this host's name: oscap scanned "/")
	[ "$(xmllint --xpath "string(//ASSET/HOST_NAME)" "o-$f/checklist.ckl")" = \
	  "$(xmllint --xpath "string(//*[local-name()='TestResult']/*[local-name()='target'])" "$f")" ] || fail "$f: host name"
done
exit 0
