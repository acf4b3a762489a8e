//! RDF: the graph as N-Triples or Turtle, for triplestores (Oxigraph, Jena, GraphDB) and rdflib.
//!
//! Provenance is kept by **reification**, not named graphs, so both N-Triples and Turtle carry
//! it and every triple lives in the default graph: an asserted relation is one plain triple
//! (`<a> fx:opposes <b>`), and every relation — asserted or negated — is also an
//! `rdf:Statement` that carries its polarity, confidence, dates and one `fx:Evidence` per
//! sentence. A negated relation ("X is not coordinating with Y") has only the statement, never
//! the plain triple, so a query over plain triples sees what the texts assert.
//!
//! ## The vocabulary
//!
//! `fx:` is `urn:factions:vocab:`. Entity IRIs are `urn:factions:entity:` + the folded name,
//! percent-encoded (`urn:factions:entity:islamic%20state`); documents `urn:factions:document:`
//! followed by the id; relation statements `urn:factions:relation:SOURCE:KIND:TARGET:POLARITY`;
//! evidence the statement's IRI followed by `:DOCUMENT:SENTENCE`. Ids are stable as the graph
//! grows.
//!
//! | term | kind | meaning |
//! |---|---|---|
//! | `fx:Entity` | class | every entity; also one of the classes below |
//! | `fx:State`, `fx:Force`, `fx:Official`, `fx:Person`, `fx:Location`, `fx:Organization` | class | its kind |
//! | `rdfs:label` | literal | an entity's canonical name; a document's headline |
//! | `fx:kind` | literal | the kind as the JSON contract names it (`force`) |
//! | `fx:alias` | literal | every other name, one triple each |
//! | `fx:mentions` | xsd:integer | mentions over all documents |
//! | `fx:coordinatesWith` | entity → entity | they work together (symmetric: stored once, the lower folded name first; query both ways) |
//! | `fx:opposes`, `fx:backs`, `fx:denies`, `fx:memberOf` | entity → entity | the relation kinds |
//! | `rdf:subject`, `rdf:predicate`, `rdf:object` | statement | the reified relation |
//! | `fx:polarity` | literal | `asserted` or `negated` |
//! | `fx:confidence` | xsd:decimal | combined confidence of a statement; confidence of one piece of evidence |
//! | `fx:evidenceCount` | xsd:integer | sentences behind a statement |
//! | `fx:firstDate`, `fx:lastDate` | xsd:date | earliest and latest dated evidence |
//! | `fx:evidence` | statement → `fx:Evidence` | one sentence that says it |
//! | `fx:document` | evidence → `fx:Document` | where |
//! | `fx:sentence`, `fx:start`, `fx:end` | xsd:integer | the sentence's index and byte offsets |
//! | `fx:text` | literal | the sentence |
//! | `fx:attributedTo` | literal | who the sentence quotes |
//! | `fx:claimSource`, `fx:claimRelation`, `fx:claimTarget` | literal, IRI, literal | for a denial, the claim denied |
//! | `fx:Document`, `fx:id`, `fx:date`, `fx:path` | class, literals | the documents |
//!
//! The allies of an actor, as [`Query::allies`](crate::Query::allies) reads them by default
//! (contested ties aside, which the library settles by weight):
//!
//! ```sparql
//! PREFIX fx: <urn:factions:vocab:>
//! SELECT DISTINCT ?ally WHERE {
//!   ?actor rdfs:label "Syrian Democratic Forces" .
//!   { ?actor fx:coordinatesWith|^fx:coordinatesWith|fx:backs|^fx:backs ?ally }
//!   FILTER NOT EXISTS { ?ally a fx:Location }
//!   FILTER (?ally != ?actor)
//! }
//! ```

use super::{Edge, ExportReport, Node, Ordered, ordered, rounded};
use crate::graph::{DocumentInfo, Evidence, EvidenceTexts, KnowledgeGraph};
use crate::model::{EntityKind, Polarity, RelationKind};
use std::io::{self, BufWriter, Write};

