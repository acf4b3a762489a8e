//! Stage 2: body lines → sentences, by Unicode sentence boundaries (UAX #29) that are then
//! rejoined where a boundary fell after an abbreviation ("U.S.", "Gen.") or an initial.
//!
//! Most lines of news hold only ASCII, Latin letters and typographic quotes. For them the
//! boundaries come from `table_bounds`, the state machine of `unicode-segmentation` with its
//! category table cut down to those characters and matched directly: the same boundaries (a
//! property test compares the two) at a fraction of the cost of looking every character up in
//! the full Unicode table. Other lines go through `unicode-segmentation`.

use crate::lexicon::lower;
use crate::model::Span;
use std::collections::HashSet;
use unicode_segmentation::UnicodeSegmentation;

/// Splits each body line of `text` into sentences, trimmed of surrounding whitespace.
pub fn split(text: &str, body: &[Span], abbreviations: &HashSet<String>) -> Vec<Span> {
    let mut out = Vec::new();
    for line in body {
        let Some(line_text) = text.get(line.start..line.end) else {
            continue;
        };
        let mut pending: Option<usize> = None;
        let pieces: Box<dyn Iterator<Item = (usize, &str)>> = match table_bounds(line_text) {
            Some(pieces) => Box::new(pieces.into_iter()),
            None => Box::new(line_text.split_sentence_bound_indices()),
        };
        for (offset, piece) in pieces {
            let start = pending.unwrap_or(line.start + offset);
            let end = line.start + offset + piece.trim_end().len();
            if ends_with_abbreviation(piece.trim_end(), abbreviations) {
                pending = Some(start);
                continue;
            }
            pending = None;
            push_trimmed(text, start, end, &mut out);
        }
        if let Some(start) = pending {
            push_trimmed(text, start, line.end, &mut out);
        }
    }
    out
}

/// The sentence-break categories (UAX #29) of ASCII and of the other characters common in
/// news (Latin letters, typographic quotes and dashes, the no-break space): the rows of
/// `unicode-segmentation`'s table for them. None of them is `Sep`, `OLetter`, `Extend` or
/// `Format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Category {
    Other,
    Cr,
    Lf,
    Sp,
    Lower,
    Upper,
    Numeric,
    ATerm,
    STerm,
    Close,
    SContinue,
}

/// `c`'s category, or `None` for a character outside the table above.
fn category(c: char) -> Option<Category> {
    Some(match c {
        '\t' | '\u{b}' | '\u{c}' | ' ' | '\u{a0}' => Category::Sp,
        '\n' => Category::Lf,
        '\r' => Category::Cr,
        '!' | '?' => Category::STerm,
        '.' => Category::ATerm,
        '"' | '\'' | '(' | ')' | '[' | ']' | '{' | '}' | '«' | '»' | '\u{2018}'..='\u{201f}' => {
            Category::Close
        }
        ',' | '-' | ':' | ';' | '\u{2013}' | '\u{2014}' => Category::SContinue,
        '0'..='9' => Category::Numeric,
        'A'..='Z' | '\u{c0}'..='\u{d6}' | '\u{d8}'..='\u{de}' => Category::Upper,
        'a'..='z' | 'ª' | 'µ' | 'º' | '\u{df}'..='\u{f6}' | '\u{f8}'..='\u{ff}' => {
            Category::Lower
        }
        // Latin Extended-A: every character is a cased letter.
        '\u{100}'..='\u{17f}' if c.is_uppercase() => Category::Upper,
        '\u{100}'..='\u{17f}' if c.is_lowercase() => Category::Lower,
        _ if c.is_ascii() => Category::Other,
        _ => return None,
    })
}

/// The category of a character [`table_bounds`] has checked is in the table.
fn known_category(c: char) -> Category {
    category(c).unwrap_or(Category::Other)
}

/// What the last characters were, as `unicode-segmentation` remembers them: runs of `Close`
/// and of `Sp` count once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Sot,
    Other,
    Cr,
    Lf,
    ATerm,
    UpperLower,
    ClosePlus,
    SpPlus,
    STerm,
}

/// `parts` without its last element when that is `part`.
fn skip_last(parts: &[Part], part: Part) -> &[Part] {
    match parts.split_last() {
        Some((&last, init)) if last == part => init,
        _ => parts,
    }
}

fn ends_in_terminator(parts: &[Part]) -> bool {
    matches!(parts.last(), Some(Part::STerm | Part::ATerm))
}

/// The last four parts before a position, and the tests of the rules that read them.
#[derive(Debug, Clone, Copy)]
struct State([Part; 4]);

