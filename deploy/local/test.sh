#!/usr/bin/env bash
# Runs the whole test suite: unit, cluster (Orleans TestingHost) and end-to-end tests against a real PostgreSQL
# that the tests start themselves through deploy/local/postgres.sh (in .local/pg-test, on a free port), installing
# PostgreSQL from Debian first if it is missing.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
cd "$repo"
results="$repo/.local/test-results"
rm -rf "$results"
mkdir -p "$results"

"$here/postgres.sh" install || exit 1

started=$(date +%s)
dotnet test "$repo/BacGiang.Incidents.sln" -c Release -nologo \
  --logger "trx;LogFileName=results.trx" --logger "console;verbosity=normal" --results-directory "$results" \
  | grep -vE '^\s*$'
status=${PIPESTATUS[0]}
elapsed=$(( $(date +%s) - started ))

"$here/postgres.sh" stop "$repo/.local/pg-test" || true

trx=$(ls "$results"/*.trx 2>/dev/null | head -n 1)
if [ -n "$trx" ]; then
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  passed=$(echo "$counters" | grep -o 'passed="[0-9]*"' | grep -o '[0-9]*')
  failed=$(echo "$counters" | grep -o 'failed="[0-9]*"' | grep -o '[0-9]*')
  notrun=$(echo "$counters" | grep -o 'notExecuted="[0-9]*"' | grep -o '[0-9]*')
  echo "Test time: ${elapsed} s (build included)"
  echo "Tests: ${passed} passed, ${failed} failed, ${notrun:-0} skipped"
else
  echo "No test results were written." >&2
  [ "$status" -ne 0 ] || status=1
fi
exit "$status"
