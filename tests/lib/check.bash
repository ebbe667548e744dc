# Soft checks for the CLI test scripts: every check prints one PASS/FAIL line and the script goes
# on; `finish NAME` prints the count and is the script's exit status. Source it after setting
# $work (a temp directory the script removes at exit).
passed=0
failed=0
# check DESCRIPTION CMD...: runs CMD as a condition.
check() {
  local what=$1
  shift
  if "$@"; then
    echo "PASS: $what"
    passed=$((passed + 1))
  else
    echo "FAIL: $what"
    failed=$((failed + 1))
  fi
}
# run CMD...: $rc, $out (stdout) and $err (stderr) of one run.
run() {
  set +e
  "$@" >"$work/stdout" 2>"$work/stderr"
  rc=$?
  set -e
  out=$(<"$work/stdout")
  err=$(<"$work/stderr")
}
has() { grep -qF -- "$2" <<<"$1"; }
lacks() { ! grep -qF -- "$2" <<<"$1"; }
count() { grep -cF -- "$2" <<<"$1" || true; }
lines() { if [[ -z $1 ]]; then echo 0; else wc -l <<<"$1"; fi; }
finish() {
  echo "$1: $passed passed, $failed failed"
  ((failed == 0))
}
