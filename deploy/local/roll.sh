#!/usr/bin/env bash
# A rolling restart (an upgrade) of the silos run.sh started: one at a time, stopped gracefully (SIGTERM: it leaves
# the cluster and hands its grains on), started again with the binaries now built, and waited for until the API sees
# all the silos active again, before the next. The API and PostgreSQL keep running; reports keep being taken.
#   deploy/local/roll.sh            (give it the run's SILOS, SILO_PORT, GATEWAY_PORT, PG_PORT, API_PORT, STATE_DIR)
# Build the new version first (dotnet build -c Release); roll.sh does not build.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
silos=${SILOS:-1}
api_port=${API_PORT:-5080}
pg_port=${PG_PORT:-55432}
silo_port=${SILO_PORT:-11111}
gateway_port=${GATEWAY_PORT:-30000}
configuration=${CONFIGURATION:-Release}
state=$(cd "${STATE_DIR:-$repo/.local}" && pwd)
tls="$state/tls"
silo_dll="$repo/Silo/bin/$configuration/net10.0/BacGiang.Incidents.Silo.dll"
ConnectionStrings__Incidents=$("$here/postgres.sh" start "$state/postgres" "$pg_port" incidents)
export ConnectionStrings__Incidents

active() { curl -fsS "http://127.0.0.1:$api_port/health/ready" 2>/dev/null | grep -o '[0-9]* active silo' | grep -o '^[0-9]*' || echo 0; }

[ "$(active)" = "$silos" ] || { echo "The API sees $(active) active silo(s), not SILOS=$silos: not rolling a cluster that is not whole." >&2; exit 1; }
for ((i = 0; i < silos; i++)); do
  pidfile="$state/run/silo-$i.pid"
  started=$(date +%s%3N)
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    pid=$(cat "$pidfile")
    kill -TERM "$pid"
    for _ in $(seq 1 240); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && { echo "silo $i (pid $pid) did not stop in 60 s; killing it" >&2; kill -KILL "$pid" || true; }
    # Until the cluster has it as gone, "all active" would be the old silo still counted.
    for _ in $(seq 1 60); do [ "$(active)" -lt "$silos" ] && break; sleep 0.5; done
  fi
  Silo__SiloPort=$((silo_port + i)) Silo__GatewayPort=$((gateway_port + i)) \
  ClusterTls__CertificateFile="$tls/silo.crt" ClusterTls__KeyFile="$tls/silo.key" ClusterTls__CaCertificateFile="$tls/ca.crt" \
    nohup dotnet "$silo_dll" >>"$state/logs/silo-$i.log" 2>&1 &
  echo $! >"$pidfile"
  for _ in $(seq 1 240); do [ "$(active)" = "$silos" ] && break; sleep 0.5; done
  [ "$(active)" = "$silos" ] || { echo "silo $i did not rejoin within 120 s; see $state/logs/silo-$i.log" >&2; exit 1; }
  echo "==> silo $i restarted (pid $(cat "$pidfile")) and rejoined in $(( ($(date +%s%3N) - started) )) ms"
done
echo "==> all $silos silos restarted"
