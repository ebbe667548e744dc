#!/usr/bin/env bash
# phonecert ca: every certificate the toolkit creates is checked by the OpenSSL CLI (verify with
# the purpose, x509 -text for the extensions) and by our own Verifier (`phonecert verify`);
# refusals; key file modes; CSR signing (requests made by `openssl req`); revocation and CRL.
set -euo pipefail
: "${PHONECERT_BIN:?}"
pc=$PHONECERT_BIN/phonecert
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unset PHONECERT_STATE_DIR XDG_STATE_HOME

checks=0
source "$(dirname "$0")/../lib/expect.bash"
ok() { checks=$((checks + 1)); }
has() { [[ $1 == *"$2"* ]] || fail "${3:-output} lacks \"$2\": $1"; ok; }
lacks() { [[ $1 != *"$2"* ]] || fail "${3:-output} has \"$2\": $1"; ok; }
mode() { stat -c %a "$1"; }
text() { openssl x509 -in "$1" -noout -text; }
# ext FILE HEADER: the line after the extension header in `openssl x509 -text`
ext() { text "$1" | grep -A1 "$2" | tail -1 | sed 's/^ *//'; }
header() { text "$1" | grep "$2" | sed 's/^ *//'; }
sha() { openssl x509 -in "$1" -noout -fingerprint -sha256; }
pub() { openssl pkey -in "$1" -pubout; }
certpub() { openssl x509 -in "$1" -noout -pubkey; }
days_valid() {
  local s e
  s=$(date -ud "$(openssl x509 -in "$1" -noout -startdate | cut -d= -f2)" +%s)
  e=$(date -ud "$(openssl x509 -in "$1" -noout -enddate | cut -d= -f2)" +%s)
  echo $(((e - s) / 86400))
}
# verify PURPOSE DIR LEAF: openssl verify against DIR's root (and intermediate when present)
verify() {
  local args=(-purpose "$1" -CAfile "$2/ca.pem")
  [[ -f $2/intermediate.pem ]] && args+=(-untrusted "$2/intermediate.pem")
  openssl verify "${args[@]}" "$3" >/dev/null 2>&1
}
serial_of() { openssl x509 -in "$1" -noout -serial | cut -d= -f2; }
# serial_ok FILE: 128-bit positive: 32 hex digits with the top bit set, no "(Negative)"
serial_ok() {
  local s
  s=$(serial_of "$1")
  [[ $s =~ ^[89A-F][0-9A-F]{31}$ ]] || fail "$1: serial $s is not a positive 128-bit number"
  lacks "$(text "$1")" "(Negative)" "$1"
}
# ski_aki LEAF ISSUER: the leaf's AKI keyid is the issuer's SKI
ski_aki() {
  local ski aki
  ski=$(ext "$2" "Subject Key Identifier")
  aki=$(ext "$1" "Authority Key Identifier" | sed 's/^keyid://')
  [[ -n $ski && $aki == "$ski" ]] || fail "$1: AKI $aki is not the issuer's SKI $ski"
  [[ -n $(ext "$1" "Subject Key Identifier") ]] || fail "$1: no SKI"
  ok
}

# --- ca init: a root CA --------------------------------------------------------------------------
ca=$work/ca
run 0 "$pc" ca init "$ca" --name "Example Root CA"
has "$out" "static.trusted_certificates.url"
has "$out" "Security -> Trusted Certificates"
lacks "$out" "PRIVATE KEY"
[[ $(mode "$ca") == 700 && $(mode "$ca/ca.key") == 600 && $(mode "$ca/ca.pem") == 644 ]] ||
  fail "modes: $(ls -la "$ca")"
has "$(header "$ca/ca.pem" "Basic Constraints")" "critical"
[[ $(ext "$ca/ca.pem" "Basic Constraints") == "CA:TRUE" ]] || fail "root basicConstraints"
has "$(header "$ca/ca.pem" "X509v3 Key Usage")" "critical"
[[ $(ext "$ca/ca.pem" "X509v3 Key Usage") == "Certificate Sign, CRL Sign" ]] || fail "root keyUsage"
ski_aki "$ca/ca.pem" "$ca/ca.pem"
serial_ok "$ca/ca.pem"
has "$(text "$ca/ca.pem")" "Version: 3 (0x2)"
has "$(text "$ca/ca.pem")" "Subject: CN = Example Root CA"
has "$(text "$ca/ca.pem")" "ecdsa-with-SHA256"
[[ $(days_valid "$ca/ca.pem") == 3650 ]] || fail "root validity $(days_valid "$ca/ca.pem") days"
openssl verify -CAfile "$ca/ca.pem" "$ca/ca.pem" >/dev/null || fail "root does not verify itself"
[[ $(pub "$ca/ca.key") == $(certpub "$ca/ca.pem") ]] || fail "ca.key is not ca.pem's key"

