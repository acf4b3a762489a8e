//! The schema of lexicon files, and how several files merge into one.

use crate::error::{Error, Result};
use crate::model::EntityKind;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// A name folded for comparison: no case, no accents, no punctuation, no leading "the".
pub(crate) fn fold(name: &str) -> String {
    // ASCII text is its own NFKD decomposition and has no combining marks: skip normalising it.
    // So is the typographic apostrophe, which folding drops ("Lebanon’s army", from templates).
    if name.is_ascii() {
        fold_ascii(name)
    } else if name.chars().all(|c| c.is_ascii() || c == '’') {
        fold_ascii(&name.replace('’', ""))
    } else {
        fold_chars(name.len(), name.nfkd().filter(|c| !is_combining_mark(*c)))
    }
}

/// [`fold_chars`] for ASCII, byte by byte: the lexicon build folds every alias and resolution
/// every name, and decoding and lowercasing them as chars cost several times more.
fn fold_ascii(name: &str) -> String {
    let mut out = Vec::with_capacity(name.len());
    let mut space = false;
    for b in name.bytes() {
        if b == b'.' || b == b'\'' {
            continue;
        }
        if b.is_ascii_alphanumeric() {
            if space && !out.is_empty() {
                out.push(b' ');
            }
            space = false;
            out.push(b.to_ascii_lowercase());
        } else {
            space = true;
        }
    }
    let out = match out.strip_prefix(b"the ") {
        Some(rest) => rest.to_vec(),
        None => out,
    };
    String::from_utf8(out).unwrap_or_default()
}

fn fold_chars(len: usize, chars: impl Iterator<Item = char>) -> String {
    let mut out = String::with_capacity(len);
    let mut space = false;
    for c in chars {
        if c == '.' || c == '\'' || c == '’' {
            continue;
        }
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        } else {
            space = true;
        }
    }
    match out.strip_prefix("the ") {
        Some(rest) => rest.to_owned(),
        None => out,
    }
}

/// `word.to_lowercase()`, without allocating when the word is lowercase ASCII already — as most
/// words of a sentence are.
pub(crate) fn lower(word: &str) -> Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// `text.to_lowercase().starts_with(prefix)`, lowercasing only as much of `text` as `prefix`
/// needs instead of all of it.
pub(crate) fn lowercase_starts_with(text: &str, prefix: &str) -> bool {
    let mut want = prefix.chars();
    for c in text.chars() {
        if c == 'Σ' {
            // Its lowercase depends on what follows (final sigma): leave it to the library.
            return text.to_lowercase().starts_with(prefix);
        }
        for l in c.to_lowercase() {
            match want.next() {
                None => return true,
                Some(w) if w != l => return false,
                Some(_) => {}
            }
        }
    }
    want.next().is_none()
}

/// The first of `items` whose `affix` `text` starts with, as [`lowercase_starts_with`] compares.
/// An affix is only tried when it begins with the lowercase of `text`'s first character (when
/// that is ASCII): the text after a name mostly starts with a space, and no affix does.
pub(crate) fn lowercase_prefix_of<'a, T>(
    text: &str,
    items: &'a [T],
    affix: impl Fn(&T) -> &str,
) -> Option<&'a T> {
    let first = text
        .chars()
        .next()
        .filter(char::is_ascii)
        .map(|c| c.to_ascii_lowercase());
    items.iter().find(|item| {
        let a = affix(item);
        first.is_none_or(|c| a.is_empty() || a.starts_with(c)) && lowercase_starts_with(text, a)
    })
}

