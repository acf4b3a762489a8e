//! The driver: runs every stage over a set of files and merges the results into a graph,
//! reporting the files that failed without stopping at them.

use crate::error::Error;
use crate::graph::{Change, KnowledgeGraph};
use crate::lexicon::Lexicon;
use crate::source;
use std::path::Path;

/// What an ingest of many files did.
#[derive(Debug, Default)]
pub struct IngestReport {
    /// Documents ingested: added, replaced, or found unchanged.
    pub ingested: Vec<String>,
    /// Documents that were already in the graph with the same text, left as they were.
    pub unchanged: Vec<String>,
    /// Documents that were in the graph with another text, their old evidence replaced.
    pub replaced: Vec<String>,
    /// Files or folders that could not be ingested, with why.
    pub failed: Vec<Error>,
}

impl IngestReport {
    /// Whether nothing at all could be ingested.
    pub fn is_total_failure(&self) -> bool {
        self.ingested.is_empty()
    }
}

/// Ingests every `.txt` file found under `paths` into `graph`. The graph may already hold
/// documents: one with the same id and text is skipped, one with the same id and another text
/// is replaced (see [`Change`]).
///
/// ```no_run
/// use factions::{KnowledgeGraph, Lexicon, ingest_paths};
/// let lexicon = Lexicon::built_in()?;
/// let mut graph = KnowledgeGraph::new();
/// let report = ingest_paths(&mut graph, &lexicon, &["articles/"]);
/// for failure in &report.failed {
///     eprintln!("skipped: {failure}");
/// }
/// # Ok::<(), factions::Error>(())
/// ```
pub fn ingest_paths<P: AsRef<Path>>(
    graph: &mut KnowledgeGraph,
    lexicon: &Lexicon,
    paths: &[P],
) -> IngestReport {
    let (sources, failed) = source::collect(paths);
    let mut report = IngestReport {
        failed,
        ..IngestReport::default()
    };
    for s in &sources {
        match source::read(s, lexicon) {
            Ok(doc) => {
                match graph.ingest(&doc, lexicon) {
                    Change::Unchanged => report.unchanged.push(s.id.clone()),
                    change => {
                        if change == Change::Replaced {
                            report.replaced.push(s.id.clone());
                        }
                        graph.set_path(&doc.id, s.path.display().to_string());
                    }
                }
                report.ingested.push(s.id.clone());
            }
            Err(e) => report.failed.push(e),
        }
    }
    report
}

/// Ingests text held in memory, under the document id `id`.
///
/// # Errors
/// [`Error::EmptyDocument`] when the text is empty.
pub fn ingest_text(
    graph: &mut KnowledgeGraph,
    lexicon: &Lexicon,
    id: &str,
    text: &str,
) -> Result<(), Error> {
    let doc = source::document(id, text.to_owned(), Path::new(id), lexicon)?;
    graph.ingest(&doc, lexicon);
    Ok(())
}
