//! The driver: runs every stage over a set of files and merges the results into a graph,
//! reporting the files that failed without stopping at them. Documents are extracted in
//! parallel and merged in file order, so the graph does not depend on the number of threads.

use crate::error::Error;
use crate::graph::{Change, KnowledgeGraph};
use crate::ingest::{Document, Extraction, Limits, extract_with};
use crate::lexicon::Lexicon;
use crate::model::Span;
use crate::source::{self, Source};
use rayon::prelude::*;
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
    /// Sentences ingested for their names but too long to be read for relations (see
    /// [`Limits`]): the document id and the sentence's byte span.
    pub skipped: Vec<(String, Span)>,
}

impl IngestReport {
    /// Whether nothing at all could be ingested.
    pub fn is_total_failure(&self) -> bool {
        self.ingested.is_empty()
    }
}

/// How to run an ingest of many files.
///
/// ```
/// use factions::IngestOptions;
/// let options = IngestOptions::default().threads(2).max_document_bytes(1_000_000);
/// assert_eq!(options.thread_count(), 2);
/// assert_eq!(options.document_limit(), Some(1_000_000));
/// assert_eq!(IngestOptions::default().document_limit(), Some(50_000_000));
/// assert_eq!(IngestOptions::default().max_document_bytes(0).document_limit(), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IngestOptions {
    threads: Option<usize>,
    limits: Limits,
    max_document_bytes: Option<u64>,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            threads: None,
            limits: Limits::default(),
            max_document_bytes: Some(source::DEFAULT_MAX_DOCUMENT_BYTES),
        }
    }
}

impl IngestOptions {
    /// Extract documents on `n` threads; 0 means one per core (the default).
    #[must_use]
    pub fn threads(mut self, n: usize) -> Self {
        self.threads = (n > 0).then_some(n);
        self
    }

    /// Read sentences of at most `bytes` for relations; longer ones keep their names and are
    /// reported in [`IngestReport::skipped`] (see [`Limits`]).
    #[must_use]
    pub fn max_sentence_bytes(mut self, bytes: usize) -> Self {
        self.limits.max_sentence_bytes = bytes;
        self
    }

    /// Read documents of at most `bytes` (default [`source::DEFAULT_MAX_DOCUMENT_BYTES`], 50 MB;
    /// 0 for no limit). A larger file is not read: it is reported in [`IngestReport::failed`]
    /// as [`Error::DocumentTooLarge`], naming the file, its size and the limit.
    #[must_use]
    pub fn max_document_bytes(mut self, bytes: u64) -> Self {
        self.max_document_bytes = (bytes > 0).then_some(bytes);
        self
    }

    /// The largest document read, if there is a limit.
    pub fn document_limit(&self) -> Option<u64> {
        self.max_document_bytes
    }

    /// The limits extraction keeps to.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// The number of threads an ingest will use.
    pub fn thread_count(&self) -> usize {
        self.threads.unwrap_or_else(rayon::current_num_threads)
    }
}

/// Where an ingest stands, after each document merged.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    /// Files done, ingested or failed.
    pub files: usize,
    /// Files to do in all.
    pub total_files: usize,
    /// Bytes of text read so far.
    pub bytes: u64,
}

/// Ingests every `.txt` file found under `paths` into `graph`, on every core. The graph may
/// already hold documents: one with the same id and text is left as it is, one with the same
/// id and another text is replaced (see [`Change`]). Each file's evidence is kept as offsets
/// into the file, whose sentences are read back when the graph is exported
/// ([`KnowledgeGraph::merge_file`]): the graph holds no copy of the text it read.
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
    ingest_paths_with(graph, lexicon, paths, IngestOptions::default(), |_| {})
}

/// Documents read and extracted together before their results are merged: enough to keep every
/// thread busy, few enough that memory follows the graph and not the corpus.
const BATCH_PER_THREAD: usize = 32;

/// [`ingest_paths`] with options, calling `progress` after each document.
///
/// Documents are read and extracted in parallel, a batch at a time, and merged into the graph
/// in the order of the files, so the graph is the same whatever the number of threads. One
/// batch is merged while the next is extracted.
///
/// ```no_run
/// use factions::{IngestOptions, KnowledgeGraph, Lexicon, ingest_paths_with};
/// let lexicon = Lexicon::built_in()?;
/// let mut graph = KnowledgeGraph::new();
/// let options = IngestOptions::default().threads(1);
/// let report = ingest_paths_with(&mut graph, &lexicon, &["articles/"], options, |p| {
///     eprintln!("{}/{} files, {} bytes", p.files, p.total_files, p.bytes);
/// });
/// # Ok::<(), factions::Error>(())
/// ```
pub fn ingest_paths_with<P: AsRef<Path>>(
    graph: &mut KnowledgeGraph,
    lexicon: &Lexicon,
    paths: &[P],
    options: IngestOptions,
    progress: impl FnMut(&Progress) + Send,
) -> IngestReport {
    let (sources, failed) = source::collect(paths);
    let mut report = IngestReport {
        failed,
        ..IngestReport::default()
    };

    let threads = options.thread_count();
    let mut run = Run {
        graph,
        lexicon,
        limits: options.limits,
        max_document_bytes: options.max_document_bytes,
        report: &mut report,
        progress,
        at: Progress {
            total_files: sources.len(),
            ..Progress::default()
        },
    };
    // A pool of our own only when asked for a number of threads; it cannot be built when the
    // system refuses threads, and then the global pool serves.
    let pool = options
        .threads
        .and_then(|n| rayon::ThreadPoolBuilder::new().num_threads(n).build().ok());
    let batch = threads.max(1) * BATCH_PER_THREAD;
    match pool {
        Some(pool) => pool.install(|| run.all(&sources, batch)),
        None => run.all(&sources, batch),
    }
    report
}

