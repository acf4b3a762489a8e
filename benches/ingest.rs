//! Ingest throughput in MB/s of article text: each stage of the pipeline on its own (cleaning,
//! sentences, mentions, resolution, relations, graph merge), then end to end from the files on
//! one thread and on every core. Figures go in BENCHMARKS.md.
//!
//! ```sh
//! cargo bench --bench ingest                                   # the annotated corpora (~140 KB)
//! cargo run --release --example gencorpus -- /tmp/gen-10mb 10MB 7
//! FACTIONS_BENCH_CORPUS=/tmp/gen-10mb cargo bench --bench ingest
//! ```

// Benchmarks fail by panicking, as tests do; the no-panic lints are for library code.
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use factions::ingest::{extract, stages};
use factions::{Document, IngestOptions, KnowledgeGraph, Lexicon, ingest_paths_with, source};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

/// The folders ingested: `FACTIONS_BENCH_CORPUS` (a folder, e.g. from the gencorpus example), or
/// the project's three annotated corpora.
fn folders() -> Vec<PathBuf> {
    if let Ok(dir) = std::env::var("FACTIONS_BENCH_CORPUS") {
        return vec![PathBuf::from(dir)];
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    vec![
        root.join("../shared/corpus/seeds"),
        root.join("tests/data/devset"),
        root.join("examples/corpus"),
    ]
    .into_iter()
    .filter(|p| p.is_dir())
    .collect()
}

/// Every document's id and raw text, read once.
fn texts() -> Vec<(String, String)> {
    let (sources, failed) = source::collect(&folders());
    assert!(failed.is_empty(), "{failed:?}");
    sources
        .iter()
        .map(|s| (s.id.clone(), std::fs::read_to_string(&s.path).unwrap()))
        .collect()
}

fn stages(c: &mut Criterion) {
    let lexicon = Lexicon::built_in().unwrap();
    let texts = texts();
    let bytes: u64 = texts.iter().map(|(_, t)| t.len() as u64).sum();
    eprintln!("corpus: {} documents, {bytes} bytes", texts.len());

    // Each stage's input, computed once by the stages before it.
    let docs: Vec<Document> = texts
        .iter()
        .map(|(id, t)| Document::new(id.as_str(), t.as_str(), &lexicon))
        .collect();
    let sentences: Vec<_> = docs
        .iter()
        .map(|d| stages::sentences(d, &lexicon))
        .collect();
    let finds: Vec<_> = docs
        .iter()
        .zip(&sentences)
        .map(|(d, s)| stages::mentions(d, &lexicon, s))
        .collect();
    let resolved: Vec<_> = docs
        .iter()
        .zip(&finds)
        .map(|(d, f)| stages::resolve(d, &lexicon, f))
        .collect();
    let extractions: Vec<_> = docs.iter().map(|d| extract(d, &lexicon)).collect();

    let mut group = c.benchmark_group("ingest stage");
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("1 cleaning", |b| {
        b.iter(|| {
            for (id, t) in &texts {
                black_box(Document::new(id.as_str(), t.as_str(), &lexicon));
            }
        });
    });
    group.bench_function("2 sentences", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(stages::sentences(d, &lexicon));
            }
        });
    });
    group.bench_function("3 mentions", |b| {
        b.iter(|| {
            for (d, s) in docs.iter().zip(&sentences) {
                black_box(stages::mentions(d, &lexicon, s));
            }
        });
    });
    group.bench_function("4 resolution", |b| {
        b.iter(|| {
            for (d, f) in docs.iter().zip(&finds) {
                black_box(stages::resolve(d, &lexicon, f));
            }
        });
    });
    group.bench_function("5 relations", |b| {
        b.iter(|| {
            for ((d, f), (entities, mentions)) in docs.iter().zip(&finds).zip(&resolved) {
                black_box(stages::relations(
                    d,
                    &lexicon,
                    f,
                    entities,
                    mentions,
                    Default::default(),
                ));
            }
        });
    });
    group.bench_function("6 graph merge", |b| {
        b.iter_batched(
            KnowledgeGraph::new,
            |mut graph| {
                for (d, x) in docs.iter().zip(&extractions) {
                    graph.merge(x, Some(d), &lexicon);
                }
                graph
            },
            BatchSize::LargeInput,
        );
    });
    group.finish();

    let mut group = c.benchmark_group("ingest end to end");
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(5));
    let folders = folders();
    for threads in [1, 2] {
        group.bench_function(format!("files, {threads} thread(s)"), |b| {
            b.iter(|| {
                let mut graph = KnowledgeGraph::new();
                let options = IngestOptions::default().threads(threads);
                let report = ingest_paths_with(&mut graph, &lexicon, &folders, options, |_| {});
                assert!(report.failed.is_empty());
                graph
            });
        });
    }
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
