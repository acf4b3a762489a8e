//! The knowledge graph: one node per real entity across documents, one edge per
//! (source, kind, target, polarity) with every piece of evidence merged into it.

use crate::error::{Error, Result};
use crate::ingest::{Document, Extraction, extract};
use crate::lexicon::{Lexicon, fold};
use crate::model::{Claim, Date, DocumentId, EntityKind, Polarity, RelationKind, Span, Speaker};
use petgraph::Direction;
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;

mod text;
pub(crate) use text::EvidenceTexts;
use text::{DocumentText, Sentences, SourceFile};

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
    pub mentions: BTreeMap<DocumentId, usize>,
}

/// Where a relation was read: a sentence of a document. A large graph holds millions, so it is
/// kept small (56 bytes): the document's id and the speaker's name are shared, the sentence's
/// index is 32 bits, the claim boxed; the sentence's text is not in it (see
/// [`KnowledgeGraph::evidence_text`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// The document's id.
    pub document: DocumentId,
    /// The sentence's index in the document.
    pub sentence: u32,
    /// The sentence's byte offsets in the document's text.
    pub span: Span,
    /// How sure this sentence is.
    pub confidence: f32,
    /// The document's date, when known.
    pub date: Option<Date>,
    /// For a denial, the claim it denies (boxed: few pieces of evidence have one, and every
    /// piece would otherwise carry its room).
    pub claim: Option<Box<Claim>>,
    /// Who the sentence quotes, when it names a speaker.
    #[serde(default)]
    pub attributed_to: Option<Speaker>,
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
    /// A hash of its text ([`content_hash`]): re-ingesting the same text changes nothing, a
    /// changed text replaces the document's evidence. Absent in snapshots written before it
    /// existed, which then count as changed on their next ingest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hash: Option<String>,
}

/// The hash that tells whether a document changed: `sha256:` and the hex digest of its text.
///
/// ```
/// let h = factions::graph::content_hash("Iran backs the Houthis.");
/// assert!(h.starts_with("sha256:") && h.len() == 7 + 64);
/// ```
pub fn content_hash(text: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(text.as_bytes());
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    // Two hex digits a byte, pushed as they are: a `format!` each was 64 allocations a hash.
    for b in digest {
        out.extend(char::from_digit(u32::from(b >> 4), 16));
        out.extend(char::from_digit(u32::from(b & 0xf), 16));
    }
    out
}

/// What ingesting a document did to the graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// A new document: its evidence was added.
    Added,
    /// The same id and text were already there: nothing changed.
    Unchanged,
    /// The id was there with another text (or no hash): its old evidence was replaced.
    Replaced,
}

/// What one document says, ready to merge into any graph: its info (with content hash), its
/// entities with their mention counts and aliases (the lexicon's included), and its relations
/// with their evidence. A pure function of the document and the lexicon — the map step of a
/// distributed build (`factions extract`), folded by [`KnowledgeGraph::add_part`] (`factions
/// merge`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentPart {
    /// The document.
    pub document: DocumentInfo,
    /// Its entities; relations point into this list.
    pub entities: Vec<PartEntity>,
    /// Its relations, each with one piece of evidence.
    pub relations: Vec<PartRelation>,
}

/// An entity of one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartEntity {
    /// Canonical name.
    pub name: String,
    /// What it is.
    pub kind: EntityKind,
    /// The names the document used for it, and the lexicon's.
    #[serde(default)]
    pub aliases: BTreeSet<String>,
    /// How often the document mentions it.
    #[serde(default)]
    pub mentions: usize,
}

/// A relation one sentence of a document states.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartRelation {
    /// Index of the source in the part's entities.
    pub source: usize,
    /// What it says.
    pub kind: RelationKind,
    /// Index of the target in the part's entities.
    pub target: usize,
    /// Stated or negated.
    pub polarity: Polarity,
    /// The sentence's index.
    pub sentence: u32,
    /// The sentence's first byte in the document.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// The sentence, when the document was at hand.
    #[serde(default)]
    pub text: String,
    /// How sure the sentence is.
    pub confidence: f32,
    /// For a denial, the claim denied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim: Option<Claim>,
    /// Who the sentence quotes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributed_to: Option<String>,
}

