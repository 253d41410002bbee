# FIPS rules on a root laid out like a Chainguard FIPS image with a real
# OpenSSL FIPS provider (built from Debian's openssl source, cached outside
# the clone).  The clean root passes every FIPS rule except the two it
# cannot meet (its provider version has no CMVP certificate; Debian's
# libcrypto has no jitter entropy source).  Each mutation turns exactly its
# rules to fail, with evidence naming the file, the line or the byte, and
# on every fixture stigcheck's MAC verdict agrees with
# `openssl fipsinstall -verify`.
. "$(dirname "$0")/lib.sh"
set -e
need_fips_provider
command -v openssl >/dev/null || skip "no openssl command for fipsinstall"

clean=$TMPDIR/clean
sh "$fixtures/fips-root.sh" "$clean" "$prov" || fail "fips-root.sh failed"
P=xccdf_org.stigcheck_profile_fips
BASE="fips_entropy_source fips_module_certificate"
ALL="fips_activate_values fips_default_properties fips_entropy_source fips_module_certificate fips_module_config fips_module_integrity fips_nonfips_providers fips_openssl_config_loads fips_provider_activated"

# failing FILE: the FIPS rules that failed, sorted, space-separated
failing() {
	xmllint --xpath "//*[local-name()='rule-result'][*[local-name()='result']='fail']/@idref" "$1" 2>/dev/null |
		tr ' ' '\n' | sed -n 's/.*rule_\(fips_[a-z_]*\)".*/\1/p' | sort | tr '\n' ' ' | sed 's/ $//'
}
sorted() { echo "$@" | tr ' ' '\n' | sed '/^$/d' | sort -u | tr '\n' ' ' | sed 's/ $//'; }
# messages RESULTS RULE: every message of a rule-result
messages() {
	xmllint --xpath "//*[local-name()='rule-result'][contains(@idref,'_rule_$2')]/*[local-name()='message']/text()" "$1" 2>/dev/null || true
}
# scan NAME ROOT [stigcheck args]: results in $TMPDIR/NAME.xml
scan() {
	name=$1 root=$2
	shift 2
	run --rootfs "$root" --profile $P --results "$TMPDIR/$name.xml" "$@"
	[ "$rc" = 0 ] || [ "$rc" = 2 ] || { cat "$TMPDIR/err"; fail "$name: exit $rc"; }
	validate_xccdf "$TMPDIR/$name.xml"
	for rule in $ALL; do
		res=$(result_of "$TMPDIR/$name.xml" "_rule_$rule")
		# fips_activate_values has nothing to judge when no provider
		# is configured: notapplicable, never a pass (asserted below)
		[ "$rule.$res" = fips_activate_values.notapplicable ] && continue
		case $res in pass | fail | informational) ;; *)
			messages "$TMPDIR/$name.xml" "$rule"; fail "$name: $rule is '$res'" ;;
		esac
	done
}
# The rules that answer other SRG requirements with the same evidence
# (fips_module_authentication, fips_nsa_approved_crypto,
# fips_digital_signatures) are ANDs of the aspects above; they fail
# exactly when one of their parts does.
with_composites() {
	out="$*"
	has() { p=$1; shift; case " $* " in *" $p "*) return 0 ;; esac; return 1; }
	for part in fips_provider_activated fips_default_properties fips_module_integrity fips_module_certificate; do
		has "$part" $* && out="$out fips_module_authentication"
	done
	for part in fips_provider_activated fips_default_properties fips_nonfips_providers fips_module_certificate; do
		has "$part" $* && out="$out fips_nsa_approved_crypto"
	done
	for part in fips_provider_activated fips_default_properties fips_module_integrity fips_module_certificate; do
		has "$part" $* && out="$out fips_digital_signatures"
	done
	echo "$out"
}
# expect NAME EXTRA...: exactly BASE + EXTRA fail (and their composites)
expect() {
	name=$1
	shift
	want=$(sorted $(with_composites $BASE "$@"))
	got=$(failing "$TMPDIR/$name.xml")
	[ "$got" = "$want" ] || fail "$name: failing rules '$got', expected '$want'"
	echo "ok: $name fails exactly: $got"
}
# expect_msg NAME RULE TEXT: some message of RULE contains TEXT
expect_msg() {
	messages "$TMPDIR/$1.xml" "$2" | grep -qF -- "$3" ||
		{ messages "$TMPDIR/$1.xml" "$2"; fail "$1: $2 has no message with '$3'"; }
}
# crosscheck NAME ROOT: stigcheck's integrity verdict == fipsinstall -verify
crosscheck() {
	if openssl fipsinstall -module "$2/usr/lib/ossl-modules/fips.so" \
		-in "$2/etc/ssl/fipsmodule.cnf" -verify >"$TMPDIR/verify.out" 2>&1; then
		theirs=pass
	else
		theirs=fail
	fi
	ours=$(result_of "$TMPDIR/$1.xml" _rule_fips_module_integrity)
	[ "$ours" = "$theirs" ] || { cat "$TMPDIR/verify.out"; fail "$1: stigcheck says $ours, fipsinstall -verify says $theirs"; }
	echo "ok: $1 MAC verdict $ours agrees with openssl fipsinstall -verify"
}
mutant() { rm -rf "$TMPDIR/$1"; cp -a "$clean" "$TMPDIR/$1"; echo "$TMPDIR/$1"; }

