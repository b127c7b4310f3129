#!/usr/bin/env bash
# Installs the Debian packages the precision corpora read (bench/corpus/secrets-scan.ts, python-scan.ts and iac-scan.ts), so
# test/corpus/*-precision.test.ts compare real Python libraries and configuration, not only npm packages.
# Best effort: on a machine without apt-get or root, or without network, it says so and the tests compare what
# is installed.
set -uo pipefail
cd "$(dirname "$0")/../.."
if ! command -v apt-get >/dev/null 2>&1 || [ "$(id -u)" != 0 ]; then
  echo "[corpus] apt-get or root not available: the corpora read only what is installed" >&2
  exit 0
fi
mapfile -t wanted < <(npx --no-install tsx scripts/corpus/debian-packages.ts)
missing=()
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
  echo "[corpus] all ${#wanted[@]} Debian packages of the corpora are installed"
  exit 0
fi
echo "[corpus] installing ${#missing[@]} Debian packages: ${missing[*]}"
if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }; then
  echo "[corpus] apt-get failed: the corpora read only what is installed" >&2
fi
exit 0
