# Shared helpers for tests/integration/connect*.sh (sourced, not a test itself: the ctest glob
# takes *.sh only). Needs PHONECERT_BIN and PHONECERT_TEST_DATA (set by ctest).
: "${PHONECERT_BIN:?}" "${PHONECERT_TEST_DATA:?}"
pc=$PHONECERT_BIN/phonecert
td=$PHONECERT_TEST_DATA
work=$(mktemp -d)
server_pids=()
cleanup() {
  local p
  for p in "${server_pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${server_pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

passed=0
failed=0
pass() { echo "PASS: $1"; passed=$((passed + 1)); }
fail() { echo "FAIL: $1"; failed=$((failed + 1)); }
finish() {
  echo "$passed passed, $failed failed"
  [[ $failed -eq 0 ]]
}

source "$(dirname "${BASH_SOURCE[0]}")/../lib/ports.bash"

# s_server LEAF [CHAIN_FILE] -> starts openssl s_server with LEAF.pem/LEAF.key (and the chain
# file sent after it), sets $port.
s_server() { retry_start s_server_once "$@"; }
s_server_once() {
  local leaf=$1 chain=${2:-}
  port=$(free_port) || return 1
  local args=(s_server -accept "127.0.0.1:$port" -cert "$td/$leaf.pem" -key "$td/$leaf.key" -quiet)
  if [[ -n $chain ]]; then args+=(-cert_chain "$chain"); fi
  openssl "${args[@]}" </dev/null >"$work/s_server.$port.log" 2>&1 &
  local pid=$!
  server_pids+=("$pid")
  wait_listening "$pid" "$port" || { cat "$work/s_server.$port.log" >&2; kill "$pid" 2>/dev/null; return 1; }
}

# state_dir NAME: a fresh state directory with root-rsa as custom anchor and cn_validation on.
state_dir() {
  local s=$work/state-$1
  "$pc" --state-dir "$s" trust add "$td/root-rsa.pem" >/dev/null
  config "$s" static.security.cn_validation 1
  echo "$s"
}

# config STATE KEY VALUE: phonecert config set.
config() {
  "$pc" --state-dir "$1" config set "$2" "$3" >/dev/null
}

# expect NAME EXIT REASON|trusted STATE ARGS...: runs `phonecert connect ARGS --json` and checks
# the exit code and either the verdict "trusted" or that REASON is among the reasons. Extra
# jq conditions can be given in $extra (a jq boolean expression).
expect() {
  local name=$1 want_rc=$2 want=$3 state=$4
  shift 4
  local rc=0
  "$pc" --state-dir "$state" connect "$@" --json >"$work/out.json" 2>"$work/err.txt" || rc=$?
  if [[ $rc -ne $want_rc ]]; then
    fail "$name: exit $rc, expected $want_rc ($(head -c 300 "$work/err.txt"))"
    return
  fi
  if [[ $want == trusted ]]; then
    if ! jq -e '.verdict == "trusted" and .trusted == true and (.reasons | length) == 0' "$work/out.json" >/dev/null; then
      fail "$name: not trusted: $(jq -c '.reasons' "$work/out.json")"
      return
    fi
  elif ! jq -e --arg r "$want" '.trusted == false and (.reasons | index($r)) != null' "$work/out.json" >/dev/null; then
    fail "$name: reason $want missing: $(jq -c '.reasons' "$work/out.json" 2>/dev/null || cat "$work/err.txt")"
    return
  fi
  if [[ -n ${extra:-} ]] && ! jq -e "$extra" "$work/out.json" >/dev/null; then
    fail "$name: condition $extra does not hold: $(jq -c '{verdict,reasons,failing_depth,handshake_completed,profile}' "$work/out.json")"
    return
  fi
  pass "$name"
}
