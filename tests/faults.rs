//! Faults around the pipeline: files that cannot be read in a batch, a disk that is full.
//! (A save that fails halfway, and truncated or corrupt snapshots, are in `tests/snapshots.rs`.)

// Tests fail by panicking; the no-panic lints are for library code.
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

mod common;
use common::{factions, lexicon, scratch};

use factions::export::json;
use factions::{Error, IngestOptions, KnowledgeGraph, ingest_paths_with, ingest_text};
use std::path::{Path, PathBuf};

/// A folder of articles in which some cannot be ingested: a link to a file that is gone, a
/// file over the document limit of [`LIMIT`] bytes, and one that is not text; beside them a good
/// article, and a folder whose name ends in `.txt` (walked into, not read).
fn batch(name: &str) -> PathBuf {
    let dir = scratch(name);
    std::fs::write(dir.join("a-good.txt"), "Iran backs the Houthis.").unwrap();
    std::fs::create_dir_all(dir.join("b-folder.txt")).unwrap();
    std::fs::write(
        dir.join("b-folder.txt/inner.txt"),
        "Turkey is fighting the YPG.",
    )
    .unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.join("nowhere.txt"), dir.join("c-gone.txt")).unwrap();
    std::fs::write(dir.join("d-huge.txt"), "Russia backs Syria. ".repeat(100)).unwrap();
    std::fs::write(dir.join("e-binary.txt"), [0x00, 0x9f, 0x92, 0x96]).unwrap();
    dir
}

const LIMIT: u64 = 1_000;

#[test]
fn unreadable_files_in_a_batch_are_reported_and_the_rest_ingested() {
    let dir = batch("faults-batch");
    let mut graph = KnowledgeGraph::new();
    let options = IngestOptions::default().max_document_bytes(LIMIT);
    let report = ingest_paths_with(&mut graph, lexicon(), &[&dir], options, |_| {});
    assert_eq!(report.ingested, ["a-good.txt", "b-folder.txt/inner.txt"]);
    let mut failed: Vec<String> = report
        .failed
        .iter()
        .map(|e| match e {
            Error::Io { path, source } => {
                assert_eq!(source.kind(), std::io::ErrorKind::NotFound, "{e}");
                format!("io {}", path.strip_prefix(&dir).unwrap().display())
            }
            Error::DocumentTooLarge { path, bytes, limit } => {
                assert_eq!((*bytes, *limit), (2_000, LIMIT));
                format!("too large {}", path.strip_prefix(&dir).unwrap().display())
            }
            Error::NotText { path, offset } => {
                assert_eq!(*offset, 1);
                format!("not text {}", path.strip_prefix(&dir).unwrap().display())
            }
            other => panic!("{other:?}"),
        })
        .collect();
    failed.sort();
    let mut expected = vec!["not text e-binary.txt", "too large d-huge.txt"];
    if cfg!(unix) {
        expected.insert(0, "io c-gone.txt");
    }
    assert_eq!(failed, expected);
    assert!(graph.find("Houthis").is_ok() && graph.find("YPG").is_ok());
    assert!(graph.find("Syria").is_err(), "nothing of the refused file");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_command_line_names_every_failure_exits_2_and_still_writes_the_graph() {
    let dir = batch("faults-cli");
    let graph = dir.join("graph.json");
    let limit = LIMIT.to_string();
    let out = factions(&[
        "ingest",
        dir.to_str().unwrap(),
        "-o",
        graph.to_str().unwrap(),
        "--max-document-bytes",
        &limit,
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    let failures = if cfg!(unix) { 3 } else { 2 };
    let said = |needle: &str| stderr.lines().any(|l| l.contains(needle));
    assert!(
        said(
            "d-huge.txt: 2000 bytes, over the limit of 1000 bytes for one document; not read (--max-document-bytes)"
        ),
        "{stderr}"
    );
    assert!(
        said("e-binary.txt: not UTF-8 text (invalid byte at offset 1)"),
        "{stderr}"
    );
    if cfg!(unix) {
        assert!(said("c-gone.txt: No such file or directory"), "{stderr}");
    }
    assert!(
        said("2 added, 0 replaced, 0 unchanged") && said(&format!("({failures} failed)")),
        "the summary counts what was ingested and what failed: {stderr}"
    );
    let written = json::load(&graph).unwrap();
    assert_eq!(written.documents().count(), 2);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A real full disk: Linux's `/dev/full` fails every write with ENOSPC.
#[test]
fn a_full_disk_is_an_error_naming_the_destination() {
    let full = Path::new("/dev/full");
    if !full.exists() {
        println!("notice: no /dev/full here; the full-disk check is skipped");
        return;
    }
    let mut graph = KnowledgeGraph::new();
    ingest_text(&mut graph, lexicon(), "a.txt", "Iran backs the Houthis.").unwrap();
    let file = std::fs::OpenOptions::new().write(true).open(full).unwrap();
    match json::write(&graph, file, Path::new("graph.json")) {
        Err(Error::Io { path, source }) => {
            assert_eq!(path, Path::new("graph.json"));
            assert_eq!(source.kind(), std::io::ErrorKind::StorageFull, "{source}");
        }
        other => panic!("{other:?}"),
    }

    // The command line, exporting to a standard output that is a full disk.
    let dir = scratch("faults-full");
    let snapshot = dir.join("graph.json");
    json::save(&graph, &snapshot).unwrap();
    for format in ["json", "jsonl", "graphml", "turtle"] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_factions"))
            .args(["export", snapshot.to_str().unwrap(), "--format", format])
            .stdout(std::fs::OpenOptions::new().write(true).open(full).unwrap())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{format}: {stderr}");
        assert!(
            stderr.contains("No space left on device"),
            "{format}: {stderr}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
