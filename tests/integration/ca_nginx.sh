#!/usr/bin/env bash
# Server certificates issued by `phonecert ca` are served by a real nginx (Debian nginx-light, in
# the foreground with a temp prefix and configuration, on free loopback ports) and trusted by
# curl --cacert ca.pem, by `openssl s_client`, and by `phonecert connect` once ca.pem is a custom
# trusted certificate. Two CAs: one with an issuing CA (fullchain = leaf + intermediate) and one
# root only.
set -euo pipefail
: "${PHONECERT_BIN:?}"
pc=$PHONECERT_BIN/phonecert
command -v nginx >/dev/null || { echo "nginx not installed (scripts/install-deps.sh)"; exit 1; }
work=$(mktemp -d)
nginx_pid=""
cleanup() {
  if [[ -n $nginx_pid ]]; then
    kill "$nginx_pid" 2>/dev/null || true
    wait "$nginx_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
unset PHONECERT_STATE_DIR XDG_STATE_HOME

checks=0
fail() { echo "FAIL: $*" >&2; [[ -f $work/ng/error.log ]] && tail -5 "$work/ng/error.log" >&2; exit 1; }
ok() { checks=$((checks + 1)); }
source "$(dirname "$0")/../lib/ports.bash"
source "$(dirname "$0")/../lib/nginx.bash"

# --- the toolkit issues the certificates --------------------------------------------------------
"$pc" ca init "$work/ca" --name "Corp Root CA" --intermediate >/dev/null
"$pc" ca issue server "$work/ca" --name sfb.corp.test --san 127.0.0.1 >/dev/null
"$pc" ca init "$work/solo" --name "Solo Root CA" --key rsa-2048 >/dev/null
"$pc" ca issue server "$work/solo" --name prov.corp.test --key rsa-2048 >/dev/null

# --- nginx serves them, exactly as the `ca issue server` output says -----------------------------
ng=$work/ng
mkdir -p "$ng"
# On a port clash nginx is started again on other ports.
start_nginx_once() {
  port=$(free_port) || return 1
  solo_port=$(free_port) || return 1
  { nginx_conf_head "$ng"; cat <<CONF; } >"$ng/nginx.conf"
  server {
    listen 127.0.0.1:$port ssl;
    ssl_certificate $work/ca/sfb.corp.test-fullchain.pem;
    ssl_certificate_key $work/ca/sfb.corp.test.key;
    location / { return 200 "hello from sfb\n"; }
  }
  server {
    listen 127.0.0.1:$solo_port ssl;
    ssl_certificate $work/solo/prov.corp.test-fullchain.pem;
    ssl_certificate_key $work/solo/prov.corp.test.key;
    location / { return 200 "hello from prov\n"; }
  }
}
CONF
  nginx -p "$ng" -c "$ng/nginx.conf" -e "$ng/error.log" &
  nginx_pid=$!
  if wait_listening "$nginx_pid" "$port" && wait_listening "$nginx_pid" "$solo_port"; then return 0; fi
  kill "$nginx_pid" 2>/dev/null || true; wait "$nginx_pid" 2>/dev/null || true
  nginx_pid=""
  return 1
}
retry_start start_nginx_once || fail "nginx did not start"

# --- curl trusts them with --cacert ca.pem, and only then -----------------------------------------
body=$(curl -sS --max-time 10 --cacert "$work/ca/ca.pem" --resolve "sfb.corp.test:$port:127.0.0.1" \
  "https://sfb.corp.test:$port/") || fail "curl --cacert ca.pem refused the toolkit's server certificate"
[[ $body == "hello from sfb" ]] || fail "unexpected body: $body"
ok
body=$(curl -sS --max-time 10 --cacert "$work/ca/ca.pem" "https://127.0.0.1:$port/") ||
  fail "curl by the IP address in the SAN"
ok
body=$(curl -sS --max-time 10 --cacert "$work/solo/ca.pem" --resolve "prov.corp.test:$solo_port:127.0.0.1" \
  "https://prov.corp.test:$solo_port/") || fail "curl: root-only CA"
[[ $body == "hello from prov" ]] || fail "unexpected body: $body"
ok
rc=0
curl -sS --max-time 10 -o /dev/null --resolve "sfb.corp.test:$port:127.0.0.1" \
  "https://sfb.corp.test:$port/" 2>/dev/null || rc=$?
[[ $rc == 60 ]] || fail "curl without --cacert: exit $rc, expected 60 (untrusted)"
ok
rc=0
curl -sS --max-time 10 -o /dev/null --cacert "$work/ca/ca.pem" --resolve "other.corp.test:$port:127.0.0.1" \
  "https://other.corp.test:$port/" 2>/dev/null || rc=$?
[[ $rc == 60 ]] || fail "curl with a name not in the certificate: exit $rc, expected 60"
ok
rc=0
curl -sS --max-time 10 -o /dev/null --cacert "$work/solo/ca.pem" --resolve "sfb.corp.test:$port:127.0.0.1" \
  "https://sfb.corp.test:$port/" 2>/dev/null || rc=$?
[[ $rc == 60 ]] || fail "another CA's root accepted the server: exit $rc"
ok

# --- openssl s_client: the chain nginx sends verifies against ca.pem ------------------------------
sc=$(openssl s_client -connect "127.0.0.1:$port" -servername sfb.corp.test -CAfile "$work/ca/ca.pem" \
  -verify_return_error -verify_hostname sfb.corp.test -showcerts </dev/null 2>&1) || fail "s_client: $sc"
[[ $sc == *"Verify return code: 0 (ok)"* ]] || fail "s_client verify: $sc"
[[ $(grep -c 'BEGIN CERTIFICATE' <<<"$sc") == 2 ]] || fail "nginx did not send leaf + intermediate"
ok

# --- phonecert connect, as the phone ---------------------------------------------------------------
state=$work/state
rc=0
"$pc" --state-dir "$state" connect "127.0.0.1:$port" --servername sfb.corp.test --json >"$work/before.json" 2>/dev/null || rc=$?
[[ $rc == 1 ]] || fail "phonecert connect trusted the server before ca.pem was added (exit $rc)"
ok
"$pc" --state-dir "$state" trust add "$work/ca/ca.pem" >/dev/null || fail "phonecert trust add ca.pem"
"$pc" --state-dir "$state" config set static.security.cn_validation 1 >/dev/null
"$pc" --state-dir "$state" connect "127.0.0.1:$port" --servername sfb.corp.test --json >"$work/after.json" ||
  fail "phonecert connect after trust add: $(cat "$work/after.json")"
jq -e '.verdict == "trusted"' "$work/after.json" >/dev/null || fail "connect verdict: $(cat "$work/after.json")"
ok
"$pc" --state-dir "$state" connect "127.0.0.1:$port" >/dev/null || fail "phonecert connect by IP literal"
ok
rc=0
"$pc" --state-dir "$state" connect "127.0.0.1:$port" --servername other.corp.test >/dev/null 2>&1 || rc=$?
[[ $rc == 1 ]] || fail "phonecert connect accepted a name not in the certificate (exit $rc)"
ok
rc=0
"$pc" --state-dir "$state" connect "127.0.0.1:$solo_port" --servername prov.corp.test >/dev/null 2>&1 || rc=$?
[[ $rc == 1 ]] || fail "phonecert connect trusted the other CA's server (exit $rc)"
ok

echo "ca_nginx.sh: $checks checks passed"
