//! Inferred relations: the enemy of my enemy (a likely friend) and the friend of my enemy (a
//! likely foe). They are answers of their own, each with the two ties that justify it, and
//! never mixed into the observed allies and adversaries.

use super::signed::{Link, Sign};
use super::{Actor, Query};
use crate::graph::EntityId;
use serde::Serialize;
use std::collections::BTreeMap;

/// Which rule of structural balance gave an inference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// Two negative ties in a row: a likely friend.
    EnemyOfEnemy,
    /// A negative tie then a positive one: a likely foe.
    FriendOfEnemy,
}

/// A relation no text states, inferred from two that do.
#[derive(Debug, Clone, Serialize)]
pub struct Inferred<'g> {
    /// The actor inferred to be a friend or foe.
    #[serde(flatten)]
    pub actor: Actor<'g>,
    /// Whose friend or foe.
    pub of: Actor<'g>,
    /// The rule that gave it.
    pub rule: Rule,
    /// The inferred sign.
    pub sign: Sign,
    /// The enemy in the middle.
    pub via: Actor<'g>,
    /// The observed tie from `of` to `via` (hostile).
    pub first: Link<'g>,
    /// The observed tie from `via` to `actor`.
    pub second: Link<'g>,
    /// The sign of the tie the texts state between `of` and `actor`, if any: a check on the
    /// inference, kept apart from it.
    pub observed: Option<Sign>,
    /// The weaker of the two ties' weights: a chain is as strong as its weakest link.
    pub strength: f64,
}

impl<'g> Query<'g> {
    /// The enemies of the enemies of `id`, strongest first.
    pub fn enemies_of_enemies(&self, id: EntityId) -> Vec<Inferred<'g>> {
        self.inferred(id, Rule::EnemyOfEnemy)
    }

    /// The friends of the enemies of `id`, strongest first.
    pub fn friends_of_enemies(&self, id: EntityId) -> Vec<Inferred<'g>> {
        self.inferred(id, Rule::FriendOfEnemy)
    }

    fn inferred(&self, id: EntityId, rule: Rule) -> Vec<Inferred<'g>> {
        let id = self.resolve(id);
        let (second_sign, sign) = match rule {
            Rule::EnemyOfEnemy => (Sign::Negative, Sign::Positive),
            Rule::FriendOfEnemy => (Sign::Positive, Sign::Negative),
        };
        let observed: BTreeMap<EntityId, Sign> = [Sign::Positive, Sign::Negative]
            .into_iter()
            .flat_map(|s| self.links(id, s))
            .map(|l| (l.to.id, l.sign))
            .collect();
        let mut found = Vec::new();
        for first in self.links(id, Sign::Negative) {
            for second in self.links(first.to.id, second_sign) {
                if second.to.id == id {
                    continue;
                }
                found.push(Inferred {
                    actor: second.to,
                    of: first.from,
                    rule,
                    sign,
                    via: first.to,
                    observed: observed.get(&second.to.id).copied(),
                    strength: first.weight.min(second.weight),
                    first: first.clone(),
                    second,
                });
            }
        }
        found.sort_by(|a, b| {
            b.strength
                .total_cmp(&a.strength)
                .then(a.actor.name.cmp(b.actor.name))
                .then(a.via.name.cmp(b.via.name))
        });
        found
    }
}
