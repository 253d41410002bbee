# Verdicts no stronger than their evidence (issue 13, item 3): a rule that
# needs an inventory (the programs on the PATH directories, a settings
# file) never passes on a fixed path list or on a file's absence when the
# inventory could not be taken.  For each rule changed: a passing root, a
# failing one (each of which the fixed path lists passed), and one
# without the inventory (no PATH directory, no package database, no
# /etc/login.defs), which must not pass.
. "$(dirname "$0")/lib.sh"
[ "$(id -u)" = 0 ] || skip "needs root to create root-owned fixture files"
fx=$(cd "$(dirname "$0")/../fixtures" && pwd)
# fixture NAME [path]: a basic root (no package database), with /usr/bin
# unless NAME ends in -nopath
fixture() {
	root=$TMPDIR/$1
	rm -rf "$root"
	sh "$fx/basic-root.sh" "$root"
	case $1 in *-nopath) ;; *) mkdir -p "$root/usr/bin" ;; esac
}
exe() { mkdir -p "$(dirname "$root/$1")"; printf '\177ELF' >"$root/$1"; chmod 0755 "$root/$1"; }
scan() {
	run --rootfs "$root" --results "$TMPDIR/$1.xml"
	[ "$rc" = 0 ] || [ "$rc" = 2 ] || { cat "$TMPDIR/err"; fail "$1: exit $rc"; }
}
# want NAME RULE RESULT [EVIDENCE]
want() {
	got=$(result_of "$TMPDIR/$1.xml" "_rule_$2")
	[ "$got" = "$3" ] || { rule_messages "$TMPDIR/$1.xml" "$2"; fail "$1: $2 is $got, expected $3"; }
	if [ -n "${4:-}" ]; then
		rule_messages "$TMPDIR/$1.xml" "$2" | grep -qF -- "$4" || {
			rule_messages "$TMPDIR/$1.xml" "$2"; fail "$1: $2 evidence lacks '$4'"; }
	fi
}
REMOTE_SRG="remote_access_monitored remote_access_controlled dod_banner_public_access"

# ---- passing: PATH directories searched, nothing there ----
fixture pass
printf 'UMASK 077\n' >"$root/etc/login.defs"
scan pass
want pass remote_access_services_absent pass "no remote-access service among the executables of"
want pass ssh_fips_ciphers pass
want pass ssh_fips_macs pass
want pass cached_authenticators_limited notapplicable
for r in $REMOTE_SRG; do want pass "$r" notapplicable; done
want pass login_defs_umask_077 pass
want pass accounts_no_usable_password pass

# ---- failing: daemons off the fixed paths (each passed before) ----
fixture local
exe usr/local/sbin/sshd
exe usr/local/bin/sssd
scan local
want local remote_access_services_absent fail "/usr/local/sbin/sshd: sshd is on the PATH (remote-access service)"
want local ssh_fips_ciphers fail "/usr/local/sbin/sshd: sshd is on the PATH (OpenSSH server)"
want local ssh_fips_macs fail "/usr/local/sbin/sshd: sshd is on the PATH"
want local cached_authenticators_limited notchecked "/usr/local/bin/sssd: sssd is on the PATH"
for r in $REMOTE_SRG; do want local "$r" notchecked "/usr/local/sbin/sshd: sshd is on the PATH (remote logon daemon)"; done
# a dropbear multi-call binary on the target's own PATH
fixture drop
exe opt/tools/dropbearmulti
run --rootfs "$root" --env PATH=/opt/tools:/usr/bin --results "$TMPDIR/drop.xml"
[ "$rc" = 0 ] || [ "$rc" = 2 ] || { cat "$TMPDIR/err"; fail "drop: exit $rc"; }
want drop ssh_fips_ciphers fail "/opt/tools/dropbearmulti: dropbearmulti is on the PATH (Dropbear SSH server)"
want drop remote_access_services_absent fail "/opt/tools/dropbearmulti"

# login.defs: a permissive UMASK fails; no file is not a pass
fixture umask
printf 'UMASK 022\n' >"$root/etc/login.defs"
scan umask
want umask login_defs_umask_077 fail "UMASK setting that grants group or others access"
rm "$root/etc/login.defs"
scan umask-missing
want umask-missing login_defs_umask_077 notchecked "no /etc/login.defs in the target: what it would set is left to built-in defaults the target does not show"

# accounts: with no /etc/shadow, a hash kept in /etc/passwd is usable
fixture pw
rm "$root/etc/shadow"
scan pw-noshadow
want pw-noshadow accounts_no_usable_password pass
echo 'legacy:$6$salt$UGFzc3dvcmRIYXNoSW5QYXNzd2Q:1001:1001::/:/bin/sh' >>"$root/etc/passwd"
scan pw
want pw accounts_no_usable_password fail "/etc/passwd:4: legacy:[redacted]:1001"
grep -q UGFzc3dvcmRIYXNo "$TMPDIR/pw.xml" && fail "the hash reached the results"

# ---- inventory missing: no PATH directory and no package database ----
fixture inv-nopath
scan inv
for r in remote_access_services_absent ssh_fips_ciphers ssh_fips_macs cached_authenticators_limited $REMOTE_SRG; do
	want inv "$r" notchecked "none of the PATH directories"
done
echo "passing, failing and inventory-missing roots give pass, fail and notchecked"
exit 0
