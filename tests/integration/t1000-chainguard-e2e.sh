# The Chainguard GPOS STIG data stream, run natively on wolfi-root
# fixtures: Chainguard's six end-to-end expectations
# (chainguard-dev/stigs tests/e2e/fixtures/*/expected.txt), the evidence
# each OVAL rule carries, the SCE (ASLR) rules left notchecked, no password
# hash in any output, and valid XCCDF results.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/oval-lib.sh"
[ "$(id -u)" = 0 ] || skip "needs root to build root-owned fixtures"

# expect FILE RULE RESULT
expect() {
	got=$(result_of "$1" "$2")
	[ "$got" = "$3" ] || fail "$(basename "$1"): $2 is '$got', expected $3"
}
# message FILE RULE TEXT: a <message> of the rule contains TEXT
message() {
	xmllint --xpath "//*[local-name()='rule-result'][contains(@idref,'$2')]/*[local-name()='message']/text()" "$1" 2>/dev/null |
		grep -qF -- "$3" || { xmllint --xpath "//*[local-name()='rule-result'][contains(@idref,'$2')]" "$1"; fail "$(basename "$1"): $2 lacks message '$3'"; }
}

APK_HTTPS=SV-203720r982212_rule
CA_BUNDLE=SV-263659r982563_rule
NO_PASSWORDS=SV-203629r982199_rule
REMOTE=SV-263652r982557_rule
LIBPERMS=SV-203675r991560_rule
VARLOG=SV-203616r958434_rule
FIPS=SV-203739r987791_rule

# baseline-clean: wolfi-base passes the three
fixture clean base baseline-clean
sc_scan "$TMPDIR/fx/clean" "$TMPDIR/clean.xml"
validate_xccdf "$TMPDIR/clean.xml"
expect "$TMPDIR/clean.xml" $APK_HTTPS pass
expect "$TMPDIR/clean.xml" $CA_BUNDLE pass
expect "$TMPDIR/clean.xml" $NO_PASSWORDS pass
# ... and fails the FIPS rules (not a FIPS image), saying which tests failed
expect "$TMPDIR/clean.xml" $FIPS fail
message "$TMPDIR/clean.xml" $FIPS "openssl-provider-fips package is installed (oval:org.OpenSsl:tst:4): no line of /usr/lib/apk/db/installed matches"
message "$TMPDIR/clean.xml" $CA_BUNDLE "SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt in the target's environment"
message "$TMPDIR/clean.xml" $CA_BUNDLE "/etc/ssl/certs/ca-certificates.crt: SHA-256 "
message "$TMPDIR/clean.xml" $VARLOG "/var/log owned by uid 0 (root), group gid 0 (root)"
# the ASLR script is never run
for r in SV-203753r958928_rule SV-203754r958928_rule; do
	expect "$TMPDIR/clean.xml" $r notchecked
	message "$TMPDIR/clean.xml" $r "stigcheck never runs programs against a target"
done
# the scan's exit status: a fail means 2
[ "$rc" = 2 ] || fail "exit $rc with failing FIPS rules"

# cabundle-tampered
fixture tampered base cabundle-tampered
sc_scan "$TMPDIR/fx/tampered" "$TMPDIR/tampered.xml"
expect "$TMPDIR/tampered.xml" $CA_BUNDLE fail
message "$TMPDIR/tampered.xml" $CA_BUNDLE "does not satisfy hash case insensitive equals"

# non-https-repo
fixture http base non-https-repo
sc_scan "$TMPDIR/fx/http" "$TMPDIR/http.xml"
expect "$TMPDIR/http.xml" $APK_HTTPS fail
message "$TMPDIR/http.xml" $APK_HTTPS "/etc/apk/repositories:2: http://dl-cdn.alpinelinux.org/alpine/edge/main"

# remote-access-violation: dropbear installed
fixture remote base remote-access-violation
sc_scan "$TMPDIR/fx/remote" "$TMPDIR/remote.xml"
expect "$TMPDIR/remote.xml" $REMOTE fail
message "$TMPDIR/remote.xml" $REMOTE "/usr/lib/apk/db/installed:"
message "$TMPDIR/remote.xml" $REMOTE ": package dropbear 2024.86-r1 installed (P:dropbear)"
expect "$TMPDIR/clean.xml" $REMOTE pass

# shadow-active-password: fails, and the hash is never shown
fixture shadow base shadow-active-password
sc_scan "$TMPDIR/fx/shadow" "$TMPDIR/shadow.xml" -v
expect "$TMPDIR/shadow.xml" $NO_PASSWORDS fail
expect "$TMPDIR/shadow.xml" SV-203591r958362_rule fail
message "$TMPDIR/shadow.xml" $NO_PASSWORDS "/etc/shadow:4: compliance-test:[redacted]:19000:0:99999:7:::"
grep -q 'ZZx/p0vU8jVbA' "$TMPDIR/shadow.xml" "$TMPDIR/out" && fail "password hash leaked"

# cabundle-kaniko: SSL_CERT_FILE names the /kaniko copy
fixture kaniko base cabundle-kaniko
grep -q '^SSL_CERT_FILE=/kaniko/ssl/certs/ca-certificates.crt$' "$TMPDIR/fx/kaniko.env" || fail "kaniko env"
sc_scan "$TMPDIR/fx/kaniko" "$TMPDIR/kaniko.xml"
expect "$TMPDIR/kaniko.xml" $CA_BUNDLE pass
message "$TMPDIR/kaniko.xml" $CA_BUNDLE "SSL_CERT_FILE=/kaniko/ssl/certs/ca-certificates.crt in the target's environment"

# evidence of recursive checks: the file that decided it, deep under /usr/lib
fixture usrlib base usrlib-user-file varlog-user
sc_scan "$TMPDIR/fx/usrlib" "$TMPDIR/usrlib.xml"
expect "$TMPDIR/usrlib.xml" $LIBPERMS fail
message "$TMPDIR/usrlib.xml" $LIBPERMS "/usr/lib/x86_64/deep/a/b/libuser.so.1 owned by uid 1000 (not in the target's /etc/passwd)"
message "$TMPDIR/usrlib.xml" $LIBPERMS "does not satisfy group_id equals 0; user_id equals 0"
expect "$TMPDIR/usrlib.xml" $VARLOG fail
message "$TMPDIR/usrlib.xml" $VARLOG "/var/log owned by uid 1000"

# the environment comes from --env, never from the scanner's own
fixture noenv base no-ssl-cert-file
export SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
sc_scan "$TMPDIR/fx/noenv" "$TMPDIR/noenv.xml"
unset SSL_CERT_FILE
expect "$TMPDIR/noenv.xml" $CA_BUNDLE fail
message "$TMPDIR/noenv.xml" $CA_BUNDLE "no variable SSL_CERT_FILE is set in the target's environment"

# a FIPS image configured the way the STIG checks it passes all five
fixture fips fips fips-relative-include ssh-client-fips
sc_scan "$TMPDIR/fx/fips" "$TMPDIR/fips.xml"
for r in SV-203649r971535_rule SV-203739r987791_rule SV-203750r958912_rule \
	SV-203751r958914_rule SV-203776r959006_rule; do
	expect "$TMPDIR/fips.xml" $r pass
done
message "$TMPDIR/fips.xml" $FIPS "/etc/ssl/fipsmodule.cnf (regular, mode 0644) owned by uid 0 (root)"
validate_xccdf "$TMPDIR/fips.xml"
exit 0
