# Java in the crypto inventory, with Debian's OpenJDK 17 (real bin/java,
# java.security and release file, tests/fixtures/crypto-plant.sh): the
# provider list the inventory reads is the one the real JVM uses, for the
# JDK's file, -Djava.security.properties overrides (=) and replacements
# (==) in JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS and _JAVA_OPTIONS (one wins,
# as in the JVM), and security.overridePropertiesFile=false; BCFIPS first
# with its jar passes fips_crypto_inventory and a java.security edited to
# put a non-FIPS provider first fails it naming the file; the CBOM lists
# the runtime with its version and providers in order.
. "$(dirname "$0")/lib.sh"
set -e
fips_clean_root
P=xccdf_org.stigcheck_profile_fips
R=fips_crypto_inventory
jdk=/usr/lib/jvm/java-17-openjdk-amd64
jsec=$jdk/conf/security/java.security
command -v java >/dev/null 2>&1 || skip "java (openjdk-17-jre-headless) is not installed"

plant() { # plant NAME PLANT
	rm -rf "$TMPDIR/$1"
	cp -a "$clean" "$TMPDIR/$1"
	"$fixtures/crypto-plant.sh" "$TMPDIR/$1" "$2" || {
		[ $? = 77 ] && skip "crypto-plant: cannot plant $2"
		fail "crypto-plant.sh $2 failed"
	}
}
# scan NAME [ARGS]: results in $TMPDIR/NAME.xml, CBOM in $TMPDIR/NAME.cbom.json
scan() {
	name=$1
	shift
	run --rootfs "$TMPDIR/$name" --profile $P --results "$TMPDIR/$name.xml" --cbom "$TMPDIR/$name.cbom.json" "$@"
	expect_scanned "$name"
}
# expect NAME RESULT TEXT...: the inventory rule's result and messages
expect() {
	got=$(result_of "$TMPDIR/$1.xml" _rule_$R)
	[ "$got" = "$2" ] || { rule_messages "$TMPDIR/$1.xml" $R; fail "$1: $R is '$got', expected '$2'"; }
	n=$1
	shift 2
	for t in "$@"; do
		rule_messages "$TMPDIR/$n.xml" $R | grep -qF -- "$t" ||
			{ rule_messages "$TMPDIR/$n.xml" $R; fail "$n: no message with '$t'"; }
	done
}
# first NAME: the first provider the inventory reports for the JDK
first() { rule_messages "$TMPDIR/$1.xml" $R | sed -n "s|^$jsec: java Java .*first security provider is \([^:]*\):.*|\1|p" | head -1; }
# providers NAME: the CBOM's provider list
providers() { jq -r --arg p "$jsec" '.components[] | select(.evidence.occurrences[0].location == $p) | .properties[] | select(.name == "stigcheck:java-security-provider") | .value' "$TMPDIR/$1.cbom.json" | tr '\n' ' '; }

