#!/usr/bin/env bash
# Runs every test of the solution. Installs what the tests need first (Debian's Chromium for the
# browser tests, npm packages for the JavaScript SDK tests), so it works on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests..."
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq chromium >/dev/null
fi

if [ -f tests/sdk-client/package.json ]; then
  (cd tests/sdk-client && npm ci --no-audit --no-fund --loglevel=error)
fi

dotnet test JourneyStudio.sln --nologo -v q "$@" 2>&1 | tee /tmp/journeystudio-test.log
status=${PIPESTATUS[0]}

# One closing line over all test projects, for people and CI.
awk '/^(Passed|Failed)!/ { for (i = 1; i <= NF; i++) { if ($i == "Passed:") p += $(i+1); if ($i == "Failed:") f += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' /tmp/journeystudio-test.log
exit "$status"
