# --cbom: the algorithm families each crypto module implements, found in
# its bytes and listed as CycloneDX 1.6 algorithm components that the
# module `provides`, validated with ajv against bom-1.6.  On the FIPS
# fixture (Debian's OpenSSL 3 source: libcrypto.so.3 with the default
# provider, fips.so) with real binaries planted (tests/fixtures/
# crypto-plant.sh: a Go program using crypto/sha256, OpenSSL linked
# statically, Debian's python3) and a Go program built here with Debian's
# golang using several crypto packages (plain and GOEXPERIMENT=
# boringcrypto).  Each claim is checked against a peer reading the same
# file: binutils' readelf (-p .rodata) for OpenSSL's names, `go tool nm`
# for the Go packages linked.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/outputs.sh"
set -e
fips_clean_root
P=xccdf_org.stigcheck_profile_fips
command -v readelf >/dev/null || skip "readelf (binutils) is not installed"
command -v go >/dev/null || skip "golang-go is not installed (.ci/deps.sh installs it)"
npm_cached cyclonedx-10.3.0 @cyclonedx/cyclonedx-library@10.3.0 $AJV_PKGS
cbom_valid() { node "$HERE/cbom-validate.mjs" "$npm_dir" "$@" || fail "$* not valid CycloneDX 1.6"; }

# ---- a Go program with several crypto packages, cached per golang version ---------------
gover=$(go env GOVERSION)
gocache=${STIGCHECK_CACHE:-/var/cache/stigcheck}/cbom-algs-1-$gover
if [ ! -f "$gocache/DONE" ]; then
	mkdir -p "$gocache"
	w=$TMPDIR/gobuild
	mkdir -p "$w"
	cat >"$w/main.go" <<'GO'
package main

import (
	"crypto/aes"
	"crypto/des"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/hmac"
	"crypto/md5"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"fmt"
	"os"
)

func main() {
	k := []byte(os.Args[0] + "0123456789abcdef")[:16]
	b, _ := aes.NewCipher(k)
	d, _ := des.NewTripleDESCipher(append(append(k, k...), k...)[:24])
	m := hmac.New(sha256.New, k)
	fmt.Println(b.BlockSize(), d.BlockSize(), m.Size(), md5.Sum(k), sha1.Sum(k))
	ek, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	_, edk, _ := ed25519.GenerateKey(rand.Reader)
	rk, _ := rsa.GenerateKey(rand.Reader, 1024)
	fmt.Println(ek.X != nil, len(edk), rk.N.BitLen())
}
GO
	printf 'module example.com/algs\n\ngo 1.19\n' >"$w/go.mod"
	(
		cd "$w"
		export GOCACHE="$w/gocache" GOPATH="$w/gopath" GOFLAGS=-mod=mod GOTOOLCHAIN=local
		CGO_ENABLED=0 go build -trimpath -o goalgs . &&
			GOEXPERIMENT=boringcrypto CGO_ENABLED=1 go build -trimpath -o goalgs-boring .
	) >"$TMPDIR/gobuild.log" 2>&1 || { cat "$TMPDIR/gobuild.log"; fail "go build failed"; }
	cp "$w/goalgs" "$w/goalgs-boring" "$gocache/"
	touch "$gocache/DONE"
	rm -rf "$w"
fi

# ---- the target ----------------------------------------------------------------------------
root=$TMPDIR/root
cp -a "$clean" "$root"
"$fixtures/crypto-plant.sh" "$root" go-plain static-elf python || {
	[ $? = 77 ] && skip "crypto-plant: cannot build the plants"
	fail "crypto-plant.sh failed"
}
install -m 0755 "$gocache/goalgs" "$gocache/goalgs-boring" "$root/usr/bin/"
run --rootfs "$root" --profile $P --cbom "$TMPDIR/c.json" --json "$TMPDIR/s.json" --results "$TMPDIR/r.xml"
expect_scanned root
cbom_valid "$TMPDIR/c.json"

# the ajv check can fail on what this adds: a primitive CycloneDX lacks
jq '(.components[] | select(.["bom-ref"] == "algorithm-sha-2") | .cryptoProperties.algorithmProperties.primitive) = "rot13"' \
	"$TMPDIR/c.json" >"$TMPDIR/bad.json"
