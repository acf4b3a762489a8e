//! Snapshots: files written by earlier versions still load with the same answers; a save is
//! atomic; a newer, older, truncated or corrupt file is an error naming the file and position.

// Tests fail by panicking; the no-panic lints are for library code.
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

mod common;

use factions::export::{self, json};
use factions::{Error, KnowledgeGraph, QueryOptions, ingest_text};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Snapshots kept as written, by the version that wrote them. Add one whenever the format
/// changes; never edit one.
const FIXTURES: &[(&str, usize, usize)] = &[
    // examples/corpus before documents carried a content hash.
    ("tests/data/snapshots/v1-examples-2026-11.json", 87, 78),
    // examples/corpus with documents' content hashes.
    (
        "tests/data/snapshots/v1-hashed-examples-2026-11.json",
        87,
        78,
    ),
];

fn to_json(graph: &KnowledgeGraph) -> String {
    let mut out = Vec::new();
    json::write(graph, &mut out, Path::new("mem")).unwrap();
    String::from_utf8(out).unwrap()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("factions-snap-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn allies(graph: &KnowledgeGraph, name: &str) -> Vec<String> {
    let id = graph.find(name).unwrap();
    graph
        .query(QueryOptions::default())
        .allies(id)
        .iter()
        .map(|a| a.actor.name.to_owned())
        .collect()
}

#[test]
fn every_kept_snapshot_loads_and_writes_back_the_same_bytes() {
    for &(file, entities, relations) in FIXTURES {
        let graph = json::load(Path::new(file)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(graph.entity_count(), entities, "{file}");
        assert_eq!(graph.relation_count(), relations, "{file}");
        let text = std::fs::read_to_string(file).unwrap();
        assert_eq!(to_json(&graph), text, "{file} round-trips byte for byte");
        let sdf = allies(&graph, "SDF");
        assert!(sdf.iter().any(|a| a == "Iraqi forces"), "{file}: {sdf:?}");
    }
}

#[test]
fn old_and_new_snapshots_give_the_same_answers() {
    let old = json::load(Path::new(FIXTURES[0].0)).unwrap();
    let new = json::load(Path::new(FIXTURES[1].0)).unwrap();
    for name in ["SDF", "Iran", "Turkey", "Islamic State", "Pentagon"] {
        assert_eq!(allies(&old, name), allies(&new, name), "{name}");
    }
    assert!(old.documents().all(|d| d.hash.is_none()));
    assert!(new.documents().all(|d| d.hash.is_some()));
}

#[test]
fn ingest_save_load_keeps_every_answer() {
    let lexicon = common::lexicon();
    let mut graph = KnowledgeGraph::new();
    factions::ingest_paths(&mut graph, lexicon, &["examples/corpus"]);
    let dir = scratch("roundtrip");
    let path = dir.join("graph.json");
    json::save(&graph, &path).unwrap();
    let loaded = json::load(&path).unwrap();
    assert_eq!(to_json(&loaded), to_json(&graph));
    let options = QueryOptions::default();
    for (id, e) in graph.entities() {
        let other = loaded.find(&e.name).unwrap();
        let names = |g: &KnowledgeGraph, id| -> Vec<String> {
            let q = g.query(options.clone());
            q.allies(id)
                .iter()
                .chain(q.adversaries(id).iter())
                .map(|a| format!("{} {:?} {}", a.actor.name, a.sign, a.evidence_count))
                .collect()
        };
        assert_eq!(names(&graph, id), names(&loaded, other), "{}", e.name);
    }
}

/// A writer that fails after `left` bytes, like a disk that fills up.
struct FailAfter<W> {
    inner: W,
    left: usize,
}

impl<W: Write> Write for FailAfter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.left == 0 {
            return Err(std::io::Error::other("disk full"));
        }
        let n = buf.len().min(self.left);
        self.left -= n;
        self.inner.write(&buf[..n])
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[test]
fn a_save_that_fails_halfway_leaves_the_previous_snapshot_whole() {
    let lexicon = common::lexicon();
    let mut graph = KnowledgeGraph::new();
    ingest_text(&mut graph, lexicon, "a.txt", "Iran backs the Houthis.").unwrap();
    let dir = scratch("atomic");
    let path = dir.join("graph.json");
    json::save(&graph, &path).unwrap();
    let before = std::fs::read(&path).unwrap();

    ingest_text(
        &mut graph,
        lexicon,
        "b.txt",
        "The Houthis attacked Saudi forces near the border.",
    )
    .unwrap();
    let size = to_json(&graph).len();
    for cut in [0, 1, size / 2, size - 1] {
        let result = export::replace(&path, |out| {
            json::write(
                &graph,
                FailAfter {
                    inner: out,
                    left: cut,
                },
                &path,
            )
        });
        let err = result
            .expect_err("a failing writer fails the save")
            .to_string();
        assert!(
            err.contains("graph.json") && err.contains("disk full"),
            "{err}"
        );
        assert_eq!(std::fs::read(&path).unwrap(), before, "cut at {cut}");
    }
    let left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["graph.json"], "no temporary file is left behind");

    json::save(&graph, &path).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), to_json(&graph));
}

