# Every automated native rule passes on a compliant apk, dpkg and rpm style
# root, and each mutation turns exactly its rules to fail (no other rule
# changes), with evidence.
. "$(dirname "$0")/lib.sh"
[ "$(id -u)" = 0 ] || skip "needs root to build fixtures with real ownership"
command -v rpmbuild >/dev/null || fail "rpmbuild missing (make deps installs rpm)"
fx=$(cd "$(dirname "$0")/../fixtures" && pwd)

# results FILE-PREFIX ROOT: "rule result" lines for the stig profile.
# The fips_* rules need a real FIPS provider and are tested by t2000 on the
# FIPS fixture; these roots have none, so they are left out here.
results() {
	run --rootfs "$2" --profile xccdf_org.stigcheck_profile_stig --color never -v
	[ "$rc" = 0 ] || [ "$rc" = 2 ] || { cat "$TMPDIR/err"; fail "scan of $2 exited $rc"; }
	cp "$TMPDIR/out" "$1.log"
	awk '$3 ~ /^xccdf_org.stigcheck_rule_/ { sub("xccdf_org.stigcheck_rule_", "", $3); print $3, $1 }' \
		"$TMPDIR/out" | grep -v '^fips_' | sort >"$1"
}

# mutation:expected-rules (space-separated); "-" style restriction after @
cases='
shadow-mode:etc_shadow_permissions
passwd-writable:etc_passwd_permissions no_world_writable_files
group-owner:etc_group_permissions
active-password:accounts_no_usable_password
uid0-alias:only_root_has_uid0 unique_account_ids
dup-group:unique_account_ids
system-shell:system_accounts_no_login
lib-writable:system_libraries_protected system_software_root_only
lib-owner:system_libraries_protected system_software_root_only
cmd-owner:system_commands_protected
cmd-writable:system_commands_protected no_world_writable_files
unowned:no_unowned_files
world-writable-file:no_world_writable_files
ww-dir:world_writable_dirs_sticky
setuid:setuid_setgid_allowlist
log-readable:var_log_not_readable_by_others error_logs_restricted
log-writable:var_log_not_readable_by_others error_logs_restricted var_log_not_writable_by_others no_world_writable_files
logdir-writable:var_log_not_readable_by_others var_log_not_writable_by_others var_log_not_deletable_by_others
logdir-owner:var_log_not_readable_by_others var_log_not_writable_by_others var_log_not_deletable_by_others error_logs_restricted
remote-access:remote_access_services_absent
sshd-binary:remote_access_services_absent ssh_fips_ciphers ssh_fips_macs
telnet:remote_access_services_absent cleartext_login_tools_absent
http-repo:package_sources_signed
unsigned:package_sources_signed
trusted-source:package_sources_signed
ca-tampered:ca_bundle_integrity
ca-no-sidecar:ca_bundle_integrity
java-store-unsealed:ca_bundle_integrity
'

for style in apk dpkg rpm; do
	clean=$TMPDIR/$style-clean
	sh "$fx/distro-root.sh" "$clean" "$style"
	results "$TMPDIR/$style-clean.res" "$clean"
	if grep -E ' (fail|error)$' "$TMPDIR/$style-clean.res" | grep -q .; then
		cat "$TMPDIR/$style-clean.res.log"
		fail "$style: clean root fails: $(grep -E ' (fail|error)$' "$TMPDIR/$style-clean.res" | tr '\n' ' ')"
	fi
	n=$(wc -l <"$TMPDIR/$style-clean.res")
	[ "$n" -ge 20 ] || fail "$style: only $n rules evaluated"
	echo "$cases" | while IFS=: read -r m expected; do
		[ -n "$m" ] || continue
		root=$TMPDIR/$style-$m
		cp -a "$clean" "$root"
		sh "$fx/distro-root.sh" "$TMPDIR/$style-$m.tmp" "$style" "$m" >/dev/null
		rm -rf "$root"; mv "$TMPDIR/$style-$m.tmp" "$root"
		results "$TMPDIR/$style-$m.res" "$root"
		# pass/fail flips of automated rules (the notapplicable ->
		# notchecked moves of the conditional SRG rules are t5100's)
		got=$(join "$TMPDIR/$style-clean.res" "$TMPDIR/$style-$m.res" |
			awk '$2 != $3 && ($2 ~ /^(pass|fail|error)$/ || $3 ~ /^(fail|error)$/) { print $1 ":" $3 }' |
			sort | tr '\n' ' ')
		want=$(for r in $expected; do echo "$r:fail"; done | sort | tr '\n' ' ')
		[ "$got" = "$want" ] || {
			cat "$TMPDIR/$style-$m.res.log"
			fail "$style/$m: changed [$got], expected [$want]"
		}
		# every failing rule says why
		for r in $expected; do
			awk -v r="xccdf_org.stigcheck_rule_$r" '$3 == r { on = 1; next } /^[a-z]/ { on = 0 } on' \
				"$TMPDIR/$style-$m.res.log" | grep -q . || fail "$style/$m: $r has no evidence"
		done
		rm -rf "$root"
	done
	echo "$style: clean root passes; $(echo "$cases" | grep -c :) mutations flip exactly their rules"
done
exit 0