grep -q rot13 "$TMPDIR/bad.json" || fail "could not plant the bad primitive"
! node "$HERE/cbom-validate.mjs" "$npm_dir" "$TMPDIR/bad.json" 2>/dev/null || fail "the validator accepts primitive rot13"

# families PATH: the names of the algorithm components the module at PATH provides
families() {
	jq -r --arg p "$1" '
		(.components | map({key: .["bom-ref"], value: .name}) | from_entries) as $n
		| (.components[] | select(.evidence.occurrences[0].location == $p) | .["bom-ref"]) as $r
		| .dependencies[] | select(.ref == $r) | (.provides // [])[] | $n[.]' "$TMPDIR/c.json" | sort | tr '\n' ' '
}
has() { case " $2" in *" $3 "*) ;; *) fail "$1 does not provide $3 (it provides: $2)";; esac; }
lacks() { case " $2" in *" $3 "*) fail "$1 provides $3 (it provides: $2)";; esac; }

# every provides names an algorithm component; every algorithm component says how
jq -e '[.components[] | .["bom-ref"]] as $refs | [.dependencies[] | (.provides // [])[] | select(. as $x | $refs | index($x) | not)] | length == 0' \
	"$TMPDIR/c.json" >/dev/null || fail "a provides names no component"
jq -e '[.components[] | select(.evidence == null) | select((.properties // []) | map(.name) | index("stigcheck:identified-by") | not)] | length == 0' \
	"$TMPDIR/c.json" >/dev/null || fail "an algorithm component does not say how it was identified"

# ---- OpenSSL: libcrypto (default provider) and fips.so, against readelf -p .rodata -----------
lc=/usr/lib/libcrypto.so.3 fp=/usr/lib/ossl-modules/fips.so
flc=$(families $lc) ffp=$(families $fp)
for f in AES SHA-2 SHA-1 MD5 HMAC RSA ECDSA DRBG HKDF ChaCha20-Poly1305; do has libcrypto "$flc" $f; done
for f in AES SHA-2 SHA-3 HMAC CMAC RSA ECDSA DRBG HKDF PBKDF2; do has fips.so "$ffp" $f; done
for f in MD5 ChaCha20-Poly1305 SM2 SM3 SM4 BLAKE2 Camellia ARIA; do lacks fips.so "$ffp" $f; done
# the names lists themselves, as readelf prints the sections
rodata() { readelf -p .rodata "$root$1" | sed -n 's/^ *\[ *[0-9a-f]*\]  //p'; }
rodata $lc >"$TMPDIR/lc.rodata"
rodata $fp >"$TMPDIR/fp.rodata"
grep -qx 'MD5:SSL3-MD5:1.2.840.113549.2.5' "$TMPDIR/lc.rodata" || fail "readelf: libcrypto has no MD5 names list"
! grep -q '^MD5:' "$TMPDIR/fp.rodata" || fail "readelf: fips.so has an MD5 names list"
grep -qx 'MD5' "$TMPDIR/fp.rodata" || echo "note: fips.so has no bare MD5 string (the test of a bare name being no evidence is moot)"
grep -qx 'SHA2-256:SHA-256:SHA256:2.16.840.1.101.3.4.2.1' "$TMPDIR/fp.rodata" || fail "readelf: fips.so has no SHA2-256 names list"
jq -r '.components[] | select(.name == "MD5") | .properties[] | select(.name == "stigcheck:identified-by") | .value' "$TMPDIR/c.json" |
	grep -q "^$lc: provider algorithm names" || fail "MD5: identified-by does not name libcrypto's names in read-only data"
echo "ok: libcrypto provides $(echo $flc | wc -w) families (MD5 among them), fips.so $(echo $ffp | wc -w) (no MD5), as readelf shows"

# OpenSSL linked statically carries its default provider too
fst=$(families /usr/bin/static-tls)
for f in AES SHA-2 MD5; do has static-tls "$fst" $f; done
echo "ok: statically linked OpenSSL provides $(echo $fst | wc -w) families"

