//! Neo4j: `nodes.csv` and `relationships.csv` in the header format `neo4j-admin database
//! import` reads, and `load.cypher`, which loads the same files into a running database with
//! `LOAD CSV`.
//!
//! ```sh
//! factions export graph.json --format neo4j -o graph-neo4j/
//! # offline, into an empty database:
//! neo4j-admin database import full --nodes=graph-neo4j/nodes.csv \
//!     --relationships=graph-neo4j/relationships.csv neo4j
//! # or online: copy the two CSVs into Neo4j's import folder, then
//! cypher-shell -f graph-neo4j/load.cypher
//! ```
//!
//! Nodes carry the label `Entity` and one of `State`, `Force`, `Official`, `Person`,
//! `Location`, `Organization`; their id is the folded name. Relationships take their type from
//! the relation kind (`COORDINATES_WITH`, `OPPOSES`, `DENIES`, `BACKS`, `MEMBER_OF`) and keep
//! `polarity` as a property: a negated statement is a relationship with `polarity: "negated"`,
//! so filter on it. Arrays (`aliases`, `documents`) use neo4j-admin's default `;` delimiter; a
//! `;` inside a name becomes `,`.

use super::{Edge, ExportReport, ordered, replace, rounded};
use crate::error::{Error, Result};
use crate::graph::{Evidence, EvidenceTexts, KnowledgeGraph};
use crate::model::{EntityKind, RelationKind};
use std::io::{self, Write};
use std::path::Path;

/// The header of `nodes.csv`.
pub const NODE_HEADER: [&str; 6] = [
    "id:ID",
    "name",
    "kind",
    "aliases:string[]",
    "mentions:int",
    ":LABEL",
];

/// The header of `relationships.csv`.
pub const RELATIONSHIP_HEADER: [&str; 10] = [
    ":START_ID",
    ":END_ID",
    ":TYPE",
    "polarity",
    "confidence:float",
    "evidence:int",
    "documents:string[]",
    "first_date:date",
    "last_date:date",
    "text",
];

/// Writes the nodes file.
///
/// # Errors
/// The writer's error.
pub fn write_nodes(graph: &KnowledgeGraph, out: impl Write) -> io::Result<()> {
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(NODE_HEADER)?;
    for node in ordered(graph).nodes {
        let e = node.entity;
        let aliases: Vec<String> = e.aliases.iter().map(|a| element(a)).collect();
        csv.write_record([
            node.key.as_str(),
            e.name.as_str(),
            e.kind.as_str(),
            aliases.join(";").as_str(),
            e.mentions.values().sum::<usize>().to_string().as_str(),
            &format!("Entity;{}", label(e.kind)),
        ])?;
    }
    csv.flush()
}

/// Writes the relationships file; each relationship's `text` is its first sentence of evidence
/// (see [`ExportReport`] for evidence whose file is gone or changed).
///
/// # Errors
/// The writer's error.
pub fn write_relationships(graph: &KnowledgeGraph, out: impl Write) -> io::Result<ExportReport> {
    let ordered = ordered(graph);
    let texts = EvidenceTexts::gather(graph, || ordered.edges.iter().filter_map(first))?;
    write_relationships_with(&ordered, &texts, out)?;
    Ok(ExportReport::of(texts.finish()?))
}

fn write_relationships_with(
    ordered: &super::Ordered<'_>,
    texts: &EvidenceTexts<'_>,
    out: impl Write,
) -> io::Result<()> {
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(RELATIONSHIP_HEADER)?;
    for edge in &ordered.edges {
        let (Some(source), Some(target)) =
            (ordered.node(edge.source()), ordered.node(edge.target()))
        else {
            continue;
        };
        let rel = edge.relation;
        let dates = rel.dates();
        let documents: Vec<String> = edge.documents().into_iter().map(element).collect();
        csv.write_record([
            source.key.as_str(),
            target.key.as_str(),
            relationship_type(rel.kind),
            rel.polarity.as_str(),
            rounded(rel.confidence()).to_string().as_str(),
            rel.evidence.len().to_string().as_str(),
            documents.join(";").as_str(),
            dates.map(|d| d.0.to_string()).unwrap_or_default().as_str(),
            dates.map(|d| d.1.to_string()).unwrap_or_default().as_str(),
            first(edge)
                .and_then(|e| texts.get(e))
                .unwrap_or_default()
                .as_ref(),
        ])?;
    }
    csv.flush()
}

