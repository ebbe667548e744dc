#!/usr/bin/env bash
# phonecert provision over TFTP against a real tftpd-hpa (in.tftpd --foreground --listen --secure
# on a loopback high port, started and stopped here): the common file, a certificate bundle over
# TFTP, the MAC file missing (TFTP "file not found" is not an error), a certificate URL that is not
# found (fails the round, nothing applied), a file over the 5 MB cap.
# in.tftpd --secure chroots into the served folder, which needs root; without root this test
# cannot run a TFTP server and says so (TFTP URL handling is covered by the unit tests).
set -euo pipefail
source "$PHONECERT_SOURCE_DIR/tests/provision/lib.bash"
if [[ $(id -u) -ne 0 ]]; then
  echo "SKIPPED: in.tftpd --secure needs root to chroot; TFTP URLs are covered by ProvisionUrl tests"
  exit 0
fi

T=$WORK/tftp
mkdir -p "$T/certs"
start_tftpd "$T"
cp "$TD/bundle-roots.pem" "$T/certs/ca.pem"
cfg "$T/y000000000000.cfg" \
  "static.security.cn_validation = 1" \
  "static.trusted_certificates.url = $TFTP/certs/ca.pem"
chmod -R a+rX "$T"

log "a round over TFTP"
S=$(new_state)
provision "$S" --url "$TFTP/"
check "TFTP round: exit 0" test "$RC" = 0
check "TFTP: common file fetched" test "$(report '.files[0].status')" = ok
check "TFTP: common file size" test "$(report '.files[0].bytes')" = "$(stat -c %s "$T/y000000000000.cfg")"
check "TFTP: missing MAC file is not_found" test "$(report '.files[1].status')" = not_found
check "TFTP: setting applied" test "$("$PC" --state-dir "$S" config get static.security.cn_validation)" = 1
check "TFTP: every certificate of the bundle added" \
  test "$("$PC" --state-dir "$S" trust list --custom --json | jq '.custom | length')" = "$(grep -c 'BEGIN CERTIFICATE' "$TD/bundle-roots.pem")"

log "a certificate URL that is not found over TFTP"
cfg "$T/y000000000000.cfg" \
  "static.security.ca_cert = 1" \
  "static.trusted_certificates.url = $TFTP/certs/missing.pem"
S2=$(new_state)
before=$(state_fingerprint "$S2")
provision "$S2" --url "$TFTP"
check "missing certificate over TFTP: exit 1" test "$RC" = 1
check "missing certificate over TFTP: the file is not_found" \
  test "$(report '.files[] | select(.role=="trusted_certificates") | .status')" = not_found
check "missing certificate over TFTP: state unchanged" unchanged "$S2" "$before"

log "a file over the cap over TFTP"
head -c 6291456 /dev/zero | tr '\0' 'C' >"$T/certs/big.pem"
cfg "$T/y000000000000.cfg" "static.trusted_certificates.url = $TFTP/certs/big.pem"
chmod -R a+rX "$T"
provision "$S2" --url "$TFTP"
check "6 MB over TFTP: exit 1, too_large" test "$RC $(report .failure.code)" = "1 parse.too_large"
check "6 MB over TFTP: state unchanged" unchanged "$S2" "$before"

log "TFTP server down"
provision "$S2" --url "tftp://127.0.0.1:$(free_port)/" --timeout 3
check "TFTP server down: exit 1" test "$RC" = 1
check "TFTP server down: fetch_failed" test "$(report .failure.code)" = provisioning.fetch_failed
check "TFTP server down: state unchanged" unchanged "$S2" "$before"

finish
