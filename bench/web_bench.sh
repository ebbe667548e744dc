#!/usr/bin/env bash
# phonecertd against nginx, in one run: wrk fetches the same static file (/static/style.css) over
# HTTPS with the same certificate and key (the phone's unique device certificate), from both
# servers, with keep-alive and with a new connection per request (Connection: close). Prints the
# requests per second and the ratios phonecertd / nginx. Target: >= 0.5 with keep-alive.
#
# Usage: bash bench/web_bench.sh [DURATION_SECONDS] [CONNECTIONS] [PHONECERTD_THREADS]
# phonecertd serves one connection per worker thread (cpp-httplib's model): with more keep-alive
# connections than threads, the others wait for a free thread.
# Builds phonecertd in build/release when it is missing (scripts/build.sh release phonecertd).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10}
CONNECTIONS=${2:-16}   # = phonecertd's default worker threads (one connection per thread)
PC_THREADS=${3:-16}    # phonecertd --threads (its default)
THREADS=2              # wrk threads

PHONECERTD=build/release/bin/phonecertd
[[ -x $PHONECERTD ]] || bash scripts/build.sh release phonecertd
for tool in wrk nginx openssl curl; do
  command -v "$tool" >/dev/null || { echo "web_bench: $tool is missing (bash scripts/install-deps.sh)" >&2; exit 1; }
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/phonecert-web-bench.XXXXXX")
chmod 755 "$WORK"
DAEMON_PID="" NGINX_PID=""
cleanup() {
  [[ -n $DAEMON_PID ]] && kill -TERM "$DAEMON_PID" 2>/dev/null && wait "$DAEMON_PID" 2>/dev/null || true
  [[ -n $NGINX_PID ]] && kill -QUIT "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# phonecertd on a free port, with its default settings.
"$PHONECERTD" --state-dir "$WORK/state" --listen 127.0.0.1:0 --provision-interval 0 --log-level warning \
  --threads "$PC_THREADS" \
  >"$WORK/daemon.out" 2>"$WORK/daemon.err" &
DAEMON_PID=$!
for _ in $(seq 1 200); do grep -q '^Stop with' "$WORK/daemon.out" 2>/dev/null && break; sleep 0.1; done
PC_URL=$(grep -o 'https://[^ ]*/' "$WORK/daemon.out" | head -1)
[[ -n $PC_URL ]] || { cat "$WORK/daemon.out" "$WORK/daemon.err" >&2; exit 1; }

# nginx: the same file and the same certificate chain and key, on another free port.
mkdir -p "$WORK/html/static" "$WORK/nginx"
curl -sk "${PC_URL}static/style.css" -o "$WORK/html/static/style.css"
chmod -R a+rX "$WORK/html"
cp "$WORK/state/factory/unique.pem" "$WORK/nginx/chain.pem"
cp "$WORK/state/factory/unique.key" "$WORK/nginx/key.pem"
source "$(dirname "$0")/../tests/lib/ports.bash"
source "$(dirname "$0")/../tests/lib/nginx.bash"
NGINX_PORT=$(free_port)
{ nginx_conf_head "$WORK/nginx" auto 1024; cat <<CONF; } >"$WORK/nginx/nginx.conf"
  types { text/css css; }
  keepalive_requests 1000;
  keepalive_timeout 5s;
  server {
    listen 127.0.0.1:$NGINX_PORT ssl;
    ssl_certificate $WORK/nginx/chain.pem;
    ssl_certificate_key $WORK/nginx/key.pem;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_session_cache shared:SSL:1m;  # resumption as phonecertd (OpenSSL's default cache)
    root $WORK/html;
  }
}
CONF
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" &
NGINX_PID=$!
NX_URL="https://127.0.0.1:$NGINX_PORT/"
for _ in $(seq 1 100); do curl -sk -o /dev/null "${NX_URL}static/style.css" && break; sleep 0.1; done
cmp -s <(curl -sk "${PC_URL}static/style.css") <(curl -sk "${NX_URL}static/style.css") ||
  { echo "web_bench: the two servers do not serve the same file" >&2; exit 1; }
PC_PORT=$(sed 's#.*:\([0-9]*\)/$#\1#' <<<"$PC_URL")
pc_fp=$(echo | openssl s_client -connect "127.0.0.1:$PC_PORT" 2>/dev/null | openssl x509 -noout -fingerprint -sha256)
nx_fp=$(echo | openssl s_client -connect "127.0.0.1:$NGINX_PORT" 2>/dev/null | openssl x509 -noout -fingerprint -sha256)
[[ $pc_fp == "$nx_fp" ]] || { echo "web_bench: the two servers present different certificates" >&2; exit 1; }

# wrk, one configuration at a time, alternating the servers; prints requests/s.
run() {  # run URL [wrk args...]
  local url=$1; shift
  wrk -t "$THREADS" -c "$CONNECTIONS" -d "${DURATION}s" "$@" "${url}static/style.css" |
    awk '/^Requests\/sec:/ {print $2}'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

echo "web_bench: wrk -t $THREADS -c $CONNECTIONS -d ${DURATION}s, phonecertd --threads $PC_THREADS, GET /static/style.css ($(wc -c <"$WORK/html/static/style.css") bytes), same certificate ($(openssl x509 -in "$WORK/nginx/chain.pem" -noout -subject)), $(nproc) cores"
nx_ka=$(run "$NX_URL")
pc_ka=$(run "$PC_URL")
nx_close=$(run "$NX_URL" -H "Connection: close")
pc_close=$(run "$PC_URL" -H "Connection: close")
printf '%-28s %14s %14s %8s\n' "" "phonecertd" "nginx" "ratio"
printf '%-28s %14s %14s %8s\n' "keep-alive (req/s)" "$pc_ka" "$nx_ka" "$(ratio "$pc_ka" "$nx_ka")"
printf '%-28s %14s %14s %8s\n' "new connection (req/s)" "$pc_close" "$nx_close" "$(ratio "$pc_close" "$nx_close")"
ka_ratio=$(ratio "$pc_ka" "$nx_ka")
if awk -v r="$ka_ratio" 'BEGIN { exit !(r >= 0.5) }'; then
  echo "web_bench: keep-alive ratio $ka_ratio >= 0.5: target met"
else
  echo "web_bench: keep-alive ratio $ka_ratio < 0.5: target missed"
fi
