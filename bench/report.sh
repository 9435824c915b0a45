# The Markdown report of bench/run.sh (sourced by it): reads the .tsv and .times files the
# run left in $WORK and prints the tables that go to bench/results/latest.md.
# shellcheck shell=bash

seed_value() { awk -v l="$1" -v k="$2" '$1 == l && $2 == k { print $3 }' "$WORK/seed.tsv"; }
# col ENGINE SERVER FIELD: one list.tsv field over all rounds (4 rps, 5 p50, 6 p99, 8 cpu).
col() { awk -v e="$1" -v s="$2" -v f="$3" '$1 == e && $3 == s { print $f }' "$WORK/list.tsv"; }
# times_col FILE FIELD: one field of a .times file (1 wall s, 2 max RSS kB, 3 CPU s).
times_col() { awk -v f="$2" '{ print $f }' "$1"; }
mbps() { awk -v b="$1" -v t="$2" 'BEGIN { if (t > 0) printf "%.0f", b / t / 1e6; else print 0 }'; }

report_machine() {
  local rev dirty=""
  rev=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')
  git -C "$ROOT" diff --quiet 2>/dev/null || dirty=" + uncommitted changes"
  echo "# isms benchmark results"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $rev$dirty; $(nproc) × $(lscpu | awk -F: '/Model name/ { gsub(/^ +/, "", $2); print $2; exit }'),"
  echo "$(free -g | awk '/Mem:/ { print $2 }') GB RAM, kernel $(uname -r); load average at start $LOAD_AT_START."
  echo "wrk -t2 -c$CONNECTIONS -d$DURATION --latency; wrk, isms and nginx share the machine's cores."
}

report_list() {
  local engine=$1 irps nrps
  echo
  echo "## List: \`GET $QUERY\` — $engine, $ASSETS assets"
  echo
  echo "Response: $(stat -c %s "$WORK/body-$engine.json") bytes; nginx serves the same bytes as a static file."
  echo "CPU µs/req: the server's user + system CPU time during the run divided by its requests."
  echo
  echo "| round | server | req/s | p50 ms | p99 ms | CPU µs/req | errors |"
  echo "|---|---|---:|---:|---:|---:|---:|"
  awk -v e="$engine" '$1 == e { printf "| %s | %s | %.0f | %.2f | %.2f | %s | %s |\n", $2, $3, $4, $5, $6, $8, $7 }' "$WORK/list.tsv"
  local server
  for server in isms nginx; do
    printf '| **median** | %s | **%.0f** | %.2f | **%.2f** | %.0f | |\n' "$server" \
      "$(col "$engine" $server 4 | median)" "$(col "$engine" $server 5 | median)" \
      "$(col "$engine" $server 6 | median)" "$(col "$engine" $server 8 | median)"
  done
  irps=$(col "$engine" isms 4 | median)
  nrps=$(col "$engine" nginx 4 | median)
  echo
  echo "**isms / nginx: $(ratio "$irps" "$nrps")× req/s** (aim ≥ 0.5×); isms p99 $(col "$engine" isms 6 | median) ms (aim < 10 ms)."
  echo
  awk -v e="$engine" '$1 == e { printf "isms serve memory: idle %.1f MB RSS (%.1f MB anonymous); under load max %.1f MB RSS (%.1f MB anonymous); VmHWM %.1f MB.\n", $2/1024, $3/1024, $4/1024, $5/1024, $6/1024 }' "$WORK/memory.tsv"
  if grep -q "^$engine " "$WORK/extra.tsv"; then
    echo
    echo "Other list shapes, one 5 s run each (isms only):"
    echo
    echo "| query | req/s | p50 ms | p99 ms | errors |"
    echo "|---|---:|---:|---:|---:|"
    awk -v e="$engine" '$1 == e { printf "| `%s` | %.0f | %.2f | %.2f | %s |\n", $2, $3, $4, $5, $6 }' "$WORK/extra.tsv"
  fi
}

report_ledger() {
  local bytes entries name file wall cpu
  bytes=$(seed_value sqlite-ledger dump_hashed_bytes)
  entries=$(seed_value sqlite-ledger dump_entries)
  echo
  echo "## Ledger: \`isms ledger verify\` over $entries entries (SQLite)"
  echo
  echo "Bytes hashed: $bytes ($(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB: encode_for_hash of every entry, $(awk -v b="$bytes" -v n="$entries" 'BEGIN { printf "%.0f", b / n }') B on average; change payloads $(seed_value sqlite-ledger ledger_change_bytes_avg | cut -d. -f1) B on average)."
  echo "The references hash one file of exactly these bytes. Median of 3 runs; MB/s = bytes / wall time."
  echo
  echo "| command | wall s | CPU s | MB/s | MB/s by CPU time | max RSS MB |"
  echo "|---|---:|---:|---:|---:|---:|"
  for name in verify sha256sum openssl; do
    file=$WORK/$name.times
    wall=$(times_col "$file" 1 | median)
    cpu=$(times_col "$file" 3 | median)
    case $name in
      verify) printf '| isms ledger verify ' ;;
      sha256sum) printf '| sha256sum (reference) ' ;;
      openssl) printf '| openssl dgst -sha256 (context) ' ;;
    esac
    printf '| %s | %s | %s | %s | %s |\n' "$wall" "$cpu" "$(mbps "$bytes" "$wall")" \
      "$(mbps "$bytes" "$cpu")" "$(mb "$(times_col "$file" 2 | median)")"
  done
  echo
  echo "**verify / sha256sum: $(ratio "$(times_col "$WORK/sha256sum.times" 1 | median)" "$(times_col "$WORK/verify.times" 1 | median)")× MB/s** (aim ≥ 0.5×; by CPU time $(ratio "$(times_col "$WORK/sha256sum.times" 3 | median)" "$(times_col "$WORK/verify.times" 3 | median)")×)."
  echo "All runs, wall s: verify $(times_col "$WORK/verify.times" 1 | tr '\n' ' ')· sha256sum $(times_col "$WORK/sha256sum.times" 1 | tr '\n' ' ')· openssl $(times_col "$WORK/openssl.times" 1 | tr '\n' ' ')."
}

report_seeding() {
  echo
  echo "## Seeding (isms_bench_seed, 1,000 objects per write transaction)"
  echo
  echo "| store | step | count | seconds |"
  echo "|---|---|---:|---:|"
  awk '$2 == "assets_created" { c[$1] = $3 }
       $2 == "assets_seconds" && c[$1] > 0 { printf "| %s | assets | %s | %.1f |\n", $1, c[$1], $3 }
       $2 == "ledger_entries_appended" { l[$1] = $3 }
       $2 == "ledger_seconds" && l[$1] > 0 { printf "| %s | ledger entries | %s | %.1f |\n", $1, l[$1], $3 }' \
    "$WORK/seed.tsv"
}

report() {
  local engine
  report_machine
  for engine in $(awk '{ print $1 }' "$WORK/list.tsv" | uniq); do report_list "$engine"; done
  if [ -s "$WORK/verify.times" ]; then report_ledger; fi
  report_seeding
}
