# --sign-key/--sign-cert and `stigcheck verify`: a signed evidence
# directory verifies with stigcheck and with `openssl cms -verify`; one
# byte changed in any file, an added file, a removed file, a symlink, a
# FIFO, a manifest naming ../ paths or not JSON each make verify fail with
# one line and exit 1 (and never hang).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/outputs.sh"
command -v openssl >/dev/null 2>&1 || skip "openssl is not installed"
command -v jq >/dev/null 2>&1 || skip "jq is not installed (.ci/deps.sh installs it)"
root=$TMPDIR/root
demo_root "$root"
pki=$TMPDIR/pki; mkdir -p "$pki"
# a CA, and a signer it issued; a second, unrelated CA
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$pki/ca.key" -out "$pki/ca.pem" \
	-subj "/CN=Evidence Test CA" -days 30 -addext "basicConstraints=critical,CA:TRUE" \
	-addext "keyUsage=critical,keyCertSign" 2>/dev/null || fail "openssl: CA"
openssl req -newkey rsa:2048 -nodes -keyout "$pki/k.pem" -out "$pki/s.csr" -subj "/CN=stigcheck signer" 2>/dev/null
printf 'keyUsage=critical,digitalSignature\n' >"$pki/ext"
openssl x509 -req -in "$pki/s.csr" -CA "$pki/ca.pem" -CAkey "$pki/ca.key" -CAcreateserial \
	-out "$pki/c.pem" -days 30 -extfile "$pki/ext" 2>/dev/null || fail "openssl: signer"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$pki/other.key" -out "$pki/other.pem" \
	-subj "/CN=Other CA" -days 30 2>/dev/null

ev=$TMPDIR/ev
run --rootfs "$root" --evidence "$ev" --sign-key "$pki/k.pem" --sign-cert "$pki/c.pem" -q
expect_rc 2 "signed scan"
[ -s "$ev/manifest.json.p7s" ] || fail "no signature"
head -1 "$ev/manifest.json.p7s" | grep -q -- '-----BEGIN CMS-----' || fail "signature is not PEM CMS"
ossl_verify() { openssl cms -verify -binary -content "$1/manifest.json" -inform PEM \
	-in "$1/manifest.json.p7s" -CAfile "$pki/ca.pem" -out /dev/null 2>"$TMPDIR/ossl.err"; }
ossl_verify "$ev" || { cat "$TMPDIR/ossl.err"; fail "openssl cms -verify rejects the signature"; }
run verify "$ev" --ca "$pki/ca.pem"
expect_rc 0 "intact signed directory"
grep -q "signed by .*stigcheck signer, chains to the CA" "$TMPDIR/out" || fail "verify does not name the signer"
run verify "$ev"
expect_rc 0 "intact, no --ca"
run verify "$ev" --ca "$pki/other.pem"
expect_rc 1 "another CA"; expect_err_line "does not verify against the CA"

# each change on a fresh copy
try() { # try DESCRIPTION EXPECTED-TEXT: verify the copy in $c must fail
	run verify "$c" --ca "$pki/ca.pem"
	expect_rc 1 "$1"; expect_err_line "$2"
}
fresh() { rm -rf "$TMPDIR/c"; cp -a "$ev" "$TMPDIR/c"; c=$TMPDIR/c; }
flip() { # flip one byte in the middle of FILE, keeping its size
	size=$(stat -c %s "$1"); off=$((size / 2))
	b=$(dd if="$1" bs=1 skip=$off count=1 2>/dev/null | od -An -tu1 | tr -d ' ')
	printf "$(printf '\\%03o' $(( (b + 1) % 256 )))" |
		dd of="$1" bs=1 seek=$off count=1 conv=notrunc 2>/dev/null
}
for f in $(ls "$ev"); do
	fresh; flip "$c/$f"
	[ "$(stat -c %s "$c/$f")" = "$(stat -c %s "$ev/$f")" ] || fail "flip changed the size of $f"
	case $f in
	manifest.json) try "a byte of $f" "does not verify"
		! ossl_verify "$c" || fail "openssl accepts a changed manifest" ;;
	manifest.json.p7s) run verify "$c" --ca "$pki/ca.pem"; expect_rc 1 "a byte of $f" ;;
	*) try "a byte of $f" "'$f' has SHA-256" ;;
	esac
