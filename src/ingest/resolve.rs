//! Stage 4: mentions → the document's entities. A capital is its state when it acts and a city
//! after a preposition of place; a surname or an acronym defined earlier names the full entity;
//! "the coalition" refers back to the last actor whose names contain "coalition".

use super::mention::{RawMention, SentenceFinds, Target};
use crate::lexicon::{CueRole, EntryId, Lexicon, NameRole, Referent, fold};
use crate::model::{EntityKind, Span};
use aho_corasick::AhoCorasick;
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use std::collections::HashMap;

/// An entity as one document knows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocEntity {
    /// Canonical name (the lexicon's, or the fullest form the text gives).
    pub name: String,
    /// What it is.
    pub kind: EntityKind,
    /// Every other form the document uses for it.
    pub aliases: Vec<String>,
}

/// One mention of an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// The entity, an index into the document's entities.
    pub entity: usize,
    /// The sentence it is in.
    pub sentence: usize,
    /// Where its name stands.
    pub span: Span,
    /// The title before it ("Foreign Minister"), when there is one.
    pub title: Option<Span>,
    /// Whether it is a state's adjective ("Iraqi", "U.S.").
    pub adjective: bool,
}

#[derive(Default)]
pub(crate) struct Resolver {
    pub entities: Vec<DocEntity>,
    by_key: foldhash::HashMap<String, usize>,
    /// The entity each lexicon entry resolved to, so that its name is folded once per document.
    by_entry: foldhash::HashMap<EntryId, usize>,
    pub mentions: Vec<Mention>,
}

impl Resolver {
    fn entity(&mut self, name: &str, kind: EntityKind) -> usize {
        let key = fold(name);
        if let Some(&i) = self.by_key.get(&key) {
            return i;
        }
        self.entities.push(DocEntity {
            name: name.to_owned(),
            kind,
            aliases: Vec::new(),
        });
        self.by_key.insert(key, self.entities.len() - 1);
        self.entities.len() - 1
    }

    fn entry(&mut self, lexicon: &Lexicon, id: EntryId) -> Option<usize> {
        // Entities are only ever added, and a name keeps its entity: the first answer stands.
        if let Some(&i) = self.by_entry.get(&id) {
            return Some(i);
        }
        let e = lexicon.names.entry(id)?;
        let i = self.entity(&e.name, e.kind);
        self.by_entry.insert(id, i);
        Some(i)
    }

    fn add(&mut self, text: &str, entity: usize, m: &RawMention) {
        if let Some(e) = self.entities.get_mut(entity) {
            let surface = m.span.text(text);
            if surface != e.name && !e.aliases.iter().any(|a| a == surface) {
                e.aliases.push(surface.to_owned());
            }
        }
        let adjective = matches!(m.target, Target::Entry(_, NameRole::Adjective));
        self.mentions.push(Mention {
            entity,
            sentence: m.sentence,
            span: m.span,
            title: m.title,
            adjective,
        });
    }
}

