#!/usr/bin/env bash
# bench/risks.sh: the risk register, controls and SoA benchmarks (issue 5) behind
# docs/performance.md ("Risks, controls and the SoA"). Per store (SQLite, and PostgreSQL
# on a private cluster when installed):
#
#  1. seed:     isms_bench_seed --assets A --controls 5000 --risks 100000 (every Annex A
#               SoA line decided); PostgreSQL then gets VACUUM ANALYZE (see run.sh).
#  2. cached:   each query shape below under wrk -t2 -cC -dD against `isms serve`, then nginx
#               serving the same response bytes as a static file (bench/lib.sh), in the same
#               run: req/s, p50, p99, isms CPU per request. After the warm-up every request is
#               a hit of the response cache (http/cached_get.h): this is what a reader sees
#               while nobody writes.
#  3. uncached: `isms serve` has no switch to turn the cache off, and the list routes refuse
#               unknown query parameters, so a request cannot be made distinct without
#               changing its work. Instead each timed GET follows a write (POST
#               /api/v1/vulnerabilities, not timed), which advances the ledger head and so
#               invalidates every cached body: each GET computes its answer from the store.
#               One keep-alive connection, sequential, N samples per shape (the distinct ETags
#               prove every answer was computed at a new data version); p50, p99, max, against
#               the same client fetching the same bytes from nginx N times. This is the figure
#               the aim (p99 < 50 ms) is about: the store work, without queueing.
#  4. micro:    isms_bench_risks (bench/micro/risks_bench.cc) over the seeded store with the
#               server stopped: heat map, list pages, SoA export, each against a reference.
#
# Prints Markdown on stdout (run.sh appends it to bench/results/latest.md); progress on
# stderr. Knobs (environment): BENCH_RISKS (100000), BENCH_CONTROLS (5000),
# BENCH_RISK_ASSETS (20000), BENCH_RISK_DURATION (wrk seconds per run, 5s),
# BENCH_CONNECTIONS (64), BENCH_RISK_SAMPLES (uncached GETs per shape, 200),
# BENCH_RISK_REPETITIONS (micro, 3), BENCH_POSTGRES (auto|0|1), BENCH_SKIP_BUILD=1,
# BENCH_BUILD (build dir, default build/release), BENCH_WORK (scratch dir; an existing
# seeded one is topped up, not reseeded), BENCH_KEEP=1 (keep it). Arguments go to
# isms_bench_risks (e.g. --benchmark_filter=soa).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

RISKS=${BENCH_RISKS:-100000}
CONTROLS=${BENCH_CONTROLS:-5000}
ASSETS=${BENCH_RISK_ASSETS:-20000}
DURATION=${BENCH_RISK_DURATION:-5s}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
SAMPLES=${BENCH_RISK_SAMPLES:-200}
REPETITIONS=${BENCH_RISK_REPETITIONS:-3}
POSTGRES=${BENCH_POSTGRES:-auto}
BUILD=${BENCH_BUILD:-$ROOT/build/release}
ISMS=$BUILD/isms
SEED=$BUILD/bench/isms_bench_seed
MICRO=$BUILD/bench/isms_bench_risks
WORK=${BENCH_WORK:-$(mktemp -d /tmp/isms-bench-risks.XXXXXX)}
mkdir -p "$WORK"
chmod 755 "$WORK"  # nginx workers and the postgres user enter it

# The query shapes (docs/api.md "Risks", "Controls"). q=vault matches ~15 % of the risks
# (titles and descriptions: a common word), cell 4:4 ~3 %, above_appetite ~22 %.
QUERIES=(
  "/api/v1/risks?limit=50"
  "/api/v1/risks?sort=-residual_level&limit=50"
  "/api/v1/risks?above_appetite=true&limit=50"
  "/api/v1/risks?q=vault&limit=50"
  "/api/v1/risks?cell=residual:4:4&limit=50"
  "/api/v1/risks/heat-map?basis=residual"
  "/api/v1/risks/summary"
  "/api/v1/controls?limit=50"
)

