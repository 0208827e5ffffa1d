#!/usr/bin/env bash
# Stops what run.sh started: the API, the silos, then PostgreSQL.
#   deploy/local/stop.sh [--quiet] [--keep-postgres]
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
# run.sh's STATE_DIR: the pid files and the database of the run to stop.
state=${STATE_DIR:-$repo/.local}
quiet=false; keep_pg=false
for a in "$@"; do
  case "$a" in --quiet) quiet=true ;; --keep-postgres) keep_pg=true ;; esac
done
for pidfile in "$state"/run/api.pid "$state"/run/silo-*.pid; do
  [ -f "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -KILL "$pid" 2>/dev/null || true
    $quiet || echo "stopped $(basename "$pidfile" .pid) (pid $pid)"
  fi
  rm -f "$pidfile"
done
# --quiet is run.sh clearing leftovers before a start: the database it just started stays up.
if ! $quiet && ! $keep_pg; then "$here/postgres.sh" stop "$state/postgres"; fi
