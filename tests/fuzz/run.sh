#!/bin/sh
# run.sh BUILD SECONDS: run every fuzz harness in BUILD/fuzz for SECONDS on
# a scratch copy of its corpus (tests/fuzz/corpus/NAME seeds it; new inputs
# stay in BUILD/fuzz/corpus/NAME), one line per harness with its runs.  A
# finding (crash, leak, sanitizer report, timeout) leaves its input in
# BUILD/fuzz/findings/ and fails.
set -u
build=$1; secs=$2
here=$(cd "$(dirname "$0")" && pwd)
fail=0
mkdir -p "$build/findings"
for h in "$build"/fuzz/fuzz_*; do
	[ -x "$h" ] || continue
	name=$(basename "$h")
	corpus="$build/corpus/$name"
	mkdir -p "$corpus"
	[ -d "$here/corpus/$name" ] && cp -n "$here/corpus/$name"/* "$corpus"/ 2>/dev/null
	log="$build/$name.log"
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
		"$h" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
		-artifact_prefix="$build/findings/$name-" "$corpus" >"$log" 2>&1
	rc=$?
	runs=$(grep -Eo 'Done [0-9]+ runs' "$log" | grep -Eo '[0-9]+' | tail -n1)
	if [ $rc -eq 0 ]; then
		printf 'fuzz %-16s %10s runs in %ss, no finding\n' "$name" "${runs:-?}" "$secs"
	else
		printf 'fuzz %-16s FINDING (exit %d), see %s\n' "$name" $rc "$log"
		grep -E 'ERROR|SUMMARY|runtime error' "$log" | head -n 5 | sed 's/^/    /'
		fail=1
	fi
done
exit $fail
