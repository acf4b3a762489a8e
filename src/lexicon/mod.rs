//! What factions knows about the world, loaded from data files (see `lexicon/README.md`).
//!
//! [`LexiconBuilder`] reads the built-in files and any the user adds, merges entries that share
//! a canonical name, derives names from templates ("Iraqi army" from the state Iraq), and
//! compiles everything into automata that find every name and cue word in one pass.

mod built_in;
mod cues;
mod files;
mod names;
mod prebuilt;

pub use cues::{CueHit, CueRole, Cues, Referent, RelationCue};
pub(crate) use files::{class, fold, lower, lowercase_prefix_of};
pub(crate) use names::is_word_bounded;
pub use names::{EntryId, LexiconEntry, NameHit, NameRole};

use crate::error::{Error, Result};
use built_in::BUILT_IN;
use files::LexiconFile;
use names::Names;
use std::path::Path;

const BUILT_IN_ABBREVIATIONS: &str = include_str!("../../lexicon/abbreviations.txt");

/// The names automaton of the built-in files, laid out by the build script (`build.rs`).
const PREBUILT_NAMES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/names.daac"));

/// The built-in files parsed and their names collected by the build script (`prebuilt.rs`).
const PREBUILT_LEXICON: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon.bin"));

/// Everything the pipeline needs to know, compiled for fast matching. Cheap to share: build once,
/// use from any number of threads.
#[derive(Debug)]
pub struct Lexicon {
    pub(crate) names: Names,
    pub(crate) cues: Cues,
    pub(crate) abbreviations: std::collections::HashSet<String>,
    pub(crate) cleaning: files::Cleaning,
    pub(crate) heads: files::Heads,
    pub(crate) classes: files::WordClasses,
}

impl Lexicon {
    /// The built-in lexicon alone.
    ///
    /// # Errors
    /// Only if the built-in data is inconsistent, which the crate's tests rule out.
    pub fn built_in() -> Result<Lexicon> {
        LexiconBuilder::new().build()
    }

    /// A builder that starts from the built-in lexicon.
    pub fn builder() -> LexiconBuilder {
        LexiconBuilder::new()
    }

    /// Every entry: states, forces, officials, places, organizations.
    pub fn entries(&self) -> impl Iterator<Item = &LexiconEntry> {
        self.names.entries.iter()
    }

    /// The entry with this canonical name or alias (case- and accent-insensitive).
    pub fn find(&self, name: &str) -> Option<&LexiconEntry> {
        self.names.find(name).and_then(|id| self.names.entry(id))
    }
}

/// Collects lexicon files and compiles them into a [`Lexicon`].
///
/// ```
/// use factions::Lexicon;
/// let lexicon = Lexicon::builder()
///     .add_toml("my.toml", r#"
///         [[actor]]
///         name = "Brigade of the Dunes"
///         kind = "force"
///         aliases = ["BoD"]
///     "#)
///     .build()?;
/// assert_eq!(lexicon.find("BoD").map(|e| e.name.as_str()), Some("Brigade of the Dunes"));
/// # Ok::<(), factions::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct LexiconBuilder {
    sources: Vec<(String, String)>,
    abbreviations: Vec<String>,
}

impl Default for LexiconBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl LexiconBuilder {
    /// A builder holding the built-in files.
    pub fn new() -> Self {
        LexiconBuilder {
            sources: BUILT_IN
                .iter()
                .map(|(name, text)| ((*name).to_owned(), (*text).to_owned()))
                .collect(),
            abbreviations: vec![BUILT_IN_ABBREVIATIONS.to_owned()],
        }
    }

    /// A builder with no built-in data at all (for tests and fully custom lexicons).
    pub fn empty() -> Self {
        LexiconBuilder {
            sources: Vec::new(),
            abbreviations: Vec::new(),
        }
    }

    /// Adds a lexicon file's text; `name` is used in error messages. Later files override earlier ones.
    pub fn add_toml(mut self, name: impl Into<String>, text: impl Into<String>) -> Self {
        self.sources.push((name.into(), text.into()));
        self
    }

    /// Adds a lexicon file from disk: `.toml` (entries, cues…) or `.txt` (abbreviations).
    ///
    /// # Errors
    /// [`Error::Io`] when the file cannot be read.
    pub fn add_file(mut self, path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        if path.extension().is_some_and(|e| e == "txt") {
            self.abbreviations.push(text);
        } else {
            self.sources.push((path.display().to_string(), text));
        }
        Ok(self)
    }