# ---- the clean fixture -----------------------------------------------------------
scan clean "$clean"
expect clean
crosscheck clean "$clean"
expect_msg clean fips_module_certificate "no CMVP certificate in the table"
expect_msg clean fips_entropy_source "has no jitter seed source"
expect_msg clean fips_module_integrity "/etc/ssl/fipsmodule.cnf:6: module-mac matches"
grep -q 'urn:stigcheck:fact:openssl:libcrypto:version' "$TMPDIR/clean.xml" || fail "no libcrypto version fact"
grep -q 'urn:stigcheck:fact:openssl:fips-provider:version" type="string">3\.' "$TMPDIR/clean.xml" || fail "no provider version fact"
grep -q 'urn:stigcheck:fact:openssl:config:path" type="string">/etc/ssl/openssl.cnf' "$TMPDIR/clean.xml" || fail "no config path fact"

# ---- one byte of fips.so ------------------------------------------------------------
r=$(mutant byte)
size=$(stat -c %s "$r/usr/lib/ossl-modules/fips.so")
off=$((size / 2))
old=$(od -An -tu1 -j $off -N1 "$r/usr/lib/ossl-modules/fips.so" | tr -d ' ')
printf "$(printf '\\%03o' $(((old + 1) % 256)))" |
	dd of="$r/usr/lib/ossl-modules/fips.so" bs=1 seek=$off conv=notrunc 2>/dev/null
scan byte "$r"
expect byte fips_module_integrity
expect_msg byte fips_module_integrity "/etc/ssl/fipsmodule.cnf:6: module-mac ="
expect_msg byte fips_module_integrity "does not match the HMAC-SHA256 of /usr/lib/ossl-modules/fips.so ($size bytes"
crosscheck byte "$r"

# ---- module-mac edited --------------------------------------------------------------
r=$(mutant mac)
sed -i 's/^module-mac = \(..\)/module-mac = 00/' "$r/etc/ssl/fipsmodule.cnf"
scan mac "$r"
expect mac fips_module_integrity
expect_msg mac fips_module_integrity "/etc/ssl/fipsmodule.cnf:6: module-mac = 00:"
crosscheck mac "$r"

# ---- install-mac edited (3.0 checks it at load, and fipsinstall -verify does) -------
r=$(mutant imac)
sed -i 's/^install-mac = \(..\)/install-mac = 00/' "$r/etc/ssl/fipsmodule.cnf"
scan imac "$r"
expect imac fips_module_integrity
expect_msg imac fips_module_integrity "/etc/ssl/fipsmodule.cnf:7: install-mac = 00:"
crosscheck imac "$r"

# ---- ?fips=yes -----------------------------------------------------------------------
r=$(mutant optional)
sed -i 's/^default_properties = fips=yes/default_properties = ?fips=yes/' "$r/etc/ssl/openssl.cnf"
scan optional "$r"
expect optional fips_default_properties
expect_msg optional fips_default_properties "/etc/ssl/openssl.cnf:20: default_properties = ?fips=yes"
expect_msg optional fips_default_properties "only a preference"
crosscheck optional "$r"

