#!/usr/bin/env bash
# phonecert provision against a real nginx on loopback (plain HTTP, basic auth): common + MAC
# precedence, certificate bundle and device certificate download, the same round again, delete
# URLs, 404 on the MAC file, server down, credentials (none / wrong / right / in the URL), files
# over the 5 MB cap, a round that fails halfway, an 11th custom CA, a time-out, redirects.
# Every failing round must leave the state exactly as it was (config export + trust list --json +
# device show --json compared before/after).
set -euo pipefail
source "$PHONECERT_SOURCE_DIR/tests/provision/lib.bash"

start_nginx
W=$WORK/www
mkdir -p "$W"/{p1,p2,p3,auth,big,bigcfg,half,full,slow,p4}
fp() { openssl x509 -in "$1" -noout -fingerprint -sha256 | cut -d= -f2 | tr -d : | tr A-F a-f; }
bundle_fps() {  # the SHA-256 of every certificate in a PEM bundle, one per line, in order
  local tmp=$WORK/split
  rm -rf "$tmp"; mkdir -p "$tmp"
  awk -v d="$tmp" '/BEGIN CERTIFICATE/{n++; p=1} p{print > (d "/" n ".pem")} /END CERTIFICATE/{p=0; close(d "/" n ".pem")}' "$1"
  for f in $(ls "$tmp" | sort -n); do fp "$tmp/$f"; done
}
custom_fps() { "$PC" --state-dir "$1" trust list --custom --json | jq -r '.custom[].sha256'; }
device_fp() {
  "$PC" --state-dir "$1" device show --json |
    jq -r '.installed.custom.sha256_fingerprint // "none"' | tr -d : | tr A-F a-f
}

# ---- common + MAC precedence, bundle, device certificate ---------------------------------------
log "common + MAC files, certificate bundle and device certificate over HTTP"
cp "$TD/bundle-roots.pem" "$W/p1/ca-bundle.pem"
cp "$TD/device-bundle.pem" "$W/p1/device.pem"
cfg "$W/p1/y000000000000.cfg" \
  "static.security.ca_cert = 1" \
  "static.security.cn_validation = 1" \
  "account.1.label = Reception" \
  "static.trusted_certificates.url = $HTTP/p1/ca-bundle.pem" \
  "static.server_certificates.url = $HTTP/p1/device.pem"
cfg "$W/p1/001565aabbcc.cfg" "static.security.ca_cert = 0"
chmod -R a+rX "$W"
S=$(new_state)
provision "$S" --url "$HTTP/p1/"
check "round over HTTP applies (exit 0)" test "$RC" = 0
check "report: applied" test "$(report .applied)" = true
check "report: common file fetched" test "$(report '.files[0].status') $(report '.files[0].response_code')" = "ok 200"
check "report: MAC file fetched by its lower-case name" \
  test "$(report '.files[1].url')" = "$HTTP/p1/001565aabbcc.cfg"
check "report: bytes of the common file" test "$(report '.files[0].bytes')" = "$(stat -c %s "$W/p1/y000000000000.cfg")"
check "MAC file wins: ca_cert = 0" test "$("$PC" --state-dir "$S" config get static.security.ca_cert)" = 0
check "common file applied: cn_validation = 1" \
  test "$("$PC" --state-dir "$S" config get static.security.cn_validation)" = 1
check "unknown key is a diagnostic with file:line" \
  test "$(report '.diagnostics[] | select(.code=="unknown_key") | "\(.file):\(.line)"')" = "y000000000000.cfg:4"
check "every certificate of the bundle is a custom CA, in order" \
  test "$(custom_fps "$S")" = "$(bundle_fps "$TD/bundle-roots.pem")"
check "device certificate installed (leaf-san)" test "$(device_fp "$S")" = "$(fp "$TD/leaf-san.pem")"
check "report: device certificate installed" \
  test "$(report '.certificates[] | select(.store=="device") | .action')" = installed
before=$(state_fingerprint "$S")
provision "$S" --url "$HTTP/p1/"
check "the same round again applies" test "$RC" = 0
check "the same round again changes nothing" unchanged "$S" "$before"
check "report: certificates already present / unchanged" \
  test "$(report '[.certificates[].action] | unique | join(",")')" = "already_present,unchanged"
check "report: 0 settings changed ($(report .settings_changed))" test "$(report .settings_changed)" = 0

# ---- 404 on the MAC file ----------------------------------------------------------------------
log "404 on the MAC file"
cfg "$W/p2/y000000000000.cfg" "static.security.trust_certificates = 0"
chmod -R a+rX "$W"
S2=$(new_state)
provision "$S2" --url "$HTTP/p2"
check "404 on the MAC file is fine (exit 0)" test "$RC" = 0
check "report: MAC file not_found (404)" \
  test "$(report '.files[1].status') $(report '.files[1].response_code')" = "not_found 404"
