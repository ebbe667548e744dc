#!/usr/bin/env bash
# phonecert provision over FTP against a real vsftpd (anonymous, read-only, passive mode, on a
# loopback high port, started and stopped here): the common file and a certificate over FTP, the
# MAC file missing (FTP 550 is "not found", not an error), a certificate URL that is not found
# (fails the round), a file over the 5 MB cap (refused from the SIZE reply), credentials from the
# settings sent as USER/PASS (refused by the anonymous-only server: 530).
set -euo pipefail
source "$PHONECERT_SOURCE_DIR/tests/provision/lib.bash"
if [[ ! -x /usr/sbin/vsftpd ]]; then
  echo "FAIL: /usr/sbin/vsftpd is missing: run scripts/install-deps.sh (Debian package vsftpd)" >&2
  exit 1
fi

F=$WORK/ftp
mkdir -p "$F/certs"
start_vsftpd "$F"
cp "$TD/root-rsa.pem" "$F/certs/ca.pem"
cfg "$F/y000000000000.cfg" \
  "static.security.cn_validation = 1" \
  "static.trusted_certificates.url = $FTP/certs/ca.pem"
chmod -R a+rX "$F"

log "a round over FTP"
S=$(new_state)
provision "$S" --url "$FTP/"
check "FTP round: exit 0" test "$RC" = 0
check "FTP: common file fetched (226)" test "$(report '.files[0].status') $(report '.files[0].response_code')" = "ok 226"
check "FTP: missing MAC file is not_found (550)" \
  test "$(report '.files[1].status') $(report '.files[1].response_code')" = "not_found 550"
check "FTP: setting applied" test "$("$PC" --state-dir "$S" config get static.security.cn_validation)" = 1
check "FTP: the CA was added" \
  test "$("$PC" --state-dir "$S" trust list --custom --json | jq -r '.custom[0].sha256')" = \
       "$(openssl x509 -in "$TD/root-rsa.pem" -noout -fingerprint -sha256 | cut -d= -f2 | tr -d : | tr A-F a-f)"

log "a certificate URL that is not found over FTP"
cfg "$F/y000000000000.cfg" "static.security.ca_cert = 1" "static.trusted_certificates.url = $FTP/certs/gone.pem"
S2=$(new_state)
before=$(state_fingerprint "$S2")
provision "$S2" --url "$FTP/"
check "missing certificate over FTP: exit 1" test "$RC" = 1
check "missing certificate over FTP: state unchanged" unchanged "$S2" "$before"

log "a file over the cap over FTP"
head -c 6291456 /dev/zero | tr '\0' 'D' >"$F/certs/big.pem"
cfg "$F/y000000000000.cfg" "static.trusted_certificates.url = $FTP/certs/big.pem"
chmod -R a+rX "$F"
provision "$S2" --url "$FTP/"
check "6 MB over FTP: exit 1, too_large" test "$RC $(report .failure.code)" = "1 parse.too_large"
check "6 MB over FTP: state unchanged" unchanged "$S2" "$before"

log "credentials from the settings go to the FTP server"
"$PC" --state-dir "$S2" config set static.auto_provision.server.username phone >/dev/null
"$PC" --state-dir "$S2" config set static.auto_provision.server.password secret >/dev/null
before=$(state_fingerprint "$S2")
provision "$S2" --url "$FTP/"
check "FTP login as phone refused: exit 1, unauthorized" test "$RC $(report .failure.code)" = "1 web.unauthorized"
check "FTP login refused: state unchanged" unchanged "$S2" "$before"
check "FTP login refused: the password is not in the report" bash -c "! grep -q secret '$WORK/report.json'"

finish
