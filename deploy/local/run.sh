#!/usr/bin/env bash
# Runs the whole system on this machine: a private PostgreSQL (installed if missing) in .local/postgres,
# the schema (Orleans clustering, grain state, reminders, app tables), a local cluster CA and certificates
# (STATE_DIR/tls, made once by cluster-certs.sh: every Orleans link is mutual TLS), N silos and the API.
#   deploy/local/run.sh                 run in the foreground; Ctrl-C stops everything
#   deploy/local/run.sh --detach        start and return; deploy/local/stop.sh stops
# Environment: SILOS (default 1), API_PORT (5080), PG_PORT (55432), SILO_PORT (11111), GATEWAY_PORT (30000),
# CONFIGURATION (Release), STATE_DIR (.local: database, logs, pid files, secrets, certificates), NO_BUILD=1 (use the binaries
# already built). Other variables reach the silos and the API as settings (Section__Key).
set -euo pipefail
started_ms=$(date +%s%3N)
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
cd "$repo"
detach=false
[ "${1:-}" = "--detach" ] && detach=true
silos=${SILOS:-1}
api_port=${API_PORT:-5080}
pg_port=${PG_PORT:-55432}
silo_port=${SILO_PORT:-11111}
gateway_port=${GATEWAY_PORT:-30000}
configuration=${CONFIGURATION:-Release}
state=${STATE_DIR:-$repo/.local}
mkdir -p "$state/logs" "$state/run"
state=$(cd "$state" && pwd)
# stop.sh finds the pid files and the database here too.
export STATE_DIR="$state"
shown=${state#"$repo"/}

command -v dotnet >/dev/null || { echo "The .NET 10 SDK is needed (dotnet not on PATH)." >&2; exit 1; }
if ! command -v curl >/dev/null; then
  [ "$(id -u)" -eq 0 ] || { echo "curl is needed: sudo apt-get install -y curl" >&2; exit 1; }
  apt-get update -qq && apt-get install -y -qq curl >/dev/null
fi

echo "==> PostgreSQL on 127.0.0.1:$pg_port (data in $shown/postgres)"
conn=$("$here/postgres.sh" start "$state/postgres" "$pg_port" incidents)

# Secrets made once per checkout and kept out of git: the idempotency secret must survive restarts,
# or a retried report would not find the incident its first try created. Secrets added by later versions
# are appended to an existing file.
touch "$state/secrets.env"
chmod 600 "$state/secrets.env"
secret() {
  grep -q "^$1=" "$state/secrets.env" || printf '%s=%s\n' "$1" "$(head -c "$2" /dev/urandom | base64 -w0 | tr '+/' '-_')" >> "$state/secrets.env"
}
secret SIGNING_KEY 48
secret IDEMPOTENCY_SECRET 32
secret OPEN311_API_KEY 24
secret IOC_SHARED_SECRET 32
# shellcheck disable=SC1091
source "$state/secrets.env"

# Silos and the API talk over mutual TLS with a CA of this checkout's own, made once and kept beside the secrets.
tls="$state/tls"
echo "==> Cluster certificates in $shown/tls"
"$here/cluster-certs.sh" "$tls"

if [ "${NO_BUILD:-}" != 1 ]; then
  echo "==> Building ($configuration)"
  dotnet build "$repo/BacGiang.Incidents.sln" -c "$configuration" -nologo -v q -clp:ErrorsOnly
fi
silo_dll="$repo/Silo/bin/$configuration/net10.0/BacGiang.Incidents.Silo.dll"
api_dll="$repo/Api/bin/$configuration/net10.0/BacGiang.Incidents.Api.dll"

export ConnectionStrings__Incidents="$conn"
echo "==> Applying the schema"
dotnet "$silo_dll" migrate

"$here/stop.sh" --quiet || true
for ((i = 0; i < silos; i++)); do
  Silo__SiloPort=$((silo_port + i)) Silo__GatewayPort=$((gateway_port + i)) \
  ClusterTls__CertificateFile="$tls/silo.crt" ClusterTls__KeyFile="$tls/silo.key" ClusterTls__CaCertificateFile="$tls/ca.crt" \
    nohup dotnet "$silo_dll" >"$state/logs/silo-$i.log" 2>&1 &
  echo $! >"$state/run/silo-$i.pid"
  echo "==> Silo $i started (pid $!, silo port $((silo_port + i)), gateway $((gateway_port + i)), log $shown/logs/silo-$i.log)"
done
ASPNETCORE_URLS="http://127.0.0.1:$api_port" \
Auth__SigningKey="$SIGNING_KEY" Auth__DevTokens__Enabled=true ASPNETCORE_ENVIRONMENT=Development \
Intake__IdempotencySecret="$IDEMPOTENCY_SECRET" Open311__ApiKeys__0="$OPEN311_API_KEY" Ioc__SharedSecret="$IOC_SHARED_SECRET" \
ClusterTls__CertificateFile="$tls/api.crt" ClusterTls__KeyFile="$tls/api.key" ClusterTls__CaCertificateFile="$tls/ca.crt" \
  nohup dotnet "$api_dll" >"$state/logs/api.log" 2>&1 &
echo $! >"$state/run/api.pid"
echo "==> API started (pid $!, log $shown/logs/api.log)"

# A process that exits before the system is ready (a setting its validation refuses, a port taken) will not come
# back: waiting out the 120 s would only hide why. Say which one, show the end of its log, stop the others.
exited_at_start() {
  local name=$1 pid=$2 status=0
  wait "$pid" || status=$?
  echo "$name (pid $pid) exited with status $status before the system was ready; the last lines of $shown/logs/$name.log:" >&2
  tail -n 30 "$state/logs/$name.log" | sed 's/^/    /' >&2
  "$here/stop.sh"
  exit 1
}
for _ in $(seq 1 240); do
  if curl -fsS "http://127.0.0.1:$api_port/health/ready" >/dev/null 2>&1; then break; fi
  for pidfile in "$state"/run/*.pid; do
    pid=$(cat "$pidfile")
    kill -0 "$pid" 2>/dev/null || exited_at_start "$(basename "$pidfile" .pid)" "$pid"
  done
  sleep 0.5
done
if ! curl -fsS "http://127.0.0.1:$api_port/health/ready" >/dev/null 2>&1; then
  echo "The system did not become ready in 120 s; see $shown/logs/." >&2
  curl -sS "http://127.0.0.1:$api_port/health/ready" >&2 || true
  "$here/stop.sh"
  exit 1
fi
elapsed_ms=$(( $(date +%s%3N) - started_ms ))
printf -v elapsed '%d.%03d' $((elapsed_ms / 1000)) $((elapsed_ms % 1000))
echo "==> Ready in ${elapsed} s: API http://127.0.0.1:$api_port  (OpenAPI /openapi/v1.json, UI /docs, health /health/ready)"

if $detach; then
  if [ "$state" = "$repo/.local" ]; then echo "Stop with deploy/local/stop.sh"; else echo "Stop with STATE_DIR=$state deploy/local/stop.sh"; fi
  exit 0
fi
trap '"$here/stop.sh"; exit 0' INT TERM
echo "Ctrl-C stops the silos, the API and PostgreSQL."
while true; do
  for pidfile in "$state"/run/*.pid; do
    pid=$(cat "$pidfile")
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$(basename "$pidfile" .pid) (pid $pid) has stopped; see $shown/logs/. Other processes keep running." >&2
      rm -f "$pidfile"
    fi
  done
  sleep 2
done
