# Shared by the phonecertd script tests (tests/integration/api*.sh, web*.sh). Source it.
# Starts phonecertd on a free loopback port in a temp state directory, and wraps curl so that every
# response (headers and body) is recorded for the final "no private key was ever served" check.
#
# Needs: PHONECERT_BIN (dir with phonecert and phonecertd), PHONECERT_TEST_DATA (gen-certs.sh output).
set -euo pipefail

: "${PHONECERT_BIN:?PHONECERT_BIN must name the directory holding phonecertd}"
: "${PHONECERT_TEST_DATA:?PHONECERT_TEST_DATA must name the generated test data}"
DATA=$PHONECERT_TEST_DATA
source "$(dirname "${BASH_SOURCE[0]}")/../lib/ports.bash"
source "$(dirname "${BASH_SOURCE[0]}")/../lib/nginx.bash"
PHONECERTD=$PHONECERT_BIN/phonecertd
WORK=$(mktemp -d "${TMPDIR:-/tmp}/phonecertd-test.XXXXXX")
RECORD=$WORK/responses
mkdir -p "$RECORD"
DAEMON_PID=""
FAILURES=0
CHECKS=0

cleanup() {
  [[ ${#NGINX_PIDS[@]} -gt 0 ]] && stop_nginx
  if [[ -n $DAEMON_PID ]] && kill -0 "$DAEMON_PID" 2>/dev/null; then
    kill -TERM "$DAEMON_PID" 2>/dev/null || true
    wait "$DAEMON_PID" 2>/dev/null || true
  fi
  if [[ ${KEEP_WORK:-0} == 1 || $FAILURES -gt 0 ]]; then
    echo "work directory kept: $WORK" >&2
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT

ok() { CHECKS=$((CHECKS + 1)); echo "ok   $*"; }
fail() { CHECKS=$((CHECKS + 1)); FAILURES=$((FAILURES + 1)); echo "FAIL $*" >&2; }
check() {  # check "description" command...
  local what=$1; shift
  if "$@"; then ok "$what"; else fail "$what"; fi
}
expect_eq() {  # expect_eq "description" actual expected
  if [[ "$2" == "$3" ]]; then ok "$1"; else fail "$1: got '$2', expected '$3'"; fi
}
expect_contains() {  # expect_contains "description" haystack needle
  if [[ "$2" == *"$3"* ]]; then ok "$1"; else fail "$1: '$3' not in: ${2:0:400}"; fi
}

# start_daemon STATE_DIR [extra args...]: starts phonecertd on 127.0.0.1:<free port>; sets URL,
# PORT, DAEMON_PID, DAEMON_OUT, DAEMON_ERR and PASSWORD (when this start printed one).
start_daemon() {
  local dir=$1; shift
  DAEMON_OUT=$WORK/daemon-$RANDOM.out
  DAEMON_ERR=${DAEMON_OUT%.out}.err
  "$PHONECERTD" --state-dir "$dir" --listen 127.0.0.1:0 --provision-interval 0 "$@" \
    >"$DAEMON_OUT" 2>"$DAEMON_ERR" &
  DAEMON_PID=$!
  local i
  for i in $(seq 1 300); do
    if grep -q "is serving" "$DAEMON_OUT" 2>/dev/null && grep -q "^Stop with" "$DAEMON_OUT"; then break; fi
    if ! kill -0 "$DAEMON_PID" 2>/dev/null; then
      echo "phonecertd exited early:" >&2; cat "$DAEMON_OUT" "$DAEMON_ERR" >&2; return 1
    fi
    sleep 0.1
  done
  URL=$(grep -o 'https://[^ ]*/' "$DAEMON_OUT" | head -1)
  URL=${URL%/}
  PORT=${URL##*:}
  local pw
  pw=$(awk '/^  password: /{print $2}' "$DAEMON_OUT")
  if [[ $pw =~ ^[a-z0-9]{5}(-[a-z0-9]{5}){3}$ ]]; then PASSWORD=$pw; fi
  [[ -n $URL ]]
}

# wait_log TEXT: until the running daemon's log (stderr) holds TEXT (5 s at most).
wait_log() {
  local i
  for i in $(seq 1 50); do
    grep -qF -- "$1" "$DAEMON_ERR" && return 0
    sleep 0.1
  done
  echo "not in the daemon's log: $1" >&2
  return 1
}

stop_daemon() {
  kill -TERM "$DAEMON_PID"
  local rc=0
  wait "$DAEMON_PID" || rc=$?
  DAEMON_PID=""
  return $rc
}

# req [curl args...] URL: one HTTPS request; sets BODY, STATUS and HEADERS (a file).
# Every response is kept in $RECORD (unique names, so calls in subshells are kept too).
req() {
  local base
  base=$(mktemp "$RECORD/r.XXXXXX")
  HEADERS=$base.headers
  STATUS=$(curl -sS -k --max-time 30 -D "$HEADERS" -o "$base.body" -w '%{http_code}' "$@" || true)
  BODY=$(cat "$base.body" 2>/dev/null || true)  # none when the connection failed
}
# api METHOD PATH [curl args...]: basic-authenticated API call as admin; sets BODY and STATUS.
api() {
  local method=$1 path=$2; shift 2
  req -X "$method" -u "admin:$PASSWORD" "$@" "$URL$path"
}
# get PATH: the body of a basic-authenticated GET (for use inside $(...)).
get() { api GET "$1"; printf '%s' "$BODY"; }
json() { jq -r "$1"; }  # json FILTER < body

# The served certificate's SHA-256 (lower-case hex, no colons), as a TLS client sees it.
served_sha256() {
  openssl s_client -connect "127.0.0.1:$PORT" -servername localhost </dev/null 2>/dev/null |
    openssl x509 -noout -fingerprint -sha256 | sed 's/.*=//; s/://g' | tr 'A-F' 'a-f'
}
file_sha256() {
  openssl x509 -in "$1" -noout -fingerprint -sha256 | sed 's/.*=//; s/://g' | tr 'A-F' 'a-f'
}
vm_rss_kb() { awk '/^VmRSS:/{print $2}' "/proc/$DAEMON_PID/status"; }

# The final check of every script: no recorded response and no log line holds a private key.
check_no_private_key_served() {
  local hits
  hits=$(grep -l -E 'PRIVATE KEY|ENCRYPTED KEY' "$RECORD"/* 2>/dev/null || true)
  local n
  n=$(find "$RECORD" -name '*.body' | wc -l)
  if [[ -z $hits ]]; then ok "none of the $n recorded responses holds a private key"
  else fail "responses holding a private key: $hits"; fi
  if cat "$WORK"/daemon-*.err 2>/dev/null | grep -q -E 'PRIVATE KEY'; then
    fail "the daemon's log holds a private key"
  else ok "the daemon's log holds no private key"; fi
}

finish() {
  check_no_private_key_served
  echo "$(basename "$0"): $((CHECKS - FAILURES)) of $CHECKS checks passed"
  [[ $FAILURES -eq 0 ]]
}

# start_nginx ROOT [CERT_CHAIN KEY]: serves ROOT on 127.0.0.1:<free port> (HTTPS when a
# certificate is given); sets NGINX_PORT. Stopped by stop_nginx (and at exit).
NGINX_PIDS=()
start_nginx() { retry_start start_nginx_once "$@"; }
start_nginx_once() {
  local root=$1 chain=${2:-} key=${3:-}
  local dir
  dir=$(mktemp -d "$WORK/nginx.XXXXXX")
  chmod 755 "$WORK" "$dir"
  chmod -R a+rX "$root"
  NGINX_PORT=$(free_port) || return 1
  local listen="listen 127.0.0.1:$NGINX_PORT;"
  if [[ -n $chain ]]; then
    cp "$chain" "$dir/chain.pem"; cp "$key" "$dir/key.pem"
    listen="listen 127.0.0.1:$NGINX_PORT ssl; ssl_certificate $dir/chain.pem; ssl_certificate_key $dir/key.pem;"
  fi
  { nginx_conf_head "$dir" 1 64 "$dir/access.log"; cat <<CONF; } >"$dir/nginx.conf"
  server { $listen root $root; }
}
CONF
  nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" &
  local pid=$!
  NGINX_PIDS+=("$pid")
  if ! wait_listening "$pid" "$NGINX_PORT"; then
    echo "nginx did not start:" >&2; cat "$dir/error.log" >&2
    kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
    return 1
  fi
}
stop_nginx() {
  local pid
  for pid in "${NGINX_PIDS[@]}"; do kill -QUIT "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  NGINX_PIDS=()
}
