//! Substring search for the short needles of the extraction rules (", ", "anti-", "as well
//! as") in the short haystacks they search (a sentence, a gap between two names).
//!
//! `str::find` and `str::rfind` with a `&str` pattern set up a two-way searcher on every call
//! (~250 instructions, more than the search itself when the haystack is a sentence), and the
//! rules call them hundreds of thousands of times per megabyte. These find one byte of the
//! needle with `memchr` — its first, or its second when the first is a space (the hyphen of
//! " - ") — and compare the whole needle in place at each candidate. Each returns exactly what its `str` counterpart
//! does (the tests check it): a match of a UTF-8 needle in a `str` starts and ends on
//! character boundaries.

/// `haystack.find(needle)`.
pub(crate) fn find(haystack: &str, needle: &str) -> Option<usize> {
    find_from(haystack.as_bytes(), needle.as_bytes(), 0)
}

/// `haystack.rfind(needle)`.
pub(crate) fn rfind(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    if n.is_empty() {
        return Some(h.len());
    }
    let (k, &rare) = rare_byte(n)?;
    // A match starting at `s` needs `n.len()` bytes from `s`, and has its rare byte at `s + k`:
    // the window's `i`-th byte is at `k + i`, the rare byte of a match starting at `i`.
    let last_start = h.len().checked_sub(n.len())?;
    let window = h.get(k..=last_start + k)?;
    memchr::memrchr_iter(rare, window).find(|&s| h.get(s..s + n.len()) == Some(n))
}

/// `haystack.contains(needle)`.
pub(crate) fn contains(haystack: &str, needle: &str) -> bool {
    find(haystack, needle).is_some()
}

/// The starts of `haystack.match_indices(needle)`: non-overlapping matches, left to right.
/// (An empty needle matches at every character boundary, as `match_indices` does.)
pub(crate) fn find_iter<'a>(
    haystack: &'a str,
    needle: &'a str,
) -> impl Iterator<Item = usize> + 'a {
    let mut from = Some(0);
    std::iter::from_fn(move || {
        let at = from?;
        let found = if needle.is_empty() {
            // Every character boundary, the end included.
            let next = haystack
                .get(at..)
                .and_then(|r| r.chars().next())
                .map(|c| at + c.len_utf8());
            from = next;
            return (at <= haystack.len()).then_some(at);
        } else {
            find_from(haystack.as_bytes(), needle.as_bytes(), at)
        };
        from = found.map(|i| i + needle.len());
        found
    })
}

/// `haystack.replace(needle, with)`.
pub(crate) fn replace(haystack: &str, needle: &str, with: &str) -> String {
    if needle.is_empty() {
        return haystack.replace(needle, with);
    }
    let mut out = String::with_capacity(haystack.len());
    let mut last = 0;
    for at in find_iter(haystack, needle) {
        out.push_str(haystack.get(last..at).unwrap_or(""));
        out.push_str(with);
        last = at + needle.len();
    }
    out.push_str(haystack.get(last..).unwrap_or(""));
    out
}

/// The first match of `n` in `h` that starts at or after `from`.
#[inline]
fn find_from(h: &[u8], n: &[u8], from: usize) -> Option<usize> {
    if n.is_empty() {
        return (from <= h.len()).then_some(from);
    }
    let (k, &rare) = rare_byte(n)?;
    let last_start = h.len().checked_sub(n.len())?;
    if from > last_start {
        return None;
    }
    // The window's `i`-th byte is the rare byte of a match starting at `from + i`.
    let window = h.get(from + k..=last_start + k)?;
    memchr::memchr_iter(rare, window)
        .map(|i| from + i)
        .find(|&s| h.get(s..s + n.len()) == Some(n))
}

/// The byte of `n` to look for, and where it stands: the first, unless that is a space (the
/// most common byte of text) and another follows (the hyphen of " - ").
fn rare_byte(n: &[u8]) -> Option<(usize, &u8)> {
    match n {
        [b' ', second, ..] => Some((1, second)),
        [first, ..] => Some((0, first)),
        [] => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn all_agree(h: &str, n: &str) {
        assert_eq!(find(h, n), h.find(n), "find {n:?} in {h:?}");
        assert_eq!(rfind(h, n), h.rfind(n), "rfind {n:?} in {h:?}");
        assert_eq!(contains(h, n), h.contains(n), "contains {n:?} in {h:?}");
        let ours: Vec<usize> = find_iter(h, n).collect();
        let std: Vec<usize> = h.match_indices(n).map(|(i, _)| i).collect();
        assert_eq!(ours, std, "match_indices {n:?} in {h:?}");
        assert_eq!(
            replace(h, n, " , "),
            h.replace(n, " , "),
            "replace {n:?} in {h:?}"
        );
    }

    #[test]
    fn agrees_with_the_standard_library_on_examples() {
        for h in [
            "",
            ",",
            ", ",
            "a, b, c",
            "Iran, Syria, and Russia, ",
            ",,  , ,",
            "anti-IS pro-Assad anti-anti-",
            "as well as as well as",
            "aaaa",
            "é, ü, ’s, “x”",
            "X - Y – Z—W -- a  - b",
            "   ",
        ] {
            for n in [
                " - ",
                " – ",
                "—",
                " ",
                "  ",
                " a",
                "a ",
                "",
                ",",
                ", ",
                "a",
                "aa",
                "anti-",
                "as well as",
                "’",
                "’s",
                "x”",
                "é, ü",
            ] {
                all_agree(h, n);
            }
        }
    }

    #[test]
    fn the_byte_looked_for_is_the_first_but_a_space() {
        assert_eq!(rare_byte(b" - "), Some((1, &b'-')));
        assert_eq!(rare_byte(b"as well as"), Some((0, &b'a')));
        assert_eq!(rare_byte(b", "), Some((0, &b',')));
        assert_eq!(rare_byte(b"  "), Some((1, &b' ')));
        assert_eq!(rare_byte(b" "), Some((0, &b' ')));
        assert_eq!(rare_byte(b""), None);
    }

    proptest! {
        #[test]
        fn agrees_with_the_standard_library(
            h in "[a ,.’é–-]{0,40}",
            n in "[a ,’é–-]{0,4}",
        ) {
            all_agree(&h, &n);
        }

        #[test]
        fn agrees_on_any_text(h in "\\PC{0,30}", n in "\\PC{0,3}") {
            all_agree(&h, &n);
        }
    }
}