impl DocumentPart {
    /// What `found` (the extraction of `doc`) adds to a graph. `doc`, when given, supplies the
    /// sentences' text and the content hash.
    pub fn new(found: &Extraction, doc: Option<&Document>, lexicon: &Lexicon) -> Self {
        Self::build(found, doc, true, Some(lexicon))
    }

    /// The part, its relations with or without their sentences' text, its entities with the
    /// lexicon's aliases when `lexicon` is given (a graph merging in the same process adds
    /// those from the lexicon itself, without a copy per document).
    fn build(
        found: &Extraction,
        doc: Option<&Document>,
        text: bool,
        lexicon: Option<&Lexicon>,
    ) -> Self {
        let mut mentions = vec![0usize; found.entities.len()];
        for m in &found.mentions {
            if let Some(count) = mentions.get_mut(m.entity) {
                *count += 1;
            }
        }
        let entities = found
            .entities
            .iter()
            .zip(mentions)
            .map(|(e, mentions)| {
                let mut aliases = e.aliases.iter().cloned().collect::<BTreeSet<String>>();
                if let Some(entry) = lexicon.and_then(|lexicon| lexicon_entry(lexicon, &e.name)) {
                    aliases.extend(entry.aliases.iter().cloned());
                }
                PartEntity {
                    name: e.name.clone(),
                    kind: e.kind,
                    aliases,
                    mentions,
                }
            })
            .collect();
        let relations = found
            .relations
            .iter()
            .map(|r| {
                let span = found.sentences.get(r.sentence).copied().unwrap_or_default();
                PartRelation {
                    source: r.source,
                    kind: r.kind,
                    target: r.target,
                    polarity: r.polarity,
                    // A document of more than four billion sentences (some 8 GB of
                    // full stops) has its last ones share an index.
                    sentence: u32::try_from(r.sentence).unwrap_or(u32::MAX),
                    start: span.start,
                    end: span.end,
                    text: doc
                        .filter(|_| text)
                        .map(|d| span.text(&d.text).to_owned())
                        .unwrap_or_default(),
                    confidence: r.confidence,
                    claim: r.claim.clone(),
                    attributed_to: r.attributed_to.clone(),
                }
            })
            .collect();
        DocumentPart {
            document: DocumentInfo {
                id: found.document.clone(),
                title: found.title.clone(),
                date: found.date,
                path: None,
                hash: doc.map(|d| content_hash(&d.text)),
            },
            entities,
            relations,
        }
    }

    /// Runs the pipeline on `doc`: [`extract`] and [`DocumentPart::new`].
    pub fn extract(doc: &Document, lexicon: &Lexicon) -> Self {
        Self::new(&extract(doc, lexicon), Some(doc), lexicon)
    }
}

/// The knowledge graph. `Send + Sync`: build it on one thread, query it from many.
#[derive(Debug, Default, Clone)]
pub struct KnowledgeGraph {
    graph: StableDiGraph<Entity, Relation>,
    by_name: HashMap<String, EntityId>,
    edges: HashMap<(EntityId, RelationKind, EntityId, Polarity), EdgeIndex>,
    documents: BTreeMap<String, DocumentInfo>,
    /// Where the text of each document's evidence sentences is: kept, or in its file.
    texts: HashMap<DocumentId, DocumentText>,
    /// Documents whose evidence came in through `add_relation` (a loaded file, a generated
    /// graph) rather than `merge`: `documents` may not list them.
    loose_documents: HashSet<String>,
    /// Every speaker's name, once, shared by the evidence that quotes them.
    speakers: HashSet<Speaker>,
}

impl KnowledgeGraph {
    /// An empty graph.
    pub fn new() -> Self {
        Self::default()
    }

    /// Runs the pipeline on `doc` and merges what it finds. A document already in the graph
    /// with the same text is left as it is, without running the pipeline; one with another text
    /// has its old evidence removed first (see [`Change`]).
    pub fn ingest(&mut self, doc: &Document, lexicon: &Lexicon) -> Change {
        if self.has_document(&doc.id, &content_hash(&doc.text)) {
            return Change::Unchanged;
        }
        let found = extract(doc, lexicon);
        self.merge(&found, Some(doc), lexicon)
    }

