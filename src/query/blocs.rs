//! Factions: a partition of the actors that maximises structural balance — positive ties
//! inside a bloc, negative ties across. Frustration (the weight of the ties that break this)
//! is minimised by local moves in id order, then again on the blocs contracted to single
//! nodes, until no bloc merges: deterministic, no random seed, and the number of blocs is
//! whatever balances best.

use super::signed::{Reading, Sign};
use super::{Actor, Query};
use crate::graph::EntityId;
use petgraph::visit::NodeIndexable;
use serde::Serialize;

/// A move must gain more than this; float sums must not make moves go round in circles.
const EPSILON: f64 = 1e-9;
/// Passes over the nodes of one level before settling for what it has.
const MAX_PASSES: usize = 32;

/// The actors in factions, and how well the partition balances.
#[derive(Debug, Clone, Serialize)]
pub struct Blocs<'g> {
    /// The blocs, the largest first.
    pub blocs: Vec<Bloc<'g>>,
    /// 1 − frustration / total weight: 1 when every tie agrees with the partition.
    pub balance: f64,
    /// The weight of the positive ties across blocs and the negative ties inside them.
    pub frustration: f64,
    /// The weight of every tie.
    pub total_weight: f64,
    /// How many ties (pairs of actors) there are.
    pub ties: usize,
    /// How many of them the partition frustrates.
    pub frustrated_ties: usize,
}

/// One faction.
#[derive(Debug, Clone, Serialize)]
pub struct Bloc<'g> {
    /// Its actors, by name.
    pub members: Vec<Actor<'g>>,
}

impl Blocs<'_> {
    /// The index of the bloc `id` is in, if it has a tie.
    pub fn bloc_of(&self, id: EntityId) -> Option<usize> {
        self.blocs
            .iter()
            .position(|b| b.members.iter().any(|m| m.id == id))
    }
}

impl<'g> Query<'g> {
    /// The actors with at least one signed tie, partitioned into blocs.
    pub fn blocs(&self) -> Blocs<'g> {
        let (nodes, edges) = self.signed_graph();
        let assignment = partition(nodes.len(), &edges);

        let (mut frustration, mut total_weight, mut frustrated_ties) = (0.0, 0.0, 0);
        for &(u, v, w) in &edges {
            total_weight += w.abs();
            let together = assignment.get(u) == assignment.get(v);
            if (together && w < 0.0) || (!together && w > 0.0) {
                frustration += w.abs();
                frustrated_ties += 1;
            }
        }

        let count = assignment.iter().max().map_or(0, |m| m + 1);
        let mut blocs: Vec<Bloc<'g>> = (0..count).map(|_| Bloc { members: vec![] }).collect();
        for (node, bloc) in nodes.iter().zip(&assignment) {
            if let (Some(b), Some(actor)) = (blocs.get_mut(*bloc), self.actor(*node)) {
                b.members.push(actor);
            }
        }
        for b in &mut blocs {
            b.members
                .sort_by(|x, y| x.name.cmp(y.name).then(x.id.cmp(&y.id)));
        }
        blocs.sort_by(|x, y| {
            y.members.len().cmp(&x.members.len()).then_with(|| {
                x.members
                    .first()
                    .map(|m| m.name)
                    .cmp(&y.members.first().map(|m| m.name))
            })
        });
        Blocs {
            blocs,
            balance: if total_weight > 0.0 {
                1.0 - frustration / total_weight
            } else {
                1.0
            },
            frustration,
            total_weight,
            ties: edges.len(),
            frustrated_ties,
        }
    }

    /// The signed graph the options leave: its actors in id order and one edge per tied pair
    /// (indices into the actors, net weight: positive minus negative).
    fn signed_graph(&self) -> (Vec<EntityId>, Vec<(usize, usize, f64)>) {
        let mut ends: Vec<(EntityId, Reading<'g>)> = self
            .graph
            .relations()
            .filter(|edge| Sign::of(edge.relation.kind).is_some())
            .filter_map(|edge| {
                let (s, t) = (self.resolve(edge.source), self.resolve(edge.target));
                let reading = Reading {
                    other: s.max(t),
                    edge,
                };
                let kept = s != t
                    && self.admits(s)
                    && self.admits(t)
                    && reading.sign().is_some()
                    && self.options.admits_relation(edge.relation);
                kept.then_some((s.min(t), reading))
            })
            .collect();
        ends.sort_by_key(|(lo, r)| (*lo, r.other));

        // Dense indices, so that the clustering works on plain vectors.
        let mut index: Vec<Option<usize>> = vec![None; self.graph.petgraph().node_bound()];
        let mut nodes: Vec<EntityId> = ends.iter().flat_map(|(lo, r)| [*lo, r.other]).collect();
        nodes.sort_unstable();
        nodes.dedup();
        for (i, id) in nodes.iter().enumerate() {
            if let Some(slot) = index.get_mut(id.0 as usize) {
                *slot = Some(i);
            }
        }
        let at = |id: EntityId| index.get(id.0 as usize).copied().flatten();

        let mut run: Vec<Reading<'g>> = Vec::new();
        let mut scratch = Vec::new();
        let edges = ends
            .chunk_by(|(a, x), (b, y)| a == b && x.other == y.other)
            .filter_map(|pair| {
                let (lo, first) = pair.first()?;
                run.clear();
                run.extend(pair.iter().map(|(_, r)| *r));
                let net = self.net_weight(&run, &mut scratch);
                (net != 0.0).then_some((at(*lo)?, at(first.other)?, net))
            })
            .collect();
        (nodes, edges)
    }
}