/// The vocabulary's namespace (prefix `fx:`).
pub const VOCAB: &str = "urn:factions:vocab:";
/// Where entity IRIs start.
pub const ENTITY: &str = "urn:factions:entity:";
/// Where document IRIs start.
pub const DOCUMENT: &str = "urn:factions:document:";
/// Where relation statement IRIs start.
pub const RELATION: &str = "urn:factions:relation:";

const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
const XSD: &str = "http://www.w3.org/2001/XMLSchema#";

/// The two RDF syntaxes written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// One triple per line, full IRIs.
    NTriples,
    /// Prefixed names, one block per subject.
    Turtle,
}

/// The vocabulary term of a relation kind.
pub fn predicate(kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::CoordinatesWith => "coordinatesWith",
        RelationKind::Opposes => "opposes",
        RelationKind::Denies => "denies",
        RelationKind::Backs => "backs",
        RelationKind::MemberOf => "memberOf",
    }
}

/// The vocabulary class of an entity kind.
pub fn class(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::State => "State",
        EntityKind::Force => "Force",
        EntityKind::Official => "Official",
        EntityKind::Person => "Person",
        EntityKind::Location => "Location",
        EntityKind::Organization => "Organization",
    }
}

/// The IRI of the entity whose folded name is `key`.
pub fn entity_iri(key: &str) -> String {
    format!("{ENTITY}{}", encode(key))
}

/// Writes `graph` as RDF in `syntax` to `out`, with the text of each piece of evidence (see
/// [`ExportReport`] for evidence whose file is gone or changed).
///
/// # Errors
/// The writer's error.
pub fn write(graph: &KnowledgeGraph, syntax: Syntax, out: impl Write) -> io::Result<ExportReport> {
    let mut w = Emitter {
        syntax,
        out: BufWriter::new(out),
        subject: None,
    };
    if syntax == Syntax::Turtle {
        writeln!(w.out, "@prefix fx: <{VOCAB}> .")?;
        writeln!(w.out, "@prefix rdf: <{RDF}> .")?;
        writeln!(w.out, "@prefix rdfs: <{RDFS}> .")?;
        writeln!(w.out, "@prefix xsd: <{XSD}> .")?;
    }
    for doc in graph.documents() {
        document(&mut w, doc)?;
    }
    let ordered = ordered(graph);
    for node in &ordered.nodes {
        entity(&mut w, node)?;
    }
    let texts = EvidenceTexts::all(graph)?;
    for edge in &ordered.edges {
        relation(&mut w, &texts, &ordered, edge)?;
    }
    w.finish()?;
    Ok(ExportReport::of(texts.finish()?))
}

fn document<W: Write>(w: &mut Emitter<W>, doc: &DocumentInfo) -> io::Result<()> {
    let s = Term::Iri(format!("{DOCUMENT}{}", encode(&doc.id)));
    w.triple(&s, &Term::Type, &Term::Vocab("Document"))?;
    w.triple(&s, &Term::Vocab("id"), &Term::Literal(&doc.id))?;
    if let Some(title) = &doc.title {
        w.triple(&s, &Term::Rdfs("label"), &Term::Literal(title))?;
    }
    if let Some(date) = doc.date {
        w.triple(&s, &Term::Vocab("date"), &Term::typed(date, "date"))?;
    }
    if let Some(path) = &doc.path {
        w.triple(&s, &Term::Vocab("path"), &Term::Literal(path))?;
    }
    Ok(())
}

fn entity<W: Write>(w: &mut Emitter<W>, node: &Node<'_>) -> io::Result<()> {
    let e = node.entity;
    let s = Term::Iri(entity_iri(&node.key));
    w.triple(&s, &Term::Type, &Term::Vocab("Entity"))?;
    w.triple(&s, &Term::Type, &Term::Vocab(class(e.kind)))?;
    w.triple(&s, &Term::Rdfs("label"), &Term::Literal(&e.name))?;
    w.triple(&s, &Term::Vocab("kind"), &Term::Literal(e.kind.as_str()))?;
    for alias in &e.aliases {
        w.triple(&s, &Term::Vocab("alias"), &Term::Literal(alias))?;
    }
    let mentions: usize = e.mentions.values().sum();
    w.triple(
        &s,
        &Term::Vocab("mentions"),
        &Term::typed(mentions, "integer"),
    )
}

