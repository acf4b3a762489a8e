//! Hostile input, one case per test, each checking what comes out — not only that nothing
//! panics: huge documents, a name repeated a million times, a 10 MB line, NUL bytes, mixed
//! scripts and direction marks, HTML, CRLF, a byte-order mark, invalid UTF-8.
//!
//! The huge inputs are cut in debug builds (plain `cargo test`), where every stage runs many
//! times slower; `cargo test --release` (what CI runs) uses the full sizes. The outcome checked
//! is the same at both sizes. Their cost is shown to grow linearly by `benches/hostile.rs`, not
//! by a clock here.

// Tests fail by panicking; the no-panic lints are for library code.
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

mod common;
use common::{assert_evidence_fits, lexicon, scratch};

use factions::export::json;
use factions::{
    Error, IngestOptions, IngestReport, KnowledgeGraph, Polarity, RelationKind, Span,
    ingest_paths_with, ingest_text, ingest_text_with,
};
use std::collections::HashMap;

/// `release` bytes in an optimised build, `debug` bytes in a debug one.
fn size(release: usize, debug: usize) -> usize {
    if cfg!(debug_assertions) {
        debug
    } else {
        release
    }
}

/// `unit` repeated until the text holds at least `bytes`, and how many times it was.
fn repeated(unit: &str, bytes: usize) -> (String, usize) {
    let times = bytes.div_ceil(unit.len());
    (unit.repeat(times), times)
}

/// The evidence count of the edge `source kind target` (asserted), by canonical names.
fn evidence_count(graph: &KnowledgeGraph, source: &str, kind: RelationKind, target: &str) -> usize {
    let (a, b) = (graph.find(source).unwrap(), graph.find(target).unwrap());
    graph
        .between(a, b)
        .filter(|r| r.relation.kind == kind && r.relation.polarity == Polarity::Asserted)
        .map(|r| r.relation.evidence.len())
        .sum()
}

/// The relations as "source kind target", sorted.
fn edges(graph: &KnowledgeGraph) -> Vec<String> {
    let name = |id| graph.entity(id).map(|e| e.name.clone()).unwrap_or_default();
    let mut out: Vec<String> = graph
        .relations()
        .map(|r| format!("{} {} {}", name(r.source), r.relation.kind, name(r.target)))
        .collect();
    out.sort();
    out
}

fn ingest_one(id: &str, text: &str) -> (KnowledgeGraph, IngestReport) {
    let mut graph = KnowledgeGraph::new();
    let report = ingest_text(&mut graph, lexicon(), id, text).unwrap_or_else(|e| panic!("{e}"));
    let texts = HashMap::from([(id.to_owned(), text.to_owned())]);
    assert_evidence_fits(&graph, &texts);
    (graph, report)
}

fn mentions(graph: &KnowledgeGraph, name: &str, document: &str) -> usize {
    let id = graph.find(name).unwrap_or_else(|e| panic!("{e}"));
    let entity = graph.entity(id).unwrap();
    entity.mentions.get(document).copied().unwrap_or(0)
}

