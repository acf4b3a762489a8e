//! The text behind the evidence: where the sentence of each piece of evidence is found.
//!
//! A document given as text (`ingest_text`, [`KnowledgeGraph::merge`]), merged from a parts
//! file or loaded from a snapshot keeps the text of its evidence sentences in memory, in one
//! string per document ([`Sentences`]). A document ingested from a file keeps none: its
//! evidence is offsets into the file, and the text is read back from the file when it is needed
//! — by an export, which reads each file once ([`EvidenceTexts`]), or by one quote
//! ([`KnowledgeGraph::read_evidence_text`]). What is read back is checked against the document's
//! length and content hash first, so a file that changed since it was ingested never lends its
//! new text to the old offsets: its evidence is written without text and the export reports it
//! ([`Error::SourceChanged`], [`Error::SourceUnreadable`]).

use super::{Evidence, KnowledgeGraph, content_hash};
use crate::error::{Error, Result};
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{self, Read, Write};
use std::path::Path;

/// Where the evidence sentences of one document come from (24 bytes: one per document).
#[derive(Debug, Clone)]
pub(crate) enum DocumentText {
    /// Kept in memory.
    Stored(Box<Sentences>),
    /// Read back from the file the document was ingested from.
    File(SourceFile),
}

/// The file a document was ingested from, as the graph finds it again: its absolute path (the
/// working directory may change between ingest and export) and its length in bytes.
#[derive(Debug, Clone)]
pub(crate) struct SourceFile {
    path: Box<Path>,
    len: u64,
}

impl SourceFile {
    /// The file at `path`, whose text is `len` bytes long.
    pub(crate) fn new(path: &Path, len: usize) -> Self {
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        SourceFile {
            path: path.into_boxed_path(),
            len: len as u64,
        }
    }

    /// The text of the file, when it is still the text that was ingested: `len` bytes with the
    /// content hash `hash`.
    ///
    /// # Errors
    /// [`Error::SourceUnreadable`] when the file cannot be opened or read,
    /// [`Error::SourceChanged`] when it is not the same text any more (another length, another
    /// hash, or no hash to check it against).
    pub(crate) fn read(&self, document: &str, hash: Option<&str>) -> Result<String> {
        let unreadable = |source| Error::SourceUnreadable {
            document: document.to_owned(),
            path: self.path.to_path_buf(),
            source,
        };
        let changed = || Error::SourceChanged {
            document: document.to_owned(),
            path: self.path.to_path_buf(),
        };
        let file = File::open(&self.path).map_err(unreadable)?;
        if file.metadata().map_err(unreadable)?.len() != self.len {
            return Err(changed());
        }
        // One byte more than expected tells a file that grew since its size was read.
        let mut bytes = Vec::with_capacity(usize::try_from(self.len).unwrap_or(0));
        file.take(self.len.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(unreadable)?;
        if bytes.len() as u64 != self.len {
            return Err(changed());
        }
        // The hash was taken of the text as ingested, which was the file's bytes as they were.
        let text = String::from_utf8(bytes).map_err(|_| changed())?;
        match hash {
            Some(hash) if content_hash(&text) == hash => Ok(text),
            _ => Err(changed()),
        }
    }
}

/// The evidence sentences of one document, in one string: no allocation and no map entry per
/// sentence.
#[derive(Debug, Default, Clone)]
pub(crate) struct Sentences {
    text: String,
    /// (sentence index, start, end in `text`), ordered by sentence index.
    index: Vec<(usize, usize, usize)>,
}

impl Sentences {
    pub(crate) fn get(&self, sentence: usize) -> Option<&str> {
        let i = self
            .index
            .binary_search_by_key(&sentence, |&(s, _, _)| s)
            .ok()?;
        let &(_, start, end) = self.index.get(i)?;
        self.text.get(start..end)
    }

