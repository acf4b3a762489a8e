#!/usr/bin/env bash
# Seed corpora for the fuzz targets, made from the repository's own texts (never committed:
# fuzz/corpus is ignored). Usage: fuzz/seed.sh [TARGET...]   (default: all three)
set -euo pipefail
cd "$(dirname "$0")/.."
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(ingest lexicon snapshot)
for target in "${targets[@]}"; do
    out=fuzz/corpus/$target
    mkdir -p "$out"
    case $target in
    ingest)
        cp examples/corpus/*.txt tests/data/devset/*.txt "$out"/
        ;;
    lexicon)
        # Each lexicon file cut into pieces of a few entries at section headers, so that an
        # execution parses kilobytes, not the whole built-in lexicon.
        for f in lexicon/*.toml lexicon/actors/*.toml; do
            awk -v out="$out/$(basename "$f" .toml)" '
                /^\[/ && size > 1500 { n++; size = 0 }
                { print > (out "-" n ".toml"); size += length($0) + 1 }
            ' n=0 "$f"
        done
        ;;
    snapshot)
        # Small graphs and parts files: one per example article, and one of them all.
        cargo build --release --quiet
        for f in examples/corpus/*.txt; do
            name=$(basename "$f" .txt)
            target/release/factions ingest -q "$f" -o "$out/$name.json" || true
            target/release/factions extract "$f" -o "$out/$name.jsonl" || true
        done
        cp tests/data/eval_sample_graph.json "$out"/
        ;;
    *)
        echo "unknown target $target" >&2
        exit 1
        ;;
    esac
    echo "$out: $(ls "$out" | wc -l) files"
done
