//! The built-in lexicon parsed and its names collected ahead of time.
//!
//! Parsing the built-in TOML files took ~175 M instructions of every process's start, and
//! collecting their names (folding every alias, the case variants, the pattern set) ~280 M.
//! The build script (`build.rs`) does both once per build with this code and writes the result
//! to `OUT_DIR/lexicon.bin` in `postcard`'s format: a fingerprint of the built-in files' names
//! and texts, then the merged file with the origin of each entry, then the names' parts
//! ([`NamesParts`]). The library reads the file back when a builder starts with the built-in
//! files (a user's files are parsed and merged after it), and the names' parts when it holds
//! nothing else. A blob whose fingerprint differs from the files compiled in (a stale build
//! output) or that does not decode is not used: the files are parsed as before.

use super::built_in::BUILT_IN;
use super::files::LexiconFile;
use super::names::{NamesParts, parts};
use crate::error::{Error, Result};

/// A hash of the built-in files' names and texts, the same in the build script and at run
/// time: a fixed seed.
pub(crate) fn fingerprint() -> u64 {
    use std::hash::BuildHasher;
    foldhash::quality::FixedState::with_seed(0x6c65_7869).hash_one(BUILT_IN)
}

/// The built-in lexicon laid out: what `build.rs` writes.
///
/// # Errors
/// Those of parsing the built-in files and collecting their names (the crate's tests rule them
/// out), or of encoding them.
#[cfg_attr(
    not(test),
    allow(dead_code, reason = "called by build.rs and the tests")
)]
pub(crate) fn lay_out() -> Result<Vec<u8>> {
    let error = |e: postcard::Error| Error::Lexicon {
        file: "prebuilt lexicon".to_owned(),
        message: e.to_string(),
    };
    let file = LexiconFile::parse_all(BUILT_IN.iter().copied())?;
    let names = parts(&file)?;
    let mut out = fingerprint().to_le_bytes().to_vec();
    out = postcard::to_extend(&(&file, &file.origin), out).map_err(error)?;
    postcard::to_extend(&names, out).map_err(error)
}

/// The merged built-in file in `blob` (its entries' origins filled in), and the bytes of the
/// names' parts after it; `None` when the blob is not of the files compiled in or is damaged.
pub(crate) fn load_file(blob: &[u8]) -> Option<(LexiconFile, &[u8])> {
    let (head, rest) = blob.split_first_chunk::<8>()?;
    if u64::from_le_bytes(*head) != fingerprint() {
        return None;
    }
    let ((mut file, origin), rest): ((LexiconFile, Vec<String>), _) =
        postcard::take_from_bytes(rest).ok()?;
    file.origin = origin;
    Some((file, rest))
}

/// The names' parts that [`load_file`] left; `None` when damaged.
pub(crate) fn load_names(rest: &[u8]) -> Option<NamesParts> {
    match postcard::take_from_bytes(rest) {
        Ok((names, [])) => Some(names),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(file: &LexiconFile) -> Result<Vec<u8>> {
        postcard::to_stdvec(&(file, &file.origin)).map_err(|e| Error::Lexicon {
            file: "test".to_owned(),
            message: e.to_string(),
        })
    }

    #[test]
    fn the_prebuilt_lexicon_is_the_built_in_files() -> Result<()> {
        // What build.rs wrote is what the lexicon files and this code lay out now.
        assert!(lay_out()? == super::super::PREBUILT_LEXICON);
        Ok(())
    }

    #[test]
    fn the_prebuilt_file_reads_back_as_the_parsed_files() -> Result<()> {
        let parsed = LexiconFile::parse_all(BUILT_IN.iter().copied())?;
        let (loaded, rest) =
            load_file(super::super::PREBUILT_LEXICON).ok_or_else(|| Error::Lexicon {
                file: "test".to_owned(),
                message: "the prebuilt lexicon did not load".to_owned(),
            })?;
        assert_eq!(loaded.origin, parsed.origin);
        assert!(encoded(&loaded)? == encoded(&parsed)?);
        assert!(load_names(rest).is_some());
        Ok(())
    }

    #[test]
    fn files_after_the_built_in_ones_merge_as_when_all_are_parsed() -> Result<()> {
        let user = (
            "user.toml",
            "[[actor]]\nname = \"Syria\"\nkind = \"state\"\naliases = [\"Sham Republic\"]\n\
             [heads]\nforce = [\"Legion\"]\n[cues]\ndenial = [\"pooh-poohed\"]\n",
        );
        let all = LexiconFile::parse_all(BUILT_IN.iter().copied().chain([user]))?;
        let (prebuilt, _) =
            load_file(super::super::PREBUILT_LEXICON).ok_or_else(|| Error::Lexicon {
                file: "test".to_owned(),
                message: "the prebuilt lexicon did not load".to_owned(),
            })?;
        let more = prebuilt.parse_more([user])?;
        assert_eq!(more.origin, all.origin);
        assert!(encoded(&more)? == encoded(&all)?);
        Ok(())
    }

    #[test]
    fn a_stale_or_damaged_prebuilt_lexicon_is_not_used() {
        let blob = super::super::PREBUILT_LEXICON;
        let mut stale = blob.to_vec();
        if let Some(b) = stale.first_mut() {
            *b ^= 1;
        }
        assert!(load_file(&stale).is_none());
        assert!(load_file(&[]).is_none());
        if let Some((_, rest)) = load_file(blob) {
            // Cut inside the file's part.
            let file_end = blob.len() - rest.len();
            assert!(load_file(blob.get(..file_end - 1).unwrap_or_default()).is_none());
            assert!(load_file(blob.get(..file_end / 2).unwrap_or_default()).is_none());
            assert!(load_names(rest.get(..rest.len() / 2).unwrap_or_default()).is_none());
            // Anything after the names is damage too.
            let mut longer = rest.to_vec();
            longer.push(0);
            assert!(load_names(&longer).is_none());
        } else {
            unreachable!("the prebuilt lexicon did not load");
        }
    }
}