check "common file applied" \
  test "$("$PC" --state-dir "$S2" config get static.security.trust_certificates)" = 0
provision "$S2" --url "$HTTP/nothing-here/"
check "both files missing: still exit 0" test "$RC" = 0

# ---- delete URLs -------------------------------------------------------------------------------
log "delete URLs"
cfg "$W/p3/y000000000000.cfg" \
  "static.trusted_certificates.delete = http://localhost/all" \
  "static.server_certificates.delete = http://localhost/all" \
  "static.trusted_certificates.url = %NULL%" \
  "static.server_certificates.url = %NULL%"
chmod -R a+rX "$W"
provision "$S" --url "$HTTP/p3/" --mac 00:00:00:00:00:01
check "delete round applies" test "$RC" = 0
check "no custom CA left" test -z "$(custom_fps "$S")"
check "no custom device certificate left" test "$(device_fp "$S")" = none
check "report: actions listed" test "$(report '.actions | length')" = 2
check "report: deleted certificates listed" \
  test "$(report '[.certificates[] | select(.action=="deleted")] | length')" = "$(( $(bundle_fps "$TD/bundle-roots.pem" | wc -l) + 1 ))"
check "delete keys are not stored" \
  test "$("$PC" --state-dir "$S" config get static.trusted_certificates.delete)" = ""

# ---- server down ------------------------------------------------------------------------------
log "server down"
S3=$(new_state)
"$PC" --state-dir "$S3" config set static.auto_provision.server.url "http://127.0.0.1:$(free_port)/" >/dev/null
before=$(state_fingerprint "$S3")
provision "$S3"
check "server down: exit 1" test "$RC" = 1
check "server down: fetch_failed" test "$(report .failure.code)" = provisioning.fetch_failed
check "server down: the reason says it could not connect" grep -qi "connect" <(report .failure.reason)
check "server down: state unchanged" unchanged "$S3" "$before"

# ---- credentials -------------------------------------------------------------------------------
log "basic auth: none, wrong, right, in the URL"
cfg "$W/auth/y000000000000.cfg" "static.security.cn_validation = 1"
chmod -R a+rX "$W"
S4=$(new_state)
before=$(state_fingerprint "$S4")
provision "$S4" --url "$HTTP/auth/"
check "no credentials: exit 1" test "$RC" = 1
check "no credentials: web.unauthorized" test "$(report .failure.code)" = web.unauthorized
check "no credentials: says credentials are needed" grep -q "asks for credentials" <(report .failure.reason)
"$PC" --state-dir "$S4" config set static.auto_provision.server.username phone >/dev/null
"$PC" --state-dir "$S4" config set static.auto_provision.server.password wrong >/dev/null
before=$(state_fingerprint "$S4")
provision "$S4" --url "$HTTP/auth/"
check "wrong password: exit 1 (401)" test "$RC $(report '.files[0].response_code')" = "1 401"
check "wrong password: refused the user name or password" grep -q "refused the user name or password" <(report .failure.reason)
check "wrong password: state unchanged" unchanged "$S4" "$before"
"$PC" --state-dir "$S4" config set static.auto_provision.server.password secret >/dev/null
provision "$S4" --url "$HTTP/auth/"
check "right password from the settings: exit 0" test "$RC" = 0
check "right password: applied" test "$("$PC" --state-dir "$S4" config get static.security.cn_validation)" = 1
S5=$(new_state)
provision "$S5" --url "http://phone:secret@127.0.0.1:$HTTP_PORT/auth/"
check "credentials in the URL: exit 0" test "$RC" = 0
check "credentials in the URL: the password is not in the report" \
  bash -c "! grep -q secret '$WORK/report.json'"
check "credentials in the URL: redacted as ***" grep -q "phone:\*\*\*@" "$WORK/report.json"

# ---- over the size cap -------------------------------------------------------------------------
log "files over the 5 MB cap"
head -c 6291456 /dev/zero | tr '\0' 'A' >"$W/big/ca.pem"
cfg "$W/big/y000000000000.cfg" "static.security.cn_validation = 1" "static.trusted_certificates.url = $HTTP/big/ca.pem"
{ echo '#!version:1.0.0.1'; for i in $(seq 1 90000); do echo "# padding line $i ......................................................"; done; } >"$W/bigcfg/y000000000000.cfg"
chmod -R a+rX "$W"
S6=$(new_state)
before=$(state_fingerprint "$S6")
provision "$S6" --url "$HTTP/big/"
check "6 MB certificate file: exit 1" test "$RC" = 1
check "6 MB certificate file: parse.too_large" test "$(report .failure.code)" = parse.too_large
check "6 MB certificate file: state unchanged (cn_validation too)" unchanged "$S6" "$before"
check "the .cfg is over 5 MB" test "$(stat -c %s "$W/bigcfg/y000000000000.cfg")" -gt 5242880
provision "$S6" --url "$HTTP/bigcfg/"
check "6 MB .cfg file: exit 1, too_large" test "$RC $(report .failure.code)" = "1 parse.too_large"

