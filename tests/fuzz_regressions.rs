//! Every input kept in `tests/data/fuzz/<target>/` — crashes the fuzzers found, and inputs
//! written by hand for corners they reach slowly — replayed through the fuzz target's own code
//! (`fuzz/src/lib.rs`, included here), so that what once failed is checked on every test run
//! without nightly or libFuzzer. See `fuzz/README.md`.

// Tests fail by panicking; the no-panic lints are for library code.
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

#[path = "../fuzz/src/lib.rs"]
mod targets;

mod common;
use common::root;

/// The kept inputs of one target, in name order.
fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = root().join("tests/data/fuzz").join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect()
}

fn replay(target: &str, run: fn(&[u8])) {
    let inputs = inputs(target);
    assert!(!inputs.is_empty(), "no kept input for {target}");
    for (name, bytes) in inputs {
        if let Err(e) = std::panic::catch_unwind(|| run(&bytes)) {
            let message = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default();
            panic!("{target}/{name} fails again: {message}");
        }
    }
}

#[test]
fn kept_ingest_inputs() {
    replay("ingest", targets::ingest);
}

#[test]
fn kept_lexicon_inputs() {
    replay("lexicon", targets::lexicon);
}

#[test]
fn kept_snapshot_inputs() {
    replay("snapshot", targets::snapshot);
}
