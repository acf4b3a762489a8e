//! Names of actors and titles: merged entries and the automata that find them in text.

use super::files::{LexiconFile, fold};
use crate::error::{Error, Result};
use crate::model::EntityKind;
use daachorse::{DoubleArrayAhoCorasick, DoubleArrayAhoCorasickBuilder, MatchKind};
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use serde::{Deserialize, Serialize};

/// Index of an entry in the lexicon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EntryId(pub u32);

/// One known actor, place or body.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LexiconEntry {
    /// Canonical name.
    pub name: String,
    /// What it is.
    pub kind: EntityKind,
    /// Every other name it goes by.
    pub aliases: Vec<String>,
    /// The entry it belongs to (a force to its state, a capital to its country).
    pub member_of: Option<EntryId>,
    /// For a state: the adjective used to name things after it ("Iranian").
    pub adjective: Option<String>,
    /// For a state: its capital's entry (a `location`).
    pub capital: Option<EntryId>,
    /// For a state: its armed forces' entry.
    pub force: Option<EntryId>,
    /// Reports on events and takes no part in them: a news agency is never a party to a
    /// relation ("The Associated Press could not verify who funds the gangs").
    pub observer: bool,
}

/// How a name found in text refers to its entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum NameRole {
    /// A name of the entry itself.
    Name,
    /// A state's adjective ("Iraqi", "U.S.").
    Adjective,
    /// A noun for a state's people ("Russians").
    Demonym,
    /// A capital: the state when it acts, the city after a preposition of place.
    Capital,
}

/// A lexicon name found in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameHit {
    /// The entry named.
    pub entry: EntryId,
    /// How it was named.
    pub role: NameRole,
    /// Byte offsets of the name.
    pub start: usize,
    /// End of the name.
    pub end: usize,
}

#[derive(Debug)]
pub(crate) struct Names {
    pub entries: Vec<LexiconEntry>,
    by_folded: HashMap<String, EntryId>,
    /// Folded alias → the first entry that has it.
    by_alias: HashMap<String, EntryId>,
    /// Each pattern's value indexes `targets`.
    automaton: Matcher,
    targets: Vec<(EntryId, NameRole)>,
    titles: TitleMatcher,
}

/// The case forms under which a name is looked for: as written; for names of several words also
/// in title case and with only the first word capitalised; a long single word also in capitals
/// (datelines: "AMMAN:").
fn case_variants(name: &str, kind: EntityKind) -> Vec<String> {
    let mut out = vec![name.to_owned()];
    // Sentence case only for descriptive names ("Iraqi army"); "Arab news" is not the newspaper.
    let descriptive = matches!(
        kind,
        EntityKind::Force | EntityKind::State | EntityKind::Location
    );
    if name.contains(' ') {
        // Built in place, word by word: the lexicon has tens of thousands of names.
        let mut title = String::with_capacity(name.len());
        for (i, w) in name.split(' ').enumerate() {
            if i > 0 {
                title.push(' ');
            }
            push_capitalised(&mut title, w);
        }
        out.push(title);
        if descriptive {
            let mut words = name.split(' ');
            let mut sentence = String::with_capacity(name.len());
            sentence.push_str(words.next().unwrap_or(""));
            for w in words {
                sentence.push(' ');
                if w.chars().all(|c| !c.is_lowercase()) {
                    sentence.push_str(w); // keep acronyms inside names
                } else {
                    sentence.push_str(&w.to_lowercase());
                }
            }
            out.push(sentence);
        }
    } else if name.chars().count() >= 4 && name.chars().any(char::is_lowercase) {
        out.push(name.to_uppercase());
    }
    out.sort();
    out.dedup();
    out
}

fn capitalise(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    push_capitalised(&mut out, word);
    out
}

/// `word` with its first character in upper case, appended to `out`.
fn push_capitalised(out: &mut String, word: &str) {
    let mut chars = word.chars();
    if let Some(c) = chars.next() {
        out.extend(c.to_uppercase());
        out.push_str(chars.as_str());
    }
}

