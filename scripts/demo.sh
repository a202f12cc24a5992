#!/usr/bin/env bash
# Installs what is needed, builds ParReport (release) and renders the demo reports into out/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release --product parreport
bin="$(swift build -c release --show-bin-path)/parreport"
"$bin" demo --out out
echo "demo: outputs are in $(pwd)/out"
