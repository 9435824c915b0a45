#!/usr/bin/env bash
# bench/run.sh (make bench): the benchmarks behind docs/performance.md.
#
#  1. list:   GET /api/v1/assets (sorted + filtered, limit 50) on 100,000 assets under
#             wrk -t2 -c64, alternating with nginx serving the same response bytes as a
#             static file in the same run; req/s, p50, p99, ratio; server RSS idle/loaded.
#  2. ledger: `isms ledger verify` over 1,000,000 entries against sha256sum over exactly
#             the bytes the verifier hashes; MB/s and ratio.
#  3. postgres (when PostgreSQL is installed): the list benchmark on a private cluster.
#
# Prints a Markdown table at the end and writes it to bench/results/latest.md. Knobs
# (environment): BENCH_ASSETS, BENCH_LEDGER_ENTRIES, BENCH_DURATION, BENCH_CONNECTIONS,
# BENCH_ROUNDS (isms/nginx pairs), BENCH_POSTGRES (auto|0|1), BENCH_QUERY,
# BENCH_SKIP_BUILD=1, BENCH_BUILD (build dir, default build/release), BENCH_WORK (scratch
# dir), BENCH_KEEP=1 (keep it).
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
: >"$WORK/list.tsv"    # engine round server rps p50 p99 errors
: >"$WORK/memory.tsv"  # engine idle_rss load_max_rss hwm
: >"$WORK/extra.tsv"   # engine query rps p50 p99 errors
: >"$WORK/seed.tsv"    # what seconds

seed() {  # seed LABEL ARGS...: runs the generator, keeps its "key value" lines
  local label=$1; shift
  log "seeding ($label): isms_bench_seed $*"
  "$SEED" "$@" >"$WORK/seed-$label.out"
  sed "s/^/$label /" "$WORK/seed-$label.out" >>"$WORK/seed.tsv"
}

run_wrk() {  # run_wrk URL SECONDS OUT: wrk with the fixed shape, output in OUT
  wrk -t2 -c"$CONNECTIONS" -d"$2" --latency "$1" >"$3" 2>&1 || true
}

