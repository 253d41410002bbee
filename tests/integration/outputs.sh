# outputs.sh - helpers for the output tests (t3xxx), sourced after lib.sh.
#
# npm packages (the consumers assessors use, a JSON-schema validator) are
# installed once into $STIGCHECK_CACHE/npm/NAME-VERSION (default
# /var/cache/stigcheck, outside the clone) and reused; delete a directory
# to rebuild it.
CACHE=${STIGCHECK_CACHE:-/var/cache/stigcheck}
HERE=$(cd "$(dirname "$0")" && pwd)
ARF_XSD=/usr/share/openscap/schemas/arf/1.1/asset-reporting-format_1.1.0.xsd
ARF_DEEP_XSD=$HERE/../schemas/arf-deep.xsd
CKL_XSD=$SHARED/data/formats/U_Checklist_Schema_V2.xsd
CKLB_SCHEMA=$SHARED/data/formats/SV3_CKLB_1_0_JSON_SCHEMA.json
CONSUMERS=$HERE/consumers.mjs
SMCM_PKG=@nuwcdivnpt/stig-manager-client-modules@1.6.7
SAF_PKG=@mitre/saf@1.5.3
AJV_PKGS="ajv@8.17.1 ajv-formats@3.0.1"

# npm_cached NAME SPEC...: make sure the packages are installed; sets npm_dir.
npm_cached() {
	name=$1; shift
	command -v node >/dev/null 2>&1 || skip "node is not installed (.ci/deps.sh installs it)"
	npm_dir=$CACHE/npm/$name
	[ -f "$npm_dir/.complete" ] && return 0
	command -v npm >/dev/null 2>&1 || skip "npm is not installed (.ci/deps.sh installs it)"
	mkdir -p "$CACHE/npm" || fail "cannot create the npm cache $CACHE/npm (set STIGCHECK_CACHE)"
	rm -rf "$npm_dir.tmp"
	echo "installing $* into $npm_dir (once)" >&2
	# node 20 works for @mitre/saf although it asks for 22 (EBADENGINE)
	npm install --prefix "$npm_dir.tmp" --no-audit --no-fund --loglevel=error "$@" \
		>"$TMPDIR/npm.log" 2>&1 || { tail -20 "$TMPDIR/npm.log"; fail "npm install $* failed"; }
	rm -rf "$npm_dir"
	mv "$npm_dir.tmp" "$npm_dir"
	touch "$npm_dir/.complete"
}

# demo_root DIR: the basic root with two findings (as `make demo` has):
# /etc/shadow group-writable and one account with a password hash.
demo_root() {
	sh "$HERE/../fixtures/basic-root.sh" "$1"
	chmod 0660 "$1/etc/shadow"
	echo 'demo:$6$demo$c2VjcmV0IGhhc2ggbmV2ZXIgc2hvd24:19000:0:99999:7:::' >>"$1/etc/shadow"
}

# all_outputs DIR: the output options writing DIR/results.xml, arf.xml, ...
all_outputs() {
	echo "--results $1/results.xml --results-arf $1/arf.xml --report $1/report.html --ckl $1/checklist.ckl --cklb $1/checklist.cklb"
}

validate_arf() {
	xmllint --noout --schema "$ARF_XSD" "$1" 2>"$TMPDIR/x.err" || { cat "$TMPDIR/x.err"; fail "$1: not valid ARF 1.1"; }
	xmllint --noout --schema "$ARF_DEEP_XSD" "$1" 2>"$TMPDIR/x.err" || { grep -v 'Skipping import' "$TMPDIR/x.err" | head; fail "$1: an embedded document is not valid"; }
	oscap ds rds-validate "$1" >"$TMPDIR/x.err" 2>&1 || { cat "$TMPDIR/x.err"; fail "$1: oscap ds rds-validate"; }
	oscap xccdf generate report "$1" >"$TMPDIR/oscap-report.html" 2>"$TMPDIR/x.err" || { cat "$TMPDIR/x.err"; fail "$1: oscap xccdf generate report"; }
	grep -q 'rule-result' "$TMPDIR/oscap-report.html" || fail "$1: oscap's report shows no rule results"
}

validate_ckl() {
	xmllint --noout --schema "$CKL_XSD" "$1" 2>"$TMPDIR/x.err" || { cat "$TMPDIR/x.err"; fail "$1: not valid against U_Checklist_Schema_V2.xsd"; }
}

validate_cklb() {
	npm_cached ajv-8.17.1 $AJV_PKGS
	node "$CONSUMERS" cklb-schema "$npm_dir" "$CKLB_SCHEMA" "$1" || fail "$1: not valid CKLB"
}

# xcount FILE XPATH: xmllint count()
xcount() { xmllint --xpath "count($2)" "$1"; }
