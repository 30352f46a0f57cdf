//! The card browser's core, with no terminal in it: one row of facts per card, a search
//! language over them, sorting by any column, and the operations (suspend, bury, forget,
//! set due date) the browser and the CLI apply to the cards a search selects.
//!
//! Built for 100,000 cards: `Index` builds the facts once per load and each column's order
//! once, on first use; a keypress then parses the query and walks one precomputed order,
//! testing each card against the query (README "Performance").

pub mod facts;
pub mod history;
pub mod ops;
pub mod query;
mod refresh;

use std::sync::OnceLock;

pub use facts::{collect, CardFacts};
pub use query::{parse, Query, QueryError};

/// The columns the browser can sort by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SortKey {
    /// Collection order: deck by deck, cards as in their files.
    Deck,
    Front,
    Kind,
    Phase,
    Due,
    Interval,
    Stability,
    Difficulty,
    Retrievability,
    Lapses,
    Reps,
    /// Suspended, buried, leech, archived (cards with none first).
    State,
}

impl SortKey {
    /// Every key, in the browser's column order.
    pub const ALL: [SortKey; 12] = [
        SortKey::Deck,
        SortKey::Front,
        SortKey::Kind,
        SortKey::Phase,
        SortKey::Due,
        SortKey::Interval,
        SortKey::Stability,
        SortKey::Difficulty,
        SortKey::Retrievability,
        SortKey::Lapses,
        SortKey::Reps,
        SortKey::State,
    ];

    fn slot(self) -> usize {
        SortKey::ALL.iter().position(|&k| k == self).unwrap_or(0)
    }
}

/// The browser's cards and, computed the first time each is asked for, their order by each
/// column, so a keypress never sorts.
pub struct Index {
    facts: Vec<CardFacts>,
    orders: [OnceLock<Vec<u32>>; SortKey::ALL.len()],
}

impl Index {
    /// Wraps the facts `collect` built.
    pub fn new(facts: Vec<CardFacts>) -> Index {
        Index {
            facts,
            orders: Default::default(),
        }
    }

    /// Every card, in collection order.
    pub fn facts(&self) -> &[CardFacts] {
        &self.facts
    }

    /// The indices (into `facts`) of the cards `query` selects, sorted by `key` (ties in
    /// collection order), reversed when `descending` (ties stay in collection order).
    pub fn search(&self, query: &Query, key: SortKey, descending: bool) -> Vec<u32> {
        let order = self.order(key);
        let pick = |&i: &u32| query.matches(&self.facts[i as usize]);
        if !descending {
            return order.iter().copied().filter(|i| pick(i)).collect();
        }
        // Reverse by runs of equal keys, so ties keep collection order either way.
        let mut out: Vec<u32> = Vec::new();
        let mut end = order.len();
        while end > 0 {
            let last = &self.facts[order[end - 1] as usize];
            let mut start = end - 1;
            while start > 0 && compare(&self.facts[order[start - 1] as usize], last, key).is_eq() {
                start -= 1;
            }
            out.extend(order[start..end].iter().copied().filter(|i| pick(i)));
            end = start;
        }
        out
    }

    /// The order of every card by `key`, ascending, ties in collection order.
    pub fn order(&self, key: SortKey) -> &[u32] {
        self.orders[key.slot()].get_or_init(|| {
            let mut order: Vec<u32> = (0..self.facts.len() as u32).collect();
            if key != SortKey::Deck {
                order.sort_by(|&a, &b| {
                    compare(&self.facts[a as usize], &self.facts[b as usize], key)
                });
            }
            order
        })
    }
}

/// Compares two cards by one column; cards with no value (new cards' due, stability...)
/// sort before every value.
pub fn compare(a: &CardFacts, b: &CardFacts, key: SortKey) -> std::cmp::Ordering {
    let f = |x: Option<f32>, y: Option<f32>| match (x, y) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        (x, y) => x.is_some().cmp(&y.is_some()),
    };
    match key {
        SortKey::Deck => a.entry.cmp(&b.entry),
        SortKey::Front => a.folded_text.cmp(&b.folded_text),
        SortKey::Kind => a.kind.cmp(b.kind),
        SortKey::Phase => phase_rank(a).cmp(&phase_rank(b)),
        SortKey::Due => a.due.cmp(&b.due),
        SortKey::Interval => a.interval_days.cmp(&b.interval_days),
        SortKey::Stability => f(a.stability, b.stability),
        SortKey::Difficulty => f(a.difficulty, b.difficulty),
        SortKey::Retrievability => f(a.retrievability, b.retrievability),
        SortKey::Lapses => a.lapses.cmp(&b.lapses),
        SortKey::Reps => a.reps.cmp(&b.reps),
        SortKey::State => state_rank(a).cmp(&state_rank(b)),
    }
}

fn phase_rank(c: &CardFacts) -> u8 {
    use crate::schedule::Phase;
    match c.phase {
        Phase::New => 0,
        Phase::Learning => 1,
        Phase::Review => 2,
        Phase::Relearning => 3,
    }
}

fn state_rank(c: &CardFacts) -> u8 {
    u8::from(c.suspended) << 3
        | u8::from(c.buried) << 2
        | u8::from(c.leech) << 1
        | u8::from(c.archived)
}

#[cfg(test)]
mod tests;
