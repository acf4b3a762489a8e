//! Allies and adversaries, ranked by the weight of their evidence; and who two actors both
//! count as friend or foe.

use super::signed::{Link, Reading, Sign, best_first};
use super::{Actor, Query, Quote};
use crate::graph::EntityId;
use crate::model::{Date, RelationKind};
use serde::Serialize;

/// An ally or adversary of an actor, with what supports the tie.
#[derive(Debug, Clone, Serialize)]
pub struct Ally<'g> {
    /// The ally or adversary.
    #[serde(flatten)]
    pub actor: Actor<'g>,
    /// Whose ally or adversary.
    pub of: Actor<'g>,
    /// Positive for an ally, negative for an adversary.
    pub sign: Sign,
    /// Documents × confidence × recency: what the ranking follows.
    pub weight: f64,
    /// The relation kinds that make the tie.
    pub relations: Vec<RelationKind>,
    /// Sentences that support it.
    pub evidence_count: usize,
    /// Documents that support it.
    pub documents: usize,
    /// Sentences that say the opposite (it is contested when there are some).
    pub against: usize,
    /// The earliest dated evidence.
    pub first_date: Option<Date>,
    /// The latest dated evidence.
    pub last_date: Option<Date>,
    /// The best sentence: the most confident, then the most recent.
    pub best: Quote<'g>,
}

/// An actor two others both count as ally, or both as adversary, with both ties.
#[derive(Debug, Clone, Serialize)]
pub struct Shared<'g> {
    /// The common ally or adversary.
    #[serde(flatten)]
    pub actor: Actor<'g>,
    /// Its tie to the first actor.
    pub first: Link<'g>,
    /// Its tie to the second actor.
    pub second: Link<'g>,
}

impl<'g> Query<'g> {
    /// Those `id` coordinates with or backs, or who back it: the heaviest tie first.
    pub fn allies(&self, id: EntityId) -> Vec<Ally<'g>> {
        self.ranked(id, Sign::Positive)
    }

    /// Those `id` opposes or who oppose it: the heaviest tie first.
    pub fn adversaries(&self, id: EntityId) -> Vec<Ally<'g>> {
        self.ranked(id, Sign::Negative)
    }

    /// Who both `a` and `b` oppose or are opposed by (with [`Sign::Negative`]), or both count
    /// as allies (with [`Sign::Positive`]): "who opposes both Turkey and the Kurds?".
    pub fn shared(&self, a: EntityId, b: EntityId, sign: Sign) -> Vec<Shared<'g>> {
        let (a, b) = (self.resolve(a), self.resolve(b));
        let theirs = self.links(b, sign);
        let mut shared: Vec<Shared<'g>> = self
            .links(a, sign)
            .into_iter()
            .filter(|l| l.to.id != b)
            .filter_map(|first| {
                let second = theirs.iter().find(|l| l.to.id == first.to.id)?.clone();
                Some(Shared {
                    actor: first.to,
                    first,
                    second,
                })
            })
            .collect();
        shared.sort_by(|x, y| {
            (y.first.weight + y.second.weight)
                .total_cmp(&(x.first.weight + x.second.weight))
                .then(x.actor.name.cmp(y.actor.name))
        });
        shared
    }

    /// The ties of `id` of one sign, to actors the options admit, ordered by id.
    pub(crate) fn links(&self, id: EntityId, sign: Sign) -> Vec<Link<'g>> {
        let readings = self.readings(id);
        readings
            .chunk_by(|x, y| x.other == y.other)
            .filter(|run| self.keeps(run, sign))
            .filter_map(|run| self.link(id, run))
            .filter(|l| l.sign == sign)
            .collect()
    }

    /// The tie of `run` as an ally (or adversary) of `of`, with only its best sentence quoted.
    fn ally(&self, of: EntityId, run: &[Reading<'g>], sign: Sign) -> Option<Ally<'g>> {
        let (decided, side, against) = self.decide(run)?;
        let best = side.evidence.iter().min_by(|a, b| best_first(a, b))?;
        (decided == sign).then_some(Ally {
            actor: self.actor(run.first()?.other)?,
            of: self.actor(of)?,
            sign,
            weight: side.weight,
            evidence_count: side.evidence.len(),
            documents: side.documents,
            against: against.evidence.len(),
            first_date: side.first_date(),
            last_date: side.last_date(),
            best: self.quote(best),
            relations: side.relations,
        })
    }

    fn keeps(&self, run: &[Reading<'g>], sign: Sign) -> bool {
        run.first().is_some_and(|r| self.admits(r.other))
            && run.iter().any(|r| r.sign() == Some(sign))
    }

    fn ranked(&self, id: EntityId, sign: Sign) -> Vec<Ally<'g>> {
        let id = self.resolve(id);
        let readings = self.readings(id);
        let mut ranked: Vec<Ally<'g>> = readings
            .chunk_by(|x, y| x.other == y.other)
            .filter(|run| self.keeps(run, sign))
            .filter_map(|run| self.ally(id, run, sign))
            .collect();
        ranked.sort_by(|a, b| {
            b.weight
                .total_cmp(&a.weight)
                .then(b.evidence_count.cmp(&a.evidence_count))
                .then(a.actor.name.cmp(b.actor.name))
        });
        ranked
    }
}
