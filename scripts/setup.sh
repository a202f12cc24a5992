#!/usr/bin/env bash
# Installs everything ParReport needs on Debian 12 (run as root). Fast no-op when all is present.
#   scripts/setup.sh          build + render dependencies (cairo, pango, fonts)
#   scripts/setup.sh --test   also the tools the tests use (poppler-utils, qpdf, python3-jsonschema)
set -euo pipefail
pkgs=(pkg-config libcairo2-dev libpango1.0-dev libfontconfig-dev libdeflate-dev libssl-dev
      fonts-dejavu-core fonts-liberation2 fonts-noto-core fontconfig)
if [ "${1:-}" = "--test" ]; then
  pkgs+=(poppler-utils qpdf locales python3-jsonschema)
fi
missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fc-cache -f >/dev/null 2>&1 || true
fi
if ! command -v swift >/dev/null 2>&1; then
  echo "setup: no Swift toolchain on PATH (Swift 6.x is needed; on this machine it is /opt/swift/usr/bin)" >&2
  exit 1
fi
