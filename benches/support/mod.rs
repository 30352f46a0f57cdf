//! A synthetic collection for benchmarks: decks of basic cards and a review log spread over a
//! year, deterministic for a given size.

#![allow(dead_code)]

use rand::{RngExt, SeedableRng};
use recall::deck::{Card, CardContent, Deck, DeckSource};
use recall::store::log::format_line;
use recall::store::EventKind;

/// 2026-11-23 10:00 UTC: "now" for every benchmark.
pub const NOW: i64 = 1_795_428_000_000;
const DAY: i64 = 86_400_000;

/// `decks` decks of `per_deck` basic cards each.
pub fn decks(decks: usize, per_deck: usize) -> Vec<Deck> {
    (0..decks)
        .map(|d| Deck {
            id: format!("deck-{d}"),
            title: format!("Synthetic deck {d}"),
            section: String::new(),
            description: None,
            cards: (0..per_deck)
                .map(|c| Card {
                    id: format!("card-{c}"),
                    content: CardContent::Basic {
                        front: format!(
                            "Question {c} of deck {d}: what does this synthetic card ask?"
                        ),
                        back: format!("Answer {c}: a short answer of typical length."),
                    },
                    tags: Vec::new(),
                    explain: None,
                    source: Vec::new(),
                    archived: false,
                    line: 0,
                })
                .collect(),
            source: DeckSource::Builtin("synthetic"),
        })
        .collect()
}

/// A log of `events` reviews over the last 365 days, in time order, on random cards.
pub fn log_text(decks: &[Deck], events: usize) -> String {
    let ids: Vec<String> = decks
        .iter()
        .flat_map(|d| d.cards.iter().map(move |c| d.global_id(c)))
        .collect();
    let mut rng = rand::rngs::StdRng::seed_from_u64(7);
    let mut out = String::with_capacity(events * 100);
    let start = NOW - 365 * DAY;
    for i in 0..events {
        let at = start + (i as i64) * (365 * DAY / events as i64);
        let card = &ids[rng.random_range(0..ids.len())];
        let rating = match rng.random_range(0..10) {
            0 => 1,
            1 => 2,
            9 => 4,
            _ => 3,
        };
        let ms = rng.random_range(1500..20_000);
        format_line(&mut out, at, card, EventKind::Review { rating, ms });
    }
    out
}

/// FSRS-6 parameters of an imaginary learner who remembers much better than the defaults
/// assume (higher initial stabilities, slower forgetting): the "known parameters" a synthetic
/// log is drawn from, so a fit to it must beat the defaults.
pub const LEARNER_PARAMS: [f32; 21] = [
    1.0, 3.5, 7.0, 20.0, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835, 0.0614,
    0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.35,
];

/// A log of about `reviews` answers on `decks`' cards, each drawn from a learner whose memory
/// follows FSRS-6 with `params`: every card is first seen on a random day of the last year,
/// then reviewed when FSRS (with those parameters) schedules it at 90% retention; each answer
/// is recalled with the true retrievability, then rated Hard/Good/Easy, else Again.
pub fn simulated_log(decks: &[Deck], params: &[f32], reviews: usize, seed: u64) -> String {
    let model = fsrs::FSRS::new(params).expect("valid parameters");
    let decay = params[20];
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let ids: Vec<String> = decks
        .iter()
        .flat_map(|d| d.cards.iter().map(move |c| d.global_id(c)))
        .collect();
    let start = NOW - 365 * DAY;
    let mut events: Vec<(i64, usize, u8)> = Vec::with_capacity(reviews + 64);
    let mut card = 0;
    while events.len() < reviews && card < ids.len() {
        let mut day = rng.random_range(0..300i64);
        let mut rating: u32 = match rng.random_range(0..10) {
            0..=1 => 1,
            2 => 2,
            9 => 4,
            _ => 3,
        };
        let mut state: Option<fsrs::MemoryState> = None;
        let mut elapsed = 0u32;
        while day < 365 {
            events.push((
                start + day * DAY + rng.random_range(0..12) * 3_600_000,
                card,
                rating as u8,
            ));
            let next = model.next_states(state, 0.9, elapsed).expect("next states");
            let memory = match rating {
                1 => next.again.memory,
                2 => next.hard.memory,
                3 => next.good.memory,
                _ => next.easy.memory,
            };
            state = Some(memory);
            let interval = model.next_interval(Some(memory.stability), 0.9, rating);
            elapsed = (interval.round() as u32).max(1);
            day += i64::from(elapsed);
            let r = fsrs::current_retrievability(memory, elapsed as f32, decay);
            rating = if rng.random::<f32>() < r {
                match rng.random_range(0..20) {
                    0..=2 => 2,
                    3..=4 => 4,
                    _ => 3,
                }
            } else {
                1
            };
        }
        card += 1;
    }
    events.sort_by_key(|&(at, ..)| at);
    events.truncate(reviews);
    let mut out = String::with_capacity(events.len() * 100);
    for (at, card, rating) in events {
        format_line(
            &mut out,
            at,
            &ids[card],
            EventKind::Review { rating, ms: 5000 },
        );
    }
    out
}

/// The same log as one `reviews.jsonl` in one home, and dealt round-robin into three devices'
/// `logs/<device>.jsonl` (each still in time order) in another: issue 16's two cases.
pub fn one_and_three_device_homes(text: &str) -> (tempfile::TempDir, tempfile::TempDir) {
    let one = tempfile::tempdir().expect("temp dir");
    std::fs::write(one.path().join("reviews.jsonl"), text).expect("write");
    let three = tempfile::tempdir().expect("temp dir");
    let paths3 = recall::store::Paths::under(three.path());
    paths3.ensure_log_dirs().expect("logs");
    let mut parts = vec![String::new(); 3];
    for (i, line) in text.lines().enumerate() {
        parts[i % 3].push_str(line);
        parts[i % 3].push('\n');
    }
    for (i, part) in parts.iter().enumerate() {
        std::fs::write(paths3.own_log(&format!("device-{i}")), part).expect("write");
    }
    (one, three)
}
