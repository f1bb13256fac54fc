#!/usr/bin/env bash
# Runs every test: installs PostgreSQL, Redis, python3-zarr and the npm interop packages when
# missing, provides the shared PostgreSQL and Redis, runs the unit and integration tests against
# them, stops what it started, and prints "N passed, N failed". The services are containers that
# the tests start through Testcontainers (scripts/containers.sh prepares the engine and images);
# when that cannot be, or TILED_TEST_SERVICES=debian asks, throw-away servers on free loopback
# ports (scripts/services.sh). A line of the output names the mode.
set -euo pipefail
cd "$(dirname "$0")"

source scripts/test-packages.sh
source scripts/containers.sh
if [ "${TILED_TEST_SERVICES:-containers}" = containers ] && prepare_containers; then
    echo "Test services: containers through Testcontainers ($TILED_TEST_POSTGRES_IMAGE, $TILED_TEST_REDIS_IMAGE)"
    trap stop_containers EXIT
else
    echo "Test services: Debian-started servers (scripts/services.sh)${TILED_TEST_SERVICES:+, as TILED_TEST_SERVICES=$TILED_TEST_SERVICES asks}"
    export TILED_TEST_SERVICES=debian
    source scripts/services.sh
    trap stop_services EXIT
fi

if [ -f tests/interop/package-lock.json ]; then
    npm ci --prefix tests/interop --no-audit --no-fund --loglevel=error >/dev/null
fi

results=".tmp/test-results"
rm -rf "$results"
mkdir -p "$results"
status=0
dotnet test Tiled.sln --logger "trx" --results-directory "$results" "$@" 2>&1 | tee "$results/console.log" || status=$?

passed=0
failed=0
for trx in "$results"/*.trx; do
    [ -f "$trx" ] || continue
    counts=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    p=$(echo "$counts" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p')
    f=$(echo "$counts" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0}))
done
echo "$passed passed, $failed failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
    exit 1
fi