/// Correlation clustering: local moves from singletons, then the same on the contracted
/// blocs, until no bloc merges. Returns each node's bloc.
fn partition(n: usize, edges: &[(usize, usize, f64)]) -> Vec<usize> {
    let mut assignment: Vec<usize> = (0..n).collect();
    let mut level = edges.to_vec();
    let mut size = n;
    loop {
        let moved = local_moves(size, &level);
        let blocs = moved.iter().max().map_or(0, |m| m + 1);
        // Every level starts from singletons, so as many blocs as nodes means none formed.
        if blocs == size {
            return assignment;
        }
        for a in &mut assignment {
            *a = moved.get(*a).copied().unwrap_or(*a);
        }
        level = contract(&level, &moved);
        size = blocs;
    }
}

/// Moves each node, in index order, to the bloc whose ties to it sum highest (an empty bloc
/// sums to zero), while that lowers frustration. Blocs are numbered by first member.
fn local_moves(n: usize, edges: &[(usize, usize, f64)]) -> Vec<usize> {
    let mut adjacency: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
    for &(u, v, w) in edges {
        if let Some(list) = adjacency.get_mut(u) {
            list.push((v, w));
        }
        if let Some(list) = adjacency.get_mut(v) {
            list.push((u, w));
        }
    }
    let mut bloc: Vec<usize> = (0..n).collect();
    let mut size: Vec<usize> = vec![1; n];
    let mut empty: Vec<usize> = Vec::new();
    // The sum of a node's ties per bloc, and which blocs it touched, reset after each node.
    let mut sum: Vec<f64> = vec![0.0; n];
    let mut touched: Vec<usize> = Vec::new();

    for _ in 0..MAX_PASSES {
        let mut moved = false;
        for (v, neighbours) in adjacency.iter().enumerate() {
            let Some(&current) = bloc.get(v) else {
                continue;
            };
            for &(u, w) in neighbours {
                if let Some((&b, s)) = bloc.get(u).and_then(|b| Some((b, sum.get_mut(*b)?))) {
                    if *s == 0.0 {
                        touched.push(b);
                    }
                    *s += w;
                }
            }
            let stay = sum.get(current).copied().unwrap_or(0.0);
            let mut target = None;
            let mut best = stay;
            for &b in &touched {
                let s = sum.get(b).copied().unwrap_or(0.0);
                if b != current && s > best + EPSILON {
                    (target, best) = (Some(b), s);
                }
            }
            // Alone in a new bloc sums to zero: better than any bloc that sums below it.
            let shared = size.get(current).is_some_and(|&s| s > 1);
            if shared && best < -EPSILON {
                target = empty.pop();
            }
            for b in touched.drain(..) {
                if let Some(s) = sum.get_mut(b) {
                    *s = 0.0;
                }
            }
            let Some(target) = target else { continue };
            if let Some(s) = size.get_mut(current) {
                *s -= 1;
                if *s == 0 {
                    empty.push(current);
                }
            }
            if let Some(s) = size.get_mut(target) {
                *s += 1;
            }
            if let Some(b) = bloc.get_mut(v) {
                *b = target;
            }
            moved = true;
        }
        if !moved {
            break;
        }
    }

    let mut renumber: Vec<Option<usize>> = vec![None; n];
    let mut next = 0;
    bloc.iter()
        .map(|&b| match renumber.get_mut(b) {
            Some(Some(id)) => *id,
            Some(slot) => {
                *slot = Some(next);
                next += 1;
                next - 1
            }
            None => b,
        })
        .collect()
}

/// The graph of blocs: one edge per pair of blocs with the sum of the ties between them.
fn contract(edges: &[(usize, usize, f64)], bloc: &[usize]) -> Vec<(usize, usize, f64)> {
    let mut between: Vec<(usize, usize, f64)> = edges
        .iter()
        .filter_map(|&(u, v, w)| {
            let (a, b) = (*bloc.get(u)?, *bloc.get(v)?);
            (a != b).then_some((a.min(b), a.max(b), w))
        })
        .collect();
    between.sort_by_key(|&(a, b, _)| (a, b));
    between
        .chunk_by(|x, y| (x.0, x.1) == (y.0, y.1))
        .filter_map(|run| {
            let &(a, b, _) = run.first()?;
            Some((a, b, run.iter().map(|e| e.2).sum()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_camps_at_war_form_two_blocs() {
        // 0–1–2 friends, 3–4 friends, every cross tie hostile.
        let edges = [
            (0, 1, 1.0),
            (1, 2, 1.0),
            (0, 2, 1.0),
            (3, 4, 1.0),
            (0, 3, -1.0),
            (2, 4, -1.0),
            (1, 3, -1.0),
        ];
        let blocs = partition(5, &edges);
        assert_eq!(blocs, [0, 0, 0, 1, 1]);
    }

    #[test]
    fn an_enemy_inside_leaves() {
        // 0 and 1 are both friends of 2 but enemies of each other, more strongly.
        let edges = [(0, 2, 1.0), (1, 2, 1.0), (0, 1, -3.0)];
        let blocs = partition(3, &edges);
        assert_ne!(blocs.first(), blocs.get(1));
    }

    #[test]
    fn contraction_sums_the_ties_between_blocs() {
        let edges = [(0, 1, 1.0), (0, 2, 2.0), (1, 2, -0.5), (2, 3, 1.0)];
        let contracted = contract(&edges, &[0, 0, 1, 1]);
        assert_eq!(contracted, [(0, 1, 1.5)]);
    }
}
