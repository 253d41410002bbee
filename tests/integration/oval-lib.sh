# Helpers for the OVAL / Chainguard integration tests (sourced after lib.sh).
#
#   fixture NAME VARIANT [MUTATION...]   build tests/fixtures/wolfi-root.sh
#                                        into $TMPDIR/fx/NAME (+ NAME.env)
#   sc_scan ROOT OUT [ARGS...]           stigcheck on ROOT with ROOT.env as
#                                        --env, XCCDF results in OUT
#   oscap_scan ROOT OUT                  oscap xccdf eval offline on ROOT
#                                        (OSCAP_PROBE_ROOT, OSCAP_CONTAINER_VARS),
#                                        cached outside the clone by content
#   rule_results FILE                    "SUFFIX RESULT" lines, sorted
PROFILE=xccdf_basic_profile_.check
FIXTURES="$(cd "$(dirname "$0")/../fixtures" && pwd)"
RULE_XSL="$(cd "$(dirname "$0")" && pwd)/rule-results.xsl"
OSCAP_CACHE=${STIGCHECK_CACHE:-/var/cache/stigcheck}/oscap-chainguard

fixture() {
	name=$1; shift
	mkdir -p "$TMPDIR/fx"
	sh "$FIXTURES/wolfi-root.sh" "$TMPDIR/fx/$name" "$@" || fail "fixture $name: $*"
	echo "$*" >"$TMPDIR/fx/$name.spec"
}

sc_scan() {
	root=$1; out=$2; shift 2
	envargs=""
	while IFS= read -r line; do
		envargs="$envargs --env $line"
	done <"$root.env"
	# shellcheck disable=SC2086
	run --rootfs "$root" $envargs --profile "$PROFILE" --results "$out" "$@" "$CHAINGUARD_DS"
	[ "$rc" = 0 ] || [ "$rc" = 2 ] || { cat "$TMPDIR/err"; fail "stigcheck exit $rc on $root"; }
}

# A cache key for what oscap would see: the fixture's recipe, the builder,
# the data stream, oscap's version and who runs it.
oscap_key() {
	{
		cat "$1.spec" "$1.env" "$FIXTURES/wolfi-root.sh" "$CHAINGUARD_DS"
		oscap --version 2>/dev/null | head -1
		id -u
	} | sha256sum | cut -c1-32
}

oscap_scan() {
	root=$1; out=$2
	key=$(oscap_key "$root")
	if [ -f "$OSCAP_CACHE/$key.xml" ]; then
		cp "$OSCAP_CACHE/$key.xml" "$out"
		return 0
	fi
	set +e
	( cd "$TMPDIR" && OSCAP_PROBE_ROOT="$root" OSCAP_CONTAINER_VARS="$(cat "$root.env")" \
		oscap xccdf eval --profile "$PROFILE" --results "$out" "$CHAINGUARD_DS" \
		>"$out.stdout" 2>"$out.stderr" )
	orc=$?
	set -e
	[ -f "$out" ] || { cat "$out.stderr"; fail "oscap wrote no results for $root (exit $orc)"; }
	if mkdir -p "$OSCAP_CACHE" 2>/dev/null && [ -w "$OSCAP_CACHE" ]; then
		cp "$out" "$OSCAP_CACHE/$key.xml.tmp" && mv "$OSCAP_CACHE/$key.xml.tmp" "$OSCAP_CACHE/$key.xml"
	fi
}

rule_results() {
	xsltproc "$RULE_XSL" "$1" | sed 's/^xccdf_mil\.disa\.stig_rule_//' | sort
}
