//! Cue words compiled into one automaton: relation cues, negation, hedges, denials, boundaries.

use super::files::RawCues;
pub use super::files::Referent;
use crate::error::{Error, Result};
use crate::model::RelationKind;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
// Looked up for words of every sentence: foldhash, not SipHash.
use foldhash::{HashMap, HashSet, HashSetExt};

/// What a cue word does in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueRole {
    /// Signals a relation; the index is into `Cues::relations`.
    Relation(u16),
    /// Negates its clause ("not", "never", "refused to").
    Negation,
    /// Ends a relation without disavowing it ("suspended", "halted").
    Cessation,
    /// Lowers confidence ("could", "reportedly").
    Hedge,
    /// A denial verb ("denied", "rejected").
    Denial,
    /// Calls a claim false ("baseless", "nonsense").
    Falsity,
    /// Names a claim ("reports", "allegations", "the notion").
    ClaimNoun,
    /// Reports a one-sided claim ("claimed", "alleged").
    Report,
    /// Ends a clause (";", "but", "while").
    Boundary,
    /// Says who speaks ("said", "according to").
    Attribution,
    /// A personal pronoun: an argument the pipeline cannot name.
    Pronoun,
    /// A definite description that refers back ("the group", "the army"), and how many actors
    /// it stands for ("the three countries": 3).
    Reference(Referent, u8),
}

/// How a relation cue finds its arguments.
#[derive(Debug, Clone)]
pub struct RelationCue {
    /// The relation it signals.
    pub kind: RelationKind,
    /// Prepositions that may introduce its object.
    pub objects: Vec<String>,
    /// Whether the object may follow directly.
    pub direct: bool,
    /// Whether a direct object may stand before the preposition.
    pub skip_object: bool,
    /// Whether the object may follow after a comma.
    pub apposition: bool,
    /// Whether actors listed as its subject, with no object, relate to each other.
    pub reciprocal: bool,
    /// Words one of which must follow its object in the clause for the relation to hold
    /// ("designated X as a terrorist group"); empty: none needed.
    pub complement: Vec<String>,
    /// Whether it also reports its subject's view: what follows is that subject's claim
    /// ("regards X as the wing of Y").
    pub reports: bool,
    /// Whether the subject receives what the object gives: the object is the source.
    pub received: bool,
}