fn fill(template: &str, adjective: &str) -> String {
    template.replace("{adj}", adjective)
}

/// A template filled with each adjective (`{adj}`) or the state's name (`{name}`, also with a
/// typographic apostrophe: "Lebanon’s army").
fn fill_all(template: &str, state: &super::files::RawState) -> Vec<String> {
    if template.contains("{name}") {
        let plain = template.replace("{name}", &state.name);
        let curly = plain.replace('\'', "’");
        if curly == plain {
            vec![plain]
        } else {
            vec![plain, curly]
        }
    } else {
        state
            .adjectives
            .iter()
            .map(|adj| fill(template, adj))
            .collect()
    }
}

/// The titles automaton of `file`: each title as written and capitalised.
fn titles_automaton(file: &LexiconFile) -> Result<TitleMatcher> {
    let mut patterns: Vec<String> = file
        .titles
        .titles
        .iter()
        .flat_map(|t| [t.clone(), capitalise(t)])
        .filter(|t| !t.is_empty())
        .collect();
    patterns.sort();
    patterns.dedup();
    title_automaton(&patterns)
}

/// A leftmost-longest DFA over `patterns` (not empty), as [`build_automaton`]'s double array
/// finds them: every sentence is searched for titles, and over the few hundred of them the DFA
/// takes a fraction of the double array's instructions per byte and lays out in a moment.
fn title_automaton(patterns: &[String]) -> Result<TitleMatcher> {
    aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(patterns)
        .map(TitleMatcher)
        .map_err(|e| Error::Lexicon {
            file: "titles".to_owned(),
            message: e.to_string(),
        })
}

/// The titles automaton; its `Debug` gives its size rather than its states.
pub(crate) struct TitleMatcher(aho_corasick::AhoCorasick);

impl std::fmt::Debug for TitleMatcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TitleMatcher({} bytes)", self.0.memory_usage())
    }
}

/// Folded alias → the first entry that has it, from each entry's folded aliases.
fn alias_index(folded_aliases: Vec<Vec<String>>) -> HashMap<String, EntryId> {
    let mut by_alias = HashMap::new();
    for (i, folds) in folded_aliases.into_iter().enumerate() {
        for a in folds {
            by_alias.entry(a).or_insert(EntryId(i as u32));
        }
    }
    by_alias
}