fn relation<W: Write>(
    w: &mut Emitter<W>,
    texts: &EvidenceTexts<'_>,
    ordered: &Ordered<'_>,
    edge: &Edge<'_>,
) -> io::Result<()> {
    let (Some(source), Some(target)) = (ordered.node(edge.source()), ordered.node(edge.target()))
    else {
        return Ok(());
    };
    let rel = edge.relation;
    let (a, b) = (
        Term::Iri(entity_iri(&source.key)),
        Term::Iri(entity_iri(&target.key)),
    );
    let p = Term::Vocab(predicate(rel.kind));
    if rel.polarity == Polarity::Asserted {
        w.triple(&a, &p, &b)?;
    }
    let iri = format!(
        "{RELATION}{}:{}:{}:{}",
        encode(&source.key),
        rel.kind.as_str(),
        encode(&target.key),
        rel.polarity.as_str()
    );
    let s = Term::Iri(iri.clone());
    w.triple(&s, &Term::Type, &Term::Rdf("Statement"))?;
    w.triple(&s, &Term::Rdf("subject"), &a)?;
    w.triple(&s, &Term::Rdf("predicate"), &p)?;
    w.triple(&s, &Term::Rdf("object"), &b)?;
    w.triple(
        &s,
        &Term::Vocab("polarity"),
        &Term::Literal(rel.polarity.as_str()),
    )?;
    w.triple(
        &s,
        &Term::Vocab("confidence"),
        &Term::typed(rounded(rel.confidence()), "decimal"),
    )?;
    w.triple(
        &s,
        &Term::Vocab("evidenceCount"),
        &Term::typed(rel.evidence.len(), "integer"),
    )?;
    if let Some((first, last)) = rel.dates() {
        w.triple(&s, &Term::Vocab("firstDate"), &Term::typed(first, "date"))?;
        w.triple(&s, &Term::Vocab("lastDate"), &Term::typed(last, "date"))?;
    }
    let evidence = edge.evidence();
    let mut ids = Vec::with_capacity(evidence.len());
    for (i, e) in evidence.iter().enumerate() {
        // Two pieces of evidence in one sentence (another claim, another speaker) get a suffix.
        let before = evidence
            .iter()
            .take(i)
            .filter(|p| p.document == e.document && p.sentence == e.sentence)
            .count();
        let mut id = format!("{iri}:{}:{}", encode(&e.document), e.sentence);
        if before > 0 {
            id.push_str(&format!(":{before}"));
        }
        w.triple(&s, &Term::Vocab("evidence"), &Term::Iri(id.clone()))?;
        ids.push(id);
    }
    for (id, e) in ids.into_iter().zip(evidence) {
        self::evidence(w, texts, Term::Iri(id), e)?;
    }
    Ok(())
}

fn evidence<W: Write>(
    w: &mut Emitter<W>,
    texts: &EvidenceTexts<'_>,
    s: Term<'_>,
    e: &Evidence,
) -> io::Result<()> {
    w.triple(&s, &Term::Type, &Term::Vocab("Evidence"))?;
    w.triple(
        &s,
        &Term::Vocab("document"),
        &Term::Iri(format!("{DOCUMENT}{}", encode(&e.document))),
    )?;
    w.triple(
        &s,
        &Term::Vocab("sentence"),
        &Term::typed(e.sentence, "integer"),
    )?;
    w.triple(
        &s,
        &Term::Vocab("start"),
        &Term::typed(e.span.start, "integer"),
    )?;
    w.triple(&s, &Term::Vocab("end"), &Term::typed(e.span.end, "integer"))?;
    if let Some(text) = texts.get(e) {
        w.triple(&s, &Term::Vocab("text"), &Term::Literal(&text))?;
    }
    w.triple(
        &s,
        &Term::Vocab("confidence"),
        &Term::typed(rounded(e.confidence), "decimal"),
    )?;
    if let Some(date) = e.date {
        w.triple(&s, &Term::Vocab("date"), &Term::typed(date, "date"))?;
    }
    if let Some(who) = &e.attributed_to {
        w.triple(&s, &Term::Vocab("attributedTo"), &Term::Literal(who))?;
    }
    if let Some(claim) = &e.claim {
        w.triple(
            &s,
            &Term::Vocab("claimSource"),
            &Term::Literal(&claim.source),
        )?;
        w.triple(
            &s,
            &Term::Vocab("claimRelation"),
            &Term::Vocab(predicate(claim.kind)),
        )?;
        w.triple(
            &s,
            &Term::Vocab("claimTarget"),
            &Term::Literal(&claim.target),
        )?;
    }
    Ok(())
}

