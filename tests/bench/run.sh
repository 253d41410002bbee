#!/bin/sh
# run.sh STIGCHECK SHARED: `make bench`.  stigcheck and OpenSCAP side by
# side on the Chainguard GPOS STIG data stream (profile
# xccdf_basic_profile_.check), on the same root filesystems:
#
#   - wolfi-root fixtures (tests/fixtures/wolfi-root.sh): wolfi-base, and a
#     FIPS image with OpenSSH server and client;
#   - a Debian 12 root from `debootstrap --variant=minbase bookworm`
#     (~6,800 files, the peer measurements of ../shared/reference/
#     openscap-peer.md), built once and cached outside the clone in
#     $STIGCHECK_CACHE/debootstrap-bookworm-minbase (default
#     /var/cache/stigcheck), reused while it carries its .complete mark.
#
# Both write XCCDF results, offline (oscap: OSCAP_PROBE_ROOT and
# OSCAP_CONTAINER_VARS; stigcheck: --rootfs and --env with the same
# environment).  Wall time is the median of BENCH_RUNS runs (default 5;
# oscap 3), peak RSS the largest; then the ratios.  The rule-results of the
# two are compared too (the two SCE rules aside: OpenSCAP runs that script
# on the host).
set -eu
prog=$1
shared=$2
ds=$shared/data/scap/ssg-chainguard-gpos-ds.xml
here=$(cd "$(dirname "$0")" && pwd)
cache=${STIGCHECK_CACHE:-/var/cache/stigcheck}
runs=${BENCH_RUNS:-5}
oscap_runs=${BENCH_OSCAP_RUNS:-3}
profile=xccdf_basic_profile_.check

