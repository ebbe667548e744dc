#!/usr/bin/env bash
# Installs what is missing, builds the release preset and starts the phone daemon on the default
# state directory (no root needed). Extra arguments go to phonecertd.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh release
if [[ -x build/release/bin/phonecertd ]]; then
  exec build/release/bin/phonecertd "$@"
fi
exec build/release/bin/phonecert --help
