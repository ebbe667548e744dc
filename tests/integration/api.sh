#!/usr/bin/env bash
# The REST API of phonecertd over real HTTPS (curl), against a daemon started here on a free
# loopback port with a fresh state directory: first start, settings, trusted certificates, device
# certificate (and the certificate a TLS client is then served), provisioning status, password
# handling. Every response is recorded and checked for private keys at the end.
source "$(dirname "$0")/../web/lib.sh"

STATE=$WORK/state
start_daemon "$STATE"

# ---- first start ----
expect_contains "banner names the URL" "$(cat "$DAEMON_OUT")" "https://127.0.0.1:$PORT/"
expect_contains "banner names the user" "$(cat "$DAEMON_OUT")" "user:               admin"
check "banner printed a generated password" test -n "${PASSWORD:-}"
check "password hash file is 0600" test "$(stat -c %a "$STATE/admin-password.pbkdf2")" = 600
check "the password is not stored in clear" bash -c "! grep -rqF -- '$PASSWORD' '$STATE'"
check "factory identity created" test -s "$STATE/factory/unique.pem"
check "factory key is 0600" test "$(stat -c %a "$STATE/factory/unique.key")" = 600
unique_sha=$(file_sha256 "$STATE/factory/unique.pem")
check "the expiry watch ran at start: nothing expires soon" \
  wait_log "info    expiry: no device or custom CA certificate expires within 30 days"
expect_eq "TLS clients are served the unique certificate" "$(served_sha256)" "$unique_sha"

# ---- settings ----
api GET /api/v1/settings; body=$BODY
expect_eq "GET settings 200" "$STATUS" 200
expect_eq "ca_cert default" "$(json '.settings["static.security.ca_cert"]' <<<"$body")" 2
api GET '/api/v1/settings?describe=1'; body=$BODY
expect_eq "describe lists the table's labels" \
  "$(json '.parameters[] | select(.key=="static.security.cn_validation") | .label' <<<"$body")" \
  "Common Name Validation"
api PUT /api/v1/settings -H 'Content-Type: application/json' \
  -d '{"static.security.ca_cert": "7", "static.security.cn_validation": "1"}'; body=$BODY
expect_eq "invalid value refused 400" "$STATUS" 400
expect_eq "invalid value code" "$(json .error.code <<<"$body")" settings.invalid_value
expect_contains "the sentence names the permitted values" "$(json .error.message <<<"$body")" "2"
api GET /api/v1/settings; body=$BODY
expect_eq "nothing of a refused update applied" "$(json '.settings["static.security.cn_validation"]' <<<"$body")" 0
api PATCH /api/v1/settings -d '{"static.no.such.key": "1"}'; body=$BODY
expect_eq "unknown key code" "$(json .error.code <<<"$body")" settings.unknown_key
api PUT /api/v1/settings -d 'not json'; body=$BODY
expect_eq "malformed body refused 400" "$STATUS" 400
api PUT /api/v1/settings -d '{"security.cn_validation": 1, "static.security.ca_cert": "1"}'; body=$BODY
expect_eq "valid update 200 (alias key, integer value)" "$STATUS" 200
expect_eq "update reports 2 changes" "$(json '.changes | length' <<<"$body")" 2
check "settings.cfg holds the change" grep -q '^static.security.cn_validation *= *1' "$STATE/settings.cfg"
api PUT /api/v1/settings -d '{"static.auto_provision.server.password": "pw-secret-123"}'; body=$BODY
expect_eq "secret is masked in the reply" "$(json '.settings["static.auto_provision.server.password"]' <<<"$body")" "********"
check "secret never shown back" bash -c "! grep -q pw-secret-123 '$RECORD'/*"

