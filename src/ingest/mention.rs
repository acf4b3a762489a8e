//! Stage 3: sentences → mentions. One automaton pass finds every lexicon name; cues in the text
//! find the names no lexicon has: a title before a capitalised name ("SDF spokesman Mustafa
//! Bali"), a head noun after one ("Souffiyah district", "Brigade of the Dunes"), an acronym in
//! parentheses, and forces named after their backer ("Iranian-backed forces").

use crate::lexicon::{
    CueHit, EntryId, Lexicon, NameRole, Referent, class, lower, lowercase_prefix_of,
};
use crate::model::{EntityKind, Span};

/// What a mention names, before resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// A lexicon entry.
    Entry(EntryId, NameRole),
    /// A name found from the text, with the kind its cue gives.
    New(String, EntityKind),
    /// A single word after a title: a surname to resolve within the document.
    Surname(String),
    /// A word that refers back to an actor ("its" in "its commander").
    Reference(Referent),
}

/// A name found in a sentence.
#[derive(Debug, Clone)]
pub(crate) struct RawMention {
    pub span: Span,
    pub sentence: usize,
    pub target: Target,
    /// The title just before the name ("Foreign Minister"), when there is one.
    pub title: Option<Span>,
}

/// Everything stage 3 finds in one sentence.
#[derive(Debug, Default)]
pub(crate) struct SentenceFinds {
    /// The sentence's index and span.
    pub index: usize,
    pub span: Span,
    pub mentions: Vec<RawMention>,
    pub cues: Vec<CueHit>,
    /// An acronym defined in parentheses, with the mention it abbreviates.
    pub acronyms: Vec<(String, usize)>,
}

