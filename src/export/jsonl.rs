//! JSON Lines: one edge per line, each self-contained (both ends by id, name and kind), for
//! `jq`, Spark, pandas or a log pipeline — anything that reads a record at a time.
//!
//! ```json
//! {"source":"iran","source_name":"Iran","source_kind":"state","kind":"backs","target":"houthis",
//!  "target_name":"Houthis","target_kind":"force","polarity":"asserted","confidence":0.9,
//!  "evidence_count":1,"first_date":null,"last_date":null,
//!  "evidence":[{"document":"a.txt","sentence":0,"start":0,"end":23,"text":"Iran backs the Houthis.","confidence":0.9}]}
//! ```
//!
//! Ids are folded names, as in the other exports; lines come in the stable edge order.

use super::{ExportReport, ordered, rounded};
use crate::graph::{EvidenceTexts, KnowledgeGraph};
use crate::model::{Claim, Date, EntityKind, Polarity, RelationKind};
use serde::Serialize;
use std::borrow::Cow;
use std::io::{self, BufWriter, Write};

/// One line.
#[derive(Serialize)]
struct Line<'a> {
    source: &'a str,
    source_name: &'a str,
    source_kind: EntityKind,
    kind: RelationKind,
    target: &'a str,
    target_name: &'a str,
    target_kind: EntityKind,
    polarity: Polarity,
    confidence: f64,
    evidence_count: usize,
    first_date: Option<Date>,
    last_date: Option<Date>,
    evidence: Vec<EvidenceLine<'a>>,
}

#[derive(Serialize)]
struct EvidenceLine<'a> {
    document: &'a str,
    sentence: u32,
    start: usize,
    end: usize,
    text: Cow<'a, str>,
    confidence: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    claim: Option<&'a Claim>,
    #[serde(skip_serializing_if = "Option::is_none")]
    attributed_to: Option<&'a str>,
}

/// Writes one JSON object per edge of `graph` to `out`, with the text of each piece of evidence
/// (see [`ExportReport`] for evidence whose file is gone or changed).
///
/// # Errors
/// The writer's error.
pub fn write(graph: &KnowledgeGraph, out: impl Write) -> io::Result<ExportReport> {
    let texts = EvidenceTexts::all(graph)?;
    write_with(graph, &texts, out)?;
    Ok(ExportReport::of(texts.finish()?))
}

fn write_with(
    graph: &KnowledgeGraph,
    texts: &EvidenceTexts<'_>,
    out: impl Write,
) -> io::Result<()> {
    let mut out = BufWriter::new(out);
    let ordered = ordered(graph);
    for edge in &ordered.edges {
        let (Some(source), Some(target)) =
            (ordered.node(edge.source()), ordered.node(edge.target()))
        else {
            continue;
        };
        let rel = edge.relation;
        let dates = rel.dates();
        let line = Line {
            source: &source.key,
            source_name: &source.entity.name,
            source_kind: source.entity.kind,
            kind: rel.kind,
            target: &target.key,
            target_name: &target.entity.name,
            target_kind: target.entity.kind,
            polarity: rel.polarity,
            confidence: rounded(rel.confidence()),
            evidence_count: rel.evidence.len(),
            first_date: dates.map(|d| d.0),
            last_date: dates.map(|d| d.1),
            evidence: edge
                .evidence()
                .into_iter()
                .map(|e| EvidenceLine {
                    document: &e.document,
                    sentence: e.sentence,
                    start: e.span.start,
                    end: e.span.end,
                    text: texts.get(e).unwrap_or_default(),
                    confidence: rounded(e.confidence),
                    date: e.date,
                    claim: e.claim.as_deref(),
                    attributed_to: e.attributed_to.as_deref(),
                })
                .collect(),
        };
        serde_json::to_writer(&mut out, &line)?;
        out.write_all(b"\n")?;
    }
    out.flush()
}
