//! The graph: one node per real entity across documents, lookup by any name, merged evidence,
//! and the first queries.

// Tests fail by panicking; the no-panic lints are for library code.
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use factions::{Error, KnowledgeGraph, Lexicon, QueryOptions, RelationKind, ingest_text};

fn graph(docs: &[(&str, &str)]) -> KnowledgeGraph {
    let lexicon = Lexicon::built_in().unwrap_or_else(|e| panic!("{e}"));
    let mut graph = KnowledgeGraph::new();
    for (id, text) in docs {
        ingest_text(&mut graph, &lexicon, id, text).unwrap_or_else(|e| panic!("{e}"));
    }
    graph
}

#[test]
fn one_node_per_entity_across_documents_and_spellings() {
    let g = graph(&[
        ("a.txt", "The SDF fought ISIS fighters near Deir e-Zor."),
        (
            "b.txt",
            "Iraqi forces battled Daesh outside Deir Ezzor, and the Iraqi army later attacked the Islamic State.",
        ),
    ]);
    let is = g.find("ISIS").unwrap_or_else(|e| panic!("{e}"));
    for alias in ["Daesh", "islamic state", "ISIL", "IS"] {
        assert_eq!(g.find(alias).ok(), Some(is), "{alias}");
    }
    assert_eq!(g.find("Deir e-Zor").ok(), g.find("deir ezzor").ok());
    assert_eq!(g.find("Iraqi army").ok(), g.find("Iraqi forces").ok());
    let adversaries: Vec<&str> = g
        .query(QueryOptions::default())
        .adversaries(is)
        .iter()
        .map(|a| a.actor.name)
        .collect();
    assert!(
        adversaries.contains(&"Syrian Democratic Forces"),
        "{adversaries:?}"
    );
    assert!(adversaries.contains(&"Iraqi forces"), "{adversaries:?}");
}

#[test]
fn lookup_ignores_case_and_accents() {
    let g = graph(&[("a.txt", "Türkiye and Russia agreed to cooperate in Syria.")]);
    assert_eq!(g.find("TURKIYE").ok(), g.find("Turkey").ok());
    assert!(g.find("turkey").is_ok());
}

#[test]
fn evidence_from_several_documents_merges_into_one_edge() {
    let g = graph(&[
        ("a.txt", "Iran backs the Houthis."),
        ("b.txt", "The Houthis are supported by Iran."),
    ]);
    let iran = g.find("Iran").unwrap_or_else(|e| panic!("{e}"));
    let houthis = g.find("Houthis").unwrap_or_else(|e| panic!("{e}"));
    let backs: Vec<_> = g
        .between(iran, houthis)
        .filter(|r| r.relation.kind == RelationKind::Backs)
        .collect();
    assert_eq!(backs.len(), 1);
    assert_eq!(backs.first().map(|r| r.relation.evidence.len()), Some(2));
    let allies = g.query(QueryOptions::default()).allies(houthis);
    assert_eq!(
        allies.first().map(|a| (a.actor.name, a.evidence_count)),
        Some(("Iran", 2))
    );
}

#[test]
fn negated_edges_are_not_allies() {
    let g = graph(&[("a.txt", "The United States is not coordinating with Iran.")]);
    let us = g.find("US").unwrap_or_else(|e| panic!("{e}"));
    assert!(g.query(QueryOptions::default()).allies(us).is_empty());
    let denials: Vec<_> = g.denials(us).collect();
    assert_eq!(denials.len(), 1);
}

#[test]
fn unknown_names_suggest_the_closest() {
    let g = graph(&[(
        "a.txt",
        "The Syrian Democratic Forces fought the Islamic State.",
    )]);
    match g.find("Islamic Stat") {
        Err(Error::UnknownEntity { suggestions, .. }) => assert!(
            suggestions.contains(&"Islamic State".to_owned()),
            "{suggestions:?}"
        ),
        other => panic!("expected UnknownEntity, got {other:?}"),
    }
}
