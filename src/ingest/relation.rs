//! Stage 5: mentions and cues of a sentence → relations.
//!
//! A shallow reading of how news sentences are built: actors joined by "and" or commas form a
//! group; a relation cue takes the nearest group before it in its clause as subject (or inherits
//! the subject of the cue before it, "X coordinated with Y and fought Z") and the group its
//! preposition introduces as object. Modifiers ("US-backed", "Iraqi Prime Minister") give their
//! own relations and are not arguments. Negation in the clause negates; a denial frame yields
//! `denies` edges and negates every relation inside the denied claim.

use super::mention::SentenceFinds;
use super::resolve::{DocEntity, Mention};
use super::scan;
use crate::lexicon::{CueHit, CueRole, EntryId, Lexicon, RelationCue, lower, lowercase_prefix_of};
use crate::model::{Claim, EntityKind, Polarity, RelationKind, Span};
use serde::{Deserialize, Serialize};

/// A relation one document states, between two of its entities.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocRelation {
    /// Index of the source entity in the document's entities.
    pub source: usize,
    /// Index of the target entity.
    pub target: usize,
    /// What the relation is.
    pub kind: RelationKind,
    /// Stated or negated.
    pub polarity: Polarity,
    /// How sure the text is (hedges and one-sided claims lower it).
    pub confidence: f32,
    /// The sentence it comes from.
    pub sentence: usize,
    /// For a denial, the claim denied.
    pub claim: Option<Claim>,
    /// Who the sentence says this comes from ("X said", "according to X"), by canonical name.
    #[serde(default)]
    pub attributed_to: Option<String>,
}

const STATED: f32 = 0.9;
const HEDGED: f32 = 0.6;
const REPORTED: f32 = 0.7;

/// A mention as an argument: the entity, where its noun phrase starts and ends.
#[derive(Debug, Clone, Copy)]
struct Arg {
    entity: usize,
    start: usize,
    end: usize,
}

/// Actors joined by connectors: "the SDF and the Iraqi army".
#[derive(Debug, Clone)]
struct Group {
    members: Vec<usize>,
    start: usize,
    end: usize,
    /// After a preposition: not the subject of a later cue ("bases in Syria", "talks with Iran").
    non_agent: bool,
    /// After a preposition of place: not a party to a claim ("a crossing between Iraq and Syria").
    in_place_phrase: bool,
    /// Where the members after "along with" begin: as an object, they join the subject.
    companions: Option<usize>,
}

impl Group {
    /// The actors a pronoun stands for, at the pronoun.
    fn pronoun(members: Vec<usize>, pronoun: &CueHit) -> Self {
        Group {
            members,
            start: pronoun.start,
            end: pronoun.end,
            non_agent: false,
            in_place_phrase: false,
            companions: None,
        }
    }
}

/// A denial as its cue frames it.
struct Denial {
    /// Who denies.
    speakers: Vec<usize>,
    /// Where the denied claim is stated in the sentence, if it is.
    claim: Option<Span>,
    /// Who made the claim ("Syrian media said …, a claim the Pentagon rejected").
    claimant: Vec<usize>,
}

/// How many sentences back a denial that names no claim looks for the one it answers.
const CLAIM_REACH: usize = 5;

/// What the cues before have left for the ones after, within a document.
#[derive(Debug, Default)]
pub(crate) struct Context {
    /// The parties of the last claim reported ("news reports said the coalition …"), so that
    /// "the reports were denied" knows what was denied.
    last_claim: Vec<usize>,
    /// Who made the last accusation ("Burkina Faso accused Ivory Coast of …"): when the accused
    /// denies and the claim names no one else, the denial answers the accuser.
    last_accuser: Vec<usize>,
    /// The sentence that made that claim: a denial reaches back only a few sentences for it.
    claim_sentence: usize,
    /// The last person named: "He" opening the next sentence is usually them.
    last_person: Option<usize>,
    /// The first actor of the sentence before, not a person: "It" opening a sentence.
    last_topic: Option<usize>,
    /// Who spoke in the sentence before and the other actors it named: "Moscow rejected that
    /// account" answers that speaker.
    statement: Option<Statement>,
    /// (member, body) pairs the article has stated so far: a spokesman named with his body
    /// once speaks for it after ("Hekmatullah Sabir, the ministry's spokesman … Sabir denied").
    memberships: Vec<(usize, usize)>,
}

/// An attributed sentence: its speakers and the other actors it names.
#[derive(Debug)]
struct Statement {
    speakers: Vec<usize>,
    parties: Vec<usize>,
}

struct Sentence<'a> {
    text: &'a str,
    lexicon: &'a Lexicon,
    entities: &'a [DocEntity],
    known: &'a Known,
    index: usize,
    span: Span,
    cues: &'a [CueHit],
    groups: Vec<Group>,
    /// Where clauses break: boundary cues, and a comma before a participle (", insisting that").
    boundaries: Vec<Span>,
    /// Where actors stand that only qualify an apposition ("a commander of the coalition, X").
    appositives: Vec<usize>,
    out: Vec<DocRelation>,
    /// Spans of denied claims: relations found inside are negated.
    denied: Vec<Span>,
    /// (member, body) as the sentences before stated it (see [`Context::memberships`]).
    memberships: Vec<(usize, usize)>,
}

/// A word split into its runs of letters and digits and each other character on its own:
/// "Iran," → "Iran" ",".
fn word_parts(word: &str) -> impl Iterator<Item = &str> {
    let mut rest = word;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let len = if first.is_alphanumeric() {
            rest.find(|c: char| !c.is_alphanumeric())
                .unwrap_or(rest.len())
        } else {
            first.len_utf8()
        };
        let (part, tail) = rest.split_at_checked(len)?;
        rest = tail;
        Some(part)
    })
}

/// What the lexicon says of each of a document's entities, looked up once per document rather
/// than in every sentence.
pub(crate) struct Known {
    /// The lexicon entry of each entity, when it has one.
    entry: Vec<Option<EntryId>>,
    /// Whether each entity may be a party to a relation: an actor, and no observer.
    party: Vec<bool>,
}

impl Known {
    pub(crate) fn new(entities: &[DocEntity], lexicon: &Lexicon) -> Self {
        let names = &lexicon.names;
        let entry: Vec<Option<EntryId>> = entities
            .iter()
            .map(|e| names.find_canonical(&e.name))
            .collect();
        let party = entities
            .iter()
            .zip(&entry)
            .map(|(e, id)| {
                e.kind.is_actor()
                    && !id
                        .and_then(|id| names.entry(id))
                        .is_some_and(|x| x.observer)
            })
            .collect();
        Known { entry, party }
    }
}

/// Extracts the relations of one sentence.
pub(crate) fn extract(
    text: &str,
    finds: &SentenceFinds,
    mentions: &[Mention],
    entities: &[DocEntity],
    known: &Known,
    lexicon: &Lexicon,
    context: &mut Context,
) -> Vec<DocRelation> {
    let actors: Vec<&Mention> = mentions
        .iter()
        .filter(|m| known.party.get(m.entity).copied().unwrap_or(false))
        .collect();
    let previous = context.statement.take();
    if actors.is_empty() {
        return Vec::new();
    }
    let mut s = Sentence {
        text,
        lexicon,
        entities,
        known,
        index: finds.index,
        span: finds.span,
        cues: &finds.cues,
        groups: Vec::new(),
        boundaries: Vec::new(),
        appositives: Vec::new(),
        out: Vec::new(),
        denied: Vec::new(),
        memberships: std::mem::take(&mut context.memberships),
    };
    s.boundaries = s.find_boundaries();
    let args = s.modifiers(&actors);
    s.groups = s.group(&args);
    s.bind_reported_pronouns();
    s.bind_quoted_pronouns();
    s.bind_accused_pronouns();
    s.bind_opening_pronoun(context);
    s.remember_topics(&actors, context);
    s.claims(context);
    s.denials(context, previous.as_ref());
    s.relations();
    // "… support rebel opponents of Chadian President Idriss Deby. Sudan has denied this.": a
    // person the sentence only describes is no party to what it claims.
    let described = s.described_persons();
    if context.claim_sentence == s.index {
        context.last_claim.retain(|p| !described.contains(p));
    }
    context.statement = s.statement().map(|mut st| {
        st.parties.retain(|p| !described.contains(p));
        st
    });
    s.attribute(context.statement.as_ref());
    // "Is the UN in contact with JNIM?": a question asserts nothing.
    let question = s
        .gap(s.span.start, s.span.end)
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '”' | '’' | '\''))
        .ends_with('?');
    if question {
        s.out.clear();
    }
    // Only people's, and only as stated: "Ankara regards the YPG as the PKK's wing" is
    // Ankara's claim, and a state that "commands" a group's operations is no spokesman.
    let stated = s.out.iter().filter(|r| {
        r.kind == RelationKind::MemberOf
            && r.polarity == Polarity::Asserted
            && r.confidence >= STATED
            && s.is_person(r.source)
    });
    let new = stated.map(|r| (r.source, r.target)).collect();
    join_distinct(&mut s.memberships, new);
    context.memberships = s.memberships;
    s.out
}

