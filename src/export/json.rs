//! The graph JSON contract (`factions-graph`, version 1; see `shared/eval/README.md`): writing it,
//! and reading it back into a [`KnowledgeGraph`].
//!
//! Entities are written in the order of their folded names and numbered in that order, so the
//! same corpus gives the same file whatever order its documents were ingested in.

use super::ExportReport;
use crate::error::{Error, Result};
use crate::graph::{DocumentInfo, Evidence, EvidenceTexts, KnowledgeGraph};
use crate::model::{Claim, Date, DocumentId, EntityKind, Polarity, RelationKind, Span};
use serde::{Deserialize, Serialize, Serializer};
use std::borrow::Cow;
use std::cell::Cell;
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::Path;

/// The format name written in every file.
pub const FORMAT: &str = "factions-graph";
/// The version this library writes and reads.
pub const VERSION: u32 = 1;

/// The file. Read whole; written with `documents`, `entities` and `relations` as
/// [`Streamed`] sequences, so that writing a large graph does not first copy it.
#[derive(Serialize, Deserialize)]
struct GraphFile<D, E, R> {
    format: String,
    version: u32,
    documents: D,
    entities: E,
    relations: R,
}

/// The file as read.
type ReadFile = GraphFile<
    Vec<DocumentInfo>,
    Vec<EntityRecord>,
    Vec<RelationRecord<Vec<EvidenceRecord<'static>>>>,
>;

#[derive(Serialize, Deserialize)]
struct EntityRecord {
    id: usize,
    name: String,
    kind: EntityKind,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    mentions: BTreeMap<DocumentId, usize>,
}

#[derive(Serialize, Deserialize)]
struct RelationRecord<V> {
    source: usize,
    target: usize,
    kind: RelationKind,
    polarity: Polarity,
    confidence: f32,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    first_date: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    last_date: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    claim: Option<Claim>,
    evidence: V,
}

/// One piece of evidence: borrowed from the graph when written, owned when read.
#[derive(Serialize, Deserialize)]
struct EvidenceRecord<'a> {
    document: Cow<'a, str>,
    sentence: u32,
    start: usize,
    end: usize,
    #[serde(default)]
    text: Cow<'a, str>,
    #[serde(default = "one")]
    confidence: f32,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    claim: Option<Cow<'a, Claim>>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    attributed_to: Option<Cow<'a, str>>,
}

/// A sequence serialized straight from an iterator (once: a second serialization writes it
/// empty).
struct Streamed<I>(Cell<Option<I>>);

impl<I> Streamed<I> {
    fn new(items: I) -> Self {
        Streamed(Cell::new(Some(items)))
    }
}

impl<I, T> Serialize for Streamed<I>
where
    I: Iterator<Item = T>,
    T: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.take().into_iter().flatten())
    }
}

fn one() -> f32 {
    1.0
}

/// Writes `graph` as JSON to `out`. Each piece of evidence carries its sentence's text: kept in
/// the graph, or read back from the document's file (see [`ExportReport`] for files that are
/// gone or changed).
///
/// # Errors
/// [`Error::Io`] when writing fails; `path` names the destination in the message.
pub fn write(graph: &KnowledgeGraph, out: impl Write, path: &Path) -> Result<ExportReport> {
    let texts = EvidenceTexts::all(graph).map_err(|e| Error::io(path, e))?;
    write_with(graph, &texts, out, path)?;
    let missing = texts.finish().map_err(|e| Error::io(path, e))?;
    Ok(ExportReport::of(missing))
}

fn write_with(
    graph: &KnowledgeGraph,
    texts: &EvidenceTexts<'_>,
    out: impl Write,
    path: &Path,
) -> Result<()> {
    let ordered = super::ordered(graph);
    let entities = ordered.nodes.iter().map(|n| EntityRecord {
        id: n.number,
        name: n.entity.name.clone(),
        kind: n.entity.kind,
        aliases: n.entity.aliases.iter().cloned().collect(),
        mentions: n.entity.mentions.clone(),
    });
    let relations = ordered.edges.iter().map(|edge| {
        let rel = edge.relation;
        let dates = rel.dates();
        let evidence = edge.evidence().into_iter().map(|e| EvidenceRecord {
            document: Cow::Borrowed(&e.document),
            sentence: e.sentence,
            start: e.span.start,
            end: e.span.end,
            text: texts.get(e).unwrap_or_default(),
            confidence: e.confidence,
            claim: e.claim.as_deref().map(Cow::Borrowed),
            attributed_to: e.attributed_to.as_deref().map(Cow::Borrowed),
        });
        RelationRecord {
            source: edge.source(),
            target: edge.target(),
            kind: rel.kind,
            polarity: rel.polarity,
            confidence: (rel.confidence() * 1000.0).round() / 1000.0,
            first_date: dates.map(|d| d.0),
            last_date: dates.map(|d| d.1),
            claim: rel
                .evidence
                .iter()
                .find_map(|e| e.claim.as_deref().cloned()),
            evidence: Streamed::new(evidence),
        }
    });
    let file = GraphFile {
        format: FORMAT.to_owned(),
        version: VERSION,
        documents: Streamed::new(graph.documents()),
        entities: Streamed::new(entities),
        relations: Streamed::new(relations),
    };
    let mut out = std::io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut out, &file).map_err(|e| match e.io_error_kind() {
        Some(kind) => Error::io(path, std::io::Error::new(kind, e)),
        None => Error::io(path, std::io::Error::other(e)),
    })?;
    out.write_all(b"\n")
        .and_then(|()| out.flush())
        .map_err(|e| Error::io(path, e))
}

