//! Hostile input stays linear: a run-on document without a sentence end, and one name repeated
//! over and over, each at 1×, 2× and 4× a base size, ingested end to end into a new graph. Equal
//! MB/s across the sizes is linear time; a quadratic stage halves it at each doubling.
//! Figures go in BENCHMARKS.md ("Hostile input").
//!
//! ```sh
//! cargo bench --bench hostile
//! ```

// Benchmarks fail by panicking, as tests do; the no-panic lints are for library code.
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use factions::{IngestOptions, KnowledgeGraph, Lexicon, ingest_text_with};
use std::hint::black_box;
use std::time::Duration;

/// The base size of each input, in bytes.
const BASE: usize = 1_000_000;

/// The inputs: a name and the unit repeated to make it.
const INPUTS: &[(&str, &str)] = &[
    (
        "run-on",
        "the talks dragged on while Iran and the Houthis waited for word from Geneva and ",
    ),
    ("repeated-name", "Iran "),
];

fn hostile(c: &mut Criterion) {
    let lexicon = Lexicon::built_in().unwrap();
    let options = IngestOptions::default().max_document_bytes(0);
    let mut group = c.benchmark_group("hostile");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8));
    for (name, unit) in INPUTS {
        for times in [1, 2, 4] {
            let text = unit.repeat(times * BASE / unit.len());
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_with_input(
                BenchmarkId::new(*name, format!("{times}x")),
                &text,
                |b, text| {
                    b.iter(|| {
                        let mut graph = KnowledgeGraph::new();
                        let report =
                            ingest_text_with(&mut graph, &lexicon, "hostile.txt", text, options)
                                .unwrap();
                        black_box((graph, report))
                    });
                },
            );
        }
    }
    group.finish();
}

criterion_group!(benches, hostile);
criterion_main!(benches);