/// Resolves every sentence's finds into the document's entities and mentions, in text order.
pub(crate) fn resolve(
    text: &str,
    finds: &[SentenceFinds],
    lexicon: &Lexicon,
) -> (Vec<DocEntity>, Vec<Mention>) {
    let mut r = Resolver::default();
    let mut local: Vec<(String, usize)> = Vec::new(); // document-local aliases
    let mut discovered: Vec<(String, usize)> = Vec::new();
    // Acronyms the article defines: they override the lexicon's reading of the same letters.
    let mut defined: Vec<String> = Vec::new();
    for f in finds {
        let first = r.mentions.len();
        for m in &f.mentions {
            let entity = match &m.target {
                Target::Entry(id, NameRole::Capital) => {
                    let city = is_place(text, m.span, lexicon);
                    let state = lexicon.names.entry(*id);
                    match (city, state.and_then(|s| s.capital)) {
                        (true, Some(capital)) => r.entry(lexicon, capital),
                        _ => r.entry(lexicon, *id),
                    }
                }
                Target::Entry(id, _) => r.entry(lexicon, *id),
                Target::New(name, kind) => Some(r.entity(name, *kind)),
                Target::Reference(referent) => {
                    antecedent(&mut r, lexicon, "", *referent, m.sentence, m.span.start)
                }
                Target::Surname(word) => local
                    .iter()
                    .rev()
                    .find(|(alias, _)| alias == word)
                    .map(|&(_, e)| e)
                    .or_else(|| lexicon.names.find(word).and_then(|id| r.entry(lexicon, id))),
            };
            let Some(entity) = entity else { continue };
            r.add(text, entity, m);
            // "militias known as Wazalendo": a name found once from its cue is the same actor
            // wherever else the article writes it without one.
            // (After the acronyms and surnames, which say better what a string stands for.)
            if let Target::New(name, EntityKind::Force | EntityKind::Organization) = &m.target {
                discovered.push((name.clone(), entity));
            }
            if let Some(e) = r.entities.get(entity)
                && matches!(e.kind, EntityKind::Official | EntityKind::Person)
                && let Some(surname) = e.name.split(' ').next_back()
                && e.name.contains(' ')
                && surname.chars().count() > 2
            {
                local.push((surname.to_owned(), entity));
            }
        }
        for (acronym, i) in &f.acronyms {
            if let Some(m) = r.mentions.get(first + i) {
                local.push((acronym.clone(), m.entity));
                defined.push(acronym.clone());
            }
        }
        for cue in &f.cues {
            let CueRole::Reference(referent, count) = cue.role else {
                continue;
            };
            let span = Span::new(cue.start, cue.end);
            // Only this sentence's mentions can overlap it: looking at the whole document's
            // would make a document of many references quadratic.
            if r.mentions
                .get(first..)
                .unwrap_or(&[])
                .iter()
                .any(|m| m.span.start < span.end && span.start < m.span.end)
            {
                continue;
            }
            // "his army" is the army of the man spoken of, not the last army named.
            let before = text.get(..span.start).unwrap_or("").trim_end();
            let personal = before.rsplit(' ').next().is_some_and(|w| {
                lexicon
                    .cues
                    .personal_possessives
                    .contains(&w.to_lowercase())
            });
            // "the government of President X" is defined by what follows, not by what came before
            // ("accused the army of protecting Hezbollah" still refers back).
            let defined = text
                .get(span.end..)
                .and_then(|rest| rest.strip_prefix(" of "))
                .is_some_and(|rest| {
                    !rest
                        .split(|c: char| !c.is_alphabetic())
                        .next()
                        .is_some_and(|w| {
                            w.len() > 4 && w.ends_with("ing") && w.chars().all(char::is_lowercase)
                        })
                });
            // "a national army", "from any army": no army in particular ("an army post" is
            // still the army's post).
            let cues = &lexicon.cues;
            let modifies_next = text
                .get(span.end..)
                .and_then(|rest| rest.strip_prefix(' '))
                .and_then(|rest| rest.split(|c: char| !c.is_alphabetic()).next())
                .is_some_and(|w| {
                    !w.is_empty()
                        && w.chars().all(char::is_lowercase)
                        && !cues.prepositions.contains(w)
                        && !cues.conjunctions.contains(w)
                        && !cues.connectors.contains(w)
                });
            let indefinite = !modifies_next
                && before
                    .rsplit(' ')
                    .take(3)
                    .take_while(|w| w.chars().all(char::is_lowercase))
                    .any(|w| cues.indefinite.contains(w));
            if personal || defined || indefinite {
                continue;
            }
            // "The two forces have been at war": both actors stand at the one span.
            let entities = if referent.is_pair() {
                let listed = last_named_together(&r, text, lexicon, referent, count, span.start);
                if listed.is_empty() {
                    named_in_sentence(&r, lexicon, referent, count, f.index, span.start)
                } else {
                    listed
                }
            } else if let Some(force) = force_of_state_before(&mut r, lexicon, text, referent, span)
            {
                vec![force]
            } else {
                antecedent(
                    &mut r,
                    lexicon,
                    span.text(text),
                    referent,
                    f.index,
                    span.start,
                )
                .into_iter()
                .collect()
            };
            for entity in entities {
                r.mentions.push(Mention {
                    entity,
                    sentence: f.index,
                    span,
                    title: None,
                    adjective: false,
                });
            }
        }
    }
    for (name, entity) in discovered {
        if !local.iter().any(|(alias, _)| *alias == name) {
            local.push((name, entity));
        }
    }
    add_local_aliases(text, finds, &local, &defined, &mut r);
    r.mentions.sort_by_key(|m| m.span.start);
    drop_unmentioned(r.entities, r.mentions)
}

