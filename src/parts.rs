//! Building the graph beyond one machine: extraction as a map step, merging as a fold.
//!
//! `factions extract` writes a *parts file*: JSON Lines, one [`DocumentPart`] per document (its
//! info and content hash, its entities with mentions and aliases, its relations with their
//! evidence), each line tagged `"format": "factions-part", "version": 1`. A part is a pure
//! function of the document and the lexicon, so the documents can be split any way across
//! processes or machines. `factions merge` folds any number of parts files with
//! [`KnowledgeGraph::add_part`] — the very function `ingest` uses — so the merged graph is the
//! one a single ingest of all the documents gives, whatever the sharding and the order.
//!
//! ```
//! use factions::{KnowledgeGraph, Lexicon, parts};
//! use std::path::Path;
//! let lexicon = Lexicon::built_in()?;
//! let doc = factions::Document::new("a.txt", "Iran backs the Houthis.", &lexicon);
//! let mut file = Vec::new();
//! parts::write(&factions::DocumentPart::extract(&doc, &lexicon), &mut file)
//!     .map_err(|e| factions::Error::Io { path: "part.jsonl".into(), source: e })?;
//! let mut graph = KnowledgeGraph::new();
//! parts::merge(&mut graph, &String::from_utf8_lossy(&file), Path::new("part.jsonl"))?;
//! assert_eq!(graph.relation_count(), 1);
//! # Ok::<(), factions::Error>(())
//! ```

use crate::error::{Error, Result};
use crate::graph::{Change, DocumentPart, KnowledgeGraph};
use crate::lexicon::Lexicon;
use crate::pipeline::IngestReport;
use crate::source;
use serde::{Deserialize, Serialize};
use std::io::{self, Write};
use std::path::Path;

/// The format name on every line of a parts file.
pub const FORMAT: &str = "factions-part";
/// The version written and read.
pub const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct Line<P> {
    format: String,
    version: u32,
    #[serde(flatten)]
    part: P,
}

#[derive(Deserialize)]
struct Header {
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    version: Option<u64>,
}

/// Writes one part as one line.
///
/// # Errors
/// The writer's error.
pub fn write(part: &DocumentPart, mut out: impl Write) -> io::Result<()> {
    let line = Line {
        format: FORMAT.to_owned(),
        version: VERSION,
        part,
    };
    serde_json::to_writer(&mut out, &line)?;
    out.write_all(b"\n")
}

/// Extracts every `.txt` file under `paths` and writes its part to `out`, one line each, in
/// the order `ingest` reads them. Files that cannot be read are reported, not fatal.
///
/// # Errors
/// [`Error::Io`] naming `path` when writing fails.
pub fn extract<P: AsRef<Path>>(
    lexicon: &Lexicon,
    paths: &[P],
    mut out: impl Write,
    path: &Path,
) -> Result<IngestReport> {
    let (sources, failed) = source::collect(paths);
    let mut report = IngestReport {
        failed,
        ..IngestReport::default()
    };
    for s in &sources {
        match source::read(s, lexicon) {
            Ok(doc) => {
                let mut part = DocumentPart::extract(&doc, lexicon);
                part.document.path = Some(s.path.display().to_string());
                write(&part, &mut out).map_err(|e| Error::io(path, e))?;
                report.ingested.push(s.id.clone());
            }
            Err(e) => report.failed.push(e),
        }
    }
    out.flush().map_err(|e| Error::io(path, e))?;
    Ok(report)
}

/// Reads the parts in `text` (the contents of the parts file at `path`), one per line; blank
/// lines are skipped.
///
/// # Errors
/// [`Error::Json`] with the line and column of a malformed line; [`Error::Format`] naming the
/// line for another format or version.
pub fn read(text: &str, path: &Path) -> impl Iterator<Item = Result<DocumentPart>> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(move |(i, line)| parse(line, i + 1, path))
}

fn parse(line: &str, number: usize, path: &Path) -> Result<DocumentPart> {
    let at = |e: serde_json::Error| Error::Json {
        path: path.into(),
        line: number,
        column: e.column(),
        message: e.to_string(),
    };
    let header: Header = serde_json::from_str(line).map_err(at)?;
    if header.format.as_deref() != Some(FORMAT) || header.version != Some(u64::from(VERSION)) {
        return Err(Error::Format {
            path: path.into(),
            message: format!(
                "line {number}: format {:?} version {:?}; this library reads {FORMAT:?} version {VERSION}",
                header.format, header.version
            ),
        });
    }
    let line: Line<DocumentPart> = serde_json::from_str(line).map_err(at)?;
    Ok(line.part)
}

/// Folds the parts in `text` (the contents of the parts file at `path`) into `graph`, in file
/// order; a later part of the same document replaces an earlier one with another text.
///
/// # Errors
/// The first error of [`read`]; the parts before it are merged.
pub fn merge(graph: &mut KnowledgeGraph, text: &str, path: &Path) -> Result<Vec<Change>> {
    read(text, path)
        .map(|part| part.map(|p| graph.add_part(p)))
        .collect()
}

/// Folds the parts files at `paths` into `graph`, in order.
///
/// # Errors
/// [`Error::Io`] or [`Error::NotText`] naming a file that cannot be read, or the errors of
/// [`merge`].
pub fn merge_files<P: AsRef<Path>>(graph: &mut KnowledgeGraph, paths: &[P]) -> Result<usize> {
    let mut count = 0;
    for path in paths {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let text = String::from_utf8(bytes).map_err(|e| Error::NotText {
            path: path.into(),
            offset: e.utf8_error().valid_up_to(),
        })?;
        count += merge(graph, &text, path)?.len();
    }
    Ok(count)
}
