#!/usr/bin/env bash
# Auto-provisioning through phonecertd: "Provision now" over the API and the Auto Provision page
# against a real nginx on loopback, the round at start, a failed round (server down) that changes
# nothing, and an untrusted HTTPS server whose verification failure is logged with its reasons.
source "$(dirname "$0")/../web/lib.sh"

SITE=$WORK/site
mkdir -p "$SITE"
cp "$DATA/root-rsa.pem" "$SITE/company-root.pem"
start_nginx "$SITE"
HTTP_PORT=$NGINX_PORT
common_file() {
  printf '#!version:1.0.0.1\n# common file\nstatic.security.cn_validation = 1\nstatic.trusted_certificates.url = http://127.0.0.1:%s/company-root.pem\naccount.1.label = ignored\n' \
    "$1" >"$SITE/y000000000000.cfg"
}
common_file "$HTTP_PORT"

STATE=$WORK/state
start_daemon "$STATE"
api GET /api/v1/metrics
expect_eq "metrics: no verification yet" "$(jq '.counters["verify.verifications"]' <<<"$BODY")" 0
check "metrics: every reason has a counter" test "$(jq '[.counters | keys[] | select(startswith("verify.reason."))] | length' <<<"$BODY")" -gt 10
expect_eq "metrics: nothing expires soon" "$(jq '.expiry | length' <<<"$BODY")" 0
api GET /api/v1/provisioning
expect_eq "rounds are available" "$(jq -r .available <<<"$BODY")" true
expect_eq "no round yet" "$(jq -r .last_round <<<"$BODY")" null
api PUT /api/v1/settings -d "{\"static.auto_provision.server.url\": \"http://127.0.0.1:$HTTP_PORT/\"}"
expect_eq "server URL set" "$STATUS" 200

# ---- Provision now (API) ----
api POST /api/v1/provisioning
expect_eq "round applied: 200" "$STATUS $(jq -r .round.applied <<<"$BODY")" "200 true"
expect_contains "summary counts the CA" "$(jq -r .round.summary <<<"$BODY")" "1 trusted certificate added"
expect_eq "the report is the provisioning layer's" "$(jq -r '.round.report.files[0].role' <<<"$BODY")" common
api GET /api/v1/trusted-certificates
expect_eq "the CA from the round is trusted" "$(jq -r '.custom[0].issued_to' <<<"$BODY")" "Phonecert Test Root RSA"
api GET /api/v1/settings
expect_eq "the common file's setting applied" "$(jq -r '.settings["static.security.cn_validation"]' <<<"$BODY")" 1
api GET /api/v1/provisioning
expect_eq "status keeps the last round" "$(jq -r .last_round.trigger <<<"$BODY") $(jq -r .last_round.applied <<<"$BODY")" "api true"
req -u "admin:$PASSWORD" "$URL/settings/auto-provision"
expect_contains "the Auto Provision page shows the report" "$BODY" "1 trusted certificate added"
check "the round is logged" grep -q 'provisioning: round applied (api)' "$DAEMON_ERR"

# ---- a failed round changes nothing ----
stop_nginx
api POST /api/v1/provisioning
expect_eq "server down: 502 provisioning.failed" "$STATUS $(jq -r .error.code <<<"$BODY")" "502 provisioning.failed"
expect_eq "... with the round's report" "$(jq -r .round.applied <<<"$BODY")" false
api GET /api/v1/trusted-certificates
expect_eq "nothing changed" "$(jq '.custom | length' <<<"$BODY")" 1
check "the failure is logged" grep -q 'provisioning: round failed, nothing applied (api)' "$DAEMON_ERR"

# ---- an untrusted HTTPS server: refused, and the verification failure logged with reasons ----
start_nginx "$SITE" "$DATA/leaf-unknown-root-chain.pem" "$DATA/leaf-unknown-root.key"
api PUT /api/v1/settings -d "{\"static.auto_provision.server.url\": \"https://127.0.0.1:$NGINX_PORT/\"}"
api POST /api/v1/provisioning
expect_eq "untrusted server: the round fails" "$(jq -r .round.applied <<<"$BODY")" false
check "the verification failure is logged with its reasons" grep -q 'verify: 127.0.0.1 (common): not_trusted \[' "$DAEMON_ERR"
api GET /api/v1/metrics
expect_eq "metrics: the verification is counted" \
  "$(jq '.counters | [.["verify.verifications"] >= 1, .["verify.not_trusted"] >= 1, .["verify.trusted"] == 0, .["verify.reason.untrusted_root"] >= 1] | all' <<<"$BODY")" true
check "metrics: uptime is counted" test "$(jq .uptime_seconds <<<"$BODY")" -ge 0
stop_nginx

# ---- a round at start when a server URL is set ----
start_nginx "$SITE"
common_file "$NGINX_PORT"
api PUT /api/v1/settings -d "{\"static.auto_provision.server.url\": \"http://127.0.0.1:$NGINX_PORT/\"}"
stop_daemon
start_daemon "$STATE"
for _ in $(seq 1 100); do grep -q 'provisioning: round applied (start)' "$DAEMON_ERR" && break; sleep 0.1; done
check "a round ran at start" grep -q 'provisioning: round applied (start)' "$DAEMON_ERR"
api GET /api/v1/provisioning
expect_eq "its report is the last round" "$(jq -r .last_round.trigger <<<"$BODY")" start

finish
