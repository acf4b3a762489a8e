//! Which camps does a corpus fall into? Ingest a folder, then partition its actors into blocs
//! that keep allies together and adversaries apart, and show what holds each bloc together and
//! which ties the partition cannot honour.
//!
//! Run it with `cargo run --release --example blocs` (it reads `examples/corpus/`), or on your
//! own folder: `cargo run --release --example blocs -- path/to/articles`.

use factions::query::Sign;
use factions::{EntityKind, KnowledgeGraph, Lexicon, QueryOptions, ingest_paths};
use std::path::PathBuf;

fn main() -> factions::Result<()> {
    let lexicon = Lexicon::built_in()?;
    let folder = std::env::args().nth(1).map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/corpus"),
        PathBuf::from,
    );
    let mut graph = KnowledgeGraph::new();
    let report = ingest_paths(&mut graph, &lexicon, &[&folder]);
    for failure in &report.failed {
        eprintln!("skipped: {failure}");
    }

    // Blocs are about who sides with whom, so: states and forces only, and an official's
    // words count for the state or force it speaks for ("Kerry agreed" is Washington agreeing).
    let options = QueryOptions::builder()
        .entity_kinds([EntityKind::State, EntityKind::Force])
        .through_members(true)
        .build();
    let query = graph.query(options);
    let blocs = query.blocs();

    // Balance is 1 when every friendly tie falls inside a bloc and every hostile one across.
    println!(
        "{} actors in {} blocs; balance {:.3} ({} of {} ties go against the partition)\n",
        blocs.blocs.iter().map(|b| b.members.len()).sum::<usize>(),
        blocs.blocs.len(),
        blocs.balance,
        blocs.frustrated_ties,
        blocs.ties
    );
    for (i, bloc) in blocs.blocs.iter().enumerate() {
        let names: Vec<&str> = bloc.members.iter().map(|m| m.name).collect();
        println!("bloc {}: {}", i + 1, names.join(", "));
    }

    // Every tie, read against the partition: the frustrated ones are where the story is
    // (a friend in the other camp, a feud inside one).
    println!("\nties the partition cannot honour:");
    let mut any = false;
    for tie in query.ties() {
        let same = blocs.bloc_of(tie.from.id) == blocs.bloc_of(tie.to.id);
        let frustrated = match tie.sign {
            Sign::Positive => !same,
            Sign::Negative => same,
        };
        if frustrated {
            any = true;
            let quote = tie
                .evidence
                .first()
                .and_then(|q| q.text())
                .unwrap_or_default();
            println!(
                "  {} – {}: {} across the blocs' lines\n      “{quote}”",
                tie.from.name,
                tie.to.name,
                tie.sign.describe()
            );
        }
    }
    if !any {
        println!("  none: the corpus is perfectly balanced");
    }
    Ok(())
}
