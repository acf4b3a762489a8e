//! The alliance questions on a generated graph of 100,000 entities and 1,000,000 relations:
//! allies and adversaries, the shortest signed path, blocs. Figures go in BENCHMARKS.md.
//!
//! `cargo bench --bench queries`

// Benchmarks fail by panicking, as tests do; the no-panic lints are for library code.
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use criterion::{Criterion, criterion_group, criterion_main};
use factions::query::QueryOptions;
use factions::query::synthetic::synthetic_graph;
use factions::{EntityId, KnowledgeGraph};
use std::hint::black_box;
use std::sync::OnceLock;
use std::time::Duration;

const ENTITIES: u32 = 100_000;
const RELATIONS: usize = 1_000_000;

fn graph() -> &'static KnowledgeGraph {
    static GRAPH: OnceLock<KnowledgeGraph> = OnceLock::new();
    GRAPH.get_or_init(|| {
        let graph = synthetic_graph(ENTITIES, RELATIONS, 42);
        eprintln!(
            "generated graph: {} entities, {} relations",
            graph.entity_count(),
            graph.relation_count()
        );
        graph
    })
}

/// Entities spread over the graph, so that one hot node in cache does not flatter the figures.
fn spread(n: u32) -> Vec<EntityId> {
    (0..n).map(|i| EntityId(i * 7919 % ENTITIES)).collect()
}

fn ties(c: &mut Criterion) {
    let query = graph().query(QueryOptions::default());
    let ids = spread(1000);
    let mut group = c.benchmark_group("ties");
    let mut i = 0;
    group.bench_function("allies", |b| {
        b.iter(|| {
            i = (i + 1) % ids.len();
            black_box(query.allies(ids[i]))
        })
    });
    group.bench_function("adversaries", |b| {
        b.iter(|| {
            i = (i + 1) % ids.len();
            black_box(query.adversaries(ids[i]))
        })
    });
    group.finish();
}

fn paths(c: &mut Criterion) {
    let query = graph().query(QueryOptions::default());
    let ids = spread(1001);
    let mut group = c.benchmark_group("paths");
    let mut i = 0;
    group.bench_function("shortest_signed_path", |b| {
        b.iter(|| {
            i = (i + 1) % (ids.len() - 1);
            black_box(query.shortest_path(ids[i], ids[i + 1]))
        })
    });
    group.finish();
}

fn blocs(c: &mut Criterion) {
    let query = graph().query(QueryOptions::default());
    let mut group = c.benchmark_group("blocs");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(30));
    group.bench_function("blocs", |b| b.iter(|| black_box(query.blocs())));
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(10));
    targets = ties, paths, blocs
}
criterion_main!(benches);
