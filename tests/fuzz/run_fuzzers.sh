#!/usr/bin/env bash
# Runs every fuzz target of a `fuzz` preset build for SECONDS each, one after the other:
#   tests/fuzz/run_fuzzers.sh BUILD_DIR SECONDS [TARGET...]
# Corpora are seeded from the repository's data (seed_corpus.sh) into BUILD_DIR/fuzz-corpus/
# and grow across runs; the inputs kept in tests/fuzz/crashes/<target>/ are replayed with them.
# A crashing, leaking, sanitizer-reporting or hanging input (10 s) is saved under
# BUILD_DIR/fuzz-findings/<target>/. Fails if any target found something.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:?usage: run_fuzzers.sh BUILD_DIR SECONDS [TARGET...]}"
seconds="${2:?usage: run_fuzzers.sh BUILD_DIR SECONDS [TARGET...]}"
shift 2
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for bin in "$build"/tests/fuzz/fuzz_*; do
    [ -x "$bin" ] && targets+=("$(basename "$bin" | sed 's/^fuzz_//')")
  done
fi
if [ ${#targets[@]} -eq 0 ]; then
  echo "run_fuzzers: no fuzz targets in $build/tests/fuzz (build the fuzz preset first)" >&2
  exit 2
fi

corpus_root="$build/fuzz-corpus"
findings_root="$build/fuzz-findings"
logs="$build/fuzz-logs"
mkdir -p "$corpus_root" "$findings_root" "$logs"
"$here/seed_corpus.sh" "$corpus_root" "${targets[@]}" > /dev/null

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

failed=()
printf '%-14s %12s %8s  %s\n' target executions corpus result
for t in "${targets[@]}"; do
  bin="$build/tests/fuzz/fuzz_$t"
  mkdir -p "$findings_root/$t"
  # Inputs kept in tests/fuzz/crashes/TARGET/ are replayed first: a fixed finding stays fixed.
  kept=()
  [ -d "$here/crashes/$t" ] && kept=("$here/crashes/$t")
  "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$findings_root/$t/" "$corpus_root/$t" "${kept[@]}" > "$logs/$t.log" 2>&1
  status=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$logs/$t.log" | tail -1)
  corpus=$(find "$corpus_root/$t" -type f | wc -l)
  if [ $status -eq 0 ]; then
    result=ok
  else
    result="FINDING (exit $status): $(grep -m1 -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error|fuzz_)' "$logs/$t.log" || true)"
    result+=" -> $(ls -t "$findings_root/$t" | head -1 | sed "s|^|$findings_root/$t/|")"
    failed+=("$t")
  fi
  printf '%-14s %12s %8s  %s\n' "$t" "${execs:-?}" "$corpus" "$result"
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "run_fuzzers: findings in: ${failed[*]} (logs in $logs/)" >&2
  exit 1
fi
