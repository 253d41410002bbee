# gates-lib.sh - helpers for the CI-gate and drift tests (t65xx), sourced
# after lib.sh and outputs.sh.
RESULTS_SCHEMA=$HERE/../schemas/stigcheck-results-1.schema.json
DIFF_SCHEMA=$HERE/../schemas/stigcheck-diff-1.schema.json
SARIF_SCHEMA=$SHARED/data/formats/sarif-schema-2.1.0.json
AJV04_PKGS="ajv@8.17.1 ajv-draft-04@1.0.0 ajv-formats@3.0.1"

# validate_json SCHEMA FILE: ajv (draft-07 or draft-04 as the schema says)
validate_json() {
	npm_cached ajv-d04-8.17.1 $AJV04_PKGS
	node "$HERE/json-validate.mjs" "$npm_dir" "$1" "$2" || fail "$2: not valid against $(basename "$1")"
}

# junit_counts FILE: "tests failures errors skipped" as junitparser reads them
junit_counts() {
	/usr/bin/python3 -c 'import sys, junitparser
x = junitparser.JUnitXml.fromfile(sys.argv[1])
t = f = e = s = 0
for suite in x:
    for case in suite:
        t += 1
        kinds = [type(r).__name__ for r in case.result]
        f += "Failure" in kinds; e += "Error" in kinds; s += "Skipped" in kinds
print(t, f, e, s)' "$1"
}
have_junitparser() { /usr/bin/python3 -c 'import junitparser' 2>/dev/null; }
