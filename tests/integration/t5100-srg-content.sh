# The GPOS SRG rules under content/rules/srg on a clean root and on
# mutations of it: each mutation changes exactly the results of the rules
# it concerns (compared rule by rule with the clean scan).
#   - password predicate (no_password_logon): notapplicable -> notchecked
#   - login-service predicate (no_login_service): notapplicable -> notchecked
#   - audit tools, system directories, automatic logon: pass -> fail
#   - login.defs UMASK: notchecked without the file, pass or fail with it
#   - cached authenticators (sssd/winbindd): notapplicable -> notchecked
. "$(dirname "$0")/lib.sh"
[ "$(id -u)" = 0 ] || skip "needs root to create root-owned fixture files"
# (with /usr/bin, as every real root has: the clear-text tools rule searches it)
fixture() { rm -rf "$TMPDIR/root"; sh "$(dirname "$0")/../fixtures/basic-root.sh" "$TMPDIR/root"; root=$TMPDIR/root; mkdir -p "$root/usr/bin"; }
# scan NAME: scan $root, keep "RULE RESULT" lines sorted in $TMPDIR/NAME.
# Under VALGRIND=1 only the first scans run under valgrind: the clean root
# and the first mutations reach every code path the later ones do (file
# and lines tests, outcomes, evidence), at a fraction of the time.
scans=0
scan() {
	scans=$((scans + 1))
	[ "${VALGRIND:-0}" = 1 ] && [ $scans -gt 8 ] && SC=$STIGCHECK
	run --rootfs "$root" --results "$TMPDIR/$1.xml"
	[ "$rc" = 0 ] || [ "$rc" = 2 ] || { cat "$TMPDIR/err"; fail "$1: exit $rc"; }
	awk '$3 ~ /^xccdf_org\.stigcheck_rule_/ { sub(/^xccdf_org\.stigcheck_rule_/, "", $3); print $3, $1 }' \
		"$TMPDIR/out" | sort >"$TMPDIR/$1"
	[ -s "$TMPDIR/$1" ] || fail "$1: no rule results on the console"
}
# changed NAME "rule:old>new ...": the scan differs from the clean one in
# exactly these rules
changed() {
	got=$(join "$TMPDIR/clean" "$TMPDIR/$1" | awk '$2 != $3 { print $1 ":" $2 ">" $3 }' | sort | tr '\n' ' ')
	want=$(for c in $2; do echo "$c"; done | sort | tr '\n' ' ')
	[ "$got" = "$want" ] || fail "$1: changed rules
  got:  $got
  want: $want"
	echo "ok $1"
}

PW="password_requires_uppercase password_requires_lowercase password_requires_digit
password_requires_special password_change_differs password_minimum_lifetime
password_maximum_lifetime password_minimum_length password_no_dictionary_words
password_not_compromised password_change_after_recovery password_long_passphrases
password_selection_assistance logon_attempt_limit logon_lockout_until_released
logon_failure_delay authentication_feedback_obscured reauthentication_changing_authenticator"
BOTH="dod_banner_before_access dod_banner_acknowledgement concurrent_session_limit
session_lock_until_reauthentication session_lock_after_inactivity session_lock_on_demand
session_lock_conceals_display session_termination_after_inactivity session_logoff_capability
session_logoff_message mfa_network_privileged mfa_network_unprivileged mfa_local_privileged
mfa_local_unprivileged individual_before_group_authenticator replay_resistant_privileged
replay_resistant_unprivileged nonorganizational_user_authentication piv_credentials_accepted
piv_credentials_verified pki_certificate_path_validation pki_identity_mapping
pki_revocation_cache dod_pki_for_session_authentication mfa_device_strength
external_credentials_nist_compliant temporary_accounts_expire emergency_accounts_expire
inactive_accounts_disabled unassociated_accounts_disabled"
REMOTE="dod_banner_public_access remote_access_monitored remote_access_controlled
remote_access_disconnect network_session_termination maintenance_strong_authenticators
mfa_remote_separate_device maintenance_session_integrity maintenance_session_confidentiality
maintenance_disconnect_verified management_separated_from_user_functions
management_interface_isolated"
TOOLS="audit_tools_access_protected audit_tools_modification_protected audit_tools_deletion_protected"
to() { for r in $1; do printf '%s:%s ' "$r" "$2"; done; }

