# CPE applicability with the SCAP Security Guide's own data streams
# (Debian's ssg-* packages), unmodified, on debootstrap roots:
#  - Debian 11 content on a Debian 12 root: the Benchmark's platform
#    cpe:/o:debian:debian_linux:11 is false (its OVAL inventory definition
#    reads /etc/debian_version), so every rule is notapplicable, each
#    message names the platform, and stderr says all rules were
#    notapplicable and why (exit 0: nothing failed);
#  - the same content on a Debian 11 root: the platform holds, rules are
#    decided, and rules gated on cpe-lang platforms (#audit: package audit
#    installed, read from the target's dpkg database) are notapplicable
#    with the platform named;
#  - a platform that cannot be evaluated (a #id the Benchmark does not
#    define; a CPE name missing from the dictionary) makes the rule error
#    with the reason, never a silent notapplicable.
. "$(dirname "$0")/lib.sh"
SSG=/usr/share/xml/scap/ssg/content
D11="$SSG/ssg-debian11-ds.xml"
[ -f "$D11" ] || skip "ssg-debian is not installed (make deps)"
FX="$(dirname "$0")/../fixtures"
bookworm=$(sh "$FX/debian-root.sh") || skip "no Debian 12 root (debootstrap needs root and the mirror)"
bullseye=$(sh "$FX/debian-suite-root.sh" bullseye) || skip "no Debian 11 root (debootstrap needs root and the mirror)"
P=xccdf_org.ssgproject.content_profile_
count() { xmllint --xpath "count(//*[local-name()='rule-result'][*[local-name()='result']='$2'])" "$1"; }

# 1. wrong platform: all notapplicable, each says which platform, stderr says so
run --rootfs "$bookworm" --profile "${P}standard" --results "$TMPDIR/na.xml" "$D11"
expect_rc 0 "Debian 11 content on Debian 12"
expect_err_line "every selected rule is notapplicable: platform cpe:/o:debian:debian_linux:11 (Debian Linux 11): OVAL definition oval:ssg-installed_OS_is_debian11:def:1 is false"
[ "$(count "$TMPDIR/na.xml" notapplicable)" = 44 ] || fail "$(count "$TMPDIR/na.xml" notapplicable) notapplicable, expected the 44 rules of the profile"
unnamed=$(xmllint --xpath "count(//*[local-name()='rule-result'][*[local-name()='result']='notapplicable'][not(*[local-name()='message'][contains(., 'cpe:/o:debian:debian_linux:11')])])" "$TMPDIR/na.xml")
[ "$unnamed" = 0 ] || fail "$unnamed notapplicable results do not name the platform"
validate_xccdf "$TMPDIR/na.xml"

# 2. the right platform: rules decided; package platforms from the target's dpkg
run --rootfs "$bullseye" --profile "${P}anssi_np_nt28_high" --results "$TMPDIR/ok.xml" "$D11"
expect_scanned "Debian 11 content on Debian 11"
grep -q "every selected rule is notapplicable" "$TMPDIR/err" && fail "warning on an applicable scan"
decided=$(( $(count "$TMPDIR/ok.xml" pass) + $(count "$TMPDIR/ok.xml" fail) ))
[ "$decided" -ge 30 ] || fail "only $decided rules decided"
# auditd is not in a minbase root: #audit is false, and says so
[ "$(result_of "$TMPDIR/ok.xml" _rule_service_auditd_enabled)" = notapplicable ] || fail "service_auditd_enabled: $(result_of "$TMPDIR/ok.xml" _rule_service_auditd_enabled)"
xmllint --xpath "//*[local-name()='rule-result'][@idref='${P%profile_}rule_service_auditd_enabled']/*[local-name()='message'][1]" "$TMPDIR/ok.xml" |
	grep -q "platform #audit: cpe:/a:audit (Package audit is installed): OVAL definition oval:ssg-installed_env_has_audit_package:def:1 is false" ||
	fail "service_auditd_enabled: the message does not name platform #audit"
# a package that is installed: its platform holds (dpkg status of the target)
grep -q '^Package: login$' "$bullseye/var/lib/dpkg/status" || fail "fixture: login not installed"

# 3. platforms that cannot be evaluated: error with the reason
python3 - "$D11" "$TMPDIR/bad.xml" <<'PY'
import sys
s = open(sys.argv[1]).read()
s = s.replace('<xccdf-1.2:platform idref="#audit"/>', '<xccdf-1.2:platform idref="#no_such_platform"/>')
s = s.replace('<cpe-lang:fact-ref name="cpe:/a:grub2"/>', '<cpe-lang:fact-ref name="cpe:/a:example:not_in_dictionary"/>')
open(sys.argv[2], 'w').write(s)
PY
run --rootfs "$bullseye" --profile "${P}anssi_np_nt28_high" --results "$TMPDIR/bad.xml.out" "$TMPDIR/bad.xml"
expect_rc 2 "unevaluable platforms are errors"
xmllint --xpath "//*[local-name()='rule-result'][*[local-name()='result']='error']/*[local-name()='message']/text()" "$TMPDIR/bad.xml.out" >"$TMPDIR/msgs"
[ "$(result_of "$TMPDIR/bad.xml.out" _rule_service_auditd_enabled)" = error ] || fail "undefined platform: not error"
grep -q "the rule's platform cannot be evaluated: platform #no_such_platform cannot be evaluated: the Benchmark has no such cpe-lang:platform" "$TMPDIR/msgs" || { cat "$TMPDIR/msgs"; fail "no reason for an undefined platform"; }
[ "$(result_of "$TMPDIR/bad.xml.out" _rule_grub2_enable_iommu_force)" = error ] || fail "CPE name not in the dictionary: not error"
grep -q "the rule's platform cannot be evaluated: platform #grub2: cpe:/a:example:not_in_dictionary cannot be evaluated: it is not in the CPE dictionary" "$TMPDIR/msgs" || { cat "$TMPDIR/msgs"; fail "no reason for a CPE name missing from the dictionary"; }
# (partition rules are notapplicable for their own reason: a root has no mounts)
napl=$(xmllint --xpath "count(//*[local-name()='rule-result'][*[local-name()='result']='notapplicable'][*[local-name()='message'][starts-with(., 'platform ')]])" "$TMPDIR/bad.xml.out")
[ "$napl" = 0 ] || fail "$napl unevaluable platforms became notapplicable"
exit 0
