# The man page and the bash completion are generated from the option table
# (tools/clidoc.c): the linter accepts the page, man renders it, every
# option of every command's --help is in it, the completion offers each
# command's options and no other's, and `make install` installs both.
. "$(dirname "$0")/lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
page=$BUILD/gen/stigcheck.1
comp=$BUILD/gen/stigcheck.bash
[ -f "$page" ] && [ -f "$comp" ] || fail "no $page or $comp (make all builds them)"
command -v mandoc >/dev/null || skip "mandoc is not installed (make deps installs it)"

mandoc -T lint -W warning "$page" >"$TMPDIR/lint" 2>&1 || { cat "$TMPDIR/lint"; fail "mandoc -T lint"; }
[ ! -s "$TMPDIR/lint" ] || { cat "$TMPDIR/lint"; fail "mandoc warnings"; }
MANPAGER=cat MANWIDTH=100 man -l "$page" >"$TMPDIR/man.txt" 2>"$TMPDIR/man.err" || fail "man -l failed"
[ ! -s "$TMPDIR/man.err" ] || { cat "$TMPDIR/man.err"; fail "man -l complained"; }
grep -q "^SYNOPSIS" "$TMPDIR/man.txt" || fail "no SYNOPSIS"
grep -q "^EXIT STATUS" "$TMPDIR/man.txt" || fail "no EXIT STATUS"
lexgrog "$page" >/dev/null || fail "lexgrog cannot read the NAME section"

# the options a usage text lists (its option lines, not its synopsis)
opts_of() { sed -En 's/^ +(-[a-zA-Z], )?(--[a-z][a-z0-9-]*).*/\2/p' "$1" | sort -u; }
# every option of every command's usage text is in the page
for c in scan info report help; do
	"$STIGCHECK" help $c >"$TMPDIR/help.$c" || fail "help $c"
	opts_of "$TMPDIR/help.$c" | while read -r o; do
		grep -q -- "$o" "$TMPDIR/man.txt" || fail "$o (help $c) is not in the man page"
	done
done

# completion: the words bash would offer
complete_words() {
	bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _stigcheck; printf "%s\n" "${COMPREPLY[@]}"' _ "$comp" "$@"
}
complete_words stigcheck report -- >"$TMPDIR/c.report"
grep -qx -- --from "$TMPDIR/c.report" || fail "completion of report lacks --from"
grep -qx -- --report "$TMPDIR/c.report" || fail "completion of report lacks --report"
grep -qx -- --rootfs "$TMPDIR/c.report" && fail "completion of report offers --rootfs"
complete_words stigcheck -- >"$TMPDIR/c.scan"
for o in $(opts_of "$TMPDIR/help.scan"); do
	grep -qx -- "$o" "$TMPDIR/c.scan" || fail "completion of the scan lacks $o"
done
complete_words stigcheck help "" | grep -qx report || fail "help COMMAND does not complete"
[ "$(complete_words stigcheck --color a)" = "$(printf 'auto\nalways')" ] || fail "--color values"

# make install puts both where man and bash-completion look
san=; case $BUILD in */asan) san=SANITIZE=1 ;; esac
make -s -C "$top" --no-print-directory BUILD="$BUILD" $san DESTDIR="$TMPDIR/d" PREFIX=/usr install >"$TMPDIR/inst" 2>&1 || { cat "$TMPDIR/inst"; fail "make install"; }
cmp "$TMPDIR/d/usr/share/man/man1/stigcheck.1" "$page" || fail "man page not installed"
cmp "$TMPDIR/d/usr/share/bash-completion/completions/stigcheck" "$comp" || fail "completion not installed"
[ -x "$TMPDIR/d/usr/bin/stigcheck" ] || fail "binary not installed"
MANPAGER=cat man -l "$TMPDIR/d/usr/share/man/man1/stigcheck.1" >/dev/null 2>&1 || fail "installed page does not render"
exit 0
