# Helpers for bench/run.sh (sourced, not run). Each function documents what it prints.
# shellcheck shell=bash

log() { echo "bench: $*" >&2; }
die() { echo "bench: error: $*" >&2; exit 1; }

# A TCP port nobody listens on right now.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# wait_http URL SECONDS: returns 0 once URL answers 200, 1 after SECONDS.
wait_http() {
  local url=$1 deadline=$((SECONDS + $2))
  while [ $SECONDS -lt "$deadline" ]; do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$url" 2>/dev/null)" = 200 ] && return 0
    sleep 0.2
  done
  return 1
}

# rss_kb PID FIELD: the VmRSS or VmHWM of PID in kB.
rss_kb() { awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status"; }

# rss_sampler PID OUT: samples VmRSS and RssAnon every 0.25 s while PID lives, keeping
# "MAX_VMRSS MAX_RSSANON" (kB) in OUT; run it in the background, kill it when the load ends.
rss_sampler() {
  local max=0 anon_max=0 v a
  while kill -0 "$1" 2>/dev/null; do
    v=$(rss_kb "$1" VmRSS 2>/dev/null || echo 0)
    a=$(rss_kb "$1" RssAnon 2>/dev/null || echo 0)
    [ "${v:-0}" -gt "$max" ] && max=$v
    [ "${a:-0}" -gt "$anon_max" ] && anon_max=$a
    echo "$max $anon_max" >"$2"
    sleep 0.25
  done
}

# cpu_ticks PID...: user + system CPU time of the processes, in clock ticks.
cpu_ticks() {
  local total=0 p t
  for p in "$@"; do
    t=$(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null || echo 0)
    total=$((total + t))
  done
  echo "$total"
}

# cpu_us_per_request TICKS WRK_OUTPUT: server CPU microseconds per request of that run.
cpu_us_per_request() {
  awk -v t="$1" -v hz="$(getconf CLK_TCK)" '/ requests in / { n = $1 }
    END { if (n > 0) printf "%.0f", t * 1e6 / hz / n; else print 0 }' "$2"
}

# write_nginx_conf DIR PORT BODY: a private nginx (prefix DIR) answering every request on
# 127.0.0.1:PORT with the file BODY as application/json. Mirrors a normal static-file
# setup (sendfile, keep-alive, no access log, one worker per core); keepalive_requests is
# raised so that, like isms, it never closes wrk's connections during a run.
write_nginx_conf() {
  local dir=$1 port=$2 body=$3
  mkdir -p "$dir/www" "$dir/tmp"
  cp "$body" "$dir/www/body.json"
  cat >"$dir/nginx.conf" <<EOF
worker_processes 2;
daemon off;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_timeout 65;
  keepalive_requests 100000000;
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  types { }
  default_type application/json;
  server {
    listen 127.0.0.1:$port;
    root $dir/www;
    location / { try_files /body.json =404; }
  }
}
EOF
}

# to_ms VALUE: wrk's "812.00us" / "1.23ms" / "1.02s" in milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0
    if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /m$/) n *= 60000;
    else if (v ~ /s$/) n *= 1000
    printf "%.3f", n }'
}

# parse_wrk FILE: prints "RPS P50_MS P99_MS ERRORS" from wrk --latency output. ERRORS
# counts non-2xx/3xx responses plus socket errors, which must be 0 for a valid run.
parse_wrk() {
  local rps p50 p99 errors
  rps=$(awk '/^Requests\/sec:/ { print $2 }' "$1")
  p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$1")")
  p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$1")")
  errors=$(awk '/Non-2xx or 3xx responses:/ { n += $NF }
                /Socket errors:/ { gsub(/,/, ""); n += $4 + $6 + $8 + $10 }
                END { print n + 0 }' "$1")
  echo "${rps:-0} ${p50:-0} ${p99:-0} ${errors}"
}

# median: the median of the numbers on stdin, one a line (mean of the middle two for an
# even count).
median() {
  sort -g | awk '{ a[NR] = $1 } END {
    if (NR == 0) { print 0; exit }
    if (NR % 2) printf "%.3f", a[(NR + 1) / 2]; else printf "%.3f", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

# time_cmd OUT CMD...: runs CMD (stdout discarded), appends "WALL_S MAXRSS_KB CPU_S" to
# OUT; fails when CMD fails. Wall time from date +%s%N (/usr/bin/time has 10 ms steps);
# CPU (user + system) from /usr/bin/time, less sensitive to a busy machine than wall time.
time_cmd() {
  local out=$1 start end; shift
  start=$(date +%s%N)
  /usr/bin/time -f '%M %U %S' -o "$out.time" "$@" >/dev/null
  end=$(date +%s%N)
  awk -v a="$start" -v b="$end" 'END { printf "%.3f %s %.2f\n", (b - a) / 1e9, $1, $2 + $3 }' \
    "$out.time" >>"$out"
}

# ratio A B: A / B with 2 decimals.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f", a / b }'; }
# mb A: A (kB) in MB with 1 decimal.
mb() { awk -v a="$1" 'BEGIN { printf "%.1f", a / 1024 }'; }
