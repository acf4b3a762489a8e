//! The command line for keeping and sharing a graph: `export`, `render`, `ingest --into`,
//! `extract` and `merge`.

// Tests fail by panicking; the no-panic lints are for library code.
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

mod common;
use common::factions;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn ok(args: &[&str]) -> Output {
    let out = factions(args);
    assert!(
        out.status.success(),
        "factions {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("factions-cli-x-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/corpus");

#[test]
fn every_format_goes_to_a_file_or_to_stdout() {
    let dir = scratch("export");
    let graph = dir.join("graph.json");
    ok(&["ingest", CORPUS, "-o", s(&graph), "-q"]);
    for format in ["json", "jsonl", "dot", "graphml", "ntriples", "turtle"] {
        let file = dir.join(format!("g.{format}"));
        ok(&["export", s(&graph), "--format", format, "-o", s(&file)]);
        let stdout = ok(&["export", s(&graph), "--format", format]).stdout;
        assert!(!stdout.is_empty(), "{format}");
        assert_eq!(std::fs::read(&file).unwrap(), stdout, "{format}");
    }
    assert_eq!(
        std::fs::read(dir.join("g.json")).unwrap(),
        std::fs::read(&graph).unwrap(),
        "the json export is the snapshot itself"
    );
    let neo = dir.join("neo4j");
    ok(&["export", s(&graph), "--format", "neo4j", "-o", s(&neo)]);
    let nodes = std::fs::read_to_string(neo.join("nodes.csv")).unwrap();
    assert!(nodes.starts_with("id:ID,name,kind,aliases:string[],mentions:int,:LABEL\n"));
    let rels = std::fs::read_to_string(neo.join("relationships.csv")).unwrap();
    assert!(rels.starts_with(":START_ID,:END_ID,:TYPE,"));
    assert!(
        std::fs::read_to_string(neo.join("load.cypher"))
            .unwrap()
            .contains("LOAD CSV WITH HEADERS")
    );
    let out = factions(&["export", s(&graph), "--format", "neo4j"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("directory"));
    let out = factions(&["export", s(&graph), "--format", "pdf"]);
    assert!(!out.status.success());
}

#[test]
fn render_draws_through_graphviz_or_writes_the_dot_and_says_how() {
    let dir = scratch("render");
    let graph = dir.join("graph.json");
    ok(&["ingest", CORPUS, "-o", s(&graph), "-q"]);
    let svg = dir.join("alliances.svg");
    let out = Command::new(env!("CARGO_BIN_EXE_factions"))
        .args(["render", s(&graph), "-o", s(&svg)])
        .env("PATH", "")
        .output()
        .unwrap();
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("dot -Tsvg"), "{said}");
    assert!(dir.join("alliances.dot").is_file());
    assert!(!svg.exists());
    if Command::new("dot").arg("-V").output().is_err() {
        println!("notice: Graphviz is not installed; render is not checked through it");
        return;
    }
    ok(&["render", s(&graph), "-o", s(&svg)]);
    assert!(std::fs::read_to_string(&svg).unwrap().contains("<svg"));
}

#[test]
fn ingest_into_grows_a_graph_and_skips_what_it_has() {
    let dir = scratch("into");
    let one = dir.join("one.json");
    ok(&["ingest", CORPUS, "-o", s(&one), "-q"]);
    let grown = dir.join("grown.json");
    let mut files: Vec<PathBuf> = std::fs::read_dir(CORPUS)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for f in &files {
        ok(&["ingest", s(f), "--into", s(&grown), "-q"]);
    }
    assert_eq!(std::fs::read(&grown).unwrap(), std::fs::read(&one).unwrap());
    let out = ok(&["ingest", CORPUS, "--into", s(&grown)]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains(&format!("{} unchanged", files.len())),
        "{said}"
    );
}

#[test]
fn extract_then_merge_gives_the_ingest_graph() {
    let dir = scratch("merge");
    let one = dir.join("one.json");
    ok(&["ingest", CORPUS, "-o", s(&one), "-q"]);
    let mut files: Vec<String> = std::fs::read_dir(CORPUS)
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .collect();
    files.sort();
    let (a, b) = files.split_at(3);
    let pa = dir.join("a.jsonl");
    let pb = dir.join("b.jsonl");
    let mut args = vec!["extract"];
    args.extend(a.iter().map(String::as_str));
    args.extend(["-o", s(&pa)]);
    ok(&args);
    let mut args = vec!["extract"];
    args.extend(b.iter().map(String::as_str));
    let out = ok(&args);
    std::fs::write(&pb, out.stdout).unwrap();
    assert_eq!(std::fs::read_to_string(&pa).unwrap().lines().count(), 3);
    let merged = dir.join("merged.json");
    ok(&["merge", s(&pb), s(&pa), "-o", s(&merged)]);
    assert_eq!(
        std::fs::read(&merged).unwrap(),
        std::fs::read(&one).unwrap()
    );
}
