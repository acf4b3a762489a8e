//! Extraction quality, measured as users measure it: ingest a corpus, write the JSON contract,
//! score it against a hand annotation. Floors sit a little under today's figures so that a
//! regression fails; the seed floors are the targets of the first issue.

// Tests fail by panicking; the no-panic lints are for library code.
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

mod common;
use common::root;

use factions::eval::{Gold, Scores, score};
use factions::export::json;
use factions::{KnowledgeGraph, Lexicon, ingest_paths};
use std::path::Path;

fn scores(corpus: &Path, gold: &Path) -> Scores {
    let lexicon = Lexicon::built_in().unwrap_or_else(|e| panic!("{e}"));
    let mut graph = KnowledgeGraph::new();
    let report = ingest_paths(&mut graph, &lexicon, &[corpus]);
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    let mut out = Vec::new();
    json::write(&graph, &mut out, Path::new("mem")).unwrap_or_else(|e| panic!("{e}"));
    let graph: serde_json::Value = serde_json::from_slice(&out).unwrap_or_else(|e| panic!("{e}"));
    let gold: Gold =
        serde_json::from_str(&std::fs::read_to_string(gold).unwrap_or_else(|e| panic!("{e}")))
            .unwrap_or_else(|e| panic!("{e}"));
    score(&gold, &graph)
}

fn assert_floors(name: &str, s: &Scores, floors: &[(&str, f64)], forbidden: usize) {
    println!("{name}:\n{s}");
    let mut failures = Vec::new();
    for (category, floor) in floors {
        let f1 = s
            .categories()
            .iter()
            .find(|(c, _)| c == category)
            .map(|(_, c)| c.f1())
            .unwrap_or(0.0);
        if f1 < *floor {
            failures.push(format!("{category} F1 {f1:.3} < {floor}"));
        }
    }
    if s.forbidden_hits > forbidden {
        failures.push(format!(
            "{} forbidden edges asserted (at most {forbidden})",
            s.forbidden_hits
        ));
    }
    assert!(failures.is_empty(), "{name}: {}\n{s}", failures.join("; "));
}

#[test]
fn the_seeds_meet_the_targets() {
    let seeds = root().join("../shared/corpus/seeds");
    let gold = root().join("../shared/eval/seeds.gold.json");
    if !seeds.is_dir() || !gold.is_file() {
        println!("notice: ../shared is absent; the seed figures are not checked");
        return;
    }
    let s = scores(&seeds, &gold);
    assert_floors(
        "seeds",
        &s,
        &[
            ("entity", 0.90),
            ("entity_typed", 0.85),
            ("core", 0.75),
            ("relation", 0.70),
        ],
        0,
    );
    assert!(s.fragmented.is_empty(), "fragmented: {:?}", s.fragmented);
}

/// One of our own annotated folders (`FOLDER/` with `FOLDER.gold.json`) keeps its floors and
/// asserts no forbidden edge.
fn holds(folder: &str, floors: &[(&str, f64)]) {
    holds_admitting(folder, floors, 0);
}

/// The same, admitting up to `forbidden` forbidden edges (each one's reason written beside it).
fn holds_admitting(folder: &str, floors: &[(&str, f64)], forbidden: usize) {
    let s = scores(
        &root().join(folder),
        &root().join(format!("{folder}.gold.json")),
    );
    assert_floors(folder, &s, floors, forbidden);
}

#[test]
fn our_development_set_of_other_conflicts() {
    holds(
        "tests/data/devset",
        &[
            ("entity", 0.95),
            ("entity_typed", 0.95),
            ("core", 0.73),
            ("relation", 0.77),
        ],
    );
}

/// Twelve wire-style articles written after the rules, annotated before the tool was run on them:
/// the closest this repository has to news it was not tuned on.
#[test]
fn the_wire_set_written_after_the_rules() {
    holds(
        "tests/data/wire",
        &[
            ("entity", 0.92),
            ("entity_typed", 0.91),
            ("core", 0.72),
            ("relation", 0.66),
        ],
    );
}

/// Twelve more articles, other outlets' styles and other conflicts, annotated by another hand
/// before the tool ran on them (first score: core 0.456). Kept out of rule-writing: a measure of
/// news the rules were not written for.
#[test]
fn the_held_out_set() {
    holds(
        "tests/data/holdout",
        &[
            ("entity", 0.93),
            ("entity_typed", 0.93),
            ("core", 0.73),
            ("relation", 0.64),
        ],
    );
}

