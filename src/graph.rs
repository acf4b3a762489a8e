//! The knowledge graph: one node per real entity across documents, one edge per
//! (source, kind, target, polarity) with every piece of evidence merged into it.

use crate::error::{Error, Result};
use crate::ingest::{Document, Extraction, extract};
use crate::lexicon::{Lexicon, fold};
use crate::model::{Claim, Date, EntityKind, Polarity, RelationKind, Span};
use petgraph::Direction;
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// Identifies an entity of one graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EntityId(pub u32);

impl EntityId {
    fn node(self) -> NodeIndex {
        NodeIndex::new(self.0 as usize)
    }
    fn of(node: NodeIndex) -> Self {
        EntityId(node.index() as u32)
    }
}

/// A state, force, official, person, place or organization.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Canonical name.
    pub name: String,
    /// What it is.
    pub kind: EntityKind,
    /// Every other name seen in the documents or known to the lexicon.
    pub aliases: BTreeSet<String>,
    /// Number of mentions per document id.
    pub mentions: BTreeMap<String, usize>,
}

/// Where a relation was read: a sentence of a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// The document's id.
    pub document: String,
    /// The sentence's index in the document.
    pub sentence: usize,
    /// The sentence's byte offsets in the document's text.
    pub span: Span,
    /// How sure this sentence is.
    pub confidence: f32,
    /// The document's date, when known.
    pub date: Option<Date>,
    /// For a denial, the claim it denies.
    pub claim: Option<Claim>,
    /// Who the sentence quotes, when it names a speaker.
    #[serde(default)]
    pub attributed_to: Option<String>,
}

/// An edge's payload: the kind, polarity and every piece of evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Relation {
    /// What it says.
    pub kind: RelationKind,
    /// Stated or negated.
    pub polarity: Polarity,
    /// Every sentence that says it.
    pub evidence: Vec<Evidence>,
}

impl Relation {
    /// Combined confidence: the chance that at least one piece of evidence is right.
    pub fn confidence(&self) -> f32 {
        1.0 - self
            .evidence
            .iter()
            .map(|e| 1.0 - e.confidence)
            .product::<f32>()
    }

    /// The earliest and latest dates of its evidence.
    pub fn dates(&self) -> Option<(Date, Date)> {
        let dates = self.evidence.iter().filter_map(|e| e.date);
        let first = dates.clone().min()?;
        Some((first, dates.max()?))
    }
}

/// A relation as seen from the graph: its two ends and its payload.
#[derive(Debug, Clone, Copy)]
pub struct RelationRef<'g> {
    /// The source entity.
    pub source: EntityId,
    /// The target entity.
    pub target: EntityId,
    /// Kind, polarity and evidence.
    pub relation: &'g Relation,
}

/// A document the graph was built from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentInfo {
    /// Its id.
    pub id: String,
    /// Its headline.
    pub title: Option<String>,
    /// Its date.
    pub date: Option<Date>,
    /// Where it was read from.
    pub path: Option<String>,
}

/// The knowledge graph. `Send + Sync`: build it on one thread, query it from many.
#[derive(Debug, Default, Clone)]
pub struct KnowledgeGraph {
    graph: StableDiGraph<Entity, Relation>,
    by_name: HashMap<String, EntityId>,
    edges: HashMap<(EntityId, RelationKind, EntityId, Polarity), EdgeIndex>,
    documents: BTreeMap<String, DocumentInfo>,
    /// The text of every sentence that is evidence, by (document, sentence index).
    sentences: HashMap<(String, usize), String>,
    /// Documents whose evidence came in through `add_relation` (a loaded file, a generated
    /// graph) rather than `merge`: `documents` may not list them.
    loose_documents: HashSet<String>,
}

impl KnowledgeGraph {
    /// An empty graph.
    pub fn new() -> Self {
        Self::default()
    }

    /// Runs the pipeline on `doc` and merges what it finds.
    pub fn ingest(&mut self, doc: &Document, lexicon: &Lexicon) {
        let found = extract(doc, lexicon);
        self.merge(&found, Some(doc), lexicon);
    }