    /// Records the text of `sentence`; one already recorded is kept unless `replace`.
    pub(crate) fn insert(&mut self, sentence: usize, text: &str, replace: bool) {
        let at = self.index.binary_search_by_key(&sentence, |&(s, _, _)| s);
        if at.is_ok() && !replace {
            return;
        }
        let range = (sentence, self.text.len(), self.text.len() + text.len());
        self.text.push_str(text);
        match at {
            Ok(i) => {
                if let Some(slot) = self.index.get_mut(i) {
                    *slot = range;
                }
            }
            Err(i) => self.index.insert(i, range),
        }
    }

    /// Drops the room the string and the index grew beyond what they hold.
    pub(crate) fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.index.shrink_to_fit();
    }
}

impl KnowledgeGraph {
    /// The text of the sentence behind a piece of evidence, wherever the graph keeps it, or why
    /// it cannot be had.
    ///
    /// Documents given as text, merged from parts or loaded from a snapshot keep their evidence
    /// text in memory. A document ingested from a file keeps only offsets: its file is read
    /// again (whole: this is for a quote or two; exports read each file once) and checked
    /// against the document's length and content hash before the sentence is cut out of it.
    ///
    /// `Ok(None)` when the graph never had the text (a snapshot written without it, a
    /// generated graph).
    ///
    /// ```
    /// use factions::{KnowledgeGraph, Lexicon, ingest_paths};
    /// let dir = tempfile::tempdir().map_err(|e| factions::Error::Io { path: "tmp".into(), source: e })?;
    /// let file = dir.path().join("a.txt");
    /// std::fs::write(&file, "Iran backs the Houthis.").map_err(|e| factions::Error::Io { path: file.clone(), source: e })?;
    /// let lexicon = Lexicon::built_in()?;
    /// let mut graph = KnowledgeGraph::new();
    /// ingest_paths(&mut graph, &lexicon, &[&file]);
    /// let evidence = &graph.relations().next().expect("one relation").relation.evidence[0];
    /// assert_eq!(graph.read_evidence_text(evidence)?.as_deref(), Some("Iran backs the Houthis."));
    ///
    /// std::fs::write(&file, "Iran backs nobody at all.").map_err(|e| factions::Error::Io { path: file.clone(), source: e })?;
    /// assert!(matches!(graph.read_evidence_text(evidence), Err(factions::Error::SourceChanged { .. })));
    /// assert_eq!(graph.evidence_text(evidence), None);
    /// # Ok::<(), factions::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::SourceUnreadable`] when the document's file cannot be read any more,
    /// [`Error::SourceChanged`] when it no longer holds the text that was ingested.
    pub fn read_evidence_text(&self, evidence: &Evidence) -> Result<Option<Cow<'_, str>>> {
        match self.texts.get(evidence.document.as_str()) {
            None => Ok(None),
            Some(DocumentText::Stored(sentences)) => {
                Ok(sentences.get(evidence.sentence as usize).map(Cow::Borrowed))
            }
            Some(DocumentText::File(file)) => {
                let hash = self
                    .document(&evidence.document)
                    .and_then(|d| d.hash.as_deref());
                let text = file.read(&evidence.document, hash)?;
                let sentence = evidence.span.text(&text);
                // As when the text is kept: an empty sentence is no text.
                Ok((!sentence.is_empty()).then(|| Cow::Owned(sentence.to_owned())))
            }
        }
    }

    /// The text of the sentence behind a piece of evidence, when the graph has it or can read
    /// it back from the document's file ([`read_evidence_text`](Self::read_evidence_text), which
    /// says why not).
    pub fn evidence_text(&self, evidence: &Evidence) -> Option<Cow<'_, str>> {
        self.read_evidence_text(evidence).ok().flatten()
    }
}

/// Up to this many bytes of evidence text an export holds in memory; beyond, it spools them to
/// a temporary file.
const SPOOL_MEMORY: usize = 8 << 20;

/// One evidence sentence of a file-backed document an export needs: the document's number, the
/// sentence's index and its span; once read, `start` is its offset in the spool from the
/// document's base. 16 bytes, for the millions of them a large graph has.
#[derive(Debug, Clone, Copy)]
struct Want {
    document: u32,
    sentence: u32,
    start: u32,
    len: u32,
}

