# Loopback ports for the servers the shell tests start (nginx, s_server, vsftpd, tftpd).
# Source it. ctest runs the tests in parallel, so two rules keep them from colliding:
#  - ports come from 10000-32767, below Linux's ephemeral range (32768-60999): no outgoing
#    connection (curl, s_client, the phone itself) can hold a port we are about to listen on;
#  - a port is reserved with an atomic mkdir under $PHONECERT_PORT_DIR before it is handed out,
#    so two tests never get the same one. Reservations older than 30 minutes are stale.
# And a server that still fails to bind is detected (wait_listening checks that *our* process
# listens, not just anyone) so the caller can retry on another port (retry_start).

PHONECERT_PORT_DIR=${PHONECERT_PORT_DIR:-${TMPDIR:-/tmp}/phonecert-test-ports}

# free_port: prints a port that nobody listens on (TCP or UDP) and that no other test holds.
free_port() {
  mkdir -p "$PHONECERT_PORT_DIR" 2>/dev/null || true
  find "$PHONECERT_PORT_DIR" -mindepth 1 -maxdepth 1 -mmin +30 -exec rm -rf {} + 2>/dev/null || true
  local port i
  for i in $(seq 1 500); do
    port=$((10000 + (RANDOM * 32768 + RANDOM) % 22768))
    if ss -Hltnu "( sport = :$port )" 2>/dev/null | grep -q .; then continue; fi
    if ss -Htn "( sport = :$port )" 2>/dev/null | grep -q .; then continue; fi
    if mkdir "$PHONECERT_PORT_DIR/$port" 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "no free port found" >&2
  return 1
}

# wait_listening PID PORT [tcp|udp]: until process PID listens on PORT (10 s at most). Fails at
# once when PID has exited (for example because the port was taken after all).
wait_listening() {
  local pid=$1 port=$2 proto=${3:-tcp} flag=-t i
  [[ $proto == udp ]] && flag=-u
  for i in $(seq 1 200); do
    if ss -Hlnp "$flag" "( sport = :$port )" 2>/dev/null | grep -q "pid=$pid,"; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "server (pid $pid) exited before it listened on port $port" >&2
      return 1
    fi
    sleep 0.05
  done
  echo "nothing of pid $pid listens on 127.0.0.1:$port" >&2
  return 1
}

# retry_start FUNCTION [ARGS...]: runs FUNCTION (which picks its ports with free_port, starts its
# server and ends with wait_listening) up to 5 times, until it succeeds.
retry_start() {
  local attempt
  for attempt in 1 2 3 4 5; do
    if "$@"; then return 0; fi
    echo "$1: attempt $attempt failed, trying other ports" >&2
  done
  return 1
}
