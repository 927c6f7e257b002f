# shellcheck shell=bash
# Helpers the benchmarks share (bench/run, bench/backends); sourced, not run. The script that
# sources it sets NAME (for messages) first, and calls bench_begin once.
#
#   bench_begin                      checks the tools, builds the binary when missing, makes $TMP
#                                    and the clean-up that stops whatever was started
#   start_moteplass LOG DB [ARGS]    starts `moteplass serve`; sets STARTED_PID and STARTED_URL
#   stop_process PID                 stops a process started here (TERM, then waits)
#   start_nginx CONF                 starts nginx in the foreground with CONF; sets NGINX_PID
#   nginx_http_common                the lines every nginx config here has in its http block
#   wrk_run NAME URL [HEADER] [LUA]  runs wrk; prints "rps p50 p90 p99 errors" (latencies in ms;
#                                    a response slower than WRK_TIMEOUT, 10 s, is an error)
#   free_port                        a free loopback port
#   replace_generated OUT GEN BEGIN END INTRO
#                                    puts GEN between the markers BEGIN and END of OUT (made with
#                                    INTRO above them when OUT or the markers are missing)
#
# Environment: MOTEPLASS_BIN (default build/moteplass), BENCH_DURATION (wrk seconds per run, 10),
# BENCH_CONNECTIONS (64).

BIN=${MOTEPLASS_BIN:-build/moteplass}
DURATION=${BENCH_DURATION:-10}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
THREADS=2
# A response slower than this counts as an error (a socket timeout) and leaves the latencies.
WRK_TIMEOUT=10s

say() { printf '%s\n' "$*" >&2; }
die() {
  say "$NAME: $*"
  exit 1
}

# Processes started here, stopped by the clean-up (nginx with QUIT, the others with TERM).
STARTED_PIDS=()
NGINX_PIDS=()
# Extra clean-up a script adds (a command run before the temp folder goes).
CLEANUP_HOOK=

