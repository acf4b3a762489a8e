//! The `factions` command line: a thin layer over the library.

use clap::{Parser, Subcommand};
use factions::export::json;
use factions::query::{Actor, Link, Quote, Statement};
use factions::{
    Ally, Date, Entity, EntityId, EntityKind, Evidence, KnowledgeGraph, Lexicon, Path as Chain,
    QueryOptions, RelationKind, Sign,
};
use serde::Serialize;
use serde_json::json;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

// Extraction makes millions of small, short-lived allocations (words, spans, mention and cue
// lists): glibc's malloc and free were a fifth of an ingest's instructions, mimalloc's are a
// fraction of that. Only the command line chooses it; library users keep their own allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
        /// Print nothing but errors (no progress bar either).
        #[arg(short, long)]
        quiet: bool,
        /// Add to this existing graph file instead (created when missing): documents already
        /// there with the same text are skipped, changed ones replaced. Saved atomically.
        #[arg(long, value_name = "GRAPH", conflicts_with = "output")]
        into: Option<PathBuf>,
        /// Threads that extract documents; 0 means one per core. The graph is the same for any
        /// number.
        #[arg(long, default_value_t = 0)]
        threads: usize,
        /// Sentences longer than this many bytes keep their names but are not read for
        /// relations (a warning names each one).
        #[arg(long, value_name = "BYTES", default_value_t = factions::ingest::Limits::default().max_sentence_bytes)]
        max_sentence_bytes: usize,
        /// Files larger than this many bytes are not read (each is reported); 0 for no limit.
        #[arg(long, value_name = "BYTES", default_value_t = factions::source::DEFAULT_MAX_DOCUMENT_BYTES)]
        max_document_bytes: u64,
    },
    /// Who coordinates with or backs each NAME, ranked by evidence.
    Allies(Ask),
    /// Who opposes each NAME or is opposed by it, ranked by evidence.
    Adversaries(Ask),
    /// Inferred, not observed: the enemies of each NAME's enemies, the friends of its enemies.
    EnemyOfEnemy(Ask),
    /// Chains of ties from A to B: the shortest, and every simple one up to --max-hops.
    Paths {
        /// The graph file written by `factions ingest`.
        graph: PathBuf,
        /// Where the chains start.
        a: String,
        /// Where they end.
        b: String,
        /// The longest chain listed.
        #[arg(long, default_value_t = 3)]
        max_hops: usize,
        #[command(flatten)]
        filters: Filters,
    },
    /// Factions: a partition of the actors that keeps friends together and foes apart.
    Blocs {
        /// The graph file written by `factions ingest`.
        graph: PathBuf,
        #[command(flatten)]
        filters: Filters,
    },
    /// How the relation between A and B changed, date by date.
    Timeline {
        /// The graph file written by `factions ingest`.
        graph: PathBuf,
        /// One actor.
        a: String,
        /// The other.
        b: String,
        #[command(flatten)]
        filters: Filters,
    },
    /// Where sources disagree: negated or denied relations, pairs both allied and opposed.
    Contradictions {
        /// The graph file written by `factions ingest`.
        graph: PathBuf,
        #[command(flatten)]
        filters: Filters,
    },
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
    /// Write the graph in another format: json, jsonl, dot, graphml, ntriples, turtle, neo4j.
    Export(ExportArgs),
    /// Draw the graph: DOT piped through Graphviz's `dot` (or the DOT file when it is absent).
    Render(RenderArgs),
    /// The map step: one JSON line per document (entities, mentions, relations, evidence).
    Extract(ExtractArgs),
    /// Show how each sentence was read: its mentions, what they resolved to, its relations.
    Annotate(AnnotateArgs),
    /// The fold: parts files from `extract` into one graph, the same as one `ingest` gives.
    Merge(MergeArgs),
}

/// `factions annotate`.
#[derive(clap::Args)]
struct AnnotateArgs {
    /// Files or folders to read.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Only sentences that contain this text.
    #[arg(long)]
    grep: Option<String>,
    /// Extra lexicon files; they extend the built-in one.
    #[arg(long)]
    lexicon: Vec<PathBuf>,
}

