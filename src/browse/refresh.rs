//! Keeping the browser's rows current after an action without building them all again: the
//! scheduling fields of the cards an action changed are read anew from the collection (the
//! text of a card never changes by an action), and the orders by schedule columns are
//! dropped, to be sorted again on the next search by them. The cost is the changed cards.

use super::{CardFacts, Index, SortKey};
use crate::schedule::{Millis, Phase, Scheduler};
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
            let seen = e.state.phase != Phase::New;
            *f = CardFacts {
                phase: e.state.phase,
                due: seen.then_some(e.state.due),
                due_days: seen.then(|| scheduler.day_of(e.state.due) - today),
                interval_days: e.state.interval_days,
                stability: seen.then_some(e.state.stability),
                difficulty: seen.then_some(e.state.difficulty),
                retrievability: seen.then(|| scheduler.retrievability(&e.state, now)),
                lapses: e.state.lapses,
                reps: e.state.reps,
                suspended: e.suspended,
                buried: e.buried_day == Some(today),
                leech: e.leech,
                archived: e.archived,
                ..std::mem::replace(f, CardFacts::placeholder())
            };
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

impl CardFacts {
    /// An empty row, only ever swapped in for a moment while a row is rebuilt.
    fn placeholder() -> CardFacts {
        CardFacts {
            entry: 0,
            id: String::new(),
            deck_index: 0,
            deck: String::new(),
            front: String::new(),
            back: String::new(),
            explain: String::new(),
            tags: Vec::new(),
            kind: "",
            phase: Phase::New,
            due: None,
            due_days: None,
            interval_days: 0,
            stability: None,
            difficulty: None,
            retrievability: None,
            lapses: 0,
            reps: 0,
            suspended: false,
            buried: false,
            leech: false,
            archived: false,
            file: None,
            line: 0,
            folded_text: String::new(),
            folded_deck: String::new(),
            folded_tags: Vec::new(),
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
        index.refresh(&col, &s, now, &[1, 3]);
        assert_eq!(index.facts(), collect(&col, &s, now).as_slice());
        assert_eq!(index.search(&all, SortKey::State, true)[0], 3);
    }
}
