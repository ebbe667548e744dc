# Shared helpers for tests/integration/provision*.sh: real servers on loopback high ports
# (nginx, tftpd-hpa, vsftpd, openssl s_server), started by the test and stopped by its EXIT trap.
# Source it after `set -euo pipefail`. Needs PHONECERT_TEST_DATA (gen-certs.sh output) and
# PHONECERT_BIN (the directory holding the phonecert binary), as ctest sets them.
: "${PHONECERT_TEST_DATA:?set by ctest (gen-certs.sh output)}"
: "${PHONECERT_BIN:?set by ctest (directory of the phonecert binary)}"
TD=$PHONECERT_TEST_DATA
PC=$PHONECERT_BIN/phonecert
FIXTURES=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
WORK=$(mktemp -d /tmp/phonecert-provision.XXXXXX)
chmod 755 "$WORK"  # nginx workers and the FTP server read the document roots
PIDS=()
FAILURES=0
CHECKS=0

cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
# stop_pid PID: stops a server this script started (a failed start, before a retry).
stop_pid() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

log() { echo "--- $*"; }
fail() { echo "FAIL: $*" >&2; FAILURES=$((FAILURES + 1)); }
pass() { echo "ok: $*"; }
check() {  # check "description" command...
  local what=$1; shift
  CHECKS=$((CHECKS + 1))
  if "$@"; then pass "$what"; else fail "$what"; fi
}
finish() {
  echo "$CHECKS checks, $FAILURES failed"
  [[ $FAILURES -eq 0 ]]
}

source "$FIXTURES/../lib/ports.bash"

# A fresh state directory with a factory identity for MAC 00:15:65:aa:bb:cc. Prints its path.
new_state() {
  local dir
  dir=$(mktemp -d "$WORK/state.XXXXXX")
  "$PC" --state-dir "$dir" factory init --mac 00:15:65:aa:bb:cc >/dev/null
  echo "$dir"
}

# state_fingerprint STATE: settings, custom CAs and device certificate as text (to compare).
# days_left is left out: it changes with the clock, not with the state.
state_fingerprint() {
  "$PC" --state-dir "$1" config export
  "$PC" --state-dir "$1" trust list --custom --json
  "$PC" --state-dir "$1" device show --json | jq -S 'del(.. | .days_left?)'
}

# unchanged STATE BEFORE: the state equals a saved state_fingerprint; else the difference goes to
# stderr.
unchanged() {
  local now
  now=$(state_fingerprint "$1")
  [[ "$now" == "$2" ]] && return 0
  diff <(echo "$2") <(echo "$now") >&2 || true
  return 1
}

# provision STATE ARGS...: runs a round with --json; the report goes to $WORK/report.json and the
# exit code to $RC. Never fails the script by itself.
provision() {
  local state=$1; shift
  set +e
  "$PC" --state-dir "$state" provision --json "$@" >"$WORK/report.json" 2>"$WORK/report.err"
  RC=$?
  set -e
  if [[ -n ${VERBOSE:-} ]]; then cat "$WORK/report.json" "$WORK/report.err"; fi
}
# jq on the last report.
report() { jq -r "$1" "$WORK/report.json"; }

# cfg FILE LINES...: writes a provisioning file with the header line.
cfg() {
  local file=$1; shift
  { echo '#!version:1.0.0.1'; printf '%s\n' "$@"; } >"$file"
}