/// `factions extract`.
#[derive(clap::Args)]
struct ExtractArgs {
    /// Files or folders to read.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Where to write the parts (JSON Lines); standard output when absent.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Extra lexicon files; they extend the built-in one.
    #[arg(long)]
    lexicon: Vec<PathBuf>,
}

/// `factions merge`.
#[derive(clap::Args)]
struct MergeArgs {
    /// Parts files written by `factions extract`.
    #[arg(required = true)]
    parts: Vec<PathBuf>,
    /// Where to write the graph.
    #[arg(short, long, default_value = "graph.json")]
    output: PathBuf,
}

/// `factions export`: the graph in another format.
#[derive(clap::Args)]
struct ExportArgs {
    /// The graph file written by `factions ingest`.
    graph: PathBuf,
    /// json, jsonl, dot, graphml, ntriples, turtle or neo4j.
    #[arg(short, long)]
    format: factions::export::Format,
    /// Where to write (a directory for neo4j); standard output when absent.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

/// `factions render`: the picture of the graph.
#[derive(clap::Args)]
struct RenderArgs {
    /// The graph file written by `factions ingest`.
    graph: PathBuf,
    /// The picture to write; its extension picks Graphviz's output format (svg, png, pdf).
    #[arg(short, long, default_value = "alliances.svg")]
    output: PathBuf,
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

#[derive(clap::Args)]
struct Ask {
    /// The graph file written by `factions ingest`.
    graph: PathBuf,
    /// Entity names (any alias; case and accents do not matter).
    #[arg(required = true)]
    names: Vec<String>,
    #[command(flatten)]
    filters: Filters,
}

/// What every question reads of the graph.
#[derive(clap::Args)]
struct Filters {
    /// Only evidence dated on or before DATE (YYYY-MM-DD): the graph as it stood then.
    #[arg(long, value_name = "DATE")]
    as_of: Option<Date>,
    /// Only evidence dated from FIRST to LAST (YYYY-MM-DD), both included.
    #[arg(long, num_args = 2, value_names = ["FIRST", "LAST"])]
    between: Vec<Date>,
    /// Count an official's relations for the state or force it is a member of.
    #[arg(long)]
    through_members: bool,
    /// Only relations whose evidence has at least this combined confidence (0–1).
    #[arg(long, value_name = "P")]
    min_confidence: Option<f32>,
    /// Only entities of this kind (repeat for several): state, force, official, person,
    /// organization, location. Default: every kind but location.
    #[arg(long = "kind", value_name = "KIND", value_parser = parse_entity_kind)]
    kinds: Vec<EntityKind>,
    /// Only relations of this kind (repeat for several): coordinates_with, opposes, backs,
    /// denies, member_of.
    #[arg(long = "relation", value_name = "KIND", value_parser = parse_relation_kind)]
    relations: Vec<RelationKind>,
    /// Only evidence from this document id (repeat for several).
    #[arg(long = "document", value_name = "ID")]
    documents: Vec<String>,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

impl Filters {
    fn options(&self) -> QueryOptions {
        let mut options = QueryOptions::builder().through_members(self.through_members);
        if let Some(date) = self.as_of {
            options = options.as_of(date);
        }
        if let [first, last] = self.between[..] {
            options = options.between(first, last);
        }
        if let Some(p) = self.min_confidence {
            options = options.min_confidence(p);
        }
        if !self.kinds.is_empty() {
            options = options.entity_kinds(self.kinds.iter().copied());
        }
        if !self.relations.is_empty() {
            options = options.relation_kinds(self.relations.iter().copied());
        }
        if !self.documents.is_empty() {
            options = options.documents(self.documents.iter().cloned());
        }
        options.build()
    }
}

fn parse_entity_kind(s: &str) -> Result<EntityKind, String> {
    EntityKind::ALL
        .into_iter()
        .find(|k| k.as_str() == s)
        .ok_or_else(|| format!("not an entity kind: {s:?}"))
}

fn parse_relation_kind(s: &str) -> Result<RelationKind, String> {
    RelationKind::ALL
        .into_iter()
        .find(|k| k.as_str() == s)
        .ok_or_else(|| format!("not a relation kind: {s:?}"))
}

fn main() -> ExitCode {
    // `factions annotate FILE | head`: a reader that stops early ends the process quietly, as
    // it does any Unix tool, instead of making `println!` panic on the broken pipe.
    sigpipe::reset();
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
            into,
            threads,
            max_sentence_bytes,
            max_document_bytes,
        } => {
            let options = factions::IngestOptions::default()
                .threads(threads)
                .max_sentence_bytes(max_sentence_bytes)
                .max_document_bytes(max_document_bytes);
            ingest(&paths, &output, into.as_deref(), &lexicon, quiet, options)
        }
        Command::Allies(ask) => ties(&ask, Sign::Positive),
        Command::Adversaries(ask) => ties(&ask, Sign::Negative),
        Command::EnemyOfEnemy(ask) => enemy_of_enemy(&ask),
        Command::Paths {
            graph,
            a,
            b,
            max_hops,
            filters,
        } => paths(&graph, &a, &b, max_hops, &filters),
        Command::Blocs { graph, filters } => blocs(&graph, &filters),
        Command::Timeline {
            graph,
            a,
            b,
            filters,
        } => timeline(&graph, &a, &b, &filters),
        Command::Contradictions { graph, filters } => contradictions(&graph, &filters),
        Command::Denials(q) => query(&q, denials_json, print_denials),
        Command::Explain(q) => query(&q, explain_json, print_explain),
        Command::Eval {
            gold,
            graph,
            verbose,
            json,
        } => eval(&gold, &graph, verbose, json),
        Command::Export(args) => export(&args),
        Command::Extract(args) => extract(&args),
        Command::Annotate(args) => annotate(&args),
        Command::Merge(args) => merge(&args),
        Command::Render(args) => render(&args),
    }
}

fn ingest(
    paths: &[PathBuf],
    output: &Path,
    into: Option<&Path>,
    extra: &[PathBuf],
    quiet: bool,
    options: factions::IngestOptions,
) -> factions::Result<ExitCode> {
    let lexicon = lexicon_with(extra)?;
    let target = into.unwrap_or(output);
    let mut graph = match into {
        Some(existing) if existing.exists() => json::load(existing)?,
        _ => KnowledgeGraph::new(),
    };
    let show = !quiet && std::io::stderr().is_terminal();
    let mut bar = show.then(IngestBar::new);
    let report = factions::ingest_paths_with(&mut graph, &lexicon, paths, options, |p| {
        if let Some(bar) = &mut bar {
            bar.update(p);
        }
    });
    if let Some(bar) = bar {
        bar.finish();
    }
    for failure in &report.failed {
        let hint = match failure {
            factions::Error::DocumentTooLarge { .. } => " (--max-document-bytes)",
            _ => "",
        };
        eprintln!("factions: skipped {failure}{hint}");
    }
    for (document, span) in &report.skipped {
        eprintln!(
            "factions: {document}: bytes {}..{}: a sentence of {} bytes, over the limit of {}: \
             its names are kept, its relations not read (--max-sentence-bytes)",
            span.start,
            span.end,
            span.end - span.start,
            options.limits().max_sentence_bytes
        );
    }
    if report.is_total_failure() {
        eprintln!("factions: nothing could be ingested");
        return Ok(ExitCode::FAILURE);
    }
    let changed = report.ingested.len() - report.unchanged.len();
    // An unchanged snapshot is not rewritten: its file time says when it last changed.
    let mut complete = ExitCode::SUCCESS;
    if into.is_none() || changed > 0 || !target.exists() {
        // A file changed or removed since it was read: its evidence is saved without text.
        complete = warn_missing_text(&json::save(&graph, target)?);
    }
    if !quiet {
        eprintln!(
            "factions: {} added, {} replaced, {} unchanged; {} entities, {} relations → {}{}",
            changed - report.replaced.len(),
            report.replaced.len(),
            report.unchanged.len(),
            graph.entity_count(),
            graph.relation_count(),
            target.display(),
            if report.failed.is_empty() {
                String::new()
            } else {
                format!(" ({} failed)", report.failed.len())
            }
        );
    }
    Ok(if report.failed.is_empty() {
        complete
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
           "date": e.date.map(|d| d.to_string()), "text": graph.evidence_text(e).unwrap_or_default()})
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
                graph.evidence_text(e).as_deref().unwrap_or("…"),
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
                graph.evidence_text(ev).as_deref().unwrap_or("…"),
                ev.document
            );
        }
    }
}