impl Sentence<'_> {
    fn gap(&self, from: usize, to: usize) -> &str {
        self.text.get(from..to).unwrap_or("")
    }

    fn kind(&self, entity: usize) -> Option<EntityKind> {
        self.entities.get(entity).map(|e| e.kind)
    }

    fn is_person(&self, entity: usize) -> bool {
        matches!(
            self.kind(entity),
            Some(EntityKind::Official | EntityKind::Person)
        )
    }

    fn is_actor(&self, entity: usize) -> bool {
        self.kind(entity).is_some_and(EntityKind::is_actor)
    }

    /// Pronoun groups bound in this sentence, put in text order among the others.
    fn insert_groups(&mut self, bound: Vec<Group>) {
        for g in bound {
            let at = self.groups.partition_point(|x| x.start < g.start);
            self.groups.insert(at, g);
        }
    }

    fn emit(
        &mut self,
        source: usize,
        target: usize,
        kind: RelationKind,
        polarity: Polarity,
        confidence: f32,
    ) {
        // A state does not fight its own forces: such a reading mistook who did what.
        if source == target || kind.sign() < 0 && self.one_force(source, target) {
            return;
        }
        // Nor does a spokesman deal with the body he speaks for: such a reading took one of
        // them for the other party.
        if kind != RelationKind::MemberOf
            && (self.affiliations(source).contains(&target)
                || self.affiliations(target).contains(&source))
        {
            return;
        }
        let (source, target) = if kind.is_symmetric() && self.name(source) > self.name(target) {
            (target, source)
        } else {
            (source, target)
        };
        let relation = DocRelation {
            source,
            target,
            kind,
            polarity,
            confidence,
            sentence: self.index,
            claim: None,
            attributed_to: None,
        };
        if !self.out.contains(&relation) {
            self.out.push(relation);
        }
    }

    fn name(&self, entity: usize) -> &str {
        self.entities.get(entity).map_or("", |e| e.name.as_str())
    }

    /// Lowercased words of a gap, with "," kept as a word.
    fn words(gap: &str) -> Vec<String> {
        Self::words_iter(gap).collect()
    }

    /// [`Self::words`], one at a time: for callers that stop early.
    fn words_iter(gap: &str) -> impl Iterator<Item = String> + '_ {
        Self::raw_words(gap).map(|w| lower(w).into_owned())
    }

    /// The words [`Self::words`] lowercases, as written.
    fn raw_words(gap: &str) -> impl DoubleEndedIterator<Item = &str> + '_ {
        gap.split(|c: char| {
            c.is_whitespace() || c == '“' || c == '”' || c == '"' || c == '‘' || c == '’'
        })
        .flat_map(|w| {
            let comma = w.ends_with(',');
            let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'');
            (!w.is_empty())
                .then_some(w)
                .into_iter()
                .chain(comma.then_some(","))
        })
    }

    /// How many words [`Self::words`] gives, without building them.
    fn word_count(gap: &str) -> usize {
        Self::raw_words(gap).count()
    }

    fn cues_in(&self, from: usize, to: usize) -> impl Iterator<Item = &CueHit> {
        self.cues
            .iter()
            .filter(move |c| c.start >= from && c.end <= to)
    }

    fn has(&self, role: CueRole, from: usize, to: usize) -> bool {
        self.cues_in(from, to).any(|c| c.role == role)
    }

    /// Relations carried by modifiers, and the mentions left as arguments.
    fn modifiers(&mut self, actors: &[&Mention]) -> Vec<Arg> {
        let mut args: Vec<Option<Arg>> = actors
            .iter()
            .map(|m| {
                Some(Arg {
                    entity: m.entity,
                    start: m.title.map_or(m.span.start, |t| t.start),
                    end: m.span.end,
                })
            })
            .collect();
        for i in 0..actors.len() {
            let Some(m) = actors.get(i) else { continue };
            let prev = i
                .checked_sub(1)
                .and_then(|p| actors.get(p).map(|pm| (p, pm)));
            // "Iraqi Prime Minister Haider al-Abadi", "IS military emir Umar Shishani"
            if let (Some(title), Some((p, pm))) = (m.title, prev) {
                let gap = self.gap(pm.span.end, title.start);
                // "the LNA (LNA) of eastern commander X": past a closing parenthesis
                let gap = gap.strip_prefix(')').unwrap_or(gap);
                let words = Self::words(gap);
                let possessive = super::after_possessive(gap.trim_start()).is_some();
                if pm.span.end <= title.start
                    && words.len() <= 3
                    && (gap.trim().is_empty()
                        || possessive
                        || gap.starts_with(' ')
                            && words
                                .iter()
                                .all(|w| w.chars().all(char::is_lowercase) || w == "'s"))
                    && !gap.contains(',')
                    // "The party accused Prime Minister X": a verb between is no modifier.
                    && !self.cues_in(pm.span.end, title.start).any(|c| {
                        matches!(
                            c.role,
                            CueRole::Relation(_)
                                | CueRole::Attribution
                                | CueRole::Denial
                                | CueRole::Report
                        )
                    })
                {
                    self.emit(
                        m.entity,
                        pm.entity,
                        RelationKind::MemberOf,
                        Polarity::Asserted,
                        0.95,
                    );
                    if let Some(slot) = args.get_mut(p) {
                        *slot = None;
                    }
                    let mut start = pm.span.start;
                    // "the Uganda People's Defence Force (UPDF) spokesman X": the name the
                    // acronym defines is the same title's possessor.
                    if words.is_empty()
                        && let Some(q) = p.checked_sub(1)
                        && let Some(qm) = actors.get(q)
                        && qm.entity == pm.entity
                        && self.gap(qm.span.end, pm.span.start).trim() == "("
                    {
                        if let Some(slot) = args.get_mut(q) {
                            *slot = None;
                        }
                        start = qm.span.start;
                    }
                    if let Some(Some(a)) = args.get_mut(i) {
                        a.start = start;
                    }
                }
            }
            // "US-backed SDF", "Kurdish-led forces", "Moscow-led move"
            let after = self.gap(m.span.end, self.span.end);
            if let Some((affix, kind, reverse)) =
                lowercase_prefix_of(after, &self.lexicon.cues.compounds, |(a, _, _)| a)
            {
                // "Turkish-backed Syrian fighters": a state's adjective before irregulars names
                // no actor; "US-backed Iraqi and Kurdish forces" does.
                if let Some(Some(next)) = args.get(i + 1)
                    && let Some(nm) = actors.get(i + 1)
                    && !(nm.adjective && self.irregulars_after(nm.span.end))
                    && Self::word_count(self.gap(m.span.end + affix.len(), nm.span.start)) <= 2
                    // "Iranian-linked targets in Syria": past a preposition is a place; "US-led
                    // forces and Afghan troops", "a Saudi-led anti-Houthi coalition": the
                    // compound has its own head, before a list or a prefixed actor.
                    && !Self::words_iter(self.gap(m.span.end + affix.len(), nm.span.start))
                        .any(|w| {
                            self.lexicon.cues.prepositions.contains(&w)
                                || self.lexicon.cues.conjunctions.contains(&w)
                        })
                    && !self.gap(m.span.end + affix.len(), nm.span.start).ends_with('-')
                    // Written apart, the compound is read only before a noun it may head: "Al
                    // Qaeda affiliate claims Burkina Faso attack" has a verb there.
                    && (!affix.starts_with(' ')
                        || Self::words_iter(self.gap(m.span.end + affix.len(), nm.span.start))
                            .all(|w| self.lexicon.heads.backed.has(&w)))
                {
                    let (head, kind) = (next.entity, *kind);
                    if *reverse {
                        self.emit(head, m.entity, kind, Polarity::Asserted, STATED);
                    } else {
                        self.emit(m.entity, head, kind, Polarity::Asserted, STATED);
                    }
                    // "against the al-Qaeda affiliated group al-Shabaab": the head's noun phrase
                    // begins with the compound.
                    if let Some(Some(a)) = args.get_mut(i + 1) {
                        a.start = m.span.start;
                    }
                }
                if let Some(slot) = args.get_mut(i) {
                    *slot = None;
                }
            } else if after.starts_with('-')
                && after
                    .chars()
                    .nth(1)
                    .and_then(|c| c.to_lowercase().next())
                    .is_some_and(char::is_lowercase)
            {
                // "Turkish-made drones", "Iranian-linked": a word part, not an actor.
                if let Some(slot) = args.get_mut(i) {
                    *slot = None;
                }
            }
            // "pro-Russian rebels": a prefixed adjective relates the head it stands before.
            let before = self.gap(self.span.start, m.span.start);
            if m.adjective
                && let Some(&(_, kind, reverse)) =
                    self.lexicon.cues.prefixes.iter().find(|(affix, _, _)| {
                        before.len() >= affix.len()
                            && before
                                .get(before.len() - affix.len()..)
                                .is_some_and(|tail| tail.eq_ignore_ascii_case(affix))
                    })
                && let Some(nm) = actors.get(i + 1)
                && self.gap(m.span.end, nm.span.start) == " "
            {
                if reverse {
                    self.emit(m.entity, nm.entity, kind, Polarity::Asserted, STATED);
                } else {
                    self.emit(nm.entity, m.entity, kind, Polarity::Asserted, STATED);
                }
                if let Some(slot) = args.get_mut(i) {
                    *slot = None;
                }
                if let Some(Some(a)) = args.get_mut(i + 1) {
                    a.start = m.span.start;
                }
            }
            // "Iran's Revolutionary Guard": the possessor qualifies the next actor; "Colombia's
            // largest drug cartel" qualifies a thing.
            let after = self.gap(m.span.end, self.span.end);
            let possessive = super::after_possessive(after).is_some();
            // "Islamic State's Afghan fighters": an adjective after a possessor describes the
            // possessor's people; the possessor stays the actor.
            let possessed =
                |nm: &Mention| matches!(self.gap(m.span.end, nm.span.start).trim(), "'s" | "’s");
            let qualifies_actor = actors
                .get(i + 1)
                .is_some_and(|nm| !nm.adjective && possessed(nm));
            if actors
                .get(i + 1)
                .is_some_and(|nm| nm.adjective && possessed(nm))
                && let Some(slot) = args.get_mut(i + 1)
            {
                *slot = None;
            }
            let head_from = if possessive {
                m.span.end + after.find('s').unwrap_or(0) + 1
            } else {
                m.span.end
            };
            // "Washington's statement", "the Polisario's claims", "Russia's war against
            // Ukraine": the one who claims or acts stays.
            let acts = self.cues.iter().any(|c| {
                c.start == head_from + 1
                    && matches!(c.role, CueRole::ClaimNoun | CueRole::Relation(_))
            });
            if possessive
                && !acts
                && (qualifies_actor || self.attributive(head_from))
                && let Some(slot) = args.get_mut(i)
            {
                *slot = None;
            }
            // "Syrian soil", "Russian concerns": an adjective of a thing, not an actor. "Turkish
            // officials" still speak for Turkey.
            let before_actor = actors
                .get(i + 1)
                .is_some_and(|n| self.gap(m.span.end, n.span.start) == " ");
            if m.adjective
                && (before_actor || self.attributive(m.span.end))
                && let Some(slot) = args.get_mut(i)
            {
                *slot = None;
            }
            // "Yemen's internationally recognised government and a Saudi-led coalition": the
            // argument runs to the noun that stands for the actor, so a list can go on after it.
            if (possessive || m.adjective)
                && let Some(head_end) = self.agent_head(head_from)
                && let Some(Some(a)) = args.get_mut(i)
            {
                a.end = head_end;
            }
            // "the anti-IS coalition": the head opposes what follows the prefix.
            self.prefixed(m);
            self.possessed_apposition(actors, i);
        }
        self.appositions(actors, &mut args);
        self.known_memberships(actors);
        args.into_iter().flatten().collect()
    }

    /// "Turkey, Azerbaijan's closest ally", "Egypt and the UAE, Haftar's main backers": the
    /// actors apposed before a possessor stand in the cue's relation to it.
    fn possessed_apposition(&mut self, actors: &[&Mention], i: usize) {
        let Some(m) = actors.get(i) else { return };
        let after = self.gap(m.span.end, self.span.end);
        let Some(rest) = super::after_possessive(after).and_then(|r| r.strip_prefix(' ')) else {
            return;
        };
        let rest_start = self.span.end - rest.len();
        // The first relation cue after the possessive decides; only the words before it are read.
        let Some(cue) = self
            .cues
            .iter()
            .find(|c| c.start >= rest_start && matches!(c.role, CueRole::Relation(_)))
            .copied()
        else {
            return;
        };
        let CueRole::Relation(index) = cue.role else {
            return;
        };
        let Some(spec) = self.lexicon.cues.relation(index) else {
            return;
        };
        let words = Self::words(self.gap(rest_start, cue.start));
        let adjectives =
            words.len() <= 2 && words.iter().all(|w| w.chars().all(char::is_lowercase));
        if !spec.apposition || !adjectives {
            return;
        }
        let kind = spec.kind;
        let mut subjects = Vec::new();
        let mut edge = m.span.start;
        for prior in actors.iter().take(i).rev() {
            let gap = self.gap(prior.span.end, edge);
            // The nearest is apposed ("X, Y's ally"); those before it are listed with it, as
            // any group is ("Egypt and the UAE, …").
            let joined = if subjects.is_empty() {
                gap == ", "
            } else {
                self.is_connector_gap(prior.span.end, edge)
            };
            if !joined {
                break;
            }
            subjects.push(prior.entity);
            edge = prior.span.start;
        }
        for subject in subjects {
            self.emit(subject, m.entity, kind, Polarity::Asserted, STATED);
        }
    }

    /// Where the noun phrase after `end` ends when its head, within three words, stands for an
    /// actor's people or forces: "Russian air strikes", "Yemen's internationally recognised
    /// government".
    fn agent_head(&self, end: usize) -> Option<usize> {
        let rest = self.gap(end, self.span.end).strip_prefix(' ')?;
        let cues = &self.lexicon.cues;
        let function_word = |w: &str| {
            cues.connectors.contains(w)
                || cues.prepositions.contains(w)
                || cues.conjunctions.contains(w)
        };
        let base = rest.as_ptr() as usize;
        rest.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(3)
            .map(|w| (w, lower(w)))
            .take_while(|(_, l)| !function_word(l))
            .find(|(_, l)| cues.agent_nouns.contains(l.as_ref()))
            .map(|(w, _)| end + 1 + (w.as_ptr() as usize - base) + w.len())
    }

    /// Whether the noun phrase after `end` ends in a word for irregular fighters ("Syrian
    /// fighters", "Iraqi and Syrian rebels"), who are not the forces of the state it names.
    fn irregulars_after(&self, end: usize) -> bool {
        let cues = &self.lexicon.cues;
        Self::words_iter(self.gap(end, self.span.end))
            .take(6)
            .find(|w| cues.agent_nouns.contains(w) || cues.irregulars.contains(w))
            .is_some_and(|w| cues.irregulars.contains(&w))
    }

    /// Whether the word after `end` is a lowercase noun that does not stand for people.
    fn attributive(&self, end: usize) -> bool {
        let rest = self.gap(end, self.span.end);
        let mut following = rest
            .strip_prefix(' ')
            .map(|r| r.trim_start_matches(['"', '“', '‘', '\'']))
            .unwrap_or("")
            .split(|c: char| !c.is_alphanumeric());
        let Some(next) = following.next() else {
            return false;
        };
        let cues = &self.lexicon.cues;
        if self.agent_head(end).is_some() {
            return false;
        }
        // "Syrian Kurdish fighters": before another capitalised word that names nothing, too.
        if next.chars().next().is_some_and(char::is_uppercase) {
            return true;
        }
        next.chars().next().is_some_and(char::is_lowercase)
            && !cues.agent_nouns.contains(next)
            && !cues.connectors.contains(next)
            && !cues.prepositions.contains(next)
            && !self
                .cues_in(end, end + 1 + next.len())
                .any(|c| matches!(c.role, CueRole::Relation(_)))
    }

    /// "anti-X" inside or before a mention: its head opposes (or, "pro-", backs) X.
    fn prefixed(&mut self, m: &Mention) {
        let surface = m.span.text(self.text).to_lowercase();
        let lexicon = self.lexicon;
        for &(ref affix, kind, reverse) in &lexicon.cues.prefixes {
            let Some(at) = scan::find(&surface, affix) else {
                continue;
            };
            let rest = m.span.text(self.text).get(at + affix.len()..).unwrap_or("");
            let Some(hit) = self
                .lexicon
                .names
                .find_in(rest)
                .next()
                .filter(|h| h.start == 0)
            else {
                continue;
            };
            let Some(entry) = self.lexicon.names.entry(hit.entry) else {
                continue;
            };
            let key = crate::lexicon::fold(&entry.name);
            if let Some(target) = self
                .entities
                .iter()
                .position(|e| crate::lexicon::fold(&e.name) == key)
            {
                if reverse {
                    self.emit(target, m.entity, kind, Polarity::Asserted, STATED);
                } else {
                    self.emit(m.entity, target, kind, Polarity::Asserted, STATED);
                }
            }
        }
    }

    /// "Ryan Dillon, spokesman for the coalition" and "a commander of the coalition, Matthew
    /// McFarlane": member_of through apposition.
    fn appositions(&mut self, actors: &[&Mention], args: &mut [Option<Arg>]) {
        // Only a person is apposed to a title: spare searching titles in sentences without one.
        if !actors.iter().any(|m| self.is_person(m.entity)) {
            return;
        }
        let s_text = self.span.text(self.text);
        let titles: Vec<Span> = self
            .lexicon
            .names
            .titles_in(s_text)
            .map(|(a, b)| Span::new(self.span.start + a, self.span.start + b))
            .collect();
        let link = |gap: &str| {
            let w = Self::words(gap);
            w.first()
                .is_some_and(|w| self.lexicon.cues.affiliation_prepositions.contains(w))
                && w.len() <= 3
                && !gap.contains(',')
        };
        // An actor right before a title, joined by lowercase words only: "the Houthi military
        // spokesman", "UN envoy".
        let before_title = |t: &Span| {
            actors.iter().position(|q| {
                q.span.end <= t.start && {
                    let gap = self.gap(q.span.end, t.start);
                    (gap.trim().is_empty()
                        || gap.starts_with(' ')
                            && Self::words(gap)
                                .iter()
                                .all(|w| w.chars().all(char::is_lowercase)))
                        && Self::word_count(gap) <= 2
                }
            })
        };
        let mut links = Vec::new();
        let mut apposed = Vec::new();
        for (i, m) in actors.iter().enumerate() {
            if !self.is_person(m.entity) {
                continue;
            }
            let title_after = titles.iter().find(|t| {
                t.start >= m.span.end && {
                    let gap = self.gap(m.span.end, t.start);
                    gap.starts_with(", ")
                        && Self::word_count(gap) <= 4
                        && !Self::raw_words(gap).skip(1).any(|w| w == ",")
                }
            });
            if let Some(t) = title_after {
                if let Some(q) = before_title(t).filter(|&q| q > i) {
                    // Name, the ACTOR (adjective) title: "Yahya Saree, the Houthi military spokesman"
                    if let Some(a) = actors.get(q) {
                        links.push((m.entity, a.entity));
                    }
                    if let Some(slot) = args.get_mut(q) {
                        *slot = None;
                    }
                } else if let Some(g) = actors
                    .get(i + 1)
                    .filter(|n| n.span.start >= t.end && link(self.gap(t.end, n.span.start)))
                {
                    // Name, [a] title of|for [the] ACTOR
                    links.push((m.entity, g.entity));
                }
            }
            // [a] title of|for [the] ACTOR, [Title] Name — or, when an actor stands before the
            // title, that one: "The UN envoy for Libya, Abdoulaye Bathily".
            if let Some(p) = i.checked_sub(1).and_then(|p| actors.get(p))
                && self
                    .gap(p.span.end, m.title.map_or(m.span.start, |t| t.start))
                    .trim()
                    == ","
                && let Some(t) = titles
                    .iter()
                    .find(|t| t.end <= p.span.start && link(self.gap(t.end, p.span.start)))
            {
                let owner = before_title(t)
                    .and_then(|q| actors.get(q))
                    .map_or(p.entity, |q| q.entity);
                links.push((m.entity, owner));
                if let Some(slot) = args.get_mut(i - 1) {
                    *slot = None;
                }
                apposed.push(p.span.start);
            }
        }
        self.appositives.extend(apposed);
        for (official, owner) in links {
            self.emit(
                official,
                owner,
                RelationKind::MemberOf,
                Polarity::Asserted,
                0.9,
            );
        }
    }

    /// An official named with a title and no affiliation in the text belongs where the lexicon
    /// says, when the article names that place too ("President Ilham Aliyev"). So does a body
    /// whose name begins with its state's: "Azerbaijan's Defense Ministry", "the Indian External
    /// Affairs Ministry".
    fn known_memberships(&mut self, actors: &[&Mention]) {
        for m in actors {
            let names = &self.lexicon.names;
            let Some(parent) = self
                .known
                .entry
                .get(m.entity)
                .copied()
                .flatten()
                .and_then(|id| names.entry(id))
                .and_then(|x| x.member_of)
                .and_then(|p| names.entry(p))
            else {
                continue;
            };
            let official = m.title.is_some() && self.affiliations(m.entity).is_empty();
            let body = self
                .entities
                .get(m.entity)
                .is_some_and(|e| e.kind == EntityKind::Organization);
            let named_after = || {
                let text = crate::lexicon::fold(self.gap(m.span.start, m.span.end));
                std::iter::once(&parent.name)
                    .chain(&parent.aliases)
                    .any(|a| {
                        text.strip_prefix(crate::lexicon::fold(a).as_str())
                            .is_some_and(|rest| rest.starts_with(' ') || rest.starts_with("s "))
                    })
            };
            if !(official || body && named_after()) {
                continue;
            }
            let key = crate::lexicon::fold(&parent.name);
            if let Some(target) = self
                .entities
                .iter()
                .position(|x| crate::lexicon::fold(&x.name) == key)
            {
                self.emit(
                    m.entity,
                    target,
                    RelationKind::MemberOf,
                    Polarity::Asserted,
                    0.8,
                );
            }
        }
    }

    /// Consecutive arguments joined only by connectors form a group.
    fn group(&self, args: &[Arg]) -> Vec<Group> {
        let mut groups: Vec<Group> = Vec::new();
        for a in args {
            let joined = groups.last().is_some_and(|g| {
                let gap = self.gap(g.end, a.start);
                // "…the Islamic State, SDF spokesman X said": a comma alone does not join a
                // speaker to a list of actors.
                let comma_only = gap.trim() == ",";
                // "… forces of Riek Machar,” Philip Aguer said": a quotation closing after a
                // comma ends the list.
                let quote_closes = gap.contains(",”") || gap.contains(",\"");
                let same_sort = g
                    .members
                    .last()
                    .is_some_and(|&m| self.is_person(m) == self.is_person(a.entity));
                // "the two sides": two actors at one span are one group.
                (a.start, a.end) == (g.start, g.end)
                    || a.start >= g.end
                        && (!comma_only || same_sort)
                        && !quote_closes
                        && self.is_connector_gap(g.end, a.start)
                        && !self
                            .cues_in(g.end, a.start)
                            .any(|c| matches!(c.role, CueRole::Relation(_) | CueRole::Boundary))
            });
            match groups.last_mut() {
                Some(g) if joined => {
                    if !g.members.contains(&a.entity) {
                        if g.companions.is_none() {
                            let gap = self.gap(g.end, a.start).as_bytes();
                            let companion = self.lexicon.cues.companions.iter().any(|c| {
                                gap.windows(c.len())
                                    .any(|w| w.eq_ignore_ascii_case(c.as_bytes()))
                            });
                            if companion {
                                g.companions = Some(g.members.len());
                            }
                        }
                        g.members.push(a.entity);
                    }
                    g.end = a.end;
                }
                _ => groups.push(Group {
                    members: vec![a.entity],
                    start: a.start,
                    end: a.end,
                    non_agent: self.after_non_agent(a.start),
                    in_place_phrase: self.after_place_preposition(a.start),
                    companions: None,
                }),
            }
        }
        groups
    }

    fn is_connector_gap(&self, from: usize, to: usize) -> bool {
        let mut gap = self.gap(from, to).to_lowercase();
        // A parenthesis ("(right)", "(SDF)") is an aside.
        while let (Some(o), Some(c)) = (gap.find('('), gap.find(')')) {
            if c < o {
                break;
            }
            gap.replace_range(o..=c, " ");
        }
        for multi in &self.lexicon.cues.multiword_connectors {
            if scan::contains(&gap, multi) {
                gap = scan::replace(&gap, multi, " , ");
            }
        }
        let connectors = &self.lexicon.cues.connectors;
        gap.split(|c: char| c.is_whitespace())
            .flat_map(word_parts)
            .all(|w| {
                connectors.contains(w)
                    || w == "'"
                    || w == "’"
                    || w == "s"
                    || w == "‘"
                    || w == "“"
                    || w == "”"
                    || w == "\""
            })
    }

    /// Whether the word before `pos` (past determiners) is a preposition after which an actor is
    /// not an agent ("bases in Syria").
    fn after_non_agent(&self, pos: usize) -> bool {
        let before = self.gap(self.span.start, pos);
        if before.trim_end().ends_with(['"', '“', '‘', '\'']) {
            return false; // a quotation starts afresh: "…headlining with "Washington wants …""
        }
        let words: Vec<&str> = before
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .filter(|w| !w.is_empty())
            .rev()
            .filter(|w| !self.lexicon.cues.connectors.contains(lower(w).as_ref()))
            .take(4)
            .collect();
        // "fighters loyal to the council", "militants linked to IS": people held by an actor
        // act for it.
        let held = self.lexicon.cues.held_by.iter().any(|phrase| {
            phrase.len() < words.len()
                && phrase
                    .iter()
                    .rev()
                    .zip(&words)
                    .all(|(p, w)| w.eq_ignore_ascii_case(p))
                && words.get(phrase.len()).is_some_and(|head| {
                    self.lexicon.cues.agent_nouns.contains(lower(head).as_ref())
                })
        });
        if held {
            return false;
        }
        let words = words.get(..words.len().min(2)).unwrap_or(&[]);
        let is_prep = |w: &&str| self.lexicon.cues.non_agent.contains(lower(w).as_ref());
        match words {
            // "commanders of the Iraqi army", "officials from Iraq": people of an actor act for it.
            [w, head, ..]
                if self.lexicon.cues.people_of.contains(lower(w).as_ref())
                    && self.lexicon.cues.agent_nouns.contains(lower(head).as_ref()) =>
            {
                false
            }
            [w, ..] if is_prep(w) => true,
            // "between northeastern Syria": one lowercase modifier (no cue word) in between;
            // "In the north, the NRF said": a comma closes the opening phrase.
            [adj, w] => {
                let adj_end = adj.as_ptr() as usize - before.as_ptr() as usize + adj.len();
                !before.get(adj_end..).is_some_and(|rest| rest.contains(','))
                    && adj.chars().all(|c| c.is_lowercase() || c == '-')
                    && !self.lexicon.cues.prepositions.contains(*adj)
                    && !self
                        .cues_in(self.span.start, pos)
                        .any(|c| self.gap(c.start, c.end).eq_ignore_ascii_case(adj))
                    && is_prep(w)
            }
            _ => false,
        }
    }

    /// Whether the actor at `pos` follows a preposition of place, past determiners and one
    /// lowercase modifier ("in northern Syria").
    fn after_place_preposition(&self, pos: usize) -> bool {
        let before = self.gap(self.span.start, pos);
        let cues = &self.lexicon.cues;
        let mut words = before
            .split(|c: char| !c.is_alphanumeric())
            .rev()
            .filter(|w| !w.is_empty() && !cues.connectors.contains(lower(w).as_ref()));
        let is_place = |w: &str| cues.location_prepositions.contains(lower(w).as_ref());
        match (words.next(), words.next()) {
            (Some(w), _) if is_place(w) => true,
            (Some(modifier), Some(w)) => {
                modifier.chars().all(|c| c.is_lowercase() || c == '-')
                    && !cues.prepositions.contains(modifier)
                    && is_place(w)
            }
            _ => false,
        }
    }

    fn find_boundaries(&self) -> Vec<Span> {
        // "Japan does, however, exercise with the US": a word set off by commas is an aside.
        let aside = |c: &CueHit| {
            self.gap(self.span.start, c.start).trim_end().ends_with(',')
                && self.gap(c.end, self.span.end).starts_with(',')
        };
        let mut out: Vec<Span> = self
            .cues
            .iter()
            .filter(|c| c.role == CueRole::Boundary && !aside(c))
            .map(|c| Span::new(c.start, c.end))
            .collect();
        let text = self.span.text(self.text);
        for i in scan::find_iter(text, ", ") {
            let rest = text.get(i + 2..).unwrap_or("");
            let next = rest
                .split(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            // "accused Iran of funding, training and arming militias": a list of gerunds goes
            // on through its commas.
            let listed = text
                .get(..i)
                .and_then(|b| b.rsplit(' ').next())
                .is_some_and(|w| w.ends_with("ing"))
                && rest.get(next.len()..).is_some_and(|after| {
                    after.starts_with(',')
                        || Self::words_iter(after)
                            .next()
                            .is_some_and(|w| self.lexicon.cues.conjunctions.contains(&w))
                });
            if next.len() > 4
                && next.ends_with("ing")
                && next.chars().all(char::is_lowercase)
                && !self.lexicon.cues.prepositions.contains(next)
                && !listed
            {
                let start = self.span.start + i;
                out.push(Span::new(start, start + 2 + next.len()));
            }
        }
        out
    }

    fn clause_start(&self, pos: usize) -> usize {
        self.boundaries
            .iter()
            .filter(|b| b.end <= pos)
            .map(|b| b.end)
            .max()
            .unwrap_or(self.span.start)
    }

    fn clause_end(&self, pos: usize) -> usize {
        self.boundaries
            .iter()
            .filter(|b| b.start >= pos)
            .map(|b| b.start)
            .min()
            .unwrap_or(self.span.end)
    }

    /// Where a denied claim ends: at the clause's end, or where it is called false ("… as baseless").
    fn claim_end(&self, pos: usize) -> usize {
        // ("rejected as "false" claims that …": a verdict before the claim does not end it.)
        let falsity = self
            .cues
            .iter()
            .filter(|c| {
                c.role == CueRole::Falsity
                    && c.start >= pos
                    && !matches!(
                        lower(
                            self.gap(pos, c.start)
                                .trim_matches([' ', '"', '“', '‘', '\''])
                        )
                        .as_ref(),
                        "" | "as"
                    )
            })
            .map(|c| c.start)
            .min();
        falsity.map_or(self.clause_end(pos), |f| f.min(self.clause_end(pos)))
    }

    /// The nearest agent group before `pos` in its clause, unless a pronoun stands closer.
    /// Inside an open relative clause (", which have fought …") the subject is what the
    /// pronoun refers to — the group just before the comma — or nothing the text names.
    fn subject_before(&self, pos: usize) -> Option<usize> {
        if let Some((g, _)) = self.opens_phrase(pos) {
            return Some(g);
        }
        if let Some(head) = self.relative_head(pos) {
            return self.relative_subject(pos).or(head);
        }
        let clause = self.clause_start(pos);
        let asides = self.relative_asides(pos);
        self.groups
            .iter()
            .rposition(|g| {
                g.end <= pos
                    && g.start >= clause
                    // "the coalition that provides …" — but "an attack on a base in Jordan that
                    // killed …" is about the attack, not the place.
                    && (!g.non_agent || !g.in_place_phrase && self.relative_clause_after(g.end))
                    && !asides.iter().any(|a| a.contains(Span::new(g.start, g.end)))
            })
            .or_else(|| self.main_clause_subject(clause, pos))
    }

    /// "Russia's war against Ukraine", "an Israeli airstrike on X": the actor that opens the
    /// noun phrase of a cue at `pos` is its subject, whatever phrase or clause that stands in.
    /// Also says whether it is a possessor right before the cue ("Russia's war").
    fn opens_phrase(&self, pos: usize) -> Option<(usize, bool)> {
        // Only the last group before the cue can open its phrase: any other has that one
        // between itself and the cue.
        let (index, g) = self
            .groups
            .iter()
            .enumerate()
            .rfind(|(_, g)| g.end <= pos)?;
        let gap = self.gap(g.end, pos).trim();
        let (possessed, rest) = match super::after_possessive(gap) {
            Some(rest) => (true, rest.trim()),
            None => (false, gap),
        };
        // "a US decision to supply …", "Russia's plan to arm …": the act it intends is its own.
        let intends = rest.strip_suffix(" to").is_some_and(|noun| {
            self.lexicon
                .cues
                .intentions
                .contains(lower(noun.trim()).as_ref())
        });
        let opens = (rest.is_empty() || intends)
            && (possessed
                || (intends || !g.non_agent)
                    && Self::raw_words(self.gap(self.span.start, g.start))
                        .next_back()
                        .is_some_and(|w| {
                            self.lexicon.heads.determiners.contains(&w.to_lowercase())
                        }));
        opens.then_some((index, possessed && rest.is_empty()))
    }

    /// A subordinate clause that names no subject ("… after two days of fighting with the
    /// army") has the subject of the clause it hangs from.
    fn main_clause_subject(&self, clause: usize, pos: usize) -> Option<usize> {
        let opener = self.boundaries.iter().find(|b| b.end == clause)?;
        let word = lower(self.gap(opener.start, opener.end).trim());
        if !self.lexicon.cues.subordinators.contains(word.as_ref())
            || self.has(CueRole::Pronoun, clause, pos)
        {
            return None;
        }
        self.subject_before(opener.start)
    }

    /// "The M23 said it had taken the town": a subject pronoun right after a verb of saying
    /// stands for the one who says, when their kinds agree ("it" is no person, "he" is one).
    /// (Binding every other pronoun to the sentence's first actor was tried: it added more
    /// wrong edges than right ones.)
    fn bind_reported_pronouns(&mut self) {
        let cues = &self.lexicon.cues;
        let mut bound = Vec::new();
        for pronoun in self.cues.iter().filter(|c| c.role == CueRole::Pronoun) {
            let word = lower(self.gap(pronoun.start, pronoun.end));
            let Some(&personal) = cues.subject_pronouns.get(word.as_ref()) else {
                continue;
            };
            let agrees = |g: &Group| {
                g.members
                    .iter()
                    .all(|&e| personal.is_none_or(|person| person == self.is_person(e)))
            };
            let Some(said) = self.saying_before(pronoun) else {
                continue;
            };
            // The speaker, or else the nearest agent before that agrees and is not inside an
            // aside: "Dillon said the coalition kept a line open, but stressed that it …".
            let asides = self.relative_asides(said.start);
            let speaker = self
                .subject_before(said.start)
                .and_then(|g| self.groups.get(g));
            // "The SLM faction led by Minni Minnawi said it …": "it" is the body the speaker
            // belongs to.
            if personal == Some(false)
                && let Some(g) = speaker.filter(|g| !agrees(g))
            {
                let bodies: Vec<usize> = g
                    .members
                    .iter()
                    .flat_map(|&e| self.affiliations(e))
                    .collect();
                if !bodies.is_empty() {
                    bound.push(Group::pronoun(bodies, pronoun));
                    continue;
                }
            }
            let antecedent = speaker.filter(|g| agrees(g)).or_else(|| {
                self.groups.iter().rev().find(|g| {
                    g.end <= said.start
                        && !g.non_agent
                        && agrees(g)
                        && !asides.iter().any(|a| a.contains(Span::new(g.start, g.end)))
                })
            });
            if let Some(antecedent) = antecedent {
                bound.push(Group::pronoun(antecedent.members.clone(), pronoun));
            }
        }
        self.insert_groups(bound);
    }

    /// "'We will not coordinate with X,' the army said": a first-person pronoun in a quoting
    /// sentence stands for who it quotes, and for the body a quoted person speaks for.
    fn bind_quoted_pronouns(&mut self) {
        let quoting = self
            .gap(self.span.start, self.span.end)
            .contains(['"', '“', '”']);
        let Some(speaker) = self.speaker().filter(|_| quoting) else {
            return;
        };
        let mut who = speaker.members.clone();
        for &s in &speaker.members {
            who.extend(self.affiliations(s));
        }
        let bound: Vec<Group> = self
            .cues
            .iter()
            .filter(|c| {
                c.role == CueRole::Pronoun
                    && self
                        .lexicon
                        .cues
                        .quoted_pronouns
                        .contains(lower(self.gap(c.start, c.end)).as_ref())
            })
            .map(|pronoun| Group::pronoun(who.clone(), pronoun))
            .collect();
        self.insert_groups(bound);
    }

    /// "Morocco cut ties with Iran, accusing it of arming the Polisario": an impersonal pronoun
    /// right after a relation cue and before "of" is the actor named last before the cue, other
    /// than the cue's subject.
    fn bind_accused_pronouns(&mut self) {
        let cues = &self.lexicon.cues;
        let mut bound = Vec::new();
        for pronoun in self.cues.iter().filter(|c| c.role == CueRole::Pronoun) {
            let word = lower(self.gap(pronoun.start, pronoun.end));
            if !cues.accused_pronouns.contains(word.as_ref()) {
                continue;
            }
            let Some(verb) = self
                .cues
                .iter()
                .rev()
                .find(|c| matches!(c.role, CueRole::Relation(_)) && c.end <= pronoun.start)
                .filter(|c| self.gap(c.end, pronoun.start).trim().is_empty())
            else {
                continue;
            };
            let before_of = Self::words_iter(self.gap(pronoun.end, self.span.end))
                .next()
                .is_some_and(|w| cues.gerund_prepositions.contains(&w));
            if !before_of {
                continue;
            }
            let subject = self.subject_before(verb.start);
            let accused = self.groups.iter().enumerate().rev().find(|(i, g)| {
                g.end <= verb.start
                    && Some(*i) != subject
                    && !g.members.iter().any(|&e| self.is_person(e))
            });
            if let Some((_, g)) = accused {
                bound.push(Group::pronoun(g.members.clone(), pronoun));
            }
        }
        self.insert_groups(bound);
    }

    /// A pronoun that opens the sentence ("He dismissed the reports", "It said …") stands for
    /// the last person named, or for the first actor of the sentence before.
    fn bind_opening_pronoun(&mut self, context: &Context) {
        let cues = &self.lexicon.cues;
        let Some(pronoun) = self.cues.iter().find(|c| c.role == CueRole::Pronoun) else {
            return;
        };
        let opening = self
            .gap(self.span.start, pronoun.start)
            .chars()
            .all(|c| !c.is_alphanumeric());
        if !opening || self.groups.first().is_some_and(|g| g.start < pronoun.start) {
            return;
        }
        let word = lower(self.gap(pronoun.start, pronoun.end));
        let antecedent = match cues.subject_pronouns.get(word.as_ref()) {
            Some(Some(true)) => context.last_person,
            Some(Some(false)) => context.last_topic,
            _ => None,
        };
        if let Some(entity) = antecedent {
            self.groups.insert(0, Group::pronoun(vec![entity], pronoun));
        }
    }

    /// What the next sentence's opening pronoun may stand for.
    fn remember_topics(&self, actors: &[&Mention], context: &mut Context) {
        if let Some(m) = actors
            .iter()
            .rfind(|m| !m.adjective && self.is_person(m.entity))
        {
            context.last_person = Some(m.entity);
        }
        if let Some(m) = actors.iter().find(|m| !self.is_person(m.entity)) {
            context.last_topic = Some(m.entity);
        }
    }

    /// The verb of saying right before `pronoun` ("said it", "said on Monday that they"), with
    /// no actor, quotation or comma between.
    fn saying_before(&self, pronoun: &CueHit) -> Option<&CueHit> {
        let said = self
            .cues
            .iter()
            .rfind(|c| c.end <= pronoun.start && c.role == CueRole::Attribution)?;
        let speaker_after = self
            .lexicon
            .cues
            .speaker_after
            .iter()
            .any(|w| w.eq_ignore_ascii_case(self.gap(said.start, said.end)));
        let between = self.gap(said.end, pronoun.start);
        (!speaker_after
            && Self::word_count(between) <= 4
            && !between.contains(['"', '“', ','])
            && !self
                .groups
                .iter()
                .any(|g| g.start >= said.end && g.end <= pronoun.start))
        .then_some(said)
    }

    /// When `pos` lies in a relative clause that is still open (", which … pos" with no comma
    /// between), the group the pronoun refers to: the one ending at the comma, if any.
    fn relative_head(&self, pos: usize) -> Option<Option<usize>> {
        let text = self.gap(self.span.start, pos);
        let i = scan::rfind(text, ", ")?;
        let rest = text.get(i + 2..)?;
        let mut words = rest
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase);
        let word = words.next()?;
        let comma = self.span.start + i;
        // ", an umbrella of armed groups that has claimed …": a relative clause on an
        // apposition is about the actor the apposition describes.
        let on_apposition = || {
            let determiner = self.lexicon.heads.determiners.contains(&word);
            determiner
                && words
                    .clone()
                    .any(|w| self.lexicon.cues.relative.contains(&w))
                && !self.groups.iter().any(|g| g.start > comma && g.end <= pos)
                && !self.has(CueRole::Attribution, comma, pos)
        };
        if !self.lexicon.cues.relative.contains(&word) && !on_apposition() {
            return None;
        }
        Some(self.groups.iter().rposition(|g| {
            g.end <= comma
                && self
                    .gap(g.end, comma)
                    .trim_matches(['"', '”', '’', ')'])
                    .is_empty()
        }))
    }

    /// Relative clauses closed before `pos` (", which broke away from the ELN in May,"): what
    /// they hold is not the subject of the main clause.
    fn relative_asides(&self, pos: usize) -> Vec<Span> {
        let text = self.gap(self.span.start, pos);
        let mut out = Vec::new();
        for i in scan::find_iter(text, ", ") {
            let rest = text.get(i + 2..).unwrap_or("");
            let mut words = rest
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty());
            let word = words.next().unwrap_or("").to_lowercase();
            let next = words.next();
            // ", which broke away from …," and ", supported by Russian air strikes,": asides.
            let participle =
                word.ends_with("ed") && next.is_some_and(|w| self.lexicon.cues.passive.contains(w));
            // ", a coalition of rebel factions armed by Turkey,": an apposition describing
            // the actor before it — not the subject after an opening phrase ("In May, a cell
            // called Los Rusos has fought …").
            let appositive = self.lexicon.heads.determiners.contains(&word)
                && next.is_some_and(|w| w.chars().next().is_some_and(char::is_lowercase))
                && self.actor_ends_at(self.span.start + i);
            if !self.lexicon.cues.relative.contains(&word) && !participle && !appositive {
                continue;
            }
            // The aside closes at a comma that no list goes on after: in ", which brings
            // together troops from Nigeria, Chad and Niger, said …" it is the one before "said".
            let cues = &self.lexicon.cues;
            // (At `pos` the text may end right after that comma.) An apposition is a noun
            // phrase: it ends at its first comma.
            let close = scan::find_iter(rest, ", ").find(|&c| {
                appositive
                    || rest
                        .get(c + 2..)
                        .and_then(|r| r.split(|ch: char| !ch.is_alphanumeric()).next())
                        .is_some_and(|w| {
                            w.is_empty()
                                || w.chars().next().is_some_and(char::is_lowercase)
                                    && !cues.connectors.contains(w)
                                    && !cues.conjunctions.contains(w)
                        })
            });
            if let Some(close) = close.or_else(|| rest.find(',')) {
                let start = self.span.start + i;
                out.push(Span::new(start, start + 2 + close));
            }
        }
        out.extend(self.descriptive_aside(pos));
        out.extend(self.dashed_asides(pos));
        out
    }

    /// Whether an actor's noun phrase (not a place's) ends at `pos`, closing quotes aside.
    fn actor_ends_at(&self, pos: usize) -> bool {
        self.groups.iter().any(|g| {
            g.end <= pos
                && !g.in_place_phrase
                && self
                    .gap(g.end, pos)
                    .trim_matches(['"', '”', ')'])
                    .is_empty()
        })
    }

    /// ", long loyal to Zambada, has fought …": a phrase between commas, opening on a lowercase
    /// word, that describes the actor before it and leaves the verb right after its closing comma.
    fn descriptive_aside(&self, pos: usize) -> Option<Span> {
        let text = self.gap(self.span.start, pos);
        let close = scan::rfind(text, ", ")?;
        let tail = text.get(close + 2..)?;
        if Self::word_count(tail) > 2 || tail.chars().any(char::is_uppercase) {
            return None;
        }
        let open = scan::rfind(text.get(..close)?, ", ")?;
        let (open, close) = (self.span.start + open, self.span.start + close);
        let describes_actor = self.actor_ends_at(open);
        let mut words = Self::raw_words(self.gap(open + 2, close));
        let as_written = words.next()?;
        let first = as_written.to_lowercase();
        // ", known as Forca Local,": a name for the actor, not a description of it.
        let introducers = &self.lexicon.heads.introducers;
        let names_it = introducers.contains(&first)
            || words.next().is_some_and(|second| {
                introducers.contains(&format!("{first} {}", second.to_lowercase()))
            });
        (describes_actor
            && !names_it
            && as_written.chars().all(char::is_lowercase)
            && !self.has(CueRole::Attribution, open, close))
        .then(|| Span::new(open, close + 2))
    }

    /// " - known locally as La Mayiza - ": a phrase between dashes is an aside.
    fn dashed_asides(&self, pos: usize) -> Vec<Span> {
        let text = self.gap(self.span.start, pos);
        // An em dash is a dash however it is spaced; a hyphen or an en dash only between spaces.
        let mut dashes: Vec<(usize, usize)> = [" - ", " – ", "—"]
            .iter()
            .flat_map(|d| scan::find_iter(text, d).map(|i| (i, i + d.len())))
            .collect();
        dashes.sort_unstable();
        dashes
            .chunks_exact(2)
            .filter_map(|pair| match pair {
                [(start, _), (_, end)] => {
                    Some(Span::new(self.span.start + start, self.span.start + end))
                }
                _ => None,
            })
            .collect()
    }

    /// The nearest group before `pos` in its clause, agent or not: the patient of a passive.
    fn nearest_before(&self, pos: usize) -> Option<usize> {
        let clause = self.clause_start(pos);
        self.groups
            .iter()
            .rposition(|g| g.end <= pos && g.start >= clause)
    }

    /// "a clash between dissident groups of the FARC and guerrillas of the ELN": the first actor
    /// of each noun phrase that "between … and" joins, when no list of actors follows the cue.
    fn between_phrases(&self, cue: &CueHit, spec: &RelationCue) -> Option<(usize, usize)> {
        let between = spec
            .objects
            .iter()
            .find(|p| self.lexicon.cues.symmetric_prepositions.contains(*p))?;
        let end = self.clause_end(cue.end);
        let rest = self.gap(cue.end, end);
        let words: Vec<&str> = Self::raw_words(rest).take(3).collect();
        let at = words.iter().position(|w| w.eq_ignore_ascii_case(between))?;
        let from = cue.end + rest.find(words.get(at)?)?;
        let and = from + scan::find_iter(self.gap(from, end), " and ").next()?;
        let first = |lo: usize, hi: usize| {
            self.groups
                .iter()
                .find(|g| g.start >= lo && g.end <= hi)
                .and_then(|g| g.members.first().copied())
        };
        let a = first(from, and)?;
        let b = first(and, end)?;
        (a != b).then_some((a, b))
    }

    /// "troops loyal to Kiir against rebels backing Machar": a participle right after a noun for
    /// fighters that names no actor is that noun's act, not the sentence subject's.
    fn unnamed_doer(&self, cue: &CueHit) -> bool {
        if !self.opens_with_gerund(cue) {
            return false;
        }
        let before = self.gap(self.span.start, cue.start);
        let Some(noun) = Self::raw_words(before).next_back() else {
            return false;
        };
        let noun_end = before.trim_end().len() + self.span.start;
        let named = self.groups.iter().any(|g| g.end == noun_end);
        // (Irregulars, not "officials backing the government", who speak for the actor.)
        before.ends_with(' ')
            && noun.chars().all(char::is_lowercase)
            && self.lexicon.heads.backed.has(noun)
            && !named
    }

    /// "warned Turkey against supporting Tripoli": a gerund after an averting preposition is an
    /// act that did not happen.
    fn averted(&self, cue: &CueHit) -> bool {
        self.opens_with_gerund(cue)
            && Self::raw_words(self.gap(self.span.start, cue.start))
                .next_back()
                .is_some_and(|w| {
                    self.lexicon
                        .cues
                        .averting_prepositions
                        .contains(lower(w).as_ref())
                })
    }

    /// Whether the cue's first word is an -ing form ("backing", "supporting").
    fn opens_with_gerund(&self, cue: &CueHit) -> bool {
        Self::raw_words(self.gap(cue.start, cue.end))
            .next()
            .is_some_and(|w| w.ends_with("ing"))
    }

    /// The patient of a passive verb at `pos`: the nearest group before it — unless that group
    /// only says so: in a relative clause ("the M23, which the UN says is backed by Rwanda")
    /// the patient is the clause's head, elsewhere the text does not name it.
    fn passive_patient(&self, pos: usize) -> Option<usize> {
        let nearest = self.nearest_before(pos)?;
        let group = self.groups.get(nearest)?;
        if !self.has(CueRole::Attribution, group.end, pos) {
            return Some(nearest);
        }
        match self.relative_head(pos) {
            Some(Some(head)) => Some(head),
            // "Kanyuka said its fighters were responding to attacks by Y": a spokesman is not
            // the one attacked (a body speaking of "the operation" is the one who runs it).
            _ if group.members.iter().all(|&m| self.is_person(m)) => None,
            _ => Some(nearest),
        }
    }

    /// "the YPG, which Ankara considers a terrorist group", "Hezbollah, which Iran arms": the
    /// actor right after a relative pronoun is the subject of the verb at `pos`, and the head
    /// of the clause that verb's object.
    fn relative_subject(&self, pos: usize) -> Option<usize> {
        let index = self.groups.iter().rposition(|g| g.end <= pos)?;
        let s = self.groups.get(index)?;
        let start = self
            .groups
            .get(index.wrapping_sub(1))
            .map_or(self.span.start, |g| g.end);
        let determiners = &self.lexicon.heads.determiners;
        let gap = self.gap(start, s.start);
        let opener = Self::raw_words(gap)
            .map(str::to_lowercase)
            .rfind(|w| !determiners.contains(w))?;
        // Right after its head or a short apposition (", a militia that"), not a clause on
        // ("who had promised that US help …"); "whose" opens a noun phrase, not a subject.
        let opens = self.lexicon.cues.relative.contains(&opener)
            && opener != "whose"
            && Self::word_count(gap) <= 3;
        let verb_follows = !self.has(CueRole::Attribution, s.end, pos)
            && Self::word_count(self.gap(s.end, pos)) <= 2;
        (opens && verb_follows).then_some(index)
    }

    /// "the coalition that provides …": a relative pronoun makes the group before it a subject.
    fn relative_clause_after(&self, end: usize) -> bool {
        let next = Self::words_iter(self.gap(end, self.span.end)).find(|w| w != ",");
        next.is_some_and(|w| self.lexicon.cues.relative.contains(&w))
    }

    /// The object group a cue at `cue` takes, and the preposition that introduced it.
    fn object_after(&self, cue: &CueHit, spec: &RelationCue) -> Option<(usize, Option<String>)> {
        let first = self.groups.iter().position(|g| g.start >= cue.end)?;
        // The object is the first group after the cue, or the one after a phrase that is not
        // the object ("share intelligence about IS with Russia").
        (first..first + 2).find_map(|g| self.object_candidate(cue, spec, g, g > first))
    }

    fn object_candidate(
        &self,
        cue: &CueHit,
        spec: &RelationCue,
        g: usize,
        later: bool,
    ) -> Option<(usize, Option<String>)> {
        let group = self.groups.get(g)?;
        // "attacked inmates belonging to Los Choneros": a cue that only says whose the object
        // is does not stop the search for it.
        let stops = |c: &&CueHit| {
            matches!(
                c.role,
                CueRole::Relation(_) | CueRole::Boundary | CueRole::Pronoun | CueRole::Denial
            ) && !(matches!(c.role, CueRole::Relation(_)) && self.modifies_noun(c))
        };
        // "struck what it said were BLA hideouts": a speaker's word for the object is no stop.
        let said = self.characterization(cue.end, group.start);
        if self
            .cues_in(cue.end, group.start)
            .any(|c| stops(&c) && !said.is_some_and(|s| s.contains(Span::new(c.start, c.end))))
        {
            return None;
        }
        let mut words = match said {
            Some(s) => {
                let mut words = Self::words(self.gap(cue.end, s.start));
                words.extend(Self::words_iter(self.gap(s.end, group.start)));
                words
            }
            None => Self::words(self.gap(cue.end, group.start)),
        };
        let cues = &self.lexicon.cues;
        let determiners = &self.lexicon.heads.determiners;
        // "fighters of the PMF", "units of the army": people of an actor stand for it.
        let article = usize::from(words.last().is_some_and(|w| determiners.contains(w)));
        if let [.., noun, of] = words.get(..words.len() - article).unwrap_or(&[])
            && cues.people_of.contains(of)
            && cues.agent_nouns.contains(noun)
        {
            words.truncate(words.len() - 2 - article);
        }
        let is_number = |w: &String| {
            cues.quantities.contains(w)
                || w.bytes().any(|b| b.is_ascii_digit())
                    && w.bytes().all(|b| b.is_ascii_digit() || b == b',')
        };
        // "killed dozens of Boko Haram fighters", "two of its commanders": a part of an actor
        // stands for it.
        if let [.., amount, of] = words.as_slice()
            && cues.people_of.contains(of)
            && is_number(amount)
        {
            words.truncate(words.len() - 2);
        }
        // "killed about 40 Chadian soldiers": a number, however hedged, is not a preposition.
        if words.last().is_some_and(is_number) {
            words.pop();
            while let Some(a) = cues.approximators.iter().find(|a| words.ends_with(a)) {
                words.truncate(words.len() - a.len());
            }
        }
        let is_prep = |w: &String| self.lexicon.cues.prepositions.contains(w);
        // "shelled positions held by the Polisario": what an actor holds stands for it.
        let article = usize::from(words.last().is_some_and(|w| determiners.contains(w)));
        let bare = words.get(..words.len() - article).unwrap_or(&[]);
        if let Some(phrase) = self.lexicon.cues.held_by.iter().find(|p| bare.ends_with(p)) {
            words.truncate(words.len() - article - phrase.len());
            // "shot down all 30 Shahed drones launched by Russia": the held noun phrase,
            // however long, is not the object.
            let noun_phrase = words.len() <= 6 && !words.iter().any(|w| is_prep(w) || w == ",");
            if noun_phrase && !later {
                words.clear();
            }
        }
        let last_prep = words.iter().rposition(is_prep);
        match last_prep {
            Some(p) => {
                let prep = words.get(p)?;
                let before = words.get(..p)?;
                let after = words.get(p + 1..)?;
                let before_ok = if spec.skip_object || later {
                    before.len() <= 8 && !before.iter().any(|w| w == ",")
                } else {
                    // "fired artillery shells and guided missiles at Israel": one noun phrase.
                    before.len() <= 6 && !before.iter().any(|w| is_prep(w) || w == ",")
                };
                (spec.objects.contains(prep)
                    && before_ok
                    && after.len() <= 3
                    && !after.iter().any(|w| w == ","))
                .then(|| (g, Some(prep.clone())))
            }
            None if !later => {
                // "US air strikes and Turkish drones": after a conjunction comes a conjunct;
                // "arming a group that Ankara considers …": after a relative pronoun, the subject
                // of a clause about the object.
                if words.iter().any(|w| {
                    self.lexicon.cues.conjunctions.contains(w)
                        || self.lexicon.cues.relative.contains(w)
                }) {
                    return None;
                }
                let commas = words.iter().filter(|w| *w == ",").count();
                // "fighting with X": the cue brings its own preposition.
                let cue_text = self.gap(cue.start, cue.end);
                let own_preposition = spec.objects.iter().find(|p| {
                    cue_text.len() > p.len()
                        && cue_text
                            .get(cue_text.len() - p.len() - 1..)
                            .is_some_and(|tail| {
                                tail.starts_with(' ') && tail[1..].eq_ignore_ascii_case(p)
                            })
                });
                let ok =
                    (spec.direct || own_preposition.is_some() || spec.apposition && commas == 1)
                        && words.len() <= 3 + commas
                        && (commas == 0 || spec.apposition);
                ok.then(|| (g, own_preposition.cloned()))
            }
            None => None,
        }
    }

    /// Where "what it said were", "what they describe as" stands between `from` and `to`: a
    /// speaker's word for what follows, through the verb and its "as", "were" or "to be".
    fn characterization(&self, from: usize, to: usize) -> Option<Span> {
        let gap = self.gap(from, to);
        let base = gap.as_ptr() as usize;
        let at = |w: &str| from + (w.as_ptr() as usize - base);
        let mut words = Self::raw_words(gap).skip_while(|w| !w.eq_ignore_ascii_case("what"));
        let what = words.next()?;
        let cues = &self.lexicon.cues;
        let verb = words
            .by_ref()
            .take(4)
            .find(|w| cues.characterizing.contains(lower(w).as_ref()))?;
        let mut end = at(verb) + verb.len();
        for w in words.take(2) {
            if !cues.copulas.contains(lower(w).as_ref()) {
                break;
            }
            end = at(w) + w.len();
        }
        Some(Span::new(at(what), end))
    }

    /// The agent of a passive: the first group after "by" right after the cue.
    fn passive_agent(&self, cue: &CueHit) -> Option<usize> {
        let first = self.groups.iter().position(|g| g.start >= cue.end)?;
        let cues = &self.lexicon.cues;
        // "led from exile in Britain by X": a prepositional phrase may stand before "by" — not
        // the cue's object ("the attack on the base by X"), nor another participle's ("… in a
        // photo shared by X").
        let objects = match cue.role {
            CueRole::Relation(index) => cues.relation(index).map(|spec| &spec.objects),
            _ => None,
        };
        let (g, group, words, by) = (first..self.groups.len().min(first + 3)).find_map(|g| {
            let group = self.groups.get(g)?;
            let words = Self::words(self.gap(cue.end, group.start));
            let by = words.iter().position(|w| cues.passive.contains(w))?;
            let phrase = words.get(..by)?;
            // "dismissed as false by X" — but in "lies spread by X" X told the lies.
            if cue.role == CueRole::Falsity {
                return (by == 0).then_some((g, group, words, by));
            }
            let near = by <= 1
                || by <= 4
                    && phrase.first().is_some_and(|w| {
                        cues.prepositions.contains(w) && !objects.is_some_and(|o| o.contains(w))
                    })
                    && !phrase.iter().any(|w| w == "," || w.ends_with("ed"));
            near.then_some((g, group, words, by))
        })?;
        let after_by = words.get(by + 1..).unwrap_or(&[]);
        // The agent follows "by" closely, unless an apposition stands between: "denied by a
        // commander of the coalition, Major General X".
        let close = after_by.len() <= 3 && !after_by.iter().any(|w| w == ",");
        let apposition = self
            .appositives
            .iter()
            .any(|&p| cue.end <= p && p < group.start);
        // "troops backed by air strikes attacked X": another cue between means the agent is
        // not a named actor.
        let cue_between = self.cues.iter().any(|c| {
            matches!(c.role, CueRole::Relation(_)) && c.start >= cue.end && c.end <= group.start
        });
        ((close || apposition && words.len() <= 12)
            && !cue_between
            && !self.has(CueRole::Boundary, cue.end, group.start))
        .then_some(g)
    }

    /// "supporting groups led by ISIS commanders": a passive right after a noun for people that
    /// names no actor is about those people, not about an actor before them.
    fn unnamed_patient(&self, cue: &CueHit) -> bool {
        let cues = &self.lexicon.cues;
        let before = Self::raw_words(self.gap(self.span.start, cue.start)).next_back();
        before.is_some_and(|w| cues.irregulars.contains(w)) && !self.actor_right_before(cue.start)
    }

    /// "inmates belonging to Los Choneros", "a town held by the army": a cue that opens a phrase
    /// saying whose a thing is, after a noun that names no actor, relates nothing itself.
    fn modifies_noun(&self, cue: &CueHit) -> bool {
        // Cheapest test first: most cues follow an actor's name, not a lowercase noun.
        let noun_before = Self::raw_words(self.gap(self.span.start, cue.start))
            .next_back()
            .is_some_and(|w| w.chars().all(char::is_lowercase));
        let holds = || {
            let after: Vec<String> = Self::words_iter(self.gap(cue.start, self.span.end))
                .take(3)
                .collect();
            self.lexicon
                .cues
                .held_by
                .iter()
                .any(|p| after.starts_with(p))
        };
        noun_before && !self.actor_right_before(cue.start) && holds()
    }

    /// Whether an actor's mention ends right before `pos`, with no word between.
    fn actor_right_before(&self, pos: usize) -> bool {
        self.groups
            .iter()
            .any(|g| g.end <= pos && Self::word_count(self.gap(g.end, pos)) == 0)
    }

    /// Whether "of" stands between group `g` and `pos` ("accused Kinshasa of working with …").
    fn of_between(&self, g: usize, pos: usize) -> bool {
        self.groups.get(g).is_some_and(|g| {
            Self::words_iter(self.gap(g.end, pos))
                .next()
                .is_some_and(|w| self.lexicon.cues.gerund_prepositions.contains(&w))
        })
    }

    fn members(&self, g: usize) -> Vec<usize> {
        self.groups
            .get(g)
            .map(|g| g.members.clone())
            .unwrap_or_default()
    }

    /// Sentences that report a claim ("news reports said the coalition …") remember its parties.
    fn claims(&self, context: &mut Context) {
        for c in self
            .cues
            .iter()
            .filter(|c| c.role == CueRole::ClaimNoun || self.reports(c))
        {
            let end = self.clause_end(c.end);
            if self.has(CueRole::Denial, self.clause_start(c.start), end)
                || self.has(CueRole::Falsity, self.clause_start(c.start), end)
            {
                continue; // the claim of a denial is the one reported before
            }
            let parties = self.claim_parties(Span::new(c.end, end));
            if !parties.is_empty() {
                context.last_claim = parties;
                context.claim_sentence = self.index;
                // "A Moroccan official claimed that …": who claims is who a denial answers.
                context.last_accuser = self
                    .subject_before(c.start)
                    .map(|g| self.members(g))
                    .unwrap_or_default();
            }
        }
        self.accusations(context);
    }

    /// "X accused Y of collaborating with Z": a claim about Y and Z, made by X.
    fn accusations(&self, context: &mut Context) {
        for cue in self.cues {
            let Some((accuser, accused)) = self.accusation(cue) else {
                continue;
            };
            context.last_claim = self.claim_parties(Span::new(accused, self.clause_end(accused)));
            context.claim_sentence = self.index;
            context.last_accuser = accuser;
        }
    }

    /// For a relation cue that makes an accusation ("accused Y of …"), who accuses and where
    /// the accused begins.
    fn accusation(&self, cue: &CueHit) -> Option<(Vec<usize>, usize)> {
        let CueRole::Relation(index) = cue.role else {
            return None;
        };
        let spec = self.lexicon.cues.relation(index)?;
        let Some((g, None)) = self.object_after(cue, spec) else {
            return None;
        };
        let accused = self.groups.get(g)?;
        if !self.of_between(g, self.span.end) {
            return None;
        }
        let accuser = self
            .subject_before(cue.start)
            .map(|s| self.members(s))
            .unwrap_or_default();
        Some((accuser, accused.start))
    }

    /// "The governor urged young men to take up arms alongside the FARDC": between the subject
    /// and the cue at `pos`, a directive and its "to" hand the act to someone unnamed.
    fn urged_to(&self, subject: Option<usize>, pos: usize) -> bool {
        let Some(g) = subject.and_then(|g| self.groups.get(g)) else {
            return false;
        };
        let named_between = self.groups.iter().any(|o| o.start >= g.end && o.end <= pos);
        let mut words = Self::words_iter(self.gap(g.end.min(pos), pos))
            .skip_while(|w| !self.lexicon.cues.directives.contains(w));
        !named_between && words.next().is_some() && words.any(|w| w == "to")
    }

    /// Whether a cue reports someone's view ("claimed", "regards X as"): what follows is a claim.
    fn reports(&self, cue: &CueHit) -> bool {
        match cue.role {
            CueRole::Report => true,
            CueRole::Relation(i) => self
                .lexicon
                .cues
                .relation(i)
                .is_some_and(|spec| spec.reports),
            _ => false,
        }
    }

    /// The actors a claim spanning `span` is about: all but those only named as places.
    fn claim_parties(&self, span: Span) -> Vec<usize> {
        self.groups
            .iter()
            .filter(|g| span.contains(Span::new(g.start, g.end)) && !g.in_place_phrase)
            .flat_map(|g| g.members.iter().copied())
            .collect()
    }

    /// Whether a denial verb denies a claim ("denied reports", "denied that", "denied arming",
    /// "denied any role", "dismissed them as false") rather than refusing a thing ("rejected
    /// the peace deal").
    fn denies_a_claim(&self, cue: &CueHit) -> bool {
        let end = self.clause_end(cue.end);
        let near = (cue.end + 48).min(end);
        if self
            .cues_in(cue.end, end)
            .any(|c| c.role == CueRole::Falsity)
            || self
                .cues_in(cue.end, near)
                .any(|c| c.role == CueRole::ClaimNoun)
        {
            return true;
        }
        let mut words = Self::words_iter(self.gap(cue.end, end));
        let Some(first) = words.next() else {
            return true; // "…, which Kigali denies."
        };
        let objects = &self.lexicon.cues.denial_objects;
        (first.len() > 4 && first.ends_with("ing"))
            || objects.contains(&first)
            || words.take(3).any(|w| objects.contains(&w))
    }

    /// "…, a claim the ministry called false", "…, a charge Kigali denies": a claim noun in
    /// apposition to the clause before it, with the speaker between the noun and the verdict.
    fn apposed_claim(&self, cue: &CueHit) -> Option<Denial> {
        // Where the apposition opens (its comma) and where its speaker may begin.
        let apposed_noun = || {
            let noun = self
                .cues_in(self.clause_start(cue.start), cue.start)
                .filter(|c| c.role == CueRole::ClaimNoun)
                .last()?;
            let before = self.gap(self.span.start, noun.start);
            let words = Self::words(before);
            let apposed = match words.as_slice() {
                [.., comma, determiner] if comma == "," => {
                    self.lexicon.heads.determiners.contains(determiner)
                }
                // ", charges that Tehran denied.": a bare plural apposed, when the denial
                // closes the sentence.
                [.., comma] => {
                    comma == "," && Self::word_count(self.gap(cue.end, self.span.end)) <= 1
                }
                _ => false,
            };
            if !apposed {
                return None;
            }
            Some((self.span.start + before.rfind(',')?, noun.end))
        };
        // "…, which Caracas denies": a relative pronoun stands for the clause before.
        let relative_which = || {
            let before = self.gap(self.span.start, cue.start);
            let comma = before.rfind(',')?;
            let rest = before.get(comma + 1..)?;
            let first = Self::raw_words(rest).next()?;
            // Only an accusation, a report or a statement before it makes a claim to deny.
            let claimed = self
                .cues_in(self.span.start, self.span.start + comma)
                .any(|c| {
                    self.reports(c)
                        || c.role == CueRole::Attribution
                        || self.accusation(c).is_some()
                });
            (claimed
                && self.lexicon.cues.relative.contains(&first.to_lowercase())
                && first != "that")
                .then(|| {
                    let word_end = rest.find(first).map_or(0, |at| at + first.len());
                    (
                        self.span.start + comma,
                        self.span.start + comma + 1 + word_end,
                    )
                })
        };
        let (comma_at, noun_end) = apposed_noun().or_else(relative_which)?;
        let noun = Span::new(comma_at, noun_end);
        if Self::word_count(self.gap(noun.end, cue.start)) > 8 {
            return None;
        }
        // The claim is what the clause before says, past whoever says or alleges it.
        let accusation = self
            .cues_in(self.span.start, comma_at)
            .filter_map(|c| self.accusation(c))
            .last();
        // "accused the PUK of sheltering PKK fighters, a charge the party denies": a description
        // in place of a name is the accused.
        let described = || {
            let (_, accused) = accusation.as_ref()?;
            let first = Self::words_iter(self.gap(noun.end, cue.start)).next()?;
            self.lexicon
                .heads
                .determiners
                .contains(&first)
                .then(|| self.groups.iter().position(|g| g.start == *accused))
                .flatten()
        };
        let speaker = self
            .groups
            .iter()
            .position(|g| g.start >= noun.end && g.end <= cue.start)
            .or_else(described)?;
        let (claimant, claim_start) = match accusation {
            Some(found) => found,
            None => self
                .cues_in(self.span.start, comma_at)
                .filter(|c| c.role == CueRole::Attribution || self.reports(c))
                .last()
                .map_or((Vec::new(), self.span.start), |c| {
                    let by = self.subject_before(c.start).map(|g| self.members(g));
                    (by.unwrap_or_default(), c.end)
                }),
        };
        Some(Denial {
            speakers: self.members(speaker),
            claim: Some(Span::new(claim_start, comma_at)),
            claimant,
        })
    }

    /// "X denied (reports) that Y …", "the reports were denied by X", "X called them false".
    fn denials(&mut self, context: &mut Context, previous: Option<&Statement>) {
        let cues: Vec<CueHit> = self
            .cues
            .iter()
            .filter(|c| matches!(c.role, CueRole::Denial | CueRole::Falsity))
            .copied()
            .collect();
        // A claim made many sentences ago is not what a denial without one answers.
        if context.claim_sentence + CLAIM_REACH < self.index {
            context.last_claim.clear();
            context.last_accuser.clear();
        }
        for cue in cues {
            let Some(denial) = self.denial(&cue) else {
                continue;
            };
            if let Some(span) = denial.claim {
                self.denied.push(span);
            }
            let speakers: Vec<usize> = denial
                .speakers
                .into_iter()
                .filter(|&s| self.is_actor(s))
                .collect();
            if speakers.is_empty() {
                continue;
            }
            let mut parties = denial
                .claim
                .map(|span| self.claim_parties(span))
                .unwrap_or_default();
            let mut accuser = denial.claimant;
            // "Cambodia denied laying mines", after "Thailand accused Cambodia of …": the
            // accused answers the accusation.
            let accused = || {
                speakers.iter().any(|&s| {
                    context.last_claim.contains(&s)
                        || self
                            .affiliations(s)
                            .iter()
                            .any(|a| context.last_claim.contains(a))
                })
            };
            // "the reports were denied", "Tokyo denied this": the claim reported before.
            // ("denied using chemical weapons" is about the denier alone.)
            let refers_back = || {
                let objects = &self.lexicon.cues.denial_objects;
                let mut words = Self::words_iter(self.gap(cue.end, self.span.end)).take(3);
                cue.role == CueRole::Denial
                    && words.next().is_some_and(|first| {
                        objects.contains(&first)
                            || !first.ends_with("ing") && words.any(|w| objects.contains(&w))
                    })
            };
            if parties.is_empty()
                && accuser.is_empty()
                && (refers_back()
                    || self.has(CueRole::ClaimNoun, self.span.start, self.span.end)
                    || accused())
            {
                // "X said Russian jets dumped fuel. Moscow rejected that account.": the account
                // is the statement just made, its speaker the accuser — unless a claim was
                // reported as late as that statement.
                let statement = previous.filter(|st| {
                    !st.parties.is_empty()
                        && (context.last_claim.is_empty()
                            || context.claim_sentence + 1 < self.index)
                });
                match statement {
                    Some(st) => {
                        parties.clone_from(&st.parties);
                        accuser.clone_from(&st.speakers);
                    }
                    None => {
                        parties.clone_from(&context.last_claim);
                        accuser.clone_from(&context.last_accuser);
                        // "X said …, claiming that …": a claim with no subject of its own (or
                        // with one of its own parties read as that) is the speaker's.
                        if accuser.iter().all(|a| parties.contains(a))
                            && context.claim_sentence + 1 == self.index
                            && let Some(st) = previous
                        {
                            accuser.clone_from(&st.speakers);
                        }
                    }
                }
            } else if !parties.is_empty() {
                context.last_claim.clone_from(&parties);
                context.last_accuser.clone_from(&accuser);
                context.claim_sentence = self.index;
            }
            // A spokesman denies for the body he speaks for, and neither denies a claim about its own side.
            let mut deniers = speakers.clone();
            for &s in &speakers {
                deniers.extend(self.affiliations(s));
            }
            deniers.dedup();
            let own: Vec<usize> = deniers.iter().flat_map(|&d| self.own_side(d)).collect();
            // A claim that names no one but the denier's side is answered to whoever made it.
            if parties
                .iter()
                .all(|p| deniers.contains(p) || own.contains(p))
            {
                parties = accuser;
            }
            for &s in &deniers {
                for &p in &parties {
                    if !deniers.contains(&p) && !own.contains(&p) {
                        self.emit(s, p, RelationKind::Denies, Polarity::Asserted, STATED);
                    }
                }
            }
        }
    }

    /// Who denies what, by the frame of the denial or verdict cue.
    fn denial(&self, cue: &CueHit) -> Option<Denial> {
        if let Some(apposed) = self.apposed_claim(cue) {
            return Some(apposed);
        }
        if let Some(agent) = self.passive_agent(cue) {
            return Some(Denial {
                speakers: self.members(agent),
                claim: None,
                claimant: Vec::new(),
            });
        }
        if cue.role == CueRole::Falsity {
            // "claims that X armed Y were baseless": the claim lies between its noun and the
            // verdict; "X called the reports false": it was reported before (no span here).
            let noun = self
                .cues_in(self.span.start, cue.start)
                .filter(|c| c.role == CueRole::ClaimNoun)
                .last();
            let claim = noun.map(|n| Span::new(n.end, cue.start));
            // "U.S. accusations", "Washington's claims": who made the claim, not who denies it.
            let claimant = noun.and_then(|n| {
                self.groups.iter().rposition(|g| {
                    g.end <= n.start && Self::word_count(self.gap(g.end, n.start)) <= 2 && {
                        let gap = self.gap(g.end, n.start);
                        gap.trim().is_empty() || super::after_possessive(gap).is_some()
                    }
                })
            });
            // The speaker is the nearest agent before the verdict, outside the claim.
            let g = self.groups.iter().enumerate().rposition(|(i, g)| {
                g.end <= cue.start
                    && !g.non_agent
                    && Some(i) != claimant
                    && !claim.is_some_and(|c| c.contains(Span::new(g.start, g.end)))
            });
            return Some(Denial {
                speakers: g.map(|g| self.members(g)).unwrap_or_default(),
                claim,
                claimant: claimant.map(|g| self.members(g)).unwrap_or_default(),
            });
        }
        // "rejected the peace deal": a refusal of a thing, not a denial.
        if !self.denies_a_claim(cue) {
            return None;
        }
        let end = self.claim_end(cue.end);
        // "rejects Ankara's claim that the SDF is a branch of the PKK": who made the claim
        // stands before its noun, and is no party to it.
        let noun = self
            .cues_in(cue.end, end)
            .find(|c| c.role == CueRole::ClaimNoun)
            .filter(|n| Self::word_count(self.gap(cue.end, n.start)) <= 4);
        let mut claimant: Vec<usize> = noun
            .map(|n| {
                self.groups
                    .iter()
                    .filter(|g| g.start >= cue.end && g.end <= n.start)
                    .flat_map(|g| g.members.iter().copied())
                    .collect()
            })
            .unwrap_or_default();
        let mut claim_start = noun.map_or(cue.end, |n| n.end);
        // "a report by Congolese authorities that the rebels …": so does the one it is by.
        if let Some(by) = noun.and_then(|n| {
            let rest = self.gap(n.end, end);
            let word = Self::words_iter(rest).next()?;
            self.lexicon.cues.passive.contains(&word).then_some(n.end)
        }) && let Some(g) = self.groups.iter().find(|g| g.start >= by && g.end <= end)
            && Self::word_count(self.gap(by, g.start)) <= 2
        {
            claimant.extend(g.members.iter().copied());
            claim_start = g.end;
        }
        Some(Denial {
            speakers: self
                .subject_before(cue.start)
                .map(|g| self.members(g))
                .unwrap_or_default(),
            claim: Some(Span::new(claim_start, end)),
            claimant,
        })
    }

    /// Records on each relation who the sentence quotes: its statement's first speaker.
    fn attribute(&mut self, statement: Option<&Statement>) {
        let Some(&first) = statement.and_then(|s| s.speakers.first()) else {
            return;
        };
        let name = self.entities.get(first).map(|e| e.name.clone());
        for r in &mut self.out {
            r.attributed_to.clone_from(&name);
        }
    }

    /// Who the sentence's first verb of saying reports: its subject ("X, spokesman for Y,
    /// said", "X told"), or the actor after it ("said spokesman Bali", "according to X").
    fn speaker(&self) -> Option<&Group> {
        let cue = self.cues.iter().find(|c| c.role == CueRole::Attribution)?;
        let cue_text = self.gap(cue.start, cue.end).to_lowercase();
        let after = self
            .groups
            .iter()
            .find(|g| g.start >= cue.end && Self::word_count(self.gap(cue.end, g.start)) <= 2);
        if self.lexicon.cues.speaker_after.contains(&cue_text) {
            return after;
        }
        self.subject_before(cue.start)
            .and_then(|g| self.groups.get(g))
            .or(after)
    }

    /// Persons the sentence's relations only place somewhere ("Chadian President Idriss
    /// Deby"), when it relates other actors.
    fn described_persons(&self) -> Vec<usize> {
        let relates = |e: usize| {
            self.out
                .iter()
                .any(|r| r.kind != RelationKind::MemberOf && (r.source == e || r.target == e))
        };
        if !self.out.iter().any(|r| r.kind != RelationKind::MemberOf) {
            return Vec::new();
        }
        self.out
            .iter()
            .filter(|r| r.kind == RelationKind::MemberOf && self.is_person(r.source))
            .map(|r| r.source)
            .filter(|&e| !relates(e))
            .collect()
    }

    /// What the sentence states, when it reports a speaker.
    fn statement(&self) -> Option<Statement> {
        let speaker = self.speaker()?;
        let mut speakers = speaker.members.clone();
        for &s in &speaker.members {
            speakers.extend(self.affiliations(s));
        }
        let parties = self
            .groups
            .iter()
            .filter(|g| !g.in_place_phrase)
            .flat_map(|g| g.members.iter().copied())
            .filter(|p| !speakers.contains(p))
            .collect();
        Some(Statement { speakers, parties })
    }

    /// Where the stretch between commas that holds `pos` begins, but not before `from`.
    fn segment_start(&self, from: usize, pos: usize) -> usize {
        self.gap(from, pos)
            .rfind(',')
            .map_or(from, |comma| from + comma + 1)
    }

    /// Whether a cue opens a participle aside: ", working with Y,", ", fighting alongside Y,".
    fn opens_aside(&self, cue: usize) -> bool {
        let before = self.gap(self.span.start, cue);
        before
            .rfind(',')
            .and_then(|comma| before.get(comma + 1..))
            .is_some_and(|phrase| Self::word_count(phrase) <= 1)
    }

    /// Whether group `g` ends an aside right before `pos`: "…, working with Y, destroyed".
    fn closes_aside(&self, g: usize, pos: usize) -> bool {
        self.groups
            .get(g)
            .is_some_and(|g| self.gap(g.end, pos).trim() == ",")
    }

    /// "UPDF spokesman X said troops had destroyed ADF camps": a speaker who names no one as the
    /// subject of what he reports speaks for his side, which is the subject.
    fn spoken_for(&self, subject: Vec<usize>, group: Option<usize>, cue: &CueHit) -> Vec<usize> {
        let Some(g) = group.and_then(|g| self.groups.get(g)) else {
            return subject;
        };
        let persons = !subject.is_empty()
            && subject == g.members
            && subject.iter().all(|&e| self.is_person(e));
        let Some(said) = self
            .cues_in(g.end, cue.start)
            .filter(|c| c.role == CueRole::Attribution)
            .last()
        else {
            return subject;
        };
        // What he reports must have an unnamed agent of its own: "troops", "the drones".
        let agent_noun = Self::words_iter(self.gap(said.end, cue.start))
            .any(|w| self.lexicon.cues.agent_nouns.contains(&w));
        if !persons || !agent_noun || self.has(CueRole::Pronoun, said.end, cue.start) {
            return subject;
        }
        let sides: Vec<usize> = subject.iter().flat_map(|&e| self.affiliations(e)).collect();
        if sides.is_empty() { subject } else { sides }
    }

    /// The actors `entity` belongs to, as this sentence says ("LNA spokesman X").
    fn affiliations(&self, entity: usize) -> Vec<usize> {
        let stated = self.out.iter().filter(|r| {
            r.kind == RelationKind::MemberOf
                && r.source == entity
                && r.polarity == Polarity::Asserted
        });
        let mut bodies: Vec<usize> = stated.map(|r| r.target).collect();
        let before = self.memberships.iter().filter(|&&(m, _)| m == entity);
        join_distinct(&mut bodies, before.map(|&(_, body)| body).collect());
        bodies
    }

    /// `entity` and what the lexicon says belongs with it: its state, its state's forces.
    fn own_side(&self, entity: usize) -> Vec<usize> {
        (0..self.entities.len())
            .filter(|&other| self.same_side(entity, other))
            .collect()
    }

    /// Whether the lexicon puts `a` and `b` on one side: one belongs to the other, or both to
    /// the same state. (Factions of one armed group do fight each other: the Sinaloa Cartel's.)
    fn same_side(&self, a: usize, b: usize) -> bool {
        self.sides(a, b, false)
    }

    /// Whether `a` and `b` cannot be enemies: one belongs to the other, or both are forces of
    /// one state. (A state's parties and politicians do oppose one another.)
    fn one_force(&self, a: usize, b: usize) -> bool {
        self.sides(a, b, true)
    }

    fn sides(&self, a: usize, b: usize, forces_only: bool) -> bool {
        if a == b {
            return true;
        }
        let names = &self.lexicon.names;
        let entry = |e: usize| self.known.entry.get(e).copied().flatten();
        let (Some(ia), Some(ib)) = (entry(a), entry(b)) else {
            return false;
        };
        let parent = |id| names.entry(id).and_then(|x| x.member_of);
        let (pa, pb) = (parent(ia), parent(ib));
        let is_state = |id| names.entry(id).is_some_and(|x| x.kind == EntityKind::State);
        let is_force = |id| names.entry(id).is_some_and(|x| x.kind == EntityKind::Force);
        pb == Some(ia)
            || pa == Some(ib)
            || pa.is_some_and(is_state)
                && pa == pb
                && (!forces_only || is_force(ia) && is_force(ib))
    }

    /// Relation cues, left to right; each may inherit the subject of the one before.
    fn relations(&mut self) {
        let cues: Vec<CueHit> = self
            .cues
            .iter()
            .filter(|c| matches!(c.role, CueRole::Relation(_)))
            .copied()
            .collect();
        // Where the sentence's first accusation ("accused X of …") ends: what follows is its claim.
        let first_accusation = self
            .cues
            .iter()
            .filter_map(|c| self.accusation(c).map(|_| c.end))
            .min();
        // (subject group members, object group index) of the previous cue, and whether it joins
        // its object to its subject ("working with")
        let mut previous: Option<(Vec<usize>, Option<usize>)> = None;
        let mut previous_joins = false;
        for cue in cues {
            let CueRole::Relation(index) = cue.role else {
                continue;
            };
            // Borrowed through a copy of the lexicon reference, not `self`: no clone per cue.
            let lexicon = self.lexicon;
            let Some(spec) = lexicon.cues.relation(index) else {
                continue;
            };
            if self.modifies_noun(&cue) || self.averted(&cue) || self.unnamed_doer(&cue) {
                continue;
            }
            let passive = self.passive_agent(&cue);
            if passive.is_some() && self.unnamed_patient(&cue) {
                continue;
            }
            let mut relative_object = false;
            let subject_group = if passive.is_some() {
                self.passive_patient(cue.start)
            } else {
                self.subject_before(cue.start)
            };
            // "Y was attacked by X": the agent after "by" is the subject, the group before the object.
            let (subject, object, prep) = match passive {
                Some(agent) => (self.members(agent), subject_group, None),
                None => {
                    let (object, prep) = self
                        .object_after(&cue, spec)
                        .map_or((None, None), |(g, p)| (Some(g), p));
                    let relative = self.relative_head(cue.start);
                    let (object, prep) = match (object, relative) {
                        (None, Some(Some(head)))
                            if spec.direct
                                && subject_group.is_some_and(|g| g != head)
                                && self.relative_subject(cue.start) == subject_group =>
                        {
                            relative_object = true;
                            (Some(head), None)
                        }
                        _ => (object, prep),
                    };
                    let subject = match (subject_group, &previous) {
                        // "armed the SNA, a militia that has clashed with the KIA": the one the
                        // relative pronoun stands for is the subject, object of a cue or not;
                        // "condemned Russia's war on Ukraine": so is the one whose act it is.
                        (Some(g), _)
                            if relative == Some(Some(g))
                                || self.opens_phrase(cue.start) == Some((g, true)) =>
                        {
                            self.members(g)
                        }
                        // "accused Rwanda of backing the M23": the accused is the subject.
                        (Some(g), Some((_, Some(prev_object))))
                            if g == *prev_object && self.of_between(g, cue.start) =>
                        {
                            self.members(g)
                        }
                        // "X coordinated with Y and fought Z": Y was an object; X fights Z.
                        (Some(g), Some((prev_subject, Some(prev_object))))
                            if g == *prev_object && !prev_subject.is_empty() =>
                        {
                            prev_subject.clone()
                        }
                        (Some(g), _) => self.members(g),
                        // A relative clause about something unnamed has no subject to inherit.
                        (None, Some((prev_subject, _)))
                            if relative.is_none()
                                && !self.has(
                                    CueRole::Pronoun,
                                    self.clause_start(cue.start),
                                    cue.start,
                                ) =>
                        {
                            prev_subject.clone()
                        }
                        _ => Vec::new(),
                    };
                    let mut subject = if self.urged_to(subject_group, cue.start) {
                        Vec::new()
                    } else {
                        self.spoken_for(subject, subject_group, &cue)
                    };
                    // "X, working with Y, destroyed Z": the partner in the aside acts too.
                    if let Some((prev_subject, Some(partners))) = &previous
                        && previous_joins
                        && *prev_subject == subject
                        && self.closes_aside(*partners, cue.start)
                    {
                        join_distinct(&mut subject, self.members(*partners));
                    }
                    (subject, object, prep)
                }
            };
            // "designated X as a terrorist group": without its complement the cue says nothing.
            if !spec.complement.is_empty() {
                let after = object
                    .and_then(|g| self.groups.get(g))
                    .filter(|g| g.start > cue.start)
                    .map_or(cue.end, |g| g.end);
                let tail = self.gap(after, self.clause_end(after));
                let words: Vec<&str> = Self::raw_words(tail).collect();
                // "joined the army in reopening roads" — not "joining the US … in May": a
                // preposition as complement opens a verb phrase, not a date or a place.
                let complete = words.iter().enumerate().any(|(i, w)| {
                    let w = w.to_lowercase();
                    spec.complement.contains(&w)
                        && (!self.lexicon.cues.prepositions.contains(&w)
                            || words
                                .get(i + 1)
                                .and_then(|n| n.chars().next())
                                .is_some_and(char::is_lowercase))
                });
                if !complete {
                    continue;
                }
            }
            let mut objects = object.map(|g| self.members(g)).unwrap_or_default();
            // "cooperation between X and Y" has no subject of its own.
            let between = prep
                .as_ref()
                .is_some_and(|p| self.lexicon.cues.symmetric_prepositions.contains(p));
            // "belongs to X along with Y": Y does what the subject does. After the preposition
            // the companion phrase ends in, it is one more partner: "cooperation with Syria,
            // along with Iran".
            let partner_list = prep.as_deref().is_some_and(|p| {
                self.lexicon
                    .cues
                    .companions
                    .iter()
                    .any(|c| c.rsplit(' ').next() == Some(p))
            });
            let companions = object
                .and_then(|g| self.groups.get(g))
                .and_then(|g| g.companions)
                .filter(|_| !partner_list && passive.is_none() && !subject.is_empty());
            let mut subject = subject;
            if let Some(k) = companions {
                join_distinct(&mut subject, objects.split_off(k.min(objects.len())));
            }
            let mut pairs: Vec<(usize, usize)> =
                if between || (objects.is_empty() && spec.reciprocal) {
                    let group = if between { &objects } else { &subject };
                    group
                        .iter()
                        .enumerate()
                        .flat_map(|(i, &a)| group.iter().skip(i + 1).map(move |&b| (a, b)))
                        .collect()
                } else if objects.iter().any(|o| subject.contains(o)) {
                    // "X and Y fought Y": a misread reference, not a relation among them.
                    Vec::new()
                } else {
                    subject
                        .iter()
                        .flat_map(|&s| objects.iter().map(move |&o| (s, o)))
                        .collect()
                };
            // (Hostilities only: "reports of a rapprochement between X's wing and Y's
            // government" is talk about a tie, which the parties often deny.)
            if pairs.is_empty() && passive.is_none() && spec.kind == RelationKind::Opposes {
                pairs.extend(self.between_phrases(&cue, spec));
            }
            let clause = self.clause_start(cue.start);
            let from = subject_group
                .and_then(|g| self.groups.get(g))
                .map_or(clause, |g| g.end.max(clause));
            // "not", "refused to" negate and disavow; "suspended", "halted" only negate.
            let explicit_negation = self.has(CueRole::Negation, from, cue.end);
            let negated = explicit_negation
                // "cut ties with Iran, accusing it of …": a cessation ends at a comma.
                || self.has(CueRole::Cessation, self.segment_start(from, cue.start), cue.end)
                || self
                    .denied
                    .iter()
                    .any(|d| d.start <= cue.start && cue.end <= d.end);
            let mut confidence = STATED;
            if self.has(CueRole::Hedge, clause, cue.end) {
                confidence *= HEDGED / STATED;
            }
            // "claimed that …", "accused X of arming Y": one side's word.
            let accused = first_accusation.is_some_and(|end| end <= cue.start);
            // "media reports that Hungary sent officers", "reports of a rapprochement between X
            // and Y": a claim the sentence only reports.
            let reported_claim = self.cues_in(self.span.start, cue.start).any(|c| {
                c.role == CueRole::ClaimNoun
                    && matches!(
                        Self::words_iter(self.gap(c.end, cue.start))
                            .next()
                            .as_deref(),
                        Some("that" | "of")
                    )
            });
            let report = self
                .cues_in(self.span.start, cue.start)
                .any(|c| self.reports(c));
            if report || accused || reported_claim {
                confidence *= REPORTED;
            }
            let polarity = if negated {
                Polarity::Negated
            } else {
                Polarity::Asserted
            };
            // "The FAMa, together with their Russian partners, will pursue …": those who act
            // together coordinate.
            if passive.is_none()
                && !negated
                && self.relative_head(cue.start).is_none()
                && let Some(g) = subject_group.and_then(|g| self.groups.get(g))
                && let Some(k) = g.companions
            {
                let (main, companions) = g.members.split_at(k.min(g.members.len()));
                let together: Vec<(usize, usize)> = main
                    .iter()
                    .flat_map(|&a| companions.iter().map(move |&b| (a, b)))
                    .collect();
                for (a, b) in together {
                    if self.is_actor(a) && self.is_actor(b) {
                        self.emit(a, b, RelationKind::CoordinatesWith, polarity, confidence);
                    }
                }
            }
            // "The US and Britain struck Houthi radar sites": those who attack one enemy
            // together act together.
            // (Not "Israeli or US strikes", "X and Y accuse Z of …", nor "X and Y clashed".)
            // Only actors the text itself lists, not a pronoun for them.
            let joined = || {
                subject_group
                    .and_then(|g| self.groups.get(g))
                    .is_some_and(|g| {
                        let words: Vec<String> =
                            Self::words_iter(self.gap(g.start, g.end)).collect();
                        words.iter().any(|w| w == "and" || w == ",")
                            && !words.iter().any(|w| w == "or")
                            && g.companions.is_none()
                            && !self
                                .gap(self.span.start, g.start)
                                .trim_end()
                                .ends_with(" by")
                    })
            };
            if spec.kind == RelationKind::Opposes
                && passive.is_none()
                && !negated
                && !between
                && !objects.is_empty()
                && !objects.iter().any(|o| subject.contains(o))
                && joined()
                && self.accusation(&cue).is_none()
            {
                let allies: Vec<usize> = subject
                    .iter()
                    .copied()
                    .filter(|&a| self.is_actor(a) && !objects.contains(&a))
                    .collect();
                for (i, &a) in allies.iter().enumerate() {
                    for &b in allies.iter().skip(i + 1) {
                        self.emit(a, b, RelationKind::CoordinatesWith, polarity, confidence);
                    }
                }
            }
            for (s, o) in pairs {
                if !self.is_actor(s) || !self.is_actor(o) {
                    continue;
                }
                let (source, target) = if spec.received { (o, s) } else { (s, o) };
                self.emit(source, target, spec.kind, polarity, confidence);
                // "we are not coordinating with X": a disavowal of a tie is a denial; "X was
                // not consulted by Y" only tells what did not happen.
                if explicit_negation && spec.kind.sign() > 0 && passive.is_none() {
                    self.emit(s, o, RelationKind::Denies, Polarity::Asserted, confidence);
                    if let Some(r) = self.out.last_mut() {
                        r.claim = Some(Claim {
                            source: self
                                .entities
                                .get(source)
                                .map(|e| e.name.clone())
                                .unwrap_or_default(),
                            kind: spec.kind,
                            target: self
                                .entities
                                .get(target)
                                .map(|e| e.name.clone())
                                .unwrap_or_default(),
                        });
                    }
                }
            }
            previous_joins = spec.kind == RelationKind::CoordinatesWith
                && !negated
                && self.opens_aside(cue.start);
            // A relative clause's head ("Hezbollah, which Iran arms, fired …") stands before
            // its verb: the clauses after it do not go on from it as from an object.
            // In a passive the patient stands before the verb ("The Houthis, backed by Iran,
            // fired …"): what follows goes on from it, as from an active verb's subject.
            previous = Some(match passive {
                Some(_) => (object.map(|g| self.members(g)).unwrap_or_default(), None),
                None => (subject, object.filter(|_| !relative_object)),
            });
        }
    }
}

