#!/usr/bin/env bash
# Runs each fuzz target in turn for SECONDS (default 600) on one core, with the seed corpora
# of seed.sh; libFuzzer's log for each goes to /tmp/fuzz-TARGET.log.
# Usage: fuzz/run.sh [SECONDS] [TARGET...]
set -uo pipefail
cd "$(dirname "$0")"
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(ingest lexicon snapshot)
for target in "${targets[@]}"; do
    [ -d "corpus/$target" ] || ./seed.sh "$target"
    dict=()
    [ -f "$target.dict" ] && dict=(-dict="$target.dict")
    cargo +nightly fuzz run -O -s none "$target" -- -max_total_time="$seconds" -timeout=10 \
        -print_final_stats=1 -entropic=0 "${dict[@]}" >"/tmp/fuzz-$target.log" 2>&1
    echo "$target: exit $? ($(grep -E 'stat::number_of_executed_units' "/tmp/fuzz-$target.log"))"
done