/// Removes the entities no mention points at (a place that turned out to be a surname).
fn drop_unmentioned(
    entities: Vec<DocEntity>,
    mut mentions: Vec<Mention>,
) -> (Vec<DocEntity>, Vec<Mention>) {
    let mut used = vec![false; entities.len()];
    for m in &mentions {
        if let Some(u) = used.get_mut(m.entity) {
            *u = true;
        }
    }
    let mut new_index = Vec::with_capacity(entities.len());
    let mut kept = Vec::new();
    for (e, used) in entities.into_iter().zip(&used) {
        new_index.push(kept.len());
        if *used {
            kept.push(e);
        }
    }
    for m in &mut mentions {
        m.entity = new_index.get(m.entity).copied().unwrap_or(0);
    }
    (kept, mentions)
}

/// How many sentences back a reference may look for an actor of its kind.
const REACH: usize = 3;

/// The actor a reference ("the coalition", "the army", "the insurgents") points back to: the most
/// recent actor whose names contain its head word, else the most recent of the kind it names.
fn antecedent(
    r: &mut Resolver,
    lexicon: &Lexicon,
    words: &str,
    referent: Referent,
    sentence: usize,
    at: usize,
) -> Option<usize> {
    let folded = fold(words);
    let head = folded.split(' ').next_back().unwrap_or("").to_owned();
    // How well an actor's names carry the head word: as their own head ("the alliance": the
    // Three Brotherhood Alliance) beats inside a name (the Democratic Alliance Army).
    let head_match = |names: &[String]| -> u8 {
        if head.is_empty() {
            return 0;
        }
        names
            .iter()
            .map(|n| {
                let folded = fold(n);
                if folded.split(' ').next_back() == Some(head.as_str()) {
                    2
                } else {
                    u8::from(folded.split(' ').any(|w| w == head))
                }
            })
            .max()
            .unwrap_or(0)
    };
    let fits = &fitting(lexicon, referent);
    // "the government": the article's own state, the one it names most (a head word would
    // match any state's "X government").
    // (But a rival government named by that word, "the Government of National Unity", is the
    // one meant when named lately.)
    if referent == Referent::State {
        let named_government = r
            .mentions
            .iter()
            .rev()
            .take_while(|m| m.sentence + REACH >= sentence)
            .filter(|m| m.span.start < at)
            .find(|m| {
                r.entities.get(m.entity).is_some_and(|e| {
                    e.kind != EntityKind::State
                        && names_of(e, lexicon)
                            .iter()
                            .any(|n| fold(n).split(' ').next() == Some(head.as_str()))
                })
            })
            .map(|m| m.entity);
        return named_government.or_else(|| main_state(r, lexicon));
    }
    // "An HTS official said the group …": an armed group named earlier in the same sentence
    // is the one meant, whatever its name's head word.
    if referent == Referent::ArmedGroup
        && let Some(m) = r
            .mentions
            .iter()
            .rev()
            .take_while(|m| m.sentence == sentence)
            .find(|m| m.span.end <= at && r.entities.get(m.entity).is_some_and(fits))
    {
        return Some(m.entity);
    }
    // Whether each entity fits and has the head word, worked out once per entity: a document
    // mentions the same few actors over and over, and their names are many.
    let mut verdicts: Vec<Option<u8>> = vec![None; r.entities.len()];
    let mut inside_a_name = None;
    for m in r.mentions.iter().rev() {
        let Some(e) = r.entities.get(m.entity) else {
            continue;
        };
        // Only a named description ("the coalition") reaches back over the whole article; "the
        // group" matching the "Islamic State group" of ten sentences ago is a guess too far.
        let recent = m.sentence + REACH >= sentence || referent == Referent::Named;
        // What comes after the reference is not what it refers back to.
        if !recent || m.span.start >= at {
            continue;
        }
        let verdict = match verdicts.get(m.entity).copied().flatten() {
            Some(v) => v,
            None => {
                let v = if fits(e) {
                    head_match(&names_of(e, lexicon))
                } else {
                    0
                };
                if let Some(slot) = verdicts.get_mut(m.entity) {
                    *slot = Some(v);
                }
                v
            }
        };
        match verdict {
            2 => return Some(m.entity),
            1 => {
                inside_a_name.get_or_insert(m.entity);
            }
            _ => {}
        }
    }
    if inside_a_name.is_some() {
        return inside_a_name;
    }
    // "Its leader": the topic of the sentence before, its first actor; "Sudan's foreign ministry
    // … recalled its ambassador": the sentence's own first actor when it has one.
    if referent == Referent::Actor {
        if let Some(m) = r.mentions.iter().find(|m| {
            m.sentence == sentence && m.span.end <= at && r.entities.get(m.entity).is_some_and(fits)
        }) {
            return Some(m.entity);
        }
        return topic_before(r, sentence, usize::MAX, |m| {
            !m.adjective && r.entities.get(m.entity).is_some_and(fits)
        });
    }
    // "the army" with no army named lately: the article's own state's forces.
    if referent == Referent::StateForce {
        let state = main_state(r, lexicon)?;
        let entry = r
            .entities
            .get(state)
            .and_then(|e| entry_of(lexicon, e))
            .and_then(|x| x.force)?;
        let force = lexicon.names.entry(entry)?;
        return Some(r.entity(&force.name, force.kind));
    }
    let fitting_mention = |m: &Mention| r.entities.get(m.entity).is_some_and(fits);
    // Without its head word, an armed group is the first one named in the latest of the last
    // few sentences that names one: the subject of a sentence is what the next one is about.
    if referent == Referent::ArmedGroup {
        return topic_before(r, sentence, REACH, fitting_mention);
    }
    // "the mission" names its head word or nothing: a state named before it is no mission.
    if referent == Referent::Named {
        return None;
    }
    r.mentions
        .iter()
        .rev()
        .take_while(|m| m.sentence + REACH >= sentence)
        .find(|m| m.span.start < at && fitting_mention(m))
        .map(|m| m.entity)
}

