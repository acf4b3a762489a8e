//! What a query reads of the graph: a time window, entity and relation kinds, a minimum
//! confidence, a set of documents, and whether officials speak for their state or force.

use crate::graph::{Evidence, Relation};
use crate::model::{Date, EntityKind, RelationKind};
use std::collections::BTreeSet;

/// The options every query honours. Build them with [`QueryOptions::builder`]; the default
/// reads every dated and undated piece of evidence, every relation kind, and actors only
/// (every kind but places, which take no side).
///
/// ```
/// use factions::{Date, EntityKind, query::QueryOptions};
///
/// let options = QueryOptions::builder()
///     .between(Date::new(2014, 1, 1).unwrap(), Date::new(2017, 12, 31).unwrap())
///     .entity_kinds([EntityKind::State, EntityKind::Force])
///     .min_confidence(0.8)
///     .through_members(true)
///     .build();
/// assert!(options.through_members());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct QueryOptions {
    from: Option<Date>,
    to: Option<Date>,
    entity_kinds: BTreeSet<EntityKind>,
    relation_kinds: BTreeSet<RelationKind>,
    min_confidence: f32,
    documents: Option<BTreeSet<String>>,
    through_members: bool,
}

impl Default for QueryOptions {
    fn default() -> Self {
        QueryOptions {
            from: None,
            to: None,
            entity_kinds: EntityKind::ALL
                .into_iter()
                .filter(|k| k.is_actor())
                .collect(),
            relation_kinds: RelationKind::ALL.into_iter().collect(),
            min_confidence: 0.0,
            documents: None,
            through_members: false,
        }
    }
}

impl QueryOptions {
    /// A builder starting from the defaults.
    pub fn builder() -> QueryOptionsBuilder {
        QueryOptionsBuilder(QueryOptions::default())
    }

    /// The first date evidence may carry, if any.
    pub fn from(&self) -> Option<Date> {
        self.from
    }

    /// The last date evidence may carry, if any.
    pub fn to(&self) -> Option<Date> {
        self.to
    }

    /// Whether an official's relations count for the state or force it is a member of.
    pub fn through_members(&self) -> bool {
        self.through_members
    }

    /// Whether entities of this kind take part in answers.
    pub fn admits_kind(&self, kind: EntityKind) -> bool {
        self.entity_kinds.contains(&kind)
    }

    /// Whether a piece of evidence falls in the time window and the documents. Undated
    /// evidence is left out as soon as there is a window: nothing places it inside.
    pub fn admits(&self, evidence: &Evidence) -> bool {
        let in_window = match evidence.date {
            Some(date) => self.from.is_none_or(|f| f <= date) && self.to.is_none_or(|t| date <= t),
            None => self.from.is_none() && self.to.is_none(),
        };
        in_window
            && self
                .documents
                .as_ref()
                .is_none_or(|docs| docs.contains(evidence.document.as_str()))
    }

    /// The evidence of `relation` that the options admit.
    pub fn evidence<'g>(&self, relation: &'g Relation) -> impl Iterator<Item = &'g Evidence> {
        relation.evidence.iter().filter(|e| self.admits(e))
    }

    /// Whether `relation` survives the options: a kind asked for, some admitted evidence, and
    /// enough combined confidence in that evidence.
    pub fn admits_relation(&self, relation: &Relation) -> bool {
        if !self.relation_kinds.contains(&relation.kind) {
            return false;
        }
        // Reading the evidence means a cache miss per edge; without filters it is not needed.
        if self.from.is_none()
            && self.to.is_none()
            && self.documents.is_none()
            && self.min_confidence <= 0.0
        {
            return !relation.evidence.is_empty();
        }
        let mut doubt = 1.0_f32;
        let mut any = false;
        for e in self.evidence(relation) {
            any = true;
            doubt *= 1.0 - e.confidence;
        }
        any && 1.0 - doubt >= self.min_confidence
    }
}

