#!/usr/bin/env bash
# Runs one libFuzzer target for a short time with a seed corpus.
# Usage: run-fuzzer.sh NAME   (env: PHONECERT_FUZZ_DIR, PHONECERT_TEST_DATA, PHONECERT_FUZZ_SECONDS,
#                              PHONECERT_FUZZ_ARTIFACTS: where crashing inputs go)
# To fuzz longer by hand: PHONECERT_FUZZ_SECONDS=3600 bash tests/fuzz/run-fuzzer.sh load_fuzz
set -euo pipefail
name=$1
here=$(cd "$(dirname "$0")" && pwd)
fuzz_dir=${PHONECERT_FUZZ_DIR:-$here/../../build/fuzz/fuzz}
seconds=${PHONECERT_FUZZ_SECONDS:-20}
bin=$fuzz_dir/$name
if [[ ! -x $bin ]]; then
  echo "fuzz target $bin is not built (scripts/build.sh fuzz)" >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus"
# Seeds: the generated certificates and keys, plus the checked-in seeds of this target.
if [[ -d ${PHONECERT_TEST_DATA:-} ]]; then
  find "$PHONECERT_TEST_DATA" -maxdepth 1 -type f ! -name '.*' -size -64k -exec cp {} "$work/corpus/" \;
fi
if [[ -d $here/seeds/$name ]]; then cp "$here/seeds/$name"/* "$work/corpus/" 2>/dev/null || true; fi
# Crashing inputs are kept outside the temporary folder, which is removed on exit.
artifacts=${PHONECERT_FUZZ_ARTIFACTS:-$fuzz_dir/../artifacts/$name}
mkdir -p "$artifacts"
ASAN_OPTIONS=detect_leaks=1 "$bin" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
  -print_final_stats=1 -artifact_prefix="$artifacts/" "$work/corpus" 2>"$work/log" || {
  tail -50 "$work/log" >&2
  echo "crashing input kept in $artifacts; replay: $bin FILE" >&2
  exit 1
}
grep -E "stat::number_of_executed_units|Done" "$work/log" || true
