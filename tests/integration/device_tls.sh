#!/usr/bin/env bash
# Device certificates as real TLS clients see them. tests/tools/identity_server serves HTTPS "ok"
# on a free loopback port with phonecert's server context (cpp-httplib SSLServer +
# ServerCtxSetup) and reloads the active identity of the state directory on SIGHUP (and by
# polling). `openssl s_client` and curl check which certificate the phone presents:
#   unique by default, generic when the unique one is missing, custom after dev_cert = 1,
#   the new one after a replacement while a connection opened before keeps working,
#   every refusal leaves the previous certificate in force, factory reset with
#   reserve_certs_enable 0 and 1.
# Custom certificates come from tests/data/gen-certs.sh (OpenSSL CLI); fingerprints and public
# key pins are computed with the OpenSSL CLI at run time.
set -euo pipefail
source "$(dirname "$0")/../tools/identity_server_lib.sh"

# --- factory part and server ------------------------------------------------------------------
mac=001565aabbcc
pcs 0 factory init --mac 00:15:65:AA:BB:CC
unique_pem=$work/unique.pem generic_pem=$work/generic.pem
openssl x509 -in "$state/factory/unique.pem" -out "$unique_pem"
openssl x509 -in "$state/factory/generic.pem" -out "$generic_pem"
unique=$(sha "$unique_pem") generic=$(sha "$generic_pem")
[[ $(openssl x509 -in "$unique_pem" -noout -subject) == "subject=CN = $mac" ]] || fail "unique CN"

start_server --poll-ms 100

# --- unique by default --------------------------------------------------------------------------
expect_presented "$unique" "default"
curl_ok --cacert "$state/factory/vendor-ca.pem" --resolve "$mac:$port:127.0.0.1" \
  "https://$mac:$port/" || fail "curl with the vendor CA does not reach the unique certificate"
curl_ok -k --pinnedpubkey "sha256//$(pin "$unique_pem")" "https://127.0.0.1:$port/" ||
  fail "curl: the unique key pin does not match"
! curl_ok -k --pinnedpubkey "sha256//$(pin "$generic_pem")" "https://127.0.0.1:$port/" ||
  fail "curl: the generic key pin matched while the unique certificate is in force"
# Old protocols are refused by the server context.
! openssl s_client -connect "127.0.0.1:$port" -tls1_1 -cipher 'DEFAULT:@SECLEVEL=0' \
  </dev/null >/dev/null 2>&1 || fail "TLS 1.1 handshake succeeded"

# --- generic when the unique certificate is missing ----------------------------------------------
mkdir "$work/aside"
mv "$state/factory/unique.pem" "$state/factory/unique.key" "$work/aside/"
reload
expect_presented "$generic" "no unique certificate"
curl_ok -k --pinnedpubkey "sha256//$(pin "$generic_pem")" "https://127.0.0.1:$port/" ||
  fail "curl: the generic key pin does not match"
pcs 0 device show
[[ $out == *"Active device certificate: generic"* ]] || fail "show without unique: $out"
[[ $out == *"key is shared by all devices of the model"* ]] || fail "no shared-key warning: $out"
mv "$work/aside/unique.pem" "$work/aside/unique.key" "$state/factory/"
reload
expect_presented "$unique" "unique back"

# --- custom after dev_cert = 1 (picked up by polling, no signal) ------------------------------
pcs 0 device install "$td/device-bundle.pem"
custom=$(sha "$td/leaf-san.pem")
reload
expect_presented "$unique" "custom installed but dev_cert = 0"
pcs 0 device use custom
wait_for 10 grep -q "trigger=poll active=custom sha256=$custom" "$log" ||
  fail "polling did not pick up dev_cert = 1"
expect_presented "$custom" "dev_cert = 1"
curl_ok --cacert "$td/root-rsa.pem" "https://127.0.0.1:$port/" ||
  fail "curl with the test root does not accept the custom certificate"
! curl_ok --cacert "$state/factory/vendor-ca.pem" "https://127.0.0.1:$port/" ||
  fail "curl with the vendor CA accepted the custom certificate"

# --- replacement while a connection opened before the swap stays open ----------------------------
mkfifo "$work/in"
timeout 60 openssl s_client -connect "127.0.0.1:$port" -servername phone.test -ign_eof \
  <"$work/in" >"$work/old.out" 2>&1 &