/// The compiled cue lexicon.
#[derive(Debug)]
pub struct Cues {
    automaton: AhoCorasick,
    roles: Vec<CueRole>,
    /// Per pattern: it is the last word of a reference ("group" of "the rebel group") and
    /// counts only after "the" and lowercase modifiers ("the separatist group").
    modified_heads: Vec<bool>,
    /// Modifiers that set a reference apart from what came before: "the other group".
    distinguishing: HashSet<String>,
    pub(crate) relations: Vec<RelationCue>,
    pub(crate) prepositions: HashSet<String>,
    pub(crate) non_agent: HashSet<String>,
    pub(crate) place_prepositions: HashSet<String>,
    pub(crate) location_prepositions: HashSet<String>,
    pub(crate) passive: HashSet<String>,
    pub(crate) relative: HashSet<String>,
    pub(crate) agent_nouns: HashSet<String>,
    pub(crate) connectors: HashSet<String>,
    pub(crate) multiword_connectors: Vec<String>,
    /// "-backed": (affix, kind, reverse).
    pub(crate) compounds: Vec<(String, RelationKind, bool)>,
    pub(crate) conjunctions: HashSet<String>,
    /// Connectors after which an object's conjuncts join the subject ("along with").
    pub(crate) companions: Vec<String>,
    /// Pronouns that may name the accused right after an accusation ("accusing it of").
    pub(crate) accused_pronouns: HashSet<String>,
    /// Inside a quotation, these stand for who the sentence quotes: "'We will not coordinate
    /// with X,' the army said".
    pub(crate) quoted_pronouns: HashSet<String>,
    pub(crate) speaker_after: Vec<String>,
    pub(crate) people_of: HashSet<String>,
    pub(crate) quantities: HashSet<String>,
    /// Words before a number, split into words: "about", "more than".
    pub(crate) approximators: Vec<Vec<String>>,
    pub(crate) affiliation_prepositions: HashSet<String>,
    pub(crate) symmetric_prepositions: HashSet<String>,
    pub(crate) gerund_prepositions: HashSet<String>,
    /// A cue's gerund after these is an act kept from happening ("warned X against arming Y").
    pub(crate) averting_prepositions: HashSet<String>,
    /// Before "from", what a state gives: the capital after is the state ("aid from Ankara").
    pub(crate) given_from: HashSet<String>,
    pub(crate) personal_possessives: HashSet<String>,
    pub(crate) subordinators: HashSet<String>,
    pub(crate) denial_objects: HashSet<String>,
    pub(crate) indefinite: HashSet<String>,
    /// Verbs of a speaker's word for a thing: "struck what it said were BLA hideouts".
    pub(crate) characterizing: HashSet<String>,
    /// Links after such a verb: "as", "were", "to be".
    pub(crate) copulas: HashSet<String>,
    /// Nouns of an intended act: "a US decision to supply …" is the US supplying.
    pub(crate) intentions: HashSet<String>,
    /// Verbs whose object does what follows: in "urged young men to take up arms alongside
    /// the FARDC" the one who urges does not fight.
    pub(crate) directives: HashSet<String>,
    pub(crate) irregulars: HashSet<String>,
    /// Phrases after which the object stands for its holder, as lowercase words.
    pub(crate) held_by: Vec<Vec<String>>,
    /// Subject pronouns, and whether each stands for a person (`None`: either).
    pub(crate) subject_pronouns: HashMap<String, Option<bool>>,
    pub(crate) prefixes: Vec<(String, RelationKind, bool)>,
}

/// A cue found in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CueHit {
    /// What it does.
    pub role: CueRole,
    /// Start byte (relative to the text searched).
    pub start: usize,
    /// End byte.
    pub end: usize,
}

/// Phrases as lists of lowercase words, to compare with a text's words; an empty phrase, which
/// would match anywhere, is dropped.
fn word_phrases(phrases: &[String]) -> Vec<Vec<String>> {
    phrases
        .iter()
        .map(|p| p.split_whitespace().map(str::to_lowercase).collect())
        .filter(|p: &Vec<String>| !p.is_empty())
        .collect()
}

fn lower_set(words: &[String]) -> HashSet<String> {
    words.iter().map(|w| w.to_lowercase()).collect()
}

