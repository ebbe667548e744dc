#!/usr/bin/env bash
# phonecert provision over HTTPS, verified with the phone's own anchors and settings (not
# libcurl's CA bundle): nginx serves the leaf-san chain of the test CA (root-rsa -> int-rsa ->
# leaf-san, SAN IP:127.0.0.1). Only Accept Trusted on -> the round fails; off -> it proceeds and
# the report says "proceed_untrusted" with the reasons; a custom CA delivered in round 1 (over
# HTTP) makes round 2 over HTTPS trusted; Common Name Validation refuses a host the certificate
# does not name; basic auth over HTTPS. openssl s_server -HTTP serves raw responses for a
# truncated download (Content-Length larger than the body) and a body over the cap without a
# Content-Length.
set -euo pipefail
source "$PHONECERT_SOURCE_DIR/tests/provision/lib.bash"

start_nginx
W=$WORK/www
mkdir -p "$W"/{r1,r2,auth}
cfg "$W/r2/y000000000000.cfg" "static.security.cn_validation = 1"
cfg "$W/auth/y000000000000.cfg" "static.phone_setting.reserve_certs_enable = 1"
chmod -R a+rX "$W"

# ---- not trusted, Only Accept Trusted Certificates on (the default) ---------------------------
log "HTTPS server not trusted, Only Accept Trusted Certificates = 1"
S=$(new_state)
before=$(state_fingerprint "$S")
provision "$S" --url "$HTTPS/r2/"
check "untrusted server: exit 1" test "$RC" = 1
check "untrusted server: verify.not_trusted" test "$(report .failure.code)" = verify.not_trusted
check "untrusted server: report has the TLS verdict" test "$(report '.files[0].tls[0].verdict')" = not_trusted
check "untrusted server: the reason is the missing issuer (root-rsa is no anchor)" \
  test "$(report '.files[0].tls[0].reasons | join(",")')" = missing_issuer
check "untrusted server: host name in the TLS record" test "$(report '.files[0].tls[0].host')" = 127.0.0.1
check "untrusted server: state unchanged" unchanged "$S" "$before"

# ---- not trusted, Only Accept Trusted Certificates off ----------------------------------------
log "HTTPS server not trusted, Only Accept Trusted Certificates = 0"
"$PC" --state-dir "$S" config set static.security.trust_certificates 0 >/dev/null
provision "$S" --url "$HTTPS/r2/"
check "trust off: the round proceeds (exit 0)" test "$RC" = 0
check "trust off: verdict proceed_untrusted" test "$(report '.files[0].tls[0].verdict')" = proceed_untrusted
check "trust off: reasons still reported" test "$(report '.files[0].tls[0].reasons | join(",")')" = missing_issuer
check "trust off: proceeded" test "$(report '.files[0].tls[0].proceeded')" = true
check "trust off: file applied" test "$("$PC" --state-dir "$S" config get static.security.cn_validation)" = 1
out=$("$PC" --state-dir "$S" provision --url "$HTTPS/r2/" 2>&1 || true)
check "trust off: text report says fetched anyway" grep -q "proceed_untrusted \[missing_issuer\] (Only Accept Trusted Certificates is off" <<<"$out"

# ---- round 1 delivers the CA, round 2 over HTTPS is trusted ------------------------------------
log "a custom CA delivered in round 1 protects round 2"
cp "$TD/root-rsa.pem" "$W/r1/company-ca.pem"
cfg "$W/r1/y000000000000.cfg" \
  "static.trusted_certificates.url = $HTTP/r1/company-ca.pem" \
  "static.security.trust_certificates = 1" \
  "static.security.cn_validation = 1" \
  "static.auto_provision.server.url = $HTTPS/r2/"
chmod -R a+rX "$W"
S2=$(new_state)
provision "$S2" --url "$HTTPS/r2/"
check "before round 1: HTTPS refused" test "$RC" = 1
provision "$S2" --url "$HTTP/r1/"
check "round 1 over HTTP: exit 0" test "$RC" = 0
check "round 1: one custom CA added" test "$(report '[.certificates[] | select(.action=="added")] | length')" = 1
check "round 1: the server URL now points at HTTPS" \
  test "$("$PC" --state-dir "$S2" config get static.auto_provision.server.url)" = "$HTTPS/r2/"
provision "$S2"
check "round 2 over HTTPS (URL from the settings): exit 0" test "$RC" = 0
check "round 2: verdict trusted" test "$(report '.files[0].tls[0].verdict')" = trusted
check "round 2: no reasons" test "$(report '.files[0].tls[0].reasons | length')" = 0
check "round 2: the MAC file request was verified too" test "$(report '.files[1].tls[0].verdict')" = trusted

