//! No input makes the library panic, and every offset it returns points inside the text.
//! Generated texts mix the pieces news is made of — names, cue words, titles, punctuation,
//! line breaks — with arbitrary Unicode, so that every stage meets odd combinations.

// Tests fail by panicking; the no-panic lints are for library code.
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use factions::ingest::{extract, sentence};
use factions::{Document, KnowledgeGraph};
use proptest::prelude::*;

mod common;
use common::lexicon;
use common::news::news_like;

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn extraction_never_panics_and_its_offsets_fit(text in news_like()) {
        let doc = Document::new("t.txt", text.clone(), lexicon());
        for span in &doc.body {
            prop_assert!(text.get(span.start..span.end).is_some());
        }
        let found = extract(&doc, lexicon());
        for s in &found.sentences {
            prop_assert!(text.get(s.start..s.end).is_some(), "sentence {s:?}");
        }
        for m in &found.mentions {
            prop_assert!(text.get(m.span.start..m.span.end).is_some(), "mention {m:?}");
            let sentence = found.sentences[m.sentence];
            prop_assert!(sentence.contains(m.span), "mention {m:?} outside its sentence {sentence:?}");
            prop_assert!(m.entity < found.entities.len());
        }
        for r in &found.relations {
            prop_assert!(r.source < found.entities.len() && r.target < found.entities.len());
            prop_assert!(r.sentence < found.sentences.len());
            prop_assert!(r.source != r.target);
        }
        let mut graph = KnowledgeGraph::new();
        graph.merge(&found, Some(&doc), lexicon());
    }

    #[test]
    fn sentences_cover_the_body_in_order(text in news_like()) {
        let doc = Document::new("t.txt", text.clone(), lexicon());
        let sentences = sentence::split(&doc.text, &doc.body, &std::collections::HashSet::<String>::new());
        let mut last = 0;
        for s in &sentences {
            prop_assert!(s.start >= last && s.end > s.start);
            prop_assert!(doc.body.iter().any(|b| b.contains(*s)));
            last = s.end;
        }
        // Nothing but whitespace is lost between the pieces of a line.
        for line in &doc.body {
            let kept: String = sentences.iter().filter(|s| line.contains(**s)).map(|s| s.text(&text)).collect();
            let all: String = line.text(&text).chars().filter(|c| !c.is_whitespace()).collect();
            let kept: String = kept.chars().filter(|c| !c.is_whitespace()).collect();
            prop_assert_eq!(kept, all);
        }
    }

    #[test]
    fn arbitrary_bytes_decoded_lossily_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let doc = Document::new("b.txt", text, lexicon());
        let _ = extract(&doc, lexicon());
    }
}

#[test]
fn long_lines_and_repetition_stay_linear_enough_to_finish() {
    // One name a hundred thousand times, on one line with no sentence end.
    let text = "Iraqi forces and the SDF ".repeat(20_000);
    let doc = Document::new("long.txt", text, lexicon());
    let found = extract(&doc, lexicon());
    assert!(!found.mentions.is_empty());
}

#[test]
fn a_sentence_over_the_limit_keeps_its_names_and_is_reported_not_read() {
    let dir = std::env::temp_dir().join(format!("factions-runon-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    // 600 KB without a full stop: a scraped table, a transcript, or an attack.
    let run_on = "Iran backs the Houthis and Saudi forces fight them ".repeat(12_000);
    std::fs::write(dir.join("run-on.txt"), &run_on).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("normal.txt"), "Iran backs the Houthis.")
        .unwrap_or_else(|e| panic!("{e}"));

    let mut graph = KnowledgeGraph::new();
    let report = factions::ingest_paths_with(
        &mut graph,
        lexicon(),
        &[&dir],
        factions::IngestOptions::default().max_sentence_bytes(10_000),
        |_| {},
    );
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    let skipped: Vec<&str> = report.skipped.iter().map(|(d, _)| d.as_str()).collect();
    assert_eq!(skipped, ["run-on.txt"]);
    let (_, span) = &report.skipped[0];
    assert_eq!(span.end - span.start, run_on.trim_end().len());
    // The names are in the graph; the only relation is the short document's.
    let saudi = graph.find("Saudi forces").unwrap_or_else(|e| panic!("{e}"));
    assert!(graph.entity(saudi).is_some());
    let evidence: Vec<&str> = graph
        .relations()
        .flat_map(|r| r.relation.evidence.iter().map(|e| e.document.as_str()))
        .collect();
    assert!(
        !evidence.is_empty() && evidence.iter().all(|d| *d == "normal.txt"),
        "{evidence:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