/// True when the bytes around `start..end` are not letters or digits: a whole-word match.
pub(crate) fn is_word_bounded(text: &str, start: usize, end: usize) -> bool {
    let before = text.get(..start).and_then(|s| s.chars().next_back());
    let after = text.get(end..).and_then(|s| s.chars().next());
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

struct Collector {
    entries: Vec<LexiconEntry>,
    by_folded: HashMap<String, EntryId>,
    origin: Vec<String>,
    /// Each entry's canonical name and aliases folded, computed once: every alias is compared
    /// with its entry's name, and the alias index is built from the same foldings.
    folded_name: Vec<String>,
    folded_aliases: Vec<Vec<String>>,
    /// Each entry's aliases as a set, so that a repeated alias is found without scanning the
    /// entry's list (states collect dozens from the templates).
    alias_seen: Vec<HashSet<String>>,
}

impl Collector {
    /// The entry with this canonical name, created when new; a later definition overrides
    /// kind and membership, and adds aliases.
    fn upsert(&mut self, name: &str, kind: EntityKind, origin: &str) -> EntryId {
        let key = fold(name);
        if let Some(&id) = self.by_folded.get(&key) {
            if let Some(e) = self.entries.get_mut(id.0 as usize) {
                e.kind = kind;
            }
            return id;
        }
        let id = EntryId(self.entries.len() as u32);
        self.entries.push(LexiconEntry {
            name: name.to_owned(),
            kind,
            aliases: Vec::new(),
            member_of: None,
            adjective: None,
            capital: None,
            force: None,
            observer: false,
        });
        self.origin.push(origin.to_owned());
        self.folded_name.push(key.clone());
        self.folded_aliases.push(Vec::new());
        self.alias_seen.push(HashSet::new());
        self.by_folded.insert(key, id);
        id
    }

    fn entry(&mut self, id: EntryId) -> Option<&mut LexiconEntry> {
        self.entries.get_mut(id.0 as usize)
    }

    fn add_alias(&mut self, id: EntryId, alias: &str) {
        let i = id.0 as usize;
        let (Some(e), Some(name), Some(folds), Some(seen)) = (
            self.entries.get_mut(i),
            self.folded_name.get(i),
            self.folded_aliases.get_mut(i),
            self.alias_seen.get_mut(i),
        ) else {
            return;
        };
        let folded = fold(alias);
        if folded != *name && !seen.contains(alias) {
            e.aliases.push(alias.to_owned());
            folds.push(folded);
            seen.insert(alias.to_owned());
        }
    }
}

/// The names automaton of `file` laid out ahead of time, for [`Names::compile`] to load: the
/// fingerprint of its patterns, then the serialized automaton. The build script (`build.rs`)
/// makes it for the built-in lexicon, whose double array otherwise took about half of every
/// process's start.
///
/// # Errors
/// As [`Names::compile`].
#[cfg_attr(
    not(test),
    allow(dead_code, reason = "called by build.rs and the tests")
)]
pub(crate) fn prebuild(file: &LexiconFile) -> Result<Vec<u8>> {
    let patterns = surface_patterns(file)?.patterns;
    let automaton = build_automaton(&patterns, "names")?;
    let mut out = fingerprint(&patterns).to_le_bytes().to_vec();
    out.extend(automaton.0.serialize());
    Ok(out)
}

/// The automaton in `prebuilt` when it was laid out from exactly `patterns`; `None` otherwise
/// (a stale or damaged build output, another lexicon), and then the caller builds it.
fn load_prebuilt(prebuilt: &[u8], patterns: &[String]) -> Option<Matcher> {
    load_fingerprinted(prebuilt, fingerprint(patterns))
}

/// The automaton in `prebuilt` when it was laid out from patterns of this fingerprint.
fn load_fingerprinted(prebuilt: &[u8], expected: u64) -> Option<Matcher> {
    let (head, rest) = prebuilt.split_first_chunk::<8>()?;
    if u64::from_le_bytes(*head) != expected {
        return None;
    }
    let (automaton, tail) = DoubleArrayAhoCorasick::deserialize(rest).ok()?;
    tail.is_empty().then_some(Matcher(automaton))
}

/// A hash of the name patterns in order (their values are their indices), the same in the
/// build script and at run time: a fixed seed.
fn fingerprint(patterns: &[String]) -> u64 {
    use std::hash::BuildHasher;
    foldhash::quality::FixedState::with_seed(0x6e61_6d65).hash_one(patterns)
}

/// What [`Names`] holds besides its automata, laid out by the build script for the built-in
/// lexicon (see `prebuilt.rs`): the entries, each one's folded name and folded aliases, the entry
/// and role of each name pattern, and the fingerprint of the patterns themselves, which the
/// prebuilt names automaton must carry to be used with these.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct NamesParts {
    entries: Vec<LexiconEntry>,
    folded_names: Vec<String>,
    folded_aliases: Vec<Vec<String>>,
    targets: Vec<(EntryId, NameRole)>,
    fingerprint: u64,
}

/// The [`NamesParts`] of `file`.
///
/// # Errors
/// As [`Names::compile`].
#[cfg_attr(
    not(test),
    allow(dead_code, reason = "called by build.rs and the tests")
)]
pub(crate) fn parts(file: &LexiconFile) -> Result<NamesParts> {
    let Surface {
        collector: c,
        patterns,
        targets,
    } = surface_patterns(file)?;
    Ok(NamesParts {
        entries: c.entries,
        folded_names: c.folded_name,
        folded_aliases: c.folded_aliases,
        targets,
        fingerprint: fingerprint(&patterns),
    })
}

