//! Generated news-like text for property tests: the pieces news is made of — names, cue
//! words, titles, punctuation, line breaks — mixed with arbitrary Unicode, and articles of
//! sentences that state relations between known actors.

use proptest::prelude::*;

const PIECES: &[&str] = &[
    "US",
    "U.S.",
    "Iraqi",
    "Iraqi army",
    "Moscow",
    "Washington",
    "al-Assad",
    "Bashar al-Assad",
    "SDF",
    "the Islamic State",
    "IS",
    "Daesh",
    "Russians",
    "the coalition",
    "the group",
    "the army",
    "its",
    "spokesman",
    "Prime Minister",
    "Gen.",
    "Brig. Gen.",
    "Colonel",
    "led by",
    "called",
    "town of",
    "coordinating with",
    "fought",
    "against",
    "backed by",
    "-backed",
    "-led",
    "anti-",
    "denied",
    "rejected reports that",
    "false",
    "not",
    "never",
    "refused to",
    "could",
    "reportedly",
    "between",
    "alongside",
    "and",
    "or",
    ",",
    ", ",
    "(",
    ")",
    "(SDF)",
    "'s",
    "’s",
    "“",
    "”",
    "\"",
    "—",
    ";",
    ":",
    ".",
    "?",
    "!",
    " ",
    "  ",
    "\n",
    "\r\n",
    "\t",
    "\u{feff}",
    "\0",
    "Comments are closed",
    "4 min read",
    "Monday, August 29, 2016",
    "2019-05-03",
    "Zawiya Shield Brigade",
    "Souffiyah district",
    "which",
    "forces",
    "militias",
    "Dune",
    "Falcons",
    "é",
    "ß",
    "ع",
    "Ж",
    "\u{200f}",
    "🙂",
    "x",
    "-",
    "'",
];

/// Pieces joined by spaces, up to 80 of them: every stage meets odd combinations.
pub fn news_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => proptest::sample::select(PIECES).prop_map(str::to_owned),
        1 => any::<char>().prop_map(|c| c.to_string()),
        1 => "[A-Z][a-z]{1,8}",
    ];
    proptest::collection::vec(piece, 0..80).prop_map(|pieces| pieces.join(" "))
}

/// Actors the built-in lexicon knows.
const ACTORS: &[&str] = &[
    "Iran",
    "the Houthis",
    "Saudi forces",
    "Russia",
    "Turkey",
    "the YPG",
    "the SDF",
    "the Islamic State",
    "Iraqi forces",
    "the United States",
    "Hezbollah",
    "Israel",
];

/// What one actor does to another, as news puts it.
const VERBS: &[&str] = &[
    "backs",
    "is coordinating with",
    "fought",
    "attacked",
    "is not coordinating with",
    "denied reports that it was arming",
    "reportedly supports",
    "met",
];

/// A sentence that states a relation, sometimes with noise around it.
fn relation_sentence() -> impl Strategy<Value = String> {
    (
        proptest::sample::select(ACTORS),
        proptest::sample::select(VERBS),
        proptest::sample::select(ACTORS),
        prop_oneof![4 => Just(String::new()), 1 => news_like()],
    )
        .prop_map(|(a, verb, b, noise)| {
            let mut first = a.to_owned();
            if let Some(c) = first.get_mut(..1) {
                c.make_ascii_uppercase();
            }
            format!("{first} {verb} {b}. {noise}")
        })
}

/// An article: an optional headline and date line, then sentences on one or more lines.
pub fn article() -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        proptest::collection::vec((relation_sentence(), any::<bool>()), 1..8),
    )
        .prop_map(|(headed, sentences)| {
            let mut text = if headed {
                "Talks stall again\nMarch 3, 2023\n".to_owned()
            } else {
                String::new()
            };
            for (sentence, newline) in sentences {
                text.push_str(&sentence);
                text.push(if newline { '\n' } else { ' ' });
            }
            text
        })
}

/// A corpus of one to `max` articles, with distinct ids.
pub fn corpus(max: usize) -> impl Strategy<Value = Vec<(String, String)>> {
    proptest::collection::vec(article(), 1..=max).prop_map(|texts| {
        texts
            .into_iter()
            .enumerate()
            .map(|(i, t)| (format!("doc{i}.txt"), t))
            .collect()
    })
}
