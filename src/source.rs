//! Stage 0: paths → documents. Files are read one at a time; a folder contributes every `.txt`
//! file below it, its documents named by their path relative to the folder.

use crate::error::{Error, Result};
use crate::ingest::Document;
use crate::lexicon::Lexicon;
use std::io::Read;
use std::path::{Path, PathBuf};

/// A file to ingest and the id its document will carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The document id: the file name, or the path relative to the folder given.
    pub id: String,
    /// Where to read it.
    pub path: PathBuf,
}

/// Expands files and folders into sources, in a stable order. A path that does not exist, or a
/// folder without a `.txt` file, is reported and skipped.
pub fn collect<P: AsRef<Path>>(paths: &[P]) -> (Vec<Source>, Vec<Error>) {
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        let path = path.as_ref();
        if path.is_dir() {
            let before = sources.len();
            if let Err(e) = walk(path, path, &mut sources) {
                errors.push(e);
            } else if sources.len() == before {
                errors.push(Error::NoDocuments {
                    path: path.to_path_buf(),
                });
            }
        } else if path.exists() {
            let id = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            sources.push(Source {
                id,
                path: path.to_path_buf(),
            });
        } else {
            errors.push(Error::io(
                path,
                std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or folder"),
            ));
        }
    }
    (sources, errors)
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<Source>) -> Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(root, &path, out)?;
        } else if path.extension().is_some_and(|e| e == "txt") {
            let id = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            out.push(Source { id, path });
        }
    }
    Ok(())
}

/// The largest document read unless told otherwise: 50 MB, some thousand times a long news
/// article. A larger "article" is a dump, a log or an attack, and would hold memory for its
/// text several times over while it is read.
pub const DEFAULT_MAX_DOCUMENT_BYTES: u64 = 50_000_000;

/// Reads and cleans one source, refusing one over [`DEFAULT_MAX_DOCUMENT_BYTES`].
///
/// # Errors
/// As [`read_within`].
pub fn read(source: &Source, lexicon: &Lexicon) -> Result<Document> {
    read_within(source, lexicon, Some(DEFAULT_MAX_DOCUMENT_BYTES))
}

/// Reads and cleans one source of at most `max_bytes` (`None`: any size).
///
/// Invalid UTF-8 is rejected, not repaired: a replaced byte would shift no offset but would
/// silently change names and evidence, and a file that is not UTF-8 is most often not an
/// article at all (a PDF, an image, UTF-16).
///
/// # Errors
/// [`Error::Io`] when it cannot be read, [`Error::DocumentTooLarge`] when it is over the limit
/// (its size is checked before it is read), [`Error::NotText`] when it is not UTF-8 (binary
/// files included; the offset of the first bad byte is given), [`Error::EmptyDocument`] when it
/// holds no text.
pub fn read_within(source: &Source, lexicon: &Lexicon, max_bytes: Option<u64>) -> Result<Document> {
    let bytes = read_bytes(&source.path, max_bytes)?;
    let text = String::from_utf8(bytes).map_err(|e| Error::NotText {
        path: source.path.clone(),
        offset: e.utf8_error().valid_up_to(),
    })?;
    document(&source.id, text, &source.path, lexicon)
}

/// The bytes of the file at `path`, or [`Error::DocumentTooLarge`] without reading more than
/// one byte past the limit: the size the file system reports is checked first, and the read
/// itself is bounded, for files that grow or report no size (pipes, `/proc`).
fn read_bytes(path: &Path, max_bytes: Option<u64>) -> Result<Vec<u8>> {
    let io = |e| Error::io(path, e);
    let Some(limit) = max_bytes else {
        return std::fs::read(path).map_err(io);
    };
    let too_large = |bytes| Error::DocumentTooLarge {
        path: path.to_path_buf(),
        bytes,
        limit,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    if size > limit {
        return Err(too_large(size));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    let read = bytes.len() as u64;
    if read > limit {
        return Err(too_large(read));
    }
    Ok(bytes)
}

/// Cleans text given directly; `origin` names it in errors.
///
/// # Errors
/// [`Error::EmptyDocument`] when it holds no text.
pub fn document(id: &str, text: String, origin: &Path, lexicon: &Lexicon) -> Result<Document> {
    if text
        .trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}' || c == '\0')
        .is_empty()
    {
        return Err(Error::EmptyDocument {
            path: origin.into(),
        });
    }
    Ok(Document::new(id, text, lexicon))
}
