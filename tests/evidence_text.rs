//! The text behind the evidence. A document ingested from a file keeps its evidence as offsets
//! and its text is read back from the file when an export or a quote wants it; a document given
//! as text, or loaded from a snapshot, keeps its text. Either way every export writes the same
//! bytes, and a file changed or removed after it was ingested is reported, never quoted.

// Tests fail by panicking; the no-panic lints are for library code.
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

mod common;

use common::{lexicon, root, scratch};
use factions::export::{self, Format, json};
use factions::ingest::stages;
use factions::{
    Document, Error, IngestOptions, KnowledgeGraph, QueryOptions, ingest_paths_with, ingest_text,
};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A copy of `folder`'s `.txt` files in a fresh folder: the tests change and remove them.
fn copy_corpus(folder: &Path, name: &str) -> PathBuf {
    let dir = scratch(name);
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
        }
    }
    dir
}

fn ingest_folder(dir: &Path) -> KnowledgeGraph {
    let mut graph = KnowledgeGraph::new();
    let report = ingest_paths_with(
        &mut graph,
        lexicon(),
        &[dir],
        IngestOptions::default().threads(1),
        |_| {},
    );
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    graph
}

/// Every stream format, and the report of each export.
fn exports(graph: &KnowledgeGraph) -> Vec<(Format, Vec<u8>, export::ExportReport)> {
    Format::ALL
        .into_iter()
        .filter(|f| !f.is_directory())
        .map(|f| {
            let mut out = Vec::new();
            let report = export::write(graph, f, &mut out).unwrap();
            (f, out, report)
        })
        .collect()
}

fn neo4j_relationships(graph: &KnowledgeGraph) -> Vec<u8> {
    let mut out = Vec::new();
    let report = export::neo4j::write_relationships(graph, &mut out).unwrap();
    assert!(report.is_complete());
    out
}

