//! Stage 2: body lines → sentences, by Unicode sentence boundaries (UAX #29) that are then
//! rejoined where a boundary fell after an abbreviation ("U.S.", "Gen.") or an initial.

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
        for (offset, piece) in line_text.split_sentence_bound_indices() {
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
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    let initial = matches!((letters.next(), letters.next()), (Some(c), None) if c.is_uppercase());
    initial || abbreviations.contains(&word.to_lowercase())
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
    }

    #[test]
    fn pieces_lie_inside_the_text() {
        let text = "  One.  Two?   ";
        assert_eq!(sentences(text), ["One.", "Two?"]);
    }
}