fixture
scan clean
expect_scanned "clean root (its FIPS rules fail: no OpenSSL)"
grep -q ' error$' "$TMPDIR/clean" && fail "error results on the clean root: $(grep ' error$' "$TMPDIR/clean")"
for r in $PW $BOTH $REMOTE cached_authenticators_limited; do
	grep -qx "$r notapplicable" "$TMPDIR/clean" || fail "clean: $r is not notapplicable"
done
for r in $TOOLS system_directories_root_controlled no_automatic_logon; do
	grep -qx "$r pass" "$TMPDIR/clean" || fail "clean: $r is not pass"
done
# no /etc/login.defs: the built-in default umask is not in the image
grep -qx "login_defs_umask_077 notchecked" "$TMPDIR/clean" || fail "clean: login_defs_umask_077 is not notchecked"
for r in process_umask_reviewed supported_os_version security_updates_installed; do
	grep -qx "$r notchecked" "$TMPDIR/clean" || fail "clean: $r is not notchecked"
done
grep -qx "audit_account_creation notapplicable" "$TMPDIR/clean" || fail "clean: audit rule not notapplicable"
# the outcome is explained in the evidence
grep -q 'Not applicable: the target has nothing this requirement covers' "$TMPDIR/clean.xml" || fail "no outcome message"

# ---- who can log on with a password ----
fixture
echo 'legacy:$6$salt$UGFzc3dvcmRIYXNoSW5QYXNzd2Q:1001:1001::/home/legacy:/bin/sh' >>"$root/etc/passwd"
scan passwd_hash
changed passwd_hash "$(to "$PW $BOTH" 'notapplicable>notchecked') accounts_no_usable_password:pass>fail"
grep -q 'UGFzc3dvcmRIYXNo' "$TMPDIR/passwd_hash.xml" && fail "passwd hash leaked into the results"
grep -q '/etc/passwd:4: legacy:\[redacted\]:1001' "$TMPDIR/passwd_hash.xml" || fail "passwd evidence missing"

fixture
echo 'guest::1002:1002::/:/bin/sh' >>"$root/etc/passwd"
scan passwd_empty
changed passwd_empty "$(to "$PW $BOTH" 'notapplicable>notchecked') accounts_no_usable_password:pass>fail"

fixture
printf 'passwd: files ldap # directory\ngroup: files\nshadow: files\n' >"$root/etc/nsswitch.conf"
scan nss_ldap
changed nss_ldap "$(to "$PW $BOTH" 'notapplicable>notchecked')"

fixture
printf '# passwd: ldap\npasswd: files systemd\nhosts: files dns ldap\n' >"$root/etc/nsswitch.conf"
scan nss_files
changed nss_files ""

fixture
echo 'app:$6$salt$QmFzZTY0SGFzaA:19000:0:99999:7:::' >>"$root/etc/shadow"
scan shadow_hash
changed shadow_hash "$(to "$PW $BOTH" 'notapplicable>notchecked') accounts_no_usable_password:pass>fail"

# ---- a remote logon daemon in the image ----
fixture
mkdir -p "$root/usr/sbin" && printf '\177ELF' >"$root/usr/sbin/sshd" && chmod 0755 "$root/usr/sbin/sshd"
scan sshd
# (an sshd also fails the automated remote-access and SSH FIPS rules)
changed sshd "$(to "$BOTH $REMOTE" 'notapplicable>notchecked') remote_access_services_absent:pass>fail ssh_fips_ciphers:pass>fail ssh_fips_macs:pass>fail"
xmllint --xpath "string(//*[local-name()='rule-result'][contains(@idref,'_rule_remote_access_monitored')])" "$TMPDIR/sshd.xml" |
	grep -q '/usr/sbin/sshd exists (a regular file) and must not' || fail "sshd evidence missing"

fixture
mkdir -p "$root/usr/lib/cockpit" && : >"$root/usr/lib/cockpit/cockpit-ws"
scan cockpit
changed cockpit "$(to "$BOTH $REMOTE" 'notapplicable>notchecked')"

