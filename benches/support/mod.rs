//! A synthetic collection for benchmarks: decks of basic cards and a review log spread over a
//! year, deterministic for a given size.

#![allow(dead_code)]

use rand::{Rng, SeedableRng};
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