/// One lexicon file: any of these sections, all optional.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LexiconFile {
    #[serde(default)]
    pub state: Vec<RawState>,
    #[serde(default)]
    pub actor: Vec<RawActor>,
    #[serde(default)]
    pub titles: Titles,
    #[serde(default)]
    pub templates: Templates,
    #[serde(default)]
    pub cues: RawCues,
    #[serde(default)]
    pub cleaning: Cleaning,
    #[serde(default)]
    pub heads: Heads,
    /// The file each entry came from, for error messages (filled in by `merge`).
    #[serde(skip)]
    pub origin: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawState {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub adjectives: Vec<String>,
    #[serde(default)]
    pub demonyms: Vec<String>,
    #[serde(default)]
    pub capitals: Vec<String>,
    pub force: Option<String>,
    #[serde(default)]
    pub force_aliases: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawActor {
    pub name: String,
    pub kind: EntityKind,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub member_of: Option<String>,
    /// Reports on events and takes no part in them (news agencies, monitors).
    #[serde(default)]
    pub observer: bool,
}

#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Titles {
    #[serde(default)]
    pub titles: Vec<String>,
}

/// Name patterns derived from every state: `{adj}` is each adjective, `{name}` each name.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Templates {
    #[serde(default)]
    pub state_names: Vec<String>,
    #[serde(default)]
    pub force_names: Vec<String>,
    #[serde(default)]
    pub rebel_names: Vec<String>,
    /// Each list names one service of every state's armed forces (its air force, its navy): a
    /// force of its own, member_of the state. The first template names it.
    #[serde(default)]
    pub service_names: Vec<Vec<String>>,
}

/// Words of the lexicon in file order, that also tell whether a word is among them without
/// comparing it with each: the mention stage asks that of every word of every sentence.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(from = "Vec<String>", into = "Vec<String>")]
pub(crate) struct WordList {
    words: Vec<String>,
    set: foldhash::HashSet<String>,
}

impl WordList {
    /// Whether `word` is in the list, exactly.
    pub fn has(&self, word: &str) -> bool {
        self.set.contains(word)
    }
}

impl From<Vec<String>> for WordList {
    fn from(words: Vec<String>) -> Self {
        let set = words.iter().cloned().collect();
        WordList { words, set }
    }
}

impl From<WordList> for Vec<String> {
    fn from(list: WordList) -> Self {
        list.words
    }
}

impl std::ops::Deref for WordList {
    type Target = [String];
    fn deref(&self) -> &[String] {
        &self.words
    }
}

impl Extend<String> for WordList {
    fn extend<I: IntoIterator<Item = String>>(&mut self, words: I) {
        for w in words {
            self.set.insert(w.clone());
            self.words.push(w);
        }
    }
}

impl IntoIterator for WordList {
    type Item = String;
    type IntoIter = std::vec::IntoIter<String>;
    fn into_iter(self) -> Self::IntoIter {
        self.words.into_iter()
    }
}

/// Head nouns that make a new name out of capitalised words, or of "X-backed <head>".
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Heads {
    /// "Souffiyah district": a capitalised word before one of these is a place.
    #[serde(default)]
    pub location: WordList,
    /// "Brigade of the Dunes", "Tigray Defense Forces": a capitalised name ending in one of these
    /// is a force.
    #[serde(default)]
    pub force: WordList,
    /// "Iranian-backed forces": an actor, "-backed", then one of these is a force of its own.
    #[serde(default)]
    pub backed: WordList,
    /// Capitalised words that never start a name on their own ("The", "In", weekdays…).
    #[serde(default)]
    pub not_names: WordList,
    /// Lowercase words that may stand inside a name ("al", "bin", "de").
    #[serde(default)]
    pub name_particles: WordList,
    /// Words that introduce a new name: "a militia called X", "known as X".
    #[serde(default)]
    pub introducers: WordList,
    /// Possessive determiners before a title: "its commander" is the commander of the last actor.
    #[serde(default)]
    pub possessives: Vec<String>,
    /// Lowercase words that may join the words of a name ("Army of Islam", "Front for …").
    #[serde(default)]
    pub name_joiners: WordList,
    /// Articles skipped before an introduced name ("called the X").
    #[serde(default)]
    pub determiners: Vec<String>,
    /// After a place noun, these introduce its name ("the town of Harardhere").
    #[serde(default)]
    pub location_links: WordList,
    /// Nouns that describe an organization whose name follows ("the Islah party").
    #[serde(default)]
    pub descriptors: WordList,
    /// A capitalised name right after these is a place ("near Boni").
    #[serde(default)]
    pub place_markers: WordList,
    /// A capitalised name after these and before a comma is a place ("In Mirali, …").
    #[serde(default)]
    pub comma_place_markers: WordList,
}

