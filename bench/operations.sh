#!/usr/bin/env bash
# bench/operations.sh: the "running the ISMS" benchmarks (issue 6) behind
# docs/performance.md. Builds isms_bench_operations (release preset, as run.sh does), which
# seeds a SQLite store through the services (2,000 activities with a year of occurrences,
# 10,000 findings with 15,000 corrective actions, 5,000 incidents with timelines, 1,000
# exceptions, 50 objectives with 20,000 measurements, 20,000 deliveries; ~25 minutes on
# 2 cores, most of it the reminder runs that send the day's deliveries), then (~10 minutes)
# runs its benchmarks with 3 repetitions and prints a Markdown section: what was seeded,
# the process's RSS, and per operation the median wall and CPU time and the ratio to the
# references of the same group measured in the same run.
# bench/run.sh (make bench) runs it and appends the section to bench/results/latest.md.
#
# Knobs (environment): BENCH_SKIP_BUILD=1, BENCH_BUILD (build dir, default build/release),
# BENCH_OPS_REPETITIONS (default 3), BENCH_OPS_MIN_TIME (seconds per repetition, default
# Google Benchmark's 0.5), BENCH_OPS_SCALE (multiplies every seeded size, default 1),
# BENCH_OPS_DATA (seed there once and reuse it in later runs; default a temporary store),
# BENCH_OPS_JSON (keep the raw JSON there). Arguments are passed to the benchmark binary
# (e.g. --benchmark_filter=agenda, or a size flag such as --activities 500).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BENCH_BUILD:-$ROOT/build/release}
BIN=$BUILD/bench/isms_bench_operations
REPETITIONS=${BENCH_OPS_REPETITIONS:-3}
log() { echo "bench: $*" >&2; }
die() { echo "bench: error: $*" >&2; exit 1; }

command -v python3 >/dev/null || die "python3 missing: run scripts/install-deps.sh"
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  log "building isms_bench_operations (release preset)"
  (cd "$ROOT" && cmake --preset release >/dev/null &&
    cmake --build --preset release -j2 --target isms_bench_operations) >&2
fi
[ -x "$BIN" ] || die "$BIN missing (is Google Benchmark installed? scripts/install-deps.sh)"

JSON=${BENCH_OPS_JSON:-$(mktemp /tmp/isms-bench-operations.XXXXXX.json)}
FACTS=$(mktemp /tmp/isms-bench-operations-facts.XXXXXX.json)
if [ -n "${BENCH_OPS_JSON:-}" ]; then
  trap 'rm -f "$FACTS"' EXIT
else
  trap 'rm -f "$JSON" "$FACTS"' EXIT
fi
LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)
args=(--facts "$FACTS" --benchmark_repetitions="$REPETITIONS"
      --benchmark_report_aggregates_only=true
      --benchmark_out="$JSON" --benchmark_out_format=json)
[ -n "${BENCH_OPS_MIN_TIME:-}" ] && args+=(--benchmark_min_time="$BENCH_OPS_MIN_TIME")
[ -n "${BENCH_OPS_SCALE:-}" ] && args+=(--scale "$BENCH_OPS_SCALE")
[ -n "${BENCH_OPS_DATA:-}" ] && args+=(--data "$BENCH_OPS_DATA")
log "running isms_bench_operations ${args[*]} $*"
# The console table goes to stderr; the summary below is built from the JSON.
"$BIN" "${args[@]}" "$@" >&2
LOAD_AT_END=$(cut -d' ' -f1-3 /proc/loadavg)

REV=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')
git -C "$ROOT" diff --quiet 2>/dev/null || REV="$REV + uncommitted changes"
python3 - "$JSON" "$FACTS" "$REPETITIONS" "$LOAD_AT_START" "$LOAD_AT_END" "$REV" <<'EOF'
import json, sys
from collections import OrderedDict

path, facts_path, repetitions, load, load_end, rev = sys.argv[1:7]
data = json.load(open(path))
facts = json.load(open(facts_path))
ctx = data["context"]
to_ms = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}
AIM_MS = 100.0

rows = OrderedDict()  # run_name -> {"median": (real, cpu), "mean": ..., "stddev": ...}
for b in data["benchmarks"]:
    f = to_ms[b.get("time_unit", "ns")]
    times = (b["real_time"] * f, b["cpu_time"] * f)
    name = b.get("run_name", b["name"])
    if b.get("run_type") == "aggregate":
        rows.setdefault(name, {})[b["aggregate_name"]] = times
    else:  # one repetition: no aggregates, the run itself is the median
        rows.setdefault(name, {}).setdefault("median", times)

