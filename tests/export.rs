//! The JSON contract (`factions-graph` version 1): its fields, its stable order, and a round
//! trip that keeps every answer.

// Tests fail by panicking; the no-panic lints are for library code.
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use factions::export::json;
use factions::{KnowledgeGraph, Lexicon, QueryOptions, ingest_text};
use std::path::Path;

const DOCS: &[(&str, &str)] = &[
    (
        "a.txt",
        "Rebels fight back\nMarch 3, 2023\nThe Houthis attacked Saudi forces. Iran backs the Houthis.",
    ),
    (
        "b.txt",
        "The United States is not coordinating with Iran, a State Department spokesman said.",
    ),
];

fn build(order: &[usize]) -> KnowledgeGraph {
    let lexicon = Lexicon::built_in().unwrap_or_else(|e| panic!("{e}"));
    let mut graph = KnowledgeGraph::new();
    for &i in order {
        if let Some((id, text)) = DOCS.get(i) {
            ingest_text(&mut graph, &lexicon, id, text).unwrap_or_else(|e| panic!("{e}"));
        }
    }
    graph
}

fn to_json(graph: &KnowledgeGraph) -> String {
    let mut out = Vec::new();
    json::write(graph, &mut out, Path::new("mem")).unwrap_or_else(|e| panic!("{e}"));
    String::from_utf8(out).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_contract_fields_are_there() {
    let value: serde_json::Value =
        serde_json::from_str(&to_json(&build(&[0, 1]))).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(value["format"], "factions-graph");
    assert_eq!(value["version"], 1);
    assert_eq!(value["documents"][0]["id"], "a.txt");
    assert_eq!(value["documents"][0]["date"], "2023-03-03");
    let entity = &value["entities"][0];
    for field in ["id", "name", "kind", "aliases", "mentions"] {
        assert!(!entity[field].is_null(), "entity field {field}");
    }
    let relations = value["relations"].as_array().cloned().unwrap_or_default();
    assert!(!relations.is_empty());
    for r in &relations {
        for field in [
            "source",
            "target",
            "kind",
            "polarity",
            "confidence",
            "evidence",
        ] {
            assert!(!r[field].is_null(), "relation field {field}");
        }
        let ev = &r["evidence"][0];
        let doc = DOCS
            .iter()
            .find(|(id, _)| *id == ev["document"])
            .map(|(_, t)| *t)
            .unwrap_or("");
        let (start, end) = (
            ev["start"].as_u64().unwrap_or(0) as usize,
            ev["end"].as_u64().unwrap_or(0) as usize,
        );
        assert_eq!(
            doc.get(start..end),
            ev["text"].as_str(),
            "evidence offsets point at its text"
        );
    }
    assert!(
        relations.iter().any(|r| r["polarity"] == "negated"),
        "the negated coordination is kept as negated"
    );
}

#[test]
fn ingest_order_does_not_change_the_file() {
    assert_eq!(to_json(&build(&[0, 1])), to_json(&build(&[1, 0])));
}

#[test]
fn a_saved_graph_loads_with_the_same_answers() {
    let graph = build(&[0, 1]);
    let text = to_json(&graph);
    let loaded = json::read(&text, Path::new("mem.json")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(to_json(&loaded), text);
    let houthis = loaded.find("Houthis").unwrap_or_else(|e| panic!("{e}"));
    let allies: Vec<&str> = loaded
        .query(QueryOptions::default())
        .allies(houthis)
        .iter()
        .map(|a| a.actor.name)
        .collect();
    assert_eq!(allies, ["Iran"]);
}

#[test]
fn a_corrupt_or_foreign_file_names_the_file_and_position() {
    let err = json::read(
        "{\"format\": \"factions-graph\", \"version\": 1, \"documents\": [",
        Path::new("bad.json"),
    )
    .err()
    .map(|e| e.to_string())
    .unwrap_or_default();
    assert!(err.starts_with("bad.json: line 1, column"), "{err}");
    let err = json::read("{\"format\": \"other\", \"version\": 9, \"documents\": [], \"entities\": [], \"relations\": []}", Path::new("x.json"))
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.contains("x.json") && err.contains("version 9"), "{err}");
}