/// An RDF term as written.
enum Term<'a> {
    /// A full IRI.
    Iri(String),
    /// `rdf:type` (`a` in Turtle).
    Type,
    /// A term of our vocabulary.
    Vocab(&'a str),
    /// A term of the RDF vocabulary.
    Rdf(&'a str),
    /// A term of the RDFS vocabulary.
    Rdfs(&'a str),
    /// A plain string.
    Literal(&'a str),
    /// A literal with an XSD datatype.
    Typed(String, &'static str),
}

impl Term<'_> {
    fn typed(value: impl ToString, xsd: &'static str) -> Self {
        Term::Typed(value.to_string(), xsd)
    }

    fn render(&self, syntax: Syntax) -> String {
        let turtle = syntax == Syntax::Turtle;
        match self {
            Term::Iri(iri) => format!("<{iri}>"),
            Term::Type if turtle => "a".to_owned(),
            Term::Type => format!("<{RDF}type>"),
            Term::Vocab(t) if turtle => format!("fx:{t}"),
            Term::Vocab(t) => format!("<{VOCAB}{t}>"),
            Term::Rdf(t) if turtle => format!("rdf:{t}"),
            Term::Rdf(t) => format!("<{RDF}{t}>"),
            Term::Rdfs(t) if turtle => format!("rdfs:{t}"),
            Term::Rdfs(t) => format!("<{RDFS}{t}>"),
            Term::Literal(s) => quote(s),
            Term::Typed(s, t) if turtle => format!("{}^^xsd:{t}", quote(s)),
            Term::Typed(s, t) => format!("{}^^<{XSD}{t}>", quote(s)),
        }
    }
}

/// Writes triples; in Turtle, the triples of one subject share one block.
struct Emitter<W: Write> {
    syntax: Syntax,
    out: BufWriter<W>,
    /// The open subject (Turtle).
    subject: Option<String>,
}

impl<W: Write> Emitter<W> {
    fn triple(&mut self, s: &Term<'_>, p: &Term<'_>, o: &Term<'_>) -> io::Result<()> {
        let (s, p, o) = (
            s.render(self.syntax),
            p.render(self.syntax),
            o.render(self.syntax),
        );
        match self.syntax {
            Syntax::NTriples => writeln!(self.out, "{s} {p} {o} ."),
            Syntax::Turtle if self.subject.as_deref() == Some(s.as_str()) => {
                write!(self.out, " ;\n    {p} {o}")
            }
            Syntax::Turtle => {
                let open = self.subject.replace(s.clone()).is_some();
                write!(self.out, "{}\n{s} {p} {o}", if open { " ." } else { "" })
            }
        }
    }

    fn finish(mut self) -> io::Result<()> {
        if self.subject.take().is_some() {
            writeln!(self.out, " .")?;
        }
        self.out.flush()
    }
}

/// A quoted string literal, escaped as N-Triples and Turtle both read it.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Percent-encodes everything but unreserved ASCII, so any name makes a valid IRI.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_make_valid_iris_and_literals() {
        assert_eq!(encode("islamic state"), "islamic%20state");
        assert_eq!(encode("al-qāʿida"), "al-q%C4%81%CA%BFida");
        assert_eq!(quote("a \"b\"\n\u{1}"), "\"a \\\"b\\\"\\n\\u0001\"");
    }
}
