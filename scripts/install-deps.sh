#!/usr/bin/env bash
# Installs the Debian 12 packages phonecert needs to build, run and test.
# Idempotent: runs `apt-get update` and `apt-get install` only when something is missing.
set -euo pipefail

PACKAGES=(
  # build
  build-essential cmake ninja-build pkg-config git
  # libraries
  libssl-dev libcurl4-openssl-dev libcpp-httplib-dev nlohmann-json3-dev libcli11-dev
  libpsl-dev  # public suffix list for wildcard checks (verify)
  libgtest-dev libgmock-dev libbenchmark-dev
  # fuzzing: libFuzzer. clang 16, not 14: only 16 compiles libstdc++ 12 std::expected (see README)
  clang-16 libclang-rt-16-dev
  # tools the tests drive as real peers
  openssl ca-certificates curl jq nginx-light tftpd-hpa faketime wrk
  vsftpd  # provisioning tests: a real FTP server on a loopback high port
  # browser tests
  chromium nodejs npm
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
# node/npm may come from outside Debian on some machines: accept any working ones.
if command -v node >/dev/null && command -v npm >/dev/null; then
  filtered=()
  for p in "${missing[@]}"; do [[ $p == nodejs || $p == npm ]] || filtered+=("$p"); done
  missing=("${filtered[@]}")
fi

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}" >&2
  SUDO=""; [[ $(id -u) -eq 0 ]] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  # Do not let packaged services (nginx, tftpd) start on system ports.
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
    $SUDO chmod +x /usr/sbin/policy-rc.d
    trap '$SUDO rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "install-deps: all packages present" >&2
fi
