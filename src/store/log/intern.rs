//! Card ids resolved once into indexes, by every thread that parses a piece of the log.
//!
//! Each device's file (or each half of a large file) is parsed on its own thread. All of them
//! resolve card ids through one [`SharedInterner`], so the parsed events of every piece already
//! name cards by the same slot, and merging the pieces moves indexes, never strings. A thread
//! asks the shared table only the first time its piece names a card (a [`PartInterner`] keeps
//! the answers, borrowing the ids from the file's bytes); the table is split in shards, each
//! behind its own lock, so the threads rarely wait for each other.
//!
//! Slots are handed out in whatever order the threads arrive, so [`SharedInterner::finish`]
//! renumbers them into a fixed order: by the first piece that names a card, then by where in
//! that piece it is first named. For one file that is the order of first appearance; for
//! several it is the first file's cards, then the second's new ones, and so on. The same files
//! always give the same indexes, however the threads were scheduled.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::BuildHasher;
use std::sync::{Mutex, PoisonError};

use crate::fnv::FnvBuildHasher;

const SHARD_BITS: u32 = 4;
const SHARDS: usize = 1 << SHARD_BITS;

/// The card-id table every parsing thread shares (see the module comment).
pub struct SharedInterner {
    shards: [Mutex<Shard>; SHARDS],
}

#[derive(Default)]
struct Shard {
    ids: HashMap<Box<str>, u32, FnvBuildHasher>,
    /// For each id of this shard (by its index here): the earliest (piece, position of first
    /// mention in that piece) that named it.
    first: Vec<(u32, u32)>,
}

impl Default for SharedInterner {
    fn default() -> Self {
        SharedInterner {
            shards: std::array::from_fn(|_| Mutex::default()),
        }
    }
}

impl SharedInterner {
    /// The slot of `id`, which piece `part` names for the `local`-th new card of its own.
    fn resolve(&self, id: &str, part: u32, local: u32) -> u32 {
        let hash = FnvBuildHasher::default().hash_one(id);
        let s = (hash >> 40) as usize & (SHARDS - 1);
        let mut shard = self.shards[s]
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let key = (part, local);
        let i = match shard.ids.get(id) {
            Some(&i) => {
                let first = &mut shard.first[i as usize];
                *first = (*first).min(key);
                i
            }
            None => {
                let i = shard.first.len() as u32;
                shard.ids.insert(Box::from(id), i);
                shard.first.push(key);
                i
            }
        };
        (i << SHARD_BITS) | s as u32
    }

    /// The card ids in their fixed order, and the table from a slot to its index there.
    pub fn finish(self) -> (Vec<String>, Vec<u32>) {
        let shards: Vec<Shard> = self
            .shards
            .into_iter()
            .map(|m| m.into_inner().unwrap_or_else(PoisonError::into_inner))
            .collect();
        let count: usize = shards.iter().map(|s| s.first.len()).sum();
        let widest = shards.iter().map(|s| s.first.len()).max().unwrap_or(0);
        let mut all: Vec<((u32, u32), u32, Box<str>)> = Vec::with_capacity(count);
        for (s, shard) in shards.into_iter().enumerate() {
            for (id, i) in shard.ids {
                all.push((shard.first[i as usize], (i << SHARD_BITS) | s as u32, id));
            }
        }
        all.sort_unstable_by_key(|e| e.0);
        let mut table = vec![u32::MAX; widest << SHARD_BITS];
        let mut cards = Vec::with_capacity(all.len());
        for (index, (_, slot, id)) in all.into_iter().enumerate() {
            table[slot as usize] = index as u32;
            cards.push(id.into_string());
        }
        (cards, table)
    }
}

/// One thread's view of the shared table while it parses one piece: ids it has seen (borrowed
/// from the piece's bytes) answer without a lock.
pub struct PartInterner<'a, 's> {
    shared: &'s SharedInterner,
    part: u32,
    seen: HashMap<Cow<'a, str>, u32, FnvBuildHasher>,
}

impl<'a, 's> PartInterner<'a, 's> {
    /// A view for piece number `part` (pieces sort by this number, see the module comment).
    pub fn new(shared: &'s SharedInterner, part: u32) -> Self {
        PartInterner {
            shared,
            part,
            seen: HashMap::default(),
        }
    }

    /// The slot of a card id.
    pub fn intern(&mut self, id: Cow<'a, str>) -> u32 {
        if let Some(&slot) = self.seen.get(id.as_ref()) {
            return slot;
        }
        let slot = self.shared.resolve(&id, self.part, self.seen.len() as u32);
        self.seen.insert(id, slot);
        slot
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexes_follow_pieces_then_first_mention_whatever_order_threads_ran_in() {
        let shared = SharedInterner::default();
        // Piece 1 runs first, as a slow thread for piece 0 would let it.
        let mut b = PartInterner::new(&shared, 1);
        let b_slots: Vec<u32> = ["z", "y", "a"].map(|c| b.intern(c.into())).to_vec();
        let mut a = PartInterner::new(&shared, 0);
        let a_slots: Vec<u32> = ["a", "q", "a"].map(|c| a.intern(c.into())).to_vec();
        assert_eq!(a_slots[0], a_slots[2]);
        assert_eq!(a_slots[0], b_slots[2], "one slot for one id across pieces");
        let (cards, table) = shared.finish();
        assert_eq!(cards, ["a", "q", "z", "y"]);
        let named = |slots: &[u32]| -> Vec<&str> {
            slots
                .iter()
                .map(|&s| cards[table[s as usize] as usize].as_str())
                .collect()
        };
        assert_eq!(named(&a_slots), ["a", "q", "a"]);
        assert_eq!(named(&b_slots), ["z", "y", "a"]);
    }
}
