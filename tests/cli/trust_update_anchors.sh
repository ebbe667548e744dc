#!/usr/bin/env bash
# scripts/update-builtin-anchors.sh on a fake Debian ca-certificates folder holding two of the
# wanted roots (test roots made by the OpenSSL CLI, named as Debian names the wanted ones).
set -euo pipefail
: "${PHONECERT_TEST_DATA:?}" "${PHONECERT_SOURCE_DIR:?}"
td=$PHONECERT_TEST_DATA
script=$PHONECERT_SOURCE_DIR/scripts/update-builtin-anchors.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/../lib/expect.bash"
sha() { sha256_hex "$1"; }

mkdir -p "$work/src" "$work/out"
# Text around the PEM block, as Debian's files may have: the script normalises it away.
{ echo "# ISRG Root X1"; cat "$td/root-rsa.pem"; } >"$work/src/ISRG_Root_X1.crt"
cp "$td/root-ec.pem" "$work/src/Go_Daddy_Root_Certificate_Authority_-_G2.crt"
cp "$td/other-root.pem" "$work/src/Not_Wanted_Root.crt"
touch "$work/out/stale-root.pem"

bash "$script" --source "$work/src" --out "$work/out" >"$work/stdout" 2>"$work/stderr" ||
  fail "script failed: $(cat "$work/stderr")"
grep -q "missing from $work/src: Baltimore CyberTrust Root" "$work/stderr" || fail "no missing note"
grep -q "2 anchors written" "$work/stdout" || fail "summary: $(cat "$work/stdout")"

manifest=$work/out/MANIFEST.tsv
[[ $(head -1 "$manifest") == $'file\tname\tsha256\tnot_after' ]] || fail "header"
[[ $(wc -l <"$manifest") == 3 ]] || fail "rows: $(cat "$manifest")"
row=$(grep '^isrg-root-x1.pem' "$manifest")
[[ $row == "isrg-root-x1.pem"$'\t'"ISRG Root X1"$'\t'"$(sha "$td/root-rsa.pem")"$'\t'"2099-12-31T23:59:59Z" ]] ||
  fail "row: $row"
row=$(grep '^go-daddy' "$manifest")
[[ $(cut -f1 <<<"$row") == go-daddy-root-certificate-authority-g2.pem ]] || fail "slug: $row"
[[ $(cut -f3 <<<"$row") == "$(sha "$td/root-ec.pem")" ]] || fail "sha: $row"
cmp -s "$work/out/isrg-root-x1.pem" <(openssl x509 -in "$td/root-rsa.pem") || fail "not normalised"
[[ ! -e $work/out/stale-root.pem ]] || fail "a root no longer wanted was kept"
[[ $(ls "$work/out" | wc -l) == 3 ]] || fail "files: $(ls "$work/out")"

# Idempotent: a second run writes the same bytes.
cp -r "$work/out" "$work/first"
bash "$script" --source "$work/src" --out "$work/out" >/dev/null 2>&1
diff -r "$work/first" "$work/out" >/dev/null || fail "second run differs"

# No wanted root at all, or no such folder: refused.
mkdir "$work/empty"
! bash "$script" --source "$work/empty" --out "$work/out2" 2>/dev/null || fail "empty source accepted"
! bash "$script" --source "$work/nope" --out "$work/out2" 2>/dev/null || fail "missing source accepted"
echo "update-builtin-anchors: all checks passed"