/// Finds the names and cues of one sentence.
pub(crate) fn find(text: &str, sentence: Span, index: usize, lexicon: &Lexicon) -> SentenceFinds {
    let Some(s) = text.get(sentence.start..sentence.end) else {
        return SentenceFinds::default();
    };
    let at = |start: usize, end: usize| Span::new(sentence.start + start, sentence.start + end);
    let mut mentions: Vec<RawMention> = lexicon
        .names
        .find_in(s)
        .map(|hit| RawMention {
            span: at(hit.start, hit.end),
            sentence: index,
            target: Target::Entry(hit.entry, hit.role),
            title: None,
        })
        .collect();

    let titles: Vec<(usize, usize)> = lexicon.names.titles_in(s).collect();
    let words = Words::new(s, lexicon);
    // "Abdel Ghani al-Kikli" is not Ashraf Ghani: a person's one-word name inside a longer
    // run of capitalised words belongs to someone else's name.
    mentions.retain(|m| {
        let (start, end) = (m.span.start - sentence.start, m.span.end - sentence.start);
        !(is_person_entry(&m.target, lexicon)
            && !s.get(start..end).is_some_and(|n| n.contains(' '))
            && (words.capitalised_word_before(start, &titles) || words.capitalised_word_after(end)))
    });
    for (i, &(_, t_end)) in titles.iter().enumerate() {
        // In a chain of titles ("Press Secretary Brigade General X") the last one names.
        if titles
            .get(i + 1)
            .is_some_and(|&(next, _)| s.get(t_end..next).is_some_and(|gap| gap.trim().is_empty()))
        {
            continue;
        }
        let chain_start = chain_start(s, &titles, i);
        let title = Some(at(chain_start, t_end));
        // "Its (local) commander, Taras Hnatyuk": the title's owner is the actor spoken of.
        if let Some((start, end)) = possessive_before(
            s.get(..chain_start).unwrap_or(""),
            &lexicon.heads.possessives,
        ) {
            mentions.push(RawMention {
                span: at(start, end),
                sentence: index,
                target: Target::Reference(Referent::Actor),
                title: None,
            });
        }
        // "the provincial governor, Sultan al-Arada": a name may follow its title after a comma.
        let comma = s.get(t_end..).is_some_and(|r| r.starts_with(", "));
        let name_at = if comma { t_end + 1 } else { t_end };
        if let Some(m) = mentions.iter_mut().find(|m| {
            m.span.start >= sentence.start + name_at
                && s.get(name_at..m.span.start - sentence.start)
                    .is_some_and(|g| g.trim().is_empty())
        }) {
            if m.title.is_none() {
                m.title = title;
            }
            // A title names a person: "spokesman Bali" is not the island.
            if let Target::Entry(id, _) = m.target
                && lexicon
                    .names
                    .entry(id)
                    .is_some_and(|e| e.kind == EntityKind::Location)
            {
                m.target = Target::Surname(m.span.text(text).to_owned());
            }
            continue;
        }
        let Some((n_start, n_end)) = words.name_after(name_at) else {
            continue;
        };
        if comma && !s.get(n_start..n_end).is_some_and(|n| n.contains(' ')) {
            continue; // after a comma only a full name is sure to be the title's holder
        }
        if titles.iter().any(|&(a, _)| n_start <= a && a < n_end) {
            continue; // "spokesman, Colonel X": the later title names X
        }
        // A lexicon name strictly inside a titled name ("Bali" in "Mustafa Bali") is a part of it.
        let name_span = at(n_start, n_end);
        mentions.retain(|m| !(name_span.contains(m.span) && m.span != name_span));
        if overlaps(&mentions, name_span) {
            continue;
        }
        let name = s.get(n_start..n_end).unwrap_or("").to_owned();
        let target = if name.contains(' ') {
            Target::New(name, EntityKind::Official)
        } else {
            Target::Surname(name)
        };
        mentions.push(RawMention {
            span: at(n_start, n_end),
            sentence: index,
            target,
            title,
        });
    }

    let in_title = |start: usize, end: usize| titles.iter().any(|&(a, b)| a < end && start < b);
    // "from Devlet Bahceli, the veteran leader of the MHP": a name apposed to a role in an
    // organisation is a person's before anything else, even after a preposition of place.
    let mut found: Vec<(usize, usize, EntityKind)> = titles
        .iter()
        .filter(|&&(_, t_end)| {
            s.get(t_end..)
                .is_some_and(|r| r.starts_with(" of ") || r.starts_with(" for "))
        })
        .filter_map(|&(t_start, _)| words.name_before_title(t_start))
        .collect();
    // Names introduced by a phrase come next: "a militia, the Seno Vigilance Committee" is a
    // force whatever its last word says.
    found.extend(words.introduced_names());
    found.extend(words.headed_names());
    found.extend(words.described_names());
    found.extend(words.apposed_names());
    // "Hamid Ali Abakar, a field commander for the RSF": a name before its title.
    found.extend(
        titles
            .iter()
            .filter_map(|&(t_start, _)| words.name_before_title(t_start)),
    );
    for (mut start, end, mut kind) in found {
        // "a commander known as Abu Hafsat": a name introduced after a title is its holder's.
        if titles.iter().any(|&(_, t_end)| {
            s.get(t_end..start).is_some_and(|gap| {
                lexicon
                    .heads
                    .introducers
                    .contains(&gap.trim().to_lowercase())
            })
        }) {
            kind = EntityKind::Official;
        }
        // "the MILF's Bangsamoro Islamic Armed Forces": a known owner's possessive opens the name.
        if let Some(owner_end) = mentions
            .iter()
            .filter_map(|m| m.span.end.checked_sub(sentence.start))
            .find(|&e| start < e && e < end)
            && let Some(rest) = s.get(owner_end..end)
            && let Some(name) = rest
                .strip_prefix("'s ")
                .or_else(|| rest.strip_prefix("’s "))
            && name.contains(' ')
        {
            start = end - name.len();
        }
        let span = at(start, end);
        // A place or adjective inside a longer name is part of it ("Zawiya Shield Brigade").
        mentions.retain(|m| {
            let part = span.contains(m.span) && m.span != span;
            let minor = matches!(m.target, Target::Entry(id, role) if role != NameRole::Name
                || lexicon.names.entry(id).is_some_and(|e| e.kind == EntityKind::Location));
            !(part && minor)
        });
        if !overlaps(&mentions, span) && !in_title(start, end) {
            let name = s.get(start..end).unwrap_or("").to_owned();
            mentions.push(RawMention {
                span,
                sentence: index,
                target: Target::New(name, kind),
                title: None,
            });
        }
    }
    mentions.sort_by_key(|m| m.span.start);

    let mut acronyms = Vec::new();
    for (start, end, acronym) in parenthesised_acronyms(s) {
        let before = mentions.iter().rposition(|m| {
            m.span.end <= sentence.start + start
                && s.get(m.span.end - sentence.start..start)
                    .is_some_and(|g| g.trim() == "(")
        });
        if let Some(i) = before {
            let acronym_at = mentions.iter().position(|m| m.span == at(start, end));
            let known = acronym_at
                .and_then(|a| mentions.get(a))
                .map(|m| m.target.clone());
            let defining = mentions.get(i).map(|m| m.target.clone());
            match (known, defining) {
                // "the National Liberation Army (ELN)": a known acronym names the new name too.
                (Some(target @ Target::Entry(..)), Some(Target::New(..))) => {
                    if let Some(m) = mentions.get_mut(i) {
                        m.target = target;
                    }
                }
                // "the Ambazonia Defence Forces (ADF)": in this article the acronym is theirs,
                // not the Allied Democratic Forces' the lexicon knows it for.
                (Some(Target::Entry(known, _)), Some(defining @ Target::Entry(id, _)))
                    if known != id
                        && spells(&acronym, mentions.get(i).map_or("", |m| m.span.text(text))) =>
                {
                    if let Some(m) = acronym_at.and_then(|a| mentions.get_mut(a)) {
                        m.target = defining;
                    }
                    acronyms.push((acronym, i));
                }
                (Some(_), _) => {}
                (None, _) => acronyms.push((acronym, i)),
            }
        } else if let Some((n_start, kind)) = words.run_before(start.saturating_sub(2)) {
            let name = s
                .get(n_start..start.saturating_sub(2))
                .unwrap_or("")
                .trim()
                .to_owned();
            if name.contains(' ') && !overlaps(&mentions, at(n_start, start)) {
                mentions.push(RawMention {
                    span: at(n_start, n_start + name.len()),
                    sentence: index,
                    target: Target::New(name, kind),
                    title: None,
                });
                mentions.sort_by_key(|m| m.span.start);
                if let Some(i) = mentions
                    .iter()
                    .position(|m| m.span.start == sentence.start + n_start)
                {
                    acronyms.push((acronym, i));
                }
            }
        }
    }

    pro_backers(s, sentence, lexicon, &mut mentions);
    backed_forces(s, sentence, index, lexicon, &mut mentions);
    mentions.sort_by_key(|m| m.span.start);
    share_force_heads(s, sentence, lexicon, &mut mentions);

    let cues = lexicon
        .cues
        .find_in(s)
        .map(|c| CueHit {
            start: c.start + sentence.start,
            end: c.end + sentence.start,
            ..c
        })
        // A cue inside a compound ("US-backed", "anti-IS") belongs to the compound.
        .filter(|c| !text.get(..c.start).is_some_and(|b| b.ends_with('-')))
        .filter(|c| !overlaps(&mentions, Span::new(c.start, c.end)))
        .collect();
    SentenceFinds {
        index,
        span: sentence,
        mentions,
        cues,
        acronyms,
    }
}

/// Whether a mention names an official or a person of the lexicon.
fn is_person_entry(target: &Target, lexicon: &Lexicon) -> bool {
    matches!(target, Target::Entry(id, NameRole::Name)
        if lexicon.names.entry(*id).is_some_and(|e| matches!(e.kind, EntityKind::Official | EntityKind::Person)))
}

/// "its" or "their", possibly followed by up to two lowercase words, right before `before`'s end.
fn possessive_before(before: &str, possessives: &[String]) -> Option<(usize, usize)> {
    if !before.ends_with(' ') {
        return None;
    }
    let mut end = before.trim_end().len();
    for _ in 0..3 {
        let head = before.get(..end)?;
        let start = head.rfind(' ').map_or(0, |i| i + 1);
        let word = head.get(start..)?;
        if possessives.iter().any(|p| p.eq_ignore_ascii_case(word)) {
            return Some((start, end));
        }
        if !word.chars().all(char::is_lowercase) || word.is_empty() {
            return None;
        }
        end = head.get(..start)?.trim_end().len();
    }
    None
}

