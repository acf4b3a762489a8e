//! The main job, as an analyst runs it: ingest a folder of news articles, then ask each major
//! actor who its allies and adversaries are and who denied what — each answer with a sentence.
//!
//! Run it with `cargo run --release --example alliances` (it reads `examples/corpus/`), or point
//! it at your own folder: `cargo run --release --example alliances -- path/to/articles`.

use factions::{EntityKind, KnowledgeGraph, Lexicon, Polarity, RelationKind, ingest_paths};
use std::path::PathBuf;

fn main() -> factions::Result<()> {
    // 1. The lexicon: every built-in actor, title and cue word, compiled once.
    let lexicon = Lexicon::built_in()?;

    // 2. Ingest every .txt file under the folder. A file that cannot be read is reported and
    //    skipped; the others still go in.
    let folder = std::env::args().nth(1).map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/corpus"),
        PathBuf::from,
    );
    let mut graph = KnowledgeGraph::new();
    let report = ingest_paths(&mut graph, &lexicon, &[&folder]);
    for failure in &report.failed {
        eprintln!("skipped: {failure}");
    }
    println!(
        "{} articles from {} → {} entities, {} relations\n",
        report.ingested.len(),
        folder.display(),
        graph.entity_count(),
        graph.relation_count()
    );

    // 3. The major actors: the states and forces with the most ties.
    let mut actors: Vec<_> = graph
        .entities()
        .filter(|(_, e)| matches!(e.kind, EntityKind::State | EntityKind::Force))
        .map(|(id, e)| {
            let ties = graph
                .neighbors(id)
                .filter(|(_, r)| {
                    r.relation.kind.sign() != 0 && r.relation.polarity == Polarity::Asserted
                })
                .count();
            (ties, e.name.clone(), id)
        })
        .filter(|(ties, _, _)| *ties > 0)
        .collect();
    actors.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));

    // 4. For each: allies, adversaries and denials, with one line of evidence each.
    for (_, name, id) in actors.iter().take(8) {
        println!("== {name}");
        for (label, ties) in [
            ("ally", graph.allies(*id)),
            ("adversary", graph.adversaries(*id)),
        ] {
            for tie in ties.iter().take(5) {
                let quote = graph.evidence_text(tie.best).unwrap_or("");
                println!("  {label:9} {:28} {}", tie.name, shorten(quote));
            }
        }
        for denial in graph.denials(*id).filter(|r| r.source == *id) {
            let about = graph.entity(denial.target).map_or("?", |e| e.name.as_str());
            let claim = denial
                .relation
                .evidence
                .iter()
                .find_map(|e| e.claim.as_ref());
            let what = claim.map_or(String::new(), |c| {
                format!(" ({} {} {})", c.source, c.kind, c.target)
            });
            let quote = denial
                .relation
                .evidence
                .first()
                .and_then(|e| graph.evidence_text(e))
                .unwrap_or("");
            println!("  denies    about {about}{what}: {}", shorten(quote));
        }
        // Negated edges are kept apart: "X is not coordinating with Y" is never an alliance.
        for (other, r) in graph.neighbors(*id) {
            if r.relation.polarity == Polarity::Negated
                && r.relation.kind == RelationKind::CoordinatesWith
            {
                let other = graph.entity(other).map_or("?", |e| e.name.as_str());
                println!("  NOT coordinating with {other}");
            }
        }
        println!();
    }
    Ok(())
}

/// One line of evidence, cut at a word boundary.
fn shorten(text: &str) -> String {
    const WIDTH: usize = 110;
    if text.chars().count() <= WIDTH {
        return format!("“{text}”");
    }
    let cut: String = text.chars().take(WIDTH).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("“{cut} …”")
}
