# Bad input: one clear line on stderr, exit status 1, no output file.
. "$(dirname "$0")/lib.sh"
root=$TMPDIR/root
sh "$(dirname "$0")/../fixtures/basic-root.sh" "$root"

run --rootfs "$TMPDIR/missing" --results "$TMPDIR/r.xml"
expect_rc 1 "missing target"; expect_err_line "$TMPDIR/missing"
[ ! -e "$TMPDIR/r.xml" ] || fail "results written for a failed scan"

run --rootfs "$root/etc/passwd"
expect_rc 1 "target is a file"; expect_err_line "not a directory"

run --rootfs "$root" "$TMPDIR/nonexistent.xml"
expect_rc 1 "missing content"; expect_err_line "nonexistent.xml"

printf '<Benchmark xmlns="http://checklists.nist.gov/xccdf/1.2" id="x">\n<oops>\n' >"$TMPDIR/bad.xml"
run --rootfs "$root" "$TMPDIR/bad.xml"
expect_rc 1 "malformed XML"; expect_err_line "bad.xml:3: malformed XML"

printf '<html/>' >"$TMPDIR/html.xml"
run --rootfs "$root" "$TMPDIR/html.xml"
expect_rc 1 "not SCAP"; expect_err_line "root element <html>"

chmod 000 "$TMPDIR/bad.xml"
if [ "$(id -u)" != 0 ]; then
	run --rootfs "$root" "$TMPDIR/bad.xml"
	expect_rc 1 "unreadable content"; expect_err_line "Permission denied"
fi

run --rootfs "$root" --profile xccdf_org.example_profile_nope
expect_rc 1 "unknown profile"; expect_err_line "no profile 'xccdf_org.example_profile_nope'"

run --rootfs "$root" --profile nope "$CHAINGUARD_DS"
expect_rc 1 "unknown profile in a data stream"; expect_err_line "no profile 'nope'"

run --bogus
expect_rc 1 "unknown option"; expect_err_line "unknown option '--bogus'"

run --rootfs
expect_rc 1 "missing argument"; expect_err_line "needs an argument"

run --rootfs "$root" --image x.tar
expect_rc 1 "two targets"; expect_err_line "give one target"

run --rootfs "$root" --env NOEQUALS
expect_rc 1 "bad --env"; expect_err_line "NAME=VALUE"

run --rootfs "$root" a.xml b.xml
expect_rc 1 "two contents"; expect_err_line "unexpected argument 'b.xml'"

run --rootfs "$root" --results "$TMPDIR/no/such/dir/r.xml"
expect_rc 1 "unwritable output"; expect_err_line "cannot write"
ls "$TMPDIR/no" 2>/dev/null && fail "created a directory"

run --help
expect_rc 0 "help"; grep -q "usage: stigcheck" "$TMPDIR/out" || fail "no usage"
run --version
expect_rc 0 "version"; grep -q "^stigcheck [0-9]" "$TMPDIR/out" || fail "no version"
# Options as users expect (issue 15): short forms, help per command, one
# value per single-value option, no option outside its command.
run -h
expect_rc 0 "-h"; grep -q "usage: stigcheck" "$TMPDIR/out" || fail "-h: no usage"
run -V
expect_rc 0 "-V"
grep -q "^commit [0-9a-f]" "$TMPDIR/out" || fail "-V: no commit"
grep -q "^built-in content xccdf_org.stigcheck_benchmark_gpos version [0-9]" "$TMPDIR/out" || fail "-V: no content"
grep -q "libxml2 .*libxslt .*OpenSSL 3.*libarchive 3" "$TMPDIR/out" || fail "-V: no library versions"
for c in scan info report help; do
	run help $c
	expect_rc 0 "help $c"; grep -q "usage: stigcheck" "$TMPDIR/out" || fail "help $c: no usage"
done
run help report
grep -q -- "--from FILE" "$TMPDIR/out" || fail "help report lacks --from"
grep -q -- "--rootfs" "$TMPDIR/out" && fail "help report lists a scan option"
run help nosuch
expect_rc 1 "help nosuch"; expect_err_line "no command 'nosuch'"
run --rootfs "$root" --rootfs "$root"
expect_rc 1 "two --rootfs"; expect_err_line "^stigcheck: --rootfs given twice"
run --rootfs "$root" --results "$TMPDIR/a.xml" --results "$TMPDIR/b.xml"
expect_rc 1 "two --results"; expect_err_line "^stigcheck: --results given twice"
[ ! -e "$TMPDIR/a.xml" ] && [ ! -e "$TMPDIR/b.xml" ] || fail "wrote results after a usage error"
run --rootfs "$root" --env OPENSSL_CONF=/a --env OPENSSL_CONF=/b
expect_rc 1 "two --env of one name"; expect_err_line "OPENSSL_CONF given twice"
run info --profile x
expect_rc 1 "info --profile"; expect_err_line "^stigcheck: --profile does not apply to 'stigcheck info'"
run --rootfs "$root" --datastream-id x
expect_rc 1 "--datastream-id without a data stream"; expect_err_line "applies to a data stream"
run --rootfs "$root" --results "$TMPDIR/same.xml" --results-arf "$TMPDIR/same.xml"
expect_rc 1 "two outputs, one file"; expect_err_line "name the same file"
exit 0
