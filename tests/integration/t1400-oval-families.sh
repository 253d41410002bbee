# The OVAL test families SSG content needs beyond the first ones
# (tests/fixtures/oval/families-oval.xml, one or two definitions each:
# symlink, xmlfilecontent, password, shadow, systemdunitproperty,
# systemdunitdependency, selinuxboolean, selinuxsecuritycontext), on a
# tree where every definition holds and one where each fails
# (tests/fixtures/oval-families.sh), against real peers:
#  - symlink, xmlfilecontent, password (1-6) and the OR of 17: OpenSCAP
#    offline (OSCAP_PROBE_ROOT) gives the same rule results;
#  - shadow (7-9): OpenSCAP's shadow probe has no offline mode ("Requested
#    offline mode is not supported"), so it is run on the scanning host
#    in a private mount namespace with the fixture's /etc/passwd and
#    /etc/shadow bind-mounted over the host's (root and unshare needed;
#    skipped with a reason otherwise);
#  - systemd (10-14): OpenSCAP asks the scanning host's systemd over D-Bus
#    (offline it says unknown, and online it would describe the host), so
#    the right answer is asserted: what the fixture's unit files say, with
#    UnitFileState and masking cross-checked with `systemctl --root`;
#  - selinux (15, 16): OpenSCAP reads the scanning host's SELinux state,
#    not the target's; a root filesystem has no running kernel, so the
#    right answer is notapplicable, with a message saying why.
# And: the shadow hash never leaves the scanner (XCCDF, ARF, JSON,
# stdout), and hostile XML (an external entity, entity expansion, deep
# nesting) is neither fetched, expanded nor fatal.
. "$(dirname "$0")/lib.sh"
command -v oscap >/dev/null 2>&1 || skip "oscap not installed (openscap-scanner): differential test not run"
here=$(cd "$(dirname "$0")" && pwd)
ns_ok=0
if [ "$(id -u)" = 0 ] && unshare -m true 2>/dev/null; then ns_ok=1; fi

for mode in passing failing; do
	d=$TMPDIR/$mode
	mkdir -p "$d"
	sh "$here/../fixtures/oval-families.sh" "$d" "$mode"
	run --rootfs "$d/root" --results "$d/sc.xml" --results-arf "$d/arf.xml" \
	    --json "$d/sc.json" "$d/families-xccdf.xml"
	[ "$rc" = 0 ] || [ "$rc" = 2 ] || { cat "$TMPDIR/err"; fail "$mode: exit $rc"; }
	cat "$TMPDIR/out" "$TMPDIR/err" >"$d/sc.out"
	oscap_eval "$d" families-xccdf.xml
	rule_lists "$d"
	[ "$(wc -l <"$d/sc")" = 17 ] || fail "$mode: $(wc -l <"$d/sc") rule-results, expected 17"
	want=pass; [ "$mode" = failing ] && want=fail
	# symlink, xmlfilecontent, password, and an OR: OpenSCAP offline
	join "$d/sc" "$d/os" | awk -v m="$mode" -v w="$want" '
		$1 <= 6 || $1 == 17 {
			if ($2 != $3) { print m ": rule " $1 ": stigcheck " $2 ", OpenSCAP " $3; bad = 1 }
			if ($2 != w) { print m ": rule " $1 " is " $2 ", expected " w; bad = 1 }
		}
		END { exit bad }' >"$TMPDIR/diff" || fail "$(cat "$TMPDIR/diff")"
	# shadow: OpenSCAP on the host, with the fixture's account files
	for n in 7 8 9; do
		[ "$(awk -v n=$n '$1 == n { print $2 }' "$d/sc")" = "$want" ] ||
		    fail "$mode: shadow rule $n is not $want"
	done
	if [ "$ns_ok" = 1 ]; then
		( cd "$d" && unshare -m sh -c "mount --bind '$d/root/etc/shadow' /etc/shadow &&
		    mount --bind '$d/root/etc/passwd' /etc/passwd &&
		    oscap xccdf eval --rule xccdf_org.stigcheck.test_rule_7 \
		    --rule xccdf_org.stigcheck.test_rule_8 --rule xccdf_org.stigcheck.test_rule_9 \
		    --results '$d/os-ns.xml' '$d/families-xccdf.xml'" >"$d/os-ns.out" 2>&1 ) || true
		[ -f "$d/os-ns.xml" ] || { cat "$d/os-ns.out"; fail "$mode: oscap (namespace) wrote no results"; }
		for n in 7 8 9; do
			o=$(result_of "$d/os-ns.xml" "_rule_$n")
			[ "$o" = "$want" ] || fail "$mode: shadow rule $n: OpenSCAP on the fixture's /etc/shadow says $o, stigcheck $want"
		done
	else
		echo "$mode: shadow not compared with OpenSCAP: needs root and unshare -m (its shadow probe has no offline mode)"
	fi
	# systemd: the unit files decide; systemctl --root agrees on the states
	for n in 10 11 12 13 14; do
		[ "$(awk -v n=$n '$1 == n { print $2 }' "$d/sc")" = "$want" ] ||
		    fail "$mode: systemd rule $n is $(awk -v n=$n '$1 == n { print $2 }' "$d/sc"), expected $want (OpenSCAP: $(awk -v n=$n '$1 == n { print $2 }' "$d/os"), from the host's D-Bus)"
	done
	if command -v systemctl >/dev/null 2>&1; then
		s=$(systemctl --root="$d/root" is-enabled sshd.service 2>/dev/null || true)
		[ "$(result_of "$d/sc.xml" _rule_13)" = "$([ "$s" = enabled ] && echo pass || echo fail)" ] ||
		    fail "$mode: UnitFileState of sshd.service disagrees with systemctl --root ($s)"
		s=$(systemctl --root="$d/root" is-enabled ctrl-alt-del.target 2>/dev/null || true)
		[ "$(result_of "$d/sc.xml" _rule_12)" = "$([ "$s" = masked ] && echo pass || echo fail)" ] ||
		    fail "$mode: masking of ctrl-alt-del.target disagrees with systemctl --root ($s)"
	fi
	# selinux on a root filesystem: not applicable, saying why
	for n in 15 16; do
		[ "$(result_of "$d/sc.xml" "_rule_$n")" = notapplicable ] || fail "$mode: rule $n is not notapplicable"
		xmllint --xpath "string(//*[local-name()='rule-result'][substring-after(@idref,'_rule_')='$n']/*[local-name()='message'])" \
		    "$d/sc.xml" | grep -q "no running kernel" || fail "$mode: rule $n: no message saying why it is not applicable"
	done
	# the hash never leaves the scanner, and the items say [redacted]
	grep -l HASHMARK "$d/sc.xml" "$d/arf.xml" "$d/sc.json" "$d/sc.out" && fail "$mode: a password hash leaked"
	grep -q '<unix-sys:password>\[redacted\]</unix-sys:password>' "$d/arf.xml" || fail "$mode: no redacted shadow item in the ARF"
	validate_xccdf "$d/sc.xml"
	echo "$mode: 17 rule-results right (7 agree with OpenSCAP offline, shadow with OpenSCAP on the fixture's files)"
done
cmp -s "$TMPDIR/passing/sc" "$TMPDIR/failing/sc" && fail "passing and failing trees give the same results"

# hostile XML: an external entity (file and network), entity expansion,
# deep nesting; definition 3's file replaced by each
h=$TMPDIR/hostile
mkdir -p "$h/root/etc/app"
echo TOPSECRET >"$TMPDIR/secret"
cat >"$h/root/etc/app/xxe.xml" <<X
<?xml version="1.0"?>
<!DOCTYPE a [<!ENTITY x SYSTEM "file://$TMPDIR/secret"><!ENTITY n SYSTEM "http://127.0.0.1:9/x">]>
<a>&x;&n;</a>
X
{
	printf '<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY l0 "lol">'
	for i in 1 2 3 4 5 6 7 8 9; do
		printf '<!ENTITY l%s "' $i
		for k in 1 2 3 4 5 6 7 8 9 10; do printf '&l%s;' $((i - 1)); done
		printf '">'
	done
	printf ']>\n<a>&l9;</a>\n'
} >"$h/root/etc/app/laughs.xml"
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "<a>"; for (i = 0; i < 100000; i++) printf "</a>"; print "" }' \
    >"$h/root/etc/app/deep.xml"