# ---- a round that fails halfway ---------------------------------------------------------------
log "trusted certificate URL fine, server certificate URL 404: nothing applied"
cp "$TD/root-rsa.pem" "$W/half/ca.pem"
cfg "$W/half/y000000000000.cfg" \
  "static.security.cn_validation = 1" \
  "static.security.ca_cert = 1" \
  "static.trusted_certificates.url = $HTTP/half/ca.pem" \
  "static.server_certificates.url = $HTTP/half/missing-device.pem"
chmod -R a+rX "$W"
S7=$(new_state)
"$PC" --state-dir "$S7" trust add "$TD/root-ec.pem" >/dev/null
before=$(state_fingerprint "$S7")
provision "$S7" --url "$HTTP/half/"
check "halfway failure: exit 1" test "$RC" = 1
check "halfway failure: the trusted certificates file was fetched" \
  test "$(report '.files[] | select(.role=="trusted_certificates") | .status')" = ok
check "halfway failure: the step is the server certificate" test "$(report .failure.step)" = "fetch server_certificate"
check "halfway failure: settings, CAs and device certificate unchanged" unchanged "$S7" "$before"

# ---- an 11th custom CA -------------------------------------------------------------------------
log "eleven CA certificates"
for i in $(seq 1 11); do
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout /dev/null \
    -subj "/CN=Provisioning Test CA $i" -days 3650 -addext basicConstraints=critical,CA:TRUE \
    2>/dev/null
done >"$W/full/eleven.pem"
bundle_fps "$W/full/eleven.pem" | sed -n 1,10p >"$WORK/ten.txt"
cfg "$W/full/y000000000000.cfg" "static.trusted_certificates.url = $HTTP/full/eleven.pem"
chmod -R a+rX "$W"
S8=$(new_state)
before=$(state_fingerprint "$S8")
provision "$S8" --url "$HTTP/full/"
check "11 CAs: exit 1" test "$RC" = 1
check "11 CAs: trust.store_full" test "$(report .failure.code)" = trust.store_full
check "11 CAs: the reason names the limit" grep -q "the limit is 10" <(report .failure.reason)
check "11 CAs: state unchanged" unchanged "$S8" "$before"
awk '/BEGIN CERTIFICATE/{n++} n<=10' "$W/full/eleven.pem" >"$W/full/ten.pem"
cfg "$W/full/y000000000000.cfg" "static.trusted_certificates.url = $HTTP/full/ten.pem"
provision "$S8" --url "$HTTP/full/"
check "10 CAs: exit 0" test "$RC" = 0
check "10 CAs: all ten custom" test "$(custom_fps "$S8")" = "$(cat "$WORK/ten.txt")"

# ---- time-out ----------------------------------------------------------------------------------
log "a slow server and --timeout 2"
{ echo '#!version:1.0.0.1'; for i in $(seq 1 1000); do echo "# padding line $i ......................................................"; done; } >"$W/slow/y000000000000.cfg"
chmod -R a+rX "$W"
S9=$(new_state)
start=$(date +%s)
provision "$S9" --url "$HTTP/slow/" --timeout 2
elapsed=$(( $(date +%s) - start ))
check "time-out: exit 1" test "$RC" = 1
check "time-out: the reason says timed out" grep -q "timed out" <(report .failure.reason)
check "time-out: stopped within 5 s (took ${elapsed} s)" test "$elapsed" -le 5

# ---- redirects ---------------------------------------------------------------------------------
log "redirects"
provision "$S9" --url "$HTTP/redirect/same/" --mac 00:00:00:00:00:02
check "HTTP -> HTTP redirect followed" test "$RC $(report '.files[0].status')" = "0 ok"
check "report: redirected_from" test "$(report '.files[0].redirected_from[0]')" = "$HTTP/redirect/same/y000000000000.cfg"
provision "$S9" --url "$HTTP/redirect/https/"
check "HTTP -> HTTPS redirect refused" test "$RC" = 1
check "redirect refusal names the schemes" grep -q "from http to https" <(report .failure.reason)

# ---- text report -------------------------------------------------------------------------------
log "text report"
out=$("$PC" --state-dir "$S2" provision --url "$HTTP/p2/" 2>&1)
check "text report: result line" grep -q "^Result: applied" <<<"$out"
check "text report: the MAC file line says not_found" grep -q "mac: .*001565aabbcc.cfg -> not_found (404)" <<<"$out"

finish