PIDS=()
PG_DIR=""
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    if kill "$pid" 2>/dev/null; then wait "$pid" 2>/dev/null || true; fi
  done
  if [ -n "$PG_DIR" ]; then "$ROOT/scripts/pg-cluster.sh" stop "$PG_DIR" >/dev/null 2>&1 || true; fi
  if [ "${BENCH_KEEP:-0}" = 1 ] || [ -n "${BENCH_WORK:-}" ]; then log "scratch kept in $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

for tool in wrk nginx curl python3; do command -v $tool >/dev/null || die "$tool missing: run scripts/install-deps.sh"; done
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  log "building isms, isms_bench_seed, isms_bench_risks in $BUILD"
  if [ "$BUILD" = "$ROOT/build/release" ]; then
    (cd "$ROOT" && cmake --preset release >/dev/null &&
      cmake --build --preset release -j2 --target isms isms_bench_seed isms_bench_risks) >&2
  else
    cmake --build "$BUILD" -j2 --target isms isms_bench_seed isms_bench_risks >&2
  fi
fi
[ -x "$ISMS" ] && [ -x "$SEED" ] && [ -x "$MICRO" ] || die "isms, isms_bench_seed or isms_bench_risks missing in $BUILD"

LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)
STARTED=$SECONDS
: >"$WORK/seed.tsv"     # engine key value
: >"$WORK/cached.tsv"   # engine query bytes server rps p50 p99 errors cpu_us
: >"$WORK/uncached.tsv" # engine query server n p50 p99 max distinct_versions
: >"$WORK/micro.tsv"    # engine json_file

# bench_tokens DATA [URL]: TOKEN (read) and WTOKEN (read_write) of a CISO user "bencher".
TOKEN="" WTOKEN=""
bench_tokens() {
  local args=(--data "$1")
  [ -n "${2:-}" ] && args+=(--database "$2")
  "$ISMS" user list --json "${args[@]}" | grep -q '"username": *"bencher"' ||
    "$ISMS" user create bencher --person-name "Bench CISO" --email bencher@example.test \
      --role ciso "${args[@]}" >/dev/null || die "isms user create failed"
  TOKEN=$("$ISMS" token create --user bencher --name bench-read --scope read --expires-in 1d \
    "${args[@]}") || die "isms token create failed"
  WTOKEN=$("$ISMS" token create --user bencher --name bench-write --scope read_write \
    --expires-in 1d "${args[@]}") || die "isms token create failed"
}

# The uncached driver: python3 DRIVER HOST PORT TOKEN WTOKEN SAMPLES TAG PATH [NGINX_PORT]
# prints "n p50 p99 max distinct_versions" in ms for isms (each GET after a write) and,
# with NGINX_PORT, a second line for nginx (plain GETs of the same bytes).
cat >"$WORK/driver.py" <<'EOF'
import http.client, json, math, sys, time

host, port, token, wtoken, samples, tag, path = sys.argv[1:8]
nginx_port = sys.argv[8] if len(sys.argv) > 8 else None
samples = int(samples)

def timed(conn, method, target, token, body=None):
    headers = {"Authorization": "Bearer " + token}
    if body is not None:
        headers["Content-Type"] = "application/json"
    t0 = time.perf_counter()
    conn.request(method, target, body=body, headers=headers)
    r = conn.getresponse()
    data = r.read()
    return r.status, r.getheader("ETag"), data, (time.perf_counter() - t0) * 1000

def stats(ms):
    ms = sorted(ms)
    rank = lambda q: ms[max(0, math.ceil(q * len(ms)) - 1)]  # nearest rank
    return f"{len(ms)} {rank(0.50):.3f} {rank(0.99):.3f} {ms[-1]:.3f}"

conn = http.client.HTTPConnection(host, int(port))
lat, versions = [], set()
for i in range(samples):
    # A write between requests: a new vulnerability (it changes no risk list, heat map
    # or summary, but advances the ledger head, which invalidates every cached body).
    body = json.dumps({"name": f"bench write {tag} {i}", "category": "technical"})
    status, _, data, _ = timed(conn, "POST", "/api/v1/vulnerabilities", wtoken, body)
    if status != 201:
        sys.exit(f"POST vulnerability answered {status}: {data[:300]!r}")
    status, etag, data, ms = timed(conn, "GET", path, token)
    if status != 200:
        sys.exit(f"GET {path} answered {status}: {data[:300]!r}")
    lat.append(ms)
    versions.add(etag)