#[test]
fn a_100_mb_document_without_a_sentence_end_is_refused_over_the_limit_and_read_under_it() {
    let dir = scratch("hostile-100mb");
    let unit = "the talks dragged on while Iran and the Houthis waited for word from Geneva and ";
    let (run_on, times) = repeated(unit, size(100_000_000, 4_000_000));
    std::fs::write(dir.join("run-on.txt"), &run_on).unwrap();
    std::fs::write(dir.join("short.txt"), "Iran backs the Houthis.").unwrap();
    let bytes = run_on.len() as u64;

    // Over the document limit: not read at all, and said so; the other file is ingested.
    let mut graph = KnowledgeGraph::new();
    let options = IngestOptions::default().max_document_bytes(bytes - 1);
    let report = ingest_paths_with(&mut graph, lexicon(), &[&dir], options, |_| {});
    assert_eq!(report.ingested, ["short.txt"]);
    match report.failed.as_slice() {
        [
            Error::DocumentTooLarge {
                path,
                bytes: b,
                limit,
            },
        ] => {
            assert_eq!(path, &dir.join("run-on.txt"));
            assert_eq!((*b, *limit), (bytes, bytes - 1));
        }
        other => panic!("{other:?}"),
    }
    let message = report.failed[0].to_string();
    assert!(
        message.contains("run-on.txt") && message.contains(&format!("{bytes} bytes")),
        "{message}"
    );

    // Without a document limit: read, its names kept, its one "sentence" reported as too long
    // to be read for relations.
    let mut graph = KnowledgeGraph::new();
    let options = IngestOptions::default().max_document_bytes(0);
    let report = ingest_paths_with(&mut graph, lexicon(), &[&dir], options, |_| {});
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    assert_eq!(report.ingested, ["run-on.txt", "short.txt"]);
    let end = run_on.trim_end().len();
    assert_eq!(
        report.skipped,
        [("run-on.txt".to_owned(), Span::new(0, end))]
    );
    assert_eq!(mentions(&graph, "Houthis", "run-on.txt"), times);
    assert_eq!(mentions(&graph, "Geneva", "run-on.txt"), times);
    assert_eq!(
        evidence_count(&graph, "Iran", RelationKind::Backs, "Houthis"),
        1
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn one_name_a_million_times_is_one_entity_with_a_million_mentions() {
    let times = size(1_000_000, 100_000);
    // As one run-on "sentence", and as that many one-word sentences.
    for (unit, skipped) in [("Iran ", 1), ("Iran. ", 0)] {
        let text = unit.repeat(times);
        let (graph, report) = ingest_one("iran.txt", &text);
        assert_eq!(graph.entity_count(), 1, "{unit:?}");
        assert_eq!(mentions(&graph, "Iran", "iran.txt"), times, "{unit:?}");
        assert_eq!(graph.relation_count(), 0, "{unit:?}");
        assert_eq!(report.skipped.len(), skipped, "{unit:?}");
    }
}

#[test]
fn a_10_mb_line_of_sentences_gives_every_sentence_as_evidence_and_reloads() {
    let unit = "Iran backs the Houthis. The Houthis fought Saudi forces. ";
    let (line, times) = repeated(unit, size(10_000_000, 1_000_000));
    assert!(!line.contains('\n'));
    let (graph, report) = ingest_one("line.txt", &line);
    assert!(report.skipped.is_empty());
    assert_eq!(
        edges(&graph),
        ["Houthis opposes Saudi forces", "Iran backs Houthis"]
    );
    assert_eq!(
        evidence_count(&graph, "Iran", RelationKind::Backs, "Houthis"),
        times
    );
    assert_eq!(
        evidence_count(&graph, "Houthis", RelationKind::Opposes, "Saudi forces"),
        times
    );
    // A snapshot of it saves and loads back to the same file.
    let path = scratch("hostile-line").join("graph.json");
    json::save(&graph, &path).unwrap();
    let loaded = json::load(&path).unwrap();
    assert_eq!(
        common::to_json(&loaded),
        std::fs::read_to_string(&path).unwrap()
    );
    let _ = std::fs::remove_file(&path);
}

/// The short article most cases below disguise, and what it must give.
const ARTICLE: &str =
    "Talks in Geneva\nMarch 3, 2023\nIran backs the Houthis.\nSaudi forces fought the Houthis.\n";
const ARTICLE_EDGES: [&str; 2] = ["Iran backs Houthis", "Saudi forces opposes Houthis"];

#[test]
fn nul_bytes_are_read_as_spaces_between_words_and_sentences() {
    for text in [
        "Iran backs\0the Houthis.\0\0Saudi forces fought\0the Houthis.",
        "\0\0Iran backs the Houthis.\0Saudi forces fought the Houthis.\0",
    ] {
        let (graph, _) = ingest_one("nul.txt", text);
        assert_eq!(edges(&graph), ARTICLE_EDGES, "{text:?}");
    }
    // Nothing but NULs and blanks is an empty document, named as such.
    let err = ingest_text(
        &mut KnowledgeGraph::new(),
        lexicon(),
        "nul.txt",
        "\0 \0\n\0",
    )
    .unwrap_err();
    assert!(matches!(err, Error::EmptyDocument { .. }), "{err:?}");
    assert_eq!(err.to_string(), "nul.txt: empty document");
}

#[test]
fn arabic_cyrillic_and_direction_marks_leave_the_english_relations_whole() {
    let text = "\u{202b}إيران\u{202c} Iran (إيران) backs the Houthis (الحوثيون).\u{200f} \
                Russia (Россия) is coordinating with Iran.\u{200e} Ирана و Saudi forces fought \
                the Houthis.\u{2067}\u{2069}";
    let (graph, _) = ingest_one("scripts.txt", text);
    assert_eq!(
        edges(&graph),
        [
            "Iran backs Houthis",
            "Iran coordinates_with Russia",
            "Saudi forces opposes Houthis"
        ]
    );
    for (_, e) in graph.entities() {
        assert!(
            e.name.is_ascii(),
            "no name swallows the other scripts: {e:?}"
        );
    }
}

/// Markup is not interpreted (pages should be converted to text first): tags read as
/// punctuation between words, so plain paragraphs keep their relations, and no name ever takes
/// in a tag, an attribute or a quote.
#[test]
fn html_markup_is_read_through_and_never_named() {
    for (text, want) in [
        (
            "<html><body><h1>Talks in Geneva</h1><p>Iran backs the <b>Houthis</b>.</p>\
             <p>Saudi forces fought the Houthis.</p></body></html>",
            &ARTICLE_EDGES[..],
        ),
        (
            "<p>Iran backs the Houthis.</p>\n<p class=\"Saudi\">Saudi forces fought the \
             <a href=\"/Houthis\" title=\"Iran\">Houthis</a>.</p>",
            &ARTICLE_EDGES[..1],
        ),
    ] {
        let (graph, _) = ingest_one("page.html.txt", text);
        let got = edges(&graph);
        for edge in want {
            assert!(got.contains(&(*edge).to_owned()), "{edge}: {got:?}");
        }
        for (_, e) in graph.entities() {
            assert!(!e.name.contains(['<', '>', '"', '=', '/']), "{e:?}");
        }
    }
}

#[test]
fn crlf_line_ends_give_the_graph_lf_gives() {
    let (lf, _) = ingest_one("a.txt", ARTICLE);
    let crlf_text = ARTICLE.replace('\n', "\r\n");
    let (crlf, _) = ingest_one("a.txt", &crlf_text);
    assert_eq!(edges(&crlf), ARTICLE_EDGES);
    let info = |g: &KnowledgeGraph| {
        g.documents()
            .map(|d| (d.title.clone(), d.date))
            .collect::<Vec<_>>()
    };
    assert_eq!(info(&crlf), info(&lf));
    assert_eq!(
        info(&crlf)[0].0.as_deref(),
        Some("Talks in Geneva"),
        "no \\r in the title"
    );
    for r in crlf.relations() {
        for e in &r.relation.evidence {
            assert!(!crlf.evidence_text(e).unwrap().contains('\r'), "{e:?}");
        }
    }
}

#[test]
fn a_byte_order_mark_is_not_part_of_the_headline_and_offsets_count_it() {
    let text = format!("\u{feff}{ARTICLE}");
    let (graph, _) = ingest_one("bom.txt", &text);
    assert_eq!(edges(&graph), ARTICLE_EDGES);
    let doc = graph.documents().next().unwrap();
    assert_eq!(doc.title.as_deref(), Some("Talks in Geneva"));
    assert!(doc.date.is_some());
    let (plain, _) = ingest_one("bom.txt", ARTICLE);
    let starts = |g: &KnowledgeGraph| {
        let mut s: Vec<usize> = g
            .relations()
            .flat_map(|r| r.relation.evidence.iter().map(|e| e.span.start))
            .collect();
        s.sort_unstable();
        s
    };
    let shifted: Vec<usize> = starts(&plain)
        .iter()
        .map(|s| s + '\u{feff}'.len_utf8())
        .collect();
    assert_eq!(starts(&graph), shifted);
}

#[test]
fn invalid_utf8_is_refused_naming_the_file_and_the_first_bad_byte() {
    let dir = scratch("hostile-utf8");
    let good = b"Iran backs the Houthis.\n";
    // Valid text, then a Latin-1 byte where UTF-8 needs a continuation.
    let mut latin1 = good.to_vec();
    latin1.extend_from_slice(b"Saudi forces fought the Houthis near Sa\xefda.\n");
    let bad_at = latin1.iter().position(|b| *b == 0xef).unwrap();
    // UTF-16 with its byte-order mark: not UTF-8 from the first byte.
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("Iran".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    std::fs::write(dir.join("a-good.txt"), good).unwrap();
    std::fs::write(dir.join("b-latin1.txt"), &latin1).unwrap();
    std::fs::write(dir.join("c-utf16.txt"), &utf16).unwrap();

    let mut graph = KnowledgeGraph::new();
    let report = ingest_paths_with(
        &mut graph,
        lexicon(),
        &[&dir],
        IngestOptions::default(),
        |_| {},
    );
    assert_eq!(report.ingested, ["a-good.txt"]);
    let failed: Vec<(String, usize)> = report
        .failed
        .iter()
        .map(|e| match e {
            Error::NotText { path, offset } => (path.display().to_string(), *offset),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        failed,
        [
            (dir.join("b-latin1.txt").display().to_string(), bad_at),
            (dir.join("c-utf16.txt").display().to_string(), 0),
        ]
    );
    assert!(
        report.failed[0].to_string().ends_with(&format!(
            "b-latin1.txt: not UTF-8 text (invalid byte at offset {bad_at})"
        )),
        "{}",
        report.failed[0]
    );
    assert!(
        graph.find("Saudi forces").is_err(),
        "nothing of a refused file is kept"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn text_given_directly_keeps_to_the_document_limit() {
    let options = IngestOptions::default().max_document_bytes(10);
    let err = ingest_text_with(
        &mut KnowledgeGraph::new(),
        lexicon(),
        "memo",
        "Iran backs the Houthis.",
        options,
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "memo: 23 bytes, over the limit of 10 bytes for one document; not read"
    );
    assert_eq!(
        IngestOptions::default().document_limit(),
        Some(factions::source::DEFAULT_MAX_DOCUMENT_BYTES)
    );
}
