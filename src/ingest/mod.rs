//! The ingestion pipeline, one stage per module, flowing one way:
//!
//! ```text
//! text ─► document ─► sentence ─► mention ─► resolve ─► relation ─► Extraction
//!        (cleaning,   (UAX #29 +   (lexicon    (capitals,   (cues, groups,
//!         title,       abbrevs)     automaton   surnames,    negation,
//!         date)                     + cues)     acronyms)    denial frames)
//! ```
//!
//! [`extract`] is a pure function of the document and the lexicon: documents are independent,
//! so they can be extracted in any order, in parallel, or on other machines, and merged after.

pub mod document;
mod mention;
pub mod relation;
pub mod resolve;
mod scan;
pub mod sentence;

pub use document::Document;
pub use relation::DocRelation;
pub use resolve::{DocEntity, Mention};

use crate::lexicon::Lexicon;
use crate::model::{Date, Span};
use serde::{Deserialize, Serialize};

/// The text after the possessive "'s" (either apostrophe) that `text` starts with.
pub(crate) fn after_possessive(text: &str) -> Option<&str> {
    text.strip_prefix("'s").or_else(|| text.strip_prefix("’s"))
}

/// Whether `word` ends in a possessive "'s" (either apostrophe).
pub(crate) fn is_possessive(word: &str) -> bool {
    word.ends_with("'s") || word.ends_with("’s")
}

/// Everything one document yields: its entities, their mentions and the relations between them.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Extraction {
    /// The document's id.
    pub document: String,
    /// Its headline.
    pub title: Option<String>,
    /// Its date.
    pub date: Option<Date>,
    /// Its sentences, as spans of its text.
    pub sentences: Vec<Span>,
    /// The entities it mentions.
    pub entities: Vec<DocEntity>,
    /// Every mention, in text order.
    pub mentions: Vec<Mention>,
    /// The relations it states.
    pub relations: Vec<DocRelation>,
    /// Sentences too long to be read for relations (see [`Limits`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<Span>,
}

/// Runs the pipeline on one document.
///
/// ```
/// use factions::{Document, Lexicon, RelationKind, ingest::extract};
/// let lexicon = Lexicon::built_in()?;
/// let doc = Document::new("a.txt", "Iraq is coordinating with Iran against the Islamic State.", &lexicon);
/// let found = extract(&doc, &lexicon);
/// let kinds: Vec<RelationKind> = found.relations.iter().map(|r| r.kind).collect();
/// assert!(kinds.contains(&RelationKind::CoordinatesWith));
/// assert!(kinds.contains(&RelationKind::Opposes));
/// # Ok::<(), factions::Error>(())
/// ```
pub fn extract(doc: &Document, lexicon: &Lexicon) -> Extraction {
    extract_with(doc, lexicon, Limits::default())
}

/// Runs the pipeline on one document within `limits`.
///
/// ```
/// use factions::{Document, Lexicon, ingest::{Limits, extract_with}};
/// let lexicon = Lexicon::built_in()?;
/// let run_on = "Iraq fought IS and ".repeat(500);
/// let doc = Document::new("a.txt", &run_on, &lexicon);
/// let found = extract_with(&doc, &lexicon, Limits { max_sentence_bytes: 1_000 });
/// assert!(found.relations.is_empty());
/// assert_eq!(found.skipped.len(), 1);
/// # Ok::<(), factions::Error>(())
/// ```
pub fn extract_with(doc: &Document, lexicon: &Lexicon, limits: Limits) -> Extraction {
    let sentences = stages::sentences(doc, lexicon);
    let finds = stages::mentions_within(doc, lexicon, &sentences, limits);
    let (entities, mentions) = stages::resolve(doc, lexicon, &finds);
    let relations = stages::relations(doc, lexicon, &finds, &entities, &mentions, limits);
    let skipped = sentences
        .iter()
        .copied()
        .filter(|s| !limits.admits(*s))
        .collect();
    Extraction {
        document: doc.id.clone(),
        title: doc.title.clone(),
        date: doc.date,
        sentences,
        entities,
        mentions,
        relations,
        skipped,
    }
}

/// How much text the relation stage reads. A "sentence" longer than `max_sentence_bytes` (a
/// table, a transcript without full stops, hostile input) keeps its mentions but is not read
/// for relations, whose cost grows with the square of its length; [`Extraction::skipped`] says
/// which were left, so that callers warn rather than drop them silently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    /// The longest sentence read for relations, in bytes.
    pub max_sentence_bytes: usize,
}

impl Default for Limits {
    /// 5,000 bytes: ten times a long news sentence.
    fn default() -> Self {
        Limits {
            max_sentence_bytes: 5_000,
        }
    }
}

impl Limits {
    /// Whether the relation stage reads `sentence`.
    pub fn admits(&self, sentence: Span) -> bool {
        sentence.end.saturating_sub(sentence.start) <= self.max_sentence_bytes
    }
}

