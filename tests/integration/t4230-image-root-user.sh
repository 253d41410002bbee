# An image whose config runs as root fails container_not_root at image
# scan time: User empty, "0", "root", "0:0", or a name with uid 0 in the
# image's /etc/passwd.  A non-root User (a uid, "uid:0", a name with
# another uid) passes; a name the image does not know is an error.  On a
# root filesystem the rule stays notapplicable (no config, no process).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../fixtures/targets.sh"
tree=$TMPDIR/tree
sh "$(dirname "$0")/../fixtures/basic-root.sh" "$tree"
echo 'toor:x:0:0::/root:/bin/sh' >>"$tree/etc/passwd"
echo 'app:x:1000:1000::/app:/bin/sh' >>"$tree/etc/passwd"
make_layer "$tree" "$TMPDIR/l.tar"

# verdict USER RESULT TEXT: an image running as USER gets RESULT, and its
# message says TEXT
verdict() {
	IMAGE_USER=$1 make_docker_archive "$TMPDIR/img.tar" "$TMPDIR/l.tar"
	run --image "$TMPDIR/img.tar" --results "$TMPDIR/r.xml"
	expect_scanned "User '$1'"
	got=$(result_of "$TMPDIR/r.xml" _rule_container_not_root)
	[ "$got" = "$2" ] || fail "User '$1': $got, expected $2"
	xmllint --xpath "string(//*[local-name()='rule-result'][@idref='xccdf_org.stigcheck_rule_container_not_root']/*[local-name()='message'])" \
		"$TMPDIR/r.xml" | grep -qF -- "$3" || fail "User '$1': message lacks '$3'"
}
verdict "" fail "sets no User"
verdict 0 fail "User is '0' (uid 0)"
verdict root fail "User is 'root' (uid 0)"
verdict 0:0 fail "User is '0:0' (uid 0)"
verdict toor fail "User is 'toor' (uid 0)"
verdict root:1000 fail "(uid 0)"
verdict 65532 pass "User is '65532' (uid 65532)"
verdict app pass "User is 'app' (uid 1000)"
verdict 1000:0 pass "(uid 1000)"
verdict nosuch error "'nosuch' is not in the image's /etc/passwd"

# the tree itself: no config, no process
run --rootfs "$tree" --results "$TMPDIR/t.xml"
[ "$(result_of "$TMPDIR/t.xml" _rule_container_not_root)" = notapplicable ] || fail "rootfs: not notapplicable"
exit 0