    /// Merges one document's extraction. `doc`, when given, supplies the evidence sentences'
    /// text; the lexicon supplies the known aliases of the entities.
    pub fn merge(&mut self, found: &Extraction, doc: Option<&Document>, lexicon: &Lexicon) {
        // Evidence from another document never equals this document's: when the document is new
        // to the graph, a new piece of evidence need only be compared with what this merge added
        // to its edge — not with every sentence the edge has gathered from the whole corpus.
        let new_document = !self.documents.contains_key(&found.document)
            && !self.loose_documents.contains(&found.document);
        let mut added_from: HashMap<EdgeIndex, usize> = HashMap::new();
        self.documents.insert(
            found.document.clone(),
            DocumentInfo {
                id: found.document.clone(),
                title: found.title.clone(),
                date: found.date,
                path: None,
            },
        );
        let ids: Vec<EntityId> = found
            .entities
            .iter()
            .map(|e| {
                let id = self.add_entity(&e.name, e.kind);
                if let Some(node) = self.graph.node_weight_mut(id.node()) {
                    let lexicon_aliases = lexicon
                        .names
                        .find_canonical(&e.name)
                        .and_then(|id| lexicon.names.entry(id))
                        .map_or(&[][..], |entry| entry.aliases.as_slice());
                    // Most are known from the documents before: copy only the new ones.
                    for alias in e.aliases.iter().filter(|a| **a != node.name) {
                        if !node.aliases.contains(alias) {
                            node.aliases.insert(alias.clone());
                        }
                    }
                    for alias in lexicon_aliases {
                        if !node.aliases.contains(alias) {
                            node.aliases.insert(alias.clone());
                        }
                    }
                }
                id
            })
            .collect();
        let mut counts = vec![0; ids.len()];
        for m in &found.mentions {
            if let Some(count) = counts.get_mut(m.entity) {
                *count += 1;
            }
        }
        for (id, count) in ids.iter().zip(counts) {
            if count > 0
                && let Some(node) = self.graph.node_weight_mut(id.node())
            {
                *node.mentions.entry(found.document.clone()).or_default() += count;
            }
        }
        for r in &found.relations {
            let (Some(&source), Some(&target)) = (ids.get(r.source), ids.get(r.target)) else {
                continue;
            };
            let span = found.sentences.get(r.sentence).copied().unwrap_or_default();
            if let Some(doc) = doc {
                self.sentences
                    .entry((found.document.clone(), r.sentence))
                    .or_insert_with(|| span.text(&doc.text).to_owned());
            }
            let evidence = Evidence {
                document: found.document.clone(),
                sentence: r.sentence,
                span,
                confidence: r.confidence,
                date: found.date,
                claim: r.claim.clone(),
                attributed_to: r.attributed_to.clone(),
            };
            let edge = self.edge(source, r.kind, target, r.polarity);
            if let Some(relation) = self.graph.edge_weight_mut(edge) {
                let from = if new_document {
                    *added_from.entry(edge).or_insert(relation.evidence.len())
                } else {
                    0
                };
                push_new(&mut relation.evidence, from, evidence);
            }
        }
    }

    /// The entity with this canonical name, created when new.
    pub(crate) fn add_entity(&mut self, name: &str, kind: EntityKind) -> EntityId {
        let key = fold(name);
        if let Some(&id) = self.by_name.get(&key) {
            return id;
        }
        let id = EntityId::of(self.graph.add_node(Entity {
            name: name.to_owned(),
            kind,
            aliases: BTreeSet::new(),
            mentions: BTreeMap::new(),
        }));
        self.by_name.insert(key, id);
        id
    }

    /// Adds one piece of evidence to the edge (source, kind, target, polarity).
    pub(crate) fn add_relation(
        &mut self,
        source: EntityId,
        kind: RelationKind,
        target: EntityId,
        polarity: Polarity,
        evidence: Evidence,
    ) {
        if !self.loose_documents.contains(&evidence.document) {
            self.loose_documents.insert(evidence.document.clone());
        }
        let edge = self.edge(source, kind, target, polarity);
        if let Some(r) = self.graph.edge_weight_mut(edge) {
            push_new(&mut r.evidence, 0, evidence);
        }
    }

