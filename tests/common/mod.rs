//! What the integration tests share.

#[allow(dead_code)] // only the property tests generate text
pub mod news;

use factions::Lexicon;
use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The built-in lexicon, compiled once per test binary.
#[allow(dead_code)] // the command-line tests run the binary instead
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| Lexicon::built_in().unwrap_or_else(|e| panic!("built-in lexicon: {e}")))
}

/// The repository's root, where `examples/` and `tests/data/` are.
#[allow(dead_code)] // not every test binary reads files
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the `factions` binary built for these tests.
#[allow(dead_code)] // only the command-line tests run it
pub fn factions(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factions"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("running factions: {e}"))
}

/// A fresh, empty folder under the system's temporary folder, distinct per test binary run.
#[allow(dead_code)] // not every test binary writes files
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("factions-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    dir
}

/// The graph as the JSON contract writes it: equal strings, equal graphs up to entity ids.
#[allow(dead_code)] // not every test binary compares graphs
pub fn to_json(graph: &factions::KnowledgeGraph) -> String {
    let mut out = Vec::new();
    factions::export::json::write(graph, &mut out, std::path::Path::new("mem.json"))
        .unwrap_or_else(|e| panic!("{e}"));
    String::from_utf8(out).unwrap_or_else(|e| panic!("{e}"))
}

/// Checks that every piece of evidence in `graph` lies inside its document (`texts` maps each
/// document id to its text), on character boundaries, and that the sentence text the graph
/// keeps is the document's text at that span. Returns how many pieces were checked.
#[allow(dead_code)] // not every test binary checks evidence
pub fn assert_evidence_fits(
    graph: &factions::KnowledgeGraph,
    texts: &std::collections::HashMap<String, String>,
) -> usize {
    let mut checked = 0;
    for r in graph.relations() {
        for e in &r.relation.evidence {
            let text = texts
                .get(e.document.as_str())
                .unwrap_or_else(|| panic!("evidence from an unknown document: {e:?}"));
            let at = text
                .get(e.span.start..e.span.end)
                .unwrap_or_else(|| panic!("{e:?} is not a span of {:?}", e.document));
            assert_eq!(graph.evidence_text(e).as_deref(), Some(at), "{e:?}");
            checked += 1;
        }
    }
    checked
}

/// The `.txt` files of a folder, in name order.
#[allow(dead_code)]
pub fn txt_files(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}
