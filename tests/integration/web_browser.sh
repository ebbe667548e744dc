#!/usr/bin/env bash
# Browser tests (tests/web/browser.test.mjs) in Debian's headless Chromium driven by playwright-core
# from npm (no browser download), run by node's built-in test runner against a phonecertd started
# here. Screenshots: $PHONECERT_BUILD_DIR/test-output/screenshots/*.png.
source "$(dirname "$0")/../web/lib.sh"

for tool in node npm /usr/bin/chromium; do
  command -v "$tool" >/dev/null || { echo "web_browser: $tool is missing (bash scripts/install-deps.sh)" >&2; exit 1; }
done
SRC=$(cd "$(dirname "$0")/../web" && pwd)
BUILD=${PHONECERT_BUILD_DIR:-$WORK}
# The node project is installed in the build directory (the source tree stays clean), again only
# when the lock file changed.
NODE_DIR=$BUILD/web-tests
mkdir -p "$NODE_DIR"
cp "$SRC/package.json" "$SRC/package-lock.json" "$SRC/browser.test.mjs" "$NODE_DIR/"
if ! cmp -s "$SRC/package-lock.json" "$NODE_DIR/node_modules/.installed-lock" 2>/dev/null; then
  (cd "$NODE_DIR" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  cp "$SRC/package-lock.json" "$NODE_DIR/node_modules/.installed-lock"
fi

SHOTS=$BUILD/test-output/screenshots
rm -rf "$SHOTS"
# A provisioning server for "Provision now": a common file that installs a CA.
mkdir -p "$WORK/site"
cp "$DATA/root-ec.pem" "$WORK/site/company-root.pem"
start_nginx "$WORK/site"
printf '#!version:1.0.0.1\nstatic.trusted_certificates.url = http://127.0.0.1:%s/company-root.pem\n' "$NGINX_PORT" \
  >"$WORK/site/y000000000000.cfg"
start_daemon "$WORK/state"
rc=0
(cd "$NODE_DIR" && PHONECERTD_URL=$URL PHONECERTD_PASSWORD=$PASSWORD PHONECERT_TEST_DATA=$DATA \
  SCREENSHOT_DIR=$SHOTS PROVISION_URL="http://127.0.0.1:$NGINX_PORT/" node --test --test-reporter=spec browser.test.mjs) || rc=$?
check "browser tests passed" test "$rc" -eq 0
shots=$(ls "$SHOTS" 2>/dev/null | tr '\n' ' ')
check "screenshots saved in $SHOTS: $shots" test "$(ls "$SHOTS"/*.png 2>/dev/null | wc -l)" -ge 11
check "the daemon's log names the login" grep -q 'web: login: user "admin"' "$DAEMON_ERR"
stop_daemon
finish
