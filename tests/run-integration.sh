#!/bin/sh
# Run every tests/integration/t*.sh.  Each script gets STIGCHECK (the
# binary), BUILD (build dir), SHARED (../shared) and TMPDIR (a fresh
# directory it may use), and exits 0 (pass), 77 (skip, with a reason on
# stdout) or anything else (fail).  VALGRIND=1 runs stigcheck under
# valgrind.  Pass test names as arguments to run only those.
set -u
here=$(cd "$(dirname "$0")" && pwd)
: "${STIGCHECK:?}" "${SHARED:?}" "${BUILD:?}"
export STIGCHECK SHARED BUILD
fail=0; n=0; skipped=0
tests=$(ls "$here"/integration/t*.sh)
[ $# -gt 0 ] && tests=$(for a in "$@"; do ls "$here"/integration/$a*; done)
for t in $tests; do
	name=$(basename "$t" .sh)
	work=$(mktemp -d "${TMPDIR:-/tmp}/stigcheck-it.XXXXXX")
	log="$work.log"
	t0=$(date +%s)
	TMPDIR=$work sh "$t" >"$log" 2>&1
	rc=$?
	secs=$(( $(date +%s) - t0 ))
	n=$((n + 1))
	case $rc in
	0) echo "ok   $name (${secs}s)" ;;
	77) echo "skip $name: $(tail -n1 "$log")"; skipped=$((skipped + 1)) ;;
	*) echo "FAIL $name (exit $rc)"; sed 's/^/    /' "$log" | tail -n 40; fail=1 ;;
	esac
	rm -rf "$work" "$log"
done
echo "integration: $n tests, $skipped skipped, $([ $fail = 0 ] && echo all passed || echo FAILURES)"
exit $fail
