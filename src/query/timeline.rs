//! How the relation between two actors changed: what the texts said about the pair, date by
//! date, with the sign each date leans to and where it turned.

use super::signed::{Reading, Sign, Statement};
use super::{Actor, Query};
use crate::graph::{EntityId, Evidence};
use crate::model::Date;
use serde::Serialize;

/// The history of a pair.
#[derive(Debug, Clone, Serialize)]
pub struct Timeline<'g> {
    /// One actor.
    pub a: Actor<'g>,
    /// The other.
    pub b: Actor<'g>,
    /// The earliest dated evidence about the pair.
    pub first_date: Option<Date>,
    /// The latest.
    pub last_date: Option<Date>,
    /// Date by date, oldest first; undated evidence comes last, with no date.
    pub moments: Vec<Moment<'g>>,
}

/// What the texts of one date said about the pair.
#[derive(Debug, Clone, Serialize)]
pub struct Moment<'g> {
    /// The date of the documents, or none.
    pub date: Option<Date>,
    /// The sign that date's ties lean to; none when it states no tie or both weigh the same.
    pub sign: Option<Sign>,
    /// Whether the sign differs from the last date that had one.
    pub changed: bool,
    /// Every relation stated that date between the two, with that date's evidence.
    pub statements: Vec<Statement<'g>>,
}

impl<'g> Query<'g> {
    /// How the relation between `a` and `b` changed, in both directions and every kind
    /// (denials and negations included); `None` when either is not in the graph.
    pub fn timeline(&self, a: EntityId, b: EntityId) -> Option<Timeline<'g>> {
        let (a, b) = (self.resolve(a), self.resolve(b));
        let readings: Vec<Reading<'g>> = self.relations_at(a).filter(|r| r.other == b).collect();
        let mut dates: Vec<Option<Date>> = readings
            .iter()
            .flat_map(|r| self.options.evidence(r.edge.relation).map(|e| e.date))
            .collect();
        dates.sort_by_key(|d| (d.is_none(), *d));
        dates.dedup();

        let mut moments = Vec::new();
        let mut last_sign = None;
        for date in dates {
            let of_date = |r: &Reading<'g>| -> Vec<&'g Evidence> {
                self.options
                    .evidence(r.edge.relation)
                    .filter(|e| e.date == date)
                    .collect()
            };
            let weigh = |sign: Sign| {
                let evidence: Vec<&'g Evidence> = readings
                    .iter()
                    .filter(|r| r.sign() == Some(sign))
                    .flat_map(of_date)
                    .collect();
                self.weight(&evidence)
            };
            let (positive, negative) = (weigh(Sign::Positive), weigh(Sign::Negative));
            let sign = Sign::lean(positive, negative);
            let changed =
                date.is_some() && sign.is_some() && last_sign.is_some() && sign != last_sign;
            if date.is_some() && sign.is_some() {
                last_sign = sign;
            }
            let statements = readings
                .iter()
                .filter_map(|r| {
                    let evidence = of_date(r);
                    if evidence.is_empty() {
                        return None;
                    }
                    self.statement(r.edge, evidence.into_iter())
                })
                .collect();
            moments.push(Moment {
                date,
                sign,
                changed,
                statements,
            });
        }
        Some(Timeline {
            a: self.actor(a)?,
            b: self.actor(b)?,
            first_date: moments.iter().filter_map(|m| m.date).min(),
            last_date: moments.iter().filter_map(|m| m.date).max(),
            moments,
        })
    }
}
