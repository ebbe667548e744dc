#!/usr/bin/env bash
# phonecert trust list/add/remove against a temporary state directory, with certificates made by
# the OpenSSL CLI (tests/data/gen-certs.sh). Fingerprints are read with `openssl x509` at run time.
set -euo pipefail
: "${PHONECERT_SOURCE_DIR:?}"
source "$(dirname "$0")/../lib/cli_env.bash"

source "$(dirname "$0")/../lib/expect.bash"
sha() { sha256_hex "$1"; }
custom_shas() { "$pc" --state-dir "$state" trust list --custom --json | jq -r '.custom[].sha256'; }

# A fresh state: no custom anchors; the built-in set is the committed manifest's.
run 0 "$pc" --state-dir "$state" trust list --custom
[[ $out == *"Custom CA certificates: 0 of at most 10"* ]] || fail "fresh list: $out"
rows=$(($(wc -l <"$PHONECERT_SOURCE_DIR/data/builtin-anchors/MANIFEST.tsv") - 1))
run 0 "$pc" --state-dir "$state" trust list --builtin --json
[[ $(jq '.builtin | length' <<<"$out") == "$rows" ]] || fail "built-in count != $rows manifest rows"
[[ $(jq 'has("custom")' <<<"$out") == false ]] || fail "--builtin lists custom anchors"
manifest_shas=$(tail -n +2 "$PHONECERT_SOURCE_DIR/data/builtin-anchors/MANIFEST.tsv" | cut -f3 | sort)
[[ $(jq -r '.builtin[].sha256' <<<"$out" | sort) == "$manifest_shas" ]] || fail "built-in SHA-256s"
# A built-in root past its not-after carries the expiry warning, the others do not.
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
bad=$(jq --arg now "$now" '[.builtin[] | select((.not_after < $now) !=
        (.warnings | any(startswith("expired on "))))] | length' <<<"$out")
[[ $bad == 0 ]] || fail "built-in expiry warnings do not follow the clock"

# Add a bundle: each certificate, in file order.
run 0 "$pc" --state-dir "$state" trust add "$td/bundle-roots.pem"
[[ $(grep -c '^added custom CA certificate' <<<"$out") == 3 ]] || fail "bundle add: $out"
expected=$(printf '%s\n' "$(sha "$td/root-rsa.pem")" "$(sha "$td/root-ec.pem")" "$(sha "$td/other-root.pem")")
[[ $(custom_shas) == "$expected" ]] || fail "custom set after bundle add"
[[ -f $state/custom/trusted/$(sha "$td/root-ec.pem").pem ]] || fail "no <sha256>.pem file"

# Duplicate (same certificate in another format): refused naming it, exit 1.
run 1 "$pc" --state-dir "$state" trust add "$td/root-rsa.der"
[[ $out == *'"Phonecert Test Root RSA"'*"already custom CA certificate 1"*"[trust.duplicate]"* ]] ||
  fail "duplicate message: $out"

# A non-CA certificate and an expired one: accepted, warnings shown in the listing.
run 0 "$pc" --state-dir "$state" trust add "$td/leaf-san.pem"
[[ $out == *"warning: not a CA certificate"* ]] || fail "non-CA add warning: $out"
run 0 "$pc" --state-dir "$state" trust add "$td/int-expired.pem"
[[ $out == *"warning: expired on 2002-01-01"* ]] || fail "expired add warning: $out"
run 0 "$pc" --state-dir "$state" trust list --custom
[[ $out == *"Warning:     not a CA certificate"* && $out == *"Warning:     expired on 2002-01-01"* ]] ||
  fail "list warnings: $out"
run 0 "$pc" --state-dir "$state" trust list --custom --json
[[ $(jq -r '.custom[3].warnings[0]' <<<"$out") == "not a CA certificate" ]] || fail "json warning"
[[ $(jq -r '.custom[4].issued_to' <<<"$out") == "Phonecert Expired Issuing CA" ]] || fail "issued to"
[[ $(jq -r '.custom[3].issued_by' <<<"$out") == "Phonecert Test Issuing CA" ]] || fail "issued by"
[[ $(jq -r '.custom[4].expiration' <<<"$out") == "2002-01-01" ]] || fail "expiration"

# PKCS#12: refused with a wrong password, added with the right one.
run 1 "$pc" --state-dir "$state" trust add "$td/leaf-san.p12" --password wrong
run 0 "$pc" --state-dir "$state" trust remove --all
run 0 "$pc" --state-dir "$state" trust add "$td/leaf-san.p12" --password secret
[[ $(custom_shas | head -1) == "$(sha "$td/leaf-san.pem")" ]] || fail "PKCS#12 add"
run 0 "$pc" --state-dir "$state" trust remove --all