/// "the DR Congo army", "the Sudan military": a state named right before a word for its forces
/// says whose forces they are.
fn force_of_state_before(
    r: &mut Resolver,
    lexicon: &Lexicon,
    text: &str,
    referent: Referent,
    span: Span,
) -> Option<usize> {
    if referent != Referent::StateForce {
        return None;
    }
    let state = r
        .mentions
        .iter()
        .rev()
        .find(|m| m.span.end < span.start)
        .filter(|m| text.get(m.span.end..span.start) == Some(" "))?;
    let force = r
        .entities
        .get(state.entity)
        .filter(|e| e.kind == EntityKind::State)
        .and_then(|e| entry_of(lexicon, e))
        .and_then(|x| x.force)?;
    r.entry(lexicon, force)
}

/// What the latest of the `reach` sentences before `sentence` that names a mention `ok` accepts
/// is about: the first such mention in it.
fn topic_before(
    r: &Resolver,
    sentence: usize,
    reach: usize,
    ok: impl Fn(&Mention) -> bool,
) -> Option<usize> {
    let last = r
        .mentions
        .iter()
        .rev()
        .take_while(|m| sentence.saturating_sub(m.sentence) <= reach)
        .find(|m| m.sentence < sentence && ok(m))?
        .sentence;
    r.mentions
        .iter()
        .filter(|m| m.sentence == last && ok(m))
        .min_by_key(|m| m.span.start)
        .map(|m| m.entity)
}

/// "The two sides": the last `count` actors of that sort the article named together ("X and Y",
/// "between X and Y", "X, Y and Z") before byte `at`; none if it named none.
fn last_named_together(
    r: &Resolver,
    text: &str,
    lexicon: &Lexicon,
    referent: Referent,
    count: u8,
    at: usize,
) -> Vec<usize> {
    let fits = fitting(lexicon, referent);
    // Mentions come sentence by sentence, each sentence's names in text order (a reference
    // follows its sentence's names): near enough to cut at `at` and to pair neighbours.
    let before = r.mentions.partition_point(|m| m.span.end <= at);
    let earlier = r.mentions.get(..before).unwrap_or(&[]);
    let fit = |m: &Mention| r.entities.get(m.entity).is_some_and(&fits);
    // "X and Y", "X, Y and the rival Z", "X leader A and of Y": a few words between each two,
    // a conjunction before the last.
    let gap_words = |a: &Mention, b: &Mention| -> Option<Vec<&str>> {
        let gap = text.get(a.span.end..b.span.start)?;
        let words: Vec<&str> = gap.split_whitespace().collect();
        (a.sentence == b.sentence && words.len() <= 5 && !gap.contains([';', '.', ':']))
            .then_some(words)
    };
    let has_conjunction =
        |words: &[&str]| words.iter().any(|w| lexicon.cues.conjunctions.contains(*w));
    let listed = |window: &[Mention]| {
        window.iter().all(fit)
            && window
                .iter()
                .enumerate()
                .all(|(i, m)| window.iter().take(i).all(|n| n.entity != m.entity))
            && window.windows(2).enumerate().all(|(i, pair)| match pair {
                [a, b] => gap_words(a, b).is_some_and(|words| {
                    has_conjunction(&words)
                        || i + 2 < window.len() && words.first().is_some_and(|w| w.starts_with(','))
                }),
                _ => false,
            })
    };
    earlier
        .windows(usize::from(count).max(2))
        .rev()
        .find(|window| listed(window))
        .map(|window| window.iter().map(|m| m.entity).collect())
        .unwrap_or_default()
}