/// Every entry of a lexicon with its aliases, and the name patterns to search for.
struct Surface {
    collector: Collector,
    /// First claim first; a pattern's index is its value in the automaton.
    patterns: Vec<String>,
    /// The entry and role each pattern names.
    targets: Vec<(EntryId, NameRole)>,
}

/// The entries and name patterns of `file`.
fn surface_patterns(file: &LexiconFile) -> Result<Surface> {
    let mut c = Collector {
        entries: Vec::new(),
        by_folded: HashMap::new(),
        origin: Vec::new(),
        folded_name: Vec::new(),
        folded_aliases: Vec::new(),
        alias_seen: Vec::new(),
    };
    // (text, entry, role) in priority order: the first entry to claim a surface form keeps it.
    let mut surface: Vec<(String, EntryId, NameRole)> = Vec::new();
    let origin_of = |i: usize| file.origin.get(i).map(String::as_str).unwrap_or("lexicon");
    let t = &file.templates;

    for (i, s) in file.state.iter().enumerate() {
        let origin = origin_of(i);
        let id = c.upsert(&s.name, EntityKind::State, origin);
        surface.push((s.name.clone(), id, NameRole::Name));
        for a in &s.aliases {
            c.add_alias(id, a);
            surface.push((a.clone(), id, NameRole::Name));
        }
        for a in &s.adjectives {
            c.add_alias(id, a);
            surface.push((a.clone(), id, NameRole::Adjective));
        }
        for a in &s.demonyms {
            c.add_alias(id, a);
            surface.push((a.clone(), id, NameRole::Demonym));
        }
        if let Some(adj) = s.adjectives.first()
            && let Some(e) = c.entry(id)
        {
            e.adjective = Some(adj.clone());
        }
        for tpl in &t.state_names {
            for name in fill_all(tpl, s) {
                c.add_alias(id, &name);
                surface.push((name, id, NameRole::Name));
            }
        }
        if let Some(first) = s.capitals.first() {
            let city = c.upsert(first, EntityKind::Location, origin);
            if let Some(e) = c.entry(city) {
                e.member_of = Some(id);
            }
            if let Some(e) = c.entry(id) {
                e.capital = Some(city);
            }
            for cap in &s.capitals {
                c.add_alias(city, cap);
                surface.push((cap.clone(), id, NameRole::Capital));
            }
        }
        // The state's armed forces: one entity, however the text names them.
        let default_force = t
            .force_names
            .first()
            .zip(s.adjectives.first())
            .map(|(tpl, adj)| fill(tpl, adj));
        if let Some(force_name) = s.force.clone().or(default_force) {
            let force = c.upsert(&force_name, EntityKind::Force, origin);
            if let Some(e) = c.entry(force) {
                e.member_of = Some(id);
            }
            if let Some(e) = c.entry(id) {
                e.force = Some(force);
            }
            surface.push((force_name, force, NameRole::Name));
            let derived = t.force_names.iter().flat_map(|tpl| fill_all(tpl, s));
            for a in s.force_aliases.iter().cloned().chain(derived) {
                c.add_alias(force, &a);
                surface.push((a, force, NameRole::Name));
            }
        }
        if let Some(adj) = s.adjectives.first()
            && let Some(tpl) = t.rebel_names.first()
        {
            let rebels = c.upsert(&fill(tpl, adj), EntityKind::Force, origin);
            for a in t
                .rebel_names
                .iter()
                .flat_map(|tpl| s.adjectives.iter().map(move |adj| fill(tpl, adj)))
            {
                c.add_alias(rebels, &a);
                surface.push((a, rebels, NameRole::Name));
            }
            if let Some(e) = c.entry(rebels) {
                surface.push((e.name.clone(), rebels, NameRole::Name));
            }
        }
    }

    let first_actor = file.state.len();
    for (i, a) in file.actor.iter().enumerate() {
        let id = c.upsert(&a.name, a.kind, origin_of(first_actor + i));
        if a.observer
            && let Some(e) = c.entry(id)
        {
            e.observer = true;
        }
        surface.push((a.name.clone(), id, NameRole::Name));
        for alias in &a.aliases {
            c.add_alias(id, alias);
            surface.push((alias.clone(), id, NameRole::Name));
        }
    }
    // Memberships last, so that an actor may name one defined after it.
    for (i, a) in file.actor.iter().enumerate() {
        let Some(parent) = &a.member_of else { continue };
        let Some(&parent_id) = c.by_folded.get(&fold(parent)) else {
            return Err(Error::Lexicon {
                file: origin_of(first_actor + i).to_owned(),
                message: format!("{}: member_of {parent:?} names no entry", a.name),
            });
        };
        if let Some(&id) = c.by_folded.get(&fold(&a.name))
            && let Some(e) = c.entry(id)
        {
            e.member_of = Some(parent_id);
        }
    }

    // The services come after the actors, so that an actor naming one ("Pakistan Air Force",
    // alias "Pakistani air force") keeps its entry and its surface forms, and takes the
    // service's other names as aliases.
    let alias_owner: HashMap<String, EntryId> = c
        .folded_aliases
        .iter()
        .enumerate()
        .flat_map(|(i, folds)| folds.iter().map(move |f| (f.clone(), EntryId(i as u32))))
        .collect();
    for (i, s) in file.state.iter().enumerate() {
        let Some(&state) = c.by_folded.get(&fold(&s.name)) else {
            continue;
        };
        for service in &t.service_names {
            let names: Vec<String> = service.iter().flat_map(|tpl| fill_all(tpl, s)).collect();
            let known = names.iter().find_map(|n| {
                let key = fold(n);
                c.by_folded
                    .get(&key)
                    .or_else(|| alias_owner.get(&key))
                    .copied()
            });
            let id = match (known, names.first()) {
                (Some(id), _) => id,
                (None, Some(first)) => c.upsert(first, EntityKind::Force, origin_of(i)),
                (None, None) => continue,
            };
            if let Some(e) = c.entry(id)
                && e.member_of.is_none()
            {
                e.member_of = Some(state);
            }
            for name in names {
                c.add_alias(id, &name);
                surface.push((name, id, NameRole::Name));
            }
        }
    }

    let mut patterns: Vec<String> = Vec::new();
    let mut targets = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (text, id, role) in surface {
        let kind = c
            .entries
            .get(id.0 as usize)
            .map_or(EntityKind::Organization, |e| e.kind);
        for variant in case_variants(&text, kind) {
            if variant.trim().is_empty() || seen.contains_key(&variant) {
                continue;
            }
            seen.insert(variant.clone(), patterns.len());
            patterns.push(variant);
            targets.push((id, role));
        }
    }
    Ok(Surface {
        collector: c,
        patterns,
        targets,
    })
}

