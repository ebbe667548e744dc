# Shared by the device TLS script tests (tests/integration/device_*.sh); source it after
# `set -euo pipefail`. Sets work, state, log, pc, td; start_server sets server and port.
: "${PHONECERT_BIN:?}" "${PHONECERT_TEST_DATA:?}" "${PHONECERT_BUILD_DIR:?}"
pc=$PHONECERT_BIN/phonecert
server_bin=$PHONECERT_BUILD_DIR/tests/tools/identity_server
td=$PHONECERT_TEST_DATA
work=$(mktemp -d)
state=$work/state
log=$work/server.log
unset PHONECERT_STATE_DIR XDG_STATE_HOME
pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  [[ -f $log ]] && sed 's/^/  server: /' "$log" >&2
  exit 1
}
# SHA-256 of the first certificate in a PEM file, lower-case hex (as phonecert stores it).
sha() { openssl x509 -in "$1" -noout -fingerprint -sha256 | sed 's/^.*=//; s/://g' | tr 'A-F' 'a-f'; }
# curl's --pinnedpubkey value for the certificate's public key.
pin() {
  openssl x509 -in "$1" -noout -pubkey | openssl pkey -pubin -outform der |
    openssl dgst -sha256 -binary | base64
}
# run EXPECTED_EXIT CMD...: combined output in $out
run() {
  local want=$1; shift
  set +e; out=$("$@" 2>&1); local rc=$?; set -e
  [[ $rc == "$want" ]] || fail "exit $rc, wanted $want: $* -> $out"
}
pcs() { run "$1" "$pc" --state-dir "$state" "${@:2}"; }
wait_for() {  # wait_for SECONDS COMMAND...: until COMMAND succeeds (re-run each time)
  local tries=$(($1 * 10)); shift
  while ! "$@"; do
    ((tries--)) || return 1
    sleep 0.1
  done
}

start_server() {  # start_server [--poll-ms N]
  "$server_bin" --state-dir "$state" --port-file "$work/port" "$@" >"$log" 2>&1 &
  server=$!
  pids+=("$server")
  wait_for 20 test -s "$work/port" || fail "the identity server did not start"
  port=$(cat "$work/port")
}
# The SHA-256 of the leaf the server presents, as `openssl s_client` receives it.
presented() {
  openssl s_client -connect "127.0.0.1:$port" -servername phone.test </dev/null 2>/dev/null |
    openssl x509 -noout -fingerprint -sha256 | sed 's/^.*=//; s/://g' | tr 'A-F' 'a-f'
}
expect_presented() {  # expect_presented SHA WHAT
  local got
  got=$(presented) || true
  [[ $got == "$1" ]] || fail "$2: s_client sees ${got:-nothing}, wanted $1"
}
# SIGHUP the server and wait for its reload line.
sighups() { grep -c 'trigger=sighup' "$log" || true; }
reloaded() { (($(sighups) >= want_sighups)); }
reload() {
  want_sighups=$(($(sighups) + 1))
  kill -HUP "$server"
  wait_for 10 reloaded || fail "no reload after SIGHUP"
}
curl_ok() { [[ $(curl -sS --max-time 10 "$@" 2>&1) == ok ]]; }
