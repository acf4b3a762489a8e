//! The graph shared between threads: it is `Send + Sync`, and readers querying it while a
//! writer builds the next version and swaps it in see one whole version or the next, never a
//! graph half built.

// Tests fail by panicking; the no-panic lints are for library code.
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

mod common;
use common::{lexicon, root};

use factions::{Error, KnowledgeGraph, Lexicon, QueryOptions, ingest_text};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};

/// Compile-time: what a server shares between its threads.
const _: () = {
    const fn send_sync<T: Send + Sync>() {}
    send_sync::<KnowledgeGraph>();
    send_sync::<Lexicon>();
    send_sync::<Error>();
    send_sync::<Arc<RwLock<Arc<KnowledgeGraph>>>>();
};

const READERS: usize = 8;
/// Documents in the first version, and added by each next one.
const FIRST: usize = 4;
const STEP: usize = 2;
const NAMES: &[&str] = &[
    "SDF",
    "Iran",
    "Turkey",
    "Islamic State",
    "United States",
    "Russia",
    "Iraqi forces",
    "YPG",
];

/// The example corpus, in file order.
fn articles() -> Vec<(String, String)> {
    common::txt_files(&root().join("examples/corpus"))
        .iter()
        .map(|p| {
            let id = p.file_name().unwrap().to_string_lossy().into_owned();
            (id, std::fs::read_to_string(p).unwrap())
        })
        .collect()
}

/// A version's answers to the questions readers ask: sizes, and each name's allies and
/// adversaries with their evidence counts.
fn answers(graph: &KnowledgeGraph) -> Vec<String> {
    let query = graph.query(QueryOptions::default());
    let mut out = vec![format!(
        "{} documents, {} entities, {} relations",
        graph.documents().count(),
        graph.entity_count(),
        graph.relation_count()
    )];
    for name in NAMES {
        let Ok(id) = graph.find(name) else {
            out.push(format!("{name}: unknown"));
            continue;
        };
        for ally in query.allies(id).iter().chain(query.adversaries(id).iter()) {
            out.push(format!(
                "{name}: {} {:?} {}",
                ally.actor.name, ally.sign, ally.evidence_count
            ));
        }
    }
    out
}

/// The next version: a copy of `graph` with `docs` added. The copy is built aside, so the
/// version being read is never written to.
fn next_version(graph: &KnowledgeGraph, docs: &[(String, String)]) -> KnowledgeGraph {
    let mut next = graph.clone();
    for (id, text) in docs {
        ingest_text(&mut next, lexicon(), id, text).unwrap();
    }
    next
}

#[test]
fn readers_on_eight_threads_see_whole_versions_while_a_writer_swaps_in_the_next() {
    let articles = articles();
    assert!(articles.len() >= FIRST + 2 * STEP, "too few articles");
    // Every version the writer will publish, built here first, and the answers each gives.
    let batches: Vec<&[(String, String)]> = std::iter::once(&articles[..FIRST])
        .chain(articles[FIRST..].chunks(STEP))
        .collect();
    let mut expected = Vec::new();
    let mut graph = KnowledgeGraph::new();
    for batch in &batches {
        graph = next_version(&graph, batch);
        expected.push(answers(&graph));
    }
    for pair in expected.windows(2) {
        assert_ne!(pair[0], pair[1], "each version answers differently");
    }

    let shared = Arc::new(RwLock::new(Arc::new(next_version(
        &KnowledgeGraph::new(),
        batches[0],
    ))));
    let done = AtomicBool::new(false);
    let seen: Vec<Vec<usize>> = std::thread::scope(|scope| {
        let readers: Vec<_> = (0..READERS)
            .map(|_| {
                scope.spawn(|| {
                    let mut versions = Vec::new();
                    loop {
                        let finished = done.load(Ordering::Acquire);
                        // Hold the lock only to take the current version.
                        let graph = Arc::clone(&shared.read().unwrap());
                        let got = answers(&graph);
                        let Some(version) = expected.iter().position(|e| *e == got) else {
                            panic!("a reader saw a graph that is no whole version: {got:#?}");
                        };
                        versions.push(version);
                        if finished && versions.len() >= 3 {
                            return versions;
                        }
                    }
                })
            })
            .collect();
        let writer = scope.spawn(|| {
            for batch in &batches[1..] {
                let current = Arc::clone(&shared.read().unwrap());
                let next = Arc::new(next_version(&current, batch));
                *shared.write().unwrap() = next;
            }
            done.store(true, Ordering::Release);
        });
        writer.join().unwrap();
        readers.into_iter().map(|r| r.join().unwrap()).collect()
    });

    let last = expected.len() - 1;
    for versions in &seen {
        assert!(
            versions.windows(2).all(|w| w[0] <= w[1]),
            "a reader went back in time: {versions:?}"
        );
        assert_eq!(
            versions.last(),
            Some(&last),
            "once the writer is done, readers see the last version"
        );
    }
    assert_eq!(answers(&shared.read().unwrap()), expected[last]);
}
