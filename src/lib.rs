//! # factions
//!
//! Reads news about conflict and diplomacy and builds a typed knowledge graph of who
//! coordinates with, opposes, backs and denies whom — every edge with the sentence it came from.
//!
//! ```
//! use factions::{KnowledgeGraph, Lexicon, QueryOptions, ingest_text};
//!
//! let lexicon = Lexicon::built_in()?;
//! let mut graph = KnowledgeGraph::new();
//! ingest_text(&mut graph, &lexicon, "a.txt",
//!     "The US-backed Syrian Democratic Forces (SDF) are coordinating with the Iraqi army \
//!      against the Islamic State, SDF spokesman Mustafa Bali said.")?;
//!
//! let sdf = graph.find("SDF")?;
//! let query = graph.query(QueryOptions::default());
//! let allies: Vec<&str> = query.allies(sdf).iter().map(|a| a.actor.name).collect();
//! assert!(allies.contains(&"Iraqi forces"));
//! assert!(allies.contains(&"United States"));
//! let enemies: Vec<&str> = query.adversaries(sdf).iter().map(|a| a.actor.name).collect();
//! assert_eq!(enemies, ["Islamic State"]);
//! # Ok::<(), factions::Error>(())
//! ```
//!
//! ## The map of the crate, in the order data flows
//!
//! | stage | module | what it holds |
//! |---|---|---|
//! | knowledge | [`lexicon`] | actors, titles, cue words — loaded from `lexicon/*.toml` |
//! | 0 files | [`source`] | paths → documents, with errors that name the file |
//! | 1–5 pipeline | [`ingest`] | document cleaning, sentences, mentions, resolution, relations |
//! | graph | [`graph`] | [`KnowledgeGraph`]: entities, merged evidence, lookup by any alias; documents added, skipped or replaced by content hash ([`DocumentPart`], [`Change`]) |
//! | queries | [`query`] | alliance questions over the graph, one file per question |
//! | exports | [`export`] | the `factions-graph` JSON contract (atomic snapshots); jsonl, DOT, GraphML, N-Triples/Turtle, Neo4j CSV — one file per format |
//! | scoring | [`eval`] | precision and recall against a hand annotation |
//! | driver | [`pipeline`] | ingest many files (into a new or an existing graph), report the failures |
//! | beyond one machine | [`parts`] | per-document extraction as JSON lines (`extract`), folded into one graph (`merge`) |
//!
//! The vocabulary they share is in [`model`]; the one error type in [`error`].
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod error;
pub mod eval;
pub mod export;
pub mod graph;
pub mod ingest;
pub mod lexicon;
pub mod model;
pub mod parts;
pub mod pipeline;
pub mod query;
pub mod source;

pub use error::{Error, Result};
pub use graph::{
    Change, DocumentInfo, DocumentPart, Entity, EntityId, Evidence, KnowledgeGraph, Relation,
    RelationRef,
};
pub use ingest::{Document, Extraction};
pub use lexicon::{Lexicon, LexiconBuilder};
pub use model::{Claim, Date, DocumentId, EntityKind, Polarity, RelationKind, Span, Speaker};
pub use pipeline::{
    IngestOptions, IngestReport, Progress, ingest_paths, ingest_paths_with, ingest_text,
    ingest_text_with,
};
pub use query::{
    Ally, Blocs, Contradiction, Inferred, Link, Path, Query, QueryOptions, Sign, Timeline,
};