#[test]
fn a_save_into_a_missing_folder_names_the_file() {
    let path = scratch("missing").join("no/such/folder/graph.json");
    let err = json::save(&KnowledgeGraph::new(), &path).unwrap_err();
    assert!(matches!(err, Error::Io { .. }), "{err:?}");
    assert!(err.to_string().contains("graph.json"), "{err}");
}

fn read_err(text: &str) -> String {
    json::read(text, Path::new("snap.json"))
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default()
}

#[test]
fn newer_older_and_foreign_files_say_what_they_are() {
    let body = r#""documents": [], "entities": [], "relations": []"#;
    let newer = read_err(&format!(
        r#"{{"format": "factions-graph", "version": 2, {body}, "new_field": {{}}}}"#
    ));
    assert!(
        newer.starts_with("snap.json: line 1, column 30: ") && newer.contains("version 2 is newer"),
        "{newer}"
    );
    let older = read_err(&format!(
        r#"{{"format": "factions-graph", "version": 0, {body}}}"#
    ));
    assert!(older.contains("version 0 is older"), "{older}");
    let foreign = read_err(&format!(r#"{{"format": "gold", "version": 1, {body}}}"#));
    assert!(foreign.contains("\"gold\""), "{foreign}");
    let none = read_err(&format!("{{{body}}}"));
    assert!(none.contains("format (none)"), "{none}");
}

#[test]
fn a_truncated_snapshot_is_an_error_with_its_line_never_a_panic() {
    let text = std::fs::read_to_string(FIXTURES[1].0).unwrap();
    let lines = text.lines().count();
    let mut cut = 0;
    while cut < text.len() - 1 {
        if text.is_char_boundary(cut) {
            match json::read(&text[..cut], Path::new("cut.json")) {
                Err(Error::Json { path, line, .. }) => {
                    assert_eq!(path, Path::new("cut.json"));
                    assert!((1..=lines).contains(&line), "cut {cut}: line {line}");
                }
                other => panic!("cut at {cut}: {other:?}"),
            }
        }
        cut += 997;
    }
}

#[test]
fn corrupt_snapshots_are_errors_with_a_position() {
    let text = std::fs::read_to_string(FIXTURES[1].0).unwrap();
    // A stray brace.
    let broken = text.replacen("\"entities\": [", "\"entities\": [}", 1);
    let err = read_err(&broken);
    assert!(err.starts_with("snap.json: line "), "{err}");
    // An id that points nowhere.
    let dangling = text.replacen("\"source\": 0,", "\"source\": 99999,", 1);
    let err = read_err(&dangling);
    assert!(err.contains("relations[") && err.contains("99999"), "{err}");
    // A span that ends before it starts, a confidence no evidence can have.
    let backwards = text.replacen("\"start\": 662,", "\"start\": 99999,", 1);
    let err = read_err(&backwards);
    assert!(
        err.contains("relations[") && err.contains("starts at 99999 after it ends"),
        "{err}"
    );
    let negative = text.replacen(
        "\"confidence\": 0.95,\n          \"attributed",
        "\"confidence\": -0.95,\n          \"attributed",
        1,
    );
    let err = read_err(&negative);
    assert!(err.contains("outside 0..=1"), "{err}");
    // Not text at all.
    let dir = scratch("corrupt");
    let path = dir.join("binary.json");
    let mut bytes = text.into_bytes();
    bytes[100] = 0xFF;
    std::fs::write(&path, &bytes).unwrap();
    match json::load(&path) {
        Err(Error::NotText { path: p, offset }) => {
            assert_eq!(p, path);
            assert_eq!(offset, 100);
        }
        other => panic!("{other:?}"),
    }
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    fn fixture() -> &'static [u8] {
        static BYTES: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
        BYTES.get_or_init(|| std::fs::read(FIXTURES[1].0).unwrap())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// A snapshot with bytes overwritten, cut short or both reads as a graph or fails with
        /// an error naming the file; it never panics.
        #[test]
        fn a_damaged_snapshot_is_a_graph_or_an_error(
            edits in proptest::collection::vec((any::<proptest::sample::Index>(), any::<u8>()), 0..6),
            cut in any::<proptest::sample::Index>(),
            truncate in any::<bool>(),
        ) {
            let mut bytes = fixture().to_vec();
            for (at, byte) in edits {
                let i = at.index(bytes.len());
                bytes[i] = byte;
            }
            if truncate {
                bytes.truncate(cut.index(bytes.len()));
            }
            let dir = std::env::temp_dir().join(format!("factions-fuzz-{}", std::process::id()));
            std::fs::create_dir_all(&dir).unwrap();
            let path = dir.join("damaged.json");
            std::fs::write(&path, &bytes).unwrap();
            if let Err(e) = json::load(&path) {
                prop_assert!(e.to_string().contains("damaged.json"), "{}", e);
            }
            if let Ok(text) = std::str::from_utf8(&bytes) {
                let _ = factions::parts::read(text, Path::new("p.jsonl")).count();
            }
        }
    }
}