bench_cleanup() {
  local status=$? pid
  for pid in "${STARTED_PIDS[@]}"; do stop_process "$pid"; done
  for pid in "${NGINX_PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill -QUIT "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  if [ -n "$CLEANUP_HOOK" ]; then $CLEANUP_HOOK || true; fi
  if [ "$status" -ne 0 ]; then
    say "$NAME failed; the last lines of the logs:"
    tail -n 5 "$TMP"/*.log 2>/dev/null >&2 || true
  fi
  rm -rf "$TMP"
}

bench_begin() {
  NGINX=$(command -v nginx || true)
  [ -z "$NGINX" ] && [ -x /usr/sbin/nginx ] && NGINX=/usr/sbin/nginx
  local missing=()
  command -v wrk >/dev/null 2>&1 || missing+=(wrk)
  [ -n "$NGINX" ] || missing+=(nginx)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  command -v node >/dev/null 2>&1 || missing+=(node)
  if [ "${#missing[@]}" -gt 0 ]; then
    die "missing: ${missing[*]}; run scripts/install-deps (it installs the Debian packages wrk and nginx)"
  fi
  if [ ! -x "$BIN" ]; then
    [ -n "${MOTEPLASS_BIN:-}" ] && die "MOTEPLASS_BIN=$BIN is not an executable"
    say "== $BIN is missing: building it (scripts/build release)"
    scripts/build release
  fi
  BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
  TMP=$(mktemp -d -t moteplass-bench.XXXXXX)
  chmod 711 "$TMP" # nginx workers, and PostgreSQL run as root, may be another user
  mkdir -p "$TMP/nginx-temp"
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});'
}

stop_process() {
  local pid=$1
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
}

# start_moteplass LOG DB [ARGS...]: serves DB on a free loopback port, its log in $TMP/LOG.log.
start_moteplass() {
  local log=$1 db=$2
  shift 2
  : >"$TMP/$log.out"
  "$BIN" serve --db "$db" --port 0 "$@" >"$TMP/$log.out" 2>"$TMP/$log.log" &
  STARTED_PID=$!
  STARTED_PIDS+=("$STARTED_PID")
  local port='' _
  for _ in $(seq 1 400); do
    port=$(sed -n 's#^Listening on http://127\.0\.0\.1:\([0-9]*\)/.*#\1#p' "$TMP/$log.out")
    [ -n "$port" ] && break
    kill -0 "$STARTED_PID" 2>/dev/null || die "moteplass serve exited: $(tail -n 5 "$TMP/$log.log")"
    sleep 0.05
  done
  [ -n "$port" ] || die "moteplass serve did not print its port"
  # shellcheck disable=SC2034 # for the caller
  STARTED_URL="http://127.0.0.1:$port"
}

# The lines of the http block every nginx here shares: no access log, temp files in $TMP.
nginx_http_common() {
  cat <<EOF
  access_log off;
  sendfile on;
  tcp_nodelay on;
  keepalive_requests 1000000;
  client_body_temp_path $TMP/nginx-temp/client;
  proxy_temp_path $TMP/nginx-temp/proxy;
  fastcgi_temp_path $TMP/nginx-temp/fastcgi;
  uwsgi_temp_path $TMP/nginx-temp/uwsgi;
  scgi_temp_path $TMP/nginx-temp/scgi;
EOF
}

# The lines before the http block: foreground, two workers, pid and error log under $TMP/PREFIX.
nginx_main_common() {
  local prefix=$1
  cat <<EOF
daemon off;
worker_processes 2;
pid $TMP/$prefix.pid;
error_log $TMP/$prefix-error.log warn;
$(if [ "$(id -u)" -eq 0 ]; then echo 'user root;'; fi)
events { worker_connections 4096; }
EOF
}

# start_nginx CONF URL: starts nginx with CONF and waits until URL answers; sets NGINX_PID.
start_nginx() {
  local conf=$1 url=$2 _
  "$NGINX" -e "$TMP/nginx-start-error.log" -p "$TMP" -c "$conf" &
  NGINX_PID=$!
  NGINX_PIDS+=("$NGINX_PID")
  for _ in $(seq 1 100); do
    curl -s -o /dev/null "$url" && return 0
    kill -0 "$NGINX_PID" 2>/dev/null || die "nginx exited: $(cat "$TMP"/*error.log 2>/dev/null)"
    sleep 0.05
  done
  die "nginx did not answer at $url"
}

stop_nginx() {
  local pid=$1
  if kill -0 "$pid" 2>/dev/null; then
    kill -QUIT "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
}

# wrk_run NAME URL [HEADER] [LUA]: writes $TMP/NAME.wrk; prints "rps p50 p90 p99 errors".
wrk_run() {
  local name=$1 url=$2 header=${3:-Accept-Encoding: identity} script=${4:-}
  local args=(-t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout "$WRK_TIMEOUT" --latency -H "$header")
  [ -n "$script" ] && args+=(-s "$script")
  wrk "${args[@]}" "$url" >"$TMP/$name.wrk"
  awk '
    function ms(v) {
      if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
      if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0
      if (v ~ /m$/) return substr(v, 1, length(v) - 1) * 60000
      if (v ~ /s$/) return substr(v, 1, length(v) - 1) * 1000
      return v + 0
    }
    /^ +50%/ { p50 = ms($2) } /^ +90%/ { p90 = ms($2) } /^ +99%/ { p99 = ms($2) }
    /^Requests\/sec:/ { rps = $2 }
    /Non-2xx or 3xx responses:/ { errors += $NF }
    /Socket errors:/ { gsub(/,/, ""); errors += $4 + $6 + $8 + $10 }
    END { printf "%.0f %.2f %.2f %.2f %d\n", rps, p50, p90, p99, errors }
  ' "$TMP/$name.wrk"
}

# replace_generated OUT GEN BEGIN END INTRO
replace_generated() {
  local out=$1 gen=$2 begin=$3 end=$4 intro=$5
  mkdir -p "$(dirname "$out")"
  if [ -f "$out" ] && grep -qF "$begin" "$out" && grep -qF "$end" "$out"; then
    awk -v begin="$begin" -v end="$end" -v gen="$gen" '
      $0 == begin { while ((getline line < gen) > 0) print line; skip = 1; next }
      $0 == end { skip = 0; next }
      !skip { print }
    ' "$out" >"$TMP/out.md"
    cat "$TMP/out.md" >"$out"
  elif [ -f "$out" ]; then
    { echo; cat "$gen"; } >>"$out"
  else
    { printf '%s\n\n' "$intro"; cat "$gen"; } >"$out"
  fi
}

# The machine, for the report: "2 cores, MODEL".
machine() { echo "$(nproc) cores, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"; }

# The commit measured, "(with local changes)" when src, templates or static differ from it.
commit_measured() {
  local commit
  commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
  if ! git diff --quiet HEAD -- src templates static 2>/dev/null; then commit="$commit (with local changes)"; fi
  echo "$commit"
}
