#!/usr/bin/env bash
# bench/run.sh (make bench): the benchmarks behind docs/performance.md.
#
#  1. list:   GET /api/v1/assets (sorted + filtered, limit 50) on 100,000 assets under
#             wrk -t2 -c64, alternating with nginx serving the same response bytes as a
#             static file in the same run; req/s, p50, p99, ratio; server RSS idle/loaded.
#  2. ledger: `isms ledger verify` over 1,000,000 entries against sha256sum over exactly
#             the bytes the verifier hashes; MB/s and ratio.
#  3. postgres (when PostgreSQL is installed): the list benchmark on a private cluster.
#  4. documents: bench/documents.sh (import, citations, PDF/HTML, gap reports against
#             references in the same run); its table is a separate section at the end.
#  5. risks:  bench/risks.sh (100,000 risks, 5,000 controls: register lists, heat map,
#             summary, controls, SoA export; cached and uncached, against nginx and
#             references in the same run); its own stores; a separate section at the end.
#  6. operations: bench/operations.sh (running the ISMS: agenda, dashboard operations part,
#             findings/incidents/exceptions/deliveries lists, reminder runs, audit and
#             incident report PDFs over a store it seeds through the services, against
#             references in the same run); a separate section at the end.
#
# Prints a Markdown table at the end and writes it to bench/results/latest.md. Knobs
# (environment): BENCH_ASSETS, BENCH_LEDGER_ENTRIES, BENCH_DURATION, BENCH_CONNECTIONS,
# BENCH_ROUNDS (isms/nginx pairs), BENCH_POSTGRES (auto|0|1), BENCH_PG_ANALYZE (1|0),
# BENCH_QUERY, BENCH_SKIP_BUILD=1, BENCH_BUILD (build dir, default build/release),
# BENCH_WORK (scratch dir), BENCH_KEEP=1 (keep it), BENCH_SKIP_DOCUMENTS=1 (leave out 4),
# BENCH_SKIP_RISKS=1 (leave out 5; its own knobs: bench/risks.sh), BENCH_SKIP_OPERATIONS=1
# (leave out 6; its own knobs: bench/operations.sh).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

ASSETS=${BENCH_ASSETS:-100000}
LEDGER_ENTRIES=${BENCH_LEDGER_ENTRIES:-1000000}
DURATION=${BENCH_DURATION:-10s}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
ROUNDS=${BENCH_ROUNDS:-2}
POSTGRES=${BENCH_POSTGRES:-auto}
QUERY=${BENCH_QUERY:-/api/v1/assets?limit=50&sort=-updated_at&classification=confidential}
# Other list shapes, one short run each: a slow plan shows up here first.
EXTRA_QUERIES=(
  "/api/v1/assets?limit=50"
  "/api/v1/assets?limit=50&sort=owner_name&type=application,cloud_service"
  "/api/v1/assets?limit=50&q=vault"
  "/api/v1/assets?limit=50&q=no-such-text"
  "/api/v1/assets?limit=50&sort=name&lifecycle_status=retiring&include_total=true"
)
BUILD=${BENCH_BUILD:-$ROOT/build/release}
ISMS=$BUILD/isms
SEED=$BUILD/bench/isms_bench_seed
WORK=${BENCH_WORK:-$(mktemp -d /tmp/isms-bench.XXXXXX)}
RESULTS=$ROOT/bench/results/latest.md
mkdir -p "$WORK" "$ROOT/bench/results"
# nginx workers and the postgres user must be able to enter the scratch directory.
chmod 755 "$WORK"

PIDS=()
PG_DIR=""
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    if kill "$pid" 2>/dev/null; then wait "$pid" 2>/dev/null || true; fi
  done
  if [ -n "$PG_DIR" ]; then "$ROOT/scripts/pg-cluster.sh" stop "$PG_DIR" || true; fi
  if [ "${BENCH_KEEP:-0}" = 1 ]; then log "scratch kept in $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

for tool in wrk nginx curl python3; do command -v $tool >/dev/null || die "$tool missing: run scripts/install-deps.sh"; done

# ---------------------------------------------------------------------------------------
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  log "building the release preset"
  (cd "$ROOT" && cmake --preset release >/dev/null &&
    cmake --build --preset release -j2 --target isms isms_bench_seed)
fi
[ -x "$ISMS" ] && [ -x "$SEED" ] || die "$BUILD/isms or isms_bench_seed missing"

LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)
: >"$WORK/list.tsv"    # engine round server rps p50 p99 errors cpu_us_per_request
: >"$WORK/memory.tsv"  # engine idle_rss idle_anon load_max_rss load_max_anon hwm (kB)
: >"$WORK/extra.tsv"   # engine query rps p50 p99 errors
: >"$WORK/seed.tsv"    # what seconds

seed() {  # seed LABEL ARGS...: runs the generator, keeps its "key value" lines
  local label=$1; shift
  log "seeding ($label): isms_bench_seed $*"
  "$SEED" "$@" >"$WORK/seed-$label.out"
  sed "s/^/$label /" "$WORK/seed-$label.out" >>"$WORK/seed.tsv"
}