# ---- default provider activated -------------------------------------------------------
r=$(mutant default)
sed -i 's/^base = base_sect$/base = base_sect\ndefault = default_sect/' "$r/etc/ssl/openssl.cnf"
printf '[default_sect]\nactivate = 1\n' >>"$r/etc/ssl/openssl.cnf"
scan default "$r"
expect default fips_nonfips_providers
expect_msg default fips_nonfips_providers "default provider activated (/etc/ssl/openssl.cnf:3"
crosscheck default "$r"

# ---- activate = 0: the target's libcrypto is 3.0, where presence activates -----------
r=$(mutant act0)
sed -i 's/^activate = 1$/activate = 0/' "$r/etc/ssl/fipsmodule.cnf"
scan act0 "$r"
expect act0 fips_activate_values
expect_msg act0 fips_activate_values "/etc/ssl/fipsmodule.cnf:2: activate = 0"
expect_msg act0 fips_activate_values "the fips provider is activated"
expect_msg act0 fips_provider_activated "activate = 0 activates it only because this libcrypto is older than 3.3"
crosscheck act0 "$r"

# ---- relative include: resolved against each process's working directory ------------
r=$(mutant relinc)
sed -i 's|^\.include /etc/ssl/fipsmodule.cnf|.include fipsmodule.cnf|' "$r/etc/ssl/openssl.cnf"
scan relinc "$r"
expect relinc fips_openssl_config_loads
expect_msg relinc fips_openssl_config_loads "/etc/ssl/openssl.cnf:3: .include fipsmodule.cnf is relative"
crosscheck relinc "$r"
# the trap is real: the host's openssl sees the fips provider only from the
# config's own directory (host paths, the fixture's module)
demo=$TMPDIR/cwd-demo
mkdir -p "$demo"
cp "$clean/etc/ssl/fipsmodule.cnf" "$demo/"
printf 'openssl_conf = openssl_init\n.include fipsmodule.cnf\n[openssl_init]\nproviders = provider_sect\n[provider_sect]\nfips = fips_sect\n' >"$demo/openssl.cnf"
in_dir=$(cd "$demo" && OPENSSL_CONF="$demo/openssl.cnf" OPENSSL_MODULES="$clean/usr/lib/ossl-modules" openssl list -providers 2>&1 || true)
elsewhere=$(cd / && OPENSSL_CONF="$demo/openssl.cnf" OPENSSL_MODULES="$clean/usr/lib/ossl-modules" openssl list -providers 2>&1 || true)
echo "$in_dir" | grep -q '^  fips' || fail "from the config's directory openssl does not list fips: $in_dir"
echo "$elsewhere" | grep -q '^  fips' && fail "from / openssl lists fips: the relative include was found"
echo "ok: openssl finds a relative include only from the right working directory"

# ---- include of a missing file -------------------------------------------------------
r=$(mutant missing)
sed -i 's|^\.include /etc/ssl/ca.cnf|.include /etc/ssl/ca.cnf\n.include /etc/ssl/missing.cnf|' "$r/etc/ssl/openssl.cnf"
scan missing "$r"
expect missing fips_openssl_config_loads
expect_msg missing fips_openssl_config_loads "/etc/ssl/openssl.cnf:6: .include /etc/ssl/missing.cnf: no such file"
crosscheck missing "$r"

# ---- include loop -------------------------------------------------------------------------
r=$(mutant loop)
printf '.include /etc/ssl/openssl.cnf\n' >>"$r/etc/ssl/ca.cnf"
scan loop "$r"
expect loop fips_openssl_config_loads
expect_msg loop fips_openssl_config_loads "/etc/ssl/ca.cnf:8: .include /etc/ssl/openssl.cnf: include loop"
crosscheck loop "$r"

# ---- OPENSSL_CONF in the target's environment points at a non-FIPS config ---------------
r=$(mutant env)
printf 'config_diagnostics = 1\n.include /etc/ssl/ca.cnf\n' >"$r/etc/ssl/plain.cnf"
scan env "$r" --env OPENSSL_CONF=/etc/ssl/plain.cnf
expect env fips_provider_activated fips_default_properties fips_nonfips_providers
expect_msg env fips_openssl_config_loads "OPENSSL_CONF=/etc/ssl/plain.cnf in the target's environment"
expect_msg env fips_provider_activated "/etc/ssl/plain.cnf has no openssl_conf"
[ "$(result_of "$TMPDIR/env.xml" _rule_fips_activate_values)" = notapplicable ] ||
	fail "env: fips_activate_values is not notapplicable with no provider configured"
