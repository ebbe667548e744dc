#!/usr/bin/env bash
# phonecert provision with file:// URLs (a USB stick or a mounted share): common + MAC files,
# certificates, a missing MAC file, the factory MAC as the default, --mac in any usual form,
# JSON and text reports, the CLI's refusals (no server URL, unsupported scheme, bad MAC) and exit
# codes (0 applied, 1 failed and nothing applied, 2 usage).
set -euo pipefail
source "$PHONECERT_SOURCE_DIR/tests/provision/lib.bash"

D=$WORK/usb
mkdir -p "$D/certs"
cp "$TD/root-ec.crt" "$D/certs/root-ec.crt"
cp "$TD/device-bundle-crlf.pem" "$D/certs/device.pem"
printf '\xef\xbb\xbf#!version:1.0.0.1\r\nstatic.security.dev_cert = 1\r\nstatic.trusted_certificates.url = file://%s/certs/root-ec.crt\r\nstatic.server_certificates.url = file://%s/certs/device.pem\r\n' "$D" "$D" >"$D/y000000000000.cfg"
cfg "$D/001565aabbcc.cfg" "static.security.cn_validation = 1"
cfg "$D/0015650000ff.cfg" "static.security.cn_validation = 0" "static.security.ca_cert = 1"

log "file:// round with the factory MAC"
S=$(new_state)
provision "$S" --url "file://$D"
check "file round: exit 0" test "$RC" = 0
check "factory MAC used by default" test "$(report .mac)" = 001565aabbcc
check "MAC file applied" test "$("$PC" --state-dir "$S" config get static.security.cn_validation)" = 1
check "BOM + CRLF common file applied" test "$("$PC" --state-dir "$S" config get static.security.dev_cert)" = 1
check "CA from a .crt file added" test "$("$PC" --state-dir "$S" trust list --custom --json | jq -r '.custom[0].issued_to')" = "Phonecert Test Root EC"
check "device certificate from a CRLF bundle installed and active" \
  test "$("$PC" --state-dir "$S" device show --json | jq -r '.active.kind')" = custom

log "--mac in another form"
provision "$S" --url "file://$D/" --mac 00-15-65-00-00-FF
check "--mac 00-15-65-00-00-FF: exit 0" test "$RC" = 0
check "--mac normalised in the report" test "$(report .mac)" = 0015650000ff
check "the other MAC file applied" test "$("$PC" --state-dir "$S" config get static.security.ca_cert)" = 1

log "missing MAC file and no MAC at all"
provision "$S" --url "file://$D/" --mac 00:15:65:12:34:56
check "missing MAC file over file://: exit 0, not_found" test "$RC $(report '.files[1].status')" = "0 not_found"
S0=$(mktemp -d "$WORK/bare.XXXXXX")
provision "$S0" --url "file://$D/"
check "no factory MAC and no --mac: exit 0" test "$RC" = 0
check "no MAC: only the common file asked for" test "$(report '.files | map(select(.role=="mac")) | length')" = 0
check "no MAC: a note says so" grep -q "no MAC address" <(report '.notes[]')

log "refusals and exit codes"
S1=$(new_state)
before=$(state_fingerprint "$S1")
provision "$S1"
check "no server URL: exit 1" test "$RC" = 1
check "no server URL: says how to set it" grep -q "static.auto_provision.server.url" <(report .failure.reason)
provision "$S1" --url "ldap://127.0.0.1/x"
check "ldap:// refused: exit 1, invalid argument" test "$RC $(report .failure.step)" = "1 server URL"
provision "$S1" --url "file://$D" --mac 00:00:00:00:00:00
check "all-zero MAC refused: exit 1" test "$RC $(report .failure.code)" = "1 identity.invalid_mac"
check "refusals changed nothing" unchanged "$S1" "$before"
set +e
"$PC" --state-dir "$S1" provision --no-such-option >/dev/null 2>&1
rc=$?
set -e
check "usage error: exit 2" test "$rc" = 2
printf 'static.security.cn_validation = 1\n' >"$WORK/noheader.cfg"
mkdir -p "$WORK/nohdr" && mv "$WORK/noheader.cfg" "$WORK/nohdr/y000000000000.cfg"
provision "$S1" --url "file://$WORK/nohdr"
check "common file without the header line: exit 1, settings.bad_config_file" \
  test "$RC $(report .failure.code)" = "1 settings.bad_config_file"
check "no header: nothing applied" unchanged "$S1" "$before"

log "text report"
out=$("$PC" --state-dir "$S" provision --url "file://$D" 2>&1)
check "text: Files section" grep -q "^Files:" <<<"$out"
check "text: certificates unchanged / already present" grep -q "trusted already_present: Phonecert Test Root EC" <<<"$out"
check "text: device unchanged" grep -q "device unchanged:" <<<"$out"
lacks() { ! grep -q "$2" <<<"$1"; }
check "text: no private key material" lacks "$out" "PRIVATE KEY"

finish