/// The text of the evidence an export writes, gathered before writing: each file-backed
/// document's file read once, in id order, checked, and the sentences it is evidence for cut
/// out of it into a spool (memory up to [`SPOOL_MEMORY`], a temporary file beyond). Evidence
/// whose text the graph keeps is answered from the graph.
pub(crate) struct EvidenceTexts<'g> {
    graph: &'g KnowledgeGraph,
    /// File-backed documents, numbered in id order.
    numbers: HashMap<&'g str, u32>,
    /// By number: where each document's sentences start in the spool, or `None` when its file
    /// could not be read back.
    bases: Vec<Option<u64>>,
    /// Ordered by (document, sentence).
    wants: Vec<Want>,
    spool: Spool,
    /// Documents whose text could not be read back, each once.
    problems: RefCell<Vec<Error>>,
    reported: RefCell<HashSet<String>>,
    /// The first failure to read the spool back.
    failure: RefCell<Option<io::Error>>,
}

impl<'g> EvidenceTexts<'g> {
    /// Gathers the text of the evidence `wanted` lists (each time it is called, the same).
    ///
    /// # Errors
    /// When the spool cannot be written (the message names the temporary folder).
    pub(crate) fn gather<I>(graph: &'g KnowledgeGraph, wanted: impl Fn() -> I) -> io::Result<Self>
    where
        I: Iterator<Item = &'g Evidence>,
    {
        Self::gather_with(graph, wanted, SPOOL_MEMORY)
    }

    /// Every piece of evidence of `graph`.
    pub(crate) fn all(graph: &'g KnowledgeGraph) -> io::Result<Self> {
        Self::gather(graph, || {
            graph.relations().flat_map(|r| r.relation.evidence.iter())
        })
    }

    fn gather_with<I>(
        graph: &'g KnowledgeGraph,
        wanted: impl Fn() -> I,
        memory: usize,
    ) -> io::Result<Self>
    where
        I: Iterator<Item = &'g Evidence>,
    {
        let mut numbers = HashMap::new();
        for d in graph.documents() {
            if let Some(DocumentText::File(_)) = graph.texts.get(d.id.as_str()) {
                let next = u32::try_from(numbers.len()).unwrap_or(u32::MAX);
                numbers.insert(d.id.as_str(), next);
            }
        }
        // Counted first, so that the list is allocated once at its size.
        let want = |e: &Evidence| -> Option<Want> {
            Some(Want {
                document: *numbers.get(e.document.as_str())?,
                sentence: e.sentence,
                start: u32::try_from(e.span.start).ok()?,
                len: u32::try_from(e.span.len()).ok()?,
            })
        };
        let count = wanted().filter(|e| want(e).is_some()).count();
        let mut wants = Vec::with_capacity(count);
        wants.extend(wanted().filter_map(want));
        wants.sort_unstable_by_key(|w| (w.document, w.sentence));
        wants.dedup_by_key(|w| (w.document, w.sentence));
        // A sentence is evidence for several relations (a fifth of them at gen 1 GB).
        wants.shrink_to_fit();

        let mut texts = EvidenceTexts {
            graph,
            bases: vec![None; numbers.len()],
            numbers,
            wants,
            spool: Spool::new(memory),
            problems: RefCell::new(Vec::new()),
            reported: RefCell::new(HashSet::new()),
            failure: RefCell::new(None),
        };
        texts.read_files()?;
        Ok(texts)
    }

    /// Reads each document's file once and spools the sentences wanted of it.
    fn read_files(&mut self) -> io::Result<()> {
        let mut by_number: Vec<&'g str> = vec![""; self.numbers.len()];
        for (&id, &n) in &self.numbers {
            if let Some(slot) = by_number.get_mut(n as usize) {
                *slot = id;
            }
        }
        let mut at = 0;
        while let Some(first) = self.wants.get(at).copied() {
            let end = at
                + self
                    .wants
                    .get(at..)
                    .unwrap_or(&[])
                    .iter()
                    .take_while(|w| w.document == first.document)
                    .count();
            let id = by_number
                .get(first.document as usize)
                .copied()
                .unwrap_or("");
            match self.read_document(id) {
                Ok(text) => {
                    let base = self.spool.len();
                    for w in self.wants.get_mut(at..end).unwrap_or(&mut []) {
                        let start = w.start as usize;
                        let sentence = text.get(start..start + w.len as usize);
                        let offset = u32::try_from(self.spool.len() - base).ok();
                        match (sentence, offset) {
                            (Some(s), Some(offset)) => {
                                self.spool.push(s.as_bytes())?;
                                w.start = offset;
                            }
                            // Not a sentence of this text (or beyond 4 GiB of it): such a
                            // piece of evidence is answered one at a time, from the graph.
                            _ => w.len = u32::MAX,
                        }
                    }
                    if let Some(slot) = self.bases.get_mut(first.document as usize) {
                        *slot = Some(base);
                    }
                }
                Err(e) => self.report(id, e),
            }
            at = end;
        }
        self.spool.finish()
    }

    fn read_document(&self, id: &str) -> Result<String> {
        match self.graph.texts.get(id) {
            Some(DocumentText::File(file)) => {
                file.read(id, self.graph.document(id).and_then(|d| d.hash.as_deref()))
            }
            _ => Ok(String::new()),
        }
    }

    fn report(&self, document: &str, problem: Error) {
        if self.reported.borrow_mut().insert(document.to_owned()) {
            self.problems.borrow_mut().push(problem);
        }
    }

    /// The text of the sentence behind `evidence`, as [`KnowledgeGraph::evidence_text`] gives
    /// it.
    pub(crate) fn get(&self, evidence: &Evidence) -> Option<Cow<'_, str>> {
        let id = evidence.document.as_str();
        match self.graph.texts.get(id)? {
            DocumentText::Stored(sentences) => {
                sentences.get(evidence.sentence as usize).map(Cow::Borrowed)
            }
            DocumentText::File(_) => {
                let document = *self.numbers.get(id)?;
                let Some(base) = self.bases.get(document as usize).copied()? else {
                    return None; // its file could not be read back: reported
                };
                let found = self
                    .wants
                    .binary_search_by_key(&(document, evidence.sentence), |w| {
                        (w.document, w.sentence)
                    })
                    .ok()
                    .and_then(|i| self.wants.get(i));
                match found {
                    Some(w) if w.len as usize == evidence.span.len() && w.len != u32::MAX => {
                        let text = self.spool.read(base + u64::from(w.start), w.len as usize);
                        match text {
                            Ok(text) => (!text.is_empty()).then_some(text),
                            Err(e) => {
                                self.failure.borrow_mut().get_or_insert(e);
                                None
                            }
                        }
                    }
                    // Not gathered: one at a time.
                    _ => match self.graph.read_evidence_text(evidence) {
                        Ok(text) => text,
                        Err(e) => {
                            self.report(id, e);
                            None
                        }
                    },
                }
            }
        }
    }

