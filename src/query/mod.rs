//! Alliance questions over the [`KnowledgeGraph`], one file per question.
//!
//! Every question goes through a [`Query`]: the graph read through [`QueryOptions`] (a time
//! window, kinds, a minimum confidence, documents, officials counted for their state).
//!
//! | question | file | answer |
//! |---|---|---|
//! | the signed view: who is a friend, who a foe, how strongly | [`signed`] | [`Link`], [`Statement`] |
//! | what a query reads | [`options`] | [`QueryOptions`] |
//! | allies and adversaries, ranked | [`allies`] | [`Ally`] |
//! | the enemy of my enemy, the friend of my enemy | [`inferred`] | [`Inferred`] |
//! | chains between two actors | [`paths`] | [`Path`] |
//! | factions | [`blocs`] | [`Blocs`] |
//! | how a relation changed | [`timeline`] | [`Timeline`] |
//! | sources that disagree | [`contradictions`] | [`Contradiction`] |
//!
//! ```
//! use factions::{KnowledgeGraph, Lexicon, ingest_text, query::{QueryOptions, Sign}};
//!
//! let lexicon = Lexicon::built_in()?;
//! let mut graph = KnowledgeGraph::new();
//! ingest_text(&mut graph, &lexicon, "a.txt",
//!     "The US-backed SDF is coordinating with the Iraqi army against the Islamic State.")?;
//! let query = graph.query(QueryOptions::default());
//!
//! let sdf = graph.find("SDF")?;
//! let allies: Vec<&str> = query.allies(sdf).iter().map(|a| a.actor.name).collect();
//! assert!(allies.contains(&"United States"));
//!
//! // The Iraqi forces and the Islamic State meet through the SDF: an ally's enemy.
//! let iraqis = graph.find("Iraqi army")?;
//! let path = query.shortest_path(iraqis, graph.find("ISIS")?).expect("a chain");
//! assert_eq!(path.hops.len(), 2);
//! assert_eq!(path.sign, Sign::Negative);
//! # Ok::<(), factions::Error>(())
//! ```

pub mod allies;
pub mod blocs;
pub mod contradictions;
pub mod inferred;
pub mod options;
pub mod paths;
pub mod signed;
#[doc(hidden)]
pub mod synthetic;
pub mod timeline;

pub use allies::{Ally, Shared};
pub use blocs::{Bloc, Blocs};
pub use contradictions::{Conflict, Contradiction};
pub use inferred::{Inferred, Rule};
pub use options::{QueryOptions, QueryOptionsBuilder};
pub use paths::{Path, SimplePaths};
pub use signed::{Link, Sign, Statement};
pub use timeline::{Moment, Timeline};

use crate::graph::{EntityId, Evidence, KnowledgeGraph};
use crate::model::{Date, EntityKind};
use serde::Serialize;
use std::borrow::Cow;

/// The graph read through a set of options; every question is a method of it.
#[derive(Debug, Clone)]
pub struct Query<'g> {
    graph: &'g KnowledgeGraph,
    options: QueryOptions,
    /// The day recency is measured from (days since the epoch): the end of the window, or
    /// the newest document.
    reference_day: Option<i64>,
}

impl KnowledgeGraph {
    /// Asks questions of this graph, read through `options`.
    pub fn query(&self, options: QueryOptions) -> Query<'_> {
        let reference = options
            .to()
            .or_else(|| self.documents().filter_map(|d| d.date).max());
        Query {
            graph: self,
            options,
            reference_day: reference.map(Date::days_since_epoch),
        }
    }
}

impl<'g> Query<'g> {
    /// The graph asked.
    pub fn graph(&self) -> &'g KnowledgeGraph {
        self.graph
    }

    /// The options the answers honour.
    pub fn options(&self) -> &QueryOptions {
        &self.options
    }

    /// The entity behind `id`, as answers name it.
    pub fn actor(&self, id: EntityId) -> Option<Actor<'g>> {
        let entity = self.graph.entity(id)?;
        Some(Actor {
            id,
            name: &entity.name,
            kind: entity.kind,
        })
    }

    fn quote(&self, evidence: &'g Evidence) -> Quote<'g> {
        Quote {
            evidence,
            graph: self.graph,
        }
    }
}

/// An entity named in an answer: its id, name and kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Actor<'g> {
    /// Its id in the graph.
    pub id: EntityId,
    /// Its canonical name.
    pub name: &'g str,
    /// What it is.
    pub kind: EntityKind,
}

/// A piece of evidence, and the way to its sentence's text.
#[derive(Clone, Copy)]
pub struct Quote<'g> {
    /// Where it was read, how sure, when.
    pub evidence: &'g Evidence,
    graph: &'g KnowledgeGraph,
}

impl<'g> Quote<'g> {
    /// The sentence, when the graph has it: kept in memory, or read back from the file its
    /// document was ingested from (a file read per call; `None` when the file is gone or changed
    /// since — [`KnowledgeGraph::read_evidence_text`] says which).
    pub fn text(&self) -> Option<Cow<'g, str>> {
        self.graph.evidence_text(self.evidence)
    }
}

impl std::fmt::Debug for Quote<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Quote")
            .field("evidence", self.evidence)
            .finish_non_exhaustive()
    }
}

/// As JSON: the evidence's fields and `text`.
impl Serialize for Quote<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Quoted<'a> {
            #[serde(flatten)]
            evidence: &'a Evidence,
            text: Option<Cow<'a, str>>,
        }
        Quoted {
            evidence: self.evidence,
            text: self.text(),
        }
        .serialize(serializer)
    }
}