    /// Merges one document's extraction. `doc`, when given, supplies the evidence sentences'
    /// text and the content hash; the lexicon supplies the known aliases of the entities.
    pub fn merge(
        &mut self,
        found: &Extraction,
        doc: Option<&Document>,
        lexicon: &Lexicon,
    ) -> Change {
        let part = DocumentPart::build(found, doc, true, None);
        self.add(part, None, Some(lexicon))
    }

    /// Merges the extraction of a document read from the file at `path`, keeping its evidence
    /// as offsets into the file: the sentences' text is not copied into the graph but read
    /// back from the file when it is wanted — by an export, or by
    /// [`evidence_text`](Self::evidence_text) — after checking that the file still holds the
    /// text that was ingested (the same length and content hash). The document's `path` is
    /// `path` as given; the file is found again by its absolute path.
    ///
    /// This is how [`ingest_paths`](crate::ingest_paths) merges, so that the graph's memory
    /// grows with what it knows, not with the text it read. Use [`merge`](Self::merge) for text
    /// that no file holds.
    pub fn merge_file(
        &mut self,
        found: &Extraction,
        doc: &Document,
        path: &Path,
        lexicon: &Lexicon,
    ) -> Change {
        let mut part = DocumentPart::build(found, Some(doc), false, None);
        part.document.path = Some(path.display().to_string());
        let source = SourceFile::new(path, doc.text.len());
        self.add(part, Some(source), Some(lexicon))
    }

    /// Whether the document `id` is in the graph with this content hash.
    pub fn has_document(&self, id: &str, hash: &str) -> bool {
        self.documents
            .get(id)
            .is_some_and(|d| d.hash.as_deref() == Some(hash))
    }

    /// Merges what one document says ([`DocumentPart`]): the way both [`ingest`](Self::ingest)
    /// and `factions merge` build the graph, so they build the same one. A document already
    /// present with the same hash changes nothing; with another (or none), it is replaced.
    pub fn add_part(&mut self, part: DocumentPart) -> Change {
        self.add(part, None, None)
    }