/// "Together with Mali and Niger, Burkina Faso formed the AES, and the three juntas …": the
/// `count` actors of that sort the reference's own sentence named before it, when it named
/// exactly that many and more than two; none otherwise. (Of two actors in a sentence one is
/// often in the other's description: "X, spokesman for Operation Hadin Kai, the Nigerian
/// military's campaign, said the two armies …".)
fn named_in_sentence(
    r: &Resolver,
    lexicon: &Lexicon,
    referent: Referent,
    count: u8,
    sentence: usize,
    at: usize,
) -> Vec<usize> {
    if count <= 2 {
        return Vec::new();
    }
    let fits = fitting(lexicon, referent);
    let mut named: Vec<usize> = Vec::new();
    let own = r
        .mentions
        .iter()
        .filter(|m| m.sentence == sentence && m.span.end <= at);
    for m in own {
        if !named.contains(&m.entity) && r.entities.get(m.entity).is_some_and(&fits) {
            named.push(m.entity);
        }
    }
    if named.len() == usize::from(count) {
        named
    } else {
        Vec::new()
    }
}

/// An entity's lexicon entry, if it has one.
fn entry_of<'l>(lexicon: &'l Lexicon, e: &DocEntity) -> Option<&'l crate::lexicon::LexiconEntry> {
    lexicon
        .names
        .find_canonical(&e.name)
        .and_then(|id| lexicon.names.entry(id))
}

/// Whether an entity is of the sort a reference refers to. The head word must name an actor of
/// that sort: "army" in "Arakan Army" is not "the army" of the state.
fn fitting(lexicon: &Lexicon, referent: Referent) -> impl Fn(&DocEntity) -> bool + '_ {
    let stateless = move |e: &DocEntity| {
        entry_of(lexicon, e)
            .and_then(|x| x.member_of)
            .and_then(|p| lexicon.names.entry(p))
            .is_none_or(|p| p.kind != EntityKind::State)
    };
    move |e: &DocEntity| match referent {
        Referent::Named => e.kind.is_actor(),
        Referent::ArmedGroup | Referent::PairOfArmedGroups => {
            e.kind == EntityKind::Force && stateless(e)
        }
        Referent::StateForce => e.kind == EntityKind::Force && !stateless(e),
        Referent::State | Referent::PairOfStates => e.kind == EntityKind::State,
        Referent::PairOfForces => e.kind == EntityKind::Force,
        Referent::Actor | Referent::Pair => {
            e.kind.is_actor() && !matches!(e.kind, EntityKind::Official | EntityKind::Person)
        }
    }
}

/// The article's own state: the one mentioned most so far, itself or by its forces ("the Somali
/// National Army" speaks of Somalia); of equals, the one named first (a headline or dateline
/// names the article's state before the others it deals with).
fn main_state(r: &mut Resolver, lexicon: &Lexicon) -> Option<usize> {
    // A state's own name and the places where the story happens count for more than its
    // forces: foreign troops are often what an article is about, foreign states less often,
    // foreign towns least. Worked out once per entity, not per mention.
    let votes: Vec<Option<(EntryId, usize)>> = r
        .entities
        .iter()
        .map(|e| {
            let (state, weight) = match e.kind {
                EntityKind::State => (lexicon.names.find_canonical(&e.name), 2),
                EntityKind::Force => (entry_of(lexicon, e).and_then(|x| x.member_of), 1),
                EntityKind::Location => (entry_of(lexicon, e).and_then(|x| x.member_of), 2),
                _ => (None, 0),
            };
            state
                .filter(|&id| {
                    lexicon
                        .names
                        .entry(id)
                        .is_some_and(|x| x.kind == EntityKind::State)
                })
                .map(|id| (id, weight))
        })
        .collect();
    let mut counts: HashMap<EntryId, (usize, Reverse<usize>)> = HashMap::new();
    for (position, m) in r.mentions.iter().enumerate() {
        if let Some(&Some((id, weight))) = votes.get(m.entity) {
            counts.entry(id).or_insert((0, Reverse(position))).0 += weight;
        }
    }
    let id = counts.into_iter().max_by_key(|&(_, c)| c)?.0;
    r.entry(lexicon, id)
}