    /// Parses, merges and compiles every file.
    ///
    /// # Errors
    /// [`Error::Lexicon`] naming the file and position of a syntax error, an unknown field, an
    /// unknown kind, or a `member_of` that names no entry.
    pub fn build(self) -> Result<Lexicon> {
        // The prebuilt lexicon and names automaton are of the built-in files exactly (and are
        // checked against them anyway): files after them are parsed and merged into the
        // prebuilt file; any other start parses everything.
        let starts_built_in = self.sources.len() >= BUILT_IN.len()
            && self
                .sources
                .iter()
                .zip(BUILT_IN)
                .all(|((name, text), (b_name, b_text))| name == b_name && text == b_text);
        let built_in_only = starts_built_in && self.sources.len() == BUILT_IN.len();
        let prebuilt = if starts_built_in {
            prebuilt::load_file(PREBUILT_LEXICON)
        } else {
            None
        };
        let (mut merged, names_parts) = match prebuilt {
            Some((file, names)) => {
                let rest = self.sources.get(BUILT_IN.len()..).unwrap_or_default();
                let file = file.parse_more(rest.iter().map(|(n, t)| (n.as_str(), t.as_str())))?;
                (file, names)
            }
            None => {
                let sources = self.sources.iter().map(|(n, t)| (n.as_str(), t.as_str()));
                (LexiconFile::parse_all(sources)?, &[][..])
            }
        };
        let abbreviations = self
            .abbreviations
            .iter()
            .flat_map(|text| text.lines())
            .map(|line| line.split('#').next().unwrap_or("").trim())
            .filter(|line| !line.is_empty())
            .map(str::to_lowercase)
            .collect();
        // Cleaning compares lowercased lines: lowercase its rules once, here.
        for list in [
            &mut merged.cleaning.furniture,
            &mut merged.cleaning.furniture_prefixes,
            &mut merged.cleaning.furniture_suffixes,
            &mut merged.cleaning.end_markers,
            &mut merged.cleaning.aside_markers,
        ] {
            for item in list.iter_mut() {
                *item = item.to_lowercase();
            }
        }
        // The names' parts are of the built-in entries alone: a user's file may add to them.
        let parts = if built_in_only {
            prebuilt::load_names(names_parts)
        } else {
            None
        };
        let from_parts = match parts {
            Some(parts) => Names::from_parts(&merged, parts, PREBUILT_NAMES)?,
            None => None,
        };
        let names = match from_parts {
            Some(names) => names,
            None => Names::compile(&merged, built_in_only.then_some(PREBUILT_NAMES))?,
        };
        let cues = Cues::compile(&merged.cues)?;
        Ok(Lexicon {
            names,
            cues,
            abbreviations,
            cleaning: merged.cleaning,
            classes: files::WordClasses::new(&merged.heads),
            heads: merged.heads,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_lexicon_compiles() {
        let lexicon = Lexicon::built_in();
        assert!(lexicon.is_ok(), "{:?}", lexicon.err());
    }

    #[test]
    fn user_entries_extend_and_override() -> Result<()> {
        let lexicon = Lexicon::builder()
            .add_toml(
                "user.toml",
                "[[actor]]\nname = \"Syria\"\nkind = \"state\"\naliases = [\"Sham Republic\"]\n",
            )
            .build()?;
        let syria = lexicon.find("Sham Republic").map(|e| e.name.clone());
        assert_eq!(syria.as_deref(), Some("Syria"));
        Ok(())
    }

    #[test]
    fn bad_kind_names_the_file() {
        let err = Lexicon::builder()
            .add_toml("bad.toml", "[[actor]]\nname = \"X\"\nkind = \"planet\"\n")
            .build()
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("bad.toml"), "{err}");
    }

    #[test]
    fn unknown_member_of_is_an_error() {
        let err = Lexicon::builder()
            .add_toml(
                "orphan.toml",
                "[[actor]]\nname = \"X Brigade\"\nkind = \"force\"\nmember_of = \"Nowhere Land\"\n",
            )
            .build()
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("Nowhere Land"), "{err}");
    }
}