/// Which of the [`Heads`] lists a word is in, as bits: the mention stage asks up to eight lists
/// about every word of every sentence, and one look-up here answers them all.
#[derive(Debug, Default)]
pub(crate) struct WordClasses {
    map: foldhash::HashMap<String, u16>,
    /// For each first byte, the lengths of the words in `map` that start with it, as bits (bit
    /// `n` for `n` bytes, bit 63 for 63 or more): most words of a sentence are in no list, and
    /// this tells so for most of them without hashing them.
    lengths: Vec<u64>,
}

/// The bit of [`WordClasses::lengths`] for a word of `len` bytes.
fn length_bit(len: usize) -> u64 {
    1 << len.min(63)
}

/// The bits of [`WordClasses::of`]; each is set exactly when the list's `has` is true.
pub(crate) mod class {
    pub const LOCATION: u16 = 1;
    pub const FORCE: u16 = 1 << 1;
    pub const BACKED: u16 = 1 << 2;
    pub const INTRODUCER: u16 = 1 << 3;
    /// The words before a space in an introducer ("known" of "known as").
    pub const INTRODUCER_START: u16 = 1 << 4;
    pub const LOCATION_LINK: u16 = 1 << 5;
    pub const DESCRIPTOR: u16 = 1 << 6;
    pub const PLACE_MARKER: u16 = 1 << 7;
    pub const COMMA_PLACE_MARKER: u16 = 1 << 8;
}

impl WordClasses {
    pub fn new(heads: &Heads) -> Self {
        let mut map: foldhash::HashMap<String, u16> = foldhash::HashMap::default();
        let mut mark = |words: &[String], bit: u16| {
            for w in words {
                *map.entry(w.clone()).or_default() |= bit;
            }
        };
        mark(&heads.location, class::LOCATION);
        mark(&heads.force, class::FORCE);
        mark(&heads.backed, class::BACKED);
        mark(&heads.introducers, class::INTRODUCER);
        mark(&heads.location_links, class::LOCATION_LINK);
        mark(&heads.descriptors, class::DESCRIPTOR);
        mark(&heads.place_markers, class::PLACE_MARKER);
        mark(&heads.comma_place_markers, class::COMMA_PLACE_MARKER);
        let starts: Vec<String> = heads
            .introducers
            .iter()
            .flat_map(|t| t.match_indices(' ').map(|(i, _)| t.get(..i).unwrap_or("")))
            .map(str::to_owned)
            .collect();
        mark(&starts, class::INTRODUCER_START);
        let mut lengths = vec![0; 256];
        for w in map.keys() {
            if let Some(bits) = w
                .as_bytes()
                .first()
                .and_then(|b| lengths.get_mut(usize::from(*b)))
            {
                *bits |= length_bit(w.len());
            }
        }
        WordClasses { map, lengths }
    }

    /// The lists `word` is in, exactly as written.
    pub fn of(&self, word: &str) -> u16 {
        let first = word.as_bytes().first().map(|b| usize::from(*b));
        if first
            .and_then(|b| self.lengths.get(b))
            .is_some_and(|bits| bits & length_bit(word.len()) == 0)
        {
            return 0;
        }
        self.map.get(word).copied().unwrap_or(0)
    }
}

/// Page furniture and the markers of a reader-comment section.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Cleaning {
    /// A line equal to one of these (folded) is dropped.
    #[serde(default)]
    pub furniture: Vec<String>,
    /// A line starting with one of these is dropped.
    #[serde(default)]
    pub furniture_prefixes: Vec<String>,
    /// A short line starting with one of these is a byline; a later line starting with the name
    /// it gives followed by " is " is the author's bio. Both are dropped.
    #[serde(default)]
    pub byline_prefixes: Vec<String>,
    /// A line ending with one of these is dropped (teasers: "…[...]").
    #[serde(default)]
    pub furniture_suffixes: Vec<String>,
    /// A line starting with one of these ends the article: what follows is comments or links.
    #[serde(default)]
    pub end_markers: Vec<String>,
    /// A line starting with one of these opens a list of other stories: the lines after it are
    /// dropped up to the first that reads as prose.
    #[serde(default)]
    pub aside_markers: Vec<String>,
    /// Month names, full and abbreviated, January first (a 12-element cycle).
    #[serde(default)]
    pub months: Vec<String>,
}