/// The stages of [`extract`] one at a time, each taking what the ones before gave — for
/// measuring each stage on its own (`benches/ingest.rs`). Cleaning is [`Document::new`].
///
/// ```
/// use factions::{Document, Lexicon, ingest::stages};
/// let lexicon = Lexicon::built_in()?;
/// let doc = Document::new("a.txt", "Iraq is coordinating with Iran. Both oppose IS.", &lexicon);
/// let sentences = stages::sentences(&doc, &lexicon);
/// let finds = stages::mentions(&doc, &lexicon, &sentences);
/// let (entities, mentions) = stages::resolve(&doc, &lexicon, &finds);
/// let relations =
///     stages::relations(&doc, &lexicon, &finds, &entities, &mentions, Default::default());
/// assert_eq!(sentences.len(), 2);
/// assert!(!relations.is_empty());
/// # Ok::<(), factions::Error>(())
/// ```
pub mod stages {
    use super::{
        DocEntity, DocRelation, Document, Limits, Mention, mention, relation, resolve as res,
    };
    use crate::lexicon::Lexicon;
    use crate::model::Span;

    /// What stage 3 found in each sentence: names, cue words, acronyms. Opaque: it is the
    /// input of [`resolve`] and [`relations`].
    #[derive(Debug)]
    pub struct Finds {
        /// In text order; a sentence over the limit is found window by window, so several
        /// may belong to one sentence.
        finds: Vec<mention::SentenceFinds>,
        /// The sentences, by index: whether one is read for relations depends on its whole
        /// length, not on a window's.
        sentences: Vec<Span>,
    }

    /// Stage 2: the sentences of the document's body.
    pub fn sentences(doc: &Document, lexicon: &Lexicon) -> Vec<Span> {
        super::sentence::split(&doc.text, &doc.body, &lexicon.abbreviations)
    }

    /// Stage 3: the names and cues of each sentence, within the default [`Limits`].
    pub fn mentions(doc: &Document, lexicon: &Lexicon, sentences: &[Span]) -> Finds {
        mentions_within(doc, lexicon, sentences, Limits::default())
    }

    /// Stage 3 within `limits`: a sentence over the limit is searched for names in windows of
    /// about the limit's length, cut between words. Finding names in one sentence costs more
    /// than its length (each find is checked against the others), so a 100 MB "sentence"
    /// searched whole would never finish; window by window its cost is linear. A name that
    /// straddles a cut may be missed, in a sentence that was not going to be read for
    /// relations anyway.
    pub fn mentions_within(
        doc: &Document,
        lexicon: &Lexicon,
        sentences: &[Span],
        limits: Limits,
    ) -> Finds {
        let window = limits.max_sentence_bytes.max(MIN_WINDOW);
        let finds = sentences
            .iter()
            .enumerate()
            .flat_map(|(i, s)| {
                let pieces = if limits.admits(*s) {
                    vec![*s]
                } else {
                    windows(&doc.text, *s, window)
                };
                pieces
                    .into_iter()
                    .map(move |piece| mention::find(&doc.text, piece, i, lexicon))
            })
            .collect();
        Finds {
            finds,
            sentences: sentences.to_vec(),
        }
    }

    /// The smallest window an over-long sentence is searched in, whatever the limit.
    const MIN_WINDOW: usize = 1_000;

    /// `span` of `text` cut into consecutive pieces of at most `max` bytes, each ending after
    /// a whitespace character when there is one in its second half (so that words stay
    /// whole), and always at a character boundary.
    fn windows(text: &str, span: Span, max: usize) -> Vec<Span> {
        let floor = |mut i: usize| {
            while i > 0 && !text.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let mut pieces = Vec::new();
        let mut start = span.start;
        while span.end.saturating_sub(start) > max {
            let end = floor(start + max);
            let mid = floor(start + max / 2).max(start);
            let after_space = text.get(mid..end).and_then(|half| {
                let (i, c) = half.char_indices().rev().find(|(_, c)| c.is_whitespace())?;
                Some(mid + i + c.len_utf8())
            });
            let end = after_space.unwrap_or(end);
            if end <= start {
                break;
            }
            pieces.push(Span::new(start, end));
            start = end;
        }
        pieces.push(Span::new(start, span.end));
        pieces
    }

    /// Stage 4: the document's entities, and every mention of them in text order.
    pub fn resolve(
        doc: &Document,
        lexicon: &Lexicon,
        finds: &Finds,
    ) -> (Vec<DocEntity>, Vec<Mention>) {
        res::resolve(&doc.text, &finds.finds, lexicon)
    }

    /// Stage 5: the relations each sentence within `limits` states.
    pub fn relations(
        doc: &Document,
        lexicon: &Lexicon,
        finds: &Finds,
        entities: &[DocEntity],
        mentions: &[Mention],
        limits: Limits,
    ) -> Vec<DocRelation> {
        let mut context = relation::Context::default();
        let known = relation::Known::new(entities, lexicon);
        let mut relations = Vec::new();
        let mut cursor = 0;
        for f in &finds.finds {
            let first = cursor;
            while mentions.get(cursor).is_some_and(|m| m.sentence == f.index) {
                cursor += 1;
            }
            let in_sentence = mentions.get(first..cursor).unwrap_or(&[]);
            let sentence = finds.sentences.get(f.index).copied().unwrap_or(f.span);
            if !limits.admits(sentence) {
                continue;
            }
            relations.extend(relation::extract(
                &doc.text,
                f,
                in_sentence,
                entities,
                &known,
                lexicon,
                &mut context,
            ));
        }
        relation::settle_denials(&mut relations);
        relations
    }
}
