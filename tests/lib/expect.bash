# Fail-fast checks for the CLI test scripts: the first failed expectation ends the script.
fail() { echo "FAIL: $*" >&2; exit 1; }
# run EXPECTED_EXIT CMD...: stdout and stderr together in $out. The exit code must be the expected
# one, and no output may hold private key material. Calls `ok` (a script's counter) when defined.
run() {
  local want=$1; shift
  set +e; out=$("$@" 2>&1); local rc=$?; set -e
  [[ $rc == "$want" ]] || fail "exit $rc, wanted $want: $* -> $out"
  [[ $out != *"PRIVATE KEY"* ]] || fail "key material in the output of $*"
  if declare -F ok >/dev/null; then ok; fi
  return 0
}
# sha256_hex FILE: the certificate's SHA-256 fingerprint, lower-case hex without colons.
sha256_hex() {
  openssl x509 -in "$1" -noout -fingerprint -sha256 | sed 's/^.*=//; s/://g' | tr 'A-F' 'a-f'
}