/// The first sentence of evidence, in document order: the one whose text is written.
fn first<'g>(edge: &Edge<'g>) -> Option<&'g Evidence> {
    edge.relation
        .evidence
        .iter()
        .min_by(|a, b| (&a.document, a.sentence).cmp(&(&b.document, b.sentence)))
}

/// Writes the Cypher script that loads `nodes.csv` and `relationships.csv` with `LOAD CSV`.
///
/// # Errors
/// The writer's error.
pub fn write_cypher(out: impl Write) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    writeln!(
        out,
        "// Loads a factions export into Neo4j. Copy nodes.csv and relationships.csv into the\n\
         // database's import folder, then: cypher-shell -f load.cypher\n\
         CREATE CONSTRAINT factions_entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE;\n\
         LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row\n\
         MERGE (e:Entity {{id: row.`id:ID`}})\n\
         SET e.name = row.name, e.kind = row.kind, e.mentions = toInteger(row.`mentions:int`),\n\
         \x20   e.aliases = CASE WHEN row.`aliases:string[]` IS NULL THEN [] ELSE split(row.`aliases:string[]`, ';') END;"
    )?;
    for kind in EntityKind::ALL {
        writeln!(
            out,
            "MATCH (e:Entity {{kind: '{}'}}) SET e:{};",
            kind.as_str(),
            label(kind)
        )?;
    }
    for kind in RelationKind::ALL {
        let t = relationship_type(kind);
        writeln!(
            out,
            "LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row\n\
             WITH row WHERE row.`:TYPE` = '{t}'\n\
             MATCH (a:Entity {{id: row.`:START_ID`}}), (b:Entity {{id: row.`:END_ID`}})\n\
             MERGE (a)-[r:{t} {{polarity: row.polarity}}]->(b)\n\
             SET r.confidence = toFloat(row.`confidence:float`), r.evidence = toInteger(row.`evidence:int`),\n\
             \x20   r.documents = CASE WHEN row.`documents:string[]` IS NULL THEN [] ELSE split(row.`documents:string[]`, ';') END,\n\
             \x20   r.first_date = date(row.`first_date:date`), r.last_date = date(row.`last_date:date`), r.text = row.text;"
        )?;
    }
    out.flush()
}

/// Writes `nodes.csv`, `relationships.csv` and `load.cypher` into the directory `dir`
/// (created when missing), each file atomically.
///
/// # Errors
/// [`Error::Io`] naming the directory or the file that could not be written.
pub fn save(graph: &KnowledgeGraph, dir: &Path) -> Result<ExportReport> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let nodes = dir.join("nodes.csv");
    replace(&nodes, |out| {
        write_nodes(graph, out).map_err(|e| Error::io(&nodes, e))
    })?;
    let relationships = dir.join("relationships.csv");
    let report = replace(&relationships, |out| {
        write_relationships(graph, out).map_err(|e| Error::io(&relationships, e))
    })?;
    let cypher = dir.join("load.cypher");
    replace(&cypher, |out| {
        write_cypher(out).map_err(|e| Error::io(&cypher, e))
    })?;
    Ok(report)
}

/// The node label of a kind.
pub fn label(kind: EntityKind) -> &'static str {
    super::rdf::class(kind)
}

/// The relationship type of a relation kind.
pub fn relationship_type(kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::CoordinatesWith => "COORDINATES_WITH",
        RelationKind::Opposes => "OPPOSES",
        RelationKind::Denies => "DENIES",
        RelationKind::Backs => "BACKS",
        RelationKind::MemberOf => "MEMBER_OF",
    }
}

/// An array element: the array delimiter cannot appear inside one.
fn element(text: &str) -> String {
    text.replace(';', ",")
}