fn overlaps(mentions: &[RawMention], span: Span) -> bool {
    mentions
        .iter()
        .any(|m| m.span.start < span.end && span.start < m.span.end)
}

/// Where the chain of titles ending at `titles[i]` begins.
fn chain_start(s: &str, titles: &[(usize, usize)], i: usize) -> usize {
    let mut start = titles.get(i).map_or(0, |t| t.0);
    let mut j = i;
    while j > 0 {
        let (Some(&(_, prev_end)), Some(&(cur_start, _))) = (titles.get(j - 1), titles.get(j))
        else {
            break;
        };
        let gap = s.get(prev_end..cur_start).unwrap_or("x");
        // "Brigade General" after "Press Secretary": capitalised words may link two titles.
        if !gap
            .split_whitespace()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        {
            break;
        }
        start = titles.get(j - 1).map_or(start, |t| t.0);
        j -= 1;
    }
    start
}

/// "33rd", "6th", "149": a number as units are named by.
fn is_ordinal(w: &str) -> bool {
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = w.get(digits.len()..).unwrap_or("");
    !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit())
        && ["", "st", "nd", "rd", "th"].contains(&suffix)
}

/// Whether `acronym` may abbreviate `name`: a name of several words that starts with the
/// acronym's first letter ("ADF" for "Ambazonia Defence Forces", not "MINUSCA" for "CAR").
fn spells(acronym: &str, name: &str) -> bool {
    name.contains(' ') && acronym.chars().next() == name.chars().next()
}

/// "(SDF)", "(AGovC)": an acronym of 2–8 letters, mostly capitals, in parentheses; its span and
/// text.
fn parenthesised_acronyms(s: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    for (open, _) in s.match_indices('(') {
        let Some(rest) = s.get(open + 1..) else {
            continue;
        };
        let Some(close) = rest.find(')') else {
            continue;
        };
        let inner = rest.get(..close).unwrap_or("");
        let letters = inner.chars().filter(|c| c.is_alphabetic()).count();
        let capitals = inner.chars().filter(|c| c.is_uppercase()).count();
        // "(SDF)", "(AGovC)", "(M23)": capitals mostly, starting with one, no spaces.
        if (2..=8).contains(&letters)
            && inner.starts_with(|c: char| c.is_uppercase())
            && capitals * 2 > letters
            && inner
                .chars()
                .all(|c| c.is_alphabetic() || c.is_ascii_digit() || c == '-' || c == '&')
        {
            out.push((open + 1, open + 1 + close, inner.to_owned()));
        }
    }
    out
}

/// The prefixes that make the actor after them a backer: "pro-".
fn backing_prefixes(lexicon: &Lexicon) -> impl Iterator<Item = &str> {
    lexicon
        .cues
        .prefixes
        .iter()
        .filter(|(_, kind, reverse)| *kind == crate::model::RelationKind::Backs && *reverse)
        .map(|(affix, _, _)| affix.as_str())
}

/// Whether `before` ends with a backing prefix ("… clashed with pro-").
fn after_backing_prefix(before: &str, lexicon: &Lexicon) -> bool {
    backing_prefixes(lexicon).any(|p| {
        before.len() >= p.len()
            && before
                .get(before.len() - p.len()..)
                .is_some_and(|tail| tail.eq_ignore_ascii_case(p))
    })
}

/// "pro-Russian rebels", "pro-Iranian forces": after a backing prefix, a state's adjective names
/// the backer, not the state's own forces nor rebels against it. The name is cut back to the
/// adjective, and [`backed_forces`] finds the head as in "Russian-backed rebels".
fn pro_backers(s: &str, sentence: Span, lexicon: &Lexicon, mentions: &mut [RawMention]) {
    for m in mentions.iter_mut() {
        let rel = m.span.start - sentence.start;
        if !s
            .get(..rel)
            .is_some_and(|before| after_backing_prefix(before, lexicon))
        {
            continue;
        }
        let Some((adjective, _)) = s
            .get(rel..m.span.end - sentence.start)
            .and_then(|text| text.split_once(' '))
        else {
            continue;
        };
        if let Some(state) = lexicon.names.find(adjective).filter(|&id| {
            lexicon
                .names
                .entry(id)
                .is_some_and(|e| e.kind == EntityKind::State)
        }) {
            m.span = Span::new(m.span.start, m.span.start + adjective.len());
            m.target = Target::Entry(state, NameRole::Adjective);
        }
    }
}