# list_bench ENGINE DATA_DIR [DATABASE_URL]: the list benchmark against one store.
list_bench() {
  local engine=$1 data=$2 url=${3:-} port nport pid npid body
  port=$(free_port)
  local args=(serve --data "$data" --port "$port")
  [ -n "$url" ] && args+=(--database "$url")
  "$ISMS" "${args[@]}" >"$WORK/serve-$engine.log" 2>&1 &
  pid=$!
  PIDS+=("$pid")
  wait_http "http://127.0.0.1:$port/readyz" 60 || die "isms serve ($engine) not ready; see $WORK/serve-$engine.log"
  sleep 1
  local idle_rss
  idle_rss=$(rss_kb "$pid" VmRSS)

  body=$WORK/body-$engine.json
  local code
  code=$(curl -s -o "$body" -w '%{http_code}' "http://127.0.0.1:$port$QUERY")
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

  local round out
  for round in $(seq 1 "$ROUNDS"); do
    out=$WORK/wrk-$engine-isms-$round.txt
    log "$engine round $round: isms"
    rss_sampler "$pid" "$WORK/rss-max-$engine" &
    local sampler=$!
    run_wrk "http://127.0.0.1:$port$QUERY" "$DURATION" "$out"
    kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true
    echo "$engine $round isms $(parse_wrk "$out")" >>"$WORK/list.tsv"
    out=$WORK/wrk-$engine-nginx-$round.txt
    log "$engine round $round: nginx"
    run_wrk "http://127.0.0.1:$nport$QUERY" "$DURATION" "$out"
    echo "$engine $round nginx $(parse_wrk "$out")" >>"$WORK/list.tsv"
  done
  echo "$engine $idle_rss $(cat "$WORK/rss-max-$engine" 2>/dev/null || echo 0) $(rss_kb "$pid" VmHWM)" >>"$WORK/memory.tsv"

  local q i=0
  for q in "${EXTRA_QUERIES[@]}"; do
    i=$((i + 1))
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$q")
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
  for i in 1 2 3; do
    log "ledger verify run $i"
    time_cmd "$WORK/verify.times" "$ISMS" ledger verify --data "$data"
    time_cmd "$WORK/sha256sum.times" sha256sum "$WORK/ledger-hashed.bin"
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
  list_bench postgresql "$WORK/pgdata" "$pg_url"
fi

# ---------------------------------------------------------------------------------------
# Report.
seed_value() { awk -v l="$1" -v k="$2" '$1 == l && $2 == k { print $3 }' "$WORK/seed.tsv"; }
col() {  # col ENGINE SERVER FIELD(4=rps 5=p50 6=p99): the values over all rounds
  awk -v e="$1" -v s="$2" -v f="$3" '$1 == e && $3 == s { print $f }' "$WORK/list.tsv"
}
report() {
  echo "# isms benchmark results"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (+ uncommitted changes)'),"
  echo "$(nproc) × $(lscpu | awk -F: '/Model name/ { gsub(/^ +/, "", $2); print $2; exit }'), $(free -g | awk '/Mem:/ { print $2 }') GB RAM, $(uname -r);"
  echo "load average at start: $LOAD_AT_START. wrk -t2 -c$CONNECTIONS -d$DURATION --latency; client and servers share the machine."
  local engine
  for engine in $(awk '{ print $1 }' "$WORK/list.tsv" | uniq); do
    echo
    echo "## List: \`GET $QUERY\` — $engine, $ASSETS assets"
    echo
    echo "Response: $(stat -c %s "$WORK/body-$engine.json") bytes. nginx serves the same bytes as a static file."
    echo
    echo "| round | server | req/s | p50 ms | p99 ms | errors |"
    echo "|---|---|---:|---:|---:|---:|"
    awk '$1 == "'"$engine"'" { printf "| %s | %s | %.0f | %.2f | %.2f | %s |\n", $2, $3, $4, $5, $6, $7 }' "$WORK/list.tsv"
    local irps nrps ip50 ip99 np50 np99
    irps=$(col "$engine" isms 4 | median); nrps=$(col "$engine" nginx 4 | median)
    ip50=$(col "$engine" isms 5 | median); ip99=$(col "$engine" isms 6 | median)
    np50=$(col "$engine" nginx 5 | median); np99=$(col "$engine" nginx 6 | median)
    printf '| **median** | isms | **%.0f** | %.2f | **%.2f** | |\n' "$irps" "$ip50" "$ip99"
    printf '| **median** | nginx | %.0f | %.2f | %.2f | |\n' "$nrps" "$np50" "$np99"
    echo
    echo "**Ratio isms / nginx (req/s): $(ratio "$irps" "$nrps")** (aim ≥ 0.5). isms p99 $ip99 ms (aim < 10 ms)."
    echo
    awk '$1 == "'"$engine"'" { printf "Server RSS: idle %.1f MB, max during load %.1f MB, peak (VmHWM) %.1f MB.\n", $2/1024, $3/1024, $4/1024 }' "$WORK/memory.tsv"
    if grep -q "^$engine " "$WORK/extra.tsv"; then
      echo
      echo "Other list queries, one 5 s run each (isms only):"
      echo
      echo "| query | req/s | p50 ms | p99 ms | errors |"
      echo "|---|---:|---:|---:|---:|"
      awk '$1 == "'"$engine"'" { printf "| `%s` | %.0f | %.2f | %.2f | %s |\n", $2, $3, $4, $5, $6 }' "$WORK/extra.tsv"
    fi
  done
  if [ -s "$WORK/verify.times" ]; then
    local bytes entries vt st vmb smb vrss
    bytes=$(seed_value sqlite-ledger dump_hashed_bytes); entries=$(seed_value sqlite-ledger dump_entries)
    vt=$(awk '{ print $1 }' "$WORK/verify.times" | median)
    st=$(awk '{ print $1 }' "$WORK/sha256sum.times" | median)
    vrss=$(awk '{ print $2 }' "$WORK/verify.times" | median)
    vmb=$(awk -v b="$bytes" -v t="$vt" 'BEGIN { printf "%.1f", b / t / 1e6 }')
    smb=$(awk -v b="$bytes" -v t="$st" 'BEGIN { printf "%.1f", b / t / 1e6 }')
    echo
    echo "## Ledger: \`isms ledger verify\` over $entries entries (SQLite)"
    echo
    echo "Bytes hashed: $bytes ($(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB; encode_for_hash of every entry, average $(awk -v b="$bytes" -v n="$entries" 'BEGIN { printf "%.0f", b / n }') B; change payload average $(seed_value sqlite-ledger ledger_change_bytes_avg | cut -d. -f1) B)."
    echo "sha256sum hashes a file of exactly these bytes. Times are the median of 3 runs (all: verify $(awk '{ printf "%s ", $1 }' "$WORK/verify.times")s; sha256sum $(awk '{ printf "%s ", $1 }' "$WORK/sha256sum.times")s)."
    echo
    echo "| command | seconds | MB/s | max RSS MB |"
    echo "|---|---:|---:|---:|"
    echo "| isms ledger verify | $vt | $vmb | $(mb "$vrss") |"
    echo "| sha256sum | $st | $smb | $(mb "$(awk '{ print $2 }' "$WORK/sha256sum.times" | median)") |"
    echo
    echo "**Ratio verify / sha256sum (MB/s): $(ratio "$vmb" "$smb")** (aim ≥ 0.5)."
  fi
  echo
  echo "## Seeding (isms_bench_seed, batches of 1,000 per transaction)"
  echo
  echo "| store | step | count | seconds |"
  echo "|---|---|---:|---:|"
  awk '$2 == "assets_created" { c[$1] = $3 } $2 == "assets_seconds" && c[$1] > 0 { printf "| %s | assets | %s | %.1f |\n", $1, c[$1], $3 }
       $2 == "ledger_entries_appended" { l[$1] = $3 } $2 == "ledger_seconds" && l[$1] > 0 { printf "| %s | ledger entries | %s | %.1f |\n", $1, l[$1], $3 }' "$WORK/seed.tsv"
}

report | tee "$RESULTS"
log "results written to $RESULTS"