/// Writes `graph` to the file at `path`, atomically: into a temporary file in the same
/// directory, renamed over `path` once complete, so that a crash or a full disk mid-write
/// leaves the previous snapshot whole (see [`super::replace`]).
///
/// # Errors
/// [`Error::Io`] naming the file. Evidence whose text cannot be read back is no error: see
/// [`ExportReport`].
pub fn save(graph: &KnowledgeGraph, path: &Path) -> Result<ExportReport> {
    super::replace(path, |out| write(graph, out, path))
}

/// The two fields every version of the format starts with, read before the rest so that a
/// file of another version is reported as such rather than as a field it does not have.
#[derive(Deserialize)]
struct Header {
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    version: Option<u64>,
}

/// Reads a graph written by [`write`](fn@write).
///
/// # Errors
/// [`Error::Json`] with line and column for malformed JSON, [`Error::Format`] for another
/// format or version, ids that point nowhere, a span that ends before it starts or a
/// confidence outside 0..=1.
pub fn read(text: &str, path: &Path) -> Result<KnowledgeGraph> {
    let header: Header = serde_json::from_str(text).map_err(|e| Error::json(path, &e))?;
    match (header.format.as_deref(), header.version) {
        (Some(FORMAT), Some(v)) if v == u64::from(VERSION) => {}
        (Some(FORMAT), Some(v)) => {
            let age = if v > u64::from(VERSION) {
                "newer than this library"
            } else {
                "older than this library"
            };
            return Err(Error::Format {
                path: path.into(),
                message: format!(
                    "{}{FORMAT:?} version {v} is {age}, which reads version {VERSION}",
                    position(text, "\"version\"")
                ),
            });
        }
        (format, version) => {
            return Err(Error::Format {
                path: path.into(),
                message: format!(
                    "{}format {} version {}; this library reads {FORMAT:?} version {VERSION}",
                    position(text, "\"format\""),
                    format.map_or("(none)".to_owned(), |f| format!("{f:?}")),
                    version.map_or("(none)".to_owned(), |v| v.to_string())
                ),
            });
        }
    }
    let file: ReadFile = serde_json::from_str(text).map_err(|e| Error::json(path, &e))?;
    let mut graph = KnowledgeGraph::new();
    for d in file.documents {
        graph.add_document(d);
    }
    // One shared copy of each document id for all its evidence and mention counts.
    let mut documents: HashMap<String, DocumentId> = HashMap::new();
    let mut shared = |id: &str| -> DocumentId {
        if let Some(d) = documents.get(id) {
            return d.clone();
        }
        let d = DocumentId::from(id);
        documents.insert(id.to_owned(), d.clone());
        d
    };
    let mut ids = HashMap::new();
    for e in file.entities {
        let id = graph.add_entity(&e.name, e.kind);
        if let Some(node) = graph.entity_mut(id) {
            node.aliases.extend(e.aliases);
            node.mentions
                .extend(e.mentions.into_iter().map(|(d, n)| (shared(&d), n)));
        }
        ids.insert(e.id, id);
    }
    for (i, r) in file.relations.into_iter().enumerate() {
        let (Some(&source), Some(&target)) = (ids.get(&r.source), ids.get(&r.target)) else {
            return Err(Error::Format {
                path: path.into(),
                message: format!(
                    "relations[{i}]: {} → {} names an entity id that is not in the file",
                    r.source, r.target
                ),
            });
        };
        let mut evidence = Vec::with_capacity(r.evidence.len());
        for (j, e) in r.evidence.into_iter().enumerate() {
            let flaw = if e.start > e.end {
                Some(format!(
                    "its span starts at {} after it ends at {}",
                    e.start, e.end
                ))
            } else if !(0.0..=1.0).contains(&e.confidence) {
                Some(format!("confidence {} is outside 0..=1", e.confidence))
            } else {
                None
            };
            if let Some(flaw) = flaw {
                return Err(Error::Format {
                    path: path.into(),
                    message: format!("relations[{i}].evidence[{j}]: {flaw}"),
                });
            }
            // A map lookup per piece of evidence, not a walk over the documents.
            let date = graph.document(&e.document).and_then(|d| d.date);
            let document = shared(&e.document);
            if !e.text.is_empty() {
                graph.add_sentence(&document, e.sentence as usize, &e.text);
            }
            evidence.push(Evidence {
                document,
                sentence: e.sentence,
                span: Span::new(e.start, e.end),
                confidence: e.confidence,
                date,
                claim: e.claim.map(|c| Box::new(c.into_owned())),
                attributed_to: e.attributed_to.map(|who| graph.speaker(&who)),
            });
        }
        graph.add_relations(source, r.kind, target, r.polarity, evidence);
    }
    Ok(graph)
}

/// "line L, column C: " of the first `needle` in `text`, for messages about a field; empty
/// when the field is not there.
fn position(text: &str, needle: &str) -> String {
    let Some(offset) = text.find(needle) else {
        return String::new();
    };
    let before = text.get(..offset).unwrap_or("");
    let line = before.matches('\n').count() + 1;
    let column = before.rfind('\n').map_or(offset, |n| offset - n - 1) + 1;
    format!("line {line}, column {column}: ")
}

/// Reads the graph file at `path`.
///
/// # Errors
/// [`Error::Io`] naming the file, or the errors of [`read`].
pub fn load(path: &Path) -> Result<KnowledgeGraph> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = String::from_utf8(bytes).map_err(|e| Error::NotText {
        path: path.into(),
        offset: e.utf8_error().valid_up_to(),
    })?;
    read(&text, path)
}