    /// The edge (source, kind, target, polarity), created when new; a symmetric kind's ends are
    /// put in name order.
    fn edge(
        &mut self,
        source: EntityId,
        kind: RelationKind,
        target: EntityId,
        polarity: Polarity,
    ) -> EdgeIndex {
        let (source, target) = match (self.entity(source), self.entity(target)) {
            (Some(a), Some(b)) if kind.is_symmetric() && fold(&a.name) > fold(&b.name) => {
                (target, source)
            }
            _ => (source, target),
        };
        let key = (source, kind, target, polarity);
        match self.edges.get(&key) {
            Some(&e) => e,
            None => {
                let e = self.graph.add_edge(
                    source.node(),
                    target.node(),
                    Relation {
                        kind,
                        polarity,
                        evidence: Vec::new(),
                    },
                );
                self.edges.insert(key, e);
                e
            }
        }
    }

    pub(crate) fn entity_mut(&mut self, id: EntityId) -> Option<&mut Entity> {
        self.graph.node_weight_mut(id.node())
    }

    pub(crate) fn add_document(&mut self, info: DocumentInfo) {
        self.documents.insert(info.id.clone(), info);
    }

    pub(crate) fn add_sentence(&mut self, document: &str, sentence: usize, text: String) {
        self.sentences.insert((document.to_owned(), sentence), text);
    }

    /// Records where a document was read from.
    pub fn set_path(&mut self, document: &str, path: impl Into<String>) {
        if let Some(d) = self.documents.get_mut(document) {
            d.path = Some(path.into());
        }
    }

    /// The petgraph graph underneath, for the query algorithms (`crate::query`); node indices
    /// are `EntityId`s.
    pub(crate) fn petgraph(&self) -> &StableDiGraph<Entity, Relation> {
        &self.graph
    }

    /// The entity behind an id.
    pub fn entity(&self, id: EntityId) -> Option<&Entity> {
        self.graph.node_weight(id.node())
    }

    /// Every entity, with its id.
    pub fn entities(&self) -> impl Iterator<Item = (EntityId, &Entity)> {
        self.graph
            .node_indices()
            .filter_map(|n| Some((EntityId::of(n), self.graph.node_weight(n)?)))
    }

