//! Writing the graph for other tools, one module per format.
//!
//! | format | module | read by |
//! |---|---|---|
//! | `json` | [`json`] | the `factions-graph` contract: this library, `score.py`, any JSON reader |
//! | `jsonl` | [`jsonl`] | one edge per line: `jq`, Spark, pandas |
//! | `dot` | [`dot`] | Graphviz (`dot -Tsvg`) |
//! | `graphml` | [`graphml`] | Gephi, networkx, yEd, Cytoscape |
//! | `ntriples`, `turtle` | [`rdf`] | triplestores (Oxigraph, Jena, GraphDB), rdflib |
//! | `neo4j` | [`neo4j`] | `neo4j-admin database import`, or `LOAD CSV` with the script written beside |
//!
//! Every writer streams to an [`std::io::Write`] and writes entities in the order of their folded
//! names and relations in the order of their ends, so the same corpus gives the same bytes
//! whatever order its documents came in, and a new document changes only the lines it adds.
//! Outside the JSON contract (which numbers entities), an entity's id is its folded name
//! (`"islamic state"`): it does not move when other entities are added.
//!
//! [`save`] writes a file atomically: into a temporary file beside it, then renamed over it, so a
//! crash or a full disk leaves the previous file whole.
//!
//! ```
//! use factions::{KnowledgeGraph, Lexicon, ingest_text, export::{self, Format}};
//! let lexicon = Lexicon::built_in()?;
//! let mut graph = KnowledgeGraph::new();
//! ingest_text(&mut graph, &lexicon, "a.txt", "Iran backs the Houthis.")?;
//! let mut dot = Vec::new();
//! export::write(&graph, "dot".parse::<Format>()?, &mut dot)?;
//! assert!(String::from_utf8_lossy(&dot).contains("\"iran\" -> \"houthis\""));
//! # Ok::<(), factions::Error>(())
//! ```

pub mod dot;
pub mod graphml;
pub mod json;
pub mod jsonl;
pub mod neo4j;
pub mod rdf;

use crate::error::{Error, Result};
use crate::graph::{Entity, EntityId, Evidence, KnowledgeGraph, Relation};
use crate::lexicon::fold;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::io::{BufWriter, Write};
use std::path::Path;

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Format {
    /// The `factions-graph` JSON contract.
    Json,
    /// One JSON object per edge, one per line.
    Jsonl,
    /// Graphviz DOT.
    Dot,
    /// GraphML (XML).
    Graphml,
    /// RDF N-Triples.
    Ntriples,
    /// RDF Turtle.
    Turtle,
    /// Neo4j import CSVs and a Cypher script: a directory, not one stream.
    Neo4j,
}

impl Format {
    /// Every format, in a stable order.
    pub const ALL: [Format; 7] = [
        Format::Json,
        Format::Jsonl,
        Format::Dot,
        Format::Graphml,
        Format::Ntriples,
        Format::Turtle,
        Format::Neo4j,
    ];

    /// The name the command line and `FromStr` take.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Dot => "dot",
            Format::Graphml => "graphml",
            Format::Ntriples => "ntriples",
            Format::Turtle => "turtle",
            Format::Neo4j => "neo4j",
        }
    }

    /// The usual file extension (none for the neo4j directory).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Dot => "dot",
            Format::Graphml => "graphml",
            Format::Ntriples => "nt",
            Format::Turtle => "ttl",
            Format::Neo4j => "",
        }
    }

    /// Whether the export is a directory of files rather than one stream.
    pub fn is_directory(self) -> bool {
        self == Format::Neo4j
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Format {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let s = s.trim().to_ascii_lowercase();
        let alias = match s.as_str() {
            "nt" | "n-triples" => "ntriples",
            "ttl" => "turtle",
            "gv" => "dot",
            "xml" => "graphml",
            other => other,
        };
        Format::ALL
            .into_iter()
            .find(|f| f.as_str() == alias)
            .ok_or_else(|| Error::Export {
                format: s.clone(),
                message: format!(
                    "unknown format; one of {}",
                    Format::ALL.map(Format::as_str).join(", ")
                ),
            })
    }
}

