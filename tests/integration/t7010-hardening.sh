#!/bin/sh
# t7010: the binary is built hardened (docs/security.md): PIE, full RELRO
# with immediate binding, stack protector, fortified libc calls (not in
# sanitizer builds, which intercept the same calls); and `make CFLAGS=...`
# still gets the pkg-config flags and the hardening.
. "$(dirname "$0")/lib.sh"
command -v readelf >/dev/null || skip "readelf not installed (binutils)"
B="$STIGCHECK"
readelf -h "$B" | grep -q 'Type:.*DYN' || fail "$B is not a position-independent executable"
readelf -lW "$B" | grep -q GNU_RELRO || fail "$B has no RELRO segment"
readelf -dW "$B" | grep -Eq 'FLAGS.*BIND_NOW|FLAGS_1.*NOW' || fail "$B is not bound at load (no BIND_NOW)"
readelf -dW "$B" | grep -q 'FLAGS_1.*PIE' || fail "$B: no PIE flag"
readelf -sW --dyn-syms "$B" | grep -q '__stack_chk_fail' || fail "$B: no stack protector"
if readelf -sW --dyn-syms "$B" | grep -q '__asan_init'; then
	echo "NOTE: sanitizer build: fortification is off by design, not checked"
else
	readelf -sW --dyn-syms "$B" | grep -Eq '__(memcpy|snprintf|vsnprintf|read|strcpy|memmove|memset)_chk' ||
		fail "$B: no fortified (_chk) libc calls"
fi
readelf -lW "$B" | grep -A1 GNU_STACK | grep -q 'RWE' && fail "$B has an executable stack"

# make CFLAGS=... replaces the variable: the build must still compile
# (pkg-config include paths) and stay hardened.  Checked on one object.
cd "$(dirname "$0")/../.."
# a make of our own: not the variables (SANITIZE=1 under check-asan) that
# the make running this test passes down, through MAKEFLAGS and through
# the environment (make exports command-line variables to its recipes)
make() { env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u SANITIZE -u OPT \
	make SANITIZE= "$@"; }
obj="$TMPDIR/b/obj/xccdf/content.o"
make -s BUILD="$TMPDIR/b" CFLAGS=-O1 "$obj" >"$TMPDIR/make.out" 2>&1 ||
	{ cat "$TMPDIR/make.out"; fail "make CFLAGS=-O1 does not build (lost the pkg-config flags?)"; }
make -s -n BUILD="$TMPDIR/b2" CFLAGS=-O1 "$TMPDIR/b2/obj/xccdf/content.o" >"$TMPDIR/make.n" 2>&1
grep -q -- '-fstack-protector-strong' "$TMPDIR/make.n" || fail "make CFLAGS=... drops -fstack-protector-strong"
grep -q -- "$(pkg-config --cflags libxml-2.0 | tr ' ' '\n' | grep -- -I | head -n1)" "$TMPDIR/make.n" ||
	fail "make CFLAGS=... drops the pkg-config flags"
grep -q -- '-D_FORTIFY_SOURCE=3' "$TMPDIR/make.n" || fail "make CFLAGS=-O1 drops _FORTIFY_SOURCE=3"
make -s -n BUILD="$TMPDIR/b2" CFLAGS=-O0 "$TMPDIR/b2/obj/xccdf/content.o" >"$TMPDIR/make.n0" 2>&1
grep -q -- '-D_FORTIFY_SOURCE' "$TMPDIR/make.n0" && fail "CFLAGS=-O0 keeps _FORTIFY_SOURCE (glibc warns, -Werror fails)"
exit 0
