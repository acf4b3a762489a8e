//! Growing a graph: documents ingested one at a time (through a saved snapshot each time), or
//! extracted in shards and merged in any order, give the graph one ingest gives; the same
//! document again changes nothing; a changed document replaces its evidence.

// Tests fail by panicking; the no-panic lints are for library code.
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

mod common;
use common::{root, txt_files as files};

use factions::export::json;
use factions::{Change, KnowledgeGraph, ingest_paths, parts};
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The corpora to check: the example corpus, and the seeds when `../shared` is there.
fn corpora() -> Vec<PathBuf> {
    let mut dirs = vec![root().join("examples/corpus")];
    let seeds = root().join("../shared/corpus/seeds");
    if seeds.is_dir() {
        dirs.push(seeds);
    } else {
        println!("notice: ../shared/corpus/seeds is absent; only examples/corpus is checked");
    }
    dirs
}

fn to_json(graph: &KnowledgeGraph) -> String {
    let mut out = Vec::new();
    json::write(graph, &mut out, Path::new("mem")).unwrap();
    String::from_utf8(out).unwrap()
}

fn one_ingest(dir: &Path) -> KnowledgeGraph {
    let mut graph = KnowledgeGraph::new();
    let report = ingest_paths(&mut graph, common::lexicon(), &[dir]);
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    graph
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("factions-inc-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn one_file_at_a_time_through_a_snapshot_gives_the_one_ingest_graph() {
    let scratch = scratch("one-at-a-time");
    for dir in corpora() {
        let expected = to_json(&one_ingest(&dir));
        let snapshot = scratch.join("graph.json");
        let _ = std::fs::remove_file(&snapshot);
        for file in files(&dir) {
            let mut graph = if snapshot.exists() {
                json::load(&snapshot).unwrap()
            } else {
                KnowledgeGraph::new()
            };
            let report = ingest_paths(&mut graph, common::lexicon(), &[&file]);
            assert_eq!(report.ingested.len(), 1, "{}", file.display());
            json::save(&graph, &snapshot).unwrap();
        }
        let grown = std::fs::read_to_string(&snapshot).unwrap();
        assert_eq!(grown, expected, "{}", dir.display());
    }
}

#[test]
fn the_same_documents_again_change_nothing() {
    for dir in corpora() {
        let mut graph = one_ingest(&dir);
        let before = to_json(&graph);
        let report = ingest_paths(&mut graph, common::lexicon(), &[&dir]);
        assert_eq!(report.unchanged.len(), files(&dir).len());
        assert!(report.replaced.is_empty());
        assert_eq!(to_json(&graph), before, "{}", dir.display());
    }
}

#[test]
fn a_changed_document_replaces_its_old_evidence() {
    let work = scratch("changed");
    let a = work.join("a.txt");
    let b = work.join("b.txt");
    std::fs::write(
        &a,
        "Tehran talks\nMarch 3, 2023\nIran backs the Houthis. The Houthis attacked Saudi forces.",
    )
    .unwrap();
    std::fs::write(&b, "Turkey is fighting the YPG near the border.").unwrap();
    let mut graph = one_ingest(&work);
    std::fs::write(
        &a,
        "Moscow talks\nMarch 4, 2023\nRussia is coordinating with Iran against the Islamic State.",
    )
    .unwrap();
    let report = ingest_paths(&mut graph, common::lexicon(), &[&a]);
    assert_eq!(report.replaced, ["a.txt"]);
    assert_eq!(to_json(&graph), to_json(&one_ingest(&work)));
    assert!(
        graph.find("Houthis").is_err(),
        "an entity only the old text named is gone"
    );
}

#[test]
fn a_snapshot_without_hashes_is_refreshed_once_then_left_alone() {
    let dir = root().join("examples/corpus");
    let fresh = one_ingest(&dir);
    let mut old: serde_json::Value = serde_json::from_str(&to_json(&fresh)).unwrap();
    for d in old["documents"].as_array_mut().unwrap() {
        d.as_object_mut().unwrap().remove("hash");
    }
    let mut graph = json::read(&old.to_string(), Path::new("old.json")).unwrap();
    let report = ingest_paths(&mut graph, common::lexicon(), &[&dir]);
    assert_eq!(report.replaced.len(), files(&dir).len());
    assert_eq!(to_json(&graph), to_json(&fresh));
    let report = ingest_paths(&mut graph, common::lexicon(), &[&dir]);
    assert_eq!(report.unchanged.len(), files(&dir).len());
}

#[test]
fn merging_a_part_twice_changes_nothing() {
    let (lines, expected) = example_parts();
    let mut graph = KnowledgeGraph::new();
    let all = lines.concat();
    let first = parts::merge(&mut graph, &all, Path::new("a.jsonl")).unwrap();
    assert!(first.iter().all(|c| *c == Change::Added));
    let again = parts::merge(&mut graph, &all, Path::new("a.jsonl")).unwrap();
    assert!(again.iter().all(|c| *c == Change::Unchanged));
    assert_eq!(&to_json(&graph), expected);
}

#[test]
fn the_seeds_extracted_and_merged_give_the_one_ingest_graph() {
    for dir in corpora() {
        let mut shards: Vec<Vec<u8>> = vec![Vec::new(), Vec::new()];
        for (i, file) in files(&dir).iter().enumerate() {
            parts::extract(
                common::lexicon(),
                &[file],
                &mut shards[i % 2],
                Path::new("x"),
            )
            .unwrap();
        }
        let mut graph = KnowledgeGraph::new();
        for (i, shard) in shards.iter().enumerate().rev() {
            parts::merge(
                &mut graph,
                &String::from_utf8_lossy(shard),
                Path::new(&format!("shard{i}")),
            )
            .unwrap();
        }
        assert_eq!(
            to_json(&graph),
            to_json(&one_ingest(&dir)),
            "{}",
            dir.display()
        );
    }
}

#[test]
fn a_bad_parts_line_names_its_line() {
    let (lines, _) = example_parts();
    let text = format!(
        "{}{{\"format\": \"factions-part\", \"version\": 7}}\n",
        lines[0]
    );
    let err = parts::merge(&mut KnowledgeGraph::new(), &text, Path::new("p.jsonl"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("p.jsonl") && err.contains("line 2"), "{err}");
    let text = format!("{}{{\"format\": \"factions-part\", \n", lines[0]);
    let err = parts::merge(&mut KnowledgeGraph::new(), &text, Path::new("p.jsonl"))
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("p.jsonl: line 2"), "{err}");
}

/// The parts of examples/corpus, one line per document, and the JSON of one ingest.
fn example_parts() -> &'static (Vec<String>, String) {
    static PARTS: OnceLock<(Vec<String>, String)> = OnceLock::new();
    PARTS.get_or_init(|| {
        let dir = root().join("examples/corpus");
        let mut out = Vec::new();
        parts::extract(common::lexicon(), &[&dir], &mut out, Path::new("mem")).unwrap();
        let lines = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| format!("{l}\n"))
            .collect();
        (lines, to_json(&one_ingest(&dir)))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    /// Any split of the documents into shards, each shard's lines in any order, the shards
    /// merged in any order — and a shard merged twice — gives the one-ingest graph.
    #[test]
    fn any_sharding_and_order_merges_to_the_one_ingest_graph(
        order in Just((0..example_parts().0.len()).collect::<Vec<_>>()).prop_shuffle(),
        shards in 1usize..=5,
        rotate in 0usize..5,
        repeat in any::<bool>(),
    ) {
        let (lines, expected) = example_parts();
        let mut files = vec![String::new(); shards];
        for (i, doc) in order.iter().enumerate() {
            if let Some(line) = lines.get(*doc) {
                files[i % shards].push_str(line);
            }
        }
        files.rotate_left(rotate % shards);
        if repeat {
            files.push(files[0].clone());
        }
        let mut graph = KnowledgeGraph::new();
        for (i, file) in files.iter().enumerate() {
            parts::merge(&mut graph, file, Path::new(&format!("part{i}.jsonl"))).unwrap();
        }
        prop_assert_eq!(&to_json(&graph), expected);
    }
}
