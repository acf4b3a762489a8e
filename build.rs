//! Lays out the names automaton of the built-in lexicon ahead of time, and the built-in files
//! parsed with their names collected.
//!
//! Building the double array of the ~86,000 name patterns took about half of a process's
//! start (0.9 G instructions of 1.5 G for the whole lexicon). The library's own lexicon code
//! (`src/lexicon/{built_in,files,names,prebuilt}.rs` and `src/model.rs`, included here as they
//! are) lays it out once per build into `OUT_DIR/names.daac`, which `Lexicon` loads when it is
//! given the built-in files alone. The automaton carries a fingerprint of its patterns: a
//! build output that does not match the lexicon is not used, and the automaton is built at
//! run time as before (`tests` also compare the two).
//!
//! Parsing the TOML files and collecting their names (0.45 G more) is done here too, into
//! `OUT_DIR/lexicon.bin` (`src/lexicon/prebuilt.rs`): the merged built-in file, which any
//! builder that starts with the built-in files reads instead of parsing them, and the names'
//! entries and targets, read when there is no other file. It carries a fingerprint of the
//! built-in files' texts and is not used when they differ.

// The included modules are the library's; the build script uses a small part of them.
#![allow(dead_code)]

/// The one kind of error the lexicon code makes; the library's `Error` has more.
mod error {
    #[derive(Debug)]
    pub enum Error {
        Lexicon { file: String, message: String },
    }
    pub type Result<T> = std::result::Result<T, Error>;
}

#[path = "src/model.rs"]
mod model;

mod lexicon {
    #[path = "../src/lexicon/built_in.rs"]
    pub mod built_in;
    #[path = "../src/lexicon/files.rs"]
    pub mod files;
    #[path = "../src/lexicon/names.rs"]
    pub mod names;
    #[path = "../src/lexicon/prebuilt.rs"]
    pub mod prebuilt;
}

fn main() -> Result<(), String> {
    for path in [
        "build.rs",
        "src/model.rs",
        "src/lexicon/built_in.rs",
        "src/lexicon/files.rs",
        "src/lexicon/names.rs",
        "src/lexicon/prebuilt.rs",
        "lexicon",
    ] {
        println!("cargo::rerun-if-changed={path}");
    }
    let merged =
        lexicon::files::LexiconFile::parse_all(lexicon::built_in::BUILT_IN.iter().copied())
            .map_err(|e| format!("{e:?}"))?;
    let bytes = lexicon::names::prebuild(&merged).map_err(|e| format!("{e:?}"))?;
    let out = std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?;
    let path = std::path::Path::new(&out).join("names.daac");
    std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    let bytes = lexicon::prebuilt::lay_out().map_err(|e| format!("{e:?}"))?;
    let path = std::path::Path::new(&out).join("lexicon.bin");
    std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}