# ---- Common Name Validation: the host the phone meant to reach --------------------------------
log "Common Name Validation with a host name the certificate does not name"
provision "$S2" --url "https://localhost:$HTTPS_PORT/r2/"
check "localhost (not in the SAN) with cn_validation = 1: exit 1" test "$RC" = 1
check "localhost: reason name_mismatch" test "$(report '.files[0].tls[0].reasons | join(",")')" = name_mismatch
check "localhost: host recorded as written in the URL" test "$(report '.files[0].tls[0].host')" = localhost
"$PC" --state-dir "$S2" config set static.security.cn_validation 0 >/dev/null
provision "$S2" --url "https://localhost:$HTTPS_PORT/r2/"
check "localhost with cn_validation = 0: trusted (chain is fine)" \
  test "$RC $(report '.files[0].tls[0].verdict')" = "0 trusted"
"$PC" --state-dir "$S2" config set static.security.cn_validation 1 >/dev/null
"$PC" --state-dir "$S2" config set static.security.ca_cert 0 >/dev/null
provision "$S2" --url "$HTTPS/r2/"
check "ca_cert = 0 (built-in only): the custom CA does not count" \
  test "$RC $(report '.files[0].tls[0].verdict')" = "1 not_trusted"
"$PC" --state-dir "$S2" config set static.security.ca_cert 2 >/dev/null

# ---- basic auth over HTTPS ---------------------------------------------------------------------
log "basic auth over HTTPS"
provision "$S2" --url "$HTTPS/auth/"
check "HTTPS /auth/ without credentials: 401" test "$RC $(report '.files[0].response_code')" = "1 401"
"$PC" --state-dir "$S2" config set static.auto_provision.server.username phone >/dev/null
"$PC" --state-dir "$S2" config set static.auto_provision.server.password secret >/dev/null
provision "$S2" --url "$HTTPS/auth/"
check "HTTPS /auth/ with the settings' credentials: exit 0" test "$RC" = 0
check "HTTPS /auth/: applied" \
  test "$("$PC" --state-dir "$S2" config get static.phone_setting.reserve_certs_enable)" = 1

# ---- truncated download and a body over the cap (openssl s_server -HTTP) -----------------------
log "truncated download and an oversize body without Content-Length"
mkdir -p "$WORK/raw" "$WORK/files"
{ printf 'HTTP/1.0 200 OK\r\nContent-Type: application/x-pem-file\r\nContent-Length: 5000\r\n\r\n'
  cat "$TD/root-ec.pem"; } >"$WORK/raw/short.pem"
{ printf 'HTTP/1.0 200 OK\r\nContent-Type: application/x-pem-file\r\nContent-Length: %d\r\n\r\n' \
    "$(stat -c %s "$TD/root-ec.pem")"
  cat "$TD/root-ec.pem"; } >"$WORK/raw/whole.pem"
{ printf 'HTTP/1.0 200 OK\r\nContent-Type: application/x-pem-file\r\n\r\n'
  head -c 6291456 /dev/zero | tr '\0' 'B'; } >"$WORK/raw/endless.pem"
check "short.pem announces more than it holds" \
  test "$(( $(stat -c %s "$TD/root-ec.pem") < 5000 ))" = 1
start_raw_https "$WORK/raw"
S3=$(new_state)
"$PC" --state-dir "$S3" trust add "$TD/root-rsa.pem" >/dev/null
cfg "$WORK/files/y000000000000.cfg" "static.security.cn_validation = 1" \
  "static.trusted_certificates.url = $RAW/short.pem"
before=$(state_fingerprint "$S3")
provision "$S3" --url "file://$WORK/files/"
check "truncated download: exit 1" test "$RC" = 1
check "truncated download: fetch_failed" test "$(report .failure.code)" = provisioning.fetch_failed
check "truncated download: the reason says cut short" grep -q "cut short: received $(stat -c %s "$TD/root-ec.pem") bytes of the 5000 announced" <(report .failure.reason)
check "truncated download: the TLS server was trusted" test "$(report '.files[-1].tls[0].verdict')" = trusted
check "truncated download: state unchanged" unchanged "$S3" "$before"
cfg "$WORK/files/y000000000000.cfg" "static.trusted_certificates.url = $RAW/endless.pem"
provision "$S3" --url "file://$WORK/files/"
check "6 MB body without Content-Length: exit 1, too_large" test "$RC $(report .failure.code)" = "1 parse.too_large"
check "6 MB body: stopped at the cap" grep -q "stopped after" <(report .failure.reason)
check "6 MB body: state unchanged" unchanged "$S3" "$before"
cfg "$WORK/files/y000000000000.cfg" "static.trusted_certificates.url = $RAW/whole.pem"
provision "$S3" --url "file://$WORK/files/"
check "control: the same server with a whole response works" test "$RC" = 0
check "control: root-ec added" \
  test "$(report '.certificates[] | select(.action=="added") | .issued_to')" = "Phonecert Test Root EC"

finish