/// What an export could not write in full.
///
/// Every export writes the whole graph. The evidence of a document ingested from a file is
/// kept as offsets into the file, and its text is read back from the file as the export is
/// written ([`KnowledgeGraph::read_evidence_text`]); when the file is gone, unreadable, or no
/// longer holds the text that was ingested, that evidence is written without its text (as a
/// snapshot without text is), and the document is listed here. Ingest the file again to
/// bring its evidence up to date.
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct ExportReport {
    /// Each document whose evidence was written without text, once:
    /// [`Error::SourceUnreadable`] or [`Error::SourceChanged`], naming the document and its file.
    pub missing_text: Vec<Error>,
}

impl ExportReport {
    /// Whether every piece of evidence was written with the text the graph has for it.
    pub fn is_complete(&self) -> bool {
        self.missing_text.is_empty()
    }

    fn of(missing_text: Vec<Error>) -> Self {
        ExportReport { missing_text }
    }
}

/// Writes `graph` in `format` to `out`.
///
/// # Errors
/// [`Error::Io`] when writing fails (the path reads `<stream>`); [`Error::Export`] for
/// [`Format::Neo4j`], which is a directory of files: use [`save`] or [`neo4j::save`]. Evidence
/// whose text cannot be read back is no error: see [`ExportReport`].
pub fn write(graph: &KnowledgeGraph, format: Format, out: impl Write) -> Result<ExportReport> {
    write_at(graph, format, out, Path::new("<stream>"))
}

fn write_at(
    graph: &KnowledgeGraph,
    format: Format,
    out: impl Write,
    path: &Path,
) -> Result<ExportReport> {
    let io = |e| Error::io(path, e);
    match format {
        Format::Json => json::write(graph, out, path),
        Format::Jsonl => jsonl::write(graph, out).map_err(io),
        Format::Dot => dot::write(graph, out)
            .map(|()| ExportReport::default())
            .map_err(io),
        Format::Graphml => graphml::write(graph, out)
            .map(|()| ExportReport::default())
            .map_err(io),
        Format::Ntriples => rdf::write(graph, rdf::Syntax::NTriples, out).map_err(io),
        Format::Turtle => rdf::write(graph, rdf::Syntax::Turtle, out).map_err(io),
        Format::Neo4j => Err(Error::Export {
            format: format.to_string(),
            message: "writes a directory (nodes.csv, relationships.csv, load.cypher), not one \
                      stream; give a directory"
                .to_owned(),
        }),
    }
}

/// Writes `graph` in `format` to the file at `path` atomically, or — for [`Format::Neo4j`] —
/// into the directory at `path`, each file atomically.
///
/// # Errors
/// [`Error::Io`] naming the file that could not be written; the previous file is left as it was.
/// Evidence whose text cannot be read back is no error: see [`ExportReport`].
pub fn save(graph: &KnowledgeGraph, format: Format, path: &Path) -> Result<ExportReport> {
    if format == Format::Neo4j {
        return neo4j::save(graph, path);
    }
    replace(path, |out| write_at(graph, format, out, path))
}

/// Replaces the file at `path` with what `write` writes, atomically: the bytes go to a
/// temporary file in the same directory, which is flushed to disk and renamed over `path` only
/// when `write` succeeds. On failure the temporary file is removed and `path` is untouched.
///
/// # Errors
/// The error of `write`, or [`Error::Io`] naming `path` when the temporary file cannot be
/// created, flushed or renamed.
pub fn replace<T>(path: &Path, write: impl FnOnce(&mut dyn Write) -> Result<T>) -> Result<T> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy());
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Error::io(path, e))?;
    let written = {
        let mut out = BufWriter::new(tmp.as_file_mut());
        let written = write(&mut out)?;
        out.flush().map_err(|e| Error::io(path, e))?;
        written
    };
    let permissions = match std::fs::metadata(path) {
        Ok(m) => Some(m.permissions()),
        Err(_) => default_permissions(),
    };
    if let Some(p) = permissions {
        tmp.as_file()
            .set_permissions(p)
            .map_err(|e| Error::io(path, e))?;
    }
    tmp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(written)
}

/// A new file gets the usual `rw-r--r--`, not the temporary file's owner-only mode.
#[cfg(unix)]
fn default_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions() -> Option<std::fs::Permissions> {
    None
}

