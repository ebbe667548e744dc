#!/usr/bin/env bash
# phonecert config get/set/list/apply/export with a temporary --state-dir: validation with the
# permitted values, atomic private settings.cfg, masked secrets, FILE:LINE diagnostics from the
# realistic samples in tests/cfg, --dry-run, refused files, the export round trip, the state lock.
set -euo pipefail
: "${PHONECERT_BIN:?}" "${PHONECERT_SOURCE_DIR:?}"
pc=$PHONECERT_BIN/phonecert
cfg=$PHONECERT_SOURCE_DIR/tests/cfg
work=$(mktemp -d)
holder=
trap '[[ -n $holder ]] && kill "$holder" 2>/dev/null; rm -rf "$work"' EXIT
st=$work/state

source "$(dirname "$0")/../lib/check.bash"

# --- get ---------------------------------------------------------------------------------------
run "$pc" --state-dir "$st" config get static.security.ca_cert
check "get: default ca_cert is 2" test "$rc-$out" = "0-2"
run "$pc" --state-dir "$st" config get Security.Trust_Certificates
check "get: alias without static. in any case" test "$rc-$out" = "0-1"
run "$pc" --state-dir "$st" config get account.1.enable
check "get: unknown key exits 1" test "$rc" = 1
check "get: unknown key named" has "$err" "'account.1.enable' is not a phonecert setting"
check "get: ... with its code" has "$err" "[settings.unknown_key]"
check "get: no settings.cfg written by reading" test ! -e "$st/settings.cfg"

# --- set ---------------------------------------------------------------------------------------
run "$pc" --state-dir "$st" config set static.security.ca_cert 1
check "set: valid value exits 0" test "$rc" = 0
check "set: prints the change with labels" has "$out" "static.security.ca_cert: 2 (All Certificates) -> 1 (Custom Certificates)"
check "set: settings.cfg begins with the header" test "$(head -1 "$st/settings.cfg")" = "#!version:1.0.0.1"
check "set: settings.cfg is private (0600)" test "$(stat -c %a "$st/settings.cfg")" = 600
check "set: no temp file left" test "$(find "$st" -maxdepth 1 -name '*.tmp*' | wc -l)" = 0
run "$pc" --state-dir "$st" config get static.security.ca_cert
check "set: value persisted" test "$out" = 1
cp "$st/settings.cfg" "$work/before"
run "$pc" --state-dir "$st" config set static.security.ca_cert 3
check "set: invalid value exits 1" test "$rc" = 1
check "set: refusal names the permitted values" has "$err" "permitted: 0 (Default Certificates), 1 (Custom Certificates) or 2 (All Certificates) [settings.invalid_value]"
check "set: refused value leaves settings.cfg as it was" cmp -s "$work/before" "$st/settings.cfg"
run "$pc" --state-dir "$st" config set static.nope 1
check "set: unknown key exits 1" test "$rc-$(count "$err" settings.unknown_key)" = "1-1"
run "$pc" --state-dir "$st" config set security.default_ssl_method 0
check "set: TLS 1.0 accepted with a warning" test "$rc-$(count "$err" "warning: TLS 1.0 and 1.1 are obsolete")" = "0-1"
run "$pc" --state-dir "$st" config set static.trusted_certificates.url "https://prov.example.com/$(printf 'a%.0s' {1..487})"
check "set: 512-character URL refused" test "$rc" = 1
check "set: ... naming its length" has "$err" "512 characters, more than 511"
run "$pc" --state-dir "$st" config set static.auto_provision.server.url https://prov.example.com/p/
check "set: URL accepted" test "$rc" = 0
run "$pc" --state-dir "$st" config set static.auto_provision.server.url %NULL%
run "$pc" --state-dir "$st" config get static.auto_provision.server.url
check "set: %NULL% empties a value" test "$rc-$out" = "0-"
run "$pc" --state-dir "$st" config set static.auto_provision.server.password 'Pr0v!s10n'
check "set: secret accepted" test "$rc" = 0
check "set: secret not echoed" lacks "$out$err" 'Pr0v!s10n'
run "$pc" --state-dir "$st" config get static.auto_provision.server.password
check "get: secret masked" test "$out" = "********"
run "$pc" --state-dir "$st" config set static.security.ca_cert 1
check "set: same value reports unchanged" has "$out" "unchanged"

# --- list --------------------------------------------------------------------------------------
run "$pc" --state-dir "$st" config list
check "list: exits 0" test "$rc" = 0
for key in static.security.trust_certificates static.security.cn_validation static.security.ca_cert \
  static.trusted_certificates.url static.trusted_certificates.delete static.security.dev_cert \
  static.server_certificates.url static.server_certificates.delete \
  static.phone_setting.reserve_certs_enable static.security.default_ssl_method \
  static.auto_provision.server.url static.auto_provision.server.username \
  static.auto_provision.server.password static.security.user_password; do
  check "list: shows $key" has "$out" "$key = "
done
check "list: web path shown" has "$out" "Security → Trusted Certificates → CA Certificates"
check "list: secret masked" lacks "$out" 'Pr0v!s10n'
run "$pc" --state-dir "$st" config list --json
check "list --json: valid JSON with value and default" \
  test "$(jq -r '.[] | select(.key=="static.security.ca_cert") | .value + "/" + .default' <<<"$out")" = "1/2"
check "list --json: secret masked" \
  test "$(jq -r '.[] | select(.key=="static.auto_provision.server.password") | .value' <<<"$out")" = "********"