/// Twelve longer articles (400-900 words, with the furniture of scraped pages), other conflicts
/// again, written and annotated by another hand before the tool ran on them. Its first score was
/// entity 0.795, core 0.255: the honest figure for news nobody tuned for. It has been a
/// development set since.
#[test]
fn the_blind_set() {
    holds(
        "tests/data/blind",
        &[
            ("entity", 0.88),
            ("entity_typed", 0.85),
            ("core", 0.55),
            ("relation", 0.60),
        ],
    );
}

/// A second blind set: twelve pages (Afghanistan, Cameroon, Togo, the Taiwan Strait, Gaza talks,
/// the Baltic, Transnistria, Mindanao, Bosnia, a weekly digest, Balochistan, Tigray), written and
/// annotated by another hand that saw neither the rules nor the lexicon. First score, before any
/// change for it: entity 0.862, typed 0.846, core 0.389, 3 forbidden edges. One forbidden edge
/// remains: a report denied by the state of an unnamed unit ("Hungary sent officers of its
/// Counter Terrorism Centre … Budapest has denied it"), which the floor admits until the
/// possessive "its" ties the unit to its state.
#[test]
fn the_second_blind_set() {
    holds_admitting(
        "tests/data/blind2",
        &[
            ("entity", 0.85),
            ("entity_typed", 0.83),
            ("core", 0.53),
            ("relation", 0.47),
        ],
        1,
    );
}

/// A third blind set (Tajikistan–Kyrgyzstan, Syria after Assad, Iran and Jaish al-Adl, Sinjar,
/// the South China Sea, Lamu, the Rohingya and the Arakan Army, the Sahel's AES, a Eurasia digest,
/// the PCC in Paraguay, Tripoli's militias, Chhattisgarh), written and annotated by another hand
/// that saw neither the rules nor the lexicon. Its first score, before any change for it: entity
/// 0.881, typed 0.853, core 0.366, one forbidden edge. Kept out of rule-writing: after a session
/// of rules written on the other sets, core 0.387; after a second, 0.396; after a third, 0.423;
/// after a fourth, 0.435; after a fifth, 0.435.
/// Its one forbidden edge is admitted unexamined,
/// so that the set stays unread.
#[test]
fn the_third_blind_set() {
    holds_admitting(
        "tests/data/blind3",
        &[
            ("entity", 0.86),
            ("entity_typed", 0.83),
            ("core", 0.40),
            ("relation", 0.43),
        ],
        1,
    );
}

/// A fourth blind set (South Kivu, the Houthis and the Red Sea, Haiti, Catatumbo, Iraq's PMF,
/// India and Pakistan, Lakurawa, Myanmar and China, a digest, Lebanon, Sudan v UAE at the ICJ,
/// Cabo Delgado), written and annotated by another hand that saw neither the rules, the lexicon
/// nor the output. First score, after this session's rules and before any change for it: entity
/// 0.921, typed 0.902, core 0.396, no forbidden edge (the session's starting rules: core 0.387).
#[test]
fn the_fourth_blind_set() {
    holds(
        "tests/data/blind4",
        &[
            ("entity", 0.90),
            ("entity_typed", 0.88),
            ("core", 0.46),
            ("relation", 0.49),
        ],
    );
}

/// Twelve articles on conflicts none of the other sets covers (Armenia–Azerbaijan, Ethiopia's
/// Fano, South Sudan, Mali, the Israel–Iran war, Pakistan–Afghanistan, Somalia, Kosovo,
/// Venezuela, Guyana, the ADF), written by a helper who saw neither the rules, the lexicon nor
/// the output, and kept unread since. First score (this session's rules): entity 0.941, typed
/// 0.920, core 0.419, two forbidden edges (the session's starting rules: core 0.424).
#[test]
fn the_fifth_blind_set() {
    holds_admitting(
        "tests/data/blind5",
        &[
            ("entity", 0.92),
            ("entity_typed", 0.90),
            ("core", 0.40),
            ("relation", 0.50),
        ],
        2,
    );
}

#[test]
fn the_example_corpus() {
    holds(
        "examples/corpus",
        &[("entity", 0.95), ("core", 0.59), ("relation", 0.72)],
    );
}

#[test]
fn the_rust_scorer_prints_what_score_py_prints() {
    let gold = root().join("../shared/eval/seeds.gold.json");
    if !gold.is_file() {
        println!("notice: ../shared is absent; the scorer is not compared");
        return;
    }
    let gold: Gold =
        serde_json::from_str(&std::fs::read_to_string(gold).unwrap_or_else(|e| panic!("{e}")))
            .unwrap_or_else(|e| panic!("{e}"));
    let graph: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/data/eval_sample_graph.json"))
            .unwrap_or_else(|e| panic!("{e}")),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let expected =
        std::fs::read_to_string(root().join("tests/data/eval_sample_graph.expected.txt"))
            .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(score(&gold, &graph).to_string(), expected);
}