#[test]
fn a_graph_ingested_from_files_exports_what_its_snapshot_exports() {
    let dir = copy_corpus(&root().join("examples/corpus"), "text-same");
    let graph = ingest_folder(&dir);
    assert!(graph.relation_count() > 10);
    // The snapshot keeps the text itself; the files are not read again for it.
    let snapshot = json::read(&common::to_json(&graph), Path::new("g.json")).unwrap();
    let (ours, theirs) = (exports(&graph), exports(&snapshot));
    for ((format, a, report), (_, b, _)) in ours.iter().zip(&theirs) {
        assert!(report.is_complete(), "{format}: {:?}", report.missing_text);
        assert!(
            a == b,
            "{format} differs between the file-backed graph and its snapshot"
        );
    }
    assert_eq!(neo4j_relationships(&graph), neo4j_relationships(&snapshot));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn exported_evidence_text_is_the_sentence_of_the_source_file() {
    let dir = copy_corpus(&root().join("tests/data/wire"), "text-sentence");
    let graph = ingest_folder(&dir);
    let files: HashMap<String, String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let id = p.file_name().unwrap().to_string_lossy().into_owned();
            (id, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    // The sentences as the pipeline splits the cleaned document: spans into the raw file.
    let sentences: HashMap<&str, Vec<factions::Span>> = files
        .iter()
        .map(|(id, text)| {
            let doc = Document::new(id.as_str(), text.as_str(), lexicon());
            (id.as_str(), stages::sentences(&doc, lexicon()))
        })
        .collect();
    let written: serde_json::Value = serde_json::from_str(&common::to_json(&graph)).unwrap();
    let mut checked = 0;
    for relation in written["relations"].as_array().unwrap() {
        for e in relation["evidence"].as_array().unwrap() {
            let document = e["document"].as_str().unwrap();
            let (start, end) = (e["start"].as_u64().unwrap(), e["end"].as_u64().unwrap());
            let span = sentences[document][e["sentence"].as_u64().unwrap() as usize];
            assert_eq!((span.start as u64, span.end as u64), (start, end));
            let text = &files[document][start as usize..end as usize];
            assert_eq!(e["text"].as_str(), Some(text), "{document} {start}..{end}");
            checked += 1;
        }
    }
    assert!(checked > 20, "{checked}");
    assert!(common::assert_evidence_fits(&graph, &files) == checked);
    let _ = std::fs::remove_dir_all(dir);
}

/// The evidence of `document` in the graph's JSON, as (text, start, end).
fn evidence_of(graph_json: &str, document: &str) -> Vec<(String, u64, u64)> {
    let written: serde_json::Value = serde_json::from_str(graph_json).unwrap();
    let mut found = Vec::new();
    for relation in written["relations"].as_array().unwrap() {
        for e in relation["evidence"].as_array().unwrap() {
            if e["document"] == document {
                found.push((
                    e["text"].as_str().unwrap().to_owned(),
                    e["start"].as_u64().unwrap(),
                    e["end"].as_u64().unwrap(),
                ));
            }
        }
    }
    found
}

/// Ingests the example corpus from files, lets `change` do something to one of them, and
/// returns the graph, the changed document's id and its file.
fn ingest_then(name: &str, change: impl FnOnce(&Path)) -> (KnowledgeGraph, String, PathBuf) {
    let dir = copy_corpus(&root().join("examples/corpus"), name);
    let graph = ingest_folder(&dir);
    // The document with the most evidence.
    let mut counts: HashMap<String, usize> = HashMap::new();
    for r in graph.relations() {
        for e in &r.relation.evidence {
            *counts.entry(e.document.to_string()).or_default() += 1;
        }
    }
    let (id, _) = counts
        .into_iter()
        .max_by_key(|(id, n)| (*n, id.clone()))
        .unwrap();
    let file = dir.join(&id);
    change(&file);
    (graph, id, file)
}

/// What a demanding user expects of a file changed since it was ingested: the export is still
/// written whole, the evidence keeps its document, sentence and offsets but goes out without
/// text (the old offsets would cut the new text anywhere), every other document is untouched,
/// and the report names the document and its file.
fn assert_left_out(graph: &KnowledgeGraph, id: &str, file: &Path, changed: bool) {
    let mut out = Vec::new();
    let report = json::write(graph, &mut out, Path::new("g.json")).unwrap();
    let out = String::from_utf8(out).unwrap();
    assert_eq!(report.missing_text.len(), 1, "{:?}", report.missing_text);
    match &report.missing_text[0] {
        Error::SourceChanged { document, path } if changed => {
            assert_eq!(document, id);
            assert_eq!(path, &std::path::absolute(file).unwrap());
        }
        Error::SourceUnreadable { document, path, .. } if !changed => {
            assert_eq!(document, id);
            assert_eq!(path, &std::path::absolute(file).unwrap());
        }
        other => panic!("{other}"),
    }
    let message = report.missing_text[0].to_string();
    assert!(
        message.contains(id) && message.contains(&file.display().to_string()),
        "{message}"
    );
    let left_out = evidence_of(&out, id);
    assert!(!left_out.is_empty());
    for (text, start, end) in &left_out {
        assert_eq!(text, "");
        assert!(start < end);
    }
    // Every other document's evidence has its text.
    let others: usize = graph
        .documents()
        .filter(|d| d.id != id)
        .map(|d| {
            let evidence = evidence_of(&out, &d.id);
            assert!(
                evidence.iter().all(|(text, _, _)| !text.is_empty()),
                "{}",
                d.id
            );
            evidence.len()
        })
        .sum();
    assert!(others > 0);
    // One at a time: no text, and why.
    for r in graph.relations() {
        for e in r.relation.evidence.iter().filter(|e| e.document == id) {
            assert_eq!(graph.evidence_text(e), None);
            let why = graph.read_evidence_text(e);
            assert!(
                matches!(
                    (&why, changed),
                    (Err(Error::SourceChanged { .. }), true)
                        | (Err(Error::SourceUnreadable { .. }), false)
                ),
                "{why:?}"
            );
        }
    }
    // The other formats leave it out the same way, and say so.
    for (format, _, report) in exports(graph) {
        let expected = usize::from(matches!(
            format,
            Format::Json | Format::Jsonl | Format::Ntriples | Format::Turtle
        ));
        assert_eq!(report.missing_text.len(), expected, "{format}");
    }
}

#[test]
fn a_file_rewritten_after_ingest_is_reported_and_its_evidence_goes_out_without_text() {
    let (graph, id, file) = ingest_then("text-rewritten", |file| {
        let text = std::fs::read_to_string(file).unwrap();
        std::fs::write(file, format!("Breaking: a new first line.\n{text}")).unwrap();
    });
    assert_left_out(&graph, &id, &file, true);
}

#[test]
fn a_file_changed_in_place_at_the_same_length_is_caught_by_its_hash() {
    let (graph, id, file) = ingest_then("text-same-length", |file| {
        let text = std::fs::read_to_string(file).unwrap();
        // Swap the case of every ASCII letter: same length, other text.
        let swapped: String = text
            .chars()
            .map(|c| match c {
                'a'..='z' => c.to_ascii_uppercase(),
                'A'..='Z' => c.to_ascii_lowercase(),
                c => c,
            })
            .collect();
        assert_eq!(swapped.len(), text.len());
        std::fs::write(file, swapped).unwrap();
    });
    assert_left_out(&graph, &id, &file, true);
}

#[test]
fn a_file_removed_after_ingest_is_reported_and_its_evidence_goes_out_without_text() {
    let (graph, id, file) = ingest_then("text-removed", |file| {
        std::fs::remove_file(file).unwrap();
    });
    assert_left_out(&graph, &id, &file, false);
}

#[test]
fn the_command_line_saves_file_backed_evidence_with_its_text() {
    // The command line reads and saves in one run, so a file can change in between only by a
    // race; what it prints then is the library's report (checked above) as a warning, with
    // exit code 2. A complete ingest exits 0, warns of nothing, and its snapshot has the text.
    let dir = copy_corpus(&root().join("examples/corpus"), "text-cli");
    let out = dir.join("g.json");
    let run = common::factions(&[
        "ingest",
        dir.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--quiet",
    ]);
    assert_eq!(run.status.code(), Some(0));
    assert!(
        run.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let saved = std::fs::read_to_string(&out).unwrap();
    assert!(!saved.contains("\"text\": \"\""));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_document_given_as_text_keeps_its_text() {
    let mut graph = KnowledgeGraph::new();
    let text = "Iran backs the Houthis. The Houthis attacked Saudi forces.";
    ingest_text(&mut graph, lexicon(), "memory.txt", text).unwrap();
    let mut quoted = 0;
    for r in graph.relations() {
        for e in &r.relation.evidence {
            let sentence = graph.read_evidence_text(e).unwrap().unwrap();
            assert_eq!(Some(&*sentence), text.get(e.span.start..e.span.end));
            // Borrowed from the graph: no file behind it.
            assert!(matches!(sentence, std::borrow::Cow::Borrowed(_)));
            quoted += 1;
        }
    }
    assert!(quoted >= 2);
    let written = common::to_json(&graph);
    assert!(written.contains("\"text\": \"Iran backs the Houthis.\""));
    let report = json::write(&graph, std::io::sink(), Path::new("g.json")).unwrap();
    assert!(report.is_complete());
}

#[test]
fn a_snapshot_keeps_its_text_when_the_files_are_gone() {
    let dir = copy_corpus(&root().join("examples/corpus"), "text-snapshot");
    let graph = ingest_folder(&dir);
    let saved = dir.join("graph.json");
    let report = json::save(&graph, &saved).unwrap();
    assert!(report.is_complete());
    let before = std::fs::read(&saved).unwrap();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            std::fs::remove_file(path).unwrap();
        }
    }
    let loaded = json::load(&saved).unwrap();
    let again = dir.join("again.json");
    assert!(json::save(&loaded, &again).unwrap().is_complete());
    assert!(before == std::fs::read(&again).unwrap());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn quotes_of_a_graph_ingested_from_files_carry_their_sentences() {
    let dir = copy_corpus(&root().join("examples/corpus"), "text-quotes");
    let graph = ingest_folder(&dir);
    let query = graph.query(QueryOptions::default());
    let sdf = graph.find("SDF").unwrap();
    let allies = query.allies(sdf);
    assert!(!allies.is_empty());
    for ally in &allies {
        let text = ally.best.text().expect("a quote");
        let e = ally.best.evidence;
        let file = std::fs::read_to_string(dir.join(e.document.as_str())).unwrap();
        assert_eq!(Some(&*text), file.get(e.span.start..e.span.end));
        // As JSON, the quote carries its text.
        let value = serde_json::to_value(ally.best).unwrap();
        assert_eq!(value["text"].as_str(), Some(&*text));
    }
    let _ = std::fs::remove_dir_all(dir);
}