/// The id every export but the JSON contract gives an entity: its folded name (lower case,
/// no accents or punctuation, no leading "the"), unique in a graph and unchanged as the graph
/// grows.
///
/// ```
/// assert_eq!(factions::export::stable_id("the U.S.-led Coalition"), "us led coalition");
/// ```
pub fn stable_id(name: &str) -> String {
    fold(name)
}

/// An entity as the exports see it: its place in the stable order and its stable id.
#[derive(Debug, Clone)]
pub(crate) struct Node<'g> {
    /// Its position in the order of folded names (the JSON contract's id).
    pub number: usize,
    /// Its folded name: the id the other exports use.
    pub key: String,
    /// The entity.
    pub entity: &'g Entity,
}

/// A relation as the exports see it: its ends' positions and its payload (16 bytes: a large
/// graph has millions).
#[derive(Debug, Clone)]
pub(crate) struct Edge<'g> {
    source: u32,
    target: u32,
    pub relation: &'g Relation,
}

impl Edge<'_> {
    /// Its source's position in the order of nodes.
    pub fn source(&self) -> usize {
        self.source as usize
    }

    /// Its target's position in the order of nodes.
    pub fn target(&self) -> usize {
        self.target as usize
    }

    /// Its evidence, ordered by document and sentence.
    pub fn evidence(&self) -> Vec<&Evidence> {
        let mut evidence: Vec<&Evidence> = self.relation.evidence.iter().collect();
        evidence.sort_by(|a, b| {
            (&a.document, a.sentence, a.span).cmp(&(&b.document, b.sentence, b.span))
        });
        evidence
    }

    /// The documents of its evidence, each once, in order.
    pub fn documents(&self) -> Vec<&str> {
        let mut docs: Vec<&str> = self
            .relation
            .evidence
            .iter()
            .map(|e| e.document.as_str())
            .collect();
        docs.sort_unstable();
        docs.dedup();
        docs
    }
}

/// The graph in the stable order every export writes.
#[derive(Debug, Clone)]
pub(crate) struct Ordered<'g> {
    pub nodes: Vec<Node<'g>>,
    pub edges: Vec<Edge<'g>>,
}

impl Ordered<'_> {
    /// The node at a position.
    pub fn node(&self, number: usize) -> Option<&Node<'_>> {
        self.nodes.get(number)
    }
}

/// Entities by folded name; relations by (source, target, kind, polarity).
pub(crate) fn ordered(graph: &KnowledgeGraph) -> Ordered<'_> {
    let mut keyed: Vec<(String, EntityId, &Entity)> = graph
        .entities()
        .map(|(id, e)| (fold(&e.name), id, e))
        .collect();
    keyed.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    // Entity ids are 32-bit, so there are no more positions than that.
    let number: HashMap<EntityId, u32> = keyed
        .iter()
        .enumerate()
        .map(|(i, (_, id, _))| (*id, u32::try_from(i).unwrap_or(u32::MAX)))
        .collect();
    let nodes = keyed
        .into_iter()
        .enumerate()
        .map(|(number, (key, _, entity))| Node {
            number,
            key,
            entity,
        })
        .collect();
    let mut edges: Vec<Edge<'_>> = Vec::with_capacity(graph.relation_count());
    edges.extend(graph.relations().filter_map(|r| {
        Some(Edge {
            source: *number.get(&r.source)?,
            target: *number.get(&r.target)?,
            relation: r.relation,
        })
    }));
    edges.sort_by_key(|e| (e.source, e.target, e.relation.kind, e.relation.polarity));
    Ordered { nodes, edges }
}

/// `text` without the characters XML 1.0 forbids (controls other than tab, line feed and
/// carriage return; U+FFFE and U+FFFF), which no XML parser accepts even escaped.
pub(crate) fn xml_text(text: &str) -> Cow<'_, str> {
    let allowed = |c: char| {
        matches!(c, '\t' | '\n' | '\r')
            || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}' && c != '\u{7F}')
    };
    if text.chars().all(allowed) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter(|c| allowed(*c)).collect())
    }
}

/// Rounds a confidence to three decimals, as the JSON contract does, so that the same
/// evidence always prints the same digits.
pub(crate) fn rounded(p: f32) -> f64 {
    (f64::from(p) * 1000.0).round() / 1000.0
}
