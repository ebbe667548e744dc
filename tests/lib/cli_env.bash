# The environment of a CLI test script: the phonecert binary ($pc), the generated test data ($td,
# tests/data/gen-certs.sh), a temp folder ($work, removed at exit) holding $state, and no
# inherited state-directory variables, so every command names its --state-dir. Source it right
# after `set -euo pipefail`; ctest sets PHONECERT_BIN and PHONECERT_TEST_DATA.
: "${PHONECERT_BIN:?}" "${PHONECERT_TEST_DATA:?}"
pc=$PHONECERT_BIN/phonecert
td=$PHONECERT_TEST_DATA
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
state=$work/state
unset PHONECERT_STATE_DIR XDG_STATE_HOME
