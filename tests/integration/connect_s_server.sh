#!/usr/bin/env bash
# phonecert connect against real `openssl s_server` instances on loopback, one scenario each,
# with chains made by tests/data/gen-certs.sh (OpenSSL CLI). Every case checks the exit code and
# the verdict or reason code in --json.
set -euo pipefail
source "$(dirname "$0")/connect_lib.bash"

base=$(state_dir base)

s_server leaf-san "$td/int-rsa.pem"
extra='.profile == "private_pki" and .anchor_source == "custom" and (.peer_chain | length) == 2 and .handshake_completed == true and (.protocol | test("TLSv1.[23]"))' \
  expect "valid chain" 0 trusted "$base" "127.0.0.1:$port" --servername server.test
extra='.expected_name == "127.0.0.1"' expect "IP literal in SAN (leaf-san)" 0 trusted "$base" "127.0.0.1:$port"
extra='.handshake_completed == false and .failing_depth == 0' \
  expect "wrong host" 1 name_mismatch "$base" "127.0.0.1:$port" --servername wrong.test

nocn=$(state_dir nocn)
config "$nocn" static.security.cn_validation 0
expect "wrong host, Common Name Validation off" 0 trusted "$nocn" "127.0.0.1:$port" --servername wrong.test

for sel in 0 1 2; do
  s=$(state_dir "ca$sel")
  config "$s" static.security.ca_cert "$sel"
  if [[ $sel == 0 ]]; then
    # Only the built-in (public) roots: the enterprise root is not among them.
    extra='.anchor_source == null' expect "custom CA, ca_cert 0" 1 missing_issuer "$s" "127.0.0.1:$port" --servername server.test
  else
    extra='.anchor_source == "custom"' expect "custom CA, ca_cert $sel" 0 trusted "$s" "127.0.0.1:$port" --servername server.test
  fi
done

s_server leaf-san
extra='.failing_depth == 0 and (.peer_chain | length) == 1' \
  expect "intermediate not sent" 1 missing_issuer "$base" "127.0.0.1:$port" --servername server.test

s_server leaf-expired "$td/int-rsa.pem"
extra='.failing_depth == 0' expect "expired leaf" 1 expired "$base" "127.0.0.1:$port" --servername server.test

s_server leaf-under-expired-int "$td/int-expired.pem"
extra='.failing_depth == 1' expect "expired intermediate" 1 expired "$base" "127.0.0.1:$port" --servername server.test

s_server leaf-notyet "$td/int-rsa.pem"
expect "not yet valid" 1 not_yet_valid "$base" "127.0.0.1:$port" --servername server.test

s_server leaf-wild "$td/int-rsa.pem"
expect "wildcard, one label" 0 trusted "$base" "127.0.0.1:$port" --servername sip.wild.test
expect "wildcard, two labels" 1 name_mismatch "$base" "127.0.0.1:$port" --servername a.sip.wild.test

s_server leaf-partialwild "$td/int-rsa.pem"
expect "partial wildcard f*.wild.test" 1 name_mismatch "$base" "127.0.0.1:$port" --servername foo.wild.test

s_server leaf-ip "$td/int-rsa.pem"
expect "IP SAN" 0 trusted "$base" "127.0.0.1:$port"
expect "IP SAN, other address" 1 name_mismatch "$base" "127.0.0.1:$port" --servername 127.0.0.2

s_server leaf-v1 "$td/int-rsa.pem"
extra='.profile == "private_pki"' expect "CN-only v1 certificate (RFC 2818 fallback)" 0 trusted "$base" "127.0.0.1:$port" --servername v1.test
expect "CN-only v1 certificate, other name" 1 name_mismatch "$base" "127.0.0.1:$port" --servername other.test

s_server leaf-unknown-root "$td/other-root.pem"
expect "unknown root" 1 untrusted_root "$base" "127.0.0.1:$port" --servername server.test

open=$(state_dir open)
config "$open" static.security.trust_certificates 0
extra='.verdict == "proceed_untrusted" and .handshake_completed == true and .connected_untrusted == true and (.note | test("Only Accept Trusted Certificates is disabled"))' \
  expect "unknown root, Only Accept Trusted off" 1 untrusted_root "$open" "127.0.0.1:$port" --servername server.test
extra='.verdict == "not_trusted" and .handshake_completed == false' \
  expect "unknown root, Only Accept Trusted on" 1 untrusted_root "$base" "127.0.0.1:$port" --servername server.test

s_server selfsigned
expect "self-signed server" 1 self_signed "$base" "127.0.0.1:$port" --servername server.test

# The text form says why the connection went on.
"$pc" --state-dir "$open" connect "127.0.0.1:$port" --servername server.test >"$work/text.out" 2>&1 || true
if grep -q "connected only because Only Accept Trusted Certificates is disabled" "$work/text.out"; then
  pass "text output names the setting that let the connection proceed"
else
  fail "text output: $(cat "$work/text.out")"
fi

# The same decisions offline (phonecert verify) on the chain files.
verify_expect() {  # NAME EXIT REASON|trusted ARGS...
  local name=$1 want_rc=$2 want=$3 rc=0
  shift 3
  "$pc" --state-dir "$base" verify "$@" --json >"$work/v.json" 2>"$work/v.err" || rc=$?
  if [[ $rc -ne $want_rc ]]; then fail "$name: exit $rc, expected $want_rc"; return; fi
  if [[ $want == trusted ]]; then
    jq -e '.trusted' "$work/v.json" >/dev/null && pass "$name" || fail "$name: $(jq -c .reasons "$work/v.json")"
  else
    jq -e --arg r "$want" '(.reasons | index($r)) != null' "$work/v.json" >/dev/null && pass "$name" ||
      fail "$name: $(jq -c .reasons "$work/v.json")"
  fi
}
verify_expect "verify: valid chain" 0 trusted "$td/leaf-san-chain.pem" --host server.test
verify_expect "verify: strict profile refuses a v1 certificate" 1 v1_certificate "$td/leaf-v1-chain.pem" --host v1.test --profile public
verify_expect "verify: private profile accepts it" 0 trusted "$td/leaf-v1-chain.pem" --host v1.test --profile private
verify_expect "verify: clock before 2020 is called unset" 1 clock_unset "$td/leaf-san-chain.pem" --host server.test --at 2019-06-01T00:00:00Z
verify_expect "verify: at the leaf's last second" 0 trusted "$td/leaf-san-chain.pem" --host server.test --at 2099-12-31T23:59:59Z
verify_expect "verify: one second later" 1 expired "$td/leaf-san-chain.pem" --host server.test --at 2100-01-01T00:00:00Z

finish