impl Names {
    /// Compiles `file`'s names; the names automaton is taken from `prebuilt` (see [`prebuild`])
    /// when that was laid out from the same patterns, and built otherwise.
    pub fn compile(file: &LexiconFile, prebuilt: Option<&[u8]>) -> Result<Names> {
        let Surface {
            collector: c,
            patterns,
            targets,
        } = surface_patterns(file)?;
        let automaton = match prebuilt.and_then(|p| load_prebuilt(p, &patterns)) {
            Some(automaton) => automaton,
            None => build_automaton(&patterns, "names")?,
        };
        Ok(Names {
            entries: c.entries,
            by_folded: c.by_folded,
            by_alias: alias_index(c.folded_aliases),
            automaton,
            targets,
            titles: titles_automaton(file)?,
        })
    }

    /// `file`'s names from `parts` laid out for the same file ahead of time (see [`parts`]),
    /// with the names automaton `prebuilt` (see [`prebuild`]): `None` when that automaton is not
    /// the one of the parts' patterns.
    ///
    /// # Errors
    /// As [`Names::compile`].
    pub fn from_parts(
        file: &LexiconFile,
        parts: NamesParts,
        prebuilt: &[u8],
    ) -> Result<Option<Names>> {
        let Some(automaton) = load_fingerprinted(prebuilt, parts.fingerprint) else {
            return Ok(None);
        };
        // Each entry's folded name is its key: `Collector::upsert` adds both together.
        let mut by_folded = HashMap::with_capacity(parts.folded_names.len());
        for (i, key) in parts.folded_names.into_iter().enumerate() {
            by_folded.insert(key, EntryId(i as u32));
        }
        Ok(Some(Names {
            entries: parts.entries,
            by_folded,
            by_alias: alias_index(parts.folded_aliases),
            automaton,
            targets: parts.targets,
            titles: titles_automaton(file)?,
        }))
    }