# Existing CA: refused, nothing changed; --force replaces it.
before=$(sha "$ca/ca.pem")
run 1 "$pc" ca init "$ca"
has "$out" "[ca.exists]"
has "$out" "--force"
[[ $(sha "$ca/ca.pem") == "$before" ]] || fail "refused init changed ca.pem"
run 0 "$pc" ca init "$ca" --name "Example Root CA" --force
[[ $(sha "$ca/ca.pem") != "$before" ]] || fail "--force did not replace ca.pem"

# --- ca issue server (root only) -----------------------------------------------------------------
run 0 "$pc" ca issue server "$ca" --name sfb.corp.test --san 192.0.2.7 --san Lync.corp.test
has "$out" "ssl_certificate"
has "$out" "ssl_certificate_key"
lacks "$out" "PRIVATE KEY"
s=$ca/sfb.corp.test.pem
verify sslserver "$ca" "$s" || fail "server: openssl verify -purpose sslserver"
ok
! verify sslclient "$ca" "$s" || fail "server certificate passes as a client certificate"
has "$(header "$s" "Basic Constraints")" "critical"
[[ $(ext "$s" "Basic Constraints") == "CA:FALSE" ]] || fail "server basicConstraints"
[[ $(ext "$s" "X509v3 Key Usage") == "Digital Signature" ]] || fail "EC server keyUsage"
[[ $(ext "$s" "Extended Key Usage") == "TLS Web Server Authentication" ]] || fail "server EKU"
[[ $(ext "$s" "Subject Alternative Name") == "DNS:sfb.corp.test, IP Address:192.0.2.7, DNS:lync.corp.test" ]] ||
  fail "server SAN: $(ext "$s" "Subject Alternative Name")"
has "$(text "$s")" "Subject: CN = sfb.corp.test"
ski_aki "$s" "$ca/ca.pem"
serial_ok "$s"
[[ $(days_valid "$s") == 397 ]] || fail "server validity $(days_valid "$s") days"
[[ $(mode "$ca/sfb.corp.test.key") == 600 ]] || fail "server key mode"
[[ $(pub "$ca/sfb.corp.test.key") == $(certpub "$s") ]] || fail "server key does not match"
[[ $(grep -c 'BEGIN CERTIFICATE' "$ca/sfb.corp.test-fullchain.pem") == 1 ]] || fail "root-only fullchain"
# Our own Verifier accepts it once ca.pem is a custom trusted certificate.
state=$work/state
run 0 "$pc" --state-dir "$state" trust add "$ca/ca.pem"
run 0 "$pc" --state-dir "$state" config set static.security.cn_validation 1
run 0 "$pc" --state-dir "$state" verify "$ca/sfb.corp.test-fullchain.pem" --host lync.corp.test --json
[[ $(jq -r .verdict <<<"$out") == trusted ]] || fail "phonecert verify: $out"
run 1 "$pc" --state-dir "$state" verify "$ca/sfb.corp.test-fullchain.pem" --host other.corp.test

# A second serial differs; an existing server is refused without --force.
first_serial=$(serial_of "$s")
before=$(sha "$s")
run 1 "$pc" ca issue server "$ca" --name SFB.corp.test
has "$out" "[ca.exists]"
[[ $(sha "$s") == "$before" ]] || fail "refused issue changed the certificate"
run 0 "$pc" ca issue server "$ca" --name sfb.corp.test --force --key rsa-2048 --days 30
[[ $(serial_of "$s") != "$first_serial" ]] || fail "serial reused"
[[ $(ext "$s" "X509v3 Key Usage") == "Digital Signature, Key Encipherment" ]] || fail "RSA keyUsage"
[[ $(days_valid "$s") == 30 ]] || fail "--days 30 gave $(days_valid "$s")"
has "$(text "$s")" "Public-Key: (2048 bit)"
run 0 "$pc" ca issue server "$ca" --name 192.0.2.80
verify sslserver "$ca" "$ca/192.0.2.80.pem" || fail "IP server"
[[ $(ext "$ca/192.0.2.80.pem" "Subject Alternative Name") == "IP Address:192.0.2.80" ]] || fail "IP SAN"