/// All names an entity is known by: its own, those seen, and the lexicon's.
fn names_of(e: &DocEntity, lexicon: &Lexicon) -> Vec<String> {
    let mut names = vec![e.name.clone()];
    names.extend(e.aliases.iter().cloned());
    if let Some(entry) = lexicon
        .names
        .find_canonical(&e.name)
        .and_then(|id| lexicon.names.entry(id))
    {
        names.extend(entry.aliases.iter().cloned());
    }
    names
}

/// Surnames and acronyms the document defined, found wherever else it uses them.
fn add_local_aliases(
    text: &str,
    finds: &[SentenceFinds],
    local: &[(String, usize)],
    defined: &[String],
    r: &mut Resolver,
) {
    if local.is_empty() {
        return;
    }
    let patterns: Vec<&str> = local.iter().map(|(a, _)| a.as_str()).collect();
    let Some(matches) = leftmost_longest(text, &patterns) else {
        return;
    };
    let mut taken: Vec<(Span, usize)> = r
        .mentions
        .iter()
        .enumerate()
        .map(|(i, m)| (m.span, i))
        .collect();
    taken.sort_by_key(|(span, _)| span.start);
    let overlapping = |span: Span| {
        let i = taken.partition_point(|(t, _)| t.end <= span.start);
        taken
            .get(i)
            .filter(|(t, _)| t.start < span.end)
            .map(|&(t, index)| (t, index))
    };
    let mut added = Vec::new();
    // Search the whole text once: a local alias may occur in a sentence with no other mention.
    for (pattern, span) in matches {
        let Some(&(_, entity)) = local.get(pattern) else {
            continue;
        };
        if !crate::lexicon::is_word_bounded(text, span.start, span.end) {
            continue;
        }
        match overlapping(span) {
            None => added.push((span, entity)),
            // "Bali said": the surname of a man the article named, not the island; a headline's
            // "CJTF" before the text defines it: the entity the acronym stands for.
            Some((t, index)) if t == span => {
                let place = r
                    .mentions
                    .get(index)
                    .and_then(|x| r.entities.get(x.entity))
                    .is_some_and(|e| e.kind == EntityKind::Location || e.name == span.text(text));
                let redefined = defined.iter().any(|d| d == span.text(text));
                if (place || redefined)
                    && let Some(x) = r.mentions.get_mut(index)
                {
                    x.entity = entity;
                }
            }
            Some(_) => {}
        }
    }
    for (span, entity) in added {
        // The finds are in text order: a binary search, not a walk per alias found.
        let at = finds.partition_point(|f| f.span.end <= span.start);
        let Some(f) = finds.get(at).filter(|f| f.span.contains(span)) else {
            continue;
        };
        let sentence = f.index;
        r.mentions.push(Mention {
            entity,
            sentence,
            span,
            title: None,
            adjective: false,
        });
    }
}

/// Up to this many different local aliases are searched for one by one; more, by an automaton.
const FEW_PATTERNS: usize = 16;