    pub fn entry(&self, id: EntryId) -> Option<&LexiconEntry> {
        self.entries.get(id.0 as usize)
    }

    /// The entry whose canonical name, or failing that any alias, folds to `name`'s folding.
    pub fn find(&self, name: &str) -> Option<EntryId> {
        let key = fold(name);
        self.by_folded
            .get(&key)
            .or_else(|| self.by_alias.get(&key))
            .copied()
    }

    /// The entry whose canonical name folds like `name` (no alias search: fast).
    pub fn find_canonical(&self, name: &str) -> Option<EntryId> {
        self.by_folded.get(&fold(name)).copied()
    }

    /// Every whole-word lexicon name in `text`, leftmost-longest, in order.
    pub fn find_in<'a>(&'a self, text: &'a str) -> impl Iterator<Item = NameHit> + 'a {
        self.automaton
            .0
            .leftmost_find_iter(text)
            .filter_map(move |m| self.bounded_at(text, m.start(), m.end(), m.value()))
    }

    /// The name `value` found at `start..end` if it ends at a word's end; else ("Houthi
    /// militia" in "Houthi militiamen") the longest name at `start` that does ("Houthi").
    fn bounded_at(&self, text: &str, start: usize, end: usize, value: u32) -> Option<NameHit> {
        let (mut end, mut value) = (end, value);
        while !is_word_bounded(text, start, end) {
            let cut = start + text.get(start..end)?.rfind(' ')?;
            let m = self
                .automaton
                .0
                .leftmost_find_iter(text.get(start..cut)?)
                .next()
                .filter(|m| m.start() == 0)?; // no name starts at `start` within the cut
            (end, value) = (start + m.end(), m.value());
        }
        let (entry, role) = *self.targets.get(value as usize)?;
        Some(NameHit {
            entry,
            role,
            start,
            end,
        })
    }

    /// Every whole-word title in `text`, as byte ranges.
    pub fn titles_in<'a>(&'a self, text: &'a str) -> impl Iterator<Item = (usize, usize)> + 'a {
        self.titles
            .0
            .find_iter(text)
            .filter(move |m| is_word_bounded(text, m.start(), m.end()))
            .map(|m| (m.start(), m.end()))
    }
}

/// A leftmost-longest automaton over `patterns`, each match's value its pattern's index.
///
/// A double-array automaton rather than `aho_corasick`'s NFA: over the ~45,000 name patterns it
/// builds in a fraction of the time (the NFA spent most of a process's start computing failure
/// transitions) and searches several times faster, with the same leftmost-longest matches.
/// Empty patterns are left out: they would match between every two bytes.
pub(crate) fn build_automaton(patterns: &[String], what: &str) -> Result<Matcher> {
    let error = |message: String| Error::Lexicon {
        file: what.to_owned(),
        message,
    };
    let mut valued = Vec::with_capacity(patterns.len());
    for (i, p) in patterns.iter().enumerate() {
        if !p.is_empty() {
            valued.push((
                p.as_str(),
                u32::try_from(i).map_err(|e| error(e.to_string()))?,
            ));
        }
    }
    DoubleArrayAhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .use_prefilter(false)
        .build_with_values(valued)
        .map(Matcher)
        .map_err(|e| error(e.to_string()))
}

