#!/usr/bin/env bash
# phonecert factory init / device show|install|remove|csr|use / factory-reset at the CLI level:
# output, exit codes, JSON, files and modes. What a TLS client sees is in
# tests/integration/device_tls.sh. Certificates come from tests/data/gen-certs.sh (OpenSSL CLI);
# fingerprints and dates are read with the OpenSSL CLI at run time.
set -euo pipefail
source "$(dirname "$0")/../lib/cli_env.bash"

source "$(dirname "$0")/../lib/expect.bash"
fpr() { openssl x509 -in "$1" -noout -fingerprint -sha256 | sed 's/^.*=//'; }
mode() { stat -c %a "$1"; }
pcs() { run "$1" "$pc" --state-dir "$state" "${@:2}"; }

# --- an empty device -----------------------------------------------------------------------------
pcs 0 device show
[[ $out == *"Active device certificate: none"* && $out == *"factory init"* ]] || fail "empty show: $out"
pcs 0 device show --json
[[ $(jq -r '.active' <<<"$out") == null && $(jq -r '.mac' <<<"$out") == null ]] || fail "empty json"

# --- factory init --------------------------------------------------------------------------------
pcs 1 factory init --mac 00:15:65:aa:bb
[[ $out == *"[identity.invalid_mac]"* ]] || fail "short MAC: $out"
pcs 2 factory init --mac 001565aabbcc --vendor-ca "$td/int-rsa.pem"
pcs 0 factory init --mac 00-15-65-AA-BB-CC
[[ $out == *"development default"*"not for production"* ]] || fail "no development warning: $out"
[[ $(cat "$state/factory/mac") == 001565aabbcc ]] || fail "mac file"
for k in unique.key generic.key dev-vendor-ca.key; do
  [[ $(mode "$state/factory/$k") == 600 ]] || fail "$k mode $(mode "$state/factory/$k")"
done
[[ $(openssl x509 -in "$state/factory/unique.pem" -noout -subject) == "subject=CN = 001565aabbcc" ]] ||
  fail "unique subject"
openssl x509 -in "$state/factory/unique.pem" -out "$work/unique.pem"
openssl verify -purpose sslserver -CAfile "$state/factory/vendor-ca.pem" "$work/unique.pem" >/dev/null ||
  fail "openssl verify of the unique certificate"
pcs 1 factory init --mac 001565aabbcd
[[ $out == *"already initialised (MAC 001565aabbcc)"*"[ca.exists]"* ]] || fail "second init: $out"
pcs 0 factory init --mac 001565aabbcd --force --vendor-ca "$td/int-rsa.pem" --vendor-key "$td/int-rsa.key"
[[ $out != *"development default"* ]] || fail "vendor CA init still warns: $out"
openssl x509 -in "$state/factory/unique.pem" -out "$work/unique.pem"
openssl verify -purpose sslserver -CAfile "$td/root-rsa.pem" -untrusted "$state/factory/vendor-ca.pem" \
  "$work/unique.pem" >/dev/null || fail "unique certificate under the vendor CA"

# --- device show: unique, its facts as the OpenSSL CLI sees them ----------------------------------
pcs 0 device show
[[ $out == *"Active device certificate: unique"* ]] || fail "show: $out"
[[ $out == *"Issued To:   001565aabbcd"* && $out == *"Issued By:   Phonecert Test Issuing CA"* ]] ||
  fail "issued to/by: $out"
[[ $out == *"SHA-256:     $(fpr "$work/unique.pem")"* ]] || fail "fingerprint: $out"
end=$(date -u -d "$(openssl x509 -in "$work/unique.pem" -noout -enddate | cut -d= -f2)" +%s)
days=$(((end - $(date -u +%s)) / 86400))
pcs 0 device show --json
got=$(jq -r '.active.days_left' <<<"$out")
((got >= days - 1 && got <= days + 1)) || fail "days_left $got, openssl says $days"
[[ $(jq -r '.active.expiration' <<<"$out") == $(date -u -d "@$end" +%F) ]] || fail "expiration"
[[ $(jq -r '.active.shared_key_warning' <<<"$out") == null ]] || fail "unique has a warning"
[[ $(jq -r '.installed.generic.shared_key_warning' <<<"$out") == *"shared by all devices"* ]] ||
  fail "generic warning"

