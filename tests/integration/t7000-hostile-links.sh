#!/bin/sh
# t7000 (issue 13.3): verdicts no stronger than their evidence.
#  - /etc/shadow as a symbolic link pointing outside the target fails the
#    shadow permission rule, with evidence naming the link, its text and
#    what it resolves to; the regular file passes (the fixture's clean
#    state); /etc/passwd linked to a file inside fails too;
#  - telnet in /usr/local/bin with no package database fails the CAT I
#    cleartext-tools rule; without it the rule passes; a busybox-style
#    link to an executable counts;
#  - no output of these scans contains a crypt hash.
. "$(dirname "$0")/lib.sh"
[ "$(id -u)" = 0 ] || skip "needs root to create root-owned fixture files"
root=$TMPDIR/root
sh "$(dirname "$0")/../fixtures/basic-root.sh" "$root"
rm -rf "$root/lib/apk" "$root/var/lib/dpkg" "$root/var/lib/rpm" "$root/usr/lib/apk"
mkdir -p "$root/bin" "$root/usr/bin" "$root/usr/sbin"

rule_msgs() {	# FILE RULE: the messages of a rule-result
	xmllint --xpath "//*[local-name()='rule-result'][contains(@idref,'$2')]/*[local-name()='message']/text()" "$1" 2>/dev/null
}
no_hash() {	# files...: no crypt hash anywhere
	if grep -E -l '\$(1|2[abxy]?|5|6|y|gy|7)\$[./0-9A-Za-z]' "$@"; then
		fail "a crypt hash is in the output"
	fi
}

# passing fixtures: the clean root
run --rootfs "$root" --results "$TMPDIR/clean.xml" --report "$TMPDIR/clean.html" -v
expect_scanned "clean root"
[ "$(result_of "$TMPDIR/clean.xml" _rule_etc_shadow_permissions)" = pass ] || fail "shadow rule not pass on the clean root"
[ "$(result_of "$TMPDIR/clean.xml" _rule_cleartext_login_tools_absent)" = pass ] || fail "cleartext rule not pass on the clean root"

# failing: the shadow file is a link out of the root; passwd a link inside
echo 'root:$6$hostsalt$HOSTHASHmustNEVERshow:19000::::::' >"$TMPDIR/outside-shadow"
chmod 0600 "$TMPDIR/outside-shadow"
mv "$root/etc/shadow" "$root/etc/shadow.real"
ln -s ../../../../../../../../../../..$TMPDIR/outside-shadow "$root/etc/shadow"
mv "$root/etc/passwd" "$root/etc/passwd.real"
ln -s passwd.real "$root/etc/passwd"
# a clear-text tool on the PATH, and no package database
mkdir -p "$root/usr/local/bin"
printf '#!/bin/sh\n' >"$root/usr/local/bin/telnet"
chmod 0755 "$root/usr/local/bin/telnet"
run --rootfs "$root" --results "$TMPDIR/r.xml" --results-arf "$TMPDIR/r.arf" \
	--report "$TMPDIR/r.html" --ckl "$TMPDIR/r.ckl" --cklb "$TMPDIR/r.cklb" -v
expect_rc 2 "links and telnet"
validate_xccdf "$TMPDIR/r.xml"
[ "$(result_of "$TMPDIR/r.xml" _rule_etc_shadow_permissions)" = fail ] || fail "shadow link does not fail the shadow rule"
m=$(rule_msgs "$TMPDIR/r.xml" etc_shadow_permissions)
echo "$m" | grep -q "/etc/shadow is a symbolic link to '" || fail "evidence does not name the link: $m"
echo "$m" | grep -q "climbs out of the target root" || fail "evidence does not say the link climbs out: $m"
echo "$m" | grep -q "resolves to nothing" || fail "evidence does not say what it resolves to: $m"
[ "$(result_of "$TMPDIR/r.xml" _rule_etc_passwd_permissions)" = fail ] || fail "passwd link does not fail the passwd rule"
rule_msgs "$TMPDIR/r.xml" etc_passwd_permissions | grep -q "resolves to a regular file" || fail "passwd evidence"
[ "$(result_of "$TMPDIR/r.xml" _rule_cleartext_login_tools_absent)" = fail ] || fail "telnet on PATH without a package database does not fail"
rule_msgs "$TMPDIR/r.xml" cleartext_login_tools_absent | grep -q "/usr/local/bin/telnet: telnet is on the PATH" || fail "telnet evidence"
no_hash "$TMPDIR/r.xml" "$TMPDIR/r.arf" "$TMPDIR/r.html" "$TMPDIR/r.ckl" "$TMPDIR/r.cklb" "$TMPDIR/out" "$TMPDIR/err"
grep -q HOSTHASH "$TMPDIR/r.xml" "$TMPDIR/r.arf" "$TMPDIR/out" && fail "the host file was read"

# a busybox-style applet link counts; a non-executable file does not
rm "$root/usr/local/bin/telnet"
printf 'not a program\n' >"$root/usr/bin/ftp"
chmod 0644 "$root/usr/bin/ftp"
printf '#!/bin/sh\n' >"$root/bin/busybox"
chmod 0755 "$root/bin/busybox"
ln -s /bin/busybox "$root/usr/sbin/tftp"
run --rootfs "$root" --results "$TMPDIR/b.xml"
expect_rc 2 "busybox tftp"
[ "$(result_of "$TMPDIR/b.xml" _rule_cleartext_login_tools_absent)" = fail ] || fail "busybox tftp link does not fail"
rule_msgs "$TMPDIR/b.xml" cleartext_login_tools_absent | grep -q "/usr/bin/ftp" && fail "a non-executable ftp file counted"
exit 0