fn print_json<T: Serialize>(items: &[T]) {
    println!(
        "{}",
        serde_json::to_string_pretty(items).unwrap_or_default()
    );
}

fn quote(q: &Quote<'_>) -> String {
    format!(
        "“{}” [{}{}]",
        q.text().as_deref().unwrap_or("…"),
        q.evidence.document,
        q.evidence.date.map_or(String::new(), |d| format!(", {d}"))
    )
}

fn kinds(relations: &[RelationKind]) -> String {
    let names: Vec<&str> = relations.iter().map(|k| k.as_str()).collect();
    names.join(", ")
}

/// A tie, read the same both ways: the texts give each relation its own direction.
fn print_link(link: &Link<'_>) {
    println!(
        "      {} – {}: {} ({}), {} sentence(s)",
        link.from.name,
        link.to.name,
        link.sign.describe(),
        kinds(&link.relations),
        link.evidence_count
    );
    if let Some(q) = link.evidence.first() {
        println!("          {}", quote(q));
    }
}

fn ties(ask: &Ask, sign: Sign) -> factions::Result<ExitCode> {
    let graph = json::load(&ask.graph)?;
    let query = graph.query(ask.filters.options());
    let mut items: Vec<Ally<'_>> = Vec::new();
    for asked in &ask.names {
        let id = graph.find(asked)?;
        let found = match sign {
            Sign::Positive => query.allies(id),
            Sign::Negative => query.adversaries(id),
        };
        if ask.filters.json {
            items.extend(found);
            continue;
        }
        let what = if sign == Sign::Positive {
            "allies"
        } else {
            "adversaries"
        };
        println!("{} — {what}:", name(&graph, query.resolve(id)));
        if found.is_empty() {
            println!("  (none)");
        }
        for a in &found {
            println!(
                "  {} ({}) — {}, {} sentence(s) in {} document(s), weight {:.2}{}",
                a.actor.name,
                a.actor.kind,
                kinds(&a.relations),
                a.evidence_count,
                a.documents,
                a.weight,
                if a.against > 0 {
                    format!(" (contested: {} sentence(s) against)", a.against)
                } else {
                    String::new()
                }
            );
            println!("      {}", quote(&a.best));
        }
    }
    if ask.filters.json {
        print_json(&items);
    }
    Ok(ExitCode::SUCCESS)
}

