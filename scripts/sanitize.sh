#!/usr/bin/env bash
# Renders every spec in reports/ and a 200-agency batch with a parreport built with AddressSanitizer and
# LeakSanitizer (docs/fuzzing.md). Fails on any ASan error and on any leak except fontconfig's own
# allocations inside Pango, which Fuzz/lsan.supp names.
#
#   scripts/sanitize.sh [AGENCIES]        AGENCIES: agencies of the batch (default 200)
#
# Debug build in .build/asan (SwiftPM's --sanitize=address: ASan with LSan on Linux); outputs in a
# temporary folder, removed at the end; sanitizer reports kept in .build/asan/logs/.
set -euo pipefail
cd "$(dirname "$0")/.."
agencies=${1:-200}
build=.build/asan
nice -n 10 swift build --build-path "$build" --sanitize=address --product parreport >&2
tool="$(swift build --build-path "$build" --show-bin-path)/parreport"
logs="$build/logs"
rm -rf "$logs"
mkdir -p "$logs"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1
export LSAN_OPTIONS="suppressions=$PWD/Fuzz/lsan.supp:print_suppressions=1"
failed=0

# Runs the tool; the run fails on a non-zero exit or any sanitizer report in its standard error.
run() {
    local label=$1
    shift
    local log="$logs/$label.log" status=0
    nice -n 10 "$tool" "$@" >"$logs/$label.out" 2>"$log" || status=$?
    if [ "$status" -ne 0 ] || grep -q "ERROR: \(Address\|Leak\)Sanitizer" "$log"; then
        echo "FAIL $label (exit $status): $log" >&2
        grep -A40 "ERROR: \(Address\|Leak\)Sanitizer" "$log" | head -80 >&2 || tail -20 "$log" >&2
        failed=1
    else
        local suppressed
        suppressed=$(awk '/Suppressions used:/ { on = 1; next } on && NF >= 3 && $1 ~ /^[0-9]+$/ { n += $1; b += $2 } END { if (n) printf "%d leaks, %d bytes suppressed", n, b; else printf "no leaks suppressed" }' "$log")
        echo "ok   $label ($suppressed)"
    fi
}

for spec in reports/*.json; do
    name=$(basename "$spec" .json)
    run "render-$name" render "$spec" --out "$work/out/$name" --quiet
done

# The batch: synthetic data and the per-agency spec, side by side in a temporary folder.
mkdir -p "$work/batch"
run sample sample --agencies "$agencies" --out "$work/batch/data.json"
python3 - "$work/batch/spec.json" <<'PY'
import json, sys
spec = json.load(open("reports/per-agency.json", encoding="utf-8"))
spec.pop("$schema", None)
spec["data"] = "data.json"
spec["outputs"] = [{"format": "pdf", "path": "out/{agency}/bao-cao-{year}.pdf"}]
json.dump(spec, open(sys.argv[1], "w", encoding="utf-8"), ensure_ascii=False, indent=2)
PY
run "batch-$agencies" batch "$work/batch/spec.json" --jobs 2 --quiet
pdfs=$(find "$work/batch/out" -name '*.pdf' | wc -l)
echo "     batch wrote $pdfs PDF files"
if [ "$failed" -ne 0 ]; then
    echo "sanitizers: FAILED (reports in $logs)" >&2
    exit 1
fi
echo "sanitizers: clean (reports in $logs)"
