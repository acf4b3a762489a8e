//! How did relations between Washington and Moscow change? Ingest a folder of dated articles,
//! then walk the pair's history date by date, mark where it turned, and compare the graph as
//! it stood at two moments.
//!
//! Run it with `cargo run --release --example timeline` (it reads `examples/corpus/`, whose
//! articles run from 2014 to 2023), or name your own folder and pair:
//! `cargo run --release --example timeline -- path/to/articles "Turkey" "Syria"`.

use factions::{Date, KnowledgeGraph, Lexicon, QueryOptions, ingest_paths};
use std::path::PathBuf;

fn main() -> factions::Result<()> {
    let mut args = std::env::args().skip(1);
    let folder = args.next().map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/corpus"),
        PathBuf::from,
    );
    let a = args.next().unwrap_or_else(|| "United States".to_owned());
    let b = args.next().unwrap_or_else(|| "Russia".to_owned());

    let lexicon = Lexicon::built_in()?;
    let mut graph = KnowledgeGraph::new();
    let report = ingest_paths(&mut graph, &lexicon, &[&folder]);
    for failure in &report.failed {
        eprintln!("skipped: {failure}");
    }
    // An unknown name is an error that lists the closest names the graph knows.
    let (a, b) = (graph.find(&a)?, graph.find(&b)?);

    // Officials speak for their states: a foreign minister's handshake is the state's.
    let options = || QueryOptions::builder().through_members(true);
    let query = graph.query(options().build());
    let Some(timeline) = query.timeline(a, b) else {
        return Ok(());
    };
    println!("{} and {}:", timeline.a.name, timeline.b.name);
    for moment in &timeline.moments {
        let date = moment
            .date
            .map_or_else(|| "undated".to_owned(), |d| d.to_string());
        let lean = moment.sign.map_or("mixed or no tie", |s| s.describe());
        let turn = if moment.changed { "  ← turned" } else { "" };
        println!("  {date}  {lean}{turn}");
        for statement in &moment.statements {
            let quote = statement
                .evidence
                .first()
                .and_then(|q| q.text())
                .unwrap_or_default();
            println!(
                "      {} {} {}: “{quote}”",
                statement.source.name, statement.kind, statement.target.name
            );
        }
    }

    // The same pair through two windows: `as_of` reads the graph as it stood on a date.
    // (`Date::new` refuses impossible dates with `None`.)
    let windows = [
        (
            "as of the end of 2016",
            Date::new(2016, 12, 31).map(|d| options().as_of(d)),
        ),
        (
            "from 2017 on",
            Date::new(2017, 1, 1)
                .zip(Date::new(2030, 12, 31))
                .map(|(first, last)| options().between(first, last)),
        ),
    ];
    for (label, options) in windows {
        let Some(options) = options else { continue };
        let query = graph.query(options.build());
        let tie = query.tie(a, b).map_or("no tie", |t| t.sign.describe());
        println!("{label}: {tie}");
    }
    Ok(())
}
