#!/usr/bin/env bash
# phonecert inspect on every format the generator makes (tests/data/gen-certs.sh, OpenSSL CLI):
# exit codes, the facts printed, --json, refusals as one stderr line, usage errors, and that no
# private key material ever reaches the output.
set -euo pipefail
source "$(dirname "$0")/../lib/cli_env.bash"

source "$(dirname "$0")/../lib/check.bash"
sha256() { openssl x509 -inform "${2:-PEM}" -in "$1" -noout -fingerprint -sha256 | sed 's/^.*=//'; }

# Every base64 line of every private key in the test data: none may appear in any output.
for f in "$td"/*; do
  awk '/-----BEGIN .*PRIVATE KEY-----/{k=1; next} /-----END/{k=0} k && length($0) >= 40' "$f"
done | sort -u >"$work/key-lines"
check "collected private key lines to look for" test -s "$work/key-lines"
no_secrets() {
  local all="$out$err"
  lacks "$all" "PRIVATE KEY" && ! grep -qF -f "$work/key-lines" <<<"$all"
}

# ok NAME ARGS...: inspect succeeds, prints nothing on stderr and no key material.
ok() {
  local name=$1
  shift
  run "$pc" inspect "$@"
  check "$name: exit 0" test "$rc" = 0
  check "$name: nothing on stderr" test -z "$err"
  check "$name: no private key material in the output" no_secrets
}

ok "single PEM" "$td/leaf-san.pem"
check "single PEM: format and count" has "$out" "PEM, 1 certificate"
check "single PEM: summary" has "$out" "Issued To:          server.test"
check "single PEM: OpenSSL's SHA-256 fingerprint" has "$out" "$(sha256 "$td/leaf-san.pem")"
check "single PEM: no key line" lacks "$out" "private key:"

ok "chain" "$td/leaf-san-chain.pem"
check "chain: two certificates" has "$out" "PEM, 2 certificates"
check "chain: second is the issuer" has "$out" "$(sha256 "$td/int-rsa.pem")"

ok "bundle with comments" "$td/bundle-roots.pem"
check "bundle: three certificates" has "$out" "PEM, 3 certificates"
check "bundle: third certificate" has "$out" "$(sha256 "$td/other-root.pem")"

ok "CRLF PEM" "$td/leaf-san-crlf.pem"
check "CRLF PEM: certificate" has "$out" "$(sha256 "$td/leaf-san.pem")"

for f in device-bundle.pem device-bundle-crlf.pem bag-attributes.pem; do
  ok "$f" "$td/$f"
  check "$f: key fact" has "$out" "private key: RSA 2048, matches certificate 1"
done

ok "DER" "$td/leaf-san.der"
check "DER: format" has "$out" "DER, 1 certificate"
ok ".cer" "$td/root-rsa.cer"
check ".cer: certificate" has "$out" "$(sha256 "$td/root-rsa.cer" DER)"
ok ".crt holding PEM" "$td/root-ec.crt"
check ".crt: PEM detected" has "$out" "PEM, 1 certificate"
cp "$td/leaf-san.pem" "$work/pem-named.der"
cp "$td/leaf-san.der" "$work/der-named.pem"
ok "PEM named .der" "$work/pem-named.der"
check "PEM named .der: detected as PEM" has "$out" "PEM, 1 certificate"
ok "DER named .pem" "$work/der-named.pem"
check "DER named .pem: detected as DER" has "$out" "DER, 1 certificate"

ok "PKCS#12 with password" "$td/leaf-san.p12" --password secret
check "PKCS#12: format and count" has "$out" "PKCS#12, 3 certificates"
check "PKCS#12: key fact" has "$out" "private key: RSA 2048, matches certificate 1"
ok "PKCS#12 with empty password" "$td/leaf-san-nopass.p12"
check "PKCS#12 empty password: key fact" has "$out" "matches certificate 1"

ok "PKCS#8 key" "$td/key-rsa-pkcs8.pem"
check "PKCS#8 key: facts" has "$out" "private key: RSA 2048"
check "PKCS#8 key: no certificate" has "$out" "PEM, 0 certificates"
ok "traditional EC key" "$td/key-ec-trad.pem"
check "traditional EC key: facts" has "$out" "private key: EC P-256"
ok "Ed25519 key" "$td/key-ed25519.pem"
check "Ed25519 key: facts" has "$out" "private key: Ed25519"
for f in key-rsa-pkcs8-enc.pem key-rsa-trad-enc.pem; do
  ok "$f with passphrase" "$td/$f" --password secret
  check "$f: facts" has "$out" "private key: RSA 2048"
done
cat "$td/leaf-ec256.key" "$td/leaf-san.pem" >"$work/mismatch.pem"
ok "key of another certificate" "$work/mismatch.pem"
check "mismatch: said so" has "$out" "private key: EC P-256, matches no certificate in the file"

ok "rich leaf" "$td/leaf-rich.pem"
check "rich leaf: critical unknown extension by OID" has "$out" "1.3.6.1.4.1.99999.2.2 [critical]"
check "rich leaf: SAN" has "$out" "email:pki@rich.test"
ok "EC leaf" "$td/leaf-ec256.pem"
check "EC leaf: public key" has "$out" "EC P-256"
ok "version 1" "$td/leaf-v1.pem"
check "version 1: version line" grep -qE "Version: +1$" <<<"$out"

# --json
json() { jq -e "$1" <<<"$out" >/dev/null; }
ok "--json device bundle" "$td/device-bundle.pem" --json
check "--json parses" json '.'
check "--json summary.issued_to" json '.certificates[0].summary.issued_to == "server.test"'
check "--json format" json '.format == "PEM"'
check "--json key facts" json '.private_key.type == "RSA 2048" and .private_key.matches_certificate == 1'
check "--json fingerprint from OpenSSL" \
  json ".certificates[0].fingerprints.sha256 == \"$(sha256 "$td/leaf-san.pem")\""
ok "--json PKCS#12" "$td/leaf-san.p12" --password secret --json
check "--json PKCS#12 certificates" json '(.certificates | length) == 3 and .format == "PKCS#12"'
ok "--json certificate only" "$td/leaf-rich.pem" --json
check "--json no key is null" json '.private_key == null'
check "--json unknown critical extension" \
  json '[.certificates[0].extensions[] | select(.oid == "1.3.6.1.4.1.99999.2.2")][0].critical'

# Hostile bytes in a name (a Latin-1 byte, a terminal escape): --json stays valid JSON and the
# text carries no escape sequence.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=hostile.test" \
  -addext "$(printf 'subjectAltName=DNS:caf\351.test,DNS:esc\033[31m.test')" \
  -keyout "$work/hostile.key" -out "$work/hostile.pem" -days 3 2>/dev/null
ok "hostile names --json" "$work/hostile.pem" --json
check "hostile names: JSON parses" json '.certificates[0].summary.issued_to == "hostile.test"'
ok "hostile names text" "$work/hostile.pem"
check "hostile names: no terminal escape in the text" lacks "$out" $'\033'
check "hostile names: escaped byte shown" has "$out" 'DNS:caf\xE9.test'

# Refusals: exit 1, nothing on stdout, exactly one stderr line naming the reason and its code.
refused() {
  local name=$1 code=$2
  shift 2
  run "$pc" inspect "$@"
  check "$name: exit 1" test "$rc" = 1
  check "$name: nothing on stdout" test -z "$out"
  check "$name: one line on stderr" test "$(lines "$err")" = 1
  check "$name: names [$code]" has "$err" "[$code]"
  check "$name: no private key material" no_secrets
}
refused "empty" parse.empty_input "$td/empty.pem"
refused "garbage" parse.not_a_certificate "$td/garbage.bin"
refused "plain text" parse.not_a_certificate "$td/not-a-cert.txt"
refused "truncated PEM" parse.truncated_pem "$td/truncated.pem"
refused "DER + junk" parse.trailing_garbage "$td/der-trailing-garbage.der"
refused "bad base64" parse.bad_pem "$td/pem-bad-base64.pem"
refused "CSR" parse.not_a_certificate "$td/csr.pem"
check "CSR: says it is a request" has "$err" "request"
refused "DSA key" parse.unsupported_key_type "$td/key-dsa.pem"
refused "X25519 key" parse.unsupported_key_type "$td/key-x25519.pem"
refused "PKCS#12 without password" parse.password_required "$td/leaf-san.p12"
refused "PKCS#12 wrong password" parse.wrong_password "$td/leaf-san.p12" --password nope
refused "encrypted key without passphrase" parse.password_required "$td/key-rsa-pkcs8-enc.pem"
refused "encrypted key wrong passphrase" parse.wrong_password "$td/key-rsa-trad-enc.pem" \
  --password nope
refused "missing file" io.not_found "$work/does-not-exist.pem"
refused "directory" io.error "$work"
refused "--json refusal" parse.truncated_pem "$td/truncated.pem" --json
{
  cat "$td/leaf-san.pem"
  head -c $((5 * 1024 * 1024)) /dev/zero | tr '\0' '\n'
} | head -c $((5 * 1024 * 1024 + 1)) >"$work/too-big.pem"
refused "5 MB + 1 byte" parse.too_large "$work/too-big.pem"
head -c $((5 * 1024 * 1024)) "$work/too-big.pem" >"$work/five-mb.pem"
ok "exactly 5 MB" "$work/five-mb.pem"
check "exactly 5 MB: loads" has "$out" "PEM, 1 certificate"

# Usage errors: exit 2 with a message on stderr.
usage() {
  local name=$1
  shift
  run "$pc" "$@"
  check "$name: exit 2" test "$rc" = 2
  check "$name: message on stderr" test -n "$err"
}
usage "no subcommand"
usage "inspect without a file" inspect
usage "unknown flag" inspect --bogus "$td/leaf-san.pem"
usage "unknown subcommand" nosuchcommand
usage "two files" inspect "$td/leaf-san.pem" "$td/leaf-ec256.pem"

run "$pc" --version
check "--version: exit 0" test "$rc" = 0
check "--version: prints the version" grep -qE '^phonecert [0-9]+\.[0-9]+' <<<"$out"
run "$pc" help
check "help: exit 0" test "$rc" = 0
# (What `help` prints is main.cc's business; today it is the help subcommand's own usage.)
check "help: prints a usage text" has "$out$err" "Usage:"
run "$pc" inspect --help
check "inspect --help: exit 0" test "$rc" = 0
check "inspect --help: documents --password and --json" \
  eval 'has "$out$err" "--password" && has "$out$err" "--json"'

finish inspect