/// Adds to `into` those of `more` it lacks, in order.
fn join_distinct<T: PartialEq>(into: &mut Vec<T>, more: Vec<T>) {
    for m in more {
        if !into.contains(&m) {
            into.push(m);
        }
    }
}

/// Within a document, a relation only reported by others ("Ankara regards the YPG as a wing of
/// the PKK") that one of its parties denies ("The YPG denies any link with the PKK") is negated;
/// so is any relation of a kind a party disavows ("the army has not coordinated any operation
/// with the YBS" outweighs "officers meet YBS commanders weekly").
pub(crate) fn settle_denials(relations: &mut [DocRelation]) {
    let denied: Vec<(usize, usize, Option<RelationKind>)> = relations
        .iter()
        .filter(|r| r.kind == RelationKind::Denies && r.polarity == Polarity::Asserted)
        .map(|r| (r.source, r.target, r.claim.as_ref().map(|c| c.kind)))
        .collect();
    for r in relations.iter_mut() {
        // The denier must be the one the report says acts (either side of a symmetric tie).
        let pair = |a: usize, b: usize| {
            (r.source, r.target) == (a, b)
                || r.kind.is_symmetric() && (r.source, r.target) == (b, a)
        };
        let reported = r.confidence < STATED;
        if r.kind != RelationKind::Denies
            && r.polarity == Polarity::Asserted
            && denied
                .iter()
                .any(|&(a, b, disavowed)| pair(a, b) && (reported || disavowed == Some(r.kind)))
        {
            r.polarity = Polarity::Negated;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::word_parts;

    #[test]
    fn words_split_into_runs_and_single_marks() {
        for (word, parts) in [
            ("Iran,", vec!["Iran", ","]),
            ("“and", vec!["“", "and"]),
            ("(SDF),", vec!["(", "SDF", ")", ","]),
            ("", vec![]),
            ("Türkiye's", vec!["Türkiye", "'", "s"]),
        ] {
            assert_eq!(word_parts(word).collect::<Vec<_>>(), parts, "{word}");
        }
    }
}
