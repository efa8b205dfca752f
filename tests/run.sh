#!/usr/bin/env bash
# Runs every test of the solution. Installs what the tests need first (Debian's Chromium for the
# browser tests, Debian's PostgreSQL for the tests on the second database provider, Debian's nginx for the
# tests of several instances behind a reverse proxy, npm packages for the JavaScript SDK tests), so it works
# on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)

# A throwaway PostgreSQL cluster (tests/postgres-cluster.sh), removed on exit, also on failure or Ctrl-C.
source tests/postgres-cluster.sh
trap stop_test_postgres EXIT
trap 'exit 130' INT TERM
# Without it the PostgreSQL tests fail (in CI too: they are never skipped), each naming JOURNEYSTUDIO_TEST_POSTGRES.
if ! start_test_postgres; then
  echo "PostgreSQL could not be started: the PostgreSQL tests will fail." >&2
  unset JOURNEYSTUDIO_TEST_POSTGRES
fi

if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests..."
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq chromium >/dev/null
fi

# The proxy tests run nginx themselves (an unprivileged process with its own configuration in a temporary
# folder, tests/Shared/NginxProxy.cs); the package's system service is not used.
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  echo "Installing Debian's nginx for the reverse-proxy tests..."
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  $SUDO DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
fi

if [ -f tests/sdk-client/package.json ]; then
  (cd tests/sdk-client && npm ci --no-audit --no-fund --loglevel=error)
fi

log=$(mktemp /tmp/journeystudio-test.XXXXXX.log)
set +e
# The console logger at minimal prints each failed test with its message and stack (quiet alone prints only its name).
dotnet test JourneyStudio.sln --nologo -v q --logger "console;verbosity=minimal" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line over all test projects, for people and CI.
awk '/^(Passed|Failed)!/ { for (i = 1; i <= NF; i++) { if ($i == "Passed:") p += $(i+1); if ($i == "Failed:") f += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
echo "Duration: $(( ($(date +%s) - started) / 60 )) min $(( ($(date +%s) - started) % 60 )) s"
exit "$status"