done
fresh; echo extra >"$c/extra.txt"; try "an added file" "'extra.txt' is not listed"
fresh; rm "$c/checklist.ckl"; try "a removed file" "'checklist.ckl' is missing"
fresh; rm "$c/manifest.json.p7s"; try "a removed signature" "no signature"
fresh; mkdir "$c/sub"; try "an added directory" "'sub' is not listed"
fresh; mv "$c/report.html" "$TMPDIR/report.html"; ln -s "$TMPDIR/report.html" "$c/report.html"
try "a symlink to the right bytes" "'report.html' is a symbolic link"
fresh; rm "$c/results.xml"; mkfifo "$c/results.xml"
run verify "$c" --ca "$pki/ca.pem"; expect_rc 1 "a FIFO"; expect_err_line "'results.xml' is not a regular file"
fresh; truncate -s 8G "$c/arf.xml"; try "a huge sparse file" "'arf.xml' is 8589934592 bytes"
fresh; touch "$c/$(printf 'two\nlines')"; try "a file name with a newline" "'two?lines' is not listed"

# an unsigned manifest naming ../ paths, absolute paths, or not JSON
unsigned() { rm -rf "$TMPDIR/u"; cp -a "$ev" "$TMPDIR/u"; c=$TMPDIR/u; rm "$c/manifest.json.p7s"; }
unsigned; jq '.files[0].name = "../root/etc/passwd"' "$ev/manifest.json" >"$c/manifest.json"
run verify "$c"; expect_rc 1 "../ path"; expect_err_line "not a plain file name"
unsigned; jq '.files[0].name = "/etc/passwd"' "$ev/manifest.json" >"$c/manifest.json"
run verify "$c"; expect_rc 1 "absolute path"; expect_err_line "not a plain file name"
unsigned; jq '.files += [.files[0]]' "$ev/manifest.json" >"$c/manifest.json"
run verify "$c"; expect_rc 1 "listed twice"; expect_err_line "twice"
unsigned; echo '<html>not json' >"$c/manifest.json"
run verify "$c"; expect_rc 1 "not JSON"; expect_err_line "is not JSON"
unsigned; rm "$c/manifest.json"; ln -s "$ev/manifest.json" "$c/manifest.json"
run verify "$c"; expect_rc 1 "manifest symlink"; expect_err_line "symbolic link"
unsigned; truncate -s 100M "$c/manifest.json"
run verify "$c"; expect_rc 1 "huge manifest"; expect_err_line "over the"
unsigned; jq '.files[0].sha256 = "zz"' "$ev/manifest.json" >"$c/manifest.json"
run verify "$c"; expect_rc 1 "bad hash"; expect_err_line "needs a size and a SHA-256"
# an unsigned, intact directory verifies without --ca, and is refused with it
unsigned; run verify "$c"; expect_rc 0 "unsigned intact"; grep -q "not signed" "$TMPDIR/out" || fail "unsigned not said"

# usage errors
run verify; expect_rc 1 "no DIR"; expect_err_line "missing argument"
run verify "$TMPDIR/nonexistent"; expect_rc 1 "no such dir"; expect_err_line "cannot open"
run --rootfs "$root" --evidence "$TMPDIR/e2" --sign-key "$pki/k.pem" --sign-cert "$pki/other.pem" -q
expect_rc 1 "mismatched key"; expect_err_line "does not match"
[ ! -e "$TMPDIR/e2" ] || fail "a mismatched key still wrote evidence"
echo ok
