#!/usr/bin/env bash
# The whole test run (`make test`, CI's .ci/run), sized for 2 cores and 90 minutes:
#   deps -> web UI build -> ONE debug build (ASan+UBSan) -> ONE private PostgreSQL
#   -> ctest (unit + store conformance on both engines)
#   -> tests/api against `isms serve` on SQLite, then on PostgreSQL
#   -> tests/cli -> tests/e2e (browser, SQLite) -> fuzz smoke. Before the build: clang-format
#   check and the web UI's unit tests (vitest).
# A failing suite does not stop the run: every suite runs, a summary lists them all and
# the exit status is non-zero when any failed. A sanitizer report in a server's log fails
# that server's suite. Logs stay in $ISMS_TEST_LOGS (default build/test-logs).
# ISMS_TEST_SKIP="fuzz e2e ..." skips suites by name for quick local runs (never in CI).
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
bin=$root/build/debug/isms
logs=${ISMS_TEST_LOGS:-$root/build/test-logs}
tmp=$(mktemp -d /tmp/isms-test.XXXXXX)
chmod 755 "$tmp"  # the PostgreSQL cluster runs as user postgres and must reach $tmp/pg

# Sanitizers: stop at the first report so it cannot scroll by unnoticed.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-}
SANITIZER_RE='ERROR: AddressSanitizer|ERROR: LeakSanitizer|runtime error:|SUMMARY: UndefinedBehaviorSanitizer'

results=()   # "PASS|FAIL|SKIP name (seconds) note"
failed=0
pids=()      # servers still running, stopped by the trap
pg_dir=""

log() { printf '\n==> %s\n' "$*"; }
skipped() { [[ " ${ISMS_TEST_SKIP:-} " == *" $1 "* ]]; }
record() {   # record STATUS NAME START [NOTE]
  local st=$1 name=$2 start=$3 note=${4:-}
  results+=("$(printf '%-4s %-32s %5ss %s' "$st" "$name" "$(( $(date +%s) - start ))" "$note")")
  [ "$st" = FAIL ] && failed=1
  return 0
}
# run_suite NAME CMD...: runs CMD with output to the console and $logs/NAME.log; returns
# CMD's status. Ctrl-C: node and ninja handle SIGINT themselves and exit normally, so bash
# would not run its INT trap ("wait and cooperative exit"); tee dying of SIGINT (or the
# command exiting 130) is how we notice and stop the whole run.
run_suite() {
  local name=$1; shift
  local start; start=$(date +%s)
  log "$name: $*"
  "$@" 2>&1 | tee "$logs/$name.log"
  local st=("${PIPESTATUS[@]}")
  if [ "${st[1]}" -ge 128 ] || [ "${st[0]}" -eq 130 ]; then
    echo "test.sh: interrupted during $name" >&2
    exit 130
  fi
  if [ "${st[0]}" -eq 0 ]; then record PASS "$name" "$start"
  else record FAIL "$name" "$start" "(log: $logs/$name.log)"; fi
  return "${st[0]}"
}
free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

