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
mod tokens;

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

/// The browser's cards, every card's folded text in one buffer (so a word is found with one
/// scan of it, not one search per card) and, computed the first time each is asked for,
/// their order by each column, so a keypress never sorts.
pub struct Index {
    facts: Vec<CardFacts>,
    /// Every card's folded text, one after another; card `i` is `text[starts[i]..starts[i + 1]]`.
    text: Vec<u8>,
    starts: Vec<usize>,
    orders: [OnceLock<Order>; SortKey::ALL.len()],
}

/// Every card sorted by one column, and where each run of equal values starts (so a
/// descending walk keeps ties in collection order without comparing cards again).
struct Order {
    order: Vec<u32>,
    runs: Vec<usize>,
}

impl Index {
    /// Wraps the facts `collect` built.
    pub fn new(facts: Vec<CardFacts>) -> Index {
        let mut text = Vec::with_capacity(facts.iter().map(|f| f.folded_text.len() + 1).sum());
        let mut starts = Vec::with_capacity(facts.len() + 1);
        for f in &facts {
            starts.push(text.len());
            text.extend_from_slice(f.folded_text.as_bytes());
            // A separator no folded word holds, so a phrase never spans two cards.
            text.push(0);
        }
        starts.push(text.len());
        Index {
            facts,
            text,
            starts,
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
        let picked = (!query.is_empty()).then(|| self.select(query));
        let keep = |i: &u32| picked.as_ref().is_none_or(|p| p[*i as usize]);
        let Order { order, runs } = self.sorted(key);
        if !descending {
            return order.iter().copied().filter(keep).collect();
        }
        let mut out = Vec::with_capacity(order.len());
        let mut end = order.len();
        for &start in runs.iter().rev() {
            out.extend(order[start..end].iter().copied().filter(keep));
            end = start;
        }
        out
    }

    /// Whether each card (in collection order) is selected: each word or phrase is found
    /// with one scan of the text buffer, then the cards are tested in memory order.
    fn select(&self, query: &Query) -> Vec<bool> {
        let texts = query.texts();
        // Each word's scan is independent: with several, they run side by side.
        let has: Vec<Vec<bool>> = if texts.len() > 1 {
            std::thread::scope(|s| {
                let scans: Vec<_> = texts
                    .iter()
                    .map(|f| s.spawn(move || self.holding(f)))
                    .collect();
                scans
                    .into_iter()
                    .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                    .collect()
            })
        } else {
            texts.iter().map(|f| self.holding(f)).collect()
        };
        self.facts
            .iter()
            .enumerate()
            .map(|(i, c)| query.matches_with(c, &|t| has[t][i]))
            .collect()
    }

    /// Which cards' text holds `needle`: one pass over the buffer, jumping to the next card
    /// after each find.
    fn holding(&self, needle: &memchr::memmem::Finder<'_>) -> Vec<bool> {
        let mut has = vec![false; self.facts.len()];
        let mut at = 0;
        while let Some(found) = needle.find(&self.text[at..]) {
            let pos = at + found;
            let card = self.starts.partition_point(|&s| s <= pos) - 1;
            let end = self.starts[card + 1];
            if pos + needle.needle().len() < end {
                has[card] = true;
            }
            at = end;
            if at >= self.text.len() {
                break;
            }
        }
        has
    }

    /// The order of every card by `key`, ascending, ties in collection order.
    pub fn order(&self, key: SortKey) -> &[u32] {
        &self.sorted(key).order
    }

    fn sorted(&self, key: SortKey) -> &Order {
        self.orders[key.slot()].get_or_init(|| {
            // Sort on a number per card (one pass over the cards), not on the cards.
            let mut keyed: Vec<(u128, u32)> = self
                .facts
                .iter()
                .enumerate()
                .map(|(i, c)| (sort_key(c, key), i as u32))
                .collect();
            let tie = |a: u32, b: u32| match key {
                // Fronts sharing their first 16 bytes: the whole text decides.
                SortKey::Front => compare(&self.facts[a as usize], &self.facts[b as usize], key),
                _ => std::cmp::Ordering::Equal,
            };
            keyed.sort_unstable_by(|a, b| {
                a.0.cmp(&b.0)
                    .then_with(|| tie(a.1, b.1))
                    .then(a.1.cmp(&b.1))
            });
            let mut runs = Vec::new();
            for (n, w) in keyed.iter().enumerate() {
                let same = n > 0 && {
                    let p = keyed[n - 1];
                    p.0 == w.0 && tie(p.1, w.1).is_eq()
                };
                if !same {
                    runs.push(n);
                }
            }
            Order {
                order: keyed.into_iter().map(|(_, i)| i).collect(),
                runs,
            }
        })
    }
}

/// A number that sorts cards by `key` as `compare` does (for Front, by its first 16 bytes).
fn sort_key(c: &CardFacts, key: SortKey) -> u128 {
    // None first, then the f32's total order.
    let f = |x: Option<f32>| {
        x.map_or(0, |x| {
            let b = x.to_bits();
            let ordered = if b >> 31 == 1 { !b } else { b | 1 << 31 };
            u128::from(ordered) + 1
        })
    };
    match key {
        SortKey::Deck => c.entry as u128,
        SortKey::Front => {
            let mut prefix = [0u8; 16];
            let bytes = c.folded_text.as_bytes();
            let n = bytes.len().min(16);
            prefix[..n].copy_from_slice(&bytes[..n]);
            u128::from_be_bytes(prefix)
        }
        SortKey::Kind => match c.kind {
            "basic" => 0,
            "choice" => 1,
            "cloze" => 2,
            _ => 3,
        },
        SortKey::Phase => u128::from(phase_rank(c)),
        SortKey::Due => c
            .due
            .map_or(0, |d| (i128::from(d) - i128::from(i64::MIN) + 1) as u128),
        SortKey::Interval => u128::from(c.interval_days),
        SortKey::Stability => f(c.stability),
        SortKey::Difficulty => f(c.difficulty),
        SortKey::Retrievability => f(c.retrievability),
        SortKey::Lapses => u128::from(c.lapses),
        SortKey::Reps => u128::from(c.reps),
        SortKey::State => u128::from(state_rank(c)),
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