# --- device install / remove ---------------------------------------------------------------------
pcs 0 device install "$td/device-bundle.pem"
[[ $out == *'installed the custom device certificate "server.test"'* ]] || fail "install: $out"
[[ $out == *"device use custom"* ]] || fail "no hint about dev_cert: $out"
stem=$(cat "$state/custom/device/current")
[[ $(mode "$state/custom/device/$stem.key") == 600 ]] || fail "custom key mode"
pcs 0 device show --json
[[ $(jq -r '.active.kind' <<<"$out") == unique ]] || fail "dev_cert 0 shows custom"
[[ $(jq -r '.installed.custom.sha256_fingerprint' <<<"$out") == $(fpr "$td/leaf-san.pem") ]] ||
  fail "custom fingerprint"
pcs 0 device use custom
[[ $out == *"static.security.dev_cert = 1"* ]] || fail "use custom: $out"
pcs 0 device show
[[ $out == *"Active device certificate: custom"* && $out == *"Issued To:   server.test"* ]] ||
  fail "custom show: $out"
pcs 2 device use other
pcs 1 device install "$td/leaf-ec256-chain.pem"
[[ $out == *"[identity.no_private_key]"* ]] || fail "no key: $out"
# The installed certificate again without its key (say, to add its chain): the key on the device.
pcs 0 device install "$td/leaf-san-chain.pem"
[[ $out == *"replaced"*"installed before"* ]] || fail "same certificate without key: $out"
pcs 1 device install "$work/missing.pem"
[[ $out == *"[io.not_found]"* ]] || fail "missing file: $out"
# A concurrent writer holds the lock: refused, nothing changed.
exec 8>"$state/.lock"
flock 8
pcs 1 device remove
[[ $out == *"[io.locked]"* ]] || fail "lock: $out"
exec 8>&-
pcs 0 device remove
pcs 1 device remove
[[ $out == *"[identity.none]"* ]] || fail "remove twice: $out"
pcs 0 device show
[[ $out == *"custom selected but none installed: using the unique certificate"* ]] ||
  fail "fallback reason: $out"

# --- device csr ----------------------------------------------------------------------------------
pcs 2 device csr
pcs 1 device csr --cn x.test --key dsa
pcs 0 device csr --cn phone.corp.test --san phone.corp.test --san 192.0.2.7
[[ $out == *"-----BEGIN CERTIFICATE REQUEST-----"* ]] || fail "csr output: $out"
sed -n '/BEGIN CERTIFICATE REQUEST/,/END CERTIFICATE REQUEST/p' <<<"$out" >"$work/req.csr"
openssl req -in "$work/req.csr" -noout -verify 2>/dev/null || fail "CSR signature"
openssl req -in "$work/req.csr" -noout -text | grep -q 'IP Address:192.0.2.7' || fail "CSR SAN"
[[ $(mode "$state/custom/device/pending.key") == 600 ]] || fail "pending key mode"
# Signed by the OpenSSL CLI, installed without a key.
printf 'basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:phone.corp.test\n' \
  >"$work/ext.cnf"
openssl x509 -req -in "$work/req.csr" -CA "$td/int-rsa.pem" -CAkey "$td/int-rsa.key" -set_serial 9 \
  -days 30 -extfile "$work/ext.cnf" -out "$work/signed.pem" 2>/dev/null
cat "$work/signed.pem" "$td/int-rsa.pem" >"$work/signed-chain.pem"
pcs 0 device install "$work/signed-chain.pem"
[[ $out == *"device csr"* ]] || fail "pending key not used: $out"
[[ ! -e $state/custom/device/pending.key ]] || fail "pending key left behind"

# --- factory-reset -------------------------------------------------------------------------------
unique_before=$(fpr "$state/factory/unique.pem")
pcs 0 factory-reset
[[ $out == *"deleted the custom device certificate"* && $out == *"settings back to their defaults (1 key changed)"* ]] ||
  fail "reset: $out"
pcs 0 device show --json
[[ $(jq -r '.installed.custom' <<<"$out") == null && $(jq -r '.dev_cert' <<<"$out") == 0 ]] ||
  fail "after reset: $out"
[[ $(fpr "$state/factory/unique.pem") == "$unique_before" ]] || fail "reset touched the factory part"

echo "device.sh: all checks passed"