/// One document read and extracted, or why it could not be read.
type Extracted = Result<(Document, Extraction), Error>;

struct Run<'a, F> {
    graph: &'a mut KnowledgeGraph,
    lexicon: &'a Lexicon,
    limits: Limits,
    max_document_bytes: Option<u64>,
    report: &'a mut IngestReport,
    progress: F,
    at: Progress,
}

impl<F: FnMut(&Progress) + Send> Run<'_, F> {
    fn all(&mut self, sources: &[Source], batch: usize) {
        let (lexicon, limits, max_bytes) = (self.lexicon, self.limits, self.max_document_bytes);
        let extract_batch = |batch: &[Source]| -> Vec<Extracted> {
            batch
                .par_iter()
                .map(|s| {
                    let doc = source::read_within(s, lexicon, max_bytes)?;
                    let found = extract_with(&doc, lexicon, limits);
                    Ok((doc, found))
                })
                .collect()
        };
        let mut batches = sources.chunks(batch.max(1));
        let Some(first) = batches.next() else { return };
        let mut done = (first, extract_batch(first));
        for next in batches {
            let (ready, results) = done;
            let ((), extracted) =
                rayon::join(|| self.merge(ready, results), || extract_batch(next));
            done = (next, extracted);
        }
        let (ready, results) = done;
        self.merge(ready, results);
    }

    /// Merges a batch's results in file order.
    fn merge(&mut self, sources: &[Source], results: Vec<Extracted>) {
        for (s, result) in sources.iter().zip(results) {
            match result {
                Ok((doc, found)) => {
                    self.report
                        .skipped
                        .extend(found.skipped.iter().map(|span| (doc.id.clone(), *span)));
                    // The evidence is kept as offsets into the file, read back for exports.
                    match self.graph.merge_file(&found, &doc, &s.path, self.lexicon) {
                        Change::Unchanged => self.report.unchanged.push(s.id.clone()),
                        Change::Replaced => self.report.replaced.push(s.id.clone()),
                        Change::Added => {}
                    }
                    self.report.ingested.push(s.id.clone());
                    self.at.bytes += doc.text.len() as u64;
                }
                Err(e) => self.report.failed.push(e),
            }
            self.at.files += 1;
            (self.progress)(&self.at);
        }
    }
}

/// Ingests text held in memory, under the document id `id`, within the default
/// [`IngestOptions`]. The report says whether the document was added, replaced or found
/// unchanged, and which sentences were too long to be read for relations.
///
/// # Errors
/// As [`ingest_text_with`].
pub fn ingest_text(
    graph: &mut KnowledgeGraph,
    lexicon: &Lexicon,
    id: &str,
    text: &str,
) -> Result<IngestReport, Error> {
    ingest_text_with(graph, lexicon, id, text, IngestOptions::default())
}

/// [`ingest_text`] within `options`' limits (its thread count does not matter here).
///
/// ```
/// use factions::{IngestOptions, KnowledgeGraph, Lexicon, ingest_text_with};
/// let lexicon = Lexicon::built_in()?;
/// let mut graph = KnowledgeGraph::new();
/// let run_on = "Iran backs the Houthis and ".repeat(100);
/// let options = IngestOptions::default().max_sentence_bytes(1_000);
/// let report = ingest_text_with(&mut graph, &lexicon, "run-on.txt", &run_on, options)?;
/// assert_eq!(report.skipped.len(), 1);
/// assert_eq!(graph.relation_count(), 0);
/// let err = ingest_text_with(&mut graph, &lexicon, "big.txt", &run_on, options.max_document_bytes(100));
/// assert!(matches!(err, Err(factions::Error::DocumentTooLarge { .. })));
/// # Ok::<(), factions::Error>(())
/// ```
///
/// # Errors
/// [`Error::EmptyDocument`] when the text is empty, [`Error::DocumentTooLarge`] when it is over
/// the options' document limit.
pub fn ingest_text_with(
    graph: &mut KnowledgeGraph,
    lexicon: &Lexicon,
    id: &str,
    text: &str,
    options: IngestOptions,
) -> Result<IngestReport, Error> {
    let bytes = text.len() as u64;
    if let Some(limit) = options.max_document_bytes.filter(|limit| bytes > *limit) {
        return Err(Error::DocumentTooLarge {
            path: id.into(),
            bytes,
            limit,
        });
    }
    let mut report = IngestReport::default();
    let doc = source::document(id, text.to_owned(), Path::new(id), lexicon)?;
    let change = if graph.has_document(&doc.id, &crate::graph::content_hash(&doc.text)) {
        Change::Unchanged
    } else {
        let found = extract_with(&doc, lexicon, options.limits);
        report
            .skipped
            .extend(found.skipped.iter().map(|span| (doc.id.clone(), *span)));
        graph.merge(&found, Some(&doc), lexicon)
    };
    match change {
        Change::Unchanged => report.unchanged.push(doc.id.clone()),
        Change::Replaced => report.replaced.push(doc.id.clone()),
        Change::Added => {}
    }
    report.ingested.push(doc.id);
    Ok(report)
}