# ---- nginx: plain HTTP, HTTPS (leaf-san chain from the test CA), basic auth --------------------
# start_nginx: serves $WORK/www on $HTTP_PORT and $HTTPS_PORT (127.0.0.1). /auth/ needs
# user "phone", password "secret" (htpasswd made with openssl passwd -apr1).
start_nginx() { retry_start start_nginx_once; }
start_nginx_once() {
  local prefix=$WORK/nginx
  rm -rf "$prefix"
  mkdir -p "$prefix/tmp" "$WORK/www"
  HTTP_PORT=$(free_port)
  HTTPS_PORT=$(free_port)
  cp "$TD/leaf-san-chain.pem" "$prefix/server-chain.pem"
  install -m 600 "$TD/leaf-san.key" "$prefix/server.key"
  printf 'phone:%s\n' "$(openssl passwd -apr1 secret)" >"$prefix/htpasswd"
  chmod 644 "$prefix/htpasswd"
  sed -e "s|@PREFIX@|$prefix|g" -e "s|@ROOT@|$WORK/www|g" -e "s|@HTTP_PORT@|$HTTP_PORT|g" \
      -e "s|@HTTPS_PORT@|$HTTPS_PORT|g" "$FIXTURES/nginx.conf.in" >"$prefix/nginx.conf"
  /usr/sbin/nginx -p "$prefix" -e "$prefix/error.log" -c "$prefix/nginx.conf" \
      -g 'daemon off;' >"$prefix/stdout.log" 2>&1 &
  NGINX_PID=$!
  PIDS+=("$NGINX_PID")
  if ! wait_listening "$NGINX_PID" "$HTTP_PORT" || ! wait_listening "$NGINX_PID" "$HTTPS_PORT"; then
    cat "$prefix/error.log" >&2
    stop_pid "$NGINX_PID"
    return 1
  fi
  HTTP=http://127.0.0.1:$HTTP_PORT
  HTTPS=https://127.0.0.1:$HTTPS_PORT
}

# ---- tftpd-hpa ------------------------------------------------------------------------------
# start_tftpd DIR: serves DIR read-only on udp 127.0.0.1:$TFTP_PORT (needs root: it chroots).
start_tftpd() { retry_start start_tftpd_once "$1"; }
start_tftpd_once() {
  TFTP_PORT=$(free_port)
  /usr/sbin/in.tftpd --foreground --listen --address "127.0.0.1:$TFTP_PORT" --secure \
      --user root "$1" >"$WORK/tftpd.log" 2>&1 &
  local pid=$!
  PIDS+=("$pid")
  wait_listening "$pid" "$TFTP_PORT" udp || { cat "$WORK/tftpd.log" >&2; stop_pid "$pid"; return 1; }
  TFTP=tftp://127.0.0.1:$TFTP_PORT
}

# ---- vsftpd (anonymous, read-only, passive mode on loopback) --------------------------------
# start_vsftpd DIR: serves DIR on 127.0.0.1:$FTP_PORT.
start_vsftpd() { retry_start start_vsftpd_once "$1"; }
start_vsftpd_once() {
  FTP_PORT=$(free_port)
  local pasv
  pasv=$(free_port)
  mkdir -p "$WORK/vsftpd-empty"
  chmod 755 "$WORK/vsftpd-empty"
  sed -e "s|@PORT@|$FTP_PORT|g" -e "s|@ROOT@|$1|g" -e "s|@EMPTY@|$WORK/vsftpd-empty|g" \
      -e "s|@PASV@|$pasv|g" -e "s|@LOG@|$WORK/vsftpd.log|g" \
      "$FIXTURES/vsftpd.conf.in" >"$WORK/vsftpd.conf"
  /usr/sbin/vsftpd "$WORK/vsftpd.conf" >"$WORK/vsftpd.out" 2>&1 &
  local pid=$!
  PIDS+=("$pid")
  wait_listening "$pid" "$FTP_PORT" || { cat "$WORK/vsftpd.out" >&2; stop_pid "$pid"; return 1; }
  FTP=ftp://127.0.0.1:$FTP_PORT
}

# ---- openssl s_server -HTTP: serves files that hold a whole raw HTTP response ---------------
# start_raw_https DIR: $RAW_PORT; GET /NAME answers with the bytes of DIR/NAME as they are
# (status line, headers, body), so a test can announce more than it sends.
start_raw_https() { retry_start start_raw_https_once "$1"; }
start_raw_https_once() {
  RAW_PORT=$(free_port)
  (cd "$1" && exec openssl s_server -quiet -HTTP -accept "127.0.0.1:$RAW_PORT" \
      -cert "$TD/leaf-san.pem" -key "$TD/leaf-san.key" -cert_chain "$TD/int-rsa.pem" \
      >"$WORK/s_server.log" 2>&1) &
  local pid=$!
  PIDS+=("$pid")
  wait_listening "$pid" "$RAW_PORT" || { cat "$WORK/s_server.log" >&2; stop_pid "$pid"; return 1; }
  RAW=https://127.0.0.1:$RAW_PORT
}
