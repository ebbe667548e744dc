#!/usr/bin/env bash
# Installs what is missing, builds the sanitizer (ASan+UBSan), ThreadSanitizer and fuzzing
# builds, and runs every test through ctest. The output ends with ctest's summary.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh debug-asan
bash scripts/build.sh tsan phonecert_tests
bash scripts/build.sh fuzz
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
cd build/debug-asan
exec ctest --output-on-failure -j "$(nproc)" "$@"
