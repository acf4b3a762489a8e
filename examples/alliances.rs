//! The main job, as an analyst runs it: ingest a folder of news articles, then ask each major
//! actor who its allies and adversaries are, who denied what, and whom the enemy of its enemy
//! makes a likely friend — each answer with a sentence. Then one chain between two actors and
//! the places where the sources disagree.
//!
//! Run it with `cargo run --release --example alliances` (it reads `examples/corpus/`), or point
//! it at your own folder: `cargo run --release --example alliances -- path/to/articles`.

use factions::query::{Conflict, Quote};
use factions::{EntityKind, KnowledgeGraph, Lexicon, QueryOptions, ingest_paths};
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

    // 3. Every question goes through a query: the graph read through options (a time window,
    //    kinds, a minimum confidence). Here officials speak for their state or force, so that
    //    "Kerry agreed with Lavrov" counts for the United States and Russia.
    let query = graph.query(QueryOptions::builder().through_members(true).build());

    // 4. The major actors: the states and forces with the most signed ties.
    let mut actors: Vec<_> = graph
        .entities()
        .filter(|(_, e)| matches!(e.kind, EntityKind::State | EntityKind::Force))
        .map(|(id, e)| {
            let ties = query.allies(id).len() + query.adversaries(id).len();
            (ties, e.name.as_str(), id)
        })
        .filter(|(ties, _, _)| *ties > 0)
        .collect();
    actors.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));

    // 5. For each: allies and adversaries (ranked by documents × confidence × recency), the
    //    denials it made, and the enemies of its enemies — inferred, so shown apart.
    for &(_, name, id) in actors.iter().take(6) {
        println!("== {name}");
        for (label, ties) in [
            ("ally", query.allies(id)),
            ("adversary", query.adversaries(id)),
        ] {
            for tie in ties.iter().take(4) {
                println!("  {label:10} {:28} {}", tie.actor.name, shorten(&tie.best));
            }
        }
        for statement in query.context(id) {
            if statement.kind == factions::RelationKind::Denies && statement.source.id == id {
                let claim = statement.claims.first().map_or_else(
                    || format!("a claim about {}", statement.target.name),
                    |c| format!("that {} {} {}", c.source, c.kind, c.target),
                );
                println!("  denies     {claim}");
            }
        }
        for inferred in query.enemies_of_enemies(id).iter().take(2) {
            println!(
                "  inferred   {:28} enemy of its enemy {}",
                inferred.actor.name, inferred.via.name
            );
        }
        println!();
    }

    // 6. A chain between two actors the texts never link directly, and whether it is friendly.
    if let (Ok(from), Ok(to)) = (graph.find("Iran"), graph.find("Syrian Democratic Forces"))
        && let Some(path) = query.shortest_path(from, to)
    {
        let mut names = vec![path.from.name];
        names.extend(path.hops.iter().map(|hop| hop.to.name));
        println!(
            "Iran → SDF: a {} chain, {}",
            path.sign.describe(),
            names.join(" → ")
        );
    }

    // 7. Where the sources disagree, each side with its sentence.
    for c in query.contradictions() {
        let how = match c.conflict {
            Conflict::Negated => "asserted and negated",
            Conflict::Denied => "asserted and denied",
            Conflict::AlliedAndOpposed => "allied and opposed",
        };
        println!("disputed: {} – {} ({how})", c.a.name, c.b.name);
    }
    Ok(())
}

/// One line of evidence, cut at a word boundary.
fn shorten(quote: &Quote<'_>) -> String {
    const WIDTH: usize = 100;
    let text = quote.text().unwrap_or_default();
    if text.chars().count() <= WIDTH {
        return format!("“{text}”");
    }
    let cut: String = text.chars().take(WIDTH).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("“{cut} …”")
}
