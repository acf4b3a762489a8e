//! Parallel ingest: any number of threads gives exactly the graph that one thread gives, file
//! failures included, across many batches of documents.

// Tests fail by panicking; the no-panic lints are for library code.
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use factions::export::json;
use factions::{IngestOptions, KnowledgeGraph, ingest_paths_with};
use std::path::{Path, PathBuf};

mod common;
use common::lexicon;

/// A folder holding every article of the three annotated corpora several times over (each copy
/// under its own name, so the same text appears as several documents), and one file that is
/// not text: enough documents for many batches.
fn corpus() -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::temp_dir().join(format!("factions-parallel-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let sources = [
        root.join("../shared/corpus/seeds"),
        root.join("tests/data/devset"),
        root.join("examples/corpus"),
    ];
    let mut n = 0;
    for copy in 0..12 {
        for folder in &sources {
            let Ok(entries) = std::fs::read_dir(folder) else {
                continue;
            };
            let mut files: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
            files.sort();
            for f in files
                .iter()
                .filter(|f| f.extension().is_some_and(|e| e == "txt"))
            {
                std::fs::copy(f, dir.join(format!("{copy:02}-{n:04}.txt"))).unwrap();
                n += 1;
            }
        }
    }
    std::fs::write(dir.join("05-binary.txt"), [0xff, 0xfe, 0x00, 0x81]).unwrap();
    assert!(n > 200, "only {n} articles");
    dir
}

fn ingest(dir: &Path, threads: usize) -> (Vec<u8>, Vec<String>, Vec<String>) {
    let mut graph = KnowledgeGraph::new();
    let mut seen = 0;
    let options = IngestOptions::default().threads(threads);
    let report = ingest_paths_with(&mut graph, lexicon(), &[dir], options, |p| {
        seen += 1;
        assert_eq!(p.files, seen, "progress counts every file once, in order");
    });
    let mut out = Vec::new();
    json::write(&graph, &mut out, Path::new("mem")).unwrap();
    let failed = report.failed.iter().map(ToString::to_string).collect();
    (out, report.ingested, failed)
}

#[test]
fn any_number_of_threads_gives_the_one_thread_graph() {
    let dir = corpus();
    let one = ingest(&dir, 1);
    assert_eq!(one.2.len(), 1, "{:?}", one.2);
    for threads in [2, 3, 8] {
        let many = ingest(&dir, threads);
        assert_eq!(
            many.1, one.1,
            "{threads} threads: documents in another order"
        );
        assert_eq!(many.2, one.2, "{threads} threads: other failures");
        assert!(many.0 == one.0, "{threads} threads: another graph");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