/// Raw cue lists; compiled by [`super::Cues`].
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCues {
    #[serde(default)]
    pub relation: Vec<RawRelationCue>,
    #[serde(default)]
    pub negation: Vec<String>,
    #[serde(default)]
    pub cessation: Vec<String>,
    #[serde(default)]
    pub location_preposition: Vec<String>,
    #[serde(default)]
    pub hedge: Vec<String>,
    #[serde(default)]
    pub denial: Vec<String>,
    #[serde(default)]
    pub falsity: Vec<String>,
    #[serde(default)]
    pub claim_nouns: Vec<String>,
    #[serde(default)]
    pub report: Vec<String>,
    #[serde(default)]
    pub boundary: Vec<String>,
    #[serde(default)]
    pub connector: Vec<String>,
    #[serde(default)]
    pub preposition: Vec<String>,
    #[serde(default)]
    pub non_agent: Vec<String>,
    #[serde(default)]
    pub place_preposition: Vec<String>,
    #[serde(default)]
    pub pronoun: Vec<String>,
    #[serde(default)]
    pub passive: Vec<String>,
    #[serde(default)]
    pub relative: Vec<String>,
    #[serde(default)]
    pub conjunctions: Vec<String>,
    #[serde(default)]
    pub companions: Vec<String>,
    #[serde(default)]
    pub accused_pronouns: Vec<String>,
    #[serde(default)]
    pub quoted_pronouns: Vec<String>,
    #[serde(default)]
    pub attribution: Vec<String>,
    #[serde(default)]
    pub speaker_after: Vec<String>,
    #[serde(default)]
    pub people_of: Vec<String>,
    #[serde(default)]
    pub quantities: Vec<String>,
    #[serde(default)]
    pub approximators: Vec<String>,
    #[serde(default)]
    pub affiliation_prepositions: Vec<String>,
    #[serde(default)]
    pub symmetric_prepositions: Vec<String>,
    #[serde(default)]
    pub gerund_prepositions: Vec<String>,
    #[serde(default)]
    pub averting_prepositions: Vec<String>,
    #[serde(default)]
    pub given_from: Vec<String>,
    #[serde(default)]
    pub personal_possessives: Vec<String>,
    #[serde(default)]
    pub subordinators: Vec<String>,
    #[serde(default)]
    pub denial_objects: Vec<String>,
    #[serde(default)]
    pub held_by: Vec<String>,
    #[serde(default)]
    pub indefinite: Vec<String>,
    #[serde(default)]
    pub distinguishing: Vec<String>,
    #[serde(default)]
    pub characterizing: Vec<String>,
    #[serde(default)]
    pub copulas: Vec<String>,
    #[serde(default)]
    pub intentions: Vec<String>,
    #[serde(default)]
    pub directives: Vec<String>,
    #[serde(default)]
    pub irregulars: Vec<String>,
    #[serde(default)]
    pub personal_pronouns: Vec<String>,
    #[serde(default)]
    pub impersonal_pronouns: Vec<String>,
    #[serde(default)]
    pub plural_pronouns: Vec<String>,
    #[serde(default)]
    pub agent_nouns: Vec<String>,
    #[serde(default)]
    pub compound: Vec<Affix>,
    #[serde(default)]
    pub prefix: Vec<Affix>,
    #[serde(default)]
    pub reference: Vec<RawReference>,
}

/// A word part that relates the actor it is attached to: "US-backed X" (`compound`, the actor
/// before the suffix is the source, the head after it the target), "anti-IS coalition" (`prefix`,
/// the head is the source, the actor after the prefix the target).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Affix {
    pub affix: String,
    pub kind: crate::model::RelationKind,
    /// The relation runs the other way: from the head to the attached actor for a compound
    /// ("al-Qaeda-affiliated group"), from the attached actor to the head for a prefix
    /// ("pro-Russian rebels": Russia backs them).
    #[serde(default)]
    pub reverse: bool,
}

