//! What the integration tests share.

use factions::Lexicon;
use std::sync::OnceLock;

/// The built-in lexicon, compiled once per test binary.
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| Lexicon::built_in().unwrap_or_else(|e| panic!("built-in lexicon: {e}")))
}
