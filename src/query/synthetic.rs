//! A generated graph for benchmarks: hidden factions, friendly ties mostly inside them and
//! hostile ties mostly across, every relation with one dated piece of evidence. Built through
//! the graph's own constructors, so it is shaped as ingest shapes a graph, without the text.

use crate::graph::{Evidence, KnowledgeGraph};
use crate::model::{Date, EntityKind, Polarity, RelationKind, Span};

/// Hidden factions the ties follow.
const FACTIONS: u64 = 8;

/// A graph of `entities` entities and about `relations` relations (pairs drawn twice merge),
/// the same for the same `seed`.
#[doc(hidden)]
pub fn synthetic_graph(entities: u32, relations: usize, seed: u64) -> KnowledgeGraph {
    let mut graph = KnowledgeGraph::new();
    let mut rng = SplitMix(seed);
    let kinds = [
        EntityKind::State,
        EntityKind::Force,
        EntityKind::Force,
        EntityKind::Official,
        EntityKind::Organization,
    ];
    let ids: Vec<_> = (0..entities)
        .map(|i| {
            let kind = kinds
                .get(rng.below(kinds.len() as u64) as usize)
                .copied()
                .unwrap_or(EntityKind::Force);
            graph.add_entity(&format!("actor {i}"), kind)
        })
        .collect();
    let faction = |i: u64| i % FACTIONS;
    let count = ids.len() as u64;
    if count < 2 {
        return graph;
    }
    for r in 0..relations {
        let a = rng.below(count);
        let mut b = rng.below(count - 1);
        if b >= a {
            b += 1;
        }
        let (Some(&source), Some(&target)) = (ids.get(a as usize), ids.get(b as usize)) else {
            continue;
        };
        let roll = rng.below(100);
        let kind = match roll {
            0..5 => RelationKind::Denies,
            5..10 => RelationKind::MemberOf,
            // One tie in ten goes against the factions, as real alliances do.
            _ if (faction(a) == faction(b)) != roll.is_multiple_of(10) => {
                if roll.is_multiple_of(2) {
                    RelationKind::CoordinatesWith
                } else {
                    RelationKind::Backs
                }
            }
            _ => RelationKind::Opposes,
        };
        let polarity = if rng.below(20) == 0 {
            Polarity::Negated
        } else {
            Polarity::Asserted
        };
        let date = Date::new(
            2010 + rng.below(14) as u16,
            1 + rng.below(12) as u8,
            1 + rng.below(28) as u8,
        );
        let evidence = Evidence {
            document: format!("doc {}", r / 10).into(),
            sentence: (r % 10) as u32,
            span: Span::new(0, 0),
            confidence: 0.5 + rng.below(50) as f32 / 100.0,
            date,
            claim: None,
            attributed_to: None,
        };
        graph.add_relation(source, kind, target, polarity, evidence);
    }
    graph
}

/// SplitMix64: small, fast, and enough to spread ties.
struct SplitMix(u64);

impl SplitMix {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) % n.max(1)
    }
}