/// What a definite description refers back to when no recent actor's names contain its head
/// word ("the coalition" finds "US-led coalition" by its head; "the insurgents" needs a kind).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Referent {
    /// Only an actor whose names contain the head word.
    Named,
    /// The most recent force that belongs to no state.
    ArmedGroup,
    /// The armed forces of the most recent state.
    StateForce,
    /// The most recent state.
    State,
    /// The most recent actor that is not a person.
    Actor,
    /// The last two actors named together, not persons: "the two sides" (or as many as the
    /// reference's `count`: "the three countries").
    Pair,
    /// Two states named together: "the two countries".
    PairOfStates,
    /// Two armed forces of any sort named together: "the two forces".
    PairOfForces,
    /// Two armed groups named together: "both groups".
    PairOfArmedGroups,
}

impl Referent {
    /// Whether it stands for two actors at once.
    pub fn is_pair(self) -> bool {
        matches!(
            self,
            Referent::Pair
                | Referent::PairOfStates
                | Referent::PairOfForces
                | Referent::PairOfArmedGroups
        )
    }
}

/// Words that refer back to an actor.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawReference {
    pub refers_to: Referent,
    pub words: Vec<String>,
    /// How many actors a reference of the pair kinds stands for ("the three countries"); two
    /// when absent.
    #[serde(default)]
    pub count: Option<u8>,
    /// Whether its words starting "the" also refer back with lowercase modifiers before their
    /// head: "the group" → "the separatist group", "the armed jihadist group".
    #[serde(default)]
    pub modified: bool,
}

/// One group of relation cue words that share how their arguments are found.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRelationCue {
    pub kind: crate::model::RelationKind,
    pub words: Vec<String>,
    /// Prepositions that may introduce the object ("with", "against").
    #[serde(default)]
    pub objects: Vec<String>,
    /// Whether the object may follow the cue directly ("attacked X"), or only after a preposition.
    #[serde(default)]
    pub direct: bool,
    /// Whether a direct object ("seized the town") may stand before the preposition.
    #[serde(default)]
    pub skip_object: bool,
    /// Whether the object may follow after a comma ("its ally, X").
    #[serde(default)]
    pub apposition: bool,
    /// Whether actors listed as its subject, with no object, relate to each other ("X and Y
    /// clashed").
    #[serde(default)]
    pub reciprocal: bool,
    /// Words one of which must follow the object in the clause ("designated X as a terrorist
    /// group").
    #[serde(default)]
    pub complement: Vec<String>,
    /// Whether the cue also reports its subject's view ("regards X as a terrorist group"):
    /// what it says of the object beyond the relation is the subject's claim.
    #[serde(default)]
    pub reports: bool,
    /// Whether the subject receives what the object gives ("received weapons from X", "with
    /// the support of X"): the object is the relation's source.
    #[serde(default)]
    pub received: bool,
}

impl LexiconFile {
    /// Parses `(name, text)` files and merges them in order: later files override earlier
    /// ones.
    ///
    /// # Errors
    /// [`Error::Lexicon`] naming the file and position of a syntax error, an unknown field or
    /// an unknown kind.
    pub fn parse_all<'a>(
        sources: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<LexiconFile> {
        LexiconFile::default().parse_more(sources)
    }

    /// Parses `(name, text)` files and merges them in order after the files merged into
    /// `self` (the built-in ones, laid out by the build script).
    ///
    /// # Errors
    /// As [`LexiconFile::parse_all`].
    pub fn parse_more<'a>(
        mut self,
        sources: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<LexiconFile> {
        for (name, text) in sources {
            let file: LexiconFile = toml::from_str(text).map_err(|e| Error::Lexicon {
                file: name.to_owned(),
                message: e.to_string().trim().to_owned(),
            })?;
            self.merge(file, name);
        }
        Ok(self)
    }

