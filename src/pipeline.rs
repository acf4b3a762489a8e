//! The driver: runs every stage over a set of files and merges the results into a graph,
//! reporting the files that failed without stopping at them.

use crate::error::Error;
use crate::graph::KnowledgeGraph;
use crate::lexicon::Lexicon;
use crate::source;
use std::path::Path;

/// What an ingest of many files did.
#[derive(Debug, Default)]
pub struct IngestReport {
    /// Documents ingested.
    pub ingested: Vec<String>,
    /// Files or folders that could not be ingested, with why.
    pub failed: Vec<Error>,
}

impl IngestReport {
    /// Whether nothing at all could be ingested.
    pub fn is_total_failure(&self) -> bool {
        self.ingested.is_empty()
    }
}

/// Ingests every `.txt` file found under `paths` into `graph`.
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
        ingested: Vec::new(),
        failed,
    };
    for s in &sources {
        match source::read(s, lexicon) {
            Ok(doc) => {
                graph.ingest(&doc, lexicon);
                graph.set_path(&doc.id, s.path.display().to_string());
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