/// A compiled automaton; its `Debug` gives its size rather than its states.
pub(crate) struct Matcher(DoubleArrayAhoCorasick<u32>);

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Matcher({} bytes)", self.0.heap_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_variants_cover_headline_and_sentence_case() {
        let v = case_variants("Iraqi army", EntityKind::Force);
        assert!(v.contains(&"Iraqi Army".to_owned()));
        assert!(v.contains(&"Iraqi army".to_owned()));
        assert!(case_variants("Amman", EntityKind::Location).contains(&"AMMAN".to_owned()));
        assert_eq!(
            case_variants("US", EntityKind::State),
            vec!["US".to_owned()]
        );
        assert!(
            !case_variants("Arab News", EntityKind::Organization).contains(&"Arab news".to_owned())
        );
    }

    fn built_in() -> Result<LexiconFile> {
        LexiconFile::parse_all(super::super::BUILT_IN.iter().copied())
    }

    #[test]
    fn the_prebuilt_automaton_is_the_built_in_lexicons() -> Result<()> {
        // What build.rs wrote is what the lexicon files and this code lay out now.
        let fresh = prebuild(&built_in()?)?;
        assert!(super::super::PREBUILT_NAMES == fresh.as_slice());
        Ok(())
    }

    #[test]
    fn a_prebuilt_automaton_of_other_patterns_is_not_used() -> Result<()> {
        let file = built_in()?;
        let patterns = surface_patterns(&file)?.patterns;
        let prebuilt = super::super::PREBUILT_NAMES;
        assert!(load_prebuilt(prebuilt, &patterns).is_some());
        let fewer = patterns.get(1..).unwrap_or_default();
        assert!(load_prebuilt(prebuilt, fewer).is_none());
        let truncated = prebuilt.get(..prebuilt.len() / 2).unwrap_or_default();
        assert!(load_prebuilt(truncated, &patterns).is_none());
        // A damaged one is built afresh, and finds the same names.
        let names = Names::compile(&file, Some(truncated))?;
        let text = "Iraqi Army units and Hezbollah fighters reached AMMAN.";
        let hits: Vec<_> = names.find_in(text).map(|h| (h.start, h.end)).collect();
        assert_eq!(hits, [(0, 10), (21, 39), (48, 53)]);
        Ok(())
    }

    #[test]
    fn names_from_their_prebuilt_parts_are_the_compiled_names() -> Result<()> {
        let file = built_in()?;
        let compiled = Names::compile(&file, None)?;
        let Some(loaded) = Names::from_parts(&file, parts(&file)?, super::super::PREBUILT_NAMES)?
        else {
            unreachable!("the prebuilt automaton is not of these parts");
        };
        assert_eq!(
            format!("{:?}", loaded.entries),
            format!("{:?}", compiled.entries)
        );
        assert!(loaded.by_folded == compiled.by_folded);
        assert!(loaded.by_alias == compiled.by_alias);
        assert_eq!(loaded.targets, compiled.targets);
        let text = "Iraqi Army units, Foreign Minister Sergei Lavrov and Hezbollah fighters \
                    reached AMMAN; the Houthis (Ansar Allah) and the IRGC denied it.";
        let hits = |n: &Names| n.find_in(text).collect::<Vec<_>>();
        assert_eq!(hits(&loaded), hits(&compiled));
        let titles = |n: &Names| n.titles_in(text).collect::<Vec<_>>();
        assert_eq!(titles(&loaded), titles(&compiled));
        // Parts of other patterns than the prebuilt automaton's are not used with it.
        let mut other = parts(&file)?;
        other.fingerprint ^= 1;
        assert!(Names::from_parts(&file, other, super::super::PREBUILT_NAMES)?.is_none());
        Ok(())
    }

    /// Titles as the double array finds them, leftmost-longest.
    fn titles_by_double_array(patterns: &[String], text: &str) -> Vec<(usize, usize)> {
        build_automaton(patterns, "titles")
            .map(|m| {
                m.0.leftmost_find_iter(text)
                    .map(|m| (m.start(), m.end()))
                    .collect()
            })
            .unwrap_or_default()
    }

    fn titles_by_dfa(patterns: &[String], text: &str) -> Vec<(usize, usize)> {
        title_automaton(patterns)
            .map(|m| m.0.find_iter(text).map(|m| (m.start(), m.end())).collect())
            .unwrap_or_default()
    }

    #[test]
    fn the_titles_dfa_finds_what_the_double_array_finds() -> Result<()> {
        let file = built_in()?;
        let mut patterns: Vec<String> = file
            .titles
            .titles
            .iter()
            .flat_map(|t| [t.clone(), capitalise(t)])
            .collect();
        patterns.sort();
        patterns.dedup();
        let text = "Deputy Prime Minister and Foreign Minister Sergei Lavrov, Secretary of State \
                    Rubio, the deputy minister, Vice-President X, Press Secretary Brigade General Y, \
                    Sen. Z, Secretary-General Guterres and Prime Ministers met the Ministerial.";
        let found = titles_by_dfa(&patterns, text);
        assert!(found.len() > 8, "{found:?}");
        assert_eq!(found, titles_by_double_array(&patterns, text));
        Ok(())
    }

    proptest::proptest! {
        #[test]
        fn a_titles_dfa_finds_what_a_double_array_finds(
            patterns in proptest::collection::vec("[abAB -]{1,5}", 1..12),
            text in "[abAB -]{0,60}",
        ) {
            let mut patterns = patterns;
            patterns.sort();
            patterns.dedup();
            proptest::prop_assert_eq!(
                titles_by_dfa(&patterns, &text),
                titles_by_double_array(&patterns, &text)
            );
        }
    }

    #[test]
    fn a_longer_name_ending_inside_a_word_leaves_the_shorter_one() {
        let lexicon = crate::Lexicon::built_in().unwrap_or_else(|e| unreachable!("{e}"));
        // "Houthi militia" is a name too: it must not hide "Houthi" in "Houthi militiamen".
        let text = "Eleven Houthi militiamen were killed.";
        let found: Vec<&str> = lexicon
            .names
            .find_in(text)
            .filter_map(|h| text.get(h.start..h.end))
            .collect();
        assert_eq!(found, ["Houthi"]);
    }

    #[test]
    fn a_service_is_a_force_of_its_own_unless_an_actor_names_it() {
        let lexicon = crate::Lexicon::built_in().unwrap_or_else(|e| unreachable!("{e}"));
        let name_of = |text: &str| lexicon.find(text).map(|e| e.name.clone());
        let state_of = |text: &str| {
            let id = lexicon.names.find(text)?;
            let parent = lexicon.names.entry(id)?.member_of?;
            Some(lexicon.names.entry(parent)?.name.clone())
        };
        assert_eq!(name_of("Nigerian airforce"), name_of("Nigeria's air force"));
        assert_ne!(name_of("Nigerian airforce"), name_of("Nigerian army"));
        assert_eq!(state_of("Nigerian air force").as_deref(), Some("Nigeria"));
        // The "Royal Air Force" is an actor entry: the derived names join it.
        assert_eq!(
            name_of("United Kingdom's air force").as_deref(),
            Some("Royal Air Force")
        );
    }

    #[test]
    fn word_bounds() {
        assert!(is_word_bounded("the US-backed", 4, 6));
        assert!(!is_word_bounded("crISIS", 2, 6));
    }
}