/// "Iranian-backed forces", "forces backed by Iran": a force named after its backer, mentioned
/// at the head noun so that the backer stays a mention of its own.
fn backed_forces(
    s: &str,
    sentence: Span,
    index: usize,
    lexicon: &Lexicon,
    mentions: &mut Vec<RawMention>,
) {
    let heads = &lexicon.heads.backed;
    let backing: Vec<&str> = lexicon
        .cues
        .compounds
        .iter()
        .filter(|(_, kind, reverse)| *kind == crate::model::RelationKind::Backs && !reverse)
        .map(|(affix, _, _)| affix.as_str())
        .collect();
    let mut found = Vec::new();
    let mut described = Vec::new();
    for m in mentions.iter() {
        let Target::Entry(backer, _) = m.target else {
            continue;
        };
        let rel_end = m.span.end - sentence.start;
        let Some(after) = s.get(rel_end..) else {
            continue;
        };
        // "<backer>-backed <head>", or "pro-<backer> <head>", named alike.
        let pro = s
            .get(..m.span.start - sentence.start)
            .is_some_and(|before| after_backing_prefix(before, lexicon));
        let affix = lowercase_prefix_of(after, &backing, |a| a)
            .map(|a| (*a, a.len()))
            .or_else(|| backing.first().filter(|_| pro).map(|a| (*a, 0)));
        if let Some((affix, written)) = affix
            && let Some(head) = head_word(after.get(written..).unwrap_or(""), heads)
        {
            let start = rel_end + written + 1;
            // "the Giants Brigades, a UAE-backed force": the force described is the one named.
            if let Some(named) = apposed_mention(s, sentence, m.span.start, mentions, lexicon) {
                described.push((start, start + head.len(), named));
                continue;
            }
            found.push((start, start + head.len(), backer, affix.to_string(), head));
        }
        // "<head> backed by [the] [X's] <backer>": only the first mention after "by" names it.
        let rel_start = m.span.start - sentence.start;
        let before = s.get(..rel_start).unwrap_or("");
        let before = before.strip_suffix("the ").unwrap_or(before);
        // Every verb below ends in " by ": spare building them when the text does not.
        let backing_after_by = if before.ends_with(" by ") {
            backing.as_slice()
        } else {
            &[]
        };
        for affix in backing_after_by {
            // `before` less " {verb} by ", compared in place rather than formatted.
            if let Some(prefix) = before
                .strip_suffix(" by ")
                .and_then(|b| b.strip_suffix(affix.trim_start_matches('-')))
                .and_then(|b| b.strip_suffix(' '))
                && let Some(head) = heads
                    .iter()
                    .filter(|h| {
                        prefix
                            .strip_suffix(h.as_str())
                            .is_some_and(|p| p.ends_with(' '))
                            || prefix == h.as_str()
                    })
                    .max_by_key(|h| h.len())
            {
                let start = prefix.len() - head.len();
                found.push((
                    start,
                    prefix.len(),
                    backer,
                    (*affix).to_owned(),
                    head.clone(),
                ));
            }
        }
    }
    for (start, end, target) in described {
        let span = Span::new(sentence.start + start, sentence.start + end);
        if !overlaps(mentions, span) {
            mentions.push(RawMention {
                span,
                sentence: index,
                target,
                title: None,
            });
        }
    }
    for (start, end, backer, affix, head) in found {
        let span = Span::new(sentence.start + start, sentence.start + end);
        if overlaps(mentions, span) {
            continue;
        }
        let Some(entry) = lexicon.names.entry(backer) else {
            continue;
        };
        let state = match entry.kind {
            EntityKind::State => Some(entry),
            _ => entry
                .member_of
                .and_then(|p| lexicon.names.entry(p))
                .filter(|p| p.kind == EntityKind::State),
        };
        let prefix = state
            .and_then(|st| st.adjective.clone())
            .unwrap_or_else(|| entry.name.clone());
        // "militia" and "militias" name the same forces.
        let plural = format!("{head}s");
        let head = if heads.contains(&plural) {
            plural
        } else {
            head
        };
        let name = format!("{prefix}{affix} {head}");
        mentions.push(RawMention {
            span,
            sentence: index,
            target: Target::New(name, EntityKind::Force),
            title: None,
        });
    }
}

/// "Israeli and Lebanese troops", "US, British and French forces": adjectives listed before a
/// state's forces share their head noun, so each names its own state's forces.
fn share_force_heads(s: &str, sentence: Span, lexicon: &Lexicon, mentions: &mut [RawMention]) {
    let force_of_adjective = |m: &RawMention| match m.target {
        Target::Entry(id, NameRole::Adjective) => lexicon.names.entry(id).and_then(|e| e.force),
        _ => None,
    };
    let is_state_force = |m: &RawMention| match m.target {
        Target::Entry(id, NameRole::Name) => lexicon
            .names
            .entry(id)
            .and_then(|e| e.member_of)
            .and_then(|state| lexicon.names.entry(state))
            .is_some_and(|state| state.force == Some(id)),
        _ => false,
    };
    let listed = |left: &RawMention, right: &RawMention| {
        s.get(left.span.end - sentence.start..right.span.start - sentence.start)
            .is_some_and(|gap| matches!(gap.trim(), "," | "and" | ", and" | "or" | ", or"))
    };
    // From the end, so that a head passes down the whole list.
    for i in (1..mentions.len()).rev() {
        let (Some(left), Some(right)) = (mentions.get(i - 1), mentions.get(i)) else {
            continue;
        };
        let shared = is_state_force(right) && listed(left, right);
        if let (true, Some(force)) = (shared, force_of_adjective(left))
            && let Some(m) = mentions.get_mut(i - 1)
        {
            m.target = Target::Entry(force, NameRole::Name);
        }
    }
}

/// The target of the mention that an indefinite apposition starting at `at` describes:
/// "Hezbollah, an Iranian-backed militia" describes Hezbollah.
fn apposed_mention(
    s: &str,
    sentence: Span,
    at: usize,
    mentions: &[RawMention],
    lexicon: &Lexicon,
) -> Option<Target> {
    let before = s.get(..at - sentence.start)?.trim_end();
    let (rest, article) = before.rsplit_once(' ')?;
    if !lexicon.cues.indefinite.contains(&article.to_lowercase()) {
        return None;
    }
    let rest = rest.strip_suffix(',')?;
    mentions
        .iter()
        .find(|p| p.span.end == sentence.start + rest.len())
        .map(|p| p.target.clone())
}

/// The backed-head word that starts `text` after one space ("forces" in " forces loyal to").
fn head_word(text: &str, heads: &[String]) -> Option<String> {
    let rest = text.strip_prefix(' ')?;
    heads
        .iter()
        .filter(|h| {
            rest.starts_with(h.as_str())
                && !rest
                    .get(h.len()..)
                    .is_some_and(|r| r.starts_with(char::is_alphanumeric))
        })
        .max_by_key(|h| h.len())
        .cloned()
}

/// The words of a sentence, for finding capitalised names.
struct Words<'a> {
    text: &'a str,
    /// (start, end) of each word: letters, digits, inner hyphens, apostrophes and periods.
    spans: Vec<(usize, usize)>,
    /// The head lists ([`class`]) each word is in as written, and lowercased.
    classes: Vec<(u16, u16)>,
    lexicon: &'a Lexicon,
}

