# The part every nginx configuration of the tests shares: nginx in the foreground, with its pid
# file, logs and temp folders in DIR (no root, nothing outside DIR). Source it; print the head,
# then the caller's server blocks, then "}".
# nginx_conf_head DIR [WORKERS] [CONNECTIONS] [ACCESS_LOG]: ACCESS_LOG "off" (default) or a path.
nginx_conf_head() {
  local dir=$1 workers=${2:-1} connections=${3:-64} access=${4:-off}
  mkdir -p "$dir/tmp"
  cat <<CONF
daemon off;
worker_processes $workers;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections $connections; }
http {
  access_log $access;
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
CONF
}
