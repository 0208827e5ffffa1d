#!/usr/bin/env bash
# The local cluster's TLS material, made once in DIR (default .local/tls, git-ignored) with openssl:
#   ca.crt, ca.key       the cluster CA (ECDSA P-256, 10 years); every Orleans link's peers must chain to it
#   silo.crt, silo.key   the silos' certificate: server and client authentication (a silo accepts and opens links)
#   api.crt, api.key     the API's certificate: client authentication only
# Kept across runs; a certificate that is missing, no longer issued by ca.crt or expiring within 30 days is made anew.
# A developer's set-up: in a deployment the CA key stays off the servers (docs/operations.md).
#   deploy/local/cluster-certs.sh [DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dir=${1:-$(cd "$here/../.." && pwd)/.local/tls}

if ! command -v openssl >/dev/null; then
  [ "$(id -u)" -eq 0 ] || { echo "openssl is needed: sudo apt-get install -y openssl" >&2; exit 1; }
  apt-get update -qq && apt-get install -y -qq openssl >/dev/null
fi
umask 077
mkdir -p "$dir"

if [ ! -s "$dir/ca.crt" ] || [ ! -s "$dir/ca.key" ]; then
  openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 -days 3650 \
    -subj "/CN=BacGiang Incidents local cluster CA" -keyout "$dir/ca.key.tmp" -out "$dir/ca.crt.tmp" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  mv "$dir/ca.key.tmp" "$dir/ca.key"
  mv "$dir/ca.crt.tmp" "$dir/ca.crt"
fi

# leaf NAME EXTENDED_KEY_USAGE
leaf() {
  local name=$1 usage=$2
  if [ -s "$dir/$name.crt" ] && [ -s "$dir/$name.key" ] \
     && openssl verify -CAfile "$dir/ca.crt" "$dir/$name.crt" >/dev/null 2>&1 \
     && openssl x509 -checkend $((30 * 24 * 3600)) -noout -in "$dir/$name.crt" >/dev/null; then
    return
  fi
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 \
    -subj "/CN=bacgiang-incidents-$name" -keyout "$dir/$name.key.tmp" -out "$dir/$name.csr" 2>/dev/null
  openssl x509 -req -in "$dir/$name.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -set_serial "0x$(openssl rand -hex 16)" \
    -days 825 -sha256 -out "$dir/$name.crt.tmp" 2>/dev/null -extfile <(printf '%s\n' \
      "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature" "extendedKeyUsage=$usage" \
      "subjectAltName=DNS:localhost,IP:127.0.0.1" "subjectKeyIdentifier=hash" "authorityKeyIdentifier=keyid")
  rm -f "$dir/$name.csr"
  mv "$dir/$name.key.tmp" "$dir/$name.key"
  mv "$dir/$name.crt.tmp" "$dir/$name.crt"
}
leaf silo serverAuth,clientAuth
leaf api clientAuth