# --- ca init --intermediate, then server and device under the issuing CA -------------------------
ca2=$work/ca2
run 0 "$pc" ca init "$ca2" --key ec-p384 --intermediate --name "Corp Root CA"
[[ $(mode "$ca2/intermediate.key") == 600 ]] || fail "intermediate key mode"
[[ $(ext "$ca2/intermediate.pem" "Basic Constraints") == "CA:TRUE, pathlen:0" ]] || fail "intermediate BC"
has "$(header "$ca2/intermediate.pem" "Basic Constraints")" "critical"
[[ $(ext "$ca2/intermediate.pem" "X509v3 Key Usage") == "Certificate Sign, CRL Sign" ]] || fail "int KU"
has "$(text "$ca2/intermediate.pem")" "Subject: CN = Corp Issuing CA"
has "$(text "$ca2/ca.pem")" "NIST CURVE: P-384"
ski_aki "$ca2/intermediate.pem" "$ca2/ca.pem"
openssl verify -CAfile "$ca2/ca.pem" "$ca2/intermediate.pem" >/dev/null || fail "intermediate verify"

run 0 "$pc" ca issue server "$ca2" --name sfb.corp.test
verify sslserver "$ca2" "$ca2/sfb.corp.test.pem" || fail "server under intermediate"
ok
ski_aki "$ca2/sfb.corp.test.pem" "$ca2/intermediate.pem"
has "$(text "$ca2/sfb.corp.test.pem")" "Issuer: CN = Corp Issuing CA"
[[ $(grep -c 'BEGIN CERTIFICATE' "$ca2/sfb.corp.test-fullchain.pem") == 2 ]] || fail "fullchain count"
openssl verify -purpose sslserver -CAfile "$ca2/ca.pem" -untrusted "$ca2/sfb.corp.test-fullchain.pem" \
  "$ca2/sfb.corp.test.pem" >/dev/null || fail "fullchain alone does not complete the chain"

run 0 "$pc" ca issue device "$ca2" --mac 00:15:65:AA:BB:CC --p12 --password 'pw 1'
has "$out" "Security -> Server Certificates"
has "$out" "static.server_certificates.url"
lacks "$out" "PRIVATE KEY"
d=$ca2/001565aabbcc
verify sslserver "$ca2" "$d.pem" || fail "device as server"
verify sslclient "$ca2" "$d.pem" || fail "device as client"
ok
[[ $(ext "$d.pem" "Extended Key Usage") == "TLS Web Server Authentication, TLS Web Client Authentication" ]] ||
  fail "device EKU"
has "$(text "$d.pem")" "Subject: CN = 001565aabbcc"
[[ $(ext "$d.pem" "Basic Constraints") == "CA:FALSE" ]] || fail "device BC"
serial_ok "$d.pem"
[[ $(days_valid "$d.pem") == 397 ]] || fail "device validity"
for f in "$d.key" "$d-bundle.pem" "$d.p12"; do [[ $(mode "$f") == 600 ]] || fail "$f mode"; done
ok
[[ $(grep -c 'BEGIN CERTIFICATE' "$d-bundle.pem") == 2 && $(grep -c 'BEGIN PRIVATE KEY' "$d-bundle.pem") == 1 ]] ||
  fail "bundle layout"
[[ $(openssl pkey -in "$d-bundle.pem" -pubout) == $(certpub "$d.pem") ]] || fail "bundle key"
openssl x509 -in "$d-bundle.pem" -noout -subject | grep -q 001565aabbcc || fail "bundle leaf first"
info=$(openssl pkcs12 -in "$d.p12" -info -noout -passin 'pass:pw 1' 2>&1) || fail "p12: $info"
has "$info" "MAC: sha256"
has "$info" "AES-256-CBC"
[[ $(openssl pkcs12 -in "$d.p12" -nocerts -nodes -passin 'pass:pw 1' | openssl pkey -pubout) == $(certpub "$d.pem") ]] ||
  fail "p12 key"
for form in 00-15-65-aa-bb-cd 0015.65aa.bbce 001565AABBCF; do
  run 0 "$pc" ca issue device "$ca2" --mac "$form"
done
[[ -f $ca2/001565aabbcd.pem && -f $ca2/001565aabbce.pem && -f $ca2/001565aabbcf.pem ]] ||
  fail "MAC forms: $(ls "$ca2")"

