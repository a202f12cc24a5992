#!/usr/bin/env bash
# Installs what the build and the tests need (cairo, pango, fonts, poppler-utils, qpdf) and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
swift build --product parreport          # the end-to-end tests run the built tool
swift test "$@"