    /// The documents whose evidence text could not be read back, each once.
    ///
    /// # Errors
    /// When the spool could not be read back.
    pub(crate) fn finish(self) -> io::Result<Vec<Error>> {
        match self.failure.into_inner() {
            Some(e) => Err(e),
            None => Ok(self.problems.into_inner()),
        }
    }
}

/// Text written once and read back by offset: in memory up to a limit, then in an anonymous
/// temporary file (removed when dropped).
struct Spool {
    memory: Vec<u8>,
    limit: usize,
    file: Option<io::BufWriter<File>>,
    written: Option<File>,
    len: u64,
}

/// An error of the spool, naming where it is.
fn spool_error(e: io::Error) -> io::Error {
    io::Error::new(
        e.kind(),
        format!(
            "evidence text spooled in {}: {e}",
            std::env::temp_dir().display()
        ),
    )
}

impl Spool {
    fn new(limit: usize) -> Self {
        Spool {
            memory: Vec::new(),
            limit,
            file: None,
            written: None,
            len: 0,
        }
    }

    fn len(&self) -> u64 {
        self.len
    }

    fn push(&mut self, bytes: &[u8]) -> io::Result<()> {
        if self.file.is_none() && self.memory.len() + bytes.len() > self.limit {
            // A temporary file that cannot be made leaves the text in memory.
            if let Ok(file) = tempfile::tempfile() {
                let mut out = io::BufWriter::with_capacity(1 << 20, file);
                out.write_all(&self.memory).map_err(spool_error)?;
                self.memory = Vec::new();
                self.file = Some(out);
            }
        }
        match &mut self.file {
            Some(out) => out.write_all(bytes).map_err(spool_error)?,
            None => self.memory.extend_from_slice(bytes),
        }
        self.len += bytes.len() as u64;
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        if let Some(out) = self.file.take() {
            let file = out.into_inner().map_err(|e| spool_error(e.into_error()))?;
            self.written = Some(file);
        }
        Ok(())
    }