fn enemy_of_enemy(ask: &Ask) -> factions::Result<ExitCode> {
    let graph = json::load(&ask.graph)?;
    let query = graph.query(ask.filters.options());
    let mut items = Vec::new();
    for asked in &ask.names {
        let id = graph.find(asked)?;
        for (title, found) in [
            ("enemies of its enemies", query.enemies_of_enemies(id)),
            ("friends of its enemies", query.friends_of_enemies(id)),
        ] {
            if ask.filters.json {
                items.extend(found);
                continue;
            }
            println!(
                "{} — {title} (inferred, not observed):",
                name(&graph, query.resolve(id))
            );
            if found.is_empty() {
                println!("  (none)");
            }
            for i in &found {
                let observed = i
                    .observed
                    .map_or(String::new(), |s| format!(" — observed: {}", s.describe()));
                println!(
                    "  {} ({}) via {}, strength {:.2}{observed}",
                    i.actor.name, i.actor.kind, i.via.name, i.strength
                );
                print_link(&i.first);
                print_link(&i.second);
            }
        }
    }
    if ask.filters.json {
        print_json(&items);
    }
    Ok(ExitCode::SUCCESS)
}

fn paths(
    file: &Path,
    a: &str,
    b: &str,
    max_hops: usize,
    filters: &Filters,
) -> factions::Result<ExitCode> {
    let graph = json::load(file)?;
    let query = graph.query(filters.options());
    let (a, b) = (graph.find(a)?, graph.find(b)?);
    let shortest = query.shortest_path(a, b);
    let mut chains: Vec<Chain<'_>> = query.paths(a, b, max_hops).collect();
    let names =
        |c: &Chain<'_>| -> Vec<String> { c.hops.iter().map(|h| h.to.name.to_owned()).collect() };
    chains.sort_by(|x, y| {
        x.hops
            .len()
            .cmp(&y.hops.len())
            .then_with(|| names(x).cmp(&names(y)))
    });
    let fewest = shortest.as_ref().map(|p| p.hops.len());
    if let Some(p) = shortest.filter(|p| p.hops.len() > max_hops) {
        chains.insert(0, p);
    }
    if filters.json {
        let items: Vec<serde_json::Value> = chains
            .iter()
            .map(|c| {
                let mut v = serde_json::to_value(c).unwrap_or_default();
                if let Some(o) = v.as_object_mut() {
                    o.insert("shortest".into(), json!(Some(c.hops.len()) == fewest));
                }
                v
            })
            .collect();
        print_json(&items);
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "{} → {}",
        name(&graph, query.resolve(a)),
        name(&graph, query.resolve(b))
    );
    if chains.is_empty() {
        println!("  no chain of ties links them");
    }
    for c in &chains {
        let mut line = vec![c.from.name];
        line.extend(c.hops.iter().map(|h| h.to.name));
        println!(
            "  {} chain, {} hop(s){}: {}",
            c.sign.describe(),
            c.hops.len(),
            if Some(c.hops.len()) == fewest {
                " (shortest)"
            } else {
                ""
            },
            line.join(" → ")
        );
        for hop in &c.hops {
            print_link(hop);
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn blocs(file: &Path, filters: &Filters) -> factions::Result<ExitCode> {
    let graph = json::load(file)?;
    let blocs = graph.query(filters.options()).blocs();
    if filters.json {
        print_json(&[&blocs]);
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "balance {:.3}: {} of {} ties frustrated (weight {:.2} of {:.2})",
        blocs.balance, blocs.frustrated_ties, blocs.ties, blocs.frustration, blocs.total_weight
    );
    for (i, bloc) in blocs.blocs.iter().enumerate() {
        let members: Vec<String> = bloc
            .members
            .iter()
            .map(|m: &Actor<'_>| format!("{} ({})", m.name, m.kind))
            .collect();
        println!("bloc {} ({}): {}", i + 1, members.len(), members.join(", "));
    }
    Ok(ExitCode::SUCCESS)
}

fn print_statement(s: &Statement<'_>) {
    println!(
        "    {} {}{} {}",
        s.source.name,
        s.kind,
        if s.polarity == factions::Polarity::Negated {
            " [negated]"
        } else {
            ""
        },
        s.target.name
    );
    for q in &s.evidence {
        println!("        {}", quote(q));
    }
}

fn timeline(file: &Path, a: &str, b: &str, filters: &Filters) -> factions::Result<ExitCode> {
    let graph = json::load(file)?;
    let query = graph.query(filters.options());
    let (a, b) = (graph.find(a)?, graph.find(b)?);
    let Some(timeline) = query.timeline(a, b) else {
        return Ok(ExitCode::SUCCESS);
    };
    if filters.json {
        print_json(&timeline.moments);
        return Ok(ExitCode::SUCCESS);
    }
    let span = match (timeline.first_date, timeline.last_date) {
        (Some(first), Some(last)) => format!("{first} to {last}"),
        _ => "no dated evidence".to_owned(),
    };
    println!("{} – {}: {span}", timeline.a.name, timeline.b.name);
    if timeline.moments.is_empty() {
        println!("  nothing links them");
    }
    for m in &timeline.moments {
        println!(
            "  {}  {}{}",
            m.date.map_or("undated".to_owned(), |d| d.to_string()),
            m.sign.map_or("no tie", Sign::describe),
            if m.changed { "  (changed)" } else { "" }
        );
        for s in &m.statements {
            print_statement(s);
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn contradictions(file: &Path, filters: &Filters) -> factions::Result<ExitCode> {
    let graph = json::load(file)?;
    let found = graph.query(filters.options()).contradictions();
    if filters.json {
        print_json(&found);
        return Ok(ExitCode::SUCCESS);
    }
    if found.is_empty() {
        println!("no contradictions");
    }
    for c in &found {
        let what = match c.conflict {
            factions::query::Conflict::Negated => "asserted and negated",
            factions::query::Conflict::Denied => "asserted and denied",
            factions::query::Conflict::AlliedAndOpposed => "allied and opposed",
        };
        println!("{} – {}: {what}", c.a.name, c.b.name);
        println!("  says:");
        for s in &c.asserted {
            print_statement(s);
        }
        println!("  against:");
        for s in &c.against {
            print_statement(s);
        }
    }
    Ok(ExitCode::SUCCESS)
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

fn export(args: &ExportArgs) -> factions::Result<ExitCode> {
    let graph = json::load(&args.graph)?;
    let report = match &args.output {
        Some(path) => factions::export::save(&graph, args.format, path)?,
        None => factions::export::write(&graph, args.format, std::io::stdout().lock())?,
    };
    Ok(warn_missing_text(&report))
}

/// Warns of each document whose evidence went out without its text; the exit code says whether
/// the export is complete (0) or not (2).
fn warn_missing_text(report: &factions::export::ExportReport) -> ExitCode {
    for problem in &report.missing_text {
        eprintln!("factions: warning: {problem}");
    }
    if report.is_complete() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}

fn render(args: &RenderArgs) -> factions::Result<ExitCode> {
    use std::io::Write as _;
    let graph = json::load(&args.graph)?;
    let mut dot = Vec::new();
    let drawing = factions::export::dot::Options {
        skip_isolated: true,
    };
    factions::export::dot::write_with(&graph, &mut dot, drawing).map_err(|e| {
        factions::Error::Io {
            path: args.output.clone(),
            source: e,
        }
    })?;
    let ext = args
        .output
        .extension()
        .map_or_else(|| "svg".to_owned(), |e| e.to_string_lossy().to_lowercase());
    let write_dot = |path: &Path| {
        factions::export::replace(path, |w| {
            w.write_all(&dot).map_err(|e| factions::Error::Io {
                path: path.into(),
                source: e,
            })
        })
    };
    if ext == "dot" || ext == "gv" {
        write_dot(&args.output)?;
        return Ok(ExitCode::SUCCESS);
    }
    let spawned = std::process::Command::new("dot")
        .arg(format!("-T{ext}"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn();
    let Ok(mut child) = spawned else {
        let fallback = args.output.with_extension("dot");
        write_dot(&fallback)?;
        eprintln!(
            "factions: Graphviz's `dot` is not installed; wrote {} instead. Render it with\n  \
             dot -T{ext} {} -o {}\n(Graphviz: apt-get install graphviz, brew install graphviz)",
            fallback.display(),
            fallback.display(),
            args.output.display()
        );
        return Ok(ExitCode::SUCCESS);
    };
    let io = |e| factions::Error::Io {
        path: args.output.clone(),
        source: e,
    };
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(&dot).map_err(io)?;
    }
    let out = child.wait_with_output().map_err(io)?;
    if !out.status.success() {
        return Err(io(std::io::Error::other(format!(
            "dot -T{ext} failed ({})",
            out.status
        ))));
    }
    factions::export::replace(&args.output, |w| w.write_all(&out.stdout).map_err(io))?;
    eprintln!("factions: drew {}", args.output.display());
    Ok(ExitCode::SUCCESS)
}

fn lexicon_with(extra: &[PathBuf]) -> factions::Result<Lexicon> {
    let mut builder = Lexicon::builder();
    for file in extra {
        builder = builder.add_file(file)?;
    }
    builder.build()
}

fn extract(args: &ExtractArgs) -> factions::Result<ExitCode> {
    let lexicon = lexicon_with(&args.lexicon)?;
    let report = match &args.output {
        Some(path) => {
            let mut report = None;
            factions::export::replace(path, |out| {
                report = Some(factions::parts::extract(&lexicon, &args.paths, out, path)?);
                Ok(())
            })?;
            report.unwrap_or_default()
        }
        None => factions::parts::extract(
            &lexicon,
            &args.paths,
            std::io::stdout().lock(),
            Path::new("<stdout>"),
        )?,
    };
    for failure in &report.failed {
        eprintln!("factions: skipped {failure}");
    }
    Ok(if report.is_total_failure() {
        ExitCode::FAILURE
    } else if report.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

/// Each sentence with its mentions marked "[surface → Entity (kind)]", then its relations.
fn annotate(args: &AnnotateArgs) -> factions::Result<ExitCode> {
    let lexicon = lexicon_with(&args.lexicon)?;
    let (sources, errors) = factions::source::collect(&args.paths);
    for e in &errors {
        eprintln!("factions: skipped {e}");
    }
    for source in &sources {
        let doc = match factions::source::read(source, &lexicon) {
            Ok(doc) => doc,
            Err(e) => {
                eprintln!("factions: skipped {e}");
                continue;
            }
        };
        let found = factions::ingest::extract(&doc, &lexicon);
        let name = |e: usize| found.entities.get(e).map_or("?", |e| e.name.as_str());
        println!("# {}", doc.id);
        for (i, span) in found.sentences.iter().enumerate() {
            let sentence = span.text(&doc.text);
            if args
                .grep
                .as_ref()
                .is_some_and(|g| !sentence.contains(g.as_str()))
            {
                continue;
            }
            let mut marked = String::new();
            let mut at = span.start;
            for m in found.mentions.iter().filter(|m| m.sentence == i) {
                let kind = found.entities.get(m.entity).map(|e| e.kind.to_string());
                marked.push_str(doc.text.get(at..m.span.start).unwrap_or(""));
                marked.push_str(&format!(
                    "[{} → {} ({})]",
                    m.span.text(&doc.text),
                    name(m.entity),
                    kind.unwrap_or_default()
                ));
                at = m.span.end.max(at);
            }
            marked.push_str(doc.text.get(at..span.end).unwrap_or(""));
            println!("{i}: {marked}");
            for r in found.relations.iter().filter(|r| r.sentence == i) {
                println!(
                    "    {} -{}/{:?} {:.2}-> {}",
                    name(r.source),
                    r.kind,
                    r.polarity,
                    r.confidence,
                    name(r.target)
                );
            }
        }
    }
    Ok(if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

fn merge(args: &MergeArgs) -> factions::Result<ExitCode> {
    let mut graph = KnowledgeGraph::new();
    let parts = factions::parts::merge_files(&mut graph, &args.parts)?;
    json::save(&graph, &args.output)?;
    eprintln!(
        "factions: {parts} parts, {} documents, {} entities, {} relations → {}",
        graph.documents().count(),
        graph.entity_count(),
        graph.relation_count(),
        args.output.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// The ingest's progress bar on stderr: files, megabytes, MB/s and the time left. It appears
/// only for ingests of more than a few files.
struct IngestBar {
    bar: Option<indicatif::ProgressBar>,
    started: Instant,
}

impl IngestBar {
    const MIN_FILES: usize = 20;

    fn new() -> Self {
        IngestBar {
            bar: None,
            started: Instant::now(),
        }
    }

    fn update(&mut self, p: &factions::Progress) {
        if p.total_files <= Self::MIN_FILES {
            return;
        }
        let bar = self.bar.get_or_insert_with(|| {
            let bar = indicatif::ProgressBar::new(p.total_files as u64);
            if let Ok(style) = indicatif::ProgressStyle::with_template(
                "{bar:30} {pos}/{len} files  {msg}  ETA {eta}",
            ) {
                bar.set_style(style);
            }
            bar
        });
        bar.set_position(p.files as u64);
        // Formatting the message for every file would cost more than drawing it.
        if p.files.is_multiple_of(64) || p.files == p.total_files {
            let mb = p.bytes as f64 / 1e6;
            let secs = self.started.elapsed().as_secs_f64().max(1e-3);
            bar.set_message(format!("{mb:.1} MB  {:.1} MB/s", mb / secs));
        }
    }

    fn finish(self) {
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
        }
    }
}
