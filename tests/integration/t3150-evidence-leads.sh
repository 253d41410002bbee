# Evidence leads with the reason (issue 15 item 3), on the demo root with
# the native benchmark and with Chainguard's data stream: every
# rule-result that has a message starts with one line naming the verdict
# in words ("Finding:", "Pass:", "Not applicable:", "Manual review:",
# "Error, ..."), never with a "does not exist" line; many absent paths are
# collapsed into one counted line; notchecked results carry the review
# procedure, notapplicable ones the rationale once; <message severity>
# follows the result (never "error" on notchecked).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/outputs.sh"
root=$TMPDIR/root
demo_root "$root"
# a PATH directory, as every real root has: the rules that look for
# daemons search it (without any they are notchecked, t4850)
mkdir -p "$root/usr/bin"
run --rootfs "$root" --profile xccdf_org.stigcheck_profile_stig -q --results "$TMPDIR/native.xml"
expect_rc 2 "the demo root has findings"
run --rootfs "$root" --profile xccdf_basic_profile_.check -q --results "$TMPDIR/cg.xml" "$CHAINGUARD_DS"
expect_scanned "Chainguard data stream"

# rr.tsv: idref, result, severity, the message's first line, its line
# count, and its lines counted by kind (xsltproc, as assessors' tools read it)
cat >"$TMPDIR/rr.xsl" <<'XSL'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:x="http://checklists.nist.gov/xccdf/1.2">
<xsl:output method="text"/>
<xsl:template match="/">
  <xsl:for-each select="//x:TestResult/x:rule-result[x:message]">
    <xsl:variable name="m" select="string(x:message)"/>
    <xsl:variable name="first" select="substring-before(concat($m, '&#10;'), '&#10;')"/>
    <xsl:value-of select="concat(@idref, '&#9;', x:result, '&#9;', x:message/@severity, '&#9;', $first, '&#10;')"/>
  </xsl:for-each>
</xsl:template>
</xsl:stylesheet>
XSL
for f in native cg; do
	xsltproc "$TMPDIR/rr.xsl" "$TMPDIR/$f.xml" >"$TMPDIR/$f.tsv" || fail "$f: xsltproc"
	n=$(wc -l <"$TMPDIR/$f.tsv")
	[ "$n" -gt 100 ] || fail "$f: only $n rule-results with a message"
	# every first line names the verdict
	bad=$(awk -F'\t' '$4 !~ /^(Pass|Finding|Not applicable|Manual review|Error, the rule could not be decided|Unknown|informational|fixed)(:| \()/' "$TMPDIR/$f.tsv")
	[ -z "$bad" ] || { echo "$bad" | head -5; fail "$f: a message does not start with the verdict's reason"; }
	bad=$(awk -F'\t' '$4 ~ /does not exist/ && ($2 == "notchecked" || $2 == "notapplicable")' "$TMPDIR/$f.tsv")
	[ -z "$bad" ] || { echo "$bad" | head -5; fail "$f: a notchecked/notapplicable message starts with a 'does not exist' line"; }
	# the verdict word agrees with the result
	bad=$(awk -F'\t' '($2 == "fail" && $4 !~ /^Finding/) || ($2 == "pass" && $4 !~ /^Pass/) || ($2 == "notapplicable" && $4 !~ /^Not applicable/) || ($2 == "notchecked" && $4 !~ /^Manual review/)' "$TMPDIR/$f.tsv")
	[ -z "$bad" ] || { echo "$bad" | head -5; fail "$f: the first line contradicts the result"; }
	# severity follows the result
	bad=$(awk -F'\t' '($2 == "error" && $3 != "error") || ($2 == "fail" && $3 != "warning") || ($2 != "error" && $2 != "fail" && $2 != "unknown" && $3 != "info")' "$TMPDIR/$f.tsv")
	[ -z "$bad" ] || { echo "$bad" | head -5; fail "$f: message severity does not follow the result"; }
done

msg() { xmllint --xpath "string(//*[local-name()='rule-result'][@idref='xccdf_org.stigcheck_rule_$1']/*[local-name()='message'])" "$TMPDIR/native.xml"; }
# a rule that needs review because the image offers a logon: the reason
# names the account line; the 33 absent paths are one counted line; the
# review procedure follows
m=$(msg temporary_accounts_expire)
echo "$m" | head -1 | grep -q '^Manual review: the target has what this requirement covers (/etc/shadow: account with an empty or usable password: 1 found)' || { echo "$m" | head -3; fail "temporary_accounts_expire: reason"; }
echo "$m" | grep -Eq '^[0-9]+ paths looked for, none present: /etc/nsswitch.conf /usr/sbin/sshd ' || fail "temporary_accounts_expire: absent paths not collapsed"
! echo "$m" | grep -q 'does not exist$' || fail "temporary_accounts_expire: 'does not exist' lines left"
[ "$(echo "$m" | grep -c '^Review procedure: ')" = 1 ] || fail "temporary_accounts_expire: no review procedure"
# the absent count is the number of paths listed
echo "$m" | awk '/paths looked for, none present:/ { n = $1; sub(/.*none present: /, ""); if (split($0, a, " ") != n) exit 1 }' || fail "path count differs from the paths listed"
# notapplicable by platform: the reason, then the rationale once
m=$(msg account_management_automation)
echo "$m" | head -1 | grep -q '^Not applicable: the requirement is met outside the container' || fail "account_management_automation: reason"
[ "$(echo "$m" | grep -c '^Rationale: ')" = 1 ] || fail "account_management_automation: rationale not once"
# notapplicable by the checks' outcome: rationale once, absent paths counted
m=$(msg remote_access_monitored)
echo "$m" | head -1 | grep -q '^Not applicable: the target has nothing this requirement covers' || fail "remote_access_monitored: reason"
echo "$m" | grep -q '^32 paths looked for, none present' || fail "remote_access_monitored: 32 remote-access paths not counted"
[ "$(echo "$m" | grep -c '^Rationale: ')" = 1 ] || fail "remote_access_monitored: rationale not once"
# a finding leads with what was found
m=$(msg accounts_no_usable_password)
echo "$m" | head -1 | grep -q '^Finding: /etc/shadow: account with an empty or usable password: 1 found' || fail "accounts_no_usable_password: reason"
# manual rules: the procedure
m=$(msg private_keys_access_restricted)
echo "$m" | sed -n 2p | grep -q '^Review procedure: In the image' || fail "private_keys_access_restricted: procedure"
# Chainguard: notapplicable by platform (cpe:/o:notapplicable) says so
grep -q "	notapplicable	info	Not applicable: the requirement is met outside the container, by the host, the runtime or the orchestrator (the rule's platform cpe:/o:notapplicable" "$TMPDIR/cg.tsv" || fail "Chainguard: platform reason"
echo "ok: $(wc -l <"$TMPDIR/native.tsv") native and $(wc -l <"$TMPDIR/cg.tsv") Chainguard messages lead with the reason"