/// Builds [`QueryOptions`]. Every input is normalised rather than refused, so `build` cannot
/// fail: dates given in either order make the same window, windows narrow each other, and a
/// confidence is clamped to 0–1.
#[derive(Debug, Clone)]
pub struct QueryOptionsBuilder(QueryOptions);

impl QueryOptionsBuilder {
    /// Only evidence dated on or before `date`: the graph as it stood then.
    pub fn as_of(mut self, date: Date) -> Self {
        self.0.to = Some(self.0.to.map_or(date, |t| t.min(date)));
        self
    }

    /// Only evidence dated from `first` to `last`, both included.
    pub fn between(mut self, first: Date, last: Date) -> Self {
        let (first, last) = (first.min(last), first.max(last));
        self.0.from = Some(self.0.from.map_or(first, |f| f.max(first)));
        self.0.to = Some(self.0.to.map_or(last, |t| t.min(last)));
        self
    }

    /// Only entities of these kinds in answers (the entity asked about always takes part).
    pub fn entity_kinds(mut self, kinds: impl IntoIterator<Item = EntityKind>) -> Self {
        self.0.entity_kinds = kinds.into_iter().collect();
        self
    }

    /// Only relations of these kinds. Memberships still tie officials to their state or
    /// force under [`through_members`](Self::through_members).
    pub fn relation_kinds(mut self, kinds: impl IntoIterator<Item = RelationKind>) -> Self {
        self.0.relation_kinds = kinds.into_iter().collect();
        self
    }

    /// Only relations whose admitted evidence has at least this combined confidence.
    pub fn min_confidence(mut self, confidence: f32) -> Self {
        self.0.min_confidence = if confidence.is_nan() {
            0.0
        } else {
            confidence.clamp(0.0, 1.0)
        };
        self
    }

    /// Only evidence from these documents (by id).
    pub fn documents<S: Into<String>>(mut self, ids: impl IntoIterator<Item = S>) -> Self {
        self.0.documents = Some(ids.into_iter().map(Into::into).collect());
        self
    }

    /// Whether an official's relations count for the state or force it is a member of
    /// ("the spokesman said" becomes "the Pentagon said"); the official then stands for it.
    pub fn through_members(mut self, yes: bool) -> Self {
        self.0.through_members = yes;
        self
    }

    /// The options.
    pub fn build(self) -> QueryOptions {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Polarity, Span};

    fn date(y: u16, m: u8, d: u8) -> Date {
        Date::new(y, m, d).unwrap_or(Date {
            year: 2000,
            month: 1,
            day: 1,
        })
    }

    fn evidence(day: Option<Date>) -> Evidence {
        Evidence {
            document: "a".into(),
            sentence: 0,
            span: Span::default(),
            confidence: 0.9,
            date: day,
            claim: None,
            attributed_to: None,
        }
    }

    #[test]
    fn windows_narrow_and_drop_undated_evidence() {
        let o = QueryOptions::builder()
            .between(date(2017, 1, 1), date(2014, 1, 1))
            .as_of(date(2015, 6, 1))
            .build();
        assert_eq!(
            (o.from(), o.to()),
            (Some(date(2014, 1, 1)), Some(date(2015, 6, 1)))
        );
        assert!(o.admits(&evidence(Some(date(2015, 1, 1)))));
        assert!(!o.admits(&evidence(Some(date(2016, 1, 1)))));
        assert!(!o.admits(&evidence(None)));
        assert!(QueryOptions::default().admits(&evidence(None)));
    }

    #[test]
    fn confidence_is_combined_over_admitted_evidence() {
        let relation = Relation {
            kind: RelationKind::Backs,
            polarity: Polarity::Asserted,
            evidence: vec![evidence(None), evidence(None)],
        };
        let strict = QueryOptions::builder().min_confidence(0.98).build();
        assert!(strict.admits_relation(&relation));
        let stricter = QueryOptions::builder().min_confidence(2.0).build();
        assert!(!stricter.admits_relation(&relation));
        let other_kind = QueryOptions::builder()
            .relation_kinds([RelationKind::Opposes])
            .build();
        assert!(!other_kind.admits_relation(&relation));
    }
}