impl Cues {
    pub(crate) fn compile(raw: &RawCues) -> Result<Cues> {
        let mut patterns: Vec<String> = Vec::new();
        let mut roles = Vec::new();
        let mut modified_heads = Vec::new();
        let mut seen = HashSet::new();
        let mut add_pattern = |word: &str, role: CueRole, head: bool| {
            let w = word.to_lowercase();
            if !w.trim().is_empty() && seen.insert(w.clone()) {
                patterns.push(w);
                roles.push(role);
                modified_heads.push(head);
            }
        };
        let mut add = |word: &str, role: CueRole| add_pattern(word, role, false);
        // Priority: a word listed twice keeps the first role it is given here.
        for w in &raw.negation {
            add(w, CueRole::Negation);
        }
        for w in &raw.cessation {
            add(w, CueRole::Cessation);
        }
        for w in &raw.denial {
            add(w, CueRole::Denial);
        }
        for w in &raw.falsity {
            add(w, CueRole::Falsity);
        }
        for w in &raw.report {
            add(w, CueRole::Report);
        }
        let mut relations = Vec::new();
        for (i, group) in raw.relation.iter().enumerate() {
            let index = u16::try_from(i).map_err(|_| Error::Lexicon {
                file: "cues".into(),
                message: "too many relation cue groups".into(),
            })?;
            for w in &group.words {
                add(w, CueRole::Relation(index));
            }
            relations.push(RelationCue {
                kind: group.kind,
                objects: group.objects.iter().map(|o| o.to_lowercase()).collect(),
                direct: group.direct,
                skip_object: group.skip_object,
                apposition: group.apposition,
                reciprocal: group.reciprocal,
                complement: group.complement.iter().map(|w| w.to_lowercase()).collect(),
                reports: group.reports,
                received: group.received,
            });
        }
        for w in &raw.hedge {
            add(w, CueRole::Hedge);
        }
        for w in &raw.claim_nouns {
            add(w, CueRole::ClaimNoun);
        }
        for w in &raw.attribution {
            add(w, CueRole::Attribution);
        }
        for w in &raw.boundary {
            add(w, CueRole::Boundary);
        }
        for w in &raw.pronoun {
            add(w, CueRole::Pronoun);
        }
        let mut heads = Vec::new();
        for r in &raw.reference {
            let count = match (r.refers_to.is_pair(), r.count) {
                (true, None) => 2,
                (true, Some(n)) if n >= 2 => n,
                (false, None) => 1,
                _ => {
                    return Err(Error::Lexicon {
                        file: "cues".into(),
                        message: format!(
                            "reference {:?}: a count (2 or more) is only for the pair kinds",
                            r.words.first().map_or("", String::as_str)
                        ),
                    });
                }
            };
            for w in &r.words {
                add(w, CueRole::Reference(r.refers_to, count));
            }
            if r.modified {
                heads.extend(r.words.iter().filter_map(|w| {
                    let (the, head) = (w.get(..4)?, w.rsplit(' ').next()?);
                    the.eq_ignore_ascii_case("the ")
                        .then(|| (head.to_owned(), CueRole::Reference(r.refers_to, count)))
                }));
            }
        }
        // Last, so that every word listed whole keeps its own role.
        for (head, role) in &heads {
            add_pattern(head, *role, true);
        }
        // A DFA: every sentence is searched, and the default (an NFA for this many patterns)
        // takes several times longer per byte; the DFA's table is a few hundred KB.
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .map_err(|e| Error::Lexicon {
                file: "cues".into(),
                message: e.to_string(),
            })?;
        let (multiword, single): (Vec<String>, Vec<String>) = raw
            .connector
            .iter()
            .map(|c| c.to_lowercase())
            .partition(|c| c.contains(' '));
        Ok(Cues {
            automaton,
            roles,
            modified_heads,
            distinguishing: lower_set(&raw.distinguishing),
            relations,
            prepositions: lower_set(&raw.preposition),
            non_agent: lower_set(&raw.non_agent),
            place_prepositions: lower_set(&raw.place_preposition),
            location_prepositions: lower_set(&raw.location_preposition),
            passive: lower_set(&raw.passive),
            relative: lower_set(&raw.relative),
            agent_nouns: lower_set(&raw.agent_nouns),
            connectors: single.into_iter().collect(),
            multiword_connectors: multiword,
            compounds: raw
                .compound
                .iter()
                .map(|a| (a.affix.to_lowercase(), a.kind, a.reverse))
                .collect(),
            conjunctions: lower_set(&raw.conjunctions),
            companions: raw.companions.iter().map(|w| w.to_lowercase()).collect(),
            accused_pronouns: lower_set(&raw.accused_pronouns),
            quoted_pronouns: lower_set(&raw.quoted_pronouns),
            speaker_after: raw.speaker_after.iter().map(|w| w.to_lowercase()).collect(),
            people_of: lower_set(&raw.people_of),
            quantities: lower_set(&raw.quantities),
            approximators: word_phrases(&raw.approximators),
            affiliation_prepositions: lower_set(&raw.affiliation_prepositions),
            symmetric_prepositions: lower_set(&raw.symmetric_prepositions),
            gerund_prepositions: lower_set(&raw.gerund_prepositions),
            averting_prepositions: lower_set(&raw.averting_prepositions),
            given_from: lower_set(&raw.given_from),
            personal_possessives: lower_set(&raw.personal_possessives),
            subordinators: lower_set(&raw.subordinators),
            denial_objects: lower_set(&raw.denial_objects),
            indefinite: lower_set(&raw.indefinite),
            characterizing: lower_set(&raw.characterizing),
            copulas: lower_set(&raw.copulas),
            intentions: lower_set(&raw.intentions),
            directives: lower_set(&raw.directives),
            irregulars: lower_set(&raw.irregulars),
            held_by: word_phrases(&raw.held_by),
            subject_pronouns: [
                (&raw.personal_pronouns, Some(true)),
                (&raw.impersonal_pronouns, Some(false)),
                (&raw.plural_pronouns, None),
            ]
            .into_iter()
            .flat_map(|(words, person)| words.iter().map(move |w| (w.to_lowercase(), person)))
            .collect(),
            prefixes: raw
                .prefix
                .iter()
                .map(|a| (a.affix.to_lowercase(), a.kind, a.reverse))
                .collect(),
        })
    }