# ---- the real JVM and the inventory agree on the provider list ------------------------
plant deb java-debian
cat >"$TMPDIR/Prov.java" <<'EOF'
public class Prov {
	public static void main(String[] a) {
		System.out.println(java.security.Security.getProviders()[0].getName());
	}
}
EOF
# the override files, at the same path on the host and in the target;
# only one of them is read (ec then p2: the JVM reads p2 alone, so SUN
# stays first)
mkdir -p "$TMPDIR/deb$TMPDIR"
printf 'security.provider.1=SunEC\n' >"$TMPDIR/ec.security"
printf 'security.provider.1=SunJSSE\n' >"$TMPDIR/jsse.security"
printf 'security.provider.1=SunRsaSign\n' >"$TMPDIR/rsa.security"
printf 'security.provider.2=SunJSSE\n' >"$TMPDIR/p2.security"
cp "$TMPDIR"/*.security "$TMPDIR/deb$TMPDIR/"
D=-Djava.security.properties
n=0
for c in "" "JAVA_TOOL_OPTIONS=$D=$TMPDIR/ec.security" \
	"JAVA_TOOL_OPTIONS=$D=$TMPDIR/ec.security|_JAVA_OPTIONS=$D=$TMPDIR/jsse.security" \
	"JAVA_TOOL_OPTIONS=$D=$TMPDIR/jsse.security|JDK_JAVA_OPTIONS=-Xmx64m $D=$TMPDIR/ec.security" \
	"_JAVA_OPTIONS=$D=$TMPDIR/rsa.security|JDK_JAVA_OPTIONS=$D=$TMPDIR/ec.security" \
	"JAVA_TOOL_OPTIONS=$D=$TMPDIR/ec.security|_JAVA_OPTIONS=$D=$TMPDIR/p2.security" \
	"JAVA_TOOL_OPTIONS=$D==$TMPDIR/rsa.security"; do
	n=$((n + 1))
	envargs="" hostenv=""
	IFS='|'
	for kv in $c; do
		envargs="$envargs|--env|$kv"
		hostenv="$hostenv|$kv"
	done
	unset IFS
	# the host's JVM, with the same environment (its java.security is the one planted)
	want=$(cd "$TMPDIR" && IFS='|' && env -u JAVA_TOOL_OPTIONS -u JDK_JAVA_OPTIONS -u _JAVA_OPTIONS ${hostenv#|} \
		java Prov.java 2>/dev/null) || fail "case $n: java failed"
	IFS='|'
	# shellcheck disable=SC2086
	set -- ${envargs#|}
	unset IFS
	scan deb "$@"
	got=$(first deb)
	[ "$got" = "$want" ] || { rule_messages "$TMPDIR/deb.xml" $R | grep -F "$jsec"; fail "case $n ($c): inventory says $got first, the JVM $want"; }
	echo "ok: case $n: ${c:-no override}: first provider $got, as the JVM"
done
expect deb fail "then replaced from $TMPDIR/rsa.security (-Djava.security.properties==), set in JAVA_TOOL_OPTIONS"
[ "$(providers deb)" = "1=SunRsaSign " ] || fail "deb: CBOM providers after == are '$(providers deb)'"

# ---- BCFIPS first with its jar: inside; the CBOM lists the runtime -------------------------
plant bc java-bcfips
scan bc
expect bc pass "first security provider is org.bouncycastle.jcajce.provider.BouncyCastleFipsProvider: a FIPS provider"
jv=$(sed -n 's/^JAVA_VERSION="\(.*\)"$/\1/p' $jdk/release)
[ -n "$jv" ] || fail "no JAVA_VERSION in $jdk/release"
rule_messages "$TMPDIR/bc.xml" $R | grep -qF "$jsec: java Java $jv" || fail "bc: the Java version is not $jv"
[ "$(jq -r --arg p "$jsec" '.components[] | select(.evidence.occurrences[0].location == $p) | .version' "$TMPDIR/bc.cbom.json")" = "$jv" ] ||
	fail "bc: CBOM version"
case $(providers bc) in "1=org.bouncycastle.jcajce.provider.BouncyCastleFipsProvider 2=SUN 3=SunRsaSign "*) ;;
*) fail "bc: CBOM providers '$(providers bc)'" ;; esac

# an override with a non-FIPS provider first turns it to a failure
mkdir -p "$TMPDIR/bc/etc/java"
printf 'security.provider.1=SunEC\n' >"$TMPDIR/bc/etc/java/nonfips.security"
scan bc --env "JAVA_TOOL_OPTIONS=-Djava.security.properties=/etc/java/nonfips.security"
expect bc fail "$jsec: java Java $jv" "first security provider is SunEC: not a FIPS provider" \
	"then overridden from /etc/java/nonfips.security (-Djava.security.properties=), set in JAVA_TOOL_OPTIONS"
case $(providers bc) in "1=SunEC 2=SUN "*) ;; *) fail "bc override: CBOM providers '$(providers bc)'" ;; esac

# ... unless the JDK's java.security forbids overrides
sed -i 's/^security\.overridePropertiesFile=true$/security.overridePropertiesFile=false/' "$TMPDIR/bc$jsec"
grep -qx 'security.overridePropertiesFile=false' "$TMPDIR/bc$jsec" || fail "could not set overridePropertiesFile=false"
scan bc --env "JAVA_TOOL_OPTIONS=-Djava.security.properties=/etc/java/nonfips.security"
expect bc pass "which the JDK ignores: $jsec does not set security.overridePropertiesFile=true"

# ---- java.security edited to put a non-FIPS provider first: fails naming the file ----------
plant edited java-bcfips
f=$TMPDIR/edited$jsec
sed -i 's/^security\.provider\.1=.*/security.provider.1=SunJSSE/' "$f"
grep -qx 'security.provider.1=SunJSSE' "$f" || fail "could not edit $f"
scan edited
expect edited fail "$jsec: java Java $jv" "first security provider is SunJSSE: not a FIPS provider" \
	"bc-fips jars: /usr/share/java/bc-fips-2.0.0.jar"
echo "ok: BCFIPS first passes; a non-FIPS provider first, by edit or by override, fails naming $jsec"