    /// [`add_part`](Self::add_part), the text of the part's evidence in `source` when given,
    /// and each entity's aliases in `lexicon` added too when given.
    fn add(
        &mut self,
        part: DocumentPart,
        source: Option<SourceFile>,
        lexicon: Option<&Lexicon>,
    ) -> Change {
        let id = part.document.id.clone();
        let change = match self.documents.get(&id) {
            None => Change::Added,
            Some(d) if d.hash.is_some() && d.hash == part.document.hash => {
                return Change::Unchanged;
            }
            Some(_) => {
                self.remove_document(&id);
                Change::Replaced
            }
        };
        let date = part.document.date;
        self.documents.insert(id.clone(), part.document);
        // One copy of the id for all the document's evidence and mention counts.
        let shared = DocumentId::from(id.as_str());
        if let Some(source) = source {
            self.texts
                .insert(shared.clone(), DocumentText::File(source));
        }
        // Evidence from another document never equals this one's, nor evidence from another
        // sentence: a new piece need only be compared with this document's pieces from the
        // same sentence on its edge — not with every sentence the edge has gathered from the
        // whole corpus, nor with every sentence of a document that says the same thing a
        // hundred thousand times. The document is new to the graph now, so those are the ones
        // this part adds (and, when evidence under its id came in through `add_relation`,
        // those already on the edge: looked up once per edge).
        let loose = self.loose_documents.contains(&id);
        let mut added: HashMap<EdgeIndex, HashMap<u32, Vec<usize>>> = HashMap::new();
        let ids: Vec<EntityId> = part
            .entities
            .into_iter()
            .map(|e| {
                let entity = self.add_entity(&e.name, e.kind);
                if let Some(node) = self.graph.node_weight_mut(entity.node()) {
                    // Documents may disagree on what a name is ("Souffiyah" a place in one, a
                    // force in another): the stronger kind wins, whichever came first, so
                    // that the graph does not depend on the order of its documents.
                    node.kind = stronger_kind(node.kind, e.kind);
                    // Most are known from the documents before: copy only the new ones.
                    for alias in e.aliases {
                        if alias != node.name && !node.aliases.contains(&alias) {
                            node.aliases.insert(alias);
                        }
                    }
                    // The lexicon's, copied only when new to the node.
                    let known = lexicon.and_then(|lexicon| lexicon_entry(lexicon, &e.name));
                    for alias in known.iter().flat_map(|entry| &entry.aliases) {
                        if *alias != node.name && !node.aliases.contains(alias) {
                            node.aliases.insert(alias.clone());
                        }
                    }
                    if e.mentions > 0 {
                        *node.mentions.entry(shared.clone()).or_default() += e.mentions;
                    }
                }
                entity
            })
            .collect();
        for r in part.relations {
            let (Some(&source), Some(&target)) = (ids.get(r.source), ids.get(r.target)) else {
                continue;
            };
            if !r.text.is_empty() {
                let texts = self
                    .texts
                    .entry(shared.clone())
                    .or_insert_with(|| DocumentText::Stored(Box::default()));
                if let DocumentText::Stored(sentences) = texts {
                    sentences.insert(r.sentence as usize, &r.text, false);
                }
            }
            let evidence = Evidence {
                document: shared.clone(),
                sentence: r.sentence,
                span: Span::new(r.start, r.end),
                confidence: r.confidence,
                date,
                claim: r.claim.map(Box::new),
                attributed_to: r.attributed_to.map(|who| self.speaker(&who)),
            };
            let edge = self.edge(source, r.kind, target, r.polarity);
            if let Some(relation) = self.graph.edge_weight_mut(edge) {
                let by_sentence = added.entry(edge).or_insert_with(|| {
                    let mut earlier: HashMap<u32, Vec<usize>> = HashMap::new();
                    if loose {
                        for (i, e) in relation.evidence.iter().enumerate() {
                            if e.document == id {
                                earlier.entry(e.sentence).or_default().push(i);
                            }
                        }
                    }
                    earlier
                });
                let same = by_sentence.entry(r.sentence).or_default();
                if !same
                    .iter()
                    .any(|&i| relation.evidence.get(i) == Some(&evidence))
                {
                    same.push(relation.evidence.len());
                    push_evidence(&mut relation.evidence, evidence);
                }
            }
        }
        // The document's sentences are all in: drop the room their string and index grew
        // (up to half of them), which a large graph would otherwise keep for every document.
        if let Some(DocumentText::Stored(sentences)) = self.texts.get_mut(id.as_str()) {
            sentences.shrink_to_fit();
        }
        change
    }

    /// Removes a document and everything only it said: its evidence, the edges left without
    /// evidence, its mentions, and the entities no other document mentions or links. Aliases
    /// the removed document contributed to a surviving entity stay (the graph does not record
    /// which document gave which alias). Returns whether the document was there.
    pub fn remove_document(&mut self, id: &str) -> bool {
        if self.documents.remove(id).is_none() {
            return false;
        }
        self.texts.remove(id);
        let edges: Vec<EdgeIndex> = self.graph.edge_indices().collect();
        for edge in edges {
            let empty = match self.graph.edge_weight_mut(edge) {
                Some(r) => {
                    r.evidence.retain(|e| e.document != id);
                    r.evidence.is_empty()
                }
                None => false,
            };
            if empty {
                if let (Some((a, b)), Some(r)) = (
                    self.graph.edge_endpoints(edge),
                    self.graph.edge_weight(edge),
                ) {
                    self.edges
                        .remove(&(EntityId::of(a), r.kind, EntityId::of(b), r.polarity));
                }
                self.graph.remove_edge(edge);
            }
        }
        let nodes: Vec<NodeIndex> = self.graph.node_indices().collect();
        for node in nodes {
            let orphan = match self.graph.node_weight_mut(node) {
                Some(e) => {
                    e.mentions.remove(id);
                    e.mentions.is_empty()
                }
                None => false,
            };
            if orphan
                && self.graph.neighbors_undirected(node).next().is_none()
                && let Some(e) = self.graph.remove_node(node)
            {
                self.by_name.remove(&fold(&e.name));
            }
        }
        true
    }

