//! Every export checked by the tool that reads it: Graphviz renders the DOT without a warning,
//! xmllint and networkx read the GraphML, rdflib and Oxigraph read the RDF, and a SPARQL query
//! for allies answers what the library answers. A missing tool prints a notice and the check
//! passes; `.ci/run` installs them all (Graphviz and libxml2-utils from apt, networkx and rdflib
//! into `target/pyenv`).

// Tests fail by panicking; the no-panic lints are for library code.
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

mod common;
use common::root;

use factions::export::{self, Format, json};
use factions::{KnowledgeGraph, QueryOptions, ingest_paths};
use oxigraph::io::RdfFormat;
use oxigraph::sparql::QueryResults;
use oxigraph::store::Store;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The graphs checked: examples/corpus, the seeds when present, and a graph whose names hold
/// every character that breaks a careless writer.
fn graphs() -> Vec<(String, KnowledgeGraph)> {
    let mut graphs = Vec::new();
    let mut dirs = vec![root().join("examples/corpus")];
    let seeds = root().join("../shared/corpus/seeds");
    if seeds.is_dir() {
        dirs.push(seeds);
    } else {
        println!("notice: ../shared/corpus/seeds is absent; its exports are not checked");
    }
    for dir in dirs {
        let mut graph = KnowledgeGraph::new();
        let report = ingest_paths(&mut graph, common::lexicon(), &[&dir]);
        assert!(report.failed.is_empty(), "{:?}", report.failed);
        graphs.push((dir.display().to_string(), graph));
    }
    graphs.push(("hostile names".to_owned(), hostile()));
    graphs
}

/// Names with `&`, `<`, `>`, quotes, backslashes, control characters and non-ASCII letters.
fn hostile() -> KnowledgeGraph {
    let names = [
        "Brigade A & B",
        "<Script> Front",
        "The \"Quoted\" 'Ones'",
        "Ctrl\u{1}\u{b}\u{1f}\u{7f} Army",
        "Back\\slash; Group",
        "Tab\tNew\nLine Council",
        "Qāʿida ﷲ Émirat \u{FFFE}",
    ];
    let entities: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            format!(
                r#"{{"id": {i}, "name": {}, "kind": "force", "aliases": [{}], "mentions": {{"x&<y>.txt": 1}}}}"#,
                serde_json::to_string(n).unwrap(),
                serde_json::to_string(&format!("{n} alias")).unwrap()
            )
        })
        .collect();
    let relations: Vec<String> = (0..names.len())
        .map(|i| {
            let kind = ["coordinates_with", "opposes", "denies", "backs", "member_of"][i % 5];
            let polarity = if i == 2 { "negated" } else { "asserted" };
            format!(
                r#"{{"source": {i}, "target": {}, "kind": "{kind}", "polarity": "{polarity}", "confidence": 0.9,
                    "evidence": [{{"document": "x&<y>.txt", "sentence": {i}, "start": 0, "end": 5,
                                  "text": "He said \"no\" & <left>\u0001.", "confidence": 0.9,
                                  "attributed_to": "A \"spokesman\""}}]}}"#,
                (i + 1) % names.len()
            )
        })
        .collect();
    let text = format!(
        r#"{{"format": "factions-graph", "version": 1,
            "documents": [{{"id": "x&<y>.txt", "title": "T\u0002 & <b>", "date": "2020-01-02", "path": null}}],
            "entities": [{}], "relations": [{}]}}"#,
        entities.join(","),
        relations.join(",")
    );
    json::read(&text, Path::new("hostile.json")).unwrap_or_else(|e| panic!("{e}"))
}

fn export_bytes(graph: &KnowledgeGraph, format: Format) -> Vec<u8> {
    let mut out = Vec::new();
    export::write(graph, format, &mut out).unwrap_or_else(|e| panic!("{format}: {e}"));
    out
}