/// The leftmost-longest matches of `patterns` in `text`, without overlaps, in text order, each
/// with the index of its pattern (the first of equal ones): what `aho-corasick` finds with
/// `MatchKind::LeftmostLongest`. A document defines a handful of local aliases, and building
/// an automaton for them cost some 280,000 instructions per document (7 % of extraction),
/// where searching for each with `memmem` costs a few thousand; many patterns still go through
/// the automaton, whose search does not grow with their number. `None` when no automaton can be
/// built for them.
fn leftmost_longest(text: &str, patterns: &[&str]) -> Option<Vec<(usize, Span)>> {
    // Equal patterns report the first of them.
    let mut distinct: Vec<(usize, &str)> = Vec::new();
    for (i, p) in patterns.iter().enumerate() {
        if !distinct.iter().any(|(_, q)| q == p) {
            distinct.push((i, p));
            if distinct.len() > FEW_PATTERNS {
                break;
            }
        }
    }
    if distinct.len() > FEW_PATTERNS || distinct.iter().any(|(_, p)| p.is_empty()) {
        let automaton = AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(patterns)
            .ok()?;
        return Some(
            automaton
                .find_iter(text)
                .map(|m| (m.pattern().as_usize(), Span::new(m.start(), m.end())))
                .collect(),
        );
    }
    let bytes = text.as_bytes();
    let finders: Vec<memchr::memmem::Finder<'_>> = distinct
        .iter()
        .map(|(_, p)| memchr::memmem::Finder::new(p.as_bytes()))
        .collect();
    // Each pattern's first occurrence at or after `at`, found again once `at` passes it.
    let find = |i: usize, at: usize| -> Option<usize> {
        let finder = finders.get(i)?;
        Some(at + finder.find(bytes.get(at..)?)?)
    };
    let mut next: Vec<Option<usize>> = (0..distinct.len()).map(|i| find(i, 0)).collect();
    let mut found = Vec::new();
    let mut at = 0;
    loop {
        let mut best: Option<(usize, usize, usize)> = None; // (start, length, which)
        for (i, slot) in next.iter_mut().enumerate() {
            if slot.is_some_and(|start| start < at) {
                *slot = find(i, at);
            }
            let (Some(start), Some((_, p))) = (*slot, distinct.get(i)) else {
                continue;
            };
            let better = best.is_none_or(|(s, len, _)| start < s || (start == s && p.len() > len));
            if better {
                best = Some((start, p.len(), i));
            }
        }
        let Some((start, len, i)) = best else { break };
        if let Some(&(pattern, _)) = distinct.get(i) {
            found.push((pattern, Span::new(start, start + len)));
        }
        at = start + len;
    }
    Some(found)
}

/// Whether a capital at `span` names the city: after a preposition of place ("in Damascus"),
/// or written in capitals as a dateline ("AMMAN:"). A possessive is not the preposition's
/// object but its noun's owner: "toward Moscow's position" is the government's position.
fn is_place(text: &str, span: Span, lexicon: &Lexicon) -> bool {
    let name = span.text(text);
    if name
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase)
    {
        return true;
    }
    let after = text.get(span.end..).unwrap_or("");
    if super::after_possessive(after).is_some() {
        return false;
    }
    let before = text.get(..span.start).unwrap_or("");
    let mut words = before.split_whitespace().rev().map(|w| w.to_lowercase());
    let mut previous = words.next();
    if previous.as_deref() == Some("the") {
        previous = words.next();
    }
    // "military assistance from Ankara": what a state gives comes from the state.
    let given = previous.as_deref() == Some("from")
        && words.next().is_some_and(|w| {
            lexicon
                .cues
                .given_from
                .contains(w.trim_matches(|c: char| !c.is_alphanumeric()))
        });
    !given && previous.is_some_and(|w| lexicon.cues.place_prepositions.contains(&w))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the automaton finds.
    fn automaton(text: &str, patterns: &[&str]) -> Vec<(usize, Span)> {
        AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(patterns)
            .map(|a| {
                a.find_iter(text)
                    .map(|m| (m.pattern().as_usize(), Span::new(m.start(), m.end())))
                    .collect()
            })
            .unwrap_or_default()
    }

    proptest::proptest! {
        /// Few patterns over a small alphabet: overlaps, prefixes of one another, repeats and
        /// equal patterns, all found as the automaton finds them.
        #[test]
        fn searching_pattern_by_pattern_finds_what_the_automaton_finds(
            patterns in proptest::collection::vec("[abé]{1,4}", 1..=FEW_PATTERNS + 4),
            text in "[abé ]{0,60}",
        ) {
            let patterns: Vec<&str> = patterns.iter().map(String::as_str).collect();
            proptest::prop_assert_eq!(
                leftmost_longest(&text, &patterns),
                Some(automaton(&text, &patterns))
            );
        }
    }

    #[test]
    fn equal_patterns_report_the_first() {
        let patterns = ["Bali", "Ali", "Bali", "CJTF"];
        let found = leftmost_longest("Bali said the CJTF and Ali met Bali.", &patterns);
        assert_eq!(
            found,
            Some(automaton("Bali said the CJTF and Ali met Bali.", &patterns))
        );
        assert_eq!(
            found.map(|m| m.into_iter().map(|(p, _)| p).collect::<Vec<_>>()),
            Some(vec![0, 3, 1, 0])
        );
    }
}
