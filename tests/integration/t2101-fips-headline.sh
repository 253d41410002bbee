# The headline FIPS verdict (fact, console line, HTML card) and the CMVP
# table (--cmvp-table): on the FIPS fixture with a table that covers its
# provider the verdict is yes; planting a bundled libcrypto, a Go binary
# without the FIPS module or a Java runtime with a non-FIPS provider first
# turns it to partial and fails fips_crypto_inventory naming the file.
# Rules that call a module validated agree with the certificate rule, and
# a table with SHA-256 digests rejects an edited module.
. "$(dirname "$0")/lib.sh"
set -e
fips_clean_root
P=xccdf_org.stigcheck_profile_fips
ver=$(strings -n 5 "$clean/usr/lib/ossl-modules/fips.so" | grep -m1 -x '3\.[0-9]*\.[0-9]*')
[ -n "$ver" ] || fail "no provider version string in the fixture's fips.so"
sha=$(sha256sum "$clean/usr/lib/ossl-modules/fips.so" | cut -d' ' -f1)
table() { # table FILE VERSIONS [SHA256]
	cat >"$1" <<EOT
rows:
  - number: "TEST-1"
    module: test table row
    versions: "$2"
    standard: FIPS 140-3
    status: active
    sunset: "2099-01-01"
    source: t2101 test table
EOT
	[ -z "${3:-}" ] || echo "    sha256: \"$3\"" >>"$1"
}
table "$TMPDIR/cmvp.yaml" "$ver"

fact() { xmllint --xpath "string(//*[local-name()='fact'][@name='urn:stigcheck:fact:fips:$2'])" "$1"; }
# scan NAME ROOT [args]
scan() {
	name=$1 root=$2
	shift 2
	run --rootfs "$root" --profile $P --results "$TMPDIR/$name.xml" "$@"
	expect_scanned "$name"
	validate_xccdf "$TMPDIR/$name.xml"
}
# headline NAME VERDICT TEXT: fact, summary fact and console line agree
headline() {
	v=$(fact "$TMPDIR/$1.xml" verdict)
	s=$(fact "$TMPDIR/$1.xml" summary)
	[ "$v" = "$2" ] || fail "$1: verdict '$v', expected '$2' ($s)"
	case $s in "FIPS: $2: "*"$3"*) ;; *) fail "$1: summary '$s' lacks 'FIPS: $2: ...$3'" ;; esac
	grep -qxF "$s" "$TMPDIR/out" || fail "$1: no console line '$s'"
	echo "ok: $1: $s"
}
expect_rule() { # NAME RULE RESULT [TEXT]
	r=$(result_of "$TMPDIR/$1.xml" "_rule_$2")
	[ "$r" = "$3" ] || { rule_messages "$TMPDIR/$1.xml" "$2"; fail "$1: $2 is '$r', expected '$3'"; }
	[ -z "${4:-}" ] || rule_messages "$TMPDIR/$1.xml" "$2" | grep -qF -- "$4" ||
		{ rule_messages "$TMPDIR/$1.xml" "$2"; fail "$1: $2 has no message with '$4'"; }
}

# ---- yes: the table covers the provider, nothing else is in the image --------------
scan yes "$clean" --cmvp-table "$TMPDIR/cmvp.yaml" --report "$TMPDIR/yes.html"
expect_rule yes fips_module_certificate pass "CMVP #TEST-1: identified by version string $ver; binary not compared with the validated build"
expect_rule yes fips_module_authentication pass
expect_rule yes fips_nsa_approved_crypto pass
expect_rule yes fips_digital_signatures pass
expect_rule yes fips_crypto_inventory pass
headline yes yes "OpenSSL FIPS Provider $ver, CMVP #TEST-1 (FIPS 140-3, active until 2099-01-01)"
grep -q "0 other crypto modules outside the boundary" "$TMPDIR/out" || fail "yes: count of modules outside"
grep -qF "FIPS: yes: OpenSSL FIPS Provider $ver" "$TMPDIR/yes.html" || fail "yes: the HTML target card has no FIPS line"