    /// Every cue in `text`, leftmost-longest, whole words only where the cue starts or ends
    /// with a letter. A match that is not whole words ("and accused" inside "Thailand
    /// accused") is passed over and the search resumes one character on, so it never hides
    /// the cue that starts inside it.
    pub fn find_in<'a>(&'a self, text: &'a str) -> impl Iterator<Item = CueHit> + 'a {
        let mut at = 0;
        std::iter::from_fn(move || {
            while at <= text.len() {
                let m = self
                    .automaton
                    .find(aho_corasick::Input::new(text).range(at..))?;
                let whole = Self::whole_words(text, m.start(), m.end());
                at = if whole {
                    m.end()
                } else {
                    m.start() + text.get(m.start()..)?.chars().next()?.len_utf8()
                };
                let pattern = m.pattern().as_usize();
                if let (true, Some(&role)) = (whole, self.roles.get(pattern)) {
                    let start = if self.modified_heads.get(pattern) == Some(&true) {
                        match self.modified_start(text, m.start()) {
                            Some(start) => start,
                            None => continue,
                        }
                    } else {
                        m.start()
                    };
                    return Some(CueHit {
                        role,
                        start,
                        end: m.end(),
                    });
                }
            }
            None
        })
    }

    /// Where "the" starts when one or two lowercase modifiers stand between it and the head of
    /// a reference at `head`: "the separatist group", "the armed jihadist group". None when the
    /// words before are anything else ("a separatist group", "the other group", "with the
    /// group": the last is the reference listed whole).
    fn modified_start(&self, text: &str, head: usize) -> Option<usize> {
        let before = text.get(..head)?.strip_suffix(' ')?;
        let mut end = before.len();
        for modifiers in 0..=2 {
            let start = before.get(..end)?.rfind(' ').map_or(0, |i| i + 1);
            let word = before.get(start..end)?;
            if word.eq_ignore_ascii_case("the") {
                return (modifiers > 0).then_some(start);
            }
            let modifier = modifiers < 2
                && !word.is_empty()
                && word.chars().all(|c| c.is_lowercase() || c == '-')
                && !self.prepositions.contains(word)
                && !self.conjunctions.contains(word)
                && !self.connectors.contains(word)
                && !self.distinguishing.contains(word);
            if !modifier || start == 0 {
                return None;
            }
            end = start - 1;
        }
        None
    }

    /// Whether `text[start..end]` begins and ends at word boundaries where it begins or ends
    /// with a letter or digit.
    fn whole_words(text: &str, start: usize, end: usize) -> bool {
        // ASCII at both ends of the match and on either side of it, as nearly always: the
        // bytes are the characters.
        let bytes = text.as_bytes();
        if start < end
            && let (Some(&first), Some(&last)) = (bytes.get(start), bytes.get(end - 1))
            && first.is_ascii()
            && last.is_ascii()
        {
            let before = start.checked_sub(1).and_then(|i| bytes.get(i));
            let after = bytes.get(end);
            if before.is_none_or(u8::is_ascii) && after.is_none_or(u8::is_ascii) {
                let word = u8::is_ascii_alphanumeric;
                return (!word(&first) || !before.is_some_and(word))
                    && (!word(&last) || !after.is_some_and(word));
            }
        }
        Self::whole_words_chars(text, start, end)
    }