# ---- trusted certificates ----
api POST /api/v1/trusted-certificates --data-binary @"$DATA/root-rsa.pem"; body=$BODY
expect_eq "upload CA (raw PEM) 201" "$STATUS" 201
expect_eq "added Issued To" "$(json '.added[0].issued_to' <<<"$body")" "Phonecert Test Root RSA"
expect_eq "added index" "$(json '.added[0].index' <<<"$body")" 1
api POST /api/v1/trusted-certificates -F "file=@$DATA/root-ec.crt"; body=$BODY
expect_eq "upload CA (multipart) 201" "$STATUS" 201
api POST /api/v1/trusted-certificates --data-binary @"$DATA/root-rsa.der"; body=$BODY
expect_eq "duplicate refused 409" "$STATUS" 409
expect_eq "duplicate code" "$(json .error.code <<<"$body")" trust.duplicate
api POST /api/v1/trusted-certificates --data-binary @"$DATA/garbage.bin"; body=$BODY
expect_eq "garbage refused 400" "$STATUS" 400
expect_contains "garbage code is a parse code" "$(json .error.code <<<"$body")" parse.
api POST /api/v1/trusted-certificates --data-binary @"$DATA/empty.pem"; body=$BODY
expect_eq "empty file refused" "$(json .error.code <<<"$body")" parse.empty_input
api GET /api/v1/trusted-certificates; body=$BODY
expect_eq "two custom certificates" "$(json '.custom | length' <<<"$body")" 2
rsa_sha=$(file_sha256 "$DATA/root-rsa.pem")
expect_eq "list carries the SHA-256 the OpenSSL CLI computes" "$(json '.custom[0].sha256' <<<"$body")" "$rsa_sha"
expect_eq "expiration" "$(json '.custom[0].expiration' <<<"$body")" 2099-12-31
check "built-in list available" test "$(get '/api/v1/trusted-certificates?builtin=1' | json '.builtin | length')" -gt 10
# Fill up to 10 with CAs made by the OpenSSL CLI, then the 11th is refused and nothing changes.
for i in $(seq 1 9); do
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$WORK/ca$i.key" \
    -out "$WORK/ca$i.pem" -subj "/CN=Extra Test CA $i" -days 30 \
    -addext basicConstraints=critical,CA:TRUE 2>/dev/null
done
for i in $(seq 1 8); do api POST /api/v1/trusted-certificates --data-binary @"$WORK/ca$i.pem"; done
expect_eq "10th accepted" "$STATUS" 201
api POST /api/v1/trusted-certificates --data-binary @"$WORK/ca9.pem"; body=$BODY
expect_eq "11th refused" "$(json .error.code <<<"$body")" trust.store_full
expect_eq "still 10" "$(get /api/v1/trusted-certificates | json '.custom | length')" 10
expect_eq "fresh CA flagged as expiring soon" \
  "$(get /api/v1/trusted-certificates | json '.custom[2].expiring_soon')" true
api DELETE /api/v1/trusted-certificates/3
expect_eq "delete by index 200" "$STATUS" 200
api DELETE "/api/v1/trusted-certificates/$rsa_sha"; body=$BODY
expect_eq "delete by SHA-256" "$(json '.removed.issued_to' <<<"$body")" "Phonecert Test Root RSA"
api DELETE "/api/v1/trusted-certificates/$rsa_sha"
expect_eq "deleting it again 404" "$STATUS" 404
api DELETE /api/v1/trusted-certificates; body=$BODY
expect_eq "delete without a target refused 400" "$STATUS" 400
api DELETE '/api/v1/trusted-certificates?all=true'; body=$BODY
expect_eq "delete all" "$(json .removed_count <<<"$body")" 8
expect_eq "none left" "$(get /api/v1/trusted-certificates | json '.custom | length')" 0

# ---- device certificate ----
api GET /api/v1/device-certificate; body=$BODY
expect_eq "active is unique" "$(json .active.kind <<<"$body")" unique
expect_eq "generic carries the shared-key warning" "$(json .generic.shared_key_warning <<<"$body")" \
  "the generic certificate's key is shared by all devices of the model"
api POST /api/v1/device-certificate --data-binary @"$DATA/device-bundle.pem"; body=$BODY
expect_eq "install PEM (key first) 201" "$STATUS" 201
expect_eq "installed is custom" "$(json .installed.kind <<<"$body")" custom
expect_eq "not yet selected: still unique served" "$(served_sha256)" "$unique_sha"
api PUT /api/v1/device-certificate -d '{"dev_cert": "custom"}'; body=$BODY
expect_eq "select custom" "$(json .active.kind <<<"$body")" custom
san_sha=$(file_sha256 "$DATA/leaf-san.pem")
expect_eq "TLS clients now get the custom certificate, no restart" "$(served_sha256)" "$san_sha"
api POST /api/v1/device-certificate --data-binary @"$DATA/leaf-ec256.pem"; body=$BODY
expect_eq "certificate without its key refused" "$STATUS" 400
expect_contains "refusal names the key" "$(json .error.code <<<"$body")" identity.
expect_eq "refusal leaves the served certificate" "$(served_sha256)" "$san_sha"
api POST /api/v1/device-certificate -F "file=@$DATA/leaf-san.p12" -F password=wrong; body=$BODY
expect_eq "PKCS#12 with a wrong password" "$(json .error.code <<<"$body")" parse.wrong_password
api POST /api/v1/device-certificate -F "file=@$DATA/leaf-ec256.pem" -F "file2=@$DATA/leaf-ec256.key"; body=$BODY
expect_eq "form without the key in the file refused" "$STATUS" 400
cat "$DATA/leaf-ec256.key" "$DATA/leaf-ec256-chain.pem" >"$WORK/ec-bundle.pem"
api POST /api/v1/device-certificate --data-binary @"$WORK/ec-bundle.pem"; body=$BODY
expect_eq "replace with another PEM" "$(json .replaced <<<"$body")" true
expect_eq "replacement served at once" "$(served_sha256)" "$(file_sha256 "$DATA/leaf-ec256.pem")"
api POST /api/v1/device-certificate -F "file=@$DATA/leaf-san.p12" -F password=secret; body=$BODY
expect_eq "PKCS#12 with its password" "$STATUS" 201
expect_eq "PKCS#12 identity served" "$(served_sha256)" "$san_sha"
check "custom key stored 0600" bash -c "stat -c %a '$STATE'/custom/device/*.key | grep -qx 600"
api DELETE /api/v1/device-certificate
expect_eq "delete custom 200" "$STATUS" 200
expect_eq "back to the unique certificate" "$(served_sha256)" "$unique_sha"
api GET /api/v1/device-certificate; body=$BODY
expect_eq "status says it fell back" "$(json .fell_back <<<"$body")" true
api DELETE /api/v1/device-certificate
expect_eq "nothing to delete 404" "$STATUS" 404
api PUT /api/v1/device-certificate -d '{"dev_cert": "sometimes"}'; body=$BODY
expect_eq "bad selection refused" "$(json .error.code <<<"$body")" settings.invalid_value