expect_msg env fips_activate_values "configures no providers, so there is no activate setting to judge"
crosscheck env "$r"
# the scanner's own environment plays no part
OPENSSL_CONF=/etc/ssl/plain.cnf scan env-host "$clean"
expect env-host

# ---- openssl.cnf a symlink aimed outside the root ---------------------------------------
r=$(mutant link)
cp "$r/etc/ssl/openssl.cnf" "$TMPDIR/host-openssl.cnf"
rm "$r/etc/ssl/openssl.cnf"
ln -s "../../../../../../../..$TMPDIR/host-openssl.cnf" "$r/etc/ssl/openssl.cnf"
scan link "$r"
expect link fips_openssl_config_loads fips_provider_activated fips_default_properties fips_nonfips_providers
expect_msg link fips_openssl_config_loads "/etc/ssl/openssl.cnf does not exist in the target (a symbolic link to ../../../../../../../..$TMPDIR/host-openssl.cnf"
crosscheck link "$r"

# ---- a module version with an active certificate (version string patched, then a
#      genuine fipsinstall over the patched module): the certificate rule passes ---------
r=$(mutant certified)
perl -0777 -i -pe 's/(OpenSSL FIPS Provider\0buildinfo\0)3\.0\.\d+\0/$1 . "3.1.2\0" . ("\0" x (length($&) - length($1) - 6))/e' \
	"$r/usr/lib/ossl-modules/fips.so"
grep -q "$(printf '3.1.2')" "$r/usr/lib/ossl-modules/fips.so" || fail "version patch did not apply"
openssl fipsinstall -module "$r/usr/lib/ossl-modules/fips.so" -out "$r/etc/ssl/fipsmodule.cnf" >/dev/null 2>&1 ||
	fail "fipsinstall over the patched module failed"
scan certified "$r"
BASE="fips_entropy_source" expect certified
expect_msg certified fips_module_certificate "CMVP #4985 (OpenSSL FIPS Provider, FIPS 140-3, versions 3.1.2) is active, sunset 2030-03-10"
crosscheck certified "$r"

# ---- a libcrypto 3.4 with the jitter source (a synthetic file with the strings a
#      jitter-enabled libcrypto carries; no such build is possible here) ----------------
r=$(mutant jitter)
printf '\177ELF\0OpenSSL 3.4.0 22 Oct 2024\0OPENSSLDIR: "/etc/ssl"\0MODULESDIR: "/usr/lib/ossl-modules"\0compiler: gcc -O2 -DOPENSSL_USE_NODELETE\0providers/implementations/rands/seed_src_jitter.c\0jent_read_entropy (%%d)\0' \
	>"$r/usr/lib/libcrypto.so.3"
sed -i 's/^alg_section = algorithm_sect$/alg_section = algorithm_sect\nrandom = random/' "$r/etc/ssl/openssl.cnf"
printf '[random]\nseed = JITTER\n' >>"$r/etc/ssl/openssl.cnf"
printf 'C:Q1x=\nP:NIST-ESV-191\nV:1-r0\n\n' >>"$r/usr/lib/apk/db/installed"
scan jitter "$r"
BASE="fips_module_certificate" expect jitter
expect_msg jitter fips_entropy_source "/etc/ssl/openssl.cnf:"
expect_msg jitter fips_entropy_source "seed = JITTER selects it"
expect_msg jitter fips_entropy_source "package NIST-ESV-191"
crosscheck jitter "$r"
# the same activate = 0 under 3.4: the fips provider is now off
sed -i 's/^activate = 1$/activate = 0/' "$r/etc/ssl/fipsmodule.cnf"
scan jitter-act0 "$r"
BASE="fips_module_certificate" expect jitter-act0 fips_activate_values fips_provider_activated
expect_msg jitter-act0 fips_provider_activated "the fips provider is not activated with the target's libcrypto OpenSSL 3.4.0"
crosscheck jitter-act0 "$r"
exit 0
