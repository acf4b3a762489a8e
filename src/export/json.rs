//! The graph JSON contract (`factions-graph`, version 1; see `shared/eval/README.md`): writing it,
//! and reading it back into a [`KnowledgeGraph`].
//!
//! Entities are written in the order of their folded names and numbered in that order, so the
//! same corpus gives the same file whatever order its documents were ingested in.

use crate::error::{Error, Result};
use crate::graph::{DocumentInfo, EntityId, Evidence, KnowledgeGraph};
use crate::lexicon::fold;
use crate::model::{Claim, Date, EntityKind, Polarity, RelationKind, Span};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::Path;

/// The format name written in every file.
pub const FORMAT: &str = "factions-graph";
/// The version this library writes and reads.
pub const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct GraphFile {
    format: String,
    version: u32,
    documents: Vec<DocumentInfo>,
    entities: Vec<EntityRecord>,
    relations: Vec<RelationRecord>,
}

#[derive(Serialize, Deserialize)]
struct EntityRecord {
    id: usize,
    name: String,
    kind: EntityKind,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    mentions: BTreeMap<String, usize>,
}

#[derive(Serialize, Deserialize)]
struct RelationRecord {
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
    evidence: Vec<EvidenceRecord>,
}

#[derive(Serialize, Deserialize)]
struct EvidenceRecord {
    document: String,
    sentence: usize,
    start: usize,
    end: usize,
    #[serde(default)]
    text: String,
    #[serde(default = "one")]
    confidence: f32,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    claim: Option<Claim>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    attributed_to: Option<String>,
}

fn one() -> f32 {
    1.0
}

/// Writes `graph` as JSON to `out`.
///
/// # Errors
/// [`Error::Io`] when writing fails; `path` names the destination in the message.
pub fn write(graph: &KnowledgeGraph, out: impl Write, path: &Path) -> Result<()> {
    let mut order: Vec<(String, EntityId)> = graph
        .entities()
        .map(|(id, e)| (fold(&e.name), id))
        .collect();
    order.sort();
    let number: HashMap<EntityId, usize> = order
        .iter()
        .enumerate()
        .map(|(i, (_, id))| (*id, i))
        .collect();
    let entities = order
        .iter()
        .enumerate()
        .filter_map(|(i, (_, id))| {
            let e = graph.entity(*id)?;
            Some(EntityRecord {
                id: i,
                name: e.name.clone(),
                kind: e.kind,
                aliases: e.aliases.iter().cloned().collect(),
                mentions: e.mentions.clone(),
            })
        })
        .collect();
    let mut relations: Vec<RelationRecord> = graph
        .relations()
        .filter_map(|r| {
            let rel = r.relation;
            let dates = rel.dates();
            let mut evidence: Vec<EvidenceRecord> = rel
                .evidence
                .iter()
                .map(|e| EvidenceRecord {
                    document: e.document.clone(),
                    sentence: e.sentence,
                    start: e.span.start,
                    end: e.span.end,
                    text: graph.evidence_text(e).unwrap_or("").to_owned(),
                    confidence: e.confidence,
                    claim: e.claim.clone(),
                    attributed_to: e.attributed_to.clone(),
                })
                .collect();
            evidence.sort_by(|a, b| (&a.document, a.sentence).cmp(&(&b.document, b.sentence)));
            Some(RelationRecord {
                source: *number.get(&r.source)?,
                target: *number.get(&r.target)?,
                kind: rel.kind,
                polarity: rel.polarity,
                confidence: (rel.confidence() * 1000.0).round() / 1000.0,
                first_date: dates.map(|d| d.0),
                last_date: dates.map(|d| d.1),
                claim: rel.evidence.iter().find_map(|e| e.claim.clone()),
                evidence,
            })
        })
        .collect();
    relations.sort_by_key(|r| (r.source, r.target, r.kind, r.polarity));
    let file = GraphFile {
        format: FORMAT.to_owned(),
        version: VERSION,
        documents: graph.documents().cloned().collect(),
        entities,
        relations,
    };
    let mut out = std::io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut out, &file)
        .map_err(|e| Error::io(path, std::io::Error::other(e)))?;
    out.write_all(b"\n")
        .and_then(|()| out.flush())
        .map_err(|e| Error::io(path, e))
}

/// Writes `graph` to the file at `path`.
///
/// # Errors
/// [`Error::Io`] naming the file.
pub fn save(graph: &KnowledgeGraph, path: &Path) -> Result<()> {
    let file = std::fs::File::create(path).map_err(|e| Error::io(path, e))?;
    write(graph, file, path)
}

/// Reads a graph written by [`write`].
///
/// # Errors
/// [`Error::Json`] with line and column for malformed JSON, [`Error::Format`] for another
/// format or version, or ids that point nowhere.
pub fn read(text: &str, path: &Path) -> Result<KnowledgeGraph> {
    let file: GraphFile = serde_json::from_str(text).map_err(|e| Error::json(path, &e))?;
    if file.format != FORMAT || file.version != VERSION {
        return Err(Error::Format {
            path: path.into(),
            message: format!(
                "format {:?} version {}; this library reads {FORMAT:?} version {VERSION}",
                file.format, file.version
            ),
        });
    }
    let mut graph = KnowledgeGraph::new();
    for d in file.documents {
        graph.add_document(d);
    }
    let mut ids = HashMap::new();
    for e in file.entities {
        let id = graph.add_entity(&e.name, e.kind);
        if let Some(node) = graph.entity_mut(id) {
            node.aliases.extend(e.aliases);
            node.mentions.extend(e.mentions);
        }
        ids.insert(e.id, id);
    }
    for r in file.relations {
        let (Some(&source), Some(&target)) = (ids.get(&r.source), ids.get(&r.target)) else {
            return Err(Error::Format {
                path: path.into(),
                message: format!(
                    "relation {} → {} names an entity id that is not in the file",
                    r.source, r.target
                ),
            });
        };
        for e in r.evidence {
            let date = graph
                .documents()
                .find(|d| d.id == e.document)
                .and_then(|d| d.date);
            if !e.text.is_empty() {
                graph.add_sentence(&e.document, e.sentence, e.text);
            }
            let evidence = Evidence {
                document: e.document,
                sentence: e.sentence,
                span: Span::new(e.start, e.end),
                confidence: e.confidence,
                date,
                claim: e.claim,
                attributed_to: e.attributed_to,
            };
            graph.add_relation(source, r.kind, target, r.polarity, evidence);
        }
    }
    Ok(graph)
}

/// Reads the graph file at `path`.
///
/// # Errors
/// [`Error::Io`] naming the file, or the errors of [`read`].
pub fn load(path: &Path) -> Result<KnowledgeGraph> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    read(&text, path)
}