# The limit of 10: a bundle that would pass it is refused whole.
run 0 "$pc" --state-dir "$state" trust add "$td/int-rsa.pem"
for f in int-ec int-nc int-expired leaf-san leaf-wild leaf-ip leaf-nosan leaf-v1; do
  run 0 "$pc" --state-dir "$state" trust add "$td/$f.pem"
done
before=$(custom_shas)
[[ $(wc -l <<<"$before") == 9 ]] || fail "expected 9 custom anchors"
run 1 "$pc" --state-dir "$state" trust add "$td/bundle-roots.pem"
[[ $out == *"adding 3 certificates would make 12 custom CA certificates; the limit is 10 [trust.store_full]"* ]] ||
  fail "limit message: $out"
[[ $(custom_shas) == "$before" ]] || fail "refused bundle changed the store"
[[ $(ls "$state/custom/trusted" | wc -l) == 10 ]] || fail "refused bundle left files"
run 0 "$pc" --state-dir "$state" trust add "$td/root-rsa.cer"
run 1 "$pc" --state-dir "$state" trust add "$td/root-ec.crt"
[[ $out == *"adding 1 certificate would make 11"* ]] || fail "11th: $out"

# Remove by index, by full SHA-256, by a prefix; refusals.
second=$(sed -n 2p <<<"$before")
run 0 "$pc" --state-dir "$state" trust remove 2
[[ $out == *"$second"* ]] || fail "remove 2 removed another: $out"
[[ $(custom_shas | sed -n 2p) == "$(sed -n 3p <<<"$before")" ]] || fail "indexes after remove"
run 0 "$pc" --state-dir "$state" trust remove "$(sha "$td/root-rsa.pem")"
run 0 "$pc" --state-dir "$state" trust remove "$(sha "$td/leaf-ip.pem" | cut -c1-10)"
! custom_shas | grep -q "$(sha "$td/leaf-ip.pem")" || fail "prefix remove"
run 1 "$pc" --state-dir "$state" trust remove 42
[[ $out == *"[trust.no_such_certificate]"* ]] || fail "remove 42: $out"
run 1 "$pc" --state-dir "$state" trust remove "$(sha "$td/other-root.pem")"
builtin_sha=$(sed -n 2p "$PHONECERT_SOURCE_DIR/data/builtin-anchors/MANIFEST.tsv" | cut -f3)
run 1 "$pc" --state-dir "$state" trust remove "$builtin_sha"
[[ $out == *"is a built-in CA certificate"* ]] || fail "built-in remove: $out"
run 2 "$pc" --state-dir "$state" trust remove
run 2 "$pc" --state-dir "$state" trust remove 1 --all
run 2 "$pc" --state-dir "$state" trust list --builtin --custom
left=$(custom_shas | wc -l)
run 0 "$pc" --state-dir "$state" trust remove --all
[[ $out == "removed all $left custom CA certificates" ]] || fail "remove --all: $out"
[[ -z $(custom_shas) ]] || fail "custom anchors left after --all"
[[ $(ls "$state/custom/trusted") == index.txt ]] || fail "files left after --all"

# Another process holding the state directory: writes are refused, reads still work.
flock "$state/.lock" sleep 3 &
holder=$!
sleep 0.5
run 1 "$pc" --state-dir "$state" trust add "$td/root-rsa.pem"
[[ $out == *"[io.locked]"* ]] || fail "lock: $out"
run 0 "$pc" --state-dir "$state" trust list --custom
wait "$holder"

# Default state directory: $PHONECERT_STATE_DIR, then $XDG_STATE_HOME/phonecert, then ~/.local/state.
PHONECERT_STATE_DIR=$work/env run 0 "$pc" trust add "$td/root-ec.pem"
[[ -f $work/env/custom/trusted/$(sha "$td/root-ec.pem").pem ]] || fail "PHONECERT_STATE_DIR"
XDG_STATE_HOME=$work/xdg run 0 "$pc" trust add "$td/root-ec.pem"
[[ -f $work/xdg/phonecert/custom/trusted/index.txt ]] || fail "XDG_STATE_HOME"
HOME=$work/home run 0 "$pc" trust add "$td/root-ec.pem"
[[ -f $work/home/.local/state/phonecert/custom/trusted/index.txt ]] || fail "HOME default"
echo "trust CLI: all checks passed"