groups = OrderedDict()
for name in rows:
    group, _, what = name.partition("/")
    groups.setdefault(group, []).append((what, name))

def ms(x):
    return f"{x:,.3f}" if x < 10 else f"{x:,.1f}"

def ratio(x, ref):
    if ref <= 0:
        return "—"
    r = x / ref
    return f"{r:,.2f}×" if r < 10 else f"{r:,.0f}×"

def mb(kb):
    return f"{kb / 1024:,.0f} MB"

records = facts.get("records", {})
seed = facts.get("seed", {})
print("## Running the ISMS (`bench/operations.sh`)")
print()
print(f"{ctx.get('date', '')}, commit {rev}; {ctx.get('num_cpus', '?')} CPUs at "
      f"{ctx.get('mhz_per_cpu', '?')} MHz; load average at start {load}, at the end {load_end}; "
      f"Google Benchmark library: {ctx.get('library_build_type', '?')} build (it only does the timing). "
      f"Clock fixed at {facts.get('now')} (a Monday), zone {facts.get('zone')}.")
print()
shown = ", ".join(f"{k} {v:,}" for k, v in records.items() if v and k != "ledger_entries")
how = "reused from an earlier run" if seed.get("reused") else "seeded in this run"
print(f"Store ({how}; SQLite, {facts.get('database_bytes', 0) / 1e6:,.0f} MB): {shown}.")
if seed.get("seconds"):
    parts = []
    for name, s in seed["seconds"].items():
        calls = seed.get("calls", {}).get(name, 0)
        rate = f", {calls / s:,.0f}/s" if s > 0 and calls else ""
        parts.append(f"{name} {s:,.0f} s ({calls:,} calls{rate})")
    print(f"Seeding through the services: {seed.get('total_seconds', 0):,.0f} s — " + "; ".join(parts) + ".")
print()
print(f"Memory of the benchmark process (getrusage, /proc/self/status): peak RSS after seeding "
      f"**{mb(facts.get('peak_rss_after_seed_kb', 0))}**; resident then "
      f"{mb(facts.get('rss_after_seed_kb', 0))}, of which heap (RssAnon) "
      f"{mb(facts.get('rss_anon_after_seed_kb', 0))} and mapped files (RssFile: SQLite maps "
      f"the database) {mb(facts.get('rss_file_after_seed_kb', 0))}; at the end peak "
      f"{mb(facts.get('peak_rss_end_kb', 0))}, resident {mb(facts.get('rss_end_kb', 0))} "
      f"(heap {mb(facts.get('rss_anon_end_kb', 0))}). "
      f"Ledger entries: {records.get('ledger_entries', 0):,}. "
      f"The audit report covers {facts.get('audit_report_findings', '?')} findings.")
print()
print(f"Median of {repetitions} repetitions of each benchmark (Google Benchmark), ms per operation; "
      "the ratios divide the median (wall, CPU) time by the median of each reference of the same "
      "group, measured in the same run. cv: standard deviation / mean of the wall time over the "
      f"repetitions. Aim: a page of the CISO's answers in well under {AIM_MS:.0f} ms.")
print()
print(f"| group | operation | median ms (wall) | median ms (CPU) | cv (wall) | ratio to reference (wall) | ratio (CPU) | < {AIM_MS:.0f} ms? |")
print("|---|---|---:|---:|---:|---|---|---|")
for group, items in groups.items():
    refs = [(what[4:], rows[name]["median"]) for what, name in items if what.startswith("ref:")]
    for what, name in items:
        agg = rows[name]
        real, cpu = agg["median"]
        mean = agg.get("mean", (0, 0))[0]
        sd = agg.get("stddev", (0, 0))[0]
        cv = f"{100 * sd / mean:.0f} %" if mean > 0 else ""
        if what.startswith("ref:"):
            label, rel_wall, rel_cpu, aim = f"*reference: {what[4:]}*", "—", "—", ""
        else:
            label = f"`{what}`"
            rel_wall = " · ".join(f"**{ratio(real, r[0])}**" for n, r in refs) or "—"
            rel_cpu = " · ".join(f"{ratio(cpu, r[1])}" for n, r in refs) or "—"
            aim = "yes" if real < AIM_MS else "**no**"
        print(f"| {group} | {label} | {ms(real)} | {ms(cpu)} | {cv} | {rel_wall} | {rel_cpu} | {aim} |")
EOF
