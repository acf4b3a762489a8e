//! Where the sources disagree: a relation one asserts and another negates or denies, and
//! pairs said to be both allied and opposed — each with both sides' evidence.

use super::signed::{Reading, Sign, Statement};
use super::{Actor, Query};
use crate::graph::{EntityId, RelationRef};
use crate::model::{Claim, Polarity, RelationKind};
use serde::Serialize;

/// How two sides disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Conflict {
    /// One text states a relation, another says it does not hold.
    Negated,
    /// One text states a relation, someone denies the claim.
    Denied,
    /// The pair is said to cooperate and to be hostile.
    AlliedAndOpposed,
}

/// Two sides that cannot both be right.
#[derive(Debug, Clone, Serialize)]
pub struct Contradiction<'g> {
    /// How they disagree.
    pub conflict: Conflict,
    /// One actor of the pair.
    pub a: Actor<'g>,
    /// The other.
    pub b: Actor<'g>,
    /// What is asserted (for allied-and-opposed, the cooperative side).
    pub asserted: Vec<Statement<'g>>,
    /// What says otherwise: the negation, the denial, or the hostile side.
    pub against: Vec<Statement<'g>>,
}

impl<'g> Query<'g> {
    /// Every contradiction, by kind then by names. Negations and denials are read as stated;
    /// allied-and-opposed pairs as the signed view sees them (officials counted for their
    /// state when the options say so).
    pub fn contradictions(&self) -> Vec<Contradiction<'g>> {
        let mut found: Vec<Contradiction<'g>> = self
            .graph
            .relations()
            .filter(|r| self.options.admits_relation(r.relation))
            .flat_map(|r| match (r.relation.polarity, r.relation.kind) {
                (Polarity::Negated, _) => self.negated(r).into_iter().collect(),
                (Polarity::Asserted, RelationKind::Denies) => self.denied(r),
                _ => Vec::new(),
            })
            .chain(self.allied_and_opposed())
            .collect();
        found.sort_by(|x, y| {
            (x.conflict, x.a.name, x.b.name).cmp(&(y.conflict, y.a.name, y.b.name))
        });
        found
    }

    /// The asserted twin of a negated relation.
    fn negated(&self, negated: RelationRef<'g>) -> Option<Contradiction<'g>> {
        let asserted = self.asserted(negated.source, negated.relation.kind, negated.target)?;
        self.contradiction(
            Conflict::Negated,
            (negated.source, negated.target),
            vec![self.whole(asserted)?],
            vec![self.whole(negated)?],
        )
    }

    /// The asserted relations a denial's claims deny.
    fn denied(&self, denial: RelationRef<'g>) -> Vec<Contradiction<'g>> {
        let mut claims: Vec<&'g Claim> = self
            .options
            .evidence(denial.relation)
            .filter_map(|e| e.claim.as_deref())
            .collect();
        claims.sort();
        claims.dedup();
        claims
            .into_iter()
            .filter_map(|claim| {
                let source = self.graph.find(&claim.source).ok()?;
                let target = self.graph.find(&claim.target).ok()?;
                let asserted = self.asserted(source, claim.kind, target)?;
                let evidence = self
                    .options
                    .evidence(denial.relation)
                    .filter(|e| e.claim.as_deref() == Some(claim));
                self.contradiction(
                    Conflict::Denied,
                    (source, target),
                    vec![self.whole(asserted)?],
                    vec![self.statement(denial, evidence)?],
                )
            })
            .collect()
    }

    /// The pairs with admitted ties of both signs.
    fn allied_and_opposed(&self) -> Vec<Contradiction<'g>> {
        let mut found = Vec::new();
        for (id, _) in self.graph.entities() {
            if self.resolve(id) != id || !self.admits(id) {
                continue;
            }
            let readings = self.readings(id);
            for run in readings.chunk_by(|x, y| x.other == y.other) {
                let Some(other) = run.first().map(|r| r.other) else {
                    continue;
                };
                let side = |sign: Sign| -> Vec<Statement<'g>> {
                    run.iter()
                        .filter(|r: &&Reading<'g>| r.sign() == Some(sign))
                        .filter_map(|r| self.whole(r.edge))
                        .collect()
                };
                let (positive, negative) = (side(Sign::Positive), side(Sign::Negative));
                if other > id && self.admits(other) && !positive.is_empty() && !negative.is_empty()
                {
                    found.extend(self.contradiction(
                        Conflict::AlliedAndOpposed,
                        (id, other),
                        positive,
                        negative,
                    ));
                }
            }
        }
        found
    }

    /// The admitted asserted relation `source kind target` (either way round when symmetric).
    fn asserted(
        &self,
        source: EntityId,
        kind: RelationKind,
        target: EntityId,
    ) -> Option<RelationRef<'g>> {
        self.graph.between(source, target).find(|r| {
            r.relation.kind == kind
                && r.relation.polarity == Polarity::Asserted
                && (kind.is_symmetric() || (r.source, r.target) == (source, target))
                && self.options.admits_relation(r.relation)
        })
    }

    /// A relation as stated, with all its admitted evidence.
    fn whole(&self, edge: RelationRef<'g>) -> Option<Statement<'g>> {
        self.statement(edge, self.options.evidence(edge.relation))
    }

    fn contradiction(
        &self,
        conflict: Conflict,
        (a, b): (EntityId, EntityId),
        asserted: Vec<Statement<'g>>,
        against: Vec<Statement<'g>>,
    ) -> Option<Contradiction<'g>> {
        let (a, b) = (self.actor(a)?, self.actor(b)?);
        (self.options.admits_kind(a.kind) && self.options.admits_kind(b.kind)).then_some(
            Contradiction {
                conflict,
                a,
                b,
                asserted,
                against,
            },
        )
    }
}