# ---- provisioning ----
api GET /api/v1/provisioning; body=$BODY
expect_eq "provisioning status 200" "$STATUS" 200
check "status says whether rounds are available" test "$(json .available <<<"$body")" != null
api POST /api/v1/provisioning; body=$BODY
code=$(json .error.code <<<"$body")
if [[ $(json .available <<<"$(get /api/v1/provisioning)") == true ]]; then
  expect_eq "run without a server URL: 400 invalid_argument" "$STATUS $code" "400 invalid_argument"
else
  expect_eq "run when rounds are not available: provisioning.failed" "$code" provisioning.failed
fi

# ---- the administrator password ----
api PUT /api/v1/settings -d '{"static.security.user_password": "admin:n3w-pass-word"}'; body=$BODY
expect_eq "set the password through the settings key" "$STATUS" 200
req -u admin:n3w-pass-word "$URL/api/v1/settings" 
expect_eq "new password works" "$STATUS" 200
req -u "admin:$PASSWORD" "$URL/api/v1/settings" 
expect_eq "old password refused" "$STATUS" 401
PASSWORD=n3w-pass-word
expect_eq "the key is consumed (emptied again)" \
  "$(get /api/v1/settings | json '.settings["static.security.user_password"]')" ""
check "settings.cfg does not hold the password" bash -c "! grep -q n3w-pass-word '$STATE/settings.cfg'"

# ---- restart: no new password, settings and certificates kept ----
api POST /api/v1/trusted-certificates --data-binary @"$DATA/root-ec.pem"
api POST /api/v1/trusted-certificates --data-binary @"$DATA/int-expired.pem"
expect_eq "an expired CA is accepted (with a warning)" "$STATUS" 201
stop_daemon
expect_eq "SIGTERM: clean exit 0" "$?" 0
unset PASSWORD
start_daemon "$STATE"
check "second start prints no password" bash -c "! grep -Eq '^  password: +[a-z0-9]{5}-' '$DAEMON_OUT'"
check "the expiry watch logs the expired custom CA at start" \
  wait_log "warning expiry: the custom CA certificate \"$(openssl x509 -in "$DATA/int-expired.pem" -noout -subject -nameopt multiline | awk -F' = ' '/commonName/{print $2}')\" expired on 2002-01-01"
PASSWORD=n3w-pass-word
expect_eq "CA kept across restart" "$(get /api/v1/trusted-certificates | json '.custom[0].issued_to')" \
  "Phonecert Test Root EC"
expect_eq "cn_validation kept" "$(get /api/v1/settings | json '.settings["static.security.cn_validation"]')" 1
out=$("$PHONECERTD" --state-dir "$STATE" --listen 127.0.0.1:0 2>&1 || true)
expect_contains "a second daemon on the same directory is refused" "$out" "io.locked"
stop_daemon
out=$("$PHONECERTD" --state-dir "$STATE" --reset-admin-password)
new_pw=$(awk '/New password/{print $NF}' <<<"$out")
check "reset prints a new password" test -n "$new_pw"
start_daemon "$STATE"
req -u "admin:$new_pw" "$URL/api/v1/settings" 
expect_eq "reset password works" "$STATUS" 200
req -u "admin:n3w-pass-word" "$URL/api/v1/settings" 
expect_eq "previous password refused after reset" "$STATUS" 401
PASSWORD=$new_pw

finish