print(stats(lat), len(versions))
if nginx_port:
    conn = http.client.HTTPConnection(host, int(nginx_port))
    lat = [timed(conn, "GET", path, token)[3] for _ in range(samples)]
    print(stats(lat), 0)
EOF

# risk_bench ENGINE DATA [URL]: serve, cached and uncached HTTP figures, then the micro run.
risk_bench() {
  local engine=$1 data=$2 url=${3:-} port pid i q body code out nport npid ticks
  bench_tokens "$data" "$url"
  port=$(free_port)
  local args=(serve --data "$data" --port "$port")
  [ -n "$url" ] && args+=(--database "$url")
  "$ISMS" "${args[@]}" >"$WORK/serve-$engine.log" 2>&1 &
  pid=$!
  PIDS+=("$pid")
  wait_http "http://127.0.0.1:$port/readyz" 60 || die "isms serve ($engine) not ready; see $WORK/serve-$engine.log"

  i=0
  for q in "${QUERIES[@]}"; do
    i=$((i + 1))
    body=$WORK/body-$engine-$i.json
    code=$(curl -s -o "$body" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$port$q")
    [ "$code" = 200 ] || die "GET $q answered $code: $(head -c 300 "$body")"
    python3 - "$body" "$q" <<'EOF' || die "unexpected body for $q"
import json, sys
doc = json.load(open(sys.argv[1]))
if "items" in doc:
    assert 0 < len(doc["items"]) <= 50, (sys.argv[2], len(doc["items"]))
EOF
    log "$engine: $q ($(stat -c %s "$body") bytes): cached, wrk ${DURATION}"
    run_wrk_risk "http://127.0.0.1:$port$q" 2s "$WORK/warmup-$engine-$i.txt"
    out=$WORK/wrk-$engine-isms-$i.txt
    ticks=$(cpu_ticks "$pid")
    run_wrk_risk "http://127.0.0.1:$port$q" "$DURATION" "$out"
    ticks=$(($(cpu_ticks "$pid") - ticks))
    echo "$engine $q $(stat -c %s "$body") isms $(parse_wrk "$out") $(cpu_us_per_request "$ticks" "$out")" >>"$WORK/cached.tsv"

    nport=$(free_port)
    write_nginx_conf "$WORK/nginx-$engine-$i" "$nport" "$body"
    nginx -p "$WORK/nginx-$engine-$i" -c "$WORK/nginx-$engine-$i/nginx.conf" \
      -e "$WORK/nginx-$engine-$i/error.log" &
    npid=$!
    PIDS+=("$npid")
    wait_http "http://127.0.0.1:$nport/" 10 || die "nginx did not start; see $WORK/nginx-$engine-$i/error.log"
    cmp -s "$body" <(curl -s "http://127.0.0.1:$nport$q") || die "nginx serves different bytes"
    run_wrk_risk "http://127.0.0.1:$nport$q" 2s "$WORK/warmup-nginx-$engine-$i.txt"
    out=$WORK/wrk-$engine-nginx-$i.txt
    local nginx_pids
    mapfile -t nginx_pids < <(pgrep -P "$npid")
    nginx_pids+=("$npid")
    ticks=$(cpu_ticks "${nginx_pids[@]}")
    run_wrk_risk "http://127.0.0.1:$nport$q" "$DURATION" "$out"
    ticks=$(($(cpu_ticks "${nginx_pids[@]}") - ticks))
    echo "$engine $q $(stat -c %s "$body") nginx $(parse_wrk "$out") $(cpu_us_per_request "$ticks" "$out")" >>"$WORK/cached.tsv"

    log "$engine: $q: uncached, $SAMPLES GETs each after a write"
    python3 "$WORK/driver.py" 127.0.0.1 "$port" "$TOKEN" "$WTOKEN" "$SAMPLES" \
      "$engine-$i-$(date +%s%N)" "$q" "$nport" >"$WORK/uncached-$engine-$i.txt" ||
      die "uncached driver failed for $q"
    echo "$engine $q isms $(sed -n 1p "$WORK/uncached-$engine-$i.txt")" >>"$WORK/uncached.tsv"
    echo "$engine $q nginx $(sed -n 2p "$WORK/uncached-$engine-$i.txt")" >>"$WORK/uncached.tsv"
    kill "$npid" 2>/dev/null || true
    wait "$npid" 2>/dev/null || true
  done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true

  log "$engine: isms_bench_risks ($REPETITIONS repetitions)"
  local margs=(--data "$data" --benchmark_repetitions="$REPETITIONS"
               --benchmark_report_aggregates_only=true
               --benchmark_out="$WORK/micro-$engine.json" --benchmark_out_format=json)
  [ -n "$url" ] && margs+=(--database "$url")
  "$MICRO" "${margs[@]}" "${MICRO_ARGS[@]}" >&2 || die "isms_bench_risks failed ($engine)"
  echo "$engine $WORK/micro-$engine.json" >>"$WORK/micro.tsv"
}

run_wrk_risk() {  # run_wrk_risk URL SECONDS OUT
  wrk -t2 -c"$CONNECTIONS" -d"$2" --latency -H "Authorization: Bearer $TOKEN" "$1" >"$3" 2>&1 || true
}

seed() {  # seed ENGINE ARGS...
  local engine=$1; shift
  log "seeding ($engine): isms_bench_seed $*"
  "$SEED" "$@" >"$WORK/seed-$engine.out" || die "isms_bench_seed failed ($engine)"
  sed "s/^/$engine /" "$WORK/seed-$engine.out" >>"$WORK/seed.tsv"
}

MICRO_ARGS=("$@")
seed sqlite --data "$WORK/sqlite" --assets "$ASSETS" --controls "$CONTROLS" --risks "$RISKS"
risk_bench sqlite "$WORK/sqlite"

if [ "$POSTGRES" = 1 ] || { [ "$POSTGRES" = auto ] && ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; }; then
  PG_DIR=$WORK/pg
  pg_url=$("$ROOT/scripts/pg-cluster.sh" start "$PG_DIR" "$(free_port)")
  seed postgresql --data "$WORK/pgdata" --database "$pg_url" --assets "$ASSETS" \
    --controls "$CONTROLS" --risks "$RISKS"
  # Steady state, as run.sh: planner statistics for the freshly loaded tables.
  psql "$pg_url" -qc "VACUUM ANALYZE" >/dev/null
  risk_bench postgresql "$WORK/pgdata" "$pg_url"
fi

# ---------------------------------------------------------------------------------------
REV=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')
git -C "$ROOT" diff --quiet 2>/dev/null || REV="$REV + uncommitted changes"
python3 - "$WORK" "$LOAD_AT_START" "$(cut -d' ' -f1-3 /proc/loadavg)" "$REV" \
  "$((SECONDS - STARTED))" "$DURATION" "$CONNECTIONS" "$SAMPLES" "$REPETITIONS" <<'EOF'
import json, os, sys
from collections import OrderedDict

work, load_start, load_end, rev, elapsed, duration, conns, samples, reps = sys.argv[1:10]
seed = {}
for line in open(os.path.join(work, "seed.tsv")):
    engine, key, value = line.split()
    seed.setdefault(engine, {})[key] = value

def num(x, digits=0):
    return f"{float(x):,.{digits}f}"

def ms(x):
    x = float(x)
    return f"{x:,.3f}" if x < 1 else (f"{x:,.2f}" if x < 10 else f"{x:,.1f}")

def ratio(a, b):
    a, b = float(a), float(b)
    if b <= 0:
        return "—"
    r = a / b
    return f"{r:,.2f}×" if r < 10 else f"{r:,.0f}×"

cpu = os.cpu_count()
print("## Risks, controls and the SoA (`bench/risks.sh`)")
print()
print(f"Commit {rev}; {cpu} CPUs; load average {load_start} at the start, {load_end} at the "
      f"end; {int(elapsed) // 60} min {int(elapsed) % 60} s in all.")
for engine, s in seed.items():
    print(f"Seeded ({engine}): {s.get('assets_created', '0')} assets in "
          f"{ms(s.get('assets_seconds', 0))} s, {s.get('controls_created', '0')} controls with "
          f"{s.get('evidence_created', '0')} evidence links in {ms(s.get('controls_seconds', 0))} s, "
          f"{s.get('soa_lines_decided', '0')} SoA lines decided, {s.get('risks_created', '0')} "
          f"risks in {ms(s.get('risks_seconds', 0))} s (0 = already there).")
print()

cached = OrderedDict()
for line in open(os.path.join(work, "cached.tsv")):
    engine, query, size, server, rps, p50, p99, errors, cpu_us = line.split()
    cached.setdefault((engine, query), {})[server] = (size, rps, p50, p99, errors, cpu_us)
print(f"### Cached: `wrk -t2 -c{conns} -d{duration}` after a 2 s warm-up, every request a cache hit")
print()
print("| store | query | body bytes | isms req/s | nginx req/s | **ratio** | isms p50 ms | isms p99 ms | nginx p99 ms | isms CPU/req µs | errors |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for (engine, query), s in cached.items():
    i, n = s.get("isms"), s.get("nginx")
    if not i or not n:
        continue
    print(f"| {engine} | `{query}` | {num(i[0])} | {num(i[1])} | {num(n[1])} | **{ratio(i[1], n[1])}** | "
          f"{ms(i[2])} | {ms(i[3])} | {ms(n[3])} | {i[5]} | {int(i[4]) + int(n[4])} |")
print()

unc = OrderedDict()
for line in open(os.path.join(work, "uncached.tsv")):
    parts = line.split()
    if len(parts) < 8:
        continue
    engine, query, server, n, p50, p99, mx, versions = parts[:8]
    unc.setdefault((engine, query), {})[server] = (n, p50, p99, mx, versions)
print(f"### Uncached: each GET after a write, one connection, sequential, {samples} GETs per query")
print()
print("| store | query | isms p50 ms | isms p99 ms | isms max ms | nginx p50 ms | nginx p99 ms | **ratio p50** | distinct versions | **p99 < 50 ms?** |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---|")
for (engine, query), s in unc.items():
    i, n = s.get("isms"), s.get("nginx")
    if not i or not n:
        continue
    ok = "yes" if float(i[2]) < 50 else "**no**"
    print(f"| {engine} | `{query}` | {ms(i[1])} | {ms(i[2])} | {ms(i[3])} | {ms(n[1])} | {ms(n[2])} | "
          f"**{ratio(i[1], n[1])}** | {i[4]} / {i[0]} | {ok} |")
print()

to_ms = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}
print(f"### Store and services: `isms_bench_risks`, median of {reps} repetitions, ms per operation")
print()
print("| store | group | operation | wall ms | CPU ms | cv (wall) | ratio to reference (wall) | ratio (CPU) |")
print("|---|---|---|---:|---:|---:|---|---|")
for line in open(os.path.join(work, "micro.tsv")):
    engine, path = line.split()
    data = json.load(open(path))
    rows = OrderedDict()
    for b in data["benchmarks"]:
        f = to_ms[b.get("time_unit", "ns")]
        times = (b["real_time"] * f, b["cpu_time"] * f)
        name = b.get("run_name", b["name"])
        if b.get("run_type") == "aggregate":
            rows.setdefault(name, {})[b["aggregate_name"]] = times
        else:
            rows.setdefault(name, {}).setdefault("median", times)
    groups = OrderedDict()
    for name in rows:
        group, _, what = name.partition("/")
        groups.setdefault(group, []).append((what, name))
    for group, items in groups.items():
        refs = [(what[4:], rows[name]["median"]) for what, name in items if what.startswith("ref:")]
        for what, name in items:
            agg = rows[name]
            real, cpu_t = agg["median"]
            mean, sd = agg.get("mean", (0, 0))[0], agg.get("stddev", (0, 0))[0]
            cv = f"{100 * sd / mean:.0f} %" if mean > 0 else ""
            if what.startswith("ref:"):
                label, rw, rc = f"*reference: {what[4:]}*", "—", "—"
            else:
                label = f"`{what}`"
                rw = " · ".join(f"**{ratio(real, r[0])}**" for _, r in refs) or "—"
                rc = " · ".join(ratio(cpu_t, r[1]) for _, r in refs) or "—"
            print(f"| {engine} | {group} | {label} | {ms(real)} | {ms(cpu_t)} | {cv} | {rw} | {rc} |")
EOF