    /// The graph's one copy of a speaker's name.
    pub(crate) fn speaker(&mut self, name: &str) -> Speaker {
        if let Some(known) = self.speakers.get(name) {
            return known.clone();
        }
        let new = Speaker::from(name);
        self.speakers.insert(new.clone());
        new
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
        self.add_relations(source, kind, target, polarity, vec![evidence]);
    }

    /// Adds the pieces of evidence to the edge (source, kind, target, polarity), each unless
    /// the edge already has it. The edge's evidence is indexed by place once per call, so that
    /// loading an edge with n pieces costs O(n), not O(n²).
    pub(crate) fn add_relations(
        &mut self,
        source: EntityId,
        kind: RelationKind,
        target: EntityId,
        polarity: Polarity,
        evidence: Vec<Evidence>,
    ) {
        for e in &evidence {
            if !self.loose_documents.contains(e.document.as_str()) {
                self.loose_documents.insert(e.document.to_string());
            }
        }
        let edge = self.edge(source, kind, target, polarity);
        let Some(r) = self.graph.edge_weight_mut(edge) else {
            return;
        };
        // Equal evidence has an equal place; only pieces at the same place are compared.
        let place = |e: &Evidence| (e.document.clone(), e.sentence, e.span);
        let mut at: HashMap<(DocumentId, u32, Span), Vec<usize>> = HashMap::new();
        for (i, e) in r.evidence.iter().enumerate() {
            at.entry(place(e)).or_default().push(i);
        }
        r.evidence.reserve_exact(evidence.len());
        for e in evidence {
            let same = at.entry(place(&e)).or_default();
            if !same.iter().any(|&i| r.evidence.get(i) == Some(&e)) {
                same.push(r.evidence.len());
                r.evidence.push(e);
            }
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

    /// Keeps the text of a sentence of `document` (a snapshot's evidence carries it); a
    /// document whose text is in its file keeps reading it there.
    pub(crate) fn add_sentence(&mut self, document: &DocumentId, sentence: usize, text: &str) {
        match self.texts.get_mut(document.as_str()) {
            Some(DocumentText::Stored(sentences)) => sentences.insert(sentence, text, true),
            Some(DocumentText::File(_)) => {}
            None => {
                let mut sentences = Box::<Sentences>::default();
                sentences.insert(sentence, text, true);
                self.texts
                    .insert(document.clone(), DocumentText::Stored(sentences));
            }
        }
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

    /// The document with this id.
    pub fn document(&self, id: &str) -> Option<&DocumentInfo> {
        self.documents.get(id)
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

/// The lexicon's entry for an entity of this canonical name.
fn lexicon_entry<'l>(lexicon: &'l Lexicon, name: &str) -> Option<&'l crate::lexicon::LexiconEntry> {
    let id = lexicon.names.find_canonical(name)?;
    lexicon.names.entry(id)
}

/// Adds a piece of evidence to an edge's list, growing it by half rather than doubling it
/// (starting from room for one, not the four a first push reserves): most edges keep one to
/// three pieces, and millions of lists with a third of their room empty were some 10 % of a
/// large graph.
fn push_evidence(list: &mut Vec<Evidence>, evidence: Evidence) {
    if list.len() == list.capacity() {
        list.reserve_exact((list.len() / 2).max(1));
    }
    list.push(evidence);
}

/// Of two kinds given to one name, the one the graph keeps: an actor kind over a person,
/// a person over a place (the weakest guess a capitalised word gets).
fn stronger_kind(a: EntityKind, b: EntityKind) -> EntityKind {
    let rank = |k: EntityKind| match k {
        EntityKind::State => 5,
        EntityKind::Force => 4,
        EntityKind::Organization => 3,
        EntityKind::Official => 2,
        EntityKind::Person => 1,
        EntityKind::Location => 0,
    };
    if rank(b) > rank(a) { b } else { a }
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
    fn evidence_stays_small() {
        // Millions of them in a large graph: every 8 bytes is some 50 MB at gen 1 GB.
        assert!(std::mem::size_of::<Evidence>() <= 56);
    }

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
