#!/usr/bin/env bash
# Issue 7 round trips through the phone's TLS server (tests/tools/identity_server):
#   1. a device bundle (and its PKCS#12) from `phonecert ca issue device` is accepted by
#      `phonecert device install` and presented to `openssl s_client` and curl;
#   2. `phonecert device csr` -> `phonecert ca sign DIR req.csr --profile device` ->
#      `phonecert device install <mac>-fullchain.pem` works, and the key never left the device.
# The chains are checked by the OpenSSL CLI (`openssl verify`, curl --cacert with the CA root).
set -euo pipefail
source "$(dirname "$0")/../tools/identity_server_lib.sh"
ca=$work/ca

pcs 0 factory init --mac 00:15:65:00:00:00
pcs 0 device use custom
start_server --poll-ms 0
unique=$(sha "$state/factory/unique.pem")
expect_presented "$unique" "no custom certificate yet"

# --- 1. a device bundle issued by the toolkit ---------------------------------------------------
run 0 "$pc" ca init "$ca" --intermediate
run 0 "$pc" ca issue device "$ca" --mac 00-15-65-ab-cd-01 --p12 --password pw
mac1=001565abcd01
[[ -f $ca/$mac1-bundle.pem && -f $ca/$mac1.p12 ]] || fail "ca issue device wrote: $(ls "$ca")"
pcs 0 device install "$ca/$mac1-bundle.pem"
reload
expect_presented "$(sha "$ca/$mac1.pem")" "the toolkit's device bundle"
curl_ok --cacert "$ca/ca.pem" --resolve "$mac1:$port:127.0.0.1" "https://$mac1:$port/" ||
  fail "curl trusting the toolkit's root does not accept the phone"
# The chain the phone sends verifies with the OpenSSL CLI against the root alone.
openssl s_client -connect "127.0.0.1:$port" -showcerts </dev/null 2>/dev/null >"$work/shown.txt"
awk '/BEGIN CERT/{n++} n>1' "$work/shown.txt" >"$work/sent-chain.pem"
[[ -s $work/sent-chain.pem ]] || fail "the phone sent no intermediate"
openssl verify -purpose sslserver -CAfile "$ca/ca.pem" -untrusted "$work/sent-chain.pem" \
  "$ca/$mac1.pem" >/dev/null || fail "openssl verify of the presented chain"
pcs 0 device remove
pcs 0 device install "$ca/$mac1.p12" --password pw
reload
expect_presented "$(sha "$ca/$mac1.pem")" "the toolkit's PKCS#12"

# --- 2. CSR made on the device, signed by the toolkit --------------------------------------------
mac2=001565abcd02
pcs 0 device csr --cn 00:15:65:ab:cd:02 --san phone2.corp.test --out "$work/req.csr"
openssl req -in "$work/req.csr" -noout -verify 2>/dev/null || fail "the CSR does not verify"
[[ $(openssl req -in "$work/req.csr" -noout -subject) == *"00:15:65:ab:cd:02"* ]] || fail "CSR subject"
pcs 0 device show --json
[[ $(jq -r '.pending_csr_key' <<<"$out") == true ]] || fail "no pending key after device csr"
grep -q 'PRIVATE KEY' "$work/req.csr" && fail "the request holds a private key"
run 0 "$pc" ca sign "$ca" "$work/req.csr" --profile device
[[ -f $ca/$mac2-fullchain.pem ]] || fail "ca sign wrote: $(ls "$ca")"
[[ ! -e $ca/$mac2.key ]] || fail "ca sign made a key for a request"
pcs 0 device install "$ca/$mac2-fullchain.pem"
[[ $out == *"device csr"* ]] || fail "install did not use the pending key: $out"
reload
expect_presented "$(sha "$ca/$mac2.pem")" "the signed request"
curl_ok --cacert "$ca/ca.pem" --resolve "phone2.corp.test:$port:127.0.0.1" \
  "https://phone2.corp.test:$port/" || fail "curl by the SAN of the signed request"
pcs 0 device show --json
[[ $(jq -r '.pending_csr_key' <<<"$out") == false ]] || fail "the pending key is still pending"
[[ $(jq -r '.active.kind' <<<"$out") == custom ]] || fail "show: $out"

# A second request for another MAC, signed for it, does not match the first request's key.
pcs 0 device csr --cn 00:15:65:00:00:03 --out "$work/req3.csr"
run 0 "$pc" ca issue device "$ca" --mac 00:15:65:00:00:04
pcs 1 device install "$ca/001565000004.pem"
[[ $out == *"[identity.key_mismatch]"* ]] || fail "a certificate for another key: $out"
reload
expect_presented "$(sha "$ca/$mac2.pem")" "after the refused certificate"

echo "device_ca_roundtrip: all checks passed"
