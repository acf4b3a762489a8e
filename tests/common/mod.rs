//! What the integration tests share.

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
