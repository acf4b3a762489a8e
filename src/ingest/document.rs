//! Stage 1: raw text → a [`Document`]: its title and date found, page furniture, bylines and
//! reader comments set aside. The text itself is kept whole so that every offset downstream
//! points into the original.

use crate::lexicon::Lexicon;
use crate::model::{Date, Span};
use serde::{Deserialize, Serialize};

/// One article, cleaned: the original text and the parts of it that are the article's body.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Document {
    /// Its id: the file name, or the path relative to the folder ingested.
    pub id: String,
    /// The whole original text; every span indexes into it.
    pub text: String,
    /// The headline, when the text starts with one.
    pub title: Option<String>,
    /// The publication date, from a date line or a dateline.
    pub date: Option<Date>,
    /// The lines that make up the article body, in order (headline included).
    pub body: Vec<Span>,
}

impl Document {
    /// Cleans `text` with the lexicon's cleaning rules.
    ///
    /// ```
    /// use factions::{Document, Lexicon};
    /// let lexicon = Lexicon::built_in()?;
    /// let doc = Document::new("a.txt", "Rebels seize port\nMarch 3, 2023\n2 min read\nThe rebels took the port.\nComments are closed\nby: troll\nNonsense!", &lexicon);
    /// assert_eq!(doc.title.as_deref(), Some("Rebels seize port"));
    /// assert_eq!(doc.date.map(|d| d.to_string()).as_deref(), Some("2023-03-03"));
    /// assert_eq!(doc.body.len(), 2); // the headline and one body line; the comments are gone
    /// # Ok::<(), factions::Error>(())
    /// ```
    pub fn new(id: impl Into<String>, text: impl Into<String>, lexicon: &Lexicon) -> Document {
        let text = text.into();
        let (body, date) = clean(&text, lexicon);
        let title = body
            .first()
            .map(|s| s.text(&text).trim())
            .filter(|t| looks_like_headline(t))
            .map(str::to_owned);
        Document {
            id: id.into(),
            text,
            title,
            date,
            body,
        }
    }
}

/// A sentence of the article rather than a headline: twelve words or more, ending as a sentence
/// ends.
fn reads_as_prose(line: &str) -> bool {
    line.ends_with(['.', '!', '?', '"', '”', '\'', '’', ')'])
        && line.split_whitespace().nth(11).is_some()
}

fn looks_like_headline(line: &str) -> bool {
    line.len() < 160 && !line.ends_with('.') && line.split_whitespace().count() >= 2
}

/// The body lines and the date of `text`.
fn clean(text: &str, lexicon: &Lexicon) -> (Vec<Span>, Option<Date>) {
    let rules = &lexicon.cleaning;
    let mut body = Vec::new();
    // Every line goes through both: one buffer for the lowercase, a fast hash for the lines.
    let mut seen: foldhash::HashSet<&str> = foldhash::HashSet::default();
    let mut lower = String::new();
    let mut date = None;
    let mut byline: Option<String> = None;
    // Inside a list of other stories' headlines ("Related stories").
    let mut in_aside = false;
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_start_matches('\u{feff}');
        let lead = raw.len() - line.len() + (line.len() - line.trim_start().len());
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        lowercase_into(&mut lower, line);
        // "58 Comments", "1,204 comments": a count may stand before the marker.
        let uncounted = lower.trim_start_matches(|c: char| c.is_ascii_digit() || c == ',');
        let uncounted = if uncounted.len() < lower.len() {
            uncounted.trim_start()
        } else {
            lower.as_str()
        };
        if rules.end_markers.iter().any(|m| starts_with(uncounted, m)) {
            break;
        }
        if rules.aside_markers.iter().any(|m| starts_with(&lower, m)) {
            in_aside = true;
            continue;
        }
        if in_aside && !reads_as_prose(line) {
            continue;
        }
        in_aside = false;
        if date.is_none() && body.len() < 6 {
            date = find_date(line, &rules.months);
            if date.is_some() && line.len() < 60 && !line.ends_with('.') {
                continue; // a date line, not text
            }
        }
        if let Some(name) = byline_name(line, &rules.byline_prefixes) {
            byline = Some(name);
            continue;
        }
        // The lexicon holds these rules lowercased already.
        let bare = lower.trim_end_matches(['.', ':', '!']);
        let is_furniture = rules.furniture.iter().any(|f| f == bare)
            || rules
                .furniture_prefixes
                .iter()
                .any(|p| starts_with(&lower, p))
            || rules
                .furniture_suffixes
                .iter()
                .any(|s| ends_with(&lower, s));
        let is_bio = byline.as_deref().is_some_and(|name| {
            line.starts_with(name)
                && line
                    .get(name.len()..)
                    .is_some_and(|r| r.starts_with(" is "))
        });
        if is_furniture || is_bio || is_doubled(line) || !seen.insert(line) {
            continue;
        }
        let s = start + lead;
        body.push(Span::new(s, s + line.len()));
    }
    (body, date)
}

/// `line.to_lowercase()` written over `out`, whose buffer serves every line of a document.
fn lowercase_into(out: &mut String, line: &str) {
    out.clear();
    if line.is_ascii() {
        out.push_str(line);
        out.make_ascii_lowercase();
    } else {
        out.push_str(&line.to_lowercase());
    }
}

/// `text.starts_with(prefix)`, its first byte compared inline first: every line is compared
/// with some sixty markers, and most differ from it there (a full comparison is a call).
fn starts_with(text: &str, prefix: &str) -> bool {
    match prefix.as_bytes().first() {
        Some(b) => text.as_bytes().first() == Some(b) && text.starts_with(prefix),
        None => true,
    }
}