# ---- each plant turns yes into partial and names its file ----------------------------
for p in opt-libcrypto:/opt/app/lib/libcrypto.so.3 go-plain:/usr/bin/goapp \
	java-debian:/usr/lib/jvm/java-17-openjdk-amd64/conf/security/java.security; do
	plant=${p%%:*} file=${p#*:}
	rm -rf "$TMPDIR/$plant"
	cp -a "$clean" "$TMPDIR/$plant"
	"$fixtures/crypto-plant.sh" "$TMPDIR/$plant" "$plant" || {
		[ $? = 77 ] && skip "crypto-plant: cannot build $plant"
		fail "crypto-plant.sh $plant failed"
	}
	scan "$plant" "$TMPDIR/$plant" --cmvp-table "$TMPDIR/cmvp.yaml"
	expect_rule "$plant" fips_crypto_inventory fail "$file: "
	expect_rule "$plant" fips_module_certificate pass
	headline "$plant" partial "1 other crypto module outside the boundary"
done

# ---- the built-in table does not cover this provider: partial, and no rule
# calls it validated ----------------------------------------------------------------
scan builtin "$clean"
expect_rule builtin fips_module_certificate fail "no CMVP certificate in the table"
expect_rule builtin fips_module_authentication fail "no CMVP certificate in the table"
headline builtin partial "no valid CMVP certificate (fail)"
for r in $(xmllint --xpath "//*[local-name()='Rule'][contains(*[local-name()='title'], 'validated')]/@id" "$TMPDIR/builtin.xml" 2>/dev/null |
	sed 's/ id="\([^"]*\)"/\1 /g'); do
	nvalidated=$((${nvalidated:-0} + 1))
	res=$(result_of "$TMPDIR/builtin.xml" "${r#xccdf_org.stigcheck_rule}")
	case $res in pass) fail "builtin: $r claims validated cryptography but passes while the certificate rule fails" ;; esac
done
[ "${nvalidated:-0}" -ge 3 ] || fail "builtin: found only ${nvalidated:-0} rules whose title says validated"
echo "ok: none of the $nvalidated rules whose title says 'validated' passes while the certificate rule fails"

# ---- SHA-256: a matching digest is said so; an edited module is rejected ---------------
table "$TMPDIR/sha-ok.yaml" "$ver" "$sha"
scan shaok "$clean" --cmvp-table "$TMPDIR/sha-ok.yaml"
expect_rule shaok fips_module_certificate pass "the module's SHA-256 $sha matches a validated binary"
edited=$TMPDIR/edited
cp -a "$clean" "$edited"
python3 - "$edited/usr/lib/ossl-modules/fips.so" "$ver" <<'PY'
import sys
p, ver = sys.argv[1], sys.argv[2].encode()
b = bytearray(open(p, 'rb').read())
i = b.index(b'OpenSSL FIPS Provider\0')
j = b.index(ver + b'\0', i)
b[j:j + len(ver)] = b'3.1.2'.ljust(len(ver), b'\0')
open(p, 'wb').write(b)
PY
table "$TMPDIR/sha-312.yaml" "3.1.2" "$sha"
scan edited "$edited" --cmvp-table "$TMPDIR/sha-312.yaml"
expect_rule edited fips_module_certificate fail "is not a validated binary's"
expect_rule edited fips_module_authentication fail
scan editedbuiltin "$edited"
expect_rule editedbuiltin fips_module_certificate pass "identified by version string 3.1.2; binary not compared with the validated build"
expect_rule editedbuiltin fips_module_integrity fail

# ---- hostile tables: one line, exit 1 ----------------------------------------------------
printf 'rows:\n  - number: "1"\n    bogus: x\n' >"$TMPDIR/bad.yaml"
run --rootfs "$clean" --cmvp-table "$TMPDIR/bad.yaml"
expect_rc 1 "unknown key in the CMVP table"
expect_err_line "CMVP table $TMPDIR/bad.yaml: row 1: unknown key 'bogus'"
printf 'rows: []\n' >"$TMPDIR/empty.yaml"
run --rootfs "$clean" --cmvp-table "$TMPDIR/empty.yaml"
expect_rc 1 "empty CMVP table"
run --rootfs "$clean" --cmvp-table "$TMPDIR/missing.yaml"
expect_rc 1 "missing CMVP table"
run --rootfs "$clean" --cmvp-table /dev/null
expect_rc 1 "CMVP table not a regular file"
