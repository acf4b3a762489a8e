//! The library's one error type: every variant names what failed and where.

use std::path::PathBuf;

/// Everything that can go wrong in factions. Each variant carries its context (file, position).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file or folder could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },

    /// A file's bytes are not UTF-8 text.
    #[error("{path}: not UTF-8 text (invalid byte at offset {offset})")]
    NotText {
        /// The file.
        path: PathBuf,
        /// Byte offset of the first invalid byte.
        offset: usize,
    },

    /// A document holds no text to analyse.
    #[error("{path}: empty document")]
    EmptyDocument {
        /// The file, or the document id for text given directly.
        path: PathBuf,
    },

    /// A document is larger than the limit set for one document (see
    /// `IngestOptions::max_document_bytes`); it was not read.
    #[error("{path}: {bytes} bytes, over the limit of {limit} bytes for one document; not read")]
    DocumentTooLarge {
        /// The file, or the document id for text given directly.
        path: PathBuf,
        /// Its size in bytes (at least this many when the file grew while it was read).
        bytes: u64,
        /// The limit.
        limit: u64,
    },

    /// A folder holds no `.txt` file.
    #[error("{path}: no .txt file in this folder")]
    NoDocuments {
        /// The folder.
        path: PathBuf,
    },

    /// A lexicon file is not valid.
    #[error("lexicon {file}: {message}")]
    Lexicon {
        /// The lexicon file.
        file: String,
        /// What is wrong, with its line and column when known.
        message: String,
    },

    /// A graph or gold JSON file could not be parsed.
    #[error("{path}: line {line}, column {column}: {message}")]
    Json {
        /// The file.
        path: PathBuf,
        /// Line of the error (1-based).
        line: usize,
        /// Column of the error (1-based).
        column: usize,
        /// What is wrong.
        message: String,
    },

    /// A graph file is of another format or version.
    #[error("{path}: {message}")]
    Format {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },

    /// An export cannot be written as asked: an unknown format name, or a directory format
    /// (neo4j) asked for as one stream.
    #[error("{format} export: {message}")]
    Export {
        /// The format asked for.
        format: String,
        /// What is wrong.
        message: String,
    },

    /// The file a document was ingested from cannot be read any more (moved, deleted, no
    /// longer permitted), so the text of its evidence cannot be read back from it. An export
    /// writes that evidence without its text and reports this (see `export::ExportReport`).
    #[error("{path}: cannot read back the evidence text of document {document:?}: {source}")]
    SourceUnreadable {
        /// The document.
        document: String,
        /// The file it was ingested from.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },

    /// The file a document was ingested from no longer holds the text that was ingested (its
    /// length or content hash differs): the evidence's offsets would point into other text, so
    /// none is taken from it. An export writes that evidence without its text and reports this
    /// (see `export::ExportReport`); ingest the file again to read what it says now.
    #[error(
        "{path}: changed since document {document:?} was ingested (its content hash differs); \
         its evidence is written without text"
    )]
    SourceChanged {
        /// The document.
        document: String,
        /// The file it was ingested from.
        path: PathBuf,
    },

    /// A name matches no entity of the graph.
    #[error("no entity named {name:?}{}", did_you_mean(.suggestions))]
    UnknownEntity {
        /// The name asked for.
        name: String,
        /// The closest known names.
        suggestions: Vec<String>,
    },
}

fn did_you_mean(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}?", suggestions.join(", "))
    }
}

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    pub(crate) fn json(path: impl Into<PathBuf>, e: &serde_json::Error) -> Self {
        Error::Json {
            path: path.into(),
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        }
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
