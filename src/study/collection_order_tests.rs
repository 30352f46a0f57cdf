//! The replay sorted by card (each thread reading only its own cards' events) against the
//! plain order it replaced: every live event applied in log order, on one thread.

use proptest::prelude::*;

use super::*;
use crate::deck::{parse_deck, DeckSource};
use crate::store::{LogEvent, Origin};

/// The replay as it was before the sort: one pass over the whole log in log order.
fn in_log_order(col: &mut Collection, log: &LoadedLog, scheduler: &Scheduler, today: i32) {
    let live = effective_events(log);
    let mut counts = vec![DayCounts::default(); col.decks.len()];
    for (ev, _) in log.events.iter().zip(&live).filter(|(_, &l)| l) {
        let Some(ci) = log.cards.get(ev.card as usize).and_then(|id| col.find(id)) else {
            continue;
        };
        apply_event(&mut col.cards[ci], ev, scheduler, today, &mut counts);
    }
    col.counts = counts;
}

fn deck(id: &str, cards: usize) -> Deck {
    let mut src = format!("[deck]\nid = \"{id}\"\ntitle = \"{id}\"\n");
    for i in 0..cards {
        src.push_str(&format!(
            "[[cards]]\nid = \"c{i}\"\nfront = \"f\"\nback = \"b\"\n"
        ));
    }
    parse_deck(&src, id, DeckSource::Builtin("d")).expect("deck")
}

/// Every field of every card, and the day counts.
fn state(col: &Collection) -> (Vec<String>, Vec<DayCounts>) {
    let cards = col.cards.iter().map(|c| format!("{c:?}")).collect();
    (cards, col.counts.clone())
}

/// One event: kind, card (some ids name no loaded deck), file, minutes after the last.
fn event() -> impl Strategy<Value = (u8, usize, u32, i64)> {
    (0u8..14, 0usize..40, 0u32..2, 0i64..3000)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn sorted_threaded_replay_equals_the_log_order_replay(
        events in proptest::collection::vec(event(), 0..400),
        threads in 1usize..6,
        leech_suspends: bool,
    ) {
        let decks = vec![deck("a", 13), deck("b", 1), deck("c", 20)];
        // 40 ids: "a/c0".."a/c12", "b/c0", "c/c0".."c/c19", then 5 of a deck not loaded.
        let mut ids: Vec<String> = (0..13).map(|i| format!("a/c{i}")).collect();
        ids.push("b/c0".into());
        ids.extend((0..20).map(|i| format!("c/c{i}")));
        ids.extend((0..6).map(|i| format!("gone/c{i}")));
        // Interned in a shuffled order, as a real log interns by first mention.
        ids.reverse();
        let config = crate::schedule::SchedulerConfig {
            leech_threshold: 2,
            leech_suspends,
            ..Default::default()
        };
        let s = Scheduler::new(config).expect("scheduler");
        let mut at = 1_780_000_000_000i64;
        let mut seqs = [0u32; 2];
        let mut log = LoadedLog { cards: ids, ..LoadedLog::default() };
        for &(kind, card, file, minutes) in &events {
            at += minutes * 60_000;
            let seq = &mut seqs[file as usize];
            *seq += 1;
            let kind = match kind {
                0 => EventKind::Undo,
                // An earlier seq of this file (or one never written: an undo with no target).
                1 => EventKind::UndoOf((*seq).saturating_sub(1 + (minutes as u32 % 4))),
                2 => EventKind::Suspend,
                3 => EventKind::Unsuspend,
                4 => EventKind::Bury,
                5 => EventKind::Unbury,
                6 => EventKind::QuizMiss,
                7 => EventKind::Forget,
                8 => EventKind::SetDue { days: minutes as u32 % 9, reset: minutes % 2 == 0 },
                9 => EventKind::Cram { rating: 1, ms: 0 },
                r => EventKind::Review { rating: r - 9, ms: 0 },
            };
            log.events.push(LogEvent { at, card: card as u32, kind });
            log.origins.push(Origin { file, seq: *seq });
        }
        // Today is the day of the last event, so the day counts have something to count.
        let today = s.day_of(at);
        let mut sorted = Collection::unanswered(decks.clone(), today);
        sorted.apply_log(&log, &s, today, threads);
        let mut plain = Collection::unanswered(decks, today);
        in_log_order(&mut plain, &log, &s, today);
        prop_assert_eq!(state(&sorted), state(&plain));
    }
}

#[test]
fn ranges_split_by_events_cover_every_card_once() {
    // 10 events on 6 cards: 5 on card 1, 1 on card 3, 4 on card 4.
    let per_card = [0, 5, 0, 1, 4, 0];
    assert_eq!(split(&per_card, 10, 1), (vec![6], vec![10]));
    assert_eq!(split(&per_card, 10, 2), (vec![2, 6], vec![5, 5]));
    assert_eq!(split(&per_card, 10, 3), (vec![2, 5, 6], vec![5, 5, 0]));
    // More parts than cards with events: the last ones are empty.
    assert_eq!(split(&[3], 3, 3), (vec![1, 1, 1], vec![3, 0, 0]));
    assert_eq!(split(&[0; 3], 0, 2), (vec![0, 3], vec![0, 0]));
    assert_eq!(split(&[], 0, 2), (vec![0, 0], vec![0, 0]));
}