fixture
mkdir -p "$root/usr/sbin" && ln -s /usr/bin/nonexistent "$root/usr/sbin/dropbear"
scan dangling
changed dangling ""

# ---- audit tools ----
fixture
mkdir -p "$root/usr/sbin" && : >"$root/usr/sbin/auditctl" && chmod 0755 "$root/usr/sbin/auditctl"
scan tools_ok
changed tools_ok ""
chmod 0775 "$root/usr/sbin/auditctl"
scan tools_mode
changed tools_mode "$(to "$TOOLS" 'pass>fail') system_commands_protected:pass>fail"
chmod 0755 "$root/usr/sbin/auditctl" && chown 65532 "$root/usr/sbin/auditctl"
scan tools_owner
changed tools_owner "$(to "$TOOLS" 'pass>fail') system_commands_protected:pass>fail"
chown 0 "$root/usr/sbin/auditctl" && chmod 0777 "$root/usr/sbin"
scan sbin_dir
changed sbin_dir "audit_tools_deletion_protected:pass>fail system_commands_protected:pass>fail world_writable_dirs_sticky:pass>fail"

# ---- system directories ----
fixture
chmod 0775 "$root/etc"
scan etc_dir
changed etc_dir "system_directories_root_controlled:pass>fail"
fixture
mkdir -p "$root/var/lib" && chown 65532 "$root/var/lib"
scan varlib_owner
changed varlib_owner "system_directories_root_controlled:pass>fail"

# ---- login.defs UMASK ----
fixture
printf '# UMASK 022\nUMASK\t077\n' >"$root/etc/login.defs"
scan umask_077
changed umask_077 "login_defs_umask_077:notchecked>pass"
printf 'UMASK 0077\n' >"$root/etc/login.defs"
scan umask_0077
changed umask_0077 "login_defs_umask_077:notchecked>pass"
printf 'UMASK  077\n' >"$root/etc/login.defs"
scan umask_spaces
changed umask_spaces "login_defs_umask_077:notchecked>pass"
printf 'UMASK 077\nUMASK 022\n' >"$root/etc/login.defs"
scan umask_last
changed umask_last "login_defs_umask_077:notchecked>fail"
printf '#UMASK 077\nUMASK 022\n' >"$root/etc/login.defs"
scan umask_022
changed umask_022 "login_defs_umask_077:notchecked>fail"
printf 'PASS_MAX_DAYS 60\n' >"$root/etc/login.defs"
scan umask_none
changed umask_none "login_defs_umask_077:notchecked>fail"

# ---- automatic logon ----
for case in \
	"etc/gdm3/daemon.conf|[daemon]\nAutomaticLoginEnable = true\nAutomaticLogin = user\n|fail" \
	"etc/gdm3/daemon.conf|[daemon]\n# AutomaticLoginEnable = true\nAutomaticLoginEnable=false\n|pass" \
	"etc/gdm/custom.conf|[daemon]\nTimedLoginEnable=True\n|fail" \
	"etc/lightdm/lightdm.conf|[Seat:*]\nautologin-user=kiosk\n|fail" \
	"etc/sddm.conf|[Autologin]\nUser=kiosk\n|fail" \
	"etc/inittab|tty1::respawn:/sbin/getty -a root 38400 tty1\n|fail" \
	"etc/inittab|::respawn:/bin/login -f root\n|fail" \
	"etc/inittab|tty1::respawn:/sbin/getty 38400 tty1\n|pass" \
	"etc/systemd/system/getty@tty1.service.d/override.conf|[Service]\nExecStart=\nExecStart=-/sbin/agetty --autologin root --noclear %%I \$TERM\n|fail"
do
	f=${case%%|*}; rest=${case#*|}; content=${rest%|*}; want=${rest##*|}
	fixture
	mkdir -p "$root/$(dirname "$f")" && printf "$content" >"$root/$f"
	scan autologin
	if [ "$want" = fail ]; then
		changed autologin "no_automatic_logon:pass>fail"
	else
		changed autologin ""
	fi
done

# ---- cached authenticators ----
fixture
mkdir -p "$root/usr/sbin" && : >"$root/usr/sbin/sssd"
scan sssd
changed sssd "cached_authenticators_limited:notapplicable>notchecked"
exit 0
