#!/usr/bin/env bash
# A private PostgreSQL cluster in a folder of the repository, used by run.sh and by the tests.
#   postgres.sh install                          install PostgreSQL from Debian if missing
#   postgres.sh start [DIR] [PORT] [DATABASE]     init (once) and start a cluster, create DATABASE
#   postgres.sh stop  [DIR]                       stop it
#   postgres.sh status [DIR]
# Defaults: DIR=<repo>/.local/postgres (a relative DIR is from the current folder) PORT=55432 DATABASE=incidents. Listens on 127.0.0.1 only,
# with trust authentication: a developer's local cluster, never a production set-up.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
cmd=${1:-start}
dir=${2:-$repo/.local/postgres}
# Absolute from here on: the walk up to "/" below never reaches it from a relative path (.local/postgres).
case "$dir" in /*) ;; *) dir="$PWD/$dir" ;; esac
port=${3:-55432}
db=${4:-incidents}

pg_bin() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$found" ] && [ -x "$found/initdb" ] && echo "$found"
}

install_postgres() {
  if pg_bin >/dev/null; then return 0; fi
  if [ "$(id -u)" -ne 0 ]; then
    echo "PostgreSQL is not installed and this is not root: run 'sudo apt-get install -y postgresql' first." >&2
    exit 1
  fi
  echo "Installing PostgreSQL from Debian packages..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
  # Debian's package starts its own cluster on 5432; ours is separate, so leave that one alone.
  pg_bin >/dev/null || { echo "PostgreSQL install failed: no initdb found." >&2; exit 1; }
}

# initdb and postgres refuse to run as root: as root, run them as the postgres user, who owns the folder.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    su postgres -s /bin/bash -c "$*"
  else
    bash -c "$*"
  fi
}

start() {
  install_postgres
  local bin; bin=$(pg_bin)
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$dir"
    # The postgres user must be able to walk down to the folder.
    local p="$dir"
    while [ "$p" != "/" ]; do p=$(dirname "$p"); chmod o+x "$p" 2>/dev/null || true; done
  fi
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    as_owner "'$bin/initdb' -D '$dir/data' -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >'$dir/initdb.log' 2>&1" \
      || { cat "$dir/initdb.log" >&2; exit 1; }
  fi
  if as_owner "'$bin/pg_ctl' -D '$dir/data' status" >/dev/null 2>&1; then
    # Already running (an earlier run of this checkout): it listens where it was started, whatever was asked now.
    port=$(sed -n 4p "$dir/data/postmaster.pid")
  else
    as_owner "'$bin/pg_ctl' -D '$dir/data' -w -t 60 -l '$dir/postgres.log' \
      -o \"-p $port -c listen_addresses=127.0.0.1 -k '$dir' -c max_connections=200 -c fsync=on\" start" >/dev/null \
      || { tail -n 30 "$dir/postgres.log" >&2; exit 1; }
  fi
  local psql="$bin/psql -h 127.0.0.1 -p $port -U postgres -v ON_ERROR_STOP=1 -qtA"
  if [ "$($psql -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" != "1" ]; then
    $psql -d postgres -c "CREATE DATABASE \"$db\"" >/dev/null
  fi
  echo "Host=127.0.0.1;Port=$port;Database=$db;Username=postgres"
}

stop() {
  local bin; bin=$(pg_bin) || exit 0
  [ -f "$dir/data/PG_VERSION" ] || exit 0
  as_owner "'$bin/pg_ctl' -D '$dir/data' -m fast stop" >/dev/null 2>&1 || true
}

case "$cmd" in
  install) install_postgres ;;
  start) start ;;
  stop) stop ;;
  status) as_owner "'$(pg_bin)/pg_ctl' -D '$dir/data' status" ;;
  *) echo "usage: $0 install|start|stop|status [DIR] [PORT] [DATABASE]" >&2; exit 2 ;;
esac
