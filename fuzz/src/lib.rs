//! What each fuzz target does with its input. `tests/fuzz_regressions.rs` includes this file, so
//! an input kept from a crash is replayed through exactly the code that crashed.
//!
//! Beyond "no panic", each target checks what must hold for any input: offsets point into the
//! text, evidence text is the text at its span, errors name the file they come from, and a
//! graph written as JSON reads back to the same file.

use factions::export::{self, Format, json};
use factions::ingest::{Limits, extract_with};
use factions::{
    Date, Document, EntityId, Extraction, KnowledgeGraph, Lexicon, LexiconBuilder, QueryOptions,
    parts,
};
use std::path::Path;
use std::sync::OnceLock;

/// Entities whose questions are asked of a graph: enough to reach every query, few enough to
/// keep an execution short.
const ASKED: usize = 6;
/// Above this many entities, blocs (the whole-graph question) is not asked.
const BLOCS_UP_TO: usize = 300;

fn built_in() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| match Lexicon::built_in() {
        Ok(lexicon) => lexicon,
        Err(e) => panic!("the built-in lexicon does not build: {e}"),
    })
}

/// Arbitrary bytes as an article: decoded as the library would see them (invalid UTF-8
/// replaced, since files that are not UTF-8 are rejected before any stage runs), cleaned,
/// extracted within a small sentence limit, merged, queried, exported and read back.
pub fn ingest(data: &[u8]) {
    if let Err(e) = std::str::from_utf8(data) {
        // What `source::read` reports for such a file.
        let offset = e.valid_up_to();
        assert!(offset < data.len());
    }
    let text = String::from_utf8_lossy(data).into_owned();
    ingest_with(built_in(), text);
}

/// Arbitrary bytes as a user lexicon file (TOML) on its own, then an article read with it. The
/// article is what follows the first U+0001 in the input, or else sentences made of the
/// lexicon's own names.
pub fn lexicon(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (file, article) = text.split_once('\u{1}').unwrap_or((text, ""));
    let lexicon = match LexiconBuilder::empty().add_toml("fuzz.toml", file).build() {
        Ok(lexicon) => lexicon,
        Err(e) => {
            assert!(e.to_string().contains("fuzz.toml"), "{e}");
            return;
        }
    };
    let article = if article.is_empty() {
        let names: Vec<&str> = lexicon.entries().map(|e| e.name.as_str()).take(8).collect();
        names
            .windows(2)
            .map(|w| format!("{} backs {} and fought {}. ", w[0], w[1], w[0]))
            .collect()
    } else {
        article.to_owned()
    };
    ingest_with(&lexicon, article);
}

/// Arbitrary bytes as a graph snapshot (`factions-graph` JSON) and as a parts file (JSON
/// lines): either an error naming the file, or a graph that answers every question and writes
/// back to itself.
pub fn snapshot(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match json::read(text, Path::new("fuzz.json")) {
        Ok(graph) => exercise(&graph),
        Err(e) => assert!(e.to_string().starts_with("fuzz.json: "), "{e}"),
    }
    let mut graph = KnowledgeGraph::new();
    for part in parts::read(text, Path::new("fuzz.jsonl")) {
        match part {
            Ok(part) => {
                graph.add_part(part);
            }
            Err(e) => assert!(e.to_string().starts_with("fuzz.jsonl: "), "{e}"),
        }
    }
    exercise(&graph);
}

fn ingest_with(lexicon: &Lexicon, text: String) {
    let doc = match factions::source::document("fuzz.txt", text, Path::new("fuzz.txt"), lexicon) {
        Ok(doc) => doc,
        Err(e) => {
            assert!(e.to_string().starts_with("fuzz.txt: "), "{e}");
            return;
        }
    };
    let limits = Limits {
        max_sentence_bytes: 2_000,
    };
    let found = extract_with(&doc, lexicon, limits);
    check_extraction(&doc, &found, limits);
    let mut graph = KnowledgeGraph::new();
    graph.merge(&found, Some(&doc), lexicon);
    for r in graph.relations() {
        for e in &r.relation.evidence {
            assert_eq!(
                graph.evidence_text(e).as_deref(),
                doc.text.get(e.span.start..e.span.end)
            );
        }
    }
    exercise(&graph);
}

/// Every offset of an extraction points inside the text, at character boundaries, and every
/// index points at something.
pub fn check_extraction(doc: &Document, found: &Extraction, limits: Limits) {
    let text = doc.text.as_str();
    for line in &doc.body {
        assert!(text.get(line.start..line.end).is_some(), "line {line:?}");
    }
    for s in &found.sentences {
        assert!(
            s.start < s.end && text.get(s.start..s.end).is_some(),
            "sentence {s:?}"
        );
    }
    for m in &found.mentions {
        assert!(text.get(m.span.start..m.span.end).is_some(), "{m:?}");
        let sentence = found.sentences.get(m.sentence);
        assert!(sentence.is_some_and(|s| s.contains(m.span)), "{m:?}");
        assert!(m.entity < found.entities.len(), "{m:?}");
    }
    for r in &found.relations {
        assert!(r.source < found.entities.len() && r.target < found.entities.len());
        assert!(r.source != r.target, "{r:?}");
        let sentence = found.sentences.get(r.sentence);
        assert!(sentence.is_some_and(|s| limits.admits(*s)), "{r:?}");
    }
    for s in &found.skipped {
        assert!(!limits.admits(*s) && found.sentences.contains(s), "{s:?}");
    }
}

/// Asks the graph every question, writes every export, and checks that its JSON reads back to
/// the same JSON.
fn exercise(graph: &KnowledgeGraph) {
    let first = to_json(graph);
    let again = match json::read(&first, Path::new("again.json")) {
        Ok(g) => g,
        Err(e) => panic!("a written graph does not read back: {e}\n{first}"),
    };
    assert_eq!(
        to_json(&again),
        first,
        "a graph's JSON reads back to itself"
    );
    for format in Format::ALL {
        if !format.is_directory() {
            let written = export::write(graph, format, std::io::sink());
            assert!(written.is_ok(), "{format}: {written:?}");
        }
    }
    let ids: Vec<EntityId> = graph.entities().map(|(id, _)| id).take(ASKED).collect();
    let dated = Date::new(2020, 2, 29).map(|d| QueryOptions::builder().as_of(d));
    for options in [
        Some(QueryOptions::default()),
        dated.map(|b| b.through_members(true).min_confidence(0.5).build()),
    ]
    .into_iter()
    .flatten()
    {
        let query = graph.query(options);
        for &a in &ids {
            let _ = query.allies(a);
            let _ = query.adversaries(a);
            let _ = query.enemies_of_enemies(a);
            let _ = query.friends_of_enemies(a);
            let _ = query.context(a).count();
            for &b in &ids {
                let _ = query.tie(a, b);
                let _ = query.timeline(a, b);
                let _ = query.shortest_path(a, b);
                let _ = query.paths(a, b, 3).take(16).count();
            }
        }
        let _ = query.ties().count();
        let _ = query.contradictions();
        if graph.entity_count() <= BLOCS_UP_TO {
            let _ = query.blocs();
        }
    }
}

fn to_json(graph: &KnowledgeGraph) -> String {
    let mut out = Vec::new();
    if let Err(e) = json::write(graph, &mut out, Path::new("mem.json")) {
        panic!("writing to memory failed: {e}");
    }
    match String::from_utf8(out) {
        Ok(text) => text,
        Err(e) => panic!("the JSON written is not UTF-8: {e}"),
    }
}
