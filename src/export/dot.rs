//! Graphviz DOT: the picture of who stands with whom.
//!
//! - Node shape by kind: state `box`, force `hexagon`, official `ellipse`, person `egg`,
//!   location `house`, organization `folder`; the label is the canonical name.
//! - Edges: cooperation (`coordinates_with`, drawn without arrowheads since it runs both ways,
//!   and `backs`) green; opposition red; denial grey and dashed; membership grey with a hollow
//!   arrowhead. A negated statement is dotted and its label starts with "not". The pen grows
//!   with the number of sentences behind an edge.
//! - Ids are quoted folded names (`"islamic state"`), stable as the graph grows; every string
//!   is escaped and stripped of control characters, so any name is valid DOT.
//!
//! ```sh
//! factions export graph.json --format dot -o graph.dot && dot -Tsvg graph.dot -o graph.svg
//! ```

use super::{Edge, Node, ordered};
use crate::graph::KnowledgeGraph;
use crate::model::{EntityKind, Polarity, RelationKind};
use std::io::{self, BufWriter, Write};

/// What a drawing leaves out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Leave out the entities no relation touches: the export keeps every entity, the picture
    /// `factions render` draws leaves them out, since a column of unconnected names would
    /// crowd out the alliances.
    pub skip_isolated: bool,
}

/// Writes `graph` as a DOT digraph to `out`, every entity included.
///
/// # Errors
/// The writer's error.
pub fn write(graph: &KnowledgeGraph, out: impl Write) -> io::Result<()> {
    write_with(graph, out, Options::default())
}

/// Writes `graph` as a DOT digraph to `out`, leaving out what `options` say.
///
/// # Errors
/// The writer's error.
pub fn write_with(graph: &KnowledgeGraph, out: impl Write, options: Options) -> io::Result<()> {
    let mut out = BufWriter::new(out);
    let ordered = ordered(graph);
    let mut linked = vec![!options.skip_isolated; ordered.nodes.len()];
    for edge in &ordered.edges {
        for end in [edge.source(), edge.target()] {
            if let Some(l) = linked.get_mut(end) {
                *l = true;
            }
        }
    }
    writeln!(
        out,
        "// factions: {} entities, {} relations. Render: dot -Tsvg THIS.dot -o THIS.svg",
        ordered.nodes.len(),
        ordered.edges.len()
    )?;
    writeln!(out, "digraph factions {{")?;
    writeln!(
        out,
        "  graph [rankdir=LR, overlap=false, splines=true, fontname=\"Helvetica\"];"
    )?;
    writeln!(
        out,
        "  node [fontname=\"Helvetica\", fontsize=11, style=filled, fillcolor=\"#f7f7f7\"];"
    )?;
    writeln!(out, "  edge [fontname=\"Helvetica\", fontsize=9];")?;
    for (node, linked) in ordered.nodes.iter().zip(linked) {
        if linked {
            write_node(&mut out, node)?;
        }
    }
    for edge in &ordered.edges {
        let (Some(source), Some(target)) =
            (ordered.node(edge.source()), ordered.node(edge.target()))
        else {
            continue;
        };
        write_edge(&mut out, edge, &source.key, &target.key)?;
    }
    writeln!(out, "}}")?;
    out.flush()
}

fn write_node(out: &mut impl Write, node: &Node<'_>) -> io::Result<()> {
    let kind = node.entity.kind;
    writeln!(
        out,
        "  {} [label={}, shape={}, tooltip={}];",
        quoted(&node.key),
        quoted(&node.entity.name),
        shape(kind),
        quoted(kind.as_str())
    )
}

fn write_edge(out: &mut impl Write, edge: &Edge<'_>, source: &str, target: &str) -> io::Result<()> {
    let rel = edge.relation;
    let (color, style, arrow) = look(rel.kind);
    let negated = rel.polarity == Polarity::Negated;
    let style = if negated { "dotted" } else { style };
    let count = rel.evidence.len();
    let label = format!(
        "{}{} ({count})",
        if negated { "not " } else { "" },
        rel.kind.as_str().replace('_', " ")
    );
    #[allow(clippy::cast_precision_loss)]
    let pen = 1.0 + (count as f64).ln();
    writeln!(
        out,
        "  {} -> {} [label={}, color=\"{color}\", fontcolor=\"{color}\", style={style}, \
         arrowhead={arrow}, penwidth={pen:.2}];",
        quoted(source),
        quoted(target),
        quoted(&label),
    )
}

/// The shape that tells an entity's kind at a glance.
fn shape(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::State => "box",
        EntityKind::Force => "hexagon",
        EntityKind::Official => "ellipse",
        EntityKind::Person => "egg",
        EntityKind::Location => "house",
        EntityKind::Organization => "folder",
    }
}

/// Colour, line style and arrowhead of a relation kind.
fn look(kind: RelationKind) -> (&'static str, &'static str, &'static str) {
    match kind {
        RelationKind::CoordinatesWith => ("#1a9641", "solid", "none"),
        RelationKind::Backs => ("#1a9641", "solid", "normal"),
        RelationKind::Opposes => ("#d7191c", "solid", "normal"),
        RelationKind::Denies => ("#636363", "dashed", "normal"),
        RelationKind::MemberOf => ("#969696", "solid", "empty"),
    }
}

/// A DOT quoted string: backslashes and quotes escaped, control characters dropped (a line
/// break inside a name would otherwise end the statement for some readers).
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_escapes_and_strips() {
        assert_eq!(quoted("a\"b\\c\nd"), "\"a\\\"b\\\\cd\"");
    }
}
