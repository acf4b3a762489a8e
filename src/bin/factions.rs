//! The `factions` command line: a thin layer over the library.

use clap::{Parser, Subcommand};
use factions::export::json;
use factions::{Entity, EntityId, Evidence, KnowledgeGraph, Lexicon, Tie};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "factions",
    version,
    about = "Who coordinates with, opposes, backs and denies whom — from news text."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read articles (files, or folders of .txt files) and write the graph as JSON.
    Ingest {
        /// Files or folders to read.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Where to write the graph.
        #[arg(short, long, default_value = "graph.json")]
        output: PathBuf,
        /// Extra lexicon files (TOML entries, or .txt abbreviations); they extend the built-in one.
        #[arg(long)]
        lexicon: Vec<PathBuf>,
        /// Print nothing but errors.
        #[arg(short, long)]
        quiet: bool,
    },
    /// Who coordinates with or backs each NAME, with evidence.
    Allies(Query),
    /// Who opposes each NAME or is opposed by it, with evidence.
    Adversaries(Query),
    /// Denials made by or about each NAME.
    Denials(Query),
    /// Everything the graph knows about each NAME.
    Explain(Query),
    /// Score a graph against a hand annotation (gold/1), as shared/eval/score.py does.
    Eval {
        /// The gold annotation.
        #[arg(long)]
        gold: PathBuf,
        /// The graph to score.
        graph: PathBuf,
        /// List every miss and every spurious item.
        #[arg(long)]
        verbose: bool,
        /// Print the figures as JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(clap::Args)]
struct Query {
    /// The graph file written by `factions ingest`.
    graph: PathBuf,
    /// Entity names (any alias; case and accents do not matter).
    #[arg(required = true)]
    names: Vec<String>,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("factions: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> factions::Result<ExitCode> {
    match cli.command {
        Command::Ingest {
            paths,
            output,
            lexicon,
            quiet,
        } => ingest(&paths, &output, &lexicon, quiet),
        Command::Allies(q) => query(
            &q,
            |g, id| ties_json(g, id, &g.allies(id)),
            |g, id| print_ties(g, id, "allies", &g.allies(id)),
        ),
        Command::Adversaries(q) => query(
            &q,
            |g, id| ties_json(g, id, &g.adversaries(id)),
            |g, id| print_ties(g, id, "adversaries", &g.adversaries(id)),
        ),
        Command::Denials(q) => query(&q, denials_json, print_denials),
        Command::Explain(q) => query(&q, explain_json, print_explain),
        Command::Eval {
            gold,
            graph,
            verbose,
            json,
        } => eval(&gold, &graph, verbose, json),
    }
}

fn ingest(
    paths: &[PathBuf],
    output: &Path,
    extra: &[PathBuf],
    quiet: bool,
) -> factions::Result<ExitCode> {
    let mut builder = Lexicon::builder();
    for file in extra {
        builder = builder.add_file(file)?;
    }
    let lexicon = builder.build()?;
    let mut graph = KnowledgeGraph::new();
    let report = factions::ingest_paths(&mut graph, &lexicon, paths);
    for failure in &report.failed {
        eprintln!("factions: skipped {failure}");
    }
    if report.is_total_failure() {
        eprintln!("factions: nothing could be ingested");
        return Ok(ExitCode::FAILURE);
    }
    json::save(&graph, output)?;
    if !quiet {
        eprintln!(
            "factions: {} documents, {} entities, {} relations → {}{}",
            report.ingested.len(),
            graph.entity_count(),
            graph.relation_count(),
            output.display(),
            if report.failed.is_empty() {
                String::new()
            } else {
                format!(" ({} failed)", report.failed.len())
            }
        );
    }
    Ok(if report.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

fn query(
    q: &Query,
    as_json: impl Fn(&KnowledgeGraph, EntityId) -> serde_json::Value,
    as_text: impl Fn(&KnowledgeGraph, EntityId),
) -> factions::Result<ExitCode> {
    let graph = json::load(&q.graph)?;
    let mut items = Vec::new();
    for name in &q.names {
        let id = graph.find(name)?;
        if q.json {
            items.push(as_json(&graph, id));
        } else {
            as_text(&graph, id);
        }
    }
    if q.json {
        let flat: Vec<serde_json::Value> = items
            .into_iter()
            .flat_map(|v| match v {
                serde_json::Value::Array(a) => a,
                other => vec![other],
            })
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&flat).unwrap_or_default()
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn entity(graph: &KnowledgeGraph, id: EntityId) -> Option<&Entity> {
    graph.entity(id)
}

fn name(graph: &KnowledgeGraph, id: EntityId) -> String {
    entity(graph, id)
        .map(|e| e.name.clone())
        .unwrap_or_default()
}

fn evidence_json(graph: &KnowledgeGraph, e: &Evidence) -> serde_json::Value {
    json!({"document": e.document, "sentence": e.sentence, "start": e.span.start, "end": e.span.end,
           "date": e.date.map(|d| d.to_string()), "text": graph.evidence_text(e).unwrap_or("")})
}

fn ties_json(graph: &KnowledgeGraph, of: EntityId, ties: &[Tie<'_>]) -> serde_json::Value {
    ties.iter()
        .map(|t| {
            json!({"of": name(graph, of), "name": t.name, "kind": t.kind, "relations": t.relations,
                   "evidence_count": t.evidence_count, "confidence": t.confidence, "best": evidence_json(graph, t.best)})
        })
        .collect()
}

fn print_ties(graph: &KnowledgeGraph, of: EntityId, what: &str, ties: &[Tie<'_>]) {
    println!("{} — {what}:", name(graph, of));
    if ties.is_empty() {
        println!("  (none)");
    }
    for t in ties {
        let kinds: Vec<&str> = t.relations.iter().map(|k| k.as_str()).collect();
        println!(
            "  {} ({}) — {}, {} sentence(s)",
            t.name,
            t.kind,
            kinds.join(", "),
            t.evidence_count
        );
        println!(
            "      “{}” [{}]",
            graph.evidence_text(t.best).unwrap_or("…"),
            t.best.document
        );
    }
}

fn denials_json(graph: &KnowledgeGraph, id: EntityId) -> serde_json::Value {
    graph
        .denials(id)
        .map(|r| {
            let target = entity(graph, r.target);
            json!({"name": name(graph, r.source), "kind": entity(graph, r.source).map(|e| e.kind),
                   "denies": {"name": target.map(|e| e.name.clone()), "kind": target.map(|e| e.kind)},
                   "claim": r.relation.evidence.iter().find_map(|e| e.claim.clone()),
                   "evidence": r.relation.evidence.iter().map(|e| evidence_json(graph, e)).collect::<Vec<_>>()})
        })
        .collect()
}

fn print_denials(graph: &KnowledgeGraph, id: EntityId) {
    println!("{} — denials:", name(graph, id));
    let mut any = false;
    for r in graph.denials(id) {
        any = true;
        println!(
            "  {} denies a claim about {}",
            name(graph, r.source),
            name(graph, r.target)
        );
        if let Some(e) = r.relation.evidence.first() {
            println!(
                "      “{}” [{}]",
                graph.evidence_text(e).unwrap_or("…"),
                e.document
            );
        }
    }
    if !any {
        println!("  (none)");
    }
}

fn explain_json(graph: &KnowledgeGraph, id: EntityId) -> serde_json::Value {
    let e = entity(graph, id);
    let relations: Vec<serde_json::Value> = graph
        .neighbors(id)
        .map(|(_, r)| {
            json!({"source": name(graph, r.source), "kind": r.relation.kind, "target": name(graph, r.target),
                   "polarity": r.relation.polarity, "confidence": r.relation.confidence(),
                   "evidence": r.relation.evidence.iter().map(|e| evidence_json(graph, e)).collect::<Vec<_>>()})
        })
        .collect();
    json!({"name": e.map(|e| e.name.clone()), "kind": e.map(|e| e.kind), "aliases": e.map(|e| e.aliases.clone()),
           "mentions": e.map(|e| e.mentions.clone()), "relations": relations})
}

fn print_explain(graph: &KnowledgeGraph, id: EntityId) {
    let Some(e) = entity(graph, id) else { return };
    println!("{} ({})", e.name, e.kind);
    if !e.aliases.is_empty() {
        let aliases: Vec<&str> = e.aliases.iter().map(String::as_str).collect();
        println!("  also: {}", aliases.join(", "));
    }
    for (_, r) in graph.neighbors(id) {
        let rel = r.relation;
        println!(
            "  {} —{}{}→ {}  ({} sentence(s), confidence {:.2})",
            name(graph, r.source),
            rel.kind,
            if rel.polarity == factions::Polarity::Negated {
                " [negated]"
            } else {
                ""
            },
            name(graph, r.target),
            rel.evidence.len(),
            rel.confidence()
        );
        for ev in &rel.evidence {
            println!(
                "      “{}” [{}]",
                graph.evidence_text(ev).unwrap_or("…"),
                ev.document
            );
        }
    }
}

fn eval(gold: &Path, graph: &Path, verbose: bool, as_json: bool) -> factions::Result<ExitCode> {
    let read = |p: &Path| -> factions::Result<serde_json::Value> {
        let text = std::fs::read_to_string(p).map_err(|e| factions::Error::Io {
            path: p.into(),
            source: e,
        })?;
        serde_json::from_str(&text).map_err(|e| factions::Error::Json {
            path: p.into(),
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })
    };
    let gold_value = read(gold)?;
    let gold_data: factions::eval::Gold =
        serde_json::from_value(gold_value).map_err(|e| factions::Error::Format {
            path: gold.into(),
            message: format!("not a gold/1 file: {e}"),
        })?;
    let scores = factions::eval::score(&gold_data, &read(graph)?);
    if verbose {
        for line in &scores.report {
            println!("{line}");
        }
    }
    if as_json {
        println!(
            "{}",
            serde_json::to_string_pretty(&scores).unwrap_or_default()
        );
    } else {
        print!("{scores}");
    }
    Ok(ExitCode::SUCCESS)
}