cleanup() {
  local p
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
  pids=()
  [ -n "$pg_dir" ] && scripts/pg-cluster.sh stop "$pg_dir"
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'echo "test.sh: interrupted" >&2; exit 130' INT TERM

mkdir -p "$logs"
rm -f "$logs"/*.log

# --- build: everything below needs it; a failure here ends the run ---------------------
log "install-deps"
scripts/install-deps.sh || { echo "test.sh: install-deps failed" >&2; exit 1; }

build_web() { scripts/npm-deps.sh web && (cd web && npm run build); }
build_debug() {
  cmake --preset debug && cmake --build --preset debug && [ -x "$bin" ]
}
web_ok=0
run_suite web-build build_web && web_ok=1
# clang-format is the one style: a file that differs from its formatted self fails the run.
check_format() {
  find src apps bench fuzz \( -name '*.h' -o -name '*.cc' \) -print0 | xargs -0 clang-format --dry-run --Werror
}
if skipped format; then record SKIP format "$(date +%s)" "(ISMS_TEST_SKIP)"
else run_suite format check_format; fi
if skipped web-unit; then record SKIP web-unit "$(date +%s)" "(ISMS_TEST_SKIP)"
elif [ "$web_ok" = 1 ]; then run_suite web-unit bash -c 'cd web && npm test'
else record FAIL web-unit "$(date +%s)" "(web build failed)"; fi
if ! run_suite build-debug build_debug; then
  printf '\n%s\n' "${results[@]}"
  echo "test.sh: FAILED (the debug build is needed by every other suite)"
  exit 1
fi

# --- one private PostgreSQL for every suite -----------------------------------------------
start=$(date +%s)
pg_dir=$tmp/pg
pg_port=$(free_port)
log "postgresql: private cluster on port $pg_port"
if pg_url=$(scripts/pg-cluster.sh start "$pg_dir" "$pg_port"); then
  export ISMS_TEST_PG_URL=$pg_url ISMS_REQUIRE_PG=1
  record PASS postgresql-start "$start" "$pg_url"
else
  record FAIL postgresql-start "$start"
  pg_url=""
fi

# --- unit tests and the store conformance suite ------------------------------------------
if skipped ctest; then record SKIP ctest "$(date +%s)" "(ISMS_TEST_SKIP)"
else run_suite ctest ctest --preset debug --timeout 900; fi

# --- servers --------------------------------------------------------------------------------
# start_server NAME DATA_DIR [--database URL]: starts `isms serve` on a free port, waits for
# /readyz; sets $server_pid and $server_url. Returns non-zero when it never became ready.
# $serve_extra (an array, default empty) holds further options for `serve` only.
serve_extra=()
start_server() {
  local name=$1 data=$2; shift 2
  local port; port=$(free_port)
  local slog=$logs/server-$name.log
  mkdir -p "$data"
  log "server $name: $bin serve --data $data --port $port $* ${serve_extra[*]}"
  # init first, so its output (the admin one-time password) lands in the log too.
  "$bin" init --data "$data" "$@" >"$slog" 2>&1 || { echo "isms init failed:"; cat "$slog"; }
  # A plain `cmd & pid=$!` (no subshell), so $! is the server itself and kill reaches it.
  "$bin" serve --data "$data" --port "$port" --bind 127.0.0.1 "$@" "${serve_extra[@]}" >>"$slog" 2>&1 &
  server_pid=$!
  pids+=("$server_pid")
  server_url=http://127.0.0.1:$port
  local i
  for i in $(seq 1 300); do   # 60 s: the ASan build starts slower
    if curl -fsS -o /dev/null "$server_url/readyz" 2>/dev/null; then return 0; fi
    kill -0 "$server_pid" 2>/dev/null || { echo "server $name exited early:"; tail -50 "$slog"; return 1; }
    sleep 0.2
  done
  echo "server $name not ready after 60 s:"; tail -50 "$slog"
  return 1
}
# stop_server NAME PID: SIGTERM, wait, then fail on a non-zero exit or a sanitizer report.
stop_server() {
  local name=$1 pid=$2 start; start=$(date +%s)
  local slog=$logs/server-$name.log rc=0
  kill -TERM "$pid" 2>/dev/null
  for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -0 "$pid" 2>/dev/null && { echo "server $name ignored SIGTERM for 30 s; killing"; kill -KILL "$pid"; }
  wait "$pid"; rc=$?
  local keep=() p; for p in "${pids[@]}"; do [ "$p" = "$pid" ] || keep+=("$p"); done
  pids=("${keep[@]}")
  if grep -qE "$SANITIZER_RE" "$slog"; then
    grep -nE -A30 "$SANITIZER_RE" "$slog" | head -80
    record FAIL "server-$name-sanitizers" "$start" "(sanitizer report in $slog)"
  elif [ "$rc" -ne 0 ]; then
    tail -30 "$slog"
    record FAIL "server-$name-exit" "$start" "(exit $rc, log: $slog)"
  else
    record PASS "server-$name-clean-exit" "$start"
  fi
}

# The API suite: demo.test.mjs first and alone (it needs an empty registry; node sorts the
# files it is given, so a separate run is the only way to order it), then the rest one file
# at a time, so tests comparing counters across endpoints see no concurrent writers.
api_rest=()
for f in tests/api/*.test.mjs; do [ "$f" = tests/api/demo.test.mjs ] || api_rest+=("$f"); done
# The API servers allow many failed logins per source address: every test logs in from
# 127.0.0.1, and the per-address throttle is tested on a private server of its own
# (auth_bruteforce.test.mjs), so it must not refuse the other files' logins.
api_serve_extra=(--address-max-failures 100000)
# run_api ENGINE DATA_DIR DATABASE_URL INIT_LOG URL [URL_OF_A_SECOND_SERVER_ON_THE_SAME_DATABASE]
# Bootstraps the credentials once per database (run_suite runs this in a subshell, so the
# exports stay here): the administrator's one-time password from INIT_LOG (what `isms init`
# printed), a CISO user "tester" and a read_write token for it, which helpers.mjs sends
# with every request by default.
run_api() {
  local engine=$1 data=$2 db=$3 init_log=$4 url=$5 url2=${6:-} rc=0
  local admin_password token
  admin_password=$(sed -n 's/^ *One-time password: *//p' "$init_log" | head -1)
  [ -n "$admin_password" ] || { echo "run_api: no one-time password in $init_log"; return 1; }
  "$bin" user create tester --person-name "Test CISO" --email tester@example.test --role ciso \
    --data "$data" --database "$db" >/dev/null || { echo "run_api: isms user create failed"; return 1; }
  token=$("$bin" token create --user tester --name api-tests --scope read_write --expires-in 1d \
    --data "$data" --database "$db") || { echo "run_api: isms token create failed"; return 1; }
  export TEST_TOKEN=$token ADMIN_PASSWORD=$admin_password ISMS_BIN=$bin ISMS_DATA_DIR=$data \
    ISMS_DATABASE_URL=$db
  export BASE_URL=$url BASE_URL_2=$url2 ISMS_EXPECT_DATABASE=$engine ISMS_TEST_SERIAL=1
  timeout 300 node --test --test-reporter=spec --test-timeout=120000 tests/api/demo.test.mjs || rc=1
  timeout 1800 node --test --test-reporter=spec --test-concurrency=1 --test-timeout=300000 "${api_rest[@]}" || rc=1
  return $rc
}

