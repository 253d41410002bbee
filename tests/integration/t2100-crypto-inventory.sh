# The crypto inventory rule (fips_crypto_inventory) on the FIPS fixture
# (tests/fixtures/fips-provider.sh) with real binaries planted from Debian
# packages (tests/fixtures/crypto-plant.sh): every reachable implementation
# outside a FIPS boundary fails the rule naming the file and why; an
# unreachable one is reported, not failed; implementations inside a
# boundary pass.
. "$(dirname "$0")/lib.sh"
set -e
fips_clean_root
P=xccdf_org.stigcheck_profile_fips
R=fips_crypto_inventory

# plant NAME PLANT...: a copy of the clean root with the plants
plant() {
	name=$1
	shift
	rm -rf "$TMPDIR/$name"
	cp -a "$clean" "$TMPDIR/$name"
	"$fixtures/crypto-plant.sh" "$TMPDIR/$name" "$@" || {
		rc=$?
		[ $rc = 77 ] && skip "crypto-plant: cannot build $*"
		fail "crypto-plant.sh $* failed ($rc)"
	}
}
# scan NAME [args]: results in $TMPDIR/NAME.xml
scan() {
	name=$1
	shift
	run --rootfs "$TMPDIR/$name" --profile $P --results "$TMPDIR/$name.xml" "$@"
	expect_scanned "$name"
	validate_xccdf "$TMPDIR/$name.xml"
}
# expect NAME RESULT TEXT...: the rule's result and messages
expect() {
	name=$1 want=$2
	shift 2
	got=$(result_of "$TMPDIR/$name.xml" _rule_$R)
	[ "$got" = "$want" ] || { rule_messages "$TMPDIR/$name.xml" $R; fail "$name: $R is '$got', expected '$want'"; }
	for t in "$@"; do
		rule_messages "$TMPDIR/$name.xml" $R | grep -qF -- "$t" ||
			{ rule_messages "$TMPDIR/$name.xml" $R; fail "$name: no message with '$t'"; }
	done
	echo "ok: $name: $R $got"
}

cp -a "$clean" "$TMPDIR/base"
scan base
expect base pass "/usr/lib/libcrypto.so.3: libcrypto OpenSSL 3." "the system libcrypto: /etc/ssl/openssl.cnf enforces the FIPS provider" \
	"/usr/lib/ossl-modules/fips.so: fips-provider OpenSSL" "the FIPS provider the system configuration loads"

plant optlib opt-libcrypto
scan optlib
expect optlib fail "/opt/app/lib/libcrypto.so.3: libcrypto OpenSSL 3." "outside the FIPS boundary" \
	"/usr/lib/ssl/openssl.cnf does not exist in the target" \
	"reachable: /opt/app/bin/app needs libcrypto.so.3 (DT_NEEDED"

plant optunreach opt-unreachable
scan optunreach
expect optunreach pass "/opt/other/lib/libcrypto.so.3: libcrypto OpenSSL 3." \
	"not reachable (reported, not failed)" "no executable needs it, directly or through another library"

plant goplain go-plain
scan goplain
expect goplain fail "/usr/bin/goapp: go Go go1." "built without BoringCrypto and without the Go FIPS 140-3 module" \
	"reachable: an executable"
# fips140=on in the target's environment turns the Go FIPS module on
# (Go 1.24+); the inventory reads GODEBUG from the target, not the host
scan goplain --env GODEBUG=fips140=on
expect goplain pass "fips140=on (GODEBUG in the target's environment)"

# built with GOFIPS140=v1.0.0 (Go 1.24+; Debian's toolchain is older, so
# go-plain's recorded build settings are rewritten to say so, at the same
# length): the frozen Go Cryptographic Module v1.0.0, which the CMVP table
# covers with certificate #5247, matched by its version string only; the
# CBOM carries the certificate's level.  A table without that row says so.
plant gofips go-plain
perl -0777 -pi -e 's/build\t-compiler=gc\nbuild\t-trimpath=true/build\tGOFIPS140=v1.0.0\nbuild\t-trimpath=/g' \
	"$TMPDIR/gofips/usr/bin/goapp"
scan gofips --cbom "$TMPDIR/gofips.cbom.json"
expect gofips pass "fips140=on (GOFIPS140 set at build time): the Go Cryptographic Module v1.0.0" \
	"CMVP #5247 (FIPS 140-3, active until 2031-04-26), identified by version string; binary not compared with the validated build"