    /// [`Self::whole_words`], character by character.
    fn whole_words_chars(text: &str, start: usize, end: usize) -> bool {
        let Some(s) = text.get(start..end) else {
            return false;
        };
        let starts_word = s.chars().next().is_some_and(char::is_alphanumeric);
        let ends_word = s.chars().next_back().is_some_and(char::is_alphanumeric);
        let before = text.get(..start).and_then(|t| t.chars().next_back());
        let after = text.get(end..).and_then(|t| t.chars().next());
        (!starts_word || !before.is_some_and(char::is_alphanumeric))
            && (!ends_word || !after.is_some_and(char::is_alphanumeric))
    }

    /// The relation cue behind a [`CueRole::Relation`].
    pub fn relation(&self, index: u16) -> Option<&RelationCue> {
        self.relations.get(usize::from(index))
    }
}

#[cfg(test)]
mod tests {
    use super::Cues;
    use crate::Lexicon;

    proptest::proptest! {
        #[test]
        fn whole_words_by_bytes_agrees_with_by_characters(
            text in "[a1 ,.é’-]{0,12}",
            start in 0usize..14,
            len in 0usize..6,
        ) {
            let end = start + len;
            proptest::prop_assert_eq!(
                Cues::whole_words(&text, start, end),
                Cues::whole_words_chars(&text, start, end)
            );
        }
    }

    #[test]
    fn a_reference_head_counts_after_the_and_up_to_two_modifiers() -> crate::Result<()> {
        let lexicon = Lexicon::built_in()?;
        let references = |text: &str| -> Vec<String> {
            lexicon
                .cues
                .find_in(text)
                .filter(|c| matches!(c.role, super::CueRole::Reference(..)))
                .filter_map(|c| text.get(c.start..c.end).map(str::to_owned))
                .collect()
        };
        assert_eq!(
            references("The separatist group struck."),
            ["The separatist group"]
        );
        assert_eq!(
            references("then the armed jihadist group left"),
            ["the armed jihadist group"]
        );
        assert_eq!(references("the group left"), ["the group"]);
        for none in [
            "a separatist group struck",
            "the other group struck",
            "the big armed jihadist group left",
            "the Kurdish group left",
            "with group",
            "group",
        ] {
            assert!(references(none).is_empty(), "{none}");
        }
        Ok(())
    }

    #[test]
    fn a_cue_inside_a_word_never_hides_the_cue_after_it() {
        // "and accused" (a clause opener) matches inside "Thailand accused".
        let lexicon = Lexicon::built_in().unwrap_or_else(|e| unreachable!("{e}"));
        let text = "Thailand accused Cambodia, and Poland said so.";
        let found: Vec<&str> = lexicon
            .cues
            .find_in(text)
            .filter_map(|c| text.get(c.start..c.end))
            .collect();
        assert!(found.contains(&"accused"), "{found:?}");
        assert!(found.contains(&"said"), "{found:?}");
    }

    #[test]
    fn a_count_belongs_to_the_pair_kinds_only() {
        let with = |kind: &str, count: u8| {
            Lexicon::builder()
                .add_toml(
                    "mine.toml",
                    format!(
                        "[[cues.reference]]\nrefers_to = \"{kind}\"\ncount = {count}\nwords = [\"the four allies\"]\n"
                    ),
                )
                .build()
        };
        assert!(with("pair_of_states", 4).is_ok());
        assert!(with("state", 4).is_err());
        assert!(with("pair", 1).is_err());
    }
}
