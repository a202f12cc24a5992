#!/usr/bin/env bash
# Installs what is needed, builds ParReport (release) and renders the three report specs of
# reports/ into out/ (the specs write to ../out/… relative to reports/).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release --product parreport
bin="$(swift build -c release --show-bin-path)/parreport"
for spec in reports/annual-report.json reports/conference-slides.json reports/per-agency.json; do
  "$bin" render "$spec"
done
echo "demo: outputs are in $(pwd)/out"