cp "$TMPDIR/passing/families-xccdf.xml" "$h/"
for f in xxe laughs deep; do
	sed -e "s|/etc/app/config.xml|/etc/app/$f.xml|; s|/config/setting\[@name='tls'\]/text()|string(/a)|" \
	    "$TMPDIR/passing/families-oval.xml" >"$h/families-oval.xml"
	t0=$(date +%s)
	run --rootfs "$h/root" --results "$h/sc.xml" --results-arf "$h/arf.xml" "$h/families-xccdf.xml"
	[ "$rc" = 0 ] || [ "$rc" = 2 ] || { cat "$TMPDIR/err"; fail "hostile $f: exit $rc"; }
	[ $(($(date +%s) - t0)) -lt 60 ] || fail "hostile $f: took over 60 s"
	grep -q TOPSECRET "$h/sc.xml" "$h/arf.xml" "$TMPDIR/out" && fail "hostile $f: an external entity was read"
	r=$(result_of "$h/sc.xml" _rule_3)
	case $f in
	xxe) [ "$r" = fail ] || fail "hostile xxe: rule 3 is $r, expected fail (the entity is not expanded)" ;;
	*) [ "$r" = error ] || fail "hostile $f: rule 3 is $r, expected error (libxml2 refuses the document)"
	   grep -q "not well-formed XML" "$h/sc.xml" || fail "hostile $f: no message naming the refused file" ;;
	esac
done
echo "hostile XML: no entity fetched or expanded; expansion and nesting bombs are errors"

# a link whose ".." climbs above the target's root is reported as
# resolving outside the target, never followed on the host (OpenSCAP, in
# its chroot, would clamp it at the root instead; stigcheck says so)
ln -s ../../../../etc/hostname "$h/root/etc/localtime"
run --rootfs "$h/root" --results "$h/sc.xml" "$h/families-xccdf.xml"
[ "$rc" = 0 ] || [ "$rc" = 2 ] || { cat "$TMPDIR/err"; fail "escaping link: exit $rc"; }
[ "$(result_of "$h/sc.xml" _rule_1)" = error ] || fail "escaping link: rule 1 is not error"
grep -q "outside the target" "$h/sc.xml" || fail "escaping link: no message saying it resolves outside the target"
echo "a link escaping the root: error, not followed"
exit 0
