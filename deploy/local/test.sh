#!/usr/bin/env bash
# Runs the whole test suite: unit, cluster (Orleans TestingHost), end-to-end and browser tests against a real
# PostgreSQL that the tests start themselves through deploy/local/postgres.sh (in .local/pg-test, on a free port),
# installing PostgreSQL and Chromium from Debian first if they are missing.
#   deploy/local/test.sh                 every test (what CI runs)
#   deploy/local/test.sh --tier unit     one tier: unit, cluster, end-to-end or browser (tests/BacGiang.Incidents.Tests/tiers.txt)
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
cd "$repo"

tiers="$repo/tests/BacGiang.Incidents.Tests/tiers.txt"
tier=all
while [ $# -gt 0 ]; do
  case "$1" in
    --tier) tier=${2:-}; shift $(( $# > 1 ? 2 : 1 )) ;;
    --tier=*) tier=${1#--tier=}; shift ;;
    *) echo "Usage: $0 [--tier unit|cluster|end-to-end|browser]" >&2; exit 2 ;;
  esac
done
filter=()
if [ "$tier" != all ]; then
  # A tier is a list of test folders, which are namespaces: one FullyQualifiedName clause per folder.
  folders=$(awk -v t="$tier" '!/^#/ && $1 == t ":" { $1 = ""; print }' "$tiers")
  if [ -z "${folders// /}" ]; then
    echo "Unknown tier '$tier'; the tiers: $(awk '!/^#/ && NF { printf "%s ", $1 }' "$tiers" | tr -d :)(or all)." >&2
    exit 2
  fi
  expression=""
  for folder in $folders; do expression+="${expression:+|}FullyQualifiedName~BacGiang.Incidents.Tests.$folder."; done
  filter=(--filter "$expression")
  echo "Tier $tier: $(echo $folders)"
fi
results="$repo/.local/test-results"
rm -rf "$results"
mkdir -p "$results"

# What the tests need from Debian: PostgreSQL, and the Chromium the console's browser tests drive (Playwright's
# own browser download cannot work here). One apt-get update for whatever is missing.
# The unit tier needs neither; only the browser tier (and all) needs Chromium.
missing=()
if [ "$tier" != unit ]; then
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
fi
if [ "$tier" = all ] || [ "$tier" = browser ]; then
  [ -x /usr/bin/chromium ] || missing+=(chromium)
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing ${missing[*]} and this is not root: run 'sudo apt-get install -y ${missing[*]}' first." >&2
    exit 1
  fi
  echo "Installing ${missing[*]} from Debian packages..."
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null; } || { echo "Installing ${missing[*]} failed." >&2; exit 1; }
fi
if [ "$tier" != unit ]; then "$here/postgres.sh" install || exit 1; fi

started=$(date +%s)
dotnet test "$repo/BacGiang.Incidents.sln" -c Release -nologo "${filter[@]}" \
  --logger "trx;LogFileName=results.trx" --logger "console;verbosity=normal" --results-directory "$results" \
  | grep -vE '^\s*$'
status=${PIPESTATUS[0]}
elapsed=$(( $(date +%s) - started ))

[ "$tier" = unit ] || "$here/postgres.sh" stop "$repo/.local/pg-test" || true

trx=$(ls "$results"/*.trx 2>/dev/null | head -n 1)
if [ -n "$trx" ]; then
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  passed=$(echo "$counters" | grep -o 'passed="[0-9]*"' | grep -o '[0-9]*')
  failed=$(echo "$counters" | grep -o 'failed="[0-9]*"' | grep -o '[0-9]*')
  notrun=$(echo "$counters" | grep -o 'notExecuted="[0-9]*"' | grep -o '[0-9]*')
  # CI shows only the tail of this output: name each failure and its message here, last, so the tail says what broke.
  if [ "${failed:-0}" != "0" ]; then
    echo "Failed tests:"
    awk '
      /<UnitTestResult / && /outcome="Failed"/ { match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11); print "  FAILED " name; inside = 1; lines = 0; next }
      inside && /<Message>/ { grab = 1 }
      inside && grab { sub(/.*<Message>/, ""); done = sub(/<\/Message>.*/, ""); if (lines++ < 12) print "    " $0; if (done) { grab = 0; inside = 0 } }
    ' "$trx" | sed -e 's/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&apos;/'"'"'/g; s/&amp;/\&/g'
  fi
  # The API fuzz's tally (tests/.../Fuzz): requests sent, 5xx, answers by status and the seed, from its output in the results.
  grep -o 'API fuzz: [^<]*' "$trx" | head -n 1
  # What a caller saw while a silo was killed (EndToEnd/FailoverWindowTests): accepted, lost, duplicates, 503s, window.
  grep -o 'Failover: [^<]*' "$trx" | head -n 1
  # Three silos restarted one by one under load (EndToEnd/RollingUpgradeTests): lost, steps fired, lateness.
  grep -o 'Rolling upgrade: [^<]*' "$trx" | head -n 1
  echo "Test time: ${elapsed} s (build included)"
  echo "Tests: ${passed} passed, ${failed} failed, ${notrun:-0} skipped"
else
  echo "No test results were written." >&2
  [ "$status" -ne 0 ] || status=1
fi
exit "$status"