    fn read(&self, offset: u64, len: usize) -> io::Result<Cow<'_, str>> {
        let bad = || {
            spool_error(io::Error::new(
                io::ErrorKind::InvalidData,
                "not what was written",
            ))
        };
        match &self.written {
            None => {
                let start = usize::try_from(offset).map_err(|_| bad())?;
                let bytes = self.memory.get(start..start + len).ok_or_else(bad)?;
                std::str::from_utf8(bytes)
                    .map(Cow::Borrowed)
                    .map_err(|_| bad())
            }
            Some(file) => {
                let mut bytes = vec![0; len];
                read_at(file, &mut bytes, offset).map_err(spool_error)?;
                String::from_utf8(bytes).map(Cow::Owned).map_err(|_| bad())
            }
        }
    }
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    use std::os::unix::fs::FileExt;
    file.read_exact_at(buf, offset)
}

#[cfg(not(unix))]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    use std::io::{Seek, SeekFrom};
    let mut file = file;
    file.seek(SeekFrom::Start(offset))?;
    file.read_exact(buf)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;
    use crate::pipeline::{IngestOptions, ingest_paths_with};

    #[test]
    fn spooled_to_a_file_or_kept_in_memory_the_texts_are_the_graphs() {
        let lexicon = Lexicon::built_in().unwrap_or_else(|e| unreachable!("{e}"));
        let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/corpus");
        let mut graph = KnowledgeGraph::new();
        let options = IngestOptions::default().threads(1);
        let report = ingest_paths_with(&mut graph, &lexicon, &[corpus], options, |_| {});
        assert!(report.failed.is_empty());
        let all = || graph.relations().flat_map(|r| r.relation.evidence.iter());
        let in_memory = EvidenceTexts::gather_with(&graph, all, usize::MAX);
        let in_file = EvidenceTexts::gather_with(&graph, all, 0);
        let (Ok(in_memory), Ok(in_file)) = (in_memory, in_file) else {
            unreachable!("spools")
        };
        assert!(in_memory.spool.written.is_none());
        assert!(in_file.spool.written.is_some());
        let mut compared = 0;
        for e in all() {
            let expected = graph.read_evidence_text(e).ok().flatten();
            assert!(expected.is_some());
            assert_eq!(in_memory.get(e), expected);
            assert_eq!(in_file.get(e), expected);
            compared += 1;
        }
        assert!(compared > 50);
        assert!(matches!(in_memory.finish().as_deref(), Ok([])));
        assert!(matches!(in_file.finish().as_deref(), Ok([])));
    }

    #[test]
    fn a_document_text_record_stays_small() {
        // One per document: some 300,000 at gen 1 GB.
        assert!(std::mem::size_of::<DocumentText>() <= 24);
    }

    #[test]
    fn a_relative_path_is_kept_absolute() {
        let file = SourceFile::new(Path::new("examples/corpus/x.txt"), 3);
        assert!(file.path.is_absolute());
        assert!(file.path.ends_with("examples/corpus/x.txt"));
    }
}