# --- refusals ------------------------------------------------------------------------------------
run 1 "$pc" ca issue device "$ca2" --mac 00:15:65:aa:bb
has "$out" "[identity.invalid_mac]"
has "$out" "12"
run 1 "$pc" ca issue device "$ca2" --mac 00:15:65:AA:BB:CC
has "$out" "[ca.exists]"
run 1 "$pc" ca issue server "$ca2" --name "bad_name.corp.test"
has "$out" "not a DNS name or IP address"
run 1 "$pc" ca issue server "$ca2" --name ok.corp.test --san "-bad.corp.test"
run 1 "$pc" ca issue server "$ca2" --name ca
run 1 "$pc" ca issue server "$ca2" --name x.corp.test --key ec-p521
has "$out" "ec-p256, ec-p384, rsa-2048, rsa-3072, rsa-4096"
run 1 "$pc" ca init "$work/ca3" --key dsa
[[ ! -e $work/ca3/ca.pem ]] || fail "bad key type still wrote a CA"
run 1 "$pc" ca issue server "$ca2" --name x.corp.test --days 0
run 1 "$pc" ca issue server "$work/none" --name x.corp.test
has "$out" "ca init"
run 2 "$pc" ca issue server "$ca2"
run 2 "$pc" ca issue device "$ca2" --mac 001565000001 --p12
[[ ! -e $ca2/x.corp.test.pem && ! -e $ca2/ok.corp.test.pem ]] || fail "a refusal wrote files"

# --- ca sign: requests made by the OpenSSL CLI ---------------------------------------------------
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/app.key" \
  -subj "/O=Someone/CN=app.corp.test" -addext "subjectAltName=DNS:app.corp.test,IP:192.0.2.9,email:x@corp.test" \
  -addext "basicConstraints=critical,CA:TRUE" -out "$work/app.csr" 2>/dev/null
run 0 "$pc" ca sign "$ca2" "$work/app.csr"
has "$out" "subject O = Someone"
has "$out" "Basic Constraints"
a=$ca2/app.corp.test.pem
verify sslserver "$ca2" "$a" || fail "signed request does not verify"
[[ $(ext "$a" "Basic Constraints") == "CA:FALSE" ]] || fail "CSR asked for CA:TRUE and got it"
[[ $(ext "$a" "Subject Alternative Name") == "DNS:app.corp.test, IP Address:192.0.2.9" ]] || fail "signed SAN"
has "$(text "$a")" "Subject: CN = app.corp.test"
[[ $(pub "$work/app.key") == $(certpub "$a") ]] || fail "signed certificate has another key"
[[ ! -e $ca2/app.corp.test.key ]] || fail "ca sign wrote a key"
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/ph.key" \
  -subj "/CN=00:15:65:00:00:09" -out "$work/ph.csr" 2>/dev/null
run 0 "$pc" ca sign "$ca2" "$work/ph.csr" --profile device
verify sslclient "$ca2" "$ca2/001565000009.pem" || fail "signed device request"
run 1 "$pc" ca sign "$ca2" "$work/app.csr" --profile device
has "$out" "[identity.invalid_mac]"
run 2 "$pc" ca sign "$ca2" "$work/app.csr" --profile root

# --- revoke and CRL ------------------------------------------------------------------------------
revoked=$(serial_of "$ca2/sfb.corp.test.pem")
run 0 "$pc" ca revoke "$ca2" "$revoked"
run 1 "$pc" ca revoke "$ca2" "$revoked"
has "$out" "already revoked"
run 1 "$pc" ca revoke "$ca2" 0A1B2C
has "$out" "[io.not_found]"
run 0 "$pc" ca crl "$ca2"
crl=$(openssl crl -in "$ca2/crl.pem" -noout -text)
has "$crl" "Serial Number: $revoked"
has "$crl" "Issuer: CN = Corp Issuing CA"
lacks "$crl" "$(serial_of "$d.pem")"
openssl crl -in "$ca2/crl.pem" -noout -CAfile "$ca2/intermediate.pem" 2>&1 | grep -q "verify OK" ||
  fail "CRL signature"
set +e
rv=$(openssl verify -crl_check -CRLfile "$ca2/crl.pem" -CAfile "$ca2/ca.pem" -untrusted "$ca2/intermediate.pem" \
  "$ca2/sfb.corp.test.pem" 2>&1)
set -e
has "$rv" "certificate revoked"
openssl verify -crl_check -CRLfile "$ca2/crl.pem" -CAfile "$ca2/ca.pem" -untrusted "$ca2/intermediate.pem" \
  "$d.pem" >/dev/null || fail "a certificate that was not revoked fails the CRL check"
ok

echo "ca.sh: $checks checks passed"