# --- API suite on SQLite ------------------------------------------------------------------
start=$(date +%s)
serve_extra=("${api_serve_extra[@]}")
if start_server sqlite "$tmp/data-sqlite"; then
  run_suite api-sqlite run_api sqlite "$tmp/data-sqlite" "sqlite:$tmp/data-sqlite/isms.db" \
    "$logs/server-sqlite.log" "$server_url"
  stop_server sqlite "$server_pid"
else
  record FAIL api-sqlite "$start" "(server did not start: $logs/server-sqlite.log)"
fi

# --- API suite on PostgreSQL, two server processes sharing one database ----------------
# Several `isms serve` may share a PostgreSQL database (they share the data directory too,
# which holds the ledger signing key); the concurrency tests race them via BASE_URL_2.
start=$(date +%s)
if [ -z "$pg_url" ]; then
  record FAIL api-postgresql "$start" "(no PostgreSQL)"
elif db_url=$(scripts/pg-cluster.sh createdb "$pg_dir" "$pg_port" isms_api) \
     && start_server postgresql "$tmp/data-pg" --database "$db_url"; then
  pg_pid=$server_pid pg_server_url=$server_url
  if start_server postgresql-2 "$tmp/data-pg" --database "$db_url"; then
    pg2_pid=$server_pid
    run_suite api-postgresql run_api postgresql "$tmp/data-pg" "$db_url" \
      "$logs/server-postgresql.log" "$pg_server_url" "$server_url"
    stop_server postgresql-2 "$pg2_pid"
  else
    record FAIL api-postgresql "$start" "(second server did not start: $logs/server-postgresql-2.log)"
  fi
  stop_server postgresql "$pg_pid"
else
  record FAIL api-postgresql "$start" "(server did not start: $logs/server-postgresql.log)"
fi
serve_extra=()

# --- CLI suite ------------------------------------------------------------------------------
if skipped cli; then
  record SKIP cli "$(date +%s)" "(ISMS_TEST_SKIP)"
elif [ -d tests/cli ] && compgen -G 'tests/cli/*.test.mjs' >/dev/null; then
  # Two files at a time: each works in its own data directory and private PostgreSQL
  # database, and most of its time is spent starting the sanitized binary (one core each).
  run_suite cli env ISMS_BIN="$bin" timeout 1500 node --test --test-reporter=spec --test-concurrency=2 tests/cli/
else
  record SKIP cli "$(date +%s)" "(tests/cli not present)"
fi

# --- browser journeys on a fresh SQLite server ---------------------------------------------
start=$(date +%s)
if skipped e2e; then
  record SKIP e2e "$start" "(ISMS_TEST_SKIP)"
elif [ -f tests/e2e/package.json ] && compgen -G 'tests/e2e/*.e2e.mjs' >/dev/null; then
  if [ "$web_ok" != 1 ]; then
    record FAIL e2e "$start" "(web UI did not build)"
  elif scripts/npm-deps.sh tests/e2e >"$logs/e2e-deps.log" 2>&1 \
       && serve_extra=(--web-root "$root/web/dist") && start_server e2e "$tmp/data-e2e"; then
    # The e2e journeys may need the one-time admin password that init printed.
    run_suite e2e env BASE_URL="$server_url" ISMS_SERVER_LOG="$logs/server-e2e.log" \
      ISMS_DATA_DIR="$tmp/data-e2e" ISMS_BIN="$bin" timeout 1200 npm --prefix tests/e2e test
    stop_server e2e "$server_pid"
  else
    record FAIL e2e "$start" "(deps or server failed: $logs/e2e-deps.log, $logs/server-e2e.log)"
  fi
else
  record SKIP e2e "$start" "(tests/e2e has no *.e2e.mjs yet)"
fi

# --- fuzz smoke -------------------------------------------------------------------------------
if skipped fuzz; then
  record SKIP fuzz "$(date +%s)" "(ISMS_TEST_SKIP)"
elif [ -f scripts/fuzz.sh ]; then
  run_suite fuzz timeout 1200 bash scripts/fuzz.sh 15
else
  record SKIP fuzz "$(date +%s)" "(scripts/fuzz.sh not present)"
fi

# --- summary ----------------------------------------------------------------------------------
# The end of each failed suite's log again, so CI's output tail names the failure.
for line in "${results[@]}"; do
  if [[ "$line" == FAIL* ]]; then
    name=$(awk '{print $2}' <<<"$line")
    if [ -f "$logs/$name.log" ]; then
      printf '\n==> end of %s.log\n' "$name"
      tail -n 60 "$logs/$name.log"
    fi
  fi
done
printf '\n==> summary (logs in %s)\n' "$logs"
printf '%s\n' "${results[@]}"
if [ "$failed" -ne 0 ]; then echo "test.sh: FAILED"; exit 1; fi
echo "test.sh: all suites passed"