impl<'a> Words<'a> {
    fn new(text: &'a str, lexicon: &'a Lexicon) -> Self {
        // A word takes at least one byte and a separator: never more than this many.
        let mut spans = Vec::with_capacity(text.len() / 2 + 1);
        let mut start = None;
        let mut i = 0;
        // Byte by byte where the text is ASCII (as most is), decoding only other characters.
        while let Some(&b) = text.as_bytes().get(i) {
            let (inner, len) = if b.is_ascii() {
                let inner = b.is_ascii_alphanumeric()
                    || (start.is_some() && matches!(b, b'-' | b'\'' | b'.'));
                (inner, 1)
            } else {
                let c = text.get(i..).and_then(|r| r.chars().next()).unwrap_or(' ');
                let inner = c.is_alphanumeric() || (start.is_some() && c == '’');
                (inner, c.len_utf8())
            };
            match (inner, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    spans.push(trim_word(text, s, i));
                    start = None;
                }
                _ => {}
            }
            i += len;
        }
        if let Some(s) = start {
            spans.push(trim_word(text, s, text.len()));
        }
        let mut buffer = String::new();
        let classes = spans
            .iter()
            .map(|&(s, e)| {
                let w = text.get(s..e).unwrap_or("");
                let exact = lexicon.classes.of(w);
                let lowered = if !w.bytes().any(|b| !b.is_ascii() || b.is_ascii_uppercase()) {
                    exact
                } else if w.is_ascii() {
                    // Lowercased into one buffer: capitalised words are common, lists are few.
                    buffer.clear();
                    buffer.push_str(w);
                    buffer.make_ascii_lowercase();
                    lexicon.classes.of(&buffer)
                } else {
                    lexicon.classes.of(&w.to_lowercase())
                };
                (exact, lowered)
            })
            .collect();
        Words {
            text,
            spans,
            classes,
            lexicon,
        }
    }

    /// The classes of word `i` as written, and lowercased.
    fn class(&self, i: usize) -> (u16, u16) {
        self.classes.get(i).copied().unwrap_or((0, 0))
    }

    fn word(&self, i: usize) -> Option<&'a str> {
        self.spans.get(i).and_then(|&(s, e)| self.text.get(s..e))
    }

    fn is_particle(&self, w: &str) -> bool {
        let lower = lower(w);
        self.lexicon.heads.name_particles.has(&lower)
            || self
                .lexicon
                .heads
                .name_particles
                .iter()
                .any(|p| p.ends_with('-') && lower.starts_with(p.as_str()) && w.len() > p.len())
    }

    fn is_joiner(&self, w: &str) -> bool {
        self.lexicon.heads.name_joiners.has(w)
    }

    /// "al-Abadi", "bin-Salman": a particle joined to a capitalised name.
    fn is_hyphenated_name(&self, w: &str) -> bool {
        w.split_once('-')
            .is_some_and(|(p, rest)| self.is_particle(p) && self.is_capitalised(rest))
    }

    /// Whether a capitalised word that is no title and no common word stands right before
    /// byte `pos` ("Abdel" in "Abdel Ghani").
    fn capitalised_word_before(&self, pos: usize, titles: &[(usize, usize)]) -> bool {
        let Some(i) = self.spans.iter().position(|&(s, _)| s == pos) else {
            return false;
        };
        let Some(&(w_start, w_end)) = i.checked_sub(1).and_then(|p| self.spans.get(p)) else {
            return false;
        };
        self.adjacent(i - 1)
            && self.word(i - 1).is_some_and(|w| {
                // "Mr Al Assad": a particle belongs to the same name.
                self.is_capitalised(w)
                    && !self.not_name(w)
                    && !self.is_particle(w)
                    && !titles.iter().any(|&(a, b)| a <= w_start && w_end <= b)
            })
    }

    /// Whether a capitalised word or a particle's name ("al-Kikli") stands right after byte
    /// `pos`.
    fn capitalised_word_after(&self, pos: usize) -> bool {
        let Some(i) = self.spans.iter().position(|&(_, e)| e == pos) else {
            return false;
        };
        self.adjacent(i)
            && self.word(i + 1).is_some_and(|w| {
                (self.is_capitalised(w) && !self.not_name(w)) || self.is_hyphenated_name(w)
            })
    }

    fn is_capitalised(&self, w: &str) -> bool {
        w.chars().next().is_some_and(char::is_uppercase)
    }

    fn not_name(&self, w: &str) -> bool {
        self.lexicon.heads.not_names.has(w.trim_end_matches('.'))
    }

    /// Whether only spaces separate words `i` and `i + 1`.
    fn adjacent(&self, i: usize) -> bool {
        match (self.spans.get(i), self.spans.get(i + 1)) {
            (Some(&(_, e)), Some(&(s, _))) => self.text.get(e..s).is_some_and(|g| g == " "),
            _ => false,
        }
    }

    /// A person's name right after byte `pos` (after one space): capitalised words and particles.
    fn name_after(&self, pos: usize) -> Option<(usize, usize)> {
        let first = self.spans.iter().position(|&(s, _)| s >= pos)?;
        let &(start, _) = self.spans.get(first)?;
        if self.text.get(pos..start) != Some(" ") {
            return None;
        }
        let w = self.word(first)?;
        if !self.is_capitalised(w)
            || self.not_name(w)
            || w.chars().all(|c| c.is_uppercase()) && w.len() > 1
        {
            return None;
        }
        let mut last = first;
        let mut i = first;
        while self.adjacent(i) {
            let next = self.word(i + 1)?;
            if self.is_capitalised(next) && !self.not_name(next) || self.is_hyphenated_name(next) {
                last = i + 1;
            } else if !self.is_particle(next) {
                break;
            }
            i += 1;
        }
        let &(_, end) = self.spans.get(last)?;
        Some((start, end))
    }

    /// Names made by a head noun: "<Capitalised words> district" (a place), "<Capitalised
    /// words> Brigade" (a force).
    fn headed_names(&self) -> Vec<(usize, usize, EntityKind)> {
        let mut out = Vec::new();
        for i in 0..self.spans.len() {
            let (exact, _) = self.class(i);
            if exact & (class::LOCATION | class::FORCE) == 0 {
                continue;
            }
            if exact & class::LOCATION != 0 && i > 0 {
                if let Some((start, end)) = self.run_ending_at(i - 1)
                    && self
                        .spans
                        .get(i - 1)
                        .is_some_and(|&(_, e)| self.text.get(e..e + 1) == Some(" "))
                {
                    out.push((start, end, EntityKind::Location));
                }
            } else if exact & class::FORCE != 0
                && let Some(name) = self.head_first_name(i)
            {
                out.push(name);
            } else if exact & class::FORCE != 0
                // "National Liberation Army": the name goes on past one head to the next.
                && !(self.adjacent(i) && self.word(i + 1).is_some_and(|n| self.is_capitalised(n) && !self.not_name(n)))
                && let Some((start, _)) = self.run_ending_at(i)
                && let Some(&(_, end)) = self.spans.get(i)
                && self.text.get(start..end).is_some_and(|t| t.contains(' '))
            {
                out.push((start, end, EntityKind::Force));
            }
        }
        out
    }

    /// "the Gran Grif gang", "the Islah party": after "the", capitalised words that a lowercase
    /// force noun or organization noun describes are a name of that kind.
    fn described_names(&self) -> Vec<(usize, usize, EntityKind)> {
        let mut out = Vec::new();
        for i in 0..self.spans.len() {
            if !self.word(i).is_some_and(|w| w.eq_ignore_ascii_case("the")) || !self.adjacent(i) {
                continue;
            }
            let first = i + 1;
            if !self
                .word(first)
                .is_some_and(|w| self.is_capitalised(w) && !self.not_name(w))
            {
                continue;
            }
            let last = self.run_end(first);
            let Some(kind) = self
                .described_kind(last + 1)
                .filter(|_| self.adjacent(last))
            else {
                continue;
            };
            // "the Chechen-led faction" is a compound's, not a name.
            let compound = self.word(last).is_some_and(|w| {
                w.split('-')
                    .skip(1)
                    .any(|p| p.starts_with(char::is_lowercase))
            });
            if compound {
                continue;
            }
            if let (Some(&(start, _)), Some(&(_, end))) =
                (self.spans.get(first), self.spans.get(last))
            {
                out.push((start, end, kind));
            }
        }
        out
    }

    /// "Twirwaneho, a militia drawn from …", "Al-Karama, an armed group that …": capitalised
    /// words that an indefinite apposition describes as a force or an organization.
    fn apposed_names(&self) -> Vec<(usize, usize, EntityKind)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.spans.len() {
            let first = i;
            i += 1;
            let continues_run = first > 0
                && self.adjacent(first - 1)
                && self.word(first - 1).is_some_and(|w| self.is_capitalised(w));
            if continues_run
                || !self
                    .word(first)
                    .is_some_and(|w| self.is_capitalised(w) && !self.not_name(w))
            {
                continue;
            }
            let last = self.run_end(first);
            i = last + 1;
            let comma = match (self.spans.get(last), self.spans.get(last + 1)) {
                (Some(&(_, e)), Some(&(s, _))) => self.text.get(e..s) == Some(", "),
                _ => false,
            };
            let indefinite = self
                .word(last + 1)
                .is_some_and(|w| w.eq_ignore_ascii_case("a") || w.eq_ignore_ascii_case("an"));
            if !comma || !indefinite {
                continue;
            }
            // Up to three lowercase words, the last of them the noun: "a small Shan militia".
            let kind = (last + 2..last + 6)
                .take_while(|&j| self.adjacent(j - 1))
                .map_while(|j| self.word(j).map(|w| (j, w)))
                .find_map(|(j, w)| {
                    let described = self.described_kind(j);
                    let modifier =
                        w.chars().all(|c| c.is_lowercase() || c == '-') || self.is_capitalised(w);
                    (described.is_some() || !modifier).then_some(described)
                })
                .flatten();
            if let (Some(kind), Some(&(start, _)), Some(&(_, end))) =
                (kind, self.spans.get(first), self.spans.get(last))
            {
                out.push((start, end, kind));
            }
        }
        out
    }

    /// The last word of the run of capitalised words starting at word `first`.
    fn run_end(&self, first: usize) -> usize {
        let mut last = first;
        while self.adjacent(last) && self.word(last + 1).is_some_and(|w| self.is_capitalised(w)) {
            last += 1;
        }
        last
    }

    /// The kind of actor word `i`, as written, describes: a force noun ("gang", "militia") or
    /// an organization noun ("party").
    fn described_kind(&self, i: usize) -> Option<EntityKind> {
        let (exact, _) = self.class(i);
        if exact & class::BACKED != 0 {
            Some(EntityKind::Force)
        } else if exact & class::DESCRIPTOR != 0 {
            Some(EntityKind::Organization)
        } else {
            None
        }
    }

    /// "the Coalition of Patriots for Change", "Army of Islam", "United Front for Democratic
    /// Change": a force head followed by "of" or "for" and more capitalised words. Not a lone
    /// head at a sentence's start ("Forces of the Iraqi army …").
    fn head_first_name(&self, head: usize) -> Option<(usize, usize, EntityKind)> {
        let (start, _) = self.run_ending_at(head)?;
        if head == 0 {
            return None;
        }
        let continues = |w: &str| self.is_capitalised(w) && !self.not_name(w);
        let mut last = head;
        loop {
            let mut next = last + 1;
            // "for the Liberation of": joiners, but not "and", which lists other actors.
            while self.adjacent(next - 1)
                && self.word(next).is_some_and(|w| {
                    self.is_joiner(w) && !self.lexicon.cues.conjunctions.contains(w)
                })
            {
                next += 1;
            }
            // "Union of Forces for Democracy and Development": past a joiner, "and" may join
            // one more word of the name — not a known name, which "and" lists beside it.
            let paired = next == last + 1
                && last > head
                && self.adjacent(last)
                && self.adjacent(last + 1)
                && self.word(last + 1) == Some("and")
                && self
                    .word(last + 2)
                    .is_some_and(|w| continues(w) && self.lexicon.names.find(w).is_none());
            if paired {
                last += 2;
            } else if next > last + 1
                && self.adjacent(next - 1)
                && self.word(next).is_some_and(continues)
            {
                last = next;
                while self.adjacent(last) && self.word(last + 1).is_some_and(continues) {
                    last += 1;
                }
            } else {
                break;
            }
        }
        let &(_, end) = self.spans.get(last)?;
        (last > head).then_some((start, end, EntityKind::Force))
    }

    /// Names introduced by a phrase: "a militia called the Sirwah Tribal Shield" (a force when a
    /// force noun comes before, else an organization), "the town of Harardhere" (a place).
    fn introduced_names(&self) -> Vec<(usize, usize, EntityKind)> {
        let heads = &self.lexicon.heads;
        let mut out = Vec::new();
        for i in 0..self.spans.len() {
            let Some(w) = self.word(i) else { continue };
            let (exact, lowered) = self.class(i);
            // Most words are in no list that introduces a name.
            let opens = class::INTRODUCER
                | class::INTRODUCER_START
                | class::BACKED
                | class::DESCRIPTOR
                | class::PLACE_MARKER;
            if lowered & opens == 0 && exact & class::LOCATION_LINK == 0 {
                continue;
            }
            let lower = lower(w);
            let lower = lower.as_ref();
            // "known as": only words that start a two-word introducer need the pair built.
            let starts_two = lowered & class::INTRODUCER_START != 0;
            let two = self
                .word(i + 1)
                .filter(|_| starts_two)
                .map(|n| format!("{lower} {}", n.to_lowercase()));
            // "a militia called X" is a force; "a charity called X" an organization.
            let introduced_kind = || {
                let force = (i.saturating_sub(3)..i)
                    .filter_map(|j| self.word(j))
                    .any(|p| heads.backed.iter().any(|h| *h == *crate::lexicon::lower(p)));
                if force {
                    EntityKind::Force
                } else {
                    EntityKind::Organization
                }
            };
            let next_gap = match (self.spans.get(i), self.spans.get(i + 1)) {
                (Some(&(_, e)), Some(&(s, _))) => self.text.get(e..s).unwrap_or(""),
                _ => "",
            };
            let listed = |bit: u16| lowered & bit != 0;
            let descriptor = listed(class::BACKED) || listed(class::DESCRIPTOR);
            let (skip, kind) = if listed(class::INTRODUCER) {
                (1, introduced_kind())
            } else if two.as_ref().is_some_and(|t| heads.introducers.contains(t)) {
                (2, introduced_kind())
            } else if descriptor && (next_gap == ", " || next_gap == " ") {
                // "a local militia, the Sirwah Tribal Shield", "the militia Dan Na Ambassagou"
                let kind = if listed(class::BACKED) {
                    EntityKind::Force
                } else {
                    EntityKind::Organization
                };
                (1, kind)
            } else if listed(class::PLACE_MARKER) && next_gap == " " {
                // "near Boni", "towards Eldher"
                (1, EntityKind::Location)
            } else if exact & class::LOCATION_LINK != 0
                && i > 0
                && self.class(i - 1).0 & class::LOCATION != 0
            {
                (1, EntityKind::Location)
            } else {
                continue;
            };
            let mut first = i + skip;
            if self
                .word(first)
                .is_some_and(|w| heads.determiners.iter().any(|d| d.eq_ignore_ascii_case(w)))
            {
                first += 1;
            }
            let Some(w) = self.word(first) else { continue };
            if !self.is_capitalised(w) || self.not_name(w) {
                continue;
            }
            let mut last = first;
            while self.adjacent(last)
                && self
                    .word(last + 1)
                    .is_some_and(|n| self.is_capitalised(n) || self.is_hyphenated_name(n))
            {
                last += 1;
            }
            // "toward Ankara's position": the preposition's object is the noun the name owns.
            let possessive = self.word(last).is_some_and(super::is_possessive);
            if kind == EntityKind::Location && possessive {
                continue;
            }
            if let (Some(&(start, _)), Some(&(_, end))) =
                (self.spans.get(first), self.spans.get(last))
            {
                out.push((start, end, kind));
            }
        }
        out.extend(self.places_before_comma());
        out
    }

    /// "In Mirali, a tribal militia …", "a commander in Bahri, told": a capitalised name after a
    /// preposition of place and before a comma is a place.
    fn places_before_comma(&self) -> Vec<(usize, usize, EntityKind)> {
        let mut out = Vec::new();
        for i in 0..self.spans.len() {
            if self.class(i).1 & class::COMMA_PLACE_MARKER == 0 || !self.adjacent(i) {
                continue;
            }
            let first = i + 1;
            let last = self.run_end(first);
            let (Some(&(start, _)), Some(&(_, end))) =
                (self.spans.get(first), self.spans.get(last))
            else {
                continue;
            };
            let capitalised = self
                .word(first)
                .is_some_and(|n| self.is_capitalised(n) && !self.not_name(n));
            if capitalised && self.text.get(end..).is_some_and(|r| r.starts_with(',')) {
                out.push((start, end, EntityKind::Location));
            }
        }
        out
    }

    /// "Name, [a] (lowercase words) <title>": the name of an apposition before its title.
    fn name_before_title(&self, title_start: usize) -> Option<(usize, usize, EntityKind)> {
        let before = self.text.get(..title_start)?;
        let mut rest = before.trim_end();
        for _ in 0..4 {
            match rest.rsplit_once(' ') {
                Some((head, w)) if w.chars().all(char::is_lowercase) && !w.is_empty() => {
                    rest = head.trim_end()
                }
                _ => break,
            }
        }
        let rest = rest.strip_suffix(',')?;
        let i = self.spans.iter().rposition(|&(_, e)| e == rest.len())?;
        let mut first = i;
        while first > 0
            && self.adjacent(first - 1)
            && self.word(first - 1).is_some_and(|w| {
                (self.is_capitalised(w) && !self.not_name(w)) || self.is_particle(w)
            })
        {
            first -= 1;
        }
        let (start, _) = *self.spans.get(first)?;
        let name = self.text.get(start..rest.len())?;
        let capitalised =
            |w: &str| self.is_capitalised(w) || self.is_particle(w) || self.is_hyphenated_name(w);
        (name.contains(' ')
            && name.split(' ').all(capitalised)
            && !self.not_name(name.split(' ').next().unwrap_or("")))
        .then_some((start, rest.len(), EntityKind::Official))
    }

    /// The capitalised run that ends with word `i`: its start and end.
    fn run_ending_at(&self, i: usize) -> Option<(usize, usize)> {
        let w = self.word(i)?;
        if !self.is_capitalised(w) || self.not_name(w) {
            return None;
        }
        let mut first = i;
        while first > 0 && self.adjacent(first - 1) {
            let prev = self.word(first - 1)?;
            let joins = self.is_joiner(prev) && first >= 2 && self.adjacent(first - 2);
            if (self.is_capitalised(prev) && !self.not_name(prev))
                || joins && self.word(first - 2).is_some_and(|p| self.is_capitalised(p))
            {
                first -= 1;
            } else {
                break;
            }
        }
        while self.word(first).is_some_and(|w| self.is_joiner(w)) {
            first += 1;
        }
        // "the 33rd Front", "149 Battalion": a unit's number is part of its name.
        if first > 0 && self.adjacent(first - 1) && self.word(first - 1).is_some_and(is_ordinal) {
            first -= 1;
        }
        Some((self.spans.get(first)?.0, self.spans.get(i)?.1))
    }

    /// The capitalised run ending just before byte `pos`, with the kind its last word gives.
    fn run_before(&self, pos: usize) -> Option<(usize, EntityKind)> {
        let i = self.spans.iter().rposition(|&(_, e)| e <= pos)?;
        let (start, _) = self.run_ending_at(i)?;
        let last = self.word(i)?;
        let kind = if self.lexicon.heads.force.has(last) {
            EntityKind::Force
        } else {
            EntityKind::Organization
        };
        Some((start, kind))
    }
}