    /// Adds `other`'s contents; lists concatenate, so later files extend earlier ones.
    pub fn merge(&mut self, other: LexiconFile, origin: &str) {
        let n = other.state.len() + other.actor.len();
        self.origin
            .extend(std::iter::repeat_n(origin.to_owned(), n));
        self.state.extend(other.state);
        self.actor.extend(other.actor);
        self.titles.titles.extend(other.titles.titles);
        let t = other.templates;
        self.templates.state_names.extend(t.state_names);
        self.templates.force_names.extend(t.force_names);
        self.templates.rebel_names.extend(t.rebel_names);
        self.templates.service_names.extend(t.service_names);
        let h = other.heads;
        self.heads.location.extend(h.location);
        self.heads.force.extend(h.force);
        self.heads.backed.extend(h.backed);
        self.heads.not_names.extend(h.not_names);
        self.heads.name_particles.extend(h.name_particles);
        self.heads.introducers.extend(h.introducers);
        self.heads.possessives.extend(h.possessives);
        self.heads.name_joiners.extend(h.name_joiners);
        self.heads.determiners.extend(h.determiners);
        self.heads.location_links.extend(h.location_links);
        self.heads.descriptors.extend(h.descriptors);
        self.heads.place_markers.extend(h.place_markers);
        self.heads.comma_place_markers.extend(h.comma_place_markers);
        let c = other.cleaning;
        self.cleaning.furniture.extend(c.furniture);
        self.cleaning
            .furniture_prefixes
            .extend(c.furniture_prefixes);
        self.cleaning
            .furniture_suffixes
            .extend(c.furniture_suffixes);
        self.cleaning.byline_prefixes.extend(c.byline_prefixes);
        self.cleaning.end_markers.extend(c.end_markers);
        self.cleaning.aside_markers.extend(c.aside_markers);
        self.cleaning.months.extend(c.months);
        let q = other.cues;
        let d = &mut self.cues;
        d.relation.extend(q.relation);
        d.compound.extend(q.compound);
        d.reference.extend(q.reference);
        d.prefix.extend(q.prefix);
        for (into, from) in [
            (&mut d.negation, q.negation),
            (&mut d.hedge, q.hedge),
            (&mut d.cessation, q.cessation),
            (&mut d.location_preposition, q.location_preposition),
            (&mut d.denial, q.denial),
            (&mut d.falsity, q.falsity),
            (&mut d.claim_nouns, q.claim_nouns),
            (&mut d.report, q.report),
            (&mut d.boundary, q.boundary),
            (&mut d.connector, q.connector),
            (&mut d.preposition, q.preposition),
            (&mut d.non_agent, q.non_agent),
            (&mut d.place_preposition, q.place_preposition),
            (&mut d.pronoun, q.pronoun),
            (&mut d.passive, q.passive),
            (&mut d.relative, q.relative),
            (&mut d.conjunctions, q.conjunctions),
            (&mut d.companions, q.companions),
            (&mut d.accused_pronouns, q.accused_pronouns),
            (&mut d.quoted_pronouns, q.quoted_pronouns),
            (&mut d.attribution, q.attribution),
            (&mut d.speaker_after, q.speaker_after),
            (&mut d.people_of, q.people_of),
            (&mut d.quantities, q.quantities),
            (&mut d.approximators, q.approximators),
            (&mut d.affiliation_prepositions, q.affiliation_prepositions),
            (&mut d.symmetric_prepositions, q.symmetric_prepositions),
            (&mut d.gerund_prepositions, q.gerund_prepositions),
            (&mut d.averting_prepositions, q.averting_prepositions),
            (&mut d.given_from, q.given_from),
            (&mut d.personal_possessives, q.personal_possessives),
            (&mut d.subordinators, q.subordinators),
            (&mut d.denial_objects, q.denial_objects),
            (&mut d.held_by, q.held_by),
            (&mut d.indefinite, q.indefinite),
            (&mut d.distinguishing, q.distinguishing),
            (&mut d.characterizing, q.characterizing),
            (&mut d.copulas, q.copulas),
            (&mut d.intentions, q.intentions),
            (&mut d.directives, q.directives),
            (&mut d.irregulars, q.irregulars),
            (&mut d.personal_pronouns, q.personal_pronouns),
            (&mut d.impersonal_pronouns, q.impersonal_pronouns),
            (&mut d.plural_pronouns, q.plural_pronouns),
            (&mut d.agent_nouns, q.agent_nouns),
        ] {
            into.extend(from);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{fold, fold_ascii, fold_chars, lower, lowercase_starts_with};
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;

    #[test]
    fn word_classes_agree_with_the_lists() -> crate::Result<()> {
        let heads = crate::Lexicon::built_in()?.heads;
        let classes = super::WordClasses::new(&heads);
        let lists = [
            (&heads.location, super::class::LOCATION),
            (&heads.force, super::class::FORCE),
            (&heads.backed, super::class::BACKED),
            (&heads.introducers, super::class::INTRODUCER),
            (&heads.location_links, super::class::LOCATION_LINK),
            (&heads.descriptors, super::class::DESCRIPTOR),
            (&heads.place_markers, super::class::PLACE_MARKER),
            (&heads.comma_place_markers, super::class::COMMA_PLACE_MARKER),
        ];
        let mut words: Vec<String> = vec![String::new(), "said".into(), "x".repeat(70)];
        for (list, _) in &lists {
            for w in list.iter() {
                // The word, and words near it that are in no list but for chance.
                words.extend([w.clone(), format!("{w}s"), w.to_uppercase()]);
                words.extend(w.get(1..).map(str::to_owned));
            }
        }
        for w in &words {
            let want = lists
                .iter()
                .filter(|(list, _)| list.has(w))
                .fold(0, |bits, (_, bit)| bits | bit);
            let start = heads.introducers.iter().any(|t| {
                t.match_indices(' ')
                    .any(|(i, _)| t.get(..i) == Some(w.as_str()))
            });
            let want = want
                | if start {
                    super::class::INTRODUCER_START
                } else {
                    0
                };
            assert_eq!(classes.of(w), want, "{w:?}");
        }
        Ok(())
    }

    proptest::proptest! {
        #[test]
        fn ascii_folding_agrees_with_folding_chars(name in "[ -~]{0,24}|(the |The )[a-zA-Z .'-]{0,12}") {
            proptest::prop_assert_eq!(fold_ascii(&name), fold_chars(name.len(), name.chars()));
        }

        #[test]
        fn folding_with_typographic_apostrophes_agrees_with_normalising(name in "[ -~’]{0,24}") {
            let normalised = fold_chars(name.len(), name.nfkd().filter(|c| !is_combining_mark(*c)));
            proptest::prop_assert_eq!(fold(&name), normalised);
        }
    }

    #[test]
    fn folding_ignores_case_accents_punctuation_and_the() {
        for (a, b) in [
            ("U.S.", "us"),
            ("Türkiye", "turkiye"),
            ("the Deir e-Zor", "deir e zor"),
            ("Deir e-Zor", "deir e zor"),
            ("  Islamic   State ", "islamic state"),
        ] {
            assert_eq!(fold(a), b, "{a}");
        }
    }

    #[test]
    fn the_fast_case_helpers_agree_with_the_standard_library() {
        let texts = [
            "",
            "-backed forces",
            "-Backed",
            "US-BACKED",
            "İstanbul",
            "ΣΑΣ",
            "Σ-backed",
            "\u{212a}m",
            "straße",
            "ǅemal",
            "Ⅻ",
            "already lower",
            "Mixed Case",
        ];
        let prefixes = [
            "", "-backed", "i", "σ", "ς", "km", "strasse", "ǆ", "ⅻ", "already", "mixed c",
        ];
        for t in texts {
            assert_eq!(lower(t), t.to_lowercase(), "{t}");
            for p in prefixes {
                assert_eq!(
                    lowercase_starts_with(t, p),
                    t.to_lowercase().starts_with(p),
                    "{t:?} {p:?}"
                );
            }
        }
    }
}