run_wrk() {  # run_wrk URL SECONDS OUT: wrk with the fixed shape, output in OUT
  wrk -t2 -c"$CONNECTIONS" -d"$2" --latency -H "Authorization: Bearer $TOKEN" "$1" >"$3" 2>&1 || true
}

# bench_token DATA_DIR [DATABASE_URL]: sets TOKEN to a read API token of a CISO user (every
# route but /healthz and /readyz needs credentials; the CISO reads confidential assets).
TOKEN=""
bench_token() {
  local args=(--data "$1")
  [ -n "${2:-}" ] && args+=(--database "$2")
  "$ISMS" user list --json "${args[@]}" | grep -q '"username": *"bencher"' ||
    "$ISMS" user create bencher --person-name "Bench CISO" --email bencher@example.test \
      --role ciso "${args[@]}" >/dev/null || die "isms user create failed"
  TOKEN=$("$ISMS" token create --user bencher --name bench --scope read --expires-in 1d \
    "${args[@]}") || die "isms token create failed"
}

# list_bench ENGINE DATA_DIR [DATABASE_URL]: the list benchmark against one store.
list_bench() {
  local engine=$1 data=$2 url=${3:-} port nport pid npid body
  bench_token "$data" "$url"
  port=$(free_port)
  local args=(serve --data "$data" --port "$port")
  [ -n "$url" ] && args+=(--database "$url")
  "$ISMS" "${args[@]}" >"$WORK/serve-$engine.log" 2>&1 &
  pid=$!
  PIDS+=("$pid")
  wait_http "http://127.0.0.1:$port/readyz" 60 || die "isms serve ($engine) not ready; see $WORK/serve-$engine.log"
  sleep 1
  local idle_rss idle_anon
  idle_rss=$(rss_kb "$pid" VmRSS)
  idle_anon=$(rss_kb "$pid" RssAnon)

  body=$WORK/body-$engine.json
  local code
  code=$(curl -s -o "$body" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$port$QUERY")
  [ "$code" = 200 ] || die "GET $QUERY answered $code: $(head -c 300 "$body")"
  python3 - "$body" <<'EOF' || die "unexpected list body"
import json, sys
items = json.load(open(sys.argv[1]))["items"]
assert len(items) == 50, len(items)
assert all(i["classification"] == "confidential" for i in items)
EOF
  log "$engine: body $(stat -c %s "$body") bytes; warming up"
  run_wrk "http://127.0.0.1:$port$QUERY" 3s "$WORK/warmup-$engine.txt"

  nport=$(free_port)
  write_nginx_conf "$WORK/nginx-$engine" "$nport" "$body"
  nginx -p "$WORK/nginx-$engine" -c "$WORK/nginx-$engine/nginx.conf" -e "$WORK/nginx-$engine/error.log" &
  npid=$!
  PIDS+=("$npid")
  wait_http "http://127.0.0.1:$nport/" 10 || die "nginx did not start; see $WORK/nginx-$engine/error.log"
  cmp -s "$body" <(curl -s "http://127.0.0.1:$nport$QUERY") || die "nginx serves different bytes"
  run_wrk "http://127.0.0.1:$nport$QUERY" 3s "$WORK/warmup-nginx-$engine.txt"

  local round out ticks nginx_pids
  # The master only accepts; the workers (its children) serve.
  mapfile -t nginx_pids < <(pgrep -P "$npid")
  nginx_pids+=("$npid")
  for round in $(seq 1 "$ROUNDS"); do
    out=$WORK/wrk-$engine-isms-$round.txt
    log "$engine round $round: isms"
    rss_sampler "$pid" "$WORK/rss-max-$engine" &
    local sampler=$!
    ticks=$(cpu_ticks "$pid")
    run_wrk "http://127.0.0.1:$port$QUERY" "$DURATION" "$out"
    ticks=$(($(cpu_ticks "$pid") - ticks))
    kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true
    echo "$engine $round isms $(parse_wrk "$out") $(cpu_us_per_request "$ticks" "$out")" >>"$WORK/list.tsv"
    out=$WORK/wrk-$engine-nginx-$round.txt
    log "$engine round $round: nginx"
    ticks=$(cpu_ticks "${nginx_pids[@]}")
    run_wrk "http://127.0.0.1:$nport$QUERY" "$DURATION" "$out"
    ticks=$(($(cpu_ticks "${nginx_pids[@]}") - ticks))
    echo "$engine $round nginx $(parse_wrk "$out") $(cpu_us_per_request "$ticks" "$out")" >>"$WORK/list.tsv"
  done
  echo "$engine $idle_rss $idle_anon $(cat "$WORK/rss-max-$engine" 2>/dev/null || echo 0 0) $(rss_kb "$pid" VmHWM)" >>"$WORK/memory.tsv"

  local q i=0
  for q in "${EXTRA_QUERIES[@]}"; do
    i=$((i + 1))
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$port$q")
    [ "$code" = 200 ] || { log "extra query $q answered $code"; echo "$engine $q 0 0 0 http$code" >>"$WORK/extra.tsv"; continue; }
    run_wrk "http://127.0.0.1:$port$q" 5s "$WORK/wrk-$engine-extra-$i.txt"
    echo "$engine $q $(parse_wrk "$WORK/wrk-$engine-extra-$i.txt")" >>"$WORK/extra.tsv"
  done

  kill "$npid" "$pid" 2>/dev/null || true
  wait "$npid" "$pid" 2>/dev/null || true
}

# ledger_bench DATA_DIR: verify over LEDGER_ENTRIES entries vs sha256sum of the same bytes.
ledger_bench() {
  local data=$1 i
  seed sqlite-ledger --data "$data" --assets "$ASSETS" --ledger-entries "$LEDGER_ENTRIES" \
    --dump-hashed-bytes "$WORK/ledger-hashed.bin"
  : >"$WORK/verify.times"
  : >"$WORK/sha256sum.times"
  : >"$WORK/openssl.times"
  for i in 1 2 3; do
    log "ledger verify run $i"
    time_cmd "$WORK/verify.times" "$ISMS" ledger verify --data "$data"
    time_cmd "$WORK/sha256sum.times" sha256sum "$WORK/ledger-hashed.bin"
    time_cmd "$WORK/openssl.times" openssl dgst -sha256 "$WORK/ledger-hashed.bin"
  done
}

# ---------------------------------------------------------------------------------------
seed sqlite --data "$WORK/sqlite" --assets "$ASSETS"
list_bench sqlite "$WORK/sqlite"
ledger_bench "$WORK/sqlite"

if [ "$POSTGRES" = 1 ] || { [ "$POSTGRES" = auto ] && ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; }; then
  PG_DIR=$WORK/pg
  pg_url=$("$ROOT/scripts/pg-cluster.sh" start "$PG_DIR" "$(free_port)")
  seed postgresql --data "$WORK/pgdata" --database "$pg_url" --assets "$ASSETS"
  # Steady state: right after a bulk load the tables have no planner statistics until
  # autovacuum gets to them (about a minute), and the list query then sorts every matching
  # row (docs/performance.md). VACUUM ANALYZE does now what autovacuum would do.
  if [ "${BENCH_PG_ANALYZE:-1}" = 1 ]; then psql "$pg_url" -qc "VACUUM ANALYZE" >/dev/null; fi
  list_bench postgresql "$WORK/pgdata" "$pg_url"
fi

# Documents, citations and gaps: micro benchmarks through the services, after the load
# tests so that they do not share the cores with wrk. A failure here costs only its section.
: >"$WORK/documents.md"
if [ "${BENCH_SKIP_DOCUMENTS:-0}" != 1 ]; then
  log "documents benchmarks (bench/documents.sh)"
  BENCH_BUILD=$BUILD "$ROOT/bench/documents.sh" >"$WORK/documents.md" ||
    { log "bench/documents.sh failed; its section is left out"; : >"$WORK/documents.md"; }
fi

# Risks, controls and the SoA: seeds its own stores (the scratch dir's are ledger-heavy),
# runs after the other load tests for the same reason as the documents section.
: >"$WORK/risks.md"
if [ "${BENCH_SKIP_RISKS:-0}" != 1 ]; then
  log "risk benchmarks (bench/risks.sh)"
  BENCH_BUILD=$BUILD BENCH_POSTGRES=$POSTGRES BENCH_WORK="$WORK/risks" \
    "$ROOT/bench/risks.sh" >"$WORK/risks.md" ||
    { log "bench/risks.sh failed; its section is left out"; : >"$WORK/risks.md"; }
fi

# Running the ISMS: seeds its own store in-process (through the services), after the load
# tests for the same reason as the documents section.
: >"$WORK/operations.md"
if [ "${BENCH_SKIP_OPERATIONS:-0}" != 1 ]; then
  log "operations benchmarks (bench/operations.sh)"
  BENCH_BUILD=$BUILD "$ROOT/bench/operations.sh" >"$WORK/operations.md" ||
    { log "bench/operations.sh failed; its section is left out"; : >"$WORK/operations.md"; }
fi

# ---------------------------------------------------------------------------------------
# shellcheck source=bench/report.sh
source "$ROOT/bench/report.sh"
report | tee "$RESULTS"
if [ -s "$WORK/documents.md" ]; then { echo; cat "$WORK/documents.md"; } | tee -a "$RESULTS"; fi
if [ -s "$WORK/risks.md" ]; then { echo; cat "$WORK/risks.md"; } | tee -a "$RESULTS"; fi
if [ -s "$WORK/operations.md" ]; then { echo; cat "$WORK/operations.md"; } | tee -a "$RESULTS"; fi
log "results written to $RESULTS"
