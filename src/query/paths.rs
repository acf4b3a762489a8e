//! Chains of ties between two actors: the shortest, and every simple one up to k hops, each
//! with its sign (a cooperative or a hostile chain) and the evidence for each hop.

use super::signed::{Link, Reading, Sign};
use super::{Actor, Query};
use crate::graph::EntityId;
use serde::Serialize;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A chain of ties from one actor to another.
#[derive(Debug, Clone, Serialize)]
pub struct Path<'g> {
    /// Where it starts.
    pub from: Actor<'g>,
    /// Where it ends.
    pub to: Actor<'g>,
    /// The product of the hops' signs: a cooperative or a hostile chain.
    pub sign: Sign,
    /// Each tie in order, with its evidence.
    pub hops: Vec<Link<'g>>,
}

impl<'g> Query<'g> {
    /// A shortest chain of ties from `a` to `b`, found by searching from both ends at once;
    /// `None` when no chain links them (or they are one actor).
    pub fn shortest_path(&self, a: EntityId, b: EntityId) -> Option<Path<'g>> {
        let (a, b) = (self.resolve(a), self.resolve(b));
        if a == b {
            return None;
        }
        let mut forward = Search::new(a);
        let mut backward = Search::new(b);
        loop {
            let (near, far) = if forward.frontier.len() <= backward.frontier.len() {
                (&mut forward, &backward)
            } else {
                (&mut backward, &forward)
            };
            if near.frontier.is_empty() {
                return None;
            }
            if let Some(meeting) = near.grow(far, |u| self.steps(u, a, b)) {
                let mut nodes = forward.trail(meeting);
                nodes.reverse();
                nodes.extend(backward.trail(meeting).into_iter().skip(1));
                return self.path_through(&nodes);
            }
        }
    }

    /// Every simple chain of at most `max_hops` ties from `a` to `b`, found depth first.
    /// Stop early with `take`: on a dense graph there are many.
    pub fn paths(&self, a: EntityId, b: EntityId, max_hops: usize) -> SimplePaths<'_, 'g> {
        let (a, b) = (self.resolve(a), self.resolve(b));
        let stack = if a == b || max_hops == 0 {
            Vec::new()
        } else {
            vec![(a, self.steps(a, a, b).into_iter())]
        };
        SimplePaths {
            query: self,
            to: b,
            max_hops,
            stack,
        }
    }

    /// The actors one tie away from `u` that a chain from `a` to `b` may go through.
    fn steps(&self, u: EntityId, a: EntityId, b: EntityId) -> Vec<EntityId> {
        let readings = self.readings(u);
        readings
            .chunk_by(|x, y| x.other == y.other)
            .filter_map(|run: &[Reading<'g>]| {
                let other = run.first()?.other;
                let admitted = other == a || other == b || self.admits(other);
                (admitted && self.sign_of(run).is_some()).then_some(other)
            })
            .collect()
    }

    fn path_through(&self, nodes: &[EntityId]) -> Option<Path<'g>> {
        let hops = nodes
            .windows(2)
            .map(|pair| match pair {
                [u, v] => self.tie(*u, *v),
                _ => None,
            })
            .collect::<Option<Vec<Link<'g>>>>()?;
        Some(Path {
            from: self.actor(*nodes.first()?)?,
            to: self.actor(*nodes.last()?)?,
            sign: hops
                .iter()
                .fold(Sign::Positive, |sign, hop| sign.times(hop.sign)),
            hops,
        })
    }
}

/// One side of a search from both ends: what it has reached, from where, at what depth.
struct Search {
    reached: HashMap<EntityId, (Option<EntityId>, usize), BuildHasherDefault<IdHasher>>,
    frontier: Vec<EntityId>,
    depth: usize,
}

impl Search {
    fn new(start: EntityId) -> Self {
        let mut reached = HashMap::default();
        reached.insert(start, (None, 0));
        Search {
            reached,
            frontier: vec![start],
            depth: 0,
        }
    }

    /// Reaches one level further. Returns where the two searches meet on the shortest
    /// chain, if they do: among the meetings of this level, the one nearest the other start.
    fn grow(
        &mut self,
        other: &Search,
        steps: impl Fn(EntityId) -> Vec<EntityId>,
    ) -> Option<EntityId> {
        self.depth += 1;
        let mut next = Vec::new();
        let mut meeting: Option<(usize, EntityId)> = None;
        for &u in &self.frontier {
            for v in steps(u) {
                if self.reached.contains_key(&v) {
                    continue;
                }
                self.reached.insert(v, (Some(u), self.depth));
                if let Some(&(_, depth)) = other.reached.get(&v) {
                    let candidate = (depth, v);
                    meeting = Some(meeting.map_or(candidate, |m| m.min(candidate)));
                }
                next.push(v);
            }
        }
        self.frontier = next;
        meeting.map(|(_, v)| v)
    }

    /// The chain from `node` back to this search's start.
    fn trail(&self, node: EntityId) -> Vec<EntityId> {
        let mut trail = vec![node];
        let mut at = node;
        while let Some(&(Some(parent), _)) = self.reached.get(&at) {
            trail.push(parent);
            at = parent;
        }
        trail
    }
}

/// The simple chains between two actors, yielded as a depth-first search finds them.
#[derive(Debug)]
pub struct SimplePaths<'q, 'g> {
    query: &'q Query<'g>,
    to: EntityId,
    max_hops: usize,
    /// The chain so far: each actor with the steps still to try from it.
    stack: Vec<(EntityId, std::vec::IntoIter<EntityId>)>,
}

impl<'g> Iterator for SimplePaths<'_, 'g> {
    type Item = Path<'g>;

    fn next(&mut self) -> Option<Path<'g>> {
        let start = self.stack.first()?.0;
        loop {
            let (_, steps) = self.stack.last_mut()?;
            let Some(v) = steps.next() else {
                self.stack.pop();
                continue;
            };
            if self.stack.iter().any(|(n, _)| *n == v) {
                continue;
            }
            if v == self.to {
                let mut nodes: Vec<EntityId> = self.stack.iter().map(|(n, _)| *n).collect();
                nodes.push(v);
                if let Some(path) = self.query.path_through(&nodes) {
                    return Some(path);
                }
            } else if self.stack.len() < self.max_hops {
                let next = self.query.steps(v, start, self.to).into_iter();
                self.stack.push((v, next));
            }
        }
    }
}

/// Entity ids are small distinct integers: one multiply spreads them (as rustc's FxHash does),
/// where SipHash would cost more than the rest of the search.
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}
