#!/usr/bin/env bash
# Runs the `decode` fuzz target for a fixed budget and ends with one summary line:
#   fuzz decode: 6132 executions in 60 s, 0 crashes
# FUZZ_SECONDS sets the budget (default 60). Needs nightly and cargo-fuzz (README.md).
# libFuzzer stops at the first crash, leaving its input in fuzz/artifacts/decode/;
# the exit status is then non-zero.
set -uo pipefail
cd "$(dirname "$0")"
seconds=${FUZZ_SECONDS:-60}
mkdir -p corpus/decode artifacts/decode
count() { find artifacts/decode -type f \( -name 'crash-*' -o -name 'oom-*' -o -name 'timeout-*' -o -name 'leak-*' \) | wc -l; }
before=$(count)
log=$(mktemp)
cargo +nightly fuzz run decode corpus/decode ../tests/golden -- -max_total_time="$seconds" -print_final_stats=1 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
runs=$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\).*/\1/p' "$log" | tail -1)
[ -n "$runs" ] || runs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')
crashes=$(($(count) - before))
rm -f "$log"
if [ "$crashes" -gt 0 ] || [ "$status" -ne 0 ]; then
  echo "fuzz decode: ${runs:-0} executions in ${seconds} s, ${crashes} crashes — inputs in fuzz/artifacts/decode/ (exit status ${status})"
  exit $((status ? status : 1))
fi
echo "fuzz decode: ${runs:-0} executions in ${seconds} s, 0 crashes"