# ---- Go: the packages linked, against go tool nm -------------------------------------------
[ "$(families /usr/bin/goapp)" = "SHA-2 " ] || fail "goapp (crypto/sha256 only) provides '$(families /usr/bin/goapp)'"
for b in goalgs goalgs-boring; do
	fg=$(families /usr/bin/$b)
	go tool nm "$root/usr/bin/$b" >"$TMPDIR/$b.nm"
	for pf in crypto/aes:AES crypto/md5:MD5 crypto/sha1:SHA-1 crypto/sha256:SHA-2 crypto/hmac:HMAC \
		crypto/rsa:RSA crypto/ecdsa:ECDSA crypto/ed25519:EdDSA; do
		pkg=${pf%%:*} fam=${pf#*:}
		grep -q " T $pkg\." "$TMPDIR/$b.nm" || fail "go tool nm: $b links no $pkg function"
		has $b "$fg" $fam
	done
	grep -q ' T crypto/des\.NewTripleDESCipher' "$TMPDIR/$b.nm" || fail "go tool nm: $b links no NewTripleDESCipher"
	has $b "$fg" 3DES
	# the program never makes a single-DES cipher (triple DES uses its key schedule)
	! grep -q ' T crypto/des\.NewCipher' "$TMPDIR/$b.nm" || fail "go tool nm: $b links des.NewCipher"
	lacks $b "$fg" DES
	for f in ChaCha20-Poly1305 ML-KEM RC4 SHA-3 MD5x; do lacks $b "$fg" $f; done
	jq -r --arg p /usr/bin/$b '.components[] | select(.name == "EdDSA") | .properties[] | .value' "$TMPDIR/c.json" |
		grep -qxF "/usr/bin/$b: function names in .gopclntab" || fail "$b: EdDSA identified-by"
	echo "ok: $b provides $fg"
done

# ---- nothing without evidence: Python's _ssl uses libcrypto, implements nothing itself --------
ssl=$(jq -r '.components[] | select(.evidence.occurrences[0].location // "" | test("lib-dynload/_ssl[.]")) | .evidence.occurrences[0].location' "$TMPDIR/c.json")
[ -n "$ssl" ] || fail "no component for Python's _ssl"
[ -z "$(families "$ssl")" ] || fail "_ssl provides '$(families "$ssl")'"
echo "ok: Python's _ssl provides nothing of its own"

# ---- --json: the families are in the inventory facts -------------------------------------------
jq -r '.target.facts | to_entries[] | select(.key | startswith("urn:stigcheck:fact:crypto:module:")) | .value | fromjson
	| select(.path == "/usr/lib/ossl-modules/fips.so") | .algorithms[].name' "$TMPDIR/s.json" | sort | tr '\n' ' ' >"$TMPDIR/j.fp"
[ "$(cat "$TMPDIR/j.fp")" = "$ffp" ] || fail "--json fips.so algorithms '$(cat "$TMPDIR/j.fp")' differ from the CBOM's '$ffp'"
echo "ok: --json lists the same families"

# ---- stored results re-render the same CBOM ---------------------------------------------------------
run report --from "$TMPDIR/r.xml" --cbom "$TMPDIR/re.json"
[ "$rc" = 0 ] || [ "$rc" = 2 ] || fail "report --from: exit $rc"
cmp -s "$TMPDIR/c.json" "$TMPDIR/re.json" || { diff "$TMPDIR/c.json" "$TMPDIR/re.json" | head; fail "report --from: CBOM differs"; }
# a stored module fact whose algorithms are not a list: one error line, no output
python3 - "$TMPDIR/r.xml" "$TMPDIR/bad.xml" <<'PY' || fail "could not plant the broken algorithms member"
import sys
s = open(sys.argv[1]).read()
n = s.count('"algorithms":[')
s = s.replace('"algorithms":[', '"algorithms":7,"x":[', 1)
open(sys.argv[2], 'w').write(s)
sys.exit(0 if n else 1)
PY
run report --from "$TMPDIR/bad.xml" --cbom "$TMPDIR/bad.cbom.json"
expect_rc 1 "broken algorithms member"
expect_err_line '"algorithms" is not a list of algorithms with a name'
[ ! -e "$TMPDIR/bad.cbom.json" ] || fail "a broken algorithms member left a CBOM"
echo "ok: report --from gives the same bytes; a broken algorithms member is one error line"
