#!/usr/bin/env bash
# Builds and runs one libFuzzer harness of Fuzz/ for SECONDS seconds (docs/fuzzing.md).
#
#   scripts/fuzz.sh NAME SECONDS [libFuzzer options…]     NAME: score | spec | theme | csv
#
# The library targets are built by SwiftPM with coverage and AddressSanitizer instrumentation
# (.build/fuzz, release); the harness is then linked with their object files by swiftc
# (-sanitize=fuzzer,address -parse-as-library), since SwiftPM's executable link fights libFuzzer's main.
# Seeds come from the repository's own files and the tests' inline inputs (Fuzz/seeds.py), written into a
# temporary folder for each run; what a run finds goes to .build/fuzz/corpus/NAME (later runs start from it).
# Crashes, timeouts and leaks land in .build/fuzz/artifacts/NAME/; the log in .build/fuzz/logs/NAME.log.
# Runs at `nice -n 10`, one process (one core); options after SECONDS go to libFuzzer.
set -euo pipefail
cd "$(dirname "$0")/.."

name=${1:?usage: scripts/fuzz.sh score|spec|theme|csv SECONDS [libFuzzer options…]}
seconds=${2:?usage: scripts/fuzz.sh NAME SECONDS}
shift 2
case "$name" in
    score) harness=Fuzz/Score.swift; target=ScoreModel ;;
    csv)   harness=Fuzz/CSV.swift;   target=ScoreModel ;;
    theme) harness=Fuzz/Theme.swift; target=ReportModel ;;
    spec)  harness=Fuzz/Spec.swift;  target=ReportModel ;;
    *) echo "unknown harness '$name' (score, spec, theme, csv)" >&2; exit 2 ;;
esac

build=.build/fuzz
nice -n 10 swift build -c release --build-path "$build" --target "$target" -Xswiftc -sanitize=fuzzer,address >&2
bin=$(swift build -c release --build-path "$build" --show-bin-path)

# The object files of the target and everything it depends on (Foundation-only targets: no cairo here).
case "$target" in
    ScoreModel)  modules="JSON FileIO ScoreModel" ;;
    ReportModel) modules="JSON FileIO ScoreModel Graphics Charts ReportModel" ;;
esac
objects=()
for m in $modules; do objects+=("$bin/$m.build"/*.o); done

exe="$build/fuzz-$name"
if [ ! -x "$exe" ] || [ -n "$(find "$harness" "${objects[@]}" -newer "$exe" 2>/dev/null | head -1)" ]; then
    nice -n 10 swiftc -O -sanitize=fuzzer,address -parse-as-library -swift-version 6 -use-ld=lld \
        -I "$bin/Modules" "$harness" "${objects[@]}" -o "$exe" >&2
fi

corpus="$build/corpus/$name"
artifacts="$build/artifacts/$name"
mkdir -p "$corpus" "$artifacts" "$build/logs"
seeds=$(mktemp -d)
trap 'rm -rf "$seeds"' EXIT
python3 Fuzz/seeds.py "$name" "$seeds" >&2

export SWIFT_BACKTRACE=enable=no
export PARREPORT_FUZZ_DATA="$PWD/assets/data/par-2015-2020.json"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/Fuzz/lsan.supp:print_suppressions=0}
# Inputs may grow to the largest seed (the 340 KB sample data file for score, libFuzzer's default).
nice -n 10 "$exe" "$corpus" "$seeds" \
    -dict="Fuzz/dict/$name.dict" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$artifacts/" "$@" 2>&1 | tee "$build/logs/$name.log"
