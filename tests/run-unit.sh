#!/bin/sh
# Run the unit test binaries given as arguments; VALGRIND=1 runs each under
# valgrind with leak checking (errors fail the run).  Lines a test prints
# starting with "NOTE: " are shown even when it passes.
set -u
fail=0
for t in "$@"; do
	name=$(basename "$t")
	if [ "${VALGRIND:-0}" = 1 ]; then
		VALGRIND=1 CK_FORK=no valgrind -q --error-exitcode=99 --leak-check=full \
			--errors-for-leak-kinds=definite,indirect "$t" >"$t.log" 2>&1
	else
		"$t" >"$t.log" 2>&1
	fi
	rc=$?
	if [ $rc -eq 0 ]; then
		printf 'ok   %s (%s)\n' "$name" "$(grep -Eo '[0-9]+%: Checks: [0-9]+' "$t.log" | tail -n1)"
		grep '^NOTE: ' "$t.log" | sed 's/^/     /'
	else
		printf 'FAIL %s (exit %d)\n' "$name" $rc
		sed 's/^/    /' "$t.log" | tail -n 40
		fail=1
	fi
done
exit $fail
