#!/usr/bin/env bash
# phonecert expiry: the notices for a fresh state (none), the development device certificate
# checked as of three days before its end (read from `device show --json`, not assumed), an
# expired custom CA, --json, exit codes. Certificates come from tests/data/gen-certs.sh.
set -euo pipefail
source "$(dirname "$0")/../lib/cli_env.bash"
source "$(dirname "$0")/../lib/expect.bash"

run 0 "$pc" --state-dir "$state" factory init --mac 00:15:65:aa:bb:cc
run 0 "$pc" --state-dir "$state" expiry
[[ $out == "Nothing expires within 30 days of "* ]] || fail "fresh state: $out"

not_after=$("$pc" --state-dir "$state" device show --json | jq -r .active.not_after)
end=$(date -u -d "$not_after" +%s)
three_days_before=$(date -u -d "@$((end - 3 * 86400))" +%Y-%m-%dT%H:%M:%SZ)
thirty_one_days_before=$(date -u -d "@$((end - 31 * 86400))" +%Y-%m-%dT%H:%M:%SZ)
run 0 "$pc" --state-dir "$state" expiry --at "$thirty_one_days_before"
run 1 "$pc" --state-dir "$state" expiry --at "$three_days_before"
[[ $out == *'warning: the device certificate in use (unique) "001565aabbcc" expires in 3 days'* ]] ||
  fail "3 days before the end: $out"
run 1 "$pc" --state-dir "$state" expiry --at "$(date -u -d "@$((end + 86400))" +%Y-%m-%dT%H:%M:%SZ)"
[[ $out == *"error: the device certificate in use (unique)"*"expired on"* ]] || fail "after the end: $out"

run 0 "$pc" --state-dir "$state" trust add "$td/int-expired.pem"
cn=$(openssl x509 -in "$td/int-expired.pem" -noout -subject -nameopt multiline | awk -F' = ' '/commonName/{print $2}')
run 1 "$pc" --state-dir "$state" expiry --json
[[ $(jq -r '.notices | length' <<<"$out") == 1 ]] || fail "json: $out"
[[ $(jq -r '.notices[0].level' <<<"$out") == warning ]] || fail "level: $out"
[[ $(jq -r '.notices[0].sentence' <<<"$out") == "the custom CA certificate \"$cn\" expired on "* ]] ||
  fail "sentence: $out"
[[ $(jq -r '.warning_days' <<<"$out") == 30 ]] || fail "warning_days: $out"

run 2 "$pc" --state-dir "$state" expiry --at yesterday
[[ $out == *'--at "yesterday" is not an ISO 8601 time'* ]] || fail "usage: $out"
echo "expiry.sh: all checks passed"
