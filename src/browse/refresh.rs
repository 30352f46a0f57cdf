//! Keeping the browser's rows current after an action without building them all again: the
//! scheduling fields of the cards an action changed are read anew from the collection (the
//! text of a card never changes by an action), and the orders by schedule columns are
//! dropped, to be sorted again on the next search by them. The cost is the changed cards.

use super::{Index, SortKey};
use crate::schedule::{Millis, Scheduler};
use crate::study::Collection;

impl Index {
    /// Reads the state of the cards `entries` (collection indices, which are their rows)
    /// from `col` as of `now`, as `collect` would.
    pub fn refresh(
        &mut self,
        col: &Collection,
        scheduler: &Scheduler,
        now: Millis,
        entries: &[usize],
    ) {
        let today = scheduler.day_of(now);
        for &entry in entries {
            let (Some(f), Some(e)) = (self.facts.get_mut(entry), col.cards.get(entry)) else {
                continue;
            };
            f.set_schedule(e, scheduler, today, now);
        }
        if entries.is_empty() {
            return;
        }
        // Orders by text and kind do not depend on the schedule: they are kept.
        for key in SortKey::ALL {
            if !matches!(key, SortKey::Deck | SortKey::Front | SortKey::Kind) {
                self.orders[key.slot()] = std::sync::OnceLock::new();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::browse::{collect, parse};
    use crate::deck::{parse_deck, DeckSource};
    use crate::store::LoadedLog;

    #[test]
    fn refreshed_rows_equal_rows_collected_anew_and_orders_follow() {
        let mut src = "[deck]\nid = \"d\"\ntitle = \"d\"\n".to_string();
        for i in 0..5 {
            src.push_str(&format!(
                "[[cards]]\nid = \"c{i}\"\nfront = \"f{i}\"\nback = \"b\"\n"
            ));
        }
        let deck = parse_deck(&src, "d", DeckSource::Builtin("d")).expect("deck");
        let s = Scheduler::new(Default::default()).expect("defaults");
        let now = 1_700_000_000_000;
        let mut col = Collection::replay(vec![deck], &LoadedLog::default(), &s, now);
        let mut index = Index::new(collect(&col, &s, now));
        let all = parse("").expect("parses");
        assert_eq!(index.search(&all, SortKey::State, true)[0], 0);
        col.cards[3].suspended = true;
        col.cards[1].state = s.rate(&col.cards[1].state, crate::schedule::Rating::Good, now, 1);
        // Given a due date before any answer (set due date on a new card): due, but no
        // memory state yet.
        col.cards[2].state.phase = crate::schedule::Phase::Review;
        col.cards[2].state.due = now + 86_400_000;
        index.refresh(&col, &s, now, &[1, 2, 3]);
        assert_eq!(index.facts(), collect(&col, &s, now).as_slice());
        assert_eq!(index.search(&all, SortKey::State, true)[0], 3);
    }
}