lvl=$(jq -c '.components[] | select(.evidence.occurrences[0].location == "/usr/bin/goapp") | .cryptoProperties.algorithmProperties.certificationLevel' "$TMPDIR/gofips.cbom.json")
[ "$lvl" = '["fips140-3-l1"]' ] || fail "gofips: CBOM certificationLevel of /usr/bin/goapp is '$lvl'"
sed -n '1,/^rows:/p' "$(dirname "$0")/../../content/data/cmvp_certificates.yaml" >"$TMPDIR/nogo.yaml"
awk '/^  - number: "4985"/,/^    source:/' "$(dirname "$0")/../../content/data/cmvp_certificates.yaml" >>"$TMPDIR/nogo.yaml"
scan gofips --cmvp-table "$TMPDIR/nogo.yaml"
expect gofips pass "no certificate in the CMVP table ($TMPDIR/nogo.yaml) covers Go Cryptographic Module v1.0.0"

plant goboring go-boring
scan goboring
expect goboring pass "/usr/bin/goapp-boring: go Go go1." "built with GOEXPERIMENT=boringcrypto (cgo enabled)"

jsec=/usr/lib/jvm/java-17-openjdk-amd64/conf/security/java.security
plant javadeb java-debian
scan javadeb
expect javadeb fail "$jsec: java Java" "first security provider is SUN: not a FIPS provider" \
	"/usr/lib/jvm/java-17-openjdk-amd64/bin/java is an executable"
# an override in JAVA_TOOL_OPTIONS (== replaces the JDK's list)
mkdir -p "$TMPDIR/javadeb/etc/java" "$TMPDIR/javadeb/usr/share/java"
printf 'security.provider.1=BCFIPS\nsecurity.provider.2=SUN\n' >"$TMPDIR/javadeb/etc/java/fips.security"
scan javadeb --env "JAVA_TOOL_OPTIONS=-Xmx64m -Djava.security.properties==/etc/java/fips.security"
expect javadeb fail "first security provider is BCFIPS: a FIPS provider whose bc-fips jar is not in the target" \
	"then replaced from /etc/java/fips.security (-Djava.security.properties==)"

plant javabc java-bcfips
scan javabc
expect javabc pass "first security provider is org.bouncycastle.jcajce.provider.BouncyCastleFipsProvider: a FIPS provider" \
	"bc-fips jars: /usr/share/java/bc-fips-2.0.0.jar" \
	"covers bc-fips-2.0.0.jar (version 2.0.0)"
# a table whose java row lists 2.0.0: the jar's certificate, by file name
{ cat "$TMPDIR/nogo.yaml"; printf '  - number: "9999"\n    module: BC-FJA\n    family: java\n    versions: "2.0.0"\n    standard: FIPS 140-3\n    status: active\n    sunset: "2029-01-01"\n    level: "1"\n    source: test\n'; } >"$TMPDIR/java.yaml"
scan javabc --cmvp-table "$TMPDIR/java.yaml" --cbom "$TMPDIR/javabc.cbom.json"
expect javabc pass "bc-fips-2.0.0.jar: CMVP #9999 (FIPS 140-3, active until 2029-01-01), identified by the jar's file name; binary not compared with the validated build"
lvl=$(jq -c '.components[] | select((.evidence.occurrences[0].location // "") | endswith("/java.security")) | .cryptoProperties.algorithmProperties.certificationLevel' "$TMPDIR/javabc.cbom.json")
[ "$lvl" = '["fips140-3-l1"]' ] || fail "javabc: CBOM certificationLevel of java.security is '$lvl'"

plant py python
scan py
expect py pass "/usr/lib/python3.11/lib-dynload/_ssl.cpython-311-x86_64-linux-gnu.so: python Python: uses /usr/lib/libcrypto.so.3" \
	"_hashlib.cpython-311-x86_64-linux-gnu.so: python Python: uses /usr/lib/libcrypto.so.3"

plant pylibs python-libs
scan pylibs
expect pylibs fail "/usr/lib/python3.11/site-packages/cryptography.libs/libcrypto.so.3: libcrypto OpenSSL 3." \
	"reachable: /usr/lib/python3.11/site-packages/cryptography/hazmat/bindings/_rust.abi3.so needs libcrypto.so.3"

plant static static-elf
scan static
expect static fail "/usr/bin/static-tls: static-openssl OpenSSL 3." "no DT_NEEDED libcrypto" "reachable: an executable"

if command -v node >/dev/null 2>&1; then
	plant node node
	scan node
	expect node fail "/usr/bin/node: static-openssl OpenSSL 3." "/usr/bin/node: node Node.js"
else
	echo "node: not installed, the node plant is not tested"
fi