old_client=$!
pids+=("$old_client")
exec 7>"$work/in"
wait_for 10 grep -q 'Verify return code' "$work/old.out" || fail "the long connection did not open"
cat "$td/leaf-ec256-chain.pem" "$td/leaf-ec256.key" >"$work/ec-bundle.pem"
pcs 0 device install "$work/ec-bundle.pem"
[[ $out == "replaced the custom device certificate"* ]] || fail "replace: $out"
replacement=$(sha "$td/leaf-ec256.pem")
reload
expect_presented "$replacement" "after the replacement"
printf 'GET / HTTP/1.0\r\nHost: phone.test\r\n\r\n' >&7
exec 7>&-
wait "$old_client" || fail "the long connection ended badly: $(cat "$work/old.out")"
grep -qx 'ok' <(tr -d '\r' <"$work/old.out") || fail "no answer on the connection opened before the swap"
[[ $(sha "$work/old.out") == "$custom" ]] || fail "the old connection did not have the old certificate"

# --- every refusal leaves the previous certificate in force ------------------------------------
cat "$td/leaf-san.pem" "$td/leaf-wild.key" >"$work/mismatch.pem"
cat "$td/leaf-san-chain.pem" "$td/key-rsa-pkcs8-enc.pem" >"$work/encrypted.pem"
cat "$td/int-rsa.pem" "$td/int-rsa.key" >"$work/ca-leaf.pem"
cat "$td/leaf-expired-chain.pem" "$td/leaf-expired.key" >"$work/expired.pem"
cat "$td/leaf-notyet-chain.pem" "$td/leaf-notyet.key" >"$work/notyet.pem"
head -c $((5 * 1024 * 1024 + 1)) /dev/zero | tr '\0' 'A' >"$work/large.pem"
refuse() {  # refuse CODE FILE [ARGS...]
  local code=$1; shift
  pcs 1 device install "$@"
  [[ $out == *"[$code]"* ]] || fail "install $*: wanted [$code], got: $out"
  reload
  expect_presented "$replacement" "after the refused $*"
}
refuse identity.no_private_key "$td/leaf-san-chain.pem"
refuse identity.key_mismatch "$work/mismatch.pem"
refuse parse.password_required "$work/encrypted.pem"
refuse parse.too_large "$work/large.pem"
refuse identity.ca_as_leaf "$work/ca-leaf.pem"
refuse identity.expired "$work/expired.pem"
refuse identity.not_yet_valid "$work/notyet.pem"
refuse parse.password_required "$td/leaf-san.p12"
refuse parse.wrong_password "$td/leaf-san.p12" --password wrong

# PKCS#12 with its password, then an expired one on purpose.
pcs 0 device install "$td/leaf-san.p12" --password secret
reload
expect_presented "$custom" "PKCS#12"
pcs 0 device install "$work/expired.pem" --allow-expired
reload
expect_presented "$(sha "$td/leaf-expired.pem")" "--allow-expired"
pcs 0 device install "$td/device-bundle.pem"
reload
expect_presented "$custom" "back to the bundle"

# --- remove: custom selected but none installed falls back and says so ---------------------------
pcs 0 device remove
reload
expect_presented "$unique" "custom removed"
pcs 0 device show --json
[[ $(jq -r '.active.kind' <<<"$out") == unique && $(jq -r '.fell_back' <<<"$out") == true ]] ||
  fail "show after remove: $out"
[[ $(jq -r '.reason' <<<"$out") == "custom selected but none installed: using the unique certificate" ]] ||
  fail "reason after remove: $out"

# --- factory reset, reserve_certs_enable = 1: custom certificates survive ------------------------
pcs 0 device install "$td/device-bundle.pem"
pcs 0 trust add "$td/root-ec.pem"
pcs 0 config set static.phone_setting.reserve_certs_enable 1
reload
expect_presented "$custom" "before the reserving reset"
pcs 0 factory-reset
[[ $out == *"kept"* ]] || fail "reset with reserve: $out"
reload
expect_presented "$unique" "dev_cert back to 0 after the reset"
pcs 0 trust list --custom --json
[[ $(jq '.custom | length' <<<"$out") == 1 ]] || fail "trusted certificate not kept: $out"
pcs 0 config get static.phone_setting.reserve_certs_enable
[[ $out == 0 ]] || fail "reserve_certs_enable not reset: $out"
pcs 0 device use custom
reload
expect_presented "$custom" "the kept custom certificate"

# --- factory reset, reserve_certs_enable = 0: custom certificates go, factory stays ---------------
pcs 0 factory-reset
[[ $out == *"deleted 1 custom trusted certificate"* && $out == *"deleted the custom device certificate"* ]] ||
  fail "reset without reserve: $out"
reload
expect_presented "$unique" "after the full reset"
pcs 0 trust list --custom --json
[[ $(jq '.custom | length' <<<"$out") == 0 ]] || fail "trusted certificate kept: $out"
pcs 0 device use custom
[[ $out == *"custom selected but none installed"* ]] || fail "use custom after reset: $out"
reload
expect_presented "$unique" "factory part untouched"
[[ $(sha "$state/factory/unique.pem") == "$unique" ]] || fail "the factory part changed"

echo "device_tls: all checks passed"