check "list --json: file-only flag" \
  test "$(jq -r '.[] | select(.key=="static.security.default_ssl_method") | .file_only' <<<"$out")" = true

# --- apply -------------------------------------------------------------------------------------
a=$work/apply
mkdir -p "$a"
run "$pc" --state-dir "$a" config apply "$cfg/y000000000000.cfg" --dry-run
check "apply --dry-run: exits 0" test "$rc" = 0
check "apply --dry-run: says what would change" has "$out" "static.security.cn_validation: 0 (Disabled) -> 1 (Enabled)  (line 32)"
check "apply --dry-run: saves nothing" test ! -e "$a/settings.cfg"
run "$pc" --state-dir "$a" config apply "$cfg/y000000000000.cfg"
check "apply: exits 0 with diagnostics" test "$rc" = 0
check "apply: FILE:LINE warnings for unknown keys" has "$err" "y000000000000.cfg:8: warning: unknown key 'static.auto_provision.pnp_enable' ignored [unknown_key]"
check "apply: 17 unknown keys reported" test "$(count "$err" "[unknown_key]")" = 17
check "apply: summary line" has "$out" "7 settings changed; 9 lines for phonecert keys, 17 unknown keys ignored, 0 invalid values refused"
check "apply: secret masked in changes" lacks "$out$err" "Xk3!pr0v"
run "$pc" --state-dir "$a" config get static.security.cn_validation
check "apply: value stored" test "$out" = 1
run "$pc" --state-dir "$a" config apply "$cfg/001565a1b2c3.cfg"
check "apply: MAC file after common (CRLF) exits 0" test "$rc" = 0
run "$pc" --state-dir "$a" config get static.auto_provision.server.url
check "apply: empty value kept the common file's URL" test "$out" = "https://prov.example.com/yealink/"
cp "$a/settings.cfg" "$work/before"
run "$pc" --state-dir "$a" config apply "$cfg/no_header.cfg"
check "apply: file without header exits 1" test "$rc" = 1
check "apply: ... and says why" has "$err" "does not begin with '#!version:1.0.0.1' [settings.bad_config_file]"
check "apply: ... and changes nothing" cmp -s "$work/before" "$a/settings.cfg"
run "$pc" --state-dir "$a" config apply "$cfg/invalid_values.cfg"
check "apply: invalid values still exit 0" test "$rc" = 0
check "apply: invalid value names line and permitted values" has "$err" "invalid_values.cfg:5: warning: '3' is not a permitted value of static.security.ca_cert; permitted: 0 (Default Certificates), 1 (Custom Certificates) or 2 (All Certificates); the line is ignored [invalid_value]"
check "apply: 8 invalid values reported" test "$(count "$err" "[invalid_value]")" = 8
run "$pc" --state-dir "$a" config apply "$work/missing.cfg"
check "apply: missing file exits 1" test "$rc-$(count "$err" io.not_found)" = "1-1"
for f in "$cfg"/*.cfg; do
  run "$pc" --state-dir "$work/each" config apply "$f"
  check "apply: $(basename "$f") ends with 0 or 1, never a crash" test "$rc" -le 1
done

# --- export ------------------------------------------------------------------------------------
run "$pc" --state-dir "$a" config export
check "export: begins with the header" test "$(head -1 <<<"$out")" = "#!version:1.0.0.1"
check "export: leaves secrets out" lacks "$out" "Xk3!pr0v"
cp "$work/stdout" "$work/export.cfg"
run "$pc" --state-dir "$a" config apply "$work/export.cfg"
check "export -> apply on the same state changes nothing" has "$out" "0 settings changed"
# (the TLS 1.0 set by invalid_values.cfg is warned about again; nothing else may be reported)
check "export -> apply gives only the TLS 1.0 warning" test "$(grep -vcF "[value_warning]" <<<"$err")" = 0
run "$pc" --state-dir "$a" config export --include-secrets
cp "$work/stdout" "$work/full.cfg"
check "export --include-secrets: has the secret" has "$out" "static.auto_provision.server.password = Xk3!pr0v"
run "$pc" --state-dir "$work/clone" config apply "$work/full.cfg"
run "$pc" --state-dir "$work/clone" config export --include-secrets
check "export --include-secrets -> apply elsewhere reproduces the settings" cmp -s "$work/stdout" "$work/full.cfg"

# --- state directory ---------------------------------------------------------------------------
mkdir -p "$work/corrupt-state"
printf 'garbage without a header\n' >"$work/corrupt-state/settings.cfg"
run "$pc" --state-dir "$work/corrupt-state" config get static.security.ca_cert
check "corrupt settings.cfg: defaults, exit 0" test "$rc-$out" = "0-2"
check "corrupt settings.cfg: an error line naming the file" has "$err" "corrupt-state/settings.cfg: error:"
run env PHONECERT_STATE_DIR="$a" "$pc" config get static.security.ca_cert
check "state dir from PHONECERT_STATE_DIR" test "$out" = 1
if command -v flock >/dev/null; then
  mkdir -p "$work/locked"
  touch "$work/locked/.lock"
  flock "$work/locked/.lock" sleep 30 &
  holder=$!
  sleep 0.3
  run "$pc" --state-dir "$work/locked" config set static.security.ca_cert 0
  check "set: refused while another process holds the state lock" test "$rc-$(count "$err" io.locked)" = "1-1"
  run "$pc" --state-dir "$work/locked" config get static.security.ca_cert
  check "get: works while the lock is held" test "$rc-$out" = "0-2"
  kill "$holder" 2>/dev/null || true
  wait "$holder" 2>/dev/null || true
  holder=
fi

finish config.sh