impl State {
    fn next(self, c: Category) -> State {
        let [_, b, d, last] = self.0;
        if (last, c) == (Part::ClosePlus, Category::Close)
            || (last, c) == (Part::SpPlus, Category::Sp)
        {
            return self;
        }
        let part = match c {
            Category::Cr => Part::Cr,
            Category::Lf => Part::Lf,
            Category::ATerm => Part::ATerm,
            Category::Upper | Category::Lower => Part::UpperLower,
            Category::Close => Part::ClosePlus,
            Category::Sp => Part::SpPlus,
            Category::STerm => Part::STerm,
            _ => Part::Other,
        };
        State([b, d, last, part])
    }

    fn last(&self) -> Part {
        self.0[3]
    }

    /// Whether no part could end a sentence at the next character (unless that is a line
    /// break or a terminator, which changes the parts).
    fn quiet(&self) -> bool {
        !self.0.iter().any(|p| {
            matches!(
                p,
                Part::Sot | Part::Cr | Part::Lf | Part::ATerm | Part::STerm
            )
        })
    }

    /// The state after `text` (every character of it in the table), read from its end: the
    /// same as feeding it all to [`State::next`], since only the last four parts count.
    fn before(text: &str) -> State {
        let mut parts = [Part::Sot; 4];
        let mut filled = 0;
        let mut chars = text.chars().rev().map(known_category).peekable();
        while filled < parts.len() {
            let Some(c) = chars.next() else { break };
            let part = State([Part::Sot; 4]).next(c).last();
            // A run of `Close` or of `Sp` is one part.
            if matches!(part, Part::ClosePlus | Part::SpPlus) {
                while chars.peek().is_some_and(|&n| n == c) {
                    chars.next();
                }
            }
            filled += 1;
            if let Some(slot) = parts.get_mut(4 - filled) {
                *slot = part;
            }
        }
        State(parts)
    }

    /// The parts before a trailing `Sp` run and `Close` run.
    fn before_close_sp(&self) -> &[Part] {
        skip_last(skip_last(&self.0, Part::SpPlus), Part::ClosePlus)
    }

    /// SB8: `ATerm Close* Sp* ×` what `ahead` starts with, when a lowercase letter comes before
    /// any letter, terminator or line break.
    fn sb8(&self, ahead: &str) -> bool {
        self.before_close_sp().last() == Some(&Part::ATerm)
            && ahead.chars().map(known_category).find(|c| {
                matches!(
                    c,
                    Category::Lower
                        | Category::Upper
                        | Category::Cr
                        | Category::Lf
                        | Category::STerm
                        | Category::ATerm
                )
            }) == Some(Category::Lower)
    }

    /// SB8a's left side: `SATerm Close* Sp*`.
    fn sb8a(&self) -> bool {
        ends_in_terminator(self.before_close_sp())
    }

    /// SB9's left side: `SATerm Close*`.
    fn sb9(&self) -> bool {
        ends_in_terminator(skip_last(&self.0, Part::ClosePlus))
    }

    /// SB11's left side: `SATerm Close* Sp* ParaSep?`.
    fn sb11(&self) -> bool {
        let parts = match self.last() {
            Part::Cr | Part::Lf => self.0.get(..3).unwrap_or(&[]),
            _ => &self.0,
        };
        ends_in_terminator(skip_last(skip_last(parts, Part::SpPlus), Part::ClosePlus))
    }
}

/// Whether a sentence ends before a character of category `c` (`ahead` is the text from it
/// on), given the state before it: the rules of UAX #29 in `unicode-segmentation`'s order.
fn breaks_before(before: &State, c: Category, ahead: &str) -> bool {
    let last = before.last();
    match c {
        _ if last == Part::Sot => true,                    // SB1
        Category::Lf if last == Part::Cr => false,         // SB3
        _ if matches!(last, Part::Cr | Part::Lf) => true,  // SB4
        Category::Numeric if last == Part::ATerm => false, // SB6
        Category::Upper if before.0[2] == Part::UpperLower && last == Part::ATerm => false, // SB7
        _ if before.sb8(ahead) => false,
        Category::SContinue | Category::STerm | Category::ATerm if before.sb8a() => false,
        Category::Close | Category::Sp | Category::Cr | Category::Lf if before.sb9() => false,
        Category::Sp | Category::Cr | Category::Lf if before.sb8a() => false, // SB10
        _ => before.sb11(),
    }
}

