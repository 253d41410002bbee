#!/bin/sh
# fleet.sh STIGCHECK: what --all-containers costs for 20 containers of one
# image against one container of it.
#
# The image is the Debian 12 minbase root the main bench caches
# ($STIGCHECK_CACHE/debootstrap-bookworm-minbase, ~6,800 files; built by
# tests/bench/run.sh), else a busybox root; it is imported into root
# podman as a local image (no registry).  Then:
#   one:  `stigcheck --container NAME` (one scan, one runtime lookup)
#   all:  `stigcheck --all-containers --output-dir DIR` with 20 containers
#         of that image running (plus whatever else runs on the node: the
#         count is printed)
# Wall and CPU (user+sys) time are the median of BENCH_RUNS runs (default
# 3); the ratios all/one are printed against the bar of 3, with what a
# later container took from the first (summary.json "shared": directory
# listings replayed, per-file results reused).  Everything made
# here is removed at the end.  Needs root and podman.
set -eu
prog=$1
n=${BENCH_CONTAINERS:-20}
runs=${BENCH_RUNS:-3}
cache=${STIGCHECK_CACHE:-/var/cache/stigcheck}
deb=$cache/debootstrap-bookworm-minbase
work=$(mktemp -d "${TMPDIR:-/tmp}/stigcheck-fleet.XXXXXX")
tag=scfleetbench$$
img=localhost/$tag:1
cts=""
cleanup() {
	for c in $cts; do podman rm -f -t 0 "$c" >/dev/null 2>&1 || true; done
	podman rmi -f "$img" >/dev/null 2>&1 || true
	rm -rf "$work"
}
trap cleanup EXIT
[ "$(id -u)" = 0 ] || { echo "fleet bench: needs root"; exit 0; }
command -v podman >/dev/null || { echo "fleet bench: needs podman"; exit 0; }
[ -x /usr/bin/time ] || { echo "fleet bench: needs /usr/bin/time"; exit 0; }
if [ -z "${CONTAINERS_CONF:-}" ]; then
	printf '[containers]\ndefault_ulimits = []\n[engine]\nruntime = "runc"\n' >"$work/containers.conf"
	CONTAINERS_CONF=$work/containers.conf
	export CONTAINERS_CONF
fi

if [ -f "$deb/.complete" ] || [ -x "$deb/bin/sleep" ]; then
	what="Debian 12 minbase ($(find "$deb" -xdev | wc -l) entries)"
	tar -C "$deb" -cf - . | podman import - "$img" >/dev/null 2>"$work/import.err" ||
	    { cat "$work/import.err" >&2; exit 1; }
	cmd="/bin/sleep 100000"
else
	root=$work/root
	here=$(cd "$(dirname "$0")/../fixtures" && pwd)
	sh "$here/basic-root.sh" "$root"
	mkdir -p "$root/bin"
	cp /bin/busybox "$root/bin/busybox"
	what="busybox root ($(find "$root" | wc -l) entries)"
	tar -C "$root" -cf - . | podman import - "$img" >/dev/null 2>"$work/import.err" ||
	    { cat "$work/import.err" >&2; exit 1; }
	cmd="/bin/busybox sleep 100000"
fi
i=0
while [ $i -lt "$n" ]; do
	i=$((i + 1))
	cts="$cts $tag-$i"
	# shellcheck disable=SC2086
	podman run -d --name "$tag-$i" "$img" $cmd >/dev/null
done

# measure LABEL ARGS...: median wall and cpu seconds of runs
measure() {
	label=$1
	shift
	: >"$work/$label.times"
	k=0
	while [ $k -lt "$runs" ]; do
		k=$((k + 1))
		rm -rf "$work/out"
		/usr/bin/time -f '%e %U %S' -o "$work/t" "$prog" "$@" -q >/dev/null 2>"$work/err" || true
		tail -n 1 "$work/t" | awk '{ printf "%s %.2f\n", $1, $2 + $3 }' >>"$work/$label.times"
	done
	wall=$(sort -n "$work/$label.times" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
	cpu=$(sort -k2 -n "$work/$label.times" | awk '{ a[NR] = $2 } END { print a[int((NR + 1) / 2)] }')
	eval "${label}_wall=$wall ${label}_cpu=$cpu"
}
measure one --container "$tag-1" --results "$work/one.xml"
measure all --all-containers --output-dir "$work/out"
total=$(grep -c '"file":' "$work/out/summary.json" || true)
echo "fleet bench: image $what, $n containers of it ($total on the node)"
printf '  one container (--container):      wall %6.2f s  cpu %6.2f s\n' "$one_wall" "$one_cpu"
printf '  all (--all-containers, %3d):      wall %6.2f s  cpu %6.2f s\n' "$total" "$all_wall" "$all_cpu"
# what a later container took from the first (summary.json "shared")
dirs=$(grep -o '"directories": [0-9]*' "$work/out/summary.json" | awk '{ print $2 }' | sort -n | tail -n 1)
files=$(grep -o '"file_results": [0-9]*' "$work/out/summary.json" | awk '{ print $2 }' | sort -n | tail -n 1)
echo "  shared with a later container: ${dirs:-0} directories replayed, ${files:-0} file results"
awk -v a="$all_wall" -v b="$one_wall" -v c="$all_cpu" -v d="$one_cpu" 'BEGIN {
	printf "  ratio all/one: wall %.1fx, cpu %.1fx (bar: 3x)\n", a / b, c / d }'
