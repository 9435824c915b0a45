#!/usr/bin/env bash
# bench/documents.sh: the documents, citations and gaps benchmarks (issue 4) behind
# docs/performance.md. Builds isms_bench_documents (release preset, as run.sh does), runs
# it with 5 repetitions and prints a Markdown table: median wall and CPU time per
# operation, and the ratio to the references of the same group measured in the same run.
# bench/run.sh (make bench) runs it and appends the table to bench/results/latest.md.
#
# Knobs (environment): BENCH_SKIP_BUILD=1, BENCH_BUILD (build dir, default build/release),
# BENCH_DOC_REPETITIONS (default 5), BENCH_DOC_MIN_TIME (seconds per repetition, default
# Google Benchmark's 0.5), BENCH_DOC_JSON (keep the raw JSON there). Arguments are passed
# to the benchmark binary (e.g. --benchmark_filter=render).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BENCH_BUILD:-$ROOT/build/release}
BIN=$BUILD/bench/isms_bench_documents
REPETITIONS=${BENCH_DOC_REPETITIONS:-5}
log() { echo "bench: $*" >&2; }
die() { echo "bench: error: $*" >&2; exit 1; }

command -v python3 >/dev/null || die "python3 missing: run scripts/install-deps.sh"
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  log "building isms_bench_documents (release preset)"
  (cd "$ROOT" && cmake --preset release >/dev/null &&
    cmake --build --preset release -j2 --target isms_bench_documents) >&2
fi
[ -x "$BIN" ] || die "$BIN missing (is Google Benchmark installed? scripts/install-deps.sh)"

JSON=${BENCH_DOC_JSON:-$(mktemp /tmp/isms-bench-documents.XXXXXX.json)}
[ -n "${BENCH_DOC_JSON:-}" ] || trap 'rm -f "$JSON"' EXIT
LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)
args=(--benchmark_repetitions="$REPETITIONS" --benchmark_report_aggregates_only=true
      --benchmark_out="$JSON" --benchmark_out_format=json)
[ -n "${BENCH_DOC_MIN_TIME:-}" ] && args+=(--benchmark_min_time="$BENCH_DOC_MIN_TIME")
log "running isms_bench_documents ${args[*]} $*"
# The console table goes to stderr; the summary below is built from the JSON.
"$BIN" "${args[@]}" "$@" >&2

REV=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')
git -C "$ROOT" diff --quiet 2>/dev/null || REV="$REV + uncommitted changes"
python3 - "$JSON" "$REPETITIONS" "$LOAD_AT_START" "$REV" <<'EOF'
import json, sys
from collections import OrderedDict

path, repetitions, load, rev = sys.argv[1:5]
data = json.load(open(path))
ctx = data["context"]
to_ms = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}

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

print("## Documents, citations and gaps (`bench/documents.sh`)")
print()
print(f"{ctx.get('date', '')}, commit {rev}; {ctx.get('num_cpus', '?')} CPUs at "
      f"{ctx.get('mhz_per_cpu', '?')} MHz; load average at start {load}; "
      f"Google Benchmark library: {ctx.get('library_build_type', '?')} build (it only does the timing).")
print(f"Median of {repetitions} repetitions of each benchmark (Google Benchmark), ms per operation; "
      "the ratios divide the median (wall, CPU) time by the median of each reference of the same "
      "group, measured in the same run. cv: standard deviation / mean of the wall time over the "
      "repetitions. Wall time includes waiting for a core: on a loaded machine CPU time is the "
      "steadier figure.")
print()
print("| group | operation | median ms (wall) | median ms (CPU) | cv (wall) | ratio to reference (wall) | ratio (CPU) |")
print("|---|---|---:|---:|---:|---|---|")
for group, items in groups.items():
    refs = [(what[4:], rows[name]["median"]) for what, name in items if what.startswith("ref:")]
    for what, name in items:
        agg = rows[name]
        real, cpu = agg["median"]
        mean = agg.get("mean", (0, 0))[0]
        sd = agg.get("stddev", (0, 0))[0]
        cv = f"{100 * sd / mean:.0f} %" if mean > 0 else ""
        if what.startswith("ref:"):
            label, rel_wall, rel_cpu = f"*reference: {what[4:]}*", "—", "—"
        else:
            label = f"`{what}`"
            rel_wall = " · ".join(f"**{ratio(real, r[0])}** {n}" for n, r in refs) or "—"
            rel_cpu = " · ".join(f"{ratio(cpu, r[1])} {n}" for n, r in refs) or "—"
        print(f"| {group} | {label} | {ms(real)} | {ms(cpu)} | {cv} | {rel_wall} | {rel_cpu} |")
EOF