/// The sentence pieces of `text` with their offsets, as `text.split_sentence_bound_indices()`
/// gives them, when every character of `text` is in [`category`]'s table.
fn table_bounds(text: &str) -> Option<Vec<(usize, &str)>> {
    if !text.is_ascii() && text.chars().any(|c| category(c).is_none()) {
        return None;
    }
    let mut state = State([Part::Sot; 4]);
    let mut breaks = Vec::new();
    let mut i = 0;
    while let Some(ch) = text.get(i..).and_then(|rest| rest.chars().next()) {
        let c = known_category(ch);
        let before = state;
        state = state.next(c);
        // Only a line break or a terminator among the last parts can end a sentence here.
        let quiet = !matches!(c, Category::Cr | Category::Lf) && before.quiet();
        if !quiet && breaks_before(&before, c, text.get(i..).unwrap_or("")) {
            breaks.push(i);
        }
        i += ch.len_utf8();
        if state.quiet() {
            // No sentence can end before the next terminator or line break: go straight
            // there, and rebuild the state its last parts give.
            let Some(next) = text.get(i..).and_then(|rest| {
                rest.bytes()
                    .position(|b| matches!(b, b'.' | b'!' | b'?' | b'\r' | b'\n'))
            }) else {
                break;
            };
            i += next;
            state = State::before(text.get(..i).unwrap_or(""));
        }
    }
    if !text.is_empty() {
        breaks.push(text.len());
    }
    Some(
        breaks
            .windows(2)
            .filter_map(|w| match *w {
                [start, end] => Some((start, text.get(start..end)?)),
                _ => None,
            })
            .collect(),
    )
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let Some(s) = text.get(start..end) else {
        return;
    };
    let lead = s.len() - s.trim_start().len();
    let span = Span::new(start + lead, start + s.trim_end().len());
    if !span.is_empty() {
        out.push(span);
    }
}

/// Whether the last word of `piece` is a known abbreviation or a single capital initial.
fn ends_with_abbreviation(piece: &str, abbreviations: &HashSet<String>) -> bool {
    let Some(last) = piece.split_whitespace().next_back() else {
        return false;
    };
    if !last.ends_with('.') {
        return false;
    }
    let word = last.trim_start_matches(|c: char| !c.is_alphanumeric());
    // "J. Doe" — but "the M23." ends its sentence: a name with digits is no initial.
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    let initial = matches!((letters.next(), letters.next()), (Some(c), None) if c.is_uppercase())
        && !word.chars().any(|c| c.is_ascii_digit());
    initial || abbreviations.contains(lower(word).as_ref())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        let abbreviations: HashSet<String> = ["u.s.", "gen.", "col."]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let body = [Span::new(0, text.len())];
        split(text, &body, &abbreviations)
            .iter()
            .map(|s| s.text(text))
            .collect()
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        assert_eq!(
            sentences("The U.S. Army met Gen. Smith and J. Doe. They agreed. Then left."),
            [
                "The U.S. Army met Gen. Smith and J. Doe.",
                "They agreed.",
                "Then left."
            ]
        );
        assert_eq!(
            sentences("They fought the M23. She said so."),
            ["They fought the M23.", "She said so."]
        );
    }

    /// Punctuation and spaces of every category, with a few letters of each case.
    const TRICKY: &[char] = &[
        'a', 'z', 'Z', 'é', 'É', 'ı', 'İ', '1', '.', '.', '!', '?', ' ', ' ', '\t', '\u{a0}', '"',
        '\'', '(', ')', '«', '’', '“', '”', ',', '-', ':', ';', '–', '—', '#', '\r', '\n', '…',
    ];

    fn agrees(text: &str) -> Result<(), proptest::test_runner::TestCaseError> {
        let reference: Vec<(usize, &str)> = text.split_sentence_bound_indices().collect();
        if let Some(fast) = table_bounds(text) {
            proptest::prop_assert_eq!(fast, reference);
        }
        Ok(())
    }

    proptest::proptest! {
        #[test]
        fn table_bounds_agree_with_unicode_segmentation(
            chars in proptest::collection::vec(proptest::sample::select(TRICKY), 0..40)
        ) {
            agrees(&chars.into_iter().collect::<String>())?;
        }

        #[test]
        fn long_runs_between_terminators_agree_with_unicode_segmentation(
            text in "([A-Za-zé1-9]{1,7}[ ,;’”\")(.!?\n\r-]{0,3}){1,40}"
        ) {
            agrees(&text)?;
        }

        #[test]
        fn every_latin_letter_has_the_category_unicode_segmentation_gives_it(
            text in "([. ]{1,2}[\u{aa}\u{b5}\u{ba}\u{c0}-\u{17f}]){1,12}"
        ) {
            agrees(&text)?;
        }
    }

    #[test]
    fn pieces_lie_inside_the_text() {
        let text = "  One.  Two?   ";
        assert_eq!(sentences(text), ["One.", "Two?"]);
    }
}