need() {	# need COMMAND PACKAGE
	command -v "$1" >/dev/null 2>&1 && return 0
	echo "bench: installing $2" >&2
	SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
	$SUDO apt-get install -y -qq --no-install-recommends "$2" >/dev/null
}
need oscap openscap-scanner
need debootstrap debootstrap
need xsltproc xsltproc
[ -x /usr/bin/time ] || need /usr/bin/time time
[ -f "$ds" ] || { echo "bench: $ds not found" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/stigcheck-bench.XXXXXX")
# results go to a tmpfs when there is one: stigcheck fsyncs its outputs
# (OpenSCAP does not), and on a busy disk the flush would be the measure
out=$tmp
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
	out=$(mktemp -d /dev/shm/stigcheck-bench.XXXXXX)
fi
trap 'rm -rf "$tmp" "$out"' EXIT INT TERM

# ---- roots ----------------------------------------------------------------------------
db=$cache/debootstrap-bookworm-minbase
if [ ! -f "$db/.complete" ]; then
	[ "$(id -u)" = 0 ] || { echo "bench: building $db needs root" >&2; exit 1; }
	mkdir -p "$cache"
	(
		flock 9
		if [ ! -f "$db/.complete" ]; then
			echo "bench: building $db (debootstrap, once; about a minute)" >&2
			rm -rf "$db.tmp"
			debootstrap --variant=minbase bookworm "$db.tmp" \
			    >"$cache/debootstrap.log" 2>&1 ||
			    { echo "bench: debootstrap failed, see $cache/debootstrap.log" >&2; exit 1; }
			touch "$db.tmp/.complete"
			rm -rf "$db"
			mv "$db.tmp" "$db"
		fi
	) 9>"$cache/.debootstrap.lock"
fi
echo "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" >"$tmp/debootstrap.env"

sh "$here/../fixtures/wolfi-root.sh" "$tmp/wolfi-base" base
sh "$here/../fixtures/wolfi-root.sh" "$tmp/wolfi-fips-ssh" fips fips-relative-include \
    ssh-client-fips ssh-server-fips

# ---- measuring ------------------------------------------------------------------------------

# measure N LABEL CMD...: $wall and $cpu (user + system; medians, seconds)
# and $rss (max, KiB)
measure() {
	m_n=$1; m_l=$2; shift 2
	: >"$tmp/$m_l.walls"; : >"$tmp/$m_l.rss"; : >"$tmp/$m_l.cpu"
	m_i=0
	while [ $m_i -lt "$m_n" ]; do
		m_s=$(date +%s%N)
		/usr/bin/time -f '%M %U %S' -o "$tmp/$m_l.rss1" "$@" >"$tmp/$m_l.out" 2>&1 || true
		m_e=$(date +%s%N)
		echo $(((m_e - m_s) / 1000)) >>"$tmp/$m_l.walls"
		tail -n1 "$tmp/$m_l.rss1" | awk '{ print $1 }' >>"$tmp/$m_l.rss"
		tail -n1 "$tmp/$m_l.rss1" | awk '{ print $2 + $3 }' >>"$tmp/$m_l.cpu"
		m_i=$((m_i + 1))
	done
	wall=$(sort -n "$tmp/$m_l.walls" | awk '{ v[NR] = $1 } END { printf "%.3f", v[int((NR + 1) / 2)] / 1e6 }')
	cpu=$(sort -n "$tmp/$m_l.cpu" | awk '{ v[NR] = $1 } END { printf "%.2f", v[int((NR + 1) / 2)] }')
	rss=$(sort -n "$tmp/$m_l.rss" | tail -n1)
}

results() {
	xsltproc "$here/../integration/rule-results.xsl" "$1" | sort |
	    grep -v -e 'SV-203753r958928_rule' -e 'SV-203754r958928_rule'
}

printf '\nstigcheck %s vs %s: Chainguard GPOS STIG data stream, profile %s\n' \
    "$("$prog" --version 2>/dev/null | head -n1 | awk '{print $NF}')" \
    "$(oscap --version | head -n1 | sed 's/.*) //; s/^/oscap /')" "$profile"
printf '%-20s %5s | %-25s | %-25s | %-17s | %s\n' "" "" \
    "stigcheck" "oscap" "oscap / stigcheck" ""
printf '%-20s %5s | %8s %7s %8s | %8s %7s %8s | %5s %5s %5s | %s\n' root files \
    wall cpu "RSS MiB" wall cpu "RSS MiB" wall cpu RSS "rule-results"
for spec in "wolfi-base:$tmp/wolfi-base:$tmp/wolfi-base.env" \
    "wolfi-fips-ssh:$tmp/wolfi-fips-ssh:$tmp/wolfi-fips-ssh.env" \
    "debootstrap-bookworm:$db:$tmp/debootstrap.env"; do
	name=${spec%%:*}; rest=${spec#*:}; root=${rest%%:*}; envf=${rest#*:}
	files=$(find "$root" | wc -l)
	envargs=""
	while IFS= read -r l; do envargs="$envargs --env $l"; done <"$envf"
	# shellcheck disable=SC2086
	measure "$runs" "$name-sc" "$prog" --rootfs "$root" $envargs --profile "$profile" \
	    --results "$out/$name-sc.xml" -q "$ds"
	sc_wall=$wall; sc_rss=$rss; sc_cpu=$cpu
	measure "$oscap_runs" "$name-os" env OSCAP_PROBE_ROOT="$root" \
	    OSCAP_CONTAINER_VARS="$(cat "$envf")" oscap xccdf eval --profile "$profile" \
	    --results "$out/$name-os.xml" "$ds"
	os_wall=$wall; os_rss=$rss; os_cpu=$cpu
	if [ -f "$out/$name-sc.xml" ] && [ -f "$out/$name-os.xml" ] &&
	    [ "$(results "$out/$name-sc.xml")" = "$(results "$out/$name-os.xml")" ]; then
		agree="196 of 198 agree (SCE aside)"
	else
		agree="DIFFER"
	fi
	printf '%-20s %5s | %7ss %6ss %8.1f | %7ss %6ss %8.1f | %4.0fx %4.0fx %5.2f | %s\n' \
	    "$name" "$files" \
	    "$sc_wall" "$sc_cpu" "$(echo "$sc_rss" | awk '{ print $1 / 1024 }')" \
	    "$os_wall" "$os_cpu" "$(echo "$os_rss" | awk '{ print $1 / 1024 }')" \
	    "$(awk -v a="$os_wall" -v b="$sc_wall" 'BEGIN { print (b > 0 ? a / b : 0) }')" \
	    "$(awk -v a="$os_cpu" -v b="$sc_cpu" 'BEGIN { print (b > 0 ? a / b : 0) }')" \
	    "$(awk -v a="$sc_rss" -v b="$os_rss" 'BEGIN { print (b > 0 ? a / b : 0) }')" "$agree"
done
echo
echo "wall: median of $runs stigcheck / $oscap_runs oscap runs, each writing XCCDF results (to $out);"
echo "cpu: user + system time (median; 10 ms resolution, a 0.00 stigcheck cpu makes that ratio 0);"
echo "RSS: peak resident set.  Ratios: oscap wall / stigcheck wall, oscap cpu / stigcheck cpu,"
echo "stigcheck RSS / oscap RSS.  $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end."

# ---- a big data stream: peak memory ----------------------------------------------------------
# The RHEL 9 STIG data stream of Debian's ssg-nondebian package (22 MB of
# XML), stigcheck and OpenSCAP each once per output: none (stigcheck only;
# oscap always builds its results), XCCDF results, ARF.  Over the RHEL 9
# root of tests/fixtures/rhel-root.sh (a real rpm database: the platform
# holds for stigcheck, which decides the rules; oscap's rpminfo probe
# cannot read it offline and finds the platform false) when rpmbuild is
# there, else over the Debian 12 root (platform false for both: loading
# and selecting big content, not probing).  docs/performance.md, Memory.
big=/usr/share/xml/scap/ssg/content/ssg-rhel9-ds.xml
bigp=xccdf_org.ssgproject.content_profile_stig
mib() { echo "$1" | awk '{ printf "%8.1f", $1 / 1024 }'; }
echo
if [ -f "$big" ]; then
	if bigroot=$(sh "$here/../fixtures/rhel-root.sh" 2>/dev/null); then
		bigname="the RHEL 9 root (tests/fixtures/rhel-root.sh)"
	else
		bigroot=$db bigname="debootstrap-bookworm (no rpmbuild for the RHEL 9 root)"
	fi
	ls -A "$bigroot" >"$tmp/big-before"
	printf 'RHEL 9 STIG data stream (%s, profile stig) on %s:\n' "$big" "$bigname"
	printf '  %-8s | %-21s | %-21s | %s\n' output "stigcheck wall, RSS" "oscap wall, RSS" "RSS sc/os, wall os/sc"
	for o in none results arf; do
		case $o in
		none) sco='' oso='' ;;
		results) sco="--results $out/big-sc.xml" oso="--results $out/big-os.xml" ;;
		arf) sco="--results-arf $out/big-sc-arf.xml" oso="--results-arf $out/big-os-arf.xml" ;;
		esac
		# shellcheck disable=SC2086
		measure 1 big-sc-$o "$prog" --rootfs "$bigroot" --profile "$bigp" $sco -q "$big"
		sc_wall=$wall; sc_rss=$rss
		if [ "$o" = none ]; then
			printf '  %-8s | %7ss %s MiB | %-21s |\n' "$o" "$sc_wall" "$(mib "$sc_rss")" "(always writes)"
			continue
		fi
		# shellcheck disable=SC2086
		measure 1 big-os-$o env OSCAP_PROBE_ROOT="$bigroot" oscap xccdf eval \
		    --profile "$bigp" $oso "$big"
		printf '  %-8s | %7ss %s MiB | %7ss %s MiB | %.2f, %.1fx\n' "$o" \
		    "$sc_wall" "$(mib "$sc_rss")" "$wall" "$(mib "$rss")" \
		    "$(awk -v a="$sc_rss" -v b="$rss" 'BEGIN { print (b > 0 ? a / b : 0) }')" \
		    "$(awk -v a="$wall" -v b="$sc_wall" 'BEGIN { print (b > 0 ? a / b : 0) }')"
	done
	# oscap leaves libapt temporary files in the root it scans (as t1310)
	# shellcheck disable=SC2010
	for f in $(ls -A "$bigroot" | grep -vxF -f "$tmp/big-before"); do
		case $f in .??????) rm -f "$bigroot/$f" ;; esac
	done
else
	echo "RHEL 9 STIG data stream not measured: $big not found (Debian package ssg-nondebian)"
fi
# ---- --image of a ~220 MB image, against unpacking it with tar (docs/images.md) ----
echo
sh "$here/image.sh" "$prog"
