//! The signed view: `coordinates_with` and `backs` are positive ties, `opposes` negative; a
//! tie's weight comes from its evidence (how many documents, how confident, how recent).
//! Negated edges are never ties; they, denials and memberships are context shown beside.

use super::{Actor, Query, Quote};
use crate::graph::{EntityId, Evidence, RelationRef};
use crate::model::{Claim, Date, EntityKind, Polarity, RelationKind};
use serde::Serialize;
use std::cmp::Ordering;

/// A piece of evidence loses half its weight every this many days before the reference date.
const HALF_LIFE_DAYS: f64 = 730.0;

/// Whether a tie, or a chain of ties, is cooperative or hostile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Sign {
    /// Cooperative: coordinates with, backs.
    Positive,
    /// Hostile: opposes.
    Negative,
}

impl Sign {
    /// The sign of a relation kind; denials and memberships have none.
    pub fn of(kind: RelationKind) -> Option<Sign> {
        match kind.sign() {
            1 => Some(Sign::Positive),
            -1 => Some(Sign::Negative),
            _ => None,
        }
    }

    /// The sign of two ties in a row: the friend of my enemy is my enemy.
    pub fn times(self, other: Sign) -> Sign {
        if self == other {
            Sign::Positive
        } else {
            Sign::Negative
        }
    }

    /// The side that weighs more; none when both weigh the same.
    pub fn lean(positive: f64, negative: f64) -> Option<Sign> {
        match positive.total_cmp(&negative) {
            Ordering::Greater => Some(Sign::Positive),
            Ordering::Less => Some(Sign::Negative),
            Ordering::Equal => None,
        }
    }

    /// "cooperative" or "hostile".
    pub fn describe(self) -> &'static str {
        match self {
            Sign::Positive => "cooperative",
            Sign::Negative => "hostile",
        }
    }
}

/// The tie between two actors: its sign and everything that supports it.
#[derive(Debug, Clone, Serialize)]
pub struct Link<'g> {
    /// One end.
    pub from: Actor<'g>,
    /// The other end.
    pub to: Actor<'g>,
    /// Cooperative or hostile: whichever side has the greater weight.
    pub sign: Sign,
    /// The weight of that side: documents × confidence × recency.
    pub weight: f64,
    /// The relation kinds on that side.
    pub relations: Vec<RelationKind>,
    /// Sentences on that side.
    pub evidence_count: usize,
    /// Documents on that side.
    pub documents: usize,
    /// Sentences for the opposite sign (a contested tie has some).
    pub against: usize,
    /// The earliest dated evidence on that side.
    pub first_date: Option<Date>,
    /// The latest dated evidence on that side.
    pub last_date: Option<Date>,
    /// That side's evidence, the most confident and most recent first.
    pub evidence: Vec<Quote<'g>>,
}

/// A relation as the text states it — with its direction, polarity and evidence; what the
/// signed view shows beside the ties.
#[derive(Debug, Clone, Serialize)]
pub struct Statement<'g> {
    /// Who acts.
    pub source: Actor<'g>,
    /// What the text says.
    pub kind: RelationKind,
    /// Stated or negated.
    pub polarity: Polarity,
    /// On whom.
    pub target: Actor<'g>,
    /// For a denial, the claims it denies.
    pub claims: Vec<&'g Claim>,
    /// The admitted evidence.
    pub evidence: Vec<Quote<'g>>,
}

/// One relation at an entity, read through the options, with the other end resolved.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Reading<'g> {
    pub other: EntityId,
    pub edge: RelationRef<'g>,
}

impl Reading<'_> {
    /// The sign of an asserted tie; `None` for context (denials, memberships, negations).
    pub fn sign(&self) -> Option<Sign> {
        match self.edge.relation.polarity {
            Polarity::Asserted => Sign::of(self.edge.relation.kind),
            Polarity::Negated => None,
        }
    }
}

/// One side (positive or negative) of the tie between two actors.
#[derive(Debug, Default)]
pub(crate) struct Side<'g> {
    pub relations: Vec<RelationKind>,
    pub evidence: Vec<&'g Evidence>,
    pub weight: f64,
    pub documents: usize,
}

impl Side<'_> {
    pub fn first_date(&self) -> Option<Date> {
        self.evidence.iter().filter_map(|e| e.date).min()
    }

    pub fn last_date(&self) -> Option<Date> {
        self.evidence.iter().filter_map(|e| e.date).max()
    }
}

impl<'g> Query<'g> {
    /// The entity `id` stands for: itself, or — when officials count for their state or
    /// force — that state or force.
    pub fn resolve(&self, id: EntityId) -> EntityId {
        if self.options.through_members() {
            self.principal(id).unwrap_or(id)
        } else {
            id
        }
    }

