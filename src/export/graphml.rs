//! GraphML: the graph for Gephi, networkx, yEd and Cytoscape.
//!
//! One directed graph; node ids are folded names (stable as the graph grows), edge ids
//! `e0`, `e1`… in the stable edge order. Attributes are declared as `<key>`s whose
//! `attr.name` the tools know:
//!
//! | on | `attr.name` | type | what |
//! |---|---|---|---|
//! | node | `label` | string | canonical name (Gephi's node label) |
//! | node | `kind` | string | state, force, official, person, location, organization |
//! | node | `aliases` | string | other names, `; `-separated |
//! | node | `mentions` | int | mentions over all documents |
//! | edge | `label` | string | the relation kind, `not ` before it when negated |
//! | edge | `relation` | string | `coordinates_with`, `opposes`, `denies`, `backs`, `member_of` |
//! | edge | `polarity` | string | `asserted` or `negated` |
//! | edge | `weight` | double | number of sentences (Gephi's edge weight) |
//! | edge | `evidence` | int | number of sentences |
//! | edge | `documents` | int | number of documents |
//! | edge | `confidence` | double | combined confidence |
//! | edge | `first_date`, `last_date` | string | earliest and latest dated evidence, `YYYY-MM-DD` |
//!
//! `coordinates_with` is symmetric but stored once, like every edge; readers that want it both
//! ways should add the reverse. Text is XML-escaped by `quick-xml`, and the characters XML 1.0
//! forbids even escaped (most control characters) are dropped.

use super::{Edge, Node, ordered, rounded, xml_text};
use crate::graph::KnowledgeGraph;
use crate::model::Polarity;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use std::io::{self, BufWriter, Write};

/// The GraphML namespace.
pub const NAMESPACE: &str = "http://graphml.graphdrawing.org/xmlns";

/// (id, for, attr.name, attr.type) of every attribute written.
const KEYS: [(&str, &str, &str, &str); 13] = [
    ("label", "node", "label", "string"),
    ("kind", "node", "kind", "string"),
    ("aliases", "node", "aliases", "string"),
    ("mentions", "node", "mentions", "int"),
    ("elabel", "edge", "label", "string"),
    ("relation", "edge", "relation", "string"),
    ("polarity", "edge", "polarity", "string"),
    ("weight", "edge", "weight", "double"),
    ("evidence", "edge", "evidence", "int"),
    ("documents", "edge", "documents", "int"),
    ("confidence", "edge", "confidence", "double"),
    ("first_date", "edge", "first_date", "string"),
    ("last_date", "edge", "last_date", "string"),
];

/// Writes `graph` as GraphML to `out`.
///
/// # Errors
/// The writer's error.
pub fn write(graph: &KnowledgeGraph, out: impl Write) -> io::Result<()> {
    let mut buffered = BufWriter::new(out);
    let ordered = ordered(graph);
    {
        let mut xml = Writer::new_with_indent(&mut buffered, b' ', 2);
        xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        xml.write_event(Event::Start(
            BytesStart::new("graphml").with_attributes([("xmlns", NAMESPACE)]),
        ))?;
        for (id, on, name, kind) in KEYS {
            xml.write_event(Event::Empty(BytesStart::new("key").with_attributes([
                ("id", id),
                ("for", on),
                ("attr.name", name),
                ("attr.type", kind),
            ])))?;
        }
        xml.write_event(Event::Start(
            BytesStart::new("graph")
                .with_attributes([("id", "factions"), ("edgedefault", "directed")]),
        ))?;
        for node in &ordered.nodes {
            write_node(&mut xml, node)?;
        }
        for (i, edge) in ordered.edges.iter().enumerate() {
            let (Some(source), Some(target)) =
                (ordered.node(edge.source()), ordered.node(edge.target()))
            else {
                continue;
            };
            write_edge(&mut xml, i, edge, &source.key, &target.key)?;
        }
        xml.write_event(Event::End(BytesEnd::new("graph")))?;
        xml.write_event(Event::End(BytesEnd::new("graphml")))?;
    }
    buffered.write_all(b"\n")?;
    buffered.flush()
}

fn write_node<W: Write>(xml: &mut Writer<W>, node: &Node<'_>) -> io::Result<()> {
    let id = xml_text(&node.key);
    xml.write_event(Event::Start(
        BytesStart::new("node").with_attributes([("id", id.as_ref())]),
    ))?;
    let e = node.entity;
    data(xml, "label", &e.name)?;
    data(xml, "kind", e.kind.as_str())?;
    if !e.aliases.is_empty() {
        let aliases: Vec<&str> = e.aliases.iter().map(String::as_str).collect();
        data(xml, "aliases", &aliases.join("; "))?;
    }
    data(
        xml,
        "mentions",
        &e.mentions.values().sum::<usize>().to_string(),
    )?;
    xml.write_event(Event::End(BytesEnd::new("node")))
}

fn write_edge<W: Write>(
    xml: &mut Writer<W>,
    index: usize,
    edge: &Edge<'_>,
    source: &str,
    target: &str,
) -> io::Result<()> {
    let id = format!("e{index}");
    let (source, target) = (xml_text(source), xml_text(target));
    xml.write_event(Event::Start(BytesStart::new("edge").with_attributes([
        ("id", id.as_str()),
        ("source", source.as_ref()),
        ("target", target.as_ref()),
    ])))?;
    let rel = edge.relation;
    let label = match rel.polarity {
        Polarity::Asserted => rel.kind.as_str().to_owned(),
        Polarity::Negated => format!("not {}", rel.kind),
    };
    data(xml, "elabel", &label)?;
    data(xml, "relation", rel.kind.as_str())?;
    data(xml, "polarity", rel.polarity.as_str())?;
    let count = rel.evidence.len().to_string();
    data(xml, "weight", &count)?;
    data(xml, "evidence", &count)?;
    data(xml, "documents", &edge.documents().len().to_string())?;
    data(xml, "confidence", &rounded(rel.confidence()).to_string())?;
    if let Some((first, last)) = rel.dates() {
        data(xml, "first_date", &first.to_string())?;
        data(xml, "last_date", &last.to_string())?;
    }
    xml.write_event(Event::End(BytesEnd::new("edge")))
}

fn data<W: Write>(xml: &mut Writer<W>, key: &str, value: &str) -> io::Result<()> {
    xml.write_event(Event::Start(
        BytesStart::new("data").with_attributes([("key", key)]),
    ))?;
    xml.write_event(Event::Text(BytesText::new(&xml_text(value))))?;
    xml.write_event(Event::End(BytesEnd::new("data")))
}
