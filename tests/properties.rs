//! Properties of the graph over generated corpora: the order documents come in does not
//! matter, the same document again changes nothing, merging is associative, and every piece of
//! evidence lies in its document and holds the names it links.
//!
//! (That sentence pieces add back up to the text is `tests/robustness.rs`; that any sharding of
//! a real corpus merges to the one-ingest graph is `tests/incremental.rs`.)

// Tests fail by panicking; the no-panic lints are for library code.
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

mod common;
use common::news::corpus;
use common::{assert_evidence_fits, lexicon, to_json};

use factions::export::json;
use factions::ingest::extract;
use factions::{Document, DocumentPart, KnowledgeGraph, ingest_text, parts};
use proptest::prelude::*;
use std::collections::HashMap;
use std::path::Path;

fn ingest_all(docs: &[(String, String)]) -> KnowledgeGraph {
    let mut graph = KnowledgeGraph::new();
    for (id, text) in docs {
        ingest_text(&mut graph, lexicon(), id, text).unwrap();
    }
    graph
}

/// One parts line per document, as `factions extract` writes them.
fn parts_of(docs: &[(String, String)]) -> String {
    let mut out = Vec::new();
    for (id, text) in docs {
        let doc = Document::new(id.as_str(), text.as_str(), lexicon());
        parts::write(&DocumentPart::extract(&doc, lexicon()), &mut out).unwrap();
    }
    String::from_utf8(out).unwrap()
}

/// The graph written and read back, as the next run of `ingest --into` finds it.
fn reloaded(graph: &KnowledgeGraph) -> KnowledgeGraph {
    json::read(&to_json(graph), Path::new("mid.json")).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Any order of the documents gives the same graph, up to entity ids (the JSON numbers
    /// entities by name, so equal files are equal graphs).
    #[test]
    fn ingest_order_does_not_change_the_graph(
        (docs, order) in corpus(6).prop_flat_map(|docs| {
            let n = docs.len();
            (Just(docs), Just((0..n).collect::<Vec<_>>()).prop_shuffle())
        })
    ) {
        let shuffled: Vec<(String, String)> = order.iter().map(|&i| docs[i].clone()).collect();
        prop_assert_eq!(to_json(&ingest_all(&shuffled)), to_json(&ingest_all(&docs)));
    }

    /// A document ingested again, straight away or after others, changes nothing, and says so.
    #[test]
    fn re_ingesting_a_document_changes_nothing(docs in corpus(4), pick in any::<proptest::sample::Index>()) {
        let mut graph = ingest_all(&docs);
        let before = to_json(&graph);
        let (id, text) = &docs[pick.index(docs.len())];
        let report = ingest_text(&mut graph, lexicon(), id, text).unwrap();
        prop_assert_eq!(report.unchanged.as_slice(), std::slice::from_ref(id));
        prop_assert_eq!(to_json(&graph), before.clone());
        // And through a snapshot, as `ingest --into` does it.
        let mut loaded = reloaded(&graph);
        let report = ingest_text(&mut loaded, lexicon(), id, text).unwrap();
        prop_assert_eq!(report.unchanged.as_slice(), std::slice::from_ref(id));
        prop_assert_eq!(to_json(&loaded), before);
    }

    /// Merging is associative: the parts of three groups of documents merged as (A·B)·C —
    /// A and B into a graph that is saved and loaded back, then C — or as A·(B·C) — A into a
    /// graph saved and loaded back, then B and C together — give the graph of one merge.
    #[test]
    fn merging_is_associative(docs in corpus(6), cuts in (0usize..=6, 0usize..=6)) {
        let n = docs.len();
        let (i, j) = (cuts.0.min(n), cuts.1.min(n));
        let (i, j) = (i.min(j), i.max(j));
        let (a, b, c) = (parts_of(&docs[..i]), parts_of(&docs[i..j]), parts_of(&docs[j..]));
        let merge = |graph: &mut KnowledgeGraph, text: &str| {
            parts::merge(graph, text, Path::new("p.jsonl")).unwrap();
        };

        let mut whole = KnowledgeGraph::new();
        merge(&mut whole, &format!("{a}{b}{c}"));

        let mut left = KnowledgeGraph::new();
        merge(&mut left, &format!("{a}{b}"));
        let mut left = reloaded(&left);
        merge(&mut left, &c);

        let mut right = KnowledgeGraph::new();
        merge(&mut right, &a);
        let mut right = reloaded(&right);
        merge(&mut right, &format!("{b}{c}"));

        let expected = to_json(&whole);
        prop_assert_eq!(to_json(&left), expected.clone());
        prop_assert_eq!(to_json(&right), expected.clone());
        prop_assert_eq!(to_json(&ingest_all(&docs)), expected);
    }

    /// Every piece of evidence is a sentence of its document — inside it, at character
    /// boundaries, its kept text the document's text there — and that sentence holds a mention
    /// of at least one of the relation's ends.
    #[test]
    fn evidence_lies_in_its_document_and_covers_the_names(docs in corpus(4)) {
        let graph = ingest_all(&docs);
        let texts: HashMap<String, String> = docs.iter().cloned().collect();
        assert_evidence_fits(&graph, &texts);
        for (id, text) in &docs {
            let doc = Document::new(id.as_str(), text.as_str(), lexicon());
            let found = extract(&doc, lexicon());
            for r in &found.relations {
                let sentence = found.sentences[r.sentence];
                let mentioned = |entity: usize| {
                    found.mentions.iter().any(|m| m.entity == entity && sentence.contains(m.span))
                };
                // The other end may be named before: a claim's party, a title's owner.
                prop_assert!(
                    mentioned(r.source) || mentioned(r.target),
                    "{r:?} in {:?}", sentence.text(text)
                );
            }
            for m in &found.mentions {
                let surface = m.span.text(text);
                prop_assert!(!surface.trim().is_empty(), "{m:?}");
                prop_assert!(found.sentences[m.sentence].contains(m.span), "{m:?}");
            }
        }
    }
}