fn scratch(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("factions-consumers-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `program args` with `input` on stdin; `None` when the program is not installed.
fn run(program: &str, args: &[&str], input: &[u8]) -> Option<std::process::Output> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    child.stdin.take().unwrap().write_all(input).unwrap();
    Some(child.wait_with_output().unwrap())
}

/// A Python with networkx and rdflib: `$FACTIONS_PYTHON`, the venv `.ci/run` makes, or
/// `python3`.
fn python() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("FACTIONS_PYTHON").map(PathBuf::from),
        Some(root().join("target/pyenv/bin/python")),
        Some(PathBuf::from("python3")),
    ];
    candidates.into_iter().flatten().find(|p| {
        Command::new(p)
            .args(["-c", "import networkx, rdflib"])
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

#[test]
fn graphviz_renders_the_dot_export_without_a_warning() {
    for (name, graph) in graphs() {
        let dot = export_bytes(&graph, Format::Dot);
        let Some(out) = run("dot", &["-Tsvg"], &dot) else {
            println!("notice: Graphviz (dot) is not installed; the DOT export is not rendered");
            return;
        };
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stderr.is_empty(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("<svg"),
            "{name}"
        );
    }
}

#[test]
fn xmllint_finds_the_graphml_well_formed() {
    for (name, graph) in graphs() {
        let xml = export_bytes(&graph, Format::Graphml);
        let Some(out) = run("xmllint", &["--noout", "-"], &xml) else {
            println!("notice: xmllint is not installed; the GraphML export is not checked by it");
            return;
        };
        assert!(
            out.status.success() && out.stderr.is_empty(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// networkx reads the GraphML with the same nodes, edges and neighbours of the best-connected
/// actor.
#[test]
fn networkx_reads_the_graphml() {
    let Some(python) = python() else {
        println!("notice: no Python with networkx; the GraphML export is not read by it");
        return;
    };
    let dir = scratch("networkx");
    for (i, (name, graph)) in graphs().into_iter().enumerate() {
        let path = dir.join(format!("g{i}.graphml"));
        export::save(&graph, Format::Graphml, &path).unwrap();
        let (hub, hub_key) = graph
            .entities()
            .max_by_key(|(id, e)| (graph.neighbors(*id).count(), e.name.clone()))
            .map(|(id, e)| (id, export::stable_id(&e.name)))
            .unwrap();
        let script = "import json, sys, networkx as nx\n\
                      g = nx.read_graphml(sys.argv[1])\n\
                      hub = sys.argv[2]\n\
                      near = sorted(set(g.successors(hub)) | set(g.predecessors(hub)))\n\
                      labels = {g.nodes[n]['label'] for n in g.nodes}\n\
                      print(json.dumps([g.number_of_nodes(), g.number_of_edges(), near, len(labels)]))";
        let out = Command::new(&python)
            .args(["-c", script, path.to_str().unwrap(), &hub_key])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let (nodes, edges, near, labels): (usize, usize, Vec<String>, usize) =
            serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(nodes, graph.entity_count(), "{name}");
        assert_eq!(edges, graph.relation_count(), "{name}");
        assert_eq!(
            labels,
            graph.entity_count(),
            "{name}: every node has its label"
        );
        let expected: BTreeSet<String> = graph
            .neighbors(hub)
            .filter_map(|(other, _)| graph.entity(other))
            .map(|e| export::stable_id(&e.name))
            .collect();
        assert_eq!(
            near.into_iter().collect::<BTreeSet<_>>(),
            expected,
            "{name}"
        );
    }
}

#[test]
fn rdflib_parses_ntriples_and_turtle_to_the_same_graph() {
    let Some(python) = python() else {
        println!("notice: no Python with rdflib; the RDF export is not parsed by it");
        return;
    };
    let dir = scratch("rdflib");
    for (i, (name, graph)) in graphs().into_iter().enumerate() {
        let nt = dir.join(format!("g{i}.nt"));
        let ttl = dir.join(format!("g{i}.ttl"));
        export::save(&graph, Format::Ntriples, &nt).unwrap();
        export::save(&graph, Format::Turtle, &ttl).unwrap();
        let script = "import json, sys, rdflib\nfrom rdflib.compare import isomorphic\n\
                      a = rdflib.Graph().parse(sys.argv[1], format='nt')\n\
                      b = rdflib.Graph().parse(sys.argv[2], format='turtle')\n\
                      print(json.dumps([len(a), len(b), isomorphic(a, b)]))";
        let out = Command::new(&python)
            .args(["-c", script, nt.to_str().unwrap(), ttl.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let (a, b, same): (usize, usize, bool) = serde_json::from_slice(&out.stdout).unwrap();
        let lines = std::fs::read_to_string(&nt).unwrap().lines().count();
        assert_eq!(
            a, lines,
            "{name}: every N-Triples line is one distinct triple"
        );
        assert_eq!(b, a, "{name}");
        assert!(
            same,
            "{name}: the Turtle and N-Triples graphs are isomorphic"
        );
    }
}

/// The entities an actor is positively or negatively tied to, by SPARQL over the plain
/// (asserted) triples, locations left out as the library's default options do.
fn sparql_ties(store: &Store, actor: &str, predicates: &str) -> BTreeSet<String> {
    let query = format!(
        "PREFIX fx: <urn:factions:vocab:>
         PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
         SELECT DISTINCT ?name WHERE {{
           <{actor}> {predicates} ?other .
           ?other rdfs:label ?name .
           FILTER NOT EXISTS {{ ?other a fx:Location }}
           FILTER (?other != <{actor}>)
         }}"
    );
    let QueryResults::Solutions(solutions) = store.query(query.as_str()).unwrap() else {
        panic!("not a SELECT");
    };
    solutions
        .map(|s| match s.unwrap().get("name") {
            Some(oxigraph::model::Term::Literal(l)) => l.value().to_owned(),
            other => panic!("{other:?}"),
        })
        .collect()
}

/// Loaded into Oxigraph, the RDF answers "who are the allies of X" as the library does: every
/// actor tied to X only by `coordinatesWith`/`backs` (either way) is an ally, and every ally
/// is so tied. A pair both allied and opposed is settled by the library by the weight of each
/// side, which SPARQL over the plain triples does not see; for actors without such a pair the
/// two answers are the same set.
#[test]
fn a_sparql_query_for_allies_answers_what_the_library_answers() {
    const POSITIVE: &str = "fx:coordinatesWith|^fx:coordinatesWith|fx:backs|^fx:backs";
    const NEGATIVE: &str = "fx:opposes|^fx:opposes";
    let mut exact = 0;
    for (name, graph) in graphs() {
        let store = Store::new().unwrap();
        store
            .load_from_reader(
                RdfFormat::NTriples,
                export_bytes(&graph, Format::Ntriples).as_slice(),
            )
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let query = graph.query(QueryOptions::default());
        for (id, entity) in graph.entities() {
            if !entity.kind.is_actor() {
                continue;
            }
            let iri = factions::export::rdf::entity_iri(&export::stable_id(&entity.name));
            let friends = sparql_ties(&store, &iri, POSITIVE);
            let foes = sparql_ties(&store, &iri, NEGATIVE);
            let allies: BTreeSet<String> = query
                .allies(id)
                .iter()
                .map(|a| a.actor.name.to_owned())
                .collect();
            let uncontested: BTreeSet<String> = friends.difference(&foes).cloned().collect();
            assert!(
                allies.is_subset(&friends),
                "{name}, {}: {allies:?} ⊄ {friends:?}",
                entity.name
            );
            assert!(
                uncontested.is_subset(&allies),
                "{name}, {}: {uncontested:?} ⊄ {allies:?}",
                entity.name
            );
            if friends.is_disjoint(&foes) {
                assert_eq!(allies, friends, "{name}, {}", entity.name);
                exact += usize::from(!allies.is_empty());
            }
        }
    }
    assert!(
        exact > 10,
        "only {exact} actors with allies were compared exactly"
    );
}

/// JSON Lines: every line is a JSON object, one per relation, its ends among the entities.
#[test]
fn every_jsonl_line_is_one_edge() {
    for (name, graph) in graphs() {
        let text = String::from_utf8(export_bytes(&graph, Format::Jsonl)).unwrap();
        let ids: BTreeSet<String> = graph
            .entities()
            .map(|(_, e)| export::stable_id(&e.name))
            .collect();
        let mut lines = 0;
        for line in text.lines() {
            let edge: serde_json::Value =
                serde_json::from_str(line).unwrap_or_else(|e| panic!("{name}: {e}: {line}"));
            for end in ["source", "target"] {
                assert!(ids.contains(edge[end].as_str().unwrap()), "{name}: {line}");
            }
            assert!(!edge["evidence"].as_array().unwrap().is_empty(), "{name}");
            lines += 1;
        }
        assert_eq!(lines, graph.relation_count(), "{name}");
    }
}

/// Neo4j's import rules, checked on the files: unique node ids, every relationship's ends
/// among them, every row as wide as its header, labels and types from the documented sets.
#[test]
fn the_neo4j_files_obey_the_import_rules() {
    let dir = scratch("neo4j");
    for (i, (name, graph)) in graphs().into_iter().enumerate() {
        let out = dir.join(format!("g{i}"));
        export::save(&graph, Format::Neo4j, &out).unwrap();
        let mut nodes = csv::Reader::from_path(out.join("nodes.csv")).unwrap();
        assert_eq!(
            nodes.headers().unwrap().iter().collect::<Vec<_>>(),
            export::neo4j::NODE_HEADER
        );
        let mut ids = BTreeSet::new();
        for row in nodes.records() {
            let row = row.unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(
                ids.insert(row[0].to_owned()),
                "{name}: duplicate id {}",
                &row[0]
            );
            assert!(row[5].starts_with("Entity;"), "{name}");
        }
        assert_eq!(ids.len(), graph.entity_count(), "{name}");
        let mut rels = csv::Reader::from_path(out.join("relationships.csv")).unwrap();
        assert_eq!(
            rels.headers().unwrap().iter().collect::<Vec<_>>(),
            export::neo4j::RELATIONSHIP_HEADER
        );
        let types: BTreeSet<&str> = factions::RelationKind::ALL
            .into_iter()
            .map(export::neo4j::relationship_type)
            .collect();
        let mut count = 0;
        for row in rels.records() {
            let row = row.unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(ids.contains(&row[0]) && ids.contains(&row[1]), "{name}");
            assert!(types.contains(&row[2]), "{name}: {}", &row[2]);
            count += 1;
        }
        assert_eq!(count, graph.relation_count(), "{name}");
        let cypher = std::fs::read_to_string(out.join("load.cypher")).unwrap();
        for t in types {
            assert!(cypher.contains(&format!(":{t} {{polarity")), "{t}");
        }
    }
}
