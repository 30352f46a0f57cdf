use proptest::prelude::*;

use super::*;
use crate::deck::{parse_deck, Deck, DeckSource};
use crate::study::Queue;

const T0: Millis = 1_795_428_000_000;
const HOUR: Millis = 3_600_000;

fn scheduler() -> Scheduler {
    Scheduler::new(crate::schedule::SchedulerConfig::default()).expect("defaults")
}

/// A deck whose cards are cloze siblings (`n<k>-c<j>`) or plain cards; no notes: a deck with
/// no cards (made from one card, then emptied, as the parser wants one).
fn deck(id: &str, notes: &[u8]) -> Deck {
    if notes.is_empty() {
        let mut empty = deck(id, &[0]);
        empty.cards.clear();
        return empty;
    }
    let mut src = format!("[deck]\nid = \"{id}\"\ntitle = \"{id}\"\n");
    for (k, &siblings) in notes.iter().enumerate() {
        let ids: Vec<String> = if siblings < 2 {
            vec![format!("plain{k}")]
        } else {
            (1..=siblings).map(|j| format!("n{k}-c{j}")).collect()
        };
        for c in ids {
            src.push_str(&format!(
                "[[cards]]\nid = \"{c}\"\nfront = \"F\"\nback = \"B\"\n"
            ));
        }
    }
    parse_deck(&src, "t.toml", DeckSource::Builtin("t.toml")).expect("valid")
}

/// One card's state: phase, due and last answer in hours from now, and its flags.
#[derive(Clone, Debug)]
struct Card {
    phase: u8,
    due_h: i64,
    last_h: Option<i64>,
    suspended: bool,
    buried: Option<bool>,
    archived: bool,
}

fn card() -> impl Strategy<Value = Card> {
    (
        0u8..4,
        -50i64..50,
        proptest::option::of(-40i64..0),
        proptest::bool::weighted(0.1),
        proptest::option::weighted(0.15, any::<bool>()),
        proptest::bool::weighted(0.05),
    )
        .prop_map(|(phase, due_h, last_h, suspended, buried, archived)| Card {
            phase,
            due_h,
            last_h,
            suspended,
            buried,
            archived,
        })
}

fn collection(
    notes: &[Vec<u8>],
    states: &[Card],
    done: &[(u32, u32)],
    counted_today: bool,
    now: Millis,
) -> Collection {
    let s = scheduler();
    let decks = notes
        .iter()
        .enumerate()
        .map(|(i, n)| deck(&format!("d{i}"), n))
        .collect();
    let today = s.day_of(now);
    let mut col = Collection::unanswered(decks, today);
    for (e, c) in col.cards.iter_mut().zip(states.iter().cycle()) {
        e.state.phase = [
            Phase::New,
            Phase::Learning,
            Phase::Relearning,
            Phase::Review,
        ][c.phase as usize];
        e.state.due = match e.state.phase {
            Phase::New => 0,
            Phase::Review => s.day_start(s.day_of(now + c.due_h * HOUR)),
            _ => now + c.due_h * HOUR,
        };
        e.state.last_review = c.last_h.map(|h| now + h * HOUR);
        e.suspended = c.suspended;
        e.buried_day = c.buried.map(|t| if t { today } else { today - 1 });
        e.archived = c.archived;
    }
    for (count, &(new, reviews)) in col.counts.iter_mut().zip(done.iter().cycle()) {
        *count = DayCounts { new, reviews };
    }
    col.counts_day = if counted_today { today } else { today - 1 };
    col
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Zero decks, and decks with no cards among the others, included.
    #[test]
    fn the_counts_are_the_queues_counts_for_every_deck_and_for_all(
        notes in proptest::collection::vec(proptest::collection::vec(0u8..4, 0..8), 0..5),
        states in proptest::collection::vec(card(), 1..30),
        done in proptest::collection::vec((0u32..5, 0u32..5), 1..5),
        counted_today in any::<bool>(),
        new_per_day in 0u32..8,
        reviews_per_day in 0u32..8,
        hour in 0i64..24,
    ) {
        let now = T0 + hour * HOUR;
        let col = collection(&notes, &states, &done, counted_today, now);
        let s = scheduler();
        let limits = Limits { new_per_day, reviews_per_day, ..Limits::default() };
        let got = due_counts(&col, limits, &s, now);
        for d in 0..col.decks.len() {
            let queue = Queue::build(&col, Scope::Deck(d), limits, &s, now).counts();
            prop_assert_eq!(got.per_deck[d], queue, "deck {}", d);
        }
        let all = Queue::build(&col, Scope::All, limits, &s, now).counts();
        prop_assert_eq!(got.total, all);
    }
}

#[test]
fn a_sibling_answered_today_keeps_its_note_out_of_the_new_count() {
    let now = T0 + 12 * HOUR;
    let plain = Card {
        phase: 0,
        due_h: 0,
        last_h: None,
        suspended: false,
        buried: None,
        archived: false,
    };
    let answered = Card {
        phase: 3,
        due_h: 30,
        last_h: Some(-1),
        ..plain.clone()
    };
    // Deck 0: note n0 has three cards (the last answered an hour ago), then one plain card.
    let col = collection(
        &[vec![3, 0]],
        &[plain.clone(), plain.clone(), answered, plain],
        &[(0, 0)],
        true,
        now,
    );
    let got = due_counts(&col, Limits::default(), &scheduler(), now);
    // Only the plain card is new today: n0's cards wait for another day.
    assert_eq!(got.per_deck[0].new, 1);
    assert_eq!(got.total.new, 1);
}