fn trim_word(text: &str, start: usize, end: usize) -> (usize, usize) {
    let w = text.get(start..end).unwrap_or("");
    if !w.ends_with(['-', '\'', '’', '.']) {
        return (start, end);
    }
    let trimmed = w.trim_end_matches(['-', '\'', '’', '.']);
    // Keep the period of an initial ("J.") but not a sentence's last period.
    let keep_dot = trimmed.chars().count() == 1
        && w.len() > trimmed.len()
        && w.get(trimmed.len()..).is_some_and(|r| r.starts_with('.'));
    (start, start + trimmed.len() + usize::from(keep_dot))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(sentence: &str) -> Vec<String> {
        let lexicon = Lexicon::built_in().unwrap_or_else(|e| unreachable!("{e}"));
        let finds = find(sentence, Span::new(0, sentence.len()), 0, &lexicon);
        finds
            .mentions
            .iter()
            .map(|m| m.span.text(sentence).to_owned())
            .collect()
    }

    #[test]
    fn titles_find_names_no_lexicon_has() {
        let found = names("Rebel spokesman Abdelkader Haroun al-Tayeb told reporters on Sunday.");
        assert!(
            found.contains(&"Abdelkader Haroun al-Tayeb".to_owned()),
            "{found:?}"
        );
        let found = names("Press Secretary Brigade General Pat Rydell said so.");
        assert!(found.contains(&"Pat Rydell".to_owned()), "{found:?}");
    }

    #[test]
    fn a_known_surname_inside_someone_elses_name_is_not_that_person() {
        let found =
            names("Abdel Ghani al-Kikli was killed, and the offensive toppled Mr Al Assad.");
        assert!(!found.contains(&"Ghani".to_owned()), "{found:?}");
        assert!(found.contains(&"Assad".to_owned()), "{found:?}");
    }

    #[test]
    fn a_name_apposed_to_a_role_in_an_organisation_is_a_person_not_a_place() {
        let lexicon = Lexicon::built_in().unwrap_or_else(|e| unreachable!("{e}"));
        let text =
            "The offer came from Dogan Yalcinkaya, the veteran leader of the governing party.";
        let finds = find(text, Span::new(0, text.len()), 0, &lexicon);
        let kind = finds
            .mentions
            .iter()
            .find(|m| m.span.text(text) == "Dogan Yalcinkaya")
            .map(|m| m.target.clone());
        assert!(
            matches!(kind, Some(Target::New(_, EntityKind::Official))),
            "{kind:?}"
        );
    }

    #[test]
    fn head_nouns_find_places_and_forces() {
        let found = names("Fighters of the Dune Lions Brigade shelled Qarabat district on Friday.");
        assert!(
            found.contains(&"Dune Lions Brigade".to_owned()),
            "{found:?}"
        );
        assert!(found.contains(&"Qarabat".to_owned()), "{found:?}");
    }

    #[test]
    fn a_name_goes_on_past_its_head_through_of_and_for() {
        let found =
            names("Troops fought the rebel Popular Front for Sahel Renewal near Oum Hadjer.");
        assert!(
            found.contains(&"Popular Front for Sahel Renewal".to_owned()),
            "{found:?}"
        );
        let found = names("Forces of the Iraqi army entered the town.");
        assert!(!found.iter().any(|n| n.starts_with("Forces")), "{found:?}");
    }

    #[test]
    fn backed_forces_are_named_after_their_backer() {
        let lexicon = Lexicon::built_in().unwrap_or_else(|e| unreachable!("{e}"));
        let s = "Iran-backed militias and forces backed by Russia clashed.";
        let finds = find(s, Span::new(0, s.len()), 0, &lexicon);
        let new: Vec<String> = finds
            .mentions
            .iter()
            .filter_map(|m| match &m.target {
                Target::New(n, _) => Some(n.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(new, ["Iranian-backed militias", "Russian-backed forces"]);
    }
}
