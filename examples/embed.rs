//! The shortest program that embeds factions: build a graph from text, ask who is allied.
//!
//! Run it with `cargo run --example embed`.

use factions::{KnowledgeGraph, Lexicon, QueryOptions, ingest_text};

fn main() -> factions::Result<()> {
    let lexicon = Lexicon::built_in()?;
    let mut graph = KnowledgeGraph::new();
    ingest_text(
        &mut graph,
        &lexicon,
        "note.txt",
        "Turkish troops shelled positions of the YPG, while the United States backs the SDF.",
    )?;
    let sdf = graph.find("SDF")?;
    for ally in graph.query(QueryOptions::default()).allies(sdf) {
        println!(
            "the SDF is allied with {} ({} sentence)",
            ally.actor.name, ally.evidence_count
        );
    }
    Ok(())
}