    /// The state or force an official is a member of; the best attested when several.
    fn principal(&self, id: EntityId) -> Option<EntityId> {
        if self.graph.entity(id)?.kind != EntityKind::Official {
            return None;
        }
        self.graph
            .neighbors(id)
            .filter(|(other, r)| {
                r.source == id
                    && r.relation.kind == RelationKind::MemberOf
                    && r.relation.polarity == Polarity::Asserted
                    && self
                        .graph
                        .entity(*other)
                        .is_some_and(|e| matches!(e.kind, EntityKind::State | EntityKind::Force))
            })
            .max_by(|(a, ra), (b, rb)| {
                ra.relation
                    .evidence
                    .len()
                    .cmp(&rb.relation.evidence.len())
                    .then(b.cmp(a))
            })
            .map(|(other, _)| other)
    }

    /// The officials that stand for `id`.
    fn members(&self, id: EntityId) -> Vec<EntityId> {
        if !self.options.through_members() {
            return Vec::new();
        }
        self.graph
            .neighbors(id)
            .filter(|(other, r)| {
                r.target == id
                    && r.relation.kind == RelationKind::MemberOf
                    && self.principal(*other) == Some(id)
            })
            .map(|(other, _)| other)
            .collect()
    }

    /// Every relation at `id` and at the officials standing for it that the options admit,
    /// context included, with the other end resolved; relations within one side are dropped.
    pub(crate) fn relations_at(&self, id: EntityId) -> impl Iterator<Item = Reading<'g>> {
        let graph = self.graph;
        std::iter::once(id)
            .chain(self.members(id))
            .flat_map(move |at| graph.neighbors(at))
            .filter_map(move |(other, edge)| {
                let other = self.resolve(other);
                (other != id && self.options.admits_relation(edge.relation))
                    .then_some(Reading { other, edge })
            })
    }

    /// The signed ties at `id`, sorted by the other end so that each tie is one run.
    pub(crate) fn readings(&self, id: EntityId) -> Vec<Reading<'g>> {
        let mut readings: Vec<Reading<'g>> = self
            .relations_at(id)
            .filter(|r| r.sign().is_some())
            .collect();
        readings.sort_by_key(|r| r.other);
        readings
    }

    /// Whether the other end of a tie may appear in answers.
    pub(crate) fn admits(&self, id: EntityId) -> bool {
        self.graph
            .entity(id)
            .is_some_and(|e| self.options.admits_kind(e.kind))
    }

    /// The weight of a set of evidence: per document, its best confidence × recency.
    pub(crate) fn weight(&self, evidence: &[&Evidence]) -> f64 {
        self.weigh(evidence).0
    }

    /// The weight of a set of evidence and the number of its documents.
    fn weigh(&self, evidence: &[&Evidence]) -> (f64, usize) {
        // Most ties rest on one sentence: no documents to tell apart.
        if let [only] = evidence {
            return (self.credit(only), 1);
        }
        let (mut total, mut documents) = (0.0, 0);
        for (i, e) in evidence.iter().enumerate() {
            let seen = evidence.iter().take(i).any(|p| p.document == e.document);
            if !seen {
                documents += 1;
                total += evidence
                    .iter()
                    .filter(|p| p.document == e.document)
                    .map(|p| self.credit(p))
                    .fold(0.0, f64::max);
            }
        }
        (total, documents)
    }

    fn credit(&self, e: &Evidence) -> f64 {
        let recency = match (e.date, self.reference_day) {
            (Some(date), Some(reference)) => {
                let age = (reference - date.days_since_epoch()).max(0) as f64;
                0.5_f64.powf(age / HALF_LIFE_DAYS)
            }
            // Nothing says how old it is, so nothing discounts it.
            _ => 1.0,
        };
        f64::from(e.confidence.clamp(0.0, 1.0)) * recency
    }

    /// The positive and negative sides of one run of readings (one other end).
    pub(crate) fn sides(&self, run: &[Reading<'g>]) -> (Side<'g>, Side<'g>) {
        let (mut positive, mut negative) = (Side::default(), Side::default());
        for r in run {
            let side = match r.sign() {
                Some(Sign::Positive) => &mut positive,
                Some(Sign::Negative) => &mut negative,
                None => continue,
            };
            side.relations.push(r.edge.relation.kind);
            side.evidence.extend(self.options.evidence(r.edge.relation));
        }
        for side in [&mut positive, &mut negative] {
            side.relations.sort();
            side.relations.dedup();
            (side.weight, side.documents) = self.weigh(&side.evidence);
        }
        (positive, negative)
    }

    /// The positive side's weight minus the negative side's, without building the sides:
    /// what blocs need of every pair. `scratch` is reused from run to run.
    pub(crate) fn net_weight(&self, run: &[Reading<'g>], scratch: &mut Vec<&'g Evidence>) -> f64 {
        let mut net = 0.0;
        for (sign, factor) in [(Sign::Positive, 1.0), (Sign::Negative, -1.0)] {
            scratch.clear();
            scratch.extend(
                run.iter()
                    .filter(|r| r.sign() == Some(sign))
                    .flat_map(|r| self.options.evidence(r.edge.relation)),
            );
            net += factor * self.weight(scratch);
        }
        net
    }

    /// The sign of a tie: the heavier side. Equal sides make no tie (contradictions show it).
    pub(crate) fn sign_of(&self, run: &[Reading<'g>]) -> Option<Sign> {
        let mut signs = run.iter().filter_map(Reading::sign);
        let first = signs.next()?;
        if signs.all(|s| s == first) {
            return Some(first);
        }
        let (positive, negative) = self.sides(run);
        Sign::lean(positive.weight, negative.weight)
    }

    /// A run's sign, the side that carries it, and the side that says otherwise.
    pub(crate) fn decide(&self, run: &[Reading<'g>]) -> Option<(Sign, Side<'g>, Side<'g>)> {
        let (positive, negative) = self.sides(run);
        Some(match Sign::lean(positive.weight, negative.weight)? {
            Sign::Positive => (Sign::Positive, positive, negative),
            Sign::Negative => (Sign::Negative, negative, positive),
        })
    }

    /// The tie between `from` and the other end of `run`.
    pub(crate) fn link(&self, from: EntityId, run: &[Reading<'g>]) -> Option<Link<'g>> {
        let to = run.first()?.other;
        let (sign, mut side, against) = self.decide(run)?;
        side.evidence.sort_by(|a, b| best_first(a, b));
        Some(Link {
            from: self.actor(from)?,
            to: self.actor(to)?,
            sign,
            weight: side.weight,
            evidence_count: side.evidence.len(),
            documents: side.documents,
            against: against.evidence.len(),
            first_date: side.first_date(),
            last_date: side.last_date(),
            evidence: side.evidence.iter().map(|e| self.quote(e)).collect(),
            relations: side.relations,
        })
    }

    /// The tie between `a` and `b`, if the options leave one.
    pub fn tie(&self, a: EntityId, b: EntityId) -> Option<Link<'g>> {
        let (a, b) = (self.resolve(a), self.resolve(b));
        let run: Vec<Reading<'g>> = self
            .readings(a)
            .into_iter()
            .filter(|r| r.other == b)
            .collect();
        self.link(a, &run)
    }

    /// Every signed tie of the graph, once per pair, the lower id first.
    pub fn ties(&self) -> impl Iterator<Item = Link<'g>> {
        self.graph
            .entities()
            .filter(move |(id, e)| self.resolve(*id) == *id && self.options.admits_kind(e.kind))
            .flat_map(move |(id, _)| {
                let readings = self.readings(id);
                readings
                    .chunk_by(|a, b| a.other == b.other)
                    .filter(|run| {
                        run.first()
                            .is_some_and(|r| r.other > id && self.admits(r.other))
                    })
                    .filter_map(|run| self.link(id, run))
                    .collect::<Vec<_>>()
            })
    }

    /// What stands beside the ties of `id`: denials, memberships and negated relations.
    pub fn context(&self, id: EntityId) -> impl Iterator<Item = Statement<'g>> {
        let id = self.resolve(id);
        self.relations_at(id)
            .filter(|r| r.sign().is_none())
            .filter_map(|r| self.statement(r.edge, self.options.evidence(r.edge.relation)))
    }

    /// A relation as stated, with the given evidence.
    pub(crate) fn statement(
        &self,
        edge: RelationRef<'g>,
        evidence: impl Iterator<Item = &'g Evidence>,
    ) -> Option<Statement<'g>> {
        let mut evidence: Vec<&'g Evidence> = evidence.collect();
        evidence.sort_by(|a, b| best_first(a, b));
        let mut claims: Vec<&'g Claim> =
            evidence.iter().filter_map(|e| e.claim.as_deref()).collect();
        claims.sort();
        claims.dedup();
        Some(Statement {
            source: self.actor(edge.source)?,
            kind: edge.relation.kind,
            polarity: edge.relation.polarity,
            target: self.actor(edge.target)?,
            claims,
            evidence: evidence.into_iter().map(|e| self.quote(e)).collect(),
        })
    }
}

/// The order evidence is shown in: most confident, then most recent, then by place.
pub(crate) fn best_first(a: &Evidence, b: &Evidence) -> Ordering {
    b.confidence
        .total_cmp(&a.confidence)
        .then(b.date.cmp(&a.date))
        .then(a.document.cmp(&b.document))
        .then(a.sentence.cmp(&b.sentence))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signs_multiply() {
        assert_eq!(Sign::Negative.times(Sign::Negative), Sign::Positive);
        assert_eq!(Sign::Positive.times(Sign::Negative), Sign::Negative);
        assert_eq!(Sign::of(RelationKind::Denies), None);
    }
}
