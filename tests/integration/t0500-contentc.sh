# The content compiler stops the build on bad YAML with FILE:LINE: message,
# and what it accepts is what the engine accepts.
. "$(dirname "$0")/lib.sh"
cc=$BUILD/tools/sc-contentc
src=$(cd "$(dirname "$0")/../../content" && pwd)
[ -x "$cc" ] || fail "no $cc"

fresh() { rm -rf "$TMPDIR/c"; cp -r "$src" "$TMPDIR/c"; rule=$TMPDIR/c/rules/permissions/etc_passwd_permissions.yaml; }
# expect_bad LINE-REGEX: the compiler fails with that message
expect_bad() {
	set +e
	"$cc" -o "$TMPDIR/out.xml" "$TMPDIR/c" >"$TMPDIR/cout" 2>"$TMPDIR/cerr"
	crc=$?
	set -e
	[ "$crc" = 1 ] || { cat "$TMPDIR/cerr"; fail "compiler exit $crc for: $1"; }
	grep -Eq "$1" "$TMPDIR/cerr" || { cat "$TMPDIR/cerr"; fail "message lacks: $1"; }
	[ ! -e "$TMPDIR/out.xml" ] || fail "output written despite the error"
}

fresh; "$cc" -o "$TMPDIR/ok.xml" "$TMPDIR/c" || fail "pristine content does not compile"
validate_xccdf "$TMPDIR/ok.xml"

fresh; echo "colour: blue" >>"$rule"
expect_bad "etc_passwd_permissions.yaml:[0-9]+: unknown key 'colour' in a rule"
fresh; sed -i '/^rationale:/,/^check_text:/{/^check_text:/!d}' "$rule"
expect_bad "etc_passwd_permissions.yaml:1: missing key 'rationale'"
fresh; sed -i 's/^severity: medium/severity: critical/' "$rule"
expect_bad "etc_passwd_permissions.yaml:3: severity must be low, medium or high"
fresh; sed -i 's/^profiles: \[stig\]/profiles: [stig, nosuch]/' "$rule"
expect_bad "unknown profile 'nosuch'"
fresh; sed -i 's/owner: root/ownr: root/' "$rule"
expect_bad "etc_passwd_permissions.yaml:[0-9]+: <file>: unknown attribute 'ownr'"
fresh; sed -i 's/mode_max: "0644"/mode_max: "0648"/' "$rule"
expect_bad "mode_max='0648' is not an octal mode"
fresh; sed -i 's/- file:/- teleport:/' "$rule"
expect_bad "unknown native test <teleport>"
fresh; sed -i 's/^id: etc_passwd_permissions/id: other_name/' "$rule"
expect_bad "must match the file name"
fresh; printf 'title: again\n' >>"$rule"
expect_bad "duplicate key 'title'"
fresh; sed -i 's/^srg: .*/srg: SRG-XX-1/' "$rule"
expect_bad "is not an SRG-OS-nnnnnn-GPOS-nnnnn id"
fresh; sed -i 's/^cci: .*/cci: [CCI-12]/' "$rule"
expect_bad "'CCI-12' is not a CCI-nnnnnn id"
fresh; printf 'title: [unclosed\n' >"$rule"
expect_bad "etc_passwd_permissions.yaml:[0-9]+: YAML error"
fresh; sed -i 's/^check:/status: manual\ncheck:/' "$rule"
expect_bad "a manual rule has no 'check'"
fresh; sed -i 's/^vuln_id: .*/vuln_id: V-203629/' "$rule"
expect_bad "disa_rule 'SV-203780r991589_rule' does not belong to vuln_id 'V-203629'"
fresh; sed -i '/^vuln_id:/d' "$rule"
expect_bad "missing key 'vuln_id'"
fresh; sed -i '/^nist:/d' "$rule"
expect_bad "etc_passwd_permissions.yaml:1: missing key 'nist'"
# an empty NIST list is allowed (some CCIs have no rev 5 mapping)
fresh; sed -i 's/^nist: .*/nist: []/' "$rule"
"$cc" -o "$TMPDIR/ok.xml" "$TMPDIR/c" || fail "empty nist list refused"

# shared check lists: checks/NAME.yaml, "- include: NAME"
list() { mkdir -p "$TMPDIR/c/checks"; cat >"$TMPDIR/c/checks/$1.yaml"; }
fresh; list t_list <<'E'
id: t_list
description: x
tests:
  - file: {path: /etc/hostname, exists: optional}
  - lines: {path: /etc/hostname, pattern: '^x$', expect: none}
E
printf '  - include: t_list\n  - outcome: {pass: notapplicable, fail: notchecked}\n' >>"$rule"
"$cc" -o "$TMPDIR/inc.xml" "$TMPDIR/c" || fail "include refused"
n=$(xmllint --xpath "count(//*[local-name()='Rule'][contains(@id,'etc_passwd_permissions')]//*[namespace-uri()='urn:stigcheck:native'])" "$TMPDIR/inc.xml")
[ "$n" = 4 ] || fail "included tests not expanded: $n native elements, expected 4"
printf '  - outcome: {pass: pass}\n' >>"$rule"
expect_bad "etc_passwd_permissions.yaml:[0-9]+: a rule has at most one outcome"
fresh; printf '  - include: nosuch\n' >>"$rule"
expect_bad "etc_passwd_permissions.yaml:[0-9]+: include 'nosuch': no checks/nosuch.yaml"
fresh; list t_bad <<'E'
id: t_bad
description: x
tests:
  - file: {path: /etc/hostname, ownr: root}
E
expect_bad "checks/t_bad.yaml:4: <file>: unknown attribute 'ownr'"
fresh; list t_out <<'E'
id: t_out
description: x
tests:
  - outcome: {pass: notapplicable}
E
expect_bad "checks/t_out.yaml:4: a check list holds tests only, not 'outcome'"
fresh; list t_name <<'E'
id: other
description: x
tests:
  - file: {path: /etc/hostname}
E
expect_bad "check list id 'other' must match the file name"
exit 0