/// `text.ends_with(suffix)`, its last byte compared inline first (see [`starts_with`]).
fn ends_with(text: &str, suffix: &str) -> bool {
    match suffix.as_bytes().last() {
        Some(b) => text.as_bytes().last() == Some(b) && text.ends_with(suffix),
        None => true,
    }
}

/// The name in a byline ("By Jane Doe", "Author: Jason Ditz"), so that the bio after it can go.
fn byline_name(line: &str, prefixes: &[String]) -> Option<String> {
    // Seven words are enough to know: a paragraph is not counted to its end.
    if line.split_whitespace().nth(6).is_some() {
        return None;
    }
    prefixes
        .iter()
        .find_map(|p| line.strip_prefix(p.as_str()))
        .map(|rest| rest.trim().to_owned())
        .filter(|name| name.chars().next().is_some_and(char::is_uppercase))
}

/// A scraped caption glued to itself: "Syrian PresidentSyrian President".
fn is_doubled(line: &str) -> bool {
    let half = line.len() / 2;
    line.len() > 20
        && line.len().is_multiple_of(2)
        && line
            .get(..half)
            .is_some_and(|a| Some(a) == line.get(half..))
}

/// The first full date in `line`: "August 29, 2016", "29 August 2016", "2016-08-29",
/// "Monday, August 29, 2016", "12 Jan 2022".
pub(crate) fn find_date(line: &str, months: &[String]) -> Option<Date> {
    let words: Vec<&str> = line
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    let month_of = |w: &str| -> Option<u8> {
        let w = w.trim_end_matches('.');
        months
            .iter()
            .position(|m| m.eq_ignore_ascii_case(w))
            .and_then(|i| u8::try_from(i % 12 + 1).ok())
    };
    let number = |w: &str| w.parse::<u16>().ok();
    for (i, w) in words.iter().enumerate() {
        if let Some(d) = iso_date(w) {
            return Some(d);
        }
        let next = |k: usize| words.get(i + k).copied();
        if let Some(month) = month_of(w) {
            // Month Day Year
            if let (Some(d), Some(y)) = (next(1).and_then(number), next(2).and_then(number))
                && let Some(date) = Date::new(y, month, u8::try_from(d).unwrap_or(0))
            {
                return Some(date);
            }
        } else if let Some(d) = number(w)
            && let (Some(month), Some(y)) = (next(1).and_then(month_of), next(2).and_then(number))
            && let Some(date) = Date::new(y, month, u8::try_from(d).unwrap_or(0))
        {
            return Some(date);
        }
    }
    None
}

fn iso_date(word: &str) -> Option<Date> {
    let mut parts = word.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if y.len() != 4 || m.len() != 2 || d.len() < 2 {
        return None;
    }
    Date::new(y.parse().ok()?, m.parse().ok()?, d.get(..2)?.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon() -> Lexicon {
        Lexicon::built_in().unwrap_or_else(|e| unreachable!("{e}"))
    }

    /// The body lines cleaning keeps of `text`.
    fn body(text: &str) -> Vec<String> {
        let doc = Document::new("x", text, &lexicon());
        doc.body
            .iter()
            .map(|s| s.text(&doc.text).to_owned())
            .collect()
    }

    #[test]
    fn dates_in_common_news_formats() {
        let months = lexicon().cleaning.months.clone();
        for (line, want) in [
            ("Monday, August 29, 2016", Some("2016-08-29")),
            ("Tuesday, 14 March 2023", Some("2023-03-14")),
            ("Updated: 12 Jan 2022 10:15 GMT", Some("2022-01-12")),
            ("Published 2019-05-03T10:00Z", Some("2019-05-03")),
            ("On August 17, the Pentagon said", None),
            ("KHARTOUM, April 16, 2023 (AFP) -", Some("2023-04-16")),
        ] {
            assert_eq!(
                find_date(line, &months).map(|d| d.to_string()).as_deref(),
                want,
                "{line}"
            );
        }
    }

    #[test]
    fn furniture_bylines_and_comments_stay_out() {
        let text = "Border talks open\n3 min read\nBy Jane Roe\nJane Roe is a reporter.\nThe two armies met.\nShare this article\nThe two armies met.\nThis forum has been closed.\nby: someone from: somewhere\nThey are allies!\n";
        assert_eq!(body(text), ["Border talks open", "The two armies met."]);
    }

    #[test]
    fn a_counted_comments_heading_ends_the_article() {
        let text = "Talks resume\nThe envoys met in Geneva.\n\n58 Comments\n\nreader1\nEveryone knows they are allies.\n";
        assert_eq!(body(text), ["Talks resume", "The envoys met in Geneva."]);
    }

    #[test]
    fn a_list_of_other_stories_is_dropped_and_the_article_resumes_after_it() {
        let text = "Truce holds\nThe two armies pulled back from the border crossing on Friday, officials said.\nRecommended Stories\nlist 1 of 2\nRebels seize a second town\nWho are the rebels?\nend of list\nThe rebels said they had agreed to share the border post with the army for now.\n";
        assert_eq!(
            body(text),
            [
                "Truce holds",
                "The two armies pulled back from the border crossing on Friday, officials said.",
                "The rebels said they had agreed to share the border post with the army for now."
            ]
        );
    }

    #[test]
    fn body_spans_point_into_the_original_text_after_a_bom_and_crlf() {
        let text = "\u{feff}Headline here\r\nSecond line.\r\n";
        assert_eq!(body(text), ["Headline here", "Second line."]);
    }
}
