#!/usr/bin/env bash
# phonecert connect against a real nginx (Debian nginx-light) on loopback: one nginx in the
# foreground with a generated configuration in a temp directory (-p prefix, error log there),
# one server block per scenario on its own free port. Chains come from gen-certs.sh.
set -euo pipefail
source "$(dirname "$0")/connect_lib.bash"
source "$(dirname "$0")/../lib/nginx.bash"

command -v nginx >/dev/null || { echo "nginx not installed (scripts/install-deps.sh)"; exit 1; }

ng=$work/nginx
mkdir -p "$ng"
cat "$td/leaf-san.pem" "$td/int-rsa.pem" >"$ng/valid.pem"
cat "$td/leaf-expired.pem" "$td/int-rsa.pem" >"$ng/expired.pem"
cat "$td/leaf-wild.pem" "$td/int-rsa.pem" >"$ng/wild.pem"
cat "$td/leaf-unknown-root.pem" "$td/other-root.pem" >"$ng/unknown.pem"

declare -A ports
server_block() {  # NAME CERT KEY
  ports[$1]=$(free_port)
  cat <<BLOCK
  server {
    listen 127.0.0.1:${ports[$1]} ssl;
    ssl_certificate $2;
    ssl_certificate_key $3;
    ssl_protocols TLSv1.2 TLSv1.3;
    location / { return 200 "$1\n"; }
  }
BLOCK
}
# One nginx with all scenarios; on a port clash it is started again on other ports.
start_nginx_once() {
  {
    nginx_conf_head "$ng"
    server_block valid "$ng/valid.pem" "$td/leaf-san.key"
    server_block noint "$td/leaf-san.pem" "$td/leaf-san.key"
    server_block expired "$ng/expired.pem" "$td/leaf-expired.key"
    server_block wild "$ng/wild.pem" "$td/leaf-wild.key"
    server_block unknown "$ng/unknown.pem" "$td/leaf-unknown-root.key"
    echo "}"
  } >"$ng/nginx.conf"
  nginx -p "$ng" -c "$ng/nginx.conf" -e "$ng/error.log" &
  local pid=$! name
  server_pids+=("$pid")
  for name in "${!ports[@]}"; do
    if ! wait_listening "$pid" "${ports[$name]}"; then
      cat "$ng/error.log" >&2
      kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
      return 1
    fi
  done
}
retry_start start_nginx_once || exit 1

base=$(state_dir base)
extra='.handshake_completed == true and (.peer_chain | length) == 2 and .anchor_source == "custom"' \
  expect "nginx: valid chain" 0 trusted "$base" "127.0.0.1:${ports[valid]}" --servername server.test
expect "nginx: valid chain, IP literal in SAN" 0 trusted "$base" "127.0.0.1:${ports[valid]}"
expect "nginx: wrong host" 1 name_mismatch "$base" "127.0.0.1:${ports[valid]}" --servername wrong.test
extra='(.peer_chain | length) == 1' \
  expect "nginx: intermediate not sent" 1 missing_issuer "$base" "127.0.0.1:${ports[noint]}" --servername server.test
expect "nginx: expired leaf" 1 expired "$base" "127.0.0.1:${ports[expired]}" --servername server.test
expect "nginx: wildcard" 0 trusted "$base" "127.0.0.1:${ports[wild]}" --servername www.wild.test
expect "nginx: unknown root" 1 untrusted_root "$base" "127.0.0.1:${ports[unknown]}" --servername server.test

tls12=$(state_dir tls12)
config "$tls12" static.security.default_ssl_method 5
extra='.protocol == "TLSv1.2"' expect "nginx: default_ssl_method 5 (TLS 1.2)" 0 trusted "$tls12" "127.0.0.1:${ports[valid]}" --servername server.test
tls13=$(state_dir tls13)
config "$tls13" static.security.default_ssl_method 6
extra='.protocol == "TLSv1.3"' expect "nginx: default_ssl_method 6 (TLS 1.3)" 0 trusted "$tls13" "127.0.0.1:${ports[valid]}" --servername server.test
tls10=$(state_dir tls10)
config "$tls10" static.security.default_ssl_method 0
rc=0
"$pc" --state-dir "$tls10" connect "127.0.0.1:${ports[valid]}" --servername server.test >"$work/tls10.out" 2>&1 || rc=$?
if [[ $rc -eq 1 ]] && grep -q "TLS 1.0" "$work/tls10.out" && grep -qi "handshake" "$work/tls10.out"; then
  pass "nginx: default_ssl_method 0 warns and fails against a TLS 1.2+ server"
else
  fail "nginx: default_ssl_method 0: exit $rc: $(cat "$work/tls10.out")"
fi

finish