    /// Every relation.
    pub fn relations(&self) -> impl Iterator<Item = RelationRef<'_>> {
        self.graph.edge_references().map(|e| RelationRef {
            source: EntityId::of(e.source()),
            target: EntityId::of(e.target()),
            relation: e.weight(),
        })
    }

    /// Every document, ordered by id.
    pub fn documents(&self) -> impl Iterator<Item = &DocumentInfo> {
        self.documents.values()
    }

    /// Number of entities.
    pub fn entity_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Number of edges.
    pub fn relation_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// The text of the sentence behind a piece of evidence, when the graph has it.
    pub fn evidence_text(&self, evidence: &Evidence) -> Option<&str> {
        self.sentences
            .get(&(evidence.document.clone(), evidence.sentence))
            .map(String::as_str)
    }

    /// The entity named `name`: its canonical name first, then any alias, compared without
    /// case, accents or punctuation.
    ///
    /// # Errors
    /// [`Error::UnknownEntity`] with the closest known names.
    pub fn find(&self, name: &str) -> Result<EntityId> {
        let key = fold(name);
        if let Some(&id) = self.by_name.get(&key) {
            return Ok(id);
        }
        // An alias: prefer the entity mentioned most.
        let by_alias = self
            .entities()
            .filter(|(_, e)| e.aliases.iter().any(|a| fold(a) == key))
            .max_by_key(|(_, e)| (e.kind.is_actor(), e.mentions.values().sum::<usize>()));
        if let Some((id, _)) = by_alias {
            return Ok(id);
        }
        Err(Error::UnknownEntity {
            name: name.to_owned(),
            suggestions: self.closest(&key),
        })
    }

    fn closest(&self, key: &str) -> Vec<String> {
        let mut scored: Vec<(usize, &str)> = self
            .entities()
            .map(|(_, e)| (edit_distance(key, &fold(&e.name)), e.name.as_str()))
            .collect();
        scored.sort();
        let limit = key.chars().count() / 2 + 2;
        scored
            .into_iter()
            .filter(|(d, _)| *d <= limit)
            .take(3)
            .map(|(_, n)| n.to_owned())
            .collect()
    }

    /// The relations of `id` in both directions, each with the entity at the other end.
    pub fn neighbors(&self, id: EntityId) -> impl Iterator<Item = (EntityId, RelationRef<'_>)> {
        let out = self.graph.edges_directed(id.node(), Direction::Outgoing);
        let inc = self.graph.edges_directed(id.node(), Direction::Incoming);
        out.chain(inc).map(move |e| {
            let other = if e.source() == id.node() {
                e.target()
            } else {
                e.source()
            };
            (
                EntityId::of(other),
                RelationRef {
                    source: EntityId::of(e.source()),
                    target: EntityId::of(e.target()),
                    relation: e.weight(),
                },
            )
        })
    }

    /// The relation edges between `a` and `b`, both directions.
    pub fn between(&self, a: EntityId, b: EntityId) -> impl Iterator<Item = RelationRef<'_>> {
        self.neighbors(a)
            .filter(move |(other, _)| *other == b)
            .map(|(_, r)| r)
    }

    /// Denials `id` made, and denials about it.
    pub fn denials(&self, id: EntityId) -> impl Iterator<Item = RelationRef<'_>> {
        self.neighbors(id).map(|(_, r)| r).filter(|r| {
            r.relation.kind == RelationKind::Denies && r.relation.polarity == Polarity::Asserted
        })
    }
}

/// Adds `evidence` unless `evidence[from..]` holds it already.
fn push_new(evidence: &mut Vec<Evidence>, from: usize, new: Evidence) {
    if !evidence.get(from..).unwrap_or(&[]).contains(&new) {
        evidence.push(new);
    }
}

/// Levenshtein distance over characters, for "did you mean".
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row.first().copied().unwrap_or(0);
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let above = row.get(j + 1).copied().unwrap_or(0);
            let left = row.get(j).copied().unwrap_or(0);
            let value = (prev + usize::from(ca != *cb)).min(above + 1).min(left + 1);
            prev = above;
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = value;
            }
        }
    }
    row.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graph_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<KnowledgeGraph>();
    }

    #[test]
    fn evidence_a_merge_repeats_is_kept_once_even_when_it_came_in_loose() {
        let lexicon = Lexicon::built_in().unwrap_or_else(|e| unreachable!("{e}"));
        let doc = Document::new("a.txt", "Iraq is coordinating with Iran.", &lexicon);
        let found = extract(&doc, &lexicon);
        let mut merged = KnowledgeGraph::new();
        merged.merge(&found, Some(&doc), &lexicon);
        // The same evidence first through add_relation (as a loaded file gives it), then merged.
        let mut loose = KnowledgeGraph::new();
        for r in merged.relations() {
            let name = |id| merged.entity(id).map(|e| (e.name.clone(), e.kind));
            let (Some((a, ka)), Some((b, kb))) = (name(r.source), name(r.target)) else {
                continue;
            };
            let (a, b) = (loose.add_entity(&a, ka), loose.add_entity(&b, kb));
            for e in &r.relation.evidence {
                loose.add_relation(a, r.relation.kind, b, r.relation.polarity, e.clone());
            }
        }
        loose.merge(&found, Some(&doc), &lexicon);
        let count = |g: &KnowledgeGraph| {
            g.relations()
                .map(|r| r.relation.evidence.len())
                .sum::<usize>()
        };
        assert!(count(&merged) > 0);
        assert_eq!(count(&loose), count(&merged));
        // And merging the document again adds nothing either.
        merged.merge(&found, Some(&doc), &lexicon);
        assert_eq!(count(&merged), count(&loose));
    }

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
